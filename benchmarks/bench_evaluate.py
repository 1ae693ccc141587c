"""``accueil-ti evaluate --jsonl`` against the engine's own loop over the same lines.

    python -m benchmarks.bench_evaluate [--situations 100000] [--reps 5]

The lines are random situations (seeded). At every repetition, in the same run and interleaved
(the order swapped at every repetition):

* the engine's own loop, in this process: each line decoded (``json.loads``), parsed
  (``parse_situation``) and evaluated (``evaluate``), nothing written — the same lines as the
  command's, already read into memory, and the work any caller of the engine does on them;
* ``accueil-ti evaluate --jsonl -`` in a new process with the same lines on its standard input,
  timed from the start of the process to its exit: **process start-up is included** (the
  interpreter, the imports and loading the questionnaire), and so are what the command adds to
  the engine — checking each line's JSON, turning each result into its line and writing it.

Reported: the median and range (min–max) of each, and of their ratio (the command's time over
the engine loop's of the same repetition), in wall time and in CPU time (user + system of the
child process against this process's own), with the load average before and after. Goal (issue
18): the command at most ×1.2 the engine's own loop. The command's start-up alone (one line) is
measured too, to show its part. The command's output is checked, not only counted: its first
lines byte for byte against ``write_json`` of each result.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import random
import resource
import statistics
import time
from datetime import date, timedelta
from typing import Any

from app.cli.common import write_json
from app.forms.evaluation import evaluate, parse_situation
from app.forms.questionnaire import load_questionnaire
from benchmarks.common import isolated_env, machine, run_cli, workdir

STATUTS = ["artisan", "commercant", "profession_liberale", "micro_entrepreneur",
           "conjoint_collaborateur"]
GOAL_RATIO = 1.2
TODAY = date(2026, 11, 22)
CHECKED_LINES = 1000  # the command's first output lines compared byte for byte


def random_situations(count: int, seed: int = 1) -> list[dict[str, Any]]:
    q = load_questionnaire()
    rng = random.Random(seed)
    ref = date(2026, 11, 22)
    out = []
    for _ in range(count):
        birth = ref - timedelta(days=rng.randrange(18 * 365, 80 * 365))
        out.append({
            "date": ref.isoformat(),
            "profile": {"statut": rng.choice(STATUTS), "date_naissance": birth.isoformat(),
                        "debut_activite": (birth + timedelta(days=rng.randrange(18 * 365,
                                           max(18 * 365 + 1, (ref - birth).days)))).isoformat(),
                        "foyer": rng.randrange(1, 6), "activite_principale": rng.random() < 0.8,
                        "departement": rng.choice(["22", "29", "35", "56"])},
            "answers": {qq.id: rng.choice(qq.codes + ("nsp",)) for qq in q.questions},
        })
    return out


def _engine_loop(lines: list[str]) -> tuple[float, float]:
    """Seconds (wall, CPU) for the engine to decode, parse and evaluate every line, in this
    process."""
    questionnaire = load_questionnaire()
    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    for line in lines:
        evaluate(questionnaire, parse_situation(questionnaire, json.loads(line), today=TODAY))
    return time.perf_counter() - started, time.process_time() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _expected_head(lines: list[str]) -> bytes:
    """The output the command must start with: ``write_json`` of each of the first lines'
    results (outside any timing)."""
    questionnaire = load_questionnaire()
    out = io.StringIO()
    for line in lines[:CHECKED_LINES]:
        result = evaluate(questionnaire, parse_situation(questionnaire, json.loads(line),
                                                         today=TODAY))
        write_json(out, result.to_json(), pretty=False)
    return out.getvalue().encode("utf-8")


def _command(payload: bytes, env: dict[str, str], count: int,
             head: bytes = b"") -> tuple[float, float]:
    """Seconds (wall, CPU) for ``accueil-ti evaluate --jsonl -`` on ``payload``, process start
    included; its output checked (one line per situation, starting with ``head``)."""
    started, cpu = time.perf_counter(), _children_cpu()
    out = run_cli(["evaluate", "--jsonl", "-"], env, stdin=payload)
    seconds = time.perf_counter() - started
    assert out.count(b"\n") == count, "one result per line"
    assert out.startswith(head), "the output is write_json's of each result"
    return seconds, _children_cpu() - cpu


def _figures(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def run(count: int = 100_000, reps: int = 5) -> dict[str, Any]:
    lines = [json.dumps(s) for s in random_situations(count)]
    payload = "".join(line + "\n" for line in lines).encode()
    head = _expected_head(lines)
    env = isolated_env(workdir())
    load_before = os.getloadavg()
    startup = [_command(lines[0].encode() + b"\n", env, 1)[0] for _ in range(3)]
    runs: list[tuple[tuple[float, float], tuple[float, float]]] = []  # (engine, command)
    for rep in range(reps):
        if rep % 2 == 0:
            first = _engine_loop(lines)
            runs.append((first, _command(payload, env, count, head)))
        else:
            second = _command(payload, env, count, head)
            runs.append((_engine_loop(lines), second))
    load_after = os.getloadavg()
    engine = [e[0] for e, _ in runs]
    command = [c[0] for _, c in runs]
    ratios = [c[0] / e[0] for e, c in runs]
    cpu_ratios = [c[1] / e[1] for e, c in runs]
    engine_s, command_s = statistics.median(engine), statistics.median(command)
    return {
        # The keys `python -m benchmarks` prints (medians).
        "situations": count, "engine_per_s": count / engine_s, "cli_per_s": count / command_s,
        "cli_seconds": command_s,
        "reps": reps, "engine_s": _figures(engine), "cli_s": _figures(command),
        "ratio": _figures(ratios), "cpu_ratio": _figures(cpu_ratios),
        "startup_s": _figures(startup),
        "load_before": load_before, "load_after": load_after,
    }


def report(figures: dict[str, Any]) -> str:
    def span(f: dict[str, float], unit: str = " s", digits: int = 2) -> str:
        return (f"median {f['median']:.{digits}f}{unit} (range {f['min']:.{digits}f}–"
                f"{f['max']:.{digits}f}{unit})")

    ratio = figures["ratio"]
    verdict = "met" if ratio["median"] <= GOAL_RATIO else "NOT met"
    return "\n".join([
        f"machine: {machine()}",
        f"load average before {figures['load_before'][0]:.2f}, after "
        f"{figures['load_after'][0]:.2f} (1 min)",
        f"{figures['situations']:,} lines, {figures['reps']} repetitions, interleaved",
        f"engine's own loop (json.loads + parse_situation + evaluate, in process): "
        f"{span(figures['engine_s'])}",
        f"accueil-ti evaluate --jsonl (new process, start-up included): "
        f"{span(figures['cli_s'])}",
        f"  of which start-up alone (one line): {span(figures['startup_s'])}",
        f"ratio command / engine loop (wall): {span(ratio, '', 3)}; goal ≤ ×{GOAL_RATIO}: "
        f"{verdict}",
        f"ratio of CPU time (user + system; less sensitive to a busy machine): "
        f"{span(figures['cpu_ratio'], '', 3)}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_evaluate")
    parser.add_argument("--situations", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    print(report(run(args.situations, args.reps)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
