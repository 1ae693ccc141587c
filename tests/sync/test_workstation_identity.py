"""Workstation identity and secrets per workstation, on SQLite and PostgreSQL, through the real
command line against a central store served over HTTP (uvicorn in a thread):

- two workstations installed with the default settings (both REN-01), each with dossiers made
  before login, both sync every dossier with exit 0 and no number shared;
- a workstation whose data folder is restored from an earlier copy syncs every dossier with
  exit 0, gets a new identity and reuses no number the store has seen;
- a pulled dossier whose number a local draft holds renumbers the draft instead of crashing
  (and a number the store confirmed is quarantined, the round going on);
- a client killed mid-round is not taken for a copy;
- two data folders of one OS user never share a token; logging one out keeps the other's.
"""

from __future__ import annotations

import io
import json
import shutil
import socket
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from keyring.backend import KeyringBackend
from sqlalchemy import select, text, update

from app.cli import main
from app.models.database import Store, open_store
from app.models.entities import AuditLog, Dossier, SyncQuarantine, Workstation
from app.models.repository import import_records, iter_export
from app.sync.client import SyncClient
from app.sync.session import delete_token, read_token, store_token, token_username
from tests.server.conftest import PASSWORD, Server, make_server, new_database
from tests.sync.conftest import BAKER, IDENTITY, new_dossier

AGENTS = [
    ("ren", "urssaf", "REN", "accueil"),
    ("ren.b", "caf", "REN", "accueil"),
    ("bre", "urssaf", "BRE", "accueil"),
    ("admin", "urssaf", "REN", "admin"),
]
NAMES = ("Le Goff", "Kerbrat", "Morvan", "Le Bihan")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Live:
    """A central store app served over HTTP at ``url``, and its test client."""

    def __init__(self, server: Server, url: str, database_url: str) -> None:
        self.server = server
        self.url = url
        self.database_url = database_url

    def numbers(self) -> dict[str, str]:
        """id -> number of every dossier the store holds."""
        with self.server.app.state.engine.connect() as connection:
            return {str(uuid.UUID(str(i))): n for i, n in connection.execute(
                text("SELECT id, number FROM dossiers"))}

    def workstations(self) -> list[tuple[str, str, str, bool]]:
        admin = self.server.login("admin")
        rows = self.server.client.get("/workstations", headers=admin).json()["workstations"]
        return [(w["id"], w["site"], w["code"], w["retired"]) for w in rows]


@pytest.fixture(params=BACKENDS)
def live(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Live]:
    with new_database(request.param, tmp_path) as database_url:
        server = make_server(database_url, AGENTS)
        port = _free_port()
        uv = uvicorn.Server(uvicorn.Config(server.app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
        thread = threading.Thread(target=uv.run, name="central-store", daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not uv.started:
            assert time.monotonic() < deadline and thread.is_alive(), "the store did not start"
            time.sleep(0.02)  # uvicorn has no signal to wait on
        try:
            with server.client:
                yield Live(server, f"http://127.0.0.1:{port}", database_url)
        finally:
            uv.should_exit = True
            thread.join(30)
            server.app.state.engine.dispose()


def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def login(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, live: Live,
          data_dir: Path, account: str) -> str:
    code, out, err = cli(capsys, monkeypatch, "login", "--data-dir", str(data_dir), "--server",
                         live.url, "--login", account, "--password-stdin",
                         stdin=PASSWORD + "\n")
    assert code == 0, err
    return out


def sync(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, live: Live,
         data_dir: Path) -> str:
    code, out, err = cli(capsys, monkeypatch, "sync", "--data-dir", str(data_dir), "--server",
                         live.url)
    assert code == 0, out + err
    assert out.startswith("sync: ") and "0 not in sync" in out, out
    return out


def make_dossiers(data_dir: Path, count: int, **options: Any) -> list[str]:
    with open_store(data_dir, **options) as store:
        return [new_dossier(store, nom=NAMES[n % len(NAMES)]) for n in range(count)]


def local_numbers(data_dir: Path) -> dict[str, str]:
    with open_store(data_dir) as store, store.session() as session:
        return {r["id"]: r["number"] for r in iter_export(session)}


def local_workstation(data_dir: Path) -> tuple[str, str, str | None]:
    with open_store(data_dir) as store, store.session() as session:
        row = session.scalars(select(Workstation).where(Workstation.is_local)).one()
        return row.site_code, row.code, row.identity


def renumbered(data_dir: Path) -> list[dict[str, Any]]:
    with open_store(data_dir) as store, store.session() as session:
        return [json.loads(d) for d in session.scalars(
            select(AuditLog.detail).where(AuditLog.action == "renumber").order_by(AuditLog.id))]


def test_two_default_workstations_sync_every_dossier_and_share_no_number(
        live: Live, keyring_backend: KeyringBackend, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "poste-a", tmp_path / "poste-b"
    made = {first: make_dossiers(first, 2), second: make_dossiers(second, 3)}  # REN-01 both
    assert set(local_numbers(first).values()) < set(local_numbers(second).values())

    out = login(capsys, monkeypatch, live, first, "ren")
    assert "already in use" not in out
    sync(capsys, monkeypatch, live, first)
    out = login(capsys, monkeypatch, live, second, "ren.b")
    assert "login: workstation REN-01 is already in use; this workstation is now REN-02\n" in out
    assert "login: 3 dossiers not sent yet renumbered REN-02\n" in out
    assert local_workstation(second)[:2] == ("REN", "02")
    out = sync(capsys, monkeypatch, live, second)
    assert "3 pushed" in out and "renumbered" not in out, out
    sync(capsys, monkeypatch, live, first)
    sync(capsys, monkeypatch, live, second)

    stored = live.numbers()
    assert set(stored) == set(made[first]) | set(made[second])
    assert len(set(stored.values())) == len(stored)  # no number shared
    for data_dir in (first, second):
        assert local_numbers(data_dir) == stored  # every dossier on both, same numbers
    assert all(stored[i].startswith("TI-REN-01-") for i in made[first])
    assert all(stored[i].startswith("TI-REN-02-") for i in made[second])
    changes = renumbered(second)
    assert [c["old_number"][:10] + c["new_number"][:10] for c in changes] == \
        ["TI-REN-01-TI-REN-02-"] * 3
    assert {(site, code) for _, site, code, retired in live.workstations() if not retired} == \
        {("REN", "01"), ("REN", "02")}

    # The next dossier of the second workstation continues its new sequence.
    after = make_dossiers(second, 1)[0]
    sync(capsys, monkeypatch, live, second)
    assert live.numbers()[after].startswith("TI-REN-02-") and \
        live.numbers()[after].endswith("-000004")


def test_a_data_folder_restored_from_a_copy_gets_a_new_identity_and_reuses_no_number(
        live: Live, keyring_backend: KeyringBackend, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, backup = tmp_path / "poste", tmp_path / "sauvegarde"
    login(capsys, monkeypatch, live, folder, "ren")
    first = make_dossiers(folder, 1)
    sync(capsys, monkeypatch, live, folder)
    identity = local_workstation(folder)
    shutil.copytree(folder, backup)  # the store is closed: a plain copy of the folder

    later = make_dossiers(folder, 2)
    sync(capsys, monkeypatch, live, folder)
    seen = live.numbers()
    shutil.rmtree(folder)
    shutil.copytree(backup, folder)  # same path: the keyring key still opens it
    restored = make_dossiers(folder, 1)
    assert local_numbers(folder)[restored[0]] in seen.values()  # handed out twice, locally

    out = sync(capsys, monkeypatch, live, folder)
    assert "workstation REN-01 is already in use; this workstation is now REN-02" in out
    site, code, new_identity = local_workstation(folder)
    assert (site, code) == ("REN", "02") and new_identity not in (None, identity[2])
    sync(capsys, monkeypatch, live, folder)

    stored = live.numbers()
    assert set(stored) == set(first + later + restored)
    assert len(set(stored.values())) == len(stored)
    assert {i: stored[i] for i in seen} == seen  # what the store had never changed
    assert stored[restored[0]] not in seen.values()
    assert stored[restored[0]].startswith("TI-REN-02-")
    assert local_numbers(folder) == stored
    live_codes = [(site, code) for _, site, code, retired in live.workstations() if not retired]
    assert sorted(live_codes) == [("REN", "01"), ("REN", "02")]


def pulled_collision_setup(live: Live, tmp_path: Path) -> tuple[Store, dict[str, Any]]:
    """Workstations A (REN-01) and B (REN-02) registered; A stored a dossier; B holds, without
    any outbox row, a draft carrying the same number (as an import or demonstration data
    leave them)."""
    b = open_store(tmp_path / "b")
    with open_store(tmp_path / "a") as a, httpx.Client(base_url=live.url) as http:
        token = live.server.login("ren")["Authorization"].removeprefix("Bearer ")
        assert SyncClient(a, http, token=token).run_round().in_sync  # A: REN-01
        assert SyncClient(b, http, token=token).run_round().notices  # B: REN-02
        new_dossier(a)
        assert SyncClient(a, http, token=token).run_round().in_sync
        with a.session() as session:
            record = next(iter_export(session))
    draft = {**record, "id": str(uuid.uuid4()), "revision": 1,
             "identity": {**IDENTITY, "nom": "Kerbrat"}}
    with b.transaction() as session:
        import_records(session, [draft], write_outbox=False)
    return b, draft


def test_a_pulled_number_held_by_a_local_draft_renumbers_the_draft(
        live: Live, keyring_backend: KeyringBackend, tmp_path: Path) -> None:
    b, draft = pulled_collision_setup(live, tmp_path)
    with b, httpx.Client(base_url=live.url) as http:
        token = live.server.login("ren.b")["Authorization"].removeprefix("Bearer ")
        summary = SyncClient(b, http, token=token).run_round()
        assert summary.in_sync and not summary.errors and not summary.notices, summary.line()
        assert [(d, old) for d, old, _ in summary.renumbered] == [(draft["id"],
                                                                   draft["number"])]
        assert summary.pushed == 1 and summary.applied == 1, summary.line()
        with b.session() as session:
            numbers = dict(session.execute(select(Dossier.id, Dossier.number)).all())
    stored = live.numbers()
    assert numbers == stored and len(set(stored.values())) == 2
    assert stored[draft["id"]] == summary.renumbered[0][2]
    assert stored[draft["id"]].startswith("TI-REN-02-")


def test_a_pulled_number_held_by_a_confirmed_dossier_is_quarantined_and_the_round_goes_on(
        live: Live, keyring_backend: KeyringBackend, tmp_path: Path) -> None:
    b, draft = pulled_collision_setup(live, tmp_path)
    with b, httpx.Client(base_url=live.url) as http:
        with b.transaction() as session:  # as if the store had confirmed it
            session.execute(update(Dossier).values(server_revision=1, sync_state="synced"))
        other = new_dossier(b)
        token = live.server.login("ren.b")["Authorization"].removeprefix("Bearer ")
        summary = SyncClient(b, http, token=token).run_round()
        assert summary.quarantined == 1 and summary.pushed == 1, summary.line()
        assert summary.renumbered == [] and "held here by another dossier" in summary.errors[0]
        with b.session() as session:
            reasons = list(session.scalars(select(SyncQuarantine.reason)))
    assert len(reasons) == 1 and "number" in reasons[0]
    assert other in live.numbers()


class LoseAnswer(httpx.BaseTransport):
    """Forwards every request; the answer of the first one whose path ends with ``suffix`` is
    lost (the store did the work), as when the client is killed while reading it."""

    def __init__(self, suffix: str) -> None:
        self.inner = httpx.HTTPTransport()
        self.suffix = suffix
        self.armed = True

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if self.armed and request.url.path.endswith(self.suffix):
            self.armed = False
            response.read()
            response.close()
            raise httpx.ReadError("connection reset while reading the answer", request=request)
        return response

    def close(self) -> None:
        self.inner.close()


@pytest.mark.parametrize("suffix", ["/round", "/workstations"])
def test_a_lost_identity_answer_is_not_taken_for_a_copy(
        live: Live, keyring_backend: KeyringBackend, tmp_path: Path, suffix: str) -> None:
    token = live.server.login("ren")["Authorization"].removeprefix("Bearer ")
    with open_store(tmp_path / "poste") as store:
        new_dossier(store)
        with httpx.Client(base_url=live.url) as http:
            if suffix == "/round":
                assert SyncClient(store, http, token=token).run_round().in_sync  # registered
        before = local_workstation(tmp_path / "poste")
        with httpx.Client(base_url=live.url, transport=LoseAnswer(suffix)) as http:
            failed = SyncClient(store, http, token=token, max_retries=0).run_round()
            assert failed.errors and not failed.in_sync
            again = SyncClient(store, http, token=token, max_retries=0).run_round()
        assert again.in_sync and not again.notices, again.line()
        after = local_workstation(tmp_path / "poste")
    assert after[:2] == ("REN", "01")
    if suffix == "/round":
        assert after == before
    assert [(site, code) for _, site, code, _ in live.workstations()] == [("REN", "01")]


def test_two_data_folders_never_share_a_token_and_log_out_separately(
        live: Live, keyring_backend: KeyringBackend, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    rennes, brest = tmp_path / "rennes", tmp_path / "brest"
    ren_dossier = make_dossiers(rennes, 1)[0]
    bre_dossier = make_dossiers(brest, 1, site_code="BRE", workstation_code="01")[0]
    login(capsys, monkeypatch, live, rennes, "ren")
    login(capsys, monkeypatch, live, brest, "bre")
    tokens = {d: read_token(d, live.url) for d in (rennes, brest)}
    assert all(tokens.values()) and tokens[rennes] != tokens[brest]
    assert token_username(live.url, rennes) != token_username(live.url + "/", brest)
    assert token_username(live.url + "/", rennes) == token_username(live.url, rennes)
    assert keyring_backend.get_password("accueil-ti", f"token:{live.url}") is None

    sync(capsys, monkeypatch, live, rennes)  # each with its own account: both accepted
    sync(capsys, monkeypatch, live, brest)
    with live.server.app.state.engine.connect() as connection:
        writers = dict(connection.execute(text(
            "SELECT d.number, r.agent_login FROM dossiers d JOIN dossier_revisions r "
            "ON r.dossier_id = d.id")).all())
    assert writers == {live.numbers()[ren_dossier]: "ren", live.numbers()[bre_dossier]: "bre"}

    delete_token(rennes, live.url)  # the log-out of Rennes
    assert read_token(rennes, live.url) is None
    assert read_token(brest, live.url) == tokens[brest]
    code, _, err = cli(capsys, monkeypatch, "sync", "--data-dir", str(rennes), "--server",
                       live.url)
    assert code == 1 and "run accueil-ti login first" in err
    sync(capsys, monkeypatch, live, brest)


def test_the_token_entry_is_kept_only_while_it_is_that_token(
        keyring_backend: KeyringBackend, tmp_path: Path) -> None:
    server = "http://store.example:8765"
    store_token(tmp_path / "a", server, "first")
    delete_token(tmp_path / "a", server, only="another")
    assert read_token(tmp_path / "a", server) == "first"
    delete_token(tmp_path / "a", server, only="first")
    assert read_token(tmp_path / "a", server) is None
    delete_token(tmp_path / "a", server)  # absent: nothing to do


def test_a_new_dossier_after_a_code_change_has_the_new_code(
        live: Live, keyring_backend: KeyringBackend, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    login(capsys, monkeypatch, live, tmp_path / "a", "ren")
    login(capsys, monkeypatch, live, tmp_path / "b", "ren.b")
    from app.dossier_service import DossierService

    with open_store(tmp_path / "b") as store:
        assert store.workstation_code == "02"
        dossier_id = DossierService(store, agent="x").create(
            identity=IDENTITY, profile=BAKER["profile"], channel="accueil")
        with store.session() as session:
            number = session.scalar(select(Dossier.number).where(Dossier.id == dossier_id))
    assert number is not None and number.startswith("TI-REN-02-")
    from app.ui.settings import AppSettings

    assert AppSettings.load(tmp_path / "b").workstation_code == "02"


class Overtaken(httpx.BaseTransport):
    """Before forwarding the first identity proof, lets ``meanwhile()`` run (another process
    syncing the same data folder, whose rounds overtake this one)."""

    def __init__(self, meanwhile: Any) -> None:
        self.inner = httpx.HTTPTransport()
        self.meanwhile = meanwhile

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.meanwhile is not None and request.url.path.endswith("/round"):
            meanwhile, self.meanwhile = self.meanwhile, None
            meanwhile()
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_two_processes_syncing_one_folder_are_not_taken_for_a_copy(
        live: Live, keyring_backend: KeyringBackend, tmp_path: Path) -> None:
    token = live.server.login("ren")["Authorization"].removeprefix("Bearer ")
    folder = tmp_path / "poste"
    with open_store(folder) as window, open_store(folder) as command:
        with httpx.Client(base_url=live.url) as http:
            assert SyncClient(window, http, token=token).run_round().in_sync  # registered
            before = local_workstation(folder)

            def other_process() -> None:
                for _ in range(2):
                    assert SyncClient(command, http, token=token).run_round().in_sync

            with httpx.Client(base_url=live.url, transport=Overtaken(other_process)) as late:
                summary = SyncClient(window, late, token=token).run_round()
        assert summary.in_sync and not summary.notices, summary.line()
    assert local_workstation(folder) == before
    assert len(live.workstations()) == 1
