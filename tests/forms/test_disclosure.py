"""The data-minimisation policy: fields per organisme, the answers it sees, urgency reasons."""

from __future__ import annotations

import copy
import tomllib
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from app.forms.disclosure import (
    NOTHING,
    aid_answers,
    answers_seen,
    field_policy,
    reason_answer,
    reasons_seen,
    urgent_reasons_seen,
)
from app.forms.evaluation import AidResult, Situation, evaluate, parse_situation
from app.forms.questionnaire import (
    QUESTIONNAIRES_DIR,
    QuestionnaireError,
    load_questionnaire,
    parse_questionnaire,
)
from tests.forms.test_rules import REF, base, situations
from tests.profiles import examples

Q = load_questionnaire()

# Every answer an organisme can ever see, written from the spec's aid table by hand: the answers
# its own rules ask for positively (« Q02 ≠ cessation » or « Q11 ≠ cumul » are not among them).
SEEABLE: dict[str, dict[str, set[str]]] = {
    "urssaf": {"Q01": {"ponctuelles", "dette"}, "Q02": {"moderee", "forte", "cessation"},
               "Q03": {"externe", "catastrophe"}, "Q04": {"tendue", "non"},
               "Q07": {"modestes", "tres_faibles"}, "Q11": {"oui"}},
    "assurance_maladie": {"Q04": {"tendue", "non"},
                          "Q05": {"oui_sans_arret", "arret", "arret_long", "invalidite"},
                          "Q06": {"sans_complementaire", "renoncement"}, "Q07": {"tres_faibles"},
                          "Q08": {"naissance", "deces_conjoint", "deces_enfant"},
                          "Q09": {"perte_autonomie", "fin_de_vie"}, "Q12": {"psy"}},
    "service_social": {"Q05": {"arret_long", "invalidite"}, "Q07": {"tres_faibles"},
                       "Q12": {"social", "psy"}},
    "caf": {"Q07": {"modestes", "tres_faibles"}, "Q08": {"naissance", "separation",
                                                           "deces_conjoint", "deces_enfant"},
            "Q10": {"impayes"}},
    "assurance_retraite": {"Q03": {"catastrophe"}, "Q08": {"deces_conjoint"},
                           "Q10": {"adaptation"}, "Q11": {"oui", "cumul"}},
}

DENSE = {"Q01": "dette", "Q02": "forte", "Q03": "catastrophe", "Q04": "non", "Q05": "arret_long",
         "Q06": "renoncement", "Q07": "tres_faibles", "Q08": "deces_conjoint",
         "Q09": "perte_autonomie", "Q10": "impayes", "Q11": "oui", "Q12": "psy"}


def orientation(**answers: str) -> Any:
    return evaluate(Q, parse_situation(Q, base(**answers), today=REF))


def test_fields_per_organisme_are_the_declared_policy() -> None:
    urssaf, maladie, social, caf, retraite = (field_policy(Q, o.code) for o in Q.organismes)
    assert urssaf.identity == ("nom", "prenom", "siret", "telephone", "email")
    assert urssaf.profile == ("statut", "debut_activite")
    health = ("nom", "prenom", "nom_naissance", "nir", "date_naissance", "telephone", "adresse",
              "code_postal", "commune")
    assert maladie == social == retraite == (health, ())
    assert caf.identity == ("nom", "prenom", "date_naissance", "telephone", "adresse",
                            "code_postal", "commune")
    assert caf.profile == ("foyer",)
    # Only the Urssaf gets the SIRET and the e-mail, only the Caf the household, never the Caf
    # or the Urssaf the NIR; nobody the département or the main-activity flag as a field.
    for organisme in Q.organismes:
        policy = field_policy(Q, organisme.code)
        assert ("siret" in policy.identity) == ("email" in policy.identity) \
            == (organisme.code == "urssaf")
        assert ("foyer" in policy.profile) == (organisme.code == "caf")
        assert ("nir" in policy.identity) == (organisme.code not in ("urssaf", "caf"))
        assert "departement" not in policy.profile
        assert "activite_principale" not in policy.profile


def test_an_unknown_organisme_sees_nothing() -> None:
    assert field_policy(Q, "pole_emploi") == NOTHING == ((), ())


def test_the_dense_dossier_seen_by_each_organisme() -> None:
    result = evaluate(Q, Situation(DENSE, {"statut": "artisan", "activite_principale": True,
                                           "debut_activite": date(2004, 9, 1),
                                           "date_naissance": date(1963, 5, 14)}, REF))
    seen = {o: answers_seen(Q, result.aids, o) for o in result.organismes}
    assert seen["caf"] == {"Q07": "tres_faibles", "Q08": "deces_conjoint", "Q10": "impayes"}
    assert seen["assurance_retraite"] == {"Q08": "deces_conjoint", "Q11": "oui"}
    assert seen["service_social"] == {"Q05": "arret_long", "Q07": "tres_faibles", "Q12": "psy"}
    assert "Q01" not in seen["assurance_maladie"]  # the contribution debts stay with the Urssaf
    assert list(seen["urssaf"]) == ["Q01", "Q02", "Q03", "Q04", "Q07", "Q11"]  # question order
    urgent = {o: urgent_reasons_seen(result.urgent_reasons, s) for o, s in seen.items()}
    assert urgent == {"urssaf": ("Q04=non", "Q03=catastrophe"), "assurance_maladie": ("Q12=psy",),
                      "service_social": ("Q12=psy",), "caf": ("Q10=impayes",),
                      "assurance_retraite": ()}


def test_the_caf_never_learns_of_distress_nor_the_cpam_of_debts() -> None:
    result = orientation(Q12="psy", Q07="tres_faibles", Q01="dette")
    assert result.urgent and "Q12=psy" in result.urgent_reasons
    caf = answers_seen(Q, result.aids, "caf")
    assert caf == {"Q07": "tres_faibles"}
    assert urgent_reasons_seen(result.urgent_reasons, caf) == ()
    cpam = answers_seen(Q, result.aids, "assurance_maladie")
    assert cpam == {"Q07": "tres_faibles", "Q12": "psy"}
    assert urgent_reasons_seen(result.urgent_reasons, cpam) == ("Q12=psy",)


def test_a_negated_condition_is_not_an_answer_seen() -> None:
    # PRIME_ACTIVITE holds through « Q07 = tres_faibles and Q02 ≠ cessation »: the Caf does not
    # learn the turnover answer; AIDE_URGENCE (« Q11 ≠ cumul ») tells the Urssaf nothing of
    # retirement.
    result = orientation(Q07="tres_faibles", Q02="forte", Q03="catastrophe")
    assert "Q02=forte" in next(a for a in result.aids if a.code == "PRIME_ACTIVITE").reasons
    assert "Q02" not in answers_seen(Q, result.aids, "caf")
    assert "Q11" not in answers_seen(Q, result.aids, "urssaf")
    assert answers_seen(Q, result.aids, "urssaf")["Q03"] == "catastrophe"


def test_aids_of_other_organismes_and_profile_facts_are_not_answers() -> None:
    aids = [AidResult("ACED", "urssaf", "ACED", ("Q01=dette", "anciennete_mois=30",
                                               "activite_principale=true")),
            AidResult("RSA", "caf", "RSA", ("Q07=tres_faibles",))]
    assert answers_seen(Q, aids, "urssaf") == {"Q01": "dette"}
    assert answers_seen(Q, aids, "service_social") == {}
    assert aid_answers(Q, "ACED", aids[0].reasons) == {"Q01": "dette"}


def test_reason_answer_reads_only_real_answers() -> None:
    assert reason_answer(Q, "Q01=dette") == ("Q01", "dette")
    assert reason_answer(Q, "Q01=nsp") is None
    assert reason_answer(Q, "Q01=inconnu") is None
    assert reason_answer(Q, "anciennete_mois=30") is None


def test_reasons_seen_keeps_profile_facts_and_drops_what_is_not_seen() -> None:
    aid = AidResult("ACED", "urssaf", "ACED", ("Q01=dette", "Q04=tendue", "anciennete_mois=30"))
    assert reasons_seen(Q, aid, {"Q01": "dette"}) == ("Q01=dette", "anciennete_mois=30")
    aide_urgence = AidResult("AIDE_URGENCE", "urssaf", "AIDE_URGENCE",
                             ("Q03=catastrophe", "activite_principale=true", "Q11=non"))
    assert reasons_seen(Q, aide_urgence, {"Q03": "catastrophe", "Q11": "non"}) == (
        "Q03=catastrophe", "activite_principale=true")


def test_urgent_reasons_seen_are_those_among_the_answers() -> None:
    reasons = ("Q04=non", "Q12=psy")
    assert urgent_reasons_seen(reasons, {"Q04": "non"}) == ("Q04=non",)
    assert urgent_reasons_seen(reasons, {"Q04": "tendue", "Q12": "social"}) == ()
    assert urgent_reasons_seen((), {"Q04": "non"}) == ()


@settings(max_examples=examples(1500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(situations())
def test_an_organisme_sees_exactly_the_answers_behind_its_own_aids(situation: dict) -> None:
    result = evaluate(Q, parse_situation(Q, situation, today=REF))
    answers = situation["answers"]
    for organisme in Q.organismes:
        seen = answers_seen(Q, result.aids, organisme.code)
        own = [a for a in result.aids if a.organisme == organisme.code]
        if not own:
            assert seen == {}
            continue
        for question_id, code in seen.items():
            assert answers[question_id] == code
            assert code in SEEABLE[organisme.code].get(question_id, set())
            assert any(f"{question_id}={code}" in a.reasons
                       and Q.aid(a.code).rule.affirms(question_id, code) for a in own)
        for aid in own:  # and nothing behind its aids is missing
            for reason in aid.reasons:
                name, _, value = reason.partition("=")
                if name in Q.question_ids and Q.aid(aid.code).rule.affirms(name, value):
                    assert seen[name] == value
        for reason in urgent_reasons_seen(result.urgent_reasons, seen):
            assert reason in result.urgent_reasons
            assert seen[reason.partition("=")[0]] == reason.partition("=")[2]


# --------------------------------------------------------------------------- the declaration

RAW = tomllib.loads((QUESTIONNAIRES_DIR / "help-v1.toml").read_text(encoding="utf-8"))


def mutate(key: str, value: object) -> dict:
    data = copy.deepcopy(RAW)
    data["organismes"][3][key] = value
    return data


@pytest.mark.parametrize(("key", "value", "message"), [
    ("identity_fields", ["nom", "numero_fiscal"],
     r"organismes\[4\] \(caf\)\.identity_fields: unknown field 'numero_fiscal'; expected one of "
     r"nom, prenom"),
    ("identity_fields", ["debut_activite"], r"unknown field 'debut_activite'"),
    ("profile_fields", ["revenus"], r"profile_fields: unknown field 'revenus'; expected one of "
                                    r"statut, date_naissance"),
    ("profile_fields", "foyer", r"profile_fields: expected an array of field names"),
    ("identity_fields", None, r"identity_fields: expected an array of field names"),
    ("identity_fields", ["nom", 3], r"identity_fields: expected an array"),
    ("identity_fields", ["nom", "nom"], r"identity_fields: 'nom' appears twice"),
])
def test_the_field_lists_are_checked_at_load(key: str, value: object, message: str) -> None:
    data = mutate(key, value)
    if value is None:
        del data["organismes"][3][key]
    with pytest.raises(QuestionnaireError, match=message):
        parse_questionnaire(data)


def test_an_organisme_may_receive_no_profile_field() -> None:
    loaded = parse_questionnaire(mutate("profile_fields", []))
    assert field_policy(loaded, "caf").profile == ()
