"""insert_rows (app.server.services.common): COPY on PostgreSQL, executemany elsewhere, the same
values stored either way — columns in any order, one column alone, with and without bind
processing (UTC datetimes stored naive, booleans)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Engine,
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
from app.server.services.common import insert_rows

METADATA = MetaData()
ROWS = Table("insert_rows_probe", METADATA,
             Column("id", Integer, primary_key=True, autoincrement=False),
             Column("label", String(20), nullable=True),
             Column("flag", Boolean, nullable=True),
             Column("at", UTCDateTime(), nullable=True))
ONE = Table("insert_rows_one", METADATA, Column("id", Integer, primary_key=True,
                                                 autoincrement=False))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url)
    METADATA.create_all(engine)
    try:
        yield engine
    finally:
        engine.dispose()


def test_rows_are_stored_as_given(engine: Engine) -> None:
    paris = timezone(timedelta(hours=1))
    with Session(engine) as session:
        insert_rows(session, ROWS, [
            {"at": datetime(2026, 12, 5, 11, 0, tzinfo=paris), "id": 1, "label": "é\tx\n",
             "flag": True},
            {"at": None, "id": 2, "label": None, "flag": False}])
        insert_rows(session, ROWS, [{"id": 3, "label": "plain"}])  # no processed column
        insert_rows(session, ONE, [{"id": 7}, {"id": 8}])  # a single column
        insert_rows(session, ONE, [])
        session.commit()
        stored = [tuple(r) for r in session.execute(select(ROWS).order_by(ROWS.c.id))]
        assert stored == [(1, "é\tx\n", True, datetime(2026, 12, 5, 10, 0, tzinfo=UTC)),
                          (2, None, False, None), (3, "plain", None, None)]
        assert list(session.scalars(select(ONE.c.id).order_by(ONE.c.id))) == [7, 8]


def test_a_unique_constraint_is_sqlalchemys_error(engine: Engine) -> None:
    with Session(engine) as session:
        insert_rows(session, ONE, [{"id": 1}])
        with pytest.raises(IntegrityError):
            insert_rows(session, ONE, [{"id": 2}, {"id": 1}])
