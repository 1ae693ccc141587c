"""The statistics' facts (issue 17).

``dossier_facts`` (site, creation day in Europe/Paris, month, channel, urgent), ``dossier_answers``
(question, code) and ``dossier_aids`` (aid codes app.forms.evaluation finds): what the figures of
``GET /stats/*`` count in SQL, rewritten at every write of a dossier and backfilled here from the
stored payloads. ``orientations.first_contact_at``: when the partner's status first reached
``contact_pris`` or later (rows stored before stay NULL: nothing tells when that was).
``call_entries`` gets an index on ``dossier_id`` (the « signal » channel).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from app.forms.stats import dossier_facts

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_CHUNK = 1000


def _backfill() -> None:
    connection = op.get_bind()
    meta = sa.MetaData()
    dossiers = sa.Table("dossiers", meta, sa.Column("id", sa.Uuid()),
                        sa.Column("payload", sa.Text()))
    facts = sa.Table("dossier_facts", meta, sa.Column("dossier_id", sa.Uuid()),
                     sa.Column("site", sa.String()), sa.Column("created_day", sa.Date()),
                     sa.Column("month", sa.String()), sa.Column("channel", sa.String()),
                     sa.Column("urgent", sa.Boolean()))
    answers = sa.Table("dossier_answers", meta, sa.Column("dossier_id", sa.Uuid()),
                       sa.Column("question", sa.String()), sa.Column("code", sa.String()))
    aids = sa.Table("dossier_aids", meta, sa.Column("dossier_id", sa.Uuid()),
                    sa.Column("aid", sa.String()))
    last: Any = None
    while True:
        stmt = sa.select(dossiers.c.id, dossiers.c.payload).order_by(dossiers.c.id).limit(_CHUNK)
        if last is not None:
            stmt = stmt.where(dossiers.c.id > last)
        rows = connection.execute(stmt).all()
        if not rows:
            return
        fact_rows, answer_rows, aid_rows = [], [], []
        for dossier_id, text in rows:
            payload = json.loads(text)
            if not payload.get("created_at"):
                continue
            found = dossier_facts(payload)
            fact_rows.append({"dossier_id": dossier_id, "site": found["site"],
                              "created_day": found["created_day"], "month": found["month"],
                              "channel": found["channel"], "urgent": found["urgent"]})
            answer_rows += [{"dossier_id": dossier_id, "question": q, "code": c}
                            for q, c in found["answers"].items()]
            aid_rows += [{"dossier_id": dossier_id, "aid": a} for a in found["aids"]]
        for table, values in ((facts, fact_rows), (answers, answer_rows), (aids, aid_rows)):
            if values:
                connection.execute(sa.insert(table), values)
        last = rows[-1][0]


def upgrade() -> None:
    op.create_table(
        "dossier_facts",
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("site", sa.String(length=3), nullable=False),
        sa.Column("created_day", sa.Date(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"],
                                name="fk_dossier_facts_dossier_id_dossiers"),
        sa.PrimaryKeyConstraint("dossier_id", name="pk_dossier_facts"),
    )
    op.create_index("ix_dossier_facts_created_day", "dossier_facts", ["created_day"])
    op.create_index("ix_dossier_facts_site_created_day", "dossier_facts",
                    ["site", "created_day"])
    op.create_index("ix_dossier_facts_channel_created_day", "dossier_facts",
                    ["channel", "created_day"])
    op.create_index("ix_dossier_facts_month_site", "dossier_facts", ["month", "site"])
    op.create_table(
        "dossier_answers",
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("question", sa.String(length=10), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"],
                                name="fk_dossier_answers_dossier_id_dossiers"),
        sa.PrimaryKeyConstraint("dossier_id", "question", name="pk_dossier_answers"),
    )
    op.create_index("ix_dossier_answers_question_code", "dossier_answers", ["question", "code"])
    op.create_table(
        "dossier_aids",
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("aid", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"],
                                name="fk_dossier_aids_dossier_id_dossiers"),
        sa.PrimaryKeyConstraint("dossier_id", "aid", name="pk_dossier_aids"),
    )
    op.create_index("ix_dossier_aids_aid", "dossier_aids", ["aid"])
    op.add_column("orientations", sa.Column("first_contact_at", sa.DateTime(), nullable=True))
    op.create_index("ix_call_entries_dossier_id", "call_entries", ["dossier_id"])
    _backfill()


def downgrade() -> None:
    op.drop_index("ix_call_entries_dossier_id", table_name="call_entries")
    with op.batch_alter_table("orientations") as batch:
        batch.drop_column("first_contact_at")
    op.drop_index("ix_dossier_aids_aid", table_name="dossier_aids")
    op.drop_table("dossier_aids")
    op.drop_index("ix_dossier_answers_question_code", table_name="dossier_answers")
    op.drop_table("dossier_answers")
    for name in ("ix_dossier_facts_month_site", "ix_dossier_facts_channel_created_day",
                 "ix_dossier_facts_site_created_day", "ix_dossier_facts_created_day"):
        op.drop_index(name, table_name="dossier_facts")
    op.drop_table("dossier_facts")
