"""The call list on the workstation (issue 16).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10

``signals``: alerts about workers (unique by source and reference), each in an entry.
``call_entries``: this site's call list, mirrored from the central store (``server_seq``) or
provisional (created by an import here, not yet on a store). ``call_attempts`` and
``call_links``: calls made and dossiers opened from an entry. ``sent_at`` NULL marks what waits
for the next sync round. ``call_aliases``: entry ids that became others (grouped by the store).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_STATUSES = ("a_appeler", "rappel", "courrier", "joint", "refus", "deja_accompagne")
_OUTCOMES = ("joint", "injoignable", "rappel_demande", "refus", "deja_accompagne")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "signals",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("nir", sa.String(length=15), nullable=True),
        sa.Column("nom", sa.String(length=100), nullable=True),
        sa.Column("prenom", sa.String(length=100), nullable=True),
        sa.Column("telephone", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("code_postal", sa.String(length=5), nullable=True),
        sa.Column("commune", sa.String(length=100), nullable=True),
        sa.Column("montant_cents", sa.BigInteger(), nullable=True),
        sa.Column("commentaire", sa.Text(), nullable=True),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("agent", sa.String(length=100), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("pk", name="pk_signals"),
        sa.UniqueConstraint("id", name="uq_signals_id"),
        sa.UniqueConstraint("source", "reference", name="uq_signals_source_reference"),
    )
    for column in ("siret", "nir", "entry_id", "sent_at"):
        op.create_index(f"ix_signals_{column}", "signals", [column])

    op.create_table(
        "call_entries",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("site", sa.String(length=3), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("nir", sa.String(length=15), nullable=True),
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("oldest", sa.Date(), nullable=True),
        sa.Column("unanswered", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("callback_at", sa.DateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(length=20), nullable=True),
        sa.Column("claimed_agent", sa.String(length=100), nullable=True),
        sa.Column("claim_expires_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=True),
        sa.CheckConstraint(_one_of("status", _STATUSES), name="ck_call_entries_status"),
        sa.PrimaryKeyConstraint("id", name="pk_call_entries"),
    )
    for column in ("siret", "nir"):
        op.create_index(f"ix_call_entries_{column}", "call_entries", [column])

    op.create_table(
        "call_attempts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("agent", sa.String(length=100), nullable=False),
        sa.Column("workstation", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("callback_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(_one_of("outcome", _OUTCOMES), name="ck_call_attempts_outcome"),
        sa.PrimaryKeyConstraint("id", name="pk_call_attempts"),
    )
    for column in ("entry_id", "sent_at"):
        op.create_index(f"ix_call_attempts_{column}", "call_attempts", [column])

    op.create_table(
        "call_links",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("agent", sa.String(length=100), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("pk", name="pk_call_links"),
    )
    for column in ("entry_id", "sent_at"):
        op.create_index(f"ix_call_links_{column}", "call_links", [column])

    op.create_table(
        "call_aliases",
        sa.Column("old_id", sa.String(length=36), nullable=False),
        sa.Column("new_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("old_id", name="pk_call_aliases"),
    )


def downgrade() -> None:
    for table in ("call_aliases", "call_links", "call_attempts", "call_entries", "signals"):
        op.drop_table(table)
