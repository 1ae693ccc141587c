"""The workstation's call list (issue 16): signals, entries, call attempts, links to dossiers.

``call_entries`` mirrors the central store's entries of this site (``server_seq`` set by a pull)
and holds the provisional entries an import created here and no store has seen yet
(``server_seq`` NULL). Signals, attempts and links written here wait with ``sent_at`` NULL until
a sync round pushes them (app.sync.calls); the store answers with aliases when it grouped a
provisional entry into one of its own, and :func:`rename_entry` follows them.

The rules (grouping figures, the effect of an attempt, ranking) are in :mod:`app.forms.calls`;
this module stores. Writers take a session in a transaction and do not commit: an import is all
or nothing because the caller commits once. Audit rows (import, attempt, link) join the local
chain and carry no personal data: counts, codes and random ids only.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db.batches import chunks as _chunks
from app.forms.calls import (
    ATTEMPT_KEYS,
    CLAIM_MINUTES,
    SIGNAL_KEYS,
    apply_attempt,
    check_attempt,
    check_link,
    check_signal,
    claim_holder,
    entry_figures,
    when,
)
from app.forms.codes import CALL_ENTRY_STATUSES, CALL_OUTCOMES
from app.models import audit_chain as _audit_chain  # noqa: F401  (chains the history as it is written)
from app.models.base import Base, UTCDateTime
from app.models.entities import AuditLog, Dossier


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Signal(Base):
    """An alert about a worker from a source; (source, reference) identifies it everywhere."""

    __tablename__ = "signals"
    __table_args__ = (UniqueConstraint("source", "reference"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    source: Mapped[str] = mapped_column(String(30))
    reference: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(30))
    date: Mapped[date] = mapped_column(Date)
    siret: Mapped[str | None] = mapped_column(String(14), index=True)
    nir: Mapped[str | None] = mapped_column(String(15), index=True)
    nom: Mapped[str | None] = mapped_column(String(100))
    prenom: Mapped[str | None] = mapped_column(String(100))
    telephone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    code_postal: Mapped[str | None] = mapped_column(String(5))
    commune: Mapped[str | None] = mapped_column(String(100))
    montant_cents: Mapped[int | None] = mapped_column(BigInteger)
    commentaire: Mapped[str | None] = mapped_column(Text)
    entry_id: Mapped[str] = mapped_column(String(36), index=True)
    dossier_id: Mapped[str | None] = mapped_column(String(36))  # matched at import
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent: Mapped[str] = mapped_column(String(100))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class CallEntry(Base):
    """One worker of this site's call list (the store's entry, or a provisional one)."""

    __tablename__ = "call_entries"
    __table_args__ = (CheckConstraint(_one_of("status", CALL_ENTRY_STATUSES), name="status"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site: Mapped[str] = mapped_column(String(3))
    siret: Mapped[str | None] = mapped_column(String(14), index=True)
    nir: Mapped[str | None] = mapped_column(String(15), index=True)
    dossier_id: Mapped[str | None] = mapped_column(String(36))  # the dossier opened from it
    status: Mapped[str] = mapped_column(String(20))
    score: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    oldest: Mapped[date | None] = mapped_column(Date)
    unanswered: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    callback_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(20))  # workstation "REN-02"
    claimed_agent: Mapped[str | None] = mapped_column(String(100))
    claim_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    server_seq: Mapped[int | None] = mapped_column(Integer)  # NULL: provisional, not on a store


class CallAttempt(Base):
    """One call to an entry's worker and its outcome."""

    __tablename__ = "call_attempts"
    __table_args__ = (CheckConstraint(_one_of("outcome", CALL_OUTCOMES), name="outcome"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(36), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent: Mapped[str] = mapped_column(String(100))
    workstation: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))
    callback_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class CallLink(Base):
    """A dossier opened from an entry (the entry's dossier, the dossier's origin)."""

    __tablename__ = "call_links"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(36), index=True)
    dossier_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent: Mapped[str] = mapped_column(String(100))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class CallAlias(Base):
    """An entry id that became another (a provisional entry the store grouped into its own, or
    two entries merged): what still names the old id is read as the new one."""

    __tablename__ = "call_aliases"

    old_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    new_id: Mapped[str] = mapped_column(String(36))


SIGNALS = cast(Table, Signal.__table__)
ENTRIES = cast(Table, CallEntry.__table__)
ATTEMPTS = cast(Table, CallAttempt.__table__)
LINKS = cast(Table, CallLink.__table__)
ALIASES = cast(Table, CallAlias.__table__)
DOSSIERS = cast(Table, Dossier.__table__)

SIGNAL_COLUMNS = ("id", "source", "reference", "type", "date", "siret", "nir", "nom", "prenom",
                  "telephone", "email", "code_postal", "commune", "montant_cents",
                  "commentaire", "entry_id", "dossier_id", "imported_at", "agent")
ENTRY_STATE = ("status", "unanswered", "next_attempt_at", "callback_at")


@dataclass(frozen=True)
class ImportReport:
    """What ``signals import`` did: signals newly imported, already present (same source and
    reference), matched to an existing dossier, and the call-list entries they are in."""

    imported: int
    already: int
    matched: int
    entries: int

    def line(self) -> str:
        """The line ``signals import`` prints (shared/spec/cli.md)."""
        return (f"signals: {self.imported} imported, {self.already} already present, "
                f"{self.matched} matched to existing dossiers, {self.entries} call-list entries")


class UnknownEntryError(LookupError):
    """No entry of the local call list has this id (nor an alias of it)."""


class EntryTakenError(Exception):
    """Another workstation holds the entry until ``until``."""

    def __init__(self, claimed_by: str, until: datetime | None) -> None:
        super().__init__(f"entry taken by {claimed_by}")
        self.claimed_by = claimed_by
        self.until = until


# --------------------------------------------------------------------------- helpers

def _audit(session: Session, *, at: datetime, agent: str, action: str,
           detail: Mapping[str, Any], dossier_id: str | None = None) -> None:
    session.add(AuditLog(at=at, agent=agent, dossier_id=dossier_id, action=action,
                         detail=json.dumps(dict(detail), ensure_ascii=False,
                                           separators=(",", ":"))))


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def resolve(session: Session, entry_id: str) -> str:
    """The id ``entry_id`` stands for now (aliases followed)."""
    seen: set[str] = set()
    while entry_id not in seen:
        seen.add(entry_id)
        new = session.scalar(select(ALIASES.c.new_id).where(ALIASES.c.old_id == entry_id))
        if new is None:
            return entry_id
        entry_id = new
    return entry_id


def _resolver(session: Session) -> Any:
    """A function giving the id an entry id stands for now, with every alias read once."""
    aliases = {row.old_id: row.new_id for row in session.execute(select(ALIASES))}

    def follow(entry_id: str) -> str:
        seen: set[str] = set()
        while entry_id in aliases and entry_id not in seen:
            seen.add(entry_id)
            entry_id = aliases[entry_id]
        return entry_id

    return follow


def get_entry(session: Session, entry_id: str) -> CallEntry:
    """The entry ``entry_id`` names (aliases followed); UnknownEntryError when none."""
    entry = session.get(CallEntry, resolve(session, entry_id))
    if entry is None:
        raise UnknownEntryError(f"no entry {entry_id!r} in the local call list")
    return entry


def refresh_figures(session: Session, entry_ids: Iterable[str]) -> None:
    """Score, amount and oldest date of these entries, from their signals."""
    ids = sorted(set(entry_ids))
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for chunk in _chunks(ids):
        rows = session.execute(select(SIGNALS.c.entry_id, SIGNALS.c.type,
                                      SIGNALS.c.montant_cents, SIGNALS.c.date)
                               .where(SIGNALS.c.entry_id.in_(chunk)))
        for row in rows:
            grouped[row.entry_id].append({"type": row.type, "montant_cents": row.montant_cents,
                                          "date": row.date})
    values = []
    for entry_id in ids:
        score, amount, oldest = entry_figures(grouped.get(entry_id, []))
        values.append({"eid": entry_id, "score": score, "amount_cents": amount,
                       "oldest": oldest})
    if values:
        session.execute(update(ENTRIES).where(ENTRIES.c.id == bindparam("eid"))
                        .values(score=bindparam("score"), amount_cents=bindparam("amount_cents"),
                                oldest=bindparam("oldest")), values)


def rename_entry(session: Session, old: str, new: str) -> None:
    """Every row naming entry ``old`` now names ``new`` (the store's id for it, or the entry it
    was merged into); ``old`` stays an alias of ``new``."""
    new = resolve(session, new)
    if old == new:
        return
    for table in (SIGNALS, ATTEMPTS, LINKS):
        session.execute(update(table).where(table.c.entry_id == old).values(entry_id=new))
    old_row = session.get(CallEntry, old)
    new_row = session.get(CallEntry, new)
    if old_row is not None and new_row is None:
        session.execute(update(ENTRIES).where(ENTRIES.c.id == old).values(id=new))
        session.expire(old_row)
    elif old_row is not None and new_row is not None:
        if new_row.siret is None:
            new_row.siret = old_row.siret
        if new_row.nir is None:
            new_row.nir = old_row.nir
        if new_row.dossier_id is None:
            new_row.dossier_id = old_row.dossier_id
        session.delete(old_row)
        session.flush()
        refresh_figures(session, [new])
    session.execute(update(ALIASES).where(ALIASES.c.new_id == old).values(new_id=new))
    session.execute(delete(ALIASES).where(ALIASES.c.old_id == old))
    session.execute(insert(ALIASES).values(old_id=old, new_id=new))


DossierMatch = tuple[str, str, bool, str | None, str | None]


def matching_dossiers(session: Session, sirets: Iterable[str],
                      nirs: Iterable[str]) -> dict[tuple[str, str], DossierMatch]:
    """Local dossiers with these SIRET / NIR: ``("siret"|"nir", value) -> (id, number, open,
    siret, nir)``; an open dossier (not « clos ») wins, then the most recently changed."""
    found: dict[tuple[str, str], DossierMatch] = {}
    rank: dict[tuple[str, str], tuple[bool, datetime]] = {}
    for kind, values in (("siret", sorted(set(sirets))), ("nir", sorted(set(nirs)))):
        column = DOSSIERS.c[kind]
        for chunk in _chunks(values):
            rows = session.execute(select(DOSSIERS.c.id, DOSSIERS.c.number, DOSSIERS.c.status,
                                          DOSSIERS.c.updated_at, DOSSIERS.c.siret,
                                          DOSSIERS.c.nir).where(column.in_(chunk)))
            for row in rows:
                key = (kind, row.siret if kind == "siret" else row.nir)
                is_open = row.status != "clos"
                order = (is_open, row.updated_at)
                if key not in rank or order > rank[key]:
                    rank[key] = order
                    found[key] = (row.id, row.number, is_open, row.siret, row.nir)
    return found


# --------------------------------------------------------------------------- import

def _existing_signals(session: Session,
                      keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(source, reference) already stored -> the entry their signal is in."""
    wanted = set(keys)
    out: dict[tuple[str, str], str] = {}
    references = sorted({reference for _, reference in wanted})
    for chunk in _chunks(references):
        rows = session.execute(select(SIGNALS.c.source, SIGNALS.c.reference, SIGNALS.c.entry_id)
                               .where(SIGNALS.c.reference.in_(chunk)))
        for row in rows:
            if (row.source, row.reference) in wanted:
                out[(row.source, row.reference)] = row.entry_id
    return out


def _entries_by_key(session: Session, site: str, sirets: Sequence[str],
                    nirs: Sequence[str]) -> tuple[dict[tuple[str, str], str],
                                                  dict[str, CallEntry]]:
    """The site's entries holding these SIRET / NIR (on the entry or on one of its signals)."""
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, values in (("siret", sorted(set(sirets))), ("nir", sorted(set(nirs)))):
        for chunk in _chunks(values):
            for table in (ENTRIES, SIGNALS):
                id_column = table.c.id if table is ENTRIES else table.c.entry_id
                rows = session.execute(select(id_column.label("eid"), table.c[kind].label("key"))
                                       .where(table.c[kind].in_(chunk)))
                for row in rows:
                    ids[(kind, row.key)].add(row.eid)
    follow = _resolver(session)
    wanted = sorted({follow(eid) for group in ids.values() for eid in group})
    entries: dict[str, CallEntry] = {}
    for chunk in _chunks(wanted):
        for entry in session.scalars(select(CallEntry).where(CallEntry.id.in_(chunk),
                                                             CallEntry.site == site)):
            entries[entry.id] = entry
    by_key: dict[tuple[str, str], str] = {}
    for key, group in ids.items():
        live = sorted({follow(eid) for eid in group} & entries.keys(),
                      key=lambda eid: (entries[eid].created_at, eid))
        if live:
            by_key[key] = live[0]
    return by_key, entries


def import_signals(session: Session, rows: Sequence[Mapping[str, Any]], source: str | None,
                   agent: str, site: str, now: datetime) -> ImportReport:
    """Store the signals ``rows`` (as :func:`app.forms.signals.read_signals` gives them) in the
    call list of ``site``; those whose (source, reference) is already stored change nothing.

    A signal joins the site's entry with the same SIRET or NIR (filling the entry's missing
    one); one bridging two entries merges the later-created into the earlier; one matching no
    entry opens a provisional entry. Signals are matched to local dossiers by SIRET/NIR. The
    caller's transaction makes it all or nothing."""
    signals = [dict(row, source=row.get("source") or source) for row in rows]
    for signal in signals:
        if not signal["source"]:
            raise ValueError("source: required; give --source or a source column")
    keys = [(str(s["source"]), str(s["reference"])) for s in signals]
    existing = _existing_signals(session, keys)
    new = [s for s, key in zip(signals, keys, strict=True) if key not in existing]
    sirets = [s["siret"] for s in new if s.get("siret")]
    nirs = [s["nir"] for s in new if s.get("nir")]
    dossiers = matching_dossiers(session, sirets, nirs)
    # a dossier holding a signal's SIRET and a NIR (or the reverse) says they are one person
    sirets += [m[3] for m in dossiers.values() if m[3]]
    nirs += [m[4] for m in dossiers.values() if m[4]]
    by_key, entries = _entries_by_key(session, site, sirets, nirs)
    stored = set(entries)
    merged: dict[str, str] = {}

    def find(eid: str) -> str:
        while eid in merged:
            eid = merged[eid]
        return eid

    created = 0
    for signal in new:
        keys_of = [(kind, signal[kind]) for kind in ("siret", "nir") if signal.get(kind)]
        match = (dossiers.get(("siret", signal.get("siret") or ""))
                 or dossiers.get(("nir", signal.get("nir") or "")))
        person = list(keys_of)
        if match:
            person += [(kind, value) for kind, value in (("siret", match[3]), ("nir", match[4]))
                       if value and (kind, value) not in keys_of]
        found = sorted({find(by_key[k]) for k in person if k in by_key},
                       key=lambda eid: (entries[eid].created_at, eid))
        if not found:
            created += 1
            entry = CallEntry(id=str(uuid.uuid4()), site=site, siret=signal.get("siret"),
                              nir=signal.get("nir"), dossier_id=None, status="a_appeler",
                              score=0, amount_cents=0, oldest=None, unanswered=0,
                              created_at=now + timedelta(microseconds=created), updated_at=now,
                              server_seq=None)
            entries[entry.id] = entry
            session.add(entry)
        else:
            entry = entries[found[0]]
            for other in found[1:]:
                merged[other] = entry.id
                for kind in ("siret", "nir"):
                    if getattr(entry, kind) is None:
                        setattr(entry, kind, getattr(entries[other], kind))
        for kind, value in person:
            by_key[(kind, value)] = entry.id
        for kind, value in keys_of:
            if getattr(entry, kind) is None:
                setattr(entry, kind, value)
        entry.updated_at = now
        signal["entry_id"] = entry.id
        signal["dossier_id"] = match[0] if match else None
        if entry.dossier_id is None and match:
            entry.dossier_id = match[0]
    session.flush()
    for old in list(merged):
        target = find(old)
        if old in stored:
            rename_entry(session, old, target)
        else:
            session.delete(entries[old])
    values = []
    for signal in new:
        signal["entry_id"] = find(signal["entry_id"])
        values.append({**{key: signal.get(key) for key in SIGNAL_COLUMNS},
                       "id": str(uuid.uuid4()), "date": date.fromisoformat(str(signal["date"])),
                       "imported_at": now, "agent": agent, "sent_at": None})
    for chunk in _chunks(values):
        session.execute(insert(SIGNALS), list(chunk))
    touched = {signal["entry_id"] for signal in new}
    refresh_figures(session, touched)
    follow = _resolver(session)
    in_file = touched | {follow(eid) for eid in existing.values()}
    report = ImportReport(imported=len(new), already=len(signals) - len(new),
                          matched=sum(1 for s in new if s["dossier_id"]), entries=len(in_file))
    if new:
        _audit(session, at=now, agent=agent, action="signals_import",
               detail={"imported": report.imported, "already": report.already,
                       "matched": report.matched, "entries": report.entries,
                       "sources": sorted({str(s["source"]) for s in new})})
    return report


# --------------------------------------------------------------------------- reading

def _signal_dict(row: Any) -> dict[str, Any]:
    out = {key: getattr(row, key) for key in SIGNAL_COLUMNS}
    out["sent_at"] = row.sent_at
    return out


def _attempt_dict(row: Any) -> dict[str, Any]:
    return {"id": row.id, "entry_id": row.entry_id, "at": row.at, "agent": row.agent,
            "workstation": row.workstation, "outcome": row.outcome,
            "callback_at": row.callback_at, "note": row.note, "sent_at": row.sent_at}


ENTRY_COLUMNS = ("id", "site", "siret", "nir", "dossier_id", "status", "score", "amount_cents",
                 "oldest", "unanswered", "next_attempt_at", "callback_at", "claimed_by",
                 "claimed_agent", "claim_expires_at", "created_at", "updated_at", "server_seq")


def load_entries(session: Session, *, site: str | None = None,
                 ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Entries as dicts (the contract's keys, datetimes as datetime objects) with their
    ``signals`` (oldest first) and ``attempts`` (in time order); all entries, or ``ids``."""
    query = select(ENTRIES)
    if site is not None:
        query = query.where(ENTRIES.c.site == site)
    rows: list[Any] = []
    if ids is None:
        rows = list(session.execute(query))
    else:
        for chunk in _chunks(sorted(set(ids))):
            rows.extend(session.execute(query.where(ENTRIES.c.id.in_(chunk))))
    entries = {row.id: {**{key: getattr(row, key) for key in ENTRY_COLUMNS},
                        "signals": [], "attempts": []} for row in rows}
    wanted = sorted(entries)
    every = ids is None and site is None
    for table, maker, key in ((SIGNALS, _signal_dict, "signals"),
                              (ATTEMPTS, _attempt_dict, "attempts")):
        order = (table.c.date, table.c.pk) if table is SIGNALS else (table.c.at, table.c.id)
        queries = ([select(table).order_by(*order)] if every else
                   [select(table).where(table.c.entry_id.in_(chunk)).order_by(*order)
                    for chunk in _chunks(wanted)])
        for q in queries:
            for row in session.execute(q):
                if row.entry_id in entries:
                    entries[row.entry_id][key].append(maker(row))
    return list(entries.values())


def site_entry_count(session: Session, site: str) -> int:
    return int(session.scalar(select(func.count()).select_from(ENTRIES)
                              .where(ENTRIES.c.site == site)) or 0)


# --------------------------------------------------------------------------- writing

def record_attempt(session: Session, entry_id: str, *, outcome: str, at: datetime, agent: str,
                   workstation: str, callback_at: datetime | None = None, note: str = "",
                   attempt_id: str | None = None) -> dict[str, Any]:
    """Record a call to the entry's worker and move the entry on (app.forms.calls rule); the
    claim this workstation held is released. ValueError naming a bad field."""
    entry = get_entry(session, entry_id)
    checked = check_attempt({
        "id": attempt_id or str(uuid.uuid4()), "entry_id": entry.id, "at": _iso(at),
        "agent": agent, "workstation": workstation, "outcome": outcome,
        "callback_at": _iso(callback_at), "note": note,
    })
    row = CallAttempt(id=checked["id"], entry_id=entry.id, at=at, agent=agent,
                      workstation=workstation, outcome=outcome, callback_at=callback_at,
                      note=checked["note"], sent_at=None)
    session.add(row)
    _apply(entry, {"outcome": outcome, "at": at, "callback_at": callback_at})
    if entry.claimed_by == workstation:
        entry.claimed_by = entry.claimed_agent = entry.claim_expires_at = None
    entry.updated_at = at
    _audit(session, at=at, agent=agent, action="call_attempt",
           detail={"entry_id": entry.id, "attempt_id": row.id, "outcome": outcome})
    return checked


def _apply(entry: CallEntry, attempt: Mapping[str, Any]) -> None:
    state = apply_attempt({key: getattr(entry, key) for key in ENTRY_STATE}, attempt)
    for key in ENTRY_STATE:
        setattr(entry, key, state[key])


def link_dossier(session: Session, entry_id: str, dossier_id: str, *, agent: str,
                 now: datetime) -> None:
    """The dossier ``dossier_id`` was opened from the entry: the entry's dossier, and a line of
    the dossier's history naming the entry and its signals' sources (its origin)."""
    entry = get_entry(session, entry_id)
    check_link({"entry_id": entry.id, "dossier_id": dossier_id, "at": _iso(now),
                "agent": agent})
    entry.dossier_id = dossier_id
    entry.updated_at = now
    session.add(CallLink(entry_id=entry.id, dossier_id=dossier_id, at=now, agent=agent,
                         sent_at=None))
    kinds = session.execute(select(SIGNALS.c.source, SIGNALS.c.type)
                            .where(SIGNALS.c.entry_id == entry.id).distinct())
    _audit(session, at=now, agent=agent, action="call_link", dossier_id=dossier_id,
           detail={"entry_id": entry.id,
                   "signals": sorted({f"{row.source}:{row.type}" for row in kinds})})


def claim_local(session: Session, entry_id: str, *, me: str, agent: str, now: datetime,
                minutes: int = CLAIM_MINUTES) -> CallEntry:
    """Take the entry here (a lone workstation, no central store): EntryTakenError when
    another workstation holds an unexpired claim."""
    entry = get_entry(session, entry_id)
    holder = claim_holder({"claimed_by": entry.claimed_by,
                           "claim_expires_at": entry.claim_expires_at}, now)
    if holder is not None and holder != me:
        raise EntryTakenError(holder, entry.claim_expires_at)
    set_claim(entry, me, agent, now + timedelta(minutes=minutes))
    return entry


def release_local(session: Session, entry_id: str, *, me: str) -> CallEntry:
    entry = get_entry(session, entry_id)
    if entry.claimed_by == me:
        set_claim(entry, None, None, None)
    return entry


def set_claim(entry: CallEntry, claimed_by: str | None, agent: str | None,
              until: datetime | None) -> None:
    entry.claimed_by, entry.claimed_agent, entry.claim_expires_at = claimed_by, agent, until


# --------------------------------------------------------------------------- sync

def unsent(session: Session, limit: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                  list[tuple[int, dict[str, Any]]]]:
    """What waits for the store (at most ``limit`` of each), in the push's shape: signals,
    attempts, and (pk, link) pairs."""
    resolve = _resolver(session)
    signals = []
    for row in session.execute(select(SIGNALS).where(SIGNALS.c.sent_at.is_(None))
                               .order_by(SIGNALS.c.pk).limit(limit)):
        signal = {key: getattr(row, key) for key in SIGNAL_COLUMNS}
        signal["date"] = row.date.isoformat()
        signal["imported_at"] = row.imported_at.isoformat()
        signal["entry_id"] = resolve(row.entry_id)
        signals.append(signal)
    attempts = []
    for row in session.execute(select(ATTEMPTS).where(ATTEMPTS.c.sent_at.is_(None))
                               .order_by(ATTEMPTS.c.at, ATTEMPTS.c.id).limit(limit)):
        attempt = {key: value for key, value in _attempt_dict(row).items() if key != "sent_at"}
        attempt["entry_id"] = resolve(row.entry_id)
        attempt["at"] = row.at.isoformat()
        attempt["callback_at"] = _iso(row.callback_at)
        attempts.append(attempt)
    links = [(row.pk, {"entry_id": resolve(row.entry_id), "dossier_id": row.dossier_id,
                       "at": row.at.isoformat(), "agent": row.agent})
             for row in session.execute(select(LINKS).where(LINKS.c.sent_at.is_(None))
                                        .order_by(LINKS.c.pk).limit(limit))]
    return signals, attempts, links


def mark_sent(session: Session, *, signals: Sequence[str] = (), attempts: Sequence[str] = (),
              links: Sequence[int] = (), now: datetime) -> None:
    for table, column, ids in ((SIGNALS, SIGNALS.c.id, signals),
                               (ATTEMPTS, ATTEMPTS.c.id, attempts),
                               (LINKS, LINKS.c.pk, links)):
        for chunk in _chunks(list(ids)):
            session.execute(update(table).where(column.in_(chunk)).values(sent_at=now))


def count_unsent(session: Session) -> int:
    return sum(int(session.scalar(select(func.count()).select_from(table)
                                  .where(table.c.sent_at.is_(None))) or 0)
               for table in (SIGNALS, ATTEMPTS, LINKS))


def _moment(value: object) -> datetime | None:
    return when(value)


def _int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name}: expected a whole number")
    return value


@dataclass
class _Pulled:
    """One entry of the store, checked: its row values, signals and attempts."""

    values: dict[str, Any]
    signals: list[dict[str, Any]]
    attempts: list[dict[str, Any]]


def _parse_pulled(entry: Mapping[str, Any], site: str, seq: int, now: datetime) -> _Pulled:
    """The store's entry checked; ValueError naming the field when it is not well formed."""
    if not isinstance(entry, Mapping):
        raise ValueError("entry: expected a JSON object")
    eid = entry.get("id")
    if not isinstance(eid, str) or len(eid) > 36:
        raise ValueError("id: expected the entry's id")
    status = entry.get("status")
    if status not in CALL_ENTRY_STATUSES:
        raise ValueError("status: expected one of " + ", ".join(CALL_ENTRY_STATUSES))
    oldest = entry.get("oldest")
    values = {
        "id": eid, "site": str(entry.get("site") or site), "siret": entry.get("siret"),
        "nir": entry.get("nir"), "dossier_id": entry.get("dossier_id"), "status": status,
        "score": _int(entry.get("score", 0), "score"),
        "amount_cents": _int(entry.get("amount_cents", 0), "amount_cents"),
        "oldest": date.fromisoformat(str(oldest)[:10]) if oldest else None,
        "unanswered": _int(entry.get("unanswered", 0), "unanswered"),
        "next_attempt_at": _moment(entry.get("next_attempt_at")),
        "callback_at": _moment(entry.get("callback_at")),
        "claimed_by": entry.get("claimed_by"), "claimed_agent": entry.get("claimed_agent"),
        "claim_expires_at": _moment(entry.get("claim_expires_at")),
        "updated_at": _moment(entry.get("updated_at")) or now,
        "server_seq": _int(entry.get("change_seq", seq), "change_seq"),
    }
    signals = []
    for raw in entry.get("signals") or []:
        signal = check_signal({**{k: raw[k] for k in SIGNAL_KEYS if k in raw},
                               "entry_id": eid})
        row = {key: signal[key] for key in SIGNAL_COLUMNS}
        row["date"] = date.fromisoformat(signal["date"])
        row["imported_at"] = _moment(signal["imported_at"])
        signals.append(row)
    attempts = []
    for raw in entry.get("attempts") or []:
        attempt = check_attempt({**{k: raw[k] for k in ATTEMPT_KEYS if k in raw},
                                 "entry_id": eid})
        attempt["at"] = _moment(attempt["at"])
        attempt["callback_at"] = _moment(attempt["callback_at"])
        attempts.append(attempt)
    return _Pulled(values, signals, attempts)


def apply_pulled_page(session: Session, entries: Sequence[Any], *, site: str, seq: int,
                      now: datetime) -> list[str]:
    """Take the store's version of these entries (state, claim, signals, attempts); what this
    workstation recorded and has not sent yet is applied on top. An entry that is not well
    formed is left out (nothing of it written): the problems, one line each."""
    problems: list[str] = []
    pulled: dict[str, _Pulled] = {}
    for entry in entries:
        try:
            item = _parse_pulled(entry, site, seq, now)
        except (ValueError, TypeError, AttributeError) as exc:
            problems.append(str(exc))
            continue
        pulled[item.values["id"]] = item  # a later version of the same entry wins
    if not pulled:
        return problems
    ids = sorted(pulled)
    known: dict[str, Any] = {}
    for chunk in _chunks(ids):
        for row in session.execute(select(ENTRIES.c.id, ENTRIES.c.dossier_id)
                                   .where(ENTRIES.c.id.in_(chunk))):
            known[row.id] = row
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for eid, item in pulled.items():
        values = dict(item.values)
        if eid in known:
            values["dossier_id"] = values["dossier_id"] or known[eid].dossier_id
            updates.append({**values, "eid": eid})
        else:
            inserts.append({**values, "created_at": values["updated_at"]})
    if inserts:
        session.execute(insert(ENTRIES), inserts)
    if updates:
        columns = [key for key in updates[0] if key not in ("id", "eid")]
        session.execute(update(ENTRIES).where(ENTRIES.c.id == bindparam("eid"))
                        .values({key: bindparam(key) for key in columns}), updates)
    _pulled_signals(session, [s for item in pulled.values() for s in item.signals], now)
    _pulled_attempts(session, [a for item in pulled.values() for a in item.attempts], now)
    session.expire_all()
    # this workstation's unsent calls and signals, on top of the store's state
    pending: dict[str, list[CallAttempt]] = defaultdict(list)
    unsent_signals: set[str] = set()
    for chunk in _chunks(ids):
        for attempt in session.scalars(select(CallAttempt).where(
                CallAttempt.entry_id.in_(chunk), CallAttempt.sent_at.is_(None))
                .order_by(CallAttempt.at, CallAttempt.id)):
            pending[attempt.entry_id].append(attempt)
        unsent_signals.update(session.scalars(select(SIGNALS.c.entry_id).where(
            SIGNALS.c.entry_id.in_(chunk), SIGNALS.c.sent_at.is_(None))))
    for eid, attempts in pending.items():
        target = session.get(CallEntry, eid)
        assert target is not None
        for attempt in attempts:
            _apply(target, {"outcome": attempt.outcome, "at": attempt.at,
                         "callback_at": attempt.callback_at})
    session.flush()
    if unsent_signals:
        refresh_figures(session, unsent_signals)
    return problems


def _pulled_signals(session: Session, signals: list[dict[str, Any]], now: datetime) -> None:
    """Insert the store's signals this workstation lacks; update those it has (found by id or
    by source and reference: the same alert imported here under another id)."""
    by_id: dict[str, Any] = {}
    by_key: dict[tuple[str, str], Any] = {}
    wanted_ids = sorted({s["id"] for s in signals})
    wanted_refs = sorted({s["reference"] for s in signals})
    columns = (SIGNALS.c.pk, SIGNALS.c.id, SIGNALS.c.source, SIGNALS.c.reference,
               SIGNALS.c.dossier_id, SIGNALS.c.sent_at)
    for chunk in _chunks(wanted_ids):
        for row in session.execute(select(*columns).where(SIGNALS.c.id.in_(chunk))):
            by_id[row.id] = row
    for chunk in _chunks(wanted_refs):
        for row in session.execute(select(*columns).where(SIGNALS.c.reference.in_(chunk))):
            by_key[(row.source, row.reference)] = row
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    last = {(signal["source"], signal["reference"]): signal for signal in signals}
    for key, signal in last.items():
        local = by_id.get(signal["id"]) or by_key.get(key)
        if local is None:
            inserts.append({**signal, "sent_at": now})
        else:
            updates.append({**signal, "spk": local.pk,
                            "dossier_id": signal["dossier_id"] or local.dossier_id,
                            "sent_at": local.sent_at or now})
    for chunk in _chunks(inserts):
        session.execute(insert(SIGNALS), list(chunk))
    if updates:
        keys = [key for key in updates[0] if key != "spk"]
        session.execute(update(SIGNALS).where(SIGNALS.c.pk == bindparam("spk"))
                        .values({key: bindparam(key) for key in keys}), updates)


def _pulled_attempts(session: Session, attempts: list[dict[str, Any]], now: datetime) -> None:
    """Insert the store's attempts this workstation lacks; those it has are marked sent and
    moved to the store's entry."""
    known: dict[str, Any] = {}
    for chunk in _chunks(sorted({a["id"] for a in attempts})):
        for row in session.execute(select(ATTEMPTS.c.id, ATTEMPTS.c.sent_at)
                                   .where(ATTEMPTS.c.id.in_(chunk))):
            known[row.id] = row
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for attempt in attempts:
        local = known.get(attempt["id"])
        if local is None:
            inserts.append({**attempt, "sent_at": now})
            known[attempt["id"]] = SimpleNamespace(sent_at=now)
        else:
            updates.append({"aid": attempt["id"], "entry_id": attempt["entry_id"],
                            "sent_at": local.sent_at or now})
    for chunk in _chunks(inserts):
        session.execute(insert(ATTEMPTS), list(chunk))
    if updates:
        session.execute(update(ATTEMPTS).where(ATTEMPTS.c.id == bindparam("aid"))
                        .values(entry_id=bindparam("entry_id"), sent_at=bindparam("sent_at")),
                        updates)


def apply_pulled(session: Session, entry: Mapping[str, Any], *, site: str, seq: int,
                 now: datetime) -> None:
    """One entry of the store (a claim's answer): as :func:`apply_pulled_page`; ValueError
    naming the field when it is not well formed (nothing written then)."""
    problems = apply_pulled_page(session, [entry], site=site, seq=seq, now=now)
    if problems:
        raise ValueError(problems[0])


def remove_local_call_list(session: Session) -> int:
    """Remove the call list from this workstation (log-out of a shared workstation, as
    ``repository.remove_local_dossiers`` does for dossiers): signals, entries, attempts, links
    and aliases, once nothing waits to be sent; the next pull brings the site's list again.
    Returns how many entries were removed; ValueError, with nothing removed, when signals,
    calls or links are not yet on the central store."""
    pending = count_unsent(session)
    if pending:
        raise ValueError(f"call list: {pending} signals, calls or links are not yet on the "
                         "central store; sync first")
    count = int(session.scalar(select(func.count()).select_from(ENTRIES)) or 0)
    for table in (SIGNALS, ATTEMPTS, LINKS, ALIASES, ENTRIES):
        session.execute(delete(table))
    return count
