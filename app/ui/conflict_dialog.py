"""Résoudre un conflit: a dossier changed both on this workstation and in the central store.

Everything that changed on one side only, and the consents, orientations and prints (merged by
rule: a revocation always wins) are merged by themselves (app.sync.merge); the dialog shows one
row per field changed *differently* on both sides (an identity field, a profile field, an
answer, the status) with its value before (the common version), on this workstation and in the
central store, each in words, and a choice per row. Nothing is chosen in advance:
« Enregistrer la fusion » stays off until every row has its choice. Saving calls
:meth:`SyncClient.resolve_conflict` (no network: the merged dossier becomes a new local revision
that the next round sends).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.forms.identity import IDENTITY_FIELDS
from app.forms.questionnaire import Questionnaire
from app.ui import wording
from app.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from app.sync.client import SyncClient
    from app.sync.merge import Choice, FieldDifference

log = logging.getLogger(__name__)

LOCAL, SERVER = "local", "server"
CHOSEN_STYLE = (
    "QFrame#conflict_cell { border: 1px solid transparent; border-radius: 4px; }"
    "QFrame#conflict_cell[chosen=\"true\"] { background: #e6f2e6; border-color: #2e7d32; }"
    "QFrame#conflict_cell[dropped=\"true\"] QLabel { color: #6b6b6b; }"
)


def section_order(key: str, questionnaire: Questionnaire | None) -> tuple[int, int, str]:
    """Rows in the order of the dossier: identity, profile, answers, status, urgency,
    consents, orientations."""
    section, _, name = key.partition(".")
    if section == "identity":
        position = IDENTITY_FIELDS.index(name) if name in IDENTITY_FIELDS else 99
        return (0, position, name)
    if section == "profile":
        fields = [p.field for p in questionnaire.profile] if questionnaire else []
        return (1, fields.index(name) if name in fields else 99, name)
    if section == "answers":
        return (2, 0, name)
    return (3, ("status", "urgent", "consents", "orientations").index(key)
            if key in ("status", "urgent", "consents", "orientations") else 99, key)


@dataclass
class ConflictRow:
    """One differing section and the agent's choice for it."""

    key: str
    title: str
    group: QButtonGroup
    local: QRadioButton
    server: QRadioButton
    cells: tuple[QFrame, QFrame]
    values: tuple[str, str]  # plain text of each side, for accessible names and tests

    def choice(self) -> str | None:
        if self.local.isChecked():
            return LOCAL
        if self.server.isChecked():
            return SERVER
        return None


class _ClickToChoose(QObject):
    """A click on a value cell chooses it, as a click on its radio button would."""

    def __init__(self, button: QRadioButton, parent: QObject) -> None:
        super().__init__(parent)
        self.button = button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QMouseEvent) and event.type() == QEvent.Type.MouseButtonRelease \
                and event.button() == Qt.MouseButton.LeftButton:
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
            self.button.setChecked(True)
            return True
        return False


class ConflictDialog(QDialog):
    """Choose, row by row, the version of each differing section; save the merge.

    Signals:
        resolved(str): the merged dossier was saved (its id); the next round sends it.
    """

    resolved = Signal(str)

    def __init__(self, client: SyncClient, dossier_id: str, *, agent: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.dossier_id = dossier_id
        self.agent = agent or None
        self.rows: list[ConflictRow] = []
        self.differences: list[FieldDifference] = []
        self.questionnaire: Questionnaire | None = None
        self.local_record: dict[str, Any] = {}
        self.server_record: dict[str, Any] = {}
        self.base_record: dict[str, Any] | None = None
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(self.tr("Résoudre le conflit de synchronisation"))
        self.setAccessibleName(self.tr("Résoudre le conflit de synchronisation"))
        self.setStyleSheet(CHOSEN_STYLE)

        layout = QVBoxLayout(self)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("conflict_title")
        self.title_label.setWordWrap(True)
        self.title_label.setAccessibleName(self.tr("Dossier en conflit"))
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)
        self.intro_label = QLabel(self.tr(
            "Ce dossier a été modifié sur ce poste et, entre-temps, sur le serveur central "
            "(par un autre poste ou un partenaire). Ce qui n’a changé que d’un côté est déjà "
            "fusionné, de même que les consentements (un retrait l’emporte toujours), les "
            "suites données par les partenaires et les impressions. Pour chaque information "
            "modifiée différemment des deux côtés, choisissez la version à garder : rien "
            "n’est choisi d’avance et rien n’est enregistré tant que chaque ligne n’a pas son "
            "choix."), self)
        self.intro_label.setObjectName("conflict_intro")
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        self.by_rule_label = QLabel(self)
        self.by_rule_label.setObjectName("conflict_by_rule")
        self.by_rule_label.setWordWrap(True)
        self.by_rule_label.setVisible(False)
        layout.addWidget(self.by_rule_label)

        self.rows_area = QScrollArea(self)
        self.rows_area.setObjectName("conflict_rows")
        self.rows_area.setAccessibleName(self.tr("Informations à choisir"))
        self.rows_area.setWidgetResizable(True)
        self.rows_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rows_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the choices take the focus
        layout.addWidget(self.rows_area, 1)

        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("conflict_progress")
        self.progress_label.setAccessibleName(self.tr("Choix faits"))
        layout.addWidget(self.progress_label)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("conflict_error")
        self.error_label.setAccessibleName(self.tr("Problème"))
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("QLabel { color: #b00020; font-weight: bold; }")
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)

        buttons = QHBoxLayout()
        self.all_local_button = QPushButton(self.tr("Garder tout ce &poste"), self)
        self.all_local_button.setObjectName("conflict_all_local")
        self.all_local_button.setAccessibleName(self.tr("Garder tout ce poste"))
        self.all_local_button.setToolTip(self.tr(
            "Choisir la version de ce poste pour chaque ligne (modifiable ensuite)"))
        self.all_server_button = QPushButton(self.tr("Garder tout le &serveur"), self)
        self.all_server_button.setObjectName("conflict_all_server")
        self.all_server_button.setAccessibleName(self.tr("Garder tout le serveur"))
        self.all_server_button.setToolTip(self.tr(
            "Choisir la version du serveur central pour chaque ligne (modifiable ensuite)"))
        self.cancel_button = QPushButton(self.tr("Annuler"), self)
        self.cancel_button.setObjectName("conflict_cancel")
        self.cancel_button.setAccessibleName(self.tr("Annuler"))
        self.cancel_button.setToolTip(self.tr("Fermer sans rien changer : le conflit reste à "
                                              "résoudre (Échap)"))
        self.save_button = QPushButton(self.tr("&Enregistrer la fusion"), self)
        self.save_button.setObjectName("conflict_save")
        self.save_button.setAccessibleName(self.tr("Enregistrer la fusion"))
        self.save_button.setDefault(True)
        for button in (self.all_local_button, self.all_server_button, self.cancel_button,
                       self.save_button):
            button.setAutoDefault(False)
        self.save_button.setDefault(True)
        buttons.addWidget(self.all_local_button)
        buttons.addWidget(self.all_server_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

        self.all_local_button.clicked.connect(self._on_all_local_button_clicked)
        self.all_server_button.clicked.connect(self._on_all_server_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.reload()
        self._size_dialog()

    # ------------------------------------------------------------------ content

    def reload(self, keep: dict[str, str] | None = None) -> bool:
        """Read the conflict again and show its rows (with the choices in ``keep`` for the rows
        whose two values did not change); False when it cannot be read (the error says why)."""
        from app.sync.errors import SyncError
        from app.sync.ledger import differences

        try:
            versions = self.client.open_conflict(self.dossier_id)
        except SyncError:
            self._fail(self.tr("La version du serveur central de ce dossier n’est pas connue "
                               "sur ce poste : synchronisez (F5), puis rouvrez ce conflit."))
            return False
        if versions is None:
            self._fail(self.tr("Ce conflit a déjà été résolu (dans une autre fenêtre ou par "
                               "une synchronisation) : il n’y a plus rien à choisir."))
            return False
        local, server = versions.local, versions.server
        self.local_record, self.server_record = local, server
        self.base_record = versions.base
        self.questionnaire = wording.questionnaire_or_none(local.get("questionnaire"))
        identity = local.get("identity") or {}
        name = " ".join(str(p) for p in (identity.get("nom"), identity.get("prenom")) if p)
        self.title_label.setText(self.tr("Conflit sur le dossier %s — %s")
                                 % (local.get("number", ""), name))
        previous = {d.key: d for d in self.differences}
        self.differences = sorted(differences(local, server, versions.base),
                                  key=lambda d: section_order(d.key, self.questionnaire))
        self._show_by_rule(versions.base, local, server)
        kept = {k: v for k, v in (keep or {}).items() if previous.get(k) in self.differences}
        self._build_rows(kept)
        self._update_progress()
        return True

    def _show_by_rule(self, base: dict[str, Any] | None, local: dict[str, Any],
                      server: dict[str, Any]) -> None:
        """Say what the rules settled between two different versions (a consent revoked on
        one side, a partner's follow-up), as it will be saved."""
        from app.sync.merge import merge3

        result = merge3(base, local, server)
        lines = []
        for key in result.by_rule:
            section, _, organisme = key.partition(".")
            entry = next((e for e in result.merged.get(section) or []
                          if e.get("organisme") == organisme), None)
            if entry is not None:
                lines.append(wording.consent_line(entry) if section == "consents"
                             else wording.orientation_line(entry))
        self.by_rule_label.setText(
            self.tr("Déjà fusionné selon les règles : %s") % " ; ".join(lines) if lines else "")
        self.by_rule_label.setVisible(bool(lines))

    def _build_rows(self, keep: dict[str, str]) -> None:
        for row in self.rows:
            row.group.deleteLater()
        self.rows = []
        body = QWidget(self.rows_area)
        body.setObjectName("conflict_body")
        grid = QGridLayout(body)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)
        grid.setColumnStretch(3, 3)
        grid.setVerticalSpacing(self.fontMetrics().height() // 3)
        bold = QFont(self.font())
        bold.setBold(True)
        for column, (text, moment) in enumerate((
                (self.tr("Information"), None),
                (self.tr("Avant (version commune)"),
                 self.base_record.get("updated_at") if self.base_record else None),
                (self.tr("Sur ce poste"), self.local_record.get("updated_at")),
                (self.tr("Sur le serveur central"), self.server_record.get("updated_at")))):
            header = QLabel(text, body)
            header.setFont(bold)
            # Wrapped: four unbreakable headers would make the rows wider than the window,
            # and the part cut at the right edge (no horizontal scroll bar) could not be read.
            header.setWordWrap(True)
            header.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            if moment:
                header.setText(self.tr("%s\n(modifié le %s)")
                               % (text, wording.short_date(moment, with_time=True)))
            header.setObjectName(f"conflict_header_{column}")
            grid.addWidget(header, 0, column)
        line = QFrame(body)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, 1, 0, 1, 4)

        if not self.differences:
            empty = QLabel(self.tr(
                "Les deux versions se fusionnent sans choix à faire (les modifications de "
                "chaque côté portent sur des informations différentes) : enregistrez pour "
                "terminer."), body)
            empty.setObjectName("conflict_nothing")
            empty.setWordWrap(True)
            grid.addWidget(empty, 2, 0, 1, 4)
        at = 2
        for index, difference in enumerate(self.differences):
            if index:
                separator = QFrame(body)
                separator.setFrameShape(QFrame.Shape.HLine)
                separator.setFrameShadow(QFrame.Shadow.Plain)
                separator.setStyleSheet("QFrame { color: #d0d0d0; }")
                grid.addWidget(separator, at, 0, 1, 4)
                at += 1
            self._add_row(grid, body, at, difference, keep.get(difference.key), bold)
            at += 1
        grid.setRowStretch(at, 1)
        old = self.rows_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.rows_area.setWidget(body)
        self._set_tab_order()
        first = next((r for r in self.rows if r.choice() is None), None)
        if first is not None:
            first.local.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_row(self, grid: QGridLayout, body: QWidget, at: int, difference: FieldDifference,
                 choice: str | None, bold: QFont) -> None:
        key = difference.key
        title = wording.difference_label(key, self.questionnaire)
        head = QWidget(body)
        head_layout = QVBoxLayout(head)
        head_layout.setContentsMargins(0, 5, 0, 5)  # level with the values' first line
        title_label = QLabel(title, head)
        title_label.setFont(bold)
        title_label.setWordWrap(True)
        head_layout.addWidget(title_label)
        detail = wording.difference_detail(key, self.questionnaire)
        if detail:
            detail_label = QLabel(detail, head)
            detail_label.setWordWrap(True)
            detail_label.setStyleSheet("QLabel { color: #555555; }")
            head_layout.addWidget(detail_label)
        head_layout.addStretch(1)
        grid.addWidget(head, at, 0, Qt.AlignmentFlag.AlignTop)

        if self.base_record is None:
            base_text = [self.tr("inconnue")]
        else:
            base_text = wording.difference_lines(key, difference.base, self.questionnaire)
        base = QLabel("<br>".join(escape(t) for t in base_text), body)
        base.setObjectName(f"conflict_value_base_{key}")
        base.setTextFormat(Qt.TextFormat.RichText)
        base.setWordWrap(True)
        base.setStyleSheet("QLabel { color: #555555; }")
        base.setContentsMargins(4, 8, 4, 4)
        base.setAccessibleName(self.tr("%s — avant les deux modifications : %s")
                               % (title, " ; ".join(base_text)))
        grid.addWidget(base, at, 1, Qt.AlignmentFlag.AlignTop)

        local_lines = wording.difference_lines(key, difference.local, self.questionnaire)
        server_lines = wording.difference_lines(key, difference.server, self.questionnaire)
        group = QButtonGroup(self)
        group.setExclusive(True)
        cells: list[QFrame] = []
        radios: list[QRadioButton] = []
        for column, (side, lines, other) in enumerate(
                ((LOCAL, local_lines, server_lines), (SERVER, server_lines, local_lines)), 2):
            cell = QFrame(body)
            cell.setObjectName("conflict_cell")
            cell.setProperty("chosen", False)
            cell_layout = QHBoxLayout(cell)
            cell_layout.setContentsMargins(4, 4, 4, 4)
            radio = QRadioButton(cell)
            radio.setObjectName(f"conflict_{side}_{key}")
            where = self.tr("ce poste") if side == LOCAL else self.tr("serveur central")
            plain = " ; ".join(lines)
            radio.setAccessibleName(self.tr("%s — garder la version de %s : %s")
                                    % (title, where, plain))
            radio.setToolTip(self.tr("Garder la version de %s") % where)
            cell_layout.addWidget(radio, 0, Qt.AlignmentFlag.AlignTop)
            value = QLabel(cell)
            value.setObjectName(f"conflict_value_{side}_{key}")
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setWordWrap(True)
            value.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            value.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            shown = [f"<b>{escape(t)}</b>" if len(lines) > 1 and t not in other else escape(t)
                     for t in lines]
            value.setText("<br>".join(shown))
            cell_layout.addWidget(value, 1)
            clicker = _ClickToChoose(radio, cell)
            value.installEventFilter(clicker)
            cell.installEventFilter(clicker)
            group.addButton(radio)
            grid.addWidget(cell, at, column, Qt.AlignmentFlag.AlignTop)
            cells.append(cell)
            radios.append(radio)
        row = ConflictRow(key, title, group, radios[0], radios[1], (cells[0], cells[1]),
                          (" ; ".join(local_lines), " ; ".join(server_lines)))
        if choice == LOCAL:
            row.local.setChecked(True)
        elif choice == SERVER:
            row.server.setChecked(True)
        group.buttonToggled.connect(self._on_group_button_toggled)
        self.rows.append(row)
        self._show_choice(row)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = []
        for row in self.rows:
            chain += [row.local, row.server]
        chain += [self.all_local_button, self.all_server_button, self.cancel_button,
                  self.save_button]
        previous = chain[0]
        for widget in chain[1:]:
            QWidget.setTabOrder(previous, widget)
            previous = widget

    def _size_dialog(self) -> None:
        # Four columns (the information, before, this workstation, the central store): wide
        # enough for each value to read on a few lines, never beyond the screen.
        fm = self.fontMetrics()
        width, height = min(fm.averageCharWidth() * 160, 1400), min(fm.height() * 36, 900)
        fit_to_screen(self, width, height)

    # ------------------------------------------------------------------ choices

    def choices(self) -> dict[str, str]:
        """The choices made so far, by section key."""
        return {row.key: choice for row in self.rows if (choice := row.choice()) is not None}

    def all_chosen(self) -> bool:
        return all(row.choice() is not None for row in self.rows)

    def choose_all(self, side: str) -> None:
        for row in self.rows:
            (row.local if side == LOCAL else row.server).setChecked(True)

    def _show_choice(self, row: ConflictRow) -> None:
        choice = row.choice()
        for side, cell in zip((LOCAL, SERVER), row.cells, strict=True):
            cell.setProperty("chosen", choice == side)
            cell.setProperty("dropped", choice is not None and choice != side)
            cell.style().unpolish(cell)
            cell.style().polish(cell)
            for label in cell.findChildren(QLabel):
                label.style().unpolish(label)
                label.style().polish(label)

    def _update_progress(self) -> None:
        done, total = len(self.choices()), len(self.rows)
        if total == 0:
            self.progress_label.setText("")
        elif total == 1:
            self.progress_label.setText(self.tr("Choix fait : %s sur 1") % done)
        else:
            self.progress_label.setText(self.tr("Choix faits : %s sur %s") % (done, total))
        ready = self.all_chosen() and self._readable
        self.save_button.setEnabled(ready)
        self.save_button.setToolTip(
            self.tr("Enregistrer le dossier fusionné ; il sera envoyé au serveur central à la "
                    "prochaine synchronisation") if ready
            else self.tr("Choisissez une version pour chaque ligne d’abord"))

    _readable = True

    def _fail(self, message: str) -> None:
        self._readable = False
        self.error_label.setText(message)
        self.error_label.setVisible(True)
        for row in self.rows:
            row.local.setEnabled(False)
            row.server.setEnabled(False)
        self.all_local_button.setEnabled(False)
        self.all_server_button.setEnabled(False)
        if not self.title_label.text():
            self.title_label.setText(self.tr("Conflit de synchronisation"))
        self._update_progress()

    def _say(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    # ------------------------------------------------------------------ slots

    def _on_group_button_toggled(self, _button: QAbstractButton, _checked: bool) -> None:
        for row in self.rows:
            self._show_choice(row)
        self._update_progress()

    def _on_all_local_button_clicked(self) -> None:
        self.choose_all(LOCAL)

    def _on_all_server_button_clicked(self) -> None:
        self.choose_all(SERVER)

    def _on_save_button_clicked(self) -> None:
        self.save()

    def save(self) -> bool:
        """Save the merge with the choices made; True when saved (the dialog closes)."""
        from app.sync.errors import SyncError
        from app.sync.ledger import differences

        if not self.all_chosen():
            self._say(self.tr("Choisissez une version pour chaque ligne avant d’enregistrer."))
            return False
        choices = self.choices()
        try:
            versions = self.client.open_conflict(self.dossier_id)
            if versions is None:
                raise LookupError(self.dossier_id)
            current = sorted(differences(versions.local, versions.server, versions.base),
                             key=lambda d: section_order(d.key, self.questionnaire))
            if current != self.differences:
                # The store sent a newer version meanwhile: show it, keep what still holds.
                self.reload(keep=choices)
                self._say(self.tr("Le serveur central a envoyé une nouvelle version de ce "
                                  "dossier pendant votre choix : vérifiez les lignes, puis "
                                  "enregistrez."))
                return False
            self.client.resolve_conflict(self.dossier_id, cast("dict[str, Choice]", choices),
                                         agent=self.agent)
        except LookupError:
            self._fail(self.tr("Ce conflit a déjà été résolu (dans une autre fenêtre ou par "
                               "une synchronisation) : rien n’a été modifié ici."))
            return False
        except SyncError:
            self._say(self.tr("La version du serveur central de ce dossier n’est pas connue "
                              "sur ce poste : synchronisez (F5), puis recommencez. Vos choix "
                              "sont gardés tant que cette fenêtre reste ouverte."))
            return False
        except Exception as exc:  # the local store could not write: nothing is lost
            log.exception("resolving a conflict failed")
            self._say(self.tr("L’enregistrement a échoué (%s) : rien n’a été modifié ; vos "
                              "choix sont gardés, réessayez.") % (str(exc) or type(exc).__name__))
            return False
        self.resolved.emit(self.dossier_id)
        self.accept()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Entrée on a radio button chooses it; it saves only from the save button.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QRadioButton):
                focused.setChecked(True)
                return
        super().keyPressEvent(event)


def describe(row: ConflictRow) -> dict[str, Any]:
    """A row as plain data (for logs and tests)."""
    return {"key": row.key, "title": row.title, "local": row.values[0],
            "server": row.values[1], "choice": row.choice()}
