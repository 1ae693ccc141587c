"""The accounts' password policy (issue 13): at least 12 characters, not the login, not a
common or guessable password (zxcvbn); applied at creation, at an administrator's reset and at
the self-service change; a password an administrator set must be changed at sign-in."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cli import main
from app.server import admin
from app.server.models import Agent, Token
from app.server.passwords import (
    CONTAINS_LOGIN,
    TOO_COMMON,
    TOO_SHORT,
    PasswordPolicyError,
    check_password,
)
from tests.server.conftest import PASSWORD, Server

STRONG = "finistere kouign amann 29"


@pytest.mark.parametrize(("password", "login", "code"), [
    ("short-1", "bre", TOO_SHORT),
    ("x" * 1025, "bre", TOO_SHORT),
    ("elevenchars", "bre", TOO_SHORT),
    ("a.legall-finistere-29", "a.legall", CONTAINS_LOGIN),
    ("A.LEGALL", "a.legall", TOO_SHORT),
    ("A.LEGALL-kouign-amann-29", "a.legall", CONTAINS_LOGIN),
    ("motdepasse123", "bre", TOO_COMMON),  # in zxcvbn's list of leaked passwords
    ("azertyuiop12", "bre", TOO_COMMON),
    ("password1234", "bre", TOO_COMMON),
    ("Password123!", "bre", TOO_COMMON),
    ("aaaaaaaaaaaaaaaa", "bre", TOO_COMMON),  # a repetition
    ("abcdefghijklmnop", "bre", TOO_COMMON),  # a sequence
    ("bonjourbonjour", "bre", TOO_COMMON),
])
def test_refused_passwords_name_the_rule(password: str, login: str, code: str) -> None:
    with pytest.raises(PasswordPolicyError) as info:
        check_password(password, login)
    assert info.value.code == code
    message = str(info.value)
    assert message.startswith("password: ") and "expected at least 12 characters" in message
    assert password not in message  # the password itself is never repeated


@pytest.mark.parametrize("password", [
    PASSWORD, STRONG, "Brest: 3 phares & 1 pont!", "quatre chevaux bleus mangent des crepes",
    "Le phare du Creac'h veille sur Ouessant depuis 1863 et sa corne de brume se tait"])
def test_accepted_passwords(password: str) -> None:
    check_password(password, "a.legall")


def test_a_short_login_inside_a_word_is_still_the_login() -> None:
    with pytest.raises(PasswordPolicyError) as info:
        check_password("Brest: 3 phares & 1 pont!", "bre")
    assert info.value.code == CONTAINS_LOGIN


def test_create_agent_applies_the_policy(server: Server) -> None:
    engine = server.app.state.engine
    for password, code in (("short", TOO_SHORT), ("new.agent-kouign-29", CONTAINS_LOGIN),
                           ("motdepasse123", TOO_COMMON)):
        with pytest.raises(PasswordPolicyError) as info:
            admin.create_agent(engine, login="new.agent", organisme="caf", site="REN",
                               role="partenaire", password=password)
        assert info.value.code == code
    with Session(engine) as session:
        assert session.scalar(select(Agent).where(Agent.login == "new.agent")) is None


def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_admin_create_agent_and_set_password_on_the_command_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    base = ("admin", "create-agent", "--database", url, "--login", "a.legall", "--organisme",
            "urssaf", "--site", "BRE", "--role", "accueil", "--password-stdin")
    for password, words in (("trop-court", ("12 characters",)),
                            ("a.legall-finistere", ("contains the login",)),
                            ("motdepasse123", ("common password", "easy to guess"))):
        code, out, err = cli(monkeypatch, capsys, *base, stdin=password + "\n")
        assert code == 2, err
        assert err.startswith("accueil-ti: password: ") and err.count("\n") == 1
        assert all(word in err for word in words) and password not in err
    code, out, err = cli(monkeypatch, capsys, *base, "--force-change", stdin=STRONG + "\n")
    assert code == 0 and "must change this password at the first sign-in" in out
    engine = admin.open_server_engine(url)
    try:
        with Session(engine) as session:
            agent = session.scalars(select(Agent).where(Agent.login == "a.legall")).one()
            assert agent.must_change_password
        set_password = ("admin", "set-password", "--database", url, "--login", "a.legall",
                        "--password-stdin")
        code, _, err = cli(monkeypatch, capsys, *set_password, stdin="azertyuiop12\n")
        assert code == 2 and "password: a common password" in err
        code, _, err = cli(monkeypatch, capsys, "admin", "set-password", "--database", url,
                           "--login", "nobody", "--password-stdin", stdin=STRONG + "\n")
        assert code == 2 and err.startswith("accueil-ti: login: no such account")
        code, out, err = cli(monkeypatch, capsys, *set_password, "--no-forced-change",
                             stdin="another long passphrase 56\n")
        assert code == 0, err
        assert "password of a.legall set" in out and "must change" not in out
        with Session(engine) as session:
            agent = session.scalars(select(Agent).where(Agent.login == "a.legall")).one()
            assert not agent.must_change_password
    finally:
        engine.dispose()


def test_a_password_set_by_an_admin_must_be_changed_before_any_token(server: Server) -> None:
    engine = server.app.state.engine
    admin.create_agent(engine, login="n.kerouac", organisme="urssaf", site="BRE",
                       role="accueil", password=STRONG, must_change_password=True)
    refused = server.client.post("/auth/login", json={"login": "n.kerouac", "password": STRONG})
    assert refused.status_code == 403
    assert refused.json()["code"] == "password_change_required"
    assert "token" not in refused.json()
    # a wrong current password is a 401, as at login
    wrong = server.client.post("/auth/change-password", json={
        "login": "n.kerouac", "password": "not the one", "new_password": PASSWORD})
    assert wrong.status_code == 401
    for new, code in (("short", "password_too_short"),
                      ("n.kerouac brest 29", "password_contains_login"),
                      ("motdepasse123", "password_too_common"),
                      (STRONG, "password_unchanged")):
        answer = server.client.post("/auth/change-password", json={
            "login": "n.kerouac", "password": STRONG, "new_password": new})
        assert answer.status_code == 422, answer.text
        assert answer.json()["code"] == code and answer.json()["field"] == "new_password"
        assert answer.json()["detail"].startswith("new_password: ")
    changed = server.client.post("/auth/change-password", json={
        "login": "n.kerouac", "password": STRONG, "new_password": PASSWORD})
    assert changed.status_code == 200, changed.text
    token = changed.json()["token"]
    assert server.client.get("/sync/pull", headers={
        "Authorization": f"Bearer {token}"}).status_code == 200
    assert server.client.post("/auth/login", json={"login": "n.kerouac",
                                                   "password": STRONG}).status_code == 401
    assert server.client.post("/auth/login", json={"login": "n.kerouac",
                                                   "password": PASSWORD}).status_code == 200


def test_a_reset_by_an_admin_signs_the_agent_out_and_forces_a_change(server: Server) -> None:
    headers = server.login("bre")
    assert server.client.get("/sync/pull", headers=headers).status_code == 200
    assert admin.set_password(server.app.state.engine, login="bre", password=STRONG) == 1
    assert server.client.get("/sync/pull", headers=headers).status_code == 401
    answer = server.client.post("/auth/login", json={"login": "bre", "password": STRONG})
    assert answer.status_code == 403 and answer.json()["code"] == "password_change_required"
    with Session(server.app.state.engine) as session:
        assert all(t.revoked_at is not None for t in session.scalars(select(Token)))


def test_self_service_change_revokes_the_other_sessions(server: Server) -> None:
    other = server.login("bre")
    changed = server.client.post("/auth/change-password", json={
        "login": "bre", "password": PASSWORD, "new_password": STRONG})
    assert changed.status_code == 200
    assert server.client.get("/sync/pull", headers=other).status_code == 401
    assert server.client.get("/sync/pull", headers={
        "Authorization": f"Bearer {changed.json()['token']}"}).status_code == 200


def test_change_password_is_rate_limited_like_login(server: Server) -> None:
    for _ in range(5):
        assert server.client.post("/auth/change-password", json={
            "login": "bre", "password": "wrong-wrong", "new_password": STRONG}).status_code == 401
    answer = server.client.post("/auth/change-password", json={
        "login": "bre", "password": PASSWORD, "new_password": STRONG})
    assert answer.status_code == 429
