"""A partial index on the unsent outbox rows, for the sync states of the window's list (issue 18).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04

The list reads the sync state of each dossier of its page: does it have an unsent outbox row,
and its newest unsent revision. Asked with ``dossier_id IN (…) AND sent_at IS NULL``, SQLite
walked ``ix_outbox_sent_at`` — every unsent row, 150 ms a page with 15 000 of them.
``ix_outbox_unsent_dossier_id`` holds only the unsent rows, by dossier and revision: a page's
lookup reads its own dossiers' entries, whatever the number of dossiers or of rows waiting.
``ix_outbox_sent_at`` stays: the push walks the unsent rows in outbox order through it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


# Plain CREATE INDEX, not batch mode (see 0002).


def upgrade() -> None:
    op.create_index("ix_outbox_unsent_dossier_id", "outbox", ["dossier_id", "revision"],
                    sqlite_where=sa.text("sent_at IS NULL"))


def downgrade() -> None:
    op.drop_index("ix_outbox_unsent_dossier_id", "outbox")
