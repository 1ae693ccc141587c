"""Rows of a push written while the next ones are computed (issue 18).

A push writes its dossiers' rows and the rows derived from them (consents, orientations,
appointments, the statistics' facts, the partners' inbox). On PostgreSQL, the database's work on
one table's COPY (checking the foreign keys, maintaining the indexes) takes about as long as the
store's Python work computing the next table's rows (evaluating the aids, above all); done one
after the other, each waits for the other. :class:`RowWriter` hands each table's rows to one
thread that writes them with COPY (app.server.services.common.copy_rows), in the order given, on
the session's connection, while the caller computes the next rows: psycopg waits for the server
without holding the GIL.

The caller leaves the session alone between opening the writer and closing it: the thread is the
only user of the connection meanwhile. On other databases (SQLite: one connection per thread)
the rows are written at once, with :func:`app.server.services.common.insert_rows`.

The rows written are the same either way, in the same order per table; the first database error
stops the writing (the rows after it are not written) and comes out as SQLAlchemy's
(IntegrityError for a unique constraint) in the caller's thread — of :meth:`RowWriter.close`
on PostgreSQL, of :meth:`RowWriter.insert` elsewhere — so the caller's savepoint handles it as
it would an error of insert_rows.
"""

from __future__ import annotations

import queue
import threading
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Dialect, Table
from sqlalchemy.orm import Session

from app.server.services.common import copies, copy_rows, dbapi_connection, insert_rows

if TYPE_CHECKING:
    import psycopg

_Job = tuple[Table, list[dict[str, Any]]] | None


class RowWriter:
    """Insert rows table after table, on PostgreSQL in a thread of its own (see the module);
    a context manager: leaving it waits for every row to be written, and raises the first
    database error (unless the block itself raised: that error wins)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        connection = session.connection()
        self._dialect: Dialect = connection.dialect
        self._error: BaseException | None = None
        # None: the rows are written at once (not PostgreSQL), or the writer is closed
        self._thread: threading.Thread | None = None
        if copies(self._dialect):
            self._connection: psycopg.Connection[Any] = dbapi_connection(connection)
            self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
            self._thread = threading.Thread(target=self._run, name="push-row-writer",
                                            daemon=True)
            self._thread.start()

    def insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """Write ``rows`` (dicts with the same keys) into ``table`` after the rows given
        before."""
        if not rows:
            return
        if self._thread is None:
            insert_rows(self._session, table, rows)
        else:
            self._jobs.put((table, rows))

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            if self._error is not None:
                continue  # the transaction failed: what follows is not written
            table, rows = job
            try:
                copy_rows(self._dialect, self._connection, table, rows)
            except BaseException as exc:  # handed to the caller's thread by close()
                self._error = exc

    def close(self) -> None:
        """Wait for every row to be written; the first database error, if any."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if exc is None:
            self.close()
            return
        try:  # the connection is the caller's again before its error goes up
            self.close()
        except BaseException:
            pass  # the block's own error is the one to report
