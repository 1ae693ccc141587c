"""Alembic migrations of the central store, run from code (scripts in app/server/migrations)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: object | None = None) -> Config:
    """An Alembic Config on the server's scripts, optionally bound to ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> None:
    """Bring the server database to the latest schema (``upgrade head``) in one transaction."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
