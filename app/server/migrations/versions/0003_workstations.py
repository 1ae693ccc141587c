"""The registry of workstations: each one's random id, site, code and rotating identity nonce.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

A partial unique index keeps one live (not retired) workstation per (site, code); retired
rows stay, so their history (and the numbers they handed out) is still known.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workstations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("site", sa.String(length=3), nullable=False),
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("registered_by", sa.String(length=120), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("nonce_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workstations")),
    )
    op.create_index("uq_workstations_site_code_live", "workstations", ["site", "code"],
                    unique=True, sqlite_where=sa.text("NOT retired"),
                    postgresql_where=sa.text("NOT retired"))


def downgrade() -> None:
    op.drop_index("uq_workstations_site_code_live", table_name="workstations")
    op.drop_table("workstations")
