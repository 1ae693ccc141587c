"""Workstation identity: the local workstation's registration on a central store.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

``workstations`` gains the random id the workstation registered with (``identity``), the store
it registered on, its identity nonce, the next nonce while a round's proof is unconfirmed, and
when the registration was confirmed (app.sync.workstation). Plain nullable ``ADD COLUMN``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("identity", sa.String(length=36)),
    ("identity_server", sa.String(length=300)),
    ("nonce", sa.String(length=128)),
    ("next_nonce", sa.String(length=128)),
    ("registered_at", sa.DateTime()),
)


def upgrade() -> None:
    for name, type_ in _COLUMNS:
        op.add_column("workstations", sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workstations") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
