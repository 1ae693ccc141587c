"""The consent form: the consent text in force, the worker's choice per organisme, signatures.

The text is the version the dossier's consents were given under (else the questionnaire's current
one), printed in full. One line per organisme of the dossier (the oriented ones and any with a
recorded decision; every organisme when there is none) shows « Accepte » / « Refuse » as check
boxes with the date, the revocation date, or « non recueilli ». Consent signed at the counter gets
two signature boxes (the worker, « Lu et approuvé », « Fait à <site>, le <date> » prefilled; the
agent), on the page of the choices. Consent collected
orally by phone gets, instead of the worker's box, the agent's attestation and signature box.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.documents.blocks import NAME_LIMIT, SHORT_LIMIT, header, site_phrase
from app.documents.layout import CONTENT_WIDTH, INK, RULE, TINT, Styles
from app.documents.snapshot import ConsentRecord, DossierSnapshot
from app.documents.text import NBSP, french_date, markup, user
from app.forms.consent import filled_text, notice_blocks
from app.forms.deployment import load_deployment

CHECKED = "☒"
UNCHECKED = "☐"


def consent_title(snapshot: DossierSnapshot) -> str:
    return snapshot.consent_text.title.split(" — ")[0].strip() or "Consentement"


def form_organismes(snapshot: DossierSnapshot) -> tuple[str, ...]:
    """Organismes listed on the form, in questionnaire order."""
    listed = set(snapshot.organismes) | {c.organisme for c in snapshot.consents}
    codes = tuple(o.code for o in snapshot.questionnaire.organismes if o.code in listed)
    return codes or tuple(o.code for o in snapshot.questionnaire.organismes)


def _state(consent: ConsentRecord | None) -> tuple[bool, bool, str]:
    """(accepte checked, refuse checked, précisions)."""
    if consent is None:
        return False, False, "Non recueilli"
    when = f" le {french_date(consent.at)}" if consent.at else ""
    if consent.given and consent.revoked_at is not None:
        return False, True, (f"Accord donné{when}, retiré le "
                             f"{french_date(consent.revoked_at)}")
    if consent.given:
        return True, False, f"Accord donné{when}"
    return False, True, f"Refus exprimé{when}"


def _choices(snapshot: DossierSnapshot, styles: Styles) -> Table:
    box = styles.body.clone("box", fontSize=13, leading=14, alignment=1)
    head = styles.label.clone("head", alignment=1)
    rows: list[list[object]] = [[
        Paragraph("Organisme", styles.label), Paragraph("Accepte", head),
        Paragraph("Refuse", head), Paragraph("Précisions", styles.label)]]
    for code in form_organismes(snapshot):
        organisme = snapshot.questionnaire.organisme(code)
        accepte, refuse, note = _state(snapshot.consent(code))
        rows.append([
            Paragraph(f"<b>{markup(organisme.short_name)}</b><br/>"
                      f"<font size=7.5 color='#555555'>{markup(organisme.role)}</font>",
                      styles.body_tight),
            Paragraph(CHECKED if accepte else UNCHECKED, box),
            Paragraph(CHECKED if refuse else UNCHECKED, box),
            Paragraph(markup(note), styles.note),
        ])
    table = Table(rows, colWidths=[76 * mm, 18 * mm, 18 * mm, CONTENT_WIDTH - 112 * mm],
                  repeatRows=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), TINT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _signature_box(title: str, lines: list[str], styles: Styles, width: float,
                   signature_height: float = 22 * mm) -> Table:
    content: list[Flowable] = [Paragraph(f"<b>{title}</b>", styles.body_tight)]
    content += [Paragraph(line, styles.label) for line in lines]
    box = Table([[content], [""]], colWidths=[width], rowHeights=[None, signature_height])
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 5),
    ]))
    return box


def _agent_lines(snapshot: DossierSnapshot) -> list[str]:
    agent = user(snapshot.agent, SHORT_LIMIT)
    lines = [f"Nom{NBSP}: {agent}" if agent else f"Nom{NBSP}:"]
    lines.append(markup("Date et signature :"))
    return lines


def _consent_day(snapshot: DossierSnapshot) -> str:
    days = [c.at for c in snapshot.consents if c.at is not None]
    return french_date(max(days)) if days else french_date(snapshot.document_date)


def _signatures(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    half = (CONTENT_WIDTH - 8 * mm) / 2
    if snapshot.consent_mode == "oral_telephone":
        agent = user(snapshot.agent, SHORT_LIMIT) or "……………………………"
        name = user(snapshot.identity.full_name, NAME_LIMIT)
        person = f"à {name}" if name else "à la personne"
        attestation = Paragraph(
            f"Je soussigné(e) <b>{agent}</b>, agent de {markup(site_phrase(snapshot))}, atteste "
            f"avoir lu ce texte {person} par téléphone le {_consent_day(snapshot)} et recueilli "
            "son accord oral pour les organismes cochés ci-dessus.", styles.body)
        # Text and signature side by side: the attestation stays on the page of the choices.
        box_width = 62 * mm
        box = _signature_box("L’agent", _agent_lines(snapshot), styles, box_width,
                             signature_height=14 * mm)
        side = Table([[attestation, box]], colWidths=[CONTENT_WIDTH - box_width, box_width])
        side.setStyle(TableStyle([("LEFTPADDING", (0, 0), (0, 0), 0),
                                  ("RIGHTPADDING", (0, 0), (0, 0), 6 * mm),
                                  ("LEFTPADDING", (1, 0), (1, 0), 0),
                                  ("RIGHTPADDING", (1, 0), (1, 0), 0),
                                  ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return [Paragraph(markup("Attestation de l’agent (accord recueilli par téléphone)"),
                          styles.h3), side]
    worker = _signature_box(
        "La personne concernée",
        [_made_at(snapshot), markup("Mention « Lu et approuvé » et signature :")], styles, half)
    agent_box = _signature_box("L’agent de l’accueil", _agent_lines(snapshot), styles, half)
    pair = Table([[worker, agent_box]], colWidths=[half + 8 * mm, half])
    pair.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Paragraph(markup("Signatures"), styles.h2), pair]


def _made_at(snapshot: DossierSnapshot) -> str:
    """« Fait à Quimper, le 4 décembre 2026 » prefilled from the site and the day of the
    consent (dotted blanks where the site is not known)."""
    site = snapshot.site
    place = (markup(site.commune) if site is not None and site.kind != "telephone"
             else "………………………………")
    return f"Fait à {place}, le {_consent_day(snapshot)}"


def notice_story(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    """The consent text in force, in full; a notice's places (controller, DPO, recipients,
    retention, CNIL) filled from the deployment's facts and the questionnaire's organismes."""
    deployment = snapshot.deployment or load_deployment()
    filled = filled_text(snapshot.consent_text, deployment, snapshot.questionnaire)
    heading = styles.h3.clone("notice_heading", fontSize=9.5, leading=12, spaceBefore=5,
                              spaceAfter=1)
    item = styles.text.clone("notice_item", leftIndent=10, bulletIndent=1, spaceAfter=1)
    story: list[Flowable] = []
    for kind, block in notice_blocks(filled):
        words = markup(" ".join(block.split()))
        if kind == "h":
            story.append(Paragraph(words, heading))
        elif kind == "li":
            story.append(Paragraph(words, item, bulletText="•"))
        else:
            story.append(Paragraph(words, styles.text))
    return story


def consent_story(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    text = snapshot.consent_text
    story = header(snapshot, styles, consent_title(snapshot))
    story += notice_story(snapshot, styles)
    story.append(Paragraph(
        markup(f"Texte {text.version} — empreinte {text.sha256[:12]}"), styles.small))
    # The choices and the signatures that make them the worker's stay on one page.
    story.append(KeepTogether([
        Paragraph(markup("Vos choix, organisme par organisme"), styles.h2),
        # By phone, the agent's attestation below says how the choices were made.
        *([] if snapshot.consent_mode == "oral_telephone" else [
            Paragraph(markup("Cochez une seule case par ligne. Vous pouvez changer d’avis à "
                             "tout moment."), styles.muted),
            Spacer(1, 1.5 * mm)]),
        _choices(snapshot, styles),
        *_signatures(snapshot, styles),
    ]))
    return story
