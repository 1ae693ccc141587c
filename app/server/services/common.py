"""What every service of the central store shares: the request's agent, the canonical payload
text and its hash, one audit row, the change counter, rows written in bulk (COPY)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Connection, Dialect, Table, insert, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.forms.records import MAX_REVISION
from app.server import audit as audit_chain
from app.server.models import Agent, SyncCounter

if TYPE_CHECKING:
    import psycopg

MAX_INT = MAX_REVISION


@dataclass(frozen=True)
class AgentInfo:
    """The authenticated agent of a request."""

    id: int
    login: str
    organisme: str
    site: str
    role: str
    # The workstation the request comes from (``X-Workstation``, e.g. ``BRE-02``), when given:
    # the dossiers it stores are marked as its own, and its pulls get only a stub of them.
    workstation: str | None = None


def agent_info(agent: Agent) -> AgentInfo:
    """The request-scoped view of an agent row."""
    return AgentInfo(agent.id, agent.login, agent.organisme, agent.site, agent.role)


def canonical_json(value: Any) -> str:
    """The JSON text a payload is stored as (sorted keys, so equal content hashes equal)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(text: str) -> str:
    """SHA-256 (hex) of a canonical payload text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def audit(session: Session, agent_login: str, action: str, dossier_id: uuid.UUID | None,
          now: datetime, detail: str = "") -> None:
    """Append one audit row (in the caller's transaction), chained (app.server.audit)."""
    session.flush()  # the ORM's pending rows first: the chain's lock comes last
    audit_chain.append(session, [{"at": now, "agent_login": agent_login, "action": action,
                                  "dossier_id": dossier_id, "detail": detail}])


def next_seq(session: Session) -> int:
    """The next change sequence number; locks the counter row until the transaction ends."""
    stmt = (update(SyncCounter).where(SyncCounter.id == 1)
            .values(value=SyncCounter.value + 1).returning(SyncCounter.value))
    return int(session.execute(stmt).scalar_one())


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table``: with COPY on PostgreSQL
    through psycopg, about twice as fast as executemany there; with executemany elsewhere.

    The values go through the columns' own bind processing (UTC datetimes stored naive, as
    UTCDateTime does), and a database error comes out as SQLAlchemy's (IntegrityError for a
    unique constraint) either way."""
    if not rows:
        return
    connection = session.connection()
    if not copies(connection.dialect):
        session.execute(insert(table), rows)
        return
    copy_rows(connection.dialect, dbapi_connection(connection), table, rows)


def copies(dialect: Dialect) -> bool:
    """Whether :func:`insert_rows` writes with COPY on this dialect (PostgreSQL via psycopg)."""
    return (dialect.name, dialect.driver) == ("postgresql", "psycopg")


def dbapi_connection(connection: Connection) -> psycopg.Connection[Any]:
    """The psycopg connection under a SQLAlchemy connection of a :func:`copies` dialect."""
    return cast("psycopg.Connection[Any]", connection.connection.dbapi_connection)


def copy_rows(dialect: Dialect, connection: psycopg.Connection[Any], table: Table,
              rows: list[dict[str, Any]]) -> None:
    """:func:`insert_rows`'s COPY on a psycopg connection, in the transaction it is in. Reads
    nothing of SQLAlchemy's connection or session: a thread may run it while the session's
    owner, which leaves the connection alone meanwhile, prepares the next rows
    (app.server.services.push_writes)."""
    if not rows:
        return
    names = list(rows[0])
    processors = [(index, process) for index, name in enumerate(names)
                  if (process := table.c[name].type.bind_processor(dialect)) is not None]
    statement = (f"COPY {dialect.identifier_preparer.format_table(table)} "
                 f"({', '.join(dialect.identifier_preparer.quote(n) for n in names)}) FROM STDIN")
    # the values of a row in ``names`` order, as one C-level call (a tuple even for one name)
    values: Callable[[dict[str, Any]], Sequence[Any]] = (
        itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],))
    try:
        with connection.cursor() as cursor, cursor.copy(statement) as copy:
            write = copy.write_row
            if not processors:
                for row in rows:
                    write(values(row))
                return
            for row in rows:
                out = list(values(row))
                for index, process in processors:
                    out[index] = process(out[index])
                write(out)
    except dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(statement, None, exc, dialect.loaded_dbapi.Error) from exc
