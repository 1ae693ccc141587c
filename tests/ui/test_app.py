"""``run_gui``: the smoke start on a demo data dir, a clear refusal without a keyring, the
fallback when the settings name another workstation, the translators, and the partner inbox
for a partner account."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QApplication

from app import __version__
from app.models.errors import KeyringUnavailableError, NewerDatabaseError, StoreLockedError
from app.sync.session import store_token, token_username
from app.ui.app import _store_error_message, install_translators, process_age_ms, run_gui
from app.ui.settings import AppSettings
from tests.server.conftest import Server, make_record
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import bearer
from tests.sync.conftest import central as central  # noqa: F401
from tests.ui.english import in_english

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
RUN = "import sys; from pathlib import Path; from app.ui.app import run_gui; " \
      "sys.exit(run_gui(Path(sys.argv[1]), smoke=True))"


def env_for(tmp_path: Path, backend: str = "keyrings.alt.file.PlaintextKeyring") -> dict[str, str]:
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": backend,
                "XDG_DATA_HOME": str(tmp_path / "xdg")})
    env.pop("ACCUEIL_TI_HOME", None)
    return env


def smoke(data_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", RUN, str(data_dir)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=180, check=False)


def test_smoke_start_on_a_demo_data_dir(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    data = tmp_path / "data"
    subprocess.run([sys.executable, "-m", "app", "demo", "--dossiers", "250", "--data-dir",
                    str(data)], env=env, cwd=ROOT, check=True, capture_output=True)
    proc = smoke(data, env)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"ready in \d+ ms\n", proc.stdout), proc.stdout
    assert "200 rows shown" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_smoke_start_on_an_empty_data_dir(tmp_path: Path) -> None:
    proc = smoke(tmp_path / "new", env_for(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"ready in \d+ ms\n", proc.stdout), proc.stdout
    assert "0 rows shown" in proc.stderr


def test_without_a_keyring_it_says_so_and_exits_1(tmp_path: Path) -> None:
    proc = smoke(tmp_path / "data", env_for(tmp_path, "keyring.backends.fail.Keyring"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "trousseau" in proc.stderr and "Que faire" in proc.stderr
    assert "ready in" not in proc.stdout
    assert not (tmp_path / "data" / "accueil-ti.db").exists()


def test_settings_naming_another_workstation_still_open_the_store(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    data = tmp_path / "data"
    subprocess.run([sys.executable, "-m", "app", "demo", "--dossiers", "5", "--data-dir",
                    str(data)], env=env, cwd=ROOT, check=True, capture_output=True)
    AppSettings(site_code="QUI", workstation_code="04").save(data)  # the store is REN-01
    proc = smoke(data, env)
    assert proc.returncode == 0, proc.stderr
    assert "5 rows shown" in proc.stderr


def test_error_messages_name_the_problem_and_what_to_do(qapp: QApplication) -> None:
    data = Path("/données/poste")
    keyring = _store_error_message(KeyringUnavailableError("x"), data)
    locked = _store_error_message(StoreLockedError("x"), data)
    newer = _store_error_message(NewerDatabaseError("x"), data)
    assert keyring and "trousseau" in keyring and "Que faire" in keyring
    assert locked and "déchiffrée" in locked and str(data) in locked
    assert newer and "plus récente" in newer and __version__ in newer
    assert _store_error_message(ValueError("x"), data) is None


def test_english_translates_the_interface(qapp: QApplication, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    with in_english(qapp, tmp_path, monkeypatch) as translators:
        assert len(translators) == 1 and translators[0].language().startswith("en")
        assert QApplication.translate("wording", "Local uniquement") == "Local only"
    assert QApplication.translate("wording", "Local uniquement") == "Local uniquement"


def test_english_without_its_translation_file_stays_french(
        qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.ui.app.TRANSLATIONS_DIR", tmp_path)
    translators = install_translators(qapp, "en")
    assert translators == []
    assert QApplication.translate("wording", "Local uniquement") == "Local uniquement"
    french = install_translators(qapp, "fr")
    for translator in french:
        qapp.removeTranslator(translator)


def test_process_age_is_known_on_linux() -> None:
    age = process_age_ms()
    if sys.platform.startswith("linux"):
        assert age is not None and age > 0


# --------------------------------------------------------------------------- partner accounts


PARTNER_SETTINGS = {"agent_role": "partenaire", "agent_login": "p_urssaf",
                    "agent_organisme": "urssaf"}


def in_process_smoke(data: Path, monkeypatch: pytest.MonkeyPatch,
                     http_factory: Callable[[str], httpx.Client]) -> int:
    # The translators would stay installed in this test session's application.
    monkeypatch.setattr("app.ui.app.install_translators", lambda _app, _language: [])
    return run_gui(data, smoke=True, http_factory=http_factory)


def test_a_partner_account_opens_the_partner_inbox(
        qapp: QApplication, keyring_backend: KeyringBackend, central: Server,  # noqa: F811
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    central.push(central.login("bre"), make_record(1, oriented=("urssaf",)),
                 make_record(2, oriented=("urssaf",), urgent=True),
                 make_record(3, oriented=("caf",)))
    data = tmp_path / "data"
    AppSettings(server_url="http://testserver", **PARTNER_SETTINGS).save(data)
    store_token(data, "http://testserver", bearer(central, "p_urssaf"))
    code = in_process_smoke(data, monkeypatch, lambda _server: central.client)
    out = capsys.readouterr()
    assert code == 0, out.err
    assert re.fullmatch(r"ready in \d+ ms\n", out.out), out.out
    assert "partner window" in out.err and "2 partner dossiers shown" in out.err
    assert not (data / "accueil-ti.db").exists()  # the partner inbox needs no local store


def test_a_partner_account_without_a_token_opens_the_counter_window(
        qapp: QApplication, keyring_backend: KeyringBackend, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    AppSettings(server_url="http://testserver", **PARTNER_SETTINGS).save(data)

    def no_store(_server: str) -> httpx.Client:
        raise AssertionError("the counter's window does not ask the partner routes")

    code = in_process_smoke(data, monkeypatch, no_store)
    out = capsys.readouterr()
    assert code == 0, out.err
    assert re.fullmatch(r"ready in \d+ ms\n", out.out), out.out
    assert "0 rows shown" in out.err and "partner" not in out.err


def test_a_partner_window_starts_when_the_store_is_unreachable(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    data = tmp_path / "data"
    server = "http://127.0.0.1:9"  # discard port: nothing answers
    AppSettings(server_url=server, **PARTNER_SETTINGS).save(data)
    subprocess.run([sys.executable, "-c", "import keyring, sys; keyring.set_password("
                    "'accueil-ti', sys.argv[1], 'a-token')", token_username(server, data)],
                   env=env, cwd=ROOT, check=True)
    proc = smoke(data, env)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"ready in \d+ ms\n", proc.stdout), proc.stdout
    assert "the central store could not be read" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_window_carries_the_app_icon(qapp: QApplication) -> None:
    from PySide6.QtCore import QSize

    from app.ui.app import ICON_FILE, window_icon

    assert ICON_FILE.is_file()
    icon = window_icon()
    assert not icon.isNull()
    assert icon.actualSize(QSize(256, 256)) == QSize(256, 256)
    # the installers' copies: the Windows ICO holds the small sizes a task bar asks for
    ico = ICON_FILE.with_suffix(".ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and int.from_bytes(ico[4:6], "little") >= 5
