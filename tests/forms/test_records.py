"""Validation of import records: each bad field is named with what is allowed."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from app.forms.evaluation import SituationError
from app.forms.questionnaire import load_questionnaire
from app.forms.records import validate_record
from tests.forms.test_identity import NIR

TODAY = date(2026, 11, 22)

RECORD: dict[str, Any] = {
    "id": "0b6f1c9e-3c1d-4c3a-9a57-5f0e2d3c4b1a",
    "number": "TI-QUI-01-2026-000042",
    "revision": 3,
    "questionnaire": "help-v1",
    "channel": "telephone",
    "status": "oriente",
    "created_at": "2026-11-20T09:00:00+00:00",
    "updated_at": "2026-11-20T09:30:00+00:00",
    "identity": {"nom": "Le Goff", "prenom": "Yann", "nir": NIR, "siret": "73282932000074",
                 "telephone": "02 98 00 00 00", "date_naissance": "1963-05-14"},
    "profile": {"statut": "artisan", "date_naissance": "1963-05-14",
                "debut_activite": "2004-09-01", "foyer": 2, "activite_principale": True,
                "departement": "29"},
    "answers": {"Q01": "dette", "Q11": "oui"},
    "consents": [{"organisme": "urssaf", "given": True, "mode": "oral_telephone",
                  "text_version": "consentement-v1", "text_hash": "a" * 64,
                  "at": "2026-11-20T09:20:00+00:00", "agent": "A. Martin", "revoked_at": None},
                 {"organisme": "caf", "given": False, "mode": "oral_telephone",
                  "text_version": "consentement-v1", "at": "2026-11-20T09:20:00+00:00"}],
    "orientations": [{"organisme": "urssaf", "status": "transmise", "outcome": None,
                      "note": "", "updated_at": "2026-11-20T09:30:00+00:00"}],
    "printed": [{"kind": "letter", "organisme": "urssaf",
                 "printed_at": "2026-11-20T09:31:00+00:00"}],
}


def check(record: dict) -> dict:
    return validate_record(record, load_questionnaire, today=TODAY)


def test_a_valid_record_is_returned_normalised() -> None:
    raw = copy.deepcopy(RECORD)
    raw["id"] = raw["id"].upper()
    raw["identity"]["siret"] = "732 829 320 00074"
    result = check(raw)
    assert result["id"] == RECORD["id"]
    assert result["identity"]["siret"] == "73282932000074"
    assert result["answers"] == {"Q01": "dette", "Q11": "oui"}
    assert result["profile"]["debut_activite"] == "2004-09-01"
    assert result["consents"][1]["text_hash"] is None
    assert result["channel"] == "telephone"


def broken(path: str, value: object) -> dict:
    return broken_from(RECORD, path, value)


def broken_from(record: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """A copy of ``record`` with ``path`` (keys and list indexes, dotted) set to ``value``, or
    removed for ``KeyError``."""
    record = copy.deepcopy(record)
    target: Any = record
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    last = keys[-1]
    if value is KeyError:
        target.pop(last, None)
    elif isinstance(target, list):
        target[int(last)] = copy.deepcopy(value)
    else:
        target[last] = copy.deepcopy(value)
    return record


@pytest.mark.parametrize(("path", "value", "field", "allowed"), [
    ("id", "not-a-uuid", "id", "expected a UUID"),
    ("id", 12, "id", "expected a UUID"),
    ("number", "TI-BRE-2-2026-1", "number", "TI-BRE-02-2026-000123"),
    ("revision", 0, "revision", "at least 1"),
    ("revision", True, "revision", "at least 1"),
    ("questionnaire", None, "questionnaire", "help-v1"),
    ("questionnaire", "help-v9", "questionnaire", "unknown questionnaire version"),
    ("identity", "Le Goff", "identity", "at least nom and prenom"),
    ("identity.nom", "", "identity.nom", "letters, spaces"),
    ("identity.nir", NIR[:-2] + "00", "identity.nir", "invalid_checksum"),
    ("identity.siret", "12345678901234", "identity.siret", "14-digit SIRET"),
    ("identity.date_naissance", "1963-02-30", "identity.date_naissance", "YYYY-MM-DD"),
    ("identity.telephone", 612345678, "identity.telephone", "French phone number"),
    ("identity.pointure", "42", "identity.pointure", "unknown field"),
    ("profile.statut", "boulanger", "profile.statut", "artisan, commercant"),
    ("profile.foyer", 0, "profile.foyer", "at least 1"),
    ("profile.departement", "20", "profile.departement", "2A, 2B"),
    ("profile.debut_activite", "1950-01-01", "profile.debut_activite", "before the birth"),
    ("profile", [], "profile", "expected an object"),
    ("answers.Q05", "maybe", "answers.Q05", "non, oui_sans_arret, arret"),
    ("answers", {"Q13": "non"}, "answers.Q13", "unknown question"),
    ("consents", {}, "consents", "array of objects"),
    ("consents.0.organisme", "pole_emploi", "consents[1].organisme", "urssaf, assurance_maladie"),
    ("consents.1.organisme", "urssaf", "consents[2].organisme", "appears twice"),
    ("consents.0.given", "oui", "consents[1].given", "true or false"),
    ("consents.0.mode", "email", "consents[1].mode", "signe_accueil, oral_telephone"),
    ("consents.0.text_version", "", "consents[1].text_version", "a text"),
    ("consents.0.text_hash", "abc", "consents[1].text_hash", "SHA-256"),
    ("consents.0.at", "2026-11-20", "consents[1].at", "UTC offset"),
    ("consents.0.at", "hier", "consents[1].at", "ISO 8601"),
    ("consents.0.revoked_at", "2026-11-21T10:00:00", "consents[1].revoked_at", "UTC offset"),
    ("orientations.0.status", "perdue", "orientations[1].status", "recue, en_cours"),
    ("orientations.0.outcome", "oui", "orientations[1].outcome", "aide_accordee"),
    ("orientations.0.organisme", "caf", "orientations[1].organisme", "no consent given"),
    ("orientations.0.note", 3, "orientations[1].note", "a text"),
    ("printed.0.kind", "poster", "printed[1].kind", "summary, letter, consent"),
    ("channel", "courrier", "channel", "accueil, telephone, traitement_dossier"),
    ("status", "perdu", "status", "brouillon, complet"),
    ("created_at", "2026-11-20", "created_at", "UTC offset"),
])
def test_each_bad_field_is_named(path: str, value: object, field: str, allowed: str) -> None:
    with pytest.raises(SituationError) as info:
        check(broken(path, value))
    assert info.value.field == field
    assert allowed in str(info.value)


def test_not_an_object() -> None:
    with pytest.raises(SituationError, match="record: expected a JSON object"):
        check([])  # type: ignore[arg-type]


def test_optional_parts_may_be_absent() -> None:
    # updated_at is required: every workstation applying the record needs it
    record = {k: RECORD[k] for k in ("id", "number", "revision", "questionnaire", "identity",
                                     "updated_at")}
    record["identity"] = {"nom": "Le Goff", "prenom": "Yann"}
    result = check(record)
    assert result["answers"] == {} and result["consents"] == [] and result["profile"] == {}
    assert result["status"] == "brouillon" and result["channel"] == "accueil"
