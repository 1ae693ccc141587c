"""The partner inbox's rows (issue 18).

``partner_inbox``: one row per dossier and organisme that sees it (an orientation to it, the
worker's consent to it given and not revoked), with what the list shows, searches, filters and
orders, and the organisme's aids (app.server.inbox). The unique index (organisme, priority,
number) serves each page of the list from the last row of the previous one, whatever the number
of dossiers. Backfilled here from the stored payloads and orientations.
``audit_listed``: the dossiers each listing showed, a listing being one audit row (its seq).
On PostgreSQL a trigram index (pg_trgm, a trusted extension since PostgreSQL 13) serves the
search of a rare name or number; without the extension the search reads the organisme's rows in
the list's order until a page is found, slower for a rare name but correct.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime
from app.server.inbox import inbox_rows

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_CHUNK = 1000


def _backfill() -> None:
    connection = op.get_bind()
    meta = sa.MetaData()
    dossiers = sa.Table("dossiers", meta, sa.Column("id", sa.Uuid()),
                        sa.Column("payload", sa.Text()))
    orientations = sa.Table(
        "orientations", meta, sa.Column("dossier_id", sa.Uuid()),
        sa.Column("organisme", sa.String()), sa.Column("status", sa.String()),
        sa.Column("outcome", sa.String()), sa.Column("note", sa.Text()),
        sa.Column("updated_at", UTCDateTime()), sa.Column("transmitted_at", UTCDateTime()))
    inbox = sa.Table(
        "partner_inbox", meta, sa.Column("organisme", sa.String()),
        sa.Column("dossier_id", sa.Uuid()), sa.Column("priority", sa.Integer()),
        sa.Column("number", sa.String()), sa.Column("revision", sa.Integer()),
        sa.Column("name", sa.Text()),
        sa.Column("search", sa.Text()), sa.Column("status", sa.String()),
        sa.Column("outcome", sa.String()), sa.Column("note", sa.Text()),
        sa.Column("updated_at", UTCDateTime()), sa.Column("stale_from", sa.Date()),
        sa.Column("aids", sa.Text()))
    today = datetime.now(UTC).date()
    last: Any = None
    while True:
        stmt = (sa.select(orientations.c.dossier_id).distinct()
                .order_by(orientations.c.dossier_id).limit(_CHUNK))
        if last is not None:
            stmt = stmt.where(orientations.c.dossier_id > last)
        ids = list(connection.scalars(stmt))
        if not ids:
            return
        by_dossier: dict[Any, dict[str, dict[str, Any]]] = defaultdict(dict)
        for row in connection.execute(sa.select(orientations).where(
                orientations.c.dossier_id.in_(ids))):
            by_dossier[row.dossier_id][row.organisme] = dict(row._mapping)
        values: list[dict[str, Any]] = []
        for dossier_id, text in connection.execute(sa.select(dossiers.c.id, dossiers.c.payload)
                                                   .where(dossiers.c.id.in_(ids))):
            values += inbox_rows(dossier_id, json.loads(text), by_dossier[dossier_id], today)
        if values:
            connection.execute(sa.insert(inbox), values)
        last = ids[-1]


def upgrade() -> None:
    op.create_table(
        "partner_inbox",
        sa.Column("organisme", sa.String(length=40), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("search", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("stale_from", sa.Date(), nullable=True),
        sa.Column("aids", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"],
                                name="fk_partner_inbox_dossier_id_dossiers"),
        sa.PrimaryKeyConstraint("organisme", "dossier_id", name="pk_partner_inbox"),
    )
    op.create_index("ix_partner_inbox_page", "partner_inbox",
                    ["organisme", "priority", "number"], unique=True)
    op.create_index("ix_partner_inbox_dossier_id", "partner_inbox", ["dossier_id"])
    op.create_table(
        "audit_listed",
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("dossier_id", "seq", name="pk_audit_listed"),
    )
    _backfill()
    _trigram_index()


def _trigram_index() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError as exc:
        logging.getLogger(__name__).warning(
            "pg_trgm cannot be created (%s): the partner inbox's search works without its "
            "index, slower for a rare name", type(exc).__name__)
        return
    op.execute("CREATE INDEX ix_partner_inbox_search_trgm ON partner_inbox "
               "USING gin (search gin_trgm_ops)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_partner_inbox_search_trgm")
    op.drop_table("audit_listed")
    op.drop_index("ix_partner_inbox_dossier_id", table_name="partner_inbox")
    op.drop_index("ix_partner_inbox_page", table_name="partner_inbox")
    op.drop_table("partner_inbox")
