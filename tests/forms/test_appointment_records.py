"""Call-backs and appointments in the export record (``rendez_vous``), the counter's note on an
orientation, and what a counter's push may not change of a partner's appointments."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from app.forms.evaluation import SituationError
from app.forms.export import build_export
from app.forms.questionnaire import load_questionnaire
from app.forms.records import (
    MAX_APPOINTMENTS,
    counter_appointment_refusal,
    validate_appointment,
    validate_record,
)
from tests.forms.test_records import RECORD, TODAY, check

ORGANISMES = ("urssaf", "assurance_maladie", "service_social", "caf", "assurance_retraite")


def item(kind: str = "rendez_vous", **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": str(uuid.uuid4()), "kind": kind,
        "organisme": "urssaf" if kind == "rendez_vous" else None,
        "at": "2026-12-07T10:00:00+01:00", "duration": 45,
        "mode": "agence" if kind == "rendez_vous" else "telephone",
        "place": "Urssaf Bretagne", "bring": "Avis d’imposition", "by": "Mme Le Bris",
        "status": "fixe", "created_at": "2026-12-01T09:00:00+00:00",
        "updated_at": "2026-12-01T09:00:00+00:00", "agent": "p_urssaf"}
    base.update(changes)
    return base


def with_items(*items: dict[str, Any]) -> dict[str, Any]:
    record = copy.deepcopy(RECORD)
    record["rendez_vous"] = list(items)
    return record


def test_a_record_with_appointments_is_valid_and_normalised() -> None:
    partner = item()
    callback = item("rappel", place="", bring="", by="A. Le Gall", note="justificatif")
    result = check(with_items(partner, callback))
    first, second = result["rendez_vous"]
    assert first["at"] == "2026-12-07T09:00:00+00:00"  # stored in UTC
    assert first["organisme"] == "urssaf" and second["organisme"] is None
    assert second["note"] == "justificatif" and "note" not in first
    assert list(first) == ["id", "kind", "organisme", "at", "duration", "mode", "place", "bring",
                           "by", "status", "created_at", "updated_at", "agent"]


def test_no_appointments_leaves_the_key_out() -> None:
    assert "rendez_vous" not in check(copy.deepcopy(RECORD))
    assert "rendez_vous" not in check(with_items())


@pytest.mark.parametrize(("changes", "field", "allowed"), [
    ({"kind": "reunion"}, "rendez_vous[1].kind", "rappel, rendez_vous"),
    ({"organisme": None}, "rendez_vous[1].organisme", "urssaf, assurance_maladie"),
    ({"organisme": "pole_emploi"}, "rendez_vous[1].organisme", "urssaf"),
    ({"mode": "courrier"}, "rendez_vous[1].mode", "telephone, agence, visio"),
    ({"status": "reporte"}, "rendez_vous[1].status", "propose, fixe, fait, annule"),
    ({"duration": 0}, "rendez_vous[1].duration", "from 1 to 480"),
    ({"duration": True}, "rendez_vous[1].duration", "from 1 to 480"),
    ({"duration": 481}, "rendez_vous[1].duration", "from 1 to 480"),
    ({"at": "2026-12-07T10:00:00"}, "rendez_vous[1].at", "UTC offset"),
    ({"updated_at": None}, "rendez_vous[1].updated_at", "UTC offset"),
    ({"id": "rdv-1"}, "rendez_vous[1].id", "expected a UUID"),
    ({"id": 7}, "rendez_vous[1].id", "expected a UUID"),
    ({"place": "x" * 201}, "rendez_vous[1].place", "at most 200"),
    ({"bring": "x" * 501}, "rendez_vous[1].bring", "at most 500"),
    ({"by": "x" * 101}, "rendez_vous[1].by", "at most 100"),
    ({"note": "x" * 501}, "rendez_vous[1].note", "at most 500"),
    ({"salle": "B12"}, "rendez_vous[1]", "unknown or store-owned key salle"),
    ({"place": "a\x00b"}, "rendez_vous[1].place", "NUL"),
])
def test_each_bad_appointment_field_is_named(changes: dict[str, Any], field: str,
                                             allowed: str) -> None:
    with pytest.raises(SituationError) as info:
        check(with_items(item(**changes)))
    assert info.value.field == field
    assert allowed in str(info.value)


def test_a_rappel_is_the_counters_by_telephone() -> None:
    with pytest.raises(SituationError) as info:
        check(with_items(item("rappel", organisme="urssaf")))
    assert info.value.field == "rendez_vous[1].organisme" and "expected null" in str(info.value)
    with pytest.raises(SituationError) as info:
        check(with_items(item("rappel", mode="agence")))
    assert info.value.field == "rendez_vous[1].mode" and "expected telephone" in str(info.value)


def test_ids_are_unique_and_the_list_is_bounded() -> None:
    one = item()
    with pytest.raises(SituationError) as info:
        check(with_items(one, {**one}))
    assert info.value.field == "rendez_vous[2].id" and "appears twice" in str(info.value)
    with pytest.raises(SituationError) as info:
        check(with_items(*[item() for _ in range(MAX_APPOINTMENTS + 1)]))
    assert info.value.field == "rendez_vous" and "at most 200" in str(info.value)
    assert len(check(with_items(*[item() for _ in range(MAX_APPOINTMENTS)]))["rendez_vous"]) \
        == MAX_APPOINTMENTS
    for bad in ({"a": 1}, ["x"]):
        with pytest.raises(SituationError) as info:
            check({**copy.deepcopy(RECORD), "rendez_vous": bad})
        assert info.value.field.startswith("rendez_vous")


def test_validate_appointment_alone() -> None:
    with pytest.raises(SituationError, match="expected an object"):
        validate_appointment([], ORGANISMES)
    checked = validate_appointment(item(id=str(uuid.uuid4()).upper()), ORGANISMES)
    assert checked["id"] == checked["id"].lower()


def test_the_counter_note_is_optional_and_bounded() -> None:
    record = copy.deepcopy(RECORD)
    record["orientations"][0]["counter_note"] = "Personne joignable le matin"
    assert check(record)["orientations"][0]["counter_note"] == "Personne joignable le matin"
    record["orientations"][0]["counter_note"] = ""
    assert "counter_note" not in check(record)["orientations"][0]
    record["orientations"][0]["counter_note"] = "x" * 2001
    with pytest.raises(SituationError) as info:
        check(record)
    assert info.value.field == "orientations[1].counter_note"


def test_an_orientation_may_wait_for_consent_only_a_transmettre() -> None:
    """A partner's re-orientation without the worker's consent: a request for the counter."""
    record = copy.deepcopy(RECORD)
    record["orientations"].append({"organisme": "caf", "status": "a_transmettre",
                                   "outcome": None, "note": "Réorientation demandée",
                                   "updated_at": "2026-11-21T09:00:00+00:00"})
    assert [o["organisme"] for o in check(record)["orientations"]] == ["urssaf", "caf"]
    record["orientations"][1]["status"] = "transmise"
    with pytest.raises(SituationError, match="no consent given"):
        validate_record(record, load_questionnaire, today=TODAY)


def test_the_export_writes_appointments_only_when_there_are_some() -> None:
    ns = SimpleNamespace
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    dossier = ns(nom="Le Goff", prenom="Yann", **{k: None for k in (
        "nom_naissance", "nir", "siret", "telephone", "email", "adresse", "code_postal",
        "commune", "date_naissance", "statut", "debut_activite", "foyer",
        "activite_principale", "departement")}, id="x", number="TI-BRE-02-2026-000001",
        revision=1, questionnaire="help-v1", site_code="BRE", workstation_code="02",
        channel="accueil", status="oriente", urgent=False, agent="A", created_at=now,
        updated_at=now)
    orientation = ns(organisme="urssaf", status="a_transmettre", outcome=None, note=None,
                     updated_at=now)
    plain = build_export(dossier, [], [], [orientation], [])
    assert "rendez_vous" not in plain and "counter_note" not in plain["orientations"][0]
    noted = ns(**{**vars(orientation), "counter_note": "Rappeler le matin"})
    appointment = ns(id="b", kind="rappel", organisme=None, at=now, duration=15,
                     mode="telephone", place=None, bring="", by_name="A", status="fixe",
                     created_at=now, updated_at=now, agent="A", note=None)
    full = build_export(dossier, [], [], [noted], [], [appointment])
    assert full["orientations"][0]["counter_note"] == "Rappeler le matin"
    assert full["rendez_vous"] == [{
        "id": "b", "kind": "rappel", "organisme": None, "at": now.isoformat(), "duration": 15,
        "mode": "telephone", "place": "", "bring": "", "by": "A", "status": "fixe",
        "created_at": now.isoformat(), "updated_at": now.isoformat(), "agent": "A"}]


def test_a_counter_push_carries_the_partners_appointments_unchanged() -> None:
    partner = validate_appointment(item(), ORGANISMES)
    callback = validate_appointment(item("rappel"), ORGANISMES)
    stored = [partner, callback]
    # the same, one time written in another offset: unchanged
    same = {**partner, "at": "2026-12-07T10:00:00+01:00"}
    assert counter_appointment_refusal([same, callback], stored) is None
    # its own call-backs: the counter adds and changes them
    moved = {**callback, "status": "fait"}
    assert counter_appointment_refusal([partner, moved, validate_appointment(
        item("rappel"), ORGANISMES)], stored) is None
    # a partner's appointment changed, left out, or added by the counter: refused
    field, reason = counter_appointment_refusal([{**partner, "status": "annule"}, callback],
                                                stored) or ("", "")
    assert field == "rendez_vous[1]" and "written by its agents" in reason
    field, reason = counter_appointment_refusal([callback], stored) or ("", "")
    assert field == "rendez_vous" and partner["id"] in reason
    field, reason = counter_appointment_refusal([partner, callback, item()], stored) \
        or ("", "")
    assert field == "rendez_vous[3].kind" and "expected rappel" in reason
    # a call-back turned into an appointment under the same id
    field, reason = counter_appointment_refusal(
        [partner, {**callback, "kind": "rendez_vous", "organisme": "urssaf"}], stored) \
        or ("", "")
    assert field == "rendez_vous[2].kind" and "'rappel'" in reason
    assert counter_appointment_refusal([], []) is None


def test_an_organisme_sees_its_own_appointments_and_note_only() -> None:
    from app.forms.disclosure import appointments_seen, counter_note_seen

    own, other, callback = item(), item(organisme="caf"), item("rappel", note="RIB")
    record = with_items(own, other, callback)
    record["orientations"][0]["counter_note"] = "Joignable le matin"
    seen = appointments_seen(record, "urssaf")
    assert [s["id"] for s in seen] == [own["id"]]
    assert "agent" not in seen[0] and "note" not in seen[0] and "organisme" not in seen[0]
    assert [s["id"] for s in appointments_seen(record, "caf")] == [other["id"]]
    assert appointments_seen({"rendez_vous": "junk"}, "urssaf") == []
    assert counter_note_seen(record, "urssaf") == "Joignable le matin"
    assert counter_note_seen(record, "caf") is None
    assert counter_note_seen({"orientations": None}, "caf") is None


def test_no_list_and_the_key_of_odd_times() -> None:
    """``rendez_vous: null`` is no appointment; the comparison key keeps a time it cannot read
    (or one without its offset) as it is, and compares readable ones as instants."""
    from app.forms.records import APPOINTMENT_KEYS, appointment_key, validate_appointments

    assert validate_appointments(None, ORGANISMES) == []
    odd = item(at="pas une date")
    naive = item(at="2026-12-07T10:00:00")
    assert appointment_key(odd)[APPOINTMENT_KEYS.index("at")] == "pas une date"
    assert appointment_key(naive)[APPOINTMENT_KEYS.index("at")] == "2026-12-07T10:00:00"
    paris = item(at="2026-12-07T10:00:00+01:00")
    utc = {**paris, "at": "2026-12-07T09:00:00+00:00"}
    assert appointment_key(paris) == appointment_key(utc)
