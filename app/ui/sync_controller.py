"""Sync rounds of the desktop window: one at a time, off the GUI thread, every two minutes once
a token exists, and at once when the agent presses F5.

The round runs ``SyncClient.run_round()`` on a plain Python thread that only emits a signal;
the signal is delivered on the GUI thread (queued connection), which updates the state. The
client comes from ``client_factory(server, token)`` so tests bind it to the central store's
``TestClient``; the token from ``token_reader(server)`` (the OS keyring entry of this data
folder and server, written by ``accueil-ti login`` and the login dialog: app.sync.session).

The first round starts ``startup_delay_ms`` after the window's list is ready (never in the
smoke run, which closes the window at once). Logging out revokes the token on the server
(off the GUI thread too) and deletes the keyring entry; unsent changes stay in the outbox.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.paths import default_data_dir

if TYPE_CHECKING:
    from app.models.database import Store
    from app.sync.client import RoundSummary, SyncClient
    from app.ui.settings import AppSettings

log = logging.getLogger(__name__)

AUTO_INTERVAL_MS = 120_000
STARTUP_DELAY_MS = 500  # after the first rows are shown: the window paints before the round
LOGOUT_TIMEOUT_S = 5.0
ClientFactory = Callable[[str, str], "SyncClient"]
TokenReader = Callable[[str], "str | None"]
TokenDeleter = Callable[[str], None]


def keyring_token(server: str, data_dir: Path) -> str | None:
    """The token kept for ``data_dir``'s workstation on ``server`` in the OS keyring (None
    when absent or unreadable)."""
    from app.sync.session import read_token

    try:
        return read_token(data_dir, server)
    except Exception:  # KeyringUnavailableError: the backend's own error, logged
        log.warning("the OS keyring cannot be read", exc_info=True)
        return None


def keyring_delete_token(server: str, data_dir: Path) -> None:
    """Delete the token kept for ``data_dir``'s workstation on ``server`` (absent: nothing
    to do); the other data folders' tokens stay.

    Raises KeyringUnavailableError when the keyring cannot be written.
    """
    from app.sync.session import delete_token

    delete_token(data_dir, server)


def store_data_dir(store: Store) -> Path:
    """The data folder of an open local store (its tokens are keyed by it)."""
    return store.path.parent if store.path is not None else default_data_dir()


def default_client_factory(store: Store) -> ClientFactory:
    """Real HTTP clients (``accueil-ti sync``'s), with fewer retries: the window retries later."""

    def make(server: str, token: str) -> SyncClient:
        from app.sync.client import SyncClient, retention_rules
        from app.sync_commands import make_http_client

        return SyncClient(store, make_http_client(server), token=token, server_key=server,
                          max_retries=2, retention=retention_rules(store))

    return make


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
    _round_done = Signal(object, str)  # summary or None, unexpected error text
    _logout_done = Signal(bool)  # the server revoked the token

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
        data_dir = store_data_dir(store)  # default: this data folder's keyring entries
        self._token_reader = token_reader or (lambda server: keyring_token(server, data_dir))
        self._token_deleter = token_deleter or (
            lambda server: keyring_delete_token(server, data_dir))
        self._thread: threading.Thread | None = None
        self._logout_thread: threading.Thread | None = None
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
        self._round_done.connect(self._on_round_done)
        self._logout_done.connect(self._on_logout_done)

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
        return self._thread is not None

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
        if self._thread is not None:
            self._again = True
            return True
        if self.token() is None:
            return False
        return self.sync_now()

    def sync_now(self) -> bool:
        """Start a round unless one is running or there is no token; True when started."""
        if self._thread is not None:
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
        self._thread = threading.Thread(target=self._work, args=(server, token),
                                        name="sync-round", daemon=True)
        self._set_state(self.tr("Envoi en cours"))
        self.started.emit()
        self._thread.start()
        return True

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop the automatic rounds and wait a little for a running one (before the store
        closes)."""
        self.timer.stop()
        self.startup_timer.stop()
        self._again = False
        for thread in (self._thread, self._logout_thread):
            if thread is not None:
                thread.join(timeout)

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
        from sqlalchemy import distinct, func, select

        from app.models.entities import Outbox

        with self.store.session() as session:
            return int(session.scalar(select(func.count(distinct(Outbox.dossier_id)))
                                      .where(Outbox.sent_at.is_(None))) or 0)

    @property
    def logging_out(self) -> bool:
        return self._logout_pending or self._logout_thread is not None

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
        if self._thread is not None:
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
        self._logout_thread = threading.Thread(target=self._revoke, args=(server, token),
                                               name="sync-logout", daemon=True)
        self._logout_thread.start()
        return True

    # ------------------------------------------------------------------ worker thread

    def _work(self, server: str, token: str) -> None:
        summary: Any = None
        problem = ""
        try:
            client = self._client_factory(server, token)
            try:
                summary = client.run_round()
            finally:
                if self._owns_http:
                    client.http.close()
        except Exception as exc:  # reported to the window, never raised in the worker
            log.exception("sync round failed")
            problem = str(exc) or type(exc).__name__
        try:
            self._round_done.emit(summary, problem)
        except RuntimeError:  # the window is gone
            return

    def _revoke(self, server: str, token: str) -> None:
        import httpx

        revoked = False
        try:
            client = self._client_factory(server, token)
            try:
                if self._owns_http:  # our own client: a short wait for a goodbye
                    client.http.timeout = httpx.Timeout(LOGOUT_TIMEOUT_S)
                response = client.http.post("/auth/logout",
                                            headers={"Authorization": f"Bearer {token}"})
                # 401: already revoked or expired, which is what logging out wants.
                revoked = response.status_code in (200, 401)
            finally:
                if self._owns_http:
                    client.http.close()
        except Exception:  # unreachable, or anything else: the keyring entry is gone anyway
            log.warning("the central store could not revoke the token", exc_info=True)
        try:
            self._logout_done.emit(revoked)
        except RuntimeError:  # the window is gone
            return

    # ------------------------------------------------------------------ GUI thread

    def _on_timer_timeout(self) -> None:
        self.sync_now()

    def _on_logout_done(self, revoked: bool) -> None:
        thread, self._logout_thread = self._logout_thread, None
        if thread is not None:
            thread.join(1.0)
        self.logged_out.emit(revoked, self.unsent_count())

    def _on_round_done(self, summary: RoundSummary | None, problem: str) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(1.0)  # it only has to return after its emit
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
        if again and not summary.errors and self._thread is None:
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
