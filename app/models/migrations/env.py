"""Alembic environment: always run from code with a connection (see app.models.migrate)."""

from __future__ import annotations

from alembic import context

from app.models import entities  # noqa: F401  (registers the tables on Base.metadata)
from app.models.base import Base
from app.models.migrate import is_unmapped_object

config = context.config


def include_name(name, type_, parent_names):
    if type_ == "table":
        return not is_unmapped_object(name)
    return True


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "The local store's migrations run from app.models.migrate with an open connection "
            "(the database is encrypted; there is no URL to give the alembic command line)."
        )
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations()
