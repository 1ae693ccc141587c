"""The call list on one workstation (app.call_service over app.models.calls): import, the
entries as the window shows them, taking, recording calls, opening a dossier, the local claim
of a lone workstation and the rules with a central store (offline included)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.call_service import (
    CallListOffline,
    CallService,
    ClaimRefused,
    NotTaken,
    SignalFileError,
    UnknownEntry,
)
from app.dossier_service import DossierService
from app.models import calls as store_calls
from app.models.database import Store
from app.models.entities import AuditLog
from app.sync.errors import SyncError
from tests.forms.test_identity import NIR
from tests.forms.test_scenarios import SCENARIOS

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SIRET = "73282932000074"  # the dossier's
SIRET_B = "35600000000048"
SIRET_C = "44306184100047"
NIR_C = "255081416802538"
HEADER = "source;reference;type;date;siret;nir;nom;prenom;telephone;montant"


def csv(*lines: str) -> bytes:
    return ("\n".join((HEADER, *lines)) + "\n").encode("utf-8")


FILE = csv(
    f"urssaf;U-1;dette;2026-10-01;{SIRET};;Le Goff;Yann;02 98 00 00 00;1 200,00",
    f"caf;C-1;baisse_activite;2026-09-01;;{NIR};Le Goff;Yann;;",
    f"urssaf;U-2;procedure_collective;2026-11-01;{SIRET_B};;Morvan;Anne;;",
    f"urssaf;U-3;incident_paiement;2026-11-02;{SIRET_C};;Riou;Paul;;5000",
    f"urssaf;U-4;autre;2026-11-03;;{NIR_C};Riou;Paul;06 11 22 33 44;",
)


@pytest.fixture
def dossier_id(store: Store) -> str:
    baker = SCENARIOS[0]["situation"]
    return DossierService(store, agent="A. Le Gall").create(
        identity={"nom": "Le Goff", "prenom": "Yann", "date_naissance": "1963-05-14",
                  "nir": NIR, "siret": SIRET}, profile=baker["profile"], channel="accueil")


@pytest.fixture
def service(store: Store) -> CallService:
    return CallService(store, "a.le.gall", clock=lambda: T0)


def audit(store: Store, action: str) -> list[AuditLog]:
    with store.session() as session:
        return list(session.scalars(select(AuditLog).where(AuditLog.action == action)))


def test_import_groups_matches_and_ranks(service: CallService, store: Store,
                                         dossier_id: str) -> None:
    report = service.import_file(FILE)
    assert (report.imported, report.already, report.matched, report.entries) == (5, 0, 2, 4)
    assert report.line() == ("signals: 5 imported, 0 already present, 2 matched to existing "
                             "dossiers, 4 call-list entries")
    entries = service.entries(T0)
    assert [(e.name, e.score) for e in entries] == [
        ("Morvan Anne", 5), ("Riou Paul", 4), ("Le Goff Yann", 3), ("Riou Paul", 1)]
    # Le Goff: a SIRET signal and a NIR signal, one person through their dossier
    le_goff = entries[2]
    assert (le_goff.siret, le_goff.nir) == (SIRET, NIR)
    assert le_goff.dossier_open and le_goff.dossier_id == dossier_id
    assert le_goff.dossier_number and le_goff.dossier_number.startswith("TI-BRE-02-")
    assert (le_goff.amount_cents, le_goff.oldest) == (120_000, date(2026, 9, 1))
    assert [s.reference for s in le_goff.signals] == ["C-1", "U-1"]
    assert all(s.dossier_id == dossier_id for s in le_goff.signals)
    assert le_goff.telephone == "02 98 00 00 00" and le_goff.provisional
    assert not le_goff.mine and le_goff.status == "a_appeler" and le_goff.attempts == ()
    assert not entries[0].dossier_open and entries[0].dossier_id is None
    # Riou: the SIRET signal and the NIR signal stay two entries until a signal names both
    first, second = entries[1].id, entries[3].id
    # a third signal naming both keys merges Riou's two entries (the later into the earlier)
    report = service.import_file(csv(f"urssaf;U-5;dette;2026-11-04;{SIRET_C};{NIR_C};Riou;;;"))
    assert (report.imported, report.entries) == (1, 1)
    assert len(service.entries(T0)) == 3
    assert service.entries(T0)[1].score == 4
    kept = service.entry(first)
    assert service.entry(second).id == kept.id  # the merged id is an alias
    assert [s.reference for s in kept.signals] == ["U-3", "U-4", "U-5"]
    assert (kept.siret, kept.nir, kept.amount_cents) == (SIRET_C, NIR_C, 500_000)
    # the same file again changes nothing
    again = service.import_file(FILE)
    assert (again.imported, again.already, again.matched, again.entries) == (0, 5, 0, 3)
    assert again.line().endswith(", 3 call-list entries")
    rows = audit(store, "signals_import")
    assert len(rows) == 2  # nothing written by the repeat
    detail = json.loads(rows[0].detail)
    assert detail == {"imported": 5, "already": 0, "matched": 2, "entries": 4,
                      "sources": ["caf", "urssaf"]}


def test_a_bad_file_stores_nothing(service: CallService) -> None:
    with pytest.raises(SignalFileError) as caught:
        service.import_file(csv(f"urssaf;U-1;dette;2026-10-01;{SIRET};;;;;",
                                "urssaf;U-2;dette;2026-10-01;;;;;;"))
    assert [p.line for p in caught.value.problems] == [3]
    assert service.entries(T0) == []
    with pytest.raises(ValueError, match="^--source: "):
        service.import_file(FILE, "nobody")


def test_lone_workstation_works_the_list(service: CallService, store: Store,
                                         dossier_id: str) -> None:
    service.import_file(FILE)
    taken = service.take_next(T0)
    assert taken is not None and taken.name == "Morvan Anne" and taken.mine
    assert taken.claimed_by == "BRE-02" and taken.claim_expires_at == T0 + timedelta(minutes=20)
    assert service.entries(T0)[0].id == taken.id  # what I hold comes first
    after = service.record(taken.id, "injoignable", T0 + timedelta(minutes=2), note="répondeur")
    assert (after.status, after.unanswered, after.mine, after.claimed_by) == ("a_appeler", 1,
                                                                              False, None)
    assert after.next_attempt_at == T0 + timedelta(days=1, minutes=2)
    assert after.attempts[0].note == "répondeur" and not after.attempts[0].sent
    # not due again before tomorrow: the next one is Riou (score 4); given back
    nxt = service.take_next(T0 + timedelta(minutes=3))
    assert nxt is not None and nxt.name == "Riou Paul" and nxt.mine
    assert not service.release(nxt.id, T0 + timedelta(minutes=3)).mine
    le_goff = next(e for e in service.entries(T0) if e.siret == SIRET)
    nxt = service.take(le_goff.id, T0 + timedelta(minutes=3))
    with pytest.raises(ValueError, match="^callback_at: required"):
        service.record(nxt.id, "rappel_demande", T0 + timedelta(minutes=4))
    call_back = T0 + timedelta(days=2)
    nxt = service.record(nxt.id, "rappel_demande", T0 + timedelta(minutes=4),
                         callback_at=call_back)
    assert nxt.status == "rappel" and nxt.callback_at == call_back
    # the call-back is due first, before Morvan (due again) and the higher scores
    due = service.take_next(call_back)
    assert due is not None and due.id == nxt.id
    reached = service.record(due.id, "joint", call_back)
    assert reached.status == "joint" and reached.done
    assert service.prefill(reached.id) == {
        "nom": "Le Goff", "prenom": "Yann", "siret": SIRET, "nir": NIR,
        "telephone": "02 98 00 00 00", "email": None, "code_postal": None, "commune": None,
        "channel": "telephone"}
    with pytest.raises(ValueError, match="^status: the entry is already done"):
        service.record(reached.id, "refus", call_back)
    linked = service.link_dossier(reached.id, dossier_id, call_back)
    assert linked.dossier_id == dossier_id
    assert all(e.id != reached.id for e in service.entries(call_back))
    assert any(e.id == reached.id for e in service.entries(call_back, include_done=True))
    history = DossierService(store, agent="x").history(dossier_id)
    [link] = [h for h in history if h.action == "call_link"]
    assert link.at == call_back and link.agent == "a.le.gall"
    assert link.detail == {"entry_id": reached.id,
                                 "signals": ["caf:baisse_activite", "urssaf:dette"]}
    # three unanswered calls: a letter
    morvan = taken.id
    for day in (1, 2):
        service.take(morvan, T0 + timedelta(days=day, minutes=5))
        service.record(morvan, "injoignable", T0 + timedelta(days=day, minutes=5))
    assert service.entry(morvan).status == "courrier"
    assert service.figures() == {"entries": 4, "reached": 1, "dossiers_opened": 1,
                                 "refusals": 0, "letters": 1, "pending": 3}
    lines = {line["id"]: line for line in service.export_lines()}
    assert lines[reached.id] == {
        "id": reached.id, "siret": SIRET, "nir": NIR,
        "signals": [{"source": "caf", "reference": "C-1", "type": "baisse_activite",
                     "date": "2026-09-01"},
                    {"source": "urssaf", "reference": "U-1", "type": "dette",
                     "date": "2026-10-01"}],
        "dossier": dossier_id,
        "attempts": [{"at": (T0 + timedelta(minutes=4)).isoformat(), "agent": "a.le.gall",
                      "outcome": "rappel_demande"},
                     {"at": call_back.isoformat(), "agent": "a.le.gall", "outcome": "joint"}],
        "status": "joint"}
    assert "nir" not in lines[morvan] and lines[morvan]["dossier"] is None
    # audit: codes and random ids, no personal data
    for action in ("call_attempt", "call_link", "signals_import"):
        for row in audit(store, action):
            assert not any(v in row.detail for v in (SIRET, NIR, "Goff", "Morvan", "répondeur"))
    assert len(audit(store, "call_attempt")) == 5


def test_a_claim_of_another_workstation_is_respected(service: CallService,
                                                     store: Store) -> None:
    service.import_file(FILE)
    entry = service.entries(T0)[0]
    with store.transaction() as session:
        row = store_calls.get_entry(session, entry.id)
        store_calls.set_claim(row, "BRE-01", "b.morvan", T0 + timedelta(minutes=10))
    with pytest.raises(ClaimRefused) as refused:
        service.take(entry.id, T0)
    assert refused.value.claimed_by == "BRE-01"
    assert refused.value.until == T0 + timedelta(minutes=10)
    with pytest.raises(ClaimRefused):
        service.record(entry.id, "joint", T0)
    view = service.entries(T0)[-1]
    assert view.id == entry.id and view.claimed_by == "BRE-01" and not view.mine
    nxt = service.take_next(T0)
    assert nxt is not None and nxt.id != entry.id
    # expired: free again
    assert service.take(entry.id, T0 + timedelta(minutes=11)).mine
    assert not service.release(entry.id, T0 + timedelta(minutes=12)).mine
    with pytest.raises(UnknownEntry):
        service.take(str(uuid.uuid4()), T0)


class FakeClaimer:
    """A central store that grants, refuses, or cannot be reached."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.mode = "grant"
        self.calls: list[tuple[str, str]] = []

    def claim(self, entry_id: str, minutes: int = 20) -> dict[str, Any]:
        self.calls.append(("claim", entry_id))
        if self.mode == "offline":
            raise SyncError("the central store cannot be reached")
        holder = "BRE-01" if self.mode == "refuse" else "BRE-02"
        until = T0 + timedelta(minutes=5 if self.mode == "refuse" else minutes)
        with self.store.transaction() as session:
            store_calls.set_claim(store_calls.get_entry(session, entry_id), holder, "b", until)
        if self.mode == "refuse":
            raise ClaimRefused("taken", holder, until)
        return {}

    def release(self, entry_id: str) -> dict[str, Any]:
        self.calls.append(("release", entry_id))
        if self.mode == "offline":
            raise SyncError("unreachable")
        return {}

    def push(self, *, retry: bool = True) -> int:
        self.calls.append(("push", str(retry)))
        raise SyncError("unreachable")


def test_with_a_central_store(store: Store) -> None:
    claimer = FakeClaimer(store)
    service = CallService(store, "a.le.gall", claimer, clock=lambda: T0)
    service.import_file(FILE)
    first = service.entries(T0)[0]
    with pytest.raises(NotTaken):
        service.record(first.id, "joint", T0)  # not taken
    claimer.mode = "refuse"
    assert service.take_next(T0) is None  # every entry refused
    assert all(e.claimed_by == "BRE-01" for e in service.entries(T0))
    claimer.mode = "grant"
    held = service.take(first.id, T0 + timedelta(minutes=6))
    assert held.mine
    claimer.mode = "offline"
    # offline: only the entry held can be worked on
    assert service.take(first.id, T0 + timedelta(minutes=7)).id == first.id
    assert service.take_next(T0 + timedelta(minutes=7)).id == first.id  # type: ignore[union-attr]
    other = service.entries(T0 + timedelta(minutes=7))[1]
    with pytest.raises(CallListOffline):
        service.take(other.id, T0 + timedelta(minutes=7))
    recorded = service.record(first.id, "refus", T0 + timedelta(minutes=8))
    assert recorded.status == "refus" and ("push", "False") in claimer.calls
    # the claim expired on the local clock: neither taken nor recorded offline
    riou = next(e for e in service.entries(T0) if e.siret == SIRET_C)
    with pytest.raises(CallListOffline):
        service.take_next(T0 + timedelta(hours=1))
    with pytest.raises(NotTaken):
        service.record(riou.id, "joint", T0 + timedelta(hours=1))
    assert service.release(riou.id).id == riou.id  # offline: nothing to give back


def test_pulled_entries_replace_provisional_ones(service: CallService, store: Store) -> None:
    service.import_file(FILE)
    provisional = service.entries(T0)[0]
    server_id = str(uuid.uuid4())
    with store.transaction() as session:
        signals, attempts, links = store_calls.unsent(session, 500)
        assert len(signals) == 5 and attempts == [] and links == []
        store_calls.mark_sent(session, signals=[s["id"] for s in signals], now=T0)
        store_calls.rename_entry(session, provisional.id, server_id)
        assert store_calls.count_unsent(session) == 0
    renamed = service.entry(provisional.id)
    assert renamed.id == server_id and renamed.provisional
    service.take(server_id, T0)
    service.record(server_id, "injoignable", T0)
    pulled = {
        "id": server_id, "site": "BRE", "siret": SIRET_B, "nir": None, "dossier_id": None,
        "status": "a_appeler", "score": 5, "amount_cents": 0, "oldest": "2026-11-01",
        "unanswered": 1, "next_attempt_at": T0.isoformat(), "callback_at": None,
        "claimed_by": "BRE-01", "claimed_agent": "b.morvan",
        "claim_expires_at": (T0 + timedelta(minutes=30)).isoformat(),
        "updated_at": T0.isoformat(),
        "signals": [{**s, "entry_id": server_id} for s in signals if s["siret"] == SIRET_B],
        "attempts": [{"id": str(uuid.uuid4()), "entry_id": server_id,
                      "at": (T0 - timedelta(hours=1)).isoformat(), "agent": "b.morvan",
                      "workstation": "BRE-01", "outcome": "injoignable",
                      "callback_at": None, "note": ""}],
    }
    with store.transaction() as session:
        store_calls.apply_pulled(session, pulled, site="BRE", seq=7, now=T0)
    view = service.entry(server_id)
    # the store's state, then this workstation's unsent attempt on top
    assert view.unanswered == 2 and view.claimed_by == "BRE-01" and not view.provisional
    assert [a.workstation for a in view.attempts] == ["BRE-01", "BRE-02"]
    assert [a.sent for a in view.attempts] == [True, False]
    with store.transaction() as session, pytest.raises(ValueError, match="^status: "):
        store_calls.apply_pulled(session, {**pulled, "status": "perdu"}, site="BRE", seq=8,
                                 now=T0)
    assert service.entry(server_id).unanswered == 2


def test_the_call_list_leaves_a_shared_workstation_only_once_sent(service: CallService,
                                                                   store: Store) -> None:
    service.import_file(FILE)
    with store.transaction() as session, pytest.raises(ValueError, match="5 signals, calls"):
        store_calls.remove_local_call_list(session)
    with store.transaction() as session:
        signals, _, _ = store_calls.unsent(session, 500)
        store_calls.mark_sent(session, signals=[s["id"] for s in signals], now=T0)
    with store.transaction() as session:
        # no dossier ties Le Goff's SIRET and NIR here: five entries
        assert store_calls.remove_local_call_list(session) == 5
    assert service.entries(T0) == []


def test_signing_out_of_a_shared_workstation_takes_the_call_list_too(service: CallService,
                                                                     store: Store) -> None:
    """The log-out of a shared workstation (repository.remove_local_dossiers) refuses while a
    signal is unsent, and removes the call list with the dossiers once everything is sent."""
    from app.models.repository import UnsyncedCallsError, remove_local_dossiers

    service.import_file(FILE)
    with store.transaction() as session, pytest.raises(UnsyncedCallsError):
        remove_local_dossiers(session)
    assert len(service.entries(T0)) == 5  # nothing removed
    with store.transaction() as session:
        signals, _, _ = store_calls.unsent(session, 500)
        store_calls.mark_sent(session, signals=[s["id"] for s in signals], now=T0)
    with store.transaction() as session:
        remove_local_dossiers(session)
    assert service.entries(T0) == []
