"""The small interface the window and the command line use to print a dossier's documents.

It reads the dossier from the local store, renders a document (``app.documents``, pure reportlab)
and, once the document has really left the workstation (printed, saved as PDF, written by the
command line), records the print in the dossier with its kind, organisme, date, agent and the
SHA-256 of the exact bytes, in one transaction with its audit and outbox rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from app.documents import (
    DocumentError,
    DocumentKind,
    RenderedDocument,
    build_snapshot,
    letter_organismes,
    render,
)
from app.models.database import Store
from app.models.repository import change, find_dossier, record_print, to_export
from app.models.sites import Site, load_sites
from app.sync.figures import processing_days


def first_printed(record: Mapping[str, Any], original: RenderedDocument) -> date | None:
    """The local day ``original`` (the unmarked document) was first printed, or None."""
    days = []
    for entry in record.get("printed", []):
        if (entry.get("kind"), entry.get("organisme"), entry.get("content_hash")) != (
                original.kind.value, original.organisme, original.sha256):
            continue
        try:
            moment = datetime.fromisoformat(str(entry.get("printed_at")))
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        days.append(moment.astimezone().date())
    return min(days, default=None)


class DossierNotFoundError(LookupError):
    """No local dossier has that number or id."""


@dataclass(frozen=True)
class DocumentChoice:
    """One document that can be printed for a dossier, as offered in menus."""

    kind: DocumentKind
    organisme: str | None


class DocumentService:
    """Renders and records the documents of the dossiers of one local store."""

    def __init__(self, store: Store, *, processing_days: Mapping[str, int] | None = None) -> None:
        self._store = store
        self._sites: dict[str, Site] = load_sites()
        self._processing_days = dict(processing_days or {})

    def set_processing_days(self, figures: Mapping[str, int]) -> None:
        """Per organisme, the usual processing time published by the central store."""
        self._processing_days = dict(figures)

    def _record(self, dossier_ref: str) -> dict[str, Any]:
        with self._store.session() as session:
            dossier = find_dossier(session, dossier_ref)
            if dossier is None:
                raise DossierNotFoundError(
                    f"DOSSIER: no local dossier {dossier_ref!r}; expected a dossier number such "
                    "as TI-BRE-02-2026-000123 or a dossier id")
            return to_export(dossier)

    def _snapshot(self, record: Mapping[str, Any]) -> Any:
        return build_snapshot(record, site=self._sites.get(str(record.get("site"))),
                              processing_days=self.processing_days() or None)

    def processing_days(self) -> dict[str, int]:
        """The usual processing time per organisme: the figures given to this service, else
        those the last sync round read from the central store."""
        if self._processing_days:
            return dict(self._processing_days)
        return processing_days(self._store.path.parent if self._store.path else None)

    def choices(self, dossier_ref: str) -> list[DocumentChoice]:
        """The summary, one letter per organisme with consent, and the consent form."""
        snapshot = self._snapshot(self._record(dossier_ref))
        return ([DocumentChoice(DocumentKind.SUMMARY, None)]
                + [DocumentChoice(DocumentKind.LETTER, o) for o in letter_organismes(snapshot)]
                + [DocumentChoice(DocumentKind.CONSENT, None)])

    def render(self, dossier_ref: str, kind: DocumentKind | str,
               organisme: str | None = None, *, mark_duplicate: bool = False) -> RenderedDocument:
        """The document as PDF bytes; nothing is recorded (a preview is not a print).

        ``mark_duplicate`` (the window): when this very document (same kind, organisme and
        bytes) was already printed, the reprint says « Duplicata du JJ/MM/AAAA » (the day of its
        first print) on every page. Without it, or for a first print, the bytes are the
        original's, the same on every run."""
        try:
            kind = DocumentKind(kind)
        except ValueError:
            raise DocumentError(f"kind: {kind!r} is not a document; expected one of "
                                + ", ".join(k.value for k in DocumentKind)) from None
        record = self._record(dossier_ref)
        snapshot = self._snapshot(record)
        original = render(snapshot, kind, organisme)
        first = first_printed(record, original) if mark_duplicate else None
        if first is None:
            return original
        return render(snapshot, kind, organisme, duplicate_of=first)

    def record_print(self, dossier_ref: str, document: RenderedDocument, *, agent: str,
                     now: datetime | None = None) -> None:
        """Record in the dossier that this exact document left the workstation."""
        with self._store.transaction() as session:
            dossier = find_dossier(session, dossier_ref)
            if dossier is None:
                raise DossierNotFoundError(f"DOSSIER: no local dossier {dossier_ref!r}")
            record_print(session, dossier, document.kind.value, organisme=document.organisme,
                         agent=agent, content_hash=document.sha256, now=now)

    def record_prints(self, dossier_ref: str, documents: Sequence[RenderedDocument], *,
                      agent: str, now: datetime | None = None) -> None:
        """Record several documents printed by one action (« Tout imprimer »): one revision of
        the dossier, one print entry and audit row per document."""
        with self._store.transaction() as session:
            dossier = find_dossier(session, dossier_ref)
            if dossier is None:
                raise DossierNotFoundError(f"DOSSIER: no local dossier {dossier_ref!r}")
            with change(session, dossier, now=now):
                for document in documents:
                    record_print(session, dossier, document.kind.value,
                                 organisme=document.organisme, agent=agent,
                                 content_hash=document.sha256)
