"""The side panel of the main window: the selected dossier at a glance, and what to do with it.

It shows a dossier's export dict (``DossierService.record``): identity, status, channel, agent,
dates, how many questions are answered, consents per organisme, orientations and their
follow-up, and the sync state. Its buttons trigger the window's actions (same shortcuts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import lru_cache
from html import escape as _escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ui import wording
from app.ui.dossier_table import URGENT_RED, orientation_state_label

if TYPE_CHECKING:
    from app.dossier_service import HistoryEntry
    from app.forms.questionnaire import Questionnaire


@lru_cache(maxsize=8)
def question_count(version: str) -> int | None:
    """Questions of a questionnaire version (None when this app does not ship it)."""
    from app.forms.questionnaire import QuestionnaireError, load_questionnaire

    try:
        return len(load_questionnaire(version).questions)
    except (QuestionnaireError, OSError):
        return None


def _date(value: str | None, *, with_time: bool = True) -> str:
    if not value:
        return ""
    moment = datetime.fromisoformat(value)
    return wording.local_datetime(moment) if with_time else wording.local_date(moment)


def _value_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return label


class DossierPanel(QWidget):
    """Summary of one dossier, with « Reprendre le dossier », « Documents… », « Consentements… »
    always in view above the details (which scroll).

    Emits no signal of its own: the buttons trigger the QActions given to it.
    """

    def __init__(self, actions: Mapping[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossier_panel")
        self.setAccessibleName(self.tr("Résumé du dossier sélectionné"))
        self.record: dict[str, Any] | None = None
        self.history: list[HistoryEntry] = []
        self.sync_state = "local"
        # When the central store confirmed each orientation (organisme -> time): see
        # app.models.orientation_state; set with set_transmissions before show_record.
        self.transmitted: dict[str, datetime] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        self.empty_label = QLabel(self.tr(
            "Sélectionnez un dossier dans la liste pour voir son résumé, ou créez-en un nouveau "
            "(Ctrl+N)."), self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName(self.tr("Aucun dossier sélectionné"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_label.setMargin(self.fontMetrics().averageCharWidth())
        outer.addWidget(self.empty_label, 1)

        self.content = QWidget(self)
        outer.addWidget(self.content, 1)
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)

        # Header: who, whether urgent, and what to do (never scrolled away).
        head = QHBoxLayout()
        self.name_label = QLabel(self.content)
        self.name_label.setObjectName("panel_name")
        self.name_label.setWordWrap(True)
        self.name_label.setAccessibleName(self.tr("Nom et prénom"))
        title_font = QFont(self.name_label.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.name_label.setFont(title_font)
        head.addWidget(self.name_label, 1)
        self.urgent_label = QLabel(self.tr("Urgent"), self.content)
        self.urgent_label.setObjectName("panel_urgent")
        self.urgent_label.setAccessibleName(self.tr("Dossier urgent"))
        self.urgent_label.setToolTip(self.tr("Dossier urgent : à traiter en priorité"))
        self.urgent_label.setStyleSheet(
            f"QLabel {{ background: {URGENT_RED.name()}; color: white; font-weight: bold; "
            "border-radius: 0.6em; padding: 0.1em 0.7em; }")
        self.urgent_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        head.addWidget(self.urgent_label, 0, Qt.AlignmentFlag.AlignVCenter)
        content.addLayout(head)

        self.buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("open_dossier", self.tr("Reprendre le dossier")),
            ("documents", self.tr("Documents…")),
            ("consents", self.tr("Consentements…")),
        ):
            action = actions[key]
            button = QPushButton(text, self.content)
            button.setObjectName(f"panel_button_{key}")
            button.setAccessibleName(text.rstrip("…"))
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            self.buttons[key] = button
        self.buttons["open_dossier"].setDefault(True)
        content.addWidget(self.buttons["open_dossier"])
        row = QHBoxLayout()
        row.addWidget(self.buttons["documents"])
        row.addWidget(self.buttons["consents"])
        content.addLayout(row)
        correct_row = QHBoxLayout()
        for key, text in (
            ("correct_identity", self.tr("Corriger l’identité…")),
            ("revise_answer", self.tr("Modifier une réponse…")),
        ):
            correct_action = actions.get(key)
            button = QPushButton(text, self.content)
            button.setObjectName(f"panel_button_{key}")
            button.setAccessibleName(text.rstrip("…"))
            if correct_action is not None:
                button.setToolTip(correct_action.toolTip())
                button.clicked.connect(correct_action.trigger)
            self.buttons[key] = button
            correct_row.addWidget(button)
        content.addLayout(correct_row)
        # Shown only when the dossier's sync state calls for them.
        for key, text, tip in (
            ("resolve_conflict", self.tr("Résoudre le conflit…"), None),
            ("quarantine", self.tr("Voir le refus du serveur…"),
             self.tr("Le serveur central a refusé ce dossier : voir le motif et le corriger")),
        ):
            sync_action = actions.get(key)
            button = QPushButton(text, self.content)
            button.setObjectName(f"panel_button_{key}")
            button.setAccessibleName(text.rstrip("…"))
            button.setToolTip(tip or (sync_action.toolTip() if sync_action is not None else ""))
            button.setStyleSheet("QPushButton { font-weight: bold; }")
            if sync_action is not None:
                button.clicked.connect(sync_action.trigger)
            button.setVisible(False)
            self.buttons[key] = button
            content.addWidget(button)

        self.details_area = QScrollArea(self.content)
        self.details_area.setObjectName("dossier_panel_details")
        self.details_area.setAccessibleName(self.tr("Détails du dossier"))
        self.details_area.setWidgetResizable(True)
        self.details_area.setFrameShape(QFrame.Shape.NoFrame)
        self.details_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content.addWidget(self.details_area, 1)
        details = QWidget(self.details_area)
        details.setObjectName("dossier_panel_body")
        body = QVBoxLayout(details)
        body.setContentsMargins(0, 0, 0, 0)

        summary = QGroupBox(self.tr("Dossier"), details)
        summary.setAccessibleName(self.tr("Dossier"))
        form = QFormLayout(summary)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.fields: dict[str, QLabel] = {}

        def add(form: QFormLayout, parent: QWidget, key: str, title: str) -> None:
            label = _value_label(parent, title)
            label.setObjectName(f"panel_{key}")
            self.fields[key] = label
            form.addRow(title + self.tr(" :"), label)

        for key, title in (
            ("number", self.tr("N° de dossier")),
            ("status", self.tr("Statut")),
            ("answered", self.tr("Questions répondues")),
            ("channel", self.tr("Canal")),
            ("agent", self.tr("Agent")),
            ("created_at", self.tr("Créé le")),
            ("updated_at", self.tr("Mis à jour le")),
            ("site", self.tr("Poste")),
            ("sync", self.tr("Synchronisation")),
        ):
            add(form, summary, key, title)
        self.fields["number"].setWordWrap(False)  # a number cut at its dashes reads wrong
        body.addWidget(summary)

        self.orientations_box = QGroupBox(self.tr("Orientations"), details)
        self.orientations_box.setAccessibleName(self.tr("Orientations"))
        self.orientations_label = _value_label(self.orientations_box, self.tr("Orientations"))
        self.orientations_label.setObjectName("panel_orientations")
        self.orientations_label.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self.orientations_box).addWidget(self.orientations_label)
        body.addWidget(self.orientations_box)

        self.consents_box = QGroupBox(self.tr("Consentements"), details)
        self.consents_box.setAccessibleName(self.tr("Consentements"))
        self.consents_label = _value_label(self.consents_box, self.tr("Consentements"))
        self.consents_label.setObjectName("panel_consents")
        self.consents_label.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self.consents_box).addWidget(self.consents_label)
        body.addWidget(self.consents_box)

        self.identity_box = QGroupBox(self.tr("Identité"), details)
        self.identity_box.setAccessibleName(self.tr("Identité"))
        identity_form = QFormLayout(self.identity_box)
        identity_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for key, title in (
            ("date_naissance", wording.field_label("date_naissance")),
            ("nir", self.tr("NIR")),
            ("siret", wording.field_label("siret")),
            ("telephone", wording.field_label("telephone")),
            ("commune", wording.field_label("commune")),
        ):
            add(identity_form, self.identity_box, key, title)
        body.addWidget(self.identity_box)

        self.history_box = QGroupBox(self.tr("Historique"), details)
        self.history_box.setObjectName("panel_history_box")
        self.history_box.setAccessibleName(self.tr("Historique du dossier"))
        self.history_label = _value_label(self.history_box, self.tr("Historique du dossier"))
        self.history_label.setObjectName("panel_history")
        self.history_label.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self.history_box).addWidget(self.history_label)
        body.addWidget(self.history_box)
        body.addStretch(1)
        self.details_area.setWidget(details)
        self.show_record(None)

    # ------------------------------------------------------------------ content

    def show_record(self, record: Mapping[str, Any] | None, sync_state: str = "local",
                    sync_note: str = "", history: Sequence[HistoryEntry] = ()) -> None:
        """Show this dossier (its export dict) and its sync state (with ``sync_note``, e.g. the
        store's reason for a refusal), or the empty state for None; ``history``: the dossier's
        history (``DossierService.history``), most recent first."""
        self.record = None if record is None else dict(record)
        self.history = list(history)
        self.sync_state = sync_state
        self.empty_label.setVisible(record is None)
        self.content.setVisible(record is not None)
        if record is None:
            return
        self.buttons["resolve_conflict"].setVisible(sync_state == "conflict")
        self.buttons["quarantine"].setVisible(sync_state == "quarantined")
        identity = record.get("identity", {})
        self.name_label.setText(f"{identity.get('nom', '')} {identity.get('prenom', '')}")
        self.urgent_label.setVisible(bool(record.get("urgent")))
        total = question_count(str(record.get("questionnaire", "")))
        answered = len(record.get("answers", {}))
        answered_text = f"{answered} / {total}" if total else str(answered)
        values = {
            "number": record.get("number", ""),
            "status": wording.status_label(record.get("status", "")),
            "answered": answered_text,
            "channel": wording.channel_label(record.get("channel", "")),
            "agent": record.get("agent", ""),
            "created_at": _date(record.get("created_at")),
            "updated_at": _date(record.get("updated_at")),
            "site": f"{record.get('site', '')}-{record.get('workstation', '')}",
            "sync": wording.sync_state_label(sync_state)
            + (self.tr(" — %s") % sync_note if sync_note else ""),
            "date_naissance": _date(identity.get("date_naissance"), with_time=False),
            "nir": identity.get("nir", ""),
            "siret": identity.get("siret", ""),
            "telephone": identity.get("telephone", ""),
            "commune": " ".join(
                p for p in (identity.get("code_postal"), identity.get("commune")) if p),
        }
        for key, value in values.items():
            self.fields[key].setText(str(value) if value else "—")
        self.fields["answered"].setAccessibleDescription(
            self.tr("%s questions répondues") % answered_text)
        self.consents_label.setText(self._consents_html(record.get("consents", [])))
        self.orientations_label.setText(self._orientations_html(record.get("orientations", [])))
        self.history_label.setText(self._history_html(record, self.history))

    def history_line(self, entry: HistoryEntry, questionnaire: Questionnaire | None) -> str:
        """« 04/12/2026 10:12 — A. Le Gall — Correction : Téléphone (motif : …) — poste BRE-02 »
        (plain text)."""
        d = entry.detail
        what = self._history_what(entry.action, d, questionnaire)
        reason = d.get("reason")
        if reason:
            what += self.tr(" (motif : %1)").replace("%1", str(reason))
        when = wording.local_datetime(entry.at)
        return self.tr("%1 — %2 — %3 — poste %4").replace("%1", when).replace(
            "%2", entry.agent or "—").replace("%3", what).replace("%4", entry.workstation)

    def _history_what(self, action: str, d: Mapping[str, Any],
                      questionnaire: Questionnaire | None) -> str:
        if action == "create":
            return self.tr("Dossier créé")
        if action == "identity":
            names = ", ".join(wording.profile_field_label(questionnaire, str(f))
                              for f in d.get("fields", []))
            return self.tr("Correction : %1").replace("%1", names)
        if action == "answer":
            question = str(d.get("question_id", ""))
            answer = str(d.get("code", ""))
            if questionnaire is not None:
                try:
                    answer = questionnaire.answer_label(question, answer)
                except KeyError:
                    pass
            label = wording.labelled(wording.question_label(questionnaire, question), answer)
            if d.get("previous"):
                return self.tr("Réponse modifiée : %1").replace("%1", label)
            return self.tr("Réponse : %1").replace("%1", label)
        organisme = wording.organisme_label(str(d.get("organisme", "")))
        if action == "consent":
            return self.tr("Consentement %1 : %2").replace("%1", organisme).replace(
                "%2", wording.consent_given_label(bool(d.get("given"))).lower())
        if action == "consent_revoked":
            return self.tr("Consentement %1 révoqué").replace("%1", organisme)
        if action == "orientation":
            names = ", ".join(wording.organisme_label(str(o)) for o in d.get("organismes", []))
            return self.tr("Orientation vers %1").replace("%1", names)
        if action == "orientation_status":
            return wording.labelled(
                self.tr("Suivi %1").replace("%1", organisme),
                wording.orientation_status_label(str(d.get("status", ""))))
        if action == "print":
            return self.tr("Impression : %1").replace("%1", wording.document_label(
                str(d.get("kind", "")),
                wording.organisme_label(str(d["organisme"])) if d.get("organisme") else None))
        if action == "status":
            return wording.labelled(self.tr("Statut"),
                                    wording.status_label(str(d.get("status", ""))))
        if action == "urgent":
            return self.tr("Marqué urgent") if d.get("urgent") else self.tr("N’est plus urgent")
        return action

    def _history_html(self, record: Mapping[str, Any], history: Sequence[HistoryEntry]) -> str:
        if not history:
            return self.tr("Aucune modification enregistrée sur ce poste.")
        questionnaire = wording.questionnaire_or_none(record.get("questionnaire"))
        return "<br>".join(_escape(self.history_line(e, questionnaire)) for e in history)

    def _consents_html(self, consents: list[Mapping[str, Any]]) -> str:
        if not consents:
            return self.tr("Aucun consentement recueilli.")
        lines = []
        for c in consents:
            when = _date(c.get("at"), with_time=False)
            if c.get("given"):
                detail = self.tr("%(etat)s — %(mode)s, le %(date)s") % {
                    "etat": wording.consent_given_label(True),
                    "mode": wording.consent_mode_label(c.get("mode", "")).lower(),
                    "date": when}
            else:
                detail = self.tr("%(etat)s, le %(date)s (%(where)s)") % {
                    "etat": wording.consent_given_label(False), "date": when,
                    "where": self.tr("par téléphone") if c.get("mode") == "oral_telephone"
                    else self.tr("à l’accueil")}
            if c.get("revoked_at"):
                revoked = self.tr("Révoqué le %s") % _date(c.get("revoked_at"), with_time=False)
                if c.get("revoked_by"):
                    revoked += self.tr(" par %s") % _escape(str(c["revoked_by"]))
                detail += f"<br><b>{revoked}</b>"
            name = f"<b>{_escape(wording.organisme_label(c['organisme']))}</b>"
            lines.append(wording.labelled(name, detail))
        return "<p style='margin-bottom:0.4em'>" + "</p><p style='margin-bottom:0.4em'>".join(
            lines) + "</p>"

    def set_transmissions(self, transmitted: Mapping[str, datetime]) -> None:
        """When the central store confirmed each orientation of the dossier shown next."""
        self.transmitted = dict(transmitted)

    def _orientations_html(self, orientations: list[Mapping[str, Any]]) -> str:
        if not orientations:
            return self.tr("Pas encore d’orientation.")
        lines = []
        for o in orientations:
            transmitted = self.transmitted.get(str(o.get("organisme")))
            shown_on = o.get("status") == "a_transmettre" and transmitted is not None
            parts = [orientation_state_label(o.get("status", ""), transmitted)]
            outcome = wording.outcome_label(o.get("outcome"))
            if outcome:
                parts.append(outcome)
            text = wording.labelled(f"<b>{_escape(wording.organisme_label(o['organisme']))}</b>",
                                    " — ".join(_escape(p) for p in parts))
            if o.get("updated_at") and not shown_on:  # « Transmise le … » has its date
                text += self.tr(" (le %s)") % _date(o.get("updated_at"), with_time=False)
            if o.get("note"):
                text += f"<br><i>{_escape(str(o['note']))}</i>"
            lines.append(text)
        return "<p style='margin-bottom:0.4em'>" + "</p><p style='margin-bottom:0.4em'>".join(
            lines) + "</p>"
