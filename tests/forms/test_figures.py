"""The processing-time figures (app.forms.figures): read from the store's answer with a minimum
sample, frozen in a print and read back; the records' validation of ``printed[i].figures``."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest

from app.forms.evaluation import SituationError
from app.forms.figures import (
    MIN_SAMPLE,
    WINDOW_DAYS,
    FigureError,
    ProcessingFigure,
    freeze,
    from_published,
    thaw,
)
from app.forms.questionnaire import load_questionnaire
from app.forms.records import validate_record
from tests.server.conftest import make_record

AT = "2026-12-04T10:00:00+00:00"


def published(**organismes: dict[str, Any]) -> dict[str, Any]:
    return {"window_days": WINDOW_DAYS, "min_sample": MIN_SAMPLE, "computed_at": AT,
            "organismes": organismes}


def test_only_organismes_with_the_minimum_sample_and_valid_numbers_are_kept() -> None:
    figures = from_published(published(
        urssaf={"p90_days": 18.1, "median_days": 10.5, "count": MIN_SAMPLE},
        caf={"p90_days": 0.2, "median_days": 0.0, "count": 40},
        assurance_maladie={"p90_days": 3.0, "median_days": 2.0, "count": MIN_SAMPLE - 1},
        service_social={"p90_days": None, "median_days": None, "count": 3},
        assurance_retraite={"p90_days": 2.0, "median_days": 5.0, "count": 30},  # median > p90
        a={"p90_days": "3", "median_days": 1, "count": 30},
        b={"p90_days": True, "median_days": 1, "count": 30},
        c={"p90_days": math.inf, "median_days": 1, "count": 30},
        d={"p90_days": 3, "median_days": 1, "count": True},
        e="not a figure",
    ))
    assert figures == {
        "urssaf": ProcessingFigure("urssaf", 19, 11, MIN_SAMPLE, WINDOW_DAYS, AT),
        "caf": ProcessingFigure("caf", 1, 1, 40, WINDOW_DAYS, AT),  # at least one day
    }


@pytest.mark.parametrize("data", [
    None, [], {"organismes": []},
    {**published(), "window_days": 0}, {**published(), "window_days": True},
    {**published(), "computed_at": "yesterday"}, {**published(), "computed_at": 3},
    {**published(), "computed_at": "2026-12-04T10:00:00" + " " * 60},
    # the answer of a store before issue 14: no median, no computed_at
    {"window_days": 30, "organismes": {"urssaf": {"p90_days": 3.0, "count": 40}}},
])
def test_an_answer_that_is_not_one_gives_no_figure(data: Any) -> None:
    assert from_published(data) == {}


def test_freeze_and_thaw_round_trip() -> None:
    figures = [ProcessingFigure("urssaf", 19, 11, 25, 30, AT),
               ProcessingFigure("caf", 4, 2, 40, 30, AT)]
    frozen = freeze(figures)
    assert frozen["urssaf"] == {"p90_days": 19, "median_days": 11, "count": 25,
                                "window_days": 30, "computed_at": AT}
    assert thaw(frozen) == {f.organisme: f for f in figures}
    assert thaw(frozen, ("urssaf", "caf")) == thaw(frozen)
    assert thaw({}) == {}


@pytest.mark.parametrize(("data", "field"), [
    ([], "expected an object"),
    ({"msa": {}}, "'msa' is not an organisme; expected one of urssaf, caf"),
    ({"urssaf": 3}, "urssaf: expected an object"),
    ({"urssaf": {"p90_days": 3, "extra": 1}}, "urssaf.extra: unknown field"),
    ({"urssaf": {"p90_days": 0}}, "urssaf.p90_days: expected a whole number from 1"),
    ({"urssaf": {"p90_days": 3, "median_days": 4}}, "urssaf.median_days: expected a whole "
                                                    "number from 1 to 3"),
    ({"urssaf": {"p90_days": 3, "median_days": 2, "count": 1.5}}, "urssaf.count"),
    ({"urssaf": {"p90_days": 3, "median_days": 2, "count": 25, "window_days": False}},
     "urssaf.window_days"),
    ({"urssaf": {"p90_days": 3, "median_days": 2, "count": 25, "window_days": 30,
                 "computed_at": "hier"}}, "urssaf.computed_at: expected an ISO 8601"),
])
def test_thaw_names_the_field_of_a_figure_that_is_not_one(data: Any, field: str) -> None:
    with pytest.raises(FigureError) as info:
        thaw(data, ("urssaf", "caf"))
    assert field in str(info.value)


def test_thaw_without_known_organismes_needs_text_keys() -> None:
    with pytest.raises(FigureError, match="expected an organisme code"):
        thaw({1: {}})


def printed_record(figures: Any) -> dict[str, Any]:
    return make_record(1, oriented=("urssaf",), printed=[
        {"kind": "summary", "organisme": None, "printed_at": "2026-11-22T10:00:00+01:00",
         "agent": "A", "content_hash": "0" * 64, "figures": figures}])


def test_records_carry_the_figures_of_a_print() -> None:
    frozen = freeze([ProcessingFigure("urssaf", 19, 11, 25, 30, AT)])
    valid = validate_record(printed_record(frozen), load_questionnaire, today=date(2026, 12, 4))
    assert valid["printed"][0]["figures"] == frozen
    assert "figures" in validate_record(printed_record(None), load_questionnaire,
                                        today=date(2026, 12, 4))["printed"][0]
    with pytest.raises(SituationError) as info:
        validate_record(printed_record({"urssaf": {**frozen["urssaf"], "count": -1}}),
                        load_questionnaire, today=date(2026, 12, 4))
    assert info.value.field == "printed[1].figures"
    assert "urssaf.count" in str(info.value)
