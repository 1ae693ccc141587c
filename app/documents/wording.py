"""Codes turned into French sentences: reasons, urgency, answers, profile facts.

Evaluation returns reasons as codes (``Q01=dette``, ``anciennete_mois=266``,
``activite_principale=true``); documents print them in words, from the questionnaire's own
wording (question text and answer label). Everything returned here is trusted wording, not yet
escaped for Paragraph markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.documents.snapshot import DossierSnapshot
from app.documents.text import NBSP, duration, first_lower
from app.forms.questionnaire import Questionnaire

STATUT_WORDING = "Statut"


@dataclass(frozen=True)
class AnswerWords:
    """One answered question in words."""

    question_id: str
    theme: str
    question: str
    answer: str


def answer_words(questionnaire: Questionnaire, question_id: str, code: str) -> AnswerWords | None:
    try:
        question = questionnaire.question(question_id)
        label = questionnaire.answer_label(question_id, code)
    except KeyError:
        return None
    return AnswerWords(question_id, question.theme, question.text, label)


def _split(reason: str) -> tuple[str, str]:
    name, _, value = reason.partition("=")
    return name, value


def profile_fact_words(questionnaire: Questionnaire, name: str, value: str) -> str | None:
    """« Ancienneté d’activité : 22 ans », « Activité indépendante principale »…"""
    if name == "anciennete_mois" and value.lstrip("-").isdigit():
        return f"Ancienneté d’activité{NBSP}: {duration(max(0, int(value)))}"
    if name == "age_ans" and value.lstrip("-").isdigit():
        return f"Âge{NBSP}: {value}{NBSP}ans"
    if name == "activite_principale":
        return ("Activité indépendante principale" if value == "true"
                else "Activité indépendante non principale")
    try:
        spec = questionnaire.profile_field(name)
    except KeyError:
        return None
    if spec.kind == "code":
        labels = {c.code: c.label for c in spec.values}
        return f"{spec.label}{NBSP}: {first_lower(labels.get(value, value))}"
    return f"{spec.label}{NBSP}: {value}"


def reason_words(questionnaire: Questionnaire, reason: str) -> tuple[str, str] | None:
    """A reason as (lead, detail): a question and the answer given, or a profile fact."""
    name, value = _split(reason)
    words = answer_words(questionnaire, name, value)
    if words is not None:
        return words.question, words.answer
    fact = profile_fact_words(questionnaire, name, value)
    return None if fact is None else ("", fact)


MISSING_FIELD_WORDS = {
    "debut_activite": "date de début d’activité manquante",
    "activite_principale": "activité principale (oui ou non) non renseignée",
    "date_naissance": "date de naissance manquante",
    "statut": "statut non renseigné",
}


def plural(count: int, singular: str, plural_form: str) -> str:
    """French agreement: singular for 0 and 1, plural from 2."""
    return singular if count < 2 else plural_form


def and_words(items: list[str]) -> str:
    """« A », « A et B », « A, B et C »."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def blocked_words(snapshot: DossierSnapshot) -> tuple[str, ...]:
    """« Aide aux cotisants en difficulté (ACED) et … ne peuvent pas encore être examinées :
    date de début d’activité manquante », one sentence per set of missing profile fields."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for aid in snapshot.blocked:
        groups.setdefault(aid.missing, []).append(aid.title)
    out: list[str] = []
    for missing, titles in groups.items():
        verb = plural(len(titles), "ne peut pas encore être examinée",
                      "ne peuvent pas encore être examinées")
        fields = ", ".join(MISSING_FIELD_WORDS.get(f, f"{f} non renseigné") for f in missing)
        out.append(f"{and_words(titles)} {verb}{NBSP}: {fields}.")
    return tuple(out)


def urgent_words(snapshot: DossierSnapshot,
                 reasons: Sequence[str] | None = None) -> tuple[str, ...]:
    """Why a dossier is urgent: « trésorerie : Non, je ne peux plus y faire face »… (of
    ``reasons`` when given, a part of the dossier's urgency reasons)."""
    out: list[str] = []
    for reason in snapshot.urgent_reasons if reasons is None else reasons:
        name, value = _split(reason)
        words = answer_words(snapshot.questionnaire, name, value)
        if words is not None:
            out.append(f"{first_lower(words.theme)} (« {words.answer} »)")
    return tuple(out)


def not_answered(snapshot: DossierSnapshot) -> tuple[tuple[str, str], ...]:
    """Questions not asked or answered « ne sait pas »: (question text, what happened)."""
    answers = dict(snapshot.answers)
    out: list[tuple[str, str]] = []
    for question_id in snapshot.unanswered:
        text = snapshot.questionnaire.question(question_id).text
        out.append((text, "ne sait pas" if question_id in answers else "non posée"))
    return tuple(out)
