"""The main window: start-up against a bare PySide6 window, memory, search-as-you-type latency.

    python -m benchmarks.bench_gui [--dossiers N] [--runs R] [--data-dir DIR] [--json]

- start-up: time from a process's start until the main window's list shows its first rows
  (``run_gui(smoke=True)``'s « ready in N ms »: the process's age just after the list's first
  paint; the window's second stage is built after it), as a ratio to a process that only creates a
  QApplication and a QMainWindow and shows it (its age then); R repetitions, each a bare window
  then the app on an empty store then on N dossiers (interleaved), median and range (goal at
  N = 100 000: ratio ≤ ×2). The data dir's first start, which applies retention, is not counted;
- peak memory (RSS) of the smoke process on N dossiers;
- search as you type on N dossiers, as the window runs it: time from setting the search text
  (the debounce bypassed) to the model holding the new first page, p50/p95 over prefixes of
  surnames, dossier numbers and SIRET (goal: p95 ≤ 30 ms).

Child processes get a file keyring in a throwaway folder, never the user's.
"""

from __future__ import annotations

import argparse
import json
import os
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
import os, sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
app.processEvents()
# since process start, as the app's own « ready in N ms » (app.ui.app.process_age_ms)
fields = open("/proc/self/stat").read().rsplit(")", 1)[1].split()
started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
print(f"shown in {(time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000:.0f} ms")
# peak RSS of this program: VmHWM starts afresh at exec (ru_maxrss may keep the forking parent's)
print("maxrss_kib", [l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0])
"""

SMOKE = """
import sys
from pathlib import Path
from app.ui.app import run_gui
code = run_gui(Path(sys.argv[1]), smoke=True)
# peak RSS of this program: VmHWM starts afresh at exec (ru_maxrss may keep the forking parent's)
print("maxrss_kib", [l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0])
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
    match = re.search(r"(?:ready|shown) in (\d+) ms", stdout)
    return float(match.group(1)) if match else float("nan")


def _spread(values: list[float]) -> dict[str, float]:
    return {"median": median(values), "min": min(values), "max": max(values)}


def startups(dirs: dict[str, Path], env: dict[str, str], runs: int = RUNS) -> dict[str, Any]:
    """Each repetition starts a bare window, then the app on each data dir, one after the
    other (interleaved: the machine's load touches every side alike). A start's figure is its
    process age when the list shows its first rows (« ready in N ms »), the bare window's its
    age once shown; each ratio is to the bare window of its own repetition. Whole process wall
    times (exit included: the app waits there for its retention pass) are kept as well."""
    walls: dict[str, list[float]] = {"bare": [], **{name: [] for name in dirs}}
    ready: dict[str, list[float]] = {"bare": [], **{name: [] for name in dirs}}
    ratios: dict[str, list[float]] = {name: [] for name in dirs}
    rss: dict[str, list[float]] = {"bare": [], **{name: [] for name in dirs}}
    for _ in range(runs):
        for name, code, args in (("bare", BARE, []),
                                 *((n, SMOKE, [str(d)]) for n, d in dirs.items())):
            wall, out = _timed(code, args, env)
            walls[name].append(wall)
            ready[name].append(_ready_ms(out))
            rss[name].append(_maxrss_mib(out))
            if name != "bare":
                ratios[name].append(ready[name][-1] / ready["bare"][-1])
    result: dict[str, Any] = {"bare_window": {
        "shown_ms": _spread(ready["bare"]), "wall_ms": _spread(walls["bare"]),
        "max_rss_mib": max(rss["bare"])}}
    for name in dirs:
        result[name] = {"ready_ms": _spread(ready[name]), "ratio": _spread(ratios[name]),
                        "wall_ms": _spread(walls[name]), "max_rss_mib": max(rss[name])}
    return result


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


def run(dossiers: int = 100_000, data_dir: Path | None = None,
        runs: int = RUNS) -> dict[str, Any]:
    base = workdir()
    env = isolated_env(base)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # The app's modules start from their compiled form, as an installed build's do (PyInstaller
    # ships bytecode) and as the bare window's PySide6 does: with PYTHONDONTWRITEBYTECODE in the
    # caller's environment, a checkout without __pycache__ would compile every module of the
    # app at each start (about 60-90 ms at 100 000 dossiers). The warm-up starts write them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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
    _timed(SMOKE, [str(data_dir)], env)  # its first start applies retention (at exit)
    load_before = os.getloadavg()
    starts = startups({"startup_empty": empty, "startup_full": data_dir}, env, runs)
    load_after = os.getloadavg()
    os.environ.update({k: env[k] for k in ("PYTHON_KEYRING_BACKEND", "XDG_DATA_HOME")})
    search = search_latency(data_dir)
    return {
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d"),
        "dossiers": dossiers,
        "runs": runs,
        "load_average_before": load_before,
        "load_average_after": load_after,
        "demo_build_s": build_s,
        **starts,
        "search": search,
    }


def report(result: dict[str, Any]) -> str:
    """The Markdown table of a run."""
    bare, empty, full, search = (result["bare_window"], result["startup_empty"],
                                 result["startup_full"], result["search"])

    def spread(figures: dict[str, float], unit: str = " ms", digits: int = 0) -> str:
        return (f"{figures['median']:.{digits}f}{unit} ({figures['min']:.{digits}f}–"
                f"{figures['max']:.{digits}f})")

    load = " ".join(f"{x:.2f}" for x in result["load_average_before"])
    after = " ".join(f"{x:.2f}" for x in result["load_average_after"])
    lines = [
        f"Machine: {result['machine']}; {result['date']}; {result['runs']} interleaved "
        f"repetitions (bare window, empty store, {result['dossiers']:,} dossiers); load average "
        f"before {load}, after {after}",
        "",
        "| what (median, range) | figure | goal |", "|---|---|---|",
        f"| bare PySide6 window, process start to shown | {spread(bare['shown_ms'])} | |",
        f"| start-up to the list's first rows, empty store | {spread(empty['ready_ms'])}, "
        f"×{spread(empty['ratio'], '', 2)} | |",
        f"| start-up to the list's first rows, {result['dossiers']:,} dossiers | "
        f"{spread(full['ready_ms'])}, ×{spread(full['ratio'], '', 2)} | ≤ ×2 |",
        f"| whole process (exit included), bare / empty / {result['dossiers']:,} | "
        f"{bare['wall_ms']['median']:.0f} / {empty['wall_ms']['median']:.0f} / "
        f"{full['wall_ms']['median']:.0f} ms | |",
        f"| peak RSS, {result['dossiers']:,} dossiers | {full['max_rss_mib']:.0f} MiB "
        f"(bare window {bare['max_rss_mib']:.0f} MiB) | |",
        f"| search as you type, {search['queries']} queries | p50 {search['p50_ms']:.1f} ms, "
        f"p95 {search['p95_ms']:.1f} ms (max {search['max_ms']:.0f} ms) | p95 ≤ 30 ms |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_gui")
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--data-dir", type=Path, help="an existing demo data dir (its keyring "
                        "must be the benchmark's file keyring)")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args(argv)
    result = run(args.dossiers, args.data_dir, max(1, args.runs))
    if args.json:
        print(json.dumps(result, indent=2))
    print()
    print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
