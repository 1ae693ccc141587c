"""app.forms.disclosure.disclosure: what one organisme sees of one dossier, shaped once for the
orientation letter and the partner view from the policy's parts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from app.forms.disclosure import (
    NOTHING,
    answers_seen,
    disclosure,
    field_policy,
    reasons_seen,
    urgent_reasons_seen,
)
from app.forms.evaluation import AidResult, evaluate, parse_situation
from app.forms.questionnaire import load_questionnaire
from tests.forms.test_rules import REF, situations
from tests.profiles import examples

Q = load_questionnaire()
ACED = AidResult("ACED", "urssaf", "ACED", ("Q01=dette", "Q04=tendue", "anciennete_mois=30"))
RSA = AidResult("RSA", "caf", "RSA", ("Q07=tres_faibles",))


def never() -> tuple[str, ...]:
    raise AssertionError("the urgency reasons were asked for")


def test_an_unknown_questionnaire_lets_nothing_out() -> None:
    shown = disclosure(None, "urssaf", [ACED, RSA], never)
    assert shown == (NOTHING, {}, (), ((),))


def test_only_the_organismes_own_aids_in_their_order() -> None:
    shown = disclosure(Q, "urssaf", [RSA, ACED], lambda: ("Q04=tendue", "Q12=psy"))
    assert shown.fields == field_policy(Q, "urssaf")
    assert shown.answers == {"Q01": "dette", "Q04": "tendue"}
    assert shown.urgent_reasons == ("Q04=tendue",)
    assert shown.aid_reasons == (("Q01=dette", "Q04=tendue", "anciennete_mois=30"),)


def test_the_urgency_reasons_are_not_asked_for_when_no_answer_is_seen() -> None:
    shown = disclosure(Q, "service_social", [ACED, RSA], never)
    assert shown == (field_policy(Q, "service_social"), {}, (), ())


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(situations())
def test_it_is_the_policy_parts_put_together(situation: dict) -> None:
    result = evaluate(Q, parse_situation(Q, situation, today=REF))
    for organisme in Q.organismes:
        code = organisme.code
        seen = answers_seen(Q, result.aids, code)
        shown = disclosure(Q, code, result.aids, lambda: result.urgent_reasons)
        assert shown.fields == field_policy(Q, code)
        assert shown.answers == seen
        assert shown.urgent_reasons == urgent_reasons_seen(result.urgent_reasons, seen)
        assert shown.aid_reasons == tuple(reasons_seen(Q, aid, seen) for aid in result.aids
                                          if aid.organisme == code)
