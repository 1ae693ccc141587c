"""The sites vocabulary (app.forms.sites): the shipped file, the settings an administrator
records (checked, tidied, each refusal naming the field and what is allowed), their merge
into the shipped sites (invalid entries ignored, never a crash)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from app.forms.sites import (
    SETTINGS_FIELDS,
    Site,
    SitesFileError,
    apply_settings,
    current_settings,
    load_sites,
    merge_published,
    normalise_phone,
    parse_sites,
    validate_site_settings,
)

GOOD: dict[str, Any] = {"address": ["Urssaf Bretagne", "  1   rue de l’Exemple "],
                        "postal_code": "35000", "commune": "Rennes", "phone": "02.99.00.00.00",
                        "email": "accueil.ti@example.fr", "hours": "du lundi au vendredi"}


def test_a_site_is_not_confirmed_until_settings_are_recorded() -> None:
    site = Site("REN", "Rennes", "accueil")  # the old constructors keep working
    assert (site.address, site.phone, site.version, site.confirmed) == ((), "", 0, False)
    assert Site("REN", "Rennes", "accueil", ("a",), "35000", "Rennes", "35").postal_code \
        == "35000"
    shipped = load_sites()
    assert list(shipped) == ["REN", "PLE", "BRE", "QUI", "VAN", "TEL"]
    assert not any(s.confirmed or s.address for s in shipped.values())


def test_the_parser_reads_an_optional_address() -> None:
    text = ('[[site]]\ncode = "REN"\nname = "Rennes"\nkind = "accueil"\npostal_code = "35000"\n'
            'commune = "Rennes"\ndepartement = "35"\n')
    assert parse_sites(text)["REN"].address == ()
    with_address = text + 'address = ["Urssaf Bretagne"]\n'
    assert parse_sites(with_address)["REN"].address == ("Urssaf Bretagne",)


SHIPPED = ('[[site]]\ncode = "REN"\nname = "Rennes"\nkind = "accueil"\n'
           'postal_code = "35000"\ncommune = "Rennes"\ndepartement = "35"\n')


@pytest.mark.parametrize(("text", "words"), [
    ("[[site", "not valid TOML"),
    ("", "at least one [[site]]"),
    ("site = [1]", "site #1: must be a table"),
    (SHIPPED.replace('"REN"', '"Ren"'), "3 uppercase letters"),
    (SHIPPED.replace('name = "Rennes"', 'name = ""'), "'name' must be a non-empty string"),
    (SHIPPED.replace('"accueil"', '"guichet"'), "kind 'guichet' must be one of"),
    (SHIPPED + 'address = [""]\n', "'address' must be a list of non-empty strings"),
    (SHIPPED + 'address = "x"\n', "'address' must be a list"),
    (SHIPPED.replace('"35000"', '"350"'), "postal_code '350' must be 5 digits"),
    (SHIPPED.replace('departement = "35"', 'departement = "3"'), "not a département code"),
    (SHIPPED + SHIPPED, "site #2: duplicate code 'REN'"),
])
def test_a_bad_sites_file_is_refused_naming_the_entry(text: str, words: str) -> None:
    with pytest.raises(SitesFileError) as caught:
        parse_sites(text)
    assert words in str(caught.value)


def test_valid_settings_are_tidied() -> None:
    checked = validate_site_settings(GOOD)
    assert checked == {"address": ["Urssaf Bretagne", "1 rue de l’Exemple"],
                       "postal_code": "35000", "commune": "Rennes", "phone": "02 99 00 00 00",
                       "email": "accueil.ti@example.fr", "hours": "du lundi au vendredi"}
    assert list(checked) == list(SETTINGS_FIELDS)
    minimal = validate_site_settings({"address": "Urssaf\n\n1 rue X\n", "postal_code": "35000",
                                      "commune": "Rennes", "phone": None})
    assert minimal["address"] == ["Urssaf", "1 rue X"]
    assert (minimal["phone"], minimal["email"], minimal["hours"]) == ("", "", "")


@pytest.mark.parametrize(("typed", "written"), [
    ("0299000000", "02 99 00 00 00"), ("02-99-00-00-00", "02 99 00 00 00"),
    ("+33 2 99 00 00 00", "+33 2 99 00 00 00"), ("+33299000000", "+33 2 99 00 00 00"),
    ("3698", "3698"), ("", ""), ("  ", ""),
])
def test_phone_numbers(typed: str, written: str) -> None:
    assert normalise_phone(typed) == written


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"address": []}, "address", "0 lines is not allowed; expected 1 to 4 non-empty lines"),
    ({"address": ["", " "]}, "address", "0 lines"),
    ({"address": ["a"] * 5}, "address", "5 lines"),
    ({"address": ["x" * 81]}, "address", "line 1 has 81 characters"),
    ({"address": ["ok", "bad\x07"]}, "address", "line 2 holds a control character"),
    ({"address": None}, "address", "None is not allowed"),
    ({"address": [1]}, "address", "[1] is not allowed"),
    ({"postal_code": "3500"}, "postal_code", "expected 5 digits"),
    ({"postal_code": "ABCDE"}, "postal_code", "expected 5 digits"),
    ({"postal_code": "350000"}, "postal_code", "too long"),
    ({"commune": " "}, "commune", "required; expected 1 to 80 characters on one line"),
    ({"commune": 35}, "commune", "35 is not allowed; expected text"),
    ({"commune": "x" * 81}, "commune", "81 characters is too long"),
    ({"phone": "02 99"}, "phone", "a French number of 10 digits"),
    ({"phone": "1299000000"}, "phone", "+33 followed by 9 digits"),
    ({"phone": "0123"}, "phone", "4-digit short number"),
    ({"email": "accueil"}, "email", "accueil.ti@example.fr, or empty"),
    ({"email": "a@b"}, "email", "is not allowed"),
    ({"email": "a b@c.fr"}, "email", "is not allowed"),
    ({"email": "a" * 250 + "@b.fr"}, "email", "too long; expected 0 to 254"),
    ({"hours": "lundi\nmardi"}, "hours", "a line break or control character is not allowed"),
    ({"hours": "h" * 201}, "hours", "expected 0 to 200 characters on one line"),
    ({"fax": "x"}, "fax", "unknown field; expected only address, postal_code, commune"),
])
def test_bad_settings_name_the_field_and_what_is_allowed(change: dict[str, Any], field: str,
                                                         words: str) -> None:
    with pytest.raises(ValueError, match=f"^{field}: ") as caught:
        validate_site_settings({**GOOD, **change})
    assert words in str(caught.value)


def test_settings_must_be_an_object() -> None:
    with pytest.raises(ValueError, match="^settings: .*expected an object"):
        validate_site_settings(["x" * 100])


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(ValueError, match="…") as caught:
        validate_site_settings({**GOOD, "email": "x" * 100})
    assert len(str(caught.value)) < 250


SITE = Site("BRE", "Brest", "accueil", postal_code="29200", commune="Brest", departement="29")
PUBLISHED = {"code": "BRE", "version": 2, "updated_at": "2026-12-01T10:00:00+00:00",
             "address": ["Urssaf Bretagne", "1 rue X"], "postal_code": "29200",
             "commune": "Brest", "phone": "3698", "email": "", "hours": "de 9 h à 12 h"}


def test_apply_settings() -> None:
    site = apply_settings(SITE, PUBLISHED)
    assert site.confirmed and site.version == 2
    assert site.confirmed_at == "2026-12-01T10:00:00+00:00"
    assert site.address == ("Urssaf Bretagne", "1 rue X") and site.hours == "de 9 h à 12 h"
    assert (site.name, site.departement) == ("Brest", "29")
    assert current_settings(site) == {k: PUBLISHED[k] for k in SETTINGS_FIELDS}
    assert apply_settings(SITE, {**PUBLISHED, "updated_at": None}).confirmed_at is None
    for version in (0, -1, True, "2", None):
        with pytest.raises(ValueError, match="^version: "):
            apply_settings(SITE, {**PUBLISHED, "version": version})
    with pytest.raises(ValueError, match="^updated_at: "):
        apply_settings(SITE, {**PUBLISHED, "updated_at": 12})
    with pytest.raises(ValueError, match="^phone: "):
        apply_settings(SITE, {**PUBLISHED, "phone": "12"})


def test_merge_published_ignores_what_it_cannot_use() -> None:
    sites = {"BRE": SITE, "QUI": dataclasses.replace(SITE, code="QUI", name="Quimper")}
    merged = merge_published(sites, {"sites": [
        PUBLISHED,
        {**PUBLISHED, "code": "QUI", "phone": "bad"},  # invalid: QUI keeps what it had
        {**PUBLISHED, "code": "XYZ"},  # unknown site
        {**PUBLISHED, "code": ["BRE"]},
        {**PUBLISHED, "code": "QUI", "version": 0},  # not recorded yet
        "junk", None,
    ]})
    assert merged["BRE"].confirmed and merged["BRE"].phone == "3698"
    assert merged["QUI"] == sites["QUI"] and set(merged) == {"BRE", "QUI"}
    for published in (None, [], {"sites": "x"}, {"other": []}):
        assert merge_published(sites, published) == sites
    assert sites["BRE"] is SITE  # the input is not changed
