"""Alembic environment of the central store: always run from code with a connection."""

from __future__ import annotations

from alembic import context

from app.server.models import ServerBase

config = context.config


def run_migrations() -> None:
    """Run the migrations on the connection app.server.migrate passes in."""
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("the central store's migrations run from app.server.migrate")
    context.configure(
        connection=connection,
        target_metadata=ServerBase.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations()
