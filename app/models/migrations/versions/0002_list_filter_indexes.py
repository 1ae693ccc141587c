"""Indexes for the window's list filters (status, site, period).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

With 100 000 dossiers a status filter scanned the table (80–140 ms per page); each index keeps
the filter in result order (search_rowid), so a page reads only the rows it shows.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


# Plain CREATE INDEX, not batch mode: a batch operation may rebuild the table, which would drop
# the triggers that feed the full-text index.


def upgrade() -> None:
    op.create_index("ix_dossiers_status_search_rowid", "dossiers", ["status", "search_rowid"])
    op.create_index("ix_dossiers_site_code_search_rowid", "dossiers",
                    ["site_code", "search_rowid"])
    op.create_index("ix_dossiers_created_at", "dossiers", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_dossiers_created_at", "dossiers")
    op.drop_index("ix_dossiers_site_code_search_rowid", "dossiers")
    op.drop_index("ix_dossiers_status_search_rowid", "dossiers")
