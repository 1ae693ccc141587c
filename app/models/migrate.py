"""Alembic migrations run from code: no alembic.ini at runtime, the scripts ship in the package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, inspect
from sqlalchemy.engine import Connection

from app.models.errors import NewerDatabaseError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Objects of the database that are not in the SQLAlchemy metadata on purpose: the full-text
# index (an FTS5 virtual table and its shadow tables) is created and fed by SQL in the migrations.
SEARCH_TABLE = "dossier_search"


def is_unmapped_object(name: str | None) -> bool:
    """True for database objects the metadata deliberately does not describe."""
    return name is not None and (name == SEARCH_TABLE or name.startswith(SEARCH_TABLE + "_"))


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config pointing at the packaged scripts, optionally bound to ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    """The packaged migration scripts."""
    return ScriptDirectory.from_config(alembic_config())


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, or None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def check_not_newer(connection: Connection) -> None:
    """Raise NewerDatabaseError when the database is at a revision this app does not know."""
    if "alembic_version" not in inspect(connection).get_table_names():
        return
    revision = current_revision(connection)
    if revision is None:
        return
    try:
        known = script_directory().get_revision(revision)
    except CommandError:
        known = None
    if known is None:
        raise NewerDatabaseError(
            f"The local database was written by a newer version of Accueil TI (schema revision "
            f"{revision!r} is unknown to this version). Update Accueil TI to open it; the "
            "database has not been modified."
        )


def upgrade(engine: Engine) -> None:
    """Bring the database to the latest schema, in one transaction, refusing newer databases."""
    with engine.connect() as connection:
        check_not_newer(connection)
        connection.rollback()
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
