"""Issue 14, « every fact has its source »: every text the documents print about an organisme or
an aid carries a source, the loader refuses one without, every quoted passage is really in its
brochure (../shared/seeds), every number printed is in its passage, amounts carry their year, and
docs/sources.md is current."""

from __future__ import annotations

import copy
import importlib.util
import re
import tomllib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from app.forms.questionnaire import (
    AMOUNT,
    QUESTIONNAIRES_DIR,
    UNDATED,
    Fact,
    Questionnaire,
    QuestionnaireError,
    Source,
    load_questionnaire,
    parse_questionnaire,
)

ROOT = Path(__file__).resolve().parents[2]
# Vendored from ../shared/seeds (tests/test_vendored_data.py checks they are the same).
SEEDS_DIR = Path(__file__).resolve().parents[1] / "data" / "seeds"
TEXT = (QUESTIONNAIRES_DIR / "help-v1.toml").read_text(encoding="utf-8")
RAW = tomllib.loads(TEXT)
Q = load_questionnaire()
CPSTI_AIDS = {"ACED", "AFE_CPSTI", "AIDE_URGENCE", "ADR"}


def fact_index(fact_id: str) -> int:
    return [f["id"] for f in RAW["facts"]].index(fact_id) + 1


def aid_index(code: str) -> int:
    return [a["code"] for a in RAW["aids"]].index(code) + 1


def printed_items(q: Questionnaire) -> Iterator[tuple[str, str, Source, int | None]]:
    """(place, printed text, its source, the year of its figures) of every printed item."""
    for o in q.organismes:
        for key, source in o.sources.items():
            yield f"{o.code}.{key}", getattr(o, key), source, None
    for a in q.aids:
        yield f"{a.code}.title", a.title, a.source, None
        yield f"{a.code}.explanation", a.explanation, a.source, None
        yield f"{a.code}.next_step", a.next_step, a.next_step_source, None
    for f in q.facts:
        yield f"facts.{f.id}", f.printed_text(), f.source, f.as_of
    yield "no_aid.text", q.no_aid.text, q.no_aid.source, None
    for i, (reflex, source) in enumerate(
            zip(q.no_aid.bons_reflexes, q.no_aid.reflex_sources, strict=True), 1):
        yield f"no_aid.bons_reflexes[{i}]", reflex, source, None


ITEMS = list(printed_items(Q))


# --- (a) the loader refuses a printed text without its source --------------------------------

def drop_line(text: str, anchor: str, line_start: str) -> str:
    """``text`` without the first line starting with ``line_start`` after ``anchor``."""
    start = text.index(anchor)
    found = re.compile("^" + re.escape(line_start) + ".*\n", re.M).search(text, start)
    assert found is not None, (anchor, line_start)
    return text[:found.start()] + text[found.end():]


MISSING = [
    ('code = "urssaf"', "phone = {",
     r"organismes\[1\] \(urssaf\)\.contact_sources\.phone: missing"),
    ('code = "service_social"', "phone_note = {",
     r"organismes\[3\] \(service_social\)\.contact_sources\.phone_note: missing"),
    ('code = "assurance_maladie"', "hours = {",
     r"organismes\[2\] \(assurance_maladie\)\.contact_sources\.hours: missing"),
    ('code = "caf"', "website = {", r"organismes\[4\] \(caf\)\.contact_sources\.website: missing"),
    ('code = "CSS"', "source = {", rf"aids\[{aid_index('CSS')}\] \(CSS\)\.source: missing"),
    ('code = "ACED"', "next_step_source = {",
     r"aids\[3\] \(ACED\)\.next_step_source: missing"),
    ('id = "aide_repit"', "source = {",
     rf"facts\[{fact_index('aide_repit')}\] \(aide_repit\)\.source: missing"),
    ("[no_aid]", "source = {", r"no_aid\.source: missing"),
    ("[[no_aid.bons_reflexes]]", "source = {", r"no_aid\.bons_reflexes\[1\]\.source: missing"),
]


@pytest.mark.parametrize(("anchor", "line", "message"), MISSING,
                         ids=["phone", "phone_note", "hours", "website", "aid", "next_step",
                              "fact", "no_aid", "bon_reflexe"])
def test_a_printed_text_without_source_is_refused(anchor: str, line: str, message: str) -> None:
    data = tomllib.loads(drop_line(TEXT, anchor, line))
    with pytest.raises(QuestionnaireError, match=message):
        parse_questionnaire(data)


def mutate(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    change(data)
    return data


def aid(data: dict[str, Any], code: str) -> dict[str, Any]:
    return next(a for a in data["aids"] if a["code"] == code)


def fact(data: dict[str, Any], fact_id: str) -> dict[str, Any]:
    return next(f for f in data["facts"] if f["id"] == fact_id)


def org(data: dict[str, Any], code: str) -> dict[str, Any]:
    return next(o for o in data["organismes"] if o["code"] == code)


def set_source(where: Callable[[dict[str, Any]], dict[str, Any]], key: str,
               value: object) -> Callable[[dict[str, Any]], object]:
    return lambda d: where(d).__setitem__(key, value)


def ACED(d: dict[str, Any]) -> dict[str, Any]:
    return aid(d, "ACED")



URL = {"url": "https://www.urssaf.fr/accueil.html", "read": "2026-12-04", "passage": "Help"}
SOURCE_ERRORS = [
    (set_source(ACED, "source", "seed 001"), r"ACED\)\.source: expected \{seed, passage\}"),
    (set_source(ACED, "source", {"seed": "001", "passage": "x", "page": 3}),
     r"ACED\)\.source: unknown key 'page'"),
    (set_source(ACED, "source", {"seed": "001", "passage": "  "}),
     r"ACED\)\.source\.passage: expected a non-empty verbatim excerpt"),
    (set_source(ACED, "source", {"seed": "001"}), r"ACED\)\.source\.passage: expected"),
    (set_source(ACED, "source", {"seed": "001", "passage": "ACED […]"}),
     r"ACED\)\.source\.passage: an elision"),
    (set_source(ACED, "source", {"passage": "ACED"}), r"ACED\)\.source: give either a seed"),
    (set_source(ACED, "source", {**URL, "seed": "001"}), r"give either a seed or an url"),
    (set_source(ACED, "source", {"seed": "1", "passage": "ACED"}),
     r"aids\[3\] \(ACED\)\.source\.seed: '1' is not a seed id \(three digits"),
    (set_source(ACED, "source", {"seed": 1, "passage": "ACED"}), r"'1' is not a seed id"),
    (set_source(ACED, "source", {"seed": "009", "passage": "ACED"}),
     r"ACED\)\.source\.seed: unknown seed '009'; expected one of 000, 001"),
    (set_source(ACED, "source", {"seed": "001", "passage": "ACED", "read": "2026-12-04"}),
     r"ACED\)\.source\.read: only an url source"),
    (set_source(ACED, "next_step_source", {"url": "www.urssaf.fr", "passage": "x"}),
     r"ACED\)\.next_step_source\.url: expected an http\(s\) address"),
    (set_source(ACED, "next_step_source", {"url": "https://www.urssaf.fr", "passage": "x"}),
     r"ACED\)\.next_step_source\.read: an url source needs the date it was read"),
    (set_source(ACED, "next_step_source", {**URL, "read": "hier"}),
     r"ACED\)\.next_step_source\.read: 'hier' is not a date"),
]


@pytest.mark.parametrize(("change", "message"), SOURCE_ERRORS)
def test_a_wrong_source_is_refused(change: Callable[[dict[str, Any]], object],
                                   message: str) -> None:
    with pytest.raises(QuestionnaireError, match=message):
        parse_questionnaire(mutate(change))


def test_an_url_source_cites_its_reading_date() -> None:
    data = mutate(set_source(ACED, "next_step_source", {**URL, "read": date(2026, 12, 4)}))
    source = parse_questionnaire(data).aid("ACED").next_step_source
    assert (source.url, source.read, source.seed) == (URL["url"], "2026-12-04", None)
    assert source.cite() == "https://www.urssaf.fr/accueil.html, lu le 2026-12-04\u00a0: " \
                            "«\u00a0Help\u00a0»"
    # An url source has no seed year to compare a fact's year with.
    data = mutate(set_source(lambda d: fact(d, "aide_repit"), "source", URL))
    assert parse_questionnaire(data).fact("aide_repit").as_of == 2021


def test_a_seed_source_cites_its_brochure() -> None:
    source = Q.fact("css").source
    assert source.seed == "004" and source.read is None and source.url is None
    assert str(source) == source.cite()
    assert source.cite().startswith("Assurance Maladie, Guide partenaires Travailleurs "
                                    "indépendants (seed 004)\u00a0: «\u00a0Selon les ressources")
    assert Q.fact("maternite").source.excerpts[0] == ("une durée minimale du congé maternité "
                                                      "de 8 semaines (soit 56 jours)")
    assert Q.seed("002").year == 2021 and Q.seed("004").year is None
    with pytest.raises(KeyError):
        Q.seed("999")


def drop(table_of: Callable[[dict[str, Any]], dict[str, Any]],
         key: str) -> Callable[[dict[str, Any]], object]:
    return lambda d: table_of(d).pop(key)


def RETRAITE(d: dict[str, Any]) -> dict[str, Any]:
    return org(d, "assurance_retraite")


def CAF(d: dict[str, Any]) -> dict[str, Any]:
    return org(d, "caf")



LOADER_ERRORS = [
    # seeds
    (lambda d: d.pop("seeds"), r"seeds: expected a table of the brochures"),
    (lambda d: d["seeds"].__setitem__("4", {"file": "4_x.txt", "title": "x"}),
     r"seeds\.4: '4' is not a seed id"),
    (lambda d: d["seeds"].__setitem__("005", "guide"), r"seeds\.005: expected \{file, title\}"),
    (lambda d: d["seeds"]["004"].__setitem__("file", "guide.txt"),
     r"seeds\.004\.file: 'guide\.txt' is not a seed file name"),
    (lambda d: d["seeds"]["004"].__setitem__("year", "2024"), r"seeds\.004\.year: expected a"),
    (lambda d: d["seeds"]["004"].__setitem__("title", ""), r"seeds\.004\.title: expected a"),
    # contacts
    (lambda d: CAF(d).__setitem__("website", ""),
     r"organismes\[4\] \(caf\): give a phone or a website"),
    (lambda d: CAF(d).__setitem__("phone_note", "service gratuit"),
     r"organismes\[4\] \(caf\)\.phone_note: a note without a phone"),
    (lambda d: CAF(d).__setitem__("contact_sources", "seed 002"),
     r"\(caf\)\.contact_sources: expected a table"),
    (lambda d: CAF(d)["contact_sources"].__setitem__("email", URL),
     r"\(caf\)\.contact_sources\.email: not a contact field"),
    (lambda d: CAF(d)["contact_sources"].__setitem__("hours", URL),
     r"\(caf\)\.contact_sources\.hours: the hours is empty \(not printed\): remove its source"),
    (lambda d: RETRAITE(d).__setitem__("phone_note", "appel à 0,06 € la minute"),
     r"\(assurance_retraite\)\.phone_note: prints an amount \(06 €\)"),
    # amounts only in facts that give their year
    (lambda d: aid(d, "CSS").__setitem__("explanation", "Au plus 1 € par jour."),
     r"aids\[\d+\] \(CSS\)\.explanation: prints an amount \(1 €\); amounts go in a fact"),
    (lambda d: aid(d, "ACED").__setitem__("next_step", "Jusqu’à 2 000 euros."),
     r"ACED\)\.next_step: prints an amount"),
    (lambda d: d["no_aid"].__setitem__("text", "Aide de 100 €."),
     r"no_aid\.text: prints an amount"),
    (lambda d: d["no_aid"]["bons_reflexes"][0].__setitem__("text", "Un réflexe à 5 €."),
     r"no_aid\.bons_reflexes\[1\]\.text: prints an amount"),
    (lambda d: fact(d, "afe_invalides").pop("as_of"),
     rf"facts\[{fact_index('afe_invalides')}\] \(afe_invalides\)\.as_of: the text prints an "
     r"amount \(2.000.€\): give the year of its source"),
    (lambda d: fact(d, "afe_invalides").__setitem__(
        "text", "Aide financière exceptionnelle aux invalides : plafond de 2 000 €."),
     r"\(afe_invalides\)\.text: prints an amount: say the year of its figures \(2021\)"),
    (lambda d: fact(d, "afe_invalides").__setitem__("as_of", "2021"),
     r"\(afe_invalides\)\.as_of: expected the year"),
    (lambda d: fact(d, "afe_invalides").__setitem__("as_of", 2020),
     r"\(afe_invalides\)\.as_of: 2020, but seed 002 is of 2021"),
    # the no-aid block
    (lambda d: d.__setitem__("no_aid", "rien"), r"no_aid: expected a table"),
    (lambda d: d["no_aid"].__setitem__("bons_reflexes", ["Mettre à jour sa carte Vitale."]),
     r"no_aid\.bons_reflexes: expected a non-empty array of \{text, source\}"),
    (lambda d: d["no_aid"]["bons_reflexes"][1].__setitem__("text", ""),
     r"no_aid\.bons_reflexes\[2\]\.text: expected a non-empty text"),
]


@pytest.mark.parametrize(("change", "message"), LOADER_ERRORS)
def test_load_errors_name_their_place(change: Callable[[dict[str, Any]], object],
                                      message: str) -> None:
    with pytest.raises(QuestionnaireError, match=message):
        parse_questionnaire(mutate(change))


# --- (b) every passage is in its brochure; (c) every number printed is in its passage --------

def normal(text: str) -> str:
    """Whitespace, no-break spaces, apostrophes and the markdown emphasis of the seeds aside."""
    text = text.replace("**", "").replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"the brochures are not beside the checkout ({SEEDS_DIR} is absent)")
    return {seed.id: normal((SEEDS_DIR / seed.file).read_text(encoding="utf-8"))
            for seed in Q.seeds}


@pytest.mark.parametrize(("place", "text", "source", "as_of"), ITEMS,
                         ids=[item[0] for item in ITEMS])
def test_every_passage_is_in_its_brochure(seeds: dict[str, str], place: str, text: str,
                                          source: Source, as_of: int | None) -> None:
    assert source.seed is not None, f"{place}: no network here, every source is a seed"
    brochure, position = seeds[source.seed], 0
    for excerpt in source.excerpts:  # in their order in the brochure
        found = brochure.find(normal(excerpt), position)
        assert found >= 0, f"{place}: not in seed {source.seed}: « {excerpt} »"
        position = found + len(normal(excerpt))


NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*")


def numbers(text: str) -> set[str]:
    """« 2 000 € », « 8 h 30 » → {"2000"}, {"8", "30"}."""
    return {re.sub(r"\D", "", n) for n in NUMBER.findall(text)}


@pytest.mark.parametrize(("place", "text", "source", "as_of"), ITEMS,
                         ids=[item[0] for item in ITEMS])
def test_every_number_printed_is_in_its_passage(place: str, text: str, source: Source,
                                                as_of: int | None) -> None:
    year = {str(as_of)} if as_of is not None else set()  # the source's year, not its text
    missing = numbers(text) - numbers(normal(source.passage)) - year
    assert not missing, f"{place}: {sorted(missing)} printed but not in its source passage"


def test_the_numbers_are_read_as_printed() -> None:
    assert numbers("plafond de 2\u202f000\u00a0€, de 8\u00a0h 30 à 12\u00a0h") == {
        "2000", "8", "30", "12"}


# --- facts where they belong, amounts with their year -----------------------------------------

def test_facts_sit_under_the_aids_they_are_about() -> None:
    under = {f.id: {a.code for a in Q.aids if f.id in a.facts} for f in Q.facts}
    assert under["cass_anonyme"] == CPSTI_AIDS  # not under DELAIS_PAIEMENT
    assert under["css"] == {"CSS"}
    assert under["afe_invalides"] == {"AFE_INVALIDES"}
    assert under["aide_repit"] == {"AIDE_REPIT"}
    assert under["capital_deces"] == {"CAPITAL_DECES"}
    assert under["maternite"] == under["paternite"] == {"MATERNITE_PATERNITE"}
    assert {"ij_carence", "ij_professions_liberales", "avat"} <= set(
        Q.aid("IJ_MALADIE").facts)
    assert {"maintien_activite", "consultations_medico_professionnelles"} <= set(
        Q.aid("MAINTIEN_ACTIVITE").facts)
    assert "consultations_medico_professionnelles" in Q.aid("PREVENTION_DESINSERTION").facts
    assert {"cent_pour_cent_sante", "examen_prevention"} <= set(
        Q.aid("MISSION_ACCOMPAGNEMENT_SANTE").facts)
    assert under["france_services"] == {"INFO_RETRAITE", "REVERSION"}
    assert "+33\u00a09\u00a071\u00a010\u00a039\u00a060" in Q.organisme(
        "assurance_retraite").phone_note
    # Every fact is printed: under an aid, or by its id on every summary.
    assert {f for f, aids in under.items() if not aids} == {
        "help_delai", "accueils_communs", "sous_conditions"}


def test_only_facts_print_amounts_and_with_their_year() -> None:
    for place, text, source, as_of in ITEMS:
        if AMOUNT.search(text):
            assert place.startswith("facts."), place
            if as_of is None:
                # An undated brochure: the reader is sent to the organisme for the amount.
                assert source.seed is not None and Q.seed(source.seed).year is None, place
                assert UNDATED in text, place
            else:
                assert str(as_of) in text, place
    assert Q.fact("afe_invalides").as_of == 2021 and "2\u202f000\u00a0€" in Q.fact(
        "afe_invalides").text


def test_an_undated_amount_sends_the_reader_to_the_organisme() -> None:
    assert Q.fact("css").as_of is None and UNDATED in Q.fact("css").printed_text()
    data = copy.deepcopy(RAW)
    css = next(f for f in data["facts"] if f["id"] == "css")
    css["text"] = css["text"].replace(UNDATED, "montant 2024")
    with pytest.raises(QuestionnaireError, match=r"\(css\)\.text: prints an amount from an "
                                                 "undated source"):
        parse_questionnaire(data)
    css["as_of"] = 2024
    with pytest.raises(QuestionnaireError, match=r"\(css\)\.as_of: seed 004 gives no year"):
        parse_questionnaire(data)


def test_contacts_no_source_gives_are_not_printed() -> None:
    caf = Q.organisme("caf")
    assert (caf.phone, caf.phone_note, caf.hours) == ("", "", "")
    assert set(caf.sources) == {"website"}
    assert not Q.organisme("urssaf").hours and not Q.organisme("assurance_retraite").hours
    assert Q.organisme("assurance_maladie").hours == "du lundi au vendredi, de 8\u00a0h 30 à " \
                                                     "17\u00a0h 30"


def test_the_printed_text_gives_the_year_of_its_figures() -> None:
    source = Q.fact("css").source
    assert Fact("f", "Au plus 1 € par jour.", source, 2024).printed_text() == (
        "Au plus 1 € par jour. (montant 2024)")
    assert Fact("f", "Au plus 1 € par jour en 2024.", source, 2024).printed_text() == (
        "Au plus 1 € par jour en 2024.")
    assert Fact("f", "Sans montant.", source).printed_text() == "Sans montant."


# --- (d) docs/sources.md is current -------------------------------------------------------------

def sources_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sources_script", ROOT / "scripts" /
                                                  "sources.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sources_page_is_current() -> None:
    script = sources_script()
    page = script.render(Q)
    assert (ROOT / "docs" / "sources.md").read_text(encoding="utf-8") == page, (
        "run .venv/bin/python scripts/sources.py")
    assert script.main(["--check"]) == 0
    assert page == script.render(load_questionnaire())  # deterministic
    for _, text, source, _ in ITEMS:
        assert text in page and source.passage in page


def test_the_sources_check_fails_on_a_stale_page(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    script = sources_script()
    stale = tmp_path / "docs" / "sources.md"
    monkeypatch.setattr(script, "OUTPUT", stale)
    monkeypatch.setattr(script, "ROOT", tmp_path)
    assert script.main(["--check"]) == 1  # absent
    assert script.main([]) == 0 and stale.read_text(encoding="utf-8") == script.render(Q)
    assert script.main(["--check"]) == 0
    stale.write_text("old", encoding="utf-8")
    assert script.main(["--check"]) == 1
