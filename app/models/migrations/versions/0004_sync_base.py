"""Three-way merge: the store's version each local change started from.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04

``sync_bases`` keeps, per dossier, the last version of the central store this workstation
holds (what it pulled, or what the store confirmed it stored): the common ancestor of a local
change and the store's next version. ``sync_conflicts`` gains ``base_payload`` (that ancestor,
shown beside « ours » and « theirs »).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_bases",
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("dossier_id", name="pk_sync_bases"),
    )
    op.add_column("sync_conflicts", sa.Column("base_payload", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_conflicts") as batch:
        batch.drop_column("base_payload")
    op.drop_table("sync_bases")
