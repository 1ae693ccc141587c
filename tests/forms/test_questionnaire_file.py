"""The questionnaire file loads, matches the spec's codes, and every mistake in it is a load error
that says where it is."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest

from app.forms.questionnaire import (
    QUESTIONNAIRES_DIR,
    QuestionnaireError,
    available_versions,
    load_questionnaire,
    load_questionnaire_file,
    parse_questionnaire,
)
from tests.spec_oracle import ANSWERS, ORGANISMES

RAW = tomllib.loads((QUESTIONNAIRES_DIR / "help-v1.toml").read_text(encoding="utf-8"))


def test_codes_are_the_spec_contract() -> None:
    q = load_questionnaire("help-v1")
    assert q.version == "help-v1"
    assert {question.id: list(question.codes) for question in q.questions} == ANSWERS
    assert [o.code for o in q.organismes] == ORGANISMES
    assert len(q.aids) == 28 and len({a.code for a in q.aids}) == 28
    assert q.nsp.code == "nsp"
    assert q.answer_label("Q01", "nsp") == q.nsp.label
    assert q.answer_label("Q05", "arret_long").startswith("Arrêt de plus de 3")
    assert q.aid("CSS").organisme == "assurance_maladie"
    assert q.organisme("service_social").phone == "3646"
    assert q.fact("help_delai").source.seed == "003"
    assert "(seed 003)" in str(q.fact("help_delai").source)
    assert q.profile_field("foyer").minimum == 1
    assert "help-v1" in available_versions()
    assert len(q.no_aid.bons_reflexes) == 5


def test_every_printed_text_uses_french_typography() -> None:
    q = load_questionnaire()
    texts = [question.text for question in q.questions] + [a.title for a in q.aids]
    for text in texts:
        assert "'" not in text, text  # typographic apostrophe (’), not the typewriter one
        assert " ?" not in text and " :" not in text, text  # no-break space before ? and :


@pytest.mark.parametrize("lookup", ["question", "organisme", "aid", "fact", "profile_field"])
def test_unknown_lookups_raise_key_error(lookup: str) -> None:
    with pytest.raises(KeyError):
        getattr(load_questionnaire(), lookup)("nope")
    with pytest.raises(KeyError):
        load_questionnaire().question("Q01").label("nope")


def test_unknown_version() -> None:
    with pytest.raises(QuestionnaireError, match="unknown questionnaire version.*help-v1"):
        load_questionnaire("help-v9")


def mutate(change) -> dict:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(RAW)
    change(data)
    return data


def aid(data: dict, code: str) -> dict:
    return next(a for a in data["aids"] if a["code"] == code)


CASES = [
    (lambda d: aid(d, "ACED").__setitem__("rule", ["eq", "Q13", "dette"]),
     r"aids\[3\] \(ACED\)\.rule\[1\]: unknown question or profile field 'Q13'"),
    (lambda d: aid(d, "CSS").__setitem__("rule", ["in", "Q06", ["oui", "peut_etre"]]),
     r"aids\[8\] \(CSS\)\.rule\[2\]\[2\]: 'peut_etre' is not a value of 'Q06'"),
    (lambda d: aid(d, "ADR").__setitem__("rule", ["in", "statut", ["boulanger"]]),
     r"'boulanger' is not a value of 'statut'"),
    (lambda d: aid(d, "ACED").__setitem__("rule", ["all", ["gte", "anciennete", 12]]),
     r"ACED\)\.rule\[1\]\[1\]: unknown question or profile field 'anciennete'"),
    (lambda d: aid(d, "ACED").__setitem__("rule", ["gte", "Q01", 12]),
     r"compares numbers; 'Q01' is not a number"),
    (lambda d: aid(d, "ACED").__setitem__("rule", ["gte", "anciennete_mois", "12"]),
     r"needs a whole number"),
    (lambda d: aid(d, "ACED").__setitem__("rule", ["gte", "anciennete_mois", True]),
     r"needs a whole number"),
    (lambda d: aid(d, "ACED").__setitem__("rule", ["eq", "anciennete_mois", 12]),
     r"is a number: compare it with"),
    (lambda d: aid(d, "ACED").__setitem__("rule", ["eq", "activite_principale", "oui"]),
     r"'activite_principale' is true or false"),
    (lambda d: aid(d, "ACED").__setitem__("rule", ["in", "activite_principale", [True]]),
     r"'in' applies to answer codes"),
    (lambda d: aid(d, "ACED").__setitem__("rule", ["in", "Q01", []]),
     r"'in' takes a non-empty array"),
    (lambda d: aid(d, "ACED").__setitem__("rule", ["xor", ["eq", "Q01", "dette"]]),
     r"unknown operator 'xor'"),
    (lambda d: aid(d, "ACED").__setitem__("rule", ["all"]), r"'all' needs at least one"),
    (lambda d: aid(d, "ACED").__setitem__("rule", ["not"]), r"'not' takes exactly one"),
    (lambda d: aid(d, "ACED").__setitem__("rule", ["eq", "Q01"]), r"takes a fact name and a"),
    (lambda d: aid(d, "ACED").__setitem__("rule", "Q01 = dette"), r"an array starting with"),
    (lambda d: aid(d, "ACED").__setitem__("organisme", "pole_emploi"),
     r"unknown organisme 'pole_emploi'"),
    (lambda d: aid(d, "ACED").__setitem__("facts", ["inconnu"]), r"unknown fact 'inconnu'"),
    (lambda d: aid(d, "ACED").__setitem__("facts", "cass_anonyme"), r"an array of fact ids"),
    (lambda d: aid(d, "ACED").__setitem__("title", ""), r"ACED\)\.title: expected a non-empty"),
    (lambda d: d["aids"].append(copy.deepcopy(d["aids"][0])), r"'DELAIS_PAIEMENT' appears twice"),
    (lambda d: d["questions"][0]["answers"].append({"code": "non", "label": "Non"}),
     r"questions\[1\]\.answers: 'non' appears twice"),
    (lambda d: d["questions"][0]["answers"].append({"code": "nsp", "label": "?"}),
     r"'nsp' is implicit"),
    (lambda d: d["questions"][0]["answers"].append("oui"), r"expected \{code, label\}"),
    (lambda d: d["questions"][0].__setitem__("answers", []), r"non-empty array of \{code"),
    (lambda d: d["questions"][1].__setitem__("id", "Q01"), r"'Q01' appears twice"),
    (lambda d: d["questions"][1].__setitem__("id", "statut"), r"'statut' appears twice"),
    (lambda d: d.__setitem__("questions", []), r"questions: expected a non-empty array"),
    (lambda d: d["profile"][0].__setitem__("kind", "float"), r"'float' is not a kind"),
    (lambda d: d["profile"][3].__setitem__("minimum", "1"), r"minimum: expected a whole number"),
    (lambda d: d["derived"][0].__setitem__("from", "statut"), r"not a date field"),
    (lambda d: d["derived"][0].__setitem__("unit", "weeks"), r"'weeks' is not a unit"),
    (lambda d: d["urgent"].__setitem__("rule", ["eq", "Q04", "jamais"]),
     r"urgent\.rule\[2\]: 'jamais' is not a value of 'Q04'"),
    (lambda d: d.__setitem__("urgent", []), r"urgent: expected a table"),
    (lambda d: d.__setitem__("nsp", "nsp"), r"nsp: expected"),
    (lambda d: d.__setitem__("no_aid", "rien"), r"no_aid: expected a table"),
    (lambda d: d["no_aid"].__setitem__("bons_reflexes", []), r"bons_reflexes: expected"),
    (lambda d: d["facts"].append(copy.deepcopy(d["facts"][0])), r"'help_delai' appears twice"),
    (lambda d: d["organismes"][0].__setitem__("phone", None),
     r"organismes\[1\] \(urssaf\)\.phone: expected a text \(may be empty\)"),
    (lambda d: d["organismes"][0].__setitem__("name", ""),
     r"organismes\[1\]\.name: expected a non-empty text"),
]


@pytest.mark.parametrize(("change", "message"), CASES)
def test_load_errors_name_their_location(change, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QuestionnaireError, match=message):
        parse_questionnaire(mutate(change))


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "help-v2.toml"
    broken.write_text("version = [", encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=r"help-v2\.toml: not valid TOML"):
        load_questionnaire_file(broken)
    text = (QUESTIONNAIRES_DIR / "help-v1.toml").read_text(encoding="utf-8")
    broken.write_text(text.replace('["eq", "Q12", "psy"]', '["eq", "Q12", "psi"]'),
                      encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=r"help-v2\.toml: .*'psi' is not a value"):
        load_questionnaire_file(broken)


def test_a_file_declaring_another_version_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    import app.forms.questionnaire as module

    text = (QUESTIONNAIRES_DIR / "help-v1.toml").read_text(encoding="utf-8")
    (tmp_path / "help-v2.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(module, "QUESTIONNAIRES_DIR", tmp_path)
    module.load_questionnaire.cache_clear()
    try:
        with pytest.raises(QuestionnaireError, match="declares version 'help-v1'"):
            module.load_questionnaire("help-v2")
    finally:
        module.load_questionnaire.cache_clear()
