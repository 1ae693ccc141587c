"""The result page: the aids the answers open, grouped by organisme, each with its reasons in
words, the urgency and its reasons, and the organismes the worker can be oriented to."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app.forms.evaluation import BlockedAid, Orientation, aid_reasons_shown
from app.forms.figures import ProcessingFigure
from app.forms.questionnaire import Organisme, Questionnaire
from app.ui import wording
from app.ui.display import readable_color


class ResultPage(QWidget):
    """What the questionnaire found, for the agent to explain to the worker.

    Signals:
        consent_requested(): go on to the consent (Enter), or to the documents when no
            organisme is concerned.
        back_requested(): return to the questionnaire to change an answer.
        print_requested(): preview and print the worker's summary now (Ctrl+P).
    """

    consent_requested = Signal()
    back_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Résultat du questionnaire"))
        self.organismes: tuple[str, ...] = ()
        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        self.title_label.setAccessibleName(self.tr("Résumé du résultat"))
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title_label.setFont(font)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(self.tr("Aides envisageables et raisons"))
        self.browser.setOpenLinks(False)
        self.back_button = QPushButton(self.tr("Modifier les &réponses"), self)
        self.back_button.setAccessibleName(self.tr("Modifier les réponses"))
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.print_button = QPushButton(self.tr("&Imprimer la synthèse… (Ctrl+P)"), self)
        self.print_button.setAccessibleName(self.tr("Imprimer la synthèse"))
        self.print_button.setToolTip(self.tr("Aperçu et impression de « Vos aides et vos "
                                             "contacts » pour la personne (Ctrl+P)"))
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.next_button = QPushButton(self)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        help_line = QLabel(self.tr("Entrée : continuer · Ctrl+P : imprimer la synthèse · "
                                   "Échap : quitter"), self)
        help_line.setAccessibleName(help_line.text())
        help_line.setWordWrap(True)  # beside the buttons at a 150 % text size on 1366 px
        buttons = QHBoxLayout()
        buttons.addWidget(help_line, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        for key in ("Return", "Enter", "Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_next_button_clicked)
        print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        print_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_shortcut.activated.connect(self._on_print_button_clicked)

    def show_orientation(self, questionnaire: Questionnaire, orientation: Orientation, *,
                         processing_figures: Mapping[str, ProcessingFigure] | None = None,
                         ) -> None:
        """Show the result; ``processing_figures``: the usual processing time per organisme, as
        the central store publishes it (shown under each organisme that has one, as on the
        printed summary)."""
        figures = {code: f for code, f in (processing_figures or {}).items()
                   if code in orientation.organismes}
        self.organismes = orientation.organismes
        parts: list[str] = []
        if orientation.urgent:
            reasons = "".join(f"<li>{escape(wording.reason_label(questionnaire, r))}</li>"
                              for r in orientation.urgent_reasons)
            urgent_title = self.tr("URGENT — situation à traiter en priorité")
            parts.append(
                "<table border='1' cellpadding='6' cellspacing='0' width='100%' "
                f"style='border-color: {readable_color('#a40000')};'><tr><td>"
                f"<b>{escape(urgent_title)}</b>"
                f"<ul>{reasons}</ul></td></tr></table>")
        parts.extend(self._blocked_html(orientation.blocked))
        if not orientation.aids:
            self.title_label.setText(self.tr("Aucune fragilité n’a été détectée."))
            parts.append(f"<p>{escape(questionnaire.no_aid.text)}</p><ul>"
                         + "".join(f"<li>{escape(r)}</li>"
                                   for r in questionnaire.no_aid.bons_reflexes) + "</ul>")
            self.next_button.setText(self.tr("&Voir les documents (Entrée)"))
            self.next_button.setAccessibleName(self.tr("Voir les documents"))
        else:
            names = ", ".join(questionnaire.organisme(o).short_name
                              for o in orientation.organismes)
            count = len(orientation.aids)
            title = (self.tr("%n aide envisageable — à orienter vers : %1", "", count)
                     if count < 2 else
                     self.tr("%n aides envisageables — à orienter vers : %1", "", count))
            self.title_label.setText(title.replace("%1", names))
            for code in orientation.organismes:
                organisme = questionnaire.organisme(code)
                parts.append(
                    f"<h3>{escape(organisme.name)}</h3>"
                    f"<p>{escape(_contact_line(organisme))}</p>")
                if code in figures:
                    parts.append(f"<p><i>{escape(self._delay(figures[code]))}</i></p>")
                elif figures:
                    month = self.tr("Délai habituel : environ un mois.")
                    parts.append(f"<p><i>{escape(month)}</i></p>")
                parts.append("<ul>")
                know = self.tr("À savoir : %1")
                for aid in (a for a in orientation.aids if a.organisme == code):
                    reasons = " ; ".join(
                        wording.reason_label(questionnaire, r)
                        for r in aid_reasons_shown(questionnaire, aid.code, aid.reasons))
                    why = self.tr("Pourquoi : %1").replace("%1", reasons)
                    parts.append(f"<li><b>{escape(aid.title)}</b><br/>{escape(why)}"
                                 f"{_facts_html(questionnaire, aid.code, know)}</li>")
                parts.append("</ul>")
            self.next_button.setText(self.tr("Recueillir le &consentement (Entrée)"))
            self.next_button.setAccessibleName(self.tr("Recueillir le consentement"))
        if orientation.unanswered:
            themes = ", ".join(questionnaire.question(q).theme for q in orientation.unanswered)
            unanswered = self.tr("Sans réponse (ne sait pas) : %1").replace("%1", themes)
            parts.append(f"<p><i>{escape(unanswered)}</i></p>")
        self.browser.setHtml("".join(parts))
        self.browser.setAccessibleDescription(self.browser.toPlainText())
        self.next_button.setFocus()

    def _days(self, days: int) -> str:
        return self.tr("1 jour") if days == 1 else self.tr("%1 jours").replace("%1", str(days))

    def _delay(self, figure: ProcessingFigure) -> str:
        """« Délai habituel constaté : 5 jours (médiane), 12 jours pour 9 demandes sur 10 »."""
        line = self.tr("Délai habituel constaté : %1 (médiane), %2 pour 9 demandes sur 10")
        scope = self.tr("(demandes clôturées ces %1 derniers jours)").replace(
            "%1", str(figure.window_days))
        return (line.replace("%1", self._days(figure.median_days))
                .replace("%2", self._days(figure.p90_days)) + " " + scope)

    def _blocked_html(self, blocked: tuple[BlockedAid, ...]) -> list[str]:
        """« ACED et AFE ne peuvent pas être examinées : date de début d’activité manquante »,
        one line per set of missing profile fields."""
        groups: dict[tuple[str, ...], list[BlockedAid]] = {}
        for aid in blocked:
            groups.setdefault(aid.missing, []).append(aid)
        lines: list[str] = []
        for missing, aids in groups.items():
            names = wording.and_list([wording.aid_short_name(a.title) for a in aids])
            fields = ", ".join(wording.missing_field_label(f) for f in missing)
            n = len(aids)
            sentence = (self.tr("%1 ne peut pas être examinée : %2", "", n) if n < 2
                        else self.tr("%1 ne peuvent pas être examinées : %2", "", n))
            lines.append(sentence.replace("%1", names).replace("%2", fields))
        if not lines:
            return []
        hint = self.tr("Complétez l’identité et la situation du dossier pour que ces aides "
                       "soient examinées.")
        return [f"<p style='color: {readable_color('#8a4b00')};'><b>"
                + "<br/>".join(escape(line) for line in lines)
                + f"</b><br/><i>{escape(hint)}</i></p>"]

    def text(self) -> str:
        return self.title_label.text() + "\n" + self.browser.toPlainText()

    def has_unsaved_input(self) -> bool:
        return False

    def focus_first(self) -> None:
        self.next_button.setFocus()

    def _on_next_button_clicked(self) -> None:
        self.consent_requested.emit()

    def _on_back_button_clicked(self) -> None:
        self.back_requested.emit()

    def _on_print_button_clicked(self) -> None:
        self.print_requested.emit()


def _contact_line(organisme: Organisme) -> str:
    """« ☎ 3698 (service gratuit + prix appel), du lundi… »; the contact fields the sources do
    not give (empty) are left out: « www.caf.fr » alone."""
    if not organisme.phone:
        return organisme.website
    line = f"☎ {organisme.phone}"
    if organisme.phone_note:
        line += f" ({organisme.phone_note})"
    return line + (f", {organisme.hours}" if organisme.hours else "")


def _facts_html(questionnaire: Questionnaire, code: str, label: str) -> str:
    """The aid's facts in small grey type under it, « À savoir : … » (``label``, translated, with
    %1 for the fact), as the printed summary words them (the facts are the questionnaire's French
    data, like the aid titles)."""
    facts = [questionnaire.fact(f).printed_text() for f in questionnaire.aid(code).facts]
    if not facts:
        return ""
    return (f"<br/><span style='color: {readable_color('#5c5c5c')}; font-size: small;'>"
            + "<br/>".join(escape(label.replace("%1", text)) for text in facts) + "</span>")
