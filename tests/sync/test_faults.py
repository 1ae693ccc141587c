"""Fault tests of sync against a real ``accueil-ti serve`` process, on SQLite and PostgreSQL:
the store SIGKILLed and restarted at random points while a workstation pushes thousands of
dossiers, connections cut by a proxy before the request or after the store answered, the
``accueil-ti sync`` process SIGKILLed mid-round, and partner follow-up made while the
workstation is offline.

Afterwards every dossier is in the store exactly once with its last content: ``accueil-ti
export`` of the workstation and ``accueil-ti admin export`` of the store hold the same dossiers,
each once, with the same canonical JSON (tests/sync/faults.py says what is compared). Fault
points come from a seeded RNG; the seed is printed (shown on failure) and
``ACCUEIL_TI_FAULT_SEED=N`` replays it.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy import text

from app.cli import main
from app.models.database import Store, open_store
from app.server.admin import create_agent, open_server_engine
from app.sync.client import SyncClient
from app.sync.summary import RoundSummary
from tests.server.conftest import PASSWORD, new_database
from tests.sync.faults import (
    CUT,
    DROP,
    PASS,
    SEED_ENV,
    TRUNCATE,
    CuttingProxy,
    KillingTransport,
    StoreProcess,
    assert_same_dossiers,
    assert_store_consistent,
    assert_workstation_in_sync,
    child_env,
    edit_dossiers,
    exports,
    fault_seed,
    fill_workstation,
    server_engine,
    store_count,
    workstation_records,
)

pytestmark = pytest.mark.slow

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
SITE = "REN"
STORE_KILLED_DOSSIERS = 2000  # (a) the store killed and restarted during their first sync
STORE_KILLS = 3
PROXY_DOSSIERS = 300  # (b) connections cut
CLIENT_KILLED_DOSSIERS = 600  # (c) accueil-ti sync killed
CLIENT_KILLS = 3
PARTNER_DOSSIERS = 120  # (d) partner follow-up while offline


@pytest.fixture
def rng() -> random.Random:
    seed = fault_seed()
    print(f"fault seed {seed} (replay: {SEED_ENV}={seed})")
    return random.Random(seed)


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated store database with ``ren`` (accueil, REN) and ``p_urssaf`` (partner)."""
    with new_database(request.param, tmp_path) as url:
        engine = open_server_engine(url)
        create_agent(engine, login="ren", organisme="urssaf", site=SITE, role="accueil",
                     password=PASSWORD)
        create_agent(engine, login="p_urssaf", organisme="urssaf", site=SITE,
                     role="partenaire", password=PASSWORD)
        engine.dispose()
        yield url


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """One file keyring for this process and its children (the local database key, tokens)."""
    path = tmp_path / "xdg"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(path))
    backend = PlaintextKeyring()
    backend.file_path = str(path / "python_keyring" / "keyring_pass.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield path
    keyring.set_keyring(previous)


@pytest.fixture
def central(store_url: str, xdg: Path, tmp_path: Path) -> Iterator[StoreProcess]:
    """``accueil-ti serve`` on the test's database."""
    process = StoreProcess(store_url, child_env(xdg), tmp_path / "serve.log")
    process.start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def ws_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "workstation"
    folder.mkdir()
    # The demo's dossiers go back years: retention after each `accueil-ti sync` round (issue
    # 13) would remove old drafts here, and these tests compare both sides' exports.
    (folder / "retention.toml").write_text(
        "".join(f'[{kind}]\naction = "delete"\nmonths = 1200\n'
                for kind in ("closed_dossier", "draft", "signal")), "utf-8")
    return folder


@pytest.fixture
def workstation(xdg: Path, ws_dir: Path) -> Iterator[Store]:
    """The local store of workstation REN-01."""
    with open_store(ws_dir, site_code=SITE, workstation_code="01") as opened:
        yield opened


def token(central: StoreProcess, login: str = "ren") -> str:
    response = httpx.post(f"{central.url}/auth/login",
                          json={"login": login, "password": PASSWORD}, timeout=30)
    assert response.status_code == 200, response.text
    return str(response.json()["token"])


def rounds_until(client: SyncClient, done: Callable[[], bool] = lambda: True,
                 limit: int = 25) -> list[RoundSummary]:
    """Sync rounds until one ends in sync and ``done()``; a round the faults stopped is simply
    followed by another, as the app's automatic sync does."""
    summaries: list[RoundSummary] = []
    failed = 0
    deadline = time.monotonic() + 120  # for the faults still to come, once in sync
    while failed < limit:
        summaries.append(client.run_round())
        if not summaries[-1].in_sync:
            failed += 1
        elif done():
            return summaries
        elif time.monotonic() > deadline:
            raise AssertionError("in sync, but the scheduled faults never all happened")
        else:
            time.sleep(0.25)  # a fault still to come: the next automatic round, a bit later
    raise AssertionError(f"not in sync after {limit} interrupted rounds: "
                         + " | ".join(s.line() for s in summaries[-3:]))


def clean_round(central: StoreProcess, store: Store) -> RoundSummary:
    """One round straight to the store, without faults: it must find nothing left to do."""
    with httpx.Client(base_url=central.url, timeout=60) as http:
        summary = SyncClient(store, http, token=token(central)).run_round()
    assert summary.in_sync, summary.line()
    assert (summary.pushed, summary.duplicates, summary.conflicts, summary.applied) == \
        (0, 0, 0, 0), summary.line()
    return summary


def check_end_state(central: StoreProcess, store: Store, data_dir: Path, out: Path,
                    expected: int) -> dict[str, dict[str, object]]:
    """The shared end-state check; returns the store's dossiers by id."""
    local, stored = exports(data_dir, central.database_url, out)
    assert_same_dossiers(local, stored, expected)
    assert_store_consistent(central.database_url)
    assert_workstation_in_sync(store)
    return {str(r["id"]): r for r in stored}


def test_store_killed_and_restarted_during_the_sync_of_thousands_of_dossiers(
        central: StoreProcess, workstation: Store, ws_dir: Path, rng: random.Random,
        tmp_path: Path) -> None:
    records = workstation_records(STORE_KILLED_DOSSIERS, seed=rng.randrange(10**6))
    fill_workstation(workstation, records)
    batch = 200
    requests = 2 * STORE_KILLED_DOSSIERS // batch  # a round: the pushes, then as many pulls
    pushes = STORE_KILLED_DOSSIERS // batch
    kill_at = rng.sample(range(1, pushes + 1), STORE_KILLS - 1)  # most during the pushes
    kill_at.append(rng.randrange(pushes + 1, requests))  # one later: retried pushes or pulls
    transport = KillingTransport(httpx.HTTPTransport(), central, rng, kill_at)
    with httpx.Client(base_url=central.url, transport=transport, timeout=60) as http:
        client = SyncClient(workstation, http, token=token(central), batch=batch,
                            backoff=0.1, max_backoff=0.5, max_retries=40)
        summaries = rounds_until(client, lambda: len(transport.fired) == STORE_KILLS)
        transport.join()
        # Changes made at the counter after that, pushed while the store is killed once more
        # (soon after the push starts: this round is short).
        edited = edit_dossiers(workstation, rng.sample([r["id"] for r in records], 100), rng)
        transport.max_delay = 0.3
        transport.kill_at.add(transport.requests + 1)
        summaries += rounds_until(client, lambda: len(transport.fired) == STORE_KILLS + 1)
        transport.join()
    print("kills (request, path, delay s, downtime s):", transport.fired)
    print("rounds:", [s.line() for s in summaries])
    assert central.kills == STORE_KILLS + 1
    pushed = sum(s.pushed for s in summaries)
    heard = pushed + sum(s.duplicates for s in summaries)
    assert pushed <= STORE_KILLED_DOSSIERS + len(edited) <= heard
    clean_round(central, workstation)

    stored = check_end_state(central, workstation, ws_dir, tmp_path / "exports",
                             STORE_KILLED_DOSSIERS)
    assert {i: stored[i]["revision"] for i in edited} == edited


def test_connections_cut_before_the_request_or_after_the_store_answered(
        central: StoreProcess, workstation: Store, ws_dir: Path, rng: random.Random,
        tmp_path: Path) -> None:
    records = workstation_records(PROXY_DOSSIERS, seed=rng.randrange(10**6))
    fill_workstation(workstation, records)
    first_push = [True]

    def choose(method: str, path: str) -> str:
        if path not in ("/sync/push", "/sync/pull"):
            return PASS
        if path == "/sync/push" and first_push:
            first_push.clear()
            return CUT  # at least once: stored, and the client never heard
        roll = rng.random()
        return DROP if roll < 0.1 else CUT if roll < 0.25 else TRUNCATE if roll < 0.35 else PASS

    with CuttingProxy(central.port, choose) as proxy, \
            httpx.Client(base_url=proxy.url, timeout=60) as http:
        client = SyncClient(workstation, http, token=token(central), batch=25,
                            backoff=0.01, max_backoff=0.05, max_retries=6,
                            server_key=central.url)
        summaries = rounds_until(client)
        edited = edit_dossiers(workstation, rng.sample([r["id"] for r in records], 40), rng)
        summaries += rounds_until(client)
    print("proxy:", dict(proxy.counts))
    assert proxy.counts[("/sync/push", CUT)] >= 1 and proxy.lost_accepted > 0
    # Each dossier the store accepted in an answer the client lost is resent and answered
    # "duplicate" once: no more (nothing else is a duplicate), no less (none left unconfirmed).
    assert sum(s.duplicates for s in summaries) == proxy.lost_accepted
    assert sum(s.pushed for s in summaries) + proxy.lost_accepted == \
        PROXY_DOSSIERS + len(edited)
    clean_round(central, workstation)

    stored = check_end_state(central, workstation, ws_dir, tmp_path / "exports",
                             PROXY_DOSSIERS)
    assert {i: stored[i]["revision"] for i in edited} == edited


def _sync_process(central: StoreProcess, ws_dir: Path, xdg: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "app", "sync", "--data-dir", str(ws_dir),
                             "--server", central.url], env=child_env(xdg),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _stored_numbers(central: StoreProcess) -> set[str]:
    engine = server_engine(central.database_url)
    try:
        with engine.connect() as connection:
            return set(connection.execute(text("SELECT number FROM dossiers")).scalars())
    finally:
        engine.dispose()


def test_sync_process_killed_mid_round_then_local_edits_reach_the_store(
        central: StoreProcess, workstation: Store, ws_dir: Path, xdg: Path,
        rng: random.Random, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = workstation_records(CLIENT_KILLED_DOSSIERS, seed=rng.randrange(10**6))
    fill_workstation(workstation, records)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["login", "--data-dir", str(ws_dir), "--server", central.url, "--login", "ren",
                 "--password-stdin"]) == 0
    id_of = {r["number"]: r["id"] for r in records}
    engine = server_engine(central.database_url)
    killed, outputs = 0, []
    edited: dict[str, int] = {}
    try:
        latest = 0.6  # the random moment's bound; shortened after a round ended before it
        for _ in range(3 * CLIENT_KILLS):
            if killed == CLIENT_KILLS:
                break
            before = store_count(engine, "dossier_revisions") or 0
            # Once the store committed the first batch with something new (every run has: the
            # edits below), and a random moment later: the client may be reading the answer,
            # writing its confirmations, sending the next batch or pulling. (Rounds after the
            # first are short: a few edited dossiers.)
            threshold = before + 1
            extra = rng.uniform(0.0, latest)
            process = _sync_process(central, ws_dir, xdg)
            deadline = time.monotonic() + 120
            while process.poll() is None and time.monotonic() < deadline:
                count = store_count(engine, "dossier_revisions")
                if count is not None and count >= threshold:
                    time.sleep(extra)
                    process.kill()
                    break
                time.sleep(0.01)
            out, err = process.communicate(timeout=60)
            outputs.append((process.returncode, out.decode(), err.decode()[-500:]))
            killed += process.returncode == -9
            if process.returncode != -9:
                latest /= 4
            # Between rounds the counter goes on working: dossiers the store holds (maybe
            # without the workstation knowing), dossiers not sent yet, dossiers edited before.
            stored = sorted(id_of[n] for n in _stored_numbers(central))
            unsent = sorted(set(id_of.values()) - set(stored))
            chosen = set(rng.sample(stored, min(10, len(stored))))
            chosen |= set(rng.sample(unsent, min(5, len(unsent))))
            chosen |= set(rng.sample(sorted(edited), min(5, len(edited))))
            edited.update(edit_dossiers(workstation, sorted(chosen), rng))
    finally:
        engine.dispose()
    print("sync runs (exit code, stdout, stderr):", outputs)
    assert killed == CLIENT_KILLS, outputs
    for _ in range(2):  # a clean run, then one with nothing left to do
        process = _sync_process(central, ws_dir, xdg)
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, (out, err)
    assert out.decode().startswith("sync: 0 pushed, 0 already stored, 0 conflicts"), out

    stored_records = check_end_state(central, workstation, ws_dir, tmp_path / "exports",
                                     CLIENT_KILLED_DOSSIERS)
    assert {i: stored_records[i]["revision"] for i in edited} == edited
    local = {i: workstation_answers(workstation, i) for i in edited}
    assert {i: stored_records[i]["answers"] for i in edited} == local


def workstation_answers(store: Store, dossier_id: str) -> object:
    from app.dossier_service import DossierService

    return DossierService(store, agent="check").record(dossier_id)["answers"]


def test_partner_follow_up_made_while_offline_reaches_the_workstation(
        central: StoreProcess, workstation: Store, ws_dir: Path, rng: random.Random,
        tmp_path: Path) -> None:
    records = workstation_records(PARTNER_DOSSIERS, seed=rng.randrange(10**6))
    fill_workstation(workstation, records)
    visible = sorted(r["id"] for r in records
                     if any(o["organisme"] == "urssaf" for o in r["orientations"])
                     and any(c["organisme"] == "urssaf" and c["given"] and not c["revoked_at"]
                             for c in r["consents"]))
    assert len(visible) >= 10
    with httpx.Client(base_url=central.url, timeout=60) as http:
        assert rounds_until(SyncClient(workstation, http, token=token(central)), limit=1)

    # Offline: the partner follows up, the counter edits other dossiers.
    partner = {"Authorization": f"Bearer {token(central, 'p_urssaf')}"}
    with httpx.Client(base_url=central.url, headers=partner, timeout=60) as http:
        inbox = http.get("/partner/dossiers", params={"limit": 200})
        assert inbox.status_code == 200
        assert sorted(d["id"] for d in inbox.json()["items"]) == visible and len(visible) < 200
        followed = rng.sample(visible, 8)
        posted = {}
        for n, dossier_id in enumerate(followed):
            body = ({"status": "cloturee", "outcome": "aide_accordee",
                     "note": f"Délais accordés ({n}) : échéancier sur 12 mois, l’agent rappelle."}
                    if n % 2 else
                    {"status": "contact_pris", "outcome": None,
                     "note": f"Rendez-vous fixé ({n}) avec le cotisant."})
            answer = http.post(f"/partner/dossiers/{dossier_id}/orientation", json=body)
            assert answer.status_code == 200, answer.text
            posted[dossier_id] = body
    others = rng.sample(sorted({r["id"] for r in records} - set(visible)), 10)
    edited = edit_dossiers(workstation, others, rng)

    central.kill()  # the store goes down and comes back before the workstation does
    central.start()

    with httpx.Client(base_url=central.url, timeout=60) as http:
        back = SyncClient(workstation, http, token=token(central)).run_round()
    assert back.in_sync, back.line()
    assert (back.pushed, back.applied, back.conflicts) == (len(edited), len(followed), 0)
    clean_round(central, workstation)

    stored = check_end_state(central, workstation, ws_dir, tmp_path / "exports",
                             PARTNER_DOSSIERS)
    from app.dossier_service import DossierService

    service = DossierService(workstation, agent="check")
    for dossier_id, body in posted.items():
        orientation = next(o for o in service.record(dossier_id)["orientations"]
                           if o["organisme"] == "urssaf")
        assert (orientation["status"], orientation["outcome"], orientation["note"]) == \
            (body["status"], body["outcome"], body["note"])
    assert {i: stored[i]["revision"] for i in edited} == edited
