"""Erasure tombstones and retention on the workstation (issue 13).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

``erasures``: the dossiers erased on this workstation (id, when, reason code, origin), so a
pulled older version never brings one back. No number, no personal data.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasures",
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("dossier_id", name="pk_erasures"),
    )


def downgrade() -> None:
    op.drop_table("erasures")
