"""The consent texts, versioned like the questionnaire. A consent record keeps the version and the
SHA-256 of the exact text the worker agreed to, so it can be proven later which text it was."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CONSENTS_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "consents"


class ConsentTextError(ValueError):
    """No consent text of that version ships with this application."""


@dataclass(frozen=True)
class ConsentText:
    version: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def title(self) -> str:
        return self.text.splitlines()[0].lstrip("# ").strip()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body, paragraph by paragraph, without the title and version lines."""
        blocks = [b.strip() for b in self.text.split("\n\n")]
        return tuple(b for b in blocks[2:] if b)


@cache
def load_consent_text(version: str) -> ConsentText:
    path = CONSENTS_DIR / f"{version}.md"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in CONSENTS_DIR.glob("*.md")))
        raise ConsentTextError(f"{version}: unknown consent text; available: {known}")
    return ConsentText(version, path.read_text(encoding="utf-8"))
