"""Engine of the central store: SQLite (embedded default) or PostgreSQL (psycopg 3)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from app.server.migrate import upgrade


def make_server_engine(database_url: str) -> Engine:
    """An engine for ``database_url``, not migrated (see :func:`open_engine`).

    On SQLite every transaction starts with ``BEGIN IMMEDIATE``: a push reads then writes, and
    a deferred transaction upgrading its lock would fail at once under contention instead of
    waiting for the busy timeout.
    """
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if url.database in (None, "", ":memory:"):
        raise ValueError("database: an in-memory SQLite database cannot be shared; "
                         "expected sqlite:///PATH")
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def open_engine(database_url: str) -> Engine:
    """An engine on a database brought to the latest schema."""
    engine = make_server_engine(database_url)
    upgrade(engine)
    return engine
