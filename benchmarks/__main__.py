"""Runs the benchmarks and prints their figures as Markdown for BENCHMARKS.md.

    python -m benchmarks [SUITE] [--dossiers N] [--situations N]

``make bench`` runs ``all``: every suite below, one after the other, each with the load
average before and after, so that BENCHMARKS.md is rewritten from one run. A suite alone:

    documents     summary, letter and consent form PDFs (36 demo dossiers)
    foundation    evaluate (engine and --jsonl), demo, export, search over --dossiers
    gui           window start-up against a bare window, search as you type (100 000)
    window        the window's search as it runs it (list + sync states, 100 000)
    sync          push of 10 000 dossiers against a COPY of the same rows
    pull          10 000 partner follow-ups pulled against a raw SELECT + json.loads
    stats         statistics on 100 000 dossiers in PostgreSQL
    scale         on one PostgreSQL store of 1 000 000 dossiers: the partner inbox's pages,
                  an idle sync round, the EXPLAIN of every request of a sync round, and 300
                  clients (240 workstations, 60 partners) on a store with 2 processes, at a
                  busy day's pace (a round every 30 s) then a round a second
    concurrency   the 300 clients alone, on 2 000 preloaded dossiers
    inbox, idle, explain   one part of ``scale``, on its own database

The store benchmarks build their own throwaway data dir with a file keyring (never the user's),
and create and drop their own PostgreSQL databases (127.0.0.1:5432, trust auth).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import (
    bench_concurrency,
    bench_demo,
    bench_documents,
    bench_evaluate,
    bench_explain,
    bench_gui,
    bench_idle_round,
    bench_inbox,
    bench_pull,
    bench_search,
    bench_stats,
    bench_sync,
    bench_window_search,
)
from benchmarks.common import isolated_env, machine, run_cli, use_isolated_keyring

SCALE_DOSSIERS = 1_000_000
BUSY_THINK_S = 30  # seconds between two rounds of one client on a busy day (see scale)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def scale(argv: list[str]) -> int:
    """The 1 000 000-dossier suites on one filled database (filled once, dropped after); the
    300 clients last, since they write to it and saturate the machine."""
    with bench_inbox.filled_database(SCALE_DOSSIERS) as url:
        name = url.rsplit("/", 1)[1]
        codes = [bench_inbox.main(["--database", name]),
                 bench_idle_round.main(["--database", name]),
                 bench_explain.main(["--database", name]),
                 # at a busy day's pace: a round every 30 s (the window's own timer runs one
                 # every 120 s, app.ui.sync_controller.AUTO_INTERVAL_MS, plus one after a
                 # consent, a call or a resolved conflict), then the stress of one a second
                 SUITES["concurrency"][1](["--database", name, "--think", str(BUSY_THINK_S),
                                           "--seconds", "120"]),
                 SUITES["concurrency"][1](["--database", name])]
    return max(codes)


SUITES: dict[str, tuple[str, Callable[[list[str]], int]]] = {
    "gui": ("python -m benchmarks.bench_gui", bench_gui.main),
    "window": ("python -m benchmarks.bench_window_search --no-old",
               lambda argv: bench_window_search.main(["--no-old", *argv])),
    "sync": ("python -m benchmarks.bench_sync --reps 3",
             lambda argv: bench_sync.main(["--reps", "3", *argv])),
    "pull": ("python -m benchmarks.bench_pull", bench_pull.main),
    "stats": ("python -m benchmarks.bench_stats", bench_stats.main),
    "scale": ("python -m benchmarks scale", scale),
    "inbox": ("python -m benchmarks.bench_inbox", bench_inbox.main),
    "idle": ("python -m benchmarks.bench_idle_round", bench_idle_round.main),
    "explain": ("python -m benchmarks.bench_explain", bench_explain.main),
    "concurrency": ("python -m benchmarks.bench_concurrency --clients 300 --partners 60 "
                    "--workers 2",
                    lambda argv: bench_concurrency.main(
                        ["--clients", "300", "--partners", "60", "--workers", "2", *argv])),
}
ALL = ("documents", "foundation", "gui", "window", "sync", "pull", "stats", "scale")


def _run_suite(name: str, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    command = SUITES[name][0] if name in SUITES else f"python -m benchmarks {name}"
    print(f"\n## {name}: `{command}`\n\nload average before: {_load()}", flush=True)
    if name == "documents":
        documents()
        code = 0
    elif name == "foundation":
        foundation(args)
        code = 0
    else:
        code = SUITES[name][1]([])
    print(f"\nload average after: {_load()}; {time.perf_counter() - started:.0f} s", flush=True)
    return code


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("suite", nargs="?", default="all",
                        choices=("all", "documents", "foundation", *SUITES))
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--situations", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    names = ALL if args.suite == "all" else (args.suite,)
    print(f"machine: {machine()}; {time.strftime('%Y-%m-%d %H:%M')}; suites: "
          f"{', '.join(names)}; load average before: {_load()}", flush=True)
    codes = [_run_suite(name, args) for name in names]
    print(f"\nall done; load average after: {_load()}")
    return max(codes)


def documents() -> None:
    figures = bench_documents.run()
    print("\nCommand: `python -m benchmarks documents`\n")
    print("| document | median | p95 | median size | pages (max) | goal |")
    print("|---|---|---|---|---|---|")
    for kind in ("summary", "letter", "consent"):
        f = figures[kind]
        goal = f"median ≤ {bench_documents.GOALS_MS[kind]:.0f} ms" \
            if kind in bench_documents.GOALS_MS else ""
        print(f"| {kind} | {f['median_ms']:.1f} ms | {f['p95_ms']:.1f} ms | "
              f"{f['median_kib']:.0f} KiB | {f['max_pages']} | {goal} |")
    print()
    print(bench_documents.report(figures))


def foundation(args: argparse.Namespace) -> None:
    out: dict[str, object] = {"machine": machine(), "date": time.strftime("%Y-%m-%d")}

    evaluation = bench_evaluate.run(args.situations)
    out["evaluate"] = evaluation
    print(f"evaluate: {evaluation}", flush=True)

    demo = bench_demo.run(args.dossiers)
    out["demo"] = demo
    print(f"demo: {demo}", flush=True)

    base = Path(str(demo["base"]))
    use_isolated_keyring(base)
    export_file = base / "export.jsonl"
    export_file.write_bytes(run_cli(["export", "--data-dir", str(demo["data_dir"])],
                                    isolated_env(base)))
    search = bench_search.run(Path(str(demo["data_dir"])), export_file)
    out["search"] = search

    print()
    print(f"Machine: {out['machine']}; {out['date']}; command: `python -m benchmarks "
          f"--dossiers {args.dossiers} --situations {args.situations}`")
    print()
    print("| what | figure | goal |\n|---|---|---|")
    print(f"| evaluation, engine in process | {evaluation['engine_per_s']:,.0f} situations/s | |")
    print(f"| evaluation, `evaluate --jsonl` ({evaluation['situations']:,} lines, process start "
          f"included) | {evaluation['cli_per_s']:,.0f} situations/s | |")
    print(f"| `demo --dossiers {demo['dossiers']:,}` | {demo['demo_seconds']:.1f} s | |")
    print(f"| local database size for {demo['dossiers']:,} dossiers (encrypted) | "
          f"{demo['db_mib']:.0f} MiB | |")
    print(f"| `export` of {demo['dossiers']:,} dossiers | {demo['export_seconds']:.1f} s | |")
    for kind, figures in search.items():
        print(f"| search over {demo['dossiers']:,} dossiers: {kind} | "
              f"p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms "
              f"(max {figures['max_ms']:.0f} ms; {figures['found_pct']:.0f} % found) "
              "| p95 ≤ 30 ms |")
    results = Path("benchmarks/out")
    results.mkdir(parents=True, exist_ok=True)
    (results / "foundation.json").write_text(json.dumps(out, indent=2), encoding="utf-8")
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
