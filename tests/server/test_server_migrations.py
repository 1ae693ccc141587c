"""The central store's migrations: a linear chain, the schema equal to the models, and a database
written by a newer version refused untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from app.server import migrate


def test_the_chain_is_linear() -> None:
    scripts = list(migrate.script_directory().walk_revisions())
    assert len(migrate.script_directory().get_heads()) == 1
    assert [s.down_revision for s in scripts][-1] is None
    for newer, older in zip(scripts, scripts[1:], strict=False):
        assert newer.down_revision == older.revision


def test_the_migrated_schema_is_the_models(tmp_path: Path) -> None:
    from app.server.models import ServerBase as Base

    engine = create_engine(f"sqlite:///{tmp_path / 'central.db'}")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def test_a_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "central.db"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    before = path.read_bytes()
    with pytest.raises(migrate.NewerServerDatabaseError, match="newer version"):
        migrate.upgrade(engine)
    engine.dispose()
    assert path.read_bytes() == before
