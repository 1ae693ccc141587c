"""Sub-commands of the central store and of its accounts: serve, admin, login."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.cli import OperationFailed, UsageError, _data_dir
from app.store_commands import _output

TOKEN_SERVICE = "accueil-ti"
DEFAULT_PORT = 8765


def token_username(server: str) -> str:
    """The keyring entry of the bearer token for one central store."""
    return f"token:{server.rstrip('/')}"


def _database_url(args: argparse.Namespace) -> str:
    if args.database:
        return str(args.database)
    data_dir = _data_dir(args)
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(data_dir / 'central-store.db').resolve()}"


def _password_from_stdin(args: argparse.Namespace) -> str:
    if not args.password_stdin:
        raise UsageError("--password-stdin: required; the password is read from standard input, "
                         "never from the command line")
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise UsageError("password: empty on standard input; expected one line with the password")
    return password


def cmd_serve(args: argparse.Namespace) -> int:
    from app.server.app import create_app

    url = _database_url(args)
    try:
        app = create_app(url)
    except Exception as exc:  # a database that cannot be reached or migrated
        raise OperationFailed(f"the central store cannot start on {url}: {exc}") from None
    print(f"serve: central store on http://{args.host}:{args.port} (database {url})",
          flush=True)
    _serve(app, args.host, args.port)
    print("serve: stopped", flush=True)
    return 0


def _serve(app: Any, host: str, port: int) -> None:
    """Run uvicorn until SIGTERM/SIGINT, let in-flight requests finish, then return.

    uvicorn's own handling re-raises the signal once shut down, which makes a clean stop look
    like a kill (exit -15) to service managers and scripts.
    """
    import contextlib
    import signal

    import uvicorn

    class GracefulServer(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self) -> Any:
            def stop(signum: int, frame: object) -> None:
                self.should_exit = True

            previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

    GracefulServer(uvicorn.Config(app, host=host, port=port, log_level="warning")).run()


def cmd_admin_create_agent(args: argparse.Namespace) -> int:
    from app.server.admin import create_agent, open_server_engine

    password = _password_from_stdin(args)
    engine = open_server_engine(_database_url(args))
    try:
        create_agent(engine, login=args.login, organisme=args.organisme, site=args.site,
                     role=args.role, password=password)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    finally:
        engine.dispose()
    print(f"admin: agent {args.login} created ({args.role}, {args.organisme}, {args.site})")
    return 0


def cmd_admin_stats(args: argparse.Namespace) -> int:
    from app.server.admin import open_server_engine, stats

    engine = open_server_engine(_database_url(args))
    try:
        print(json.dumps(stats(engine), ensure_ascii=False))
    finally:
        engine.dispose()
    return 0


def cmd_admin_export(args: argparse.Namespace) -> int:
    from app.server.admin import export_dossiers, open_server_engine

    engine = open_server_engine(_database_url(args))
    count = 0
    try:
        with _output(args.out) as out:
            for record in export_dossiers(engine):
                out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
                count += 1
    finally:
        engine.dispose()
    if args.out not in (None, "-"):
        print(f"admin export: {count} dossiers written to {args.out}", file=sys.stderr)
    return 0


def cmd_login(args: argparse.Namespace) -> int:
    import httpx

    from app.models.errors import KeyringUnavailableError
    from app.models.secrets import check_keyring

    password = _password_from_stdin(args)
    server = str(args.server).rstrip("/")
    if not server.startswith(("http://", "https://")):
        raise UsageError(f"--server: {server!r} is not allowed; expected an address such as "
                         f"http://127.0.0.1:{DEFAULT_PORT}")
    try:
        backend = check_keyring()
    except KeyringUnavailableError as exc:
        raise OperationFailed(str(exc)) from None
    try:
        response = httpx.post(f"{server}/auth/login",
                              json={"login": args.login, "password": password}, timeout=15)
    except httpx.HTTPError as exc:
        raise OperationFailed(f"the central store at {server} cannot be reached ({exc})") from None
    if response.status_code == 429:
        raise OperationFailed("too many failed attempts for this login; try again in "
                              f"{response.headers.get('Retry-After', 'a few')} seconds")
    if response.status_code == 401:
        raise OperationFailed("login refused: wrong login or password")
    if response.status_code != 200:
        raise OperationFailed(f"the central store answered {response.status_code}")
    body: dict[str, Any] = response.json()
    backend.set_password(TOKEN_SERVICE, token_username(server), str(body["token"]))
    agent = body.get("agent", {})
    _remember_account(args, server, agent)
    print(f"login: {args.login} ({agent.get('role', '?')}, {agent.get('organisme', '?')}, "
          f"{agent.get('site', '?')}) until {body.get('expires_at', '?')}; token kept in the "
          "OS keyring")
    return 0


def _remember_account(args: argparse.Namespace, server: str, agent: dict[str, Any]) -> None:
    """Record the server and the account in the workstation's settings, as the login dialog
    does: the window opens on this server, and a ``partenaire`` account gets the partner inbox."""
    from app.ui.settings import AppSettings

    data_dir = _data_dir(args)
    settings = AppSettings.load(data_dir)
    settings.server_url = server
    settings.agent_login = str(agent.get("login", args.login))
    settings.agent_role = str(agent.get("role", ""))
    settings.agent_organisme = str(agent.get("organisme", ""))
    settings.save(data_dir)


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("serve", parents=[common], help="run the central store (HTTP API)")
    p.add_argument("--database", metavar="URL", help="SQLAlchemy URL (default: SQLite in the "
                                                      "data dir)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=DEFAULT_PORT)
    p.set_defaults(func=cmd_serve)

    admin = sub.add_parser("admin", parents=[common], help="accounts and figures of the central "
                                                           "store's database")
    admin_sub = admin.add_subparsers(dest="admin_command", metavar="ACTION", required=True,
                                     parser_class=type(admin))
    p = admin_sub.add_parser("create-agent", parents=[common], help="create an account")
    p.add_argument("--database", metavar="URL")
    p.add_argument("--login", required=True)
    p.add_argument("--organisme", required=True, metavar="ORG")
    p.add_argument("--site", required=True)
    p.add_argument("--role", required=True, choices=("accueil", "partenaire", "admin"))
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_admin_create_agent)
    p = admin_sub.add_parser("stats", parents=[common], help="counts, as JSON")
    p.add_argument("--database", metavar="URL")
    p.set_defaults(func=cmd_admin_stats)
    p = admin_sub.add_parser("export", parents=[common], help="every dossier as JSON lines")
    p.add_argument("--database", metavar="URL")
    p.add_argument("--out", metavar="FILE")
    p.set_defaults(func=cmd_admin_export)

    p = sub.add_parser("login", parents=[common], help="sign in to a central store; the token "
                                                      "goes to the OS keyring")
    p.add_argument("--server", required=True, metavar="URL")
    p.add_argument("--login", required=True)
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_login)

