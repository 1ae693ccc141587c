"""Engine of the central store: SQLite (embedded default) or PostgreSQL (psycopg 3), and what a
busy database looks like on each (:func:`busy_reason`: the HTTP layer answers those 503).

A request never waits long for the database: a few seconds for a connection from the pool, for
SQLite's single writer lock (busy timeout) or for a PostgreSQL row lock (``lock_timeout``);
then it fails with an error :func:`busy_reason` recognises, and the client retries after
``Retry-After``. Waiting longer would only pile requests up behind the lock until clients time
out and drop their connections.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from app.server.migrate import upgrade

BUSY_TIMEOUT_SECONDS = 5  # SQLite: waiting for the writer lock
LOCK_TIMEOUT_SECONDS = 5  # PostgreSQL: waiting for a row or table lock
POOL_TIMEOUT_SECONDS = 5  # waiting for a connection of the pool
POOL_SIZE = 10  # PostgreSQL connections kept open (each request holds one)…
POOL_OVERFLOW = 10  # …and opened beyond them under load, closed when returned
RETRY_AFTER_SECONDS = 1  # what a busy answer tells the client to wait

# PostgreSQL SQLSTATEs of a busy or unavailable server: lock_not_available (lock_timeout),
# query_canceled (statement_timeout), deadlock_detected, serialization_failure,
# too_many_connections and the rest of class 53 (insufficient resources), the server shutting
# down or starting (57P01-57P03), and class 08 (connection exceptions).
_PG_BUSY = {"55P03": "a lock was not granted in time", "57014": "a statement took too long",
            "40P01": "a deadlock was broken", "40001": "concurrent updates collided",
            "53300": "too many connections", "57P01": "the database is shutting down",
            "57P02": "the database is restarting", "57P03": "the database is starting"}


def busy_reason(exc: BaseException) -> tuple[str, int] | None:
    """(what is busy, seconds to wait) when ``exc`` means the database is busy or briefly
    unavailable — worth a retry — else None (a real failure)."""
    if isinstance(exc, PoolTimeoutError):
        return "every database connection is in use", RETRY_AFTER_SECONDS
    if not isinstance(exc, DBAPIError):
        return None
    orig = exc.orig
    if isinstance(orig, sqlite3.OperationalError):
        code = getattr(orig, "sqlite_errorcode", None)
        text = str(orig).lower()
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text \
                or "busy" in text:
            return "the database is locked by another writer", RETRY_AFTER_SECONDS
        return None
    if type(orig).__module__.split(".")[0] != "psycopg":
        if exc.connection_invalidated:
            return "the database connection was lost", RETRY_AFTER_SECONDS
        return None
    state = getattr(orig, "sqlstate", None)
    if state in _PG_BUSY:
        return _PG_BUSY[state], RETRY_AFTER_SECONDS
    if state is not None and state[:2] == "53":
        return "the database is short of resources", RETRY_AFTER_SECONDS
    if state is not None and state[:2] == "08":
        return "the database connection failed", RETRY_AFTER_SECONDS
    import psycopg

    if state is None and isinstance(orig, psycopg.OperationalError):
        return "the database cannot be reached", RETRY_AFTER_SECONDS  # at connect, or lost
    if exc.connection_invalidated:
        return "the database connection was lost", RETRY_AFTER_SECONDS
    return None


def make_server_engine(database_url: str) -> Engine:
    """An engine for ``database_url``, not migrated (see :func:`open_engine`).

    On SQLite every transaction starts with ``BEGIN IMMEDIATE``: a push reads then writes, and
    a deferred transaction upgrading its lock would fail at once under contention instead of
    waiting for the busy timeout. The database runs in WAL mode, so readers never wait for the
    writer.
    """
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        connect_args: dict[str, Any] = {}
        if url.get_backend_name() == "postgresql" and "options" not in url.query:
            # every session of the store's connections gives up a lock wait after a few s
            connect_args["options"] = f"-c lock_timeout={LOCK_TIMEOUT_SECONDS * 1000}"
        # hide_parameters (both engines): a failed statement's error, logged or answered,
        # never shows the bound values (the dossiers' identities)
        return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, hide_parameters=True,
                             max_overflow=POOL_OVERFLOW, pool_timeout=POOL_TIMEOUT_SECONDS,
                             connect_args=connect_args)
    if url.database in (None, "", ":memory:"):
        raise ValueError("database: an in-memory SQLite database cannot be shared; "
                         "expected sqlite:///PATH")
    engine = create_engine(url, connect_args={"check_same_thread": False,
                                              "timeout": BUSY_TIMEOUT_SECONDS},
                           pool_timeout=POOL_TIMEOUT_SECONDS, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
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
