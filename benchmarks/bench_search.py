"""Search latency over a store of N dossiers: p50 and p95 per kind of query (goal p95 ≤ 30 ms).

Each query runs the whole `search_dossiers` call the window will make (FTS match, then loading
the 50 best dossiers), in a fresh session, as an agent types it.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any

from benchmarks.common import percentile


def queries(
    records: list[dict[str, Any]], rng: random.Random, per_kind: int
) -> dict[str, list[str]]:
    picks = [rng.choice(records) for _ in range(per_kind)]
    return {
        "name, 3-letter prefix": [r["identity"]["nom"][:3] for r in picks],
        "name and first name": [f"{r['identity']['nom']} {r['identity']['prenom']}"
                                for r in picks],
        "first name without accents": [r["identity"]["prenom"].lower()
                                       .replace("é", "e").replace("ë", "e").replace("ï", "i")
                                       for r in picks],
        "full dossier number": [r["number"] for r in picks],
        "end of dossier number": [r["number"][-6:] for r in picks],
        "SIRET": [r["identity"]["siret"] for r in picks],
        "NIR typed with spaces": [" ".join((r["identity"]["nir"][0], r["identity"]["nir"][1:3],
                                            r["identity"]["nir"][3:5], r["identity"]["nir"][5:7],
                                            r["identity"]["nir"][7:10], r["identity"]["nir"][10:13],
                                            r["identity"]["nir"][13:])) for r in picks],
        "empty (whole list)": [""] * per_kind,
    }


def run(data_dir: Path, export_file: Path, per_kind: int = 300) -> dict[str, dict[str, float]]:
    from app.models.database import open_store
    from app.models.search import search_dossiers

    records = [json.loads(line) for line in export_file.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(7)
    results: dict[str, dict[str, float]] = {}
    with open_store(data_dir) as store:
        for kind, texts in queries(records, rng, per_kind).items():
            timings = []
            found = 0
            for text in texts:
                started = time.perf_counter()
                with store.session() as session:
                    hits = search_dossiers(session, text, limit=50)
                    found += bool(hits)
                timings.append((time.perf_counter() - started) * 1000)
            results[kind] = {"p50_ms": percentile(timings, 50), "p95_ms": percentile(timings, 95),
                             "max_ms": max(timings), "found_pct": 100 * found / len(texts)}
    return results


if __name__ == "__main__":
    import sys

    print(run(Path(sys.argv[1]), Path(sys.argv[2])))
