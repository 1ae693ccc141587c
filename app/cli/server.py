"""Sub-commands of the central store and of its accounts: serve, admin, login."""

from __future__ import annotations

import argparse
import errno
import json
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from app.cli.common import (
    OperationFailed,
    UsageError,
    one_line,
    out_target,
    output,
    read_stdin,
    reason,
    resolve_data_dir,
    server_url,
    write_json_lines,
)

# serve's port; app.sync.session.DEFAULT_SERVER names it too (a test checks they agree). Not
# imported from there: building the parser loads nothing of the workstation's modules.
DEFAULT_PORT = 8765

DATABASE_EXAMPLES = "sqlite:///PATH or postgresql+psycopg://USER@HOST:5432/DATABASE"
_T = TypeVar("_T")


def _database_url(args: argparse.Namespace) -> str:
    if args.database:
        return str(args.database)
    data_dir = resolve_data_dir(args)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OperationFailed(f"the data folder {data_dir} cannot be created ({reason(exc)}); "
                              "expected a folder this user may write in") from None
    return f"sqlite:///{(data_dir / 'central-store.db').resolve()}"


def _shown(url: str) -> str:
    """The database URL as it may be printed: without its password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: it is shown as the user typed it
        return repr(url)


def open_database(url: str, opener: Callable[[str], _T]) -> _T:
    """``opener(url)`` (an engine or an app on the migrated database), its failures turned
    into one line: exit 2 for a URL that cannot be used, exit 1 for a database that cannot be
    reached or migrated."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, DBAPIError

    if "\x00" in url:
        raise UsageError(f"--database: {url!r} holds a NUL character; expected "
                         f"{DATABASE_EXAMPLES}")
    try:
        port = make_url(url).port
    except (ArgumentError, ValueError) as exc:
        raise UsageError(f"--database: {url!r} cannot be used ({one_line(exc)}); expected "
                         f"{DATABASE_EXAMPLES}") from None
    if port is not None and not 1 <= port <= 65535:
        raise UsageError(f"--database: port {port} is not allowed; expected 1 to 65535")
    try:
        return opener(url)
    except (ArgumentError, ImportError, ValueError) as exc:  # NoSuchModuleError is an
        # ArgumentError; ImportError: a driver that is not installed
        if one_line(exc).startswith("database:"):  # the store's own refusal says it all
            raise UsageError(f"--{one_line(exc)}") from None
        raise UsageError(f"--database: {_shown(url)} cannot be used ({one_line(exc)}); expected "
                         f"{DATABASE_EXAMPLES}") from None
    except DBAPIError as exc:
        raise OperationFailed(f"the database {_shown(url)} cannot be reached or opened "
                              f"({one_line(exc.orig)})") from None
    except Exception as exc:  # a migration that fails, a schema written by a newer version…
        raise OperationFailed(f"the database {_shown(url)} cannot be opened "
                              f"({type(exc).__name__}: {one_line(exc)})") from None


@contextmanager
def _server_engine(args: argparse.Namespace) -> Iterator[Any]:
    """The central store's engine of ``--database``, migrated; a database error while it is
    used is one line too."""
    from sqlalchemy.exc import DBAPIError

    from app.server.admin import open_server_engine

    url = _database_url(args)
    engine = open_database(url, open_server_engine)
    try:
        yield engine
    except DBAPIError as exc:
        raise OperationFailed(f"the database {_shown(url)} failed ({one_line(exc.orig)})") \
            from None
    finally:
        engine.dispose()


def _port(value: str) -> int:
    """``--port``: a whole number from 1 to 65535 (argparse type)."""
    try:
        port = int(value)
    except ValueError:
        raise UsageError(f"--port: {value!r} is not allowed; expected a whole number from 1 to "
                         "65535") from None
    if not 1 <= port <= 65535:
        raise UsageError(f"--port: {port} is not allowed; expected 1 to 65535")
    return port


MAX_WORKERS = 64


def _workers(value: str) -> int:
    """``--workers``: a whole number from 1 to 64 (argparse type)."""
    expected = f"expected a whole number from 1 to {MAX_WORKERS}"
    try:
        workers = int(value)
    except ValueError:
        raise UsageError(f"--workers: {value!r} is not allowed; {expected}") from None
    if not 1 <= workers <= MAX_WORKERS:
        raise UsageError(f"--workers: {workers} is not allowed; {expected}")
    return workers


def _trusted_proxies(value: str) -> list[str]:
    """``--forwarded-allow-ips``: addresses or networks, comma-separated (argparse type)."""
    import ipaddress

    proxies = [part.strip() for part in value.split(",")]
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise UsageError(f"--forwarded-allow-ips: {proxy!r} is not allowed; expected the "
                             "addresses or networks of the reverse proxies, separated by "
                             "commas, such as 127.0.0.1 or 10.0.0.0/24") from None
    return proxies


def _refuse_sqlite_workers(url: str, workers: int) -> None:
    """Several processes need a database server: SQLite is the embedded, single-process
    store."""
    from sqlalchemy.engine import make_url

    try:
        backend = make_url(url).get_backend_name()
    except Exception:  # not a URL: open_database names what is wrong with it
        return
    if workers > 1 and backend == "sqlite":
        raise UsageError(f"--workers: {workers} is not allowed with SQLite (the embedded store "
                         "serves from one process); expected 1, or --database "
                         "postgresql+psycopg://USER@HOST:5432/DATABASE")


_Address = tuple[int, int, int, Any]


def _address(host: str, port: int) -> _Address:
    """Where ``serve`` listens (family, type, protocol, address), or a UsageError for --host."""
    expected = "expected an address such as 127.0.0.1 or 0.0.0.0"
    if not host or "\x00" in host:
        raise UsageError(f"--host: {host!r} is not allowed; {expected}")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except (OSError, UnicodeError) as exc:
        raise UsageError(f"--host: {host!r} is not an address of this machine "
                         f"({reason(exc)}); {expected}") from None
    return family, kind, proto, address


def _listening_socket(where: _Address, host: str, port: int) -> socket.socket:
    """The server's socket, bound before uvicorn starts: an address of another machine or a
    port in use is one line here (uvicorn would log it and exit on its own)."""
    family, kind, proto, address = where
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRNOTAVAIL:
            raise UsageError(f"--host: {host!r} is not an address of this machine "
                             f"({reason(exc)}); expected an address such as 127.0.0.1 or "
                             "0.0.0.0") from None
        raise OperationFailed(f"the central store cannot listen on {host} port {port} "
                              f"({reason(exc)})") from None
    return sock


def _password_from_stdin(args: argparse.Namespace) -> str:
    if not args.password_stdin:
        raise UsageError("--password-stdin: required; the password is read from standard input, "
                         "never from the command line")
    password = read_stdin("password", line=True).rstrip("\r\n")
    if not password:
        raise UsageError("password: empty on standard input; expected one line with the password")
    return password


TOKEN_LIFETIME_ENV = "ACCUEIL_TI_TOKEN_LIFETIME_MINUTES"
TOKEN_IDLE_ENV = "ACCUEIL_TI_TOKEN_IDLE_MINUTES"
MAX_TOKEN_MINUTES = 7 * 24 * 60


def _minutes(value: str, field: str) -> int:
    try:
        minutes = int(value.strip())
    except ValueError:
        minutes = 0
    if not 1 <= minutes <= MAX_TOKEN_MINUTES:
        raise UsageError(f"{field}: {value!r} is not allowed; expected a whole number of minutes "
                         f"from 1 to {MAX_TOKEN_MINUTES}")
    return minutes


def _token_settings(args: argparse.Namespace) -> tuple[Any, Any]:
    """(lifetime, idle expiry) of the store's tokens: ``--token-lifetime``/``--token-idle``,
    else the environment variables, else 12 hours and 30 minutes."""
    import os
    from datetime import timedelta

    from app.server.app import TOKEN_IDLE, TOKEN_LIFETIME

    found = []
    for option, env, default in (("--token-lifetime", TOKEN_LIFETIME_ENV, TOKEN_LIFETIME),
                                 ("--token-idle", TOKEN_IDLE_ENV, TOKEN_IDLE)):
        given = getattr(args, option[2:].replace("-", "_"), None)
        if given is not None:
            found.append(timedelta(minutes=_minutes(str(given), option)))
        elif os.environ.get(env, "").strip():
            found.append(timedelta(minutes=_minutes(os.environ[env], env)))
        else:
            found.append(default)
    lifetime, idle = found
    if idle > lifetime:
        raise UsageError(f"--token-idle: {int(idle.total_seconds() // 60)} minutes is not "
                         "allowed; expected at most the token lifetime "
                         f"({int(lifetime.total_seconds() // 60)} minutes)")
    return lifetime, idle


def cmd_serve(args: argparse.Namespace) -> int:
    from app.server.admin import open_server_engine
    from app.server.app import create_app

    where = _address(args.host, args.port)
    lifetime, idle = _token_settings(args)
    url = _database_url(args)
    workers: int = args.workers
    _refuse_sqlite_workers(url, workers)
    if workers == 1:
        app = open_database(url, lambda database: create_app(database, token_lifetime=lifetime,
                                                             token_idle=idle))
        engine = app.state.engine
    else:  # migrated once, here, before any worker starts; each worker builds its own app
        app = None
        engine = open_database(url, open_server_engine)
        engine.dispose()
    try:
        sock = _listening_socket(where, args.host, args.port)
        try:
            processes = f", {workers} processes" if workers > 1 else ""
            print(f"serve: central store on http://{args.host}:{args.port} (database "
                  f"{_shown(url)}{processes})", flush=True)
            if app is not None:
                _serve(app, args.host, args.port, sock, trusted_proxies=args.forwarded_allow_ips)
            else:
                _serve_workers(url, (lifetime, idle), workers, args.host, args.port, sock,
                               trusted_proxies=args.forwarded_allow_ips)
        finally:
            sock.close()
    finally:
        engine.dispose()
    print("serve: stopped", flush=True)
    return 0


def _uvicorn_config(app: Any, host: str, port: int, trusted_proxies: list[str] | None,
                    **options: Any) -> Any:
    """uvicorn's configuration on the bound socket. The client address (which the sign-in
    rate limit counts by) is taken from X-Forwarded-For only when the connection comes from
    one of ``trusted_proxies`` (``--forwarded-allow-ips``); by default no proxy is trusted,
    whatever uvicorn's FORWARDED_ALLOW_IPS says."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level="warning",
                          proxy_headers=bool(trusted_proxies),
                          forwarded_allow_ips=list(trusted_proxies or ()) or None, **options)


def _serve(app: Any, host: str, port: int, sock: socket.socket | None = None, *,
           trusted_proxies: list[str] | None = None) -> None:
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

    server = GracefulServer(_uvicorn_config(app, host, port, trusted_proxies))
    server.run(sockets=[sock] if sock is not None else None)


def _serve_workers(url: str, tokens: tuple[Any, Any], workers: int, host: str, port: int,
                   sock: socket.socket, *, trusted_proxies: list[str] | None = None) -> None:
    """Run ``workers`` processes with uvicorn's own supervisor (uvicorn.supervisors.Multiprocess:
    it restarts a worker that dies, SIGHUP replaces them all) until SIGTERM/SIGINT, then stop
    them and return. Each worker builds the app from the settings put in the environment
    (app.server.app.worker_app) and serves the socket bound here."""
    import inspect
    import os
    import signal

    import uvicorn
    from uvicorn.supervisors.multiprocess import SIGNALS, Multiprocess

    from app.server.app import SERVE_SETTINGS_ENV, worker_app, worker_settings

    lifetime, idle = tokens
    config = _uvicorn_config(f"{worker_app.__module__}:{worker_app.__name__}", host, port,
                             trusted_proxies, factory=True, workers=workers)
    previous_env = os.environ.get(SERVE_SETTINGS_ENV)
    previous_handlers = {sig: signal.getsignal(sig) for sig in SIGNALS}
    os.environ[SERVE_SETTINGS_ENV] = worker_settings(url, lifetime, idle)
    try:
        options: dict[str, Any] = {"sockets": [sock]}
        if "target" in inspect.signature(Multiprocess).parameters:  # uvicorn before 0.37
            options["target"] = uvicorn.Server(config).run
        supervisor = Multiprocess(config, **options)
        supervisor.run()
    finally:
        for sig, handler in previous_handlers.items():
            if handler is not None:
                signal.signal(sig, handler)
        if previous_env is None:
            os.environ.pop(SERVE_SETTINGS_ENV, None)
        else:
            os.environ[SERVE_SETTINGS_ENV] = previous_env
    startup_failure = getattr(uvicorn.config, "STARTUP_FAILURE", 3)
    if any(process.exitcode == startup_failure for process in supervisor.processes):
        raise OperationFailed("a worker process of the central store could not start (its error "
                              "is above); the store stopped")


def cmd_admin_create_agent(args: argparse.Namespace) -> int:
    from app.server.admin import create_agent

    password = _password_from_stdin(args)
    # The first contract (create-agent, then login) keeps working: the change at the first
    # sign-in is asked with --force-change; a password reset by an admin (set-password) asks it
    # by default.
    forced = bool(args.force_change) and not args.no_forced_change
    with _server_engine(args) as engine:
        try:
            create_agent(engine, login=args.login, organisme=args.organisme, site=args.site,
                         role=args.role, password=password, must_change_password=forced)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    print(f"admin: agent {args.login} created ({args.role}, {args.organisme}, {args.site})"
          + ("; the agent must change this password at the first sign-in" if forced else ""))
    return 0


def cmd_admin_set_password(args: argparse.Namespace) -> int:
    from app.server.admin import set_password

    password = _password_from_stdin(args)
    forced = not args.no_forced_change
    with _server_engine(args) as engine:
        try:
            revoked = set_password(engine, login=args.login, password=password,
                                   must_change_password=forced)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    print(f"admin: password of {args.login} set ({revoked} session"
          f"{'s' if revoked != 1 else ''} signed out)"
          + ("; the agent must change it at the next sign-in" if forced else ""))
    return 0


def cmd_admin_stats(args: argparse.Namespace) -> int:
    from app.server.admin import stats

    if args.by is None:
        if args.period is not None or args.exact or args.format == "csv":
            raise UsageError("--by: required with --period, --exact or --format csv; expected "
                             "a comma-separated list of dimensions (site, channel, organisme, "
                             "aid, question, urgent, status, outcome, month)")
        with _server_engine(args) as engine:
            print(json.dumps(stats(engine), ensure_ascii=False))
        return 0
    return _admin_breakdown(args)


def _admin_breakdown(args: argparse.Namespace) -> int:
    """``admin stats --by``: the breakdown as JSON or CSV (issue 17)."""
    import csv

    from app.forms.stats import parse_dimensions, parse_period, row_keys
    from app.server.admin import breakdown

    try:  # bad input named before the database is opened
        keys = row_keys(parse_dimensions(args.by))
        parse_period(args.period)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    with _server_engine(args) as engine:
        figures = breakdown(engine, args.by, args.period, exact=args.exact)
    if args.format == "json":
        print(json.dumps(figures, ensure_ascii=False))
        return 0
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([*keys, "dossiers"])
    for row in figures["rows"]:
        writer.writerow([_csv_cell(row.get(key)) for key in (*keys, "dossiers")])
    return 0


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def cmd_admin_audit_verify(args: argparse.Namespace) -> int:
    from app.server.audit import Head, verify

    expect = None
    if args.expect is not None:
        try:
            expect = Head.from_json(json.loads(Path(args.expect).read_text(encoding="utf-8")))
        except OSError as exc:
            raise UsageError(f"--expect: {args.expect}: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise UsageError(f"--expect: {args.expect}: not an exported audit head "
                             f"({one_line(exc)})") from None
    with _server_engine(args) as engine:
        verdict = verify(engine, expect)
    print(verdict.message())
    return 0 if verdict.ok else 1


def cmd_admin_audit_head(args: argparse.Namespace) -> int:
    from app.server.audit import current_head

    with _server_engine(args) as engine:
        head = current_head(engine)
    print(json.dumps(head.to_json(), ensure_ascii=False))
    return 0


def cmd_admin_export(args: argparse.Namespace) -> int:
    from app.server.admin import export_dossiers

    if args.out not in (None, "-"):
        out_target(args.out)  # before any work: a folder, a missing folder…
    with _server_engine(args) as engine, output(args.out) as out:
        count = write_json_lines(out, export_dossiers(engine))
    if args.out not in (None, "-"):
        print(f"admin export: {count} dossiers written to {args.out}", file=sys.stderr)
    return 0


def cmd_admin_retention(args: argparse.Namespace) -> int:
    """Apply the retention durations to the central store (or list what it would do)."""
    import os
    from datetime import UTC, datetime

    from app.forms.retention import RetentionError, deployment_file, load_rules, summary_line
    from app.server.erasure import run_retention

    try:
        rules = load_rules(deployment_file(os.environ, resolve_data_dir(args)))
    except RetentionError as exc:
        raise UsageError(str(exc)) from None
    with _server_engine(args) as engine:
        plan = run_retention(engine, rules, datetime.now(UTC), dry_run=args.dry_run)
    print(f"retention{' (dry run)' if args.dry_run else ''}: "
          f"{summary_line(rules, plan, dry_run=args.dry_run)}")
    for due in plan:
        print(due.line())
    return 0


def cmd_admin_site_list(args: argparse.Namespace) -> int:
    """The sites and their settings, one line each."""
    from app.server.sites import list_sites

    with _server_engine(args) as engine:
        sites = list_sites(engine)
    rows = [("CODE", "SITE", "VERSION", "ÉTAT", "TÉLÉPHONE", "E-MAIL")]
    rows += [(s["code"], s["name"], str(s["version"]),
              "confirmé" if s["confirmed"] else "à confirmer", s["phone"] or "—",
              s["email"] or "—") for s in sites]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True))
              .rstrip())
    return 0


def _site_block(site: dict[str, Any]) -> list[str]:
    lines = [f"  adresse : {line}" for line in site["address"]] or ["  adresse : —"]
    lines.append(f"  code postal et commune : {site['postal_code']} {site['commune']}")
    lines += [f"  téléphone : {site['phone'] or '—'}", f"  e-mail : {site['email'] or '—'}",
              f"  horaires : {site['hours'] or '—'}"]
    return lines


def cmd_admin_site_show(args: argparse.Namespace) -> int:
    """One site's current settings and every version recorded."""
    from app.server.sites import UnknownSiteError, show_site

    with _server_engine(args) as engine:
        try:
            current, versions = show_site(engine, args.code)
        except UnknownSiteError as exc:
            raise UsageError(f"CODE: {exc}") from None
    if current["confirmed"]:
        print(f"{current['code']} — {current['name']} : version {current['version']}, "
              f"enregistrée le {current['updated_at']} par {current['updated_by']}")
    else:
        print(f"{current['code']} — {current['name']} : à confirmer (aucun paramètre "
              "enregistré : les documents impriment le nom du site et sa commune)")
    for line in _site_block(current):
        print(line)
    if versions:
        print("historique :")
        for version in versions:
            print(f"version {version['version']}, le {version['updated_at']} par "
                  f"{version['updated_by']}")
            for line in _site_block(version):
                print(f"  {line}")
    return 0


def cmd_admin_site_set(args: argparse.Namespace) -> int:
    """Record a new version of a site's settings; the options left out keep their value."""
    from app.server.sites import UnknownSiteError, set_site

    changes: dict[str, Any] = {}
    if args.address is not None:
        changes["address"] = list(args.address)
    for option in ("postal_code", "commune", "phone", "email", "hours"):
        value = getattr(args, option)
        if value is not None:
            changes[option] = value
    if not changes:
        raise UsageError("expected at least one of --address, --postal-code, --commune, "
                         "--phone, --email, --hours")
    with _server_engine(args) as engine:
        try:
            site, written = set_site(engine, args.code, changes, args.by)
        except UnknownSiteError as exc:
            raise UsageError(f"CODE: {exc}") from None
        except ValueError as exc:
            field = str(exc).split(":", 1)[0]
            option = "--" + field.replace("_", "-") if field in (
                "address", "postal_code", "commune", "phone", "email", "hours", "by") else field
            raise UsageError(f"{option}{str(exc)[len(field):]}") from None
    if written:
        print(f"admin site: {site['code']} version {site['version']} recorded by "
              f"{site['updated_by']}; the workstations print it after their next sync round")
    else:
        print(f"admin site: {site['code']} unchanged (version {site['version']})")
    return 0


class _OneShotPost:
    """Posts to ``server`` with httpx's one-shot ``post`` (15 s), as :func:`cmd_login` always
    has: the stand-in for a client that app.sync.session.login posts with."""

    def __init__(self, server: str) -> None:
        self.server = server

    def post(self, url: str, *, json: Any = None) -> Any:
        import httpx

        return httpx.post(f"{self.server}{url}", json=json, timeout=15)


def cmd_login(args: argparse.Namespace) -> int:
    import httpx

    from app.models.errors import KeyringUnavailableError
    from app.models.secrets import check_keyring
    from app.sync import session

    server = server_url(str(args.server))
    password = _password_from_stdin(args)
    new_password: str | None = None
    if args.change_password:
        new_password = read_stdin("new password", line=True).rstrip("\r\n")
        if not new_password:
            raise UsageError("new password: missing on standard input; expected the current "
                             "password on the first line and the new one on the second")
    try:
        check_keyring()
    except KeyringUnavailableError as exc:
        raise OperationFailed(str(exc)) from None
    try:
        result = session.login(_OneShotPost(server), args.login, password,
                               new_password=new_password)
    except httpx.InvalidURL as exc:
        raise UsageError(f"--server: {server!r} is not a valid address ({one_line(exc)}); "
                         f"expected an address such as http://127.0.0.1:{DEFAULT_PORT}") from None
    except httpx.HTTPError as exc:
        raise OperationFailed(f"the central store at {server} cannot be reached "
                              f"({one_line(exc) or type(exc).__name__})") from None
    except session.LoginThrottled as exc:
        wait = "a few" if exc.retry_after is None else exc.retry_after
        raise OperationFailed(f"too many failed attempts for this login; try again in {wait} "
                              "seconds") from None
    except session.LoginRefused:
        raise OperationFailed("login refused: wrong login or password") from None
    except session.PasswordChangeRequired:
        raise OperationFailed(f"login refused: the password of {args.login} was set by an "
                              "administrator and must be changed first; run accueil-ti login "
                              "again with --change-password, standard input holding the "
                              "current password on its first line and the new one on the "
                              "second") from None
    except session.NewPasswordRefused as exc:
        raise UsageError(one_line(exc.detail) or "new password: refused by the central store") \
            from None
    except session.UnexpectedAnswer as exc:
        raise OperationFailed(f"the central store answered {exc.status}") from None
    except session.NotACentralStore:
        raise OperationFailed(f"{server} did not answer as an Accueil TI central store (no "
                              "token in its answer); check --server") from None
    try:
        session.store_token(resolve_data_dir(args), server, result.token)  # this folder's only
    except KeyringUnavailableError as exc:
        raise OperationFailed(str(exc)) from None
    agent = result.agent
    notices, code = (_register_workstation(args, server, result.token)
                     if agent.get("role") == "accueil" else ([], None))
    _remember_account(args, server, agent, workstation_code=code)
    print(f"login: {args.login} ({agent.get('role', '?')}, {agent.get('organisme', '?')}, "
          f"{agent.get('site', '?')}) until {result.expires_at}; token kept in the OS keyring")
    for notice in notices:
        print(f"login: {notice}")
    return 0


def _register_workstation(args: argparse.Namespace, server: str,
                          token: str) -> tuple[list[str], str | None]:
    """Register this workstation on the store (a counter account): the notices to print, and
    its code when it had to take another one. A failure is a warning: the login holds, and
    the next ``accueil-ti sync`` registers it."""
    from app.cli.store import opened_store
    from app.sync import http as sync_http
    from app.sync.errors import SyncError
    from app.sync.session import register_at_login

    with opened_store(args) as store, sync_http.make_http_client(server) as http:
        try:
            notices = register_at_login(store, http, token, server)
        except SyncError as exc:
            print(f"login: warning: this workstation could not be registered on the central "
                  f"store yet ({one_line(exc)}); accueil-ti sync will register it",
                  file=sys.stderr)
            return [], None
        return notices, store.workstation_code if notices else None


def _remember_account(args: argparse.Namespace, server: str, agent: Any, *,
                      workstation_code: str | None = None) -> None:
    """Record the server and the account in the workstation's settings, as the login dialog
    does (app.sync.session.remember_account). The token is kept already: a settings file that
    cannot be written does not undo the sign-in."""
    from app.sync.session import remember_account

    try:
        remember_account(resolve_data_dir(args), server,
                         login=str(agent.get("login", args.login)),
                         role=str(agent.get("role", "")),
                         organisme=str(agent.get("organisme", "")),
                         workstation_code=workstation_code)
    except OSError:
        pass


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("serve", parents=[common], help="run the central store (HTTP API)")
    p.add_argument("--database", metavar="URL", help="SQLAlchemy URL (default: SQLite in the "
                                                      "data dir)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, metavar="PORT")
    p.add_argument("--token-lifetime", metavar="MINUTES",
                   help=f"how long a sign-in lasts (default: {TOKEN_LIFETIME_ENV}, else 720)")
    p.add_argument("--token-idle", metavar="MINUTES",
                   help="a token unused this long expires (default: "
                        f"{TOKEN_IDLE_ENV}, else 30)")
    p.add_argument("--workers", type=_workers, default=1, metavar="N",
                   help=f"processes serving the store, 1 to {MAX_WORKERS} (default: 1); more "
                        "than 1 needs PostgreSQL")
    p.add_argument("--forwarded-allow-ips", type=_trusted_proxies, metavar="ADDRESSES",
                   help="the reverse proxies (addresses or networks, comma-separated) whose "
                        "X-Forwarded-For gives the client's address (default: none)")
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
    p.add_argument("--role", required=True, choices=("accueil", "partenaire", "admin",
                                                        "pilotage"))
    p.add_argument("--password-stdin", action="store_true")
    p.add_argument("--force-change", action="store_true",
                   help="the agent must change this password at the first sign-in (a password "
                        "chosen by the administrator for someone else)")
    p.add_argument("--no-forced-change", action="store_true",
                   help="the password is the agent's own (the default): not to be changed at "
                        "the first sign-in")
    p.set_defaults(func=cmd_admin_create_agent)
    p = admin_sub.add_parser("set-password", parents=[common],
                             help="give an account a new password (to be changed at the next "
                                  "sign-in); signs its sessions out")
    p.add_argument("--database", metavar="URL")
    p.add_argument("--login", required=True)
    p.add_argument("--password-stdin", action="store_true")
    p.add_argument("--no-forced-change", action="store_true",
                   help="the password is the agent's own: not to be changed at the next sign-in")
    p.set_defaults(func=cmd_admin_set_password)
    p = admin_sub.add_parser("stats", parents=[common],
                             help="counts, as JSON; with --by, dossiers by dimension")
    p.add_argument("--database", metavar="URL")
    p.add_argument("--by", metavar="DIMS",
                   help="comma-separated: site, channel, organisme, aid, question, urgent, "
                        "status, outcome, month")
    p.add_argument("--period", metavar="P",
                   help="2026, 2026-Q4, 2026-11, 2026-W47 or 2026-01..2026-06 (default: all)")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--exact", action="store_true",
                   help="exact counts, without the statistical secrecy (« <5 »)")
    p.set_defaults(func=cmd_admin_stats)
    p = admin_sub.add_parser("export", parents=[common], help="every dossier as JSON lines")
    p.add_argument("--database", metavar="URL")
    p.add_argument("--out", metavar="FILE")
    p.set_defaults(func=cmd_admin_export)
    p = admin_sub.add_parser("retention", parents=[common],
                             help="apply the retention durations (anonymise, delete)")
    p.add_argument("--database", metavar="URL")
    p.add_argument("--dry-run", action="store_true",
                   help="list what would be anonymised or deleted, change nothing")
    p.set_defaults(func=cmd_admin_retention)
    p = admin_sub.add_parser("audit", parents=[common],
                             help="check the audit log's hash chain, or export its head")
    audit_sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True,
                                 parser_class=type(admin))
    p = audit_sub.add_parser("verify", parents=[common],
                             help="check the whole chain; exit 1 naming the first bad row")
    p.add_argument("--database", metavar="URL")
    p.add_argument("--expect", metavar="FILE",
                   help="a head exported earlier by 'admin audit head', to compare with")
    p.set_defaults(func=cmd_admin_audit_verify)
    p = audit_sub.add_parser("head", parents=[common],
                             help="the chain's row count and head hash, as JSON")
    p.add_argument("--database", metavar="URL")
    p.set_defaults(func=cmd_admin_audit_head)
    p = admin_sub.add_parser("site", parents=[common],
                             help="the sites' settings: address, phone, e-mail, hours")
    site_sub = p.add_subparsers(dest="site_command", metavar="ACTION", required=True,
                                parser_class=type(admin))
    p = site_sub.add_parser("list", parents=[common],
                            help="every site: version, confirmed or not, phone, e-mail")
    p.add_argument("--database", metavar="URL")
    p.set_defaults(func=cmd_admin_site_list)
    p = site_sub.add_parser("show", parents=[common],
                            help="one site's current settings and every version")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--database", metavar="URL")
    p.set_defaults(func=cmd_admin_site_show)
    p = site_sub.add_parser("set", parents=[common],
                            help="record a new version of a site's settings (the options left "
                                 "out keep their value)")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--database", metavar="URL")
    p.add_argument("--address", action="append", metavar="LINE",
                   help="one line of the postal address, without the postal code and commune "
                        "(repeat for 1 to 4 lines; the lines given replace the old ones)")
    p.add_argument("--postal-code", metavar="CODE")
    p.add_argument("--commune")
    p.add_argument("--phone", help="02 99 00 00 00, a short number (3698), +33…, or \"\"")
    p.add_argument("--email")
    p.add_argument("--hours", help="opening hours on one line (at most 200 characters)")
    p.add_argument("--by", required=True, metavar="LOGIN",
                   help="the administrator recording the change (kept with the version and "
                        "in the audit log)")
    p.set_defaults(func=cmd_admin_site_set)

    p = sub.add_parser("login", parents=[common], help="sign in to a central store; the token "
                                                      "goes to the OS keyring")
    p.add_argument("--server", required=True, metavar="URL")
    p.add_argument("--login", required=True)
    p.add_argument("--password-stdin", action="store_true")
    p.add_argument("--change-password", action="store_true",
                   help="change the password while signing in: standard input holds the "
                        "current password, then the new one on a second line")
    p.set_defaults(func=cmd_login)

