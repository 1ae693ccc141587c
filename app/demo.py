"""Realistic synthetic dossiers for demonstrations and benchmarks (``accueil-ti demo``).

Records are produced in the export format, so they enter the store through the same path as an
import. Everything derives from the seed and the ``as_of`` date: the same seed gives the same
dossiers, byte for byte. Names, NIR, SIRET and phone numbers look real and pass the identity checks,
but belong to nobody.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Collection, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from stdnum import luhn

from app.forms.codes import COUNTER_STATUSES, ORIENTATION_STATUSES
from app.forms.consent import load_consent_text
from app.forms.evaluation import Situation, evaluate
from app.forms.identity import fold
from app.forms.questionnaire import Questionnaire

DEMO_AS_OF = date(2026, 11, 22)

SURNAMES = (
    "Le Goff", "Le Gall", "Tanguy", "Guillou", "Le Bihan", "Morvan", "Le Roux", "Hervé", "Riou",
    "Kerleroux", "Le Berre", "Quéméner", "Cariou", "Le Floch", "Jaouen", "Prigent", "Le Corre",
    "Guéguen", "Le Meur", "Salaün", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
    "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia",
    "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
    "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Nguyen", "Da Silva", "Kowalski",
    "Benali", "Traoré", "D’Argentré", "Le Hénaff", "Ollivier", "Pérès", "Lozac’h", "Coïc",
)
FIRST_NAMES_F = (
    "Anne", "Marie", "Nolwenn", "Gwenaëlle", "Maëlle", "Solène", "Élodie", "Céline", "Sophie",
    "Isabelle", "Nathalie", "Chloé", "Léa", "Manon", "Camille", "Morgane", "Katell", "Aurélie",
    "Émilie", "Françoise", "Hélène", "Inès", "Yasmina", "Agnès", "Noémie",
)
FIRST_NAMES_M = (
    "Yann", "Erwan", "Gwenaël", "Loïc", "Ronan", "Tanguy", "Pierre", "Jean", "Nicolas", "Julien",
    "Mathieu", "Thomas", "Antoine", "Sébastien", "François", "Hervé", "Jérôme", "Mickaël", "Kévin",
    "Maël", "Brieuc", "Goulven", "Karim", "Stéphane", "Frédéric",
)
STREETS = (
    "rue de Siam", "rue Jean Jaurès", "place de la Mairie", "rue du Port", "rue de la Gare",
    "boulevard de la Liberté", "rue des Écoles", "chemin de Kerlann", "rue Saint-Michel",
    "allée des Mouettes", "rue de Brest", "quai de l’Odet", "impasse des Genêts",
)
# (commune, postal code, département, site code)
COMMUNES = (
    ("Rennes", "35000", "35", "REN"), ("Saint-Malo", "35400", "35", "REN"),
    ("Fougères", "35300", "35", "REN"), ("Vitré", "35500", "35", "REN"),
    ("Saint-Brieuc", "22000", "22", "PLE"), ("Plérin", "22190", "22", "PLE"),
    ("Lannion", "22300", "22", "PLE"), ("Guingamp", "22200", "22", "PLE"),
    ("Brest", "29200", "29", "BRE"), ("Morlaix", "29600", "29", "BRE"),
    ("Landerneau", "29800", "29", "BRE"), ("Quimper", "29000", "29", "QUI"),
    ("Concarneau", "29900", "29", "QUI"), ("Douarnenez", "29100", "29", "QUI"),
    ("Vannes", "56000", "56", "VAN"), ("Lorient", "56100", "56", "VAN"),
    ("Pontivy", "56300", "56", "VAN"), ("Auray", "56400", "56", "VAN"),
)
STATUTS = (("artisan", 30), ("commercant", 22), ("profession_liberale", 15),
           ("micro_entrepreneur", 28), ("conjoint_collaborateur", 5))
AGENTS = ("A. Le Gall", "B. Morvan", "C. Tanguy", "D. Riou", "E. Cariou", "F. Prigent")
ORIENTATION_FLOW = ORIENTATION_STATUSES
OUTCOMES = ("aide_accordee", "aide_accordee", "aide_refusee", "sans_suite")


def _nir(rng: random.Random, female: bool, birth: date, departement: str) -> str:
    body = (f"{2 if female else 1}{birth.year % 100:02d}{birth.month:02d}{departement:0>2}"
            f"{rng.randrange(1, 990):03d}{rng.randrange(1, 1000):03d}")
    numeric = int(body.replace("2A", "19").replace("2B", "18"))
    return f"{body}{97 - numeric % 97:02d}"


def _siret(rng: random.Random) -> str:
    siren = str(rng.randrange(10_000_000, 99_999_999))
    siren += luhn.calc_check_digit(siren)
    nic = f"{rng.randrange(1, 9999):04d}"
    return siren + nic + luhn.calc_check_digit(siren + nic)


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _timestamp(day: date, rng: random.Random) -> datetime:
    moment = time(8 + rng.randrange(9), rng.randrange(60), rng.randrange(60))
    return datetime.combine(day, moment, tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _answers(rng: random.Random, questionnaire: Questionnaire, complete: bool) -> dict[str, str]:
    answers: dict[str, str] = {}
    # A worker who comes to a Help! counter usually has a few difficulties, seldom all.
    troubled = rng.random()
    for index, question in enumerate(questionnaire.questions):
        if not complete and index >= rng.randrange(1, len(questionnaire.questions)):
            break
        roll = rng.random()
        if roll < 0.03:
            answers[question.id] = questionnaire.nsp.code
        elif roll < 0.03 + 0.55 * troubled:
            answers[question.id] = rng.choice(question.codes[1:])
        else:
            answers[question.id] = question.codes[0]
    return answers


def counter_only(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` as a counter may push it: its orientations at a counter status (a_transmettre
    or transmise, no outcome, no note) and the dossier not closed. The partners' follow-up is
    written on the central store by their own agents; a workstation pushing one is refused."""
    for o in record["orientations"]:
        if o["status"] not in COUNTER_STATUSES:
            o.update(status=COUNTER_STATUSES[-1], outcome=None, note="")
    if record["status"] == "clos":
        record["status"] = "oriente"
    return record


def demo_records(
    count: int, questionnaire: Questionnaire, *, seed: int = 0, as_of: date = DEMO_AS_OF,
    workstations_per_site: int = 3, counter_only_sites: Collection[str] = (),
) -> Iterator[dict[str, Any]]:
    """``count`` synthetic dossiers in the export format, in number order per workstation.

    The dossiers of ``counter_only_sites`` (a workstation's own site: it pushes them) carry no
    partner follow-up (:func:`counter_only`); the others are the same whatever that set."""
    rng = random.Random(seed)
    consent_text = load_consent_text(questionnaire.consent_text)
    sequences: dict[tuple[str, str, int], int] = {}
    for _ in range(count):
        female = rng.random() < 0.45
        prenom = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        nom = rng.choice(SURNAMES)
        commune, postal, departement, site = rng.choice(COMMUNES)
        channel = _weighted(rng, (("accueil", 55), ("telephone", 35), ("traitement_dossier", 10)))
        if channel == "telephone":
            site = "TEL"
        birth = as_of - timedelta(days=rng.randrange(20 * 365, 72 * 365))
        earliest_start = birth + timedelta(days=18 * 365)
        span = max(1, (as_of - earliest_start).days)
        start = earliest_start + timedelta(days=rng.randrange(span))
        created_day = as_of - timedelta(days=int(rng.expovariate(1 / 120)) % 730)
        created = _timestamp(created_day, rng)
        workstation = f"{rng.randrange(1, workstations_per_site + 1):02d}"
        key = (site, workstation, created.year)
        sequences[key] = sequences.get(key, 0) + 1
        number = f"TI-{site}-{workstation}-{created.year}-{sequences[key]:06d}"
        agent = rng.choice(AGENTS)
        complete = rng.random() > 0.08
        answers = _answers(rng, questionnaire, complete)
        statut = _weighted(rng, STATUTS)
        profile: dict[str, Any] = {
            "statut": statut, "date_naissance": birth.isoformat(),
            "debut_activite": start.isoformat(), "foyer": rng.choice((1, 1, 2, 2, 3, 4, 5)),
            "activite_principale": rng.random() < 0.85, "departement": departement,
        }
        situation = Situation(
            answers=answers, reference_date=created_day,
            profile={**profile, "date_naissance": birth, "debut_activite": start},
        )
        orientation = evaluate(questionnaire, situation)
        mode = "oral_telephone" if channel == "telephone" else "signe_accueil"
        consents: list[dict[str, Any]] = []
        orientations: list[dict[str, Any]] = []
        printed: list[dict[str, Any]] = []
        status = "brouillon"
        if complete:
            status = "complet"
            consent_at = created + timedelta(minutes=15 + rng.randrange(20))
            for organisme in orientation.organismes:
                given = rng.random() < 0.92
                revoked = given and rng.random() < 0.02
                consents.append({
                    "organisme": organisme, "given": given, "mode": mode,
                    "text_version": consent_text.version, "text_hash": consent_text.sha256,
                    "at": _iso(consent_at), "agent": agent,
                    "revoked_at": _iso(consent_at + timedelta(days=2)) if revoked else None,
                })
                if given:
                    age_days = (as_of - created_day).days
                    step = min(len(ORIENTATION_FLOW) - 1, rng.randrange(0, 2 + age_days // 10))
                    flow_status = ORIENTATION_FLOW[step]
                    orientations.append({
                        "organisme": organisme, "status": flow_status,
                        "outcome": rng.choice(OUTCOMES) if flow_status == "cloturee" else None,
                        "note": "",
                        "updated_at": _iso(consent_at + timedelta(days=min(age_days, step * 3))),
                    })
            if orientations:
                status = "oriente"
                if rng.random() < 0.6:
                    printed.append({"kind": "summary", "organisme": None,
                                    "printed_at": _iso(consent_at)})
                    printed += [{"kind": "letter", "organisme": o["organisme"],
                                 "printed_at": _iso(consent_at)} for o in orientations]
                if mode == "signe_accueil":
                    printed.append({"kind": "consent", "organisme": None,
                                    "printed_at": _iso(consent_at)})
            if orientations and all(o["status"] == "cloturee" for o in orientations):
                status = "clos"
        updated = max([created] + [datetime.fromisoformat(o["updated_at"]) for o in orientations])
        identity: dict[str, Any] = {
            "nom": nom, "prenom": prenom, "date_naissance": birth.isoformat(),
            "nir": _nir(rng, female, birth, rng.choice(("22", "29", "35", "56", "75", "44"))),
            "siret": _siret(rng),
            "telephone": f"0{rng.choice((2, 6, 7))} " + " ".join(
                f"{rng.randrange(100):02d}" for _ in range(4)),
            "email": None, "adresse": f"{rng.randrange(1, 120)} {rng.choice(STREETS)}",
            "code_postal": postal, "commune": commune,
        }
        if rng.random() < 0.7:
            email_name = "".join(c for c in fold(f"{prenom}.{nom}")
                                 if c.isascii() and (c.isalnum() or c in ".-"))
            identity["email"] = f"{email_name}@{rng.choice(('orange.fr', 'gmail.com', 'free.fr', 'laposte.net'))}"  # noqa: E501
        record = {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "number": number,
            "revision": 1 + len(answers) + len(consents) + len(orientations),
            "questionnaire": questionnaire.version,
            "site": site,
            "channel": channel,
            "status": status,
            "urgent": orientation.urgent,
            "agent": agent,
            "created_at": _iso(created),
            "updated_at": _iso(updated),
            "identity": {k: v for k, v in identity.items() if v is not None},
            "profile": profile,
            "answers": answers,
            "consents": consents,
            "orientations": orientations,
            "printed": printed,
        }
        yield counter_only(record) if site in counter_only_sites else record
