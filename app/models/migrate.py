"""Alembic migrations run from code: no alembic.ini at runtime, the scripts ship in the package.

Alembic is imported only when the database is not already at the head revision: importing it
costs about 200 ms, a fifth of the window's start-up, for a check that almost always finds
nothing to do. The head is read from the scripts' own ``revision`` / ``down_revision`` lines.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import Connection

from app.models.errors import NewerDatabaseError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Objects of the database that are not in the SQLAlchemy metadata on purpose: the full-text
# index (an FTS5 virtual table and its shadow tables) is created and fed by SQL in the migrations.
SEARCH_TABLE = "dossier_search"


if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=]*=\s*['\"]?([\w-]+|None)['\"]?",
                            re.MULTILINE)


@cache
def head_revision() -> str:
    """The newest revision of the packaged scripts, read without importing Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        values: dict[str, str] = {m.group(1): m.group(2)
                                  for m in _REVISION_LINE.finditer(script.read_text("utf-8"))}
        revisions.add(values["revision"])
        if values.get("down_revision") not in (None, "None"):
            parents.add(values["down_revision"])
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"the migration scripts must have one head, found {sorted(heads)}")
    return heads.pop()


def is_unmapped_object(name: str | None) -> bool:
    """True for database objects the metadata deliberately does not describe."""
    return name is not None and (name == SEARCH_TABLE or name.startswith(SEARCH_TABLE + "_"))


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config pointing at the packaged scripts, optionally bound to ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    """The packaged migration scripts."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def check_not_newer(connection: Connection) -> None:
    """Raise NewerDatabaseError when the database is at a revision this app does not know."""
    if "alembic_version" not in inspect(connection).get_table_names():
        return
    revision = current_revision(connection)
    if revision is None:
        return
    from alembic.util import CommandError

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
        if "alembic_version" in inspect(connection).get_table_names():
            stored = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if stored == head_revision():
                return  # already current: nothing to check, nothing to import
        connection.rollback()
    from alembic import command

    with engine.connect() as connection:
        check_not_newer(connection)
        connection.rollback()
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
