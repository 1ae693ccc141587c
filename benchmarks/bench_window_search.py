"""The window's search as the window runs it, over a store of 100 000 demo dossiers.

    python -m benchmarks.bench_window_search [--dossiers 100000] [--queries 40] [--reps 3]
                                             [--keep | --reuse DIR]

At each keystroke the dossier list (app.ui.dossier_table) asks its worker thread for the first
page (``_read`` of a ``page`` request: ``list_page`` of the sync ledger, i.e. ``list_dossiers``
and ``sync_states`` over one session, ``PAGE_SIZE`` rows), then, once the rows show, for the
count of the status bar. This benchmark calls that very function with the window's page size.

The store is built with ``accueil-ti demo --dossiers N`` in a throwaway data dir (file keyring):
the demo leaves the workstation's own site's dossiers in the outbox, unsent (about 15 000 of
100 000), as after a first day offline. Queries are drawn from the store's own dossiers: a
surname's first 3 letters, a full dossier number, the end of a number (6 digits), the empty text
(the whole list's first page, what the window shows at start-up).

Each query runs, interleaved and in an order that rotates at every query:
- baseline: ``search_dossiers(limit=50)`` alone, what BENCHMARKS.md measured before issue 18;
- window: the window's page request (rows and their sync states), then its count request;
- old window: ``list_dossiers`` and the ``sync_states`` query of before issue 18 (kept below as
  ``old_sync_states``; the planner walks the ``sent_at`` index, every unsent row), on the same
  session shape, so the gain is measured in the same run. Its sync states are checked equal to
  the window's.

Plus the first page read right after opening the store (start-up), window and old, interleaved.
Reported per kind: p50, p95, max, over ``--reps`` repetitions (median and range of the p95),
the ratio of the window's p95 to the baseline's, the load average before and after. Goal
(issue 18): the window's page p95 ≤ 30 ms.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, cast

from benchmarks.common import (
    isolated_env,
    machine,
    percentile,
    run_cli,
    use_isolated_keyring,
    workdir,
)

GOAL_MS = 30.0
KINDS = ("name, 3-letter prefix", "full dossier number", "end of dossier number",
         "empty text (first page)")
VARIANTS = ("baseline", "page", "count", "old")


def old_sync_states(session: Any, dossier_ids: Iterable[str]) -> dict[str, str]:
    """``app.sync.ledger.sync_states`` as it was before issue 18 (the baseline of the gain)."""
    from sqlalchemy import func, select

    from app.models.entities import SyncQuarantine
    from app.sync.ledger import DOSSIERS, OUTBOX

    ids: Sequence[str] = list(dossier_ids)
    states: dict[str, str] = {row.id: row.sync_state for row in session.execute(
        select(DOSSIERS.c.id, DOSSIERS.c.sync_state).where(DOSSIERS.c.id.in_(ids)))}
    unsent = set(session.scalars(select(OUTBOX.c.dossier_id).where(
        OUTBOX.c.dossier_id.in_(ids), OUTBOX.c.sent_at.is_(None))))
    shown = {i: ("local" if s == "synced" and i in unsent else s) for i, s in states.items()}
    refused = [i for i, s in shown.items() if s == "quarantined" and i in unsent]
    if refused:
        newest: dict[str, int] = {i: r for i, r in session.execute(
            select(OUTBOX.c.dossier_id, func.max(OUTBOX.c.revision))
            .where(OUTBOX.c.dossier_id.in_(refused), OUTBOX.c.sent_at.is_(None))
            .group_by(OUTBOX.c.dossier_id))}
        blocked: dict[str, int] = {i: r for i, r in session.execute(
            select(SyncQuarantine.dossier_id, func.max(SyncQuarantine.revision))
            .where(SyncQuarantine.dossier_id.in_(refused), SyncQuarantine.cleared_at.is_(None))
            .group_by(SyncQuarantine.dossier_id))}
        for i in refused:
            if newest.get(i, 0) > blocked.get(i, newest.get(i, 0)):
                shown[i] = "local"
    return shown


# --------------------------------------------------------------------------- the store


def build(base: Path, count: int) -> float:
    """``accueil-ti demo --dossiers count`` into ``base/data``; its wall time in seconds."""
    started = time.perf_counter()
    run_cli(["demo", "--dossiers", str(count), "--seed", "1", "--data-dir", str(base / "data")],
            isolated_env(base))
    return time.perf_counter() - started


def draw_queries(store: Any, per_kind: int, seed: int = 7) -> dict[str, list[str]]:
    """``per_kind`` texts of each kind, drawn from the store's own dossiers (never printed)."""
    from sqlalchemy import text

    rng = random.Random(seed)
    with store.session() as session:
        top = int(session.execute(text("SELECT max(pk) FROM dossiers")).scalar_one())
        pks = rng.sample(range(1, top + 1), min(top, per_kind * 3))
        picked = session.execute(text(
            f"SELECT nom, number FROM dossiers WHERE pk IN ({','.join(map(str, pks))})")).all()
    rng.shuffle(picked)
    named = [(nom, number) for nom, number in picked if len(nom) >= 3][:per_kind]
    return {
        KINDS[0]: [nom[:3] for nom, _ in named],
        KINDS[1]: [number for _, number in named],
        KINDS[2]: [number[-6:] for _, number in named],
        KINDS[3]: [""] * len(named),
    }


def outbox_figures(store: Any) -> dict[str, int]:
    from sqlalchemy import text

    with store.session() as session:
        total, unsent, dossiers = session.execute(text(
            "SELECT count(*), count(*) - count(sent_at), "
            "count(DISTINCT CASE WHEN sent_at IS NULL THEN dossier_id END) FROM outbox")).one()
        count = int(session.execute(text("SELECT count(*) FROM dossiers")).scalar_one())
    return {"dossiers": count, "outbox_rows": int(total), "unsent_rows": int(unsent),
            "dossiers_with_unsent_rows": int(dossiers)}


# --------------------------------------------------------------------------- timing


def _ms(call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def measure(stores: dict[str, Any], queries: dict[str, list[str]], reps: int,
            with_old: bool = True) -> dict[str, dict[str, list[dict[str, float]]]]:
    """Per kind and variant, one {p50, p95, max} per repetition. ``stores``: the store each
    variant reads (``window``, ``baseline``, ``old``), each opened on its own: a connection's
    page cache (2 MiB, decrypted pages) is not emptied by another variant's reads, as in the
    window, where only the window's queries run."""
    from app.models.listing import ListFilters, list_dossiers
    from app.models.search import search_dossiers
    from app.ui.dossier_table import PAGE_SIZE, _read, _Request

    def baseline(text: str) -> object:
        with stores["baseline"].session() as session:
            return search_dossiers(session, text, limit=50)

    def page(text: str) -> Any:
        return _read(stores["window"], _Request("page", 1, ListFilters(text=text), limit=PAGE_SIZE))

    def count(text: str) -> Any:
        return _read(stores["window"], _Request("count", 1, ListFilters(text=text)))

    def old(text: str) -> Any:
        with stores["old"].session() as session:
            rows = list_dossiers(session, text=text, limit=PAGE_SIZE)
            return rows, old_sync_states(session, [r.id for r in rows])

    variants = [v for v in VARIANTS if with_old or v != "old"]
    out: dict[str, dict[str, list[dict[str, float]]]] = {
        kind: {v: [] for v in variants} for kind in queries}
    for texts in queries.values():  # warm-up: the store's caches
        for text in texts[:5]:
            page(text)
            if with_old:
                old(text)
    for _ in range(reps):
        for kind, texts in queries.items():
            timings: dict[str, list[float]] = {v: [] for v in variants}
            for i, text in enumerate(texts):
                order = variants[i % len(variants):] + variants[:i % len(variants)]
                results: dict[str, Any] = {}
                for variant in order:
                    call = {"baseline": baseline, "page": page, "count": count, "old": old}[variant]
                    elapsed, results[variant] = _ms(functools.partial(call, text))
                    timings[variant].append(elapsed)
                if kind != KINDS[0]:  # a number finds its dossier; the empty text the list
                    assert results["page"].rows, "the window's page found nothing"
                if with_old:
                    rows, states = results["old"]
                    assert [r.id for r in rows] == [r.id for r in results["page"].rows]
                    assert states == results["page"].sync, "sync states differ from before"
            for variant, values in timings.items():
                out[kind][variant].append({"p50": percentile(values, 50),
                                           "p95": percentile(values, 95), "max": max(values)})
    return out


def first_pages(data_dir: Path, reps: int, with_old: bool) -> dict[str, list[float]]:
    """The first page of the whole list right after opening the store (start-up), ms."""
    from app.models.database import open_store
    from app.models.listing import ListFilters, list_dossiers
    from app.sync.ledger import list_page
    from app.ui.dossier_table import PAGE_SIZE

    def window() -> object:
        with open_store(data_dir) as store:
            elapsed, _ = _ms(lambda: list_page(store, ListFilters(), limit=PAGE_SIZE))
        return elapsed

    def old() -> object:
        with open_store(data_dir) as store, store.session() as session:
            started = time.perf_counter()
            rows = list_dossiers(session, limit=PAGE_SIZE)
            old_sync_states(session, [r.id for r in rows])
            return (time.perf_counter() - started) * 1000

    out: dict[str, list[float]] = {"page": [], **({"old": []} if with_old else {})}
    for rep in range(reps * 2):
        order = ["page", "old"] if rep % 2 == 0 else ["old", "page"]
        for variant in order:
            if variant in out:
                value = (window if variant == "page" else old)()
                out[variant].append(float(cast(float, value)))
    return out


# --------------------------------------------------------------------------- report


def _cell(reps: list[dict[str, float]], key: str) -> str:
    values = [r[key] for r in reps]
    return (f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"
            if len(values) > 1 else f"{values[0]:.1f}")


def report(out: dict[str, Any]) -> None:
    load = out["load_average_before"], out["load_average_after"]
    print(f"\nMachine: {out['machine']}; {out['date']}; {out['figures']}")
    print(f"Load average (1, 5, 15 min): before {load[0][0]:.2f} {load[0][1]:.2f} "
          f"{load[0][2]:.2f}, after {load[1][0]:.2f} {load[1][1]:.2f} {load[1][2]:.2f}")
    print(f"{out['queries']} queries per kind, {out['reps']} repetitions; ms, median of the "
          "repetitions (range)\n")
    print("| query | what | p50 | p95 | max | p95 / baseline p95 | goal |")
    print("|---|---|---|---|---|---|---|")
    names = {"baseline": "baseline: `search_dossiers` alone (50)",
             "page": f"window: page of {out['page_size']} (rows + sync states)",
             "count": "window: the count after the page",
             "old": "window before issue 18 (old `sync_states`)"}
    for kind, variants in out["timings"].items():
        base = statistics.median(r["p95"] for r in variants["baseline"])
        for variant, reps in variants.items():
            p95 = statistics.median(r["p95"] for r in reps)
            ratio = "" if variant == "baseline" else f"×{p95 / base:.1f}"
            goal = ""
            if variant == "page":
                goal = f"p95 ≤ {GOAL_MS:.0f} ms {'✔' if p95 <= GOAL_MS else '✘'}"
            print(f"| {kind} | {names[variant]} | {_cell(reps, 'p50')} | {_cell(reps, 'p95')} "
                  f"| {_cell(reps, 'max')} | {ratio} | {goal} |")
    first = out["first_page"]
    print("\n| first page of the whole list after opening the store | median | range |")
    print("|---|---|---|")
    for variant, values in first.items():
        print(f"| {names[variant]} | {statistics.median(values):.1f} ms | "
              f"{min(values):.1f}–{max(values):.1f} ms |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_window_search")
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40, help="per kind of query")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--no-old", action="store_true",
                        help="skip the pre-issue-18 query (the slow one)")
    parser.add_argument("--keep", action="store_true", help="keep the built store, print it")
    parser.add_argument("--reuse", type=Path,
                        help="a directory kept by --keep (data/ and its keyring): no build")
    args = parser.parse_args(argv)

    base = args.reuse or workdir()
    out: dict[str, Any] = {"machine": machine(), "date": time.strftime("%Y-%m-%d"),
                           "queries": args.queries, "reps": args.reps}
    if args.reuse is None:
        out["demo_seconds"] = build(base, args.dossiers)
        print(f"demo --dossiers {args.dossiers}: {out['demo_seconds']:.1f} s", flush=True)
    use_isolated_keyring(base)
    try:
        from app.models.database import open_store
        from app.ui.dossier_table import PAGE_SIZE

        out["page_size"] = PAGE_SIZE
        with open_store(base / "data") as store:  # migrates a kept store to the head first
            out["figures"] = outbox_figures(store)
            queries = draw_queries(store, args.queries)
        stores = {name: open_store(base / "data") for name in ("window", "baseline", "old")}
        try:
            out["load_average_before"] = os.getloadavg()
            out["timings"] = measure(stores, queries, args.reps, with_old=not args.no_old)
        finally:
            for opened in stores.values():
                opened.close()
        out["first_page"] = first_pages(base / "data", args.reps, with_old=not args.no_old)
        out["load_average_after"] = os.getloadavg()
    finally:
        if args.keep or args.reuse:
            print(f"store kept in {base}", flush=True)
        else:
            shutil.rmtree(base, ignore_errors=True)
    report(out)
    results = Path("benchmarks/out")
    results.mkdir(parents=True, exist_ok=True)
    (results / "window_search.json").write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
