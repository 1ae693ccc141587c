"""Rendering a snapshot into one of the three documents, as reproducible PDF bytes.

:func:`render` is pure: the same :class:`DossierSnapshot` gives byte-identical PDF bytes on every
run (reportlab's invariant mode, fixed metadata, only the dossier's own dates printed). It raises
only :class:`DocumentError`, for a choice that does not fit the dossier (a letter without an
organisme, or for an organisme that is not oriented or has no given, non-revoked consent).

A reprint can carry a mark in the top margin of every page: « Duplicata du JJ/MM/AAAA » (the same
content printed again) or « Version 2 — remplace la lettre du JJ/MM/AAAA » (the content changed
since a letter already printed, e.g. after a correction of the dossier). The mark is not part of
the content: :attr:`RenderedDocument.content_sha256` is the key of what the document says.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from reportlab.platypus import Flowable

from app import __version__
from app.documents.access import TITLE as ACCESS_TITLE
from app.documents.access import AccessStatement, access_story
from app.documents.consent_form import consent_story, consent_title
from app.documents.content import content_key
from app.documents.layout import Footer, build_pdf, make_styles
from app.documents.letter import letter_story
from app.documents.snapshot import DocumentError, DossierSnapshot, letter_organismes
from app.documents.summary import TITLE as SUMMARY_TITLE
from app.documents.summary import summary_story
from app.documents.text import NBSP, clean, markup, user
from app.forms.figures import ProcessingFigure


class DocumentKind(StrEnum):
    SUMMARY = "summary"
    LETTER = "letter"
    CONSENT = "consent"
    # The « Relevé de vos données » (right of access): for the person, not a dossier document.
    ACCESS = "access"


@dataclass(frozen=True)
class RenderedDocument:
    """One rendered document: PDF bytes, their SHA-256 (hex), French title, file name, pages.

    ``content_sha256`` is the key of what the document tells its reader
    (:func:`app.documents.content.content_key`), the same for an original and its marked
    reprints and across versions of the application; a print is recorded under it, so every
    print of the same content is one version of the document. Left empty, it is ``sha256``.

    ``figures``: the usual processing times of the organismes the document is about (the
    summary: the dossier's; a letter: its organisme's), those it was drawn with, frozen in the
    print's record; None for a document that is about none (the consent form)."""

    kind: DocumentKind
    organisme: str | None
    pdf: bytes
    sha256: str
    title: str
    filename: str
    pages: int
    content_sha256: str = field(default="")
    figures: tuple[ProcessingFigure, ...] | None = None

    def __post_init__(self) -> None:
        if not self.content_sha256:
            object.__setattr__(self, "content_sha256", self.sha256)


@dataclass(frozen=True)
class NewVersion:
    """A document whose content changed since it was printed: the version number this print
    carries (2 for the first change) and the day the version it replaces was first printed."""

    number: int
    replaces: date


_FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")


def _filename(snapshot: DossierSnapshot, suffix: str) -> str:
    stem = _FILENAME_UNSAFE.sub("-", clean(snapshot.number, 60)).strip("-") or "dossier"
    return f"{stem}-{suffix}.pdf"


def _kind(kind: object) -> DocumentKind:
    try:
        if isinstance(kind, str):
            return DocumentKind(kind)
    except ValueError:
        pass
    allowed = ", ".join(k.value for k in DocumentKind)
    raise DocumentError(f"kind: {kind!r} is not a document kind; expected one of {allowed}")


def _allowed(snapshot: DossierSnapshot) -> str:
    codes = letter_organismes(snapshot)
    return ("letters can be printed for: " + ", ".join(codes) if codes
            else "no organisme is both oriented and consented, so no letter can be printed")


def check_letter_organisme(snapshot: DossierSnapshot, organisme: str | None) -> str:
    """The organisme a letter is for, or :class:`DocumentError` saying what is allowed."""
    if not organisme:
        raise DocumentError(f"organisme: required for a letter; {_allowed(snapshot)}")
    known = [o.code for o in snapshot.questionnaire.organismes]
    if organisme not in known:
        raise DocumentError(f"organisme: {organisme!r} is not an organisme; expected one of "
                            + ", ".join(known))
    if organisme not in snapshot.organismes:
        raise DocumentError(f"organisme: {organisme!r} is not oriented for this dossier; "
                            f"{_allowed(snapshot)}")
    consent = snapshot.consent(organisme)
    if consent is None or not consent.given:
        raise DocumentError(f"organisme: {organisme!r} has no consent given; "
                            f"{_allowed(snapshot)}")
    if consent.revoked_at is not None:
        raise DocumentError(f"organisme: {organisme!r} consent was revoked on "
                            f"{consent.revoked_at.isoformat()}; {_allowed(snapshot)}")
    return organisme


def duplicate_mark(first_printed: date) -> str:
    """The words a reprint carries: « Duplicata du JJ/MM/AAAA » (the day of the first print)."""
    return f"Duplicata du {first_printed:%d/%m/%Y}"


_REPLACED = {
    DocumentKind.LETTER: "la lettre",
    DocumentKind.SUMMARY: "la synthèse",
    DocumentKind.CONSENT: "le formulaire",
    DocumentKind.ACCESS: "le relevé",
}


def version_mark(kind: DocumentKind, version: NewVersion) -> str:
    """The words a new version carries: « Version 2 — remplace la lettre du JJ/MM/AAAA » (the
    day the replaced version was first printed)."""
    return (f"Version {version.number} — remplace {_REPLACED[DocumentKind(kind)]} du "
            f"{version.replaces:%d/%m/%Y}")


def _footer(snapshot: DossierSnapshot, mark: str = "") -> Footer:
    left = (f"Dossier {user(snapshot.number, 40)} · Questionnaire "
            f"{markup(snapshot.questionnaire.version)} · Consentement "
            f"{markup(snapshot.consent_text.version)} · Accueil TI {__version__}")
    disclaimer = markup(snapshot.questionnaire.fact("sous_conditions").text)
    return Footer(left=left.replace(" · ", f"{NBSP}· "), disclaimer=disclaimer, mark=mark)


# A letter is read by a partner's team, not by the worker: its footer says what the letter is,
# not the worker-facing « after study of your situation ».
LETTER_DISCLAIMER = ("Transmis avec l’accord de la personne, pour l’examen des aides de votre "
                     "organisme : à ne pas communiquer à un tiers.")


def render(snapshot: DossierSnapshot, kind: DocumentKind,
           organisme: str | None = None, *, duplicate_of: date | None = None,
           new_version: NewVersion | None = None,
           statement: AccessStatement | None = None) -> RenderedDocument:
    """Render one document of the dossier; see the module docstring.

    ``duplicate_of``: the day this document was first printed; every page then says
    « Duplicata du JJ/MM/AAAA » in its top margin. ``new_version``: the content changed since
    the version it replaces was printed; every page then says « Version N — remplace la lettre
    du JJ/MM/AAAA ». Without either the bytes are the original's. ``content_sha256`` is the key
    of what the document tells its reader (:mod:`app.documents.content`), the same for the
    original and its marked reprints, and across versions of the application.

    ``statement``: for the « Relevé de vos données » (``DocumentKind.ACCESS``) only, what it
    prints beyond the snapshot (history, accesses on the central store, when it is issued)."""
    if duplicate_of is not None and new_version is not None:
        raise DocumentError("a reprint is either a duplicate or a new version, not both")
    kind = _kind(kind)
    mark = (duplicate_mark(duplicate_of) if duplicate_of is not None
            else version_mark(kind, new_version) if new_version is not None else "")
    if (kind is DocumentKind.ACCESS) != (statement is not None):
        raise DocumentError("statement: required for the access statement (kind access), and "
                            "for it only")
    document = _render(snapshot, kind, organisme, mark, statement)
    figures: tuple[ProcessingFigure, ...] | None = None
    if kind is DocumentKind.SUMMARY:
        figures = snapshot.processing
    elif kind is DocumentKind.LETTER and document.organisme is not None:
        figure = snapshot.figure_for(document.organisme)
        figures = () if figure is None else (figure,)
    return replace(document, content_sha256=content_key(snapshot, kind.value, document.organisme),
                   figures=figures)


def _render(snapshot: DossierSnapshot, kind: DocumentKind, organisme: str | None,
            mark: str, statement: AccessStatement | None = None) -> RenderedDocument:
    styles = make_styles()
    story: list[Flowable]
    footer = _footer(snapshot, mark)
    if kind is DocumentKind.LETTER:
        code = check_letter_organisme(snapshot, organisme)
        target = snapshot.questionnaire.organisme(code)
        title = f"Orientation Help ! — {target.short_name}"
        story = letter_story(snapshot, target, styles)
        footer = replace(footer, disclaimer=markup(LETTER_DISCLAIMER))
        filename = _filename(snapshot, f"courrier-{code}")
    else:
        if organisme is not None:
            raise DocumentError(f"organisme: only a letter is addressed to an organisme; got "
                                f"{organisme!r} for {kind.value}")
        code = None
        if kind is DocumentKind.SUMMARY:
            title = SUMMARY_TITLE
            story = summary_story(snapshot, styles)
            filename = _filename(snapshot, "synthese")
        elif kind is DocumentKind.ACCESS:
            assert statement is not None
            title = ACCESS_TITLE
            story = access_story(snapshot, statement, styles)
            filename = _filename(snapshot, "releve-donnees")
            # The aids' « sous conditions » disclaimer has no place on a statement of data.
            footer = replace(footer, disclaimer=markup(
                "Relevé établi au titre du droit d’accès (article 15 du RGPD) : les "
                "informations détenues dans ce dossier à la date indiquée."))
        else:
            title = consent_title(snapshot)
            story = consent_story(snapshot, styles)
            filename = _filename(snapshot, "consentement")
    pdf, pages = build_pdf(
        story, title=f"{title} — {clean(snapshot.number, 60)}", subject=title,
        footer=footer, styles=styles)
    return RenderedDocument(kind=kind, organisme=code, pdf=pdf,
                            sha256=hashlib.sha256(pdf).hexdigest(), title=title,
                            filename=filename, pages=pages)
