"""Every worked example of the spec, through the engine and through the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.forms.evaluation import evaluate, parse_situation
from app.forms.questionnaire import load_questionnaire
from tests.spec_oracle import oracle

# Vendored from ../shared/spec (tests/test_vendored_data.py checks they are the same).
SCENARIOS_FILE = Path(__file__).resolve().parents[1] / "data" / "scenarios-help-v1.json"
SCENARIOS = json.loads(SCENARIOS_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario_matches_spec(scenario: dict) -> None:
    questionnaire = load_questionnaire()
    situation = parse_situation(questionnaire, scenario["situation"], today=date(2000, 1, 1))
    result = evaluate(questionnaire, situation).to_json()
    expected = scenario["expected"]
    assert result["urgent"] == expected["urgent"]
    assert result["organismes"] == expected["organismes"]
    assert [a["code"] for a in result["aids"]] == expected["aids"]
    # The hand-written oracle agrees with the spec's examples too, so it can judge random cases.
    assert oracle(scenario["situation"]) == {k: expected[k] for k in ("urgent", "organismes",
                                                                       "aids")}


def test_scenarios_cover_urgency_and_no_aid() -> None:
    assert any(s["expected"]["urgent"] for s in SCENARIOS)
    assert any(not s["expected"]["aids"] for s in SCENARIOS)


def test_every_aid_carries_reasons_from_the_situation() -> None:
    questionnaire = load_questionnaire()
    for scenario in SCENARIOS:
        situation = parse_situation(questionnaire, scenario["situation"], today=date.today())
        for aid in evaluate(questionnaire, situation).aids:
            assert aid.reasons, aid.code
            for reason in aid.reasons:
                fact, _, value = reason.partition("=")
                answers = scenario["situation"]["answers"]
                if fact in answers:
                    assert answers[fact] == value
