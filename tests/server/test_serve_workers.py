"""``accueil-ti serve --workers N`` (issue 18): uvicorn's processes on PostgreSQL behave as one
store (both answer, the sign-in rate limit holds across them), stop cleanly on SIGTERM without
leaving a process behind; SQLite and a bad N are refused; the client address comes from
X-Forwarded-For only behind a proxy named by ``--forwarded-allow-ips``."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, select, text

from app.cli import main
from app.server.admin import create_agent, open_server_engine
from app.server.app import SERVE_SETTINGS_ENV, worker_app, worker_settings
from app.server.models import LoginAttempt
from app.server.services.accounts import MAX_FAILURES_PER_LOGIN
from tests.server.conftest import PASSWORD, new_database

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@contextmanager
def serving(*options: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``accueil-ti serve OPTIONS`` on a free port, once it answers /health; stopped (SIGTERM,
    else killed) if the test leaves it running."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "app", "serve", "--port", str(port),
                               *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT, env=dict(os.environ))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, server.communicate()
            assert time.monotonic() < deadline, "the store did not start"
            time.sleep(0.1)  # polling a child process's port: no signal to wait on
        yield server, base
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.communicate()


def children(pid: int) -> dict[int, str]:
    """The processes whose parent is ``pid``: their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found[int(entry.name)] = cmdline
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def postgres_ports(pid: int) -> set[int]:
    """The local ports of ``pid``'s TCP connections to PostgreSQL (port 5432)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:["):-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[9] in inodes and int(fields[2].rsplit(":", 1)[1], 16) == 5432:
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def failed_attempts(url: str, login: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.scalars(select(LoginAttempt.client).where(
                LoginAttempt.login == login, LoginAttempt.success.is_(False))))
    finally:
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.slow
def test_two_workers_serve_as_one_store_and_stop_on_sigterm(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    with new_database("postgres", tmp_path) as url:
        engine = open_server_engine(url)
        for login, site in (("bre", "BRE"), ("qui", "QUI")):
            create_agent(engine, login=login, organisme="urssaf", site=site, role="accueil",
                         password=PASSWORD)
        engine.dispose()
        # The port in use is one line, after the (single) migration, as with one process.
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen(1)
            code, _, err = cli(capsys, monkeypatch, "serve", "--database", url, "--workers", "2",
                               "--port", str(taken.getsockname()[1]))
        assert code == 1 and err.count("\n") == 1 and "cannot listen" in err, err

        with serving("--database", url, "--workers", "2",
                     "--forwarded-allow-ips", "127.0.0.1") as (server, base):
            workers = {pid: cmd for pid, cmd in children(server.pid).items()
                       if "spawn_main" in cmd}
            assert len(workers) == 2, children(server.pid)
            # Both processes answer: each opens its own connections to the database when it
            # serves a request (the parent closed the one it migrated with).
            pg = create_engine(url)
            deadline = time.monotonic() + 30
            with ThreadPoolExecutor(8) as pool:
                while True:
                    answers = list(pool.map(lambda _: httpx.get(f"{base}/health").status_code,
                                            range(40)))
                    assert answers == [200] * 40
                    with pg.connect() as connection:
                        backends = set(connection.scalars(text(
                            "SELECT client_port FROM pg_stat_activity "
                            "WHERE datname = current_database() AND pid <> pg_backend_pid()")))
                    serving_pids = {pid for pid in workers if postgres_ports(pid) & backends}
                    if serving_pids == set(workers) or time.monotonic() > deadline:
                        break
            pg.dispose()
            assert serving_pids == set(workers)
            assert postgres_ports(server.pid) == set()

            # The rate limit is in the database: failures spread over connections (and so
            # over both processes) lock a login after the same count as one process does.
            def fail(login: str) -> int:
                return httpx.post(f"{base}/auth/login", json={
                    "login": login, "password": "not the password"}).status_code

            # Concurrent failures too: one sign-in of a login at a time (an advisory lock), so
            # exactly the limit get through, not every attempt made before one was recorded.
            with ThreadPoolExecutor(2 * MAX_FAILURES_PER_LOGIN) as pool:
                codes = sorted(pool.map(fail, ["bre"] * 2 * MAX_FAILURES_PER_LOGIN))
            assert codes == [401] * MAX_FAILURES_PER_LOGIN + [429] * MAX_FAILURES_PER_LOGIN
            for _ in range(MAX_FAILURES_PER_LOGIN):
                assert fail("qui") == 401
            for login in ("bre", "qui"):
                locked = httpx.post(f"{base}/auth/login",
                                    json={"login": login, "password": PASSWORD})
                assert locked.status_code == 429, (login, locked.text)
                assert len(failed_attempts(url, login)) == MAX_FAILURES_PER_LOGIN
            # Behind the trusted proxy, the client address is the forwarded one.
            assert httpx.post(f"{base}/auth/login", headers={"X-Forwarded-For": "203.0.113.9"},
                              json={"login": "ghost", "password": "x"}).status_code == 401
            assert failed_attempts(url, "ghost") == ["203.0.113.9"]

            left = children(server.pid)
            server.send_signal(signal.SIGTERM)
            out, err = server.communicate(timeout=30)
        assert server.returncode == 0, err
        assert "2 processes" in out and "serve: stopped" in out
        assert "Traceback" not in err
        deadline = time.monotonic() + 10
        while any(running(pid) for pid in left) and time.monotonic() < deadline:
            time.sleep(0.1)  # the resource tracker ends when it sees its parent gone
        assert [pid for pid in left if running(pid)] == []


def test_the_client_address_is_the_connection_s_without_a_trusted_proxy(
        tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with serving("--database", url) as (server, base):
        assert httpx.post(f"{base}/auth/login", headers={"X-Forwarded-For": "203.0.113.9"},
                          json={"login": "ghost", "password": "x"}).status_code == 401
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=30)
    assert server.returncode == 0
    assert failed_attempts(url, "ghost") == ["127.0.0.1"]


@pytest.mark.parametrize("database", [None, "sqlite:///{dir}/store.db"])
def test_sqlite_serves_from_one_process_only(tmp_path: Path, database: str | None,
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    options = ["--data-dir", str(tmp_path / "data")]
    if database:
        options += ["--database", database.format(dir=tmp_path)]
    code, out, err = cli(capsys, monkeypatch, "serve", *options, "--workers", "2",
                         "--port", str(free_port()))
    assert code == 2 and out == ""
    assert err == ("accueil-ti: --workers: 2 is not allowed with SQLite (the embedded store "
                   "serves from one process); expected 1, or --database "
                   "postgresql+psycopg://USER@HOST:5432/DATABASE\n")
    assert list(tmp_path.rglob("*.db")) == []  # refused before anything was created


@pytest.mark.parametrize(("value", "shown"), [("0", "0"), ("65", "65"), ("-1", "-1"),
                                               ("two", "'two'"), ("", "''")])
def test_a_bad_number_of_workers_is_refused(value: str, shown: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = cli(capsys, monkeypatch, "serve", "--data-dir", str(tmp_path),
                         "--workers", value)
    assert code == 2 and out == ""
    assert err == (f"accueil-ti: --workers: {shown} is not allowed; expected a whole number "
                   "from 1 to 64\n")


@pytest.mark.parametrize("value", ["localhost", "127.0.0.1,", "10.0.0.0/33", "*"])
def test_a_bad_trusted_proxy_is_refused(value: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = cli(capsys, monkeypatch, "serve", "--data-dir", str(tmp_path),
                       "--forwarded-allow-ips", value)
    assert code == 2 and err.startswith("accueil-ti: --forwarded-allow-ips: ")
    assert "expected the addresses or networks" in err and err.count("\n") == 1


def test_a_worker_builds_its_app_from_the_settings_the_parent_gives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    open_server_engine(url).dispose()  # the parent migrates
    monkeypatch.setenv(SERVE_SETTINGS_ENV, worker_settings(url, timedelta(minutes=90),
                                                           timedelta(minutes=7)))
    app = worker_app()
    try:
        assert str(app.state.engine.url) == url
        assert (app.state.context.token_lifetime, app.state.context.token_idle) \
            == (timedelta(minutes=90), timedelta(minutes=7))
    finally:
        app.state.engine.dispose()


def test_a_worker_that_cannot_build_its_app_stops_its_supervisor(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(SERVE_SETTINGS_ENV, '{"database": "nosuchdriver://x"}')
    with pytest.raises(SystemExit) as stopped:
        worker_app()
    assert stopped.value.code == 3  # uvicorn's STARTUP_FAILURE: not restarted in a loop
    assert "worker process cannot start" in caplog.text
