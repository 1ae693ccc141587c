"""Time to render the summary and the letters (goals, issue 18: summary median ≤ 25 ms, letter
median ≤ 35 ms), with the QR code's drawing against the former one as a baseline in the run.

    python -m benchmarks.bench_documents [--dossiers 40] [--reps 5]

Dossiers come from the demo generator (seeded, drafts left out). At every repetition each
dossier's summary, consent form and letters (one per organisme it may be sent to) are rendered
once, interleaved, the order of the kinds reversed at every other repetition. Every letter is
rendered with the QR cache emptied first, so that it pays for encoding its number as a letter to
a new dossier does (the cache only helps a dossier's second letter).

The QR baseline, in the same run and interleaved with it: the dossier number drawn on a PDF
page by reportlab's ``QrCodeWidget`` in a ``Drawing`` (what the documents did) and by
``app.documents.qr`` (encoded once, one path; cache emptied), each followed by the page's
serialisation; reported as the ratio former / new.

Reported for each figure: the median of every repetition's median, and the range (min–max) of
those medians; the load average before and after.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.demo import demo_records
from app.documents import DocumentKind, build_snapshot, letter_organismes, render
from app.documents.qr import qr_code, qr_matrix
from app.forms.questionnaire import load_questionnaire
from app.models.sites import load_sites
from benchmarks.common import machine

GOALS_MS = {"summary": 25.0, "letter": 35.0}


def _former_qr(number: str) -> bytes:
    """The number's QR code as the documents drew it before (QrCodeWidget in a Drawing)."""
    canvas = Canvas(io.BytesIO())
    widget = QrCodeWidget(number[:80], barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    size = 24 * mm
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.showPage()
    return canvas.getpdfdata()  # type: ignore[no-any-return]


def _new_qr(number: str) -> bytes:
    canvas = Canvas(io.BytesIO())
    qr_matrix.cache_clear()
    flowable = qr_code(number)
    assert flowable is not None
    flowable.wrap(0, 0)
    flowable.drawOn(canvas, 0, 0)
    canvas.showPage()
    return canvas.getpdfdata()  # type: ignore[no-any-return]


def _timed(action: Any, *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action(*args)
    return (time.perf_counter() - started) * 1000, result


def _figures(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def run(dossiers: int = 40, reps: int = 5) -> dict[str, Any]:
    sites = load_sites()
    records = [r for r in demo_records(dossiers, load_questionnaire(), seed=3)
               if r["status"] != "brouillon"]
    snapshots = [build_snapshot(r, site=sites.get(r["site"])) for r in records]
    render(snapshots[0], DocumentKind.SUMMARY)  # fonts registered, modules imported
    first = next(s for s in snapshots if letter_organismes(s))
    render(first, DocumentKind.LETTER, letter_organismes(first)[0])
    kinds = ("summary", "consent", "letter")
    per_rep: dict[str, list[float]] = {k: [] for k in (*kinds, "qr_former", "qr_new")}
    every: dict[str, list[float]] = {k: [] for k in kinds}
    sizes: dict[str, list[int]] = {k: [] for k in kinds}
    pages: dict[str, list[int]] = {k: [] for k in kinds}
    load_before = os.getloadavg()
    for rep in range(reps):
        times: dict[str, list[float]] = {k: [] for k in per_rep}
        for snapshot in snapshots:
            jobs: list[tuple[str, str | None]] = [("summary", None), ("consent", None)]
            jobs += [("letter", o) for o in letter_organismes(snapshot)]
            qr_jobs = [("qr_former", _former_qr), ("qr_new", _new_qr)]
            if rep % 2:
                jobs.reverse()
                qr_jobs.reverse()
            for kind, organisme in jobs:
                if kind == "letter":
                    qr_matrix.cache_clear()
                ms, document = _timed(render, snapshot, DocumentKind(kind), organisme)
                times[kind].append(ms)
                every[kind].append(ms)
                if rep == 0:
                    sizes[kind].append(len(document.pdf))
                    pages[kind].append(document.pages)
            for name, action in qr_jobs:
                times[name].append(_timed(action, snapshot.number)[0])
        for name, values in times.items():
            if values:
                per_rep[name].append(statistics.median(values))
    load_after = os.getloadavg()
    out: dict[str, Any] = {
        kind: {"median_ms": statistics.median(values),
               "p95_ms": sorted(values)[int(len(values) * 0.95) - 1],
               "median_kib": statistics.median(sizes[kind]) / 1024,
               "max_pages": max(pages[kind]), "renders": len(values),
               "rep_medians_ms": _figures(per_rep[kind])}
        for kind, values in every.items() if values}
    ratios = [f / n for f, n in zip(per_rep["qr_former"], per_rep["qr_new"], strict=True)]
    out["qr"] = {"former_ms": _figures(per_rep["qr_former"]),
                 "new_ms": _figures(per_rep["qr_new"]), "ratio": _figures(ratios)}
    out["reps"] = reps
    out["dossiers"] = len(snapshots)
    out["load"] = (load_before, load_after)
    return out


def report(figures: dict[str, Any]) -> str:
    def span(f: dict[str, float], unit: str = " ms", digits: int = 1) -> str:
        return (f"median {f['median']:.{digits}f}{unit} (range {f['min']:.{digits}f}–"
                f"{f['max']:.{digits}f}{unit})")

    before, after = figures["load"]
    lines = [f"machine: {machine()}",
             f"load average before {before[0]:.2f}, after {after[0]:.2f} (1 min)",
             f"{figures['dossiers']} demo dossiers, {figures['reps']} repetitions, interleaved; "
             "figures: median of the repetitions' medians (range of those medians)"]
    for kind in ("summary", "letter", "consent"):
        f = figures[kind]
        goal = GOALS_MS.get(kind)
        verdict = (f"; goal ≤ {goal:.0f} ms: "
                   f"{'met' if f['rep_medians_ms']['median'] <= goal else 'NOT met'}"
                   if goal else "")
        lines.append(f"{kind}: {span(f['rep_medians_ms'])}, p95 {f['p95_ms']:.1f} ms, "
                     f"{f['median_kib']:.0f} KiB, {f['max_pages']} pages at most, "
                     f"{f['renders']} renders{verdict}")
    qr = figures["qr"]
    lines.append(f"QR code alone: former QrCodeWidget {span(qr['former_ms'])}; one path "
                 f"{span(qr['new_ms'])}; ratio former / new {span(qr['ratio'], '', 2)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_documents")
    parser.add_argument("--dossiers", type=int, default=40)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    print(report(run(args.dossiers, args.reps)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
