"""Sync with the central store: per-dossier sync state, conflicts, quarantine, pull cursor.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

``dossiers`` gains ``server_revision`` (the last revision the store confirmed, null = never) and
``sync_state`` (local, sending, synced, conflict, quarantined; existing dossiers start ``local``).
Plain ``ADD COLUMN``, not batch mode: a batch operation may rebuild the table, which would drop
the triggers that feed the full-text index (so no CHECK constraint on ``sync_state``; app.sync
writes only the known values).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("dossiers", sa.Column("server_revision", sa.Integer(), nullable=True))
    op.add_column(
        "dossiers",
        sa.Column("sync_state", sa.String(length=12), server_default="local", nullable=False),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("local_payload", sa.Text(), nullable=False),
        sa.Column("server_payload", sa.Text(), nullable=True),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sync_conflicts"),
    )
    op.create_index("ix_sync_conflicts_dossier_id", "sync_conflicts", ["dossier_id"])
    op.create_table(
        "sync_quarantine",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("cleared_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sync_quarantine"),
    )
    op.create_index("ix_sync_quarantine_dossier_id", "sync_quarantine", ["dossier_id"])
    op.create_table(
        "sync_cursor",
        sa.Column("server", sa.String(length=300), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("server", name="pk_sync_cursor"),
    )


def downgrade() -> None:
    op.drop_table("sync_cursor")
    op.drop_index("ix_sync_quarantine_dossier_id", "sync_quarantine")
    op.drop_table("sync_quarantine")
    op.drop_index("ix_sync_conflicts_dossier_id", "sync_conflicts")
    op.drop_table("sync_conflicts")
    op.drop_column("dossiers", "sync_state")
    op.drop_column("dossiers", "server_revision")
