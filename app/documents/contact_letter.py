"""The letter proposed after three unanswered calls of the call list (issue 16): « Nous avons
essayé de vous joindre… », inviting the worker to call the site back.

The site's phone, opening hours and address come ONLY from its settings recorded on the central
store (``Site.confirmed``); a site without them prints « contactez votre accueil », never a
number from memory. The person's name and town come from the call list's entry (its signals),
the postal address only from the worker's dossier when the entry is linked to one. The letter
says nothing of the alerts themselves (a debt, a court procedure): it may be opened by anyone at
the worker's home.

Plain data in (the entry as a mapping: the shared call list shape, or the window's entry view),
PDF out, with the orientation letter's look.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app import __version__
from app.documents.blocks import (
    ADDRESS_LIMIT,
    NAME_LIMIT,
    SHORT_LIMIT,
    site_address,
    site_title,
)
from app.documents.layout import CONTENT_WIDTH, NAVY, TINT, Footer, Styles, build_pdf, make_styles
from app.documents.text import NBSP, french_date, markup, user
from app.forms.identity import spaced_siret
from app.forms.sites import Site

LOCAL_TZ = ZoneInfo("Europe/Paris")
TITLE = "Nous avons essayé de vous joindre"


@dataclass(frozen=True)
class ContactLetter:
    """What the letter prints, read once from the entry (and the linked dossier's address)."""

    nom: str
    prenom: str
    adresse: str
    code_postal: str
    commune: str
    siret: str
    tried: tuple[date, ...]  # the days of the unanswered calls, French local days
    site: Site | None
    issued: date
    name: str = ""  # as the call list shows it (« DUPONT Marie »), when no nom nor prenom

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.prenom, self.nom.upper()) if p) or self.name


def _get(item: Any, name: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        moment: datetime | None = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    assert moment is not None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(LOCAL_TZ).date()


def read_entry(entry: Mapping[str, Any], *, site: Site | None, issued: date,
               address: Mapping[str, Any] | None = None) -> ContactLetter:
    """The letter's facts from a call list entry: its name (``nom``/``prenom``, else its
    signals'), its town, its SIRET, the days its unanswered calls were made; ``address``: the
    linked dossier's identity (``adresse``, ``code_postal``, ``commune``), when there is one."""
    signals: Sequence[Any] = list(entry.get("signals") or ())

    def first(name: str) -> str:
        found = _text(entry.get(name))
        if found:
            return found
        return next((_text(_get(s, name)) for s in signals if _text(_get(s, name))), "")

    nom, prenom = first("nom"), first("prenom")
    # the window's entry view names the worker « DUPONT Marie »
    name = "" if nom or prenom else _text(entry.get("name"))
    home = address or {}
    postal = _text(home.get("code_postal")) or first("code_postal")
    town = _text(home.get("commune")) or first("commune")
    tried = sorted({day for a in entry.get("attempts") or ()
                    if _get(a, "outcome") == "injoignable"
                    and (day := _day(_get(a, "at"))) is not None})
    return ContactLetter(nom=nom, prenom=prenom, adresse=_text(home.get("adresse")),
                         code_postal=postal, commune=town, siret=first("siret"),
                         tried=tuple(tried), site=site, issued=issued, name=name)


def _days(days: Sequence[date]) -> str:
    """« le 2 décembre 2026 », « les 2, 3 et 4 décembre 2026 », « les 30 novembre et 2
    décembre 2026 »."""
    if not days:
        return ""
    if len(days) == 1:
        return f"le {french_date(days[0])}"
    parts: list[str] = []
    for index, day in enumerate(days):
        following = days[index + 1] if index + 1 < len(days) else None
        text = french_date(day)
        if following is not None and (following.year, following.month) == (day.year, day.month):
            text = "1er" if day.day == 1 else str(day.day)
        elif following is not None and following.year == day.year:
            text = text.rsplit(" ", 1)[0]
        parts.append(text)
    return "les " + ", ".join(parts[:-1]) + " et " + parts[-1]


def _sender(site: Site | None, styles: Styles) -> Paragraph:
    lines = [f"<b>{markup(site_title(site))}</b>"]
    if site is not None:
        lines += site_address(site)
    return Paragraph("<br/>".join(lines), styles.body_tight)


def _recipient(letter: ContactLetter, styles: Styles) -> list[Flowable]:
    lines = [f"<b>{user(letter.full_name, NAME_LIMIT)}</b>"] if letter.full_name else []
    if letter.adresse:
        lines.append(user(letter.adresse, ADDRESS_LIMIT))
    town = " ".join(p for p in (letter.code_postal, letter.commune) if p)
    if town:
        lines.append(user(town, SHORT_LIMIT))
    return [Paragraph("<br/>".join(lines), styles.body_tight)] if lines else []


def _reach(site: Site | None, styles: Styles) -> list[Flowable]:
    """How to call back: the site's recorded phone and hours (and address to come by), in a
    box; « contactez votre accueil » when the site has none recorded."""
    rows: list[tuple[str, str]] = []
    if site is not None and site.confirmed:
        if site.phone:
            rows.append(("Téléphone", f"<b>{user(site.phone, 30).replace(' ', NBSP)}</b>"))
        if site.hours:
            rows.append(("Horaires", user(site.hours, 200)))
        if site.email:
            rows.append(("Courriel", user(site.email, 254)))
        if site.address and (site.phone or site.hours):
            place = ", ".join([*site.address, f"{site.postal_code} {site.commune}"])
            rows.append(("Sur place", user(place, ADDRESS_LIMIT)))
    if not rows or not (site is not None and (site.phone or site.email)):
        return [Paragraph(markup("Pour en parler, contactez votre accueil."), styles.body)]
    data = [[Paragraph(markup(label), styles.label), Paragraph(value, styles.body_tight)]
            for label, value in rows]
    box = Table(data, colWidths=[32 * mm, CONTENT_WIDTH - 32 * mm])
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), TINT), ("BOX", (0, 0), (-1, -1), 1.2, NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, 0), 7), ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
    ]))
    return [Paragraph(markup("Vous pouvez nous rappeler :"), styles.body), box]


def contact_story(letter: ContactLetter, styles: Styles) -> list[Flowable]:
    """The letter's flowables."""
    top = Table([[_sender(letter.site, styles), ""]],
                colWidths=[CONTENT_WIDTH - 55 * mm, 55 * mm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    recipient = Table([["", _recipient(letter, styles) or ""]],
                      colWidths=[CONTENT_WIDTH * 0.5, CONTENT_WIDTH * 0.5])
    recipient.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    site = letter.site
    place = f"{markup(site.commune)}, le " if site is not None and site.commune else "Le "
    story: list[Flowable] = [
        top, Spacer(1, 5 * mm), recipient, Spacer(1, 6 * mm),
        Paragraph(place + french_date(letter.issued), styles.right), Spacer(1, 4 * mm),
        Paragraph(f"<b>Objet{NBSP}: {markup('Dispositif Help ! — ' + TITLE)}</b>",
                  styles.body),
    ]
    if letter.siret:
        story.append(Paragraph(f"Votre référence{NBSP}: SIRET "
                               f"{user(spaced_siret(letter.siret), 40)}", styles.body))
    story += [Spacer(1, 3 * mm), Paragraph("Madame, Monsieur,", styles.body), Spacer(1, 1 * mm)]
    when = _days(letter.tried)
    tried = (f"Nous avons essayé de vous joindre par téléphone {when}, sans parvenir à vous "
             "parler." if when else "Nous avons essayé de vous joindre par téléphone à "
                                    "plusieurs reprises, sans parvenir à vous parler.")
    story += [
        Paragraph(markup(tried), styles.body),
        Paragraph(markup(
            "Dans le cadre du dispositif Help !, l’accueil commun des travailleurs "
            "indépendants souhaite faire le point avec vous sur votre situation et vous "
            "présenter l’accompagnement dont vous pourriez bénéficier."), styles.body),
        Spacer(1, 2 * mm),
    ]
    story += _reach(site, styles)
    closing: list[Flowable] = [
        Spacer(1, 4 * mm),
        Paragraph(markup("Si vous êtes déjà accompagné(e) ou ne souhaitez pas être recontacté(e), "
                         "il vous suffit de nous le dire."), styles.body),
        Paragraph(markup("Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos "
                         "salutations distinguées."), styles.body),
        Spacer(1, 4 * mm),
    ]
    sign = Table([["", [Paragraph(markup(site_title(site).replace(
        "Accueil", "L’accueil", 1).replace("Plateforme", "La plateforme", 1)),
        styles.body_tight)]]], colWidths=[CONTENT_WIDTH * 0.5, CONTENT_WIDTH * 0.5])
    sign.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(KeepTogether(closing + [sign]))
    return story


def render_contact_letter(letter: ContactLetter) -> tuple[bytes, int]:
    """The letter as PDF bytes, and its page count (the same letter gives the same bytes)."""
    styles = make_styles()
    footer = Footer(left=f"{markup('Dispositif Help !')}{NBSP}· Accueil TI {__version__}",
                    disclaimer=markup("Courrier personnel, établi par l’accueil commun des "
                                      "travailleurs indépendants dans le cadre du dispositif "
                                      "Help !"))
    name = letter.full_name or "courrier"
    return build_pdf(contact_story(letter, styles), title=f"{TITLE} — {name}",
                     subject=TITLE, footer=footer, styles=styles)


def letter_key(letter: ContactLetter) -> str:
    """The SHA-256 of what the letter says (for a file name or a record)."""
    text = repr((letter.full_name, letter.adresse, letter.code_postal, letter.commune,
                 letter.siret, letter.tried, None if letter.site is None else letter.site.code,
                 letter.issued))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
