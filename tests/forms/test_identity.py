"""Identity checks: every code each field can return, and the normalised stored forms."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.forms.identity import (
    ALLOWED_EN,
    IDENTITY_FIELDS,
    Issue,
    IssueCode,
    check_activity_start,
    check_address,
    check_birth_date,
    check_email,
    check_name,
    check_nir,
    check_phone,
    check_postal_code,
    check_siret,
    fold,
    normalize_identity,
    normalize_name,
    normalize_phone,
    parse_date,
    validate_identity,
)

TODAY = date(2026, 11, 22)


def nir_with_key(body: str) -> str:
    numeric = int(body.replace("2A", "19").replace("2B", "18"))
    return f"{body}{97 - numeric % 97:02d}"


NIR = nir_with_key("1630529019005")  # a man born in May 1963 in the Finistère


@pytest.mark.parametrize("value", ["Dupont", "Le Goff", "Le Bihan-Kerjean", "D’Argentré",
                                   "O'Neil", "Éloïse", "Nguyễn", "Søren", "Ørsted", "Łukasz",
                                   "  Marie   Anne  ", "Ωμέγα", "Иванов"])
def test_names_accept_letters_of_any_script(value: str) -> None:
    assert check_name(value, required=True) is None


@pytest.mark.parametrize(("value", "code"), [
    ("", IssueCode.REQUIRED), ("   ", IssueCode.REQUIRED), (None, IssueCode.REQUIRED),
    ("Dupont2", IssueCode.INVALID_CHARACTERS), ("<b>Dupont</b>", IssueCode.INVALID_CHARACTERS),
    ("Dupont & Fils", IssueCode.INVALID_CHARACTERS), ("-Dupont", IssueCode.INVALID_CHARACTERS),
    ("Dupont--Durand", IssueCode.INVALID_CHARACTERS), ("Dupont 😀", IssueCode.INVALID_CHARACTERS),
    ("A" * 81, IssueCode.TOO_LONG),
])
def test_name_issues(value: object, code: IssueCode) -> None:
    assert check_name(value, required=True) is code


def test_optional_name_may_be_empty() -> None:
    assert check_name("", required=False) is None


def test_normalize_and_fold_names() -> None:
    assert normalize_name("  le   Goff ") == "le Goff"
    assert normalize_name("E\u0301loi\u0308se") == "Éloïse"
    assert fold("ÉLOÏSE Le Bihan") == fold("eloise le bihan") == "eloise le bihan"


@pytest.mark.parametrize("value", [NIR, f"{NIR[0]} {NIR[1:3]} {NIR[3:5]} {NIR[5:7]} {NIR[7:10]} "
                                        f"{NIR[10:13]} {NIR[13:]}",
                                   nir_with_key("2850599123456"), nir_with_key("185052A123456"),
                                   nir_with_key("1633029019005")])
def test_valid_nir(value: str) -> None:
    assert check_nir(value, date(1963, 5, 14) if value.replace(" ", "")[1:3] == "63" else None) \
        is None


@pytest.mark.parametrize(("value", "code"), [
    (NIR[:-2] + f"{(int(NIR[-2:]) % 97) + 1:02d}", IssueCode.INVALID_CHECKSUM),
    (NIR[:-1], IssueCode.INVALID_LENGTH),
    ("1630529A1900575", IssueCode.INVALID_FORMAT),
    (nir_with_key("3630529019005"), IssueCode.INVALID_FORMAT),
])
def test_nir_issues(value: str, code: IssueCode) -> None:
    assert check_nir(value) is code


def test_nir_must_match_the_birth_date() -> None:
    assert check_nir(NIR, date(1963, 5, 14)) is None
    assert check_nir(NIR, date(1964, 5, 14)) is IssueCode.BIRTH_MISMATCH
    assert check_nir(NIR, date(1963, 6, 14)) is IssueCode.BIRTH_MISMATCH
    unknown_month = nir_with_key("1634229019005")
    assert check_nir(unknown_month, date(1963, 6, 14)) is None
    assert check_nir("", date(1963, 6, 14)) is None


@pytest.mark.parametrize(("value", "code"), [
    ("732 829 320 00074", None), ("73282932000074", None), ("", None),
    ("73282932000075", IssueCode.INVALID_CHECKSUM), ("7328293200007", IssueCode.INVALID_LENGTH),
    ("7328293200007X", IssueCode.INVALID_FORMAT),
])
def test_siret(value: str, code: IssueCode | None) -> None:
    assert check_siret(value) is code


@pytest.mark.parametrize(("value", "ok"), [
    ("06 12 34 56 78", True), ("0612345678", True), ("06.12.34.56.78", True),
    ("+33 6 12 34 56 78", True), ("0033612345678", True), ("+262 692 12 34 56", True),
    ("", True), ("3698", False), ("00 12 34 56 78", False), ("+33 0 12 34 56 78", False),
    ("06 12 34 56", False), ("+44 20 7946 0958", False), ("téléphone", False),
])
def test_phone(value: str, ok: bool) -> None:
    assert (check_phone(value) is None) is ok


def test_normalize_phone() -> None:
    assert normalize_phone("+33 6 12 34 56 78") == "06 12 34 56 78"
    assert normalize_phone("0033612345678") == "06 12 34 56 78"
    assert normalize_phone("+262 692 12 34 56") == "+262692123456"


@pytest.mark.parametrize(("value", "ok"), [
    ("marie.le-goff@exemple.fr", True), ("a+b@sub.domaine.bzh", True), ("", True),
    ("marie@", False), ("@exemple.fr", False), ("marie@exemple", False),
    ("marie..goff@exemple.fr", False), ("marie goff@exemple.fr", False),
    ("a" * 250 + "@exemple.fr", False),
])
def test_email(value: str, ok: bool) -> None:
    assert (check_email(value) is None) is ok


@pytest.mark.parametrize(("value", "ok"), [
    ("29200", True), ("20000", True), ("97400", True), ("35000", True), ("", True),
    ("00100", False), ("2920", False), ("2A000", False), ("99000", False), ("96000", False),
])
def test_postal_code(value: str, ok: bool) -> None:
    assert (check_postal_code(value) is None) is ok


def test_address_length() -> None:
    assert check_address("3 rue de Siam") is None
    assert check_address("x" * 201) is IssueCode.TOO_LONG


@pytest.mark.parametrize(("value", "code"), [
    ("1963-05-14", None), (date(1963, 5, 14), None), (None, None), ("", None),
    ("14/05/1963", IssueCode.INVALID_DATE), ("1963-02-30", IssueCode.INVALID_DATE),
    (12, IssueCode.INVALID_DATE), ("2026-11-23", IssueCode.IN_FUTURE),
    ("1900-01-01", IssueCode.TOO_OLD), ("2015-01-01", IssueCode.TOO_YOUNG),
    ("2010-11-22", None),
])
def test_birth_date(value: object, code: IssueCode | None) -> None:
    assert check_birth_date(value, TODAY) is code


def test_birth_date_limits_on_29_february() -> None:
    assert check_birth_date("2008-02-29", date(2024, 2, 29)) is None
    assert check_birth_date("2008-02-29", date(2024, 2, 28)) is IssueCode.TOO_YOUNG
    assert check_birth_date("1904-02-29", date(2025, 2, 28)) is IssueCode.TOO_OLD
    # 120 years before 29 February 2020 is 28 February 1900 (1900 was not a leap year).
    assert check_birth_date("1900-02-28", date(2020, 2, 29)) is None
    assert check_birth_date("1900-02-27", date(2020, 2, 29)) is IssueCode.TOO_OLD


@pytest.mark.parametrize(("value", "birth", "code"), [
    ("2004-09-01", date(1963, 5, 14), None), ("", None, None),
    ("2026-12-01", None, IssueCode.IN_FUTURE), ("1960-01-01", date(1963, 5, 14),
                                                 IssueCode.BEFORE_BIRTH),
    ("2004-13-01", None, IssueCode.INVALID_DATE),
])
def test_activity_start(value: str, birth: date | None, code: IssueCode | None) -> None:
    assert check_activity_start(value, TODAY, birth) is code


def test_validate_identity_lists_every_issue_in_form_order() -> None:
    issues = validate_identity({
        "nom": "", "prenom": "Jean3", "date_naissance": "1964-05-14", "nir": NIR,
        "siret": "123", "telephone": "12", "email": "x@", "adresse": "y" * 300,
        "code_postal": "1", "commune": "Brest!", "debut_activite": "1950-01-01",
    }, today=TODAY)
    assert issues == [
        Issue("nom", IssueCode.REQUIRED), Issue("prenom", IssueCode.INVALID_CHARACTERS),
        Issue("nir", IssueCode.BIRTH_MISMATCH), Issue("siret", IssueCode.INVALID_LENGTH),
        Issue("telephone", IssueCode.INVALID_FORMAT), Issue("email", IssueCode.INVALID_FORMAT),
        Issue("adresse", IssueCode.TOO_LONG), Issue("code_postal", IssueCode.INVALID_FORMAT),
        Issue("commune", IssueCode.INVALID_CHARACTERS),
        Issue("debut_activite", IssueCode.BEFORE_BIRTH),
    ]


def test_valid_identity_has_no_issue_and_normalises() -> None:
    data = {"nom": " Le  Goff ", "prenom": "Anne-Marie", "date_naissance": date(1963, 5, 14),
            "nir": NIR.lower(), "siret": "732 829 320 00074", "telephone": "+33612345678",
            "email": "Anne.LeGoff@Exemple.FR", "code_postal": "29200", "commune": "Brest",
            "adresse": "", "debut_activite": "2004-09-01", "ignored": "x"}
    assert validate_identity(data, today=TODAY) == []
    assert normalize_identity(data) == {
        "nom": "Le Goff", "prenom": "Anne-Marie", "date_naissance": "1963-05-14", "nir": NIR,
        "siret": "73282932000074", "telephone": "06 12 34 56 78",
        "email": "Anne.LeGoff@exemple.fr", "code_postal": "29200", "commune": "Brest",
        "debut_activite": "2004-09-01",
    }


def test_every_field_has_an_english_description_for_the_command_line() -> None:
    assert set(IDENTITY_FIELDS) == set(ALLOWED_EN)


def test_parse_date() -> None:
    assert parse_date("2026-02-28") == date(2026, 2, 28)
    assert parse_date("2026-02-29") is None and parse_date("hier") is None


@given(st.text(max_size=120))
def test_checks_never_raise_on_arbitrary_text(text: str) -> None:
    for check in (check_nir, check_siret, check_phone, check_email, check_postal_code,
                  check_address):
        assert check(text) is None or isinstance(check(text), IssueCode)
    assert check_name(text) is None or isinstance(check_name(text), IssueCode)
    assert isinstance(validate_identity({"nom": text, "prenom": text, "date_naissance": text,
                                         "nir": text, "siret": text}, today=TODAY), list)


def test_nir_and_siret_are_grouped_as_read_out_and_malformed_values_kept() -> None:
    from app.forms.identity import spaced_nir, spaced_siret

    assert spaced_nir(NIR) == "1 63 05 29 019 005 " + NIR[-2:]
    assert spaced_siret("73282932000074") == "732 829 320 00074"
    assert spaced_nir("1630529") == "1630529" and spaced_siret("12") == "12"
    assert spaced_nir(None) is None and spaced_siret("") == ""
