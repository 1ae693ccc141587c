"""The documents as their readers read them (issue 14): a draft never concludes, page 1 of the
summary says who calls and when, a dense summary fits in two pages, a letter gives the counter's
contact and never leaves its signature alone, the consent form keeps the choices with the
signatures, and the worker-facing footer stays off the partners' letters."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import pytest
from pypdf import PdfReader

from app.documents import DocumentKind, DossierSnapshot, build_snapshot, render
from app.forms.questionnaire import load_questionnaire
from app.models.sites import Site
from tests.documents import records
from tests.documents.conftest import flat, page_count, pdf_text

Q = load_questionnaire("help-v1")
WORKER_FOOTER = "après étude de votre situation"


def snap(record: dict[str, Any], sites: dict[str, Site], **kw: Any) -> DossierSnapshot:
    return build_snapshot(record, site=sites.get(record["site"]), **kw)


def flat_nb(text: str) -> str:
    return flat(text.replace("\u00a0", " ").replace("\u202f", " "))


def pages(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [flat((p.extract_text() or "").replace("\u00a0", " ").replace("\u202f", " "))
            for p in reader.pages]


def draft(record: dict[str, Any], keep: int) -> dict[str, Any]:
    """The record as a draft whose questionnaire stopped after ``keep`` answers."""
    record = dict(record)
    record["status"] = "brouillon"
    record["answers"] = dict(list(record["answers"].items())[:keep])
    record["orientations"] = []
    return record


def test_a_draft_summary_never_says_no_fragility(sites: dict[str, Site]) -> None:
    record = draft(records.no_aid(), 3)
    snapshot = snap(record, sites)
    assert not snapshot.aids and snapshot.unanswered
    text = flat(pdf_text(render(snapshot, DocumentKind.SUMMARY).pdf))
    assert "Aucune fragilité" not in text
    assert "Questionnaire incomplet" in text
    # What remains, question by question.
    for question_id in snapshot.unanswered:
        assert flat(Q.question(question_id).text) in text, question_id
    # The same dossier, finished without any aid, says it.
    done = snap(records.no_aid(), sites)
    assert "Aucune fragilité" in flat(pdf_text(render(done, DocumentKind.SUMMARY).pdf))


def test_page_one_says_who_calls_about_what_and_when(sites: dict[str, Site]) -> None:
    snapshot = snap(records.baker(), sites)
    first = pages(render(snapshot, DocumentKind.SUMMARY).pdf)[0]
    assert "En bref : qui va vous contacter, pour quoi, quand" in first
    for code in snapshot.organismes:
        organisme = Q.organisme(code)
        assert f"{flat_nb(organisme.help_team)} vous contacte" in first, code
        for aid in snapshot.aids_for(code):
            assert flat(Q.aid(aid.code).title) in first, aid.code
    # Without a published figure (below the minimum sample), the scheme's own estimate.
    assert "Délai habituel : environ un mois" in first


def test_an_organisme_without_consent_is_not_said_to_call(sites: dict[str, Site]) -> None:
    record = records.baker()
    record["consents"] = [c for c in record["consents"] if c["organisme"] != "caf"]
    first = pages(render(snap(record, sites), DocumentKind.SUMMARY).pdf)[0]
    assert f"{flat_nb(Q.organisme('caf').help_team)} vous contacte" not in first
    assert "Caf n’est pas informé sans votre accord" in first


def test_a_dense_summary_fits_in_two_pages(sites: dict[str, Site]) -> None:
    snapshot = snap(records.baker(), sites)
    assert len(snapshot.aids) >= 7
    assert page_count(render(snapshot, DocumentKind.SUMMARY).pdf) <= 2


def test_the_summary_lists_the_five_accueils_communs(sites: dict[str, Site]) -> None:
    text = flat(pdf_text(render(snap(records.baker(), sites), DocumentKind.SUMMARY).pdf))
    for city in ("Rennes", "Plérin", "Brest", "Quimper", "Vannes"):
        assert city in text.split("accueils communs")[-1], city


@pytest.mark.parametrize("make", [records.baker, records.urgent_phone])
def test_letters_carry_no_worker_footer(make: Any, sites: dict[str, Site]) -> None:
    snapshot = snap(make(), sites)
    for code in snapshot.organismes:
        consent = snapshot.consent(code)
        if consent is None or not consent.active:
            continue
        text = flat(pdf_text(render(snapshot, DocumentKind.LETTER, code).pdf))
        assert WORKER_FOOTER not in text, code
        assert "Transmis avec l’accord de la personne" in text
    summary = flat(pdf_text(render(snapshot, DocumentKind.SUMMARY).pdf))
    assert WORKER_FOOTER in summary


def test_a_letter_gives_the_counter_contact_once_the_site_records_it(
        sites: dict[str, Site]) -> None:
    record = records.baker()
    site = sites[record["site"]]
    bare = flat(pdf_text(render(snap(record, sites), DocumentKind.LETTER, "urssaf").pdf))
    assert "02 98 00 00 00" not in bare
    configured = replace(site, phone="02 98 00 00 00", email="accueil.ti@example.org",
                         address=("Bâtiment B", "1 rue de l’Exemple"), version=1)
    text = flat(pdf_text(render(build_snapshot(record, site=configured), DocumentKind.LETTER,
                                "urssaf").pdf))
    assert "02 98 00 00 00" in text and "accueil.ti@example.org" in text
    assert "1 rue de l’Exemple" in text


def test_the_signature_is_never_alone_on_its_page(sites: dict[str, Site]) -> None:
    record = records.baker()
    for code in ("urssaf", "caf", "assurance_retraite"):
        for page in pages(render(snap(record, sites), DocumentKind.LETTER, code).pdf):
            if "salutations distinguées" in page:
                assert "Pour tout complément" in page, code


@pytest.mark.parametrize("make", [records.baker, records.urgent_phone])
def test_consent_choices_and_signatures_share_a_page(make: Any, sites: dict[str, Site]) -> None:
    snapshot = snap(make(), sites)
    found = [p for p in pages(render(snapshot, DocumentKind.CONSENT).pdf)
             if "Vos choix, organisme par organisme" in p]
    assert len(found) == 1
    page = found[0]
    if snapshot.consent_mode == "oral_telephone":
        assert "Attestation de l’agent" in page
    else:
        assert "Signatures" in page and "Lu et approuvé" in page
        site = snapshot.site
        assert site is not None
        assert f"Fait à {site.commune}, le " in page
