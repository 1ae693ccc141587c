"""`accueil-ti admin site list|show|set`: the sites' settings on the central store's database,
recorded as versions (unchanged fields kept), with exit 2 naming what is allowed."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from app.cli import main


def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'central.db'}"


def test_list_set_and_show(url: str, capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = cli(capsys, monkeypatch, "admin", "site", "list", "--database", url)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["CODE", "SITE", "VERSION", "ÉTAT", "TÉLÉPHONE", "E-MAIL"]
    assert len(lines) == 7 and all("à confirmer" in line for line in lines[1:])
    assert lines[3].startswith("BRE") and "Brest" in lines[3]

    code, out, err = cli(capsys, monkeypatch, "admin", "site", "set", "BRE", "--database", url,
                         "--address", "Urssaf Bretagne", "--address", "1 rue de l’Exemple",
                         "--phone", "0298000000", "--email", "accueil.ti@example.fr",
                         "--hours", "du lundi au vendredi, de 9 h à 12 h", "--by", "a.admin")
    assert code == 0, err
    assert "BRE version 1 recorded by a.admin" in out
    code, out, err = cli(capsys, monkeypatch, "admin", "site", "set", "BRE", "--database", url,
                         "--phone", "3698", "--by", "b.admin")
    assert code == 0 and "BRE version 2" in out, err
    code, out, _ = cli(capsys, monkeypatch, "admin", "site", "set", "BRE", "--database", url,
                       "--phone", "3698", "--by", "b.admin")
    assert code == 0 and "unchanged (version 2)" in out

    code, out, _ = cli(capsys, monkeypatch, "admin", "site", "list", "--database", url)
    bre = next(line for line in out.splitlines() if line.startswith("BRE"))
    assert bre.split()[:4] == ["BRE", "Brest", "2", "confirmé"]
    assert "3698" in bre and "accueil.ti@example.fr" in bre

    code, out, err = cli(capsys, monkeypatch, "admin", "site", "show", "BRE", "--database", url)
    assert code == 0, err
    assert out.startswith("BRE — Brest : version 2, enregistrée le ")
    assert "par b.admin" in out.splitlines()[0]
    assert "adresse : 1 rue de l’Exemple" in out
    assert "code postal et commune : 29200 Brest" in out
    assert "téléphone : 3698" in out
    history = out.split("historique :")[1]
    assert "version 1, le" in history and "par a.admin" in history
    assert "téléphone : 02 98 00 00 00" in history  # the first version, kept whole
    assert "version 2, le" in history

    code, out, _ = cli(capsys, monkeypatch, "admin", "site", "show", "QUI", "--database", url)
    assert code == 0 and "à confirmer" in out and "adresse : —" in out
    assert "historique" not in out


@pytest.mark.parametrize(("argv", "words"), [
    (["set", "XYZ", "--phone", "3698", "--by", "a"], ["CODE", "'XYZ'", "REN, PLE, BRE"]),
    (["show", "XYZ"], ["CODE", "REN, PLE, BRE, QUI, VAN, TEL"]),
    (["set", "BRE", "--phone", "3698", "--by", "a"], ["--address", "1 to 4"]),
    (["set", "BRE", "--address", "x", "--phone", "12", "--by", "a"], ["--phone", "10 digits"]),
    (["set", "BRE", "--address", "x", "--email", "nope", "--by", "a"], ["--email"]),
    (["set", "BRE", "--address", "x", "--postal-code", "2920", "--by", "a"],
     ["--postal-code", "5 digits"]),
    (["set", "BRE", "--address", "x", "--by", " "], ["--by"]),
    (["set", "BRE", "--by", "a"], ["expected at least one of --address"]),
])
def test_refusals_exit_2_naming_what_is_allowed(url: str, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch,
                                                argv: list[str], words: list[str]) -> None:
    code, _, err = cli(capsys, monkeypatch, "admin", "site", argv[0], *argv[1:],
                       "--database", url)
    assert code == 2, err
    for word in words:
        assert word in err
    code, out, _ = cli(capsys, monkeypatch, "admin", "site", "list", "--database", url)
    assert code == 0 and out.count("à confirmer") == 6


def test_a_database_that_cannot_be_used(capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = cli(capsys, monkeypatch, "admin", "site", "list", "--database", "nope://")
    assert code == 2 and "--database" in err
