"""The central store's shared call list (issue 16): idempotent pushes, grouping by SIRET/NIR with
merges and aliases, the claim (also raced and across an offline workstation), the changes feed,
the figures, refusals naming the field, the audit without personal data. On SQLite and
PostgreSQL (the ``server`` fixture)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum import luhn

from app.server import audit as audit_chain
from app.server.models import AuditEntry, CallAttempt, CallEntry, CallEntryAlias, CallSignal
from tests.forms.test_identity import nir_with_key
from tests.server.conftest import AGENTS, START, Server, make_record, make_server, new_database


def siret(n: int) -> str:
    """A valid SIRET (Luhn keys of the SIREN and of the whole number)."""
    siren = f"{7320000 + n:08d}"
    siren += luhn.calc_check_digit(siren)
    body = siren + "0001"
    return body + luhn.calc_check_digit(body)


def nir(n: int) -> str:
    return nir_with_key(f"1630529019{n:03d}")


def new_id() -> str:
    return str(uuid.uuid4())


def signal(reference: str, *, siret_: str | None = None, nir_: str | None = None,
           entry: str | None = None, type_: str = "dette", day: str = "2026-10-01",
           amount: int | None = None, source: str = "urssaf",
           dossier: str | None = None) -> dict[str, Any]:
    return {"id": new_id(), "source": source, "reference": reference, "type": type_,
            "date": day, "siret": siret_, "nir": nir_, "nom": "Le Goff", "prenom": "Yann",
            "telephone": "02 98 00 00 00", "email": "yann@example.org", "code_postal": "29200",
            "commune": "Brest", "montant_cents": amount, "commentaire": None,
            "entry_id": entry or new_id(), "dossier_id": dossier,
            "imported_at": "2026-11-20T08:00:00+00:00", "agent": "A. Martin"}


def attempt(entry: str, outcome: str, at: str, workstation: str = "BRE-01",
            callback_at: str | None = None) -> dict[str, Any]:
    return {"id": new_id(), "entry_id": entry, "at": at, "agent": "A. Martin",
            "workstation": workstation, "outcome": outcome, "callback_at": callback_at,
            "note": ""}


def ws(server: Server, code: str, login: str = "bre") -> dict[str, str]:
    """The headers of a workstation (``X-Workstation``) signed in as ``login``."""
    return {**server.login(login), "X-Workstation": code}


def push(server: Server, headers: dict[str, str], signals: list[dict[str, Any]] | None = None,
         attempts: list[dict[str, Any]] | None = None,
         links: list[dict[str, Any]] | None = None,
         client: TestClient | None = None) -> dict[str, Any]:
    response = (client or server.client).post("/calls/push", headers=headers, json={
        "signals": signals or [], "attempts": attempts or [], "links": links or []})
    assert response.status_code == 200, response.text
    return dict(response.json())


def all_changes(server: Server, headers: dict[str, str], since: int = 0,
                limit: int = 500) -> dict[str, Any]:
    response = server.client.get("/calls/changes", headers=headers,
                                 params={"since": since, "limit": limit})
    assert response.status_code == 200, response.text
    return dict(response.json())


def entries(server: Server, headers: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in all_changes(server, headers)["entries"]}


def count(server: Server, model: type) -> int:
    with Session(server.app.state.engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def at(minutes: float) -> str:
    return (START + timedelta(minutes=minutes)).isoformat()


# --------------------------------------------------------------------------- idempotency


def test_a_push_sent_twice_changes_nothing(server: Server) -> None:
    headers = ws(server, "BRE-01")
    signals = [signal("U-1", siret_=siret(1), amount=120_000),
               signal("U-2", siret_=siret(1), type_="incident_paiement", day="2026-09-01"),
               signal("U-3", nir_=nir(3))]
    first = push(server, headers, signals)
    assert [r["status"] for r in first["signals"]] == ["accepted"] * 3
    assert first["signals"][0]["entry_id"] == signals[0]["entry_id"]
    # the second signal's own entry id is known as the first's: said back as an alias
    assert first["signals"][1]["entry_id"] == signals[0]["entry_id"]
    assert first["aliases"] == {signals[1]["entry_id"]: signals[0]["entry_id"]}
    entry_id = signals[0]["entry_id"]
    tries = [attempt(entry_id, "injoignable", at(1))]
    assert push(server, headers, attempts=tries)["attempts"][0]["status"] == "accepted"
    before = all_changes(server, headers)
    counts = [count(server, m) for m in (CallEntry, CallSignal, CallAttempt, CallEntryAlias)]
    assert counts == [2, 3, 1, 1]

    server.clock.advance(minutes=5)
    again = push(server, headers, signals, attempts=tries)
    assert [r["status"] for r in again["signals"]] == ["duplicate"] * 3
    assert [r["entry_id"] for r in again["signals"]] == [r["entry_id"]
                                                         for r in first["signals"]]
    assert again["attempts"] == [{"id": tries[0]["id"], "status": "duplicate"}]
    assert [count(server, m) for m in (CallEntry, CallSignal, CallAttempt,
                                       CallEntryAlias)] == counts
    after = all_changes(server, headers)
    assert after == before  # same entries, same change numbers, same updated_at
    assert all_changes(server, headers, since=before["cursor"])["entries"] == []

    grouped = entries(server, headers)[entry_id]
    assert grouped["score"] == 4 and grouped["amount_cents"] == 120_000
    assert grouped["oldest"] == "2026-09-01" and grouped["unanswered"] == 1
    assert grouped["status"] == "a_appeler"
    assert grouped["next_attempt_at"] == (START + timedelta(minutes=1, days=1)).isoformat()


def test_a_second_workstation_importing_the_same_file_lands_on_the_same_entry(
        server: Server) -> None:
    one, two = ws(server, "BRE-01"), ws(server, "BRE-02")
    mine = signal("T-9", siret_=siret(9), source="tribunal_commerce")
    push(server, one, [mine])
    theirs = dict(mine, id=new_id(), entry_id=new_id())  # its own ids, same (source, ref)
    late = attempt(theirs["entry_id"], "refus", at(3), workstation="BRE-02")
    result = push(server, two, [theirs], attempts=[late])
    assert result["signals"][0] == {"id": theirs["id"], "status": "duplicate",
                                    "entry_id": mine["entry_id"]}
    assert result["aliases"] == {theirs["entry_id"]: mine["entry_id"]}
    assert result["attempts"][0]["status"] == "accepted"
    # the alias is kept: a later push naming the workstation's own entry still lands
    later = attempt(theirs["entry_id"], "joint", at(30), workstation="BRE-02")
    assert push(server, two, attempts=[later])["attempts"][0]["status"] == "accepted"
    entry = entries(server, one)[mine["entry_id"]]
    assert [a["id"] for a in entry["attempts"]] == [late["id"], later["id"]]
    assert entry["status"] == "joint" and count(server, CallEntry) == 1


# --------------------------------------------------------------------------- grouping


def test_signals_group_by_siret_or_nir_and_a_bridge_merges_two_entries(server: Server) -> None:
    headers = ws(server, "BRE-01")
    by_siret = signal("A-1", siret_=siret(5), type_="baisse_activite", amount=10_000)
    push(server, headers, [by_siret])
    server.clock.advance(minutes=1)
    by_nir = signal("A-2", nir_=nir(5), type_="autre", day="2026-08-15", amount=5_000)
    push(server, headers, [by_nir])
    early = attempt(by_nir["entry_id"], "injoignable", at(2))
    push(server, headers, attempts=[early])
    assert count(server, CallEntry) == 2
    cursor = all_changes(server, headers)["cursor"]

    server.clock.advance(minutes=1)
    bridge = signal("A-3", siret_=siret(5), nir_=nir(5), type_="procedure_collective")
    result = push(server, headers, [bridge])
    first, second = by_siret["entry_id"], by_nir["entry_id"]
    assert result["signals"][0]["entry_id"] == first  # the earlier entry keeps its id
    assert result["aliases"] == {second: first, bridge["entry_id"]: first}
    assert count(server, CallEntry) == 1

    page = all_changes(server, headers, since=cursor)
    assert [e["id"] for e in page["entries"]] == [first]
    assert page["aliases"] == {second: first, bridge["entry_id"]: first}
    entry = page["entries"][0]
    assert entry["siret"] == siret(5) and entry["nir"] == nir(5)
    assert entry["score"] == 5 and entry["amount_cents"] == 15_000
    assert entry["oldest"] == "2026-08-15"
    assert {s["reference"] for s in entry["signals"]} == {"A-1", "A-2", "A-3"}
    assert {s["entry_id"] for s in entry["signals"]} == {first}
    assert [a["id"] for a in entry["attempts"]] == [early["id"]]  # moved with its entry
    assert entry["unanswered"] == 1

    # pushes and claims naming the merged id land on the entry it was merged into
    late = attempt(second, "rappel_demande", at(10), callback_at=at(24 * 60))
    assert push(server, headers, attempts=[late])["attempts"][0]["status"] == "accepted"
    claimed = server.client.post(f"/calls/entries/{second}/claim", headers=headers,
                                 json={"minutes": 10})
    assert claimed.status_code == 200 and claimed.json()["id"] == first
    assert claimed.json()["status"] == "rappel"
    assert claimed.json()["callback_at"] == (START + timedelta(days=1)).isoformat()
    # a further signal with the NIR only joins the merged entry too
    more = signal("A-4", nir_=nir(5))
    assert push(server, headers, [more])["signals"][0]["entry_id"] == first


def test_one_push_may_group_merge_and_repeat_itself(server: Server) -> None:
    headers = ws(server, "BRE-01")
    a = signal("M-1", siret_=siret(6))
    b = signal("M-2", nir_=nir(6))
    bridge = signal("M-3", siret_=siret(6), nir_=nir(6))
    call = attempt(b["entry_id"], "injoignable", at(1))
    result = push(server, headers, [a, b, bridge, a], attempts=[call])
    assert [r["status"] for r in result["signals"]] == ["accepted"] * 3 + ["duplicate"]
    kept = result["signals"][2]["entry_id"]
    assert {r["entry_id"] for r in result["signals"]} == {kept}
    assert kept in (a["entry_id"], b["entry_id"])
    assert result["aliases"] == {e: kept for e in (a["entry_id"], b["entry_id"],
                                                   bridge["entry_id"]) if e != kept}
    assert result["attempts"][0]["status"] == "accepted"  # named the merged id: it landed
    assert count(server, CallEntry) == 1 and count(server, CallSignal) == 3
    entry = entries(server, headers)[kept]
    assert entry["unanswered"] == 1 and len(entry["signals"]) == 3


def test_new_entries_their_attempts_and_aliases_land_in_one_push(server: Server) -> None:
    """Signals, the calls made on their new entries and a second signal about the same worker
    under another entry id, all in one push: every row lands (the store writes the entries
    before the rows that name them)."""
    headers = ws(server, "BRE-01")
    first = [signal(f"N-{n}", siret_=siret(40 + n)) for n in range(6)]
    again = signal("N-9", siret_=siret(40))  # the first worker, under a second entry id
    calls = [attempt(s["entry_id"], "joint", at(1)) for s in first]
    calls.append(attempt(again["entry_id"], "injoignable", at(2)))
    result = push(server, headers, [*first, again], attempts=calls)
    assert [r["status"] for r in result["signals"]] == ["accepted"] * 7
    assert result["signals"][6]["entry_id"] == first[0]["entry_id"]
    assert result["aliases"] == {again["entry_id"]: first[0]["entry_id"]}
    assert [r["status"] for r in result["attempts"]] == ["accepted"] * 7
    assert count(server, CallEntry) == 6 and count(server, CallAttempt) == 7
    assert count(server, CallEntryAlias) == 1


def test_entries_are_per_site(server: Server) -> None:
    bre, qui = ws(server, "BRE-01"), ws(server, "QUI-01", login="qui")
    push(server, bre, [signal("S-1", siret_=siret(7))])
    other = signal("S-2", siret_=siret(7))
    assert push(server, qui, [other])["signals"][0]["entry_id"] == other["entry_id"]
    assert count(server, CallEntry) == 2
    assert set(entries(server, qui)) == {other["entry_id"]}
    response = server.client.post(f"/calls/entries/{other['entry_id']}/claim", headers=bre)
    assert response.status_code == 404
    # another site's entry is neither written nor claimed from here
    stray = attempt(other["entry_id"], "joint", at(1))
    result = push(server, bre, attempts=[stray])["attempts"][0]
    assert result["status"] == "rejected" and result["field"] == "entry_id"


# --------------------------------------------------------------------------- claims


def claim(server: Server, headers: dict[str, str], entry: str, minutes: int | None = None,
          client: TestClient | None = None) -> Any:
    body = None if minutes is None else {"minutes": minutes}
    return (client or server.client).post(f"/calls/entries/{entry}/claim", headers=headers,
                                          json=body)


def test_one_workstation_at_a_time_holds_an_entry(server: Server) -> None:
    one, two = ws(server, "BRE-01"), ws(server, "BRE-02")
    s = signal("C-1", siret_=siret(11))
    push(server, one, [s])
    entry = s["entry_id"]
    got = claim(server, one, entry)
    assert got.status_code == 200
    assert got.json()["claimed_by"] == "BRE-01" and got.json()["claimed_agent"] == "bre"
    assert got.json()["claim_expires_at"] == (START + timedelta(minutes=20)).isoformat()
    refused = claim(server, two, entry)
    assert refused.status_code == 409
    assert refused.json() == {
        "detail": refused.json()["detail"], "claimed_by": "BRE-01",
        "claim_expires_at": (START + timedelta(minutes=20)).isoformat()}
    assert "BRE-01" in refused.json()["detail"]
    # the holder extends it; the other cannot release it
    assert claim(server, one, entry, minutes=60).json()["claim_expires_at"] == (
        START + timedelta(minutes=60)).isoformat()
    assert server.client.post(f"/calls/entries/{entry}/release", headers=two).status_code == 409
    released = server.client.post(f"/calls/entries/{entry}/release", headers=one)
    assert released.status_code == 200 and released.json()["claimed_by"] is None
    assert claim(server, two, entry).status_code == 200
    # the others see who holds it through the changes feed
    assert entries(server, one)[entry]["claimed_by"] == "BRE-02"


def test_an_offline_workstations_claim_expires_and_its_late_attempt_is_kept(
        server: Server) -> None:
    one, two = ws(server, "BRE-01"), ws(server, "BRE-02")
    s = signal("O-1", siret_=siret(12))
    push(server, one, [s])
    entry = s["entry_id"]
    assert claim(server, one, entry).status_code == 200  # then BRE-01 goes offline
    server.clock.advance(minutes=19)
    assert claim(server, two, entry).status_code == 409
    server.clock.advance(minutes=2)  # BRE-01's claim expired at 20 minutes
    taken = claim(server, two, entry)
    assert taken.status_code == 200 and taken.json()["claimed_by"] == "BRE-02"

    # BRE-01 comes back and pushes the call it made while it held the entry
    offline = attempt(entry, "injoignable", at(5), workstation="BRE-01")
    assert push(server, one, attempts=[offline])["attempts"][0]["status"] == "accepted"
    now = entries(server, one)[entry]
    assert now["claimed_by"] == "BRE-02"  # not released by someone else's attempt
    assert now["unanswered"] == 1 and [a["id"] for a in now["attempts"]] == [offline["id"]]
    assert claim(server, one, entry).status_code == 409  # and it cannot take it back

    reached = attempt(entry, "joint", at(22), workstation="BRE-02")
    assert push(server, two, attempts=[reached])["attempts"][0]["status"] == "accepted"
    done = entries(server, one)[entry]
    assert done["claimed_by"] is None and done["status"] == "joint"
    # an attempt older than the last one, pushed later still, takes its place in the history
    older = attempt(entry, "injoignable", at(8), workstation="BRE-01")
    push(server, one, attempts=[older])
    done = entries(server, one)[entry]
    assert done["status"] == "joint" and len(done["attempts"]) == 3
    assert [a["at"] for a in done["attempts"]] == sorted(a["at"] for a in done["attempts"])


@pytest.fixture
def pg_server(tmp_path: Path) -> Iterator[Server]:
    with new_database("postgres", tmp_path) as url:
        made = make_server(url, [a for a in AGENTS if a[0] == "bre"])
        with made.client:
            yield made
        made.app.state.engine.dispose()


@pytest.mark.postgres
def test_two_workstations_claiming_at_once_one_wins(pg_server: Server) -> None:
    """Threads against PostgreSQL: for each entry, two workstations claim at the same moment;
    exactly one is granted it, the other is told who holds it."""
    server = pg_server
    headers = {code: ws(server, code) for code in ("BRE-01", "BRE-02")}
    targets = [signal(f"R-{n}", siret_=siret(100 + n)) for n in range(8)]
    push(server, headers["BRE-01"], targets)
    for target in targets:
        barrier = threading.Barrier(2)
        answers: dict[str, Any] = {}

        def take(code: str, entry: str = target["entry_id"],
                 barrier: threading.Barrier = barrier,
                 answers: dict[str, Any] = answers) -> None:
            client = TestClient(server.app)
            barrier.wait()
            answers[code] = claim(server, headers[code], entry, client=client)

        threads = [threading.Thread(target=take, args=(code,)) for code in headers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        codes = sorted(r.status_code for r in answers.values())
        assert codes == [200, 409], [r.text for r in answers.values()]
        winner = next(code for code, r in answers.items() if r.status_code == 200)
        loser = next(r for r in answers.values() if r.status_code == 409)
        assert loser.json()["claimed_by"] == winner
        assert entries(server, headers["BRE-01"])[target["entry_id"]]["claimed_by"] == winner


# --------------------------------------------------------------------------- changes, figures


def test_the_changes_come_in_pages_in_change_order(server: Server) -> None:
    headers = ws(server, "BRE-01")
    signals = [signal(f"P-{n}", siret_=siret(200 + n)) for n in range(7)]
    push(server, headers, signals)
    server.push(server.login("bre"), make_record(1))  # a dossier takes a number in between
    seen: list[str] = []
    cursor, pages = 0, []
    while True:
        page = all_changes(server, headers, since=cursor, limit=3)
        pages.append((len(page["entries"]), page["more"]))
        assert page["cursor"] >= cursor
        seen += [e["id"] for e in page["entries"]]
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert pages == [(3, True), (3, True), (1, False)]
    assert sorted(seen) == sorted(s["entry_id"] for s in signals) and len(set(seen)) == 7
    assert all_changes(server, headers, since=cursor) == {"entries": [], "aliases": {},
                                                          "cursor": cursor, "more": False}
    # a claim is a change: only that entry comes next, and the cursor moves on
    claim(server, headers, signals[2]["entry_id"])
    page = all_changes(server, headers, since=cursor)
    assert [e["id"] for e in page["entries"]] == [signals[2]["entry_id"]]
    assert page["cursor"] > cursor
    bad = server.client.get("/calls/changes", headers=headers, params={"limit": 0})
    assert bad.status_code == 422 and "limit" in bad.json()["detail"]


def test_the_figures_count_the_sites_call_list(server: Server) -> None:
    headers = ws(server, "BRE-01")
    signals = [signal(f"F-{n}", siret_=siret(300 + n)) for n in range(4)]
    push(server, headers, signals)
    push(server, ws(server, "QUI-01", login="qui"), [signal("F-Q", siret_=siret(399))])
    reached, refused, silent, _ = (s["entry_id"] for s in signals)
    dossier = make_record(5)
    tries = [attempt(reached, "joint", at(1)), attempt(refused, "refus", at(2))]
    tries += [attempt(silent, "injoignable", at(60 * 24 * day)) for day in range(3)]
    link = {"entry_id": reached, "dossier_id": dossier["id"], "at": at(3), "agent": "A. Martin"}
    result = push(server, headers, attempts=tries, links=[link])
    assert {r["status"] for r in result["attempts"]} == {"accepted"}
    assert result["links"] == [{"entry_id": reached, "status": "accepted"}]
    assert push(server, headers, links=[link])["links"][0]["status"] == "duplicate"
    assert entries(server, headers)[reached]["dossier_id"] == dossier["id"]
    assert entries(server, headers)[silent]["status"] == "courrier"

    figures = server.client.get("/calls/figures", headers=headers)
    assert figures.status_code == 200
    assert figures.json() == {"entries": 4, "reached": 1, "dossiers_opened": 1,
                              "refusals": 1, "letters": 1}
    every_site = server.client.get("/calls/figures", headers=server.login("admin"))
    assert every_site.json()["entries"] == 5
    partner = server.login("p_caf")
    assert server.client.get("/calls/figures", headers=partner).status_code == 403


# --------------------------------------------------------------------------- refusals, audit


def test_bad_items_are_refused_naming_the_field(server: Server) -> None:
    headers = ws(server, "BRE-01")
    good = signal("B-1", siret_=siret(400))
    bad_siret = signal("B-2", siret_="73282932000075")
    no_key = signal("B-3")
    wrong_type = dict(signal("B-4", nir_=nir(400)), type="rumeur")
    result = push(server, headers, [good, bad_siret, no_key, wrong_type])
    statuses = [(r["status"], r.get("field")) for r in result["signals"]]
    assert statuses == [("accepted", None), ("rejected", "siret"), ("rejected", "siret"),
                        ("rejected", "type")]
    assert "rumeur" in result["signals"][3]["reason"]
    entry = good["entry_id"]
    no_callback = attempt(entry, "rappel_demande", at(1))
    unknown = attempt(new_id(), "joint", at(1))
    odd = dict(attempt(entry, "joint", at(1)), outcome="peut-etre")
    result = push(server, headers, attempts=[no_callback, unknown, odd])
    assert [(r["status"], r.get("field")) for r in result["attempts"]] == [
        ("rejected", "callback_at"), ("rejected", "entry_id"), ("rejected", "outcome")]
    assert result["attempts"][0]["id"] == no_callback["id"]
    link = {"entry_id": new_id(), "dossier_id": new_id(), "at": at(1), "agent": "x"}
    assert push(server, headers, links=[link])["links"][0]["field"] == "entry_id"
    assert count(server, CallSignal) == 1 and count(server, CallAttempt) == 0

    not_an_object = server.client.post("/calls/push", headers=headers,
                                       json={"attempts": [no_callback, "not an object"]})
    assert not_an_object.status_code == 422
    assert not_an_object.json()["errors"][0]["field"] == "attempts.1"
    too_many = server.client.post("/calls/push", headers=headers,
                                  json={"signals": [good] * 501})
    assert too_many.status_code == 422 and "signals" in too_many.json()["detail"]
    wrong = claim(server, headers, entry, minutes=0)
    assert wrong.status_code == 422 and "minutes" in wrong.json()["detail"]
    assert claim(server, headers, entry, minutes=121).status_code == 422
    no_workstation = claim(server, server.login("bre"), entry)
    assert no_workstation.status_code == 422
    assert "X-Workstation" in no_workstation.json()["detail"]
    assert claim(server, headers, new_id()).status_code == 404


@pytest.mark.parametrize("login", ["p_urssaf", "p_caf"])
def test_partners_have_no_access_to_the_call_list(server: Server, login: str) -> None:
    headers = {**server.login(login), "X-Workstation": "REN-01"}
    entry = new_id()
    answers = [server.client.post("/calls/push", headers=headers, json={}),
               server.client.get("/calls/changes", headers=headers),
               server.client.post(f"/calls/entries/{entry}/claim", headers=headers),
               server.client.post(f"/calls/entries/{entry}/release", headers=headers),
               server.client.get("/calls/figures", headers=headers)]
    assert [a.status_code for a in answers] == [403] * 5
    assert server.client.get("/calls/changes").status_code == 401


def test_the_audit_records_each_step_without_personal_data(server: Server) -> None:
    one, two = ws(server, "BRE-01"), ws(server, "BRE-02")
    s = signal("D-1", siret_=siret(500), nir_=nir(500), amount=99_999)
    push(server, one, [s])
    entry = s["entry_id"]
    claim(server, one, entry)
    claim(server, two, entry)
    push(server, one, attempts=[attempt(entry, "joint", at(1))])
    dossier = new_id()
    push(server, one, links=[{"entry_id": entry, "dossier_id": dossier, "at": at(2),
                              "agent": "A. Martin"}])
    with Session(server.app.state.engine) as session:
        rows = list(session.scalars(select(AuditEntry).where(AuditEntry.action.like("call%"))
                                    .order_by(AuditEntry.seq)))
    assert [r.action for r in rows] == ["call_signal_accepted", "call_claim",
                                        "call_claim_refused", "call_attempt_accepted",
                                        "call_link_accepted"]
    assert "claim released" in rows[3].detail
    assert str(rows[4].dossier_id) == dossier
    for row in rows:
        assert entry in row.detail
        for personal in (siret(500), nir(500), "Le Goff", "Yann", "02 98", "yann@", "Brest",
                         "99999", "D-1"):
            assert personal not in row.detail
    assert audit_chain.verify(server.app.state.engine).ok
