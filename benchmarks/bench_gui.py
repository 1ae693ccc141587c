"""The main window: start-up against a bare PySide6 window, memory, search-as-you-type latency.

    python -m benchmarks.bench_gui [--dossiers N] [--data-dir DIR]

- start-up: wall time of a process that opens the main window on a data dir until the list
  shows its first rows (``run_gui(smoke=True)``), median of 5, as a ratio to a process that only
  creates a QApplication and a QMainWindow, shows it and exits (median of 5); with an empty store
  and with N dossiers (goal: ratio ≤ 1.3);
- peak memory (RSS) of the smoke process on N dossiers;
- search as you type on N dossiers: time from setting the search text (the debounce bypassed) to
  the model holding the new first page, p50/p95 over prefixes of surnames, dossier numbers and
  SIRET (goal: p95 ≤ 50 ms).

Child processes get a file keyring in a throwaway folder, never the user's.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import isolated_env, machine, median, percentile, run_cli, workdir

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5

BARE = """
import resource, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
app.processEvents()
print("maxrss_kib", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

SMOKE = """
import resource, sys
from pathlib import Path
from app.ui.app import run_gui
code = run_gui(Path(sys.argv[1]), smoke=True)
print("maxrss_kib", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)
"""


def _timed(code: str, args: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=False)
    wall = (time.perf_counter() - started) * 1000
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({proc.returncode}): {proc.stderr}")
    return wall, proc.stdout


def _maxrss_mib(stdout: str) -> float:
    match = re.search(r"maxrss_kib (\d+)", stdout)
    return int(match.group(1)) / 1024 if match else float("nan")


def _ready_ms(stdout: str) -> float:
    match = re.search(r"ready in (\d+) ms", stdout)
    return float(match.group(1)) if match else float("nan")


def startup(data_dir: Path, env: dict[str, str], runs: int = RUNS) -> dict[str, float]:
    walls, ready, rss = [], [], []
    for _ in range(runs):
        wall, out = _timed(SMOKE, [str(data_dir)], env)
        walls.append(wall)
        ready.append(_ready_ms(out))
        rss.append(_maxrss_mib(out))
    return {"wall_ms": median(walls), "ready_ms": median(ready), "max_rss_mib": max(rss)}


def bare_window(env: dict[str, str], runs: int = RUNS) -> dict[str, float]:
    walls, rss = [], []
    for _ in range(runs):
        wall, out = _timed(BARE, [], env)
        walls.append(wall)
        rss.append(_maxrss_mib(out))
    return {"wall_ms": median(walls), "max_rss_mib": max(rss)}


def _queries(data_dir: Path, count: int, rng: random.Random) -> list[tuple[str, str]]:
    from sqlalchemy import func, select

    from app.models.database import open_store
    from app.models.entities import Dossier

    with open_store(data_dir) as store, store.session() as session:
        picks = session.execute(
            select(Dossier.nom, Dossier.number, Dossier.siret).order_by(func.random())
            .limit(count)).all()
    out: list[tuple[str, str]] = []
    for index, (nom, number, siret) in enumerate(picks):
        kind = index % 4
        if kind == 0:
            out.append(("surname prefix (3)", nom[:3]))
        elif kind == 1:
            out.append(("surname prefix (5)", nom[:5]))
        elif kind == 2:
            out.append(("dossier number", number if index % 8 == 2 else number[-6:]))
        else:
            out.append(("SIRET", siret or number))
    return out


def search_latency(data_dir: Path, queries: int = 200) -> dict[str, Any]:
    """In this process: the real window on the store, text set, first page waited for."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer, Signal
    from PySide6.QtWidgets import QApplication, QWidget

    from app.dossier_service import DossierService
    from app.models.database import open_store
    from app.ui.main_window import MainWindow
    from app.ui.settings import AppSettings

    class IdleFlow(QWidget):
        finished = Signal(str)
        dossier_changed = Signal(str)

    texts = _queries(data_dir, queries, random.Random(11))
    app = QApplication.instance() or QApplication([])
    timings: dict[str, list[float]] = {}
    with open_store(data_dir) as store:
        window = MainWindow(store=store, service=DossierService(store, agent="bench"),
                            settings=AppSettings(), data_dir=data_dir, flow=IdleFlow())
        loop = QEventLoop()
        window.ready.connect(loop.quit)
        window.model.first_page_loaded.connect(loop.quit)
        window.show()
        loop.exec()
        previous = ""
        for kind, text in texts:
            if text == previous:
                continue
            previous = text
            window.search_edit.blockSignals(True)
            window.search_edit.setText(text)
            window.search_edit.blockSignals(False)
            QTimer.singleShot(5_000, loop.quit)
            started = time.perf_counter()
            window.apply_filters_now()
            loop.exec()
            timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            app.processEvents()
        window.close()
    every = [t for values in timings.values() for t in values]
    result: dict[str, Any] = {
        "queries": len(every), "p50_ms": percentile(every, 50), "p95_ms": percentile(every, 95),
        "max_ms": max(every),
    }
    result["by_kind"] = {k: {"n": len(v), "p50_ms": percentile(v, 50),
                             "p95_ms": percentile(v, 95)} for k, v in timings.items()}
    return result


def run(dossiers: int = 100_000, data_dir: Path | None = None) -> dict[str, Any]:
    base = workdir()
    env = isolated_env(base)
    env["QT_QPA_PLATFORM"] = "offscreen"
    if data_dir is None:
        data_dir = base / "data"
        started = time.perf_counter()
        run_cli(["demo", "--dossiers", str(dossiers), "--seed", "1", "--data-dir",
                 str(data_dir)], env)
        build_s = time.perf_counter() - started
    else:
        build_s = float("nan")
    empty = base / "empty"
    _timed(SMOKE, [str(empty)], env)  # creates the empty store (and warms the disk cache)
    _timed(SMOKE, [str(data_dir)], env)
    bare = bare_window(env)
    empty_start = startup(empty, env)
    full_start = startup(data_dir, env)
    import os

    os.environ.update({k: env[k] for k in ("PYTHON_KEYRING_BACKEND", "XDG_DATA_HOME")})
    search = search_latency(data_dir)
    return {
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d"),
        "dossiers": dossiers,
        "demo_build_s": build_s,
        "bare_window": bare,
        "startup_empty": {**empty_start, "ratio": empty_start["wall_ms"] / bare["wall_ms"]},
        "startup_full": {**full_start, "ratio": full_start["wall_ms"] / bare["wall_ms"]},
        "search": search,
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_gui")
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path, help="an existing demo data dir (its keyring "
                        "must be the benchmark's file keyring)")
    args = parser.parse_args()
    result = run(args.dossiers, args.data_dir)
    print(json.dumps(result, indent=2))
    bare, empty, full, search = (result["bare_window"], result["startup_empty"],
                                 result["startup_full"], result["search"])
    print()
    print(f"Machine: {result['machine']}; {result['date']}")
    print("| what | figure | goal |\n|---|---|---|")
    print(f"| bare PySide6 window process | {bare['wall_ms']:.0f} ms | |")
    print(f"| start-up to list ready, empty store | {empty['wall_ms']:.0f} ms "
          f"(×{empty['ratio']:.2f}; ready at {empty['ready_ms']:.0f} ms) | ≤ ×1.3 |")
    print(f"| start-up to list ready, {result['dossiers']:,} dossiers | {full['wall_ms']:.0f} ms "
          f"(×{full['ratio']:.2f}; ready at {full['ready_ms']:.0f} ms) | ≤ ×1.3 |")
    print(f"| peak RSS, {result['dossiers']:,} dossiers | {full['max_rss_mib']:.0f} MiB "
          f"(bare window {bare['max_rss_mib']:.0f} MiB) | |")
    print(f"| search as you type, {search['queries']} queries | p50 {search['p50_ms']:.1f} ms, "
          f"p95 {search['p95_ms']:.1f} ms (max {search['max_ms']:.0f} ms) | p95 ≤ 50 ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
