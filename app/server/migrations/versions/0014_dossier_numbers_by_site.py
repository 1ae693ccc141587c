"""The dossier numbers of a site, by prefix (issue 18).

A workstation's registration reads the highest sequence per year of its (site, code) and the
codes a site's numbers carry (app.server.workstations). Both were grouped queries over every
dossier of the site (0.3 to 1 s at 1 000 000 dossiers); they are now skip scans of this index,
one probe per year or per code held. On PostgreSQL the number is indexed ``COLLATE "C"``: a
database created with a linguistic collation (fr_FR.UTF-8) may order « TI-BRE-01-… » apart, and
byte order keeps each prefix together. SQLite compares BINARY already.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute('CREATE INDEX ix_dossiers_site_number ON dossiers (site, (number COLLATE "C"))')
    else:
        op.create_index("ix_dossiers_site_number", "dossiers", ["site", "number"])


def downgrade() -> None:
    op.drop_index("ix_dossiers_site_number", table_name="dossiers")
