"""The keyring backend that held the local database's key is named beside it, and the next start
loads it by name instead of keyring's look through every installed backend (issue 18: 60–140 ms
of each start). A backend the user chose comes first; a named backend that is gone or lost the
key is set aside."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend

from app.models import secrets
from app.models.database import open_store
from app.models.early import DB_FILENAME

HERE = __name__


class MemoryKeyring(KeyringBackend):
    """A keyring kept in memory for the whole test process (as an OS keyring outlives one)."""

    priority = 1
    kept: ClassVar[dict[tuple[str, str], str]] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


class OtherKeyring(MemoryKeyring):
    """Another keyring (another desktop session's), holding nothing of ours."""

    kept: ClassVar[dict[tuple[str, str], str]] = {}


class Starts:
    """Each test's « processes »: :meth:`new_process` forgets the process's backend; every look
    through the installed backends (keyring's ``init_backend``) is counted and finds
    ``found``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.scans = 0
        self.found: KeyringBackend = MemoryKeyring()
        monkeypatch.setattr(keyring.core, "init_backend", self._scan)

    def _scan(self, limit: object = None) -> None:
        self.scans += 1
        keyring.set_keyring(self.found)

    def new_process(self) -> None:
        self.monkeypatch.setattr(keyring.core, "_keyring_backend", None)
        self.monkeypatch.setattr(secrets, "_settled", False)
        self.monkeypatch.setattr(secrets, "_from_memory", False)


@pytest.fixture
def starts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Starts]:
    previous = keyring.get_keyring()
    # this module's backends may be named, as keyring's own are
    monkeypatch.setattr(secrets, "NAMED_BACKENDS", ("keyring.backends.", f"{HERE}."))
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring.core, "load_config", lambda: None)  # no keyringrc.cfg
    MemoryKeyring.kept.clear()
    OtherKeyring.kept.clear()
    made = Starts(monkeypatch)
    made.new_process()
    yield made
    keyring.set_keyring(previous)


def named(data_dir: Path) -> str:
    return (data_dir / secrets.BACKEND_FILE).read_text(encoding="utf-8").strip()


def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names keyring loads a backend by, from now on in the test."""
    loaded: list[str] = []
    load = keyring.core.load_keyring

    def loading(name: str) -> KeyringBackend:
        loaded.append(name)
        return load(name)

    monkeypatch.setattr(keyring.core, "load_keyring", loading)
    return loaded


def test_the_next_start_loads_the_named_backend_without_looking(starts: Starts,
                                                                 tmp_path: Path) -> None:
    with open_store(tmp_path, site_code="REN", workstation_code="01"):
        pass
    assert starts.scans == 1
    assert named(tmp_path) == f"{HERE}.MemoryKeyring"
    key = secrets.get_or_create_key(tmp_path / DB_FILENAME)
    for _ in range(2):
        starts.new_process()
        assert secrets.get_or_create_key(tmp_path / DB_FILENAME) == key
        assert type(keyring.get_keyring()) is MemoryKeyring
    with open_store(tmp_path, site_code="REN", workstation_code="01") as store:
        assert store.path == tmp_path.resolve() / DB_FILENAME
    assert starts.scans == 1  # only the first start looked through the backends


def test_a_named_backend_that_is_gone_is_set_aside(starts: Starts, tmp_path: Path) -> None:
    key = secrets.get_or_create_key(tmp_path / DB_FILENAME)
    (tmp_path / secrets.BACKEND_FILE).write_text("keyring.backends.gone.Keyring\n",
                                                 encoding="utf-8")
    starts.new_process()
    assert secrets.get_or_create_key(tmp_path / DB_FILENAME) == key
    assert starts.scans == 2
    assert named(tmp_path) == f"{HERE}.MemoryKeyring"  # named anew


def test_a_named_backend_without_the_key_gives_way_to_the_one_holding_it(
        starts: Starts, tmp_path: Path) -> None:
    db_path = tmp_path / DB_FILENAME
    with open_store(tmp_path, site_code="REN", workstation_code="01"):
        pass
    key = secrets.get_or_create_key(db_path)
    (tmp_path / secrets.BACKEND_FILE).write_text(f"{HERE}.OtherKeyring", encoding="utf-8")
    starts.new_process()
    assert secrets.get_or_create_key(db_path) == key  # not a StoreLockedError
    assert OtherKeyring.kept == {}  # no new key made in the named one for an existing file
    assert type(keyring.get_keyring()) is MemoryKeyring
    assert named(tmp_path) == f"{HERE}.MemoryKeyring"


def test_the_user_s_choice_comes_first(starts: Starts, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    key = secrets.get_or_create_key(tmp_path / DB_FILENAME)
    (tmp_path / secrets.BACKEND_FILE).write_text(f"{HERE}.OtherKeyring", encoding="utf-8")
    loaded = loads(monkeypatch)
    # keyring's configuration file names one
    starts.new_process()
    monkeypatch.setattr(keyring.core, "load_config", MemoryKeyring)
    assert secrets.get_or_create_key(tmp_path / DB_FILENAME) == key
    assert type(keyring.get_keyring()) is MemoryKeyring
    # the environment names one: never written beside the database
    (tmp_path / secrets.BACKEND_FILE).write_text(f"{HERE}.OtherKeyring", encoding="utf-8")
    starts.new_process()
    monkeypatch.setattr(keyring.core, "load_config", lambda: None)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", f"{HERE}.MemoryKeyring")
    assert secrets.get_or_create_key(tmp_path / DB_FILENAME) == key
    assert type(keyring.get_keyring()) is MemoryKeyring
    assert named(tmp_path) == f"{HERE}.OtherKeyring"
    assert loaded == []  # the named backend was not even loaded


def test_a_folder_that_cannot_keep_the_name_still_opens(starts: Starts, tmp_path: Path) -> None:
    (tmp_path / secrets.BACKEND_FILE).mkdir()  # a folder in its place: the name cannot be kept
    key = secrets.get_or_create_key(tmp_path / DB_FILENAME)
    starts.new_process()
    assert secrets.get_or_create_key(tmp_path / DB_FILENAME) == key
    assert starts.scans == 2


class Chain(ChainerBackend):
    """keyring's chainer over two backends, the key in the second."""

    backends = [OtherKeyring(), MemoryKeyring()]


def test_within_keyring_s_chainer_the_backend_holding_the_key_is_named(
        starts: Starts, tmp_path: Path) -> None:
    key = secrets.get_or_create_key(tmp_path / DB_FILENAME)
    (tmp_path / secrets.BACKEND_FILE).unlink()
    starts.new_process()
    starts.found = Chain()
    assert secrets.get_or_create_key(tmp_path / DB_FILENAME) == key
    assert named(tmp_path) == f"{HERE}.MemoryKeyring"  # not the chainer, not the first of it
    starts.new_process()
    assert secrets.get_or_create_key(tmp_path / DB_FILENAME) == key
    assert type(keyring.get_keyring()) is MemoryKeyring and starts.scans == 2


class NotABackend:
    """A class of this module that is not a keyring backend."""

    priority = 1


def test_only_a_keyring_backend_of_the_allowed_packages_is_loaded(
        starts: Starts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is data: a name outside keyring's backends is never imported, and a class that
    is not a backend is not used."""
    key = secrets.get_or_create_key(tmp_path / DB_FILENAME)
    loaded = loads(monkeypatch)
    for name in ("os.Keyring", f"{HERE}.NotABackend"):
        (tmp_path / secrets.BACKEND_FILE).write_text(name, encoding="utf-8")
        starts.new_process()
        scans = starts.scans
        assert secrets.get_or_create_key(tmp_path / DB_FILENAME) == key
        assert starts.scans == scans + 1 and type(keyring.get_keyring()) is MemoryKeyring
    assert loaded == [f"{HERE}.NotABackend"]  # « os.Keyring » was never loaded
    monkeypatch.setattr(secrets, "NAMED_BACKENDS", ("keyring.backends.",))
    (tmp_path / secrets.BACKEND_FILE).unlink()
    secrets.get_or_create_key(tmp_path / DB_FILENAME)
    assert not (tmp_path / secrets.BACKEND_FILE).exists()  # a backend not of keyring: unnamed
