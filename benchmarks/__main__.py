"""Runs the benchmarks and prints their figures as Markdown for BENCHMARKS.md.

    python -m benchmarks [foundation|documents|all] [--dossiers N] [--situations N]
    python -m benchmarks concurrency   (50 clients on PostgreSQL; not part of all)
    python -m benchmarks stats         (statistics on 100 000 dossiers in PostgreSQL; not part
                                        of all)
    python -m benchmarks pull          (10 000 partner follow-ups pulled by a workstation
                                        against a raw SELECT + json.loads; not part of all)
    python -m benchmarks inbox         (the partner inbox's pages on 1 000 000 dossiers in
                                        PostgreSQL against their own SQL; not part of all)
    python -m benchmarks idle          (a sync round with nothing to do on 1 000 000 dossiers
                                        against one GET /health; not part of all)

The store benchmarks build their own throwaway data dir with a file keyring (never the user's).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from benchmarks import (
    bench_concurrency,
    bench_demo,
    bench_documents,
    bench_evaluate,
    bench_idle_round,
    bench_inbox,
    bench_pull,
    bench_search,
    bench_stats,
)
from benchmarks.common import isolated_env, machine, run_cli, use_isolated_keyring


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("suite", nargs="?", default="all",
                        choices=("all", "foundation", "documents", "concurrency", "stats",
                                 "pull", "inbox", "idle"))
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--situations", type=int, default=100_000)
    args = parser.parse_args()
    if args.suite == "concurrency":
        return bench_concurrency.main([])
    if args.suite == "stats":
        return bench_stats.main([])
    if args.suite == "pull":
        return bench_pull.main([])
    if args.suite == "inbox":
        return bench_inbox.main([])
    if args.suite == "idle":
        return bench_idle_round.main([])
    print(f"machine: {machine()}; {time.strftime('%Y-%m-%d')}", flush=True)
    if args.suite in ("all", "documents"):
        documents()
    if args.suite in ("all", "foundation"):
        foundation(args)
    return 0


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
