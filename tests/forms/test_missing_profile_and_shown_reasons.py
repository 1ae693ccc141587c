"""Aids hanging on an empty profile field are named; only positively asked reasons are shown."""

from __future__ import annotations

from datetime import date

import pytest

from app.forms.conditions import All, Any, Compare, Eq, In, Ne, Not, shown_reasons
from app.forms.evaluation import (
    aid_reasons_shown,
    blocked_aids,
    evaluate,
    missing_profile_facts,
    parse_situation,
)
from app.forms.questionnaire import load_questionnaire
from tests.spec_oracle import ANSWERS

Q = load_questionnaire()
REF = date(2026, 11, 22)
FULL_PROFILE = {"statut": "artisan", "date_naissance": "1970-06-15",
                "debut_activite": "2010-01-01", "foyer": 1, "activite_principale": True,
                "departement": "35"}


def situation(profile: dict, **answers: str):
    raw_answers = {q: codes[0] for q, codes in ANSWERS.items()}
    raw_answers.update(answers)
    return parse_situation(Q, {"date": REF.isoformat(), "profile": profile,
                               "answers": raw_answers}, today=REF)


def without(*names: str) -> dict:
    return {k: v for k, v in FULL_PROFILE.items() if k not in names}


def test_missing_start_of_activity_blocks_aced_and_afe() -> None:
    s = situation(without("debut_activite"), Q01="dette", Q04="non")
    blocked = blocked_aids(Q, s)
    assert [(b.code, b.missing) for b in blocked] == [
        ("ACED", ("debut_activite",)), ("AFE_CPSTI", ("debut_activite",))]
    assert blocked[0].organisme == "urssaf"
    assert blocked[0].title == Q.aid("ACED").title
    orientation = evaluate(Q, s)
    assert orientation.blocked == blocked
    assert "ACED" not in [a.code for a in orientation.aids]
    assert "blocked" not in orientation.to_json()


def test_missing_main_activity_blocks_the_emergency_aid_too() -> None:
    s = situation(without("activite_principale", "debut_activite"), Q01="dette",
                  Q03="catastrophe", Q04="non")
    blocked = {b.code: b.missing for b in blocked_aids(Q, s)}
    assert blocked == {"ACED": ("debut_activite", "activite_principale"),
                       "AFE_CPSTI": ("debut_activite", "activite_principale"),
                       "AIDE_URGENCE": ("activite_principale",)}


def test_nothing_is_blocked_when_the_answers_do_not_call_for_the_aid() -> None:
    assert blocked_aids(Q, situation(without("debut_activite", "activite_principale"))) == ()


def test_nothing_is_blocked_when_the_profile_already_decides() -> None:
    # Not main activity: ACED fails whatever the start of activity.
    profile = without("debut_activite") | {"activite_principale": False}
    assert blocked_aids(Q, situation(profile, Q01="dette")) == ()
    # A full profile blocks nothing.
    assert blocked_aids(Q, situation(FULL_PROFILE, Q01="dette", Q03="catastrophe")) == ()


def test_age_missing_does_not_block_when_cumul_already_opens_bien_vieillir() -> None:
    s = situation(without("date_naissance"), Q10="adaptation", Q11="cumul")
    assert "BIEN_VIEILLIR" in [a.code for a in evaluate(Q, s).aids]
    assert blocked_aids(Q, s) == ()
    s = situation(without("date_naissance"), Q10="adaptation")
    assert [(b.code, b.missing) for b in blocked_aids(Q, s)] == [
        ("BIEN_VIEILLIR", ("date_naissance",))]


def test_missing_profile_facts_name_their_field() -> None:
    s = situation(without("debut_activite", "statut"))
    assert missing_profile_facts(Q, s) == {"statut": "statut", "debut_activite": "debut_activite",
                                           "anciennete_mois": "debut_activite"}


def test_maybe_is_kleene_logic() -> None:
    unknown = frozenset({"x"})
    facts = {"a": "1"}
    known_true, known_false, open_ = Eq("a", "1"), Eq("a", "2"), Eq("x", "1")
    assert known_true.maybe(facts, unknown) is True
    assert open_.maybe(facts, unknown) is None
    assert Ne("x", "1").maybe(facts, unknown) is None
    assert In("x", frozenset({"1"})).maybe(facts, unknown) is None
    assert Compare("gte", "x", 1).maybe(facts, unknown) is None
    assert Not(open_).maybe(facts, unknown) is None
    assert Not(known_true).maybe(facts, unknown) is False
    assert All((known_true, open_)).maybe(facts, unknown) is None
    assert All((known_false, open_)).maybe(facts, unknown) is False
    assert All((known_true,)).maybe(facts, unknown) is True
    assert Any((known_true, open_)).maybe(facts, unknown) is True
    assert Any((known_false, open_)).maybe(facts, unknown) is None
    assert Any((known_false,)).maybe(facts, unknown) is False


@pytest.mark.parametrize(("condition", "reason", "shown"), [
    (Eq("Q03", "catastrophe"), "Q03=catastrophe", True),
    (Eq("activite_principale", True), "activite_principale=true", True),
    (Eq("Q03", "catastrophe"), "Q02=catastrophe", False),
    (In("Q01", frozenset({"dette"})), "Q01=dette", True),
    (In("Q01", frozenset({"dette"})), "Q01=non", False),
    (Compare("gte", "anciennete_mois", 12), "anciennete_mois=200", True),
    (Compare("gte", "anciennete_mois", 12), "anciennete_mois=3", False),
    (Compare("gte", "anciennete_mois", 12), "age_ans=70", False),
    (Compare("gte", "anciennete_mois", 12), "anciennete_mois=abc", False),
    (Ne("Q11", "cumul"), "Q11=non", False),
    (Not(Eq("Q11", "cumul")), "Q11=non", False),
    (All((Eq("Q03", "catastrophe"), Ne("Q11", "cumul"))), "Q11=non", False),
    (Any((Eq("Q07", "modestes"), Ne("Q02", "cessation"))), "Q07=modestes", True),
])
def test_affirms(condition, reason: str, shown: bool) -> None:
    assert shown_reasons(condition, [reason]) == ((reason,) if shown else ())


def test_emergency_aid_never_shows_retraite_non() -> None:
    orientation = evaluate(Q, situation(FULL_PROFILE, Q03="catastrophe"))
    aid = next(a for a in orientation.aids if a.code == "AIDE_URGENCE")
    assert "Q11=non" in aid.reasons  # the evaluation keeps it (the rule needed it)
    assert aid_reasons_shown(Q, aid.code, aid.reasons) == ("Q03=catastrophe",
                                                           "activite_principale=true")


def test_prime_activite_does_not_show_the_turnover_answer() -> None:
    orientation = evaluate(Q, situation(FULL_PROFILE, Q07="tres_faibles", Q02="moderee"))
    aid = next(a for a in orientation.aids if a.code == "PRIME_ACTIVITE")
    assert aid_reasons_shown(Q, aid.code, aid.reasons) == ("Q07=tres_faibles",)


def test_unknown_aid_keeps_its_reasons() -> None:
    assert aid_reasons_shown(Q, "NO_SUCH_AID", ("Q01=dette",)) == ("Q01=dette",)


def test_every_question_has_its_own_short_label() -> None:
    themes = [q.theme for q in Q.questions]
    assert len(set(themes)) == len(themes), themes
    assert Q.question("Q02").theme != Q.question("Q03").theme


@pytest.mark.parametrize("answer", range(4))
def test_with_every_profile_field_every_rule_is_decided(answer: int) -> None:
    """The ground of blocked_aids' shortcut: with no profile field empty, no fact is unknown,
    so each rule holds or fails (none can be blocked), whatever the answers."""
    from app.forms.evaluation import situation_facts

    raw = {q: codes[answer % len(codes)] for q, codes in ANSWERS.items()}
    s = parse_situation(Q, {"date": REF.isoformat(), "profile": FULL_PROFILE,
                            "answers": raw}, today=REF)
    assert missing_profile_facts(Q, s) == {}
    facts = situation_facts(Q, s)
    assert all(aid.rule.maybe(facts, frozenset()) is not None for aid in Q.aids)
    assert blocked_aids(Q, s) == () == evaluate(Q, s).blocked
    empty = situation(without("debut_activite"), Q01="dette", Q04="non")
    assert blocked_aids(Q, empty, situation_facts(Q, empty)) == blocked_aids(Q, empty) \
        == evaluate(Q, empty).blocked != ()
