"""The monthly report: pages, sections, period, scope, method, secrecy note; same bytes."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pypdf
import pytest

from app.documents.monthly_report import render_monthly_report, trend_period
from tests.documents.stats_samples import figures

WHEN = datetime(2026, 12, 2, 8, 30, tzinfo=UTC)


def _pages(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@pytest.fixture(scope="module")
def report() -> bytes:
    return render_monthly_report(figures(), None, WHEN)


def test_sections_on_their_pages(report: bytes) -> None:
    pages = _pages(report)
    assert len(pages) == 5
    assert "Rapport mensuel d’activité" in pages[0] and "Chiffres clés" in pages[0]
    assert "Dossiers ouverts 1 613" in pages[0]
    assert "Évolution par mois" in pages[1] and "1 613" in pages[1]
    assert "Fragilités déclarées" in pages[2] and "Trésorerie" in pages[2]
    assert "Orientations et issues par organisme" in pages[3] and "Aide accordée" in pages[3]
    assert "Délais de traitement" in pages[4] and "38,5 j" in pages[4]
    assert "Liste d’appels" in pages[4]
    assert all(f"Page {n} sur 5" in page for n, page in enumerate(pages, 1))


def test_period_scope_method_and_secrecy(report: bytes) -> None:
    text = " ".join(_pages(report))
    assert "Édité le 2 décembre 2026 à 9 h 30" in text  # Paris time
    assert "du 1er novembre 2026 au 30 novembre 2026" in text
    assert "Périmètre : Tous les sites" in text
    assert text.count("Méthode :") >= 8
    assert "décembre 2025 à novembre 2026" in text  # the trend's own period
    assert "secret statistique" in text and "< 5" in text
    # Healthy answers (« Non » to Q01) and « ne sait pas » are not fragilities.
    assert "Ne sait pas" not in text


def test_site_report_and_no_secrecy() -> None:
    data = {name: figures()[name] for name in ("site", "urgent")}
    pages = _pages(render_monthly_report(data, "Rennes", WHEN))
    text = " ".join(pages)
    assert "Périmètre : Rennes" in text
    assert "Dossiers ouverts par site" not in text  # one site: no chart by site
    assert "secret statistique" not in text
    assert "Données non disponibles pour cette période." in text


def test_same_input_same_bytes(report: bytes) -> None:
    assert render_monthly_report(figures(), None, WHEN) == report


def test_hostile_text_is_printed_literally() -> None:
    data = figures()
    data["site"]["rows"][0]["site"] = "<b>X</b>&"
    data["channel"]["method"] = "<font size=40>méthode</font>"
    text = " ".join(_pages(render_monthly_report(data, "<i>Brest</i>", WHEN)))
    assert "<i>Brest</i>" in text and "<font size=40>méthode</font>" in text


def test_trend_period() -> None:
    assert trend_period(date(2026, 11, 1)) == "2025-12..2026-11"
    assert trend_period(date(2026, 12, 1)) == "2026-01..2026-12"
    assert trend_period(date(2026, 1, 1)) == "2025-02..2026-01"
