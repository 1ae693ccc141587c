"""The sync ledger of this workstation: what is not simply in sync with the central store, and
what the partners did.

- conflicts: a dossier changed differently here and on the store keeps both versions and their
  common base until a person chooses (recorded by a round, read and closed by a merge);
- quarantine: the revisions the store refused, with its reason (recorded by a round, cleared when
  the store accepts a newer revision, listed for the agent);
- partner updates: the partners' follow-ups of orientations a pull brought, and every follow-up
  held here;
- states: each dossier's sync state as shown to the agent, the counts of what is not in sync,
  when the store confirmed each orientation.

The round (app.sync.client) records into the ledger inside its own transactions (the functions
that take a ``Session``); the window and the command line read it through the functions that take
the :class:`~app.models.database.Store`, which hand back plain values, never ORM entities.

Sync columns of ``dossiers`` are written with Core statements: the ORM maps ``revision`` as the
version counter, and a sync bookkeeping change is not a new revision of the dossier.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, distinct, func, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.forms import codes
from app.models.database import Store
from app.models.entities import (
    Dossier,
    Orientation,
    Outbox,
    SyncBase,
    SyncConflict,
    SyncQuarantine,
)
from app.models.listing import DossierRow, ListFilters, count_dossiers, list_dossiers
from app.models.orientation_state import dossier_orientation_states
from app.models.repository import find_dossier, remove_local_dossiers, to_export, unsynced_dossiers
from app.models.rows import shown_sync_states
from app.sync.merge import FieldDifference, merge3

DOSSIERS = cast(Table, Dossier.__table__)
OUTBOX = cast(Table, Outbox.__table__)
BASES = cast(Table, SyncBase.__table__)
QUARANTINE = cast(Table, SyncQuarantine.__table__)

PARTNER_STATUSES = frozenset(codes.PARTNER_STATUSES)
FOLLOW_UPS_LIMIT = 500  # the partner follow-ups listed at most


def payload_dict(text: str | None) -> dict[str, Any] | None:
    """A stored JSON version of a dossier as a dict (None stays None)."""
    return None if text is None else dict(json.loads(text))


def set_state(session: Session, dossier_id: str, state: str) -> None:
    """Write a dossier's sync state (``local``, ``sending``, ``synced``, ``conflict``,
    ``quarantined``)."""
    session.execute(update(DOSSIERS).where(DOSSIERS.c.id == dossier_id)
                    .values(sync_state=state))


# --------------------------------------------------------------------------- conflicts


def differences(local: Mapping[str, Any], server: Mapping[str, Any],
                base: Mapping[str, Any] | None = None) -> list[FieldDifference]:
    """The fields a person has to choose between for two versions of one dossier and their
    common ``base`` (None: unknown, every differing field is then a conflict)."""
    return merge3(base, local, server).conflicts


@dataclass(frozen=True)
class ConflictVersions:
    """An open conflict's three versions: the store's version the local change started from
    (None when unknown), the dossier as it is now on this workstation, the store's."""

    base: dict[str, Any] | None
    local: dict[str, Any]
    server: dict[str, Any]


@dataclass(frozen=True)
class StoredConflict:
    """An open conflict as the ledger keeps it: the dossier's number, the base (None when
    unknown), the dossier as it is now here, the store's version (None when unknown)."""

    number: str
    base: dict[str, Any] | None
    local: dict[str, Any]
    server: dict[str, Any] | None


def record_conflict(session: Session, dossier_id: str, local_payload: str,
                    server_payload: str | None, base_payload: str | None,
                    now: datetime) -> bool:
    """Keep both versions and their base (one open conflict per dossier, the newest of each
    side) and mark the dossier in conflict; True when the conflict is new."""
    existing = session.scalars(select(SyncConflict).where(
        SyncConflict.dossier_id == dossier_id, SyncConflict.resolved_at.is_(None))).first()
    if existing is None:
        session.add(SyncConflict(dossier_id=dossier_id, local_payload=local_payload,
                                 server_payload=server_payload, base_payload=base_payload,
                                 detected_at=now))
    else:
        existing.local_payload = local_payload
        existing.base_payload = base_payload
        if server_payload is not None:
            existing.server_payload = server_payload
    set_state(session, dossier_id, "conflict")
    return existing is None


def close_conflicts(session: Session, dossier_id: str, now: datetime) -> None:
    """The dossier's open conflict is resolved (merged by itself or by a person)."""
    session.execute(update(SyncConflict).where(
        SyncConflict.dossier_id == dossier_id, SyncConflict.resolved_at.is_(None))
        .values(resolved_at=now))


def stored_conflict(store: Store, dossier_id: str) -> StoredConflict | None:
    """The dossier's open conflict (its newest), or None; the local version is the dossier as
    it is now on this workstation."""
    with store.session() as session:
        conflict = session.scalars(select(SyncConflict).where(
            SyncConflict.dossier_id == dossier_id, SyncConflict.resolved_at.is_(None))
            .order_by(SyncConflict.id.desc())).first()
        dossier = find_dossier(session, dossier_id)
        if conflict is None or dossier is None:
            return None
        return StoredConflict(dossier.number, payload_dict(conflict.base_payload),
                              to_export(dossier), payload_dict(conflict.server_payload))


# --------------------------------------------------------------------------- quarantine


@dataclass(frozen=True)
class Refusal:
    """An open quarantine entry: a revision of a dossier the store refused, and why."""

    dossier_id: str
    revision: int
    reason: str
    at: datetime


@dataclass(frozen=True)
class QuarantinedDossier:
    """A dossier with an open refusal: its newest one, and whether a newer local revision
    (a correction) waits for the next round."""

    dossier_id: str
    number: str
    name: str
    questionnaire: str
    revision: int
    at: datetime
    reason: str
    corrected: bool


def record_refusal(session: Session, dossier_id: str, revision: int, reason: str,
                   now: datetime) -> None:
    """Quarantine ``revision`` of a dossier with the store's reason (it is not sent again as
    it is)."""
    session.add(SyncQuarantine(dossier_id=dossier_id, revision=revision, reason=reason, at=now))


def clear_refusals(session: Session, dossier_id: str, revision: int, now: datetime) -> None:
    """The store holds ``revision`` of the dossier: its refusals up to it are cleared."""
    session.execute(update(SyncQuarantine).where(
        SyncQuarantine.dossier_id == dossier_id, SyncQuarantine.cleared_at.is_(None),
        SyncQuarantine.revision <= revision).values(cleared_at=now))


def clear_refusals_many(session: Session, held: Sequence[tuple[str, int]],
                        now: datetime) -> None:
    """:func:`clear_refusals` for many (dossier id, revision) at once, in one statement."""
    if not held:
        return
    session.execute(update(QUARANTINE).where(
        QUARANTINE.c.dossier_id == bindparam("d"), QUARANTINE.c.cleared_at.is_(None),
        QUARANTINE.c.revision <= bindparam("r")).values(cleared_at=bindparam("t")),
        [{"d": d, "r": r, "t": now} for d, r in held])


def refused_revisions(session: Session) -> dict[str, int]:
    """The newest refused revision of each dossier with an open refusal."""
    return {dossier_id: revision for dossier_id, revision in session.execute(
        select(SyncQuarantine.dossier_id, func.max(SyncQuarantine.revision))
        .where(SyncQuarantine.cleared_at.is_(None))
        .group_by(SyncQuarantine.dossier_id))}


def open_refusals(store: Store) -> list[Refusal]:
    """Open quarantine entries, oldest first."""
    with store.session() as session:
        return [Refusal(row.dossier_id, row.revision, row.reason, row.at)
                for row in session.execute(
                    select(QUARANTINE.c.dossier_id, QUARANTINE.c.revision, QUARANTINE.c.reason,
                           QUARANTINE.c.at)
                    .where(QUARANTINE.c.cleared_at.is_(None)).order_by(QUARANTINE.c.id))]


def quarantined_dossiers(store: Store) -> list[QuarantinedDossier]:
    """One entry per dossier with an open refusal (its newest), oldest refusal first."""
    with store.session() as session:
        newest = (select(SyncQuarantine.dossier_id, func.max(SyncQuarantine.id).label("last"))
                  .where(SyncQuarantine.cleared_at.is_(None))
                  .group_by(SyncQuarantine.dossier_id).subquery())
        rows = session.execute(
            select(SyncQuarantine, Dossier.number, Dossier.nom, Dossier.prenom,
                   Dossier.questionnaire)
            .join(newest, newest.c.last == SyncQuarantine.id)
            .join(Dossier, Dossier.id == SyncQuarantine.dossier_id, isouter=True)
            .order_by(SyncQuarantine.id)).all()
        ids = [entry.dossier_id for entry, *_ in rows]
        unsent: dict[str, int] = {i: r for i, r in session.execute(
            select(Outbox.dossier_id, func.max(Outbox.revision))
            .where(Outbox.dossier_id.in_(ids), Outbox.sent_at.is_(None))
            .group_by(Outbox.dossier_id))} if ids else {}
        return [QuarantinedDossier(
            entry.dossier_id, number or "", f"{nom or ''} {prenom or ''}".strip(),
            questionnaire or "", entry.revision, entry.at, entry.reason,
            unsent.get(entry.dossier_id, 0) > entry.revision)
            for entry, number, nom, prenom, questionnaire in rows]


# --------------------------------------------------------------------------- partner updates


@dataclass(frozen=True)
class PartnerUpdate:
    """A partner's follow-up of one orientation, pulled and applied in a round: the new
    status, outcome and note (None when absent) of ``organisme``'s orientation."""

    dossier_id: str
    number: str
    name: str
    organisme: str
    status: str
    outcome: str | None
    note: str | None
    updated_at: str | None


FollowUp = tuple[str, str | None, str | None]  # status, outcome, note


def follow_ups(session: Session, dossier_id: str) -> dict[str, FollowUp]:
    """The local follow-up of each orientation of a dossier, by organisme."""
    rows = session.execute(
        select(Orientation.organisme, Orientation.status, Orientation.outcome, Orientation.note)
        .join(Dossier, Dossier.pk == Orientation.dossier_pk).where(Dossier.id == dossier_id))
    return {organisme: (status, outcome, note or None)
            for organisme, status, outcome, note in rows}


def partner_updates(dossier_id: str, before: Mapping[str, FollowUp],
                    change: Mapping[str, Any]) -> list[PartnerUpdate]:
    """The orientations of a pulled version whose partner follow-up (a partner's status, its
    outcome or its note) differs from the local one in ``before``."""
    identity = change.get("identity") or {}
    name = " ".join(str(p) for p in (identity.get("nom"), identity.get("prenom")) if p)
    out = []
    for o in change.get("orientations") or []:
        if not isinstance(o, dict):
            continue
        status, outcome, note = o.get("status"), o.get("outcome"), o.get("note") or None
        if status not in PARTNER_STATUSES and note is None:
            continue
        if before.get(str(o.get("organisme"))) == (status, outcome, note):
            continue
        out.append(PartnerUpdate(dossier_id, str(change.get("number", "")), name,
                                 str(o.get("organisme")), str(status), outcome, note,
                                 o.get("updated_at")))
    return out


def partner_follow_ups(store: Store, limit: int = FOLLOW_UPS_LIMIT) -> list[PartnerUpdate]:
    """The orientations a partner has taken up (received, in progress, contact made, closed) or
    left a note on, newest first."""
    with store.session() as session:
        rows = session.execute(
            select(Dossier.id, Dossier.number, Dossier.nom, Dossier.prenom,
                   Orientation.organisme, Orientation.status, Orientation.outcome,
                   Orientation.note, Orientation.updated_at)
            .join(Orientation, Orientation.dossier_pk == Dossier.pk)
            .where(or_(Orientation.status.in_(sorted(PARTNER_STATUSES)),
                       Orientation.note.is_not(None) & (Orientation.note != "")))
            .order_by(Orientation.updated_at.desc(), Dossier.number)
            .limit(limit)).all()
    return [PartnerUpdate(i, number, f"{nom} {prenom}".strip(), organisme, status, outcome,
                          note or None, updated.isoformat() if updated else None)
            for i, number, nom, prenom, organisme, status, outcome, note, updated in rows]


# --------------------------------------------------------------------------- states and counts


def sync_states(session: Session, dossier_ids: Iterable[str]) -> dict[str, str]:
    """The shown sync state of each dossier: a ``synced`` dossier changed since is ``local``,
    and so is a quarantined one changed since the refusal (the next round retries it).

    One lookup per dossier asked, whatever the number of dossiers or of unsent rows: each
    dossier's newest unsent revision comes from ``ix_outbox_unsent_dossier_id`` (the unsent
    rows only, by dossier), a correlated lookup the planner serves from that index. (Asked as
    ``dossier_id IN (…) AND sent_at IS NULL``, SQLite walked ``ix_outbox_sent_at``: every
    unsent row, 150 ms a page with 15 000 waiting.)
    """
    ids: Sequence[str] = list(dossier_ids)
    if not ids:
        return {}
    newest_unsent = (select(func.max(OUTBOX.c.revision))
                     .where(OUTBOX.c.dossier_id == DOSSIERS.c.id, OUTBOX.c.sent_at.is_(None))
                     .scalar_subquery())
    rows = session.execute(select(DOSSIERS.c.id, DOSSIERS.c.sync_state, newest_unsent)
                           .where(DOSSIERS.c.id.in_(ids))).all()

    def refused_revisions(refused: Sequence[str]) -> dict[str, int]:
        return {i: r for i, r in session.execute(
            select(SyncQuarantine.dossier_id, func.max(SyncQuarantine.revision))
            .where(SyncQuarantine.dossier_id.in_(refused), SyncQuarantine.cleared_at.is_(None))
            .group_by(SyncQuarantine.dossier_id))}

    return shown_sync_states(((i, s, r) for i, s, r in rows), refused_revisions)


def state_of(store: Store, dossier_id: str) -> str | None:
    """The dossier's shown sync state (see :func:`sync_states`); None for an unknown one."""
    with store.session() as session:
        return sync_states(session, [dossier_id]).get(dossier_id)


def pending_count(store: Store) -> int:
    """Dossiers not in sync: unsent changes, open conflicts, quarantined records."""
    with store.session() as session:
        unsent = select(OUTBOX.c.dossier_id).where(OUTBOX.c.sent_at.is_(None))
        blocked = select(DOSSIERS.c.id).where(
            DOSSIERS.c.sync_state.in_(("conflict", "quarantined")))
        union = unsent.union(blocked).subquery()
        return int(session.execute(select(func.count()).select_from(union)).scalar_one())


def unsent_count(store: Store) -> int:
    """Dossiers with local changes the store has not confirmed yet."""
    with store.session() as session:
        return int(session.scalar(select(func.count(distinct(Outbox.dossier_id)))
                                  .where(Outbox.sent_at.is_(None))) or 0)


def unsynced_count(store: Store) -> int:
    """Dossiers holding something the store does not have yet: a change (or an erasure
    request) not sent, an open conflict, a revision in quarantine."""
    with store.session() as session:
        return unsynced_dossiers(session)


def remove_synced_dossiers(store: Store) -> int:
    """Remove every dossier from this workstation once all are on the central store (log-out
    of a shared workstation): how many. UnsyncedDossiersError (app.models.repository), with
    nothing removed, when any is not yet synced."""
    with store.transaction() as session:
        return remove_local_dossiers(session)


def transmissions(store: Store, dossier_id: str) -> dict[str, datetime]:
    """When the central store confirmed each orientation of the dossier, by organisme."""
    with store.session() as session:
        return {s.organisme: s.transmitted_at
                for s in dossier_orientation_states(session, dossier_id)
                if s.transmitted_at is not None}


# --------------------------------------------------------------------------- the dossier list


@dataclass(frozen=True)
class ListPage:
    """A page of the dossier list and the shown sync state of its rows, read together."""

    rows: list[DossierRow]
    sync: dict[str, str]


def list_page(store: Store, filters: ListFilters, *, limit: int, offset: int = 0) -> ListPage:
    """A page of the dossiers matching ``filters`` (app.models.listing) with their sync
    states, from one read of the store."""
    with store.session() as session:
        rows = list_dossiers(session, limit=limit, offset=offset, **filters.as_kwargs())
        return ListPage(rows, sync_states(session, [r.id for r in rows]))


def list_count(store: Store, filters: ListFilters) -> int:
    """How many dossiers match ``filters``."""
    with store.session() as session:
        return count_dossiers(session, **filters.as_kwargs())


def set_bases(session: Session, bases: Sequence[tuple[str, int, str]]) -> None:
    """Remember (dossier id, revision, JSON payload) as the store's version of each dossier:
    the base of the next three-way merge."""
    if not bases:
        return
    statement = sqlite_insert(BASES)
    statement = statement.on_conflict_do_update(
        index_elements=[BASES.c.dossier_id],
        set_={"revision": statement.excluded.revision, "payload": statement.excluded.payload})
    session.execute(statement, [{"dossier_id": d, "revision": r, "payload": p}
                                for d, r, p in bases])
