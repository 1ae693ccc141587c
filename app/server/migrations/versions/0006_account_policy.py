"""Account policy: forced password change, token idle expiry (issue 13).

Accounts whose password an administrator set must change it at their next sign-in
(``agents.must_change_password``); tokens remember when they were last used
(``tokens.last_used_at``, written at most once a minute) so an idle one expires.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agents", sa.Column("must_change_password", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.add_column("tokens", sa.Column("last_used_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tokens") as batch:
        batch.drop_column("last_used_at")
    with op.batch_alter_table("agents") as batch:
        batch.drop_column("must_change_password")
