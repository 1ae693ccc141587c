"""The three documents against the dossier they print: content, policy, errors."""

from __future__ import annotations

import re
from typing import Any

import pytest

from app import __version__
from app.documents import (
    DocumentError,
    DocumentKind,
    DossierSnapshot,
    build_snapshot,
    letter_organismes,
    render,
)
from app.forms.figures import ProcessingFigure
from app.forms.identity import spaced_nir, spaced_siret
from app.forms.questionnaire import load_questionnaire
from app.models.sites import Site
from tests.documents import records
from tests.documents.conftest import flat, page_count, pdf_text

Q = load_questionnaire("help-v1")


def snap(record: dict[str, Any], sites: dict[str, Site], **kw: Any) -> DossierSnapshot:
    return build_snapshot(record, site=sites.get(record["site"]), **kw)


def text_of(snapshot: DossierSnapshot, kind: DocumentKind, organisme: str | None = None) -> str:
    return flat(pdf_text(render(snapshot, kind, organisme).pdf))


# --- snapshot -------------------------------------------------------------------------------

def test_snapshot_of_the_baker(sites: dict[str, Site]) -> None:
    snapshot = snap(records.baker(), sites)
    assert snapshot.organismes == ("urssaf", "caf", "assurance_retraite")
    assert [a.code for a in snapshot.aids] == ["DELAIS_PAIEMENT", "AJUSTEMENT_COTISATIONS",
                                               "ACED", "AFE_CPSTI", "ADR", "PRIME_ACTIVITE",
                                               "INFO_RETRAITE"]
    assert snapshot.reference_date.isoformat() == "2026-11-22"
    assert not snapshot.urgent
    assert letter_organismes(snapshot) == ("urssaf", "caf", "assurance_retraite")


def test_letter_organismes_need_orientation_and_a_live_consent(sites: dict[str, Site]) -> None:
    record = records.urgent_phone()
    record["consents"].append(records.consent("assurance_retraite"))  # consented, not oriented
    record["consents"][1]["revoked_at"] = "2026-11-21T09:00:00+01:00"  # assurance_maladie
    snapshot = snap(record, sites)
    assert "assurance_maladie" in snapshot.organismes
    # caf refused, assurance_maladie revoked, assurance_retraite not oriented
    assert letter_organismes(snapshot) == ("urssaf", "service_social")


# --- summary --------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [records.baker, records.urgent_phone])
def test_summary_lists_every_aid_and_oriented_phone(make: Any, sites: dict[str, Site]) -> None:
    snapshot = snap(make(), sites)
    text = text_of(snapshot, DocumentKind.SUMMARY)
    assert "Vos aides et vos contacts" in text
    assert snapshot.number in text
    for aid in snapshot.aids:
        assert flat(Q.aid(aid.code).title.replace("\u00a0", " ")) in text, aid.code
    for code in snapshot.organismes:
        organisme = Q.organisme(code)
        assert f"Tél. {organisme.phone}" in text
        assert organisme.name in text
    assert "Amount" not in text and "€ par mois" not in text


def test_summary_words_the_reasons(sites: dict[str, Site]) -> None:
    text = text_of(snap(records.baker(), sites), DocumentKind.SUMMARY)
    assert ("À la question « Avez-vous des difficultés à payer vos cotisations sociales "
            "personnelles ? », vous avez répondu : Oui, j’ai des cotisations impayées") in text
    assert "Ancienneté d’activité : 22 ans" in text
    assert "Activité indépendante principale" in text
    assert "Statut : artisan" in text
    assert "Q01=" not in text and "anciennete_mois" not in text


def test_summary_header_footer_and_facts(sites: dict[str, Site]) -> None:
    rendered = render(snap(records.baker(), sites), DocumentKind.SUMMARY)
    text = flat(pdf_text(rendered.pdf))
    assert "Dispositif Help ! — Accueil commun des travailleurs indépendants" in text
    assert "22 novembre 2026" in text
    assert "Accueil commun des travailleurs indépendants de Quimper" in text
    assert "Gwenaëlle Le Bihan" in text
    assert "29000" not in text  # no site settings recorded: the name and city only
    assert "Yann LE GOFF" in text
    assert "environ un mois" in text  # help_delai, no processing days given
    assert "examinées de façon anonyme" in text  # cass_anonyme, referenced by ACED
    assert f"Page 1 sur {rendered.pages}" in text
    assert f"Page {rendered.pages} sur {rendered.pages}" in text
    assert "Questionnaire help-v1" in text and "Consentement consentement-v1" in text
    assert f"Accueil TI {__version__}" in text
    assert text.count("ce document ne vaut pas décision") == rendered.pages
    assert "Situation prioritaire" not in text
    assert "Questions non posées" not in text  # everything answered


def test_summary_processing_figures_replace_the_month(sites: dict[str, Site]) -> None:
    at = "2026-12-04T10:00:00+00:00"
    snapshot = snap(records.baker(), sites, processing={
        "urssaf": ProcessingFigure("urssaf", 18, 9, 25, 30, at),
        "caf": ProcessingFigure("caf", 35, 20, 40, 30, at),
        # below the minimum sample (never published so; left out all the same)
        "assurance_retraite": ProcessingFigure("assurance_retraite", 3, 2, 5, 30, at),
        # not an organisme of the dossier
        "assurance_maladie": ProcessingFigure("assurance_maladie", 3, 2, 50, 30, at)})
    assert [f.organisme for f in snapshot.processing] == ["urssaf", "caf"]
    assert snapshot.figure_for("assurance_retraite") is None
    text = text_of(snapshot, DocumentKind.SUMMARY)
    assert "Délai habituel constaté : 9 jours (médiane), 18 jours pour 9 demandes sur 10" in text
    assert "Délai habituel constaté : 20 jours (médiane), 35 jours pour 9 demandes sur 10" in text
    assert "Délai habituel : environ un mois" in text  # assurance_retraite has no figure


def test_urgent_banner_in_words_iff_urgent(sites: dict[str, Site]) -> None:
    urgent = snap(records.urgent_phone(), sites)
    assert urgent.urgent
    summary = text_of(urgent, DocumentKind.SUMMARY)
    assert "Situation prioritaire : trésorerie (« Non, je ne peux plus y faire face »)" in summary
    assert "logement (« Loyer ou prêt immobilier impayé »)" in summary
    # A letter flags urgency; of its reasons, only those among the answers behind the
    # organisme's own aids (the Urssaf's AFE rests on Q04, not on the rent arrears).
    letter = text_of(urgent, DocumentKind.LETTER, "urssaf")
    assert "Situation urgente : trésorerie (« Non, je ne peux plus y faire face »)." in letter
    assert "Loyer ou prêt immobilier impayé" not in letter and "détresse" not in letter
    calm = snap(records.baker(), sites)
    assert "Situation urgente" not in text_of(calm, DocumentKind.LETTER, "urssaf")


def test_summary_lists_questions_not_answered(sites: dict[str, Site]) -> None:
    record = records.baker()
    record["answers"]["Q05"] = "nsp"
    del record["answers"]["Q09"]
    text = text_of(snap(record, sites), DocumentKind.SUMMARY)
    assert "Questions non posées ou sans réponse" in text
    assert "Votre santé affecte-t-elle votre activité ? (ne sait pas)" in text
    assert "Accompagnez-vous un proche malade, handicapé ou en perte d’autonomie ? (non posée)" \
        in text


def test_no_aid_summary_gives_the_general_block(sites: dict[str, Site]) -> None:
    snapshot = snap(records.no_aid(), sites)
    assert snapshot.aids == ()
    text = text_of(snapshot, DocumentKind.SUMMARY)
    assert "Aucune fragilité n’a été détectée" in text
    assert "Les bons réflexes" in text
    for reflex in Q.no_aid.bons_reflexes:
        assert flat(reflex)[:40] in text
    for organisme in Q.organismes:
        assert f"Tél. {organisme.phone}" in text
        assert organisme.name in text
    assert letter_organismes(snapshot) == ()


# --- letters --------------------------------------------------------------------------------

def test_letter_field_policy(sites: dict[str, Site]) -> None:
    record = records.urgent_phone()
    record["consents"][3]["given"] = True  # caf accepted, to print its letter
    snapshot = snap(record, sites)
    identity = record["identity"]
    caf = text_of(snapshot, DocumentKind.LETTER, "caf")
    for form in (identity["nir"], spaced_nir(identity["nir"]), identity["siret"],
                 spaced_siret(identity["siret"])):
        assert form not in caf
    assert "NIR" not in caf and "SIRET" not in caf
    assert "Personnes au foyer 3" in caf and "9 juillet 1984" in caf
    urssaf = text_of(snapshot, DocumentKind.LETTER, "urssaf")
    assert spaced_siret(identity["siret"]) in urssaf  # as read out: 812 345 678 00015
    assert identity["nir"] not in urssaf and spaced_nir(identity["nir"]) not in urssaf
    assert "quai de l’Odet" not in urssaf
    maladie = text_of(snapshot, DocumentKind.LETTER, "assurance_maladie")
    assert spaced_nir(identity["nir"]) in maladie
    assert spaced_siret(identity["siret"]) not in maladie
    assert "3 quai de l’Odet, 29000 Quimper" in maladie


def test_letter_content(sites: dict[str, Site]) -> None:
    snapshot = snap(records.baker(), sites)
    rendered = render(snapshot, DocumentKind.LETTER, "urssaf")
    text = flat(pdf_text(rendered.pdf))
    assert rendered.filename == "TI-QUI-01-2026-000123-courrier-urssaf.pdf"
    assert rendered.title == "Orientation Help ! — Urssaf"
    assert "Équipe Help ! de l’Urssaf Bretagne" in text
    assert "Objet : Orientation Help ! — dossier TI-QUI-01-2026-000123" in text
    assert "Quimper, le 22 novembre 2026" in text
    for code in ("DELAIS_PAIEMENT", "ACED", "AFE_CPSTI", "ADR"):
        assert Q.aid(code).title in text
    assert "Prime d’activité" not in text  # a Caf aid
    assert "Q01 (cotisations) : Oui, j’ai des cotisations impayées" in text
    assert "Accord donné le 22 novembre 2026, signé à l’accueil" in text
    assert records.CONSENT.sha256[:12] in text
    assert "Nous vous remercions de l’attention portée à cette situation" in text
    assert text.count("Gwenaëlle Le Bihan") >= 2
    assert f"Page 1 sur {rendered.pages}" in text


def test_letter_carries_a_qr_code_image(sites: dict[str, Site]) -> None:
    pdf = render(snap(records.baker(), sites), DocumentKind.LETTER, "caf").pdf
    # The QR code is drawn as vector rectangles: many 're' operators in the first page.
    from io import BytesIO

    from pypdf import PdfReader

    content = PdfReader(BytesIO(pdf)).pages[0].get_contents()
    assert content is not None
    assert len(re.findall(rb" re\b", content.get_data())) > 100


def test_letter_errors(sites: dict[str, Site]) -> None:
    snapshot = snap(records.urgent_phone(), sites)
    with pytest.raises(DocumentError, match=r"^organisme: required for a letter; letters can be "
                                            r"printed for: urssaf, assurance_maladie"):
        render(snapshot, DocumentKind.LETTER)
    with pytest.raises(DocumentError, match=r"'caf' has no consent given; letters can be printed "
                                            r"for: urssaf, assurance_maladie, service_social"):
        render(snapshot, DocumentKind.LETTER, "caf")
    with pytest.raises(DocumentError, match="'assurance_retraite' is not oriented"):
        render(snapshot, DocumentKind.LETTER, "assurance_retraite")
    with pytest.raises(DocumentError, match="'mutuelle' is not an organisme"):
        render(snapshot, DocumentKind.LETTER, "mutuelle")
    with pytest.raises(DocumentError, match="only a letter"):
        render(snapshot, DocumentKind.SUMMARY, "urssaf")
    with pytest.raises(DocumentError, match="^kind: 'fax' is not a document kind"):
        render(snapshot, "fax", None)  # type: ignore[arg-type]
    record = records.urgent_phone()
    record["consents"][0]["revoked_at"] = "2026-11-21T09:00:00+01:00"
    with pytest.raises(DocumentError, match="'urssaf' consent was revoked on 2026-11-21"):
        render(snap(record, sites), DocumentKind.LETTER, "urssaf")
    no_aid = snap(records.no_aid(), sites)
    with pytest.raises(DocumentError, match="no organisme is both oriented and consented"):
        render(no_aid, DocumentKind.LETTER)


# --- consent form ---------------------------------------------------------------------------

def _consent_lines(text: str) -> dict[str, str]:
    """Organisme short name → « ☒ ☐ » state as printed in the choices table."""
    found: dict[str, str] = {}
    for organisme in Q.organismes:
        row = f"{organisme.short_name} {flat(organisme.role)}"
        match = re.search(re.escape(row) + r" ([☒☐]) ([☒☐])", text)
        if match:
            found[organisme.code] = match.group(1) + match.group(2)
    return found


def test_consent_form_signed_at_the_counter(sites: dict[str, Site]) -> None:
    snapshot = snap(records.baker(), sites)
    rendered = render(snapshot, DocumentKind.CONSENT)
    text = flat(pdf_text(rendered.pdf))
    assert rendered.filename == "TI-QUI-01-2026-000123-consentement.pdf"
    assert snapshot.number in text
    assert "Consentement à l’échange d’informations" in text
    assert "Votre accord est libre." in text
    assert _consent_lines(text) == {"urssaf": "☒☐", "caf": "☒☐", "assurance_retraite": "☒☐"}
    assert "Lu et approuvé" in text and "La personne concernée" in text
    assert "atteste avoir lu ce texte" not in text
    assert "Texte consentement-v1" in text


def test_consent_form_states_and_oral_attestation(sites: dict[str, Site]) -> None:
    record = records.urgent_phone()
    record["consents"][2]["revoked_at"] = "2026-11-21T09:00:00+01:00"  # service_social
    del record["consents"][0]  # urssaf: not collected yet
    text = text_of(snap(record, sites), DocumentKind.CONSENT)
    assert _consent_lines(text) == {"urssaf": "☐☐", "assurance_maladie": "☒☐",
                                    "service_social": "☐☒", "caf": "☐☒"}
    assert "Non recueilli" in text
    assert "Accord donné le 20 novembre 2026, retiré le 21 novembre 2026" in text
    assert "Refus exprimé le 20 novembre 2026" in text
    assert ("Je soussigné(e) Erwan Morvan, agent de la plateforme téléphonique des travailleurs "
            "indépendants, atteste avoir lu ce texte à Maëlle QUÉMÉNER par téléphone le "
            "20 novembre 2026 et recueilli son accord oral") in text
    assert "Lu et approuvé" not in text and "La personne concernée" not in text


def test_consent_form_without_orientation_lists_every_organisme(sites: dict[str, Site]) -> None:
    text = text_of(snap(records.no_aid(), sites), DocumentKind.CONSENT)
    assert _consent_lines(text) == {o.code: "☐☐" for o in Q.organismes}


# --- reproducibility ------------------------------------------------------------------------

@pytest.mark.parametrize("kind,organisme", [(DocumentKind.SUMMARY, None),
                                            (DocumentKind.LETTER, "urssaf"),
                                            (DocumentKind.CONSENT, None)])
def test_render_is_reproducible(kind: DocumentKind, organisme: str | None,
                                sites: dict[str, Site]) -> None:
    first = render(snap(records.baker(), sites), kind, organisme)
    second = render(snap(records.baker(), sites), kind, organisme)
    assert first.pdf == second.pdf and first.sha256 == second.sha256
    other = records.baker()
    other["answers"]["Q07"] = "tres_faibles"
    assert render(snap(other, sites), kind, organisme).sha256 != first.sha256
    assert b"/CreationDate" not in first.pdf or b"20000101" in first.pdf


def test_rendered_metadata(sites: dict[str, Site]) -> None:
    rendered = render(snap(records.baker(), sites), DocumentKind.SUMMARY)
    assert rendered.kind is DocumentKind.SUMMARY and rendered.organisme is None
    assert rendered.title == "Vos aides et vos contacts"
    assert rendered.filename == "TI-QUI-01-2026-000123-synthese.pdf"
    assert rendered.pages == page_count(rendered.pdf) >= 1
    assert rendered.pdf.startswith(b"%PDF-")
    assert b"DejaVuSans" in rendered.pdf  # embedded font subset


@pytest.mark.parametrize("kind,organisme", [(DocumentKind.SUMMARY, None),
                                            (DocumentKind.LETTER, "urssaf"),
                                            (DocumentKind.CONSENT, None)])
def test_a_duplicate_says_so_on_every_page_and_the_original_is_unchanged(
        kind: DocumentKind, organisme: str | None, sites: dict[str, Site]) -> None:
    from datetime import date

    original = render(snap(records.baker(), sites), kind, organisme)
    duplicate = render(snap(records.baker(), sites), kind, organisme,
                       duplicate_of=date(2026, 3, 2))
    again = render(snap(records.baker(), sites), kind, organisme)
    assert again.pdf == original.pdf  # the mark never touches the original's bytes
    assert duplicate.sha256 != original.sha256 and duplicate.pages == original.pages
    assert "Duplicata" not in pdf_text(original.pdf)
    assert flat(pdf_text(duplicate.pdf)).count("Duplicata du 02/03/2026") == duplicate.pages
    assert render(snap(records.baker(), sites), kind, organisme,
                  duplicate_of=date(2026, 3, 2)).pdf == duplicate.pdf
