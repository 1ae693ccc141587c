"""Erasure tombstones and retention (issue 13).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

``tombstones``: what is left of an erased dossier (its random id, site, when, why, the change
sequence number pulls hand it out with); ``anonymous_facts``: the anonymous facts of erased and
anonymised dossiers kept for the statistics (site, month, channel, answers, aids, outcomes).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tombstones",
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("site", sa.String(length=3), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("dossier_id", name=op.f("pk_tombstones")),
        sa.UniqueConstraint("change_seq", name=op.f("uq_tombstones_change_seq")),
    )
    op.create_index(op.f("ix_tombstones_site"), "tombstones", ["site"])
    op.create_table(
        "anonymous_facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site", sa.String(length=3), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("questionnaire", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("aids", sa.Text(), nullable=False),
        sa.Column("outcomes", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anonymous_facts")),
    )
    op.create_index(op.f("ix_anonymous_facts_site"), "anonymous_facts", ["site"])


def downgrade() -> None:
    op.drop_index(op.f("ix_anonymous_facts_site"), table_name="anonymous_facts")
    op.drop_table("anonymous_facts")
    op.drop_index(op.f("ix_tombstones_site"), table_name="tombstones")
    op.drop_table("tombstones")
