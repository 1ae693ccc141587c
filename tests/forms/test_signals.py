"""Reading a signals file (app.forms.signals): encodings, separators, columns, every bad line
named with its field and reason, nothing returned when one line is bad."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.forms.signals import (
    SIGNAL_FIELDS,
    Problem,
    SignalFileError,
    decode,
    parse_amount,
    read_signals,
)
from tests.forms.test_identity import NIR
from tests.profiles import examples

SIRET = "73282932000074"
HEADER = "source;reference;type;date;siret;nir;nom;prenom;montant;commentaire"


def csv(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join((header, *lines)) + "\n").encode("utf-8")


def problems(data: bytes, source: str | None = None) -> list[str]:
    with pytest.raises(SignalFileError) as caught:
        read_signals(data, source)
    text = str(caught.value)
    assert text == "\n".join(str(p) for p in caught.value.problems)
    return text.splitlines()


def test_a_good_file() -> None:
    rows = read_signals(csv(
        f"urssaf;U-1;dette;2026-11-02;{SIRET};;Le Goff;Yann;1 234,56;dette > seuil",
        f"caf;C-9;baisse_activite;2026-10-30;;{NIR};;;;",
    ))
    assert [tuple(r) for r in rows] == [SIGNAL_FIELDS, SIGNAL_FIELDS]
    assert rows[0] == {"source": "urssaf", "reference": "U-1", "type": "dette",
                       "date": "2026-11-02", "siret": SIRET, "nir": None, "nom": "Le Goff",
                       "prenom": "Yann", "telephone": None, "email": None,
                       "code_postal": None, "commune": None, "montant_cents": 123_456,
                       "commentaire": "dette > seuil"}
    assert rows[1]["nir"] == NIR and rows[1]["montant_cents"] is None
    assert rows[1]["commentaire"] is None


def test_windows_1252_with_commas_any_order_and_crlf() -> None:
    text = ('Commentaire,Date,Type,Reference,SIRET,Nom,Commune,Telephone,Email,Code_Postal\r\n'
            f'"Échéance impayée, relance",2026-11-02,incident_paiement,T-1,{SIRET},Hervé,'
            'Quimper,02 98 00 00 00,herve@example.fr,29000\r\n')
    rows = read_signals(text.encode("cp1252"), "tribunal_commerce")
    assert rows[0]["commentaire"] == "Échéance impayée, relance"
    assert rows[0]["nom"] == "Hervé" and rows[0]["source"] == "tribunal_commerce"
    assert rows[0]["telephone"] == "02 98 00 00 00" and rows[0]["code_postal"] == "29000"


def test_utf8_with_a_byte_order_mark() -> None:
    data = b"\xef\xbb\xbf" + csv(f"urssaf;U-1;dette;2026-11-02;{SIRET};;Hervé;;;")
    assert read_signals(data)[0]["nom"] == "Hervé"


def test_the_source_column_wins_over_the_option_and_an_empty_one_takes_it() -> None:
    rows = read_signals(csv(f"urssaf;U-1;dette;2026-11-02;{SIRET};;;;;",
                            f";U-2;dette;2026-11-02;{SIRET};;;;;"), "caf")
    assert [r["source"] for r in rows] == ["urssaf", "caf"]


def test_header_only_and_blank_lines() -> None:
    assert read_signals(csv()) == []
    assert len(read_signals(csv("", f"urssaf;U-1;dette;2026-11-02;{SIRET};;;;;", ";;;;"))) == 1


@pytest.mark.parametrize(("text", "cents"), [
    ("1234.56", 123_456), ("1 234,56", 123_456), ("1\u00a0234,5", 123_450),
    ("1\u202f234\u202f567", 123_456_700), ("12", 1200), ("0,07", 7), (" 3 ", 300),
])
def test_amounts(text: str, cents: int) -> None:
    assert parse_amount(text) == cents


@pytest.mark.parametrize("text", ["12,345", "1.234,56", "-5", "12 34", "1e3", "€5", ""])
def test_bad_amounts(text: str) -> None:
    assert parse_amount(text) is None


@settings(max_examples=examples(300))
@given(st.integers(0, 10**12))
def test_amounts_round_trip(cents: int) -> None:
    euros, rest = divmod(cents, 100)
    grouped = f"{euros:,}".replace(",", "\u00a0")
    assert parse_amount(f"{euros}.{rest:02d}") == cents
    assert parse_amount(f"{grouped},{rest:02d}") == cents


def test_every_bad_line_is_named_and_nothing_returned() -> None:
    lines = problems(csv(
        f"urssaf;U-1;dette;2026-11-02;{SIRET};;;;;",
        "cpam;U-2;dettes;02/11/2026;73282932000075;;R2D2;;12,345;" + "x" * 501,
        "urssaf;U-3;dette;2026-11-02;;;;;;",
        f"urssaf;U-1;dette;2026-11-03;{SIRET};;;;;",
        f"urssaf;;dette;2026-11-03;;{NIR[:-1]}0;;;;",
        "urssaf;U-5;dette",
    ))
    assert lines == [
        "line 3: source: 'cpam' is not allowed; expected one of urssaf, assurance_maladie, "
        "service_social, caf, assurance_retraite, tribunal_commerce, accueil, telephone, "
        "help_en_ligne",
        "line 3: type: 'dettes' is not allowed; expected one of incident_paiement, dette, "
        "baisse_activite, alerte_partenaire, procedure_collective, autre",
        "line 3: date: '02/11/2026' is not allowed; expected an ISO date YYYY-MM-DD",
        "line 3: siret: the value given is not allowed (invalid_checksum); expected a 14-digit "
        "SIRET with a valid check digit",
        "line 3: nom: the value given is not allowed (invalid_characters); expected letters, "
        "spaces, hyphens and apostrophes, at most 80 characters",
        "line 3: montant: '12,345' is not allowed; expected an amount in euros such as 1234.56 "
        "or 1 234,56 (at most 2 decimals)",
        "line 3: commentaire: 501 characters; expected at most 500",
        "line 4: siret: a signal needs a SIRET or a NIR (or both); expected a 14-digit SIRET or "
        "a 15-character NIR",
        "line 5: reference: 'U-1' of source urssaf is already on line 2; expected each (source, "
        "reference) once",
        "line 6: reference: expected a text of 1 to 100 characters",
        "line 6: nir: the value given is not allowed (invalid_checksum); expected a 15-character "
        "social security number (NIR) with its 2-digit key, matching the birth date",
        "line 7: line: 3 fields; expected 10 (as in the header)",
    ]


def test_no_identity_value_is_shown() -> None:
    text = "\n".join(problems(csv(f"urssaf;U-1;dette;2026-11-02;;{NIR[:-2]}00;Dup0nt;;;")))
    assert NIR[:6] not in text and "Dup0nt" not in text


def test_missing_source_and_nul() -> None:
    assert problems(csv(f";U-1;dette;2026-11-02;{SIRET};;;;;commen\x00taire")) == [
        "line 2: commentaire: contains a NUL character; expected plain text",
        "line 2: source: required (or give --source); expected one of urssaf, "
        "assurance_maladie, service_social, caf, assurance_retraite, tribunal_commerce, "
        "accueil, telephone, help_en_ligne",
    ]


def test_header_problems() -> None:
    assert problems(csv(header="Source;reference;typ;;reference;montant")) == [
        "line 1: 'typ': unknown column; expected columns among source, reference, type, date, "
        "siret, nir, nom, prenom, telephone, email, code_postal, commune, montant, commentaire",
        "line 1: (empty column name): unknown column; expected columns among source, "
        "reference, type, date, siret, nir, nom, prenom, telephone, email, code_postal, "
        "commune, montant, commentaire",
        "line 1: reference: the column appears twice; expected it once",
        "line 1: type: required column missing from the header",
        "line 1: date: required column missing from the header",
        "line 1: siret: a column siret or nir (or both) is required",
    ]
    assert problems(csv(header="reference;type;date;nir")) == [
        "line 1: source: required column missing from the header"]
    assert read_signals(csv(header="reference;type;date;nir"), "caf") == []


def test_empty_and_undecodable_files() -> None:
    assert problems(b"") == ["line 1: file: is empty; expected a header line then one signal "
                             "a line"]
    assert problems(b" \n\n") == problems(b"")
    assert problems(csv(f"urssaf;U-1;dette;2026-11-02;{SIRET};;;;;") + b"caf;\x81") == [
        "line 3: file: byte 0x81 is neither UTF-8 nor Windows-1252 text; expected UTF-8 or "
        "Windows-1252 text"]
    assert problems(b"\xef\xbb\xbfsource\n\xe9") == [
        "line 2: file: is not valid UTF-8 text although it starts with a UTF-8 byte-order "
        "mark; expected UTF-8 or Windows-1252 text"]
    assert decode("é".encode("cp1252")) == "é"


def test_broken_csv_quotes() -> None:
    assert problems(b'reference,type,date,siret\n"a"b,dette,2026-01-01,' + SIRET.encode()
                    + b"\n", "caf")[0].startswith("line 2: line: cannot be read as CSV")
    assert problems(b'"refer"ence,type\n', "caf")[0].startswith(
        "line 1: header: cannot be read as CSV")


def test_an_unknown_source_option() -> None:
    with pytest.raises(ValueError, match="^--source: 'cpam' is not allowed"):
        read_signals(csv(), "cpam")


def test_problem_text() -> None:
    assert str(Problem(4, "type", "bad")) == "line 4: type: bad"
    assert SignalFileError([Problem(1, "a", "b")]).problems == [Problem(1, "a", "b")]


@settings(max_examples=examples(300))
@given(st.binary(max_size=200))
def test_any_bytes_are_read_or_refused_with_lines(data: bytes) -> None:
    try:
        rows = read_signals(data, "caf")
    except SignalFileError as exc:
        assert exc.problems and all(p.line >= 1 and p.field and p.reason for p in exc.problems)
    else:
        assert all(set(r) == set(SIGNAL_FIELDS) for r in rows)


@settings(max_examples=examples(200))
@given(st.lists(st.sampled_from(["dette", "autre", "bad"]), min_size=1, max_size=20))
def test_good_lines_are_all_read_bad_lines_all_named(types: list[str]) -> None:
    lines = [f"urssaf;R{i};{t};2026-11-02;{SIRET};;;;;" for i, t in enumerate(types)]
    bad = [i + 2 for i, t in enumerate(types) if t == "bad"]
    if not bad:
        assert len(read_signals(csv(*lines))) == len(types)
    else:
        assert [int(line.split(":")[0].removeprefix("line ")) for line in
                problems(csv(*lines))] == bad
