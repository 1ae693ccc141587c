"""Helpers for the document tests: sites, text extraction."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app.models.sites import Site, load_sites


@pytest.fixture(scope="session")
def sites() -> dict[str, Site]:
    return load_sites()


def pdf_text(pdf: bytes) -> str:
    """All the text of a PDF, pages joined, with no-break spaces as plain spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def flat(text: str) -> str:
    """Text with every run of whitespace as one space (line breaks vanish)."""
    return " ".join(text.split())


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
