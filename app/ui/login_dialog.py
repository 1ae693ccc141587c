"""Sign in to the central store from the window: server address, login, password.

Same exchange as ``accueil-ti login``: POST /auth/login, the token goes to the OS keyring
(service "accueil-ti", user ``token_username(server)``); the password is never stored. The
request runs off the GUI thread; its answer comes back as a signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

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

log = logging.getLogger(__name__)

HttpFactory = Callable[[str], Any]  # server -> an httpx.Client (tests: the store's TestClient)


def default_http_factory(server: str) -> Any:
    from app.sync_commands import make_http_client

    return make_http_client(server)


class LoginDialog(QDialog):
    """Signals:
        logged_in(str): the token of this server is in the keyring (the server address).
    """

    logged_in = Signal(str)
    _answered = Signal(object)  # ("ok", server, token) or (kind, server, detail)

    def __init__(self, server_url: str, *, http_factory: HttpFactory | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._http_factory = http_factory or default_http_factory
        self._owns_http = http_factory is None
        self._thread: threading.Thread | None = None
        self.setObjectName("login_dialog")
        self.setWindowTitle(self.tr("Connexion au serveur central"))
        self.setAccessibleName(self.tr("Connexion au serveur central"))

        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Connectez-vous pour synchroniser les dossiers de ce poste. "
                               "Le mot de passe n’est pas conservé."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.server_edit = QLineEdit(server_url, self)
        self.server_edit.setObjectName("login_server")
        self.server_edit.setAccessibleName(self.tr("Adresse du serveur"))
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("login_login")
        self.login_edit.setAccessibleName(self.tr("Identifiant"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("login_password")
        self.password_edit.setAccessibleName(self.tr("Mot de passe"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        for edit, title in ((self.server_edit, self.tr("&Adresse du serveur :")),
                            (self.login_edit, self.tr("&Identifiant :")),
                            (self.password_edit, self.tr("&Mot de passe :"))):
            label = QLabel(title, self)
            label.setBuddy(edit)
            form.addRow(label, edit)
            edit.installEventFilter(self)
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
        (self.login_edit if server_url else self.server_edit).setFocus()

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

    def _on_login_button_clicked(self) -> None:
        if self._thread is not None:
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
        self.show_error("")
        self.login_button.setEnabled(False)
        self.login_button.setText(self.tr("Connexion…"))
        self._thread = threading.Thread(target=self._work, args=(server, login, password),
                                        name="login", daemon=True)
        self._thread.start()

    def _work(self, server: str, login: str, password: str) -> None:
        import httpx

        answer: tuple[str, str, str]
        try:
            http = self._http_factory(server)
            try:
                response = http.post("/auth/login", json={"login": login, "password": password})
            finally:
                if self._owns_http:
                    http.close()
            if response.status_code == 200:
                answer = ("ok", server, str(response.json()["token"]))
            elif response.status_code == 429:
                answer = ("wait", server, response.headers.get("Retry-After", ""))
            elif response.status_code == 401:
                answer = ("refused", server, "")
            else:
                answer = ("status", server, str(response.status_code))
        except httpx.TransportError as exc:
            answer = ("unreachable", server, str(exc))
        except Exception as exc:  # an unexpected answer: told to the agent, not raised
            log.exception("login failed")
            answer = ("status", server, str(exc) or type(exc).__name__)
        try:
            self._answered.emit(answer)
        except RuntimeError:  # the dialog is gone
            return

    def _on_answered(self, answer: tuple[str, str, str]) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(1.0)
        self.login_button.setEnabled(True)
        self.login_button.setText(self.tr("Se &connecter"))
        kind, server, detail = answer
        self.password_edit.clear()  # never kept, whatever the answer
        if kind == "ok":
            from app.models.secrets import check_keyring
            from app.server_commands import TOKEN_SERVICE, token_username

            try:
                check_keyring().set_password(TOKEN_SERVICE, token_username(server), detail)
            except Exception as exc:  # KeyringUnavailableError, backend errors
                self.show_error(self.tr("Le trousseau du système est indisponible : le jeton "
                                        "ne peut pas être conservé (%s).") % exc)
                return
            self.logged_in.emit(server)
            self.accept()
            return
        if kind == "refused":
            self.show_error(self.tr("Identifiant ou mot de passe incorrect."))
            self.password_edit.setFocus()
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
