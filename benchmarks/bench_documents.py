"""Time to render each document (goal: summary ≤ 50 ms median) and file sizes.

Dossiers come from the demo generator (seeded), each rendered many times; the median of every
kind is reported, with the PDF sizes.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from app.demo import demo_records
from app.documents import DocumentKind, build_snapshot, letter_organismes, render
from app.forms.questionnaire import load_questionnaire
from app.models.sites import load_sites


def run(dossiers: int = 40, repeat: int = 5) -> dict[str, dict[str, float]]:
    sites = load_sites()
    records = [r for r in demo_records(dossiers, load_questionnaire(), seed=3)
               if r["status"] != "brouillon"]
    timings: dict[str, list[float]] = {k.value: [] for k in DocumentKind}
    sizes: dict[str, list[int]] = {k.value: [] for k in DocumentKind}
    pages: dict[str, list[int]] = {k.value: [] for k in DocumentKind}
    render(build_snapshot(records[0], site=sites.get(records[0]["site"])), DocumentKind.SUMMARY)
    for record in records:
        snapshot = build_snapshot(record, site=sites.get(record["site"]))
        jobs: list[tuple[DocumentKind, Any]] = [(DocumentKind.SUMMARY, None),
                                               (DocumentKind.CONSENT, None)]
        jobs += [(DocumentKind.LETTER, o) for o in letter_organismes(snapshot)]
        for kind, organisme in jobs:
            for _ in range(repeat):
                started = time.perf_counter()
                document = render(snapshot, kind, organisme)
                timings[kind.value].append((time.perf_counter() - started) * 1000)
            sizes[kind.value].append(len(document.pdf))
            pages[kind.value].append(document.pages)
    return {kind: {"median_ms": statistics.median(values),
                   "p95_ms": sorted(values)[int(len(values) * 0.95) - 1],
                   "median_kib": statistics.median(sizes[kind]) / 1024,
                   "max_pages": max(pages[kind]), "renders": len(values)}
            for kind, values in timings.items() if values}


if __name__ == "__main__":
    for kind, figures in run().items():
        print(kind, figures)
