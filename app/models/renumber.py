"""Renumbering a draft-numbered dossier, when its number turns out to belong to another one.

A dossier number is handed out by the workstation (``TI-SITE-WS-YEAR-SEQ``); it is only sure
once the central store has stored the dossier under it. Until then (``server_revision`` is
NULL) the number is a draft: two workstations configured alike, or a workstation restored from
a copy of its data folder, may have handed it out twice. The dossier that is still a draft then
takes a new number of this workstation's sequence, as a change of its own (new revision, audit
row ``renumber`` with the old and new number, outbox row), and goes to the store again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.forms.codes import NUMBER_RE
from app.models.base import utcnow
from app.models.entities import Dossier, NumberSequence
from app.models.repository import WorkstationRef, next_number, record_change

RENUMBER_ACTION = "renumber"
_MAX_SKIPS = 10_000  # numbers already held here, skipped before giving up


def _load(session: Session, dossier_id: str) -> Dossier | None:
    return session.scalars(
        select(Dossier)
        .where(Dossier.id == dossier_id.lower())
        .execution_options(populate_existing=True)
    ).one_or_none()


def is_draft_numbered(session: Session, dossier_id: str, origin: WorkstationRef) -> bool:
    """True when the dossier's number was never confirmed by the store (``server_revision`` is
    NULL) and it is of ``origin``'s site, so that a number of ``origin`` can replace it."""
    row = session.execute(
        select(Dossier.server_revision, Dossier.site_code).where(
            Dossier.id == dossier_id.lower()
        )
    ).first()
    return row is not None and row.server_revision is None and row.site_code == origin.site_code


def renumber_dossier(
    session: Session,
    dossier_id: str,
    origin: WorkstationRef,
    *,
    agent: str = "synchronisation",
    now: datetime | None = None,
) -> tuple[str, str]:
    """Give a draft-numbered dossier the next number of ``origin`` (same year as its old
    number), in the caller's transaction; returns (old number, new number).

    LookupError for an unknown dossier; ValueError when its number is not a draft (see
    :func:`is_draft_numbered`): a number the store confirmed never changes.
    """
    now = now or utcnow()
    dossier = _load(session, dossier_id)
    if dossier is None:
        raise LookupError(f"no dossier {dossier_id}")
    if not is_draft_numbered(session, dossier.id, origin):
        raise ValueError(
            f"number: {dossier.number} was confirmed by the central store (or is of another "
            "site); it never changes"
        )
    old = dossier.number
    match = NUMBER_RE.match(old)
    year = int(match.group("year")) if match else now.year
    for _ in range(_MAX_SKIPS):
        new = next_number(session, origin.site_code, origin.workstation_code, year)
        if session.scalar(select(Dossier.id).where(Dossier.number == new)) is None:
            break
    else:  # pragma: no cover - ten thousand numbers of this sequence already held here
        raise ValueError(f"number: no free number left after {new}")
    dossier.number = new
    dossier.workstation_code = origin.workstation_code
    record_change(
        session,
        dossier,
        action=RENUMBER_ACTION,
        agent=agent,
        now=now,
        detail={"old_number": old, "new_number": new},
    )
    return old, new


def continue_numbering(
    session: Session, site_code: str, workstation_code: str, highest: Mapping[int, int]
) -> None:
    """Move the sequences of (site, workstation) past ``highest`` (year -> the highest
    sequence number already handed out, e.g. what the central store has seen): the next
    number of each year is above it. Sequences already further on stay where they are."""
    rows = [
        {"site_code": site_code, "workstation_code": workstation_code, "year": int(year),
         "last_value": int(seq)}
        for year, seq in highest.items()
        if int(seq) > 0
    ]
    if not rows:
        return
    stmt = sqlite_insert(NumberSequence)
    stmt = stmt.on_conflict_do_update(
        index_elements=["site_code", "workstation_code", "year"],
        set_={"last_value": func.max(NumberSequence.last_value, stmt.excluded.last_value)},
    )
    session.execute(stmt, rows)
