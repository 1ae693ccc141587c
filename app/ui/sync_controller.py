"""Sync rounds of the desktop window: one at a time, off the GUI thread, every two minutes once
a token exists, and at once when the agent presses F5.

The round runs ``SyncClient.run_round()`` as a background task (app.ui.tasks): its summary,
or its error, comes back on the GUI thread, which updates the state. The client comes from
``client_factory(server, token)`` so tests bind it to the central store's ``TestClient``; the
token from ``token_reader(server)`` (the OS keyring entry of this data folder and server,
written by ``accueil-ti login`` and the login dialog: app.sync.session).

The first round starts ``startup_delay_ms`` after the window's list is ready (never in the
smoke run, which closes the window at once). Logging out revokes the token on the server
(off the GUI thread too) and deletes the keyring entry; unsent changes stay in the outbox.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.paths import default_data_dir
from app.ui.tasks import Task, cancel_tasks, run_task

if TYPE_CHECKING:
    from app.models.database import Store
    from app.sync.client import SyncClient
    from app.sync.summary import RoundSummary
    from app.ui.settings import AppSettings

log = logging.getLogger(__name__)

AUTO_INTERVAL_MS = 120_000
STARTUP_DELAY_MS = 500  # after the first rows are shown: the window paints before the round
LOGOUT_TIMEOUT_S = 5.0
ClientFactory = Callable[[str, str], "SyncClient"]
TokenReader = Callable[[str], "str | None"]
TokenDeleter = Callable[[str], None]


def store_data_dir(store: Store) -> Path:
    """The data folder of an open local store (its tokens are keyed by it)."""
    return store.path.parent if store.path is not None else default_data_dir()


def default_client_factory(store: Store) -> ClientFactory:
    """Real HTTP clients (``accueil-ti sync``'s), with fewer retries: the window retries later."""

    def make(server: str, token: str) -> SyncClient:
        from app.sync import http as sync_http
        from app.sync.client import SyncClient, retention_rules

        return SyncClient(store, sync_http.make_http_client(server), token=token,
                          server_key=server, max_retries=2, retention=retention_rules(store))

    return make


def _run_round(factory: ClientFactory, owns_http: bool, server: str, token: str) -> RoundSummary:
    """One round (on its worker thread); our own HTTP client is closed after it."""
    client = factory(server, token)
    try:
        return client.run_round()
    finally:
        if owns_http:
            client.http.close()


def _revoke(factory: ClientFactory, owns_http: bool, server: str, token: str) -> bool:
    """Ask the central store to revoke the token (on a worker thread): True when it did, or
    when it was already revoked or expired; an unreachable store is tolerated."""
    import httpx

    revoked = False
    try:
        client = factory(server, token)
        try:
            if owns_http:  # our own client: a short wait for a goodbye
                client.http.timeout = httpx.Timeout(LOGOUT_TIMEOUT_S)
            response = client.http.post("/auth/logout",
                                        headers={"Authorization": f"Bearer {token}"})
            # 401: already revoked or expired, which is what logging out wants.
            revoked = response.status_code in (200, 401)
        finally:
            if owns_http:
                client.http.close()
    except Exception:  # unreachable, or anything else: the keyring entry is gone anyway
        log.warning("the central store could not revoke the token", exc_info=True)
    return revoked


class SyncController(QObject):
    """Runs sync rounds in the background and tells the window how things stand.

    Signals:
        started(): a round began.
        finished(object): a round ended (its :class:`RoundSummary`, errors included).
        failed(str): a round could not run or stopped on an error (the French message).
        state_changed(str): the overall state, in French, for the status bar.
        logged_out(bool, int): the workstation logged out (whether the server revoked the
            token; how many dossiers have changes not sent yet). ``logout_problem`` says, in
            French, when the keyring entry could not be deleted ('' otherwise).
    """

    started = Signal()
    finished = Signal(object)
    failed = Signal(str)
    state_changed = Signal(str)
    logged_out = Signal(bool, int)

    def __init__(self, store: Store, settings: AppSettings, *,
                 client_factory: ClientFactory | None = None,
                 token_reader: TokenReader | None = None,
                 token_deleter: TokenDeleter | None = None,
                 interval_ms: int = AUTO_INTERVAL_MS,
                 startup_delay_ms: int | None = STARTUP_DELAY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self._owns_http = client_factory is None
        self._client_factory = client_factory or default_client_factory(store)
        self._data_dir = store_data_dir(store)  # default: this data folder's keyring entries
        self._token_reader = token_reader or self._read_keyring_token
        self._token_deleter = token_deleter or self._delete_keyring_token
        self._round: Task[RoundSummary] | None = None
        self._logout_task: Task[bool] | None = None
        self._state = ""
        self._again = False  # another round as soon as the running one ends
        self._logout_pending = False  # log out as soon as the running round ends
        self.logout_problem = ""
        self.last_summary: RoundSummary | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("sync_timer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.startup_delay_ms = startup_delay_ms
        self.startup_timer = QTimer(self)
        self.startup_timer.setObjectName("sync_startup_timer")
        self.startup_timer.setSingleShot(True)
        self.startup_timer.timeout.connect(self._on_timer_timeout)

    # ------------------------------------------------------------------ public

    @property
    def server(self) -> str:
        return str(self.settings.server_url or "").strip().rstrip("/")

    @property
    def state(self) -> str:
        """The last overall state sent ('' before the first one)."""
        return self._state

    @property
    def running(self) -> bool:
        return self._round is not None

    def token(self) -> str | None:
        server = self.server
        if not server.startswith(("http://", "https://")):
            return None
        return self._token_reader(server) or None

    def has_token(self) -> bool:
        return self.token() is not None

    def start(self) -> None:
        """Check for a token: with one, rounds run every two minutes; else « Non connecté »."""
        if self.has_token():
            self.timer.start()
        else:
            self.timer.stop()
            self._set_state(self.tr("Non connecté"))

    def start_first_round(self) -> bool:
        """With a token and automatic rounds on, the first round starts in
        ``startup_delay_ms`` (not two minutes later); True when one is planned."""
        if self.startup_delay_ms is None or not self.timer.isActive():
            return False
        self.startup_timer.start(self.startup_delay_ms)
        return True

    def sync_soon(self) -> bool:
        """A round now, or right after the running one (e.g. to send a resolved conflict);
        False without a token."""
        if self._round is not None:
            self._again = True
            return True
        if self.token() is None:
            return False
        return self.sync_now()

    def sync_now(self) -> bool:
        """Start a round unless one is running or there is no token; True when started."""
        if self._round is not None:
            return False
        token = self.token()
        if token is None:
            self.timer.stop()
            self._set_state(self.tr("Non connecté"))
            self.failed.emit(self.tr("Aucune connexion au serveur central : connectez-vous."))
            return False
        server = self.server
        if not self.timer.isActive():
            self.timer.start()
        factory, owns_http = self._client_factory, self._owns_http
        self._set_state(self.tr("Envoi en cours"))
        self._round = run_task(lambda: _run_round(factory, owns_http, server, token),
                               owner=self, name="sync-round",
                               on_done=self._on_round_succeeded, on_error=self._on_round_failed)
        self.started.emit()
        return True

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop the automatic rounds and drop every answer still to come. A running round
        goes on in the background; it is waited for up to ``timeout`` seconds, for it writes
        to the store, which closes next. A revocation is not waited for (the network only)."""
        self.timer.stop()
        self.startup_timer.stop()
        self._again = False
        round_task, self._round, self._logout_task = self._round, None, None
        cancel_tasks(self)
        if round_task is not None and timeout > 0:
            round_task.wait(timeout)

    def local_client(self) -> SyncClient:
        """A client for the work that needs no network: conflicts (their versions, their
        resolution) and quarantine. Its HTTP client is closed: it never sends a request."""
        import httpx

        from app.sync.client import SyncClient

        server = self.server if self.server.startswith(("http://", "https://")) else ""
        http = httpx.Client(base_url=server or "http://localhost")
        http.close()
        return SyncClient(self.store, http, token="", server_key=server or None)

    def unsent_count(self) -> int:
        """Dossiers with local changes the store has not confirmed yet."""
        from app.sync.ledger import unsent_count

        return unsent_count(self.store)

    @property
    def logging_out(self) -> bool:
        return self._logout_pending or self._logout_task is not None

    def logout(self) -> bool:
        """Log this workstation out of the central store: no more automatic rounds, the
        keyring entry deleted, the token revoked on the server (POST /auth/logout, off the GUI
        thread; an unreachable server is tolerated). Waits for a running round first.
        ``logged_out`` tells when it is done; False when there was no token."""
        if self.logging_out:
            return True
        self.timer.stop()
        self.startup_timer.stop()
        self._again = False
        if self._round is not None:
            self._logout_pending = True
            return True
        return self._logout_now()

    def _logout_now(self) -> bool:
        self._logout_pending = False
        server = self.server
        token = self.token()
        if token is None:
            self._set_state(self.tr("Non connecté"))
            return False
        self.logout_problem = ""
        try:
            self._token_deleter(server)  # first: whatever the network, this workstation is out
        except Exception as exc:  # the keyring's own errors (D-Bus, Win32…)
            log.warning("the token could not be deleted from the OS keyring", exc_info=True)
            self.logout_problem = self.tr(
                "La connexion n’a pas pu être effacée du trousseau du système (%s).") \
                % (str(exc) or type(exc).__name__)
        self._set_state(self.tr("Non connecté"))
        factory, owns_http = self._client_factory, self._owns_http
        self._logout_task = run_task(lambda: _revoke(factory, owns_http, server, token),
                                     owner=self, name="sync-logout",
                                     on_done=self._on_logout_done)
        return True

    # ------------------------------------------------------------------ keyring

    def _read_keyring_token(self, server: str) -> str | None:
        """The token kept for this data folder's workstation on ``server`` in the OS keyring
        (None when absent or unreadable)."""
        from app.sync import session

        try:
            return session.read_token(self._data_dir, server)
        except Exception:  # KeyringUnavailableError: the backend's own error, logged
            log.warning("the OS keyring cannot be read", exc_info=True)
            return None

    def _delete_keyring_token(self, server: str) -> None:
        """Delete this data folder's token for ``server`` (absent: nothing to do); the other
        data folders' tokens stay. KeyringUnavailableError when the keyring cannot be
        written."""
        from app.sync import session

        session.delete_token(self._data_dir, server)

    # ------------------------------------------------------------------ GUI thread

    def _on_timer_timeout(self) -> None:
        self.sync_now()

    def _on_logout_done(self, revoked: bool) -> None:
        self._logout_task = None
        self.logged_out.emit(revoked, self.unsent_count())

    def _on_round_succeeded(self, summary: RoundSummary) -> None:
        self._on_round_done(summary, "")

    def _on_round_failed(self, exc: BaseException) -> None:
        log.error("sync round failed", exc_info=(type(exc), exc, exc.__traceback__))
        self._on_round_done(None, str(exc) or type(exc).__name__)

    def _on_round_done(self, summary: RoundSummary | None, problem: str) -> None:
        self._round = None
        if self._logout_pending:
            if summary is not None:
                self.last_summary = summary
                self.finished.emit(summary)
            self._logout_now()
            return
        again, self._again = self._again, False
        if summary is None:
            self._set_state(self.tr("Serveur injoignable"))
            self.failed.emit(self.tr("La synchronisation a échoué : %s") % problem)
            return
        self.last_summary = summary
        if summary.notices:
            self._remember_workstation_code()
        self._set_state(self.overall_state(summary))
        if summary.errors:
            self.failed.emit(self.error_text(summary.errors))
        self.finished.emit(summary)
        if again and not summary.errors and self._round is None:
            self.sync_now()  # e.g. a conflict resolved during the round: send it now

    def _remember_workstation_code(self) -> None:
        """The round registered this workstation under another code (a restored or copied
        data folder): the settings follow the local store, as the login dialog does."""
        code = self.store.workstation_code
        if self.settings.workstation_code == code:
            return
        self.settings.workstation_code = code
        try:
            self.settings.save(store_data_dir(self.store))
        except OSError:  # the settings file is a convenience; the local store holds the code
            log.warning("the settings could not be saved", exc_info=True)

    def overall_state(self, summary: RoundSummary) -> str:
        if summary.errors:
            if any("refused the token" in e for e in summary.errors):
                return self.tr("Non connecté")
            return self.tr("Serveur injoignable")
        if summary.pending == 0:
            return self.tr("Synchronisé")
        if summary.pending == 1:
            return self.tr("1 dossier en attente")
        return self.tr("%s dossiers en attente") % summary.pending

    def error_text(self, errors: list[str]) -> str:
        if any("refused the token" in e for e in errors):
            self.timer.stop()
            return self.tr("Le serveur central a refusé la connexion (session expirée) : "
                           "reconnectez-vous avec F5.")
        if any("cannot be reached" in e for e in errors):
            return self.tr("Le serveur central est injoignable ; nouvel essai dans deux minutes.")
        return self.tr("La synchronisation s’est arrêtée sur une erreur du serveur : %s") \
            % "; ".join(errors)

    def _set_state(self, state: str) -> None:
        self._state = state
        self.state_changed.emit(state)
