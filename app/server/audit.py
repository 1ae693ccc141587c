"""The central store's audit log as a hash chain (issue 13): appending, verifying, the head.

Every row carries its place in the chain (``seq``: 1, 2, 3… with no gap), the hash of the row
before it (``prev_hash``; 64 zeros for the first) and its own hash (``row_hash``)::

    row_hash = SHA-256( canonical JSON of
                        [seq, at, agent_login, action, dossier_id, detail, prev_hash] )

with ``at`` in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffff`` (the precision both engines keep),
``dossier_id`` as the dashed lowercase UUID or null, compact JSON in UTF-8 (the hashing and
the checks are shared with the workstation's history: app.forms.audit_chain). Changing,
removing or slipping in one row breaks the links after it.

The chain is anchored twice:

- ``audit_chain_head``, one row (``rows``, ``head_hash``, ``at``) updated with every append in
  the same transaction: a table emptied or cut short while this row still says N rows is seen;
- the head exported with ``accueil-ti admin audit head`` (JSON: rows, head, at) and kept outside
  the database (mailed to the DPO, printed, on another machine): ``verify --expect FILE`` then
  sees a chain rewritten from scratch, cut back, or a row added later dated before the export,
  even when whoever had SQL access rewrote ``audit_chain_head`` as well.

The hash is a plain SHA-256, no key: anyone can check the chain without a secret, and someone
with write access to the database can recompute a whole forged chain — which is why the exported
head is the anchor to keep (a keyed HMAC would need the key at every verify and in every
deployment, and the embedded default has nowhere safer than the database's own folder).

Appends are serialised: the head row is read ``FOR UPDATE`` (PostgreSQL row lock until commit;
SQLite has a single writer, every transaction starting ``BEGIN IMMEDIATE``), so two transactions
never chain onto the same previous row. Rows are always inserted through :func:`append`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Engine, Table, func, insert, or_, select, update
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
from app.server.models import Agent, AuditChainHead, AuditEntry, AuditListed

__all__ = ["CLOCK_SKEW", "GENESIS", "Head", "Verdict", "append", "current_head", "entries",
           "row_hash", "verify"]

_AUDIT = cast(Table, AuditEntry.__table__)
_HEAD = cast(Table, AuditChainHead.__table__)
_LISTED = cast(Table, AuditListed.__table__)


def append(session: Session, rows: Sequence[Mapping[str, Any]],
           write: Callable[[Session, Table, list[dict[str, Any]]], None] | None = None
           ) -> int | None:
    """Append audit rows (dicts: at, agent_login, action, dossier_id, detail) in the caller's
    transaction, chained after the current head, which is locked until the transaction ends;
    the last row's ``seq`` (None without rows). ``write(session, table, rows)`` inserts the
    chained rows when given (app.server.services.common.insert_rows: COPY on PostgreSQL, for
    the many rows of a push or a pull); an executemany INSERT otherwise."""
    if not rows:
        return None
    head = session.execute(select(_HEAD.c.rows, _HEAD.c.head_hash)
                           .where(_HEAD.c.id == 1).with_for_update()).one()
    seq, prev = int(head.rows), str(head.head_hash)
    chained: list[dict[str, Any]] = []
    for row in rows:
        seq += 1
        detail = row.get("detail") or ""
        digest = row_hash(seq, row["at"], row["agent_login"], row["action"],
                          row.get("dossier_id"), detail, prev)
        chained.append({"seq": seq, "at": row["at"], "agent_login": row["agent_login"],
                        "action": row["action"], "dossier_id": row.get("dossier_id"),
                        "detail": detail, "prev_hash": prev, "row_hash": digest})
        prev = digest
    if write is None:
        session.execute(insert(_AUDIT), chained)
    else:
        write(session, _AUDIT, chained)
    session.execute(update(_HEAD).where(_HEAD.c.id == 1)
                    .values(rows=seq, head_hash=prev, at=chained[-1]["at"]))
    return seq


def append_listing(session: Session, row: Mapping[str, Any],
                   dossier_ids: Sequence[uuid.UUID]) -> None:
    """Append one audit row for a listing of ``dossier_ids`` (its ``dossier_id`` None), linked
    to each of them (``audit_listed``)."""
    seq = append(session, [{**row, "dossier_id": None}])
    if dossier_ids:
        session.execute(insert(_LISTED), [{"seq": seq, "dossier_id": dossier_id}
                                          for dossier_id in dict.fromkeys(dossier_ids)])


def _about(dossier_id: uuid.UUID) -> Any:
    """The audit rows about a dossier: its own and the listings it appeared in."""
    a = AuditEntry
    return or_(a.dossier_id == dossier_id,
               a.seq.in_(select(_LISTED.c.seq).where(_LISTED.c.dossier_id == dossier_id)))


# --------------------------------------------------------------------------- verification

def _rows(session: Session) -> Iterator[ChainRow]:
    a = AuditEntry
    stmt = (select(a.id, a.seq, a.at, a.agent_login, a.action, a.dossier_id, a.detail,
                   a.prev_hash, a.row_hash)
            .order_by(a.seq, a.id).execution_options(yield_per=1000))
    result = session.execute(stmt)
    try:
        for r in result:
            yield ChainRow(r.id, r.seq, r.at, r.agent_login, r.action, r.dossier_id,
                       r.detail or "", r.prev_hash, r.row_hash)
    finally:
        result.close()  # a server-side cursor on PostgreSQL, left early on a bad row


def stored_head(session: Session) -> Head | None:
    """What ``audit_chain_head`` says (None when its row is gone)."""
    row = session.execute(select(_HEAD.c.rows, _HEAD.c.head_hash, AuditChainHead.at)
                          .where(_HEAD.c.id == 1)).first()
    if row is None:
        return None
    return Head(int(row.rows), str(row.head_hash), row.at)


def verify(engine: Engine, expect: Head | None = None) -> Verdict:
    """Check the whole chain, then against ``audit_chain_head`` and the exported ``expect``."""
    with Session(engine) as session:
        return verify_rows(_rows(session), stored_head(session), expect)


def current_head(engine: Engine) -> Head:
    """The chain's head as the head record keeps it (what ``admin audit head`` exports)."""
    with Session(engine) as session:
        stored = stored_head(session)
        if stored is None:
            count = session.scalar(select(func.count()).select_from(_AUDIT)) or 0
            return Head(int(count), GENESIS, None)
        return stored


# --------------------------------------------------------------------------- reading

def entries(session: Session, *, dossier_id: uuid.UUID | None = None, agent: str | None = None,
            action: str | None = None, since: datetime | None = None,
            until: datetime | None = None, newest_first: bool = False,
            before_seq: int | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    """Audit rows matching every filter given (``agent`` exact login, ``action`` exact or a
    prefix ending in ``*``, ``since`` ≤ at < ``until``), in chain order or newest first;
    ``before_seq`` pages back from a row when newest first."""
    a = AuditEntry
    stmt = select(a)
    if dossier_id is not None:
        stmt = stmt.where(_about(dossier_id))
    if agent:
        stmt = stmt.where(a.agent_login == agent)
    if action:
        if action.endswith("*"):
            prefix = action[:-1].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(a.action.like(prefix + "%", escape="\\"))
        else:
            stmt = stmt.where(a.action == action)
    if since is not None:
        stmt = stmt.where(a.at >= since)
    if until is not None:
        stmt = stmt.where(a.at < until)
    if before_seq is not None:
        stmt = stmt.where(a.seq < before_seq)
    stmt = stmt.order_by(a.seq.desc() if newest_first else a.seq).limit(limit)
    return [entry_json(e) for e in session.scalars(stmt)]


def entry_json(e: AuditEntry) -> dict[str, Any]:
    """One audit row as the API gives it."""
    return {"id": e.id, "seq": e.seq, "at": e.at.isoformat(), "agent": e.agent_login,
            "action": e.action, "dossier_id": str(e.dossier_id) if e.dossier_id else None,
            "detail": e.detail, "row_hash": e.row_hash}


def dossier_accesses(session: Session, dossier_id: uuid.UUID,
                     limit: int = 1000) -> list[dict[str, Any]]:
    """Who read or changed one dossier, when, oldest first (for « Relevé de vos données »)."""
    a = AuditEntry
    stmt = (select(a.at, a.agent_login, a.action, a.detail, Agent.organisme, Agent.role)
            .outerjoin(Agent, Agent.login == a.agent_login)
            .where(_about(dossier_id)).order_by(a.seq).limit(limit))
    return [{"at": r.at.isoformat(), "agent": r.agent_login, "organisme": r.organisme,
             "role": r.role, "action": r.action, "detail": r.detail}
            for r in session.execute(stmt)]
