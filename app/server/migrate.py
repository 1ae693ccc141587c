"""The central store's migrations (scripts in app/server/migrations), run by
:mod:`app.db.migrate`; a database written by a newer version of the store is refused untouched,
as the workstations' local store does."""

from __future__ import annotations

from pathlib import Path

from app.db.migrate import Migrations

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class NewerServerDatabaseError(RuntimeError):
    """The database was written by a newer version of the central store."""


def _newer(revision: str) -> NewerServerDatabaseError:
    return NewerServerDatabaseError(
        f"the central store's database was written by a newer version of Accueil TI "
        f"(schema revision {revision!r} is unknown here); update the server to open it "
        "— the database has not been modified")


MIGRATIONS = Migrations(MIGRATIONS_DIR, _newer)
alembic_config = MIGRATIONS.alembic_config
script_directory = MIGRATIONS.script_directory
upgrade = MIGRATIONS.upgrade
