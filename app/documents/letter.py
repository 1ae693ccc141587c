"""The orientation letter to one organisme's Help! team.

A French administrative letter: sender (site and agent) with a QR code of the dossier number,
recipient (the organisme's ``help_team``), place and date, « Objet », then who the worker is, the
aids that organisme is asked to examine with their reasons, the answers behind them, urgency, the
consent reference and whom to call back, and the closing formula.

A letter shows only what :func:`app.forms.disclosure.disclosure` lets its organisme see (data
minimisation, the same function as the partner inbox's): the identity and profile fields declared
for it in the questionnaire file, the answers that are reasons of its own aids, and urgency as a
flag whose reasons are printed only where they are among those answers. The worker's other
answers are for the other organismes and the worker's own summary, never for this letter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.documents.blocks import (
    ADDRESS_LIMIT,
    NAME_LIMIT,
    SHORT_LIMIT,
    label_value_table,
    site_contact,
    site_lines,
    site_phrase,
    urgent_banner,
)
from app.documents.layout import CONTENT_WIDTH, NAVY, Styles
from app.documents.qr import qr_code
from app.documents.snapshot import DossierSnapshot
from app.documents.text import NBSP, first_lower, french_date, markup, of_place, user
from app.documents.wording import answer_words, profile_fact_words
from app.forms.disclosure import Disclosure, FieldPolicy, disclosure
from app.forms.identity import spaced_nir, spaced_siret
from app.forms.questionnaire import Organisme

ADDRESS_PARTS = ("adresse", "code_postal", "commune")

MODE_WORDS = {
    "signe_accueil": "signé à l’accueil",
    "oral_telephone": "recueilli oralement par téléphone",
}



def _field_rows(snapshot: DossierSnapshot, policy: FieldPolicy) -> list[tuple[str, str]]:
    identity = snapshot.identity
    birth = identity.date_naissance or snapshot.profile_value("date_naissance")
    start = snapshot.profile_value("debut_activite")
    statut = snapshot.profile_value("statut")
    foyer = snapshot.profile_value("foyer")
    # The postal address on one line, of the parts this organisme receives.
    parts = {name: getattr(identity, name) if name in policy.identity else ""
             for name in ADDRESS_PARTS}
    address = ", ".join(part for part in (
        parts["adresse"], " ".join(p for p in (parts["code_postal"], parts["commune"]) if p))
        if part)
    values: dict[str, Callable[[], tuple[str, str]]] = {
        "nom": lambda: ("Nom", user(identity.nom.upper(), NAME_LIMIT)),
        "prenom": lambda: ("Prénom", user(identity.prenom, NAME_LIMIT)),
        "nom_naissance": lambda: ("Nom de naissance",
                                  user(identity.nom_naissance.upper(), NAME_LIMIT)),
        "nir": lambda: ("NIR (n° de sécurité sociale)", user(spaced_nir(identity.nir), 40)),
        "siret": lambda: ("SIRET", user(spaced_siret(identity.siret), 40)),
        "telephone": lambda: ("Téléphone", user(identity.telephone, 40)),
        "email": lambda: ("Courriel", user(identity.email, SHORT_LIMIT)),
        "adresse": lambda: ("Adresse", user(address, ADDRESS_LIMIT)),
        "date_naissance": lambda: ("Date de naissance",
                                   french_date(birth) if isinstance(birth, date) else ""),
        "debut_activite": lambda: ("Début d’activité indépendante",
                                   french_date(start) if isinstance(start, date) else ""),
        "statut": lambda: ("Statut", markup(_statut_label(snapshot, statut))),
        "foyer": lambda: ("Personnes au foyer", str(foyer) if isinstance(foyer, int) else ""),
    }
    names = [n for n in policy.identity + policy.profile if n not in ADDRESS_PARTS]
    if any(n in policy.identity for n in ADDRESS_PARTS):
        first = min(policy.identity.index(n) for n in ADDRESS_PARTS if n in policy.identity)
        names.insert(first, "adresse")
    rows: list[tuple[str, str]] = []
    for name in names:
        if name not in values:
            continue  # a field a later questionnaire declares but letters do not print yet
        label, value = values[name]()
        if value:
            rows.append((markup(label), value))
    return rows


def _statut_label(snapshot: DossierSnapshot, statut: object) -> str:
    if not isinstance(statut, str):
        return ""
    spec = snapshot.questionnaire.profile_field("statut")
    return next((c.label for c in spec.values if c.code == statut), "")



def _head(snapshot: DossierSnapshot, organisme: Organisme, styles: Styles) -> list[Flowable]:
    sender: list[Flowable] = []
    lines = site_lines(snapshot)
    if lines:
        sender.append(Paragraph("<br/>".join(
            [f"<b>{lines[0]}</b>"] + lines[1:]), styles.body_tight))
    agent = user(snapshot.agent, SHORT_LIMIT)
    if agent:
        sender.append(Spacer(1, 2))
        sender.append(Paragraph(f"Dossier suivi par{NBSP}: {agent}", styles.body_tight))
    code_cell: list[Flowable] = []
    qr = qr_code(snapshot.number)
    if qr is not None:
        code_cell.append(qr)
    code_cell.append(Paragraph(f"<b>{user(snapshot.number, 60)}</b>", styles.right_small))
    top = Table([[sender or "", code_cell]],
                colWidths=[CONTENT_WIDTH - 55 * mm, 55 * mm])
    top.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    recipient = Table(
        [["", [Paragraph(f"<b>{markup(organisme.help_team)}</b>", styles.body_tight),
               Paragraph(markup(organisme.name), styles.body_tight)]]],
        colWidths=[CONTENT_WIDTH * 0.5, CONTENT_WIDTH * 0.5])
    recipient.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    place = (f"{markup(snapshot.site.commune)}, le " if snapshot.site is not None else "Le ")
    # Dated by this organisme's own consent: a consent given to or withdrawn from another
    # organisme later does not change this letter (no new version for the partner).
    consent = snapshot.consent(organisme.code)
    day = consent.at if consent is not None and consent.at is not None else snapshot.document_date
    return [
        top, Spacer(1, 5 * mm), recipient, Spacer(1, 6 * mm),
        Paragraph(place + french_date(day), styles.right),
        Spacer(1, 4 * mm),
        Paragraph(f"<b>Objet{NBSP}: Orientation Help{NBSP}! — dossier "
                  f"{user(snapshot.number, 60)}</b>", styles.body),
        Spacer(1, 3 * mm),
    ]


def _opening(snapshot: DossierSnapshot) -> str:
    when = french_date(snapshot.created_on or snapshot.reference_date)
    if snapshot.channel == "telephone":
        met = f"a été entendue par {site_phrase(snapshot)} le {when}"
    elif snapshot.channel == "traitement_dossier":
        met = f"a vu son dossier étudié par {site_phrase(snapshot)} le {when}"
    else:
        met = f"a été reçue à {site_phrase(snapshot)} le {when}"
    return markup(
        f"Dans le cadre du dispositif Help !, la personne désignée ci-dessous {met}. Ses réponses "
        "au questionnaire commun font apparaître des aides qui relèvent de votre organisme. Elle a "
        "donné son accord pour que les informations utiles vous soient transmises.")


def _reason_short(snapshot: DossierSnapshot, reason: str) -> str | None:
    name, _, value = reason.partition("=")
    words = answer_words(snapshot.questionnaire, name, value)
    if words is not None:
        return f"{words.question_id} ({first_lower(words.theme)}){NBSP}: {words.answer}"
    return profile_fact_words(snapshot.questionnaire, name, value)


def _section(title: str, body: list[Flowable], styles: Styles) -> Flowable:
    return KeepTogether([Paragraph(markup(title), styles.h3), *body])


def _aids(snapshot: DossierSnapshot, organisme: str, shown: Disclosure,
          styles: Styles) -> list[Flowable]:
    rows: list[list[Flowable]] = []
    for entry, seen_reasons in zip(snapshot.aids_for(organisme), shown.aid_reasons,
                                   strict=True):
        aid = snapshot.questionnaire.aid(entry.code)
        reasons = [r for r in (_reason_short(snapshot, x) for x in seen_reasons) if r]
        cell: list[Flowable] = [Paragraph(f"<b>{markup(aid.title)}</b>", styles.body_tight)]
        if reasons:
            cell.append(Paragraph(f"Motifs{NBSP}: " + markup(" ; ".join(reasons)) + ".",
                                  styles.small))
        rows.append(cell)
    table = Table([[r] for r in rows], colWidths=[CONTENT_WIDTH])
    table.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBEFORE", (0, 0), (0, -1), 2, NAVY),
    ]))
    return [table]


def _answers(snapshot: DossierSnapshot, seen: dict[str, str], styles: Styles) -> list[Flowable]:
    """The answers this organisme sees (the reasons of its aids), question and answer in words."""
    found = [w for w in (answer_words(snapshot.questionnaire, q, code)
                         for q, code in seen.items()) if w is not None]
    note = Paragraph(markup(
        "Seules les réponses qui fondent les aides de votre organisme vous sont transmises ; "
        "les autres réponses de la personne ne concernent que les organismes auxquels elles "
        "ont été adressées."), styles.small)
    if not found:
        return [note]
    rows = [(markup(f"{w.question_id} · {w.theme}"), markup(w.answer)) for w in found]
    return [label_value_table(rows, styles, label_width=38 * mm), Spacer(1, 1 * mm), note]


def _consent(snapshot: DossierSnapshot, organisme: str, styles: Styles) -> list[Flowable]:
    consent = snapshot.consent(organisme)
    if consent is None:
        return []
    mode = MODE_WORDS.get(consent.mode, "")
    text = snapshot.consent_text_for(consent.text_version)
    digest = (consent.text_hash or (text.sha256 if text else ""))[:12]
    parts = [f"Accord donné le {french_date(consent.at)}" if consent.at else "Accord donné"]
    if mode:
        parts[0] += f", {mode}"
    details = [f"texte {consent.text_version}" if consent.text_version else "",
               f"empreinte {digest}" if digest else ""]
    detail = ", ".join(d for d in details if d)
    sentence = parts[0] + (f" ({detail})" if detail else "") + "."
    return [Paragraph(user(sentence), styles.body)]


def letter_story(snapshot: DossierSnapshot, organisme: Organisme,
                 styles: Styles) -> list[Flowable]:
    story = _head(snapshot, organisme, styles)
    shown = disclosure(snapshot.questionnaire, organisme.code, snapshot.aids,
                       lambda: snapshot.urgent_reasons)
    story += urgent_banner(snapshot, styles, "Nous vous remercions de traiter ce dossier en "
                                             "priorité.", title="Situation urgente",
                           reasons=shown.urgent_reasons)
    story += [Paragraph("Madame, Monsieur,", styles.body), Spacer(1, 1 * mm),
              Paragraph(_opening(snapshot), styles.body)]
    rows = _field_rows(snapshot, shown.fields)
    if rows:
        story.append(_section("La personne", [label_value_table(rows, styles)], styles))
    story.append(_section("Aides à examiner par votre organisme",
                          _aids(snapshot, organisme.code, shown, styles), styles))
    story.append(_section("Réponses au questionnaire commun qui les fondent",
                          _answers(snapshot, shown.answers, styles), styles))
    consent = _consent(snapshot, organisme.code, styles)
    if consent:
        story.append(_section("Consentement", consent, styles))
    contact = markup(f"Pour tout complément, vous pouvez joindre {site_phrase(snapshot)}")
    agent = user(snapshot.agent, SHORT_LIMIT)
    if agent:
        contact += f" (dossier suivi par {agent})"
    contact += f" en rappelant le numéro de dossier <b>{user(snapshot.number, 60)}</b>."
    reply = site_contact(snapshot)
    closing = [
        Paragraph(contact, styles.body),
        # The counter's own phone and e-mail, as its site recorded them on the central store.
        *([Paragraph(f"<b>Pour nous répondre{NBSP}:</b> {reply}", styles.body)]
          if reply else []),
        Spacer(1, 2 * mm),
        Paragraph(markup(
            "Nous vous remercions de l’attention portée à cette situation et restons à votre "
            "disposition pour tout complément d’information. Nous vous prions d’agréer, Madame, "
            "Monsieur, l’expression de nos salutations distinguées."), styles.body),
        Spacer(1, 4 * mm),
    ]
    signature: list[Flowable] = []
    if agent:
        signature.append(Paragraph(f"<b>{agent}</b>", styles.body_tight))
    role = ("Agent de la plateforme téléphonique" if snapshot.site is not None
            and snapshot.site.kind == "telephone" else
            f"Agent de l’accueil commun {of_place(snapshot.site.name)}"
            if snapshot.site is not None else "Agent de l’accueil commun")
    signature.append(Paragraph(markup(role), styles.body_tight))
    sign = Table([["", signature]], colWidths=[CONTENT_WIDTH * 0.5, CONTENT_WIDTH * 0.5])
    sign.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    # The signature is never alone on a page: it keeps the contact and closing lines with it.
    story.append(KeepTogether(closing + [sign]))
    return story
