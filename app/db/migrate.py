"""Alembic migrations run from code, for either store: no alembic.ini at runtime, the scripts
ship in the package.

Alembic is imported only when the database is not already at the head revision: importing it
costs about 200 ms, a fifth of the window's start-up, for a check that almost always finds
nothing to do. The head is read from the scripts' own ``revision`` / ``down_revision`` lines.
A database whose recorded revision the scripts do not know was written by a newer version: it
is refused untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import Connection

from app.db.heads import scripts_head

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory


@dataclass(frozen=True)
class Migrations:
    """The migration scripts of one store and how it refuses a newer database."""

    scripts: Path
    newer_error: Callable[[str], Exception]

    def head_revision(self) -> str:
        """The newest revision of the packaged scripts, read without importing Alembic."""
        return self._head

    @cached_property
    def _head(self) -> str:
        return scripts_head(self.scripts)

    def alembic_config(self, connection: Connection | None = None) -> Config:
        """An Alembic Config on the scripts, optionally bound to ``connection``."""
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(self.scripts))
        config.set_main_option("path_separator", "os")
        if connection is not None:
            config.attributes["connection"] = connection
        return config

    def script_directory(self) -> ScriptDirectory:
        """The packaged migration scripts."""
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(self.alembic_config())

    def check_not_newer(self, connection: Connection) -> None:
        """Raise the store's error when the database is at a revision the scripts do not know."""
        if "alembic_version" not in inspect(connection).get_table_names():
            return
        revision = current_revision(connection)
        if revision is None:
            return
        known = {script.revision for script in self.script_directory().walk_revisions()}
        if revision not in known:
            raise self.newer_error(revision)

    def upgrade(self, engine: Engine) -> None:
        """Bring the database to the latest schema, in one transaction, refusing newer ones."""
        with engine.connect() as connection:
            if "alembic_version" in inspect(connection).get_table_names():
                stored = connection.execute(
                    text("SELECT version_num FROM alembic_version")).scalar()
                if stored == self.head_revision():
                    return  # already current: nothing to check, nothing to import
            connection.rollback()
        from alembic import command

        with engine.begin() as connection:
            self.check_not_newer(connection)
            command.upgrade(self.alembic_config(connection), "head")


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()
