"""app.sync.session without Qt: what a sign-in records in settings.ini (written in Qt's INI
syntax, read back by QSettings as the window reads it), the store's address check, and the one
sign-in exchange of the command line and the login dialog (typed answers)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QSettings

from app.sync import session
from tests.profiles import examples

SERVER = "http://testserver"


def qt_value(path: Path, key: str) -> Any:
    """``key`` as the window reads it: a fresh QSettings on the file."""
    return QSettings(str(path), QSettings.Format.IniFormat).value(key)


def test_remember_account_is_read_back_by_the_window(tmp_path: Path) -> None:
    from app.ui.settings import AppSettings

    session.remember_account(tmp_path / "ws", "http://store:8765", login="b.morvan",
                             role="partenaire", organisme="urssaf", workstation_code="03")
    settings = AppSettings.load(tmp_path / "ws")
    assert (settings.server_url, settings.agent_login, settings.agent_role,
            settings.agent_organisme, settings.workstation_code) == (
        "http://store:8765", "b.morvan", "partenaire", "urssaf", "03")
    assert settings.site_code == AppSettings().site_code  # the rest keeps its defaults
    assert session.configured_server(tmp_path / "ws") == "http://store:8765"


def test_what_the_window_wrote_is_kept(tmp_path: Path) -> None:
    from app.ui.settings import AppSettings, load_window_state, save_window_state

    written = AppSettings(site_code="BRE", workstation_code="02", agent_name="Marie Kervella",
                          agent_login="old", agent_role="accueil", font_scale=125,
                          high_contrast=True)
    written.save(tmp_path)
    state = QByteArray(b"\x00\x01geometry,=;\n\xff")
    save_window_state(tmp_path, "main", state)
    session.remember_account(tmp_path, SERVER, login="new, login", role="accueil",
                             organisme="caf")
    settings = AppSettings.load(tmp_path)
    assert (settings.site_code, settings.workstation_code, settings.agent_name,
            settings.font_scale, settings.high_contrast) == ("BRE", "02", "Marie Kervella", 125,
                                                             True)
    assert (settings.server_url, settings.agent_login, settings.agent_organisme) == (
        SERVER, "new, login", "caf")
    assert load_window_state(tmp_path, "main") == state
    text = (tmp_path / session.SETTINGS_FILE).read_text(encoding="utf-8")
    assert text.count("[General]") == 1 and text.count("agent_login=") == 1


def test_forget_account_clears_who_signed_in_only(tmp_path: Path) -> None:
    from app.ui.settings import AppSettings

    session.forget_account(tmp_path)  # nothing recorded: nothing written
    assert not (tmp_path / session.SETTINGS_FILE).exists()
    AppSettings(server_url="http://store:1", agent_name="Yann", agent_login="p_urssaf",
                agent_role="partenaire", agent_organisme="urssaf").save(tmp_path)
    session.forget_account(tmp_path)
    settings = AppSettings.load(tmp_path)
    assert (settings.agent_login, settings.agent_role, settings.agent_organisme) == ("", "", "")
    assert (settings.server_url, settings.agent_name) == ("http://store:1", "Yann")
    before = (tmp_path / session.SETTINGS_FILE).read_bytes()
    session.forget_account(tmp_path)  # already cleared: the file is left alone
    assert (tmp_path / session.SETTINGS_FILE).read_bytes() == before


@pytest.mark.parametrize("text", [
    "", "[window]\nmain=@ByteArray(x)\n", "server_url=http://a:1\n[window]\nk=v",
    "not an ini file", "[General]\r\nserver_url=http://a:1\r\n"])
def test_any_existing_file_takes_the_keys(tmp_path: Path, text: str) -> None:
    (tmp_path / session.SETTINGS_FILE).write_bytes(text.encode())
    session.remember_account(tmp_path, SERVER, login="bre", role="accueil", organisme="urssaf")
    path = tmp_path / session.SETTINGS_FILE
    assert [qt_value(path, key) for key in ("server_url", "agent_login", "agent_role")] == [
        SERVER, "bre", "accueil"]
    if "[window]" in text:
        assert qt_value(path, "window/k" if "k=v" in text else "window/main") is not None


@hypothesis_settings(max_examples=examples(200), deadline=None)
@given(value=st.text(st.characters(exclude_categories=["Cs"]), max_size=30))
def test_qsettings_reads_back_any_text(value: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        session.write_settings(folder, {"agent_login": value, "agent_role": "r"})
        path = Path(folder) / session.SETTINGS_FILE
        assert qt_value(path, "agent_login") == value
        assert qt_value(path, "agent_role") == "r"
        # As QSettings itself writes it.
        qt = QSettings(str(Path(folder) / "qt.ini"), QSettings.Format.IniFormat)
        qt.setValue("agent_login", value)
        qt.sync()
        line = next(line for line in (Path(folder) / "qt.ini").read_text(
            encoding="utf-8", errors="surrogateescape").split("\n")
                    if line.startswith("agent_login="))
        assert line == f"agent_login={session.qt_ini_value(value)}"


def test_the_defaults_agree() -> None:
    from app.cli.server import DEFAULT_PORT
    from app.ui.settings import SETTINGS_FILE, AppSettings

    assert SETTINGS_FILE == session.SETTINGS_FILE
    assert AppSettings().server_url == session.DEFAULT_SERVER
    assert DEFAULT_PORT == session.DEFAULT_PORT


@pytest.mark.parametrize(("value", "expected"), [
    ("http://127.0.0.1:8765/", "http://127.0.0.1:8765"), (" https://store.example ",
                                                          "https://store.example")])
def test_check_server_url(value: str, expected: str) -> None:
    assert session.check_server_url(value) == expected


@pytest.mark.parametrize("value", ["ftp://x", "http://", "http://a:99999", "http://u@h",
                                   "http://h/?q=1", "http://-a-"])
def test_check_server_url_refuses(value: str) -> None:
    with pytest.raises(session.ServerAddressError, match="^--where: "):
        session.check_server_url(value, "--where")


# --------------------------------------------------------------------------- the exchange


def answering(status: int, body: object = None, headers: dict[str, str] | None = None,
              seen: list[httpx.Request] | None = None) -> httpx.Client:
    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        if isinstance(body, bytes):
            return httpx.Response(status, content=body, headers=headers)
        return httpx.Response(status, json=body, headers=headers)

    return httpx.Client(transport=httpx.MockTransport(handle), base_url=SERVER)


def test_login_answers_the_token_and_the_account() -> None:
    seen: list[httpx.Request] = []
    http = answering(200, {"token": "t", "expires_at": "2026-01-01T12:00:00+00:00",
                           "agent": {"login": "bre", "role": "accueil", "organisme": "urssaf",
                                     "site": "BRE"}}, seen=seen)
    result = session.login(http, "bre", "pw")
    assert (result.token, result.expires_at) == ("t", "2026-01-01T12:00:00+00:00")
    assert result.account("bre") == {"login": "bre", "organisme": "urssaf", "site": "BRE",
                                     "role": "accueil"}
    assert [r.url.path for r in seen] == ["/auth/login"]
    result = session.login(answering(200, {"token": "t", "agent": "x"}), "typed", "pw")
    assert (result.agent, result.expires_at) == ({}, "?")
    assert result.account("typed")["login"] == "typed"


def test_login_with_a_new_password_changes_it() -> None:
    seen: list[httpx.Request] = []
    session.login(answering(200, {"token": "t"}, seen=seen), "bre", "old", new_password="new")
    assert seen[0].url.path == "/auth/change-password"
    assert b'"new_password"' in seen[0].content


@pytest.mark.parametrize(("status", "body", "headers", "error", "attributes"), [
    (429, None, {"Retry-After": "42"}, session.LoginThrottled, {"retry_after": "42"}),
    (429, None, None, session.LoginThrottled, {"retry_after": None}),
    (401, None, None, session.LoginRefused, {}),
    (403, {"code": "password_change_required"}, None, session.PasswordChangeRequired, {}),
    (403, {"code": "other"}, None, session.UnexpectedAnswer, {"status": 403}),
    (500, b"oops", None, session.UnexpectedAnswer, {"status": 500}),
    (200, b"<html>", None, session.NotACentralStore, {}),
    (200, {"token": 3}, None, session.NotACentralStore, {}),
    (200, [], None, session.NotACentralStore, {}),
])
def test_login_refusals_are_typed(status: int, body: object, headers: dict[str, str] | None,
                                  error: type[session.LoginError],
                                  attributes: dict[str, object]) -> None:
    with pytest.raises(error) as info:
        session.login(answering(status, body, headers), "bre", "pw")
    assert {name: getattr(info.value, name) for name in attributes} == attributes


def test_a_new_password_refused_says_why() -> None:
    http = answering(422, {"code": "password_too_short", "detail": "new_password: too short"})
    with pytest.raises(session.NewPasswordRefused) as info:
        session.login(http, "bre", "pw", new_password="short")
    assert (info.value.code, info.value.detail) == ("password_too_short",
                                                    "new_password: too short")
    with pytest.raises(session.UnexpectedAnswer):  # 422 to a plain sign-in
        session.login(http, "bre", "pw")


def test_revoke_token_posts_the_bearer() -> None:
    seen: list[httpx.Request] = []
    assert session.revoke_token(answering(200, {}, seen=seen), "tok").status_code == 200
    assert seen[0].url.path == "/auth/logout"
    assert seen[0].headers["Authorization"] == "Bearer tok"


def test_a_lone_surrogate_from_a_hostile_answer_is_no_crash(tmp_path: Path) -> None:
    session.remember_account(tmp_path, SERVER, login="a\ud800b", role="\udcff",
                             organisme="x")
    path = tmp_path / session.SETTINGS_FILE
    assert qt_value(path, "agent_login") == "a\ufffdb"
    assert qt_value(path, "agent_organisme") == "x"
