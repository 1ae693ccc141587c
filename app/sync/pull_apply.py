"""A pulled page applied in bulk (issue 18).

Applied one at a time, a page of partner follow-ups cost about fifteen statements and a
savepoint per dossier. Here a page is applied as follows:

1. its local state is read with a fixed number of queries (chunked ``IN`` lists): each pulled
   dossier's local revision, the store's revision it holds, whether it has unsent changes,
   whether it was erased here, who holds each pulled number, the follow-ups held here;
2. every change that needs no merge and no decision — a valid version of a dossier this
   workstation did not change since (or does not hold), whose number is its own — is
   *plain*: the plain changes are written together by the import path
   (:func:`app.models.repository.import_records`: dossiers, answers, consents, orientations,
   printed documents, appointments, the search index through its triggers, one audit row
   each), then their bases, sync columns and transmissions, one statement per table;
3. every other change (a tombstone, a stub of our own version, a dossier with unsent local
   changes — merged or kept in conflict —, an invalid version — quarantined —, a number held
   by another dossier here) goes through the item-by-item path of the client
   (``SyncClient._apply_one``, passed in), with its own savepoint, in page order: the plain changes
   before it are written first, so the page is applied in its order.

When a bulk write fails, it is rolled back (its own savepoint) and its changes go one by one
through the item-by-item path: a bad item never loses the others, and the item-by-item path
says what is wrong with it.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.db.batches import chunks as _chunks
from app.forms.evaluation import SituationError
from app.forms.questionnaire import load_questionnaire
from app.forms.records import check_record
from app.models.entities import Dossier, Erasure, Orientation, Outbox
from app.models.errors import StoreError
from app.models.orientation_state import mark_transmitted
from app.models.repository import import_records
from app.sync.ledger import FollowUp, PartnerUpdate, partner_updates, set_bases
from app.sync.summary import RoundSummary

# The client's path for one change: (session, change, known revisions, now, summary).
ApplyOne = Callable[[Session, Any, Mapping[str, int], datetime, RoundSummary], None]

log = logging.getLogger(__name__)
# json.dumps(value, ensure_ascii=False), the encoder built once
_json = json.JSONEncoder(ensure_ascii=False).encode

DOSSIERS = cast(Table, Dossier.__table__)
OUTBOX = cast(Table, Outbox.__table__)
ORIENTATIONS = cast(Table, Orientation.__table__)
ERASURES = cast(Table, Erasure.__table__)


@dataclass(frozen=True)
class Local:
    """A pulled dossier as this workstation holds it."""

    pk: int
    revision: int
    server_revision: int | None
    unsent: bool


@dataclass
class PageState:
    """The local state a page's changes are decided on, read in a few queries."""

    local: dict[str, Local] = field(default_factory=dict)
    erased: set[str] = field(default_factory=set)
    unsent_elsewhere: set[str] = field(default_factory=set)  # unsent rows, no dossier row
    holders: dict[str, str] = field(default_factory=dict)  # number -> dossier id here

    def known(self) -> dict[str, int]:
        """The store revision held of each pulled dossier (for ``_already_known``)."""
        return {i: row.server_revision for i, row in self.local.items()
                if row.server_revision is not None}


@dataclass(frozen=True)
class Plain:
    """A change to write in bulk: the dossier's id, revision, the change, its local row."""

    dossier_id: str
    revision: int
    change: dict[str, Any]
    local: Local | None

    @property
    def imported(self) -> bool:
        """The version is newer than the local one (or the dossier is new here)."""
        return self.local is None or self.revision > self.local.revision


def _dossier_id(change: Any) -> str | None:
    if not isinstance(change, dict) or "id" not in change:
        return None
    return str(change.get("id")).lower()


def read_state(session: Session, changes: Sequence[Any]) -> PageState:
    """The local state of the dossiers a page names."""
    ids = sorted({i for i in map(_dossier_id, changes) if i is not None})
    numbers = sorted({str(c["number"]).upper() for c in changes
                      if isinstance(c, dict) and isinstance(c.get("number"), str)})
    state = PageState()
    unsent = (select(OUTBOX.c.id).where(OUTBOX.c.dossier_id == DOSSIERS.c.id,
                                        OUTBOX.c.sent_at.is_(None))
              .limit(1).scalar_subquery())
    for chunk in _chunks(ids):
        for row in session.execute(
                select(DOSSIERS.c.id, DOSSIERS.c.pk, DOSSIERS.c.revision,
                       DOSSIERS.c.server_revision, unsent.label("unsent"))
                .where(DOSSIERS.c.id.in_(chunk))):
            state.local[row.id] = Local(row.pk, row.revision, row.server_revision,
                                        row.unsent is not None)
        state.erased.update(session.scalars(
            select(ERASURES.c.dossier_id).where(ERASURES.c.dossier_id.in_(chunk))))
    missing = [i for i in ids if i not in state.local]
    for chunk in _chunks(missing):
        # sent_at filtered here: SQLite would walk the sent_at index (every unsent row)
        state.unsent_elsewhere.update(
            d for d, sent_at in session.execute(
                select(OUTBOX.c.dossier_id, OUTBOX.c.sent_at)
                .where(OUTBOX.c.dossier_id.in_(chunk))) if sent_at is None)
    for chunk in _chunks(numbers):
        state.holders.update((number, holder) for number, holder in session.execute(
            select(DOSSIERS.c.number, DOSSIERS.c.id).where(DOSSIERS.c.number.in_(chunk))))
    return state


def plain_change(change: Any, state: PageState, now: datetime,
                 once: Mapping[str, int], numbers: Mapping[str, int]) -> Plain | None:
    """The change as a :class:`Plain` one when it needs nothing but writing; None when the
    item-by-item path must decide (or would do nothing with it)."""
    dossier_id = _dossier_id(change)
    if dossier_id is None or once.get(dossier_id) != 1:
        return None
    assert isinstance(change, dict)
    if change.get("erased") is True or change.get("own") or dossier_id in state.erased \
            or dossier_id in state.unsent_elsewhere:
        return None
    revision = change.get("revision")
    number = change.get("number")
    if not isinstance(revision, int) or isinstance(revision, bool) \
            or not isinstance(number, str):
        return None
    local = state.local.get(dossier_id)
    if local is not None and (local.unsent or local.revision > revision
                              or (local.server_revision is not None
                                  and revision <= local.server_revision)):
        return None  # to merge, or already known: the item-by-item path
    number = number.upper()
    if numbers.get(number) != 1 or state.holders.get(number, dossier_id) != dossier_id:
        return None  # a number held by another dossier: renumbered or quarantined there
    try:  # the store's own check: a version the store accepted applies here too
        check_record(change, load_questionnaire, today=now.date())
    except SituationError:
        return None  # quarantined, with the reason, by the item-by-item path
    return Plain(dossier_id, revision, change, local)


def _follow_ups(session: Session, pks: Sequence[int]) -> dict[int, dict[str, FollowUp]]:
    """The local follow-up of each orientation of these dossiers (by pk), by organisme: read
    from the driver's cursor as plain tuples (the texts need no conversion)."""
    out: dict[int, dict[str, FollowUp]] = {pk: {} for pk in pks}
    connection = session.connection()
    for chunk in _chunks(list(pks)):
        result = connection.exec_driver_sql(
            "SELECT dossier_pk, organisme, status, outcome, note FROM orientations "
            f"WHERE dossier_pk IN ({', '.join('?' * len(chunk))})", tuple(chunk))
        try:
            for pk, organisme, status, outcome, note in result.cursor.fetchall():
                out[pk][organisme] = (status, outcome, note or None)
        finally:
            result.close()
    return out


def write_plain(session: Session, plain: Sequence[Plain], now: datetime) -> list[PartnerUpdate]:
    """Write the plain changes (what the item-by-item path does for each, one statement per
    table for all); the partners' follow-ups they bring. Raises what the import raises."""

    imported = [p for p in plain if p.imported]
    before = _follow_ups(session, [p.local.pk for p in imported if p.local is not None])
    updates: list[PartnerUpdate] = []
    for p in imported:
        if p.local is not None:
            updates += partner_updates(p.dossier_id, before[p.local.pk], p.change)
    if imported:
        import_records(session, [p.change for p in imported], write_outbox=False, now=now)
    set_bases(session, [(p.dossier_id, p.revision, _json(p.change)) for p in plain])
    session.connection().exec_driver_sql(  # plain values: bound as they are
        "UPDATE dossiers SET server_revision = ?, sync_state = 'synced' WHERE id = ?",
        [(p.revision, p.dossier_id) for p in plain])
    mark_transmitted(session, [(p.dossier_id, p.change) for p in plain], now)
    return updates


def apply_page(session: Session, changes: Sequence[Any], now: datetime, summary: RoundSummary,
               apply_one: ApplyOne) -> None:
    """Apply a pulled page: plain changes in bulk, the others item by item (``apply_one``: the
    client's path for one change, with its savepoint), in page order."""
    state = read_state(session, changes)
    known = state.known()
    once = Counter(i for i in map(_dossier_id, changes) if i is not None)
    numbers = Counter(str(c["number"]).upper() for c in changes
                      if isinstance(c, dict) and isinstance(c.get("number"), str))
    plan = [plain_change(c, state, now, once, numbers) for c in changes]
    run: list[tuple[Any, Plain]] = []
    for index, change in enumerate(changes):
        item = plan[index]
        if item is not None:
            run.append((change, item))
            continue
        _flush(apply_one, session, run, known, now, summary)
        run = []
        renumbered = len(summary.renumbered)
        apply_one(session, change, known, now, summary)
        if len(summary.renumbered) > renumbered:
            # a local dossier took a new number (and a new revision): decide the rest anew
            rest = changes[index + 1:]
            state = read_state(session, rest)
            known = state.known()
            plan[index + 1:] = [plain_change(c, state, now, once, numbers) for c in rest]
    _flush(apply_one, session, run, known, now, summary)


def _flush(apply_one: ApplyOne, session: Session, run: Sequence[tuple[Any, Plain]],
           known: Mapping[str, int], now: datetime, summary: RoundSummary) -> None:
    """Write a run of plain changes in bulk; item by item when the bulk write fails."""
    if not run:
        return
    try:
        with session.begin_nested():
            updates = write_plain(session, [p for _, p in run], now)
    except (ValueError, KeyError, TypeError, StoreError, SQLAlchemyError) as exc:
        log.info("bulk apply of %d pulled changes failed (%s); applying them one by one",
                 len(run), exc)
        for change, _ in run:
            apply_one(session, change, known, now, summary)
        return
    summary.applied += sum(p.imported for _, p in run)
    summary.partner_updates += updates
    summary.pulled += len(run)
