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
# « convocation »: the letter of an appointment or call-back (issue 16).
PRINT_KINDS: Final = ("summary", "letter", "consent", "convocation")
STATUTS: Final = (
    "artisan",
    "commercant",
    "profession_liberale",
    "micro_entrepreneur",
    "conjoint_collaborateur",
)

# Signals and the call list (issue 16, shared/spec/cli.md « signals import »): who sends an alert
# about a worker, what kind of alert, and what a call attempt ended with.
SIGNAL_SOURCES: Final = ORGANISMES + ("tribunal_commerce", "accueil", "telephone",
                                      "help_en_ligne")
SIGNAL_TYPES: Final = (
    "incident_paiement",
    "dette",
    "baisse_activite",
    "alerte_partenaire",
    "procedure_collective",
    "autre",
)
CALL_OUTCOMES: Final = ("joint", "injoignable", "rappel_demande", "refus", "deja_accompagne")
# An entry of the call list: to call (new, or unanswered fewer than 3 times), a call-back asked
# for, a letter proposed (3 unanswered attempts), or done (reached, refused, already followed).
CALL_ENTRY_STATUSES: Final = ("a_appeler", "rappel", "courrier", "joint", "refus",
                              "deja_accompagne")
CALL_ENTRY_DONE: Final = ("joint", "refus", "deja_accompagne")
# Call-backs (by the counter) and appointments (by a partner) on a dossier.
APPOINTMENT_KINDS: Final = ("rappel", "rendez_vous")
APPOINTMENT_MODES: Final = ("telephone", "agence", "visio")
APPOINTMENT_STATUSES: Final = ("propose", "fixe", "fait", "annule")

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
