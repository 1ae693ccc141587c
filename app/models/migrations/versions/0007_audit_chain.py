"""The workstation history's hash chain (issue 13).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

- ``audit_log.seq``, ``prev_hash``, ``row_hash``: each row's place in the chain and its hashes
  (app.models.audit_chain); the rows already there are chained in id order.
- ``audit_chain_head``: one row, the chain's length and last hash.

The append-only triggers are dropped for the backfill and the table rebuild (batch mode, to make
the new columns NOT NULL and ``seq`` unique), then created again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_GENESIS = "0" * 64


def _drop_triggers() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")


def _create_triggers() -> None:
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )


def upgrade() -> None:
    from app.models.audit_chain import row_hash

    bind = op.get_bind()
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_chain_head"),
    )
    _drop_triggers()
    op.add_column("audit_log", sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("row_hash", sa.String(length=64), nullable=True))
    log = sa.table(
        "audit_log",
        sa.column("id", sa.Integer()),
        sa.column("at", sa.DateTime()),
        sa.column("agent", sa.String()),
        sa.column("dossier_id", sa.String()),
        sa.column("action", sa.String()),
        sa.column("detail", sa.Text()),
        sa.column("seq", sa.Integer()),
        sa.column("prev_hash", sa.String()),
        sa.column("row_hash", sa.String()),
    )
    seq, prev = 0, _GENESIS
    updates: list[dict[str, object]] = []
    rows = bind.execute(
        sa.select(log.c.id, log.c.at, log.c.agent, log.c.dossier_id, log.c.action,
                  log.c.detail).order_by(log.c.id)
    ).all()
    for row in rows:
        seq += 1
        digest = row_hash(seq, row.at, row.agent, row.action, row.dossier_id,
                          row.detail or "", prev)
        updates.append({"row_id": row.id, "seq": seq, "prev_hash": prev, "row_hash": digest})
        prev = digest
    if updates:
        bind.execute(
            sa.update(log)
            .where(log.c.id == sa.bindparam("row_id"))
            .values(seq=sa.bindparam("seq"), prev_hash=sa.bindparam("prev_hash"),
                    row_hash=sa.bindparam("row_hash")),
            updates,
        )
    op.execute(
        sa.text("INSERT INTO audit_chain_head (id, rows, head_hash) VALUES (1, :rows, :head)")
        .bindparams(rows=seq, head=prev)
    )
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("row_hash", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint("uq_audit_log_seq", ["seq"])
    _create_triggers()


def downgrade() -> None:
    _drop_triggers()
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint("uq_audit_log_seq", type_="unique")
        batch.drop_column("row_hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
    _create_triggers()
    op.drop_table("audit_chain_head")
