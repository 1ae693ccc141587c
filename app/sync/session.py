"""The workstation's session with a central store: its bearer token in the OS keyring.

The one place tokens are read, kept and forgotten. An entry is keyed by the store *and* the
data folder (service ``accueil-ti``, user ``token:<server>|<resolved data dir>``), so two data
folders of one OS user never share a token — a Rennes workstation never syncs with the token of
a Brest data folder — and logging one out leaves the other signed in. (The local database key
is keyed by the database file: app.models.secrets.)
"""

from __future__ import annotations

from pathlib import Path

import keyring
from keyring.errors import PasswordDeleteError

from app.models.errors import KeyringUnavailableError
from app.models.secrets import SERVICE, check_keyring

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
