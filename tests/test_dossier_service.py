"""The dossier workflow service: create with identity checks and duplicates, answer one by one,
consent per organisme, orientation only with consent, revocation."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from app.dossier_service import DossierService, IdentityInvalid, UnknownDossier
from app.forms.identity import IssueCode
from app.models.database import Store
from app.models.entities import AuditLog, Outbox
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
    assert consents["urssaf"]["text_version"] == "consentement-v2"  # new consents: v2
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


# --------------------------------------------------------------- one revision per agent action

HAIRDRESSER = SCENARIOS[1]["situation"]  # urgent from Q04 on, oriented to four organismes
HER = {"nom": "Le Bihan", "prenom": "Maëlle", "date_naissance": "1981-02-03"}


def _outbox(store: Store, dossier_id: str) -> list[Outbox]:
    with store.session() as session:
        return list(session.scalars(select(Outbox).where(Outbox.dossier_id == dossier_id)
                                    .order_by(Outbox.id)))


def _audit(store: Store, dossier_id: str) -> list[tuple[str, dict[str, Any]]]:
    with store.session() as session:
        rows = session.execute(select(AuditLog.action, AuditLog.detail)
                               .where(AuditLog.dossier_id == dossier_id).order_by(AuditLog.id))
        return [(action, json.loads(detail)) for action, detail in rows]


def test_an_interview_of_twelve_answers_is_twelve_revisions(service: DossierService,
                                                           store: Store) -> None:
    dossier_id = service.create(identity=HER, profile=HAIRDRESSER["profile"],
                                channel="accueil")
    answers = HAIRDRESSER["answers"]
    for index, (question, code) in enumerate(answers.items(), 1):
        progress = service.answer(dossier_id, question, code)
        record = service.record(dossier_id)
        # One change per answer, its outbox row carrying the urgency and status it implies.
        assert record["revision"] == 1 + index
        last = _outbox(store, dossier_id)[-1]
        assert last.revision == record["revision"] and json.loads(last.payload) == record
        urgent = index >= 4  # Q04 « non »: no income left this month
        assert progress.urgent is record["urgent"] is urgent
        assert record["urgent"] is service.orientation(dossier_id).urgent
        assert record["status"] == ("complet" if index == 12 else "brouillon")

    outbox = _outbox(store, dossier_id)
    assert [row.revision for row in outbox] == list(range(1, 14))  # 13 in all
    assert [row.kind for row in outbox] == ["create"] + ["update"] * 12
    # The audit log still has every act, each with its details, under its action's revision.
    audit = _audit(store, dossier_id)
    assert [action for action, _ in audit] == (
        ["create"] + ["answer"] * 3 + ["answer", "urgent"] + ["answer"] * 8 + ["status"])
    assert audit[5] == ("urgent", {"revision": 5, "urgent": True})
    assert audit[4][1] == {"revision": 5, "question_id": "Q04", "code": "non", "previous": None}
    assert audit[-1] == ("status", {"revision": 13, "status": "complet",
                                    "previous": "brouillon"})
    assert audit[-2][1]["revision"] == 13 and audit[-2][1]["question_id"] == "Q12"


def test_an_answer_changed_back_is_one_revision_with_its_urgency(
        service: DossierService, store: Store) -> None:
    dossier_id = service.create(identity=IDENTITY, profile=BAKER["profile"],
                                channel="telephone")
    assert service.answer(dossier_id, "Q04", "non").urgent is True
    assert service.answer(dossier_id, "Q04", "tendue").urgent is False
    assert service.answer(dossier_id, "Q04", "tendue").urgent is False  # same answer: nothing
    record = service.record(dossier_id)
    assert record["revision"] == 3 and record["urgent"] is False
    assert [row.revision for row in _outbox(store, dossier_id)] == [1, 2, 3]
    assert [(action, detail.get("revision")) for action, detail in _audit(store, dossier_id)] == [
        ("create", 1), ("answer", 2), ("urgent", 2), ("answer", 3), ("urgent", 3)]


def test_consents_with_their_orientation_are_one_revision(service: DossierService,
                                                          store: Store) -> None:
    dossier_id = service.create(identity=HER, profile=HAIRDRESSER["profile"],
                                channel="accueil")
    for question, code in HAIRDRESSER["answers"].items():
        service.answer(dossier_id, question, code)
    before = service.record(dossier_id)
    oriented = service.record_consents(
        dossier_id, {"urssaf": True, "assurance_maladie": True, "caf": False},
        mode="signe_accueil")
    assert oriented == ["urssaf", "assurance_maladie"]

    record = service.record(dossier_id)
    assert record["revision"] == before["revision"] + 1
    assert record["status"] == "oriente" and record["urgent"] is True
    assert sorted(o["organisme"] for o in record["orientations"]) == [
        "assurance_maladie", "urssaf"]
    outbox = _outbox(store, dossier_id)
    assert len(outbox) == before["revision"] + 1
    assert outbox[-1].revision == record["revision"] and json.loads(outbox[-1].payload) == record
    acts = _audit(store, dossier_id)[-5:]
    assert [action for action, _ in acts] == [
        "consent", "consent", "consent", "orientation", "status"]
    assert {detail["revision"] for _, detail in acts} == {record["revision"]}
    consents = [detail for action, detail in acts if action == "consent"]
    assert [(c["organisme"], c["given"], c["mode"], c["previous"]) for c in consents] == [
        ("urssaf", True, "signe_accueil", None),
        ("assurance_maladie", True, "signe_accueil", None),
        ("caf", False, "signe_accueil", None)]
    text = service.consent_text(record)
    assert all(c["text_version"] == text.version and c["text_hash"] == text.sha256
               for c in consents)
    assert acts[3][1]["organismes"] == ["urssaf", "assurance_maladie"]
    assert acts[4][1] == {"revision": record["revision"], "status": "oriente",
                          "previous": "complet"}

    service.revoke(dossier_id, "urssaf")
    assert service.record(dossier_id)["revision"] == record["revision"] + 1
    assert len(_outbox(store, dossier_id)) == len(outbox) + 1


def test_a_refused_action_leaves_nothing(service: DossierService, store: Store) -> None:
    dossier_id = service.create(identity=IDENTITY, profile=BAKER["profile"], channel="accueil")
    with pytest.raises(ValueError, match="mode"):
        service.record_consents(dossier_id, {"urssaf": True}, mode="par_pigeon")
    with pytest.raises(ValueError, match="organisme"):  # the first consent is not kept either
        service.record_consents(dossier_id, {"urssaf": True, "mairie": True},
                                mode="signe_accueil")
    record = service.record(dossier_id)
    assert record["revision"] == 1 and record["consents"] == []
    assert len(_outbox(store, dossier_id)) == len(_audit(store, dossier_id)) == 1


# ---------------------------------------------------------------- corrections (issue 12)


def _audit_rows(store: Store, dossier_id: str) -> list[AuditLog]:
    with store.session() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.dossier_id == dossier_id)
                              .order_by(AuditLog.id)))


def _answered(service: DossierService) -> str:
    ref = service.create(identity=IDENTITY, profile=BAKER["profile"], channel="accueil")
    for question, code in BAKER["answers"].items():
        service.answer(ref, question, code)
    return ref


def test_correct_identity_is_one_revision_with_its_reason(service: DossierService,
                                                          store: Store) -> None:
    from app.dossier_service import ReasonRequired

    ref = _answered(service)
    revision = service.record(ref)["revision"]
    with pytest.raises(ReasonRequired):
        service.correct(ref, identity={"telephone": "06 12 34 56 78"}, reason="  ")
    assert service.record(ref)["revision"] == revision  # nothing written
    changed = service.correct(ref, identity={"telephone": "06 12 34 56 78",
                                             "adresse": "3 rue de Siam"},
                              profile={"foyer": 3}, reason="nouveau numéro")
    assert changed == ["adresse", "foyer", "telephone"]
    record = service.record(ref)
    assert record["revision"] == revision + 1
    assert record["identity"]["telephone"] == "06 12 34 56 78"
    assert record["identity"]["adresse"] == "3 rue de Siam" and record["profile"]["foyer"] == 3
    assert record["identity"]["nom"] == "Le Goff"  # fields not given stay
    last = _audit_rows(store, ref)[-1]
    assert last.action == "identity" and last.agent == "A. Le Gall"
    assert json.loads(last.detail) == {"revision": revision + 1, "reason": "nouveau numéro",
                                       "fields": ["adresse", "foyer", "telephone"]}
    with store.session() as s:
        outbox = list(s.scalars(select(Outbox).where(Outbox.dossier_id == ref,
                                                     Outbox.revision == revision + 1)))
    assert len(outbox) == 1
    # the same values again: nothing to record
    assert service.correct(ref, identity={"telephone": "0612345678"}, reason="idem") == []
    assert service.record(ref)["revision"] == revision + 1


def test_correct_validates_as_create_does(service: DossierService) -> None:
    ref = _answered(service)
    with pytest.raises(IdentityInvalid) as info:
        service.correct(ref, identity={"telephone": "12", "nom": ""},
                        profile={"debut_activite": "2040-01-01"}, reason="erreur de saisie",
                        today=date(2026, 11, 22))
    assert [(i.field, i.code) for i in info.value.issues] == [
        ("nom", IssueCode.REQUIRED), ("telephone", IssueCode.INVALID_FORMAT),
        ("debut_activite", IssueCode.IN_FUTURE)]
    # clearing an optional field is a correction too
    service.correct(ref, identity={"telephone": ""}, reason="numéro résilié")
    assert "telephone" not in service.record(ref)["identity"]


def test_preview_names_the_aids_that_appear_and_disappear(service: DossierService) -> None:
    ref = _answered(service)
    revision = service.record(ref)["revision"]
    created = date.fromisoformat(service.record(ref)["created_at"][:10])
    recent = created.replace(day=1).isoformat()
    effect = service.preview(ref, profile={"debut_activite": recent})
    assert "ACED" in {a.code for a in effect.disappeared} and effect.changed
    assert all(a.title for a in effect.disappeared)
    assert service.record(ref)["revision"] == revision  # a preview writes nothing
    assert not service.preview(ref, identity={"telephone": "0612345678"}).changed
    question = next(q for q, c in BAKER["answers"].items() if q == "Q01")
    effect = service.preview(ref, answers={question: "non"})
    assert effect.before.aids != effect.after.aids or not effect.changed


def test_revise_answer_needs_a_reason_and_keeps_it(service: DossierService,
                                                   store: Store) -> None:
    from app.dossier_service import ReasonRequired

    ref = _answered(service)
    question = "Q12"
    old = BAKER["answers"][question]
    new = next(c.code for c in service.questionnaire_of(service.record(ref))
               .question(question).answers if c.code != old)
    with pytest.raises(ReasonRequired):
        service.revise_answer(ref, question, new, reason="")
    service.revise_answer(ref, question, new, reason="la personne s’est reprise")
    assert service.record(ref)["answers"][question] == new
    detail = json.loads(_audit_rows(store, ref)[-1].detail)
    assert detail["question_id"] == question and detail["previous"] == old
    assert detail["reason"] == "la personne s’est reprise"


def test_history_lists_the_dossier_rows_most_recent_first(service: DossierService) -> None:
    ref = _answered(service)
    service.correct(ref, identity={"telephone": "0612345678"}, reason="nouveau numéro")
    history = service.history(ref)
    assert history[0].action == "identity" and history[0].detail["reason"] == "nouveau numéro"
    assert history[-1].action == "create"
    assert {h.workstation for h in history} == {"BRE-02"}
    assert {h.agent for h in history} == {"A. Le Gall"}
    assert [h.at for h in history] == sorted((h.at for h in history), reverse=True)
    with pytest.raises(UnknownDossier):
        service.history("TI-XXX-00-2026-000000")
