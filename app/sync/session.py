"""The workstation's session with a central store: its bearer token in the OS keyring, the
sign-in exchange, and what a sign-in records in the workstation's settings.

The one place tokens are read, kept and forgotten. An entry is keyed by the store *and* the
data folder (service ``accueil-ti``, user ``token:<server>|<resolved data dir>``), so two data
folders of one OS user never share a token — a Rennes workstation never syncs with the token of
a Brest data folder — and logging one out leaves the other signed in. (The local database key
is keyed by the database file: app.models.secrets.)

Both faces use it: ``accueil-ti login``/``logout`` and the window's login dialog share
:func:`login` (one exchange, typed refusals each face words its own way), the store's address
check (:func:`check_server_url`) and the settings.ini keys a sign-in records
(:func:`remember_account`, :func:`forget_account`: written without Qt, read by QSettings).
"""

from __future__ import annotations

import configparser
import ipaddress
import os
import re
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

import keyring
from keyring.errors import PasswordDeleteError

from app.models.errors import KeyringUnavailableError
from app.models.secrets import SERVICE, check_keyring

if TYPE_CHECKING:
    import httpx

    from app.models.database import Store

TOKEN_SERVICE = SERVICE


def normalized_server(server: str) -> str:
    """The store's address as entries name it (no trailing slash)."""
    return str(server).strip().rstrip("/")


def token_username(server: str, data_dir: Path | str) -> str:
    """The keyring user name of the token of ``data_dir``'s workstation on ``server``."""
    return f"token:{normalized_server(server)}|{Path(data_dir).resolve()}"


def _legacy_username(server: str) -> str:
    """The entry of older versions, shared by every data folder: never read, removed at login."""
    return f"token:{normalized_server(server)}"


def _unavailable(exc: Exception) -> KeyringUnavailableError:
    return KeyringUnavailableError(f"the OS keyring cannot be used ({exc or type(exc).__name__})")


def read_token(data_dir: Path | str, server: str) -> str | None:
    """The token of (data dir, server), or None. KeyringUnavailableError when the keyring
    cannot be read."""
    try:
        return keyring.get_password(TOKEN_SERVICE, token_username(server, data_dir))
    except Exception as exc:  # backends raise their own errors (D-Bus, Win32…)
        raise _unavailable(exc) from exc


def store_token(data_dir: Path | str, server: str, token: str) -> None:
    """Keep the token of (data dir, server). KeyringUnavailableError without a usable
    keyring. The shared entry of older versions for that server is removed."""
    backend = check_keyring()
    try:
        backend.set_password(TOKEN_SERVICE, token_username(server, data_dir), token)
    except Exception as exc:
        raise _unavailable(exc) from exc
    try:
        backend.delete_password(TOKEN_SERVICE, _legacy_username(server))
    except Exception:  # absent (PasswordDeleteError), or a backend's own refusal: harmless
        pass


def delete_token(data_dir: Path | str, server: str, *, only: str | None = None) -> None:
    """Forget the token of (data dir, server) — that workstation's only; with ``only``, just
    when it is still that token. Absent: nothing to do. KeyringUnavailableError when the
    keyring cannot be written."""
    username = token_username(server, data_dir)
    try:
        if only is not None and keyring.get_password(TOKEN_SERVICE, username) != only:
            return
        keyring.delete_password(TOKEN_SERVICE, username)
    except PasswordDeleteError:
        return
    except Exception as exc:
        raise _unavailable(exc) from exc


# --------------------------------------------------------------------------- the store's address

DEFAULT_PORT = 8765  # the central store's port (``accueil-ti serve``)
DEFAULT_SERVER = f"http://127.0.0.1:{DEFAULT_PORT}"
_HOST_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
# Every line boundary str.splitlines() knows (the command line prints messages on one line).
_LINE_BREAKS = re.compile(r"\s*[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+\s*")


class ServerAddressError(ValueError):
    """A central store's address that cannot be used; the message names the field at fault."""


def _one_line(text: object) -> str:
    flat = _LINE_BREAKS.sub(" ", str(text)).strip()
    return flat.encode("utf-8", "backslashreplace").decode("utf-8")


def check_server_url(value: str, field: str = "--server") -> str:
    """``value`` without its trailing slash, when it is an http(s) address with a valid host;
    else a ServerAddressError naming ``field``."""
    import httpx

    server = value.strip().rstrip("/")
    expected = f"expected an address such as http://127.0.0.1:{DEFAULT_PORT}"
    if not server.startswith(("http://", "https://")):
        raise ServerAddressError(f"{field}: {server!r} is not allowed; {expected}")
    try:
        parts = urlsplit(server)
        parts.port  # noqa: B018 (raises ValueError for a port that is not 0-65535)
        httpx.URL(server)
    except (ValueError, httpx.InvalidURL) as exc:
        raise ServerAddressError(f"{field}: {server!r} is not a valid address "
                                 f"({_one_line(exc)}); {expected}") from None
    if not _valid_host(parts.hostname or ""):
        raise ServerAddressError(f"{field}: {server!r} has no valid host name; {expected}")
    if parts.query or parts.fragment or "@" in parts.netloc:
        raise ServerAddressError(f"{field}: {server!r} is not allowed (no user, query or "
                                 f"fragment); {expected}")
    return server


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.removesuffix(".").split(".")
    return bool(ascii_host) and all(_HOST_LABEL.fullmatch(label) for label in labels)


# --------------------------------------------------------------------------- settings.ini
#
# The window keeps the workstation's settings with QSettings (app.ui.settings: an INI file in
# the data folder, section [General]). What a sign-in or a sign-out records there is written
# here without Qt, in Qt's own INI syntax, so the command line needs no Qt and the window reads
# it back as if it had written it. Only the keys named are touched; every other line (the
# window's geometry, the other settings) is kept as it is.

SETTINGS_FILE = "settings.ini"
_GENERAL = "General"
_SECTION = re.compile(r"\s*\[(.*)\]\s*")
_ACCOUNT_KEYS = ("agent_login", "agent_role", "agent_organisme")
_QT_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
               "\v": "\\v", '"': '\\"', "\\": "\\\\"}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def configured_server(data_dir: Path | str) -> str:
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


def remember_account(data_dir: Path | str, server: str, *, login: str, role: str,
                     organisme: str, workstation_code: str | None = None) -> None:
    """Record the store and the account signed in in the workstation's settings, as the login
    dialog does: the window opens on this server, and a ``partenaire`` account gets the
    partner inbox. ``workstation_code``: the code the workstation took at registration, when
    it changed. OSError when the settings file cannot be written."""
    values = {"server_url": server, "agent_login": login, "agent_role": role,
              "agent_organisme": organisme}
    if workstation_code is not None:
        values = {"workstation_code": workstation_code, **values}
    write_settings(data_dir, values)


def forget_account(data_dir: Path | str) -> None:
    """Clear who signed in from the workstation's settings, as the window does at log-out
    (nothing is written when nobody is recorded). OSError when the file cannot be written."""
    path = Path(data_dir) / SETTINGS_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return
    held = _general_values(raw.decode("utf-8", "surrogateescape"))
    if any(held.get(key, "") not in ("", '""') for key in _ACCOUNT_KEYS):
        write_settings(data_dir, dict.fromkeys(_ACCOUNT_KEYS, ""))


def write_settings(data_dir: Path | str, values: Mapping[str, str]) -> None:
    """Set keys of the ``[General]`` section of the data dir's settings.ini to text values,
    in Qt's INI syntax (QSettings reads them back unchanged); the rest of the file is kept.
    The file is replaced at once (never half written). OSError when it cannot be written."""
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SETTINGS_FILE
    try:
        text = path.read_bytes().decode("utf-8", "surrogateescape")
    except FileNotFoundError:
        text = ""
    updated = _set_general(text, values)
    _replace(path, updated.encode("utf-8", "surrogateescape"))


def qt_ini_value(text: str) -> str:
    """``text`` as QSettings writes a string value in an INI file (Qt 6; a lone surrogate
    becomes U+FFFD)."""
    if "\x00" in text:
        text = f"@String({text})"
    elif text.startswith("@"):
        text = "@" + text
    out: list[str] = []
    quoted = False
    escape_next_if_digit = False
    for char in text:
        if char in ";,=":
            quoted = True
        if escape_next_if_digit and char in _HEX_DIGITS:
            out.append(f"\\x{ord(char):x}")
            continue
        escape_next_if_digit = False
        if char == "\x00":
            out.append("\\0")
            escape_next_if_digit = True
        elif char in _QT_ESCAPES:
            out.append(_QT_ESCAPES[char])
        elif ord(char) <= 0x1F:
            out.append(f"\\x{ord(char):x}")
            escape_next_if_digit = True
        elif 0xD800 <= ord(char) <= 0xDFFF:  # a lone surrogate is no text a file can hold
            out.append("\ufffd")
        else:
            out.append(char)
    value = "".join(out)
    if quoted or value.startswith(" ") or value.endswith(" "):
        value = f'"{value}"'
    return value


def _lines(text: str) -> list[str]:
    """The file's lines with their ends: only ``\\n`` ends a line (a value may hold U+2028)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _section_of(line: str) -> str | None:
    found = _SECTION.fullmatch(line.rstrip("\r\n"))
    return found.group(1) if found else None


def _key_of(line: str) -> str | None:
    body = line.rstrip("\r\n")
    if "=" not in body or body.lstrip().startswith(";"):
        return None
    return body.split("=", 1)[0].strip()


def _general_values(text: str) -> dict[str, str]:
    """The raw values of ``[General]`` (and of the lines before any section, which QSettings
    reads as ``[General]`` too), stripped."""
    values: dict[str, str] = {}
    section: str | None = _GENERAL
    for line in _lines(text):
        header = _section_of(line)
        if header is not None:
            section = header
            continue
        key = _key_of(line)
        if section == _GENERAL and key:
            values[key] = line.rstrip("\r\n").split("=", 1)[1].strip()
    return values


def _set_general(text: str, values: Mapping[str, str]) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = _lines(text)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    pending = dict(values)
    section: str | None = _GENERAL
    last_general: int | None = None  # the last line of the [General] section (or header)
    for index, line in enumerate(lines):
        header = _section_of(line)
        if header is not None:
            section = header
            if header == _GENERAL:
                last_general = index
            continue
        if section != _GENERAL:
            continue
        key = _key_of(line)
        if key is not None and key in values:
            lines[index] = f"{key}={qt_ini_value(values[key])}{newline}"
            pending.pop(key, None)
        if line.strip():
            last_general = index
    added = [f"{key}={qt_ini_value(value)}{newline}" for key, value in pending.items()]
    if added and last_general is None:
        lines[:0] = [f"[{_GENERAL}]{newline}", *added] + ([newline] if lines else [])
    elif added:
        assert last_general is not None
        lines[last_general + 1:last_general + 1] = added
    return "".join(lines)


def _replace(path: Path, data: bytes) -> None:
    """Write ``path`` next to it, then move it in place (as QSettings does)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- login, logout
#
# The one exchange of ``accueil-ti login`` and of the window's login dialog: the answer is a
# LoginResult, or a LoginError subclass each face turns into its own message.


class LoginError(Exception):
    """The store did not sign the agent in."""


class LoginThrottled(LoginError):
    """429: too many failed attempts for this login; ``retry_after`` as the store said it
    (None when it did not)."""

    def __init__(self, retry_after: str | None) -> None:
        super().__init__(f"too many failed attempts; retry after {retry_after or '?'} s")
        self.retry_after = retry_after


class LoginRefused(LoginError):
    """401: wrong login or password."""

    def __init__(self) -> None:
        super().__init__("wrong login or password")


class PasswordChangeRequired(LoginError):
    """403 ``password_change_required``: the password was set by an administrator and must be
    changed first (:func:`login` with ``new_password``)."""

    def __init__(self) -> None:
        super().__init__("the password must be changed first")


class NewPasswordRefused(LoginError):
    """422 to a password change: the store's ``code`` (``password_too_short``…, possibly
    empty) and its ``detail`` ('' when none)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail or code or "new password refused")
        self.code = code
        self.detail = detail


class UnexpectedAnswer(LoginError):
    """Any other status than 200."""

    def __init__(self, status: int) -> None:
        super().__init__(str(status))
        self.status = status


class NotACentralStore(LoginError):
    """200 without a token: whatever answered is not an Accueil TI central store."""

    def __init__(self) -> None:
        super().__init__("no token in its answer")


@dataclass(frozen=True)
class LoginResult:
    """A successful sign-in: the bearer token, the account as the store described it (``{}``
    when it did not) and when the token expires (as the store said it, ``"?"`` when not)."""

    token: str
    agent: Mapping[str, Any]
    expires_at: Any = "?"

    def account(self, login: str) -> dict[str, str]:
        """``login``, ``organisme``, ``site``, ``role`` as text ('' when unknown; the login
        typed when the store did not name it)."""
        account = {key: str(self.agent.get(key) or "") for key in
                   ("login", "organisme", "site", "role")}
        account["login"] = account["login"] or login
        return account


class Poster(Protocol):
    """What :func:`login` posts with: an ``httpx.Client`` bound to the store (or a stand-in
    taking the path)."""

    def post(self, url: str, *, json: Any = None) -> Any: ...


def _answer_json(response: Any) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def login(http: Poster, username: str, password: str, *,
          new_password: str | None = None) -> LoginResult:
    """Sign in (POST /auth/login), or change the password while signing in (POST
    /auth/change-password) when ``new_password`` is given. The token is not kept here
    (:func:`store_token`). A LoginError subclass for every refusal; httpx's own errors when
    the store cannot be reached."""
    body = {"login": username, "password": password}
    if new_password is None:
        response = http.post("/auth/login", json=body)
    else:
        response = http.post("/auth/change-password",
                             json={**body, "new_password": new_password})
    status = response.status_code
    if status == 429:
        raise LoginThrottled(response.headers.get("Retry-After"))
    if status == 401:
        raise LoginRefused()
    answer = _answer_json(response)
    code = answer.get("code")
    code = code if isinstance(code, str) else None
    if status == 403 and code == "password_change_required":
        raise PasswordChangeRequired()
    if status == 422 and new_password is not None and code is not None:
        detail = answer.get("detail")
        raise NewPasswordRefused(code, detail if isinstance(detail, str) else "")
    if status != 200:
        raise UnexpectedAnswer(status)
    token = answer.get("token")
    if not isinstance(token, str):
        raise NotACentralStore()
    agent = answer.get("agent")
    return LoginResult(token=token, agent=agent if isinstance(agent, dict) else {},
                       expires_at=answer.get("expires_at", "?"))


def revoke_token(http: Any, token: str) -> Any:
    """Revoke ``token`` on the store (POST /auth/logout): the store's answer (200, or 401 when
    it had expired or was revoked already). httpx's errors when it cannot be reached."""
    return http.post("/auth/logout", headers={"Authorization": f"Bearer {token}"})


def register_at_login(store: Store, http: httpx.Client, token: str, server: str) -> list[str]:
    """Registration (or the identity proof) right after ``accueil-ti login`` or the window's
    login dialog, with the new ``token``; the notices to show. SyncError when it fails."""
    from app.sync import workstation
    from app.sync.client import SyncClient

    client = SyncClient(store, http, token=token, server_key=server, max_retries=2)
    return workstation.check(client)
