"""Letters already printed are not rewritten: after a correction of the dossier, the letter of an
organisme whose content changed prints as a new version (« Version 2 — remplace la lettre du … »),
is listed to reprint, and its own reprint is then a duplicate of version 2."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from app.document_service import DocumentService, Reprint, printed_versions
from app.documents import DocumentKind
from app.dossier_service import DossierService
from app.models.database import Store
from tests.ui.dossier_helpers import ANSWERS, ORGANISMES, create_dossier

AGENT = "Claire Agent"
FIRST = datetime(2026, 3, 12, 11, 0, tzinfo=UTC)
SECOND = datetime(2026, 3, 20, 11, 0, tzinfo=UTC)
LETTER = DocumentKind.LETTER


def day(moment: datetime) -> date:
    return moment.astimezone().date()


def text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


@pytest.fixture
def service(store: Store) -> DossierService:
    return DossierService(store, agent=AGENT)


@pytest.fixture
def documents(store: Store) -> DocumentService:
    return DocumentService(store)


def printed_dossier(service: DossierService, documents: DocumentService) -> str:
    """A dossier oriented to four organismes whose documents were all printed on FIRST."""
    ref = create_dossier(service, ANSWERS, email="am.legoff@exemple.fr",
                         telephone="06 12 34 56 78")
    service.record_consents(ref, dict.fromkeys(ORGANISMES, True), mode="signe_accueil")
    rendered = [documents.render(ref, c.kind, c.organisme, mark_duplicate=True)
                for c in documents.choices(ref)]
    assert all("Version" not in text(d.pdf) and "Duplicata" not in text(d.pdf)
               for d in rendered)
    documents.record_prints(ref, rendered, agent=AGENT, now=FIRST)
    assert documents.to_reprint(ref) == []
    return ref


def test_a_corrected_letter_is_version_2_and_its_reprint_a_duplicate_of_version_2(
        service: DossierService, documents: DocumentService) -> None:
    ref = printed_dossier(service, documents)
    # Only the Urssaf's letter prints the e-mail address (app.forms.disclosure).
    service.correct(ref, identity={"email": "anne-marie.legoff@exemple.fr"},
                    reason="adresse électronique mal saisie")
    assert documents.letters_to_reprint(ref) == [Reprint(LETTER, "urssaf", day(FIRST), 2)]
    assert documents.to_reprint(ref) == documents.letters_to_reprint(ref)

    original = documents.render(ref, LETTER, "urssaf")  # what `accueil-ti pdf` writes
    version = documents.render(ref, LETTER, "urssaf", mark_duplicate=True)
    printed_day = f"{day(FIRST):%d/%m/%Y}"
    mark = f"Version 2 — remplace la lettre du {printed_day}"
    assert text(version.pdf).count(mark) == version.pages
    assert "Duplicata" not in text(version.pdf)
    assert "anne-marie.legoff@exemple.fr" in text(version.pdf)
    assert "Version" not in text(original.pdf)
    assert version.content_sha256 == original.content_sha256  # the content, not the bytes
    assert original.sha256 != version.sha256

    # The other letters did not change: their reprint is a duplicate, nothing to reprint.
    caf = documents.render(ref, LETTER, "caf", mark_duplicate=True)
    assert f"Duplicata du {printed_day}" in text(caf.pdf) and "Version" not in text(caf.pdf)

    documents.record_print(ref, version, agent=AGENT, now=SECOND)
    record = service.record(ref)
    assert record["printed"][-1]["content_hash"] == original.content_sha256
    versions = printed_versions(record, LETTER, "urssaf")
    assert [(v.content_hash, v.first_printed) for v in versions][1:] == [
        (original.content_sha256, day(SECOND))]
    assert len(versions) == 2
    assert documents.letters_to_reprint(ref) == []

    reprint = documents.render(ref, LETTER, "urssaf", mark_duplicate=True)
    assert f"Duplicata du {day(SECOND):%d/%m/%Y}" in text(reprint.pdf)
    assert "Version" not in text(reprint.pdf)
    assert reprint.content_sha256 == original.content_sha256
    # Recording the duplicate keeps two versions.
    documents.record_print(ref, reprint, agent=AGENT)
    assert len(printed_versions(service.record(ref), LETTER, "urssaf")) == 2

    # A second correction makes version 3, replacing the letter of SECOND.
    service.correct(ref, identity={"siret": "55210055400013"}, reason="SIRET de la nouvelle "
                    "entreprise")
    assert documents.letters_to_reprint(ref) == [Reprint(LETTER, "urssaf", day(SECOND), 3)]
    third = documents.render(ref, LETTER, "urssaf", mark_duplicate=True)
    assert f"Version 3 — remplace la lettre du {day(SECOND):%d/%m/%Y}" in text(third.pdf)


def test_a_profile_correction_reprints_only_the_letter_that_prints_it(
        service: DossierService, documents: DocumentService) -> None:
    ref = printed_dossier(service, documents)
    # The household is printed in the Caf's letter only (app.forms.disclosure).
    service.correct(ref, profile={"foyer": 4}, reason="deux enfants oubliés")
    assert documents.letters_to_reprint(ref) == [Reprint(LETTER, "caf", day(FIRST), 2)]
    for organisme in ("urssaf", "assurance_maladie", "assurance_retraite"):
        unchanged = documents.render(ref, LETTER, organisme, mark_duplicate=True)
        assert "Version" not in text(unchanged.pdf) and "Duplicata" in text(unchanged.pdf)
    caf = documents.render(ref, LETTER, "caf", mark_duplicate=True)
    assert f"Version 2 — remplace la lettre du {day(FIRST):%d/%m/%Y}" in text(caf.pdf)


def test_a_revised_answer_lists_the_letters_whose_content_changed(
        service: DossierService, documents: DocumentService) -> None:
    ref = printed_dossier(service, documents)
    # Q07 « suffisantes »: no Caf aid any more, and the Urssaf's ADR goes (its letter showed
    # Q07 as a reason). The Assurance Maladie and the Assurance retraite never saw Q07 (data
    # minimisation): their letters do not change.
    service.revise_answer(ref, "Q07", "suffisantes", reason="revenus mal compris")
    reprints = documents.to_reprint(ref)
    assert [(r.kind, r.organisme) for r in reprints] == [
        (DocumentKind.SUMMARY, None), (LETTER, "urssaf")]  # and no letter to the Caf any more
    assert all(r.version == 2 for r in reprints)
    assert [r.organisme for r in documents.letters_to_reprint(ref)] == ["urssaf"]
    summary = documents.render(ref, DocumentKind.SUMMARY, mark_duplicate=True)
    assert f"Version 2 — remplace la synthèse du {day(FIRST):%d/%m/%Y}" in text(summary.pdf)

    # Back to the printed answer: the content is the letters' again, nothing to reprint.
    service.revise_answer(ref, "Q07", "modestes", reason="finalement modestes")
    assert documents.to_reprint(ref) == []
    letter = documents.render(ref, LETTER, "urssaf", mark_duplicate=True)
    assert f"Duplicata du {day(FIRST):%d/%m/%Y}" in text(letter.pdf)
