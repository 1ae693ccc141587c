"""The small interface the window and the command line use to print a dossier's documents.

It reads the dossier from the local store, renders a document (``app.documents``, pure reportlab)
and, once the document has really left the workstation (printed, saved as PDF, written by the
command line), records the print in the dossier with its kind, organisme, date, agent and the
key of its content, in one transaction with its audit and outbox rows.

The content is what the document tells its reader (``RenderedDocument.content_sha256``,
:mod:`app.documents.content`), not its bytes: a reprint's mark, a layout or a new version of
the application is not content. So the distinct contents
printed of one document (same kind and organisme), in order of first print, are its versions
1..n. In the window, a document whose content is one of them prints as « Duplicata du … »; one
already printed whose content changed since (a correction of the dossier) prints as version n+1,
« Version 2 — remplace la lettre du … », and :meth:`DocumentService.to_reprint` lists it.

A print also keeps the processing-time figures the document showed (``printed[i].figures``): a
document whose content is that of its latest print is drawn with those figures again, not with
the ones a later sync brought, so its reprint is the same document, byte for byte.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from app.documents import (
    DocumentError,
    DocumentKind,
    NewVersion,
    RenderedDocument,
    build_snapshot,
    letter_organismes,
    render,
)
from app.documents.access import AccessLine, AccessStatement, HistoryLine
from app.documents.calendar import appointment_ics
from app.documents.contact_letter import TITLE as CONTACT_TITLE
from app.documents.contact_letter import letter_key, read_entry
from app.documents.contact_letter import render_contact_letter as render_contact_pdf
from app.documents.content import content_key
from app.documents.convocation import (
    LOCAL_TZ,
    convocation_footer,
    convocation_key,
    convocation_story,
    local_moment,
    with_whom,
)
from app.documents.convocation import TITLE as CONVOCATION_TITLE
from app.documents.layout import build_pdf, make_styles
from app.documents.snapshot import DossierSnapshot, processing_figures
from app.dossier_service import DossierService
from app.forms.deployment import DeploymentError, load_deployment
from app.forms.figures import FigureError, ProcessingFigure, freeze, thaw
from app.models.database import Store
from app.models.repository import change, find_dossier, record_print, to_export
from app.models.sites import Site, load_sites
from app.sync.figures import published_figures


@dataclass(frozen=True)
class PrintedVersion:
    """One content of a document that was printed: its SHA-256 and the local day of its first
    print."""

    content_hash: str
    first_printed: date


def _moment(value: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _print_entries(record: Mapping[str, Any], kind: str,
                   organisme: str | None) -> list[tuple[datetime, str, Mapping[str, Any]]]:
    """(moment, content hash, entry) of every print of one document, oldest first."""
    found = []
    for index, entry in enumerate(record.get("printed", [])):
        if (entry.get("kind"), entry.get("organisme") or None) != (kind, organisme or None):
            continue
        digest, moment = str(entry.get("content_hash") or ""), _moment(entry.get("printed_at"))
        if digest and moment is not None:
            found.append((moment, index, digest, entry))
    return [(moment, digest, entry)
            for moment, _, digest, entry in sorted(found, key=lambda f: f[:2])]


def _prints(record: Mapping[str, Any], kind: str,
            organisme: str | None) -> list[tuple[datetime, str]]:
    """(moment, content hash) of every print of one document, oldest first."""
    return [(moment, digest) for moment, digest, _ in _print_entries(record, kind, organisme)]


def frozen_figures(record: Mapping[str, Any], kind: DocumentKind | str, organisme: str | None,
                   content: str) -> dict[str, ProcessingFigure] | None:
    """The processing-time figures the latest print of this document showed, when its content
    key is ``content`` (the document is that print again); None otherwise, or when that print
    kept none (recorded before figures were kept): the current figures are then used."""
    entries = _print_entries(record, DocumentKind(kind).value, organisme)
    if not entries:
        return None
    _, digest, latest = entries[-1]
    if digest != content or latest.get("figures") is None:
        return None
    try:
        return thaw(latest["figures"])
    except FigureError:
        return None


def printed_versions(record: Mapping[str, Any], kind: DocumentKind | str,
                     organisme: str | None = None) -> list[PrintedVersion]:
    """The versions of one document already printed (same kind and organisme): its distinct
    contents in order of first print; version N is item N - 1."""
    versions: dict[str, PrintedVersion] = {}
    for moment, digest in _prints(record, DocumentKind(kind).value, organisme):
        versions.setdefault(digest, PrintedVersion(digest, moment.astimezone().date()))
    return list(versions.values())


def first_printed(record: Mapping[str, Any], kind: DocumentKind, organisme: str | None,
                  content: str) -> date | None:
    """The local day the document with this content key was first printed, or None."""
    return next((v.first_printed for v in printed_versions(record, kind, organisme)
                 if v.content_hash == content), None)


def reprint_mark(record: Mapping[str, Any], kind: DocumentKind, organisme: str | None,
                 content: str) -> tuple[date | None, NewVersion | None]:
    """What a print of the document with this content key says in its margin: (day of the
    first print of that content, None) for a duplicate; (None, the new version) when the
    document was printed with other contents only; (None, None) for a first print."""
    versions = printed_versions(record, kind, organisme)
    if not versions:
        return None, None
    first = first_printed(record, kind, organisme, content)
    if first is not None:
        return first, None
    return None, NewVersion(len(versions) + 1, _last_printed(record, kind, organisme, versions))


def _last_printed(record: Mapping[str, Any], kind: DocumentKind, organisme: str | None,
                  versions: Sequence[PrintedVersion]) -> date:
    """The day the content printed last was first printed: the letter the partner holds."""
    latest = _prints(record, kind.value, organisme)[-1][1]
    return next(v.first_printed for v in versions if v.content_hash == latest)


@dataclass(frozen=True)
class Reprint:
    """A document already printed whose content changed since its last print (a correction of
    the dossier): ``previous`` is the day the content printed last was first printed (« depuis
    la lettre du … »), ``version`` the number the next print carries (n + 1 for a new content; a
    content already printed keeps its number and its reprint is a duplicate)."""

    kind: DocumentKind
    organisme: str | None
    previous: date
    version: int


class DossierNotFoundError(LookupError):
    """No local dossier has that number or id."""


@dataclass(frozen=True)
class DocumentChoice:
    """One document that can be printed for a dossier, as offered in menus."""

    kind: DocumentKind
    organisme: str | None


class DocumentService:
    """Renders and records the documents of the dossiers of one local store."""

    def __init__(self, store: Store, *,
                 processing_figures: Mapping[str, ProcessingFigure] | None = None) -> None:
        self._store = store
        self._processing_figures = dict(processing_figures or {})

    def set_processing_figures(self, figures: Mapping[str, ProcessingFigure]) -> None:
        """Per organisme, the usual processing time published by the central store."""
        self._processing_figures = dict(figures)

    def _record(self, dossier_ref: str) -> dict[str, Any]:
        with self._store.session() as session:
            dossier = find_dossier(session, dossier_ref)
            if dossier is None:
                raise DossierNotFoundError(
                    f"DOSSIER: no local dossier {dossier_ref!r}; expected a dossier number such "
                    "as TI-BRE-02-2026-000123 or a dossier id")
            return to_export(dossier)

    def record(self, dossier_ref: str) -> dict[str, Any]:
        """The dossier's export dict; :class:`DossierNotFoundError` when there is none."""
        return self._record(dossier_ref)

    def _snapshot(self, record: Mapping[str, Any]) -> DossierSnapshot:
        data_dir = self._store.path.parent if self._store.path else None
        try:
            deployment = load_deployment(data_dir)
        except DeploymentError as exc:
            raise DocumentError(f"deployment: {exc}") from exc
        # Read at each document: a sync round may have brought a site's new settings.
        sites: dict[str, Site] = load_sites(data_dir=data_dir)
        return build_snapshot(record, site=sites.get(str(record.get("site"))),
                              processing=self.processing_figures() or None,
                              deployment=deployment)

    def _document_snapshot(self, record: Mapping[str, Any], kind: DocumentKind,
                           organisme: str | None) -> DossierSnapshot:
        """The snapshot a document is drawn from: with the figures its latest print showed
        when its content is that print's (:func:`frozen_figures`), else the current ones."""
        snapshot = self._snapshot(record)
        if kind not in (DocumentKind.SUMMARY, DocumentKind.LETTER):
            return snapshot
        frozen = frozen_figures(record, kind, organisme,
                                content_key(snapshot, kind.value, organisme))
        if frozen is None:
            return snapshot
        return replace(snapshot, processing=processing_figures(snapshot.organismes, frozen))

    def processing_figures(self) -> dict[str, ProcessingFigure]:
        """The usual processing time per organisme: the figures given to this service, else
        those the last sync round read from the central store (only those with enough
        closures, app.forms.figures)."""
        if self._processing_figures:
            return dict(self._processing_figures)
        return published_figures(self._store.path.parent if self._store.path else None)

    def choices(self, dossier_ref: str) -> list[DocumentChoice]:
        """The summary, one letter per organisme with consent, and the consent form."""
        return self._choices(self._snapshot(self._record(dossier_ref)))

    @staticmethod
    def _choices(snapshot: Any) -> list[DocumentChoice]:
        return ([DocumentChoice(DocumentKind.SUMMARY, None)]
                + [DocumentChoice(DocumentKind.LETTER, o) for o in letter_organismes(snapshot)]
                + [DocumentChoice(DocumentKind.CONSENT, None)])

    def render(self, dossier_ref: str, kind: DocumentKind | str,
               organisme: str | None = None, *, mark_duplicate: bool = False) -> RenderedDocument:
        """The document as PDF bytes; nothing is recorded (a preview is not a print).

        ``mark_duplicate`` (the window): when this very document (same kind, organisme and
        content) was already printed, the reprint says « Duplicata du JJ/MM/AAAA » (the day of
        its first print) on every page; when the document was printed but its content changed
        since, the print is the next version and says « Version N — remplace la lettre du
        JJ/MM/AAAA » (see :func:`reprint_mark`). Without it, or for a first print, the bytes are
        the original's, the same on every run."""
        try:
            kind = DocumentKind(kind)
        except ValueError:
            raise DocumentError(f"kind: {kind!r} is not a document; expected one of "
                                + ", ".join(k.value for k in DocumentKind)) from None
        record = self._record(dossier_ref)
        snapshot = self._document_snapshot(record, kind, organisme)
        if not mark_duplicate:
            return render(snapshot, kind, organisme)
        # The mark is decided from what the document says (its content key), so the document
        # is drawn once, marked or not.
        first, version = reprint_mark(record, kind, organisme,
                                      content_key(snapshot, kind.value, organisme))
        return render(snapshot, kind, organisme, duplicate_of=first, new_version=version)

    def render_access(self, dossier_ref: str, *,
                      accesses: Sequence[Mapping[str, Any]] | None = None,
                      now: datetime | None = None) -> RenderedDocument:
        """The « Relevé de vos données » of the dossier's person (right of access): everything
        the dossier holds, its history on this workstation and, when ``accesses`` is given (the
        rows the central store returned: ``at``, ``agent``, ``action``, ``organisme``), who
        accessed it there and when; ``None`` prints that the central store was not reached.
        Nothing is recorded: the statement is the person's, not a document of the dossier."""
        record = self._record(dossier_ref)
        history = DossierService(self._store, agent="").history(str(record["id"]))
        statement = AccessStatement(
            record=record,
            history=tuple(HistoryLine(h.at, h.agent, h.action, h.detail, h.workstation)
                          for h in history),
            accesses=(None if accesses is None
                      else tuple(AccessLine.from_row(row) for row in accesses)),
            issued_at=now or datetime.now(UTC))
        return render(self._snapshot(record), DocumentKind.ACCESS, statement=statement)

    def to_reprint(self, dossier_ref: str) -> list[Reprint]:
        """The documents already printed whose current content differs from their last print
        (after a correction of identity, profile or answers), in the order of :meth:`choices`.
        Documents the dossier no longer calls for (consent revoked…) are not listed."""
        record = self._record(dossier_ref)
        snapshot = self._snapshot(record)
        found = []
        for choice in self._choices(snapshot):
            prints = _prints(record, choice.kind.value, choice.organisme)
            if not prints:
                continue
            digest = content_key(snapshot, choice.kind.value, choice.organisme)
            if digest == prints[-1][1]:
                continue
            versions = printed_versions(record, choice.kind, choice.organisme)
            number = next((n for n, v in enumerate(versions, 1) if v.content_hash == digest),
                          len(versions) + 1)
            found.append(Reprint(choice.kind, choice.organisme,
                                 _last_printed(record, choice.kind, choice.organisme, versions),
                                 number))
        return found

    def letters_to_reprint(self, dossier_ref: str) -> list[Reprint]:
        """The organismes whose letter was printed and whose content changed since: a new
        version of their letter is to be printed and sent."""
        return [r for r in self.to_reprint(dossier_ref) if r.kind is DocumentKind.LETTER]

    def record_print(self, dossier_ref: str, document: RenderedDocument, *, agent: str,
                     now: datetime | None = None) -> None:
        """Record in the dossier that this document left the workstation, under its content
        (``content_sha256``: a duplicate or a new version is recorded as the content it prints)
        with the processing-time figures it showed (``figures``)."""
        with self._store.transaction() as session:
            dossier = find_dossier(session, dossier_ref)
            if dossier is None:
                raise DossierNotFoundError(f"DOSSIER: no local dossier {dossier_ref!r}")
            record_print(session, dossier, document.kind.value, organisme=document.organisme,
                         agent=agent, content_hash=document.content_sha256, now=now,
                         figures=_frozen(document))

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
                                 content_hash=document.content_sha256,
                                 figures=_frozen(document))


    # ------------------------------------------------------------------ follow-up (issue 16)

    def render_convocation(self, dossier_ref: str, appointment_id: str, *,
                           agent: str | None = None,
                           now: datetime | None = None) -> RenderedDocument:
        """The convocation letter of one call-back or appointment of the dossier (see
        app.documents.convocation; its PDF is ``.pdf``), its print recorded in the dossier
        (kind ``convocation``, the appointment's organisme, under the key of what it says):
        the window shows it in a print preview. ``agent``: who prints (default: the dossier's
        agent). DocumentError for an unknown appointment or one already done."""
        record = self._record(dossier_ref)
        appointment = _appointment_of(record, appointment_id)
        snapshot = self._snapshot(record)
        issued = now or datetime.now(UTC)
        styles = make_styles()
        story = convocation_story(snapshot, appointment, styles, issued=issued)
        whom = with_whom(snapshot, appointment)
        title = f"{CONVOCATION_TITLE} — {whom[:1].upper()}{whom[1:]}"
        pdf, pages = build_pdf(story, title=f"{title} — {snapshot.number}",
                               subject=CONVOCATION_TITLE, footer=convocation_footer(snapshot),
                               styles=styles)
        key = convocation_key(snapshot, appointment)
        day = local_moment(appointment.get("at")).strftime("%Y-%m-%d")
        stem = _UNSAFE.sub("-", snapshot.number).strip("-") or "dossier"
        organisme = appointment.get("organisme")
        document = RenderedDocument(kind=DocumentKind.LETTER, organisme=organisme, pdf=pdf,
                                    sha256=hashlib.sha256(pdf).hexdigest(), title=title,
                                    filename=f"{stem}-convocation-{day}.pdf", pages=pages,
                                    content_sha256=key)
        with self._store.transaction() as session:
            dossier = find_dossier(session, dossier_ref)
            if dossier is None:
                raise DossierNotFoundError(f"DOSSIER: no local dossier {dossier_ref!r}")
            record_print(session, dossier, "convocation", organisme=organisme,
                         agent=agent or str(record.get("agent") or ""), content_hash=key,
                         now=now)
        return document

    def appointment_ics(self, dossier_ref: str, appointment_id: str) -> bytes:
        """The call-back or appointment as a calendar file (``.ics``, app.documents.calendar):
        UID the appointment's id, times in Europe/Paris, no NIR."""
        record = self._record(dossier_ref)
        appointment = _appointment_of(record, appointment_id)
        snapshot = self._snapshot(record)
        code = appointment.get("organisme")
        if appointment.get("kind") == "rendez_vous" and isinstance(code, str):
            try:
                who = snapshot.questionnaire.organisme(code).short_name
            except KeyError:
                who = code
        else:
            whom = with_whom(snapshot, appointment)
            who = whom[:1].upper() + whom[1:]
        return appointment_ics(appointment, str(record.get("number") or ""), who)

    def render_contact_letter(self, entry: Mapping[str, Any], *,
                              now: datetime | None = None) -> RenderedDocument:
        """The letter proposed after three unanswered calls (app.documents.contact_letter;
        its PDF is ``.pdf``) for a call list entry: ``site`` its site's code (default this
        workstation's), ``dossier_id`` the worker's dossier here, whose postal address it then
        prints; its name, town, SIRET and unanswered calls otherwise. Nothing is recorded."""
        data_dir = self._store.path.parent if self._store.path else None
        sites: dict[str, Site] = load_sites(data_dir=data_dir)
        site = sites.get(str(entry.get("site") or self._store.site_code))
        address: Mapping[str, Any] | None = None
        dossier_id = entry.get("dossier_id")
        if isinstance(dossier_id, str) and dossier_id:
            try:
                address = self._record(dossier_id).get("identity")
            except DossierNotFoundError:
                address = None
        issued = (now or datetime.now(UTC)).astimezone(LOCAL_TZ).date()
        letter = read_entry(entry, site=site, issued=issued, address=address)
        pdf, pages = render_contact_pdf(letter)
        stem = (_UNSAFE.sub("-", f"{letter.nom}-{letter.prenom}-{letter.name}").strip("-")
                or "travailleur")
        return RenderedDocument(kind=DocumentKind.LETTER, organisme=None, pdf=pdf,
                                sha256=hashlib.sha256(pdf).hexdigest(),
                                title=f"Courrier — {letter.full_name or CONTACT_TITLE}",
                                filename=f"courrier-contact-{stem}.pdf", pages=pages,
                                content_sha256=letter_key(letter))


_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")


def _appointment_of(record: Mapping[str, Any], appointment_id: str) -> dict[str, Any]:
    """One ``rendez_vous`` item of the record; DocumentError naming the id otherwise."""
    wanted = str(appointment_id).strip().lower()
    found = next((a for a in record.get("rendez_vous") or [] if a.get("id") == wanted), None)
    if found is None:
        raise DocumentError(f"appointment: {appointment_id!r} is not a call-back or appointment "
                            f"of dossier {record.get('number')}; expected one of its ids")
    return dict(found)


def _frozen(document: RenderedDocument) -> dict[str, Any] | None:
    """The figures a print of ``document`` keeps (None: it showed none, as the consent form)."""
    return None if document.figures is None else freeze(document.figures)

