"""Sign in to the central store from the window: server address, login, password.

The exchange of ``accueil-ti login`` (app.sync.session.login): POST /auth/login, the token goes
to the OS keyring (the entry of this data folder and server: app.sync.session); the password is
never stored. Given the local store, a counter account also registers the workstation on the
store (app.sync.session.register_at_login); when its code is taken it adopts the free one, and
says so. The requests run off the GUI thread (app.ui.tasks); their answer comes back on the GUI
thread, and is dropped when the dialog is closed first. When the store answers
that the password was set by an administrator (403 ``password_change_required``), the dialog
asks for a new one twice and sends both passwords to POST /auth/change-password, which signs in.

Given the workstation's settings and data dir, the dialog also records who signed in (login,
role, organisme), so the next start opens the partner inbox for a partner account. With
``keep_token=False`` (the counter's « Espace partenaire ») nothing is written anywhere: the
token only travels in the ``signed_in`` signal, and ``required_role`` refuses (and revokes) a
token of another kind of account.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.sync import session
from app.ui.tasks import Task, cancel_tasks, run_task

if TYPE_CHECKING:
    from app.models.database import Store
    from app.ui.settings import AppSettings

log = logging.getLogger(__name__)

HttpFactory = Callable[[str], Any]  # server -> an httpx.Client (tests: the store's TestClient)


@dataclass(frozen=True)
class SignedIn:
    """A successful sign-in: the store, the bearer token and the agent it belongs to.

    ``kept``: the token is in the OS keyring (the workstation's session); otherwise it lives
    only in this value.
    """

    server: str
    token: str
    login: str
    organisme: str
    site: str
    role: str
    kept: bool
    notice: str = ""  # the workstation took another code at registration (French, one line)


MIN_NEW_PASSWORD = 12  # the store's policy (app.server.passwords) says the rest


def default_http_factory(server: str) -> Any:
    from app.sync import http as sync_http

    return sync_http.make_http_client(server)


class LoginDialog(QDialog):
    """Signals:
        logged_in(str): the token of this server is in the keyring (the server address);
            not emitted with ``keep_token=False``.
        signed_in(object): a :class:`SignedIn` (every successful sign-in).
    """

    logged_in = Signal(str)
    signed_in = Signal(object)
    _answered = Signal(object)  # (kind, server, detail, agent: dict)

    def __init__(self, server_url: str, *, http_factory: HttpFactory | None = None,
                 settings: AppSettings | None = None, data_dir: Path | None = None,
                 keep_token: bool = True, required_role: str | None = None,
                 login: str = "", store: Store | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store  # registered on the store at sign-in (a counter account)
        self._codes: tuple[str, str] | None = None  # (before, after) a code change
        self.workstation_notice = ""
        self._http_factory = http_factory or default_http_factory
        self._owns_http = http_factory is None
        self._task: Task[Any] | None = None
        self._settings = settings
        self._data_dir = Path(data_dir) if data_dir is not None else None
        self.keep_token = keep_token
        self.required_role = required_role
        self.setObjectName("login_dialog")
        partner = required_role == "partenaire"
        title = (self.tr("Connexion à l’espace partenaire") if partner
                 else self.tr("Connexion au serveur central"))
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        layout = QVBoxLayout(self)
        if partner:
            text = self.tr("Connectez-vous avec le compte de votre organisme (Urssaf, "
                           "Assurance Maladie, service social, Caf, Assurance retraite) pour "
                           "voir les dossiers qui lui sont orientés. Le mot de passe n’est pas "
                           "conservé.")
            if not keep_token:
                text += " " + self.tr("Cette connexion ne dure que le temps de la fenêtre.")
        else:
            text = self.tr("Connectez-vous pour synchroniser les dossiers de ce poste. "
                           "Le mot de passe n’est pas conservé.")
        intro = QLabel(text, self)
        intro.setObjectName("login_intro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.server_edit = QLineEdit(server_url, self)
        self.server_edit.setObjectName("login_server")
        self.server_edit.setAccessibleName(self.tr("Adresse du serveur"))
        self.login_edit = QLineEdit(login, self)
        self.login_edit.setObjectName("login_login")
        self.login_edit.setAccessibleName(self.tr("Identifiant"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("login_password")
        self.password_edit.setAccessibleName(self.tr("Mot de passe"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        # Asked for only when the store says the password was set by an administrator.
        self.new_password_edit = QLineEdit(self)
        self.new_password_edit.setObjectName("login_new_password")
        self.new_password_edit.setAccessibleName(self.tr("Nouveau mot de passe"))
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setObjectName("login_confirm_password")
        self.confirm_edit.setAccessibleName(self.tr("Nouveau mot de passe, à nouveau"))
        for edit in (self.new_password_edit, self.confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        for edit, title in ((self.server_edit, self.tr("&Adresse du serveur :")),
                            (self.login_edit, self.tr("&Identifiant :")),
                            (self.password_edit, self.tr("&Mot de passe :")),
                            (self.new_password_edit, self.tr("&Nouveau mot de passe :")),
                            (self.confirm_edit, self.tr("&Confirmer le nouveau :"))):
            label = QLabel(title, self)
            label.setBuddy(edit)
            form.addRow(label, edit)
            edit.installEventFilter(self)
        self._form = form
        self.changing_password = False
        self._show_change_fields(False)
        layout.addLayout(form)
        self.error_label = QLabel("", self)
        self.error_label.setObjectName("login_error")
        self.error_label.setAccessibleName(self.tr("Erreur de connexion"))
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(self)
        self.login_button = self.buttons.addButton(self.tr("Se &connecter"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setObjectName("login_button")
        self.login_button.setAccessibleName(self.tr("Se connecter"))
        self.login_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Annuler"))
        cancel.setAccessibleName(self.tr("Annuler"))
        layout.addWidget(self.buttons)
        self.login_button.clicked.connect(self._on_login_button_clicked)
        cancel.clicked.connect(self.reject)
        self._answered.connect(self._on_answered)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        if not server_url:
            self.server_edit.setFocus()
        else:
            (self.password_edit if login else self.login_edit).setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Return signs in: it must not reach the window's « Reprendre le dossier » shortcut.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ sign in

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _show_change_fields(self, shown: bool) -> None:
        """The two new-password fields, asked for when the password must be changed."""
        self.changing_password = shown
        for edit in (self.new_password_edit, self.confirm_edit):
            self._form.setRowVisible(edit, shown)
            if not shown:
                edit.clear()

    def _on_login_button_clicked(self) -> None:
        if self._task is not None:
            return
        server = self.server_edit.text().strip().rstrip("/")
        login = self.login_edit.text().strip()
        password = self.password_edit.text()
        if not server.startswith(("http://", "https://")):
            self.show_error(self.tr("Adresse du serveur invalide : elle commence par http:// ou "
                                    "https://, par exemple http://serveur:8765."))
            self.server_edit.setFocus()
            return
        if not login or not password:
            self.show_error(self.tr("Saisissez l’identifiant et le mot de passe."))
            (self.password_edit if login else self.login_edit).setFocus()
            return
        new_password: str | None = None
        if self.changing_password:
            new_password = self.new_password_edit.text()
            if len(new_password) < MIN_NEW_PASSWORD:
                self.show_error(self.tr("Nouveau mot de passe : 12 caractères au moins, sans "
                                        "l’identifiant, ni mot de passe courant ou facile à "
                                        "deviner (par exemple plusieurs mots sans rapport)."))
                self.new_password_edit.setFocus()
                return
            if self.confirm_edit.text() != new_password:
                self.show_error(self.tr("Les deux saisies du nouveau mot de passe diffèrent : "
                                        "saisissez deux fois le même."))
                self.confirm_edit.clear()
                self.confirm_edit.setFocus()
                return
        self.show_error("")
        self.login_button.setEnabled(False)
        self.login_button.setText(self.tr("Connexion…"))
        self._task = run_task(lambda: self._work(server, login, password, new_password),
                              owner=self, on_done=self._on_task_done,
                              on_error=lambda exc: self._on_task_failed(server, exc),
                              name="login")

    def done(self, result: int) -> None:
        """Accepted, rejected or closed: an answer still to come is dropped."""
        if self._task is not None:
            cancel_tasks(self)
            self._task = None
            self.login_button.setEnabled(True)
            self.login_button.setText(self.tr("Se &connecter"))
        super().done(result)

    def _work(self, server: str, login: str, password: str,
              new_password: str | None = None) -> tuple[str, str, str, dict[str, str]]:
        """The exchange (worker thread): the answer for :meth:`_on_answered`."""
        http = self._http_factory(server)
        try:
            return self._exchange(http, server, login, password, new_password)
        finally:
            if self._owns_http:
                http.close()

    def _on_task_done(self, answer: tuple[str, str, str, dict[str, str]]) -> None:
        try:
            self._answered.emit(answer)
        except RuntimeError:  # the dialog is gone
            return

    def _on_task_failed(self, server: str, exc: BaseException) -> None:
        import httpx

        answer: tuple[str, str, str, dict[str, str]]
        if isinstance(exc, httpx.TransportError):
            answer = ("unreachable", server, str(exc), {})
        else:  # an unexpected answer: told to the agent, not raised
            log.error("login failed", exc_info=(type(exc), exc, exc.__traceback__))
            answer = ("status", server, str(exc) or type(exc).__name__, {})
        self._on_task_done(answer)

    def _exchange(self, http: Any, server: str, login: str, password: str,
                  new_password: str | None = None) -> tuple[str, str, str, dict[str, str]]:
        try:
            result = session.login(http, login, password, new_password=new_password)
        except session.LoginThrottled as exc:
            return ("wait", server, exc.retry_after or "", {})
        except session.LoginRefused:
            return ("refused", server, "", {})
        except session.PasswordChangeRequired:
            return ("change", server, "", {})
        except session.NewPasswordRefused as exc:
            if exc.code:
                return ("policy", server, exc.code, {})
            return ("status", server, "422", {})
        except session.UnexpectedAnswer as exc:
            return ("status", server, str(exc.status), {})
        agent = result.account(login)
        token = result.token
        if self.required_role and agent["role"] != self.required_role:
            # Not the kind of account asked for: its token is of no use here, revoke it.
            try:
                session.revoke_token(http, token)
            except Exception:  # the token expires by itself anyway
                log.warning("the refused token could not be revoked", exc_info=True)
            return ("role", server, agent["role"], agent)
        self._register(http, server, token, agent)
        return ("ok", server, token, agent)

    def _register(self, http: Any, server: str, token: str, agent: dict[str, str]) -> None:
        """Register the workstation (worker thread); a failure is left to the next round."""
        store = self._store
        if store is None or not self.keep_token or agent["role"] != "accueil":
            return
        before = f"{store.site_code}-{store.workstation_code}"
        try:
            session.register_at_login(store, http, token, server)
        except Exception:  # SyncError, the store's own trouble: the first round registers
            log.warning("the workstation could not be registered at sign-in", exc_info=True)
            return
        after = f"{store.site_code}-{store.workstation_code}"
        self._codes = (before, after) if after != before else None

    def _on_answered(self, answer: tuple[str, str, str, dict[str, str]]) -> None:
        self._task = None
        self.login_button.setEnabled(True)
        self.login_button.setText(self.tr("Se &connecter"))
        kind, server, detail, agent = answer
        if kind in ("change", "policy"):
            # The current password is needed once more, with the new one: kept in its field.
            self._show_change_fields(True)
            if kind == "change":
                self.show_error(self.tr("Ce mot de passe a été défini par un administrateur : "
                                        "choisissez-en un nouveau, saisi deux fois (12 "
                                        "caractères au moins, sans l’identifiant)."))
            else:
                self.show_error(self._policy_text(detail))
            self.confirm_edit.clear()
            self.new_password_edit.selectAll()
            self.new_password_edit.setFocus()
            return
        self.password_edit.clear()  # never kept, whatever the answer
        self.new_password_edit.clear()
        self.confirm_edit.clear()
        if kind == "ok":
            self._show_change_fields(False)
            self._signed_in(server, detail, agent)
            return
        if kind == "refused":
            self.show_error(self.tr("Identifiant ou mot de passe incorrect."))
            self.password_edit.setFocus()
        elif kind == "role":
            self.show_error(self.tr("Ce compte n’est pas un compte partenaire : l’espace "
                                    "partenaire est réservé aux agents des organismes."))
            self.login_edit.setFocus()
            self.login_edit.selectAll()
        elif kind == "wait":
            if detail.isdigit():
                self.show_error(self.tr("Trop de tentatives échouées pour cet identifiant : "
                                        "réessayez dans %s secondes.") % detail)
            else:
                self.show_error(self.tr("Trop de tentatives échouées pour cet identifiant : "
                                        "réessayez dans quelques minutes."))
            self.password_edit.setFocus()
        elif kind == "unreachable":
            self.show_error(self.tr("Le serveur %s est injoignable. Vérifiez l’adresse et le "
                                    "réseau.") % server)
            self.server_edit.setFocus()
        else:
            self.show_error(self.tr("Le serveur central a répondu par une erreur (%s).")
                            % detail)

    def _policy_text(self, code: str) -> str:
        """The store's refusal of a new password, in French."""
        if code == "password_too_short":
            return self.tr("Nouveau mot de passe trop court : 12 caractères au moins.")
        if code == "password_contains_login":
            return self.tr("Nouveau mot de passe refusé : il ne doit pas contenir "
                           "l’identifiant.")
        if code == "password_unchanged":
            return self.tr("Nouveau mot de passe refusé : il doit différer de l’actuel.")
        return self.tr("Nouveau mot de passe refusé : trop courant ou trop facile à deviner. "
                       "Choisissez par exemple plusieurs mots sans rapport entre eux, 12 "
                       "caractères au moins.")

    def _signed_in(self, server: str, token: str, agent: dict[str, str]) -> None:
        if self._codes is not None:
            self.workstation_notice = self.tr(
                "Le poste %s est déjà utilisé : ce poste devient le poste %s.") % self._codes
        if self.keep_token:
            from app.paths import default_data_dir

            try:
                session.store_token(self._data_dir or default_data_dir(), server, token)
            except Exception as exc:  # KeyringUnavailableError, backend errors
                self.show_error(self.tr("Le trousseau du système est indisponible : le jeton "
                                        "ne peut pas être conservé (%s).") % exc)
                return
            self._record_agent(agent)
        result = SignedIn(server=server, token=token, login=agent.get("login", ""),
                          organisme=agent.get("organisme", ""), site=agent.get("site", ""),
                          role=agent.get("role", ""), kept=self.keep_token,
                          notice=self.workstation_notice)
        if self.keep_token:
            self.logged_in.emit(server)
        self.signed_in.emit(result)
        self.accept()

    def _record_agent(self, agent: dict[str, str]) -> None:
        """Remember who signed in on this workstation (never for an in-memory session)."""
        if self._settings is None:
            return
        if self._store is not None and self._codes is not None:
            self._settings.workstation_code = self._store.workstation_code
        self._settings.agent_login = agent.get("login", "")
        self._settings.agent_role = agent.get("role", "")
        self._settings.agent_organisme = agent.get("organisme", "")
        if self._data_dir is not None:
            try:
                self._settings.save(self._data_dir)
            except OSError:  # the settings file is a convenience; the token is stored
                log.warning("the settings could not be saved", exc_info=True)
