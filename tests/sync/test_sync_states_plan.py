"""The sync states of the list's page (app.sync.ledger.sync_states, issue 18): read through the
partial index on unsent outbox rows (migration 0012), one lookup per dossier of the page, never
a walk of the outbox; the states shown are those of before."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any, cast

import pytest
from sqlalchemy import Table, event, func, insert, select, update

from app.demo import demo_records
from app.forms.questionnaire import CURRENT_VERSION, load_questionnaire
from app.models.database import Store
from app.models.entities import Dossier, Outbox, SyncQuarantine
from app.models.listing import ListFilters
from app.models.repository import import_records
from app.sync.ledger import list_page, sync_states

DOSSIERS = cast(Table, Dossier.__table__)
OUTBOX = cast(Table, Outbox.__table__)
NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
INDEX = "ix_outbox_unsent_dossier_id"


@pytest.fixture
def filled(store: Store) -> Iterator[tuple[Store, list[str]]]:
    """300 demo dossiers, each with an outbox row; two thirds of those rows sent."""
    records = list(demo_records(300, load_questionnaire(CURRENT_VERSION), seed=5,
                                as_of=date(2026, 12, 1)))
    with store.transaction() as session:
        import_records(session, records, write_outbox=True, agent="test")
        ids = [r.id for r in session.execute(select(DOSSIERS.c.id).order_by(DOSSIERS.c.pk))]
        session.execute(update(OUTBOX).where(OUTBOX.c.id % 3 != 0).values(sent_at=NOW))
        session.execute(update(DOSSIERS).values(sync_state="synced"))
    yield store, ids


def _states(store: Store, ids: list[str]) -> dict[str, str]:
    with store.session() as session:
        return sync_states(session, ids)


def _plans(store: Store, call: Callable[[], Any]) -> list[str]:
    """The query plan of every statement ``call`` runs, one line per plan step."""
    statements: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any,
                context: Any, executemany: bool) -> None:
        statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        call()
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    lines: list[str] = []
    with store.engine.connect() as connection:
        for statement, parameters in statements:
            if statement.lstrip().upper().startswith("SELECT"):
                lines += [str(row[-1]) for row in connection.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + statement, parameters)]
    return lines


def _walks_outbox(plan: list[str]) -> bool:
    """True when a plan reads more of the outbox than the asked dossiers' entries: a SCAN of
    the table, or the walk of every unsent row through the sent_at index."""
    return any(line.startswith("SCAN outbox") or "ix_outbox_sent_at" in line for line in plan)


def _mark(store: Store, ids: list[str]) -> None:
    """A few states that need the outbox: a quarantined dossier with a newer unsent revision
    than the refused one (local), one whose unsent revision is the refused one (quarantined)."""
    with store.transaction() as session:
        session.execute(update(DOSSIERS).where(DOSSIERS.c.id.in_(ids[:2]))
                        .values(sync_state="quarantined"))
        for dossier_id, refused in ((ids[0], 1), (ids[1], 2)):
            session.add(SyncQuarantine(dossier_id=dossier_id, revision=refused, reason="refus",
                                       at=NOW))
            session.execute(insert(OUTBOX).values(dossier_id=dossier_id, revision=2,
                                                  kind="dossier", payload="{}", created_at=NOW))


@pytest.mark.parametrize("analyzed", [False, True], ids=["no statistics", "after ANALYZE"])
def test_a_page_s_states_are_read_through_the_unsent_index(
        filled: tuple[Store, list[str]], analyzed: bool) -> None:
    store, ids = filled
    _mark(store, ids)
    if analyzed:  # the planner's choice holds with statistics too
        with store.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    for page in (ids[:200], ids[:20]):
        plan = _plans(store, functools.partial(_states, store, page))
        assert any(INDEX in line for line in plan), plan
        assert not _walks_outbox(plan), plan
    # A page a fraction of the store: nothing is scanned, the dossiers are looked up too (a
    # page of 200 of these 300 dossiers may read the whole small table once analyzed).
    assert not any(line.startswith("SCAN") for line in plan), plan
    # The refused branch ran (the quarantine lookup is in the plan, by its dossier index).
    assert any("sync_quarantine" in line for line in plan), plan


def test_the_plan_check_sees_a_walk_of_the_outbox(filled: tuple[Store, list[str]]) -> None:
    # Guards the test above: the query of before issue 18 walked every unsent row.
    store, ids = filled

    def old_query() -> None:
        with store.session() as session:
            session.scalars(select(OUTBOX.c.dossier_id).where(
                OUTBOX.c.dossier_id.in_(ids[:200]), OUTBOX.c.sent_at.is_(None))).all()

    assert _walks_outbox(_plans(store, old_query))


def test_the_index_holds_only_the_unsent_rows(filled: tuple[Store, list[str]]) -> None:
    store, _ = filled
    with store.engine.connect() as connection:
        sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (INDEX,)).scalar()
        indexed = connection.exec_driver_sql(
            f"SELECT count(*) FROM outbox INDEXED BY {INDEX} WHERE sent_at IS NULL").scalar()
        unsent = connection.execute(select(func.count()).select_from(OUTBOX)
                                    .where(OUTBOX.c.sent_at.is_(None))).scalar()
    assert sql is not None and sql.endswith("WHERE sent_at IS NULL")
    assert indexed == unsent == 100


def test_the_states_shown_are_those_of_before(filled: tuple[Store, list[str]]) -> None:
    store, ids = filled
    unsent = {r.dossier_id for r in _rows_unsent(store)}
    sent_only = [i for i in ids if i not in unsent]
    with_unsent = [i for i in ids if i in unsent]
    synced, changed = sent_only[0], with_unsent[0]
    retried, still_refused, refused_unchanged, cleared = with_unsent[1:5]
    in_conflict, new, sending = with_unsent[5], with_unsent[6], sent_only[1]
    with store.transaction() as session:
        for dossier_id, state in ((retried, "quarantined"), (still_refused, "quarantined"),
                                  (refused_unchanged, "quarantined"), (cleared, "quarantined"),
                                  (in_conflict, "conflict"), (new, "local"),
                                  (sending, "sending")):
            session.execute(update(DOSSIERS).where(DOSSIERS.c.id == dossier_id)
                            .values(sync_state=state))
        revision = {i: r for i, r in session.execute(
            select(OUTBOX.c.dossier_id, func.max(OUTBOX.c.revision))
            .where(OUTBOX.c.sent_at.is_(None)).group_by(OUTBOX.c.dossier_id))}
        # retried: a newer revision than the refused one waits; still_refused: the unsent
        # revision is the refused one; refused_unchanged: refused a newer one than what waits;
        # cleared: its refusal was cleared (nothing to compare: it stays as recorded).
        session.execute(insert(OUTBOX).values(dossier_id=retried,
                                              revision=revision[retried] + 1, kind="dossier",
                                              payload="{}", created_at=NOW))
        session.add_all([
            SyncQuarantine(dossier_id=retried, revision=revision[retried], reason="refus",
                           at=NOW),
            SyncQuarantine(dossier_id=still_refused, revision=revision[still_refused],
                           reason="refus", at=NOW),
            SyncQuarantine(dossier_id=refused_unchanged,
                           revision=revision[refused_unchanged] + 2, reason="refus", at=NOW),
            SyncQuarantine(dossier_id=cleared, revision=revision[cleared], reason="refus",
                           at=NOW, cleared_at=NOW),
        ])
    asked = [synced, changed, retried, still_refused, refused_unchanged, cleared, in_conflict,
             new, sending, "00000000-0000-0000-0000-000000000000"]
    assert _states(store, asked) == {
        synced: "synced", changed: "local", retried: "local", still_refused: "quarantined",
        refused_unchanged: "quarantined", cleared: "quarantined", in_conflict: "conflict",
        new: "local", sending: "sending",
    }
    assert _states(store, []) == {}


def test_the_list_page_carries_the_states_of_its_rows(
        filled: tuple[Store, list[str]]) -> None:
    store, _ = filled
    page = list_page(store, ListFilters(), limit=200)
    assert len(page.rows) == 200
    assert page.sync == _states(store, [r.id for r in page.rows])
    unsent = {r.dossier_id for r in _rows_unsent(store)}
    assert {i for i, s in page.sync.items() if s == "local"} == unsent & set(page.sync)
    assert set(page.sync.values()) == {"local", "synced"}


def _rows_unsent(store: Store) -> list[Any]:
    with store.session() as session:
        return list(session.execute(select(OUTBOX.c.dossier_id)
                                    .where(OUTBOX.c.sent_at.is_(None))))
