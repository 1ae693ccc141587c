"""Local store of a workstation: encrypted SQLite (SQLCipher), migrations, dossier repository.

Nothing is opened at import, and importing this package loads no SQLAlchemy: the window imports
its plain values (:mod:`app.models.rows`) and reads the list's first page
(:mod:`app.models.first_page`) before the store's modules load. The names below are imported on
first use (PEP 562). Public API:

- :mod:`app.models.database`: ``open_store``, ``Store``, ``make_engine``
- :mod:`app.models.repository`: dossier changes, queries, export and import
- :mod:`app.models.search`: ``search_dossiers``
- :mod:`app.models.sites`: ``load_sites``, ``Site``
- :mod:`app.models.errors`: the exceptions

The history's hash chain (:mod:`app.models.audit_chain`) is registered by the modules that write
the history (database, repository, erasure, calls), not here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOMES = {
    "app.models.database": ("Store", "make_engine", "open_store"),
    "app.models.entities": ("Answer", "AuditLog", "Consent", "Dossier", "Orientation", "Outbox",
                            "PrintedDocument", "Workstation"),
    "app.models.errors": ("ConsentRequiredError", "DossierConflictError",
                          "KeyringUnavailableError", "NewerDatabaseError", "NumberConflictError",
                          "StoreError", "StoreLockedError"),
    "app.models.repository": ("ImportResult", "Origin"),
    "app.models.search": ("search_dossiers",),
    "app.models.sites": ("Site", "load_sites"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

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


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
