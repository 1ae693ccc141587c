"""Export and import: round trip, revision rules, number conflicts, all-or-nothing."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import repository as repo
from app.models.database import Store, open_store
from app.models.entities import AuditLog, Outbox
from app.models.errors import NumberConflictError
from app.models.search import search_dossiers
from tests.models.conftest import T0, identity, new_dossier

HASH = "b" * 64


def _fill(session: Session, store: Store) -> None:
    a = new_dossier(
        session,
        store,
        identity=identity(
            "Le Gall",
            "Hélène",
            nir="263052912345678",
            siret="12345678900012",
            telephone="0601020304",
            email="h@example.org",
            adresse="1 rue X",
            code_postal="29200",
            commune="Brest",
            nom_naissance="Quéré",
        ),
    )
    for q, code in (("Q01", "dette"), ("Q04", "non"), ("Q12", "psy")):
        repo.save_answer(session, a, q, code, agent="ag", now=T0 + timedelta(seconds=1))
    for org in ("urssaf", "caf"):
        repo.record_consent(
            session,
            a,
            org,
            given=True,
            mode="signe_accueil",
            text_version="consentement-v1",
            text_hash=HASH,
            agent="ag",
            now=T0 + timedelta(seconds=2),
        )
    repo.record_consent(
        session,
        a,
        "assurance_maladie",
        given=False,
        mode="signe_accueil",
        text_version="consentement-v1",
        text_hash=HASH,
        agent="ag",
        now=T0,
    )
    repo.set_orientations(session, a, ["urssaf", "caf"], now=T0 + timedelta(seconds=3))
    repo.update_orientation(
        session,
        a,
        "caf",
        status="cloturee",
        outcome="aide_accordee",
        note="RSA ouvert",
        agent="caf.agent",
        now=T0 + timedelta(days=3),
    )
    repo.revoke_consent(session, a, "urssaf", agent="ag", now=T0 + timedelta(days=4))
    repo.record_print(session, a, "summary", agent="ag", content_hash=HASH, now=T0)
    repo.record_print(session, a, "letter", organisme="caf", agent="ag", content_hash=HASH, now=T0)
    repo.set_urgent(session, a, True, agent="ag", now=T0 + timedelta(days=5))
    b = new_dossier(
        session, store, identity=identity("Martin", "Yann"), profile={}, channel="telephone"
    )
    repo.set_status(session, b, "clos", agent="ag", now=T0 + timedelta(days=1))
    new_dossier(session, store, identity=identity("Riou", "Anne"), profile={"foyer": 1})
    session.commit()


def _export(session: Session) -> list[dict[str, Any]]:
    return list(repo.iter_export(session, batch=2))


def _outbox_audit(session: Session) -> tuple[int, int]:
    return (
        int(session.scalar(select(func.count()).select_from(Outbox)) or 0),
        int(session.scalar(select(func.count()).select_from(AuditLog)) or 0),
    )


@pytest.fixture
def exported(store: Store, session: Session) -> list[dict[str, Any]]:
    _fill(session, store)
    return _export(session)


@pytest.fixture
def other(keyring_backend: object, tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "other", site_code="QUI", workstation_code="01") as s:
        yield s


def test_iter_export_matches_to_export(exported: list[dict[str, Any]], session: Session) -> None:
    assert [d["number"] for d in exported] == sorted(d["number"] for d in exported)
    assert len(exported) == 3
    singles = [repo.to_export(d) for d in search_dossiers(session, "")]
    assert sorted(singles, key=lambda d: d["number"]) == exported
    assert json.loads(json.dumps(exported)) == exported


def test_round_trip(exported: list[dict[str, Any]], other: Store) -> None:
    with other.transaction() as session:
        result = repo.import_records(session, copy.deepcopy(exported))
    assert result == repo.ImportResult(created=3, updated=0, skipped=0)
    with other.session() as session:
        assert _export(session) == exported
        # Outbox payloads are the export dicts too.
        payloads = [
            json.loads(p)
            for p in session.scalars(
                select(Outbox.payload).where(Outbox.kind == "import").order_by(Outbox.id)
            )
        ]
        assert sorted(payloads, key=lambda d: d["number"]) == exported
        # The search index was fed by the import.
        assert [d.number for d in search_dossiers(session, "helene")] == [exported[0]["number"]]
        # The imported dossier is urgent, so it comes first.
        assert search_dossiers(session, "")[0].number == exported[0]["number"]


def test_import_again_skips(exported: list[dict[str, Any]], other: Store) -> None:
    with other.transaction() as session:
        repo.import_records(session, exported)
    with other.transaction() as session:
        before = _outbox_audit(session)
        result = repo.import_records(session, exported)
        assert result == repo.ImportResult(created=0, updated=0, skipped=3)
        assert _outbox_audit(session) == before


def test_revision_rules(exported: list[dict[str, Any]], other: Store) -> None:
    with other.transaction() as session:
        repo.import_records(session, exported)
    newer = copy.deepcopy(exported[0])
    newer["revision"] += 1
    newer["answers"] = {"Q01": "non"}
    newer["consents"] = newer["consents"][:1]
    newer["identity"]["nom"] = "Kerbrat"
    older = copy.deepcopy(exported[1])
    older["revision"] -= 1
    older["answers"] = {"Q09": "fin_de_vie"}
    equal = copy.deepcopy(exported[2])
    equal["answers"] = {"Q09": "fin_de_vie"}
    with other.transaction() as session:
        result = repo.import_records(session, [newer, older, equal])
    assert result == repo.ImportResult(created=0, updated=1, skipped=2)
    with other.session() as session:
        assert _export(session) == [newer, exported[1], exported[2]]
        assert search_dossiers(session, "le gall") == []
        assert [d.number for d in search_dossiers(session, "kerbrat")] == [newer["number"]]


def test_duplicate_ids_in_one_import_keep_the_newest(
    exported: list[dict[str, Any]], other: Store
) -> None:
    newer = copy.deepcopy(exported[0])
    newer["revision"] += 3
    with other.transaction() as session:
        result = repo.import_records(session, [exported[0], newer])
    assert result == repo.ImportResult(created=1, updated=0, skipped=1)
    with other.session() as session:
        assert _export(session) == [newer]


def test_number_conflict(exported: list[dict[str, Any]], other: Store) -> None:
    with other.transaction() as session:
        repo.import_records(session, exported)
    clash = copy.deepcopy(exported[1])
    clash["id"] = "00000000-0000-4000-8000-000000000001"
    with other.session() as session:
        before = (_export(session), _outbox_audit(session))
        with pytest.raises(NumberConflictError, match=exported[1]["number"]):
            repo.import_records(session, [clash])
        session.rollback()
        assert (_export(session), _outbox_audit(session)) == before
    twins = [copy.deepcopy(exported[0]), copy.deepcopy(exported[0])]
    twins[1]["id"] = "00000000-0000-4000-8000-000000000002"
    with other.session() as session, pytest.raises(NumberConflictError, match="two dossiers"):
        repo.import_records(session, twins)


def test_all_or_nothing(exported: list[dict[str, Any]], other: Store) -> None:
    with other.transaction() as session:
        repo.import_records(session, exported[:1])
    with other.session() as session:
        before = (_export(session), _outbox_audit(session), repo.count_dossiers(session))
    newer = copy.deepcopy(exported[0])
    newer["revision"] += 1
    bad = copy.deepcopy(exported[2])
    bad["consents"] = [dict(exported[0]["consents"][0], mode="par_pigeon")]  # CHECK fails
    with pytest.raises(IntegrityError), other.transaction() as session:
        # Dossier rows are inserted and updated before the bad consent row fails.
        repo.import_records(session, [newer, exported[1], bad])
    with other.session() as session:
        assert (_export(session), _outbox_audit(session), repo.count_dossiers(session)) == before
        assert search_dossiers(session, "martin") == []


def test_import_moves_the_sequence_past_imported_numbers(
    store: Store, session: Session, exported: list[dict[str, Any]]
) -> None:
    far = copy.deepcopy(exported[2])
    far["id"] = "00000000-0000-4000-8000-0000000000aa"
    far["number"] = "TI-BRE-02-2026-000050"
    repo.import_records(session, [far])
    session.commit()
    assert new_dossier(session, store).number == "TI-BRE-02-2026-000051"


def test_import_without_outbox(exported: list[dict[str, Any]], other: Store) -> None:
    with other.transaction() as session:
        repo.import_records(session, exported, write_outbox=False)
        outbox, audit = _outbox_audit(session)
    assert outbox == 0 and audit == 3
