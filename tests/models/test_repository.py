"""Dossier changes: revision, audit and outbox in the same transaction; consents; queries."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import repository as repo
from app.models.database import Store
from app.models.entities import AuditLog, Consent, Dossier, Outbox
from app.models.errors import ConsentRequiredError, DossierConflictError
from app.models.normalize import search_rowid
from tests.models.conftest import T0, identity, new_dossier

HASH = "a" * 64
T1 = T0 + timedelta(minutes=5)


def _count(session: Session, model: type[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _consent(session: Session, d: Dossier, organisme: str = "urssaf", **kw: Any) -> Consent:
    args = {
        "given": True,
        "mode": "signe_accueil",
        "text_version": "consentement-v1",
        "text_hash": HASH,
        "agent": "agent.test",
        "now": T0,
    }
    args.update(kw)
    return repo.record_consent(session, d, organisme, **args)


Operation = Callable[[Session, Dossier], object]
OPERATIONS: dict[str, Operation] = {
    "save_answer": lambda s, d: repo.save_answer(s, d, "Q05", "arret", agent="b", now=T1),
    "change_answer": lambda s, d: repo.save_answer(s, d, "Q01", "non", agent="b", now=T1),
    "record_consent": lambda s, d: _consent(s, d, "caf", now=T1),
    "revoke_consent": lambda s, d: repo.revoke_consent(s, d, "urssaf", agent="b", now=T1),
    "set_orientations": lambda s, d: repo.set_orientations(s, d, ["urssaf"], now=T1),
    "record_print": lambda s, d: repo.record_print(
        s, d, "summary", agent="b", content_hash=HASH, now=T1
    ),
    "set_status": lambda s, d: repo.set_status(s, d, "complet", agent="b", now=T1),
    "set_urgent": lambda s, d: repo.set_urgent(s, d, True, agent="b", now=T1),
    "update_identity": lambda s, d: repo.update_identity(
        s, d, identity={"telephone": "0601020304"}, agent="b", now=T1
    ),
}


@pytest.fixture
def dossier(store: Store, session: Session) -> Dossier:
    d = new_dossier(session, store)
    repo.save_answer(session, d, "Q01", "dette", agent="agent.test", now=T0)
    _consent(session, d)
    session.commit()
    return d


def test_create_writes_one_outbox_and_audit_row(store: Store, session: Session) -> None:
    d = new_dossier(session, store)
    assert d.revision == 1
    outbox = session.scalars(select(Outbox)).all()
    audit = session.scalars(select(AuditLog)).all()
    assert len(outbox) == len(audit) == 1
    assert outbox[0].kind == "create" and outbox[0].revision == 1
    assert json.loads(outbox[0].payload) == repo.to_export(d)
    assert audit[0].action == "create" and audit[0].dossier_id == d.id


@pytest.mark.parametrize("grouped", [False, True], ids=["alone", "in_a_change"])
@pytest.mark.parametrize("name", list(OPERATIONS))
def test_each_change_writes_one_outbox_and_audit_row(
    name: str, grouped: bool, dossier: Dossier, session: Session
) -> None:
    outbox_before, audit_before = _count(session, Outbox), _count(session, AuditLog)
    revision = dossier.revision
    if grouped:
        with repo.change(session, dossier):
            OPERATIONS[name](session, dossier)
    else:
        OPERATIONS[name](session, dossier)
    session.commit()

    assert _count(session, Outbox) == outbox_before + 1
    assert _count(session, AuditLog) == audit_before + 1
    assert dossier.revision == revision + 1
    assert dossier.updated_at == T1
    last = session.scalars(select(Outbox).order_by(Outbox.id.desc())).first()
    assert last is not None and last.revision == dossier.revision
    assert json.loads(last.payload) == repo.to_export(dossier)
    assert json.loads(last.payload)["revision"] == revision + 1
    entry = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
    assert entry is not None and entry.dossier_id == dossier.id
    assert json.loads(entry.detail)["revision"] == revision + 1


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_rolled_back_change_leaves_nothing(
    name: str, store: Store, dossier: Dossier, session: Session
) -> None:
    outbox_before, audit_before = _count(session, Outbox), _count(session, AuditLog)
    exported = repo.to_export(dossier)
    OPERATIONS[name](session, dossier)
    session.flush()
    assert _count(session, Outbox) == outbox_before + 1  # it was written…
    session.rollback()
    with store.session() as other:  # …and is gone, as seen from a fresh connection
        assert _count(other, Outbox) == outbox_before
        assert _count(other, AuditLog) == audit_before
        again = repo.find_dossier(other, dossier.id)
        assert again is not None and repo.to_export(again) == exported


def test_no_change_writes_nothing(dossier: Dossier, session: Session) -> None:
    before = (_count(session, Outbox), dossier.revision)
    repo.save_answer(session, dossier, "Q01", "dette", agent="x", now=T1)
    repo.set_status(session, dossier, "brouillon", agent="x", now=T1)
    repo.set_urgent(session, dossier, False, agent="x", now=T1)
    repo.update_identity(session, dossier, identity={"nom": "Dupont"}, agent="x", now=T1)
    session.commit()
    assert (_count(session, Outbox), dossier.revision) == before


def _audit(session: Session, dossier: Dossier) -> list[tuple[str, dict[str, Any]]]:
    rows = session.execute(
        select(AuditLog.action, AuditLog.detail)
        .where(AuditLog.dossier_id == dossier.id)
        .order_by(AuditLog.id)
    )
    return [(action, json.loads(detail)) for action, detail in rows]


def test_acts_of_one_change_share_one_revision(dossier: Dossier, session: Session) -> None:
    outbox_before = _count(session, Outbox)
    revision = dossier.revision
    with repo.change(session, dossier, now=T1):
        repo.save_answer(session, dossier, "Q04", "non", agent="b")
        repo.set_urgent(session, dossier, True, agent="b")
        _consent(session, dossier, "caf", now=None)
        repo.set_orientations(session, dossier, ["urssaf", "caf"], agent="b")
        repo.set_status(session, dossier, "oriente", agent="b")
        # Inside the block the outbox row is not written yet: it carries the whole action.
        assert _count(session, Outbox) == outbox_before
    session.commit()

    assert dossier.revision == revision + 1
    assert dossier.updated_at == T1
    assert dossier.search_rowid == search_rowid(dossier.pk, True, T1)
    rows = session.scalars(select(Outbox).order_by(Outbox.id)).all()[outbox_before:]
    assert [(r.revision, r.kind, r.created_at) for r in rows] == [(revision + 1, "update", T1)]
    exported = repo.to_export(dossier)
    assert json.loads(rows[0].payload) == exported
    assert exported["urgent"] is True and exported["status"] == "oriente"
    # Acts without a time of their own take the block's.
    assert {a.answered_at for a in dossier.answers if a.question_id == "Q04"} == {T1}
    assert {c.at for c in dossier.consents if c.organisme == "caf"} == {T1}
    # One audit row per act, with every detail, all under the action's revision.
    acts = _audit(session, dossier)[-5:]
    assert acts == [
        ("answer", {"revision": revision + 1, "question_id": "Q04", "code": "non",
                    "previous": None}),
        ("urgent", {"revision": revision + 1, "urgent": True}),
        ("consent", {"revision": revision + 1, "organisme": "caf", "given": True,
                     "mode": "signe_accueil", "text_version": "consentement-v1",
                     "text_hash": HASH, "previous": None}),
        ("orientation", {"revision": revision + 1, "organismes": ["urssaf", "caf"]}),
        ("status", {"revision": revision + 1, "status": "oriente", "previous": "brouillon"}),
    ]
    agents = session.scalars(
        select(AuditLog.agent).where(AuditLog.dossier_id == dossier.id).order_by(AuditLog.id)
    ).all()[-5:]
    assert agents == ["b", "b", "agent.test", "b", "b"]


def test_a_change_where_nothing_changed_writes_nothing(
    dossier: Dossier, session: Session
) -> None:
    before = (_count(session, Outbox), _count(session, AuditLog), dossier.revision)
    with repo.change(session, dossier, now=T1):
        repo.save_answer(session, dossier, "Q01", "dette", agent="x")
        repo.set_status(session, dossier, "brouillon", agent="x")
        repo.set_urgent(session, dossier, False, agent="x")
    session.commit()
    assert (_count(session, Outbox), _count(session, AuditLog), dossier.revision) == before
    assert dossier.updated_at == T0


def test_nested_changes_join_the_outer_one(dossier: Dossier, session: Session) -> None:
    outbox_before, revision = _count(session, Outbox), dossier.revision
    with repo.change(session, dossier, now=T1):
        repo.save_answer(session, dossier, "Q02", "forte", agent="b")
        with repo.change(session, dossier):
            repo.save_answer(session, dossier, "Q03", "non", agent="b")
        assert _count(session, Outbox) == outbox_before
    session.commit()
    assert dossier.revision == revision + 1 and _count(session, Outbox) == outbox_before + 1
    # A new block after the first one is a new change.
    repo.set_status(session, dossier, "complet", agent="b", now=T1)
    session.commit()
    assert dossier.revision == revision + 2 and _count(session, Outbox) == outbox_before + 2


def test_a_change_that_fails_keeps_its_outbox_row_until_rolled_back(
    store: Store, dossier: Dossier, session: Session
) -> None:
    outbox_before, revision = _count(session, Outbox), dossier.revision
    exported = repo.to_export(dossier)
    with pytest.raises(ConsentRequiredError), repo.change(session, dossier, now=T1):
        repo.save_answer(session, dossier, "Q02", "forte", agent="b")
        repo.set_orientations(session, dossier, ["caf"])
    # Never a revision without its outbox row, whatever the caller does next…
    assert dossier.revision == revision + 1 and _count(session, Outbox) == outbox_before + 1
    last = session.scalars(select(Outbox).order_by(Outbox.id.desc())).first()
    assert last is not None and json.loads(last.payload) == repo.to_export(dossier)
    session.rollback()  # …and rolling back drops the whole action.
    with store.session() as other:
        assert _count(other, Outbox) == outbox_before
        again = repo.find_dossier(other, dossier.id)
        assert again is not None and repo.to_export(again) == exported


def test_a_concurrent_edit_is_detected_at_the_first_act_of_a_change(
    store: Store, dossier: Dossier
) -> None:
    with store.session() as a, store.session() as b:
        da, db = repo.find_dossier(a, dossier.id), repo.find_dossier(b, dossier.id)
        assert da is not None and db is not None
        db.answers  # noqa: B018
        a.commit()
        b.commit()
        repo.save_answer(a, da, "Q02", "forte", agent="a", now=T1)
        a.commit()
        with pytest.raises(DossierConflictError, match="changed elsewhere"):
            with repo.change(b, db, now=T1):
                repo.save_answer(b, db, "Q03", "non", agent="b")
                repo.set_status(b, db, "complet", agent="b")
        b.rollback()
    with store.session() as check:
        again = repo.find_dossier(check, dossier.id)
        assert again is not None and again.status == "brouillon"
        assert repo.to_export(again)["answers"] == {"Q01": "dette", "Q02": "forte"}


def test_answers_saved_one_by_one(dossier: Dossier, session: Session) -> None:
    repo.save_answer(session, dossier, "Q02", "forte", agent="b", now=T1)
    repo.save_answer(session, dossier, "Q01", "ponctuelles", agent="b", now=T1)
    session.commit()
    assert repo.to_export(dossier)["answers"] == {"Q01": "ponctuelles", "Q02": "forte"}
    with pytest.raises(ValueError, match="question id"):
        repo.save_answer(session, dossier, "5", "non", agent="b")


def test_consent_revocation_keeps_history(dossier: Dossier, session: Session) -> None:
    repo.revoke_consent(session, dossier, "urssaf", agent="superviseur", now=T1)
    session.commit()
    rows = session.scalars(select(Consent).where(Consent.dossier_pk == dossier.pk)).all()
    assert len(rows) == 1
    (consent,) = rows
    assert consent.given is True and consent.at == T0 and consent.agent == "agent.test"
    assert consent.revoked_at == T1 and consent.revoked_by == "superviseur"
    assert not consent.active
    exported = repo.to_export(dossier)["consents"][0]
    assert exported["revoked_at"] == T1.isoformat() and exported["given"] is True
    actions = session.scalars(
        select(AuditLog.action).where(AuditLog.dossier_id == dossier.id).order_by(AuditLog.id)
    ).all()
    assert actions == ["create", "answer", "consent", "consent_revoked"]
    with pytest.raises(ValueError, match="no given, unrevoked consent"):
        repo.revoke_consent(session, dossier, "urssaf", agent="x")


def test_consent_given_again_after_revocation(dossier: Dossier, session: Session) -> None:
    repo.revoke_consent(session, dossier, "urssaf", agent="b", now=T1)
    consent = _consent(session, dossier, now=T1 + timedelta(minutes=1), mode="oral_telephone")
    session.commit()
    assert consent.active and consent.mode == "oral_telephone"
    detail = json.loads(
        session.scalars(select(AuditLog.detail).order_by(AuditLog.id.desc())).first() or "{}"
    )
    assert detail["previous"]["revoked_at"] == T1.isoformat()


def test_audit_log_is_append_only(dossier: Dossier, session: Session) -> None:
    with pytest.raises(IntegrityError, match="append-only"):
        session.execute(AuditLog.__table__.update().values(agent="tampered"))
    session.rollback()
    with pytest.raises(IntegrityError, match="append-only"):
        session.execute(AuditLog.__table__.delete())
    session.rollback()


@pytest.mark.parametrize("situation", ["none", "refused", "revoked"])
def test_orientation_needs_consent(situation: str, dossier: Dossier, session: Session) -> None:
    if situation == "refused":
        _consent(session, dossier, "caf", given=False)
    elif situation == "revoked":
        _consent(session, dossier, "caf")
        repo.revoke_consent(session, dossier, "caf", agent="b")
    session.commit()
    before = (_count(session, Outbox), dossier.revision)
    with pytest.raises(ConsentRequiredError, match="caf"):
        repo.set_orientations(session, dossier, ["urssaf", "caf"])
    session.commit()
    assert dossier.orientations == []
    assert (_count(session, Outbox), dossier.revision) == before


def test_orientations_created_once(dossier: Dossier, session: Session) -> None:
    _consent(session, dossier, "caf")
    repo.set_orientations(session, dossier, ["urssaf"], now=T1)
    repo.update_orientation(session, dossier, "urssaf", status="transmise", agent="b", now=T1)
    repo.set_orientations(session, dossier, ["urssaf", "caf"], now=T1)
    session.commit()
    statuses = {o.organisme: o.status for o in dossier.orientations}
    assert statuses == {"urssaf": "transmise", "caf": "a_transmettre"}
    with pytest.raises(ValueError, match="organisme"):
        repo.set_orientations(session, dossier, ["mairie"])


def test_print_validation(dossier: Dossier, session: Session) -> None:
    with pytest.raises(ValueError, match="organisme"):
        repo.record_print(session, dossier, "letter", agent="b", content_hash=HASH)
    with pytest.raises(ValueError, match="sha256"):
        repo.record_print(session, dossier, "summary", agent="b", content_hash="abc")
    repo.record_print(session, dossier, "letter", organisme="urssaf", agent="b", content_hash=HASH)
    session.commit()
    assert [(p.kind, p.organisme) for p in dossier.printed] == [("letter", "urssaf")]


def test_naive_datetimes_are_refused(store: Store, session: Session) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        new_dossier(session, store, now=datetime(2026, 1, 1, 12, 0))
    session.rollback()


def test_invalid_inputs(store: Store, session: Session) -> None:
    with pytest.raises(ValueError, match="channel"):
        new_dossier(session, store, channel="courrier")
    with pytest.raises(ValueError, match="nom and prenom"):
        new_dossier(session, store, identity={"nom": "X"})
    with pytest.raises(ValueError, match="statut"):
        new_dossier(session, store, profile={"statut": "salarie"})
    with pytest.raises(ValueError, match="unknown field"):
        new_dossier(session, store, identity=identity(age=3))
    session.rollback()


def test_concurrent_edit_is_detected(store: Store, dossier: Dossier) -> None:
    # Two windows load the same dossier (read transactions end: expire_on_commit is off).
    with store.session() as a, store.session() as b:
        da, db = repo.find_dossier(a, dossier.id), repo.find_dossier(b, dossier.id)
        assert da is not None and db is not None
        db.answers  # loaded now, as a window showing the dossier would  # noqa: B018
        a.commit()
        b.commit()
        repo.save_answer(a, da, "Q02", "forte", agent="a", now=T1)
        a.commit()
        with pytest.raises(DossierConflictError, match="changed elsewhere"):
            repo.save_answer(b, db, "Q03", "non", agent="b", now=T1)
        b.rollback()
    with store.session() as check:
        again = repo.find_dossier(check, dossier.id)
        assert again is not None
        assert repo.to_export(again)["answers"] == {"Q01": "dette", "Q02": "forte"}


def test_find_dossier(dossier: Dossier, session: Session) -> None:
    assert repo.find_dossier(session, dossier.id) is dossier
    assert repo.find_dossier(session, dossier.id.upper()) is dossier
    assert repo.find_dossier(session, dossier.number.lower()) is dossier
    assert repo.find_dossier(session, "TI-BRE-02-2026-999999") is None


def test_find_duplicates(store: Store, session: Session) -> None:
    a = new_dossier(
        session,
        store,
        identity=identity(
            "Le Gall", "Hélène", nir="2 63 05 29 123 456 78", date_naissance="1963-05-14"
        ),
        profile={},
    )
    b = new_dossier(
        session, store, identity=identity("Martin", "Paul", siret="123 456 789 00012"), profile={}
    )
    new_dossier(session, store, identity=identity("Le Gall", "Hélène"), profile={})  # no birth

    assert repo.find_duplicates(session, nir="263052912345678") == [a]
    assert repo.find_duplicates(session, siret="12345678900012") == [b]
    found = repo.find_duplicates(
        session, nom="LE-GALL", prenom="helene", date_naissance="1963-05-14"
    )
    assert found == [a]
    assert (
        repo.find_duplicates(session, nom="Le Gall", prenom="Hélène", date_naissance="1963-05-15")
        == []
    )
    assert repo.find_duplicates(session, nir="263052912345678", exclude_id=a.id) == []
    assert repo.find_duplicates(session) == []


def test_count(store: Store, session: Session) -> None:
    assert repo.count_dossiers(session) == 0
    new_dossier(session, store)
    new_dossier(session, store)
    assert repo.count_dossiers(session) == 2


def test_export_shape(dossier: Dossier, session: Session) -> None:
    repo.set_orientations(session, dossier, ["urssaf"], now=T1)
    session.commit()
    data = repo.to_export(dossier)
    assert list(data) == [
        "id",
        "number",
        "revision",
        "questionnaire",
        "site",
        "workstation",
        "channel",
        "status",
        "urgent",
        "agent",
        "created_at",
        "updated_at",
        "identity",
        "profile",
        "answers",
        "consents",
        "orientations",
        "printed",
    ]
    assert data["site"] == "BRE" and data["questionnaire"] == "help-v1"
    assert data["identity"] == {"nom": "Dupont", "prenom": "Éloïse", "date_naissance": "1963-05-14"}
    assert data["profile"] == {
        "statut": "artisan",
        "date_naissance": "1963-05-14",
        "debut_activite": "2004-09-01",
        "foyer": 2,
        "activite_principale": True,
        "departement": "29",
    }
    assert data["created_at"] == T0.isoformat() and data["updated_at"] == T1.isoformat()
    assert data["answers"] == {"Q01": "dette"}
    assert data["consents"][0]["text_hash"] == HASH
    assert data["orientations"] == [
        {
            "organisme": "urssaf",
            "status": "a_transmettre",
            "outcome": None,
            "note": None,
            "updated_at": T1.isoformat(),
        }
    ]
    assert json.loads(json.dumps(data)) == data
    assert datetime.fromisoformat(data["updated_at"]).tzinfo == UTC
