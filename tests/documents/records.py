"""Hand-written export records (the shape of ``app/models/export.py``) for the document tests."""

from __future__ import annotations

import copy
from typing import Any

from app.forms.consent import load_consent_text

CONSENT = load_consent_text("consentement-v1")

BAKER_ANSWERS = {
    "Q01": "dette", "Q02": "forte", "Q03": "non", "Q04": "tendue", "Q05": "non", "Q06": "oui",
    "Q07": "modestes", "Q08": "non", "Q09": "non", "Q10": "non", "Q11": "oui", "Q12": "non",
}
NO_DIFFICULTY = {
    "Q01": "non", "Q02": "non", "Q03": "non", "Q04": "oui", "Q05": "non", "Q06": "oui",
    "Q07": "suffisantes", "Q08": "non", "Q09": "non", "Q10": "non", "Q11": "non", "Q12": "non",
}


def consent(organisme: str, *, given: bool = True, mode: str = "signe_accueil",
            at: str = "2026-11-22T10:40:00+01:00", revoked_at: str | None = None,
            agent: str = "Gwenaëlle Le Bihan") -> dict[str, Any]:
    return {"organisme": organisme, "given": given, "mode": mode,
            "text_version": CONSENT.version, "text_hash": CONSENT.sha256, "at": at,
            "agent": agent, "revoked_at": revoked_at, "revoked_by": None}


def baker() -> dict[str, Any]:
    """The first acceptance scenario: a baker in Quimper, consents signed at the counter."""
    return copy.deepcopy({
        "id": "6f1c2a9e-3b8d-4c55-9a0e-1d2f3b4c5d6e",
        "number": "TI-QUI-01-2026-000123",
        "revision": 17,
        "questionnaire": "help-v1",
        "site": "QUI",
        "workstation": "01",
        "channel": "accueil",
        "status": "oriente",
        "urgent": False,
        "agent": "Gwenaëlle Le Bihan",
        "created_at": "2026-11-22T10:05:00+01:00",
        "updated_at": "2026-11-22T10:45:00+01:00",
        "identity": {
            "nom": "Le Goff", "prenom": "Yann", "nir": "163052923212345",
            "siret": "73282932000074", "telephone": "02 98 55 12 34",
            "email": "yann.legoff@orange.fr", "adresse": "12 rue Kéréon",
            "code_postal": "29000", "commune": "Quimper", "date_naissance": "1963-05-14",
        },
        "profile": {"statut": "artisan", "date_naissance": "1963-05-14",
                    "debut_activite": "2004-09-01", "foyer": 2, "activite_principale": True,
                    "departement": "29"},
        "answers": dict(BAKER_ANSWERS),
        "consents": [consent("urssaf"), consent("caf"), consent("assurance_retraite")],
        "orientations": [],
        "printed": [],
    })


def urgent_phone() -> dict[str, Any]:
    """An urgent dossier taken on the phone platform, consent collected orally."""
    def oral(organisme: str, *, given: bool = True) -> dict[str, Any]:
        return consent(organisme, given=given, mode="oral_telephone",
                       at="2026-11-20T15:20:00+01:00", agent="Erwan Morvan")

    return copy.deepcopy({
        "id": "0b8e7c1a-52f4-4d3e-8f61-7a9b2c3d4e5f",
        "number": "TI-TEL-02-2026-004711",
        "revision": 9,
        "questionnaire": "help-v1",
        "site": "TEL",
        "workstation": "02",
        "channel": "telephone",
        "status": "oriente",
        "urgent": True,
        "agent": "Erwan Morvan",
        "created_at": "2026-11-20T14:52:00+01:00",
        "updated_at": "2026-11-20T15:25:00+01:00",
        "identity": {
            "nom": "Quéméner", "prenom": "Maëlle", "nom_naissance": "Salaün",
            "nir": "284072935012388", "siret": "81234567800015",
            "telephone": "06 12 34 56 78", "adresse": "3 quai de l’Odet",
            "code_postal": "29000", "commune": "Quimper", "date_naissance": "1984-07-09",
        },
        "profile": {"statut": "commercant", "date_naissance": "1984-07-09",
                    "debut_activite": "2015-03-01", "foyer": 3, "activite_principale": True,
                    "departement": "29"},
        "answers": {"Q01": "ponctuelles", "Q02": "cessation", "Q03": "non", "Q04": "non",
                    "Q05": "arret_long", "Q06": "renoncement", "Q07": "tres_faibles",
                    "Q08": "separation", "Q09": "non", "Q10": "impayes", "Q11": "nsp",
                    "Q12": "psy"},
        "consents": [oral("urssaf"), oral("assurance_maladie"), oral("service_social"),
                     oral("caf", given=False)],
        "orientations": [],
        "printed": [],
    })


def no_aid() -> dict[str, Any]:
    record = baker()
    record.update(number="TI-REN-03-2026-000042", site="REN", answers=dict(NO_DIFFICULTY),
                  consents=[], status="complet")
    return record
