"""A pull of partners' follow-ups on a workstation, against a raw read of the same rows.

    python -m benchmarks pull              (or python -m benchmarks.bench_pull)
    python -m benchmarks.bench_pull [--dossiers 10000] [--reps 3] [--path bulk|per-item]

The workstation's local store (encrypted, in a throwaway folder with a file keyring) holds
``--dossiers`` dossiers of its own site, pushed and confirmed (outbox rows sent, the store's
version of each kept as the base of the next merge), as after a day at the counter. The central
store then answers a pull with one partner follow-up per dossier, made on the version it holds
(the pushed one, as it came): one orientation with a given consent taken up (status, outcome,
note, as ``partner_update`` of app.server.services.partner writes it: a new revision, the
partner's ``updated_at``), in pages of 500 (the client's batch),
served as JSON by an in-process transport: what is measured is the client's own work,
``SyncClient._pull`` — decoding the pages, reading the local state, applying them, committing.

Baseline: a raw ``SELECT id, payload`` of the same changes from a plain SQLite table, each
payload decoded with ``json.loads``.

The two run interleaved, ``--reps`` times (the local store is restored from a copy between
repetitions, outside the timing). Printed: the median and range of each, and of their ratio;
the same for the process's CPU time, steadier than the wall clock on a shared machine.
Goal (issue 18): pull of 10 000 follow-ups ≤ ×5 the baseline. ``--path per-item`` measures the
item-by-item apply (the fallback kept in the client) instead of the bulk apply of each page.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from benchmarks.common import machine, use_isolated_keyring, workdir

GOAL = 5.0
BATCH = 500
NOW = "2026-03-02T10:15:00+00:00"


def _records(count: int) -> list[dict[str, Any]]:
    """``count`` demo dossiers of the workstation's site (REN-01), each with at least one
    orientation to an organisme with a given consent (a partner can follow it up)."""
    from app.demo import counter_only, demo_records
    from app.forms.questionnaire import load_questionnaire

    records: list[dict[str, Any]] = []
    for record in demo_records(count * 4, load_questionnaire(), seed=11):
        if len(records) == count:
            break
        if not _followed(record):
            continue
        counter_only(record)
        year = record["created_at"][:4]
        record.update(site="REN", workstation="01", channel="accueil",
                      number=f"TI-REN-01-{year}-{len(records) + 1:06d}")
        for consent in record["consents"]:
            consent["mode"] = "signe_accueil"
        records.append(record)
    if len(records) < count:
        raise RuntimeError(f"only {len(records)} demo dossiers can be followed up")
    return records


def _followed(record: dict[str, Any]) -> dict[str, Any] | None:
    """The first orientation of ``record`` whose organisme has a given, unrevoked consent."""
    consented = {c["organisme"] for c in record.get("consents") or []
                 if c.get("given") and not c.get("revoked_at")}
    return next((o for o in record.get("orientations") or []
                 if o["organisme"] in consented), None)


def follow_ups(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One partner follow-up of each record, as the central store serves it in a pull."""
    rng = random.Random(3)
    out = []
    for record in records:
        change = copy.deepcopy(record)
        orientation = _followed(change)
        assert orientation is not None
        status = rng.choice(("recue", "en_cours", "contact_pris", "cloturee"))
        orientation.update(status=status,
                           outcome="aide_accordee" if status == "cloturee" else None,
                           note="Rendez-vous pris, pièces demandées.", updated_at=NOW)
        change["revision"] = int(record["revision"]) + 1
        change["updated_at"] = NOW
        out.append(change)
    return out


def build(base: Path, count: int) -> tuple[Path, list[dict[str, Any]]]:
    """The workstation's store with ``count`` pushed dossiers, saved as a template file; the
    follow-ups the store will serve."""
    from sqlalchemy import text

    from app.models.base import utcnow
    from app.models.database import open_store
    from app.models.early import DB_FILENAME
    from app.models.repository import import_records

    records = _records(count)
    with open_store(base / "ws", site_code="REN", workstation_code="01") as store:
        with store.transaction() as session:
            import_records(session, records, agent="bench")
            # as after the push: sent, confirmed, the store's version kept as the base
            session.execute(text("UPDATE outbox SET sent_at = :t"), {"t": utcnow()})
            session.execute(text("UPDATE dossiers SET server_revision = revision, "
                                 "sync_state = 'synced'"))
            session.execute(text("INSERT INTO sync_bases (dossier_id, revision, payload) "
                                 "SELECT dossier_id, revision, payload FROM outbox"))
            # what the store holds of each: the pushed version, as it came
            pushed = {d: json.loads(p) for d, p in session.execute(
                text("SELECT dossier_id, payload FROM outbox"))}
    records = [pushed[r["id"]] for r in records]
    database = base / "ws" / DB_FILENAME
    template = base / "template.db"
    shutil.copyfile(database, template)
    return template, follow_ups(records)


def _restore(template: Path, database: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, database)


def _pages(changes: list[dict[str, Any]]) -> list[bytes]:
    pages = []
    for start in range(0, len(changes), BATCH):
        chunk = changes[start:start + BATCH]
        pages.append(json.dumps({"changes": chunk, "cursor": start + len(chunk),
                                 "more": start + BATCH < len(changes)},
                                ensure_ascii=False).encode())
    return pages


def _transport(pages: list[bytes]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path != "/sync/pull":
            return httpx.Response(404, json={"detail": "not served by this benchmark"})
        index = int(request.url.params["since"]) // BATCH
        return httpx.Response(200, content=pages[index],
                              headers={"content-type": "application/json"})
    return httpx.MockTransport(handle)


def _raw_table(path: Path, changes: list[dict[str, Any]]) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE changes (id TEXT PRIMARY KEY, payload TEXT NOT NULL)")
        conn.executemany("INSERT INTO changes VALUES (?, ?)",
                         [(c["id"], json.dumps(c, ensure_ascii=False)) for c in changes])
    conn.close()


def raw_read(path: Path) -> int:
    """The baseline: every row selected, every payload decoded."""
    conn = sqlite3.connect(path)
    try:
        decoded = [json.loads(payload) for _, payload in
                   conn.execute("SELECT id, payload FROM changes").fetchall()]
    finally:
        conn.close()
    return len(decoded)


def pull_once(database: Path, template: Path, pages: list[bytes], path: str,
              count: int) -> tuple[float, float]:
    """Seconds of one ``SyncClient._pull`` of every page on a fresh copy of the store: wall
    clock and this process's CPU time (steadier on a shared machine)."""
    from app.models.database import open_store
    from app.sync.client import SyncClient
    from app.sync.summary import RoundSummary

    _restore(template, database)
    with open_store(database.parent) as store, \
            httpx.Client(transport=_transport(pages), base_url="http://bench") as http:
        client = SyncClient(store, http, token="bench")
        if path == "per-item":
            client._apply_page = client._apply_page_per_item  # type: ignore[method-assign]
        summary = RoundSummary()
        started, cpu = time.perf_counter(), time.process_time()
        client._pull(summary)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if summary.errors or summary.applied != count or len(summary.partner_updates) != count:
        raise RuntimeError(f"the pull did not apply every follow-up: applied {summary.applied}"
                           f", {len(summary.partner_updates)} partner updates, "
                           f"errors {summary.errors[:3]}")
    return seconds, cpu


def _spread(values: list[float], scale: float = 1.0, unit: str = "s") -> str:
    return (f"{statistics.median(values) * scale:.3f} {unit} "
            f"({min(values) * scale:.3f}–{max(values) * scale:.3f})")


def run(count: int, reps: int, path: str,
        progress: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    from app.models.early import DB_FILENAME

    base = workdir()
    use_isolated_keyring(base)
    try:
        started = time.perf_counter()
        template, changes = build(base, count)
        pages = _pages(changes)
        raw = base / "raw.sqlite"
        _raw_table(raw, changes)
        progress(f"store of {count:,} dossiers built in {time.perf_counter() - started:.0f} s")
        database = base / "ws" / DB_FILENAME
        load_before = os.getloadavg()
        baseline: list[float] = []
        pulled: list[float] = []
        baseline_cpu: list[float] = []
        pulled_cpu: list[float] = []
        for rep in range(reps):
            order = ("raw", "pull") if rep % 2 == 0 else ("pull", "raw")
            for kind in order:
                if kind == "raw":
                    started, cpu = time.perf_counter(), time.process_time()
                    assert raw_read(raw) == count
                    baseline.append(time.perf_counter() - started)
                    baseline_cpu.append(time.process_time() - cpu)
                else:
                    seconds, cpu = pull_once(database, template, pages, path, count)
                    pulled.append(seconds)
                    pulled_cpu.append(cpu)
            progress(f"rep {rep + 1}: raw {baseline[-1]:.3f} s, pull {pulled[-1]:.3f} s "
                     f"(CPU {baseline_cpu[-1]:.3f} s, {pulled_cpu[-1]:.3f} s)")
        ratios = [p / b for p, b in zip(pulled, baseline, strict=True)]
        cpu_ratios = [p / b for p, b in zip(pulled_cpu, baseline_cpu, strict=True)]
        return {"dossiers": count, "reps": reps, "path": path, "raw_seconds": baseline,
                "pull_seconds": pulled, "ratios": ratios,
                "ratio_median": statistics.median(ratios),
                "raw_cpu_seconds": baseline_cpu, "pull_cpu_seconds": pulled_cpu,
                "cpu_ratios": cpu_ratios,
                "load_average_before": load_before, "load_average_after": os.getloadavg()}
    finally:
        shutil.rmtree(base, ignore_errors=True)


def report(result: dict[str, Any]) -> str:
    loads = [" ".join(f"{x:.2f}" for x in result[k])
             for k in ("load_average_before", "load_average_after")]
    ratios, cpu = result["ratios"], result["cpu_ratios"]
    lines = [
        f"Machine: {machine()}; {time.strftime('%Y-%m-%d')}; command: `python -m "
        f"benchmarks.bench_pull --dossiers {result['dossiers']} --reps {result['reps']} "
        f"--path {result['path']}`; load average (1, 5, 15 min) before {loads[0]}, after "
        f"{loads[1]}",
        "",
        "| what | median (range) | goal |",
        "|---|---|---|",
        f"| pull of {result['dossiers']:,} partner follow-ups ({result['path']} apply, pages "
        f"of {BATCH}) | {_spread(result['pull_seconds'])} | |",
        f"| raw SELECT + json.loads of the same rows | {_spread(result['raw_seconds'])} | |",
        f"| ratio | ×{statistics.median(ratios):.1f} (×{min(ratios):.1f}–×{max(ratios):.1f}) "
        f"| ≤ ×{GOAL:.0f} |",
        f"| CPU time of the process: pull, raw read | {_spread(result['pull_cpu_seconds'])}, "
        f"{_spread(result['raw_cpu_seconds'])} | |",
        f"| CPU ratio | ×{statistics.median(cpu):.1f} (×{min(cpu):.1f}–×{max(cpu):.1f}) | |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_pull")
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--path", choices=("bulk", "per-item"), default="bulk")
    args = parser.parse_args(argv)
    if args.dossiers < 1 or args.reps < 1:
        parser.error("--dossiers and --reps: expected whole numbers of at least 1")
    result = run(args.dossiers, args.reps, args.path,
                 progress=lambda line: print(line, file=sys.stderr, flush=True))
    print(json.dumps(result, indent=2))
    print()
    print(report(result))
    return 0 if result["ratio_median"] <= GOAL or args.path == "per-item" else 1


if __name__ == "__main__":
    sys.exit(main())
