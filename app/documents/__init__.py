"""Printed documents of a dossier: the worker's summary, orientation letters, the consent form,
and the person's « Relevé de vos données » (right of access, ``app/documents/access.py``).

Render from plain data only (the export dict of ``app/models/export.py``), never from database
objects::

    snapshot = build_snapshot(record, site=site, processing=figures)
    for organisme in letter_organismes(snapshot):
        document = render(snapshot, DocumentKind.LETTER, organisme)

Rendering is reproducible (same snapshot, same bytes) and uses the DejaVu Sans fonts shipped in
``resources/fonts``, registered lazily on first use.
"""

from app.documents.render import DocumentKind, NewVersion, RenderedDocument, render
from app.documents.snapshot import (
    DocumentError,
    DossierSnapshot,
    build_snapshot,
    letter_organismes,
)

__all__ = [
    "DocumentError",
    "DocumentKind",
    "DossierSnapshot",
    "NewVersion",
    "RenderedDocument",
    "build_snapshot",
    "letter_organismes",
    "render",
]
