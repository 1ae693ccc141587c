"""The result page names aids blocked by an empty profile field, words reasons positively and
agrees its count."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.forms.evaluation import evaluate, parse_situation
from app.forms.questionnaire import load_questionnaire
from app.ui.result_page import ResultPage
from tests.spec_oracle import ANSWERS

pytestmark = pytest.mark.gui
Q = load_questionnaire()
REF = date(2026, 11, 22)
PROFILE = {"statut": "artisan", "date_naissance": "1970-06-15", "debut_activite": "2010-01-01",
           "foyer": 1, "activite_principale": True, "departement": "35"}


def page_text(qtbot: QtBot, profile: dict, **answers: str) -> str:
    raw = {q: codes[0] for q, codes in ANSWERS.items()} | answers
    orientation = evaluate(Q, parse_situation(Q, {"date": REF.isoformat(), "profile": profile,
                                                  "answers": raw}, today=REF))
    page = ResultPage()
    qtbot.addWidget(page)
    page.show_orientation(Q, orientation)
    return page.text()


def test_missing_start_of_activity_is_named(qtbot: QtBot) -> None:
    profile = {k: v for k, v in PROFILE.items() if k != "debut_activite"}
    text = page_text(qtbot, profile, Q01="dette", Q04="non")
    assert ("ACED et AFE ne peuvent pas être examinées : date de début d’activité manquante"
            in text)


def test_one_blocked_aid_is_singular(qtbot: QtBot) -> None:
    profile = {k: v for k, v in PROFILE.items() if k != "activite_principale"}
    text = page_text(qtbot, profile, Q03="catastrophe")
    assert ("Aide d’urgence catastrophe ou intempéries ne peut pas être examinée : activité "
            "principale (oui ou non) non renseignée" in text)


def test_emergency_aid_reasons_are_positive_and_the_count_agrees(qtbot: QtBot) -> None:
    text = page_text(qtbot, PROFILE, Q03="catastrophe")
    assert "Retraite : Non" not in text
    assert "Événement exceptionnel : Catastrophe" in text
    assert "1 aide envisageable — à orienter vers : Urssaf" in text
    assert "(s)" not in text
    assert "3 aides envisageables" in page_text(qtbot, PROFILE, Q03="catastrophe", Q12="psy")
