"""Retention in bulk (issue 18): on a store of many dossiers it removes exactly what erasing
each due dossier one at a time removes — the dossier, its children (answers, consents,
orientations, printed documents, appointments), its sync rows and its words in the full-text
index — and writes the same tombstones and the same chained history, in one statement per table
and chunk rather than one ORM delete per dossier."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import event, func, inspect, select, text, update

from app.demo import demo_records
from app.forms.questionnaire import load_questionnaire
from app.forms.retention import load_rules
from app.models import erasure
from app.models.audit_chain import verify_local
from app.models.database import DB_FILENAME, Store, open_store
from app.models.entities import Dossier, Outbox
from app.models.repository import import_records
from app.models.secrets import SERVICE, key_username

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
COUNT = 1_200


def dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but the full-text index's own (checked by search)."""
    out: dict[str, list[tuple[object, ...]]] = {}
    with store.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            if table.startswith("dossier_search"):
                continue
            out[table] = sorted((tuple(r) for r in connection.execute(
                text(f'SELECT * FROM "{table}"'))), key=repr)
    return out


def words(store: Store, *terms: str) -> dict[str, int]:
    """How many dossiers the full-text index finds for each term."""
    with store.engine.connect() as connection:
        return {t: int(connection.execute(text(
            "SELECT count(*) FROM dossier_search WHERE dossier_search MATCH :t"),
            {"t": f'"{t}"'}).scalar_one()) for t in terms}


def one_at_a_time(session: object, rules: object, now: datetime) -> list[str]:
    """What retention did before it went in bulk: each due dossier erased on its own."""
    done = erasure.plan_retention(session, rules, now)  # type: ignore[arg-type]
    for due in done:
        erasure._forget(session, due.id, keep_request=True)  # type: ignore[arg-type]
        erasure._history(session, due.id, "conservation", now,  # type: ignore[arg-type]
                         erasure.RETENTION_REASONS[due.action], "retention")
    if done:
        erasure.purge_search_index(session)  # type: ignore[arg-type]
    return [d.id for d in done]


@pytest.fixture
def twins(keyring_backend: KeyringBackend, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Two identical stores of COUNT demo dossiers, many of them due for retention."""
    first_dir, second_dir = tmp_path / "first", tmp_path / "second"
    with open_store(first_dir, site_code="BRE", workstation_code="02") as store:
        records = list(demo_records(COUNT, load_questionnaire(), seed=3,
                                    as_of=date(2026, 11, 30)))
        with store.transaction() as session:
            import_records(session, records, now=NOW - timedelta(days=1))
        with store.transaction() as session:
            # a quarter untouched for three years (closed or drafts: due); one closed due
            # dossier keeps an unsent change (it waits); one keeps a queued erasure request
            ids = list(session.scalars(select(Dossier.id).order_by(Dossier.number)))
            session.execute(update(Dossier).where(Dossier.id.in_(ids[::2]))
                            .values(updated_at=NOW - timedelta(days=3 * 365)))
            session.execute(update(Dossier).where(Dossier.id.in_(ids[::8]))
                            .values(status="clos"))
            session.execute(update(Dossier).where(Dossier.id.in_(ids[2::8]))
                            .values(status="brouillon"))
            session.execute(update(Outbox).values(sent_at=NOW))
            session.add(Outbox(dossier_id=ids[0], revision=99, kind="dossier", payload="{}",
                               created_at=NOW))
            session.add(Outbox(dossier_id=ids[8], revision=99, kind=erasure.ERASE_KIND,
                               payload="{}", created_at=NOW))
    shutil.copytree(first_dir, second_dir)
    key = keyring.get_password(SERVICE, key_username(first_dir / DB_FILENAME))
    assert key is not None
    keyring.set_password(SERVICE, key_username(second_dir / DB_FILENAME), key)
    with open_store(first_dir) as first, open_store(second_dir) as second:
        yield first, second


def test_bulk_retention_removes_and_records_what_one_at_a_time_did(
        twins: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch) -> None:
    bulk, single = twins
    monkeypatch.setattr(erasure, "CHUNK", 100)
    rules = load_rules(None)
    surnames = sorted({r[0] for r in single.engine.connect().execute(
        text("SELECT nom FROM dossiers"))})[:25]
    with single.transaction() as session:
        expected = one_at_a_time(session, rules, NOW)
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(bulk.engine, "before_cursor_execute", count)
    try:
        report = erasure.apply_at_start(bulk, NOW)
    finally:
        event.remove(bulk.engine, "before_cursor_execute", count)
    assert report is not None
    assert [d.id for d in report.done] == expected
    assert len(expected) > 2 * erasure.CHUNK, "the fixture must make several chunks due"
    assert dump(bulk) == dump(single)
    assert words(bulk, *surnames) == words(single, *surnames)
    # one statement per table and chunk, not one per dossier
    assert len(statements) < 60, len(statements)
    for store in (bulk, single):
        assert verify_local(store.engine).ok
        with store.session() as session:
            left = set(session.scalars(select(Dossier.id)))
            assert not left & set(expected)
            assert session.scalar(select(func.count()).select_from(Outbox).where(
                Outbox.kind == erasure.ERASE_KIND)) == 1  # the queued request stays


def test_a_closed_dossier_with_an_unsent_change_waits(twins: tuple[Store, Store]) -> None:
    store, _ = twins
    with store.session() as session:
        waiting = session.scalar(select(Outbox.dossier_id).where(Outbox.revision == 99,
                                                                 Outbox.kind == "dossier"))
        status = session.scalar(select(Dossier.status).where(Dossier.id == waiting))
    assert status == "clos"
    report = erasure.apply_at_start(store, NOW)
    assert report is not None and report.done
    assert waiting not in {d.id for d in report.done}
    with store.session() as session:
        assert session.scalar(select(Dossier.id).where(Dossier.id == waiting)) == waiting


def test_nothing_due_writes_nothing(twins: tuple[Store, Store]) -> None:
    store, _ = twins
    first = erasure.apply_at_start(store, NOW)
    assert first is not None and first.done
    before = dump(store)
    again = erasure.apply_at_start(store, NOW)
    assert again is not None and again.done == []
    assert dump(store) == before
