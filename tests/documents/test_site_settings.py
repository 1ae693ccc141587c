"""What documents print of a site: before its settings are recorded on the central store, its
name and city only; once confirmed, its address, and its contact line for the letters. The
content key of a document keeps only the site's code and name: confirming an address does
not make every letter already sent a « Version 2 »."""

from __future__ import annotations

import dataclasses

from app.documents import DocumentKind, build_snapshot, render
from app.documents.blocks import site_compact, site_contact, site_lines
from app.documents.content import content_key
from app.forms.sites import apply_settings
from app.models.sites import Site
from tests.documents import records
from tests.documents.conftest import flat, pdf_text

SETTINGS = {"version": 1, "updated_at": "2026-12-01T10:00:00+00:00",
            "address": ["Urssaf Bretagne", "2 rue <b>X</b> & fils"], "postal_code": "29000",
            "commune": "Quimper", "phone": "0298000000", "email": "accueil.ti@example.fr",
            "hours": "du lundi au vendredi, de 9 h à 12 h"}


def confirmed(site: Site) -> Site:
    return apply_settings(site, SETTINGS)


def test_an_unconfirmed_site_prints_its_name_and_city(sites: dict[str, Site]) -> None:
    snapshot = build_snapshot(records.baker(), site=sites["QUI"])
    # the title names the city already: « … de Quimper », not « … de Quimper / Quimper »
    assert site_lines(snapshot) == ["Accueil commun des travailleurs indépendants de Quimper"]
    assert site_compact(snapshot) == site_lines(snapshot)
    assert site_contact(snapshot) == ""
    text = flat(pdf_text(render(snapshot, DocumentKind.LETTER, "urssaf").pdf))
    assert "Accueil commun des travailleurs indépendants de Quimper Quimper" not in text
    assert "Accueil commun des travailleurs indépendants de Quimper" in text
    assert "29000" not in text.split("Dossier suivi par")[0]
    other = build_snapshot(records.baker(), site=dataclasses.replace(
        sites["QUI"], name="Quimper Kerfeunteun"))
    assert site_lines(other) == [
        "Accueil commun des travailleurs indépendants de Quimper Kerfeunteun", "Quimper"]
    phone = site_lines(build_snapshot(records.baker(), site=sites["TEL"]))
    assert phone[1:] == ([sites["TEL"].commune] if sites["TEL"].commune else [])


def test_a_confirmed_site_prints_its_address_escaped(sites: dict[str, Site]) -> None:
    snapshot = build_snapshot(records.baker(), site=confirmed(sites["QUI"]))
    assert site_lines(snapshot)[1:] == ["Urssaf Bretagne", "2 rue &lt;b&gt;X&lt;/b&gt; &amp; fils",
                                        "29000 Quimper"]
    assert site_compact(snapshot)[1] == ("Urssaf Bretagne, 2 rue &lt;b&gt;X&lt;/b&gt; &amp; "
                                         "fils, 29000 Quimper")
    assert site_contact(snapshot) == ("Tél.\u00a002\u00a098\u00a000\u00a000\u00a000 · "
                                      "accueil.ti@example.fr · du lundi au vendredi, de 9 h à "
                                      "12 h")
    text = flat(pdf_text(render(snapshot, DocumentKind.SUMMARY).pdf))
    assert "Urssaf Bretagne, 2 rue <b>X</b> & fils, 29000 Quimper" in text
    letter = flat(pdf_text(render(snapshot, DocumentKind.LETTER, "urssaf").pdf))
    assert "2 rue <b>X</b> & fils 29000 Quimper" in letter


def test_the_contact_line_has_only_what_is_set(sites: dict[str, Site]) -> None:
    site = dataclasses.replace(confirmed(sites["QUI"]), phone="", hours="")
    assert site_contact(build_snapshot(records.baker(), site=site)) == "accueil.ti@example.fr"
    site = dataclasses.replace(site, email="", phone="3698")
    assert site_contact(build_snapshot(records.baker(), site=site)) == "Tél.\u00a03698"
    assert site_contact(build_snapshot(records.baker(), site=None)) == ""
    assert site_lines(build_snapshot(records.baker(), site=None)) == []
    assert site_compact(build_snapshot(records.baker(), site=None)) == []
    phone = build_snapshot(records.baker(), site=dataclasses.replace(sites["TEL"]))
    assert site_lines(phone)[0].startswith("Plateforme téléphonique")


def test_confirming_the_address_keeps_the_content_key(sites: dict[str, Site]) -> None:
    record = records.baker()
    for kind, organisme in ((DocumentKind.SUMMARY, None), (DocumentKind.LETTER, "urssaf"),
                            (DocumentKind.CONSENT, None)):
        before = content_key(build_snapshot(record, site=sites["QUI"]), kind, organisme)
        after = content_key(build_snapshot(record, site=confirmed(sites["QUI"])), kind,
                            organisme)
        assert before == after
    renamed = dataclasses.replace(sites["QUI"], name="Quimper-Centre")
    assert content_key(build_snapshot(record, site=renamed), DocumentKind.SUMMARY, None) \
        != content_key(build_snapshot(record, site=sites["QUI"]), DocumentKind.SUMMARY, None)
