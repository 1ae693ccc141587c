"""`accueil-ti admin`, `serve` and `login`: accounts on the central store's database, a real server
process stopped by SIGTERM, and a token that lands in the OS keyring (never the password)."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from keyring.backend import KeyringBackend

from app.cli import main
from app.paths import default_data_dir
from app.sync.session import read_token
from app.ui.settings import AppSettings


def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_admin_create_agent_and_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    code, out, err = cli(capsys, monkeypatch, "admin", "create-agent", "--database", url,
                         "--login", "a.legall", "--organisme", "urssaf", "--site", "BRE",
                         "--role", "accueil", "--password-stdin", stdin="s3cret-long-kouign-29\n")
    assert code == 0, err
    assert "a.legall" in out
    assert "must change" not in out  # the first contract: create-agent, then login
    code, out, _ = cli(capsys, monkeypatch, "admin", "stats", "--database", url)
    assert code == 0 and json.loads(out)["agents"] == 1 and json.loads(out)["dossiers"] == 0
    code, _, err = cli(capsys, monkeypatch, "admin", "create-agent", "--database", url,
                       "--login", "x", "--organisme", "pole_emploi", "--site", "BRE",
                       "--role", "accueil", "--password-stdin", stdin="pw-pw-pw-pw\n")
    assert code == 2 and "organisme" in err and "urssaf" in err
    code, _, err = cli(capsys, monkeypatch, "admin", "create-agent", "--database", url,
                       "--login", "y", "--organisme", "urssaf", "--site", "BRE",
                       "--role", "accueil")
    assert code == 2 and "--password-stdin" in err
    code, out, _ = cli(capsys, monkeypatch, "admin", "export", "--database", url)
    assert code == 0 and out == ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_login_and_sigterm(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch,
                                 keyring_backend: KeyringBackend) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert cli(capsys, monkeypatch, "admin", "create-agent", "--database", url, "--login",
               "b.morvan", "--organisme", "urssaf", "--site", "QUI", "--role", "accueil",
               "--password-stdin", "--force-change", stdin="correct horse battery\n")[0] == 0
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "app", "serve", "--database", url,
                               "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            time.sleep(0.1)  # polling a child process's port: no signal to wait on
        base = f"http://127.0.0.1:{port}"
        code, out, err = cli(capsys, monkeypatch, "login", "--server", base, "--login",
                             "b.morvan", "--password-stdin", stdin="wrong password\n")
        assert code == 1 and "login refused" in err
        assert read_token(default_data_dir(), base) is None
        # Set by the administrator: to be changed before the first sign-in.
        code, out, err = cli(capsys, monkeypatch, "login", "--server", base, "--login",
                             "b.morvan", "--password-stdin", "--data-dir", str(tmp_path / "ws"),
                             stdin="correct horse battery\n")
        assert code == 1 and "--change-password" in err and "administrator" in err
        assert read_token(tmp_path / "ws", base) is None
        code, out, err = cli(capsys, monkeypatch, "login", "--server", base, "--login",
                             "b.morvan", "--password-stdin", "--change-password", "--data-dir",
                             str(tmp_path / "ws"), stdin="correct horse battery\nb.morvan2026\n")
        assert code == 2 and "new_password" in err and "login" in err
        code, out, err = cli(capsys, monkeypatch, "login", "--server", base + "/", "--login",
                             "b.morvan", "--password-stdin", "--change-password", "--data-dir",
                             str(tmp_path / "ws"),
                             stdin="correct horse battery\nfinistere kouign amann 29\n")
        assert code == 0, err
        # The window opens on this server, with the account's role (as the login dialog does).
        settings = AppSettings.load(tmp_path / "ws")
        assert (settings.server_url, settings.agent_login, settings.agent_role,
                settings.agent_organisme) == (base, "b.morvan", "accueil", "urssaf")
        token = read_token(tmp_path / "ws", base)
        assert token and "correct horse" not in token and "kouign" not in token
        answer = httpx.get(f"{base}/sync/pull", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 200
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            out, err = server.communicate(timeout=20)
        finally:
            if server.poll() is None:
                server.kill()
                server.communicate()
    assert server.returncode == 0, err
    assert "serve: stopped" in out
    code, _, err = cli(capsys, monkeypatch, "login", "--server", f"http://127.0.0.1:{port}",
                       "--login", "b.morvan", "--password-stdin", stdin="x\n")
    assert code == 1 and "cannot be reached" in err
