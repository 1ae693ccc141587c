"""The local store's migrations (scripts in app/models/migrations), run by :mod:`app.db.migrate`."""

from __future__ import annotations

from app.db.migrate import Migrations, current_revision
from app.models.early import MIGRATIONS_DIR
from app.models.errors import NewerDatabaseError

__all__ = ["MIGRATIONS", "MIGRATIONS_DIR", "SEARCH_TABLE", "alembic_config", "current_revision",
           "head_revision", "is_unmapped_object", "script_directory", "upgrade"]

# Objects of the database that are not in the SQLAlchemy metadata on purpose: the full-text
# index (an FTS5 virtual table and its shadow tables) is created and fed by SQL in the migrations.
SEARCH_TABLE = "dossier_search"


def _newer(revision: str) -> NewerDatabaseError:
    return NewerDatabaseError(
        f"The local database was written by a newer version of Accueil TI (schema revision "
        f"{revision!r} is unknown to this version). Update Accueil TI to open it; the "
        "database has not been modified."
    )


MIGRATIONS = Migrations(MIGRATIONS_DIR, _newer)
head_revision = MIGRATIONS.head_revision
alembic_config = MIGRATIONS.alembic_config
script_directory = MIGRATIONS.script_directory
check_not_newer = MIGRATIONS.check_not_newer
upgrade = MIGRATIONS.upgrade


def is_unmapped_object(name: str | None) -> bool:
    """True for database objects the metadata deliberately does not describe."""
    return name is not None and (name == SEARCH_TABLE or name.startswith(SEARCH_TABLE + "_"))
