"""Processing times from orientations closed through the store (issue 14).

``orientations.timed``: the closure was recorded by a later request than the transmission, so
its duration is one the store measured (an orientation pushed already closed is not counted).
The index on (organisme, closed_at) of timed rows replaces the one on every row: it serves the
figures of ``GET /stats/processing-times``. Rows stored before are not timed (nothing tells
whether the store saw them transmitted first).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("orientations", sa.Column("timed", sa.Boolean(), nullable=False,
                                            server_default=sa.false()))
    op.drop_index("ix_orientations_organisme_closed_at", table_name="orientations")
    op.create_index("ix_orientations_timed_organisme_closed_at", "orientations",
                    ["organisme", "closed_at"], postgresql_where=sa.text("timed"),
                    sqlite_where=sa.text("timed = 1"))


def downgrade() -> None:
    op.drop_index("ix_orientations_timed_organisme_closed_at", table_name="orientations")
    op.create_index("ix_orientations_organisme_closed_at", "orientations",
                    ["organisme", "closed_at"])
    with op.batch_alter_table("orientations") as batch:
        batch.drop_column("timed")
