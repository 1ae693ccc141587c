"""Audit logs as hash chains (issue 13): the hashing, and the checks shared by the central
store's log (app.server.audit) and the workstation's own history (``audit_log`` of the local
store, chained here too).

Every row carries its place in the chain (``seq``: 1, 2, 3… with no gap), the hash of the row
before it (``prev_hash``; 64 zeros for the first) and its own hash (``row_hash``)::

    row_hash = SHA-256( JSON [seq, at, agent, action, dossier_id, detail, prev_hash] )

with ``at`` in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffff`` (the precision both SQLite and PostgreSQL
keep), ``dossier_id`` as the dashed lowercase UUID or null, compact JSON in UTF-8
(:func:`row_hash`). Changing, removing or slipping in one row breaks the links after it; a
one-row ``audit_chain_head`` (row count, last hash), written with every append, tells a table
emptied or cut short; an exported head kept elsewhere tells a chain rewritten as a whole.

Plain SHA-256, no key: anyone can check a chain without a secret. Someone with write access to
the database can recompute a forged chain — which the exported head, kept out of their reach,
shows.

This module is pure (no database): the central store (app.server.audit) and the workstation
(app.models.audit_chain) each read their rows and hand them here.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

GENESIS = "0" * 64
# A row dated earlier than the row before it by more than this was slipped in afterwards: rows
# are chained in the order their transactions take the head lock, and a request takes its time
# (``now``) before that, so honest neighbours may be a few seconds out of order, never minutes.
CLOCK_SKEW = timedelta(minutes=5)


def _dossier_text(dossier_id: uuid.UUID | str) -> str:
    try:
        return str(uuid.UUID(str(dossier_id)))
    except ValueError:
        return str(dossier_id)


def _at_text(at: datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(sep="T", timespec="microseconds")


def row_hash(seq: int, at: datetime, agent_login: str, action: str,
             dossier_id: uuid.UUID | str | None, detail: str, prev_hash: str) -> str:
    """SHA-256 (hex) of one row's canonical serialisation (see the module's docstring).

    ``dossier_id`` goes in as the dashed lowercase UUID when it is one, else as given."""
    dossier = None if dossier_id is None else _dossier_text(dossier_id)
    text = json.dumps([seq, _at_text(at), agent_login, action, dossier, detail, prev_hash],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Head:
    """The chain's head: how many rows, the last one's hash, and its time (None when empty)."""

    rows: int
    head: str
    at: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "head": self.head,
                "at": self.at.isoformat() if self.at is not None else None}

    @classmethod
    def from_json(cls, data: Any) -> Head:
        """ValueError naming what is wrong in an exported head."""
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object with rows, head and at")
        rows, head, at = data.get("rows"), data.get("head"), data.get("at")
        if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0:
            raise ValueError(f"rows: {rows!r} is not allowed; expected a count")
        if not isinstance(head, str) or len(head) != 64 \
                or any(c not in "0123456789abcdef" for c in head):
            raise ValueError(f"head: {head!r} is not allowed; expected 64 hex digits")
        when: datetime | None = None
        if at is not None:
            try:
                when = datetime.fromisoformat(str(at))
            except ValueError:
                raise ValueError(f"at: {at!r} is not allowed; expected an ISO time") from None
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
        return cls(rows, head, when)


@dataclass(frozen=True)
class Verdict:
    """The outcome of a verification: ``problem`` is None when the chain is intact."""

    rows: int
    head: str
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def message(self) -> str:
        if self.problem is None:
            return f"audit: {self.rows} rows, chain intact, head {self.head}"
        return f"audit: {self.problem}"


@dataclass(frozen=True)
class ChainRow:
    id: int
    seq: int
    at: datetime
    agent_login: str
    action: str
    dossier_id: uuid.UUID | str | None
    detail: str
    prev_hash: str
    row_hash: str

    def computed(self) -> str:
        return row_hash(self.seq, self.at, self.agent_login, self.action, self.dossier_id,
                        self.detail, self.prev_hash)

    def name(self) -> str:
        return f"row {self.seq}" + (f" (id {self.id})" if self.id != self.seq else "")


def _pairs(rows: Iterator[ChainRow]) -> Iterator[tuple[ChainRow, ChainRow | None]]:
    current = next(rows, None)
    while current is not None:
        following = next(rows, None)
        yield current, following
        current = following


def check_chain(rows: Iterator[ChainRow], stored: Head | None, expect: Head | None,
           anchored: set[int]) -> tuple[int, str, dict[int, str], str | None]:
    anchors: dict[int, str] = {}
    expected, prev = 1, GENESIS
    last: ChainRow | None = None
    count = 0
    for row, following in _pairs(rows):
        count += 1
        if row.seq < expected:
            return count, prev, anchors, (
                f"{row.name()} inserted (a second row numbered {row.seq})")
        if row.seq > expected:
            before = f"row {expected - 1}" if expected > 1 else "the start"
            gap = (f"row {expected}" if row.seq == expected + 1
                   else f"rows {expected} to {row.seq - 1}")
            return count, prev, anchors, (
                f"{gap} deleted (the chain goes from {before} to row {row.seq})")
        consistent = row.computed() == row.row_hash
        links = row.prev_hash == prev
        if not links and last is not None and consistent:
            # this row is whole, but the one before it no longer is what this row chained to
            return count, prev, anchors, (
                f"{last.name()} changed (row {row.seq} no longer links to it: its hash was "
                "recomputed)")
        if not consistent or not links:
            if following is not None and following.prev_hash == prev:
                return count, prev, anchors, f"{row.name()} inserted (not in the chain)"
            if following is None and stored is not None and stored.rows < row.seq:
                return count, prev, anchors, (
                    f"{row.name()} inserted after the head (the head record says "
                    f"{stored.rows} rows)")
            if links:
                return count, prev, anchors, f"{row.name()} changed (hash mismatch)"
            return count, prev, anchors, (
                f"{row.name()} changed (hash mismatch; it does not link to row "
                f"{row.seq - 1})")
        if last is not None and row.at < last.at - CLOCK_SKEW:
            return count, prev, anchors, (
                f"{row.name()} inserted (dated {row.at.isoformat()}, before row {last.seq} "
                f"at {last.at.isoformat()})")
        if expect is not None and expect.at is not None and row.seq > expect.rows \
                and row.at < expect.at - CLOCK_SKEW:
            return count, prev, anchors, (
                f"{row.name()} inserted (dated {row.at.isoformat()}, before the exported head "
                f"of {expect.at.isoformat()})")
        if row.seq in anchored:
            anchors[row.seq] = row.row_hash
        last, prev, expected = row, row.row_hash, expected + 1
    return count, prev, anchors, None


def compare_head(head: Head, rows: int, last_hash: str, anchors: dict[int, str],
             what: str) -> str | None:
    if rows == 0 and head.rows > 0:
        return f"table truncated: 0 rows, {what} says {head.rows}"
    if rows < head.rows:
        return (f"rows {rows + 1} to {head.rows} deleted: table truncated to {rows} rows, "
                f"{what} says {head.rows}")
    if rows > head.rows and what == "the head record":
        return (f"row {head.rows + 1} inserted after the head ({what} says {head.rows} rows, "
                f"the table has {rows})")
    if head.rows == 0:
        return None if head.head == GENESIS else f"{what} is not a head of an empty chain"
    if anchors.get(head.rows) != head.head:
        return (f"row {head.rows} changed or the chain rewritten up to it (its hash differs "
                f"from {what})")
    return None


def verify_rows(rows: Iterator[ChainRow], stored: Head | None,
                expect: Head | None = None) -> Verdict:
    """Check a chain's rows (in ``seq`` order), then against its head record ``stored`` and an
    exported head ``expect``."""
    anchored = {h.rows for h in (stored, expect) if h is not None and h.rows > 0}
    try:
        count, last_hash, anchors, problem = check_chain(rows, stored, expect, anchored)
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    if problem is None:
        if stored is None:
            problem = "the head record (audit_chain_head) is missing"
        else:
            problem = compare_head(stored, count, last_hash, anchors, "the head record")
    if problem is None and expect is not None:
        problem = compare_head(expect, count, last_hash, anchors, "the exported head")
    return Verdict(count, last_hash, problem)
