"""The appointments of the dossiers, for the partners' agenda (issue 16).

``appointments``: the ``rendez_vous`` items of each dossier's payload (a counter's call-backs,
a partner's appointments), rewritten at every write of the dossier; indexed on (organisme, at)
for a partner's agenda and (site, at) for a site's.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointments",
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("site", sa.String(length=3), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("organisme", sa.String(length=40), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("duration", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"],
                                name="fk_appointments_dossier_id_dossiers"),
        sa.PrimaryKeyConstraint("dossier_id", "id", name="pk_appointments"),
    )
    op.create_index("ix_appointments_organisme_at", "appointments", ["organisme", "at"])
    op.create_index("ix_appointments_site_at", "appointments", ["site", "at"])


def downgrade() -> None:
    op.drop_index("ix_appointments_site_at", table_name="appointments")
    op.drop_index("ix_appointments_organisme_at", table_name="appointments")
    op.drop_table("appointments")
