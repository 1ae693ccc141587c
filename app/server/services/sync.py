"""Push and pull: how dossiers reach the central store and go back to their site's workstations.

Idempotency rests on the unique (dossier_id, revision) constraint of ``dossier_revisions`` and
the dossiers' primary key: a concurrent identical push fails on the constraint, its savepoint is
rolled back and the item is classified again against what the winner stored. ``POST /sync/push``
stores a whole batch with a few statements (:func:`push_batch`); when its writes meet such a
constraint, the batch's savepoint is rolled back and it goes item by item (:func:`push_dossier`).

The orientation rows a payload denormalises (with the transmission and closure times the
processing-time figures read) are written here too: :func:`set_orientation` serves the
partners' follow-up (app.server.services.partner) as well.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.batches import chunks as _chunks
from app.forms.evaluation import SituationError
from app.forms.export import parse_optional_datetime
from app.forms.questionnaire import load_questionnaire
from app.forms.records import check_record as check_valid_record
from app.forms.records import (
    counter_appointment_refusal,
    counter_orientation_refusal,
    is_valid_text,
)
from app.server import audit as audit_chain
from app.server.inbox import Evaluator, inbox_rows
from app.server.models import (
    Consent,
    Dossier,
    DossierRevision,
    Orientation,
    SyncCounter,
    Tombstone,
)
from app.server.services.appointments import (
    APPOINTMENTS,
    appointment_rows,
    clear_appointments,
    store_appointments,
)
from app.server.services.common import (
    AgentInfo,
    audit,
    canonical_json,
    content_hash,
    insert_rows,
    next_seq,
)
from app.server.services.inbox import INBOX, clear_inbox, refresh_inbox
from app.server.services.push_writes import RowWriter
from app.server.services.stats import (
    CONTACTED_STATUSES,
    all_fact_rows,
    clear_facts,
    store_facts,
)

if TYPE_CHECKING:
    pass

_NUMBER_SITE = re.compile(r"^TI-(?P<site>[A-Z]{3})-")


@dataclass
class PushResult:
    """The outcome of one pushed dossier."""

    id: str | None
    status: str  # accepted | duplicate | conflict | rejected | forbidden | erased
    revision: int | None = None
    reason: str | None = None
    field: str | None = None
    server: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The per-item result of ``POST /sync/push``."""
        out: dict[str, Any] = {"id": self.id, "status": self.status, "revision": self.revision}
        if self.reason is not None:
            out["reason"] = self.reason
            out["field"] = self.field
        if self.server is not None:
            out["server"] = self.server
        return out


def check_record(raw: Any, today: date) -> tuple[dict[str, Any], str]:
    """Validate a pushed export dict; return (payload to store, its site). SituationError else.

    app.forms.records.validate_record's refusals are the whole check (the one a workstation
    runs on what it imports or pulls): the store keeps only records every workstation can
    apply. The payload is the record as sent, its id in canonical form; the normalised copy
    validate_record would build is not needed for it, so only its checks run
    (app.forms.records.check_record: the same refusals, nothing built).
    """
    check_valid_record(raw, load_questionnaire, today=today)
    match = _NUMBER_SITE.match(raw["number"])
    assert match is not None  # the check read the number's form
    payload = dict(raw)
    payload["id"] = str(uuid.UUID(raw["id"]))  # the check read a UUID: canonical, lower case
    return payload, match.group("site")


def _orientation_times(status: str, transmitted_at: datetime | None,
                       closed_at: datetime | None, timed: bool,
                       now: datetime) -> tuple[datetime | None, datetime | None, bool]:
    """An orientation's (transmitted_at, closed_at, timed) after it takes ``status``:
    transmission and closure times are the store's clock, set once; leaving ``cloturee`` clears
    the closure. ``timed``: the closure is recorded by a later request than the transmission
    (the transmission time is before this request's ``now``), so its duration is a processing
    time the store measured; an orientation pushed already closed is not timed."""
    if status != "a_transmettre" and transmitted_at is None:
        transmitted_at = now
    if status != "cloturee":
        return transmitted_at, None, False
    if closed_at is not None:
        return transmitted_at, closed_at, bool(timed)
    return transmitted_at, now, transmitted_at is not None and transmitted_at < now


def _store_denormalised(session: Session, dossier_id: uuid.UUID, payload: dict[str, Any],
                        now: datetime) -> None:
    """Rewrite the consents and orientations rows of a dossier from its payload."""
    session.execute(delete(Consent).where(Consent.dossier_id == dossier_id))
    for c in payload.get("consents", []):
        session.add(Consent(dossier_id=dossier_id, organisme=c["organisme"],
                            given=bool(c["given"]), given_at=parse_optional_datetime(c.get("at")),
                            revoked_at=parse_optional_datetime(c.get("revoked_at"))))
    existing = {o.organisme: o for o in session.scalars(
        select(Orientation).where(Orientation.dossier_id == dossier_id))}
    wanted = {o["organisme"]: o for o in payload.get("orientations", [])}
    for organisme, row in existing.items():
        if organisme not in wanted:
            session.delete(row)
    for organisme, o in wanted.items():
        row = existing.get(organisme) or Orientation(dossier_id=dossier_id, organisme=organisme)
        set_orientation(row, o["status"], o.get("outcome"), o.get("note") or "",
                         parse_optional_datetime(o.get("updated_at")) or now, now)
        session.add(row)
    session.flush()
    store_appointments(session, dossier_id, payload)  # issue 16: the agenda's rows
    store_facts(session, dossier_id, payload)  # issue 17: the statistics' facts
    refresh_inbox(session, dossier_id, payload, now.date())  # issue 18: the partners' lists


def set_orientation(row: Orientation, status: str, outcome: str | None, note: str,
                    updated_at: datetime, now: datetime) -> None:
    """Set an orientation's state; transmission and closure times are the store's clock."""
    row.status, row.outcome, row.note, row.updated_at = status, outcome, note, updated_at
    row.transmitted_at, row.closed_at, row.timed = _orientation_times(
        status, row.transmitted_at, row.closed_at, bool(row.timed), now)
    if row.first_contact_at is None and status in CONTACTED_STATUSES:  # issue 17
        row.first_contact_at = now


@dataclass(frozen=True)
class _Prepared:
    """A pushed dossier that passed validation and the site check, ready to be stored."""

    base_revision: int | None
    dossier_id: uuid.UUID
    payload: dict[str, Any]
    site: str
    text: str
    digest: str

    @property
    def revision(self) -> int:
        return int(self.payload["revision"])

    @property
    def number(self) -> str:
        return str(self.payload["number"])


@dataclass(frozen=True)
class _Current:
    """What the store holds of a dossier, as far as deciding a push goes."""

    site: str
    revision: int
    number: str
    text: str


def _prepare(agent: AgentInfo, base_revision: int | None, raw: Any,
             now: datetime) -> _Prepared | PushResult:
    """Validate one pushed item: the stored form, or its ``rejected``/``forbidden`` result
    (these two are answered before the store is read, and not audited)."""
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    shown_id = (raw_id if isinstance(raw_id, str) and len(raw_id) <= 64
                and is_valid_text(raw_id) else None)  # echoed back: JSON must carry it
    try:
        raw_text: str | None = canonical_json(raw) if isinstance(raw, dict) else None
    except (TypeError, ValueError, RecursionError):  # not JSON data (only from Python callers)
        raw_text = None
    try:
        payload, site = check_record(raw, now.date())
    except SituationError as exc:
        return PushResult(shown_id, "rejected", reason=str(exc), field=exc.field)
    if site != agent.site:
        return PushResult(payload["id"], "forbidden",
                          reason=f"site: dossiers of {site} cannot be pushed by an agent of "
                                 f"{agent.site}", field="site")
    # the payload is the record with its id in canonical form: often the very same text
    text = (raw_text if raw_text is not None and payload["id"] == raw_id
            else canonical_json(payload))
    return _Prepared(base_revision, uuid.UUID(payload["id"]), payload, site, text,
                     content_hash(text))


class _StaleRead(Exception):
    """The dossier was absent when the push locked its row, yet its number now belongs to it:
    a concurrent push stored it in between (reads see each commit as it happens). Read again."""


def _decide(agent: AgentInfo, item: _Prepared, existing: _Current | None,
            stored_hash: str | None,
            number_owner: Callable[[str], uuid.UUID | None], erased: bool = False) -> PushResult:
    """The outcome of storing ``item`` when the store holds ``existing`` (None: no such
    dossier), ``stored_hash`` for the item's revision and ``number_owner(number)``, the id of
    the dossier with that number; nothing is written here. _StaleRead when the store changed
    between those reads. An ``erased`` dossier (it has a tombstone, app.server.erasure) is
    refused whatever the push: the tombstone always wins.

    The one place the rules live, for the item-by-item path and the batch path alike.
    """
    dossier_id, revision = str(item.dossier_id), item.revision
    if erased:
        return PushResult(dossier_id, "erased", field="id",
                          reason="erased: this dossier was erased (at the person's request or "
                                 "by retention) and its data is no longer kept; expected no "
                                 "further change to it")
    if existing is not None and existing.site != agent.site:
        return PushResult(dossier_id, "forbidden", reason="site: this dossier belongs to "
                          "another site", field="site")
    if stored_hash is not None:
        if stored_hash == item.digest:
            return PushResult(dossier_id, "duplicate", revision=revision)
        return _conflict(existing, dossier_id, "this revision is already stored with another "
                                               "content")
    if existing is None:
        owner = number_owner(item.number)
        if owner == item.dossier_id:
            raise _StaleRead(dossier_id)
        if owner is not None:
            return PushResult(dossier_id, "rejected", field="number",
                              reason=f"number: {item.number!r} is already used by another "
                                     "dossier; expected a number of its own")
        return _follow_up_unchanged(item, None) or PushResult(dossier_id, "accepted",
                                                              revision=revision)
    if item.base_revision != existing.revision or revision <= existing.revision:
        return _conflict(existing, dossier_id, f"the store holds revision {existing.revision}; "
                                               f"this push was based on {item.base_revision}")
    if item.number != existing.number:
        return PushResult(dossier_id, "rejected", field="number",
                          reason=f"number: {item.number!r} is not allowed; expected "
                                 f"{existing.number!r}, the number never changes")
    return _follow_up_unchanged(item, existing) or PushResult(dossier_id, "accepted",
                                                              revision=revision)


def _follow_up_unchanged(item: _Prepared, existing: _Current | None) -> PushResult | None:
    """The refusal of a push that writes a partner's follow-up (app.forms.records'
    counter_orientation_refusal against the stored orientations) or a partner's appointment
    (counter_appointment_refusal against the stored ``rendez_vous``), or None."""
    pushed = item.payload.get("orientations") or []
    pushed_appointments = item.payload.get("rendez_vous") or []
    if not pushed and not pushed_appointments and (
            existing is None or '"rendez_vous"' not in existing.text):
        return None
    held = json.loads(existing.text) if existing else {}
    refusal = (counter_orientation_refusal(pushed, held.get("orientations") or []) if pushed
               else None) or counter_appointment_refusal(pushed_appointments,
                                                         held.get("rendez_vous") or [])
    if refusal is None:
        return None
    field, reason = refusal
    return PushResult(str(item.dossier_id), "rejected", field=field, reason=reason)


def _conflict(existing: _Current | None, dossier_id: str, reason: str) -> PushResult:
    server = json.loads(existing.text) if existing is not None else None
    return PushResult(dossier_id, "conflict", revision=existing.revision if existing else None,
                      reason=f"revision: {reason}", field="revision", server=server)


def push_dossier(session: Session, agent: AgentInfo, base_revision: int | None, raw: Any,
                 now: datetime) -> PushResult:
    """Store one pushed dossier (in a savepoint of the caller's transaction) and audit it.

    The item-by-item path: ``PUT /dossiers/{id}``, and :func:`push_batch`'s fallback.
    """
    item = _prepare(agent, base_revision, raw, now)
    if isinstance(item, PushResult):
        return item
    return _push_prepared(session, agent, item, now)


def _push_prepared(session: Session, agent: AgentInfo, item: _Prepared,
                   now: datetime) -> PushResult:
    for attempt in range(2):
        try:
            with session.begin_nested():
                result = _store(session, agent, item, now)
                audit(session, agent.login, f"push_{result.status}", item.dossier_id, now,
                      f"revision {item.revision}")
                return result
        except (IntegrityError, _StaleRead):
            if attempt:
                raise
    raise AssertionError("unreachable")


def _store(session: Session, agent: AgentInfo, item: _Prepared, now: datetime) -> PushResult:
    dossier_id, payload, revision = item.dossier_id, item.payload, item.revision
    row = session.get(Dossier, dossier_id, with_for_update=True, populate_existing=True)
    existing = (None if row is None
                else _Current(row.site, row.revision, row.number, row.payload))
    stored_hash = session.scalar(select(DossierRevision.content_hash).where(
        DossierRevision.dossier_id == dossier_id, DossierRevision.revision == revision))
    erased = session.get(Tombstone, dossier_id) is not None  # read after the row's lock
    result = _decide(agent, item, existing, stored_hash, lambda number: session.scalar(
        select(Dossier.id).where(Dossier.number == number)), erased)
    if result.status != "accepted":
        return result
    if row is None:
        session.add(Dossier(id=dossier_id, number=item.number, site=item.site,
                            revision=revision, urgent=bool(payload.get("urgent")),
                            status=payload.get("status", "brouillon"), payload=item.text,
                            content_hash=item.digest, updated_at=now,
                            change_seq=next_seq(session), last_writer=agent.workstation))
        session.flush()
    else:
        row.revision = revision
        row.urgent = bool(payload.get("urgent"))
        row.status = payload.get("status", "brouillon")
        row.payload, row.content_hash = item.text, item.digest
        row.updated_at, row.change_seq = now, next_seq(session)
        row.last_writer = agent.workstation
    session.add(DossierRevision(dossier_id=dossier_id, revision=revision,
                                content_hash=item.digest, stored_at=now,
                                agent_login=agent.login))
    session.flush()
    _store_denormalised(session, dossier_id, payload, now)
    session.flush()
    return result


# --------------------------------------------------------------------------- batch push

_DOSSIERS = cast(Table, Dossier.__table__)
_REVISIONS = cast(Table, DossierRevision.__table__)
_CONSENTS = cast(Table, Consent.__table__)
_ORIENTATIONS = cast(Table, Orientation.__table__)
_COUNTER = cast(Table, SyncCounter.__table__)
_BATCH_ATTEMPTS = 2  # then item by item


def push_batch(session: Session, agent: AgentInfo, items: Sequence[tuple[int | None, Any]],
               now: datetime) -> list[PushResult]:
    """Store a batch of pushed dossiers, each ``(base_revision, export dict)``, and audit them.

    One result per item, in the order sent, the same as :func:`push_dossier` on each item one
    after the other (an id sent twice is two pushes, the second seeing the first), with the
    same rows written. The store is read once for the whole batch: its dossiers locked in id
    order with one query, their stored revisions and the new numbers' owners with one query
    each; every item is then decided in order against that state, kept up to date as items are
    accepted; one counter update hands out the accepted items' change sequence numbers, in
    order; the rows are written in one statement per table. All of it runs in a savepoint:
    when a concurrent push of one of the batch's new dossiers commits meanwhile — a write then
    meets a unique constraint, or the reads saw it half-way (the dossier absent, yet its number
    taken by that very dossier) — the savepoint is rolled back and the batch is read and
    decided again, now seeing what the winner stored; after a second such race it goes through
    push_dossier's path, item by item.
    """
    results: list[PushResult | None] = []
    pending: list[tuple[int, _Prepared]] = []
    for index, (base_revision, raw) in enumerate(items):
        item = _prepare(agent, base_revision, raw, now)
        if isinstance(item, PushResult):
            results.append(item)
        else:
            results.append(None)
            pending.append((index, item))
    if pending:
        prepared = [item for _, item in pending]
        session.flush()
        stored: list[PushResult] | None = None
        for _attempt in range(_BATCH_ATTEMPTS):
            try:
                with session.begin_nested():
                    stored = _store_batch(session, agent, prepared, now)
                break
            except (IntegrityError, _StaleRead):
                continue  # a concurrent push won: read again, now seeing what it stored
        if stored is None:
            # Item by item, after locking the batch's dossiers in id order as the batch path
            # does: two such fallbacks of one batch sent in different orders would otherwise
            # lock the same rows in opposite orders and deadlock.
            _lock_dossiers(session, prepared)
            stored = [_push_prepared(session, agent, item, now) for item in prepared]
        session.expire_all()  # rows changed behind the ORM's back
        for (index, _), result in zip(pending, stored, strict=True):
            results[index] = result
    return [r for r in results if r is not None]


def _store_batch(session: Session, agent: AgentInfo, items: list[_Prepared],
                 now: datetime) -> list[PushResult]:
    current, stored_hashes, numbers = _batch_state(session, items)
    in_store = set(current)
    erased = _erased(session, sorted({item.dossier_id for item in items}))
    results: list[PushResult] = []
    accepted: list[_Prepared] = []
    for item in items:
        result = _decide(agent, item, current.get(item.dossier_id),
                         stored_hashes.get((item.dossier_id, item.revision)), numbers.get,
                         item.dossier_id in erased)
        results.append(result)
        if result.status == "accepted":
            accepted.append(item)
            current[item.dossier_id] = _Current(item.site, item.revision, item.number,
                                                item.text)
            stored_hashes[(item.dossier_id, item.revision)] = item.digest
            numbers[item.number] = item.dossier_id
    if accepted:
        last = session.execute(
            update(_COUNTER).where(_COUNTER.c.id == 1)
            .values(value=_COUNTER.c.value + len(accepted))
            .returning(_COUNTER.c.value)).scalar_one()
        _write_accepted(session, agent, accepted, int(last) - len(accepted) + 1, in_store, now)
    audit_chain.append(session, [
        {"at": now, "agent_login": agent.login, "action": f"push_{result.status}",
         "dossier_id": item.dossier_id, "detail": f"revision {item.revision}"}
        for item, result in zip(items, results, strict=True)], write=insert_rows)
    return results


def _erased(session: Session, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """The ids among ``ids`` that have a tombstone (read after the dossiers' locks, so an
    erasure committed meanwhile is seen)."""
    found: set[uuid.UUID] = set()
    for chunk in _chunks(ids):
        found.update(session.scalars(select(Tombstone.dossier_id).where(
            Tombstone.dossier_id.in_(chunk))))
    return found


def _lock_dossiers(session: Session, items: list[_Prepared]) -> dict[uuid.UUID, _Current]:
    """The stored dossiers among the items', each row locked until the transaction ends.

    Always in id order: every push takes its row locks in that one order, then the change
    counter's, so concurrent pushes wait for each other but never deadlock."""
    d = _DOSSIERS
    current: dict[uuid.UUID, _Current] = {}
    for chunk in _chunks(sorted({item.dossier_id for item in items})):
        for row in session.execute(
                select(d.c.id, d.c.site, d.c.revision, d.c.number, d.c.payload)
                .where(d.c.id.in_(chunk)).order_by(d.c.id).with_for_update()):
            current[row.id] = _Current(row.site, row.revision, row.number, row.payload)
    return current


def _batch_state(session: Session, items: list[_Prepared]) -> tuple[
        dict[uuid.UUID, _Current], dict[tuple[uuid.UUID, int], str], dict[str, uuid.UUID]]:
    """The store's state for a batch: its dossiers (locked until the transaction ends), their
    stored revisions of the batch's revision numbers, and the owners of the numbers of the
    batch's new dossiers."""
    d, r = _DOSSIERS, _REVISIONS
    current = _lock_dossiers(session, items)
    stored_hashes: dict[tuple[uuid.UUID, int], str] = {}
    revisions = sorted({item.revision for item in items})
    for known in _chunks(sorted(current)):
        for stored in session.execute(
                select(r.c.dossier_id, r.c.revision, r.c.content_hash)
                .where(r.c.dossier_id.in_(known), r.c.revision.in_(revisions))):
            stored_hashes[(stored.dossier_id, stored.revision)] = stored.content_hash
    numbers: dict[str, uuid.UUID] = {}
    for wanted in _chunks(sorted({item.number for item in items
                                  if item.dossier_id not in current})):
        numbers.update((row.number, row.id) for row in session.execute(
            select(d.c.number, d.c.id).where(d.c.number.in_(wanted))))
    return current, stored_hashes, numbers


def _write_accepted(session: Session, agent: AgentInfo, accepted: list[_Prepared],
                    first_seq: int, in_store: set[uuid.UUID], now: datetime) -> None:
    """Write the accepted items (change sequence numbers from ``first_seq``, in order): each
    dossier's row once with its last version, one revision row per item, consents and
    orientations rewritten from the last version; ``in_store`` dossiers are updated.

    The stored dossiers' rows are read, removed and updated first; then the new rows go to a
    RowWriter (app.server.services.push_writes), table after table, while the next table's
    rows are computed: the aids of the statistics' facts and of the partners' inbox, above
    all, are evaluated while the database writes the rows before them."""
    final: dict[uuid.UUID, tuple[_Prepared, int]] = {}
    for offset, item in enumerate(accepted):
        final[item.dossier_id] = (item, first_seq + offset)
    rows = [{"id": item.dossier_id, "number": item.number, "site": item.site,
             "revision": item.revision, "urgent": bool(item.payload.get("urgent")),
             "status": item.payload.get("status", "brouillon"), "payload": item.text,
             "content_hash": item.digest, "updated_at": now, "change_seq": seq,
             "last_writer": agent.workstation}
            for item, seq in final.values()]
    new_rows = [row for row in rows if row["id"] not in in_store]
    changed = [{f"b_{key}": value for key, value in row.items()}
               for row in rows if row["id"] in in_store]
    d = _DOSSIERS
    orientations: dict[uuid.UUID, dict[str, dict[str, Any]]] = {i: {} for i in final}
    updated = sorted(i for i in final if i in in_store)
    for chunk in _chunks(updated):
        for row in session.execute(select(_ORIENTATIONS).where(
                _ORIENTATIONS.c.dossier_id.in_(chunk))):
            orientations[row.dossier_id][row.organisme] = dict(row._mapping)
        session.execute(delete(_CONSENTS).where(_CONSENTS.c.dossier_id.in_(chunk)))
        session.execute(delete(_ORIENTATIONS).where(_ORIENTATIONS.c.dossier_id.in_(chunk)))
    clear_appointments(session, updated)  # issue 16
    clear_facts(session, updated)  # issue 17
    clear_inbox(session, updated)  # issue 18
    if changed:
        session.execute(update(d).where(d.c.id == bindparam("b_id")).values(
            {name: bindparam(f"b_{name}") for name in ("revision", "urgent", "status", "payload",
                                                       "content_hash", "updated_at",
                                                       "change_seq", "last_writer")}), changed)
    # From here on the session is left alone until the writer is closed.
    with RowWriter(session) as writer:
        writer.insert(d, new_rows)
        writer.insert(_REVISIONS, [
            {"dossier_id": item.dossier_id, "revision": item.revision,
             "content_hash": item.digest, "stored_at": now, "agent_login": agent.login}
            for item in accepted])
        # issue 17: the statistics' facts; issue 18: the partners' lists. Both need the aids
        # (the facts on the creation day, the inbox on the day of the push): each distinct
        # situation is evaluated once (app.server.inbox.Evaluator).
        evaluator = Evaluator(now.date())
        for table, table_rows in all_fact_rows(
                ((dossier_id, item.payload) for dossier_id, (item, _) in final.items()),
                evaluator):
            writer.insert(table, table_rows)
        for item in accepted:  # in order: transmission and closure times depend on the history
            orientations[item.dossier_id] = _next_orientations(
                item.dossier_id, orientations[item.dossier_id], item.payload, now)
        writer.insert(_CONSENTS, [
            {"dossier_id": dossier_id, "organisme": c["organisme"], "given": bool(c["given"]),
             "given_at": parse_optional_datetime(c.get("at")),
             "revoked_at": parse_optional_datetime(c.get("revoked_at"))}
            for dossier_id, (item, _) in final.items()
            for c in item.payload.get("consents", [])])
        writer.insert(_ORIENTATIONS, [row for by_organisme in orientations.values()
                                      for row in by_organisme.values()])
        # issue 16: the agenda's rows, from each dossier's last version
        writer.insert(APPOINTMENTS, [row for dossier_id, (item, _) in final.items()
                                     for row in appointment_rows(dossier_id, item.payload)])
        writer.insert(INBOX, [
            row for dossier_id, (item, _) in final.items()
            for row in inbox_rows(dossier_id, item.payload, orientations[dossier_id],
                                  now.date(), evaluator)])


def _next_orientations(dossier_id: uuid.UUID, previous: dict[str, dict[str, Any]],
                       payload: dict[str, Any], now: datetime) -> dict[str, dict[str, Any]]:
    """A dossier's orientation rows after ``payload`` is stored over ``previous`` (what
    _store_denormalised does to the rows, on dicts)."""
    out: dict[str, dict[str, Any]] = {}
    for organisme, o in {o["organisme"]: o for o in payload.get("orientations", [])}.items():
        before = previous.get(organisme) or {}
        transmitted, closed, timed = _orientation_times(
            o["status"], before.get("transmitted_at"), before.get("closed_at"),
            bool(before.get("timed")), now)
        out[organisme] = {"dossier_id": dossier_id, "organisme": organisme,
                          "status": o["status"], "outcome": o.get("outcome"),
                          "note": o.get("note") or "",
                          "updated_at": parse_optional_datetime(o.get("updated_at")) or now,
                          "transmitted_at": transmitted, "closed_at": closed, "timed": timed,
                          "first_contact_at": before.get("first_contact_at") or (  # issue 17
                              now if o["status"] in CONTACTED_STATUSES else None)}
    return out


def pull(session: Session, agent: AgentInfo, since: int, limit: int,
         now: datetime) -> dict[str, Any]:
    """Dossiers of the agent's site changed after ``since``, in change order, audited.

    A dossier whose last version came from the pulling workstation itself (``X-Workstation``)
    is a stub ``{"id", "revision", "own": true}``: the workstation holds that content already
    (it fetches it with ``GET /dossiers/{id}`` when it does not). An erased dossier is its
    tombstone ``{"id", "erased": true, "reason"}`` (app.server.erasure), in the same order."""
    rows: list[Any] = list(session.execute(
        select(Dossier.id, Dossier.payload, Dossier.change_seq, Dossier.revision,
               Dossier.last_writer)
        .where(Dossier.site == agent.site, Dossier.change_seq > since)
        .order_by(Dossier.change_seq).limit(limit + 1)).all())
    rows += session.execute(
        select(Tombstone.dossier_id.label("id"), Tombstone.change_seq, Tombstone.reason)
        .where(Tombstone.site == agent.site, Tombstone.change_seq > since)
        .order_by(Tombstone.change_seq).limit(limit + 1)).all()
    rows.sort(key=lambda r: r.change_seq)
    more = len(rows) > limit
    rows = rows[:limit]
    audit_chain.append(session, [
        {"at": now, "agent_login": agent.login, "action": "pull", "dossier_id": row.id,
         "detail": ""} for row in rows], write=insert_rows)
    cursor = rows[-1].change_seq if rows else since
    own = agent.workstation
    changes = [{"id": str(r.id), "erased": True, "reason": r.reason}
               if "reason" in r._fields
               else {"id": str(r.id), "revision": r.revision, "own": True}
               if own is not None and r.last_writer == own else json.loads(r.payload)
               for r in rows]
    return {"changes": changes, "cursor": cursor, "more": more}


def get_site_dossier(session: Session, agent: AgentInfo, dossier_id: uuid.UUID,
                     now: datetime) -> dict[str, Any] | None:
    """A dossier of the agent's site (None when absent or of another site), audited."""
    row = session.get(Dossier, dossier_id)
    if row is None or row.site != agent.site:
        return None
    audit(session, agent.login, "read", dossier_id, now)
    return dict(json.loads(row.payload))


def iter_payloads(session: Session) -> Iterator[dict[str, Any]]:
    """Every stored dossier's export dict, by number."""
    for text in session.scalars(select(Dossier.payload).order_by(Dossier.number)
                                .execution_options(yield_per=500)):
        yield dict(json.loads(text))

