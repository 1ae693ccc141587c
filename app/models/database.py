"""Opening the local store: SQLCipher-encrypted SQLite, WAL, migrations, local workstation.

Nothing here runs at import time; the entry point calls :func:`open_store`.

Transactions: the driver's own implicit transaction handling is switched off and SQLAlchemy's
``begin`` emits ``BEGIN`` itself (the SQLAlchemy recipe for pysqlite), so a session transaction is
one SQLite transaction from its first statement, DDL included (migrations are atomic).
:meth:`Store.transaction` starts with ``BEGIN IMMEDIATE``: a writer takes the write lock up front
and waits up to ``busy_timeout`` instead of failing when another connection wrote in between.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import sqlcipher3
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool, StaticPool

from app.forms.codes import WORKSTATION_CODE_RE
from app.models import audit_chain as _audit_chain  # noqa: F401  (chains the history as it is written)
from app.models import calls as _call_list  # noqa: F401  (registers its tables)
from app.models import migrate
from app.models.base import utcnow
from app.models.early import BUSY_TIMEOUT_MS, DB_FILENAME
from app.models.entities import SiteRow, Workstation
from app.models.errors import (
    StoreDamagedError,
    StoreLockedError,
    StoreUnavailableError,
)
from app.models.listing import expire_urgent
from app.models.secrets import check_keyring, get_or_create_key
from app.models.sites import load_sites

DEFAULT_SITE = "REN"
DEFAULT_WORKSTATION = "01"
PAGE_CACHE_KIB = 16_384  # SQLite's page cache per connection (its default: 2 MiB)
_IMMEDIATE = "accueil_ti_immediate"


def make_engine(url_or_path: str | Path, key: str | None) -> Engine:
    """An engine on an SQLite file (or URL), encrypted with the hex ``key`` when one is given.

    ``key`` is 64 hex digits, used as a raw SQLCipher key (no passphrase derivation).
    ``key=None`` gives a plain, unencrypted SQLite database (tests and benchmarks only).
    """
    if isinstance(url_or_path, Path) or not str(url_or_path).startswith("sqlite"):
        url = URL.create("sqlite", database=str(Path(url_or_path).resolve()))
    else:
        url = make_url(str(url_or_path))
    if key is not None:
        if len(key) != 64 or any(c not in "0123456789abcdefABCDEF" for c in key):
            raise ValueError("the database key must be 64 hexadecimal digits")
        url = url.set(drivername="sqlite+pysqlcipher", password=f"x'{key}'")
    memory = url.database in (None, "", ":memory:")
    # hide_parameters: a failed statement's error (and any log or traceback of it) never
    # shows the bound values — names, NIRs, addresses of the dossiers being written.
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False},
                              "hide_parameters": True}
    kwargs["poolclass"] = StaticPool if memory else QueuePool
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine



def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # The key pragma has already been sent by the pysqlcipher dialect at this point.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # SQLCipher logs a failed decryption on stderr, several lines, before the error reaches
        # us: the error itself says it (plain SQLite ignores an unknown pragma).
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        # A page cache of 16 MiB (default 2 MiB): the list's page and its count at each
        # keystroke no longer evict each other over 100 000 dossiers (issue 18).
        cursor.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    finally:
        cursor.close()


def _on_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(_IMMEDIATE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_error(exc: BaseException) -> str:
    """The driver's own message of a database error, on one line."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    return " ".join(str(orig).split()) or type(orig).__name__


def check_readable(engine: Engine) -> None:
    """Raise StoreLockedError when the database cannot be read with the engine's key,
    StoreUnavailableError when the file cannot be opened at all."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            connection.rollback()
    except (DBAPIError, sqlcipher3.DatabaseError) as exc:
        engine.dispose()
        orig = exc.orig if isinstance(exc, DBAPIError) else exc
        if getattr(orig, "sqlite_errorname", "SQLITE_NOTADB") != "SQLITE_NOTADB":
            # « unable to open database file », « disk I/O error », « readonly database »…:
            # not a question of key (a wrong key reads as « file is not a database »).
            raise StoreUnavailableError(
                f"The local database {engine.url.database} cannot be opened "
                f"({_sqlite_error(exc)}); check that its folder exists, that this user may "
                "write in it and that the disk is not full"
            ) from exc
        raise StoreLockedError(
            "The local database cannot be decrypted with the key in the keyring (or it is not an "
            f"Accueil TI database): {engine.url.database}"
        ) from exc


@dataclass
class Store:
    """An open local store: its engine, session factory and local workstation."""

    engine: Engine
    site_code: str
    workstation_code: str
    path: Path | None = None
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        """A new session (use as a context manager; call ``begin()`` or commit yourself)."""
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in a write transaction (BEGIN IMMEDIATE), committed on success."""
        with self._sessions() as session:
            session.connection(execution_options={_IMMEDIATE: True})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        """Close every connection (SQLite then checkpoints and removes the WAL file)."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _sync_sites(session: Session) -> None:
    rows = [
        {
            "code": s.code,
            "name": s.name,
            "kind": s.kind,
            "address": "\n".join(s.address),
            "postal_code": s.postal_code,
            "commune": s.commune,
            "departement": s.departement,
        }
        for s in load_sites().values()
    ]
    stmt = sqlite_insert(SiteRow)
    stmt = stmt.on_conflict_do_update(
        index_elements=[SiteRow.code],
        set_={c: stmt.excluded[c] for c in rows[0] if c != "code"},
    )
    session.execute(stmt, rows)


def _local_workstation(
    session: Session, site_code: str | None, workstation_code: str | None
) -> tuple[str, str]:
    local = session.scalars(select(Workstation).where(Workstation.is_local)).first()
    if local is not None:
        if (site_code is not None and site_code != local.site_code) or (
            workstation_code is not None and workstation_code != local.code
        ):
            raise ValueError(
                f"this data dir belongs to workstation {local.site_code}-{local.code}; "
                f"it cannot be opened as {site_code or local.site_code}-"
                f"{workstation_code or local.code}"
            )
        return local.site_code, local.code
    site = site_code or DEFAULT_SITE
    code = workstation_code or DEFAULT_WORKSTATION
    session.add(Workstation(site_code=site, code=code, is_local=True, created_at=utcnow()))
    return site, code


def check_not_orphaned_wal(db_path: Path) -> None:
    """Refuse a database file that is missing or empty while its write-ahead log remains.

    SQLite would open it as a new, empty database (and reset the log): the store would look
    empty, and the dossiers still in the log would be lost for good. A cleanly closed store has
    no log at all; a log beside a real database is normal after a crash (SQLite replays it).
    """
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        if not wal.is_file() or wal.stat().st_size == 0:
            return
        missing = not db_path.exists()
        if not missing and (not db_path.is_file() or db_path.stat().st_size > 0):
            return
    except OSError as exc:
        raise StoreUnavailableError(
            f"The local database {db_path} cannot be examined ({exc.strerror or exc})"
        ) from exc
    state = "is missing" if missing else "is empty (0 bytes)"
    raise StoreDamagedError(
        f"The local database {db_path} {state} but its write-ahead log {wal.name} remains: the "
        "dossiers were in the two files together, and opening it now would show an empty "
        f"store. Put the lost {db_path.name} back beside its log (from the trash, or a copy "
        f"taken with it); or move {wal.name} and {db_path.name}-shm out of the folder, then "
        "restore a backup or start with an empty store."
    )


def open_store(
    data_dir: Path, *, site_code: str | None = None, workstation_code: str | None = None
) -> Store:
    """Open (creating on first use) the encrypted local store in ``data_dir``.

    On first open the local workstation is recorded (default site ``REN``, workstation ``01``).
    Raises ValueError for an unknown site or a malformed workstation code,
    KeyringUnavailableError without a usable OS keyring, StoreLockedError when the key does not
    decrypt the file, NewerDatabaseError when a newer app version wrote the database,
    StoreDamagedError when the file is missing or empty beside its write-ahead log,
    StoreUnavailableError when the folder or the file cannot be created, opened or written.
    """
    sites = load_sites()
    if site_code is not None and site_code not in sites:
        raise ValueError(
            f"site: {site_code!r} is not a known site; expected one of {', '.join(sites)}"
        )
    if workstation_code is not None and not WORKSTATION_CODE_RE.match(workstation_code):
        raise ValueError(f"workstation: {workstation_code!r} must be two digits, e.g. 01")

    db_path = Path(data_dir).resolve() / DB_FILENAME
    check_not_orphaned_wal(db_path)
    check_keyring(db_path.parent)  # before touching the disk: no keyring, no files
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreUnavailableError(
            f"The data folder {db_path.parent} cannot be created ({exc.strerror or exc}); "
            "expected a folder this user may write in"
        ) from exc
    key = get_or_create_key(db_path)  # a folder that cannot be written gets no key
    engine = make_engine(db_path, key)
    check_readable(engine)
    try:
        migrate.upgrade(engine)
        with Session(engine) as session, session.begin():
            _sync_sites(session)
            site, workstation = _local_workstation(session, site_code, workstation_code)
            # Urgent dossiers untouched for months leave the list's urgent block.
            expire_urgent(session, utcnow())
    except DBAPIError as exc:
        engine.dispose()
        raise StoreUnavailableError(
            f"The local database {db_path} cannot be prepared ({_sqlite_error(exc)}); check "
            "that this user may write in its folder and that the disk is not full"
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine=engine, site_code=site, workstation_code=workstation, path=db_path)
