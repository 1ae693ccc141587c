"""The call list, as the window and the command line drive it (issue 16): import signals, list
the entries ranked, take one, record the outcome of a call, open a dossier from it.

Plain data in and out (frozen dataclasses, dicts): no Qt and no SQLAlchemy object leaves this
module. Every writing call is one committed transaction of the local store; the sync round sends
it to the central store later (offline-first, like dossiers).

Taking an entry: with a central store configured, ``claimer`` (an
:class:`app.sync.calls.CallSync`) asks the store, which grants one workstation at a time; a
refusal raises :class:`ClaimRefused`. Offline, only an entry this workstation already holds (claim
not expired on the local clock) can be worked on; :class:`CallListOffline` says so otherwise.
Without a central store (``claimer=None``) the claim is local.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import select

from app.forms.calls import (
    CLAIM_MINUTES,
    SIGNAL_IDENTITY,
    claim_holder,
    is_available,
    is_done,
    rank_key,
)
from app.forms.identity import spaced_nir, spaced_siret
from app.forms.signals import SignalFileError, read_signals
from app.models.base import utcnow
from app.models.calls import (
    LINKS,
    EntryTakenError,
    ImportReport,
    UnknownEntryError,
    claim_local,
    get_entry,
    import_signals,
    link_dossier,
    load_entries,
    matching_dossiers,
    record_attempt,
    release_local,
    resolve,
)
from app.models.database import Store
from app.models.entities import Dossier
from app.sync.calls import ClaimRefused
from app.sync.errors import SyncError

__all__ = [
    "AttemptView",
    "CallEntryView",
    "CallListOffline",
    "NotTaken",
    "CallService",
    "ClaimRefused",
    "Claimer",
    "ImportReport",
    "SignalFileError",
    "SignalView",
    "UnknownEntry",
]


@dataclass(frozen=True)
class SignalView:
    """One alert of an entry, as shown in the entry's detail."""

    id: str
    source: str  # SIGNAL_SOURCES
    reference: str
    type: str  # SIGNAL_TYPES
    date: date
    montant_cents: int | None
    commentaire: str | None
    imported_at: datetime
    agent: str
    dossier_id: str | None


@dataclass(frozen=True)
class AttemptView:
    """One call made to the entry's worker."""

    id: str
    at: datetime
    agent: str
    workstation: str  # "REN-02"
    outcome: str  # CALL_OUTCOMES
    callback_at: datetime | None
    note: str
    sent: bool  # already received by the central store


@dataclass(frozen=True)
class CallEntryView:
    """One worker of the site's call list, with their signals and the calls made."""

    id: str
    name: str  # « DUPONT Marie », or the SIRET / NIR when no signal gave a name
    siret: str | None
    nir: str | None
    telephone: str | None
    email: str | None
    commune: str | None
    status: str  # CALL_ENTRY_STATUSES
    score: int
    amount_cents: int
    oldest: date | None
    signals: tuple[SignalView, ...]
    attempts: tuple[AttemptView, ...]  # oldest first
    dossier_id: str | None
    dossier_number: str | None
    dossier_open: bool  # an open dossier of the local store has the same SIRET/NIR
    claimed_by: str | None  # workstation "REN-01"
    claim_expires_at: datetime | None
    mine: bool  # claimed by this workstation, claim not expired
    callback_at: datetime | None
    next_attempt_at: datetime | None
    unanswered: int
    # Added beyond the first shape (add only):
    nom: str | None = None
    prenom: str | None = None
    code_postal: str | None = None
    claimed_agent: str | None = None
    done: bool = False  # status in CALL_ENTRY_DONE
    provisional: bool = False  # created here, not yet known by the central store


class Claimer(Protocol):
    """Who grants claims: the central store (``CallSync``). ``claim`` returns the entry dict
    as the store holds it or raises ClaimRefused; both raise SyncError when offline."""

    def claim(self, entry_id: str, minutes: int = ...) -> dict[str, Any]: ...

    def release(self, entry_id: str) -> dict[str, Any]: ...


UnknownEntry = UnknownEntryError  # no entry of the local call list has this id


class CallListOffline(RuntimeError):
    """The central store cannot be reached and this workstation holds no claim on the entry:
    it cannot take it (another workstation may be calling the worker)."""


class NotTaken(RuntimeError):
    """With a central store, an entry is worked on only while this workstation holds it:
    take it first (or take it again, the claim expired)."""


def _signal_view(d: Mapping[str, Any]) -> SignalView:
    return SignalView(id=d["id"], source=d["source"], reference=d["reference"], type=d["type"],
                      date=d["date"], montant_cents=d["montant_cents"],
                      commentaire=d["commentaire"], imported_at=d["imported_at"],
                      agent=d["agent"], dossier_id=d["dossier_id"])


def _attempt_view(d: Mapping[str, Any]) -> AttemptView:
    return AttemptView(id=d["id"], at=d["at"], agent=d["agent"], workstation=d["workstation"],
                       outcome=d["outcome"], callback_at=d["callback_at"], note=d["note"],
                       sent=d["sent_at"] is not None)


def _latest(signals: Sequence[Mapping[str, Any]], key: str) -> str | None:
    """The value of ``key`` in the most recent signal giving one."""
    for signal in sorted(signals, key=lambda s: (s["date"], s["imported_at"]), reverse=True):
        if signal.get(key):
            return str(signal[key])
    return None


class CallService:
    """One workstation's call list: every method is a complete, committed step.

    ``claimer`` grants claims (the central store, through :class:`app.sync.calls.CallSync`);
    None on a lone workstation, where the claim is local. ``clock`` gives the current time
    when a method is not given ``now``."""

    def __init__(self, store: Store, agent: str, claimer: Claimer | None = None, *,
                 clock: Callable[[], datetime] = utcnow,
                 claim_minutes: int = CLAIM_MINUTES) -> None:
        self._store = store
        self.agent = agent
        self.claimer = claimer
        self.clock = clock
        self.claim_minutes = claim_minutes
        self.me = f"{store.site_code}-{store.workstation_code}"

    # ------------------------------------------------------------------ reading

    def _dicts(self, ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        with self._store.session() as session:
            entries = load_entries(session, site=self._store.site_code, ids=ids)
            sirets = [e["siret"] for e in entries if e["siret"]]
            nirs = [e["nir"] for e in entries if e["nir"]]
            matches = matching_dossiers(session, sirets, nirs)
            linked = sorted({e["dossier_id"] for e in entries if e["dossier_id"]})
            numbers: dict[str, str] = {}
            for start in range(0, len(linked), 500):
                chunk = linked[start:start + 500]
                for row in session.execute(select(Dossier.id, Dossier.number)
                                           .where(Dossier.id.in_(chunk))):
                    numbers[row.id] = row.number
            for found in matches.values():
                numbers[found[0]] = found[1]
            opened = set(session.scalars(select(LINKS.c.entry_id).distinct()))
        for entry in entries:
            match = (matches.get(("siret", entry["siret"] or ""))
                     or matches.get(("nir", entry["nir"] or "")))
            entry["match"] = match
            entry["numbers"] = numbers
            entry["opened"] = entry["id"] in opened
        return entries

    def _view(self, d: Mapping[str, Any], now: datetime) -> CallEntryView:
        signals = d["signals"]
        match = d["match"]
        dossier_id = d["dossier_id"] or (match[0] if match else None)
        nom, prenom = _latest(signals, "nom"), _latest(signals, "prenom")
        name = " ".join(p for p in (nom, prenom) if p) or (
            spaced_siret(d["siret"]) or spaced_nir(d["nir"]) or "")
        return CallEntryView(
            id=d["id"], name=name, siret=d["siret"], nir=d["nir"],
            telephone=_latest(signals, "telephone"), email=_latest(signals, "email"),
            commune=_latest(signals, "commune"), status=d["status"], score=d["score"],
            amount_cents=d["amount_cents"], oldest=d["oldest"],
            signals=tuple(_signal_view(s) for s in signals),
            attempts=tuple(_attempt_view(a) for a in d["attempts"]),
            dossier_id=dossier_id,
            dossier_number=d["numbers"].get(dossier_id) if dossier_id else None,
            dossier_open=bool(match and match[2]),
            claimed_by=d["claimed_by"], claim_expires_at=d["claim_expires_at"],
            mine=claim_holder(d, now) == self.me, callback_at=d["callback_at"],
            next_attempt_at=d["next_attempt_at"], unanswered=d["unanswered"],
            nom=nom, prenom=prenom, code_postal=_latest(signals, "code_postal"),
            claimed_agent=d["claimed_agent"], done=is_done(d),
            provisional=d["server_seq"] is None)

    def _order(self, d: Mapping[str, Any], now: datetime) -> tuple[Any, ...]:
        if is_done(d):
            group = 3
        elif claim_holder(d, now) == self.me:
            group = 0
        elif is_available(d, now, self.me):
            group = 1
        else:
            group = 2
        return (group, *rank_key(d, now))

    def entries(self, now: datetime | None = None,
                include_done: bool = False) -> list[CallEntryView]:
        """The site's call list: the entries this workstation holds, then those it may take
        now (in the order « prendre le suivant » takes them), then those taken elsewhere or
        not due yet, then (``include_done``) the finished ones."""
        now = now or self.clock()
        entries = [d for d in self._dicts() if include_done or not is_done(d)]
        entries.sort(key=lambda d: self._order(d, now))
        return [self._view(d, now) for d in entries]

    def entry(self, entry_id: str, now: datetime | None = None) -> CallEntryView:
        """One entry (an old id the store replaced is followed); UnknownEntry when none."""
        with self._store.session() as session:
            real = get_entry(session, entry_id).id
        return self._view(self._dicts([real])[0], now or self.clock())

    def prefill(self, entry_id: str) -> dict[str, Any]:
        """The identity of a new dossier opened from the entry (the most recent value each
        signal gave), and the channel ``telephone``."""
        with self._store.session() as session:
            real = get_entry(session, entry_id).id
        d = self._dicts([real])[0]
        out: dict[str, Any] = {key: _latest(d["signals"], key) for key in SIGNAL_IDENTITY}
        out["siret"] = d["siret"] or _latest(d["signals"], "siret")
        out["nir"] = d["nir"] or _latest(d["signals"], "nir")
        identity = {key: out.get(key) for key in ("nom", "prenom", "siret", "nir", "telephone",
                                                  "email", "code_postal", "commune")}
        return {**identity, "channel": "telephone"}

    def figures(self) -> dict[str, int]:
        """The call list's figures on this workstation: entries, reached (joint), dossiers
        opened from an entry, refusals, letters proposed (courrier), and still to work on."""
        entries = self._dicts()
        def count(status: str) -> int:
            return sum(1 for d in entries if d["status"] == status)
        return {"entries": len(entries), "reached": count("joint"),
                "dossiers_opened": sum(1 for d in entries if d["opened"]),
                "refusals": count("refus"), "letters": count("courrier"),
                "pending": sum(1 for d in entries if not is_done(d))}

    def export_lines(self) -> Iterator[dict[str, Any]]:
        """The call list as ``signals export`` writes it (shared/spec/cli.md): one dict an
        entry."""
        entries = self._dicts()
        entries.sort(key=lambda d: (d["created_at"], d["id"]))
        for d in entries:
            line: dict[str, Any] = {"id": d["id"]}
            if d["siret"]:
                line["siret"] = d["siret"]
            if d["nir"]:
                line["nir"] = d["nir"]
            line["signals"] = [{"source": s["source"], "reference": s["reference"],
                                "type": s["type"], "date": s["date"].isoformat()}
                               for s in d["signals"]]
            match = d["match"]
            line["dossier"] = d["dossier_id"] or (match[0] if match else None)
            line["attempts"] = [{"at": a["at"].isoformat(), "agent": a["agent"],
                                 "outcome": a["outcome"]} for a in d["attempts"]]
            line["status"] = d["status"]
            yield line

    # ------------------------------------------------------------------ writing

    def import_file(self, data: bytes, source: str | None = None,
                    now: datetime | None = None) -> ImportReport:
        """Import a signals file, all or nothing: SignalFileError lists every bad line (and
        nothing is stored); ValueError names ``--source`` when it is not a known source."""
        return self.import_rows(read_signals(data, source), source, now)

    def import_rows(self, rows: Sequence[Mapping[str, Any]], source: str | None = None,
                    now: datetime | None = None) -> ImportReport:
        """Import signals already read by :func:`app.forms.signals.read_signals`."""
        with self._store.transaction() as session:
            return import_signals(session, rows, source, self.agent, self._store.site_code,
                                  now or self.clock())

    def _push_soon(self) -> None:
        """Send what was just written at once when the store answers (one attempt); the next
        sync round sends it otherwise."""
        push = getattr(self.claimer, "push", None)
        if push is None:
            return
        try:
            push(retry=False)
        except (SyncError, LookupError):
            return

    def take(self, entry_id: str, now: datetime | None = None) -> CallEntryView:
        """Take the entry for ``claim_minutes``: ClaimRefused when another workstation holds
        it; CallListOffline when the store cannot be reached and this workstation does not
        already hold it."""
        now = now or self.clock()
        if self.claimer is None:
            with self._store.transaction() as session:
                try:
                    entry = claim_local(session, entry_id, me=self.me, agent=self.agent,
                                        now=now, minutes=self.claim_minutes)
                except EntryTakenError as exc:
                    raise ClaimRefused(f"the entry is taken by {exc.claimed_by}",
                                       exc.claimed_by, exc.until) from None
                real = entry.id
            return self.entry(real, now)
        try:
            self.claimer.claim(entry_id, self.claim_minutes)
        except SyncError:
            view = self.entry(entry_id, now)
            if view.mine:
                return view
            raise CallListOffline("the central store cannot be reached; only an entry this "
                                  "workstation already holds can be worked on") from None
        return self.entry(entry_id, now)

    def take_next(self, now: datetime | None = None) -> CallEntryView | None:
        """Take the first entry of the ranking this workstation may take (« prendre le
        suivant »); None when there is none. Offline, the entry this workstation holds, or
        CallListOffline."""
        now = now or self.clock()
        candidates = sorted((d for d in self._dicts() if is_available(d, now, self.me)),
                            key=lambda d: self._order(d, now))
        for d in candidates:
            try:
                return self.take(d["id"], now)
            except ClaimRefused:
                continue
            except UnknownEntryError:
                continue
        return None

    def release(self, entry_id: str, now: datetime | None = None) -> CallEntryView:
        """Give the entry back (nothing recorded). Offline, the local claim is dropped and the
        store's expires by itself."""
        now = now or self.clock()
        if self.claimer is not None:
            try:
                self.claimer.release(entry_id)
            except (SyncError, ClaimRefused):
                pass
        with self._store.transaction() as session:
            real = release_local(session, entry_id, me=self.me).id
        return self.entry(real, now)

    def record(self, entry_id: str, outcome: str, now: datetime | None = None,
               callback_at: datetime | None = None, note: str = "") -> CallEntryView:
        """Record a call's outcome and move the entry on; the claim is given back. ValueError
        naming a bad field (an outcome, a call-back time missing for rappel_demande);
        ClaimRefused when another workstation holds the entry; NotTaken when a central store
        is configured and this workstation does not hold the entry."""
        now = now or self.clock()
        with self._store.transaction() as session:
            entry = get_entry(session, entry_id)
            holder = claim_holder({"claimed_by": entry.claimed_by,
                                   "claim_expires_at": entry.claim_expires_at}, now)
            if holder is not None and holder != self.me:
                raise ClaimRefused(f"the entry is taken by {holder}", holder,
                                   entry.claim_expires_at)
            if self.claimer is not None and holder != self.me:
                raise NotTaken("take the entry before recording a call (the claim expired "
                               "or was never taken)")
            if is_done({"status": entry.status}):
                raise ValueError(f"status: the entry is already done ({entry.status}); "
                                 "expected an entry still to call")
            real = entry.id
            record_attempt(session, real, outcome=outcome, at=now, agent=self.agent,
                           workstation=self.me, callback_at=callback_at, note=note)
        self._push_soon()
        return self.entry(real, now)

    def link_dossier(self, entry_id: str, dossier_id: str,
                     now: datetime | None = None) -> CallEntryView:
        """The dossier ``dossier_id`` was opened from the entry (« Ouvrir le dossier »)."""
        now = now or self.clock()
        with self._store.transaction() as session:
            real = get_entry(session, entry_id).id
            link_dossier(session, real, dossier_id, agent=self.agent, now=now)
        self._push_soon()
        return self.entry(real, now)

    def resolve(self, entry_id: str) -> str:
        """The id an entry has now (a provisional id the store replaced is followed)."""
        with self._store.session() as session:
            return resolve(session, entry_id)
