"""The audit log's hash chain (issue 13).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04

- ``audit_log.seq``, ``prev_hash``, ``row_hash``: each row's place in the chain and its hashes
  (app.server.audit); the rows already there are chained in id order.
- ``audit_chain_head``: one row, the chain's length and last hash, updated by every append.
- ``ix_audit_log_agent_login_at`` for the audit viewer's filter by agent.

The append-only triggers are lifted for the time of the backfill (the rows get their chain
columns, nothing else changes) and put back; on SQLite the table is rebuilt to make the new
columns NOT NULL, which drops its triggers, so they are created again afterwards.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_GENESIS = "0" * 64
_SQLITE_TRIGGERS = ("UPDATE", "DELETE")


def _lift_triggers(postgres: bool) -> None:
    if postgres:
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    else:
        for event in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS audit_log_no_{event.lower()}")


def _restore_triggers(postgres: bool) -> None:
    if postgres:
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
    else:
        for event in _SQLITE_TRIGGERS:
            op.execute(f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")


def upgrade() -> None:
    from app.server.audit import row_hash

    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rows", sa.BigInteger(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    _lift_triggers(postgres)
    op.add_column("audit_log", sa.Column("seq", sa.BigInteger(), nullable=True))
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("row_hash", sa.String(length=64), nullable=True))

    log = sa.table("audit_log", sa.column("id", sa.Integer()), sa.column("at", sa.DateTime()),
                   sa.column("agent_login", sa.String()), sa.column("action", sa.String()),
                   sa.column("dossier_id", sa.Uuid()), sa.column("detail", sa.Text()),
                   sa.column("seq", sa.BigInteger()), sa.column("prev_hash", sa.String()),
                   sa.column("row_hash", sa.String()))
    seq, prev, last_at = 0, _GENESIS, None
    updates: list[dict[str, object]] = []
    for row in bind.execute(sa.select(log.c.id, log.c.at, log.c.agent_login, log.c.action,
                                      log.c.dossier_id, log.c.detail).order_by(log.c.id)).all():
        seq += 1
        digest = row_hash(seq, row.at, row.agent_login, row.action, row.dossier_id,
                          row.detail or "", prev)
        updates.append({"row_id": row.id, "seq": seq, "prev_hash": prev, "row_hash": digest})
        prev, last_at = digest, row.at
    if updates:
        bind.execute(sa.update(log).where(log.c.id == sa.bindparam("row_id"))
                     .values(seq=sa.bindparam("seq"), prev_hash=sa.bindparam("prev_hash"),
                             row_hash=sa.bindparam("row_hash")), updates)
    head = sa.table("audit_chain_head", sa.column("id", sa.Integer()),
                    sa.column("rows", sa.BigInteger()), sa.column("head_hash", sa.String()),
                    sa.column("at", sa.DateTime()))
    bind.execute(sa.insert(head).values(id=1, rows=seq, head_hash=prev, at=last_at))

    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("seq", existing_type=sa.BigInteger(), nullable=False)
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("row_hash", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint(op.f("uq_audit_log_seq"), ["seq"])
    op.create_index("ix_audit_log_agent_login_at", "audit_log", ["agent_login", "at"])
    _restore_triggers(postgres)


def downgrade() -> None:
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    _lift_triggers(postgres)
    op.drop_index("ix_audit_log_agent_login_at", "audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint(op.f("uq_audit_log_seq"), type_="unique")
        batch.drop_column("row_hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
    _restore_triggers(postgres)
    op.drop_table("audit_chain_head")
