"""Every aid rule at its boundaries, nsp on every question, and random situations vs the spec."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.forms.evaluation import evaluate, parse_situation, whole_months, whole_years
from app.forms.questionnaire import load_questionnaire
from tests.profiles import examples
from tests.spec_oracle import ANSWERS, STATUTS, oracle

Q = load_questionnaire()
REF = date(2026, 11, 22)


def base(**answers: str) -> dict:
    """A situation with no difficulty, then the given answers."""
    situation = {
        "date": REF.isoformat(),
        "profile": {"statut": "artisan", "date_naissance": "1970-06-15",
                    "debut_activite": "2010-01-01", "foyer": 1, "activite_principale": True,
                    "departement": "35"},
        "answers": {q: codes[0] for q, codes in ANSWERS.items()},
    }
    situation["answers"].update(answers)
    return situation


def run(situation: dict) -> dict:
    return evaluate(Q, parse_situation(Q, situation, today=REF)).to_json()


def codes(situation: dict) -> list[str]:
    return [a["code"] for a in run(situation)["aids"]]


def test_no_difficulty_gives_nothing() -> None:
    result = run(base())
    assert result["aids"] == [] and result["organismes"] == [] and result["urgent"] is False


def months_before(months: int, ref: date = REF) -> str:
    year, month = divmod(ref.year * 12 + ref.month - 1 - months, 12)
    return date(year, month + 1, ref.day).isoformat()


@pytest.mark.parametrize(("months", "applies"), [(11, False), (12, True), (13, True)])
@pytest.mark.parametrize("aid", ["ACED", "AFE_CPSTI"])
def test_seniority_boundary_is_twelve_months(aid: str, months: int, applies: bool) -> None:
    situation = base(Q01="dette", Q04="non")
    situation["profile"]["debut_activite"] = months_before(months)
    assert (aid in codes(situation)) is applies


def test_seniority_one_day_short_of_twelve_months() -> None:
    situation = base(Q01="dette")
    situation["profile"]["debut_activite"] = (date(2025, 11, 22) + timedelta(days=1)).isoformat()
    assert "ACED" not in codes(situation)
    situation["profile"]["debut_activite"] = "2025-11-22"
    assert "ACED" in codes(situation)


@pytest.mark.parametrize("aid", ["ACED", "AFE_CPSTI", "AIDE_URGENCE"])
def test_main_activity_is_required(aid: str) -> None:
    situation = base(Q01="dette", Q04="non", Q03="catastrophe")
    assert aid in codes(situation)
    situation["profile"]["activite_principale"] = False
    assert aid not in codes(situation)


@pytest.mark.parametrize(("birth", "applies"), [
    ("1966-11-22", True),   # 60 today
    ("1966-11-23", False),  # 60 tomorrow
    ("1966-11-21", True),
])
def test_bien_vieillir_age_boundary_is_sixty(birth: str, applies: bool) -> None:
    situation = base(Q10="adaptation")
    situation["profile"]["date_naissance"] = birth
    assert ("BIEN_VIEILLIR" in codes(situation)) is applies


def test_bien_vieillir_through_cumul_at_any_age() -> None:
    situation = base(Q10="adaptation", Q11="cumul")
    situation["profile"]["date_naissance"] = "1990-01-01"
    assert "BIEN_VIEILLIR" in codes(situation)


@pytest.mark.parametrize(("answers", "expected"), [
    ({"Q01": "ponctuelles"}, ["DELAIS_PAIEMENT"]),
    ({"Q01": "ponctuelles", "Q04": "tendue"}, ["DELAIS_PAIEMENT", "ACED"]),
    ({"Q01": "ponctuelles", "Q04": "non"}, ["DELAIS_PAIEMENT", "ACED", "AFE_CPSTI"]),
    ({"Q01": "dette"}, ["DELAIS_PAIEMENT", "ACED"]),
    ({"Q02": "moderee"}, ["AJUSTEMENT_COTISATIONS"]),
    ({"Q02": "cessation"}, []),
    ({"Q02": "cessation", "Q04": "tendue"}, ["AFE_CPSTI"]),
    ({"Q02": "moderee", "Q04": "tendue"}, ["AJUSTEMENT_COTISATIONS"]),
    ({"Q03": "externe"}, ["AFE_CPSTI"]),
    ({"Q03": "catastrophe"}, ["AIDE_URGENCE"]),
    ({"Q03": "catastrophe", "Q11": "cumul"}, ["AIDE_URGENCE_RETRAITE"]),
    ({"Q03": "catastrophe", "Q11": "nsp"}, ["AIDE_URGENCE"]),
    ({"Q11": "oui", "Q07": "modestes"}, ["ADR", "PRIME_ACTIVITE", "INFO_RETRAITE"]),
    ({"Q11": "oui"}, ["INFO_RETRAITE"]),
    ({"Q05": "arret"}, ["IJ_MALADIE"]),
    ({"Q05": "arret_long"}, ["IJ_MALADIE", "MAINTIEN_ACTIVITE", "PREVENTION_DESINSERTION"]),
    ({"Q05": "oui_sans_arret"}, ["MAINTIEN_ACTIVITE"]),
    ({"Q05": "invalidite"}, ["MAINTIEN_ACTIVITE"]),
    ({"Q05": "invalidite", "Q04": "tendue"}, ["AFE_INVALIDES", "MAINTIEN_ACTIVITE"]),
    ({"Q05": "invalidite", "Q07": "tres_faibles"},
     ["CSS", "MAINTIEN_ACTIVITE", "ACCOMPAGNEMENT_SOCIAL", "RSA", "PRIME_ACTIVITE",
      "AIDES_LOGEMENT"]),
    ({"Q06": "sans_complementaire"}, ["CSS"]),
    ({"Q06": "renoncement"}, ["CSS", "MISSION_ACCOMPAGNEMENT_SANTE"]),
    ({"Q07": "tres_faibles", "Q02": "cessation"}, ["CSS", "RSA", "AIDES_LOGEMENT"]),
    ({"Q07": "tres_faibles", "Q02": "nsp"}, ["CSS", "RSA", "PRIME_ACTIVITE", "AIDES_LOGEMENT"]),
    ({"Q08": "naissance"}, ["MATERNITE_PATERNITE", "PRESTATIONS_FAMILIALES"]),
    ({"Q08": "separation"}, ["ACTION_SOCIALE_CAF"]),
    ({"Q08": "deces_conjoint"}, ["CAPITAL_DECES", "ACTION_SOCIALE_CAF", "REVERSION"]),
    ({"Q08": "deces_enfant"}, ["DEUIL_PARENTAL", "ACTION_SOCIALE_CAF"]),
    ({"Q09": "perte_autonomie"}, ["AIDE_REPIT"]),
    ({"Q09": "fin_de_vie"}, ["ALLOCATION_ACCOMPAGNEMENT"]),
    ({"Q10": "impayes"}, ["AIDES_LOGEMENT", "ACTION_SOCIALE_CAF"]),
    ({"Q10": "adaptation"}, []),
    ({"Q12": "social"}, ["ACCOMPAGNEMENT_SOCIAL"]),
    ({"Q12": "psy"}, ["MON_SOUTIEN_PSY", "ACCOMPAGNEMENT_SOCIAL"]),
])
def test_each_rule(answers: dict[str, str], expected: list[str]) -> None:
    assert codes(base(**answers)) == expected


@pytest.mark.parametrize("statut", STATUTS)
def test_adr_only_for_artisans_and_commercants(statut: str) -> None:
    situation = base(Q11="oui", Q07="tres_faibles")
    situation["profile"]["statut"] = statut
    assert ("ADR" in codes(situation)) is (statut in ("artisan", "commercant"))


@pytest.mark.parametrize("question", list(ANSWERS))
def test_nsp_triggers_nothing(question: str) -> None:
    result = run(base(**{question: "nsp"}))
    assert result["aids"] == [] and result["urgent"] is False
    assert result["unanswered"] == [question]


@pytest.mark.parametrize(("answers", "reason"), [
    ({"Q04": "non"}, "Q04=non"), ({"Q03": "catastrophe"}, "Q03=catastrophe"),
    ({"Q12": "psy"}, "Q12=psy"), ({"Q10": "impayes"}, "Q10=impayes"),
])
def test_urgency(answers: dict[str, str], reason: str) -> None:
    result = run(base(**answers))
    assert result["urgent"] is True and result["urgent_reasons"] == [reason]


def test_reasons_name_the_facts_that_made_the_rule_true() -> None:
    result = run(base(Q01="ponctuelles", Q04="tendue"))
    aced = next(a for a in result["aids"] if a["code"] == "ACED")
    assert aced["reasons"] == ["Q01=ponctuelles", "Q04=tendue", "anciennete_mois=202",
                               "activite_principale=true"]
    aide = run(base(Q03="catastrophe"))["aids"][0]
    assert aide["reasons"] == ["Q03=catastrophe", "activite_principale=true", "Q11=non"]


def test_unknown_profile_facts_make_comparisons_false() -> None:
    situation = base(Q01="dette", Q10="adaptation")
    del situation["profile"]["debut_activite"]
    del situation["profile"]["date_naissance"]
    assert codes(situation) == ["DELAIS_PAIEMENT"]


def test_partial_answers_when_allowed() -> None:
    situation = {"answers": {"Q07": "tres_faibles"}}
    parsed = parse_situation(Q, situation, today=REF, require_all_answers=False)
    result = evaluate(Q, parsed)
    assert result.reference_date == REF
    assert [a.code for a in result.aids] == ["CSS", "RSA", "PRIME_ACTIVITE", "AIDES_LOGEMENT"]
    assert len(result.unanswered) == 11


@pytest.mark.parametrize(("start", "end", "months", "years"), [
    (date(2025, 11, 22), date(2026, 11, 22), 12, 1),
    (date(2025, 11, 23), date(2026, 11, 22), 11, 0),
    (date(2026, 1, 31), date(2026, 2, 28), 1, 0),
    (date(2024, 2, 29), date(2025, 2, 28), 12, 1),
    (date(2026, 11, 22), date(2025, 11, 22), -12, -1),
    (date(2026, 11, 22), date(2026, 11, 22), 0, 0),
])
def test_whole_months_and_years(start: date, end: date, months: int, years: int) -> None:
    assert whole_months(start, end) == months
    assert whole_years(start, end) == years


answer_strategy = st.fixed_dictionaries(
    {q: st.sampled_from(codes_ + ["nsp"]) for q, codes_ in ANSWERS.items()})
dates = st.dates(min_value=date(1930, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def situations(draw: st.DrawFn) -> dict:
    ref = draw(dates)
    return {
        "date": ref.isoformat(),
        "profile": {
            "statut": draw(st.sampled_from(STATUTS)),
            "date_naissance": draw(dates).isoformat(),
            # Near the reference date often, so the 12-month and 60-year boundaries are hit.
            "debut_activite": draw(st.one_of(
                dates, st.integers(0, 30).map(lambda m: date.fromisoformat(months_before(m, ref))
                                              if ref.day <= 28 else ref))).isoformat(),
            "foyer": draw(st.integers(1, 12)),
            "activite_principale": draw(st.booleans()),
            "departement": draw(st.sampled_from(["22", "29", "35", "56", "2A", "971"])),
        },
        "answers": draw(answer_strategy),
    }


@settings(max_examples=examples(3000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(situations())
def test_engine_agrees_with_the_spec_on_random_situations(situation: dict) -> None:
    result = evaluate(Q, parse_situation(Q, situation, today=REF)).to_json()
    assert {
        "urgent": result["urgent"],
        "organismes": result["organismes"],
        "aids": [a["code"] for a in result["aids"]],
    } == oracle(situation)


@settings(max_examples=examples(300), deadline=None)
@given(situations())
def test_evaluation_is_deterministic_and_does_not_mutate_input(situation: dict) -> None:
    before = copy.deepcopy(situation)
    first = run(situation)
    assert run(situation) == first
    assert situation == before
    for aid in first["aids"]:
        assert aid["organisme"] in first["organismes"]
        assert aid["reasons"]
