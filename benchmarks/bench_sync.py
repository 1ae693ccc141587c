"""Sync against a real central store process on PostgreSQL.

    python -m benchmarks.bench_sync [--dossiers 10000] [--reps 5]

- push N new dossiers from a workstation (one `SyncClient.run_round()`, batches of 500) to a
  `accueil-ti serve` process on PostgreSQL (goal: ≤ 10 s, and ≤ 3× a raw psycopg bulk insert of
  the same rows measured in the same run: every row the push wrote — dossiers, revisions,
  consents, orientations, appointments, the statistics' facts, the partners' inbox rows and its
  audit rows — written with COPY into a second database of the same schema). The round also
  pulls its own dossiers back (the store does not know who
  pushed what a pull asks for); the time is split into the push requests, the pull requests
  (each from sending the request to the last byte of the answer) and the workstation's own work;
- a round with nothing to sync (goal: ≤ 0.5 s), median of 5.

``--reps N`` repeats the whole measure N times, each on fresh databases and a fresh
workstation, the push and its COPY baseline interleaved (push, COPY, push, COPY, ...), and prints
the median and range of each ratio: the machine is shared, a single run says little.

Databases are created and dropped on the local PostgreSQL (127.0.0.1:5432, trust auth); the
workstation uses a file keyring in a throwaway folder.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from typing import Any

import httpx
import psycopg

from benchmarks.common import isolated_env, machine, use_isolated_keyring, workdir

PG = "postgresql://postgres@127.0.0.1:5432"
# table -> which of its rows the push wrote (everything in the store is from the push, but
# the audit log also has a "pull" row per dossier the round pulled back)
# Every row a push writes: the dossiers and their revisions, the rows derived from them (consents,
# orientations, appointments, the statistics' facts, the partners' inbox rows) and its audit rows.
TABLES = {"dossiers": "", "dossier_revisions": "", "consents": "", "orientations": "",
          "appointments": "", "dossier_facts": "", "dossier_answers": "", "dossier_aids": "",
          "partner_inbox": "", "audit_log": " WHERE action LIKE 'push_%'"}


class TimedClient(httpx.Client):
    """An httpx client timing, per method and path, the wall time during which at least one of
    its requests was in flight: a push sends the next batch before the last one is answered,
    and adding up overlapping requests would count the overlap twice."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.intervals: dict[str, list[tuple[float, float]]] = {}
        self._lock = threading.Lock()

    def request(self, method: str, url: Any, **kwargs: Any) -> httpx.Response:
        started = time.perf_counter()
        try:
            return super().request(method, url, **kwargs)
        finally:
            ended = time.perf_counter()
            with self._lock:
                self.intervals.setdefault(f"{method} {url}", []).append((started, ended))

    @property
    def count(self) -> dict[str, int]:
        return {key: len(spans) for key, spans in self.intervals.items()}

    @property
    def spent(self) -> dict[str, float]:
        """Seconds with at least one request of each kind in flight."""
        out: dict[str, float] = {}
        for key, spans in self.intervals.items():
            total, reached = 0.0, float("-inf")
            for start, end in sorted(spans):
                if end > reached:
                    total += end - max(start, reached)
                    reached = end
            out[key] = total
        return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(url: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """An ``accueil-ti serve`` process on ``url`` and its address, once it answers."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "app", "serve", "--database", url,
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    address = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            httpx.get(f"{address}/openapi.json", timeout=0.5)
            return server, address
        except httpx.HTTPError:
            time.sleep(0.05)
    server.terminate()
    raise RuntimeError("the central store did not start")


def _create_database() -> str:
    name = f"accueil_ti_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def _drop_database(name: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _workstation_records(count: int) -> list[dict[str, Any]]:
    """Demo dossiers, all of the workstation's site, with numbers of its own."""
    from app.demo import counter_only, demo_records
    from app.forms.questionnaire import load_questionnaire

    records = []
    for index, record in enumerate(demo_records(count, load_questionnaire(), seed=5), 1):
        # as a counter pushes them: the partners' follow-ups are written on the store by them
        counter_only(record)
        year = record["created_at"][:4]
        record.update(site="REN", workstation="01", channel="accueil",
                      number=f"TI-REN-01-{year}-{index:06d}")
        for consent in record["consents"]:
            consent["mode"] = "signe_accueil"
        records.append(record)
    return records


def _copy_rows(source: str, target: str) -> float:
    """Write, with psycopg's COPY in one transaction, the rows the store wrote: the fastest
    honest way to put the same rows in the same tables."""
    with psycopg.connect(f"{PG}/{source}") as src:
        rows = {table: src.execute(f"SELECT * FROM {table}{where}").fetchall()
                for table, where in TABLES.items()}
        columns = {table: [d.name for d in src.execute(f"SELECT * FROM {table} LIMIT 0")
                           .description or []] for table in TABLES}
    with psycopg.connect(f"{PG}/{target}") as dst:
        started = time.perf_counter()
        with dst.cursor() as cursor:
            for table in TABLES:
                names = ", ".join(columns[table])
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows[table]:
                        copy.write_row(row)
        dst.commit()
        return time.perf_counter() - started


def run(count: int = 10_000, records: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One measure: a push of ``count`` dossiers (``records``, made here when not given), then
    the COPY of the rows it wrote."""
    base = workdir()
    env = isolated_env(base)
    use_isolated_keyring(base)
    from app.models.database import open_store
    from app.models.repository import import_records
    from app.server.admin import create_agent, open_server_engine
    from app.sync.client import SyncClient

    store_db, copy_db = _create_database(), _create_database()
    server: subprocess.Popen[bytes] | None = None
    try:
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{store_db}"
        engine = open_server_engine(url)
        create_agent(engine, login="bench.accueil", organisme="urssaf", site="REN",
                     role="accueil", password="bench-password")
        engine.dispose()
        open_server_engine(f"postgresql+psycopg://postgres@127.0.0.1:5432/{copy_db}").dispose()
        server, address = serve(url, env)
        token = httpx.post(f"{address}/auth/login", json={"login": "bench.accueil",
                                                         "password": "bench-password"}).json()
        with open_store(base / "workstation", site_code="REN", workstation_code="01") as store:
            with store.transaction() as session:
                import_records(session, copy.deepcopy(records) if records is not None
                               else _workstation_records(count), agent="bench")
            with TimedClient(base_url=address, timeout=60) as http:
                client = SyncClient(store, http, token=token["token"])
                load_before = os.getloadavg()
                started = time.perf_counter()
                summary = client.run_round()
                push_seconds = time.perf_counter() - started
                spent, requests = dict(http.spent), dict(http.count)
                empty = []
                for _ in range(5):
                    started = time.perf_counter()
                    idle = client.run_round()
                    empty.append(time.perf_counter() - started)
        raw_seconds = _copy_rows(store_db, copy_db)
        push_requests = spent.get("POST /sync/push", 0.0)
        pull_requests = spent.get("GET /sync/pull", 0.0)
        return {
            "dossiers": count, "pushed": summary.pushed, "errors": list(summary.errors),
            "push_seconds": push_seconds, "push_requests_seconds": push_requests,
            "push_requests": requests.get("POST /sync/push", 0),
            "pull_requests_seconds": pull_requests,
            "pull_requests": requests.get("GET /sync/pull", 0),
            "workstation_seconds": push_seconds - push_requests - pull_requests,
            "raw_psycopg_seconds": raw_seconds,
            "ratio": push_seconds / raw_seconds if raw_seconds else float("nan"),
            "push_requests_ratio": (push_requests / raw_seconds if raw_seconds
                                    else float("nan")),
            "empty_round_median_s": statistics.median(empty), "idle_in_sync": idle.in_sync,
            "load_average_before": load_before, "load_average_after": os.getloadavg(),
        }
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        _drop_database(store_db)
        _drop_database(copy_db)


def runs(count: int, reps: int) -> list[dict[str, Any]]:
    """``reps`` measures one after the other (each a push then its COPY baseline), on the same
    workstation records."""
    records = _workstation_records(count)
    results = []
    for rep in range(1, reps + 1):
        result = run(count, records)
        print(f"run {rep}/{reps}: round {result['push_seconds']:.2f} s, push requests "
              f"{result['push_requests_seconds']:.2f} s, COPY {result['raw_psycopg_seconds']:.2f}"
              f" s: ratio ×{result['ratio']:.2f} (push requests ×"
              f"{result['push_requests_ratio']:.2f}); load {result['load_average_before'][0]:.2f}",
              file=sys.stderr, flush=True)
        results.append(result)
    return results


def spread(values: list[float], digits: int = 1, unit: str = "") -> str:
    """``median (min–max)`` of ``values``."""
    return (f"{statistics.median(values):.{digits}f}{unit} ({min(values):.{digits}f}–"
            f"{max(values):.{digits}f}{unit})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_sync")
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=5,
                        help="measures, push and COPY interleaved (median and range printed)")
    parser.add_argument("--json", action="store_true", help="also print every run's figures")
    args = parser.parse_args(argv)
    results = runs(args.dossiers, max(1, args.reps))
    if args.json:
        print(json.dumps(results, indent=2))
    first, last = results[0], results[-1]
    print(f"\nMachine: {machine()}; {time.strftime('%Y-%m-%d')}; {len(results)} runs; load "
          f"average (1, 5, 15 min) before the first round "
          f"{' '.join(f'{x:.2f}' for x in first['load_average_before'])}, after the last "
          f"{' '.join(f'{x:.2f}' for x in last['load_average_after'])}")
    print("| what (median, range) | figure | goal |\n|---|---|---|")

    def seconds(key: str) -> str:
        return spread([r[key] for r in results], 1, " s")

    print(f"| push {args.dossiers:,} new dossiers to PostgreSQL (one round) | "
          f"{seconds('push_seconds')} | ≤ 10 s |")
    print(f"| — push requests ({first['push_requests']}, answered by the store) | "
          f"{seconds('push_requests_seconds')} | |")
    print(f"| — pull requests ({first['pull_requests']}, the round's own dossiers back) | "
          f"{seconds('pull_requests_seconds')} | |")
    print(f"| — the workstation's own work (outbox, local store) | "
          f"{seconds('workstation_seconds')} | |")
    print(f"| raw psycopg COPY of the same rows | {seconds('raw_psycopg_seconds')} | |")
    print(f"| ratio, the round | ×{spread([r['ratio'] for r in results], 2)} | ≤ ×3 |")
    print(f"| ratio, its push requests | ×{spread([r['push_requests_ratio'] for r in results], 2)}"
          f" | ≤ ×3 |")
    print(f"| a round with nothing to sync (median of 5 a run) | "
          f"{spread([r['empty_round_median_s'] * 1000 for r in results], 0, ' ms')} "
          f"| ≤ 500 ms |")
    return 0 if all(r["pushed"] == r["dossiers"] for r in results) else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
