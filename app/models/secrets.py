"""The local database key: 256 random bits kept in the OS keyring, never written to disk by us.

The keyring entry is per database file (service ``accueil-ti``, user ``local-db:<absolute
path>``), so two data dirs on one machine have two keys.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.models.errors import KeyringUnavailableError, StoreLockedError

# keyring's import (through jaraco.context) loads urllib.request, and with it http.client, ssl
# and the email package, for a download helper keyring never calls: about a third of its import,
# paid before the window's first rows. They load on first use instead (issue 18).
DEFERRED_MODULES = ("urllib.request",)


class _DeferredModule(types.ModuleType):
    """Stands for a module while keyring imports: any attribute read imports the real one."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(self.__name__) is self:  # read while keyring imports
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


@contextmanager
def _deferred(names: tuple[str, ...]) -> Iterator[None]:
    """While the block runs, ``import name`` finds a stand-in for each module of ``names`` not
    loaded yet; afterwards the stand-ins leave ``sys.modules`` (a later import loads the real
    module) but stay reachable as their package's attribute, where they forward to it."""
    placed: dict[str, types.ModuleType] = {}
    for name in names:
        if name not in sys.modules:
            placed[name] = sys.modules[name] = _DeferredModule(name)
            parent, _, child = name.rpartition(".")
            if parent:  # as an import would (``import a.b`` then reads ``a.b``)
                setattr(importlib.import_module(parent), child, placed[name])
    try:
        yield
    finally:
        for name, stand_in in placed.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


with _deferred(DEFERRED_MODULES):
    import keyring
    import keyring.errors

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "accueil-ti"
KEY_BYTES = 32

_UNAVAILABLE = (
    "No usable OS keyring was found ({detail}). Accueil TI keeps the key of its encrypted local "
    "database in the operating system's keyring (GNOME Keyring or KWallet on Linux, Windows "
    "Credential Manager, macOS Keychain) and never writes it to disk. Install or unlock a "
    "keyring service for this user session, then start Accueil TI again."
)


def key_username(db_path: Path) -> str:
    """The keyring user name under which the key of ``db_path`` is stored."""
    return f"local-db:{db_path.resolve()}"


def _backend_is_usable(backend: KeyringBackend) -> bool:
    # Imported here: these modules are cheap, but keep the dependency local to the check.
    from keyring.backends import chainer, fail

    if isinstance(backend, fail.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(_backend_is_usable(b) for b in backend.backends)
    module = type(backend).__module__
    # The "null" backend accepts writes and forgets them.
    if module == "keyring.backends.null":
        return False
    # keyrings.alt keeps secrets in a file of the user's home (plain text, or encrypted with a
    # password typed at every start): that is the key written to disk. It is only acceptable when
    # chosen on purpose through PYTHON_KEYRING_BACKEND (tests, benchmarks), never picked up
    # silently because the package happens to be installed.
    if module.startswith("keyrings.alt"):
        return os.environ.get("PYTHON_KEYRING_BACKEND", "").startswith("keyrings.alt")
    return True


def check_keyring() -> KeyringBackend:
    """Return the active keyring backend, or raise KeyringUnavailableError."""
    backend = keyring.get_keyring()
    if not _backend_is_usable(backend):
        raise KeyringUnavailableError(_UNAVAILABLE.format(detail=type(backend).__module__))
    return backend


def _read(username: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, username)
    except Exception as exc:  # backends raise their own errors (D-Bus, Win32…)
        raise KeyringUnavailableError(_UNAVAILABLE.format(detail=str(exc) or repr(exc))) from exc


def get_or_create_key(db_path: Path) -> str:
    """Return the hex key of the database at ``db_path``, creating it when the file is new.

    An existing database file without a key in the keyring cannot be opened: a fresh key would
    not decrypt it, so StoreLockedError is raised instead of silently making a new one.
    """
    check_keyring()
    username = key_username(db_path)
    key = _read(username)
    if key is not None:
        if len(key) != 2 * KEY_BYTES or any(c not in "0123456789abcdef" for c in key):
            raise StoreLockedError(
                f"the keyring entry {SERVICE!r}/{username!r} does not hold a valid database key"
            )
        return key
    if db_path.exists():
        raise StoreLockedError(
            f"the local database {db_path} exists but the keyring holds no key for it "
            f"({SERVICE!r}/{username!r}); it cannot be decrypted. Restore the keyring entry, "
            "or move the file away to start with an empty store."
        )
    import secrets  # hmac and OpenSSL: only to create a key, never at a usual start

    key = secrets.token_hex(KEY_BYTES)
    try:
        keyring.set_password(SERVICE, username, key)
    except Exception as exc:  # backends raise their own errors (D-Bus, Win32…)
        raise KeyringUnavailableError(_UNAVAILABLE.format(detail=str(exc) or repr(exc))) from exc
    if _read(username) != key:
        raise KeyringUnavailableError(
            _UNAVAILABLE.format(detail="the keyring did not keep the key that was stored")
        )
    return key


def delete_key(db_path: Path) -> None:
    """Forget the key of ``db_path`` (the database becomes unreadable). Used by tests and reset."""
    try:
        keyring.delete_password(SERVICE, key_username(db_path))
    except keyring.errors.PasswordDeleteError:
        pass
