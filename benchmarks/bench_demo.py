"""`accueil-ti demo --dossiers N`: wall time and size of the encrypted local database."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.common import isolated_env, run_cli, workdir


def db_size(data_dir: Path) -> int:
    return sum(p.stat().st_size for p in data_dir.glob("*.db*"))


def run(count: int = 100_000, data_dir: Path | None = None) -> dict[str, float]:
    base = workdir()
    data_dir = data_dir or base / "data"
    env = isolated_env(base)
    started = time.perf_counter()
    run_cli(["demo", "--dossiers", str(count), "--seed", "1", "--data-dir", str(data_dir)], env)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    exported = run_cli(["export", "--data-dir", str(data_dir)], env)
    export_seconds = time.perf_counter() - started
    assert exported.count(b"\n") == count
    return {"dossiers": count, "demo_seconds": seconds, "db_mib": db_size(data_dir) / 2**20,
            "export_seconds": export_seconds, "data_dir": str(data_dir), "base": str(base)}


if __name__ == "__main__":
    print(run())
