"""The processing times the store publishes (``GET /stats/processing-times``) on a PostgreSQL
store of 1 000 000 orientations (issue 18).

    python -m benchmarks.bench_figures [--orientations N] [--reps 9] [--keep | --database NAME]

The store is filled with synthetic rows written by PostgreSQL itself (``generate_series``): one
dossier per orientation, spread over the five organismes; 3 % closed through the store in the
last 30 days (the window of the figures), 36 % closed earlier, the others still open.

Measured, interleaved (the order turned at every repetition), ``--reps`` times each:

- in process, on the store's own services: the figures as the route serves them from
  ``published_figures`` (cached), computed by the grouped SQL query (``processing_times``) and
  computed the old way (``processing_times_python``: one SELECT per organisme, the quantiles in
  Python) — the baseline, each as a ratio against it;
- over HTTP, an ``accueil-ti serve`` process: the request when the kept figures are young
  (cached) and when they are not (the row deleted just before, untimed): what a sync round
  pays, and what one request in five minutes pays.

Printed: the EXPLAIN (ANALYZE, BUFFERS) of the grouped query, each figure's median and range
(min–max), the ratios' median and range, the load average before and after.
``--old-index`` measures with the index of migration 0008 (before INCLUDE (transmitted_at)).
``--keep`` keeps the filled database (its name is printed) and ``--database NAME`` measures an
existing one without filling it again.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import psycopg

from benchmarks.bench_sync import _create_database, _drop_database, _free_port
from benchmarks.common import isolated_env, machine, migrated_with_agent, plain_url, workdir

PASSWORD = "bench-password"
LOGIN = "bench.bre"


def fill(url: str, orientations: int, now: datetime) -> float:
    """Migrate, then write ``orientations`` dossiers of one orientation each (SQL only)."""
    from app.forms.codes import ORGANISMES

    started = time.perf_counter()
    migrated_with_agent(url, LOGIN, PASSWORD, organisme="urssaf", site="BRE", role="accueil")
    organismes = "ARRAY[" + ",".join(f"'{o}'" for o in ORGANISMES) + "]"
    with psycopg.connect(plain_url(url), autocommit=True) as conn:
        conn.execute("SELECT setseed(0.18)")
        conn.execute(
            "INSERT INTO dossiers (id, number, site, revision, urgent, status, payload, "
            "content_hash, updated_at, change_seq) "
            "SELECT md5(i::text)::uuid, 'TI-BRE-01-2026-' || lpad(i::text, 7, '0'), 'BRE', 1, "
            "false, 'oriente', '{}', repeat('0', 64), %(now)s, i "
            "FROM generate_series(1, %(n)s) AS i", {"now": now, "n": orientations})
        # closed through the store: 3 % in the window, 36 % before it; the others open
        conn.execute(
            "INSERT INTO orientations (dossier_id, organisme, status, outcome, note, "
            "updated_at, transmitted_at, closed_at, timed) "
            "SELECT id, organisme, CASE WHEN closed IS NULL THEN 'en_cours' ELSE 'cloturee' "
            "END, CASE WHEN closed IS NULL THEN NULL ELSE 'aide_accordee' END, '', "
            "coalesce(closed, sent), sent, closed, closed IS NOT NULL FROM ("
            " SELECT id, organisme, closed, CASE WHEN closed IS NULL THEN "
            "  %(now)s - r2 * interval '730 days' ELSE closed - r2 * interval '40 days' END "
            "  AS sent FROM ("
            "  SELECT id, organisme, r2, CASE WHEN bucket < 3 THEN "
            "   %(now)s - r1 * interval '29 days' WHEN bucket < 39 THEN "
            "   %(now)s - interval '31 days' - r1 * interval '700 days' END AS closed FROM ("
            f"   SELECT md5(i::text)::uuid AS id, ({organismes})[1 + (i / 100) %% 5] AS organisme, "
            "    i %% 100 AS bucket, random() AS r1, random() AS r2 "
            "    FROM generate_series(1, %(n)s) AS i) AS drawn) AS closing) AS sending",
            {"now": now, "n": orientations})
        conn.execute("VACUUM ANALYZE dossiers")
        conn.execute("VACUUM ANALYZE orientations")
    return time.perf_counter() - started


def _old_index(url: str) -> None:
    """The partial index of timed closures as migration 0008 made it (no INCLUDE)."""
    with psycopg.connect(plain_url(url), autocommit=True) as conn:
        conn.execute("DROP INDEX ix_orientations_timed_organisme_closed_at")
        conn.execute("CREATE INDEX ix_orientations_timed_organisme_closed_at ON orientations "
                     "(organisme, closed_at) WHERE timed")
        conn.execute("VACUUM ANALYZE orientations")


def explain(url: str, now: datetime) -> str:
    """The EXPLAIN (ANALYZE, BUFFERS) of the grouped query, as the service sends it."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from app.forms.codes import ORGANISMES
    from app.server.db import make_server_engine
    from app.server.services.figures import processing_times

    engine = make_server_engine(url)
    seen: list[tuple[str, Any]] = []
    event.listen(engine, "before_cursor_execute",
                 lambda _c, _k, statement, parameters, *_: seen.append((statement, parameters)))
    with Session(engine) as session:
        processing_times(session, ORGANISMES, now)
    engine.dispose()
    [(statement, parameters)] = [s for s in seen if "percentile_cont" in s[0]]
    with psycopg.connect(plain_url(url)) as conn:
        rows = conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters).fetchall()
    return statement + "\n\n" + "\n".join(r[0] for r in rows)


def _timed(variants: dict[str, Callable[[], Any]], reps: int) -> dict[str, list[float]]:
    for run in variants.values():  # warm every path once (plans, caches, connections)
        run()
    timings: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for rep in range(reps):
        turn = rep % len(names)
        for name in names[turn:] + names[:turn]:
            started = time.perf_counter()
            variants[name]()
            timings[name].append(time.perf_counter() - started)
    return timings


def in_process(url: str, reps: int) -> dict[str, list[float]]:
    from sqlalchemy.orm import Session

    from app.forms.codes import ORGANISMES
    from app.server.db import make_server_engine
    from app.server.services import figures

    engine = make_server_engine(url)
    try:
        now = datetime.now(UTC)
        with Session(engine) as session:
            by_sql = figures.processing_times(session, ORGANISMES, now)
            by_python = figures.processing_times_python(session, ORGANISMES, now)
        if by_sql != by_python:
            raise RuntimeError("the grouped query and the Python computation disagree")

        def run(how: Callable[..., Any]) -> Callable[[], Any]:
            def once() -> Any:
                with Session(engine) as session:
                    return how(session, ORGANISMES, datetime.now(UTC))
            return once

        return _timed({"python (old)": run(figures.processing_times_python),
                       "sql": run(figures.processing_times),
                       "cached": run(figures.published_processing_times)}, reps)
    finally:
        engine.dispose()


def over_http(url: str, reps: int) -> dict[str, list[float]]:
    env = isolated_env(workdir())
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "app", "serve", "--database", url,
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(400):
            try:
                httpx.get(f"{address}/openapi.json", timeout=0.5)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        token = httpx.post(f"{address}/auth/login", json={"login": LOGIN, "password": PASSWORD},
                           timeout=30).json()["token"]
        with httpx.Client(base_url=address, timeout=120,
                          headers={"Authorization": f"Bearer {token}"}) as http, \
                psycopg.connect(plain_url(url), autocommit=True) as conn:

            def get() -> None:
                http.get("/stats/processing-times").raise_for_status()

            timings: dict[str, list[float]] = {"uncached": [], "cached": []}
            get()
            for rep in range(reps):
                order = ("uncached", "cached") if rep % 2 == 0 else ("cached", "uncached")
                for name in order:
                    if name == "uncached":
                        conn.execute("DELETE FROM published_figures")
                    else:
                        get()  # (kept if not yet)
                    started = time.perf_counter()
                    get()
                    timings[name].append(time.perf_counter() - started)
            return timings
    finally:
        server.terminate()
        server.wait(timeout=20)


def _summary(timings: dict[str, list[float]], baseline: str) -> list[str]:
    lines = []
    base = timings[baseline]
    for name, values in timings.items():
        ratios = [v / b for v, b in zip(values, base, strict=True)]
        lines.append(f"| {name} | {statistics.median(values) * 1000:.2f} ms "
                     f"({min(values) * 1000:.2f}–{max(values) * 1000:.2f}) | "
                     f"×{statistics.median(ratios):.3f} "
                     f"({min(ratios):.3f}–{max(ratios):.3f}) |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_figures")
    parser.add_argument("--orientations", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--old-index", action="store_true",
                        help="measure on the index of migration 0008 (without transmitted_at)")
    parser.add_argument("--keep", action="store_true", help="keep the filled database")
    parser.add_argument("--database", help="measure this existing database, not filling one")
    args = parser.parse_args(argv)
    name = args.database or _create_database()
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    now = datetime.now(UTC)
    try:
        if not args.database:
            print(f"filled {name} in {fill(url, args.orientations, now):.1f} s", flush=True)
        if args.old_index:
            _old_index(url)
        with psycopg.connect(plain_url(url)) as conn:
            counts = conn.execute(
                "SELECT count(*), count(*) FILTER (WHERE timed), count(*) FILTER (WHERE timed "
                "AND closed_at >= %(now)s - interval '30 days') FROM orientations",
                {"now": now}).fetchone()
        plan = explain(url, now)
        before = os.getloadavg()
        service = in_process(url, args.reps)
        http = over_http(url, args.reps)
        after = os.getloadavg()
    finally:
        if not (args.keep or args.database):
            _drop_database(name)
    print(json.dumps({"database": name, "service_s": service, "http_s": http}, indent=1))
    print()
    print(f"Machine: {machine()}; {time.strftime('%Y-%m-%d')}; PostgreSQL on 127.0.0.1.")
    assert counts is not None
    index = "0008's, without transmitted_at" if args.old_index else "0012's, covering"
    print(f"Index: {index}.")
    print(f"Store: {counts[0]:,} orientations, {counts[1]:,} timed closures, {counts[2]:,} in "
          f"the 30-day window. {args.reps} repetitions, interleaved; load average (1, 5, 15 min) "
          f"before {' '.join(f'{x:.2f}' for x in before)}, after "
          f"{' '.join(f'{x:.2f}' for x in after)}.")
    print("\n```\n" + plan + "\n```\n")
    print("| in process (service) | median (range) | ratio to the old Python way |")
    print("|---|---|---|")
    print("\n".join(_summary(service, "python (old)")))
    print()
    print("| GET /stats/processing-times | median (range) | ratio to uncached |")
    print("|---|---|---|")
    print("\n".join(_summary(http, "uncached")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
