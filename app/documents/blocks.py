"""Building blocks shared by the documents: header, urgent banner, contact lines, boxes."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.documents.fonts import BOLD
from app.documents.layout import (
    CONTENT_WIDTH,
    NAVY,
    RULE,
    TINT,
    URGENT,
    URGENT_TINT,
    Styles,
)
from app.documents.snapshot import DossierSnapshot
from app.documents.text import NBSP, french_date, markup, of_place, user
from app.documents.wording import urgent_words
from app.forms.questionnaire import Organisme
from app.forms.sites import Site

SCHEME = "Dispositif Help ! — Accueil commun des travailleurs indépendants"
NAME_LIMIT = 120
ADDRESS_LIMIT = 200
SHORT_LIMIT = 80


def site_phrase(snapshot: DossierSnapshot) -> str:
    """« l’accueil commun de Quimper », « la plateforme téléphonique » (trusted wording)."""
    site = snapshot.site
    if site is None:
        return "l’accueil commun des travailleurs indépendants"
    if site.kind == "telephone":
        return "la plateforme téléphonique des travailleurs indépendants"
    return f"l’accueil commun {of_place(site.name)}"


def site_title(site: Site | None) -> str:
    """« Accueil commun des travailleurs indépendants de Quimper » (not escaped)."""
    if site is None:
        return "Accueil commun des travailleurs indépendants"
    if site.kind == "telephone":
        return "Plateforme téléphonique des travailleurs indépendants"
    return f"Accueil commun des travailleurs indépendants {of_place(site.name)}"


def site_address(site: Site) -> list[str]:
    """The site's address, escaped, one line each: its lines, postal code and commune once the
    site's settings are recorded on the central store (``site.confirmed``); until then its
    commune, unless the title already names it (« … de Quimper » then « Quimper »)."""
    if site.confirmed:  # recorded by an administrator: user text, cleaned
        return ([user(line, SHORT_LIMIT) for line in site.address]
                + [user(f"{site.postal_code} {site.commune}", SHORT_LIMIT)])
    if site.commune and not (site.kind != "telephone" and site.commune == site.name):
        return [markup(site.commune)]
    return []


def site_lines(snapshot: DossierSnapshot) -> list[str]:
    """The site's name and address, escaped, one line each (empty when there is no site)."""
    site = snapshot.site
    if site is None:
        return []
    return [markup(site_title(site)), *site_address(site)]


def site_compact(snapshot: DossierSnapshot) -> list[str]:
    """The site in two lines: its name, then its address (or its city) on one line
    (escaped)."""
    lines = site_lines(snapshot)
    return lines[:1] + [", ".join(lines[1:])] if len(lines) > 1 else lines


def site_contact(snapshot: DossierSnapshot) -> str:
    """« Tél. 02 99 00 00 00 · accueil.ti@… · du lundi au vendredi… » from the site's recorded
    settings (escaped markup); empty when none is set."""
    site = snapshot.site
    if site is None or not site.confirmed:
        return ""
    parts = []
    if site.phone:
        parts.append(f"Tél.{NBSP}{user(site.phone, 30).replace(' ', NBSP)}")
    if site.email:
        parts.append(user(site.email, 254))
    if site.hours:
        parts.append(user(site.hours, 200))
    return " · ".join(parts)


def title_band(styles: Styles, title: str, right: Flowable | list[Flowable]) -> Table:
    """The top of every document: the scheme's name with ``right`` beside it, then the title
    across the page over a navy rule."""
    top = Table(
        [[Paragraph(markup(SCHEME), styles.scheme), right],
         [Paragraph(markup(title), styles.title), ""]],
        colWidths=[CONTENT_WIDTH * 0.64, CONTENT_WIDTH * 0.36],
    )
    top.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("SPAN", (0, 1), (1, 1)),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 0), ("BOTTOMPADDING", (0, 1), (-1, 1), 5),
        ("LINEBELOW", (0, 1), (-1, 1), 1.2, NAVY),
    ]))
    return top


def header(snapshot: DossierSnapshot, styles: Styles, title: str, *,
           show_worker: bool = True) -> list[Flowable]:
    """Scheme, title, dossier number and date, then a tinted box: site, agent, worker."""
    right = [
        Paragraph(f"Dossier <b>{user(snapshot.number, 60)}</b>", styles.right),
        Paragraph(f"Le {french_date(snapshot.document_date)}", styles.right_small),
    ]
    top = title_band(styles, title, right)
    left_cell: list[Flowable] = []
    lines = site_compact(snapshot)
    if lines:
        left_cell.append(Paragraph("Vous avez été reçu(e) par", styles.label)
                         if snapshot.site is not None and snapshot.site.kind != "telephone"
                         else Paragraph("Entretien mené par", styles.label))
        left_cell.append(Paragraph("<br/>".join(lines), styles.body_tight))
    agent = user(snapshot.agent, SHORT_LIMIT)
    if agent:
        left_cell.append(Paragraph(f"Agent{NBSP}: {agent}", styles.body_tight))
    right_cell: list[Flowable] = []
    name = user(snapshot.identity.full_name, NAME_LIMIT)
    if show_worker and name:
        right_cell.append(Paragraph("Document établi pour", styles.label))
        right_cell.append(Paragraph(f"<b>{name}</b>", styles.body_tight))
    flow: list[Flowable] = [top, Spacer(1, 3 * mm)]
    if left_cell or right_cell:
        box = Table([[left_cell or "", right_cell or ""]],
                    colWidths=[CONTENT_WIDTH * 0.64, CONTENT_WIDTH * 0.36])
        box.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), TINT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]))
        flow += [box, Spacer(1, 3 * mm)]
    return flow


def urgent_banner(snapshot: DossierSnapshot, styles: Styles, follow_up: str, *,
                  title: str = "Situation prioritaire",
                  reasons: Sequence[str] | None = None) -> list[Flowable]:
    """A framed banner in words (not only colour) when the dossier is urgent; with the urgency
    reasons given (all of them by default: a letter passes only those its organisme may see)."""
    if not snapshot.urgent:
        return []
    words = urgent_words(snapshot, reasons)
    colour = "#" + URGENT.hexval()[2:]
    text = f"<font name='{BOLD}' color='{colour}'>{markup(title)}{NBSP}:</font> "
    text += markup(" ; ".join(words) + "." if words else follow_up)
    cell = [Paragraph(text, styles.banner)]
    if words:
        cell.append(Paragraph(markup(follow_up), styles.body_tight))
    banner = Table([[cell]], colWidths=[CONTENT_WIDTH])
    banner.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), URGENT_TINT),
        ("BOX", (0, 0), (-1, -1), 1.5, URGENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]))
    return [banner, Spacer(1, 3 * mm)]


def contact_markup(organisme: Organisme) -> str:
    """« Tél. 3698 (service gratuit + prix appel), du lundi… · urssaf.fr »; a contact field the
    sources do not give (empty) is left out: « www.caf.fr » alone."""
    parts: list[str] = []
    if organisme.phone:
        phone = f"<b>Tél.{NBSP}{markup(organisme.phone)}</b>"
        if organisme.phone_note:
            phone += f" ({markup(organisme.phone_note)})"
        if organisme.hours:
            phone += f", {markup(organisme.hours)}"
        parts.append(phone)
    elif organisme.hours:
        parts.append(markup(organisme.hours))
    if organisme.website:
        parts.append(markup(organisme.website))
    return " · ".join(parts)


def rule() -> Table:
    line = Table([[""]], colWidths=[CONTENT_WIDTH], rowHeights=[2])
    line.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE)]))
    return line


def label_value_table(rows: Sequence[tuple[str, str]], styles: Styles,
                      label_width: float = 48 * mm) -> Table:
    """Two columns, label in grey and value, both already markup; wraps long values."""
    data = [[Paragraph(label, styles.label), Paragraph(value, styles.body_tight)]
            for label, value in rows]
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LINEBELOW", (0, 0), (-1, -2), 0.25, RULE),
    ]))
    return table

