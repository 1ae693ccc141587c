"""The local store before SQLAlchemy loads: the dossier list's first page read straight from the
encrypted file, and the store opened behind the window (issue 18).

At start-up the window shows its list before the store's modules (SQLAlchemy, the ORM entities,
Alembic: about 300 ms of imports) are loaded:

- :func:`read_first_page` reads the list's first page with no filter through ``sqlcipher3``
  alone, the same rows, in the same order and with the same sync states as
  :func:`app.sync.ledger.list_page`. It reads only a store it can trust as it is: the file
  exists, the keyring holds its key, the key decrypts it, its schema is at this version's head
  revision and its local workstation is the one the settings name. Anything else returns None
  and the window opens the usual way (:func:`app.models.database.open_store` first, with its
  migrations and its error messages).
- :class:`DeferredStore` stands for the store in the window meanwhile: it knows its site and
  workstation, and opens the real one (``open_store``) on first use, once, whichever thread asks
  first; the others wait for it.

The one difference the agent may see: ``open_store`` takes the urgent block's bit from urgent
dossiers untouched for 90 days (:func:`app.models.listing.expire_urgent`), so on the first start
after such a dossier expired it may move down the list when the window reads the list again once
the store is open.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from app.db.heads import scripts_head
from app.models.rows import (
    DossierRow,
    ListFilters,
    OrientationState,
    group_orientations,
    shown_sync_states,
)

__all__ = ["DB_FILENAME", "MIGRATIONS_DIR", "DeferredStore", "FirstPage", "read_first_page"]

log = logging.getLogger(__name__)

DB_FILENAME = "accueil-ti.db"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class FirstPage:
    """The list's first page with no filter, as read at start-up."""

    site_code: str
    workstation_code: str
    rows: list[DossierRow]
    sync: dict[str, str] = field(default_factory=dict)  # the rows' sync states, by dossier id
    filters: ListFilters = field(default_factory=ListFilters)


def _moment(value: Any) -> datetime | None:
    """A stored UTC datetime (SQLAlchemy's SQLite text form) as an aware datetime."""
    if value is None:
        return None
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def _key(db_path: Path) -> str | None:
    from app.models.secrets import get_or_create_key

    try:
        return get_or_create_key(db_path)  # the file exists: an existing key or an error
    except Exception:  # no keyring, no key, an unreadable entry: open_store will say which
        log.info("first page: the store's key cannot be read; the store opens first",
                 exc_info=True)
        return None


def read_first_page(data_dir: Path, *, site_code: str | None = None,
                    workstation_code: str | None = None, limit: int = 200) -> FirstPage | None:
    """The first ``limit`` rows of the dossier list with no filter, read with ``sqlcipher3``
    alone; None when the store must be opened the usual way first (see the module)."""
    db_path = Path(data_dir).resolve() / DB_FILENAME
    try:
        if not db_path.is_file() or db_path.stat().st_size == 0:
            return None
    except OSError:
        return None
    key = _key(db_path)
    if key is None:
        return None
    import sqlcipher3

    try:
        connection = sqlcipher3.connect(str(db_path), check_same_thread=False)
    except sqlcipher3.Error:
        return None
    try:
        connection.isolation_level = None
        cursor = connection.cursor()
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(f"PRAGMA key = \"x'{key}'\"")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA query_only = ON")
        cursor.execute("BEGIN")  # one snapshot for the rows and their states
        return _read(cursor, site_code, workstation_code, limit)
    except (sqlcipher3.Error, ValueError):  # ValueError: a date stored in another form
        log.info("first page: the store cannot be read as it is; it opens first", exc_info=True)
        return None
    finally:
        connection.close()


def _read(cursor: Any, site_code: str | None, workstation_code: str | None,
          limit: int) -> FirstPage | None:
    revision = cursor.execute("SELECT version_num FROM alembic_version").fetchall()
    if revision != [(scripts_head(MIGRATIONS_DIR),)]:
        return None  # older (to migrate) or newer (to refuse): open_store decides
    local = cursor.execute(
        "SELECT site_code, code FROM workstations WHERE is_local").fetchall()
    if len(local) != 1:
        return None
    site, workstation = local[0]
    if (site_code is not None and site_code != site) or (
            workstation_code is not None and workstation_code != workstation):
        return None  # open_store opens the store's own and the window says so
    rows = cursor.execute(
        "SELECT pk, id, number, nom, prenom, channel, status, urgent, site_code, updated_at, "
        "created_at FROM dossiers ORDER BY search_rowid DESC LIMIT ?", (limit,)).fetchall()
    pks = [int(r[0]) for r in rows]
    answered = _answer_counts(cursor, pks)
    states = _orientation_states(cursor, pks)
    page: list[DossierRow] = []
    for pk, id_, number, nom, prenom, channel, status, urgent, row_site, updated, created in rows:
        oriented = states.get(int(pk), ())
        page.append(DossierRow(
            id=id_, number=number, nom=nom, prenom=prenom, channel=channel, status=status,
            urgent=bool(urgent), organismes=tuple(sorted(o.organisme for o in oriented)),
            site_code=row_site, updated_at=_aware(updated), created_at=_aware(created),
            answered=answered.get(int(pk), 0), orientations=oriented))
    return FirstPage(site, workstation, page, _sync_states(cursor, [r.id for r in page]))


def _aware(value: Any) -> datetime:
    moment = _moment(value)
    if moment is None:
        raise ValueError("a dossier without its dates")
    return moment


def _answer_counts(cursor: Any, pks: Sequence[int]) -> dict[int, int]:
    if not pks:
        return {}
    return {int(pk): int(count) for pk, count in cursor.execute(
        f"SELECT dossier_pk, count(*) FROM answers WHERE dossier_pk IN ({_marks(len(pks))}) "
        "GROUP BY dossier_pk", pks)}


def _orientation_states(cursor: Any, pks: Sequence[int]
                        ) -> dict[int, tuple[OrientationState, ...]]:
    """As :func:`app.models.orientation_state.orientation_states`."""
    if not pks:
        return {}
    return group_orientations(
        (pk, OrientationState(organisme=organisme, status=status, outcome=outcome,
                              updated_at=_aware(updated), transmitted_at=_moment(transmitted)))
        for pk, organisme, status, outcome, updated, transmitted in cursor.execute(
            "SELECT dossier_pk, organisme, status, outcome, updated_at, transmitted_at "
            f"FROM orientations WHERE dossier_pk IN ({_marks(len(pks))}) "
            "ORDER BY dossier_pk, organisme", pks))


def _sync_states(cursor: Any, ids: Sequence[str]) -> dict[str, str]:
    """As :func:`app.sync.ledger.sync_states` (the same lookups; the rules are
    :func:`app.models.rows.shown_sync_states`)."""
    if not ids:
        return {}

    def refused_revisions(refused: Sequence[str]) -> dict[str, int]:
        return dict(cursor.execute(
            "SELECT dossier_id, max(revision) FROM sync_quarantine "
            f"WHERE dossier_id IN ({_marks(len(refused))}) AND cleared_at IS NULL "
            "GROUP BY dossier_id", list(refused)).fetchall())

    return shown_sync_states(cursor.execute(
        "SELECT d.id, d.sync_state, (SELECT max(o.revision) FROM outbox AS o "
        "WHERE o.dossier_id = d.id AND o.sent_at IS NULL) "
        f"FROM dossiers AS d WHERE d.id IN ({_marks(len(ids))})", list(ids)).fetchall(),
        refused_revisions)


class _Closable(Protocol):
    def close(self) -> None: ...


S = TypeVar("S", bound=_Closable)  # app.models.database.Store (not imported: it imports this)


class DeferredStore(Generic[S]):
    """Stands for the local store until it is opened: its site, workstation and path are known
    (read with the first page); anything else opens the real store through ``opener`` on first
    use, once (other threads wait), and is the real store's. A failed open is raised again to
    every later use."""

    def __init__(self, opener: Callable[[], S], *, site_code: str, workstation_code: str,
                 path: Path) -> None:
        self.site_code = site_code
        self.workstation_code = workstation_code
        self.path = path
        self._opener = opener
        self._lock = threading.Lock()
        self._store: S | None = None
        self._error: BaseException | None = None
        self._closed = False

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def open(self) -> S:
        """The real store, opened now if it is not yet."""
        with self._lock:
            if self._store is None:
                if self._error is not None:
                    raise self._error
                if self._closed:
                    raise RuntimeError("the local store was closed before it opened")
                try:
                    self._store = self._opener()
                except BaseException as exc:
                    self._error = exc
                    raise
            return self._store

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.open(), name)

    def close(self) -> None:
        """Close the real store if it was opened (as :meth:`Store.close`), else make sure
        nothing opens it afterwards."""
        with self._lock:
            self._closed = True
            if self._store is not None:
                self._store.close()

