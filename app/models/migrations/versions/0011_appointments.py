"""Call-backs and appointments, the counter's note to a partner, the convocation print (issue
16).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04

- ``appointments``: a dossier's call-backs (``rappel``, by the counter) and appointments
  (``rendez_vous``, set by a partner on the central store): the export's ``rendez_vous`` items.
- ``orientations.counter_note``: the counter's note for the partner (plain ADD COLUMN).
- ``printed_documents``: its check on ``kind`` allows ``convocation``. SQLite cannot change a
  check constraint in place: the table is rebuilt (it has no trigger; its rows, keys and index
  are kept).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_COLUMNS = "pk, dossier_pk, kind, organisme, printed_at, agent, content_hash, figures"


def _rebuild_printed(kinds: tuple[str, ...]) -> None:
    allowed = ", ".join(f"'{kind}'" for kind in kinds)
    op.create_table(
        "printed_documents_new",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("dossier_pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("organisme", sa.String(length=30), nullable=True),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("agent", sa.String(length=100), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("figures", sa.Text(), nullable=True),
        sa.CheckConstraint(f"kind IN ({allowed})", name="ck_printed_documents_kind"),
        sa.ForeignKeyConstraint(["dossier_pk"], ["dossiers.pk"],
                                name="fk_printed_documents_dossier_pk_dossiers",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk", name="pk_printed_documents"),
    )
    op.execute(f"INSERT INTO printed_documents_new ({_COLUMNS}) "
               f"SELECT {_COLUMNS} FROM printed_documents WHERE kind IN ({allowed})")
    op.drop_index("ix_printed_documents_dossier_pk", table_name="printed_documents")
    op.drop_table("printed_documents")
    op.rename_table("printed_documents_new", "printed_documents")
    op.create_index("ix_printed_documents_dossier_pk", "printed_documents", ["dossier_pk"])


def upgrade() -> None:
    op.create_table(
        "appointments",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("dossier_pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("organisme", sa.String(length=30), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("duration", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("bring", sa.Text(), nullable=False),
        sa.Column("by_name", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("agent", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('rappel', 'rendez_vous')", name="ck_appointments_kind"),
        sa.CheckConstraint("mode IN ('telephone', 'agence', 'visio')",
                           name="ck_appointments_mode"),
        sa.CheckConstraint("status IN ('propose', 'fixe', 'fait', 'annule')",
                           name="ck_appointments_status"),
        sa.ForeignKeyConstraint(["dossier_pk"], ["dossiers.pk"],
                                name="fk_appointments_dossier_pk_dossiers", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk", name="pk_appointments"),
        sa.UniqueConstraint("dossier_pk", "id", name="uq_appointments_dossier_pk_id"),
    )
    op.create_index("ix_appointments_dossier_pk", "appointments", ["dossier_pk"])
    op.create_index("ix_appointments_at", "appointments", ["at"])
    op.add_column("orientations", sa.Column("counter_note", sa.Text(), nullable=True))
    _rebuild_printed(("summary", "letter", "consent", "convocation"))


def downgrade() -> None:
    # The convocations printed are dropped with the kind they need.
    _rebuild_printed(("summary", "letter", "consent"))
    with op.batch_alter_table("orientations") as batch:
        batch.drop_column("counter_note")
    op.drop_index("ix_appointments_at", table_name="appointments")
    op.drop_index("ix_appointments_dossier_pk", table_name="appointments")
    op.drop_table("appointments")
