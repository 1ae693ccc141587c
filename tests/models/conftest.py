"""Fixtures of the local-store tests: an isolated keyring, a data dir, an open store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy.orm import Session

from app.models import repository
from app.models.database import Store, open_store
from app.models.entities import Dossier

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


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


@pytest.fixture
def session(store: Store) -> Iterator[Session]:
    with store.session() as s:
        yield s


def identity(nom: str = "Dupont", prenom: str = "Éloïse", **more: Any) -> dict[str, Any]:
    return {"nom": nom, "prenom": prenom, **more}


PROFILE = {
    "statut": "artisan",
    "date_naissance": "1963-05-14",
    "debut_activite": "2004-09-01",
    "foyer": 2,
    "activite_principale": True,
    "departement": "29",
}


def new_dossier(session: Session, store: Store, **kwargs: Any) -> Dossier:
    """Create and commit a dossier with sensible defaults."""
    args: dict[str, Any] = {
        "identity": identity(),
        "profile": dict(PROFILE),
        "channel": "accueil",
        "agent": "agent.test",
        "now": T0,
    }
    args.update(kwargs)
    dossier = repository.create_dossier(session, store, **args)
    session.commit()
    return dossier
