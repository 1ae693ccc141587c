"""The workstation's own history as a hash chain (issue 13): the hashing and the checks are
:mod:`app.forms.audit_chain`, shared with the central store's log.

Every :class:`~app.models.entities.AuditLog` added to a session is chained when the session
flushes (:func:`_chain_pending`, a ``before_flush`` hook on every Session), and rows inserted
with Core go through :func:`chain_rows`; the local store has one writer at a time (SQLite), and
``seq`` is unique, so two writers can never both chain onto one row.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Engine, Table, event, inspect, select, update
from sqlalchemy.orm import Session

from app.forms.audit_chain import (
    CLOCK_SKEW,
    GENESIS,
    ChainRow,
    Head,
    Verdict,
    row_hash,
    verify_rows,
)
from app.models.entities import AuditChainHead, AuditLog

__all__ = ["CLOCK_SKEW", "GENESIS", "ChainRow", "Head", "Verdict", "chain_rows", "local_head",
           "row_hash", "verify_local", "verify_rows"]

# --------------------------------------------------------------------------- the workstation

_LOCAL_AUDIT = cast(Table, AuditLog.__table__)
_LOCAL_HEAD = cast(Table, AuditChainHead.__table__)


def _local_head(session: Session) -> tuple[int, str]:
    with session.no_autoflush:
        row = session.execute(select(_LOCAL_HEAD.c.rows, _LOCAL_HEAD.c.head_hash)
                              .where(_LOCAL_HEAD.c.id == 1)).first()
    if row is None:
        raise RuntimeError("the local history's chain head (audit_chain_head) is missing")
    return int(row.rows), str(row.head_hash)


def _set_local_head(session: Session, rows: int, head: str) -> None:
    session.execute(update(_LOCAL_HEAD).where(_LOCAL_HEAD.c.id == 1)
                    .values(rows=rows, head_hash=head))


def chain_rows(session: Session, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` of the local ``audit_log`` (at, agent, dossier_id, action, detail) with their
    place and hashes, the head moved past them: insert them in the same transaction."""
    if not rows:
        return []
    seq, prev = _local_head(session)
    out: list[dict[str, Any]] = []
    for row in rows:
        seq += 1
        values = dict(row)
        values.update(seq=seq, prev_hash=prev, row_hash=row_hash(
            seq, row["at"], row["agent"], row["action"], row.get("dossier_id"),
            row["detail"], prev))
        prev = values["row_hash"]
        out.append(values)
    _set_local_head(session, seq, prev)
    return out


@event.listens_for(Session, "before_flush")
def _chain_pending(session: Session, _context: Any, _instances: Any) -> None:
    """Chain the AuditLog rows about to be inserted, in the order they were added."""
    pending = [o for o in session.new if isinstance(o, AuditLog) and o.row_hash is None]
    if not pending:
        return
    pending.sort(key=lambda o: inspect(o).insert_order)
    seq, prev = _local_head(session)
    for entry in pending:
        seq += 1
        entry.seq, entry.prev_hash = seq, prev
        entry.row_hash = prev = row_hash(seq, entry.at, entry.agent, entry.action,
                                         entry.dossier_id, entry.detail, prev)
    _set_local_head(session, seq, prev)


def _local_rows(session: Session) -> Iterator[ChainRow]:
    a = AuditLog
    result = session.execute(select(a.id, a.seq, a.at, a.agent, a.action, a.dossier_id,
                                    a.detail, a.prev_hash, a.row_hash).order_by(a.seq, a.id))
    try:
        for r in result:
            yield ChainRow(r.id, r.seq, r.at, r.agent, r.action, r.dossier_id, r.detail or "",
                           r.prev_hash, r.row_hash)
    finally:
        result.close()


def local_head(engine: Engine) -> Head:
    """The workstation history's head, as its head record keeps it."""
    with Session(engine) as session:
        row = session.execute(select(_LOCAL_HEAD.c.rows, _LOCAL_HEAD.c.head_hash)
                              .where(_LOCAL_HEAD.c.id == 1)).first()
        last = session.scalar(select(AuditLog.at).order_by(AuditLog.seq.desc()).limit(1))
    if row is None:
        return Head(0, GENESIS, None)
    return Head(int(row.rows), str(row.head_hash), last)


def verify_local(engine: Engine, expect: Head | None = None) -> Verdict:
    """Check the workstation's whole history chain, against its head record and ``expect``."""
    with Session(engine) as session:
        row = session.execute(select(_LOCAL_HEAD.c.rows, _LOCAL_HEAD.c.head_hash)
                              .where(_LOCAL_HEAD.c.id == 1)).first()
        stored = None if row is None else Head(int(row.rows), str(row.head_hash), None)
        return verify_rows(_local_rows(session), stored, expect)
