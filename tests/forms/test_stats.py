"""The statistics' vocabulary: periods, dimensions, a dossier's facts (Paris day, aids) and the
sentences saying what a figure counts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from app.forms import stats
from app.forms.stats import (
    ALL_TIME,
    CALL_DIMENSIONS,
    Period,
    dossier_facts,
    method_sentence,
    paris_bounds,
    paris_day,
    parse_dimensions,
    parse_period,
    period_words,
    row_keys,
)
from tests.server.conftest import BASE_RECORD


@pytest.mark.parametrize(("text", "first", "last"), [
    ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
    ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
    ("2026-11", date(2026, 11, 1), date(2026, 11, 30)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2026-W47", date(2026, 11, 16), date(2026, 11, 22)),
    ("2026-W01", date(2025, 12, 29), date(2026, 1, 4)),
    (" 2026-01..2026-06 ", date(2026, 1, 1), date(2026, 6, 30)),
])
def test_periods(text: str, first: date, last: date) -> None:
    period = parse_period(text)
    assert (period.first, period.last, period.label) == (first, last, text.strip())
    assert period.to_json() == {"label": text.strip(), "first": first.isoformat(),
                                "last": last.isoformat()}


def test_no_period_is_every_day() -> None:
    assert parse_period(None) is ALL_TIME and parse_period("  ") is ALL_TIME


@pytest.mark.parametrize("text", ["26", "2026-13", "2026-00", "2026-Q5", "2026-W54",
                                  "2026-W00", "2026-11..", "2026..2027", "novembre",
                                  "2026-11-01"])
def test_bad_periods_name_the_field(text: str) -> None:
    with pytest.raises(ValueError, match=r"^period: .*expected a year \(2026\)"):
        parse_period(text)


def test_a_range_must_go_forward() -> None:
    with pytest.raises(ValueError, match="^period: .*ends before it starts"):
        parse_period("2026-06..2026-01")


def test_dimensions() -> None:
    assert parse_dimensions(None) == ()
    assert parse_dimensions("site, organisme,") == ("site", "organisme")
    assert parse_dimensions(["month"]) == ("month",)
    assert parse_dimensions("site", CALL_DIMENSIONS) == ("site",)
    with pytest.raises(ValueError, match="^by: 'nom' is not a dimension"):
        parse_dimensions("site,nom")
    with pytest.raises(ValueError, match="^by: 'organisme' is not a dimension.*site$"):
        parse_dimensions("organisme", CALL_DIMENSIONS)
    with pytest.raises(ValueError, match="^by: a dimension is named twice"):
        parse_dimensions("site,site")
    assert row_keys(("site", "question", "urgent")) == ("site", "question", "answer", "urgent")


def test_paris_days_and_bounds() -> None:
    assert paris_day("2026-10-31T23:30:00+00:00") == date(2026, 11, 1)
    assert paris_day("2026-11-30T22:59:00+00:00") == date(2026, 11, 30)
    assert paris_day("2026-07-31T22:30:00") == date(2026, 8, 1)  # naive: UTC, summer time
    start, end = paris_bounds(parse_period("2026-11"))
    assert start.isoformat() == "2026-11-01T00:00:00+01:00"
    assert end.isoformat() == "2026-12-01T00:00:00+01:00"
    start, end = paris_bounds(ALL_TIME)
    assert start < datetime(2000, 1, 1, tzinfo=start.tzinfo) and end.year == 9999


def test_a_dossiers_facts_are_codes_only() -> None:
    facts = dossier_facts(BASE_RECORD)
    assert facts["site"] == "BRE" and facts["created_day"] == date(2026, 11, 20)
    assert facts["month"] == "2026-11" and facts["channel"] == "accueil"
    assert facts["urgent"] is False and facts["answers"] == BASE_RECORD["answers"]
    assert facts["aids"] and all(a == a.upper() for a in facts["aids"])
    text = repr(facts)
    identity = BASE_RECORD["identity"]
    for key in ("nom", "prenom", "nir", "siret", "telephone", "email", "adresse"):
        assert identity[key] not in text
    assert BASE_RECORD["number"] not in text and BASE_RECORD["id"] not in text
    no_number: dict[str, Any] = {**BASE_RECORD, "number": "", "site": "QUI", "urgent": True,
                                 "questionnaire": "unknown-v9"}
    facts = dossier_facts(no_number)
    assert facts["site"] == "QUI" and facts["urgent"] is True and facts["aids"] == []
    bad_profile = {**BASE_RECORD, "profile": {"statut": "astronaute"}}
    assert dossier_facts(bad_profile)["aids"] == []


def test_method_sentences() -> None:
    november = parse_period("2026-11")
    text = method_sentence("breakdown", ("site", "organisme"), november, True)
    assert text.startswith("Nombre de dossiers distincts créés du 1er\u00a0novembre\u00a02026 "
                           "au 30\u00a0novembre\u00a02026")
    assert "par site et organisme\u00a0;" in text and text.endswith(stats.SECRECY_SENTENCE)
    assert "«\u00a0<\u00a05\u00a0»" in text
    assert "par aide" in method_sentence("breakdown", ("aid",), november, False)
    assert ", par" not in method_sentence("breakdown", (), november, False)
    three = method_sentence("times", ("site", "channel", "month"), november, False)
    assert "par site, canal et mois\u00a0:" in three and "9ᵉ décile" in three
    assert "liste d’appels" in method_sentence("calls", ("site",), ALL_TIME, False)
    assert period_words(ALL_TIME) == "depuis l’ouverture du service"
    assert period_words(Period(date(2026, 3, 2), date(2026, 3, 8), "2026-W10")) == \
        "du 2\u00a0mars\u00a02026 au 8\u00a0mars\u00a02026"
    with pytest.raises(ValueError, match="^kind: 'pie'"):
        method_sentence("pie", (), november, False)
