"""Opening the store: encryption, key in the keyring, pragmas, local workstation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import keyring
import pytest
from keyring.backends import chainer, fail
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy import event, select

from app.models.database import DB_FILENAME, Store, open_store
from app.models.entities import SiteRow, Workstation
from app.models.errors import KeyringUnavailableError, StoreLockedError
from app.models.secrets import SERVICE, key_username


def test_file_on_disk_is_encrypted(store: Store, data_dir: Path) -> None:
    db_path = data_dir / DB_FILENAME
    store.close()
    assert db_path.exists()
    assert not db_path.read_bytes().startswith(b"SQLite format 3")
    plain = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            plain.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        plain.close()


def test_key_lives_in_keyring_not_on_disk(store: Store, data_dir: Path) -> None:
    db_path = data_dir / DB_FILENAME
    key = keyring.get_password(SERVICE, key_username(db_path))
    assert key is not None and len(key) == 64
    store.close()
    for path in data_dir.rglob("*"):
        content = path.read_bytes()
        assert key.encode() not in content
        assert bytes.fromhex(key) not in content


def test_reopen_uses_the_same_key(store: Store, data_dir: Path) -> None:
    store.close()
    with open_store(data_dir) as again:
        assert (again.site_code, again.workstation_code) == ("BRE", "02")


def test_pragmas(store: Store) -> None:
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -16_384  # 16 MiB
        assert connection.exec_driver_sql("PRAGMA cipher_version").scalar()


def test_transaction_takes_write_lock_up_front(store: Store) -> None:
    statements: list[str] = []
    event.listen(
        store.engine, "before_cursor_execute", lambda c, cur, stmt, *a: statements.append(stmt)
    )
    with store.transaction() as session:
        session.scalars(select(SiteRow)).all()
    assert statements[0] == "BEGIN IMMEDIATE"


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), chainer.ChainerBackend()],
    ids=["fail", "empty-chainer"],
)
def test_no_keyring_backend(
    backend: keyring.backend.KeyringBackend,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if isinstance(backend, chainer.ChainerBackend):
        monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        with pytest.raises(KeyringUnavailableError) as caught:
            open_store(data_dir)
    finally:
        keyring.set_keyring(previous)
    message = str(caught.value)
    assert "keyring" in message and "never writes it to disk" in message
    assert "GNOME Keyring" in message and "Windows Credential Manager" in message
    assert not data_dir.exists() or not any(data_dir.iterdir())


class _BrokenKeyring(PlaintextKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError("D-Bus said no")


def test_keyring_refusing_writes(tmp_path: Path, data_dir: Path) -> None:
    backend = _BrokenKeyring()
    backend.file_path = str(tmp_path / "broken.cfg")  # type: ignore[misc]
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        with pytest.raises(KeyringUnavailableError, match="D-Bus said no"):
            open_store(data_dir)
    finally:
        keyring.set_keyring(previous)
    assert not data_dir.exists() or not any(data_dir.iterdir())
    assert not (tmp_path / "broken.cfg").exists()


def test_wrong_key_is_store_locked(store: Store, data_dir: Path) -> None:
    store.close()
    db_path = data_dir / DB_FILENAME
    keyring.set_password(SERVICE, key_username(db_path), "cd" * 32)
    with pytest.raises(StoreLockedError, match="cannot be decrypted with the key in the keyring"):
        open_store(data_dir)


def test_missing_key_for_existing_file_is_store_locked(store: Store, data_dir: Path) -> None:
    store.close()
    db_path = data_dir / DB_FILENAME
    keyring.delete_password(SERVICE, key_username(db_path))
    before = db_path.read_bytes()
    with pytest.raises(StoreLockedError, match="holds no key"):
        open_store(data_dir)
    assert db_path.read_bytes() == before
    assert keyring.get_password(SERVICE, key_username(db_path)) is None


def test_defaults_and_local_workstation(keyring_backend: object, tmp_path: Path) -> None:
    with open_store(tmp_path / "d") as store, store.session() as session:
        assert (store.site_code, store.workstation_code) == ("REN", "01")
        local = session.scalars(select(Workstation).where(Workstation.is_local)).all()
        assert [(w.site_code, w.code) for w in local] == [("REN", "01")]
        codes = session.scalars(select(SiteRow.code)).all()
        assert sorted(codes) == sorted(["REN", "PLE", "BRE", "QUI", "VAN", "TEL"])
        assert session.get(SiteRow, "PLE").name == "Plérin"  # type: ignore[union-attr]


def test_unknown_site_names_allowed_codes(keyring_backend: object, data_dir: Path) -> None:
    with pytest.raises(ValueError, match="REN, PLE, BRE, QUI, VAN, TEL"):
        open_store(data_dir, site_code="XYZ")
    assert not data_dir.exists()


def test_bad_workstation_code(keyring_backend: object, data_dir: Path) -> None:
    with pytest.raises(ValueError, match="two digits"):
        open_store(data_dir, workstation_code="2")


def test_data_dir_keeps_its_workstation(store: Store, data_dir: Path) -> None:
    store.close()
    with pytest.raises(ValueError, match="belongs to workstation BRE-02"):
        open_store(data_dir, site_code="QUI")


def test_a_file_keyring_picked_up_silently_is_refused(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """keyrings.alt installed but not chosen: the key must not land in a file of the home."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    from app.models.database import open_store
    from app.models.errors import KeyringUnavailableError

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")  # type: ignore[misc]
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        with pytest.raises(KeyringUnavailableError, match="keyrings.alt"):
            open_store(tmp_path / "data")
    finally:
        keyring.set_keyring(previous)
    assert not (tmp_path / "keyring").exists()
    assert not (tmp_path / "data").exists()
