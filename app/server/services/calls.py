"""The shared call list of each site (issue 16): signals grouped into entries, call attempts,
the claim that keeps two workstations from calling the same worker at once, the changes feed
and the list's figures.

The rules are app.forms.calls' (checks of what travels, effect of an attempt, an entry's
figures), the same the workstation applies; what is decided only here:

- **grouping**: a new signal joins the site's entry holding a signal with the same SIRET or
  the same NIR (or the entry its workstation named, when the store has it); when it matches
  several, the later-created are merged into the earliest (signals, attempts and aliases
  moved, the merged id kept as an alias, so later pushes and claims naming it still land);
- **state**: an entry's status, unanswered count, next attempt and call-back are its attempts
  replayed in time order through ``apply_attempt``, so an attempt pushed late by a workstation
  that was offline takes its place in the history instead of overwriting what came after it;
- **claim**: granted by one conditional UPDATE (``WHERE claimed_by IS NULL OR
  claim_expires_at < now OR claimed_by = me``), atomic on SQLite and PostgreSQL alike; an
  attempt releases it only when it comes from the workstation holding it.

Every writing operation first takes the shared change counter (app.server.services.common
.next_seq: a row lock until commit on PostgreSQL, the single writer on SQLite), then the
call-list rows, then the audit chain's head: one lock order, no deadlock, and the change
sequence numbers become visible in the order they were handed out. The audit rows name entries
by their random id, never a name, SIRET, NIR or phone.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, func, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from app.db.batches import chunks as _chunks
from app.forms.calls import (
    CLAIM_MINUTES,
    CLAIM_MINUTES_MAX,
    apply_attempt,
    check_attempt,
    check_link,
    check_signal,
    entry_figures,
    when,
)
from app.forms.evaluation import SituationError
from app.server import audit as audit_chain
from app.server.models import CallAttempt, CallEntry, CallEntryAlias, CallSignal, SyncCounter
from app.server.services.common import AgentInfo, next_seq

__all__ = ["CLAIM_MINUTES", "CLAIM_MINUTES_MAX", "ClaimRefused", "changes", "claim",
           "figures", "push", "release"]

_ENTRIES = cast(Table, CallEntry.__table__)


class ClaimRefused(Exception):
    """Another workstation holds the entry (409): who, and until when."""

    def __init__(self, entry_id: uuid.UUID, claimed_by: str | None,
                 expires_at: datetime | None, detail: str) -> None:
        super().__init__(detail)
        self.entry_id = entry_id
        self.claimed_by = claimed_by
        self.expires_at = expires_at
        self.detail = detail

    def to_json(self) -> dict[str, Any]:
        """The body of the 409 answer."""
        return {"detail": self.detail, "claimed_by": self.claimed_by,
                "claim_expires_at": _iso(self.expires_at)}


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


# --------------------------------------------------------------------------- the push


Checked = dict[str, Any]


@dataclass
class _Push:
    """One ``POST /calls/push`` in progress.

    What the batch needs of the store is read up front, a few queries for the whole batch
    (:meth:`prefetch`), then kept up to date in memory as the batch goes: the signals already
    stored under the batch's (source, reference) pairs and ids, the site's entries holding a
    signal with one of the batch's SIRETs or NIRs (``by_key``), and what every entry id the
    batch names means now (``names``: id → (site, live entry id), for entries and aliases)."""

    session: Session
    agent: AgentInfo
    now: datetime
    entries: dict[uuid.UUID, CallEntry] = field(default_factory=dict)
    names: dict[uuid.UUID, tuple[str, uuid.UUID]] = field(default_factory=dict)
    known: dict[tuple[str, str], tuple[str, uuid.UUID]] = field(default_factory=dict)
    signal_ids: set[uuid.UUID] = field(default_factory=set)
    attempt_ids: set[uuid.UUID] = field(default_factory=set)
    by_key: dict[tuple[str, str], set[uuid.UUID]] = field(default_factory=dict)
    touched: set[uuid.UUID] = field(default_factory=set)
    replay: set[uuid.UUID] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)
    audit_rows: list[dict[str, Any]] = field(default_factory=list)

    def prefetch(self, signals: Sequence[Checked], attempts: Sequence[Checked],
                 links: Sequence[Checked]) -> None:
        """Read what the batch needs (after the change counter is locked: nothing changes
        under it until the transaction ends)."""
        session, site = self.session, self.agent.site
        wanted = {(s["source"], s["reference"]) for s in signals}
        entry_ids = {uuid.UUID(item["entry_id"]) for item in (*signals, *attempts, *links)}
        for chunk in _chunks(sorted({reference for _, reference in wanted})):
            for row in session.execute(select(CallSignal.source, CallSignal.reference,
                                              CallSignal.site, CallSignal.entry_id)
                                       .where(CallSignal.reference.in_(chunk))):
                if (row.source, row.reference) in wanted:
                    self.known[(row.source, row.reference)] = (row.site, row.entry_id)
                    entry_ids.add(row.entry_id)
        for chunk in _chunks(sorted({uuid.UUID(s["id"]) for s in signals})):
            self.signal_ids.update(session.scalars(select(CallSignal.id).where(
                CallSignal.id.in_(chunk))))
        for chunk in _chunks(sorted({uuid.UUID(a["id"]) for a in attempts})):
            self.attempt_ids.update(session.scalars(select(CallAttempt.id).where(
                CallAttempt.id.in_(chunk))))
        for name in ("siret", "nir"):
            column = getattr(CallSignal, name)
            for chunk in _chunks(sorted({s[name] for s in signals if s[name] is not None})):
                for row in session.execute(select(column, CallSignal.entry_id).distinct()
                                           .where(CallSignal.site == site, column.in_(chunk))):
                    self.by_key.setdefault((name, row[0]), set()).add(row.entry_id)
                    entry_ids.add(row.entry_id)
        ids = sorted(entry_ids)
        for chunk in _chunks(ids):
            for alias in session.execute(select(CallEntryAlias.alias_id, CallEntryAlias.site,
                                                CallEntryAlias.entry_id)
                                         .where(CallEntryAlias.alias_id.in_(chunk))):
                self.names[alias.alias_id] = (alias.site, alias.entry_id)
        for chunk in _chunks(ids):
            for entry in session.scalars(select(CallEntry).where(CallEntry.id.in_(chunk))):
                self.names[entry.id] = (entry.site, entry.id)
                if entry.site == site:
                    self.entries[entry.id] = entry
        targets = sorted({target for s, target in self.names.values()
                          if s == site and target not in self.entries})
        for chunk in _chunks(targets):  # the entries the batch's aliases mean
            for entry in session.scalars(select(CallEntry).where(CallEntry.id.in_(chunk))):
                self.entries[entry.id] = entry

    def resolve(self, entry_id: uuid.UUID) -> CallEntry | None:
        """The site's live entry ``entry_id`` means (itself or through an alias), or None."""
        found = self.names.get(entry_id)
        if found is None or found[0] != self.agent.site:
            return None
        return self.entries.get(found[1])

    def elsewhere(self, entry_id: uuid.UUID) -> bool:
        """``entry_id`` is an entry or an alias of another site."""
        found = self.names.get(entry_id)
        return found is not None and found[0] != self.agent.site

    def audit(self, action: str, detail: str, dossier_id: uuid.UUID | None = None) -> None:
        self.audit_rows.append({"at": self.now, "agent_login": self.agent.login,
                                "action": action, "dossier_id": dossier_id, "detail": detail})

    def alias(self, pushed: uuid.UUID, entry: CallEntry) -> None:
        """``pushed`` (a workstation's entry id) now means ``entry``: said back, and kept."""
        if pushed == entry.id or pushed in self.entries:
            return  # (a live entry of the site is never an alias)
        self.aliases[str(pushed)] = str(entry.id)
        if self.names.get(pushed) == (entry.site, entry.id):
            return
        row = self.session.get(CallEntryAlias, pushed) if pushed in self.names else None
        if row is None:
            self.session.add(CallEntryAlias(alias_id=pushed, entry_id=entry.id,
                                            site=entry.site, created_at=self.now))
        else:
            row.entry_id = entry.id
        self.names[pushed] = (entry.site, entry.id)


def _check(check: Callable[[object], Checked], raw: Any, key: str = "id"
           ) -> Checked | dict[str, Any]:
    """``raw`` checked (a dict with ``_ok``), or its ``rejected`` result."""
    try:
        return {"_ok": True, **check(raw)}
    except SituationError as exc:
        return _rejected(_raw_id(raw, key), exc, key)


def push(session: Session, agent: AgentInfo, signals: Sequence[Any], attempts: Sequence[Any],
         links: Sequence[Any], now: datetime) -> dict[str, Any]:
    """Store a batch of signals, then attempts, then links (in the caller's transaction);
    one result per item in the order sent, and the aliases of the pushed entry ids the store
    knows under another id."""
    checked = ([_check(check_signal, raw) for raw in signals],
               [_check(check_attempt, raw) for raw in attempts],
               [_check(check_link, raw, "entry_id") for raw in links])
    state = _Push(session, agent, now)
    valid = [[item for item in items if item.get("_ok")] for items in checked]
    if any(valid):
        next_seq(session)  # the change counter first: the module's lock order
        state.prefetch(*valid)
    out: dict[str, Any] = {
        "signals": [_push_signal(state, s) if s.get("_ok") else s for s in checked[0]]}
    # The new entries are written before the attempts that name them: without a relationship
    # between the two models, the unit of work would not order their INSERTs.
    session.flush()
    out["attempts"] = [_push_attempt(state, a) if a.get("_ok") else a for a in checked[1]]
    out["links"] = [_push_link(state, link) if link.get("_ok") else link
                    for link in checked[2]]
    for result in (*out["signals"], *out["links"]):  # an entry merged later in the batch
        meant = state.names.get(uuid.UUID(result["entry_id"])) if result.get(
            "status") != "rejected" else None
        if meant is not None:
            result["entry_id"] = str(meant[1])
    session.flush()
    _replay_all(session, [state.entries[i] for i in sorted(state.replay)
                          if i in state.entries])
    live = [state.entries[i] for i in sorted(state.touched) if i in state.entries]
    if live:
        last = int(session.execute(
            update(SyncCounter).where(SyncCounter.id == 1)
            .values(value=SyncCounter.value + len(live))
            .returning(SyncCounter.value)).scalar_one())
        for seq, entry in enumerate(live, last - len(live) + 1):
            entry.change_seq, entry.updated_at = seq, now
    session.flush()
    audit_chain.append(session, state.audit_rows)
    out["aliases"] = state.aliases
    return out


def _rejected(shown_id: str | None, exc: SituationError, key: str = "id") -> dict[str, Any]:
    return {key: shown_id, "status": "rejected", "reason": str(exc), "field": exc.field}


def _raw_id(raw: Any, key: str = "id") -> str | None:
    """The id of a pushed item as it may be echoed back (a UUID text), else None."""
    value = raw.get(key) if isinstance(raw, dict) else None
    if isinstance(value, str) and len(value) <= 64:
        try:
            return str(uuid.UUID(value))
        except ValueError:
            return None
    return None


def _optional_uuid(value: str | None) -> uuid.UUID | None:
    return None if value is None else uuid.UUID(value)


def _push_signal(state: _Push, signal: Checked) -> dict[str, Any]:
    site = state.agent.site
    signal_id, pushed_entry = uuid.UUID(signal["id"]), uuid.UUID(signal["entry_id"])
    existing = state.known.get((signal["source"], signal["reference"]))
    if existing is not None:
        entry = state.resolve(existing[1]) if existing[0] == site else None
        if entry is None:
            return _rejected(signal["id"], SituationError(
                "reference", f"{signal['source']} {signal['reference']!r} is already on "
                             "another site's call list; expected a signal of this site"))
        if state.elsewhere(pushed_entry):
            return _entry_elsewhere(signal["id"])
        state.alias(pushed_entry, entry)
        state.audit("call_signal_duplicate", f"entry {entry.id} source {signal['source']}",
                    entry.dossier_id)
        return {"id": signal["id"], "status": "duplicate", "entry_id": str(entry.id)}
    if signal_id in state.signal_ids:
        return _rejected(signal["id"], SituationError(
            "id", f"{signal['id']!r} is already the id of another signal; expected a new "
                  "UUID for a new (source, reference)"))
    if state.elsewhere(pushed_entry):
        return _entry_elsewhere(signal["id"])
    entry = _group(state, signal, pushed_entry)
    state.session.add(CallSignal(
        id=signal_id, entry_id=entry.id, site=site, source=signal["source"],
        reference=signal["reference"], type=signal["type"],
        day=date.fromisoformat(signal["date"]), siret=signal["siret"], nir=signal["nir"],
        nom=signal["nom"], prenom=signal["prenom"], telephone=signal["telephone"],
        email=signal["email"], code_postal=signal["code_postal"], commune=signal["commune"],
        montant_cents=signal["montant_cents"], commentaire=signal["commentaire"],
        dossier_id=_optional_uuid(signal["dossier_id"]),
        imported_at=when(signal["imported_at"]), agent=signal["agent"], stored_at=state.now))
    state.known[(signal["source"], signal["reference"])] = (site, entry.id)
    state.signal_ids.add(signal_id)
    for name in ("siret", "nir"):
        if signal[name] is not None:
            state.by_key.setdefault((name, signal[name]), set()).add(entry.id)
    score, amount, oldest = entry_figures([signal])
    entry.score = max(entry.score, score)
    entry.amount_cents += amount
    assert oldest is not None
    entry.oldest = min(entry.oldest, oldest)
    entry.siret = entry.siret or signal["siret"]
    entry.nir = entry.nir or signal["nir"]
    entry.dossier_id = entry.dossier_id or _optional_uuid(signal["dossier_id"])
    state.touched.add(entry.id)
    state.alias(pushed_entry, entry)
    state.audit("call_signal_accepted", f"entry {entry.id} source {signal['source']} "
                                        f"type {signal['type']}", entry.dossier_id)
    return {"id": signal["id"], "status": "accepted", "entry_id": str(entry.id)}


def _entry_elsewhere(signal_id: str) -> dict[str, Any]:
    return _rejected(signal_id, SituationError(
        "entry_id", "is already the id of another site's entry; expected a UUID of this "
                    "workstation's own entry"))


def _group(state: _Push, signal: Checked, pushed_entry: uuid.UUID) -> CallEntry:
    """The entry a new signal joins: the earliest of those it matches (the others merged into
    it), or a new entry with the workstation's id."""
    found: set[uuid.UUID] = set()
    named = state.resolve(pushed_entry)
    if named is not None:
        found.add(named.id)
    for name in ("siret", "nir"):
        if signal[name] is not None:
            found.update(state.by_key.get((name, signal[name]), ()))
    matches = sorted((state.entries[i] for i in found if i in state.entries),
                     key=lambda e: (e.created_at, str(e.id)))
    if not matches:
        entry = CallEntry(id=pushed_entry, site=state.agent.site, siret=signal["siret"],
                          nir=signal["nir"], dossier_id=None, opened_at=None,
                          status="a_appeler", score=0, amount_cents=0,
                          oldest=date.fromisoformat(signal["date"]), unanswered=0,
                          next_attempt_at=None, callback_at=None, claimed_by=None,
                          claimed_agent=None, claim_expires_at=None, created_at=state.now,
                          updated_at=state.now, change_seq=next_seq(state.session))
        state.session.add(entry)
        state.entries[entry.id] = entry
        state.names[entry.id] = (entry.site, entry.id)
        return entry
    target = matches[0]
    for other in matches[1:]:
        _merge(state, target, other)
    return target


def _merge(state: _Push, target: CallEntry, other: CallEntry) -> None:
    """Move ``other``'s signals, attempts and aliases to ``target``, keep its id as an alias
    of ``target`` and recompute ``target``'s figures and state."""
    session, now = state.session, state.now
    session.flush()
    for model in (CallSignal, CallAttempt, CallEntryAlias):
        session.execute(update(model).where(model.entry_id == other.id)
                        .values(entry_id=target.id))  # (in-session rows follow)
    target.siret = target.siret or other.siret
    target.nir = target.nir or other.nir
    target.dossier_id = target.dossier_id or other.dossier_id
    if other.opened_at is not None and (target.opened_at is None
                                        or other.opened_at < target.opened_at):
        target.opened_at = other.opened_at
    if _holder(target, now) is None and _holder(other, now) is not None:
        target.claimed_by, target.claimed_agent = other.claimed_by, other.claimed_agent
        target.claim_expires_at = other.claim_expires_at
    session.delete(other)
    session.flush()
    session.add(CallEntryAlias(alias_id=other.id, entry_id=target.id, site=target.site,
                               created_at=now))
    del state.entries[other.id]
    state.touched.discard(other.id)
    state.replay.discard(other.id)
    for key, (site, meant) in list(state.names.items()):
        if meant == other.id:
            state.names[key] = (site, target.id)
    for ids in state.by_key.values():
        if other.id in ids:
            ids.discard(other.id)
            ids.add(target.id)
    for pushed, meant_text in list(state.aliases.items()):
        if meant_text == str(other.id):
            state.aliases[pushed] = str(target.id)
    state.aliases[str(other.id)] = str(target.id)
    signals = session.execute(select(CallSignal.type, CallSignal.montant_cents,
                                     CallSignal.day).where(CallSignal.entry_id == target.id))
    score, amount, oldest = entry_figures(
        {"type": s.type, "montant_cents": s.montant_cents, "date": s.day} for s in signals)
    target.score, target.amount_cents = score, amount
    if oldest is not None:
        target.oldest = oldest
    state.touched.add(target.id)
    state.replay.add(target.id)
    state.audit("call_merge", f"entry {other.id} into {target.id}", target.dossier_id)


def _holder(entry: CallEntry, now: datetime) -> str | None:
    if entry.claimed_by is None:
        return None
    if entry.claim_expires_at is not None and entry.claim_expires_at < now:
        return None
    return entry.claimed_by


def _replay_all(session: Session, entries: Sequence[CallEntry]) -> None:
    """Each entry's status, unanswered count, next attempt and call-back: its attempts
    applied in time order (app.forms.calls.apply_attempt), from a fresh entry."""
    history: dict[uuid.UUID, list[Any]] = {e.id: [] for e in entries}
    for chunk in _chunks([e.id for e in entries]):
        for row in session.execute(
                select(CallAttempt.entry_id, CallAttempt.outcome, CallAttempt.at,
                       CallAttempt.callback_at)
                .where(CallAttempt.entry_id.in_(chunk))
                .order_by(CallAttempt.at, CallAttempt.id)):
            history[row.entry_id].append(row)
    for entry in entries:
        state: dict[str, Any] = {"status": "a_appeler", "unanswered": 0,
                                 "next_attempt_at": None, "callback_at": None}
        for attempt in history[entry.id]:
            state = apply_attempt(state, {"outcome": attempt.outcome, "at": attempt.at,
                                          "callback_at": attempt.callback_at})
        entry.status = state["status"]
        entry.unanswered = int(state["unanswered"])
        entry.next_attempt_at = when(state["next_attempt_at"])
        entry.callback_at = when(state["callback_at"])


def _push_attempt(state: _Push, attempt: Checked) -> dict[str, Any]:
    site = state.agent.site
    attempt_id = uuid.UUID(attempt["id"])
    if attempt_id in state.attempt_ids:
        return {"id": attempt["id"], "status": "duplicate"}
    entry = state.resolve(uuid.UUID(attempt["entry_id"]))
    if entry is None:
        return _rejected(attempt["id"], SituationError(
            "entry_id", f"{attempt['entry_id']!r} is not an entry of the call list of "
                        f"{site}; expected the id of an entry whose signals were pushed"))
    state.session.add(CallAttempt(
        id=attempt_id, entry_id=entry.id, site=site, at=when(attempt["at"]),
        agent=attempt["agent"], workstation=attempt["workstation"],
        outcome=attempt["outcome"], callback_at=when(attempt["callback_at"]),
        note=attempt["note"], stored_at=state.now))
    state.attempt_ids.add(attempt_id)
    holder = state.agent.workstation or attempt["workstation"]
    released = entry.claimed_by is not None and entry.claimed_by == holder
    if released:
        entry.claimed_by = entry.claimed_agent = entry.claim_expires_at = None
    state.touched.add(entry.id)
    state.replay.add(entry.id)
    state.audit("call_attempt_accepted",
                f"entry {entry.id} outcome {attempt['outcome']}"
                + (" claim released" if released else ""), entry.dossier_id)
    return {"id": attempt["id"], "status": "accepted"}


def _push_link(state: _Push, link: Checked) -> dict[str, Any]:
    entry = state.resolve(uuid.UUID(link["entry_id"]))
    if entry is None:
        return _rejected(link["entry_id"], SituationError(
            "entry_id", f"{link['entry_id']!r} is not an entry of the call list of "
                        f"{state.agent.site}; expected the id of an entry whose signals were "
                        "pushed"), "entry_id")
    dossier_id = uuid.UUID(link["dossier_id"])
    if entry.dossier_id == dossier_id and entry.opened_at is not None:
        return {"entry_id": str(entry.id), "status": "duplicate"}
    entry.dossier_id = dossier_id
    entry.opened_at = entry.opened_at or when(link["at"])
    state.touched.add(entry.id)
    state.audit("call_link_accepted", f"entry {entry.id}", dossier_id)
    return {"entry_id": str(entry.id), "status": "accepted"}


# --------------------------------------------------------------------------- reading


def _signal_json(s: CallSignal) -> dict[str, Any]:
    return {"id": str(s.id), "source": s.source, "reference": s.reference, "type": s.type,
            "date": s.day.isoformat(), "siret": s.siret, "nir": s.nir, "nom": s.nom,
            "prenom": s.prenom, "telephone": s.telephone, "email": s.email,
            "code_postal": s.code_postal, "commune": s.commune,
            "montant_cents": s.montant_cents, "commentaire": s.commentaire,
            "entry_id": str(s.entry_id),
            "dossier_id": None if s.dossier_id is None else str(s.dossier_id),
            "imported_at": _iso(s.imported_at), "agent": s.agent}


def _attempt_json(a: CallAttempt) -> dict[str, Any]:
    return {"id": str(a.id), "entry_id": str(a.entry_id), "at": _iso(a.at), "agent": a.agent,
            "workstation": a.workstation, "outcome": a.outcome,
            "callback_at": _iso(a.callback_at), "note": a.note}


def entries_json(session: Session, entries: Sequence[CallEntry]) -> list[dict[str, Any]]:
    """The entries as the HTTP answers carry them, each with its signals (by date) and its
    attempts (by time)."""
    ids = [e.id for e in entries]
    signals: dict[uuid.UUID, list[dict[str, Any]]] = {i: [] for i in ids}
    attempts: dict[uuid.UUID, list[dict[str, Any]]] = {i: [] for i in ids}
    for chunk in _chunks(ids):
        for s in session.scalars(select(CallSignal).where(CallSignal.entry_id.in_(chunk))
                                 .order_by(CallSignal.day, CallSignal.source,
                                           CallSignal.reference)):
            signals[s.entry_id].append(_signal_json(s))
        for a in session.scalars(select(CallAttempt).where(CallAttempt.entry_id.in_(chunk))
                                 .order_by(CallAttempt.at, CallAttempt.id)):
            attempts[a.entry_id].append(_attempt_json(a))
    return [{"id": str(e.id), "site": e.site, "siret": e.siret, "nir": e.nir,
             "dossier_id": None if e.dossier_id is None else str(e.dossier_id),
             "status": e.status, "score": e.score, "amount_cents": e.amount_cents,
             "oldest": e.oldest.isoformat(), "unanswered": e.unanswered,
             "next_attempt_at": _iso(e.next_attempt_at), "callback_at": _iso(e.callback_at),
             "claimed_by": e.claimed_by, "claimed_agent": e.claimed_agent,
             "claim_expires_at": _iso(e.claim_expires_at), "updated_at": _iso(e.updated_at),
             "signals": signals[e.id], "attempts": attempts[e.id]} for e in entries]


def changes(session: Session, agent: AgentInfo, since: int, limit: int,
            now: datetime) -> dict[str, Any]:
    """The entries of the agent's site changed after ``since``, in change order (at most
    ``limit``), the aliases of those entries, the next cursor; the read is audited."""
    rows = list(session.scalars(
        select(CallEntry).where(CallEntry.site == agent.site, CallEntry.change_seq > since)
        .order_by(CallEntry.change_seq).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    aliases: dict[str, str] = {}
    for chunk in _chunks([e.id for e in rows]):
        for alias in session.execute(
                select(CallEntryAlias.alias_id, CallEntryAlias.entry_id)
                .where(CallEntryAlias.entry_id.in_(chunk)).order_by(CallEntryAlias.alias_id)):
            aliases[str(alias.alias_id)] = str(alias.entry_id)
    out = {"entries": entries_json(session, rows), "aliases": aliases,
           "cursor": rows[-1].change_seq if rows else since, "more": more}
    audit_chain.append(session, [{"at": now, "agent_login": agent.login,
                                  "action": "call_changes",
                                  "detail": f"{len(rows)} entries after {since}"}])
    return out


def figures(session: Session, site: str | None) -> dict[str, int]:
    """How many entries the call list of ``site`` holds (None: every site), how many were
    reached (status joint), opened a dossier, refused, and ended with a letter proposed."""
    def count(*conditions: Any) -> int:
        stmt = select(func.count()).select_from(CallEntry).where(*conditions)
        if site is not None:
            stmt = stmt.where(CallEntry.site == site)
        return int(session.scalar(stmt) or 0)

    return {"entries": count(), "reached": count(CallEntry.status == "joint"),
            "dossiers_opened": count(CallEntry.opened_at.is_not(None)),
            "refusals": count(CallEntry.status == "refus"),
            "letters": count(CallEntry.status == "courrier")}


# --------------------------------------------------------------------------- the claim


def _resolve(session: Session, site: str, entry_id: uuid.UUID) -> CallEntry | None:
    """The site's entry ``entry_id`` names, itself or through an alias; None else."""
    entry = session.get(CallEntry, entry_id)
    if entry is None:
        target = session.scalar(select(CallEntryAlias.entry_id).where(
            CallEntryAlias.alias_id == entry_id, CallEntryAlias.site == site))
        entry = session.get(CallEntry, target) if target is not None else None
    return entry if entry is not None and entry.site == site else None


def _locked_entry(session: Session, agent: AgentInfo, entry_id: uuid.UUID) -> CallEntry | None:
    next_seq(session)  # the change counter first: the module's lock order
    return _resolve(session, agent.site, entry_id)


def _audit_one(session: Session, agent: AgentInfo, action: str, entry: CallEntry,
               detail: str, now: datetime) -> None:
    session.flush()
    audit_chain.append(session, [{"at": now, "agent_login": agent.login, "action": action,
                                  "dossier_id": entry.dossier_id, "detail": detail}])


def claim(session: Session, agent: AgentInfo, workstation: str, entry_id: uuid.UUID,
          minutes: int, now: datetime) -> dict[str, Any] | None:
    """Give ``workstation`` the entry for ``minutes`` (None: no such entry on the agent's
    site); ClaimRefused when another workstation holds an unexpired claim. The grant is one
    conditional UPDATE: of two workstations claiming at once, exactly one gets the row."""
    entry = _locked_entry(session, agent, entry_id)
    if entry is None:
        return None
    expires = now + timedelta(minutes=minutes)
    e = _ENTRIES
    result = cast(CursorResult[Any], session.execute(
        update(e).where(e.c.id == entry.id, e.c.site == agent.site,
                        or_(e.c.claimed_by.is_(None), e.c.claim_expires_at < now,
                            e.c.claimed_by == workstation))
        .values(claimed_by=workstation, claimed_agent=agent.login, claim_expires_at=expires,
                updated_at=now, change_seq=next_seq(session))
        .execution_options(synchronize_session=False)))
    session.refresh(entry)
    if result.rowcount != 1:
        _audit_one(session, agent, "call_claim_refused", entry,
                   f"entry {entry.id} held by {entry.claimed_by}", now)
        raise ClaimRefused(entry.id, entry.claimed_by, entry.claim_expires_at,
                           f"entry: taken by {entry.claimed_by} ({entry.claimed_agent}) until "
                           f"{_iso(entry.claim_expires_at)}; expected an entry no other "
                           "workstation holds")
    _audit_one(session, agent, "call_claim", entry,
               f"entry {entry.id} by {workstation} for {minutes} min", now)
    return entries_json(session, [entry])[0]


def release(session: Session, agent: AgentInfo, workstation: str, entry_id: uuid.UUID,
            now: datetime) -> dict[str, Any] | None:
    """Clear ``workstation``'s claim on the entry (None: no such entry); an entry nobody
    holds is answered as it is; ClaimRefused when another workstation holds it."""
    entry = _locked_entry(session, agent, entry_id)
    if entry is None:
        return None
    e = _ENTRIES
    result = cast(CursorResult[Any], session.execute(
        update(e).where(e.c.id == entry.id, e.c.claimed_by == workstation)
        .values(claimed_by=None, claimed_agent=None, claim_expires_at=None, updated_at=now,
                change_seq=next_seq(session))
        .execution_options(synchronize_session=False)))
    session.refresh(entry)
    if result.rowcount != 1 and entry.claimed_by is not None:
        raise ClaimRefused(entry.id, entry.claimed_by, entry.claim_expires_at,
                           f"entry: held by {entry.claimed_by}, not {workstation}; expected "
                           "an entry this workstation holds")
    if result.rowcount == 1:
        _audit_one(session, agent, "call_release", entry,
                   f"entry {entry.id} by {workstation}", now)
    return entries_json(session, [entry])[0]

