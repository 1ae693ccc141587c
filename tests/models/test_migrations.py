"""Migrations: linear chain, schema equal to the models, refusal of newer databases."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from app.models import migrate
from app.models.base import Base
from app.models.database import DB_FILENAME, make_engine, open_store
from app.models.errors import NewerDatabaseError
from app.models.secrets import get_or_create_key

KEY = "ab" * 32


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(tmp_path / "m.db", KEY)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def _diff(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": lambda name, type_, parents: (
                    not (type_ == "table" and migrate.is_unmapped_object(name))
                ),
            },
        )
        return list(compare_metadata(context, Base.metadata))


def test_chain_is_linear() -> None:
    scripts = migrate.script_directory()
    assert len(scripts.get_heads()) == 1
    revisions = list(reversed(list(scripts.walk_revisions())))  # base first
    assert revisions[0].down_revision is None
    for previous, current in zip(revisions, revisions[1:], strict=False):
        assert current.down_revision == previous.revision
    assert revisions[-1].revision == scripts.get_current_head()


def test_migrated_schema_matches_models(engine: Engine) -> None:
    assert _diff(engine) == []
    with engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.script_directory().get_current_head()


def test_schema_comparison_detects_a_difference(engine: Engine) -> None:
    # Guards the test above: the comparison really looks at the database.
    with engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE dossiers ADD COLUMN stray TEXT")
    diff = _diff(engine)
    assert any("stray" in repr(item) for item in diff)


def test_search_index_and_triggers_exist(engine: Engine) -> None:
    with engine.connect() as connection:
        names = {
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')"
            )
        }
    assert {
        "dossier_search",
        "dossiers_search_insert",
        "dossiers_search_update",
        "dossiers_search_delete",
        "audit_log_no_update",
        "audit_log_no_delete",
    } <= names
    assert "dossiers" in inspect(engine).get_table_names()


def test_upgrade_is_idempotent(engine: Engine) -> None:
    migrate.upgrade(engine)
    assert _diff(engine) == []


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_database_is_refused_untouched(keyring_backend: object, data_dir: Path) -> None:
    open_store(data_dir).close()
    db_path = data_dir / DB_FILENAME
    engine = make_engine(db_path, get_or_create_key(db_path))
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'f00dcafe9999'")
    engine.dispose()
    before = {p.name: _sha(p) for p in data_dir.iterdir()}

    with pytest.raises(NewerDatabaseError) as caught:
        open_store(data_dir)

    message = str(caught.value)
    assert "newer version of Accueil TI" in message
    assert "Update Accueil TI" in message
    assert {p.name: _sha(p) for p in data_dir.iterdir()} == before
