"""``accueil-ti sync``: server from --server or settings.ini, token from the keyring, exit
codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.models.database import Store
from app.sync import http as sync_http
from app.sync import session
from app.sync.session import store_token
from tests.server.conftest import Server, TestClient
from tests.sync.conftest import bearer, new_dossier

SERVER = "http://testserver"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, central: Server) -> None:
    """``accueil-ti sync`` reaches the test's central store instead of the network."""
    monkeypatch.setattr(sync_http, "make_http_client",
                        lambda server: TestClient(central.app, base_url=server))


def test_without_a_token_it_asks_to_log_in(cli: None, store: Store, data_dir: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync", "--data-dir", str(data_dir), "--server", SERVER]) == 1
    assert "run accueil-ti login first" in capsys.readouterr().err


def test_everything_synced_exits_0_with_the_server_of_the_settings(
        cli: None, store: Store, data_dir: Path, central: Server,
        capsys: pytest.CaptureFixture[str]) -> None:
    new_dossier(store)
    store_token(data_dir, SERVER, bearer(central))
    (data_dir / "settings.ini").write_text(f"[General]\nserver_url={SERVER}\n", "utf-8")
    assert main(["sync", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("sync: 1 pushed") and out.count("\n") == 1
    assert main(["sync", "--data-dir", str(data_dir)]) == 0


def test_a_failed_round_exits_1_with_the_reason(cli: None, store: Store, data_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    new_dossier(store)
    store_token(data_dir, SERVER, "expired-token")
    assert main(["sync", "--data-dir", str(data_dir), "--server", SERVER]) == 1
    assert "accueil-ti login" in capsys.readouterr().err


def test_settings_fallbacks(tmp_path: Path) -> None:
    assert session.configured_server(tmp_path) == session.DEFAULT_SERVER
    (tmp_path / "settings.ini").write_text("not an ini file", "utf-8")
    assert session.configured_server(tmp_path) == session.DEFAULT_SERVER
