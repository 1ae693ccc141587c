"""Text on its way to the page: French typography for our own wording, and safe user text.

Two kinds of text reach a document. Wording from the application and its resources (questionnaire,
consent text, sites) is trusted: :func:`typo` only applies French typography (no-break spaces
before ``: ; ? !`` and inside « », typographic apostrophe). Text typed by people (names, addresses,
agent names…) is not: :func:`user` strips control and format characters, shortens it with an
ellipsis, puts right-to-left runs in visual order, replaces characters the font cannot draw, then
escapes it for reportlab's Paragraph markup, so ``<b>Dupont & Fils</b>`` prints literally.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from xml.sax.saxutils import escape

from bidi import get_display

from app.documents.fonts import ensure_fonts

NBSP = "\u00a0"  # reportlab breaks lines at U+202F, so the plain no-break space is used throughout
ELLIPSIS = "…"
REPLACEMENT = "\ufffd"

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")

_SPACES = re.compile(r"\s+")
_RTL_CLASSES = frozenset({"R", "AL", "AN"})
_TYPO_RULES = (
    (re.compile(r"(?<=\w)'|'(?=\w)"), "’"),
    (re.compile(r"[ \u00a0\u202f]+([:;?!])"), NBSP + r"\1"),
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NBSP),
    (re.compile(r"[ \u00a0\u202f]*»"), NBSP + "»"),
    (re.compile(r"(\d) (h|%|€|jours?\b|mois\b|ans?\b|semaines\b|séances\b)"), r"\1" + NBSP + r"\2"),
    (re.compile(r"\bh (\d)"), "h" + NBSP + r"\1"),
)


def typo(text: str) -> str:
    """French typography for trusted wording (not escaped: callers escape when needed)."""
    for pattern, replacement in _TYPO_RULES:
        text = pattern.sub(replacement, text)
    return text


def markup(text: str) -> str:
    """Trusted wording, typographically set and escaped for Paragraph markup."""
    return escape(typo(text))


def _printable(char: str) -> bool:
    category = unicodedata.category(char)
    return not (category.startswith("C") and char not in "\t\n\r")


def clean(value: object, limit: int | None = None) -> str:
    """User text as it may be drawn, unescaped: one line, visual order, drawable, at most ``limit``.

    ``None`` becomes an empty string. Never raises, whatever the input.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = "".join(c for c in text if _printable(c))
    text = _SPACES.sub(" ", text).strip()
    if limit is not None and len(text) > limit:
        text = text[: max(1, limit - 1)].rstrip() + ELLIPSIS
    if any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in text):
        try:
            text = get_display(text)
        except Exception:  # noqa: BLE001 - a bidi failure must not stop a print
            pass
    drawable = ensure_fonts()
    return "".join(c if ord(c) in drawable else REPLACEMENT for c in text)


def user(value: object, limit: int | None = None) -> str:
    """User text, cleaned and escaped for Paragraph markup."""
    return escape(clean(value, limit))


def french_date(day: date | None) -> str:
    """« 22 novembre 2026 », « 1er mars 2027 »; empty for ``None``."""
    if day is None:
        return ""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first}{NBSP}{MONTHS[day.month - 1]} {day.year}"


def duration(months: int) -> str:
    """A seniority in words: « 8 mois », « 1 an », « 22 ans »."""
    if months < 12:
        return f"{months}{NBSP}mois"
    years = months // 12
    return f"{years}{NBSP}an" + ("s" if years > 1 else "")


def of_place(name: str) -> str:
    """« de Quimper », « d’Auray »: the French preposition with elision."""
    first = unicodedata.normalize("NFD", name[:1]).lower()[:1]
    return f"d’{name}" if first in "aeiouyh" and first else f"de {name}"


def first_lower(text: str) -> str:
    """A label used inside a sentence: « Artisan » → « artisan » (acronyms kept)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
