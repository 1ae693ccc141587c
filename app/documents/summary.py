"""The worker's summary, « Vos aides et vos contacts ».

Header (scheme, dossier, date, site, agent, worker), urgent banner, then each applicable aid
grouped by organisme under the organisme's contact details: title, plain explanation, why it
applies (the reasons in words), the next step, and the facts it refers to in small type. The usual
processing time of Help! follows, then the questions not asked or answered « ne sait pas ». When no
aid applies, the general block instead: the no-aid text, the five « bons réflexes » and every
organisme's contacts. Amounts are never printed: aids are granted under conditions.
"""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Table,
    TableStyle,
)

from app.documents.blocks import contact_markup, header, urgent_banner
from app.documents.layout import CONTENT_WIDTH, TINT, Styles
from app.documents.snapshot import DossierSnapshot
from app.documents.text import NBSP, markup
from app.documents.wording import blocked_words, not_answered, reason_words
from app.forms.questionnaire import Organisme

TITLE = "Vos aides et vos contacts"


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + dot.strip()


def _intro(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    questionnaire = snapshot.questionnaire
    help_fact = questionnaire.fact("help_delai").text
    flow: list[Flowable] = []
    if snapshot.aids:
        flow.append(Paragraph(markup(
            "Voici les aides qui peuvent vous concerner d’après vos réponses au questionnaire "
            "commun, organisme par organisme, avec la démarche à suivre. Chaque organisme étudie "
            "votre situation et vous contacte."), styles.body))
    text = help_fact if not snapshot.processing_days else _first_sentence(help_fact)
    flow.append(Paragraph(markup(text), styles.body))
    if snapshot.status == "brouillon" and snapshot.unanswered:
        flow.append(Paragraph(markup(
            "Questionnaire en cours : ce document sera complété lorsque toutes les questions "
            "auront été abordées."), styles.muted))
    return flow


def _contact_box(organisme: Organisme, snapshot: DossierSnapshot, styles: Styles) -> Table:
    lines = [Paragraph(contact_markup(organisme), styles.body_tight)]
    days = snapshot.days_for(organisme.code)
    if days is not None:
        lines.append(Paragraph(markup(f"Délai habituel constaté{NBSP}: {days}{NBSP}"
                                      f"{'jour' if days == 1 else 'jours'}."),
                               styles.body_tight))
    elif snapshot.processing_days:
        lines.append(Paragraph(markup(f"Délai habituel{NBSP}: environ un mois."),
                               styles.body_tight))
    box = Table([[lines]], colWidths=[CONTENT_WIDTH])
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), TINT),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return box


def _reasons(snapshot: DossierSnapshot, reasons: tuple[str, ...], styles: Styles) -> list[str]:
    out: list[str] = []
    for reason in reasons:
        words = reason_words(snapshot.questionnaire, reason)
        if words is None:
            continue
        question, detail = words
        if question:
            out.append(f"À la question «{NBSP}{markup(question)}{NBSP}», vous avez répondu"
                       f"{NBSP}: <b>{markup(detail)}</b>")
        else:
            out.append(markup(detail))
    return out


def _bullets(items: list[str], style_name: Styles, *, numbered: bool = False) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(item, style_name.bullet), leftIndent=14) for item in items],
        bulletType="1" if numbered else "bullet", start="1" if numbered else "•",
        leftIndent=14, bulletFontSize=9 if not numbered else 9.5,
        bulletFontName=style_name.body.fontName,
    )


def _aid_block(snapshot: DossierSnapshot, code: str, reasons: tuple[str, ...],
               styles: Styles) -> list[Flowable]:
    aid = snapshot.questionnaire.aid(code)
    block: list[Flowable] = [
        Paragraph(markup(aid.title), styles.h3),
        Paragraph(markup(aid.explanation), styles.body),
    ]
    why = _reasons(snapshot, reasons, styles)
    if why:
        block.append(Paragraph(markup("Pourquoi cette aide peut vous concerner :"),
                               styles.body_tight))
        block.append(_bullets(why, styles))
    block.append(Paragraph(f"<b>Prochaine étape{NBSP}:</b> {markup(aid.next_step)}",
                           styles.body))
    return block


def _organisme_section(snapshot: DossierSnapshot, organisme: Organisme,
                       styles: Styles) -> list[Flowable]:
    aids = snapshot.aids_for(organisme.code)
    first = snapshot.questionnaire.aid(aids[0].code)
    flow: list[Flowable] = [KeepTogether(
        [Paragraph(markup(organisme.name), styles.h2), _contact_box(organisme, snapshot, styles)]
        + _aid_block(snapshot, first.code, aids[0].reasons, styles))]
    for entry in aids[1:]:
        # Not nested in another KeepTogether: reportlab then sees an infinite height.
        flow.append(KeepTogether(_aid_block(snapshot, entry.code, entry.reasons, styles)))
    fact_ids: list[str] = []
    for entry in aids:
        for fact_id in snapshot.questionnaire.aid(entry.code).facts:
            if fact_id not in fact_ids:
                fact_ids.append(fact_id)
    for fact_id in fact_ids:
        flow.append(Paragraph(f"<b>À savoir{NBSP}:</b> "
                              f"{markup(snapshot.questionnaire.fact(fact_id).text)}",
                              styles.small))
    return flow


def _not_answered_block(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    missing = not_answered(snapshot)
    if not missing:
        return []
    items = [f"{markup(text)} <i>({markup(what)})</i>" for text, what in missing]
    return [KeepTogether([
        Paragraph(markup("Questions non posées ou sans réponse"), styles.h2),
        Paragraph(markup(
            "Ces points n’ont pas été abordés, ou vous avez préféré ne pas répondre. Ils peuvent "
            "ouvrir droit à d’autres aides : n’hésitez pas à en reparler avec l’accueil."),
            styles.body),
        _bullets(items, styles),
    ])]


def _no_aid_block(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    questionnaire = snapshot.questionnaire
    flow: list[Flowable] = [
        Paragraph(markup(questionnaire.no_aid.text), styles.body),
        KeepTogether([
            Paragraph(markup("Les bons réflexes"), styles.h2),
            _bullets([markup(r) for r in questionnaire.no_aid.bons_reflexes], styles,
                     numbered=True),
        ]),
        Paragraph(markup("Vos contacts"), styles.h2),
    ]
    for organisme in questionnaire.organismes:
        flow.append(KeepTogether([
            Paragraph(markup(organisme.name), styles.h3),
            Paragraph(markup(organisme.role), styles.small),
            _contact_box(organisme, snapshot, styles),
        ]))
    return flow


def _blocked_block(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    sentences = blocked_words(snapshot)
    if not sentences:
        return []
    return [KeepTogether([
        Paragraph(markup("Informations à compléter"), styles.h2),
        Paragraph(markup(
            "D’après vos réponses, d’autres aides pourraient vous concerner, mais il manque une "
            "information sur votre situation pour les examiner. L’accueil complète votre dossier "
            "avec vous."), styles.body),
        _bullets([markup(s) for s in sentences], styles),
    ])]


def summary_story(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    story = header(snapshot, styles, TITLE)
    story += urgent_banner(snapshot, styles, "Votre dossier est signalé comme prioritaire aux "
                                             "organismes concernés.")
    story += _intro(snapshot, styles)
    if snapshot.aids:
        for organisme in snapshot.questionnaire.organismes:
            if organisme.code in snapshot.organismes:
                story += _organisme_section(snapshot, organisme, styles)
    else:
        story += _no_aid_block(snapshot, styles)
    story += _blocked_block(snapshot, styles)
    story += _not_answered_block(snapshot, styles)
    return story
