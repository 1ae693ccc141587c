"""Log-out on a shared workstation (issue 13): ``accueil-ti logout [--remove-local-data]``
and the window's confirmation remove the local dossiers once they are all synced, and refuse,
naming how many are not, otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.dossier_service import DossierService
from app.models.database import Store
from app.models.entities import (
    Answer,
    AuditLog,
    Consent,
    Dossier,
    Outbox,
    SyncBase,
    SyncCursor,
    Workstation,
)
from app.models.repository import (
    UnsyncedDossiersError,
    remove_local_dossiers,
    unsynced_dossiers,
)
from app.sync import http as sync_http
from app.sync.session import read_token, store_token
from tests.server.conftest import Server, TestClient
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import bearer, new_dossier
from tests.sync.conftest import central as central  # noqa: F401

SERVER = "http://testserver"


def count(store: Store, table: type) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, central: Server) -> None:  # noqa: F811
    monkeypatch.setattr(sync_http, "make_http_client",
                        lambda server: TestClient(central.app, base_url=server))


def test_remove_local_dossiers_refuses_while_anything_is_unsent(store: Store) -> None:
    new_dossier(store)
    new_dossier(store, nom="Kerjean")
    with store.transaction() as session:
        assert unsynced_dossiers(session) == 2
        with pytest.raises(UnsyncedDossiersError) as info:
            remove_local_dossiers(session)
    assert info.value.count == 2
    assert count(store, Dossier) == 2


def test_logout_remove_local_data_after_a_full_sync(
        cli: None, store: Store, data_dir: Path, central: Server,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    first = new_dossier(store)
    new_dossier(store, nom="Kerjean")
    token = bearer(central)
    store_token(data_dir, SERVER, token)
    argv = ["logout", "--remove-local-data", "--data-dir", str(data_dir), "--server", SERVER]

    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "logout refused: 2 dossiers are not yet synced" in err and "accueil-ti sync" in err
    assert read_token(data_dir, SERVER) == token  # still signed in, nothing removed
    assert count(store, Dossier) == 2

    assert main(["sync", "--data-dir", str(data_dir), "--server", SERVER]) == 0
    DossierService(store, agent="A").answer(first, "Q03", "non")  # one change not sent
    assert main(argv) == 1
    assert "1 dossier is not yet synced" in capsys.readouterr().err
    assert main(["sync", "--data-dir", str(data_dir), "--server", SERVER]) == 0
    capsys.readouterr()
    audit_before = count(store, AuditLog)
    workstation_before = count(store, Workstation)

    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"logout: signed out of {SERVER}; 2 local dossiers removed")
    assert read_token(data_dir, SERVER) is None
    assert central.client.get("/sync/pull", headers={
        "Authorization": f"Bearer {token}"}).status_code == 401  # revoked on the store
    for table in (Dossier, Answer, Consent, Outbox, SyncBase, SyncCursor):
        assert count(store, table) == 0, table
    # the store itself, its identity and its (identity-free) history stay
    assert count(store, Workstation) == workstation_before
    assert count(store, AuditLog) == audit_before
    # the central store keeps every dossier: signing in again pulls them back
    store_token(data_dir, SERVER, bearer(central))
    assert main(["sync", "--data-dir", str(data_dir), "--server", SERVER]) == 0
    assert count(store, Dossier) == 2


def test_plain_logout_keeps_the_dossiers(cli: None, store: Store, data_dir: Path,
                                         central: Server,  # noqa: F811
                                         capsys: pytest.CaptureFixture[str]) -> None:
    new_dossier(store)
    store_token(data_dir, SERVER, bearer(central))
    assert main(["logout", "--data-dir", str(data_dir), "--server", SERVER]) == 0
    assert capsys.readouterr().out == f"logout: signed out of {SERVER}\n"
    assert read_token(data_dir, SERVER) is None and count(store, Dossier) == 1
    assert main(["logout", "--data-dir", str(data_dir), "--server", SERVER]) == 0
    assert capsys.readouterr().out == f"logout: not signed in to {SERVER}\n"
