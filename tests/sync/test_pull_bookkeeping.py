"""The pull's bookkeeping written at the driver (issue 18): ``mark_transmitted`` stores the
time as the ORM stores it, only where none is recorded, only for the organismes a version
reaches; ``set_bases`` inserts a base and replaces it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, select, text, update

from app.models.database import Store
from app.models.entities import Orientation
from app.models.orientation_state import mark_transmitted
from app.models.repository import import_records
from app.sync.ledger import set_bases
from tests.sync.test_pull_bulk import records

NOW = datetime(2026, 3, 2, 10, 15, 30, 123456, tzinfo=UTC)
EARLIER = NOW - timedelta(days=1)
ORIENTATIONS = cast(Table, Orientation.__table__)


def _stored_times(store: Store) -> dict[tuple[str, str], Any]:
    """Each orientation's ``transmitted_at`` as stored (no conversion)."""
    with store.session() as session:
        return {(dossier_id, organisme): at for dossier_id, organisme, at in session.execute(
            text("SELECT d.id, o.organisme, o.transmitted_at FROM orientations o "
                 "JOIN dossiers d ON d.pk = o.dossier_pk"))}


def _as_the_orm_stores(store: Store, when: datetime) -> Any:
    """``when`` as an ORM write of ``transmitted_at`` stores it."""
    with store.transaction() as session:
        session.execute(update(ORIENTATIONS).values(transmitted_at=when))
        stored = session.scalar(text("SELECT transmitted_at FROM orientations LIMIT 1"))
        session.rollback()
    return stored


def test_mark_transmitted_stores_the_time_as_the_orm_does_and_only_where_none(
        store: Store) -> None:
    held = records(3)
    for record in held:  # an orientation without a consent: never reached by a version
        record["consents"] = [c for c in record["consents"] if c["organisme"] != "caf"]
        record["orientations"] = [o for o in record["orientations"] if o["organisme"] != "caf"]
        record["orientations"].append({
            "organisme": "caf", "status": "a_transmettre", "outcome": None, "note": None,
            "updated_at": record["updated_at"]})
    first, second, third = held
    with store.transaction() as session:
        import_records(session, held, agent="A. Le Gall", now=NOW)
        # the first dossier's orientations were confirmed earlier: they keep that time
        pk = session.scalar(text("SELECT pk FROM dossiers WHERE id = :i"), {"i": first["id"]})
        session.execute(update(ORIENTATIONS).where(ORIENTATIONS.c.dossier_pk == pk)
                        .values(transmitted_at=EARLIER))
    kept = {k: v for k, v in _stored_times(store).items() if k[0] == first["id"]}
    assert kept and all(v is not None for v in kept.values())
    with store.transaction() as session:  # a dict, a dict, a JSON text
        mark_transmitted(session, [(first["id"], first), (second["id"], second),
                                   (third["id"], json.dumps(third, ensure_ascii=False))], NOW)
    times = _stored_times(store)
    expected = _as_the_orm_stores(store, NOW)
    assert expected is not None
    for record in (second, third):
        reached = {o["organisme"] for o in record["orientations"]} - {"caf"}
        assert reached
        for organisme in reached:
            assert times[(record["id"], organisme)] == expected
        assert times[(record["id"], "caf")] is None
    assert {k: v for k, v in times.items() if k[0] == first["id"]} == kept
    with store.session() as session:  # read back through the ORM: the same aware time
        read = set(session.scalars(select(Orientation.transmitted_at).join_from(
            Orientation, Orientation.dossier).where(
            Orientation.organisme != "caf", text("dossiers.id = :i")), {"i": second["id"]}))
    assert read == {NOW}


def test_set_bases_inserts_then_replaces(store: Store) -> None:
    with store.transaction() as session:
        set_bases(session, [("a" * 36, 1, '{"v": 1}'), ("b" * 36, 2, '{"v": "é"}')])
        set_bases(session, [("a" * 36, 3, '{"v": 3}')])
        set_bases(session, [])
    with store.session() as session:
        rows = session.execute(text(
            "SELECT dossier_id, revision, payload FROM sync_bases ORDER BY dossier_id")).all()
    assert [tuple(r) for r in rows] == [("a" * 36, 3, '{"v": 3}'), ("b" * 36, 2, '{"v": "é"}')]
