"""Evaluation throughput: situations per second, in the engine and through `evaluate --jsonl`."""

from __future__ import annotations

import json
import random
import time
from datetime import date, timedelta
from typing import Any

from app.forms.evaluation import evaluate, parse_situation
from app.forms.questionnaire import load_questionnaire
from benchmarks.common import isolated_env, run_cli, workdir

STATUTS = ["artisan", "commercant", "profession_liberale", "micro_entrepreneur",
           "conjoint_collaborateur"]


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


def run(count: int = 100_000) -> dict[str, float]:
    q = load_questionnaire()
    situations = random_situations(count)
    started = time.perf_counter()
    for raw in situations:
        evaluate(q, parse_situation(q, raw, today=date(2026, 11, 22)))
    engine_rate = count / (time.perf_counter() - started)

    payload = "".join(json.dumps(s) + "\n" for s in situations).encode()
    base = workdir()
    started = time.perf_counter()
    out = run_cli(["evaluate", "--jsonl", "-"], isolated_env(base), stdin=payload)
    cli_seconds = time.perf_counter() - started
    assert out.count(b"\n") == count
    return {"situations": count, "engine_per_s": engine_rate,
            "cli_per_s": count / cli_seconds, "cli_seconds": cli_seconds}


if __name__ == "__main__":
    print(run())
