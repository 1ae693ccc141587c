# ruff: noqa: E501
"""Realistic answers of the central store's statistics (secrecy applied), for the chart and report tests."""

PERIOD = {"label": "novembre 2026", "first": "2026-11-01", "last": "2026-11-30"}
METHOD = "Nombre de dossiers distincts créés pendant la période (date de création, heure de Paris)."

def figures():
    return {
        "channel": {"period": PERIOD, "by": ["channel"], "rows": [
            {"channel": "accueil", "dossiers": 1240}, {"channel": "telephone", "dossiers": 312},
            {"channel": "traitement_dossier", "dossiers": "<5"}, {"channel": "signal", "dossiers": 57}],
            "total": {"dossiers": 1613}, "secrecy": True, "method": METHOD},
        "site": {"period": PERIOD, "by": ["site"], "rows": [
            {"site": "REN", "dossiers": 820}, {"site": "QMP", "dossiers": 540}, {"site": "BRE", "dossiers": 253}],
            "total": {"dossiers": 1613}, "secrecy": False, "method": METHOD},
        "urgent": {"period": PERIOD, "by": ["urgent"], "rows": [
            {"urgent": True, "dossiers": 96}, {"urgent": False, "dossiers": 1517}],
            "total": {"dossiers": 1613}, "secrecy": False, "method": METHOD},
        "trend": {"period": {"label": "décembre 2025 à novembre 2026", "first": "2025-12-01", "last": "2026-11-30"},
                  "by": ["month"], "rows": [{"month": f"{y}-{m:02d}", "dossiers": v} for (y, m), v in zip(
                      [(2025, 12)] + [(2026, m) for m in range(1, 12)],
                      [980, 1104, 1210, "<5", 1388, 1302, 1250, 870, 1020, 1450, 1530, 1613], strict=True)],
                  "total": {"dossiers": 13717}, "secrecy": True, "method": METHOD},
        "question": {"period": PERIOD, "by": ["question"], "rows": [
            {"question": "Q01", "answer": "non", "dossiers": 700},
            {"question": "Q01", "answer": "dette", "dossiers": 412},
            {"question": "Q01", "answer": "ponctuelles", "dossiers": 301},
            {"question": "Q02", "answer": "forte", "dossiers": 388},
            {"question": "Q02", "answer": "cessation", "dossiers": 77},
            {"question": "Q04", "answer": "non", "dossiers": 190},
            {"question": "Q04", "answer": "tendue", "dossiers": 520},
            {"question": "Q05", "answer": "arret_long", "dossiers": "<5"},
            {"question": "Q06", "answer": "renoncement", "dossiers": 64},
            {"question": "Q07", "answer": "tres_faibles", "dossiers": 233},
            {"question": "Q08", "answer": "deces_enfant", "dossiers": "<5"},
            {"question": "Q10", "answer": "impayes", "dossiers": 45},
            {"question": "Q12", "answer": "psy", "dossiers": 88},
            {"question": "Q12", "answer": "nsp", "dossiers": 30}],
            "total": {"dossiers": 1613}, "secrecy": True,
            "method": "Nombre de dossiers distincts ayant donné cette réponse à la question."},
        "organisme": {"period": PERIOD, "by": ["organisme"], "rows": [
            {"organisme": "urssaf", "dossiers": 910}, {"organisme": "assurance_maladie", "dossiers": 402},
            {"organisme": "service_social", "dossiers": 121}, {"organisme": "caf", "dossiers": 260},
            {"organisme": "assurance_retraite", "dossiers": "<5"}],
            "total": {"dossiers": 1302}, "secrecy": True,
            "method": "Dossiers distincts orientés vers chaque organisme (un dossier orienté vers deux organismes compte dans les deux, une fois dans le total)."},
        "outcome": {"period": PERIOD, "by": ["organisme", "outcome"], "rows": [
            {"organisme": "urssaf", "outcome": "aide_accordee", "dossiers": 410},
            {"organisme": "urssaf", "outcome": "aide_refusee", "dossiers": 88},
            {"organisme": "urssaf", "outcome": None, "dossiers": 412},
            {"organisme": "caf", "outcome": "aide_accordee", "dossiers": 120},
            {"organisme": "caf", "outcome": "sans_suite", "dossiers": "<5"},
            {"organisme": "caf", "outcome": None, "dossiers": "<5"}],
            "total": {"dossiers": 1170}, "secrecy": True, "method": "Orientations par issue déclarée par l’organisme."},
        "times": {"period": PERIOD, "by": ["organisme"], "rows": [
            {"organisme": "urssaf", "first_contact": {"count": 640, "median_days": 4.5, "p90_days": 12.0},
             "closure": {"count": 498, "median_days": 21.0, "p90_days": 38.5}},
            {"organisme": "caf", "first_contact": {"count": 130, "median_days": 6.0, "p90_days": 15.0},
             "closure": {"count": "<5", "median_days": None, "p90_days": None}}],
            "secrecy": True, "method": "Jours calendaires entre la création du dossier et le premier contact, puis la clôture."},
        "calls": {"period": PERIOD, "by": ["site"], "rows": [
            {"site": "REN", "entries": 210, "reached": 120, "dossiers_opened": 57, "refusals": "<5", "letters": 31},
            {"site": "QMP", "entries": 96, "reached": 44, "dossiers_opened": 19, "refusals": "<5", "letters": 12}],
            "total": {"entries": 306, "reached": 164, "dossiers_opened": 76, "refusals": 9, "letters": 43},
            "secrecy": True, "method": "Entrées de la liste d’appels créées pendant la période."},
    }
