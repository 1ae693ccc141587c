"""The dossier workflow: identity → questionnaire → result → consent → documents, as one stack of
pages under a header that always says whose dossier this is and whether it is urgent.

Every step is committed by the services as it happens (an answer is on disk before the next
question shows), so leaving with Échap never loses anything that was confirmed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.document_service import DocumentService
from app.dossier_service import DossierService, Progress
from app.forms.questionnaire import Questionnaire
from app.ui import wording
from app.ui.consent_page import ConsentPage
from app.ui.documents_page import DialogFactory, DocumentsPage, default_dialog_factory
from app.ui.identity_page import IdentityPage
from app.ui.questionnaire_page import QuestionnairePage
from app.ui.result_page import ResultPage
from app.ui.settings import AppSettings

Confirm = Callable[[QWidget, str, str], bool]


def ask_leave(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class DossierHeader(QFrame):
    """Dossier number, worker's name, channel, step and the « URGENT » badge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Dossier en cours"))
        self.number_label = QLabel(self)
        self.number_label.setAccessibleName(self.tr("Numéro de dossier"))
        self.name_label = QLabel(self)
        self.name_label.setAccessibleName(self.tr("Personne"))
        self.channel_label = QLabel(self)
        self.channel_label.setAccessibleName(self.tr("Canal"))
        self.step_label = QLabel(self)
        self.step_label.setAccessibleName(self.tr("Étape"))
        self.urgent_label = QLabel(self.tr("URGENT"), self)
        self.urgent_label.setAccessibleName(self.tr("Dossier urgent"))
        # Text first; the colour only reinforces it.
        self.urgent_label.setStyleSheet(
            "background: #a40000; color: white; font-weight: bold; padding: 2px 8px;")
        self.urgent_label.setVisible(False)
        for label in (self.number_label, self.name_label):
            font = label.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.15)
            label.setFont(font)
        layout = QHBoxLayout(self)
        layout.addWidget(self.number_label)
        layout.addWidget(self.name_label)
        layout.addWidget(self.channel_label)
        layout.addWidget(self.urgent_label)
        layout.addStretch(1)
        layout.addWidget(self.step_label)

    def show_record(self, record: dict[str, Any] | None, channel: str) -> None:
        if record is None:
            self.number_label.setText(self.tr("Nouveau dossier"))
            self.name_label.setText("")
            self.urgent_label.setVisible(False)
        else:
            identity = record.get("identity", {})
            self.number_label.setText(str(record.get("number", "")))
            self.name_label.setText(f"{identity.get('nom', '')} {identity.get('prenom', '')}"
                                    .strip())
            self.urgent_label.setVisible(bool(record.get("urgent")))
            channel = str(record.get("channel", channel))
        self.channel_label.setText(self.tr("Canal : %1").replace(
            "%1", wording.channel_label(channel)))
        self._describe()

    def set_urgent(self, urgent: bool) -> None:
        self.urgent_label.setVisible(urgent)
        self._describe()

    def set_step(self, text: str) -> None:
        self.step_label.setText(text)
        self._describe()

    def _describe(self) -> None:
        parts = [self.number_label.text(), self.name_label.text(), self.channel_label.text()]
        if self.urgent_label.isVisible():
            parts.append(self.urgent_label.text())
        parts.append(self.step_label.text())
        self.setAccessibleDescription(" · ".join(p for p in parts if p))


class DossierFlow(QWidget):
    """The pages of one dossier, from identity to documents.

    Signals:
        finished(str): the agent left the dossier (its id, '' when none was created).
        dossier_changed(str): a dossier was saved (its id).
    """

    finished = Signal(str)
    dossier_changed = Signal(str)

    def __init__(self, service: DossierService, documents: DocumentService,
                 settings: AppSettings, parent: QWidget | None = None, *,
                 dialog_factory: DialogFactory = default_dialog_factory,
                 confirm: Confirm | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._documents = documents
        self._settings = settings
        self._confirm: Confirm = confirm or ask_leave
        self._ref = ""
        self._channel = "accueil"
        self._record: dict[str, Any] | None = None
        self.setAccessibleName(self.tr("Dossier"))

        self.header = DossierHeader(self)
        self.stack = QStackedWidget(self)
        self.stack.setAccessibleName(self.tr("Étapes du dossier"))
        self.identity_page = IdentityPage(service, self)
        self.questionnaire_page = QuestionnairePage(service, self)
        self.result_page = ResultPage(self)
        consent_kwargs = {"confirm": confirm} if confirm is not None else {}
        self.consent_page = ConsentPage(service, self, **consent_kwargs)
        self.documents_page = DocumentsPage(
            documents, lambda: self._settings.agent_identity() or self._service.agent, self,
            dialog_factory=dialog_factory)
        for page in (self.identity_page, self.questionnaire_page, self.result_page,
                     self.consent_page, self.documents_page):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)

        self.identity_page.created.connect(self._on_identity_page_created)
        self.identity_page.open_requested.connect(self._on_identity_page_open_requested)
        self.questionnaire_page.answered.connect(self._on_questionnaire_page_answered)
        self.questionnaire_page.completed.connect(self._on_questionnaire_page_completed)
        self.result_page.consent_requested.connect(self._on_result_page_consent_requested)
        self.result_page.back_requested.connect(self._on_result_page_back_requested)
        self.result_page.print_requested.connect(self._on_result_page_print_requested)
        self.consent_page.recorded.connect(self._on_consent_page_recorded)
        self.consent_page.revoked.connect(self._on_consent_page_revoked)
        self.documents_page.delivered.connect(self._on_documents_page_delivered)

        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._on_escape_activated)

    # ------------------------------------------------------------------ public API

    @property
    def dossier_id(self) -> str:
        return self._ref

    def current_page(self) -> QWidget | None:
        """The page on screen (what F1 explains)."""
        return self.stack.currentWidget()

    def start_new(self, channel: str = "accueil",
                  prefill: Mapping[str, object] | None = None) -> None:
        """A new dossier; ``prefill``: identity fields already known (the call list's)."""
        self._ref = ""
        self._record = None
        self._channel = channel
        self.identity_page.reset(channel)
        if prefill:
            self.identity_page.prefill(prefill)
        self.header.show_record(None, channel)
        self._show(self.identity_page, self.tr("Identité"))
        self.identity_page.focus_first()

    def open_dossier(self, dossier_id: str) -> None:
        """Resume where the dossier stopped: first unanswered question, else the result (no
        consent yet), else the documents."""
        record = self._load(dossier_id)
        questionnaire = self._service.questionnaire_of(record)
        answers = record.get("answers", {})
        if any(q.id not in answers for q in questionnaire.questions):
            self._open_questionnaire(questionnaire, record, None)
        elif not record.get("consents"):
            self._open_result()
        else:
            self.open_documents(dossier_id)

    def open_documents(self, dossier_id: str) -> None:
        record = self._load(dossier_id)
        self.documents_page.load(self._ref, self._service.questionnaire_of(record), record)
        self._show(self.documents_page, self.tr("Documents"))
        self.documents_page.focus_first()

    def open_consents(self, dossier_id: str) -> None:
        record = self._load(dossier_id)
        orientation = self._service.orientation(self._ref)
        self.consent_page.load(self._ref, self._service.questionnaire_of(record), record,
                               orientation.organismes, self._channel)
        self._show(self.consent_page, self.tr("Consentement"))
        self.consent_page.focus_first()

    # ------------------------------------------------------------------ internals

    def _load(self, dossier_id: str) -> dict[str, Any]:
        record = self._service.record(dossier_id)
        self._ref = str(record["id"])
        self._record = record
        self._channel = str(record.get("channel", self._channel))
        self.header.show_record(record, self._channel)
        return record

    def _show(self, page: QWidget, step: str) -> None:
        self.stack.setCurrentWidget(page)
        self.header.set_step(step)

    def _open_questionnaire(self, questionnaire: Questionnaire, record: dict[str, Any],
                            index: int | None) -> None:
        page = self.questionnaire_page
        page.set_phone_mode(self._settings.phone_mode or self._channel == "telephone")
        page.load(self._ref, questionnaire, record.get("answers", {}), index)
        self._show(page, self.tr("Questionnaire"))
        page.focus_first()

    def _open_result(self) -> None:
        assert self._record is not None
        questionnaire = self._service.questionnaire_of(self._record)
        self.result_page.show_orientation(
            questionnaire, self._service.orientation(self._ref),
            processing_figures=self._documents.processing_figures())
        self._show(self.result_page, self.tr("Résultat"))
        self.result_page.focus_first()

    def _changed(self) -> None:
        self.dossier_changed.emit(self._ref)

    # ------------------------------------------------------------------ slots

    def _on_identity_page_created(self, ref: str) -> None:
        record = self._load(ref)
        self._changed()
        self._open_questionnaire(self._service.questionnaire_of(record), record, 0)

    def _on_identity_page_open_requested(self, ref: str) -> None:
        self.open_dossier(ref)

    def _on_questionnaire_page_answered(self, progress: object) -> None:
        if isinstance(progress, Progress):
            self.header.set_urgent(progress.urgent)
        self._changed()

    def _on_questionnaire_page_completed(self) -> None:
        self._load(self._ref)
        self._open_result()

    def _on_result_page_consent_requested(self) -> None:
        if self.result_page.organismes:
            self.open_consents(self._ref)
        else:
            self.open_documents(self._ref)

    def _on_result_page_back_requested(self) -> None:
        record = self._load(self._ref)
        self._open_questionnaire(self._service.questionnaire_of(record), record, 0)

    def _on_consent_page_recorded(self, _oriented: list[str]) -> None:
        self._changed()
        self.open_documents(self._ref)

    def _on_consent_page_revoked(self, _organisme: str) -> None:
        self._changed()
        self.open_consents(self._ref)

    def _on_result_page_print_requested(self) -> None:
        """The worker's summary straight from the result, before or without consent."""
        record = self._service.record(self._ref)
        self.documents_page.load(self._ref, self._service.questionnaire_of(record), record)
        summary = next(c for c in self.documents_page.choices() if c.kind.value == "summary")
        self.documents_page.open_choice(summary)

    def _on_documents_page_delivered(self, _kind: str) -> None:
        self._changed()
        record = self._load(self._ref)
        self.documents_page.load(self._ref, self._service.questionnaire_of(record), record)

    def _on_escape_activated(self) -> None:
        page = self.stack.currentWidget()
        unsaved = getattr(page, "has_unsaved_input", lambda: False)()
        if page is self.identity_page and self._ref:
            unsaved = False
        if unsaved and not self._confirm(
                self, self.tr("Quitter le dossier"),
                self.tr("Des informations saisies ne sont pas enregistrées. Quitter quand "
                        "même ?")):
            return
        self.finished.emit(self._ref)
