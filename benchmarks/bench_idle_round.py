"""A workstation's sync round with nothing to do, on a central store of 1 000 000 dossiers in
PostgreSQL (issue 18: goal ≤ 100 ms).

    python -m benchmarks idle [--dossiers N] [--reps 100] [--database NAME]

The store is filled as ``benchmarks.bench_inbox`` fills it (1 000 whole demo dossiers of the
five sites stored through the store's own code, replicated by PostgreSQL up to N, the change
counter at the last one), or ``--database`` names one already filled (not dropped). An
``accueil-ti serve`` process answers a counter agent of BRE; the workstation's local store is in
sync with it (its pull cursor at the store's last change), so a round pushes nothing and pulls
nothing. Measured, interleaved (the order turned at every repetition), ``--reps``
times each: ``SyncClient.run_round()`` and its floor, one ``GET /health`` on the same
connection. The first round (which reads the processing times and the site settings, read
again every five minutes) is printed apart. Printed: median, p95 and range of each, the ratio's
median and range, the five slowest rounds, the load average before and after. A hundred rounds
(about 10 s): with twenty, the p95 was the slowest round or the next, one stall of the shared
machine (a checkpoint, another process) made it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import UTC, datetime
from typing import Any

import httpx
import psycopg

from benchmarks import bench_inbox
from benchmarks.bench_sync import serve
from benchmarks.common import (
    isolated_env,
    machine,
    percentile,
    plain_url,
    use_isolated_keyring,
    workdir,
)

LOGIN = "bench.bre"
PASSWORD = "bench-password"


def measure(url: str, reps: int) -> dict[str, Any]:
    base = workdir()
    env = isolated_env(base)
    use_isolated_keyring(base)
    from sqlalchemy import func, select

    from app.models.database import open_store
    from app.models.entities import SyncCursor
    from app.server.admin import create_agent, open_server_engine
    from app.server.models import Agent, Dossier
    from app.sync.client import SyncClient

    engine = open_server_engine(url)
    with engine.begin() as connection:
        last = connection.execute(select(func.max(Dossier.change_seq))).scalar() or 0
        exists = connection.execute(select(Agent.login).where(Agent.login == LOGIN)).first()
    if exists is None:
        create_agent(engine, login=LOGIN, organisme="urssaf", site="BRE", role="accueil",
                     password=PASSWORD)
    engine.dispose()
    server, address = serve(url, env)
    try:
        token = httpx.post(f"{address}/auth/login", json={"login": LOGIN, "password": PASSWORD},
                           timeout=30).json()["token"]
        with open_store(base / "workstation", site_code="BRE", workstation_code="01") as store, \
                httpx.Client(base_url=address, timeout=60) as http:
            client = SyncClient(store, http, token=token)
            with store.transaction() as session:  # in sync with the store: nothing to pull
                session.add(SyncCursor(server=client.server_key, cursor=int(last),
                                       updated_at=datetime.now(UTC)))
            started = time.perf_counter()
            first = client.run_round()
            first_seconds = time.perf_counter() - started
            if first.pulled or first.pushed or not first.in_sync:
                raise RuntimeError(f"the round was not idle: {first.line()}")

            def health() -> None:
                http.get("/health").raise_for_status()

            timings: dict[str, list[float]] = {"round": [], "health": []}
            for rep in range(reps):
                order = ("round", "health") if rep % 2 == 0 else ("health", "round")
                for name in order:
                    started = time.perf_counter()
                    if name == "round":
                        client.run_round()
                    else:
                        health()
                    timings[name].append(time.perf_counter() - started)
        return {"first": first_seconds, "timings": timings, "last_change": last}
    finally:
        server.terminate()
        server.wait(30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks idle")
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=100)
    parser.add_argument("--database", help="an already filled database (not dropped)")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}; load average before: {os.getloadavg()}", flush=True)
    with bench_inbox.filled_database(args.dossiers, args.database) as url:
        with psycopg.connect(plain_url(url)) as conn:
            row = conn.execute("SELECT count(*) FROM dossiers").fetchone()
        result = measure(url, args.reps)
    rounds, floor = result["timings"]["round"], result["timings"]["health"]
    ratios = [r / h for r, h in zip(rounds, floor, strict=True)]

    def ms(values: list[float]) -> str:
        p95 = percentile(values, 95)
        return (f"median {statistics.median(values) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
                f"({min(values) * 1000:.1f}–{max(values) * 1000:.1f})")

    count = int(row[0]) if row else 0
    print(f"\n{count:,} dossiers in the store; the workstation's cursor at change "
          f"{result['last_change']:,}".replace(",", " "))
    print(f"first round (reads the processing times and the site settings): "
          f"{result['first'] * 1000:.1f} ms")
    print(f"idle round: {ms(rounds)}")
    print(f"GET /health: {ms(floor)}")
    slowest = sorted(rounds, reverse=True)[:5]
    print("slowest rounds: " + ", ".join(f"{value * 1000:.1f}" for value in slowest) + " ms")
    print(f"ratio: ×{statistics.median(ratios):.1f} (×{min(ratios):.1f}–×{max(ratios):.1f})")
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
