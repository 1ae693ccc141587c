"""The questionnaire as data: load a versioned TOML file and validate every part of it.

Loading fails with :class:`QuestionnaireError` naming the place in the file
(``aids[3] (ACED).rule[2]``) when anything is inconsistent: an unknown question, answer code,
profile field, organisme or printed fact, a duplicate code, a missing label. A loaded
:class:`Questionnaire` is immutable.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from app.forms.conditions import Condition, FactSpec, RuleError, parse_condition
from app.forms.identity import IDENTITY_FIELDS

QUESTIONNAIRES_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "questionnaires"
CURRENT_VERSION = "help-v1"

PROFILE_KINDS = ("code", "date", "int", "bool", "departement")
# The fields of a dossier's identity record (``debut_activite``, typed on the identity form, is
# recorded in the profile).
RECORD_IDENTITY_FIELDS = tuple(f for f in IDENTITY_FIELDS if f != "debut_activite")
DERIVED_UNITS = ("months", "years")


class QuestionnaireError(ValueError):
    """The questionnaire file is not valid; the message says where and why."""


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    theme: str
    text: str
    spoken: str
    answers: tuple[Choice, ...]

    @cached_property
    def codes(self) -> tuple[str, ...]:
        """Answer codes in order, without ``nsp``."""
        return tuple(a.code for a in self.answers)

    def label(self, code: str) -> str:
        for answer in self.answers:
            if answer.code == code:
                return answer.label
        raise KeyError(code)


@dataclass(frozen=True)
class Organisme:
    code: str
    name: str
    short_name: str
    phone: str
    phone_note: str
    hours: str
    website: str
    role: str
    help_team: str
    # What this organisme receives of a dossier (data minimisation; app.forms.disclosure).
    identity_fields: tuple[str, ...] = ()
    profile_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProfileField:
    field: str
    kind: str
    label: str
    values: tuple[Choice, ...] = ()
    minimum: int | None = None

    @cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(v.code for v in self.values)


@dataclass(frozen=True)
class DerivedFact:
    name: str
    source: str
    unit: str
    label: str


@dataclass(frozen=True)
class Fact:
    id: str
    text: str
    source: str


@dataclass(frozen=True)
class Aid:
    code: str
    organisme: str
    title: str
    explanation: str
    next_step: str
    facts: tuple[str, ...]
    rule: Condition


@dataclass(frozen=True)
class NoAid:
    text: str
    source: str
    bons_reflexes: tuple[str, ...]


@dataclass(frozen=True)
class Questionnaire:
    version: str
    title: str
    nsp: Choice
    consent_text: str
    organismes: tuple[Organisme, ...]
    profile: tuple[ProfileField, ...]
    derived: tuple[DerivedFact, ...]
    questions: tuple[Question, ...]
    aids: tuple[Aid, ...]
    urgent_rule: Condition
    facts: tuple[Fact, ...]
    no_aid: NoAid

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def organisme(self, code: str) -> Organisme:
        for o in self.organismes:
            if o.code == code:
                return o
        raise KeyError(code)

    def aid(self, code: str) -> Aid:
        for a in self.aids:
            if a.code == code:
                return a
        raise KeyError(code)

    def fact(self, fact_id: str) -> Fact:
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

    def profile_field(self, name: str) -> ProfileField:
        for p in self.profile:
            if p.field == name:
                return p
        raise KeyError(name)

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)

    def answer_label(self, question_id: str, code: str) -> str:
        if code == self.nsp.code:
            return self.nsp.label
        return self.question(question_id).label(code)


class _Vocabulary:
    """The facts a rule may name, built from the questions, profile and derived facts."""

    def __init__(
        self,
        questions: tuple[Question, ...],
        profile: tuple[ProfileField, ...],
        derived: tuple[DerivedFact, ...],
        nsp: str,
    ) -> None:
        specs: dict[str, FactSpec] = {}
        for q in questions:
            specs[q.id] = FactSpec(q.id, "code", q.codes + (nsp,))
        for p in profile:
            if p.kind == "code":
                specs[p.field] = FactSpec(p.field, "code", p.codes)
            elif p.kind == "bool":
                specs[p.field] = FactSpec(p.field, "bool")
            elif p.kind == "int":
                specs[p.field] = FactSpec(p.field, "int")
        for d in derived:
            specs[d.name] = FactSpec(d.name, "int")
        self._specs = specs

    def fact_spec(self, name: str) -> FactSpec | None:
        return self._specs.get(name)


def _str(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise QuestionnaireError(f"{where}.{key}: expected a non-empty text")
    return value


def _table_list(data: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise QuestionnaireError(f"{where}{key}: expected a non-empty array of tables")
    return value


def _choices(raw: object, where: str) -> tuple[Choice, ...]:
    if not isinstance(raw, list) or not raw:
        raise QuestionnaireError(f"{where}: expected a non-empty array of {{code, label}}")
    choices: list[Choice] = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise QuestionnaireError(f"{where}[{i}]: expected {{code, label}}")
        choices.append(Choice(_str(item, "code", f"{where}[{i}]"),
                              _str(item, "label", f"{where}[{i}]")))
    _unique([c.code for c in choices], where)
    return tuple(choices)


def _unique(codes: list[str], where: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise QuestionnaireError(f"{where}: '{code}' appears twice")
        seen.add(code)


def _organisme(raw: Mapping[str, Any], where: str) -> Organisme:
    """An organisme's texts; its field lists are read once the profile is known."""
    text = {k: _str(raw, k, where) for k in (
        "code", "name", "short_name", "phone", "phone_note", "hours", "website", "role",
        "help_team")}
    return Organisme(
        code=text["code"], name=text["name"], short_name=text["short_name"],
        phone=text["phone"], phone_note=text["phone_note"], hours=text["hours"],
        website=text["website"], role=text["role"], help_team=text["help_team"])


def _field_list(table: Mapping[str, Any], key: str, known: tuple[str, ...],
                where: str) -> tuple[str, ...]:
    """An organisme's ``identity_fields`` or ``profile_fields``: known names, each once."""
    value = table.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise QuestionnaireError(f"{where}.{key}: expected an array of field names (may be "
                                 "empty)")
    for name in value:
        if name not in known:
            raise QuestionnaireError(f"{where}.{key}: unknown field '{name}'; expected one of "
                                     + ", ".join(known))
    _unique(value, f"{where}.{key}")
    return tuple(value)


def _rule(raw: object, vocabulary: _Vocabulary, where: str) -> Condition:
    try:
        return parse_condition(raw, vocabulary, where)
    except RuleError as exc:
        raise QuestionnaireError(str(exc)) from exc


def parse_questionnaire(data: Mapping[str, Any]) -> Questionnaire:
    """Build and validate a questionnaire from its parsed TOML document."""
    version = _str(data, "version", "")
    nsp_raw = data.get("nsp")
    if not isinstance(nsp_raw, dict):
        raise QuestionnaireError("nsp: expected {code, label}")
    nsp = Choice(_str(nsp_raw, "code", "nsp"), _str(nsp_raw, "label", "nsp"))

    organismes = tuple(_organisme(o, f"organismes[{i}]")
                       for i, o in enumerate(_table_list(data, "organismes", ""), 1))
    _unique([o.code for o in organismes], "organismes")
    organisme_codes = {o.code for o in organismes}

    profile: list[ProfileField] = []
    for i, p in enumerate(_table_list(data, "profile", ""), 1):
        where = f"profile[{i}]"
        kind = _str(p, "kind", where)
        if kind not in PROFILE_KINDS:
            raise QuestionnaireError(f"{where}.kind: '{kind}' is not a kind; expected one of "
                                     + ", ".join(PROFILE_KINDS))
        minimum = p.get("minimum")
        if minimum is not None and (not isinstance(minimum, int) or isinstance(minimum, bool)):
            raise QuestionnaireError(f"{where}.minimum: expected a whole number")
        profile.append(ProfileField(
            field=_str(p, "field", where), kind=kind, label=_str(p, "label", where),
            values=_choices(p.get("values"), f"{where}.values") if kind == "code" else (),
            minimum=minimum,
        ))
    _unique([p.field for p in profile], "profile")
    date_fields = {p.field for p in profile if p.kind == "date"}
    organismes = tuple(
        replace(o, identity_fields=_field_list(raw, "identity_fields", RECORD_IDENTITY_FIELDS,
                                               f"organismes[{i}] ({o.code})"),
                profile_fields=_field_list(raw, "profile_fields",
                                           tuple(p.field for p in profile),
                                           f"organismes[{i}] ({o.code})"))
        for i, (o, raw) in enumerate(zip(organismes, data["organismes"], strict=True), 1)
    )

    derived: list[DerivedFact] = []
    for i, d in enumerate(data.get("derived", []), 1):
        where = f"derived[{i}]"
        source = _str(d, "from", where)
        if source not in date_fields:
            raise QuestionnaireError(f"{where}.from: '{source}' is not a date field of the profile")
        unit = _str(d, "unit", where)
        if unit not in DERIVED_UNITS:
            raise QuestionnaireError(f"{where}.unit: '{unit}' is not a unit; expected months or "
                                     "years")
        derived.append(DerivedFact(_str(d, "name", where), source, unit, _str(d, "label", where)))

    questions: list[Question] = []
    for i, q in enumerate(_table_list(data, "questions", ""), 1):
        where = f"questions[{i}]"
        answers = _choices(q.get("answers"), f"{where}.answers")
        if nsp.code in (a.code for a in answers):
            raise QuestionnaireError(f"{where}.answers: '{nsp.code}' is implicit, do not list it")
        questions.append(Question(
            id=_str(q, "id", where), theme=_str(q, "theme", where), text=_str(q, "text", where),
            spoken=_str(q, "spoken", where), answers=answers,
        ))
    _unique([q.id for q in questions], "questions")
    _unique([q.id for q in questions] + [p.field for p in profile] + [d.name for d in derived],
            "questions, profile and derived facts")

    facts = tuple(
        Fact(_str(f, "id", f"facts[{i}]"), _str(f, "text", f"facts[{i}]"),
             _str(f, "source", f"facts[{i}]"))
        for i, f in enumerate(_table_list(data, "facts", ""), 1)
    )
    _unique([f.id for f in facts], "facts")
    fact_ids = {f.id for f in facts}

    vocabulary = _Vocabulary(tuple(questions), tuple(profile), tuple(derived), nsp.code)
    aids: list[Aid] = []
    for i, a in enumerate(_table_list(data, "aids", ""), 1):
        code = _str(a, "code", f"aids[{i}]")
        where = f"aids[{i}] ({code})"
        organisme = _str(a, "organisme", where)
        if organisme not in organisme_codes:
            raise QuestionnaireError(f"{where}.organisme: unknown organisme '{organisme}'; "
                                     "expected one of " + ", ".join(sorted(organisme_codes)))
        aid_facts = a.get("facts", [])
        if not isinstance(aid_facts, list) or not all(isinstance(f, str) for f in aid_facts):
            raise QuestionnaireError(f"{where}.facts: expected an array of fact ids")
        for f in aid_facts:
            if f not in fact_ids:
                raise QuestionnaireError(f"{where}.facts: unknown fact '{f}'")
        aids.append(Aid(
            code=code, organisme=organisme, title=_str(a, "title", where),
            explanation=_str(a, "explanation", where), next_step=_str(a, "next_step", where),
            facts=tuple(aid_facts), rule=_rule(a.get("rule"), vocabulary, f"{where}.rule"),
        ))
    _unique([a.code for a in aids], "aids")

    urgent = data.get("urgent")
    if not isinstance(urgent, dict):
        raise QuestionnaireError("urgent: expected a table with a rule")
    urgent_rule = _rule(urgent.get("rule"), vocabulary, "urgent.rule")

    no_aid_raw = data.get("no_aid")
    if not isinstance(no_aid_raw, dict):
        raise QuestionnaireError("no_aid: expected a table")
    reflexes = no_aid_raw.get("bons_reflexes")
    if not isinstance(reflexes, list) or not reflexes or not all(
            isinstance(r, str) and r.strip() for r in reflexes):
        raise QuestionnaireError("no_aid.bons_reflexes: expected a non-empty array of texts")
    no_aid = NoAid(_str(no_aid_raw, "text", "no_aid"), _str(no_aid_raw, "source", "no_aid"),
                   tuple(reflexes))

    return Questionnaire(
        version=version, title=_str(data, "title", ""), nsp=nsp,
        consent_text=_str(data, "consent_text", ""), organismes=organismes,
        profile=tuple(profile), derived=tuple(derived), questions=tuple(questions),
        aids=tuple(aids), urgent_rule=urgent_rule, facts=facts, no_aid=no_aid,
    )


def load_questionnaire_file(path: Path) -> Questionnaire:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise QuestionnaireError(f"{path.name}: not valid TOML ({exc})") from exc
    try:
        return parse_questionnaire(data)
    except QuestionnaireError as exc:
        raise QuestionnaireError(f"{path.name}: {exc}") from exc


def available_versions(directory: Path = QUESTIONNAIRES_DIR) -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in directory.glob("*.toml")))


@cache
def load_questionnaire(version: str = CURRENT_VERSION) -> Questionnaire:
    """The questionnaire of this version, from the shipped resources (loaded once)."""
    path = QUESTIONNAIRES_DIR / f"{version}.toml"
    if not path.is_file():
        raise QuestionnaireError(f"{version}: unknown questionnaire version; available: "
                                 + ", ".join(available_versions()))
    questionnaire = load_questionnaire_file(path)
    if questionnaire.version != version:
        raise QuestionnaireError(f"{path.name}: declares version '{questionnaire.version}'")
    return questionnaire
