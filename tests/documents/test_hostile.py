"""Whatever people type, a print comes out: markup, huge names, emoji, right-to-left text."""

from __future__ import annotations

import io
import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from app.demo import demo_records
from app.documents import DocumentKind, build_snapshot, letter_organismes, render
from app.documents.text import clean
from app.forms.identity import spaced_siret
from app.forms.questionnaire import load_questionnaire
from app.models.sites import Site
from tests.documents import records
from tests.documents.conftest import flat, pdf_text
from tests.profiles import examples

KINDS = (DocumentKind.SUMMARY, DocumentKind.CONSENT)


def render_all(record: dict[str, Any], site: Site | None) -> list[bytes]:
    snapshot = build_snapshot(record, site=site)
    out = [render(snapshot, kind).pdf for kind in KINDS]
    out += [render(snapshot, DocumentKind.LETTER, code).pdf
            for code in letter_organismes(snapshot)]
    for pdf in out:
        assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
    return out


def with_identity(**identity: Any) -> dict[str, Any]:
    record = records.urgent_phone()
    record["consents"][3]["given"] = True
    record["identity"].update(identity)
    return record


def test_markup_prints_literally(sites: dict[str, Site]) -> None:
    record = with_identity(prenom="<b>Dupont & Fils</b>", nom="</para><font size=80>",
                           adresse="1 rue <i>du & Port</i>]]>")
    record["agent"] = "<u>Agent</u> & co"
    for pdf in render_all(record, sites["QUI"]):
        text = flat(pdf_text(pdf))
        assert "<b>Dupont & Fils</b>" in text
        assert "</PARA><FONT SIZE=80>" in text  # surnames print in capitals
        assert "<u>Agent</u> & co" in text
    letter = flat(pdf_text(render_all(record, sites["QUI"])[3]))  # assurance_maladie
    assert "1 rue <i>du & Port</i>]]>" in letter


@pytest.mark.parametrize("identity", [
    {"nom": "X" * 2000, "prenom": "Y" * 2000, "adresse": "Z" * 2000, "commune": "W" * 2000},
    {"nom": "Łukasz Œuvre Ősz", "prenom": "Жанна Ωμέγα", "adresse": "€ 12, rue de l’Été"},
    {"nom": "بن علي", "prenom": "שלום", "adresse": "شارع 12 الحرية"},
    {"nom": "Le 😀 Goff 🧑‍🍳🇫🇷", "prenom": "Yann\u200d\u202e", "email": "a@b.fr 🎉"},
    {"nom": "Tab\tnew\nline\rcarriage\x07bell\x1bescape", "prenom": "\x0b\x0c"},
    {"nom": "", "prenom": "", "adresse": "", "telephone": "", "email": ""},
])
def test_hostile_identities(identity: dict[str, str], sites: dict[str, Site]) -> None:
    pdfs = render_all(with_identity(**identity), sites["TEL"])
    text = flat(pdf_text(pdfs[0]))
    assert "None" not in text
    if identity["nom"].startswith("Łukasz"):
        assert "ŁUKASZ ŒUVRE ŐSZ" in text or "Łukasz" in flat(pdf_text(pdfs[1]))
        assert "Жанна Ωμέγα" in text


def test_rtl_text_in_visual_order(sites: dict[str, Site]) -> None:
    # Reordered for drawing (visual order), left to right on the page.
    assert clean("שלום Dupont") == "Dupont םולש"
    assert clean("Rue 12 الحرية") == "Rue 12 ةيرحلا"
    record = with_identity(prenom="שלום")
    text = flat(pdf_text(render(build_snapshot(record, site=sites["QUI"]),
                                DocumentKind.SUMMARY).pdf))
    # pypdf gives right-to-left runs back in logical order; either way the glyphs are there.
    assert "QUÉMÉNER שלום" in text or "QUÉMÉNER םולש" in text


def test_minimal_identity_and_no_site(sites: dict[str, Site]) -> None:
    record = records.baker()
    record["identity"] = {"nom": "Riou", "prenom": "Anne"}
    record["profile"] = {}
    record["agent"] = None
    pdfs = render_all(record, None)
    text = flat(pdf_text(pdfs[0]))
    assert "Anne RIOU" in text and "None" not in text and "Agent :" not in text
    letter = flat(pdf_text(render(build_snapshot(record), DocumentKind.LETTER, "caf").pdf))
    assert "Le 22 novembre 2026" in letter and "Date de naissance" not in letter


def test_draft_with_three_answers(sites: dict[str, Site]) -> None:
    record = records.baker()
    record.update(status="brouillon", consents=[],
                  answers={"Q01": "dette", "Q02": "nsp", "Q07": "tres_faibles"})
    snapshot = build_snapshot(record, site=sites["QUI"])
    assert letter_organismes(snapshot) == ()
    text = flat(pdf_text(render(snapshot, DocumentKind.SUMMARY).pdf))
    assert "Revenu de solidarité active (RSA)" in text
    assert "Questionnaire en cours" in text
    assert "Votre chiffre d’affaires a-t-il baissé au cours des 12 derniers mois ? (ne sait pas)" \
        in text
    consent = flat(pdf_text(render(snapshot, DocumentKind.CONSENT).pdf))
    assert "Non recueilli" in consent


def test_malformed_values_are_left_out(sites: dict[str, Site]) -> None:
    record = records.baker()
    record["answers"]["Q03"] = "maybe"
    record["profile"]["foyer"] = "deux"
    record["identity"]["date_naissance"] = "14/05/1963"
    record["consents"].append({"organisme": "mutuelle", "given": True})
    record["consents"].append("not a consent")
    render_all(record, sites["QUI"])


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nom=st.text(max_size=300), prenom=st.text(max_size=60), adresse=st.text(max_size=300),
       agent=st.text(max_size=80))
def test_any_text_gives_a_pdf(nom: str, prenom: str, adresse: str, agent: str) -> None:
    record = records.baker()
    record["identity"].update(nom=nom, prenom=prenom, adresse=adresse, commune=adresse[:40])
    record["agent"] = agent
    snapshot = build_snapshot(record)
    for kind, organisme in ((DocumentKind.SUMMARY, None), (DocumentKind.CONSENT, None),
                            (DocumentKind.LETTER, "caf")):
        pdf = render(snapshot, kind, organisme).pdf
        assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1


def test_demo_records_render(sites: dict[str, Site]) -> None:
    questionnaire = load_questionnaire("help-v1")
    for record in itertools.islice(demo_records(24, questionnaire, seed=7), 24):
        snapshot = build_snapshot(record, site=sites.get(record["site"]))
        summary = flat(pdf_text(render(snapshot, DocumentKind.SUMMARY).pdf))
        assert record["number"] in summary
        assert ("Situation prioritaire" in summary) == snapshot.urgent
        assert snapshot.urgent == record["urgent"] or record["status"] == "brouillon"
        for aid in snapshot.aids:
            assert flat(questionnaire.aid(aid.code).title) in summary
        if not snapshot.aids and snapshot.status == "brouillon" and snapshot.unanswered:
            # A draft concludes nothing: it lists what remains.
            assert "Questionnaire incomplet" in summary
            assert "Aucune fragilité" not in summary
        elif not snapshot.aids:
            assert "Les bons réflexes" in summary
        for code in letter_organismes(snapshot):
            letter = flat(pdf_text(render(snapshot, DocumentKind.LETTER, code).pdf))
            assert record["number"] in letter
            if code == "caf":
                assert record["identity"]["nir"] not in letter
                assert record["identity"]["siret"] not in letter
                assert spaced_siret(record["identity"]["siret"]) not in letter
                assert "NIR" not in letter and "SIRET" not in letter
            if code == "urssaf":
                assert spaced_siret(record["identity"]["siret"]) in letter
        consent = flat(pdf_text(render(snapshot, DocumentKind.CONSENT).pdf))
        assert record["number"] in consent
        oral = any(c["mode"] == "oral_telephone" for c in record["consents"])
        assert ("atteste avoir lu ce texte" in consent) == (
            oral or (not record["consents"] and record["channel"] == "telephone"))
