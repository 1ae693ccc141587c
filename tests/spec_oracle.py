"""The spec's aid table (shared/spec/questionnaire-help-v1.md), transliterated by hand.

This is deliberately independent of resources/questionnaires/help-v1.toml and of app/forms: the
tests compare the engine with it on every scenario and on thousands of random situations.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

ORGANISMES = ["urssaf", "assurance_maladie", "service_social", "caf", "assurance_retraite"]

ANSWERS = {
    "Q01": ["non", "ponctuelles", "dette"],
    "Q02": ["non", "moderee", "forte", "cessation"],
    "Q03": ["non", "catastrophe", "externe"],
    "Q04": ["oui", "tendue", "non"],
    "Q05": ["non", "oui_sans_arret", "arret", "arret_long", "invalidite"],
    "Q06": ["oui", "sans_complementaire", "renoncement"],
    "Q07": ["suffisantes", "modestes", "tres_faibles"],
    "Q08": ["non", "naissance", "separation", "deces_conjoint", "deces_enfant"],
    "Q09": ["non", "perte_autonomie", "fin_de_vie"],
    "Q10": ["non", "impayes", "adaptation"],
    "Q11": ["non", "oui", "cumul"],
    "Q12": ["non", "social", "psy"],
}
STATUTS = ["artisan", "commercant", "profession_liberale", "micro_entrepreneur",
           "conjoint_collaborateur"]


def _months(start: date, end: date) -> int:
    delta = relativedelta(end, start)
    return delta.years * 12 + delta.months


def oracle(situation: dict) -> dict:
    """Expected urgent flag, organismes and aid codes for a complete situation."""
    a = situation["answers"]
    p = situation["profile"]
    ref = date.fromisoformat(situation["date"])
    seniority = _months(date.fromisoformat(p["debut_activite"]), ref)
    age = relativedelta(ref, date.fromisoformat(p["date_naissance"])).years
    main = p["activite_principale"]
    rules = [
        ("DELAIS_PAIEMENT", "urssaf", a["Q01"] in {"ponctuelles", "dette"}),
        ("AJUSTEMENT_COTISATIONS", "urssaf", a["Q02"] in {"moderee", "forte"}),
        ("ACED", "urssaf", (a["Q01"] == "dette" or (a["Q01"] == "ponctuelles"
                                                   and a["Q04"] in {"tendue", "non"}))
         and seniority >= 12 and main),
        ("AFE_CPSTI", "urssaf", (a["Q04"] == "non" or (a["Q04"] == "tendue"
                                                      and a["Q02"] in {"forte", "cessation"})
                                 or a["Q03"] == "externe") and seniority >= 12 and main),
        ("AIDE_URGENCE", "urssaf", a["Q03"] == "catastrophe" and main and a["Q11"] != "cumul"),
        ("ADR", "urssaf", a["Q11"] == "oui" and p["statut"] in {"artisan", "commercant"}
         and a["Q07"] in {"modestes", "tres_faibles"}),
        ("IJ_MALADIE", "assurance_maladie", a["Q05"] in {"arret", "arret_long"}),
        ("CSS", "assurance_maladie", a["Q06"] in {"sans_complementaire", "renoncement"}
         or a["Q07"] == "tres_faibles"),
        ("MISSION_ACCOMPAGNEMENT_SANTE", "assurance_maladie", a["Q06"] == "renoncement"),
        ("MATERNITE_PATERNITE", "assurance_maladie", a["Q08"] == "naissance"),
        ("AIDE_REPIT", "assurance_maladie", a["Q09"] == "perte_autonomie"),
        ("ALLOCATION_ACCOMPAGNEMENT", "assurance_maladie", a["Q09"] == "fin_de_vie"),
        ("AFE_INVALIDES", "assurance_maladie", a["Q05"] == "invalidite"
         and a["Q04"] in {"tendue", "non"}),
        ("MAINTIEN_ACTIVITE", "assurance_maladie",
         a["Q05"] in {"oui_sans_arret", "arret_long", "invalidite"}),
        ("DEUIL_PARENTAL", "assurance_maladie", a["Q08"] == "deces_enfant"),
        ("CAPITAL_DECES", "assurance_maladie", a["Q08"] == "deces_conjoint"),
        ("MON_SOUTIEN_PSY", "assurance_maladie", a["Q12"] == "psy"),
        ("PREVENTION_DESINSERTION", "service_social", a["Q05"] == "arret_long"),
        ("ACCOMPAGNEMENT_SOCIAL", "service_social", a["Q12"] in {"social", "psy"}
         or (a["Q05"] in {"arret_long", "invalidite"} and a["Q07"] == "tres_faibles")),
        ("RSA", "caf", a["Q07"] == "tres_faibles"),
        ("PRIME_ACTIVITE", "caf", a["Q07"] == "modestes"
         or (a["Q07"] == "tres_faibles" and a["Q02"] != "cessation")),
        ("AIDES_LOGEMENT", "caf", a["Q10"] == "impayes" or a["Q07"] == "tres_faibles"),
        ("PRESTATIONS_FAMILIALES", "caf", a["Q08"] == "naissance"),
        ("ACTION_SOCIALE_CAF", "caf", a["Q08"] in {"separation", "deces_conjoint", "deces_enfant"}
         or a["Q10"] == "impayes"),
        ("INFO_RETRAITE", "assurance_retraite", a["Q11"] == "oui"),
        ("REVERSION", "assurance_retraite", a["Q08"] == "deces_conjoint"),
        ("BIEN_VIEILLIR", "assurance_retraite", a["Q10"] == "adaptation"
         and (age >= 60 or a["Q11"] == "cumul")),
        ("AIDE_URGENCE_RETRAITE", "assurance_retraite", a["Q03"] == "catastrophe"
         and a["Q11"] == "cumul"),
    ]
    aids = [code for code, _, holds in rules if holds]
    oriented = {org for _, org, holds in rules if holds}
    return {
        "urgent": a["Q04"] == "non" or a["Q03"] == "catastrophe" or a["Q12"] == "psy"
        or a["Q10"] == "impayes",
        "organismes": [o for o in ORGANISMES if o in oriented],
        "aids": aids,
    }
