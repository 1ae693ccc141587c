"""Local store of a workstation: encrypted SQLite (SQLCipher), migrations, dossier repository.

Nothing is opened at import: the entry point calls :func:`open_store`. Public API:

- :mod:`app.models.database`: ``open_store``, ``Store``, ``make_engine``
- :mod:`app.models.repository`: dossier changes, queries, export and import
- :mod:`app.models.search`: ``search_dossiers``
- :mod:`app.models.sites`: ``load_sites``, ``Site``
- :mod:`app.models.errors`: the exceptions
"""

from __future__ import annotations

from app.models import audit_chain  # noqa: F401 (chains the history as it is written)
from app.models.database import Store, make_engine, open_store
from app.models.entities import (
    Answer,
    AuditLog,
    Consent,
    Dossier,
    Orientation,
    Outbox,
    PrintedDocument,
    Workstation,
)
from app.models.errors import (
    ConsentRequiredError,
    DossierConflictError,
    KeyringUnavailableError,
    NewerDatabaseError,
    NumberConflictError,
    StoreError,
    StoreLockedError,
)
from app.models.repository import ImportResult, Origin
from app.models.search import search_dossiers
from app.models.sites import Site, load_sites

__all__ = [
    "Answer",
    "AuditLog",
    "Consent",
    "ConsentRequiredError",
    "Dossier",
    "DossierConflictError",
    "ImportResult",
    "KeyringUnavailableError",
    "NewerDatabaseError",
    "NumberConflictError",
    "Orientation",
    "Origin",
    "Outbox",
    "PrintedDocument",
    "Site",
    "Store",
    "StoreError",
    "StoreLockedError",
    "Workstation",
    "load_sites",
    "make_engine",
    "open_store",
    "search_dossiers",
]
