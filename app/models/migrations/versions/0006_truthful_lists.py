"""Lists and states that tell the truth: transmission times, urgent block, « Mes dossiers ».

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08

- ``orientations.transmitted_at``: when the central store confirmed a version of the dossier the
  organisme can read (app.models.orientation_state). Orientations of dossiers the store already
  confirmed get the time their oldest change was marked sent (the outbox), else the dossier's
  last update: the best the workstation knows of it.
- The sort key (``dossiers.search_rowid``): a closed dossier (``clos``) leaves the urgent block
  (app.models.normalize.sorts_urgent); its key loses the urgent bit. Dossiers urgent but not
  updated for 90 days leave it at every start (app.models.listing.expire_urgent).
- ``ix_dossiers_agent_search_rowid`` for the « Mes dossiers » filter.

Plain ADD COLUMN / CREATE INDEX / UPDATE, not batch mode: a batch operation may rebuild the
table, which would drop the triggers that feed the full-text index (they follow the key change).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_URGENT_BIT = 1 << 62


def upgrade() -> None:
    op.add_column("orientations", sa.Column("transmitted_at", sa.DateTime(), nullable=True))
    op.create_index("ix_dossiers_agent_search_rowid", "dossiers", ["agent", "search_rowid"])
    op.execute(
        "UPDATE orientations SET transmitted_at = ("
        " SELECT COALESCE("
        "  (SELECT MIN(outbox.sent_at) FROM outbox"
        "   WHERE outbox.dossier_id = dossiers.id AND outbox.sent_at IS NOT NULL),"
        "  dossiers.updated_at)"
        " FROM dossiers WHERE dossiers.pk = orientations.dossier_pk) "
        "WHERE EXISTS (SELECT 1 FROM dossiers WHERE dossiers.pk = orientations.dossier_pk"
        "  AND dossiers.server_revision IS NOT NULL) "
        "AND EXISTS (SELECT 1 FROM consents WHERE consents.dossier_pk = orientations.dossier_pk"
        "  AND consents.organisme = orientations.organisme AND consents.given = 1"
        "  AND consents.revoked_at IS NULL)"
    )
    op.execute(
        f"UPDATE dossiers SET search_rowid = search_rowid - {_URGENT_BIT} "
        f"WHERE search_rowid >= {_URGENT_BIT} AND status = 'clos'"
    )


def downgrade() -> None:
    op.execute(
        f"UPDATE dossiers SET search_rowid = search_rowid + {_URGENT_BIT} "
        f"WHERE search_rowid < {_URGENT_BIT} AND urgent = 1"
    )
    op.drop_index("ix_dossiers_agent_search_rowid", "dossiers")
    with op.batch_alter_table("orientations") as batch:
        batch.drop_column("transmitted_at")
