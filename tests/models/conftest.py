"""Fixtures of the local-store tests (the keyring, data dir and store fixtures are in
tests/conftest.py, shared with the other suites)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session

from app.models import repository
from app.models.database import Store
from app.models.entities import Dossier

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


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
