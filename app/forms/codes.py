"""Closed lists of codes shared by the workstation, the central store and the window (the
spec's codes, kept verbatim): the one place each list is written."""

from __future__ import annotations

import re
from typing import Final

ORGANISMES: Final = (
    "urssaf",
    "assurance_maladie",
    "service_social",
    "caf",
    "assurance_retraite",
)
CHANNELS: Final = ("accueil", "telephone", "traitement_dossier")
DOSSIER_STATUSES: Final = ("brouillon", "complet", "oriente", "clos")
CONSENT_MODES: Final = ("signe_accueil", "oral_telephone")
# An orientation's steps at the counter, then the partner's follow-up (written only by the
# partner organisme's agents, on the central store, and sent back to the counter).
COUNTER_STATUSES: Final = ("a_transmettre", "transmise")
PARTNER_STATUSES: Final = ("recue", "en_cours", "contact_pris", "cloturee")
ORIENTATION_STATUSES: Final = COUNTER_STATUSES + PARTNER_STATUSES
ORIENTATION_OUTCOMES: Final = ("aide_accordee", "aide_refusee", "sans_suite")
PRINT_KINDS: Final = ("summary", "letter", "consent")
STATUTS: Final = (
    "artisan",
    "commercant",
    "profession_liberale",
    "micro_entrepreneur",
    "conjoint_collaborateur",
)

QUESTION_ID_RE: Final = re.compile(r"^Q\d{2}$")
WORKSTATION_CODE_RE: Final = re.compile(r"^\d{2}$")
SITE_CODE_RE: Final = re.compile(r"^[A-Z]{3}$")
NUMBER_RE: Final = re.compile(
    r"^TI-(?P<site>[A-Z]{3})-(?P<ws>\d{2})-(?P<year>\d{4})-(?P<seq>\d{6,})$"
)


def check_code(value: str, allowed: tuple[str, ...], field: str) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise ValueError naming the field."""
    if value not in allowed:
        raise ValueError(f"{field}: {value!r} is not allowed; expected one of {', '.join(allowed)}")
    return value
