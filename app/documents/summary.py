"""The worker's summary, « Vos aides et vos contacts ».

Header (scheme, dossier, date, site, agent, worker), urgent banner, then each applicable aid
grouped by organisme under the organisme's contact details: title, plain explanation, why it
applies (the reasons in words), the next step, and the facts it refers to in small type. The usual
Page 1 opens with « En bref »: who will contact the worker (each organisme with consent), about
which aids, and when (the processing time the central store measured, else « environ un mois »);
the method of that figure follows in words. Then the questions not asked or answered « ne sait
pas ». When no aid applies, the general block instead: the no-aid text, the five « bons réflexes »
and every organisme's contacts; a draft whose questionnaire is not finished says so and lists what
remains, never « no fragility ». Amounts are never printed as promises: aids are granted under
conditions; a ceiling prints with the year of its source.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.blocks import contact_markup, header, urgent_banner
from app.documents.layout import CONTENT_WIDTH, NAVY, RULE, TINT, Styles
from app.documents.snapshot import DossierSnapshot
from app.documents.text import NBSP, markup
from app.documents.wording import blocked_words, not_answered, plural, reason_words
from app.forms.figures import MIN_SAMPLE
from app.forms.questionnaire import Organisme

TITLE = "Vos aides et vos contacts"


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + dot.strip()


def _method(snapshot: DossierSnapshot) -> str:
    """How the processing times printed at the top were measured, in words."""
    figures = [f for f in snapshot.processing if f.organisme in snapshot.organismes]
    if not figures:
        return snapshot.questionnaire.fact("help_delai").text
    window = figures[0].window_days
    return (_first_sentence(snapshot.questionnaire.fact("help_delai").text) + " "
            f"Les délais constatés indiqués en tête de ce document sont mesurés par le dispositif "
            f"sur les {window} derniers jours, pour chaque organisme, entre la transmission d’une "
            f"demande Help ! et sa clôture : la durée médiane (la moitié des demandes ont été "
            f"traitées plus vite) et la durée dans laquelle 9 demandes sur 10 ont été traitées. "
            f"Ils ne sont publiés qu’à partir de {MIN_SAMPLE} demandes traitées ; sinon, le délai "
            f"indiqué est celui que publie le dispositif : environ un mois.")


def _intro(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    flow: list[Flowable] = []
    if snapshot.aids:
        flow.append(Paragraph(markup(
            "Voici les aides qui peuvent vous concerner d’après vos réponses au questionnaire "
            "commun, organisme par organisme, avec la démarche à suivre. Chaque organisme étudie "
            "votre situation et vous contacte."), styles.body))
    flow.append(Paragraph(markup(_method(snapshot) + " " + snapshot.questionnaire.fact(
        "accueils_communs").text), styles.muted if snapshot.aids else styles.body))
    if snapshot.status == "brouillon" and snapshot.unanswered and snapshot.aids:
        flow.append(Paragraph(markup(
            "Questionnaire en cours : ce document sera complété lorsque toutes les questions "
            "auront été abordées."), styles.muted))
    return flow


def _contact_box(organisme: Organisme, snapshot: DossierSnapshot, styles: Styles) -> Table:
    box = Table([[[Paragraph(contact_markup(organisme), styles.body_tight)]]],
                colWidths=[CONTENT_WIDTH])
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
               styles: Styles, shared_step: int, facts: list[str]) -> list[Flowable]:
    """One aid: title, explanation, why (one paragraph), its next step unless the next aid
    has the same (``shared_step``: how many aids, this one last, share the step printed here;
    0 when the step is printed after a later aid), then the ``facts`` it is the first of its
    section to refer to, « À savoir », in small type."""
    aid = snapshot.questionnaire.aid(code)
    block: list[Flowable] = [
        Paragraph(markup(aid.title), styles.h3),
        Paragraph(markup(aid.explanation), styles.body_tight),
    ]
    why = _reasons(snapshot, reasons, styles)
    if why:
        block.append(Paragraph(f"<b>Pourquoi{NBSP}:</b> " + " ; ".join(why) + ".",
                               styles.body_tight))
    if shared_step:
        label = ("Prochaine étape" if shared_step == 1
                 else f"Prochaine étape, commune aux {shared_step} aides qui précèdent")
        block.append(Paragraph(f"<b>{markup(label)}{NBSP}:</b> {markup(aid.next_step)}",
                               styles.body))
    else:
        block.append(Spacer(1, 1 * mm))
    for fact_id in facts:
        block.append(Paragraph(
            f"<b>À savoir{NBSP}:</b> "
            f"{markup(snapshot.questionnaire.fact(fact_id).printed_text())}", styles.small))
    return block


def _shared_steps(snapshot: DossierSnapshot, codes: list[str]) -> list[int]:
    """For each aid, how many consecutive aids (ending with it) share its next step when it is
    the last of them, else 0: an identical next step is printed once, after its run."""
    steps = [snapshot.questionnaire.aid(code).next_step for code in codes]
    out: list[int] = []
    run = 0
    for i, step in enumerate(steps):
        run += 1
        last = i + 1 == len(steps) or steps[i + 1] != step
        out.append(run if last else 0)
        if last:
            run = 0
    return out


def _organisme_section(snapshot: DossierSnapshot, organisme: Organisme,
                       styles: Styles) -> list[Flowable]:
    aids = snapshot.aids_for(organisme.code)
    shared = _shared_steps(snapshot, [a.code for a in aids])
    # Each fact under the first aid of the section that refers to it.
    seen: set[str] = set()
    facts: list[list[str]] = []
    for entry in aids:
        new = [f for f in snapshot.questionnaire.aid(entry.code).facts if f not in seen]
        seen.update(new)
        facts.append(new)
    flow: list[Flowable] = [KeepTogether(
        [Paragraph(markup(organisme.name), styles.h2), _contact_box(organisme, snapshot, styles)]
        + _aid_block(snapshot, aids[0].code, aids[0].reasons, styles, shared[0], facts[0]))]
    for entry, steps, own in zip(aids[1:], shared[1:], facts[1:], strict=True):
        # Not nested in another KeepTogether: reportlab then sees an infinite height.
        flow.append(KeepTogether(_aid_block(snapshot, entry.code, entry.reasons, styles,
                                            steps, own)))
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


def _incomplete(snapshot: DossierSnapshot) -> bool:
    """A draft whose questionnaire is not finished: no conclusion can be drawn from it."""
    return snapshot.status == "brouillon" and bool(snapshot.unanswered)


def _draft_block(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    """A draft without aid yet: the questionnaire is incomplete, and what remains (never « no
    fragility was detected », which only a finished questionnaire may say)."""
    missing = not_answered(snapshot)
    flow: list[Flowable] = [
        Paragraph(markup("Questionnaire incomplet"), styles.h2),
        Paragraph(markup(
            "Le questionnaire commun n’est pas terminé : ce document ne peut pas encore indiquer "
            "les aides qui peuvent vous concerner. Il reste à aborder :"), styles.body),
        _bullets([markup(text) for text, _ in missing], styles),
        Paragraph(markup("Vos contacts"), styles.h2),
    ]
    for organisme in snapshot.questionnaire.organismes:
        flow.append(KeepTogether([
            Paragraph(markup(organisme.name), styles.h3),
            Paragraph(markup(organisme.role), styles.small),
            _contact_box(organisme, snapshot, styles),
        ]))
    return flow


def _when_words(snapshot: DossierSnapshot, code: str) -> str:
    """When the organisme's Help! team is expected to answer, in words."""
    figure = snapshot.figure_for(code)
    if figure is None:
        return "Délai habituel : environ un mois"
    return (f"Délai habituel constaté : {figure.median_days} "
            f"{plural(figure.median_days, 'jour', 'jours')} (médiane), {figure.p90_days} "
            f"{plural(figure.p90_days, 'jour', 'jours')} pour 9 demandes sur 10")


def _glance(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    """Page 1 at a glance: who will contact the worker, about what, and when; an organisme
    without the worker's consent is not informed: the worker contacts it."""
    questionnaire = snapshot.questionnaire
    rows: list[list[Flowable]] = []
    for organisme in questionnaire.organismes:
        if organisme.code not in snapshot.organismes:
            continue
        titles = [questionnaire.aid(a.code).title for a in snapshot.aids_for(organisme.code)]
        consent = snapshot.consent(organisme.code)
        if consent is not None and consent.active:
            who = f"<b>{markup(organisme.help_team)}</b> vous contacte"
            when = markup(_when_words(snapshot, organisme.code)) + "."
        else:
            who = (f"<b>{markup(organisme.short_name)}</b> n’est pas informé sans votre "
                   "accord : contactez-le si vous le souhaitez")
            when = contact_markup(organisme)
        rows.append([Paragraph(f"{who}{NBSP}: " + markup(" ; ".join(titles)) + ".",
                               styles.body_tight),
                     Paragraph(when, styles.small)])
    if not rows:
        return []
    table = Table([[Paragraph(markup("En bref : qui va vous contacter, pour quoi, quand"),
                              styles.h3), ""]] + rows,
                  colWidths=[CONTENT_WIDTH * 0.62, CONTENT_WIDTH * 0.38])
    table.setStyle(TableStyle([
        ("SPAN", (0, 0), (1, 0)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (-1, -1), 0.8, NAVY),
        ("LINEBELOW", (0, 1), (-1, -2), 0.25, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return [table, Spacer(1, 3 * mm)]


def summary_story(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    story = header(snapshot, styles, TITLE)
    story += urgent_banner(snapshot, styles, "Votre dossier est signalé comme prioritaire aux "
                                             "organismes concernés.")
    story += _glance(snapshot, styles)
    story += _intro(snapshot, styles)
    if snapshot.aids:
        for organisme in snapshot.questionnaire.organismes:
            if organisme.code in snapshot.organismes:
                story += _organisme_section(snapshot, organisme, styles)
    elif _incomplete(snapshot):
        story += _draft_block(snapshot, styles)
    else:
        story += _no_aid_block(snapshot, styles)
    story += _blocked_block(snapshot, styles)
    if not (_incomplete(snapshot) and not snapshot.aids):
        story += _not_answered_block(snapshot, styles)
    return story
