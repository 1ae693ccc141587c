"""`make run` with a real X display: scripts/run.sh under Xvfb opens the main window (Qt's xcb
platform plugin finds every library it needs), and closing the window stops the embedded
central store. Without a display, run.sh says in one line how to get a window."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
# The main window's title: « Accueil TI — REN-01 — Accueil TI » (site and workstation of the
# data folder, then Qt's application display name).
MAIN_WINDOW = re.compile(r'^\s*(0x[0-9a-f]+) "Accueil TI — [A-Z]{3}-\d{2}[ "]', re.MULTILINE)
START_TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    """A private Xvfb server on a display it picks itself (-displayfd: no collision)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None or shutil.which("xwininfo") is None:
        pytest.skip("Xvfb and xwininfo are not installed (Debian packages xvfb and x11-utils, "
                    "listed in scripts/debian-packages.txt and installed by `make test`)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0",
                               "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as reader:
            number = reader.readline().strip()
        if not number:
            pytest.fail("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def run_env(tmp_path: Path, port: int, display: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DISPLAY"):
        env.pop(name, None)
    env.update({"ACCUEIL_TI_HOME": str(tmp_path / "home"), "ACCUEIL_TI_PORT": str(port),
                "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
                "XDG_DATA_HOME": str(tmp_path / "xdg")})
    if display is not None:
        env["DISPLAY"] = display
    return env


def mapped_windows(display: str) -> str:
    result = subprocess.run(["xwininfo", "-root", "-tree"], env={**os.environ,
                            "DISPLAY": display}, capture_output=True, text=True, timeout=30)
    return result.stdout


def gui_pids(run_pid: int) -> list[int]:
    """The `app gui` processes started by run.sh (its descendants)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
            group = os.getpgid(int(proc.name))
        except (OSError, ProcessLookupError):
            continue
        if group == run_pid and b"gui" in cmdline and b"app" in cmdline:
            found.append(int(proc.name))
    return found


def test_make_run_opens_the_window_under_xvfb_and_stops_the_store(
        tmp_path: Path, xvfb_display: str) -> None:
    port = free_port()
    log = tmp_path / "run.log"
    with log.open("w") as out:
        run = subprocess.Popen(["bash", "scripts/run.sh"], cwd=ROOT,
                               env=run_env(tmp_path, port, xvfb_display), stdout=out,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        window = None
        while time.monotonic() < deadline and run.poll() is None:
            window = MAIN_WINDOW.search(mapped_windows(xvfb_display))
            if window is not None:
                break
            time.sleep(0.5)  # polling another process's X window: no Qt signal to wait on
        output = log.read_text()
        assert run.poll() is None, f"run.sh ended before the window opened:\n{output}"
        assert window is not None, f"no main window on {xvfb_display}:\n{output}"
        # The window is mapped (viewable), not only created.
        info = subprocess.run(["xwininfo", "-id", window.group(1)],
                              env={**os.environ, "DISPLAY": xvfb_display},
                              capture_output=True, text=True, timeout=30).stdout
        assert "Map State: IsViewable" in info, info
        assert port_open(port), f"the embedded central store is not listening:\n{output}"

        # Closing the window (its process ends) ends run.sh, which stops the central store.
        pids = gui_pids(run.pid)
        assert pids, "the window's process was not found"
        for pid in pids:
            os.kill(pid, signal.SIGTERM)
        assert run.wait(timeout=60) is not None
        assert not port_open(port), "the embedded central store still runs after the window " \
                                    "closed"
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGTERM)
            run.wait(timeout=30)


def test_run_without_a_display_says_how_to_get_a_window(tmp_path: Path) -> None:
    port = free_port()
    result = subprocess.run(["bash", "scripts/run.sh"], cwd=ROOT,
                            env=run_env(tmp_path, port, None), capture_output=True, text=True,
                            timeout=START_TIMEOUT_S)
    assert result.returncode == 0, result.stdout + result.stderr
    hint = [line for line in result.stdout.splitlines() if "xvfb-run make run" in line]
    assert len(hint) == 1, result.stdout
    assert "desktop session" in hint[0]
    assert "ready in" in result.stdout  # it still checks that the window starts
    assert not port_open(port)


def test_settings_outlive_the_private_keyring_fallback(tmp_path: Path) -> None:
    """With no OS keyring, run.sh uses a private GNOME Keyring and temporary data; the settings
    (who works here, what the login recorded) are kept in ACCUEIL_TI_HOME."""
    if shutil.which("dbus-run-session") is None or shutil.which("gnome-keyring-daemon") is None:
        pytest.skip("dbus and gnome-keyring are not installed (scripts/debian-packages.txt)")
    port = free_port()
    env = run_env(tmp_path, port, None)
    for name in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(name, None)
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.ini").write_text("[General]\nagent_name=Marie Kervella\n")
    result = subprocess.run(["bash", "scripts/run.sh"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=START_TIMEOUT_S)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "private GNOME Keyring" in result.stdout
    assert "ready in" in result.stdout
    kept = (home / "settings.ini").read_text()
    assert "agent_name=Marie Kervella" in kept
    assert "agent_login=demo.accueil" in kept  # written by the login during the run
    assert not (home / "accueil-ti.db").exists()  # the data itself stayed temporary
