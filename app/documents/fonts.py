"""The Unicode fonts every document uses: DejaVu Sans, shipped in ``resources/fonts``.

Registration with reportlab happens once, lazily, the first time a document is rendered (parsing
four TrueType files takes a few tens of milliseconds, which importing the package must not cost).
Glyphs are embedded as subsets, so a PDF only carries the characters it prints.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
BOLD_OBLIQUE = "DejaVuSans-BoldOblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
    BOLD_OBLIQUE: "DejaVuSans-BoldOblique.ttf",
}
_lock = threading.Lock()


@cache
def _register() -> frozenset[int]:
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / filename)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=OBLIQUE,
                                  boldItalic=BOLD_OBLIQUE)
    # <b>/<i> inside Paragraph markup resolve through these mappings.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, OBLIQUE)
    addMapping(REGULAR, 1, 1, BOLD_OBLIQUE)
    # User text is set in the upright faces only (the oblique ones lack Arabic, among others).
    drawable: set[int] | None = None
    for name in (REGULAR, BOLD):
        cmap = set(pdfmetrics.getFont(name).face.charToGlyph)
        drawable = cmap if drawable is None else drawable & cmap
    return frozenset(drawable or ())


def ensure_fonts() -> frozenset[int]:
    """Register the DejaVu family once (thread-safe); return the code points the upright faces
    (regular and bold, the only ones user text is set in) can both draw."""
    with _lock:
        return _register()
