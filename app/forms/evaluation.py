"""From a situation (profile + answers at a reference date) to an orientation.

:func:`parse_situation` turns untrusted input (a JSON document) into a :class:`Situation`,
or raises :class:`SituationError` naming the field and what is allowed. :func:`evaluate` applies
the questionnaire's rules: applicable aids in the questionnaire's order with their reasons, the
organismes to orient to (each once, in the questionnaire's order), and urgency with its reasons.
Evaluation returns codes; only the interface and the documents turn codes into sentences.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.forms.conditions import FactValue, shown_reasons
from app.forms.questionnaire import ProfileField, Questionnaire

DEPARTEMENT_RE = re.compile(r"^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])$")
DEPARTEMENT_HINT = "a département code such as 01 to 95, 2A, 2B or 971 to 976"


class SituationError(ValueError):
    """Bad input; ``field`` names where, the message says what is allowed."""

    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__(f"{field_name}: {problem}")
        self.field = field_name
        self.problem = problem


@dataclass(frozen=True)
class Situation:
    """What the rules look at: answers (code or absent), profile values, reference date."""

    answers: Mapping[str, str]
    profile: Mapping[str, str | int | bool | date]
    reference_date: date


@dataclass(frozen=True)
class AidResult:
    code: str
    organisme: str
    title: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class BlockedAid:
    """An aid the answers call for but that cannot be examined: its rule depends on profile
    fields not filled in (``missing``: profile field names, e.g. ``debut_activite``)."""

    code: str
    organisme: str
    title: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Orientation:
    questionnaire: str
    reference_date: date
    urgent: bool
    urgent_reasons: tuple[str, ...]
    organismes: tuple[str, ...]
    aids: tuple[AidResult, ...]
    unanswered: tuple[str, ...] = field(default=())
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    blocked: tuple[BlockedAid, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "questionnaire": self.questionnaire,
            "date": self.reference_date.isoformat(),
            "urgent": self.urgent,
            "urgent_reasons": list(self.urgent_reasons),
            "organismes": list(self.organismes),
            "aids": [
                {"code": a.code, "organisme": a.organisme, "title": a.title,
                 "reasons": list(a.reasons)}
                for a in self.aids
            ],
            "unanswered": list(self.unanswered),
        }


def whole_months(start: date, end: date) -> int:
    """Complete months from ``start`` to ``end`` (negative when ``end`` is earlier).

    A month is reached on the same day of a later month, or on that month's last day when it is
    shorter: from 31 January, one month is reached on 28 (or 29) February.
    """
    if end < start:
        return -whole_months(end, start)
    months = (end.year - start.year) * 12 + (end.month - start.month)
    anniversary_day = min(start.day, calendar.monthrange(end.year, end.month)[1])
    if end.day < anniversary_day:
        months -= 1
    return months


def whole_years(start: date, end: date) -> int:
    """Complete years from ``start`` to ``end``: an age on a given day."""
    months = whole_months(start, end)
    return months // 12 if months >= 0 else -((-months) // 12)


def parse_iso_date(value: object, field_name: str) -> date:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise SituationError(field_name, f"{_show(value)} is not a date; expected YYYY-MM-DD")


def _show(value: object) -> str:
    if isinstance(value, str):
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return f"a {type(value).__name__ if not isinstance(value, (dict, list)) else 'JSON ' + ('object' if isinstance(value, dict) else 'array')}"  # noqa: E501


def parse_profile_value(spec: ProfileField, value: object) -> str | int | bool | date:
    """Check one profile value against its declaration."""
    where = f"profile.{spec.field}"
    if spec.kind == "code":
        if not isinstance(value, str) or value not in spec.codes:
            raise SituationError(where, f"{_show(value)} is not allowed; expected one of "
                                        + ", ".join(spec.codes))
        return value
    if spec.kind == "date":
        return parse_iso_date(value, where)
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise SituationError(where, f"{_show(value)} is not allowed; expected true or false")
        return value
    if spec.kind == "int":
        minimum = spec.minimum if spec.minimum is not None else 0
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise SituationError(where, f"{_show(value)} is not allowed; expected a whole number "
                                        f"of at least {minimum}")
        return value
    # departement
    if not isinstance(value, str) or not DEPARTEMENT_RE.match(value):
        raise SituationError(where, f"{_show(value)} is not allowed; expected {DEPARTEMENT_HINT}")
    return value


def parse_answers(
    questionnaire: Questionnaire, raw: object, *, require_all: bool
) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise SituationError("answers", "expected an object mapping question ids "
                                        f"({questionnaire.question_ids[0]}…"
                                        f"{questionnaire.question_ids[-1]}) to answer codes")
    known = questionnaire.question_ids
    for key in raw:
        if key not in known:
            raise SituationError(f"answers.{key}", "unknown question; expected one of "
                                                   + ", ".join(known))
    answers: dict[str, str] = {}
    for question in questionnaire.questions:
        allowed = question.codes + (questionnaire.nsp.code,)
        if question.id not in raw:
            if require_all:
                raise SituationError(question.id, "missing; expected one of " + ", ".join(allowed))
            continue
        value = raw[question.id]
        if not isinstance(value, str) or value not in allowed:
            raise SituationError(question.id, f"{_show(value)} is not an answer; expected one of "
                                              + ", ".join(allowed))
        answers[question.id] = value
    return answers


def parse_profile(questionnaire: Questionnaire, raw: object) -> dict[str, str | int | bool | date]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise SituationError("profile", "expected an object with the fields "
                                        + ", ".join(p.field for p in questionnaire.profile))
    fields = {p.field: p for p in questionnaire.profile}
    for key in raw:
        if key not in fields:
            raise SituationError(f"profile.{key}", "unknown field; expected one of "
                                                   + ", ".join(fields))
    return {name: parse_profile_value(fields[name], value)
            for name, value in raw.items() if value is not None}


def parse_situation(
    questionnaire: Questionnaire, raw: object, *, today: date, require_all_answers: bool = True
) -> Situation:
    """Check an untrusted situation document and build a :class:`Situation`."""
    if not isinstance(raw, dict):
        raise SituationError("situation", "expected a JSON object with profile and answers")
    for key in raw:
        if key not in ("date", "profile", "answers", "questionnaire"):
            raise SituationError(key, "unknown key; expected date, profile, answers")
    version = raw.get("questionnaire", questionnaire.version)
    if version != questionnaire.version:
        raise SituationError("questionnaire", f"{_show(version)} is not supported here; expected "
                                              f"{questionnaire.version}")
    reference = parse_iso_date(raw["date"], "date") if raw.get("date") is not None else today
    profile = parse_profile(questionnaire, raw.get("profile"))
    if "answers" not in raw:
        raise SituationError("answers", "missing; expected an object mapping question ids to "
                                        "answer codes")
    answers = parse_answers(questionnaire, raw["answers"], require_all=require_all_answers)
    return Situation(answers=answers, profile=profile, reference_date=reference)


def situation_facts(questionnaire: Questionnaire, situation: Situation) -> dict[str, FactValue]:
    """Every fact a rule can name, with unknown ones absent."""
    facts: dict[str, FactValue] = dict(situation.answers)
    for name, value in situation.profile.items():
        if not isinstance(value, date):
            facts[name] = value
    for derived in questionnaire.derived:
        start = situation.profile.get(derived.source)
        if isinstance(start, date):
            if derived.unit == "months":
                facts[derived.name] = whole_months(start, situation.reference_date)
            else:
                facts[derived.name] = whole_years(start, situation.reference_date)
    return facts


def missing_profile_facts(questionnaire: Questionnaire,
                          situation: Situation) -> dict[str, str]:
    """Facts a rule can name that are unknown because a profile field is not filled in, each
    with the field it comes from: ``{"anciennete_mois": "debut_activite", ...}``."""
    missing = {p.field: p.field for p in questionnaire.profile
               if p.field not in situation.profile}
    for derived in questionnaire.derived:
        if derived.source in missing:
            missing[derived.name] = derived.source
    return missing


def blocked_aids(questionnaire: Questionnaire, situation: Situation,
                 facts: Mapping[str, FactValue] | None = None) -> tuple[BlockedAid, ...]:
    """Aids whose rule neither holds nor fails on what is known: they hang on profile fields
    left empty (start of activity, main activity…), in questionnaire order. ``facts``: the
    situation's facts when the caller has them already. With every profile field filled in,
    every rule holds or fails: none is blocked."""
    missing = missing_profile_facts(questionnaire, situation)
    if not missing:
        return ()
    facts = situation_facts(questionnaire, situation) if facts is None else facts
    unknown = frozenset(missing)
    out: list[BlockedAid] = []
    for aid in questionnaire.aids:
        if aid.rule.maybe(facts, unknown) is not None:
            continue
        fields: dict[str, None] = {}
        for name in aid.rule.fact_names():
            if name in missing:
                fields.setdefault(missing[name], None)
        out.append(BlockedAid(aid.code, aid.organisme, aid.title, tuple(fields)))
    return tuple(out)


def aid_reasons_shown(questionnaire: Questionnaire, aid_code: str,
                      reasons: tuple[str, ...]) -> tuple[str, ...]:
    """An applicable aid's reasons as the agent and the worker read them: only the answers and
    facts its rule asks for (never « Retraite : Non » met through a « not cumul » condition)."""
    try:
        rule = questionnaire.aid(aid_code).rule
    except KeyError:
        return reasons
    return shown_reasons(rule, reasons)


def evaluate(questionnaire: Questionnaire, situation: Situation) -> Orientation:
    """Apply the rules: aids in questionnaire order with reasons, organismes, urgency."""
    facts = situation_facts(questionnaire, situation)
    aids: list[AidResult] = []
    for aid in questionnaire.aids:
        holds, reasons = aid.rule.test(facts)
        if holds:
            aids.append(AidResult(aid.code, aid.organisme, aid.title, reasons))
    oriented = {a.organisme for a in aids}
    organismes = tuple(o.code for o in questionnaire.organismes if o.code in oriented)
    urgent, urgent_reasons = questionnaire.urgent_rule.test(facts)
    unanswered = tuple(
        q.id for q in questionnaire.questions
        if situation.answers.get(q.id, questionnaire.nsp.code) == questionnaire.nsp.code
    )
    return Orientation(
        questionnaire=questionnaire.version, reference_date=situation.reference_date,
        urgent=urgent, urgent_reasons=urgent_reasons, organismes=organismes, aids=tuple(aids),
        unanswered=unanswered, facts=facts,
        blocked=blocked_aids(questionnaire, situation, facts),
    )
