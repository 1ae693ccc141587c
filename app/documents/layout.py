"""Page layout shared by the three documents: A4 frame, paragraph styles, running footer.

:func:`build_pdf` lays out a list of flowables and returns the PDF bytes and the page count. The
footer (« Page N sur M », the dossier number, the questionnaire and consent text versions and the
disclaimer) is drawn on every page once the total is known, by a canvas that keeps each page's
state until the document is saved. Documents are built with ``invariant=1`` and fixed metadata, so
the same content always gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.doctemplate import LayoutError

from app.documents.fonts import BOLD, OBLIQUE, REGULAR, ensure_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 27 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

INK = colors.HexColor("#1a1a1a")
NAVY = colors.HexColor("#1f3a5f")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#b8c4d3")
TINT = colors.HexColor("#eef2f7")
URGENT = colors.HexColor("#a3001b")
URGENT_TINT = colors.HexColor("#fcebed")


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {"fontName": REGULAR, "fontSize": 9.5, "leading": 13,
                            "textColor": INK, "splitLongWords": 1}
    base.update(kw)
    return ParagraphStyle(name, **base)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_tight: ParagraphStyle
    text: ParagraphStyle
    note: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    label: ParagraphStyle
    scheme: ParagraphStyle
    title: ParagraphStyle
    title_long: ParagraphStyle
    subtitle: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    right: ParagraphStyle
    right_small: ParagraphStyle
    center_small: ParagraphStyle
    bullet: ParagraphStyle
    banner: ParagraphStyle
    footer: ParagraphStyle


def make_styles() -> Styles:
    ensure_fonts()
    return Styles(
        body=_style("body", spaceAfter=4),
        body_tight=_style("body_tight"),
        text=_style("text", fontSize=9, leading=12, spaceAfter=3),
        note=_style("note", fontSize=8.5, leading=11),
        small=_style("small", fontSize=8, leading=10.5, textColor=MUTED),
        muted=_style("muted", fontName=OBLIQUE, fontSize=8.5, leading=11, textColor=MUTED),
        label=_style("label", fontSize=8.5, leading=11, textColor=MUTED),
        scheme=_style("scheme", fontName=BOLD, fontSize=8, leading=11, textColor=NAVY),
        title=_style("title", fontName=BOLD, fontSize=18, leading=22, textColor=NAVY,
                     spaceBefore=2, spaceAfter=2),
        title_long=_style("title_long", fontName=BOLD, fontSize=14.5, leading=18,
                          textColor=NAVY, spaceBefore=2, spaceAfter=2),
        subtitle=_style("subtitle", fontSize=10, leading=13, textColor=MUTED),
        h2=_style("h2", fontName=BOLD, fontSize=12, leading=15, textColor=NAVY,
                  spaceBefore=10, spaceAfter=4),
        h3=_style("h3", fontName=BOLD, fontSize=10.5, leading=13.5, spaceBefore=8,
                  spaceAfter=2),
        right=_style("right", alignment=TA_RIGHT),
        right_small=_style("right_small", alignment=TA_RIGHT, fontSize=8.5, leading=11,
                           textColor=MUTED),
        center_small=_style("center_small", alignment=TA_CENTER, fontSize=8, leading=10,
                            textColor=MUTED),
        bullet=_style("bullet", leftIndent=12, bulletIndent=2, spaceAfter=1),
        banner=_style("banner", fontSize=10, leading=13.5),
        footer=_style("footer", fontSize=7, leading=9, textColor=MUTED, alignment=TA_LEFT),
    )


@dataclass(frozen=True)
class Footer:
    """What every page carries at its foot (markup already escaped), and the mark a reprint
    carries at the top of every page (« Duplicata du 12/03/2026 », or « Version 2 — remplace la
    lettre du 12/03/2026 » when the content changed; empty for the original, whose bytes then
    stay exactly those of the first print)."""

    left: str
    disclaimer: str
    mark: str = ""


def _canvas_class(footer: Footer, style: ParagraphStyle, pages: list[int]) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types
        """Holds each page until ``save`` so the footer can say « Page N sur M »."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            pages.append(total)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                self._draw_footer(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_footer(self, number: int, total: int) -> None:
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            top = MARGIN_BOTTOM - 7 * mm
            self.line(MARGIN_X, top, PAGE_WIDTH - MARGIN_X, top)
            disclaimer = Paragraph(footer.disclaimer, style)
            _, height = disclaimer.wrapOn(self, CONTENT_WIDTH, 20 * mm)
            disclaimer.drawOn(self, MARGIN_X, top - 2 - height)
            line = Paragraph(footer.left, style)
            line.wrapOn(self, CONTENT_WIDTH - 30 * mm, 10 * mm)
            line.drawOn(self, MARGIN_X, 9 * mm)
            self.setFont(BOLD, 8)
            self.setFillColor(INK)
            self.drawRightString(PAGE_WIDTH - MARGIN_X, 9 * mm + 1.5,
                                 f"Page {number} sur {total}")
            if footer.mark:
                self._draw_mark(footer.mark)
            self.restoreState()

        def _draw_mark(self, mark: str) -> None:
            # In the top margin, right-aligned, boxed: seen at once, never over the content.
            self.setFont(BOLD, 10)
            width = self.stringWidth(mark, BOLD, 10)
            right, baseline = PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - MARGIN_TOP + 3.5 * mm
            self.setStrokeColor(URGENT)
            self.setLineWidth(1)
            self.rect(right - width - 3 * mm, baseline - 1.8 * mm, width + 6 * mm, 6 * mm)
            self.setFillColor(URGENT)
            self.drawRightString(right - 3 * mm, baseline, mark)

    return NumberedCanvas


def build_pdf(story: Sequence[Flowable], *, title: str, subject: str, footer: Footer,
              styles: Styles) -> tuple[bytes, int]:
    """Lay out ``story`` on A4 pages with the running footer; return (PDF bytes, page count)."""
    story = list(story)
    while story and isinstance(story[-1], Spacer):
        story.pop()  # a trailing spacer that does not fit would open an empty last page
    try:
        return _build(story, title, subject, footer, styles, shrink=False)
    except LayoutError:
        # A flowable too big for any page (pathological input that escaped shortening): build
        # again with every flowable allowed to shrink, so the print still comes out.
        return _build(story, title, subject, footer, styles, shrink=True)


def _build(story: list[Flowable], title: str, subject: str, footer: Footer, styles: Styles,
           *, shrink: bool) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    pages: list[int] = []
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=title, subject=subject, author="Accueil TI",
        creator="Accueil TI", producer="Accueil TI", invariant=1, lang="fr-FR",
    )
    # No frame padding: tables as wide as CONTENT_WIDTH line up with paragraphs.
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, FRAME_HEIGHT, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    flowables = [_shrinkable(f) for f in story] if shrink else list(story)
    doc.build(flowables, canvasmaker=_canvas_class(footer, styles.footer, pages))
    return buffer.getvalue(), pages[-1] if pages else 0


def _shrinkable(flowable: Flowable) -> Flowable:
    return KeepInFrame(CONTENT_WIDTH, FRAME_HEIGHT - 12, [flowable], mode="shrink")
