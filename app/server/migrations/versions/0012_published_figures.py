"""Published figures kept for every process of the store (issue 18).

``published_figures``: the processing times of ``GET /stats/processing-times`` as last computed
(its JSON answer and the store's time of its computation), served by every process until they
are older than a few minutes (app.server.services.figures.CACHE_TTL), then computed again.
On PostgreSQL the partial index of timed closures (organisme, closed_at) also holds
``transmitted_at`` (INCLUDE): the figures' grouped query is then an index-only scan of the
closures in the window, in the order of its groups (SQLite has no INCLUDE: unchanged there).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "published_figures",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_published_figures")))
    if op.get_bind().dialect.name == "postgresql":
        _timed_index(include=["transmitted_at"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _timed_index(include=[])
    op.drop_table("published_figures")


def _timed_index(include: list[str]) -> None:
    op.drop_index("ix_orientations_timed_organisme_closed_at", table_name="orientations")
    op.create_index("ix_orientations_timed_organisme_closed_at", "orientations",
                    ["organisme", "closed_at"], postgresql_include=include,
                    postgresql_where=sa.text("timed"))
