"""The processing-time figures frozen in each print (issue 14).

``printed_documents.figures``: the figures the document showed (JSON, organisme → figure), so a
reprint of the same content prints the same figures after a sync brought new ones. NULL for the
consent form and for prints recorded before this revision.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("printed_documents", sa.Column("figures", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("printed_documents") as batch:
        batch.drop_column("figures")
