"""Site settings on the central store (issue 14): each site's postal address, phone, e-mail and
opening hours, recorded by an administrator and synced to the workstations.

``site_settings`` holds the current version of each site that has one; every version is kept
in ``site_settings_history``, append-only (triggers refuse UPDATE and DELETE, as on
``audit_log``).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_SQLITE_EVENTS = ("UPDATE", "DELETE")


def _columns() -> list[sa.Column[object]]:
    return [
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("postal_code", sa.String(length=5), nullable=False),
        sa.Column("commune", sa.String(length=80), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("hours", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "site_settings",
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_columns(),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_site_settings")),
    )
    op.create_table(
        "site_settings_history",
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_columns(),
        sa.PrimaryKeyConstraint("code", "version", name=op.f("pk_site_settings_history")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION site_settings_history_append_only() RETURNS trigger AS $$ "
                   "BEGIN RAISE EXCEPTION 'site_settings_history is append-only'; END; "
                   "$$ LANGUAGE plpgsql")
        op.execute("CREATE TRIGGER site_settings_history_append_only BEFORE UPDATE OR DELETE "
                   "ON site_settings_history FOR EACH ROW EXECUTE FUNCTION "
                   "site_settings_history_append_only()")
    else:
        for event in _SQLITE_EVENTS:
            op.execute(f"CREATE TRIGGER site_settings_history_no_{event.lower()} BEFORE {event} "
                       "ON site_settings_history BEGIN SELECT RAISE(ABORT, "
                       "'site_settings_history is append-only'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER site_settings_history_append_only ON site_settings_history")
        op.execute("DROP FUNCTION site_settings_history_append_only()")
    else:
        for event in _SQLITE_EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS site_settings_history_no_{event.lower()}")
    op.drop_table("site_settings_history")
    op.drop_table("site_settings")
