"""The dossier workflow service: create with identity checks and duplicates, answer one by one,
consent per organisme, orientation only with consent, revocation."""

from __future__ import annotations

from datetime import date

import pytest

from app.dossier_service import DossierService, IdentityInvalid, UnknownDossier
from app.forms.identity import IssueCode
from app.models.database import Store
from tests.forms.test_identity import NIR
from tests.forms.test_scenarios import SCENARIOS

BAKER = SCENARIOS[0]["situation"]
IDENTITY = {"nom": "Le Goff", "prenom": "Yann", "date_naissance": "1963-05-14", "nir": NIR,
            "siret": "732 829 320 00074", "telephone": "02 98 00 00 00"}


@pytest.fixture
def service(store: Store) -> DossierService:
    return DossierService(store, agent="A. Le Gall")


def test_create_validates_every_field(service: DossierService) -> None:
    with pytest.raises(IdentityInvalid) as info:
        service.create(identity={"nom": "", "prenom": "Yann2", "nir": "123"},
                       profile={"debut_activite": "2040-01-01"}, channel="accueil",
                       today=date(2026, 11, 22))
    assert [(i.field, i.code) for i in info.value.issues] == [
        ("nom", IssueCode.REQUIRED), ("prenom", IssueCode.INVALID_CHARACTERS),
        ("nir", IssueCode.INVALID_LENGTH), ("debut_activite", IssueCode.IN_FUTURE)]


def test_full_flow(service: DossierService) -> None:
    dossier_id = service.create(identity=IDENTITY, profile=BAKER["profile"], channel="accueil")
    record = service.record(dossier_id)
    assert record["status"] == "brouillon" and record["identity"]["siret"] == "73282932000074"
    assert record["number"].startswith("TI-BRE-02-")
    questions = list(BAKER["answers"])
    for index, question in enumerate(questions, 1):
        progress = service.answer(dossier_id, question, BAKER["answers"][question])
        assert progress.answered == index and progress.total == 12
        assert progress.next_question == (questions[index] if index < 12 else None)
        # saved at once: a fresh read sees it
        assert service.record(record["number"])["answers"][question] == BAKER["answers"][question]
    assert service.record(dossier_id)["status"] == "complet"
    orientation = service.orientation(dossier_id)
    assert list(orientation.organismes) == ["urssaf", "caf", "assurance_retraite"]
    oriented = service.record_consents(
        dossier_id, {"urssaf": True, "caf": False, "assurance_retraite": True},
        mode="signe_accueil")
    assert oriented == ["urssaf", "assurance_retraite"]
    record = service.record(dossier_id)
    assert record["status"] == "oriente"
    assert [o["organisme"] for o in record["orientations"]] == ["assurance_retraite", "urssaf"]
    consents = {c["organisme"]: c for c in record["consents"]}
    assert consents["caf"]["given"] is False
    assert consents["urssaf"]["text_version"] == "consentement-v1"
    assert consents["urssaf"]["text_hash"] == service.consent_text(record).sha256
    service.revoke(dossier_id, "urssaf")
    revoked = {c["organisme"]: c for c in service.record(dossier_id)["consents"]}["urssaf"]
    assert revoked["revoked_at"] is not None and revoked["given"] is True


def test_urgency_follows_the_answers(service: DossierService) -> None:
    dossier_id = service.create(identity=IDENTITY, profile=BAKER["profile"],
                                channel="telephone")
    assert service.answer(dossier_id, "Q04", "non").urgent is True
    assert service.record(dossier_id)["urgent"] is True
    assert service.answer(dossier_id, "Q04", "tendue").urgent is False
    assert service.record(dossier_id)["urgent"] is False


def test_duplicates(service: DossierService) -> None:
    first = service.create(identity=IDENTITY, profile=BAKER["profile"], channel="accueil")
    by_nir = service.duplicates({"nom": "Autre", "prenom": "Nom", "nir": NIR})
    assert [(d.id, d.reason) for d in by_nir] == [(first, "nir")]
    by_siret = service.duplicates({"nom": "X", "prenom": "Y", "siret": "73282932000074"})
    assert [d.reason for d in by_siret] == ["siret"]
    by_name = service.duplicates({"nom": "LE GOFF", "prenom": "yann",
                                  "date_naissance": "1963-05-14"})
    assert [d.reason for d in by_name] == ["nom_date_naissance"]
    assert service.duplicates({"nom": "Le Goff", "prenom": "Yann",
                               "date_naissance": "1963-05-15"}) == []
    assert service.duplicates(IDENTITY, exclude_id=first) == []


def test_unknown_dossier(service: DossierService) -> None:
    with pytest.raises(UnknownDossier):
        service.record("TI-BRE-02-2026-999999")
