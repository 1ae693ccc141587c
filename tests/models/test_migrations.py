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


def test_head_is_read_without_alembic_and_matches_it() -> None:
    from app.models import migrate

    assert migrate.head_revision() == migrate.script_directory().get_current_head()


def test_opening_a_current_database_does_not_import_alembic(tmp_path, keyring_backend) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from app.models.database import open_store

    with open_store(tmp_path / "data"):
        pass  # created and migrated to head
    child = (
        "import sys\n"
        "from pathlib import Path\n"
        "import keyring\n"
        "from keyrings.alt.file import PlaintextKeyring\n"
        "backend = PlaintextKeyring()\n"
        f"backend.file_path = {keyring_backend.file_path!r}\n"
        "keyring.set_keyring(backend)\n"
        "from app.models.database import open_store\n"
        f"open_store(Path({str(tmp_path / 'data')!r})).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_a_database_of_the_first_revision_upgrades_and_keeps_its_search(
        tmp_path, keyring_backend) -> None:  # type: ignore[no-untyped-def]
    from alembic import command
    from sqlalchemy import inspect
    from sqlalchemy.orm import Session

    from app.models import migrate
    from app.models.database import make_engine
    from app.models.search import search_dossiers

    engine = make_engine(tmp_path / "old.db", None)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0001")
        connection.exec_driver_sql(
            "INSERT INTO sites (code, name, kind, address, postal_code, commune, departement) "
            "VALUES ('BRE', 'Brest', 'accueil', '[]', '29200', 'Brest', '29')")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        indexes = {i["name"] for i in inspect(connection).get_indexes("dossiers")}
        triggers = connection.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").scalar()
    assert {"ix_dossiers_status_search_rowid", "ix_dossiers_created_at"} <= indexes
    assert triggers and triggers > 0
    with Session(engine) as session:
        assert search_dossiers(session, "nobody") == []
    engine.dispose()
