"""The shared call list of each site (issue 16): entries, their signals and call attempts, and
the aliases of merged entries.

``call_entries.change_seq`` comes from the shared change counter (``sync_counter``), unique per
site, so ``GET /calls/changes`` pages entries in the order their changes became visible;
``call_signals`` is unique on (source, reference), the identity of an alert, and indexed on
(site, siret) and (site, nir) for the grouping; an attempt's id is its primary key.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "call_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("site", sa.String(length=3), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("nir", sa.String(length=15), nullable=True),
        sa.Column("dossier_id", sa.Uuid(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("oldest", sa.Date(), nullable=False),
        sa.Column("unanswered", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("callback_at", sa.DateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(length=20), nullable=True),
        sa.Column("claimed_agent", sa.String(length=120), nullable=True),
        sa.Column("claim_expires_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_entries")),
    )
    op.create_index("ix_call_entries_site_change_seq", "call_entries", ["site", "change_seq"],
                    unique=True)
    op.create_table(
        "call_signals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("site", sa.String(length=3), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("nir", sa.String(length=15), nullable=True),
        sa.Column("nom", sa.String(length=100), nullable=True),
        sa.Column("prenom", sa.String(length=100), nullable=True),
        sa.Column("telephone", sa.String(length=30), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("code_postal", sa.String(length=5), nullable=True),
        sa.Column("commune", sa.String(length=100), nullable=True),
        sa.Column("montant_cents", sa.BigInteger(), nullable=True),
        sa.Column("commentaire", sa.Text(), nullable=True),
        sa.Column("dossier_id", sa.Uuid(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("agent", sa.String(length=120), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["call_entries.id"],
                                name=op.f("fk_call_signals_entry_id_call_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_signals")),
        sa.UniqueConstraint("source", "reference",
                            name=op.f("uq_call_signals_source_reference")),
    )
    op.create_index("ix_call_signals_entry_id", "call_signals", ["entry_id"])
    op.create_index("ix_call_signals_site_siret", "call_signals", ["site", "siret"])
    op.create_index("ix_call_signals_site_nir", "call_signals", ["site", "nir"])
    op.create_table(
        "call_attempts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("site", sa.String(length=3), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("agent", sa.String(length=120), nullable=False),
        sa.Column("workstation", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("callback_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["call_entries.id"],
                                name=op.f("fk_call_attempts_entry_id_call_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_attempts")),
    )
    op.create_index("ix_call_attempts_entry_id", "call_attempts", ["entry_id"])
    op.create_table(
        "call_entry_aliases",
        sa.Column("alias_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("site", sa.String(length=3), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["call_entries.id"],
                                name=op.f("fk_call_entry_aliases_entry_id_call_entries")),
        sa.PrimaryKeyConstraint("alias_id", name=op.f("pk_call_entry_aliases")),
    )
    op.create_index("ix_call_entry_aliases_entry_id", "call_entry_aliases", ["entry_id"])


def downgrade() -> None:
    op.drop_index("ix_call_entry_aliases_entry_id", table_name="call_entry_aliases")
    op.drop_table("call_entry_aliases")
    op.drop_index("ix_call_attempts_entry_id", table_name="call_attempts")
    op.drop_table("call_attempts")
    op.drop_index("ix_call_signals_site_nir", table_name="call_signals")
    op.drop_index("ix_call_signals_site_siret", table_name="call_signals")
    op.drop_index("ix_call_signals_entry_id", table_name="call_signals")
    op.drop_table("call_signals")
    op.drop_index("ix_call_entries_site_change_seq", table_name="call_entries")
    op.drop_table("call_entries")
