"""`accueil-ti pdf` and the processing-time figures (issue 14): a print freezes the figures it
showed; reprinting the same content after a sync brought new figures gives the same bytes; after
a correction that changes the content, the new print uses the current figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from app.cli import main
from app.dossier_service import DossierService
from app.forms.figures import MIN_SAMPLE
from app.models.database import open_store
from app.sync.figures import save_figures


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def published(median: float, p90: float) -> dict[str, Any]:
    codes = ("urssaf", "assurance_maladie", "service_social", "caf", "assurance_retraite")
    return {"window_days": 30, "min_sample": MIN_SAMPLE, "computed_at": "2026-12-04T10:00:00+00:00",
            "organismes": {c: {"p90_days": p90, "median_days": median, "count": 25}
                           for c in codes}}


def flat_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_a_reprint_keeps_the_figures_of_its_print(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    cli(capsys, "demo", "--dossiers", "40", "--seed", "11", "--data-dir", str(data_dir))
    records = [json.loads(line) for line in
               cli(capsys, "export", "--data-dir", str(data_dir)).splitlines()]
    record = next(r for r in records if r["orientations"])

    def pdf(name: str) -> Path:
        out = tmp_path / name
        cli(capsys, "pdf", record["number"], "--kind", "summary", "--out", str(out),
            "--agent", "Agent Test", "--data-dir", str(data_dir))
        return out

    save_figures(data_dir, published(4.2, 9.5), "2026-12-04T10:00:01+00:00")
    first = pdf("first.pdf")
    assert "5 jours (médiane), 10 jours pour 9 demandes sur 10" in flat_text(first)
    save_figures(data_dir, published(14.0, 29.5), "2026-12-05T10:00:01+00:00")  # a sync later
    second = pdf("second.pdf")
    assert second.read_bytes() == first.read_bytes()
    exported = next(json.loads(line) for line in
                    cli(capsys, "export", "--data-dir", str(data_dir)).splitlines()
                    if json.loads(line)["id"] == record["id"])
    frozen = [p["figures"] for p in exported["printed"] if p["kind"] == "summary"][-2:]
    assert frozen[0] == frozen[1]
    assert {f["median_days"] for f in frozen[0].values()} == {5} and frozen[0]

    # A correction that changes what the summary says: the new print uses today's figures.
    with open_store(data_dir) as store:
        DossierService(store, agent="Agent Test").correct(
            record["id"], identity={"prenom": "Annaïg"}, reason="erreur de saisie")
    third = pdf("third.pdf")
    assert "14 jours (médiane), 30 jours pour 9 demandes sur 10" in flat_text(third)
    assert "Annaïg" in flat_text(third)
