"""The command line imports only the module of the sub-command it runs (issue 18): the static
table of app.cli agrees with what each module declares, a one-command parser parses as the full
one, and ``evaluate`` loads nothing of the server, the sync nor the window."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import COMMAND_MODULES, build_parser, command_of
from app.cli.common import Parser, UsageError
from tests.forms.test_scenarios import SCENARIOS

ROOT = Path(__file__).resolve().parents[1]


def declared_by(module_name: str) -> set[str]:
    """The sub-commands ``module_name``'s ``add_commands`` really declares."""
    common = Parser(add_help=False)
    parser = Parser(prog="accueil-ti")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    importlib.import_module(module_name).add_commands(sub, common)
    return set(sub.choices)


def test_the_table_names_every_sub_command_of_every_module() -> None:
    modules = sorted(f"app.cli.{p.stem}" for p in (ROOT / "app" / "cli").glob("*.py")
                     if "\ndef add_commands(" in p.read_text(encoding="utf-8"))
    assert len(modules) >= 6  # evaluate, gui, store, server, sync, signals
    assert sorted(set(COMMAND_MODULES.values())) == modules
    for module in modules:
        assert declared_by(module) == {c for c, m in COMMAND_MODULES.items() if m == module}, \
            module
    full = build_parser()
    sub = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == list(COMMAND_MODULES)  # --help lists them in the table's order


@pytest.mark.parametrize(("argv", "command"), [
    (["evaluate", "x.json"], "evaluate"),
    (["--data-dir", "/tmp/d", "sync"], "sync"),
    (["--data-dir=/tmp/d", "serve", "--port", "1"], "serve"),
    (["--data", "/tmp/d", "admin", "stats"], "admin"),  # argparse takes the abbreviation
    (["--data", "evaluate", "--help"], None),  # "evaluate" is --data-dir's value here
    (["--help"], None), (["--version"], None), ([], None), (["--", "evaluate"], None),
    (["evaulate"], "evaulate"),  # not in the table: the full parser names the choices
])
def test_the_command_is_read_from_the_words_before_it(argv: list[str],
                                                      command: str | None) -> None:
    assert command_of(argv) == command


@pytest.mark.parametrize("argv", [
    ["evaluate", "situation.json"], ["evaluate", "--jsonl", "-"],
    ["--data-dir", "/tmp/d", "demo", "--dossiers", "10", "--seed", "7"],
    ["export", "--dossier", "TI-BRE-02-2026-000123", "--out", "x.jsonl"],
    ["serve", "--database", "sqlite:///x.db", "--port", "8000"],
    ["admin", "stats", "--by", "site", "--format", "csv"],
    ["login", "--server", "http://127.0.0.1:8765", "--login", "a", "--password-stdin"],
    ["sync"], ["logout", "--remove-local-data"], ["signals", "export", "--out", "l.jsonl"],
    ["gui"],
])
def test_a_one_command_parser_parses_as_the_full_one(argv: list[str]) -> None:
    assert vars(build_parser(argv).parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["evaluate", "--bogus"], ["serve", "--port", "0"],
                                  ["admin", "nothing"], ["evaulate"]])
def test_a_one_command_parser_refuses_as_the_full_one(argv: list[str]) -> None:
    with pytest.raises(UsageError) as one:
        build_parser(argv).parse_args(argv)
    with pytest.raises(UsageError) as full:
        build_parser().parse_args(argv)
    assert str(one.value) == str(full.value)


@pytest.mark.slow
def test_evaluate_loads_nothing_of_the_server_the_sync_nor_the_window(tmp_path: Path) -> None:
    situation = tmp_path / "situation.json"
    situation.write_text(json.dumps(SCENARIOS[0]["situation"]), encoding="utf-8")
    script = ("import json, sys\nfrom app.cli import main\n"
              f"code = main(['evaluate', {str(situation)!r}])\n"
              "print(json.dumps([code, sorted(sys.modules)]))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=False,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    code, loaded = json.loads(done.stdout.splitlines()[-1])
    assert code == 0
    assert json.loads("\n".join(done.stdout.splitlines()[:-1]))  # the orientation was printed
    unwanted = ("app.cli.server", "app.cli.sync", "app.cli.gui", "app.cli.store",
                "app.cli.signals", "app.server", "app.sync", "app.ui", "app.models",
                "uvicorn", "fastapi", "sqlalchemy", "httpx", "PySide6", "keyring")
    assert [m for m in loaded
            if m in unwanted or m.startswith(tuple(u + "." for u in unwanted))] == []
    assert "app.cli.evaluate" in loaded  # the check looks at a real run
