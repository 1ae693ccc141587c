"""RowWriter (app.server.services.push_writes): a push's rows written table after table — on
PostgreSQL by a thread of its own while the caller computes the next ones — the same rows as
insert_rows, in order, and the first database error raised in the caller's thread as
SQLAlchemy's, the rows after it not written."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.types import UTCDateTime
from app.server.services import push_writes
from app.server.services.push_writes import RowWriter

METADATA = MetaData()
PARENTS = Table("row_writer_parent", METADATA,
                Column("id", Integer, primary_key=True, autoincrement=False),
                Column("label", String(20), nullable=True),
                Column("flag", Boolean, nullable=True),
                Column("at", UTCDateTime(), nullable=True))
CHILDREN = Table("row_writer_child", METADATA,
                 Column("id", Integer, primary_key=True, autoincrement=True),
                 Column("parent_id", ForeignKey("row_writer_parent.id")),
                 Column("rank", Integer))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url)
    METADATA.create_all(engine)
    try:
        yield engine
    finally:
        engine.dispose()


def test_rows_are_written_in_order_as_given(engine: Engine) -> None:
    paris = timezone(timedelta(hours=1))
    with Session(engine) as session:
        with RowWriter(session) as writer:
            writer.insert(PARENTS, [
                {"id": 1, "label": "é\tx\n", "flag": True,
                 "at": datetime(2026, 12, 5, 11, 0, tzinfo=paris)},
                {"id": 2, "label": None, "flag": False, "at": None}])
            writer.insert(CHILDREN, [])
            # rows referring to the ones before: written after them
            writer.insert(CHILDREN, [{"parent_id": 2, "rank": r} for r in range(300)])
            writer.insert(CHILDREN, [{"parent_id": 1, "rank": 300}])
        session.commit()
        assert [tuple(r) for r in session.execute(select(PARENTS).order_by(PARENTS.c.id))] == [
            (1, "é\tx\n", True, datetime(2026, 12, 5, 10, 0, tzinfo=UTC)),
            (2, None, False, None)]
        children = session.execute(select(CHILDREN.c.parent_id, CHILDREN.c.rank)
                                   .order_by(CHILDREN.c.id)).all()
        assert [tuple(c) for c in children] == \
            [(2, r) for r in range(300)] + [(1, 300)]


def test_on_postgresql_a_thread_writes_while_the_caller_goes_on(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite: the rows are written at once, in the caller's thread")
    release = threading.Event()
    writers: list[str] = []
    copy_rows = push_writes.copy_rows

    def slow_copy(*args: object) -> None:
        release.wait(10)
        writers.append(threading.current_thread().name)
        copy_rows(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(push_writes, "copy_rows", slow_copy)
    with Session(engine) as session:
        with RowWriter(session) as writer:
            writer.insert(PARENTS, [{"id": 1}])
            assert writers == []  # not written yet: insert() did not wait for it
            release.set()
        assert writers == ["push-row-writer"]  # written when the writer closed
        assert session.scalar(select(PARENTS.c.id)) == 1


def test_the_first_error_is_raised_and_stops_the_writing(engine: Engine) -> None:
    """On PostgreSQL the error comes out when the writer closes; on SQLite, where the rows
    are written at once, out of insert() itself: within the caller's savepoint either way."""
    with Session(engine) as session:
        with pytest.raises(IntegrityError):
            with RowWriter(session) as writer:
                writer.insert(PARENTS, [{"id": 1}])
                writer.insert(PARENTS, [{"id": 2}, {"id": 1}])  # the primary key again
                writer.insert(PARENTS, [{"id": 3}])
        session.rollback()
    with Session(engine) as session:
        with session.begin_nested() as savepoint:  # a batch's savepoint, as push_batch's
            writer = RowWriter(session)
            with pytest.raises(IntegrityError):
                writer.insert(PARENTS, [{"id": 5}])
                writer.insert(PARENTS, [{"id": 5}])
                writer.insert(PARENTS, [{"id": 6}])
                writer.close()
            writer.close()  # nothing more to raise
            savepoint.rollback()
        with RowWriter(session) as writer:  # the transaction goes on after the savepoint
            writer.insert(PARENTS, [{"id": 7}])
        session.commit()
        assert list(session.scalars(select(PARENTS.c.id))) == [7]


def test_an_error_of_the_block_wins_and_the_writer_is_done(engine: Engine) -> None:
    with Session(engine) as session:
        with pytest.raises(KeyError):
            with RowWriter(session) as writer:
                writer.insert(PARENTS, [{"id": 1}])
                if engine.dialect.name == "postgresql":  # SQLite would raise it here
                    writer.insert(PARENTS, [{"id": 2}, {"id": 2}])  # fails, unreported
                raise KeyError("the caller's")
        assert writer._thread is None  # joined: the connection is the caller's again
        session.rollback()
        assert session.scalar(select(PARENTS.c.id)) is None
