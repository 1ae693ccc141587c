"""The partner inbox's search index by organisme (issue 18).

The search reads, after a short walk in the list's order, every row of the organisme holding the
searched words, then keeps the first page (app.server.services.inbox). The trigram index of 0013
held every organisme's rows: a name found 5 000 times in the store was 5 000 rows read from the
table, a fifth of them the organisme's. This index starts with the organisme (btree_gin, a
trusted extension like pg_trgm), so only the organisme's own rows are read.

Without btree_gin the index of 0013 stays: the search is correct, slower for a common name.
Neither exists on SQLite, where the search reads the organisme's rows.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

OLD = "ix_partner_inbox_search_trgm"
NEW = "ix_partner_inbox_organisme_search"


def _has_index(bind: sa.engine.Connection, name: str) -> bool:
    return bind.scalar(sa.text("SELECT 1 FROM pg_indexes WHERE indexname = :name"),
                       {"name": name}) is not None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql" or not _has_index(bind, OLD):
        return  # no pg_trgm: nothing to index by trigram
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS btree_gin"))
    except sa.exc.DBAPIError as exc:
        logging.getLogger(__name__).warning(
            "btree_gin cannot be created (%s): the partner inbox's search keeps its index "
            "of every organisme's rows, slower for a common name", type(exc).__name__)
        return
    op.execute(f"CREATE INDEX {NEW} ON partner_inbox USING gin (organisme, search gin_trgm_ops)")
    op.execute(f"DROP INDEX {OLD}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql" or not _has_index(bind, NEW):
        return
    op.execute(f"CREATE INDEX {OLD} ON partner_inbox USING gin (search gin_trgm_ops)")
    op.execute(f"DROP INDEX {NEW}")
