"""Session-wide test settings: no real screen, no real keyring, no user data dir; and the
fixtures every suite shares: an isolated keyring, a data dir, an open local store."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyrings.alt.file import PlaintextKeyring

from app.models.database import Store, open_store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# keyrings.alt's plaintext backend keeps its file under XDG_DATA_HOME: a throwaway one.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="accueil-ti-tests-")
os.environ.pop("ACCUEIL_TI_HOME", None)


@pytest.fixture
def keyring_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyringBackend]:
    """A plaintext keyring in its own temp dir (never the developer's real keyring)."""
    keyring_dir = tmp_path / "keyring"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(keyring_dir))
    backend = PlaintextKeyring()
    backend.file_path = str(keyring_dir / "keyring_pass.cfg")  # type: ignore[misc]
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(keyring_backend: KeyringBackend, data_dir: Path) -> Iterator[Store]:
    with open_store(data_dir, site_code="BRE", workstation_code="02") as opened:
        yield opened
