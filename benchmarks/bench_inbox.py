"""The partner inbox read a page at a time (``GET /partner/dossiers``) on a PostgreSQL store of
1 000 000 dossiers (issue 18).

    python -m benchmarks inbox [--dossiers N] [--reps 30] [--keep | --database NAME]

The store is filled by PostgreSQL itself (``generate_series``): N dossiers, each oriented to one
organisme in turn and one in three to the Urssaf too, with the inbox rows a push writes
(app.server.inbox): about 8 % urgent, a follow-up status spread over the six, names drawn from a
list of Breton surnames and first names, one dossier in 1 000 of the rare name « Kerjean ».

An ``accueil-ti serve`` process answers an Urssaf partner agent (about 470 000 rows at 1 000 000
dossiers). Each case is timed from request to last byte, ``--reps`` times, interleaved with its
baseline: the page's own SQL, captured from the service, sent with psycopg on an open connection
(the order turned at every repetition). Cases: the first page; a page deep in the list (its
cursor found beforehand); a search of a common name and of a rare one; the filters « Non
clôturés » and « Sans nouvelle ». Printed: each case's median, p95 and range, its baseline's,
their ratio; the store process's resident memory before and after; the EXPLAIN (ANALYZE,
BUFFERS) of each case's statement; the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import httpx
import psycopg

from benchmarks.bench_sync import _create_database, _drop_database, serve
from benchmarks.common import (
    isolated_env,
    machine,
    migrated_with_agent,
    percentile,
    plain_url,
    workdir,
)

PASSWORD = "bench-password"
LOGIN = "bench.urssaf"
NAMES = ("LE GOFF", "MORVAN", "TANGUY", "LE BIHAN", "GUEGUEN", "LE ROUX", "CORRE", "HENAFF",
         "QUEMENER", "LE GALL", "BERNARD", "MARTIN", "PRIGENT", "JEZEQUEL", "NICOLAS")
FIRST = ("Yann", "Gwenaëlle", "Erwan", "Anne", "Loïc", "Maïwenn", "Ronan", "Nolwenn")
CASES: dict[str, dict[str, Any]] = {
    "first page": {},
    "deep page (page 2 000)": {"deep": 2000},
    "search « le goff »": {"q": "le goff"},
    "search « kerjean » (rare)": {"q": "kerjean"},
    "filter « Non clôturés »": {"status": "open"},
    "filter « Sans nouvelle »": {"status": "sans_nouvelle"},
}


def _array(values: tuple[str, ...]) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def fill(url: str, dossiers: int, now: datetime) -> float:
    """Migrate, then write ``dossiers`` dossiers and their inbox rows (SQL only)."""
    from app.forms.codes import ORGANISMES, ORIENTATION_STATUSES
    from app.server.inbox import folded

    started = time.perf_counter()
    migrated_with_agent(url, LOGIN, PASSWORD, organisme="urssaf", site="REN", role="partenaire")
    names, first = _array(NAMES), _array(FIRST)
    folded_names = _array(tuple(folded(n) for n in NAMES))
    folded_first = _array(tuple(folded(f) for f in FIRST))
    with psycopg.connect(plain_url(url), autocommit=True) as conn:
        conn.execute("SELECT setseed(0.18)")
        conn.execute(
            "INSERT INTO dossiers (id, number, site, revision, urgent, status, payload, "
            "content_hash, updated_at, change_seq) "
            "SELECT md5(i::text)::uuid, 'TI-BRE-01-2026-' || lpad(i::text, 7, '0'), 'BRE', 1, "
            "i %% 13 = 0, 'oriente', '{}', repeat('0', 64), %(now)s, i "
            "FROM generate_series(1, %(n)s) AS i", {"now": now, "n": dossiers})
        conn.execute(
            "INSERT INTO partner_inbox (organisme, dossier_id, priority, number, revision, name, "
            "search, status, outcome, note, updated_at, stale_from, aids) "
            "SELECT organisme, md5(i::text)::uuid, CASE WHEN i %% 13 = 0 THEN 0 ELSE 1 END, "
            "'TI-BRE-01-2026-' || lpad(i::text, 7, '0'), 1, "
            "CASE WHEN i %% 1000 = 7 THEN 'KERJEAN' ELSE (" + names + ")[1 + i %% 15] END "
            "|| ' ' || (" + first + ")[1 + i %% 8], "
            "'ti-bre-01-2026-' || lpad(i::text, 7, '0') || ' ' || CASE WHEN i %% 1000 = 7 "
            "THEN 'kerjean' ELSE (" + folded_names + ")[1 + i %% 15] END "
            "|| ' ' || (" + folded_first + ")[1 + i %% 8], "
            "status, CASE WHEN status = 'cloturee' THEN 'aide_accordee' END, '', "
            "%(now)s - (i %% 60) * interval '1 day', "
            "CASE WHEN status <> 'cloturee' THEN (%(now)s - (i %% 60) * interval '1 day')::date "
            "END, '[]' FROM ("
            " SELECT i, organisme, (" + _array(ORIENTATION_STATUSES) + ")[1 + (i / 7) %% 6] "
            " AS status FROM generate_series(1, %(n)s) AS i, LATERAL ("
            "  SELECT (" + _array(ORGANISMES) + ")[1 + i %% 5] AS organisme"
            "  UNION SELECT 'urssaf' WHERE i %% 3 = 0) AS o) AS rows",
            {"now": now, "n": dossiers})
        conn.execute("VACUUM ANALYZE dossiers")
        conn.execute("VACUUM ANALYZE partner_inbox")
    return time.perf_counter() - started


@contextmanager
def filled_database(dossiers: int, database: str | None = None,
                    keep: bool = False) -> Iterator[str]:
    """The URL of a database filled with ``dossiers`` (:func:`fill`), dropped afterwards unless
    kept; ``database`` names one already filled (used as it is, never dropped)."""
    name = database or _create_database()
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    try:
        if not database:
            took = fill(url, dossiers, datetime.now(UTC))
            print(f"filled in {took:.0f} s", flush=True)
        yield url
    finally:
        if keep or database:
            print(f"\ndatabase kept: {name}")
        else:
            _drop_database(name)


def _statements(url: str, cases: dict[str, dict[str, Any]]) -> dict[str, tuple[str, Any]]:
    """Each case's statement and parameters, as the service sends them."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from app.server.db import make_server_engine
    from app.server.services.inbox import inbox_page

    engine = make_server_engine(url)
    out: dict[str, tuple[str, Any]] = {}
    try:
        for name, case in cases.items():
            seen: list[tuple[str, Any]] = []

            def listener(_c: Any, _k: Any, statement: str, parameters: Any, *_: Any,
                         seen: list[tuple[str, Any]] = seen) -> None:
                seen.append((statement, parameters))

            event.listen(engine, "before_cursor_execute", listener)
            with Session(engine) as session:
                inbox_page(session, "urssaf", datetime.now(UTC).date(),
                           after=case.get("after"), q=case.get("q", ""),
                           status=case.get("status"))
            event.remove(engine, "before_cursor_execute", listener)
            [found] = [s for s in seen if "partner_inbox" in s[0]]
            out[name] = found
    finally:
        engine.dispose()
    return out


def _rss(pid: int) -> float:
    """The resident memory of a process, MiB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure(url: str, reps: int) -> dict[str, Any]:
    server, address = serve(url, isolated_env(workdir()))
    try:
        token = httpx.post(f"{address}/auth/login", json={"login": LOGIN, "password": PASSWORD},
                           timeout=30).json()["token"]
        with httpx.Client(base_url=address, timeout=120,
                          headers={"Authorization": f"Bearer {token}"}) as http:
            rss_before = _rss(server.pid)
            cases = {name: dict(case) for name, case in CASES.items()}
            for case in cases.values():  # the deep page's cursor, untimed
                if "deep" in case:
                    after = None
                    for _ in range(case.pop("deep") - 1):
                        answer = http.get("/partner/dossiers",
                                          params={"after": after} if after else {})
                        after = answer.json()["next"]
                    case["after"] = after
            statements = _statements(url, cases)
            timings: dict[str, dict[str, list[float]]] = {
                name: {"http": [], "sql": []} for name in cases}
            with psycopg.connect(plain_url(url), autocommit=True, prepare_threshold=None) as conn:

                def by_http(case: dict[str, Any]) -> int:
                    params = {k: v for k, v in case.items() if v is not None}
                    answer = http.get("/partner/dossiers", params=params)
                    answer.raise_for_status()
                    return len(answer.json()["items"])

                def by_sql(name: str) -> int:
                    statement, parameters = statements[name]
                    return len(conn.execute(statement, parameters).fetchall())

                sizes = {name: (by_http(case), by_sql(name)) for name, case in cases.items()}
                for rep in range(reps):
                    for name, case in cases.items():
                        order = ("http", "sql") if rep % 2 == 0 else ("sql", "http")
                        for how in order:
                            started = time.perf_counter()
                            if how == "http":
                                by_http(case)
                            else:
                                by_sql(name)
                            timings[name][how].append(time.perf_counter() - started)
                plans = {}
                for name, (statement, parameters) in statements.items():
                    rows = conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement,
                                        parameters).fetchall()
                    plans[name] = "\n".join(r[0] for r in rows)
            rss_after = _rss(server.pid)
        return {"timings": timings, "sizes": sizes, "plans": plans, "statements": statements,
                "rss": (rss_before, rss_after)}
    finally:
        server.terminate()
        server.wait(30)


def report(result: dict[str, Any], dossiers: int, rows: int) -> None:
    print(f"\n{dossiers:,} dossiers, {rows:,} rows in the Urssaf's list".replace(",", " "))
    print("\n| request | rows | median | p95 | range | its SQL (median) | ratio median (range) |")
    print("|---|---|---|---|---|---|---|")
    for name, times in result["timings"].items():
        http, sql = times["http"], times["sql"]
        ratios = [h / s for h, s in zip(http, sql, strict=True)]
        print(f"| {name} | {result['sizes'][name][0]} | {statistics.median(http) * 1000:.1f} ms"
              f" | {percentile(http, 95) * 1000:.1f} ms | {min(http) * 1000:.1f}–"
              f"{max(http) * 1000:.1f} ms | {statistics.median(sql) * 1000:.1f} ms | "
              f"×{statistics.median(ratios):.2f} (×{min(ratios):.2f}–×{max(ratios):.2f}) |")
    before, after = result["rss"]
    print(f"\nStore process resident memory: {before:.0f} MiB before, {after:.0f} MiB after.")
    for name, plan in result["plans"].items():
        print(f"\n{name}:\n\n```\n{result['statements'][name][0]}\n\n{plan}\n```")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks inbox")
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--database", help="an already filled database (not dropped)")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}; load average before: {os.getloadavg()}", flush=True)
    with filled_database(args.dossiers, args.database, args.keep) as url:
        with psycopg.connect(plain_url(url)) as conn:
            rows = conn.execute("SELECT count(*) FROM partner_inbox WHERE organisme = "
                                "'urssaf'").fetchone()
            dossiers = conn.execute("SELECT count(*) FROM dossiers").fetchone()
        result = measure(url, args.reps)
        report(result, int(dossiers[0]) if dossiers else 0, int(rows[0]) if rows else 0)
    print(f"\nload average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
