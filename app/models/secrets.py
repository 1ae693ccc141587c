"""The local database key: 256 random bits kept in the OS keyring, never written to disk by us.

The keyring entry is per database file (service ``accueil-ti``, user ``local-db:<absolute
path>``), so two data dirs on one machine have two keys.

Beside the database, ``keyring-backend`` names the backend that held the key (a class name,
nothing secret): the next start loads it at once instead of keyring's look through every
installed backend. Only keyring's own backends are named. A backend the user chose
(PYTHON_KEYRING_BACKEND, keyring's configuration file) comes first; a named backend that is
gone, not usable or without the key is set aside.
"""

from __future__ import annotations

import importlib
import logging
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
# beside the local database: the keyring backend that held its key at the last start
BACKEND_FILE = "keyring-backend"
# what that file may name: keyring's own backends only (the file is data; a name elsewhere
# would have the start import whatever module it names)
NAMED_BACKENDS = ("keyring.backends.",)

log = logging.getLogger(__name__)
_settled = False  # the process's backend is chosen (check_keyring's first call with a folder)
_from_memory = False  # ... and it was the one BACKEND_FILE names

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


def check_keyring(data_dir: Path | None = None) -> KeyringBackend:
    """Return the active keyring backend, or raise KeyringUnavailableError. Given the data
    folder, the first call of the process loads the backend that held its key at the last start
    (:data:`BACKEND_FILE`) by name, instead of keyring's look through every installed backend
    (60–140 ms at each start)."""
    global _settled, _from_memory
    if data_dir is not None and not _settled:
        _settled = True
        remembered = _remembered_backend(data_dir)
        if remembered is not None:
            keyring.set_keyring(remembered)
            _from_memory = True
    backend = keyring.get_keyring()
    if not _backend_is_usable(backend):
        raise KeyringUnavailableError(_UNAVAILABLE.format(detail=type(backend).__module__))
    return backend


def _backend_name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _remembered_backend(data_dir: Path) -> KeyringBackend | None:
    """The backend :func:`remember_backend` named in ``data_dir``, loaded; None when the user
    chose one (PYTHON_KEYRING_BACKEND, keyring's own configuration file), when none is named,
    or when it cannot be loaded or used (keyring then looks for one as usual)."""
    import keyring.backend
    import keyring.core

    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return None
    try:
        name = (data_dir / BACKEND_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not name.startswith(NAMED_BACKENDS):
        return None
    try:
        if keyring.core.load_config() is not None:
            return None
        backend = keyring.core.load_keyring(name)
    except Exception:  # a backend gone or not viable in this session: look for one as usual
        log.info("the keyring backend %r named in %s cannot be loaded", name, data_dir,
                 exc_info=True)
        return None
    usable = isinstance(backend, keyring.backend.KeyringBackend) and _backend_is_usable(backend)
    return backend if usable else None


def remember_backend(data_dir: Path, username: str, key: str) -> None:
    """Name in ``data_dir``, for the next start, the backend holding ``key`` (nothing secret: a
    class name). Within keyring's chainer of several backends, the one that holds it (loading
    the chainer by name would look through them all again). Not when the user chose the
    backend: it is found at once."""
    from keyring.backends import chainer

    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return
    backend: KeyringBackend | None = keyring.get_keyring()
    if isinstance(backend, chainer.ChainerBackend):
        backend = next((b for b in backend.backends
                        if _backend_is_usable(b) and _holds(b, username, key)), None)
    if backend is None or not _backend_name(backend).startswith(NAMED_BACKENDS):
        return
    path = data_dir / BACKEND_FILE
    name = _backend_name(backend)
    try:
        if path.exists() and path.read_text(encoding="utf-8").strip() == name:
            return
        spare = path.with_name(path.name + ".new")
        spare.write_text(name + "\n", encoding="utf-8")
        os.replace(spare, path)
    except (OSError, UnicodeDecodeError):  # a read-only folder: keyring looks again next time
        log.info("the keyring backend cannot be named in %s", data_dir, exc_info=True)


def _holds(backend: KeyringBackend, username: str, key: str) -> bool:
    try:
        return backend.get_password(SERVICE, username) == key
    except Exception:  # backends raise their own errors (D-Bus, Win32…)
        return False


def _forget_memory() -> None:
    """The remembered backend does not hold the key: keyring looks for a backend as usual
    (another desktop session's keyring may hold it)."""
    import keyring.core

    global _from_memory
    _from_memory = False
    keyring.core.init_backend()


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
    check_keyring(db_path.parent)
    username = key_username(db_path)
    key = _read(username)
    if key is None and _from_memory:
        _forget_memory()
        check_keyring()
        key = _read(username)
    if key is not None:
        if len(key) != 2 * KEY_BYTES or any(c not in "0123456789abcdef" for c in key):
            raise StoreLockedError(
                f"the keyring entry {SERVICE!r}/{username!r} does not hold a valid database key"
            )
        remember_backend(db_path.parent, username, key)
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
    remember_backend(db_path.parent, username, key)
    return key


def delete_key(db_path: Path) -> None:
    """Forget the key of ``db_path`` (the database becomes unreadable). Used by tests and reset."""
    try:
        keyring.delete_password(SERVICE, key_username(db_path))
    except keyring.errors.PasswordDeleteError:
        pass
