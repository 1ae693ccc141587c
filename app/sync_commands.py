"""``accueil-ti sync``: one headless sync round with the central store."""

from __future__ import annotations

import argparse
import configparser
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.exc import DBAPIError

from app.cli import OperationFailed, UsageError, _data_dir, log_traceback, one_line
from app.server_commands import DEFAULT_PORT, check_server_url
from app.store_commands import opened_store

DEFAULT_SERVER = f"http://127.0.0.1:{DEFAULT_PORT}"
SETTINGS_FILE = "settings.ini"  # written by app.ui.settings (QSettings, INI format)


def configured_server(data_dir: Path) -> str:
    """``server_url`` of the data dir's settings.ini (section ``[General]``), else the default.

    Read with configparser: Qt stays in app/ui.
    """
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(Path(data_dir) / SETTINGS_FILE, encoding="utf-8")
    except configparser.Error:
        return DEFAULT_SERVER
    value = parser.get("General", "server_url", fallback="").strip().strip('"')
    return value or DEFAULT_SERVER


def make_http_client(server: str) -> httpx.Client:
    """The HTTP client of a round (replaced in tests)."""
    return httpx.Client(base_url=server, timeout=httpx.Timeout(30.0, connect=10.0))


def cmd_sync(args: argparse.Namespace) -> int:
    from app.models.errors import KeyringUnavailableError
    from app.sync.client import SyncClient
    from app.sync.session import read_token

    data_dir = _data_dir(args)
    server = check_server_url(str(args.server or configured_server(data_dir)),
                              "--server" if args.server else
                              f"server_url (in {data_dir / SETTINGS_FILE})")
    try:
        token = read_token(data_dir, server)
    except KeyringUnavailableError as exc:
        raise OperationFailed(str(exc)) from None
    if not token:
        raise OperationFailed(f"no token for {server}: run accueil-ti login first")
    with opened_store(args) as store, make_http_client(server) as http:
        try:
            summary = SyncClient(store, http, token=token, server_key=server).run_round()
        except (OperationFailed, UsageError, KeyboardInterrupt):
            raise
        except httpx.HTTPError as exc:  # what the client's own retries did not absorb
            raise OperationFailed(f"sync interrupted: the central store at {server} failed "
                                  f"({type(exc).__name__}: {one_line(exc)}); run sync again") \
                from None
        except DBAPIError:
            raise  # opened_store says it in one line
        except Exception as exc:  # one line here; the round's transactions have rolled back
            where = log_traceback(args, exc)
            raise OperationFailed(f"sync interrupted by an unexpected error "
                                  f"({type(exc).__name__}: {one_line(exc) or 'no message'}); "
                                  f"what was done is kept, run sync again; {where}") from None
    print(f"sync: {summary.line()}")
    if summary.in_sync:
        return 0
    if summary.errors:
        raise OperationFailed("sync incomplete: " + "; ".join(summary.errors))
    raise OperationFailed(f"sync incomplete: {summary.pending} dossiers not in sync "
                          f"({summary.conflicts} conflicts and {summary.quarantined} "
                          "quarantined this round; open them in the app)")


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Declare ``sync`` on the ``accueil-ti`` sub-command parser."""
    p = sub.add_parser("sync", parents=[common], help="one sync round with the central store")
    p.add_argument("--server", metavar="URL", help="the central store (default: server_url of "
                                                   f"the settings, else {DEFAULT_SERVER})")
    p.set_defaults(func=cmd_sync)
