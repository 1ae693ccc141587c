"""A seeded random day of three workstations and two partners on one central store, on SQLite
and PostgreSQL: random answers, identity corrections, revocations, new grants, prints and
partner follow-ups, synced in a random order with rounds cut off half-way (the answer lost after
the store did the work, or the connection refused). At the end:

- the only conflicts a person is asked about are fields changed to different values on both
  sides (each resolved, then everything syncs);
- every workstation and the store agree on every dossier;
- no revoked consent is given again: a consent is active only when granted after every
  revocation of that organisme made anywhere;
- every partner follow-up on the store is the last one its partner wrote (no counter wrote one),
  and a partner never sees a dossier whose consent was revoked.

The seed is printed; ``ACCUEIL_TI_MERGE_SEED=N`` replays one.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from keyring.backend import KeyringBackend

from app.dossier_service import DossierService
from app.models.database import Store, open_store
from app.models.repository import find_dossier, iter_export, record_print, update_identity
from app.server.admin import export_dossiers
from app.sync.client import SyncClient
from tests.server.conftest import AGENTS, BACKENDS, Server, make_server, new_database
from tests.sync.conftest import BAKER, IDENTITY, Sleeps

PARTNERS = ("p_urssaf", "p_caf")
ORGANISMES = ("urssaf", "caf", "assurance_retraite")
SHARED = ("identity", "profile", "answers", "consents", "orientations", "printed", "status",
          "urgent", "revision", "number")
PARTNER_STATUSES = ("recue", "en_cours", "contact_pris", "cloturee")
STEPS = 160


class Cut(httpx.BaseTransport):
    """Forwards requests; cuts some rounds off as a killed client or a dead link would:
    refused before the store sees the request, or the answer lost after it did the work."""

    def __init__(self, inner: httpx.BaseTransport, rng: random.Random) -> None:
        self.inner = inner
        self.rng = rng
        self.armed = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.armed and self.rng.random() < 0.3:
            self.armed = False
            if self.rng.random() < 0.5:
                raise httpx.ConnectError("connection refused", request=request)
            response = self.inner.handle_request(request)
            response.read()
            raise httpx.ReadError("connection reset while reading the answer", request=request)
        return self.inner.handle_request(request)


@dataclass
class Day:
    server: Server
    stores: list[Store]
    clients: list[SyncClient]
    cuts: list[Cut]
    rng: random.Random
    partner_headers: dict[str, dict[str, str]]
    dossiers: list[str] = field(default_factory=list)
    # (dossier id, organisme) -> times of every revocation made anywhere
    revocations: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # (dossier id, organisme) -> the partner's last follow-up (status, outcome, note)
    follow_ups: dict[tuple[str, str], tuple[str, str | None, str]] = field(default_factory=dict)
    asked: list[tuple[str, Any, Any, Any]] = field(default_factory=list)


@pytest.fixture(params=BACKENDS)
def day(request: pytest.FixtureRequest, tmp_path: Path,
        keyring_backend: KeyringBackend) -> Iterator[Day]:
    seed = int(os.environ.get("ACCUEIL_TI_MERGE_SEED") or random.SystemRandom().randrange(10**6))
    print(f"random sync day: ACCUEIL_TI_MERGE_SEED={seed}")
    rng = random.Random(seed)
    agents = [a for a in AGENTS if a[0] == "bre" or a[0] in PARTNERS]
    with new_database(request.param, tmp_path) as url:
        server = make_server(url, agents)
        server.clock.now = datetime.now(server.clock.now.tzinfo)
        with server.client:
            token = server.login("bre")["Authorization"].removeprefix("Bearer ")
            stores = [open_store(tmp_path / f"ws{n}", site_code="BRE",
                                 workstation_code=f"0{n}") for n in (2, 3, 4)]
            cuts = [Cut(server.client._transport, rng) for _ in stores]
            clients = [SyncClient(s, httpx.Client(transport=c, base_url="http://testserver"),
                                  token=token, sleep=Sleeps(), max_retries=0)
                       for s, c in zip(stores, cuts, strict=True)]
            try:
                yield Day(server, stores, clients, cuts, rng,
                          {p: server.login(p) for p in PARTNERS})
            finally:
                for store in stores:
                    store.close()
        server.app.state.engine.dispose()


def holders(day: Day, dossier_id: str) -> list[int]:
    out = []
    for n, store in enumerate(day.stores):
        with store.session() as session:
            if find_dossier(session, dossier_id) is not None:
                out.append(n)
    return out


def new_case(day: Day, n: int) -> None:
    service = DossierService(day.stores[n], agent=f"Agent {n}")
    names = ("Le Goff", "Kerjean", "Le Bihan", "Tanguy", "Morvan", "Guivarch", "Riou")
    identity = {**IDENTITY, "nom": names[len(day.dossiers) % len(names)]}
    dossier_id = service.create(identity=identity, profile=BAKER["profile"], channel="accueil")
    for question, code in BAKER["answers"].items():
        service.answer(dossier_id, question, code)
    service.record_consents(dossier_id, dict.fromkeys(ORGANISMES, True), mode="signe_accueil")
    day.dossiers.append(dossier_id)


def act(day: Day) -> None:
    rng = day.rng
    if not day.dossiers or rng.random() < 0.03:
        new_case(day, rng.randrange(3))
        return
    dossier_id = rng.choice(day.dossiers)
    there = holders(day, dossier_id)
    action = rng.choice(("answer", "answer", "identity", "revoke", "grant", "print",
                         "follow_up", "follow_up", "sync", "sync", "sync", "sync"))
    if action == "sync":
        n = rng.randrange(3)
        day.cuts[n].armed = rng.random() < 0.4
        day.clients[n].run_round()
        day.cuts[n].armed = False
        return
    if action == "follow_up":
        partner = rng.choice(PARTNERS)
        organisme = partner.removeprefix("p_")
        status = rng.choice(PARTNER_STATUSES)
        outcome = rng.choice(("aide_accordee", "aide_refusee")) if status == "cloturee" else None
        note = rng.choice(("", "rappel lundi", "dossier complet", "pièces demandées"))
        response = day.server.client.post(
            f"/partner/dossiers/{dossier_id}/orientation", headers=day.partner_headers[partner],
            json={"status": status, "outcome": outcome, "note": note})
        assert response.status_code in (200, 404), response.text
        if response.status_code == 200:
            day.follow_ups[(dossier_id, organisme)] = (status, outcome, note)
        return
    if not there:
        return
    n = rng.choice(there)
    store, agent = day.stores[n], f"Agent {n}"
    service = DossierService(store, agent=agent)
    record = service.record(dossier_id)
    active = {c["organisme"] for c in record["consents"]
              if c["given"] and c["revoked_at"] is None}
    if action == "answer":
        question = rng.choice(("Q01", "Q03", "Q04", "Q05", "Q07"))
        codes = {"Q01": ("dette", "ponctuelles", "non"), "Q03": ("non", "catastrophe", "externe"),
                 "Q04": ("oui", "tendue", "non"), "Q05": ("non", "arret", "oui_sans_arret"),
                 "Q07": ("modestes", "tres_faibles")}[question]
        service.answer(dossier_id, question, rng.choice(codes))
    elif action == "identity":
        with store.transaction() as session:
            dossier = find_dossier(session, dossier_id)
            assert dossier is not None
            phone = rng.choice(("02 98 00 00 01", "06 12 34 56 78", "07 00 11 22 33"))
            update_identity(session, dossier, identity={"telephone": phone}, agent=agent)
    elif action == "revoke" and active:
        organisme = rng.choice(sorted(active))
        service.revoke(dossier_id, organisme)
        revoked = next(c for c in service.record(dossier_id)["consents"]
                       if c["organisme"] == organisme)
        day.revocations.setdefault((dossier_id, organisme), []).append(revoked["revoked_at"])
    elif action == "grant" and set(ORGANISMES) - active:
        organisme = rng.choice(sorted(set(ORGANISMES) - active))
        service.record_consents(dossier_id, {organisme: True}, mode="oral_telephone")
    elif action == "print":
        with store.transaction() as session:
            dossier = find_dossier(session, dossier_id)
            assert dossier is not None
            record_print(session, dossier, rng.choice(("summary", "consent")), agent=agent,
                         content_hash=f"{rng.randrange(16**8):08x}" * 8)


def settle(day: Day) -> None:
    """Sync every workstation until nothing moves; each conflict a person is asked about must
    be a field changed to different values on both sides (resolved with the store's value)."""
    for _ in range(12):
        moved = False
        for client in day.clients:
            summary = client.run_round()
            assert not summary.errors, summary.line()
            moved |= bool(summary.pushed or summary.applied or summary.merged)
            for dossier_id in day.dossiers:
                if client.state_of(dossier_id) != "conflict":
                    continue
                versions = client.open_conflict(dossier_id)
                assert versions is not None
                differences = client.conflict_differences(dossier_id)
                for d in differences:
                    assert d.local != d.server, d
                    if versions.base is not None:
                        assert d.base != d.local and d.base != d.server, d
                    assert d.key.split(".")[0] in ("identity", "profile", "answers", "status",
                                                   "channel"), d
                    day.asked.append((d.key, d.base, d.local, d.server))
                client.resolve_conflict(dossier_id, {d.key: "server" for d in differences})
                moved = True
        if not moved:
            return
    pytest.fail("the workstations never settled")


def test_a_random_day_ends_in_agreement_without_reviving_consent(day: Day) -> None:
    for _ in range(3):
        new_case(day, 0)
    for _ in range(STEPS):
        act(day)
    for cut in day.cuts:
        cut.armed = False
    settle(day)

    stored = {r["id"]: r for r in export_dossiers(day.server.app.state.engine)}
    assert set(stored) == set(day.dossiers)
    for store in day.stores:
        with store.session() as session:
            here = {r["id"]: r for r in iter_export(session)}
        assert set(here) == set(stored)
        for dossier_id, record in stored.items():
            assert {k: here[dossier_id][k] for k in SHARED} == {k: record[k] for k in SHARED}

    for dossier_id, record in stored.items():
        consents = {c["organisme"]: c for c in record["consents"]}
        for organisme in ORGANISMES:
            final = consents[organisme]
            for revoked_at in day.revocations.get((dossier_id, organisme), []):
                if final["given"] and final["revoked_at"] is None:
                    assert datetime.fromisoformat(final["at"]) > datetime.fromisoformat(
                        revoked_at), (dossier_id, organisme, final, revoked_at)
        for orientation in record["orientations"]:
            key = (dossier_id, orientation["organisme"])
            if orientation["status"] in PARTNER_STATUSES:
                assert (orientation["status"], orientation["outcome"],
                        orientation["note"] or "") == day.follow_ups[key]
            else:
                assert key not in day.follow_ups
        for partner in PARTNERS:
            organisme = partner.removeprefix("p_")
            visible = day.server.client.get(f"/partner/dossiers/{dossier_id}",
                                            headers=day.partner_headers[partner])
            active = consents[organisme]["given"] and consents[organisme]["revoked_at"] is None
            oriented = any(o["organisme"] == organisme for o in record["orientations"])
            assert (visible.status_code == 200) == (active and oriented), visible.text
    print(f"{len(day.dossiers)} dossiers, {sum(map(len, day.revocations.values()))} "
          f"revocations, {len(day.follow_ups)} follow-ups, {len(day.asked)} fields asked")
