"""The dossier of the partner inbox, exactly as the central store sent it, in words: identity,
situation, the organisme's aids and why, the answers behind them, the consent and the current
follow-up. Read-only; every value the store sent is escaped."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.forms.questionnaire import Questionnaire
from app.forms.workdays import stale_working_days
from app.sync.partner import PartnerDossier
from app.ui import wording
from app.ui.display import readable_color

# Identity fields in the order agents read them; others the store may send come after, sorted.
FIELD_ORDER = ("nom", "prenom", "nom_naissance", "date_naissance", "nir", "siret", "telephone",
               "email", "adresse", "code_postal", "commune")


@lru_cache(maxsize=1)
def _questionnaire() -> Questionnaire | None:
    """The current questionnaire, to put the store's codes in words (None when unreadable)."""
    return wording.questionnaire_or_none(None)


def reason_text(reason: str) -> str:
    """A rule's reason (``Q01=dette``) in words, or as it came."""
    questionnaire = _questionnaire()
    return reason if questionnaire is None else wording.reason_label(questionnaire, reason)


class PartnerDossierView(QTextBrowser):
    """The selected dossier of the inbox, or a sentence saying why there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partner_detail")
        self.setAccessibleName(self.tr("Dossier sélectionné"))
        self.setOpenLinks(False)

    def show_dossier(self, dossier: PartnerDossier) -> None:
        self.setHtml(self.dossier_html(dossier))

    def show_message(self, text: str) -> None:
        """No dossier to show: ``text`` says why, or what to do."""
        self.setHtml(f"<p>{escape(text)}</p>")

    def dossier_html(self, dossier: PartnerDossier) -> str:
        """The dossier as the store sent it, in words (every value escaped)."""
        organisme = wording.organisme_label(dossier.organisme)
        questionnaire = _questionnaire()

        def heading(text: str) -> str:
            return f"<h3>{escape(text)}</h3>"

        def paragraph(text: str) -> str:
            return f"<p>{escape(text)}</p>"

        def table(rows: list[tuple[str, str]]) -> str:
            muted = readable_color("#444444")  # lightened under « Contraste élevé »
            cells = "".join(
                f'<tr><td style="padding-right:12px; color:{muted};">{escape(label)}</td>'
                f"<td><b>{escape(value)}</b></td></tr>" for label, value in rows)
            return f"<table cellspacing=2>{cells}</table>"

        title = dossier.number
        if dossier.display_name:
            title = self.tr("%s — %s") % (dossier.number, dossier.display_name)
        parts = [f"<h2>{escape(title)}</h2>"]
        if dossier.urgent:
            badge, why_urgent = self.tr("Urgent"), self.tr("À traiter en priorité.")
            # Only the urgency reasons among the answers this organisme sees come from the store.
            reasons = " ; ".join(reason_text(r) for r in dossier.urgent_reasons)
            if reasons:
                why_urgent = self.tr("À traiter en priorité : %s.") % reasons
            parts.append(
                '<p><span style="background:#b3261e; color:white; font-weight:bold;">'
                f"&nbsp;{escape(badge)}&nbsp;</span> {escape(why_urgent)}</p>")

        if dossier.sans_nouvelle:  # Agenda et rendez-vous
            days = stale_working_days()
            why_stale = (self.tr("Aucune action de votre organisme depuis %n jour ouvré.", "",
                                 days) if days < 2 else
                         self.tr("Aucune action de votre organisme depuis %n jours ouvrés.", "",
                                 days))
            parts.append(
                '<p><span style="background:#fff4ce; color:black; font-weight:bold;">'
                f"&nbsp;{escape(wording.stale_label())}&nbsp;</span> {escape(why_stale)}</p>")

        parts.append(heading(self.tr("Identité")))
        names = [n for n in FIELD_ORDER if n in dossier.identity]
        names += sorted(n for n in dossier.identity if n not in FIELD_ORDER)
        if names:
            parts.append(table([(wording.field_label(n),
                                 wording.identity_value(n, dossier.identity[n]))
                                for n in names]))
        else:
            parts.append(paragraph(self.tr("Aucun champ d’identité transmis.")))
        if dossier.profile:
            parts.append(heading(self.tr("Situation")))
            parts.append(table([(wording.field_label(n),
                                 wording.profile_value(questionnaire, n, v))
                                for n, v in dossier.profile.items()]))

        parts.append(heading(self.tr("Aides relevant de : %s") % organisme))
        if dossier.aids:
            items = []
            for aid in dossier.aids:
                item = f"<li><b>{escape(aid.title)}</b>"
                why = " ; ".join(reason_text(r) for r in aid.reasons)
                if why:
                    item += "<br>" + escape(self.tr("Pourquoi : %s") % why)
                items.append(item + "</li>")
            parts.append(f"<ul>{''.join(items)}</ul>")
        else:
            parts.append(paragraph(self.tr("Aucune aide de votre organisme n’est calculée pour "
                                           "ce dossier.")))
        if dossier.answers:
            parts.append(heading(self.tr("Réponses au questionnaire qui fondent ces aides")))
            parts.append(table([wording.answer_row(questionnaire, q, code)
                                for q, code in dossier.answers.items()]))

        consent = dossier.consent
        parts.append(heading(self.tr("Consentement")))
        parts.append(table([
            (self.tr("Mode"), wording.consent_mode_label(consent.mode or "") or "—"),
            (self.tr("Date"), wording.local_datetime(consent.at) or "—"),
            (self.tr("Version du texte"), consent.text_version or "—"),
        ]))

        follow = dossier.follow_up
        parts.append(heading(self.tr("Suivi actuel")))
        rows = [(self.tr("Statut"), wording.follow_up_label(follow.status, follow.outcome))]
        if follow.updated_at is not None:
            rows.append((self.tr("Mis à jour le"), wording.local_datetime(follow.updated_at)))
        parts.append(table(rows))
        if follow.note:
            label = self.tr("Note pour le guichet :")
            note = escape(follow.note).replace("\n", "<br>")
            parts.append(f"<p>{escape(label)}<br>{note}</p>")
        parts += self._meeting_html(dossier, heading, table)
        return "".join(parts)

    def _meeting_html(self, dossier: PartnerDossier, heading: Callable[[str], str],
                      table: Callable[[list[tuple[str, str]]], str]) -> list[str]:
        """Agenda et rendez-vous: the counter's note for the organisme and its appointments."""
        parts: list[str] = []
        if dossier.counter_note:
            parts.append(heading(self.tr("Note du guichet")))
            note = escape(dossier.counter_note).replace("\n", "<br>")
            parts.append(f"<p>{note}</p>")
        appointments = sorted((a for a in dossier.appointments
                               if a.get("kind", "rendez_vous") == "rendez_vous"),
                              key=lambda a: str(a.get("at", "")))
        if appointments:
            parts.append(heading(self.tr("Rendez-vous")))
            for item in appointments:
                rows = [(self.tr("Quand"), wording.appointment_when(item.get("at"))),
                        (self.tr("Statut"),
                         wording.appointment_status_label(str(item.get("status", "")))),
                        (self.tr("Mode"), wording.appointment_mode_label(str(item.get("mode",
                                                                                      ""))))]
                if item.get("duration"):
                    rows.append((self.tr("Durée"),
                                 wording.duration_minutes_label(int(item["duration"]))))
                for key, label in (("place", self.tr("Lieu")), ("by", self.tr("Reçu par")),
                                   ("bring", self.tr("À apporter"))):
                    if item.get(key):
                        rows.append((label, str(item[key])))
                parts.append(table(rows))
        return parts
