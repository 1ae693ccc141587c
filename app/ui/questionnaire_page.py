"""The questionnaire page, generated from the questionnaire data: one question at a time.

A number key picks that answer, saves it at once through :meth:`DossierService.answer` and moves
on; 0 is « Ne sait pas / ne souhaite pas répondre »; arrows and Enter do the same; Backspace goes
back one question. In phone mode the question is shown as it is read aloud, with a live recap of
the answers given so far, each of which can be reopened.

An answer is on disk before the page moves on; if saving fails, the question stays on screen
with the chosen answer highlighted and the message, and Enter tries again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.dossier_service import DossierService, Progress
from app.forms.questionnaire import Question, Questionnaire

if TYPE_CHECKING:
    from app.ui.correction_dialog import AnswerDialog

CODE_ROLE = Qt.ItemDataRole.UserRole
DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}


class AnswerList(QListWidget):
    """The answers of one question, numbered; digits and Enter pick, Backspace goes back.

    Signals:
        picked(int): the row of the answer chosen (by its number key or Enter).
        back_requested(): Backspace: go to the previous question.
    """

    picked = Signal(int)
    back_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.NoModifier and key in DIGIT_KEYS:
            number = DIGIT_KEYS[key]
            # Answers are numbered 1…n; 0 is the « ne sait pas » row, always the last one.
            row = self.count() - 1 if number == 0 else number - 1
            if 0 <= row < self.count():
                self.setCurrentRow(row)
                self.picked.emit(row)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            if self.currentRow() >= 0:
                self.picked.emit(self.currentRow())
            event.accept()
            return
        if key == Qt.Key.Key_Backspace:
            self.back_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class QuestionnairePage(QWidget):
    """One question at a time, answers saved as they are given.

    Signals:
        answered(object): an answer was saved (the service's :class:`Progress`).
        completed(): the last question was answered and every question has an answer.
    """

    answered = Signal(object)
    completed = Signal()

    def __init__(self, service: DossierService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._ref = ""
        self._questionnaire: Questionnaire | None = None
        self._answers: dict[str, str] = {}
        self._index = 0
        self._return_to_resume = False  # the question was reopened from the recap
        self._phone_mode = False
        self.revision_dialog: AnswerDialog | None = None  # « Modifier une réponse », open
        self.setAccessibleName(self.tr("Questionnaire"))

        self.progress_label = QLabel(self)
        self.progress_label.setAccessibleName(self.tr("Avancement du questionnaire"))
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setAccessibleName(self.tr("Questions répondues"))
        self.progress_bar.setTextVisible(False)
        self.phone_check = QCheckBox(self.tr("Mode &téléphone (Ctrl+T)"), self)
        self.phone_check.setAccessibleName(self.tr("Mode téléphone"))
        self.phone_check.setToolTip(self.tr("Affiche la question à lire à voix haute et le "
                                            "récapitulatif des réponses"))
        self.phone_check.toggled.connect(self._on_phone_check_toggled)

        self.theme_label = QLabel(self)
        self.theme_label.setAccessibleName(self.tr("Thème de la question"))
        theme_font = QFont(self.font())
        theme_font.setBold(True)
        theme_font.setPointSizeF(theme_font.pointSizeF() * 1.1)
        self.theme_label.setFont(theme_font)
        self.question_label = QLabel(self)
        self.question_label.setWordWrap(True)
        self.question_label.setAccessibleName(self.tr("Question"))
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.spoken_label = QLabel(self)
        self.spoken_label.setWordWrap(True)
        self.spoken_label.setAccessibleName(self.tr("À lire à voix haute"))
        self._large_font = QFont(self.font())
        self._large_font.setPointSizeF(self._large_font.pointSizeF() * 1.5)
        self._normal_font = QFont(self.font())
        self.spoken_label.setFont(self._large_font)
        self.spoken_caption = QLabel(self.tr("À lire à la personne :"), self)
        self.spoken_caption.setAccessibleName(self.spoken_caption.text())

        self.answer_list = AnswerList(self)
        self.answer_list.setAccessibleName(self.tr("Réponses possibles"))
        self.answer_list.setWordWrap(True)
        self.answer_list.setFont(self._large_font)
        self.answer_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.answer_list.picked.connect(self._on_answer_list_picked)
        self.answer_list.back_requested.connect(self._on_answer_list_back_requested)
        self.answer_list.itemClicked.connect(self._on_answer_list_item_clicked)

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Erreur d’enregistrement"))
        self.error_label.setStyleSheet("color: #a40000; font-weight: bold;")
        self.error_label.setVisible(False)

        self.recap_caption = QLabel(self.tr("Réponses déjà données (Entrée ou clic pour "
                                            "modifier) :"), self)
        self.recap_caption.setWordWrap(True)
        self.recap_caption.setAccessibleName(self.recap_caption.text())
        self.recap_list = QListWidget(self)
        self.recap_list.setAccessibleName(self.tr("Récapitulatif des réponses"))
        self.recap_list.setWordWrap(True)
        self.recap_list.itemActivated.connect(self._on_recap_list_item_activated)
        self.recap_list.itemClicked.connect(self._on_recap_list_item_activated)

        help_line = QLabel(self.tr("1…9 : choisir et enregistrer · 0 : ne sait pas · ↑↓ puis "
                                   "Entrée · Retour arrière : question précédente · Échap : "
                                   "quitter"), self)
        help_line.setWordWrap(True)
        help_line.setAccessibleName(help_line.text())

        top = QHBoxLayout()
        top.addWidget(self.progress_label)
        top.addWidget(self.progress_bar, 1)
        top.addWidget(self.phone_check)
        question_box = QWidget(self)
        question_layout = QVBoxLayout(question_box)
        question_layout.setContentsMargins(0, 0, 0, 0)
        question_layout.addWidget(self.theme_label)
        question_layout.addWidget(self.question_label)
        question_layout.addWidget(self.spoken_caption)
        question_layout.addWidget(self.spoken_label)
        question_layout.addWidget(self.answer_list, 1)
        question_layout.addWidget(self.error_label)
        self.recap_box = QWidget(self)
        recap_layout = QVBoxLayout(self.recap_box)
        recap_layout.setContentsMargins(0, 0, 0, 0)
        recap_layout.addWidget(self.recap_caption)
        recap_layout.addWidget(self.recap_list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setAccessibleName(self.tr("Question et récapitulatif"))
        splitter.addWidget(question_box)
        splitter.addWidget(self.recap_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(help_line)

        shortcut = QShortcut(QKeySequence("Ctrl+T"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._on_phone_shortcut_activated)
        self._apply_phone_mode()

    # ------------------------------------------------------------------ public

    @property
    def index(self) -> int:
        return self._index

    @property
    def questionnaire(self) -> Questionnaire | None:
        return self._questionnaire

    def current_question(self) -> Question:
        assert self._questionnaire is not None
        return self._questionnaire.questions[self._index]

    def load(self, ref: str, questionnaire: Questionnaire, answers: Mapping[str, str],
             index: int | None = None) -> None:
        """Show a dossier's questionnaire at ``index`` (default: its first unanswered one)."""
        self._ref = ref
        self._questionnaire = questionnaire
        self._answers = dict(answers)
        self._return_to_resume = False
        if index is None:
            index = self.first_unanswered()
            if index is None:
                index = len(questionnaire.questions) - 1
        self._refresh_recap()
        self.show_question(index)

    def first_unanswered(self) -> int | None:
        assert self._questionnaire is not None
        for i, question in enumerate(self._questionnaire.questions):
            if question.id not in self._answers:
                return i
        return None

    def set_phone_mode(self, on: bool) -> None:
        self.phone_check.setChecked(on)  # toggled → _apply_phone_mode

    def phone_mode(self) -> bool:
        return self._phone_mode

    def show_question(self, index: int) -> None:
        assert self._questionnaire is not None
        questions = self._questionnaire.questions
        self._index = max(0, min(index, len(questions) - 1))
        question = questions[self._index]
        self.theme_label.setText(question.theme)
        self.question_label.setText(question.text)
        self.spoken_label.setText(question.spoken)
        self.answer_list.clear()
        rows = [(a.code, a.label) for a in question.answers]
        for number, (code, label) in enumerate(rows, 1):
            self._add_answer(f"{number} — {label}", code)
        nsp = self._questionnaire.nsp
        self._add_answer(f"0 — {nsp.label}", nsp.code)
        saved = self._answers.get(question.id)
        codes = [code for code, _ in rows] + [nsp.code]
        self.answer_list.setCurrentRow(codes.index(saved) if saved in codes else 0)
        answered = sum(1 for q in questions if q.id in self._answers)
        position = self.tr("Question %1 / %2").replace("%1", str(self._index + 1)).replace(
            "%2", str(len(questions)))
        self.progress_label.setText(f"{self._index + 1} / {len(questions)}")
        self.progress_label.setAccessibleDescription(position)
        self.progress_bar.setRange(0, len(questions))
        self.progress_bar.setValue(answered)
        self.progress_bar.setAccessibleDescription(
            self.tr("%1 réponses enregistrées sur %2").replace("%1", str(answered)).replace(
                "%2", str(len(questions))))
        self.answer_list.setAccessibleDescription(
            f"{position}. {question.theme}. "
            + (question.spoken if self._phone_mode else question.text))
        self.error_label.setVisible(False)
        self._highlight_recap()
        self.answer_list.setFocus()

    def has_unsaved_input(self) -> bool:
        return self.error_label.isVisible()

    def focus_first(self) -> None:
        self.answer_list.setFocus()

    # ------------------------------------------------------------------ internals

    def _add_answer(self, text: str, code: str) -> None:
        item = QListWidgetItem(text, self.answer_list)
        item.setData(CODE_ROLE, code)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)

    def _apply_phone_mode(self) -> None:
        self._phone_mode = self.phone_check.isChecked()
        self.spoken_label.setVisible(self._phone_mode)
        self.spoken_caption.setVisible(self._phone_mode)
        self.recap_box.setVisible(self._phone_mode)
        # In counter mode the written question is the main text; on the phone, what is read.
        # The answer list keeps the large font, rescaled with the text size (Paramètres).
        self.question_label.setFont(self.font() if self._phone_mode else self.answer_list.font())

    def _refresh_recap(self) -> None:
        assert self._questionnaire is not None
        self.recap_list.clear()
        for i, question in enumerate(self._questionnaire.questions):
            code = self._answers.get(question.id)
            if code is None:
                continue
            label = self._questionnaire.answer_label(question.id, code)
            text = f"{i + 1}. {question.theme} → {label}"
            item = QListWidgetItem(text, self.recap_list)
            item.setData(CODE_ROLE, i)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            item.setToolTip(question.text)
        self._highlight_recap()

    def _highlight_recap(self) -> None:
        for row in range(self.recap_list.count()):
            item = self.recap_list.item(row)
            font = item.font()
            font.setBold(item.data(CODE_ROLE) == self._index)
            item.setFont(font)

    def _pick(self, row: int) -> None:
        assert self._questionnaire is not None
        item = self.answer_list.item(row)
        if item is None:
            return
        question = self.current_question()
        code = str(item.data(CODE_ROLE))
        saved = self._answers.get(question.id)
        if saved is not None and saved != code and self.first_unanswered() is None:
            self._ask_revision(question.id, code)
            return
        try:
            progress = self._service.answer(self._ref, question.id, code)
        except Exception as exc:  # keep the question and the choice on screen; Enter retries
            self.answer_list.setCurrentRow(row)
            self.error_label.setText(
                self.tr("⚠ La réponse n’a pas été enregistrée : %1. Appuyez sur Entrée pour "
                        "réessayer.").replace("%1", str(exc)))
            self.error_label.setVisible(True)
            self.answer_list.setFocus()
            return
        self._answers[question.id] = code
        self._refresh_recap()
        self.answered.emit(progress)
        self._advance(progress)

    def _ask_revision(self, question_id: str, code: str) -> None:
        """A completed questionnaire: changing an answer is a correction, with its reason kept
        in the history and the effect on the orientation shown before saving."""
        from app.ui.correction_dialog import AnswerDialog

        dialog = AnswerDialog(self._service, self._ref, self, question_id=question_id,
                              answer=code)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _result: self._on_revision_finished(dialog))
        self.revision_dialog = dialog
        dialog.open()
        dialog.activateWindow()

    def _on_revision_finished(self, dialog: AnswerDialog) -> None:
        self.revision_dialog = None
        progress = dialog.progress
        if progress is None:  # cancelled: the saved answer stays, shown again
            self.show_question(self._index)
            return
        self._answers = dict(self._service.record(self._ref).get("answers", {}))
        self._refresh_recap()
        self.answered.emit(progress)
        self._return_to_resume = False
        self.completed.emit()

    def _advance(self, progress: Progress) -> None:
        assert self._questionnaire is not None
        last = len(self._questionnaire.questions) - 1
        resume = self.first_unanswered()
        if self._return_to_resume:
            self._return_to_resume = False
            if resume is None:
                self.completed.emit()
            else:
                self.show_question(resume)
            return
        if self._index < last:
            self.show_question(self._index + 1)
        elif resume is None and progress.next_question is None:
            self.completed.emit()
        else:
            self.show_question(resume if resume is not None else last)

    # ------------------------------------------------------------------ slots

    def _on_answer_list_picked(self, row: int) -> None:
        self._pick(row)

    def _on_answer_list_item_clicked(self, item: QListWidgetItem) -> None:
        self._pick(self.answer_list.row(item))

    def _on_answer_list_back_requested(self) -> None:
        if self._index > 0:
            self._return_to_resume = False
            self.show_question(self._index - 1)

    def _on_recap_list_item_activated(self, item: QListWidgetItem) -> None:
        index = int(item.data(CODE_ROLE))
        self._return_to_resume = True
        self.show_question(index)

    def _on_phone_check_toggled(self, _on: bool) -> None:
        self._apply_phone_mode()
        if self._questionnaire is not None:
            self.show_question(self._index)

    def _on_phone_shortcut_activated(self) -> None:
        self.phone_check.toggle()
