"""The deployment's example files (docs/deployment.md, issue 18): the systemd unit runs a
sub-command with options the command line really accepts, with the environment file's values."""

from __future__ import annotations

import argparse
import configparser
import re
import shlex
from pathlib import Path

from app.cli import build_parser
from app.cli.server import _refuse_sqlite_workers

DOCS = Path(__file__).resolve().parents[1] / "docs"


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys are case-sensitive
    parser.read(DOCS / "accueil-ti-store.service", encoding="utf-8")
    return parser


def environment() -> dict[str, str]:
    values = {}
    for line in (DOCS / "accueil-ti-store.env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def test_the_unit_runs_serve_with_options_the_parser_accepts() -> None:
    service = unit()["Service"]
    env = environment()
    words = shlex.split(service["ExecStart"])
    # systemd replaces "${NAME}" by the variable's value, as one argument
    words = [re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], word) for word in words]
    assert words[0].endswith("/bin/accueil-ti")
    argv = words[1:]
    args = build_parser(argv).parse_args(argv)
    assert args.command == "serve"
    assert args.database.startswith("postgresql+psycopg://") and "@" in args.database
    assert ":" not in args.database.split("//", 1)[1].split("@", 1)[0]  # no password in it
    assert args.workers > 1
    _refuse_sqlite_workers(args.database, args.workers)  # PostgreSQL: several processes allowed
    assert (args.host, args.port) == ("127.0.0.1", 8765)
    assert args.forwarded_allow_ips == ["127.0.0.1"]


def test_the_unit_is_hardened_and_reads_its_settings_from_the_environment_file() -> None:
    config = unit()
    service = config["Service"]
    assert service["EnvironmentFile"] == "/etc/accueil-ti/store.env"
    assert set(environment()) == {"ACCUEIL_TI_DATABASE", "PGPASSFILE", "ACCUEIL_TI_DEPLOYMENT"}
    assert service["User"] and service["User"] != "root"
    assert service["Restart"] == "on-failure"
    assert service["KillMode"] == "mixed"
    for key, value in (("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"),
                       ("PrivateTmp", "yes")):
        assert service[key] == value, key
    assert service["StateDirectory"] == "accueil-ti"
    assert service["Environment"] == "ACCUEIL_TI_HOME=/var/lib/accueil-ti"
    assert config["Install"]["WantedBy"] == "multi-user.target"


def test_the_deployment_page_names_the_files_and_the_options() -> None:
    page = (DOCS / "deployment.md").read_text(encoding="utf-8")
    for name in ("docs/accueil-ti-store.service", "docs/accueil-ti-store.env.example", "--workers",
                 "--forwarded-allow-ips", "GET /health", "max_connections", "work_mem"):
        assert name in page, name
    serve = next(a for a in build_parser(["serve"])._actions
                 if isinstance(a, argparse._SubParsersAction)).choices["serve"]
    accepted = {option for action in serve._actions for option in action.option_strings}
    shown = set(re.findall(r"\| `(--[a-z-]+)", page))
    assert shown and shown <= accepted, shown - accepted
