"""``check_record``, the pull's check (issue 18): it refuses exactly what ``validate_record``
refuses, with the same error, and accepts the same records — only the normalised copy is not
built."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.forms.evaluation import SituationError
from app.forms.questionnaire import load_questionnaire
from app.forms.records import check_record, validate_record
from tests.forms import test_appointment_records as appointments
from tests.forms import test_records as records
from tests.forms.test_records import RECORD, TODAY, broken, broken_from


def outcome(check: Any, raw: object) -> tuple[str, ...]:
    """What a check says of ``raw``: accepted, or the field and message of its refusal."""
    try:
        check(copy.deepcopy(raw), load_questionnaire, today=TODAY)
    except SituationError as exc:
        return ("refused", exc.field, str(exc))
    return ("accepted",)


def _cases(test: Any) -> list[tuple[Any, ...]]:
    """The parameters of a parametrized test of app.forms.records' own tests."""
    marks = [m for m in test.pytestmark if m.name == "parametrize"]
    return list(marks[0].args[1])


BAD_FIELDS = [broken(path, value) for path, value, *_ in
              _cases(records.test_each_bad_field_is_named)]
BAD_APPOINTMENTS = [
    appointments.with_items(appointments.item(**changes))
    for changes, *_ in _cases(appointments.test_each_bad_appointment_field_is_named)]
BAD_ITEM_KEYS = broken("printed.0", {**RECORD["printed"][0],
                                     **{f"k{i:02d}": i for i in range(12)}})
OTHERS: list[object] = [
    [],
    "TI-QUI-01-2026-000042",
    None,
    copy.deepcopy(RECORD),
    appointments.with_items(appointments.item(), appointments.item("rappel", organisme=None,
                                                                    mode="telephone")),
    {k: RECORD[k] for k in ("id", "number", "revision", "questionnaire", "updated_at")}
    | {"identity": {"nom": "Le Goff", "prenom": "Yann"}},
    broken("channel", "courrier"),
    broken("status", "perdu"),
    # two faults: the first one found is named, by both
    broken("status", "perdu") | {"rendez_vous": [appointments.item(kind="reunion")]},
    broken("channel", "courrier") | {"status": "perdu"},
    broken("identity.nom", "") | {"profile": []},
    broken("updated_at", KeyError),
    broken("identity.siret", "732 829 320 00074"),  # normalised by validate_record only
    broken("consents.0.couleur", "bleu"),  # a key no list item has
    broken("orientations.0.change_seq", 7),
    BAD_ITEM_KEYS,
    broken("rendez_vous", [appointments.item(salle="B12")]),
    {**RECORD, "change_seq": 3, "zone": "ouest"},
]


def test_an_unknown_key_of_a_list_item_is_named() -> None:
    field, message = outcome(check_record, broken("consents.0.couleur", "bleu"))[1:]
    assert field == "consents[1]" and "unknown or store-owned key couleur" in message
    field, message = outcome(check_record, BAD_ITEM_KEYS)[1:]
    assert field == "printed[1]" and "keys k00, k01" in message and "and 2 more" in message



@pytest.mark.parametrize("raw", BAD_FIELDS + BAD_APPOINTMENTS + OTHERS)
def test_check_record_judges_as_validate_record(raw: object) -> None:
    assert outcome(check_record, raw) == outcome(validate_record, raw)


def test_the_bad_cases_are_refused_and_the_good_ones_accepted() -> None:
    assert all(outcome(check_record, raw)[0] == "refused" for raw in BAD_FIELDS + BAD_APPOINTMENTS)
    assert outcome(check_record, RECORD) == ("accepted",)
    assert check_record(copy.deepcopy(RECORD), load_questionnaire, today=TODAY) is None


PATHS = ["id", "number", "revision", "questionnaire", "site", "workstation", "channel", "status",
         "urgent", "agent", "created_at", "updated_at", "identity", "identity.nom",
         "identity.nir", "identity.siret", "identity.date_naissance", "identity.email",
         "profile", "profile.foyer", "profile.statut", "answers", "answers.Q01", "consents",
         "consents.0.given", "consents.0.at", "consents.1.organisme", "orientations",
         "orientations.0.status", "orientations.0.outcome", "orientations.0.organisme",
         "orientations.0.updated_at", "orientations.0.counter_note", "printed",
         "printed.0.kind", "printed.0.figures", "rendez_vous", "change_seq"]
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 2**32), st.sampled_from(
        ["", "x", "oui", "dette", "urssaf", "caf", "cloturee", "aide_accordee", "transmise",
         "a_transmettre", "telephone", "oriente", "help-v1", "REN", "2026-11-20T09:00:00+00:00",
         "2026-11-20", "1963-05-14", "\x00", "\ud800", "TI-QUI-01-2026-000043",
         "0B6F1C9E-3C1D-4C3A-9A57-5F0E2D3C4B1A", "a@b.fr", "73282932000074"]),
    st.just(KeyError), st.just([]), st.just({}),
    st.just([appointments.item()]))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(PATHS), VALUES, max_size=3))
def test_any_changed_record_is_judged_as_validate_record_judges_it(
        changes: dict[str, Any]) -> None:
    raw: Any = copy.deepcopy(RECORD)
    for path, value in changes.items():
        try:
            raw = broken_from(raw, path, value)
        except (KeyError, IndexError, TypeError, AttributeError, ValueError):
            continue  # a path through a part an earlier change replaced
    assert outcome(check_record, raw) == outcome(validate_record, raw)
