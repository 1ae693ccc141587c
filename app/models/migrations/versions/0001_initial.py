"""Initial schema: sites, workstations, dossiers and their parts, audit log, outbox, search.

Revision ID: 0001
Revises:
Create Date: 2026-01-15

Hand-written. Date-times are stored as naive UTC ``DATETIME`` (see app.models.base.UTCDateTime).
The full-text index ``dossier_search`` is a contentless FTS5 table fed by triggers; its rowid is
the dossier's ``search_rowid`` (the result order, see app.models.normalize.search_rowid).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Columns of the full-text index, computed from a dossiers row (NEW or OLD in a trigger).
# The number is indexed twice: compact ("TIBRE022026000123", for typing it whole or in part)
# and as written (its parts, e.g. the sequence "000123", become tokens).
_NAMES = "coalesce({r}.nom, '') || ' ' || coalesce({r}.prenom, '') || ' ' || coalesce({r}.nom_naissance, '')"
_NUMBER = "replace({r}.number, '-', '') || ' ' || {r}.number"
_IDS = "coalesce({r}.siret, '') || ' ' || coalesce({r}.nir, '')"


def _values(row: str) -> str:
    return ", ".join(expr.format(r=row) for expr in (_NAMES, _NUMBER, _IDS))


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("postal_code", sa.String(length=5), nullable=False),
        sa.Column("commune", sa.String(length=100), nullable=False),
        sa.Column("departement", sa.String(length=3), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_sites"),
    )
    op.create_table(
        "workstations",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("site_code", sa.String(length=3), nullable=False),
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("is_local", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_code"], ["sites.code"], name="fk_workstations_site_code_sites"
        ),
        sa.PrimaryKeyConstraint("pk", name="pk_workstations"),
        sa.UniqueConstraint("site_code", "code", name="uq_workstations_site_code_code"),
    )
    op.create_table(
        "number_sequences",
        sa.Column("site_code", sa.String(length=3), nullable=False),
        sa.Column("workstation_code", sa.String(length=2), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "site_code", "workstation_code", "year", name="pk_number_sequences"
        ),
    )
    op.create_table(
        "dossiers",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("site_code", sa.String(length=3), nullable=False),
        sa.Column("workstation_code", sa.String(length=2), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("questionnaire", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("agent", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("nom", sa.String(length=100), nullable=False),
        sa.Column("prenom", sa.String(length=100), nullable=False),
        sa.Column("nom_naissance", sa.String(length=100), nullable=True),
        sa.Column("date_naissance", sa.Date(), nullable=True),
        sa.Column("nir", sa.String(length=15), nullable=True),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("telephone", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("adresse", sa.Text(), nullable=True),
        sa.Column("code_postal", sa.String(length=5), nullable=True),
        sa.Column("commune", sa.String(length=100), nullable=True),
        sa.Column("statut", sa.String(length=30), nullable=True),
        sa.Column("debut_activite", sa.Date(), nullable=True),
        sa.Column("foyer", sa.Integer(), nullable=True),
        sa.Column("activite_principale", sa.Boolean(), nullable=True),
        sa.Column("departement", sa.String(length=3), nullable=True),
        sa.Column("name_key", sa.String(length=210), nullable=False),
        sa.Column("search_rowid", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "channel IN ('accueil', 'telephone', 'traitement_dossier')", name="ck_dossiers_channel"
        ),
        sa.CheckConstraint(
            "status IN ('brouillon', 'complet', 'oriente', 'clos')", name="ck_dossiers_status"
        ),
        sa.CheckConstraint("revision >= 1", name="ck_dossiers_revision"),
        sa.PrimaryKeyConstraint("pk", name="pk_dossiers"),
        sa.UniqueConstraint("id", name="uq_dossiers_id"),
        sa.UniqueConstraint("number", name="uq_dossiers_number"),
        sa.UniqueConstraint("search_rowid", name="uq_dossiers_search_rowid"),
    )
    op.create_index(
        "ix_dossiers_name_key_date_naissance", "dossiers", ["name_key", "date_naissance"]
    )
    op.create_index("ix_dossiers_nir", "dossiers", ["nir"])
    op.create_index("ix_dossiers_siret", "dossiers", ["siret"])
    op.create_index("ix_dossiers_urgent_updated_at", "dossiers", ["urgent", "updated_at"])

    op.create_table(
        "answers",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("dossier_pk", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=8), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("agent", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_pk"],
            ["dossiers.pk"],
            name="fk_answers_dossier_pk_dossiers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name="pk_answers"),
        sa.UniqueConstraint("dossier_pk", "question_id", name="uq_answers_dossier_pk_question_id"),
    )
    op.create_table(
        "consents",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("dossier_pk", sa.Integer(), nullable=False),
        sa.Column("organisme", sa.String(length=30), nullable=False),
        sa.Column("given", sa.Boolean(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("text_version", sa.String(length=40), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("agent", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(length=100), nullable=True),
        sa.CheckConstraint("mode IN ('signe_accueil', 'oral_telephone')", name="ck_consents_mode"),
        sa.ForeignKeyConstraint(
            ["dossier_pk"],
            ["dossiers.pk"],
            name="fk_consents_dossier_pk_dossiers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name="pk_consents"),
        sa.UniqueConstraint("dossier_pk", "organisme", name="uq_consents_dossier_pk_organisme"),
    )
    op.create_table(
        "orientations",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("dossier_pk", sa.Integer(), nullable=False),
        sa.Column("organisme", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "outcome IS NULL OR outcome IN ('aide_accordee', 'aide_refusee', 'sans_suite')",
            name="ck_orientations_outcome",
        ),
        sa.CheckConstraint(
            "status IN ('a_transmettre', 'transmise', 'recue', 'en_cours', 'contact_pris', 'cloturee')",
            name="ck_orientations_status",
        ),
        sa.ForeignKeyConstraint(
            ["dossier_pk"],
            ["dossiers.pk"],
            name="fk_orientations_dossier_pk_dossiers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name="pk_orientations"),
        sa.UniqueConstraint("dossier_pk", "organisme", name="uq_orientations_dossier_pk_organisme"),
    )
    op.create_table(
        "printed_documents",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("dossier_pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("organisme", sa.String(length=30), nullable=True),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("agent", sa.String(length=100), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "kind IN ('summary', 'letter', 'consent')", name="ck_printed_documents_kind"
        ),
        sa.ForeignKeyConstraint(
            ["dossier_pk"],
            ["dossiers.pk"],
            name="fk_printed_documents_dossier_pk_dossiers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name="pk_printed_documents"),
    )
    op.create_index("ix_printed_documents_dossier_pk", "printed_documents", ["dossier_pk"])

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("agent", sa.String(length=100), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_dossier_id", "audit_log", ["dossier_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_dossier_id", "outbox", ["dossier_id"])
    op.create_index("ix_outbox_sent_at", "outbox", ["sent_at"])

    # The audit log is append-only, even for SQL typed by hand.
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )

    # Full-text search: contentless (the text lives in dossiers), accent- and case-folding,
    # prefix indexes for the 2- and 3-character prefixes typed in the search box.
    op.execute(
        "CREATE VIRTUAL TABLE dossier_search USING fts5("
        "names, number, ids, content='', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    columns = "rowid, names, number, ids"
    op.execute(
        "CREATE TRIGGER dossiers_search_insert AFTER INSERT ON dossiers BEGIN "
        f"INSERT INTO dossier_search({columns}) VALUES (new.search_rowid, {_values('new')}); END"
    )
    op.execute(
        "CREATE TRIGGER dossiers_search_delete AFTER DELETE ON dossiers BEGIN "
        f"INSERT INTO dossier_search(dossier_search, {columns}) "
        f"VALUES ('delete', old.search_rowid, {_values('old')}); END"
    )
    op.execute(
        "CREATE TRIGGER dossiers_search_update AFTER UPDATE OF "
        "nom, prenom, nom_naissance, number, siret, nir, search_rowid ON dossiers BEGIN "
        f"INSERT INTO dossier_search(dossier_search, {columns}) "
        f"VALUES ('delete', old.search_rowid, {_values('old')}); "
        f"INSERT INTO dossier_search({columns}) VALUES (new.search_rowid, {_values('new')}); END"
    )


def downgrade() -> None:
    for trigger in (
        "dossiers_search_update",
        "dossiers_search_delete",
        "dossiers_search_insert",
        "audit_log_no_delete",
        "audit_log_no_update",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS dossier_search")
    for table in (
        "outbox",
        "audit_log",
        "printed_documents",
        "orientations",
        "consents",
        "answers",
        "dossiers",
        "number_sequences",
        "workstations",
        "sites",
    ):
        op.drop_table(table)
