"""What a push's validation refuses does not change when it is made cheaper (issue 18): the
store checks a pushed record with app.forms.records.check_record (the refusals of
validate_record, nothing built); it refuses what validate_record refuses, with the same reason,
and stores the record as sent with its id in canonical form.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from app.forms.evaluation import SituationError
from app.forms.questionnaire import load_questionnaire
from app.forms.records import validate_record
from app.server.services.sync import check_record
from tests.server.conftest import make_record

TODAY = date(2026, 12, 5)


# --------------------------------------------------------------------------- the store's check


def refusal(check: Any, record: dict[str, Any]) -> tuple[str, str] | None:
    try:
        check(copy.deepcopy(record))
    except SituationError as exc:
        return exc.field, str(exc)
    return None


def broken_records() -> list[dict[str, Any]]:
    """Records validate_record refuses, one way each (and one it accepts)."""
    out = [make_record(1), make_record(1, oriented=("caf", "urssaf"))]
    for change in (
        lambda r: r.update(id="not-a-uuid"), lambda r: r.update(number="TI-1"),
        lambda r: r.update(revision=0), lambda r: r.update(questionnaire="help-v9"),
        lambda r: r["identity"].update(nir="1" * 15), lambda r: r["identity"].update(siret="1"),
        lambda r: r["identity"].update(nom=""), lambda r: r["answers"].update(Q05="maybe"),
        lambda r: r.update(profile={"date_naissance": "1900-01-01", "inconnu": 1}),
        lambda r: r["consents"].append(dict(r["consents"][0])),
        lambda r: r.update(surplus=1), lambda r: r.update(agent="x\x00"),
        lambda r: r.pop("updated_at"), lambda r: r.update(status="perdu"),
    ):
        record = make_record(2, oriented=("caf",))
        change(record)
        out.append(record)
    return out


@pytest.mark.parametrize("record", broken_records())
def test_the_store_refuses_what_validate_record_refuses(record: dict[str, Any]) -> None:
    def full(raw: dict[str, Any]) -> None:
        validate_record(raw, load_questionnaire, today=TODAY)

    def store(raw: dict[str, Any]) -> None:
        check_record(raw, TODAY)

    assert refusal(store, record) == refusal(full, record)


def test_the_store_keeps_the_record_as_sent_with_its_id_canonical() -> None:
    record = make_record(3)
    record["id"] = record["id"].upper()
    record["identity"]["nir"] = " ".join(record["identity"].get("nir", "") or "")
    sent = copy.deepcopy(record)
    payload, site = check_record(record, TODAY)
    assert record == sent  # not changed in place
    assert payload == {**sent, "id": sent["id"].lower()}
    assert payload["id"] == validate_record(sent, load_questionnaire, today=TODAY)["id"]
    assert site == sent["number"].split("-")[1]
