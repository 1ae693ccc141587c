"""The convocation letter of an appointment (a partner's ``rendez_vous``) or of a call-back of
the counter (``rappel``), for the worker: the look of the orientation letter (sender with the
dossier number's QR code, recipient, place and date, « Objet »), then the appointment in a box —
day and time in French local time, how (agence, téléphone, visio), where, with whom, what to
bring — and whom to call to confirm, move or cancel it.

Facts come from data only: the site's address and phone from its settings recorded on the
central store (``snapshot.site``, never typed here), an organisme's name and phone from the
questionnaire file (with their sources), the appointment and the person from the dossier. What
the dossier does not hold is left out, never guessed. The NIR, the SIRET and the answers are not
printed: a convocation may be read by anyone at the worker's home.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app import __version__
from app.documents.blocks import (
    ADDRESS_LIMIT,
    NAME_LIMIT,
    SHORT_LIMIT,
    contact_markup,
    site_contact,
    site_lines,
    site_phrase,
)
from app.documents.layout import CONTENT_WIDTH, NAVY, TINT, URGENT, Footer, Styles
from app.documents.qr import qr_code
from app.documents.snapshot import DocumentError, DossierSnapshot
from app.documents.text import NBSP, french_date, markup, of_place, user

LOCAL_TZ = ZoneInfo("Europe/Paris")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MODE_WORDS = {"telephone": "Par téléphone", "agence": "En agence (sur place)",
              "visio": "En visioconférence"}
PRINTABLE_STATUSES = ("propose", "fixe", "annule")
TITLE = "Convocation"


def local_moment(value: object) -> datetime:
    """An appointment's time in French local time; DocumentError when it cannot be read."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None or moment.utcoffset() is None:
        raise DocumentError(f"at: {value!r} is not allowed; expected an ISO 8601 date and time "
                            "with its UTC offset")
    return moment.astimezone(LOCAL_TZ)


def day_words(moment: datetime) -> str:
    """« lundi 7 décembre 2026 »."""
    return f"{WEEKDAYS[moment.weekday()]} {french_date(moment.date())}"


def time_words(moment: datetime) -> str:
    """« 10 h 00 » (French typography: no-break spaces around the h)."""
    return f"{moment.hour}{NBSP}h{NBSP}{moment.minute:02d}"


def _minutes(duration: object) -> str:
    if not isinstance(duration, int) or isinstance(duration, bool) or duration <= 0:
        return ""
    hours, minutes = divmod(duration, 60)
    if not hours:
        return f"{minutes}{NBSP}min"
    return f"{hours}{NBSP}h" + (f"{NBSP}{minutes:02d}" if minutes else "")


def with_whom(snapshot: DossierSnapshot, appointment: Mapping[str, Any]) -> str:
    """« l’Urssaf (action sociale du CPSTI) », « l’accueil commun de Brest » (trusted wording,
    unescaped)."""
    code = appointment.get("organisme")
    if appointment.get("kind") == "rendez_vous" and isinstance(code, str):
        try:
            return snapshot.questionnaire.organisme(code).name
        except KeyError:
            return code
    return site_phrase(snapshot)


def convocation_key(snapshot: DossierSnapshot, appointment: Mapping[str, Any]) -> str:
    """The SHA-256 of what the convocation tells its reader (the print is recorded under it):
    the appointment, the person's name and address, the dossier and site."""
    identity = snapshot.identity
    facts = {"kind": "convocation", "number": snapshot.number,
             "site": None if snapshot.site is None else [snapshot.site.code, snapshot.site.name],
             "appointment": {k: appointment.get(k) for k in (
                 "id", "kind", "organisme", "at", "duration", "mode", "place", "bring", "by",
                 "status")},
             "person": [identity.full_name, identity.adresse, identity.code_postal,
                        identity.commune, identity.telephone]}
    text = json.dumps(facts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()



def _recipient(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    identity = snapshot.identity
    lines = [f"<b>{user(identity.full_name, NAME_LIMIT)}</b>"] if identity.full_name else []
    if identity.adresse:
        lines.append(user(identity.adresse, ADDRESS_LIMIT))
    town = " ".join(p for p in (identity.code_postal, identity.commune) if p)
    if town:
        lines.append(user(town, SHORT_LIMIT))
    return [Paragraph("<br/>".join(lines), styles.body_tight)] if lines else []


def _head(snapshot: DossierSnapshot, appointment: Mapping[str, Any], moment: datetime,
          issued: datetime, styles: Styles) -> list[Flowable]:
    sender: list[Flowable] = []
    lines = site_lines(snapshot)
    if lines:
        sender.append(Paragraph("<br/>".join([f"<b>{lines[0]}</b>"] + lines[1:]),
                                styles.body_tight))
    code_cell: list[Flowable] = []
    qr = qr_code(snapshot.number)
    if qr is not None:
        code_cell.append(qr)
    code_cell.append(Paragraph(f"Dossier <b>{user(snapshot.number, 60)}</b>",
                               styles.right_small))
    top = Table([[sender or "", code_cell]], colWidths=[CONTENT_WIDTH - 55 * mm, 55 * mm])
    top.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    recipient = Table([["", _recipient(snapshot, styles) or ""]],
                      colWidths=[CONTENT_WIDTH * 0.5, CONTENT_WIDTH * 0.5])
    recipient.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    place = (f"{markup(snapshot.site.commune)}, le " if snapshot.site is not None
             and snapshot.site.commune else "Le ")
    status = appointment.get("status")
    rappel = appointment.get("kind") == "rappel"
    if status == "annule":
        subject = "Annulation de votre " + ("rappel téléphonique" if rappel else "rendez-vous")
    elif rappel:
        subject = "Votre rappel téléphonique"
    else:
        subject = "Votre rendez-vous"
    subject += f" du {day_words(moment)} à {time_words(moment)}"
    return [
        top, Spacer(1, 5 * mm), recipient, Spacer(1, 6 * mm),
        Paragraph(place + french_date(issued.astimezone(LOCAL_TZ).date()), styles.right),
        Spacer(1, 4 * mm),
        Paragraph(f"<b>Objet{NBSP}: {markup(subject)}</b>", styles.body),
        Spacer(1, 3 * mm),
    ]


def _opening(snapshot: DossierSnapshot, appointment: Mapping[str, Any]) -> str:
    whom = with_whom(snapshot, appointment)
    status = appointment.get("status")
    if appointment.get("kind") == "rappel":
        if status == "annule":
            return (f"Le rappel téléphonique que {whom} avait prévu avec vous dans le cadre du "
                    "dispositif Help ! est annulé.")
        return (f"Dans le cadre du dispositif Help !, {whom} vous rappellera par téléphone à "
                "la date et à l’heure ci-dessous.")
    if status == "annule":
        return (f"Le rendez-vous prévu avec {_article(whom)} dans le cadre du dispositif Help ! "
                "est annulé.")
    verb = "vous propose" if status == "propose" else "vous confirme"
    return (f"Dans le cadre du dispositif Help !, {_article(whom)} {verb} le rendez-vous "
            "suivant.")


def _article(name: str) -> str:
    """« l’Urssaf… », « la Caf… », « le Service social… » for an organisme's name; a phrase
    that already starts with an article is kept."""
    lowered = name[:1].lower()
    if name.lower().startswith(("l’", "l'", "la ", "le ", "les ")):
        return name
    if lowered in "aeiouyhéè":
        return f"l’{name}"
    feminine = ("caf", "carsat", "cpam", "assurance")
    return ("la " if name.lower().startswith(feminine) else "le ") + name


def _details(snapshot: DossierSnapshot, appointment: Mapping[str, Any], moment: datetime,
             styles: Styles) -> Flowable:
    rappel = appointment.get("kind") == "rappel"
    mode = str(appointment.get("mode") or "")
    rows: list[tuple[str, str]] = [
        ("Date", f"<b>{markup(day_words(moment).capitalize())}</b>"),
        ("Heure", f"<b>{time_words(moment)}</b>"
         + (f" (durée prévue{NBSP}: {_minutes(appointment.get('duration'))})"
            if _minutes(appointment.get("duration")) else "")),
    ]
    if not rappel and mode in MODE_WORDS:
        rows.append(("Modalité", markup(MODE_WORDS[mode])))
    place = user(appointment.get("place"), 200)
    if place:
        rows.append(("Lien de connexion" if mode == "visio" else "Lieu", place))
    phone = user(snapshot.identity.telephone, 40)
    if mode == "telephone":
        rows.append(("Numéro appelé", phone.replace(" ", NBSP) if phone
                     else markup("celui que vous nous avez indiqué")))
    by = user(appointment.get("by"), 100)
    if by:
        rows.append(("Appel de" if rappel else "Avec", by))
    bring = user(appointment.get("bring"), 500)
    if bring:
        rows.append(("À apporter", bring))
    data = [[Paragraph(markup(label), styles.label), Paragraph(value, styles.body_tight)]
            for label, value in rows]
    box = Table(data, colWidths=[38 * mm, CONTENT_WIDTH - 38 * mm])
    cancelled = appointment.get("status") == "annule"
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), TINT),
        ("BOX", (0, 0), (-1, -1), 1.2, URGENT if cancelled else NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, 0), 7), ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
    ]))
    return box


def _contact(snapshot: DossierSnapshot, appointment: Mapping[str, Any],
             styles: Styles) -> list[Flowable]:
    """Whom to call to confirm, move or cancel: the organisme (its phone from the
    questionnaire file) for its appointment, the site (its settings) for a call-back."""
    status = appointment.get("status")
    absent = ("être joignable à cette heure" if appointment.get("mode") == "telephone"
              else "venir")
    if status == "annule":
        ask = "Pour convenir d’un autre rendez-vous, contactez"
    elif status == "propose":
        ask = "Pour confirmer ce rendez-vous ou en convenir d’un autre, contactez"
    else:
        ask = f"Si vous ne pouvez pas {absent}, prévenez le plus tôt possible"
    code = appointment.get("organisme")
    if appointment.get("kind") == "rendez_vous" and isinstance(code, str):
        try:
            organisme = snapshot.questionnaire.organisme(code)
        except KeyError:
            organisme = None
        if organisme is not None:
            reach = contact_markup(organisme)
            text = markup(f"{ask} {_article(organisme.name)}")
            text = (text + f"{NBSP}: {reach}" if reach
                    else text + markup(" au numéro figurant sur ses courriers"))
            return [Paragraph(text + ".", styles.body),
                    Paragraph(markup("Rappelez le numéro de dossier ") + f"<b>"
                              f"{user(snapshot.number, 60)}</b>" + markup(" : il permet de "
                                                                          "retrouver votre "
                                                                          "situation."),
                              styles.body)]
    reach = site_contact(snapshot)
    if reach:
        text = markup(f"{ask} {site_phrase(snapshot)}") + f"{NBSP}: {reach}."
    else:
        text = markup(f"{ask} votre accueil.")
    return [Paragraph(text, styles.body)]


def convocation_story(snapshot: DossierSnapshot, appointment: Mapping[str, Any],
                      styles: Styles, *, issued: datetime) -> list[Flowable]:
    """The letter for one ``rendez_vous`` item of the dossier (DocumentError for an
    appointment already done: there is nothing to convene to)."""
    status = appointment.get("status")
    if status not in PRINTABLE_STATUSES:
        raise DocumentError(f"status: {status!r} is not allowed for a convocation; expected "
                            "one of " + ", ".join(PRINTABLE_STATUSES))
    moment = local_moment(appointment.get("at"))
    story = _head(snapshot, appointment, moment, issued, styles)
    story += [Paragraph("Madame, Monsieur,", styles.body), Spacer(1, 1 * mm),
              Paragraph(markup(_opening(snapshot, appointment)), styles.body),
              Spacer(1, 2 * mm), _details(snapshot, appointment, moment, styles),
              Spacer(1, 4 * mm)]
    story += _contact(snapshot, appointment, styles)
    closing = [Spacer(1, 2 * mm), Paragraph(markup(
        "Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations "
        "distinguées."), styles.body), Spacer(1, 4 * mm)]
    signature: list[Flowable] = []
    agent = user(snapshot.agent, SHORT_LIMIT)
    if agent:
        signature.append(Paragraph(f"<b>{agent}</b>", styles.body_tight))
    role = ("La plateforme téléphonique des travailleurs indépendants"
            if snapshot.site is not None and snapshot.site.kind == "telephone"
            else f"L’accueil commun des travailleurs indépendants {of_place(snapshot.site.name)}"
            if snapshot.site is not None else "L’accueil commun des travailleurs indépendants")
    signature.append(Paragraph(markup(role), styles.body_tight))
    sign = Table([["", signature]], colWidths=[CONTENT_WIDTH * 0.5, CONTENT_WIDTH * 0.5])
    sign.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(KeepTogether(closing + [sign]))
    return story


def convocation_footer(snapshot: DossierSnapshot) -> Footer:
    """The running footer: the dossier, the scheme, the application's version."""
    left = (f"Dossier {user(snapshot.number, 40)}{NBSP}· {markup('Dispositif Help !')}"
            f"{NBSP}· Accueil TI {__version__}")
    return Footer(left=left, disclaimer=markup(
        "Courrier personnel, établi par l’accueil commun des travailleurs indépendants dans le "
        "cadre du dispositif Help !"))
