"""Alembic migrations of the central store, run from code (scripts in app/server/migrations).

A database whose recorded revision this version does not know was written by a newer version of
the store: it is refused untouched, as the workstations' local store does.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class NewerServerDatabaseError(RuntimeError):
    """The database was written by a newer version of the central store."""


def alembic_config(connection: object | None = None) -> Config:
    """An Alembic Config on the server's scripts, optionally bound to ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def upgrade(engine: Engine) -> None:
    """Bring the server database to the latest schema (``upgrade head``) in one transaction,
    refusing a database written by a newer version."""
    known = {script.revision for script in script_directory().walk_revisions()}
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current is not None and current not in known:
            raise NewerServerDatabaseError(
                f"the central store's database was written by a newer version of Accueil TI "
                f"(schema revision {current!r} is unknown here); update the server to open it "
                "— the database has not been modified")
        command.upgrade(alembic_config(connection), "head")
