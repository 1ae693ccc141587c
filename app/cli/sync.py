"""``accueil-ti sync``: one headless sync round with the central store; ``accueil-ti logout``."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import (
    OperationFailed,
    UsageError,
    log_traceback,
    one_line,
    resolve_data_dir,
    server_url,
)
from app.cli.server import DEFAULT_PORT
from app.cli.store import opened_store

# app.sync.session.DEFAULT_SERVER, for the help (building the parser loads no sync module).
_DEFAULT_SERVER = f"http://127.0.0.1:{DEFAULT_PORT}"


def _server(args: argparse.Namespace) -> str:
    """``--server``, else ``server_url`` of the data dir's settings (else the default),
    checked; the field named in the error is where the address came from."""
    from app.sync.session import SETTINGS_FILE, configured_server

    data_dir = resolve_data_dir(args)
    return server_url(str(args.server or configured_server(data_dir)),
                      "--server" if args.server else
                      f"server_url (in {data_dir / SETTINGS_FILE})")


def cmd_sync(args: argparse.Namespace) -> int:
    import httpx
    from sqlalchemy.exc import DBAPIError

    from app.models.errors import KeyringUnavailableError
    from app.sync import http as sync_http
    from app.sync.client import SyncClient, retention_rules
    from app.sync.session import read_token

    data_dir = resolve_data_dir(args)
    server = _server(args)
    try:
        token = read_token(data_dir, server)
    except KeyringUnavailableError as exc:
        raise OperationFailed(str(exc)) from None
    if not token:
        raise OperationFailed(f"no token for {server}: run accueil-ti login first")
    with opened_store(args) as store, sync_http.make_http_client(server) as http:
        try:
            summary = SyncClient(store, http, token=token, server_key=server,
                                 retention=retention_rules(store)).run_round()
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


LOGOUT_TIMEOUT_S = 5.0


def cmd_logout(args: argparse.Namespace) -> int:
    """Sign this workstation out: the token leaves the keyring and is revoked on the store;
    with ``--remove-local-data`` (a shared workstation) the local dossiers are removed first,
    refused while any is not yet synced."""
    import httpx

    from app.models.errors import KeyringUnavailableError
    from app.models.repository import (
        UnsyncedCallsError,
        UnsyncedDossiersError,
        remove_local_dossiers,
    )
    from app.sync import http as sync_http
    from app.sync.session import delete_token, forget_account, read_token, revoke_token

    data_dir = resolve_data_dir(args)
    server = _server(args)
    removed: int | None = None
    if args.remove_local_data:
        with opened_store(args) as store:
            try:
                with store.transaction() as session:
                    removed = remove_local_dossiers(session)
            except UnsyncedCallsError:
                raise OperationFailed(
                    "logout refused: calls of the call list are not yet synced with the central "
                    "store; run accueil-ti sync, then log out again; nothing was removed and the "
                    "session is kept") from None
            except UnsyncedDossiersError as exc:
                raise OperationFailed(
                    f"logout refused: {exc.count} dossier{'s are' if exc.count != 1 else ' is'} "
                    "not yet synced with the central store; run accueil-ti sync (and settle its "
                    "conflicts in the app), then log out again; nothing was removed and the "
                    "session is kept") from None
    try:
        token = read_token(data_dir, server)
        if token:
            delete_token(data_dir, server)
    except KeyringUnavailableError as exc:
        raise OperationFailed(str(exc)) from None
    notice = ""
    if token:
        try:
            with sync_http.make_http_client(server) as http:
                http.timeout = httpx.Timeout(LOGOUT_TIMEOUT_S)
                answer = revoke_token(http, token)
            if answer.status_code not in (200, 401):  # 401: already expired or revoked
                notice = f"; the central store answered {answer.status_code}, the token " \
                         "will expire by itself"
        except httpx.HTTPError:
            notice = "; the central store could not be reached, the token will expire by itself"
    try:
        forget_account(data_dir)
    except OSError:  # the token is gone: the settings only name who signed in last
        pass
    said = (f"signed out of {server}{notice}" if token else f"not signed in to {server}")
    if removed is not None:
        said += f"; {removed} local dossier{'s' if removed != 1 else ''} removed from this " \
                "workstation (all were on the central store)"
    print(f"logout: {said}")
    return 0


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Declare ``sync`` and ``logout`` on the ``accueil-ti`` sub-command parser."""
    p = sub.add_parser("sync", parents=[common], help="one sync round with the central store")
    p.add_argument("--server", metavar="URL", help="the central store (default: server_url of "
                                                   f"the settings, else {_DEFAULT_SERVER})")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("logout", parents=[common], help="sign this workstation out of the "
                                                       "central store")
    p.add_argument("--server", metavar="URL", help="the central store (default: server_url of "
                                                   f"the settings, else {_DEFAULT_SERVER})")
    p.add_argument("--remove-local-data", action="store_true",
                   help="a shared workstation: also remove its local dossiers, once all are "
                        "synced (refused otherwise)")
    p.set_defaults(func=cmd_logout)
