"""The side panel of the main window: the selected dossier at a glance, and what to do with it.

It shows a dossier's export dict (``DossierService.record``): identity, status, channel, agent,
dates, how many questions are answered, consents per organisme, orientations and their
follow-up, and the sync state. Its buttons trigger the window's actions (same shortcuts).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from html import escape as _escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ui import wording
from app.ui.dossier_table import URGENT_RED, orientation_state_label
from app.ui.panel_texts import NO_SELECTION, OPENING_STORE, panel_text

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


def _utcnow() -> datetime:
    return datetime.now(UTC)


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

    The buttons trigger the QActions given to it. Those of the call-backs and appointments
    (« Agenda et rendez-vous ») name what they act on:

    Signals:
        convocation_requested(str): print the convocation of this appointment (its id).
        ics_requested(str): export this appointment as a calendar file (its id).
        appointment_status_requested(str, str): set this call-back's status (id, status).
        counter_note_requested(str): write the counter's note on this orientation (organisme).
    """

    convocation_requested = Signal(str)
    ics_requested = Signal(str)
    appointment_status_requested = Signal(str, str)
    counter_note_requested = Signal(str)

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

        self._empty_text = panel_text(NO_SELECTION)
        self.empty_label = QLabel(self._empty_text, self)
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
        orientations_layout = QVBoxLayout(self.orientations_box)
        orientations_layout.addWidget(self.orientations_label)
        body.addWidget(self.orientations_box)
        self._build_meetings(details, body, orientations_layout, actions)

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

    def show_loading(self) -> None:
        """« Ouverture de la base locale… » while the selected dossier cannot be read yet (at
        start-up, the list shows before the local store is open)."""
        self.record = None
        self.history = []
        self.empty_label.setText(panel_text(OPENING_STORE))
        self.empty_label.setAccessibleName(self.empty_label.text())
        self.empty_label.setVisible(True)
        self.content.setVisible(False)

    def show_record(self, record: Mapping[str, Any] | None, sync_state: str = "local",
                    sync_note: str = "", history: Sequence[HistoryEntry] = ()) -> None:
        """Show this dossier (its export dict) and its sync state (with ``sync_note``, e.g. the
        store's reason for a refusal), or the empty state for None; ``history``: the dossier's
        history (``DossierService.history``), most recent first."""
        self.record = None if record is None else dict(record)
        self.history = list(history)
        self.sync_state = sync_state
        self.empty_label.setText(self._empty_text)
        self.empty_label.setAccessibleName(self.tr("Aucun dossier sélectionné"))
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
        self._show_meetings(record)
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
        meeting = self._meeting_history(action, d)  # Agenda et rendez-vous
        if meeting:
            return meeting
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
            if self.is_stale(o):  # Agenda et rendez-vous
                text += (" <span style='background:#fff4ce; color:black; font-weight:bold;'>"
                         f"&nbsp;{_escape(wording.stale_label())}&nbsp;</span>")
            if o.get("note"):
                text += f"<br><i>{_escape(str(o['note']))}</i>"
            if o.get("counter_note"):
                text += "<br>" + _escape(self.tr("Note du guichet : %1").replace(
                    "%1", str(o["counter_note"])))
            if o.get("status") == "a_transmettre" and not self._consented(o):
                # A partner's re-orientation: nothing reaches the organisme before the consent.
                text += "<br><b>" + _escape(self.tr(
                    "À transmettre après l’accord de la personne : recueillez son consentement "
                    "(Consentements…, Ctrl+K).")) + "</b>"
            lines.append(text)
        return "<p style='margin-bottom:0.4em'>" + "</p><p style='margin-bottom:0.4em'>".join(
            lines) + "</p>"

    # ------------------------------------------------------------------ Agenda et rendez-vous
    # Call-backs of the counter and appointments of the partners, « sans nouvelle » on an
    # orientation, the counter's note for an organisme.

    def _build_meetings(self, details: QWidget, body: QVBoxLayout,
                        orientations_layout: QVBoxLayout,
                        actions: Mapping[str, QAction]) -> None:
        # « Now » for « sans nouvelle » (the main window gives its own clock).
        self.clock: Callable[[], datetime] = _utcnow
        note_text = self.tr("Note pour l’organisme…")
        self.note_button = QPushButton(note_text, self.orientations_box)
        self.note_button.setObjectName("panel_counter_note")
        self.note_button.setAccessibleName(note_text.rstrip("…"))
        self.note_button.setToolTip(self.tr("Écrire une note que l’organisme lira avec le dossier "
                                            "dans son espace partenaire"))
        self.note_button.clicked.connect(self._on_note_button_clicked)
        orientations_layout.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.meetings_box = QGroupBox(self.tr("Rappels et rendez-vous"), details)
        self.meetings_box.setObjectName("panel_meetings_box")
        self.meetings_box.setAccessibleName(self.tr("Rappels et rendez-vous"))
        layout = QVBoxLayout(self.meetings_box)
        self.meetings_empty = QLabel(self.tr("Aucun rappel ni rendez-vous."), self.meetings_box)
        self.meetings_empty.setObjectName("panel_meetings_empty")
        self.meetings_empty.setWordWrap(True)
        layout.addWidget(self.meetings_empty)
        self.meetings_list = QListWidget(self.meetings_box)
        self.meetings_list.setObjectName("panel_meetings")
        self.meetings_list.setAccessibleName(self.tr("Rappels et rendez-vous du dossier"))
        self.meetings_list.setWordWrap(True)
        self.meetings_list.setAlternatingRowColors(True)
        self.meetings_list.currentRowChanged.connect(self._on_meetings_row_changed)
        self.meetings_list.installEventFilter(self)
        self._meetings_width = 0
        layout.addWidget(self.meetings_list)
        callback = actions.get("schedule_callback")
        callback_text = self.tr("Programmer un rappel…")
        button = QPushButton(callback_text, self.meetings_box)
        button.setObjectName("panel_button_schedule_callback")
        button.setAccessibleName(callback_text.rstrip("…"))
        if callback is not None:
            button.setToolTip(callback.toolTip())
            button.clicked.connect(callback.trigger)
            self.buttons["schedule_callback"] = button
        self.meeting_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(button)
        for key, text, tip in (
            ("convocation", self.tr("Convocation…"),
             self.tr("Aperçu et impression de la convocation au rendez-vous ou de l’avis de "
                     "rappel sélectionné, pour la personne")),
            ("ics", self.tr("Exporter .ics…"),
             self.tr("Enregistrer le rendez-vous sélectionné pour un agenda (fichier .ics)")),
            ("done", self.tr("Rappel fait"),
             self.tr("Marquer le rappel sélectionné comme fait")),
        ):
            meeting_button = QPushButton(text, self.meetings_box)
            meeting_button.setObjectName(f"panel_meeting_{key}")
            meeting_button.setAccessibleName(text.rstrip("…"))
            meeting_button.setToolTip(tip)
            meeting_button.setEnabled(False)
            self.meeting_buttons[key] = meeting_button
        self.meeting_buttons["convocation"].clicked.connect(self._on_convocation_clicked)
        self.meeting_buttons["ics"].clicked.connect(self._on_ics_clicked)
        self.meeting_buttons["done"].clicked.connect(self._on_done_clicked)
        row.addWidget(self.meeting_buttons["done"])
        layout.addLayout(row)  # two buttons a row: the panel is narrow
        second = QHBoxLayout()
        for key in ("convocation", "ics"):
            second.addWidget(self.meeting_buttons[key])
        layout.addLayout(second)
        body.addWidget(self.meetings_box)

    def appointments(self) -> list[dict[str, Any]]:
        """The dossier's call-backs and appointments shown, in the list's order."""
        items = (self.record or {}).get("rendez_vous") or []
        return sorted((dict(i) for i in items if isinstance(i, Mapping)),
                      key=lambda i: str(i.get("at", "")))

    def selected_appointment(self) -> dict[str, Any] | None:
        item = self.meetings_list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((a for a in self.appointments() if a.get("id") == wanted), None)

    def select_appointment(self, appointment_id: str) -> bool:
        for row in range(self.meetings_list.count()):
            if self.meetings_list.item(row).data(Qt.ItemDataRole.UserRole) == appointment_id:
                self.meetings_list.setCurrentRow(row)
                return True
        return False

    def meeting_line(self, item: Mapping[str, Any]) -> str:
        """« 08/12/2026 à 10:30 — Rendez-vous Urssaf (fixé) », then how and where (plain)."""
        when = wording.appointment_when(item.get("at"))
        status = wording.appointment_status_label(str(item.get("status", ""))).lower()
        if item.get("kind") == "rappel":
            what = self.tr("Rappel par %1").replace("%1", str(item.get("by") or "—"))
            detail = str(item.get("note") or "")
        else:
            what = self.tr("Rendez-vous %1").replace(
                "%1", wording.organisme_label(str(item.get("organisme") or "")))
            parts = [wording.appointment_mode_label(str(item.get("mode", "")))]
            if item.get("place"):
                parts.append(str(item["place"]))
            if item.get("duration"):
                parts.append(wording.duration_minutes_label(int(item["duration"])))
            if item.get("by"):
                parts.append(self.tr("avec %1").replace("%1", str(item["by"])))
            detail = " — ".join(parts)
        line = self.tr("%1 — %2 (%3)").replace("%1", when).replace("%2", what).replace(
            "%3", status)
        return f"{line}\n{detail}" if detail else line

    def _show_meetings(self, record: Mapping[str, Any]) -> None:
        keep = self.selected_appointment()
        self.meetings_list.clear()
        for appointment in self.appointments():
            item = QListWidgetItem(self.meeting_line(appointment), self.meetings_list)
            item.setData(Qt.ItemDataRole.UserRole, appointment.get("id"))
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         self.meeting_line(appointment).replace("\n", " — "))
        count = self.meetings_list.count()
        self.meetings_list.setVisible(count > 0)
        self.meetings_empty.setVisible(count == 0)
        if count:
            self._fit_meetings()
            if keep is None or not self.select_appointment(str(keep.get("id"))):
                self.meetings_list.setCurrentRow(0)
        self.note_button.setEnabled(bool(record.get("orientations")))
        self._on_meetings_row_changed(self.meetings_list.currentRow())

    MEETINGS_SHOWN = 3  # items shown whole; more scroll

    def _fit_meetings(self) -> None:
        """As tall as its first items once wrapped at the panel's width (read again when the
        panel's width changes)."""
        lw = self.meetings_list
        lw.doItemsLayout()
        heights = [lw.visualItemRect(lw.item(i)).height()
                   for i in range(min(lw.count(), self.MEETINGS_SHOWN))]
        lw.setFixedHeight(max(sum(heights), lw.fontMetrics().height() * 2)
                          + 2 * lw.frameWidth() + 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is getattr(self, "meetings_list", None) and event.type() == QEvent.Type.Resize:
            width = self.meetings_list.width()
            if width != self._meetings_width and self.meetings_list.count():
                self._meetings_width = width
                self._fit_meetings()
        return super().eventFilter(watched, event)

    def is_stale(self, orientation: Mapping[str, Any]) -> bool:
        """« Sans nouvelle »: transmitted, and no partner action for the deployment's number of
        working days (app.forms.workdays.stale_working_days)."""
        from app.forms.workdays import is_stale, stale_working_days

        organisme = str(orientation.get("organisme", ""))
        shown = dict(orientation)
        transmitted = self.transmitted.get(organisme)
        if transmitted is not None:
            shown["transmitted_at"] = transmitted.isoformat()
        shown["appointments"] = [a for a in ((self.record or {}).get("rendez_vous") or [])
                                 if isinstance(a, Mapping) and a.get("organisme") == organisme]
        try:
            return is_stale(shown, self.clock(), stale_working_days())
        except ValueError:
            return False

    def _on_meetings_row_changed(self, _row: int) -> None:
        item = self.selected_appointment()
        live = item is not None and item.get("status") in ("propose", "fixe")
        is_rappel = item is not None and item.get("kind") == "rappel"
        self.meeting_buttons["convocation"].setEnabled(live)
        self.meeting_buttons["ics"].setEnabled(live)
        self.meeting_buttons["done"].setEnabled(
            is_rappel and item is not None and item.get("status") in ("propose", "fixe"))

    def _on_convocation_clicked(self) -> None:
        item = self.selected_appointment()
        if item is not None:
            self.convocation_requested.emit(str(item.get("id")))

    def _on_ics_clicked(self) -> None:
        item = self.selected_appointment()
        if item is not None:
            self.ics_requested.emit(str(item.get("id")))

    def _on_done_clicked(self) -> None:
        item = self.selected_appointment()
        if item is not None:
            self.appointment_status_requested.emit(str(item.get("id")), "fait")

    def _on_note_button_clicked(self) -> None:
        self.counter_note_requested.emit("")

    def _meeting_history(self, action: str, d: Mapping[str, Any]) -> str:
        """A history line of a call-back, an appointment or a counter's note ('' otherwise)."""
        if action == "appointment":
            when = wording.appointment_when(d.get("at"))
            if d.get("kind") == "rappel":
                return self.tr("Rappel programmé le %1").replace("%1", when)
            return self.tr("Rendez-vous %1 le %2").replace(
                "%1", wording.organisme_label(str(d.get("organisme") or ""))).replace(
                "%2", when)
        if action == "appointment_status":
            return wording.labelled(self.tr("Rappel ou rendez-vous"),
                                    wording.appointment_status_label(str(d.get("status", ""))))
        if action == "import_update":  # a version pulled from the store (a partner's, say)
            return self.tr("Mise à jour reçue du serveur central")
        if action == "import_create":
            return self.tr("Dossier reçu du serveur central")
        if action == "counter_note":
            organisme = wording.organisme_label(str(d.get("organisme", "")))
            if d.get("cleared"):
                return self.tr("Note pour %1 effacée").replace("%1", organisme)
            return self.tr("Note pour %1").replace("%1", organisme)
        return ""

    def _consented(self, orientation: Mapping[str, Any]) -> bool:
        """The person's consent to the orientation's organisme is given and not revoked."""
        return any(c.get("organisme") == orientation.get("organisme") and c.get("given")
                   and not c.get("revoked_at")
                   for c in (self.record or {}).get("consents") or [])
