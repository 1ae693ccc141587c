"""The list's first page read before the store's modules load (app.models.early, issue 18): the
same rows, order and sync states as the window's usual read (app.sync.ledger.list_page), and
None, never a wrong page, whenever the store must be opened first; the deferred store opens the
real one once, from whichever thread asks first."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import cast

import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import Table, insert, update

from app.demo import demo_records
from app.forms.questionnaire import CURRENT_VERSION, load_questionnaire
from app.models import migrate
from app.models.database import DB_FILENAME, Store, open_store
from app.models.early import MIGRATIONS_DIR, DeferredStore, read_first_page
from app.models.entities import Dossier, Outbox, SyncQuarantine
from app.models.listing import ListFilters
from app.models.orientation_state import mark_transmitted
from app.models.repository import import_records
from app.models.rows import shown_sync_states
from app.models.secrets import delete_key
from app.sync.ledger import list_page

DOSSIERS = cast(Table, Dossier.__table__)
OUTBOX = cast(Table, Outbox.__table__)
NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]


def _fill(store: Store, count: int = 300) -> list[str]:
    """Demo dossiers in every sync state the list shows: sent, unsent, changed since sent,
    quarantined (retried or not), in conflict; some orientations confirmed by the store."""
    records = list(demo_records(count, load_questionnaire(CURRENT_VERSION), seed=11,
                                as_of=date(2026, 12, 1)))
    with store.transaction() as session:
        import_records(session, records, write_outbox=True, agent="test")
        ids = [r.id for r in session.execute(DOSSIERS.select().order_by(DOSSIERS.c.pk))]
        session.execute(update(OUTBOX).where(OUTBOX.c.id % 3 != 0).values(sent_at=NOW))
        session.execute(update(DOSSIERS).where(DOSSIERS.c.pk % 2 == 0)
                        .values(sync_state="synced"))
        session.execute(update(DOSSIERS).where(DOSSIERS.c.pk % 7 == 0)
                        .values(sync_state="conflict"))
        session.execute(update(DOSSIERS).where(DOSSIERS.c.id.in_(ids[:4]))
                        .values(sync_state="quarantined"))
        for dossier_id, refused in ((ids[0], 1), (ids[1], 2), (ids[2], 1)):
            session.add(SyncQuarantine(dossier_id=dossier_id, revision=refused, reason="refus",
                                       at=NOW))
        for dossier_id in ids[:2]:
            session.execute(insert(OUTBOX).values(dossier_id=dossier_id, revision=2,
                                                  kind="dossier", payload="{}", created_at=NOW))
        mark_transmitted(session, [(r["id"], r) for r in records[::5]], NOW)
    return ids


def _usual(store: Store, limit: int = 200) -> tuple[list[object], dict[str, str]]:
    page = list_page(store, ListFilters(), limit=limit)
    return list(page.rows), page.sync


def test_the_first_page_is_the_window_s_first_page(store: Store, data_dir: Path) -> None:
    _fill(store)
    rows, sync = _usual(store)
    first = read_first_page(data_dir, site_code="BRE", workstation_code="02")
    assert first is not None
    assert (first.site_code, first.workstation_code) == ("BRE", "02")
    assert first.filters == ListFilters()
    assert first.rows == rows and len(rows) == 200
    assert first.sync == sync
    # Every state the list shows is in the page, so each rule was exercised.
    assert {"local", "synced", "conflict", "quarantined"} <= set(sync.values())
    assert any(o.transmitted_at is not None for r in first.rows for o in r.orientations)
    assert any(r.urgent for r in first.rows) and any(r.answered for r in first.rows)
    # Another limit, read while the store is open (as the window reads it before retention).
    small = read_first_page(data_dir, limit=7)
    assert small is not None and small.rows == _usual(store, 7)[0]


def test_an_empty_store_has_an_empty_first_page(store: Store, data_dir: Path) -> None:
    first = read_first_page(data_dir)
    assert first is not None and first.rows == [] and first.sync == {}


def test_the_head_is_the_migrations_head() -> None:
    from app.db.heads import scripts_head

    assert scripts_head(MIGRATIONS_DIR) == migrate.head_revision()


@pytest.mark.parametrize("settings", [("REN", None), (None, "03"), ("BRE", "01")])
def test_another_workstation_s_store_opens_first(store: Store, data_dir: Path,
                                                 settings: tuple[str | None, str | None]
                                                 ) -> None:
    site, workstation = settings
    assert read_first_page(data_dir, site_code=site, workstation_code=workstation) is None
    assert read_first_page(data_dir, site_code="BRE", workstation_code="02") is not None


def test_a_store_at_another_revision_opens_first(store: Store, data_dir: Path) -> None:
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    assert read_first_page(data_dir) is None


def test_no_store_or_no_key_opens_first(keyring_backend: KeyringBackend, tmp_path: Path,
                                        store: Store, data_dir: Path) -> None:
    assert read_first_page(tmp_path / "nowhere") is None
    (tmp_path / "zero").mkdir()
    (tmp_path / "zero" / DB_FILENAME).write_bytes(b"")
    assert read_first_page(tmp_path / "zero") is None
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / DB_FILENAME).write_bytes(b"not a database" * 100)
    assert read_first_page(tmp_path / "junk") is None  # no key for it
    store.close()
    delete_key((data_dir / DB_FILENAME).resolve())
    assert read_first_page(data_dir) is None


def test_a_wrong_key_opens_first(keyring_backend: KeyringBackend, store: Store,
                                 data_dir: Path) -> None:
    store.close()
    username = f"local-db:{(data_dir / DB_FILENAME).resolve()}"
    keyring_backend.set_password("accueil-ti", username, "0" * 64)
    assert read_first_page(data_dir) is None


def test_a_date_the_reader_cannot_parse_opens_first(store: Store, data_dir: Path) -> None:
    _fill(store, 10)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE dossiers SET updated_at = '4 décembre' WHERE pk = 3")
    assert read_first_page(data_dir) is None


@pytest.mark.parametrize(("stored", "newest", "blocked", "shown"), [
    ("synced", None, None, "synced"),
    ("synced", 3, None, "local"),  # changed since sent
    ("local", 2, None, "local"),
    ("conflict", 4, None, "conflict"),
    ("quarantined", None, 2, "quarantined"),
    ("quarantined", 2, 2, "quarantined"),  # the refused revision is still the newest
    ("quarantined", 3, 2, "local"),  # changed since the refusal: retried
    ("quarantined", 3, None, "quarantined"),  # no open refusal row: nothing to compare with
])
def test_the_shown_sync_state_rule(stored: str, newest: int | None, blocked: int | None,
                                   shown: str) -> None:
    asked: list[list[str]] = []

    def refused_revisions(ids: Sequence[str]) -> dict[str, int]:
        asked.append(list(ids))
        return {} if blocked is None else {"d": blocked}

    assert shown_sync_states([("d", stored, newest)], refused_revisions) == {"d": shown}
    assert asked == ([["d"]] if stored == "quarantined" and newest is not None else [])


def test_reading_the_first_page_writes_nothing(store: Store, data_dir: Path) -> None:
    _fill(store, 40)
    store.close()
    db = data_dir / DB_FILENAME
    before = db.read_bytes()
    assert read_first_page(data_dir) is not None
    assert db.read_bytes() == before
    assert not (data_dir / (DB_FILENAME + "-wal")).exists() or \
        (data_dir / (DB_FILENAME + "-wal")).stat().st_size == 0


def test_the_first_page_loads_no_sqlalchemy(keyring_backend: KeyringBackend, store: Store,
                                            data_dir: Path, tmp_path: Path) -> None:
    _fill(store, 30)
    store.close()
    # The child reads the same plaintext keyring, where that backend looks by default.
    xdg = tmp_path / "child-xdg"
    (xdg / "python_keyring").mkdir(parents=True)
    shutil.copy(keyring_backend.file_path, xdg / "python_keyring" / "keyring_pass.cfg")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.models.early import read_first_page\n"
        "import app.ui.main_window\n"
        "page = read_first_page(Path(sys.argv[1]))\n"
        "print(len(page.rows))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'alembic', 'httpx', 'stdnum')))\n")
    env = {**os.environ, "XDG_DATA_HOME": str(xdg),
           "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring"}
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], cwd=ROOT, check=True,
                         capture_output=True, text=True, env=env).stdout.splitlines()
    assert out == ["30", "[]"]


def test_the_deferred_store_opens_once_for_every_thread(keyring_backend: KeyringBackend,
                                                        data_dir: Path) -> None:
    open_store(data_dir, site_code="QUI", workstation_code="04").close()
    opened: list[Store] = []

    def opener() -> Store:
        store = open_store(data_dir)
        opened.append(store)
        return store

    deferred = DeferredStore(opener, site_code="QUI", workstation_code="04",
                             path=data_dir / DB_FILENAME)
    assert not deferred.is_open and deferred.site_code == "QUI" and opened == []
    barrier = threading.Barrier(4)
    seen: list[object] = []

    def use() -> None:
        barrier.wait()
        with deferred.session() as session:
            seen.append(session.execute(DOSSIERS.select().limit(1)).all())

    threads = [threading.Thread(target=use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 1 and len(seen) == 4 and deferred.is_open
    assert deferred.open() is opened[0]
    assert deferred.engine is opened[0].engine
    deferred.close()
    unopened = DeferredStore(opener, site_code="QUI", workstation_code="04", path=data_dir)
    unopened.close()
    with pytest.raises(RuntimeError, match="closed"):
        unopened.open()
    assert len(opened) == 1


def test_a_failed_opening_is_raised_to_every_use(data_dir: Path) -> None:
    calls: list[int] = []

    def opener() -> Store:
        calls.append(1)
        raise OSError("disque plein")

    deferred = DeferredStore(opener, site_code="BRE", workstation_code="02", path=data_dir)
    for _ in range(2):
        with pytest.raises(OSError, match="disque plein"):
            deferred.session()
    assert calls == [1]
    deferred.close()  # nothing to close


def test_the_package_s_names_load_on_first_use() -> None:
    import app.models as models

    assert all(getattr(models, name) is not None for name in models.__all__)
    assert models.Store is Store
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        models.Nothing  # noqa: B018
