"""The questionnaire as data: load a versioned TOML file and validate every part of it.

Loading fails with :class:`QuestionnaireError` naming the place in the file
(``aids[3] (ACED).rule[2]``) when anything is inconsistent: an unknown question, answer code,
profile field, organisme or printed fact, a duplicate code, a missing label.

Every text the documents print about an organisme or an aid carries its :class:`Source`: a
verbatim passage of one of the partner brochures the file lists under ``[seeds]``, or of a web
page with the date it was read. A printed text without a source, a source without a passage, a
seed that is not listed, an url without its reading date are load errors; so is an amount in
euros anywhere but in a fact that gives the year of its figure (``as_of``). A loaded
:class:`Questionnaire` is immutable.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from app.forms.conditions import Condition, FactSpec, RuleError, parse_condition
from app.forms.identity import RECORD_IDENTITY_FIELDS

QUESTIONNAIRES_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "questionnaires"
CURRENT_VERSION = "help-v1"

PROFILE_KINDS = ("code", "date", "int", "bool", "departement")
# The fields of a dossier's identity record (``debut_activite``, typed on the identity form, is
# recorded in the profile).
DERIVED_UNITS = ("months", "years")

# The contact fields of an organisme, each printed only when set and then with its source.
CONTACT_FIELDS = ("phone", "phone_note", "hours", "website")
SEED_ID = re.compile(r"\d{3}")
# A passage may quote several excerpts of one source, in their order, separated by this mark.
ELISION = " […] "
# An amount in euros: « 2 000 € », « 48 € », « 1 euro ».
AMOUNT = re.compile(r"\d[\d\u00a0\u202f ]*(?:€|euros?\b)")
NBSP = "\u00a0"


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
class Seed:
    """A partner brochure quoted as a source: ``shared/seeds/<file>``."""

    id: str
    file: str
    title: str
    year: int | None = None


@dataclass(frozen=True)
class Source:
    """Where a printed text comes from: a verbatim ``passage`` of seed ``seed`` (its ``title``
    given by the file's ``[seeds]``), or of the web page ``url`` read on ``read``
    (YYYY-MM-DD)."""

    passage: str
    seed: str | None = None
    url: str | None = None
    read: str | None = None
    title: str = ""

    @property
    def excerpts(self) -> tuple[str, ...]:
        """The verbatim excerpts the passage quotes (``ELISION`` separates them)."""
        return tuple(part.strip() for part in self.passage.split(ELISION.strip()))

    def cite(self) -> str:
        """« Assurance Maladie, Guide partenaires Travailleurs indépendants (seed 004) :
        « … » »."""
        quote = f"«{NBSP}{self.passage}{NBSP}»"
        if self.seed is not None:
            return f"{self.title} (seed {self.seed}){NBSP}: {quote}"
        return f"{self.url}, lu le {self.read}{NBSP}: {quote}"

    def __str__(self) -> str:
        return self.cite()


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
    # The source of each contact field that is set (``phone``, ``phone_note``, ``hours``,
    # ``website``; an empty field is not printed and has none).
    sources: Mapping[str, Source] = field(default_factory=dict, hash=False, compare=False)


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
    source: Source
    # The year of the figures of a text that prints an amount (the loader requires it, and
    # requires the text to say it).
    as_of: int | None = None

    def printed_text(self) -> str:
        """The text as printed: with « (montant 2021) » when it has a year its text does not
        say."""
        if self.as_of is None or str(self.as_of) in self.text:
            return self.text
        return f"{self.text} (montant {self.as_of})"


@dataclass(frozen=True)
class Aid:
    code: str
    organisme: str
    title: str
    explanation: str
    next_step: str
    facts: tuple[str, ...]
    rule: Condition
    source: Source  # of the title and the explanation
    next_step_source: Source


@dataclass(frozen=True)
class NoAid:
    text: str
    source: Source
    bons_reflexes: tuple[str, ...]
    reflex_sources: tuple[Source, ...] = ()


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
    seeds: tuple[Seed, ...] = ()

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

    def seed(self, seed_id: str) -> Seed:
        for s in self.seeds:
            if s.id == seed_id:
                return s
        raise KeyError(seed_id)

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


def _optional_text(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise QuestionnaireError(f"{where}.{key}: expected a text (may be empty)")
    return value.strip()


# What a fact printing an amount from an undated source says instead of a year.
UNDATED = "montant à confirmer auprès de l’organisme"


def _no_amount(text: str, where: str) -> None:
    """Amounts change every year: only a fact with its year (``as_of``) may print one."""
    found = AMOUNT.search(text)
    if found:
        raise QuestionnaireError(f"{where}: prints an amount ({found.group().strip()}); amounts "
                                 "go in a fact that gives their year (as_of)")


def _seeds(data: Mapping[str, Any]) -> dict[str, Seed]:
    raw = data.get("seeds")
    if not isinstance(raw, dict) or not raw:
        raise QuestionnaireError("seeds: expected a table of the brochures quoted as sources, "
                                 'keyed by their id ("004" = { file, title })')
    seeds: dict[str, Seed] = {}
    for seed_id, item in raw.items():
        where = f"seeds.{seed_id}"
        if not SEED_ID.fullmatch(seed_id):
            raise QuestionnaireError(f"{where}: '{seed_id}' is not a seed id (three digits)")
        if not isinstance(item, dict):
            raise QuestionnaireError(f"{where}: expected {{file, title}}")
        file = _str(item, "file", where)
        if not file.startswith(f"{seed_id}_") or not file.endswith(".txt"):
            raise QuestionnaireError(f"{where}.file: '{file}' is not a seed file name "
                                     f"({seed_id}_….txt)")
        year = item.get("year")
        if year is not None and not _is_year(year):
            raise QuestionnaireError(f"{where}.year: expected a year")
        seeds[seed_id] = Seed(seed_id, file, _str(item, "title", where), year)
    return seeds


def _is_year(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100


SOURCE_KEYS = frozenset({"seed", "url", "read", "passage"})


def _source(raw: object, seeds: Mapping[str, Seed], where: str) -> Source:
    """A printed text's source: ``{ seed = "004", passage = "…" }`` or
    ``{ url = "https://…", read = "2026-12-04", passage = "…" }``."""
    if raw is None:
        raise QuestionnaireError(f"{where}: missing; every printed text needs its source "
                                 '({ seed = "004", passage = "…" })')
    if not isinstance(raw, dict):
        raise QuestionnaireError(f"{where}: expected {{seed, passage}} or {{url, read, passage}}")
    unknown = sorted(set(raw) - SOURCE_KEYS)
    if unknown:
        raise QuestionnaireError(f"{where}: unknown key '{unknown[0]}'; expected seed, url, "
                                 "read, passage")
    passage = raw.get("passage")
    if not isinstance(passage, str) or not passage.strip():
        raise QuestionnaireError(f"{where}.passage: expected a non-empty verbatim excerpt of "
                                 "the source")
    passage = passage.strip()
    if any(not part.strip() for part in passage.split(ELISION.strip())):
        raise QuestionnaireError(f"{where}.passage: an elision ({ELISION.strip()}) must "
                                 "separate two excerpts")
    seed, url = raw.get("seed"), raw.get("url")
    if (seed is None) == (url is None):
        raise QuestionnaireError(f"{where}: give either a seed or an url")
    if seed is not None:
        if not isinstance(seed, str) or not SEED_ID.fullmatch(seed):
            raise QuestionnaireError(f"{where}.seed: '{seed}' is not a seed id (three digits, "
                                     'e.g. "004")')
        if seed not in seeds:
            raise QuestionnaireError(f"{where}.seed: unknown seed '{seed}'; expected one of "
                                     + ", ".join(seeds))
        if "read" in raw:
            raise QuestionnaireError(f"{where}.read: only an url source has a reading date")
        return Source(passage=passage, seed=seed, title=seeds[seed].title)
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise QuestionnaireError(f"{where}.url: expected an http(s) address")
    read = raw.get("read")
    if isinstance(read, date):
        read = read.isoformat()
    if read is None:
        raise QuestionnaireError(f"{where}.read: an url source needs the date it was read "
                                 "(YYYY-MM-DD)")
    try:
        date.fromisoformat(str(read))
    except ValueError:
        raise QuestionnaireError(f"{where}.read: '{read}' is not a date (YYYY-MM-DD)") from None
    return Source(passage=passage, url=url, read=str(read), title=url)


def _organisme(raw: Mapping[str, Any], seeds: Mapping[str, Seed], where: str) -> Organisme:
    """An organisme's texts and contact sources; its field lists are read once the profile is
    known."""
    text = {k: _str(raw, k, where) for k in ("code", "name", "short_name", "role", "help_team")}
    where = f"{where} ({text['code']})"
    contact = {k: _optional_text(raw, k, where) for k in CONTACT_FIELDS}
    if not contact["phone"] and not contact["website"]:
        raise QuestionnaireError(f"{where}: give a phone or a website (a contact)")
    if contact["phone_note"] and not contact["phone"]:
        raise QuestionnaireError(f"{where}.phone_note: a note without a phone")
    raw_sources = raw.get("contact_sources", {})
    if not isinstance(raw_sources, dict):
        raise QuestionnaireError(f"{where}.contact_sources: expected a table keyed by contact "
                                 "field")
    sources: dict[str, Source] = {}
    for key in raw_sources:
        if key not in CONTACT_FIELDS:
            raise QuestionnaireError(f"{where}.contact_sources.{key}: not a contact field; "
                                     "expected one of " + ", ".join(CONTACT_FIELDS))
        if not contact[key]:
            raise QuestionnaireError(f"{where}.contact_sources.{key}: the {key} is empty (not "
                                     "printed): remove its source")
    for key in CONTACT_FIELDS:
        if contact[key]:
            _no_amount(contact[key], f"{where}.{key}")
            sources[key] = _source(raw_sources.get(key), seeds,
                                   f"{where}.contact_sources.{key}")
    return Organisme(
        code=text["code"], name=text["name"], short_name=text["short_name"],
        phone=contact["phone"], phone_note=contact["phone_note"], hours=contact["hours"],
        website=contact["website"], role=text["role"], help_team=text["help_team"],
        sources=sources)


def _fact(raw: Mapping[str, Any], seeds: Mapping[str, Seed], where: str) -> Fact:
    fact_id = _str(raw, "id", where)
    where = f"{where} ({fact_id})"
    text = _str(raw, "text", where)
    source = _source(raw.get("source"), seeds, f"{where}.source")
    as_of = raw.get("as_of")
    if as_of is not None and not _is_year(as_of):
        raise QuestionnaireError(f"{where}.as_of: expected the year of the source's figures")
    amount = AMOUNT.search(text)
    seed_year = seeds[source.seed].year if source.seed is not None else None
    if amount and source.seed is not None and seed_year is None:
        # An undated brochure: no year can be printed, so the text sends the reader to the
        # organisme for the amount in force.
        if as_of is not None:
            raise QuestionnaireError(f"{where}.as_of: seed {source.seed} gives no year; leave "
                                     "as_of out")
        if UNDATED not in text:
            raise QuestionnaireError(f"{where}.text: prints an amount from an undated source "
                                     f"({amount.group().strip()}): say « {UNDATED} » in the "
                                     "text")
        return Fact(fact_id, text, source, None)
    if amount and as_of is None:
        raise QuestionnaireError(f"{where}.as_of: the text prints an amount "
                                 f"({amount.group().strip()}): give the year of its source")
    if as_of is not None and seed_year is not None and as_of != seed_year:
        raise QuestionnaireError(f"{where}.as_of: {as_of}, but seed {source.seed} is of "
                                 f"{seed_year}")
    if amount and str(as_of) not in text:
        raise QuestionnaireError(f"{where}.text: prints an amount: say the year of its figures "
                                 f"({as_of}) in the text")
    return Fact(fact_id, text, source, as_of)


def _no_aid(raw: object, seeds: Mapping[str, Seed]) -> NoAid:
    if not isinstance(raw, dict):
        raise QuestionnaireError("no_aid: expected a table")
    text = _str(raw, "text", "no_aid")
    _no_amount(text, "no_aid.text")
    source = _source(raw.get("source"), seeds, "no_aid.source")
    reflexes = raw.get("bons_reflexes")
    if not isinstance(reflexes, list) or not reflexes or not all(
            isinstance(r, dict) for r in reflexes):
        raise QuestionnaireError("no_aid.bons_reflexes: expected a non-empty array of "
                                 "{text, source}")
    texts: list[str] = []
    sources: list[Source] = []
    for i, reflex in enumerate(reflexes, 1):
        where = f"no_aid.bons_reflexes[{i}]"
        texts.append(_str(reflex, "text", where))
        _no_amount(texts[-1], f"{where}.text")
        sources.append(_source(reflex.get("source"), seeds, f"{where}.source"))
    return NoAid(text, source, tuple(texts), tuple(sources))


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

    seeds = _seeds(data)
    organismes = tuple(_organisme(o, seeds, f"organismes[{i}]")
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

    facts = tuple(_fact(f, seeds, f"facts[{i}]")
                  for i, f in enumerate(_table_list(data, "facts", ""), 1))
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
        printed = {k: _str(a, k, where) for k in ("title", "explanation", "next_step")}
        for key, text in printed.items():
            _no_amount(text, f"{where}.{key}")
        aids.append(Aid(
            code=code, organisme=organisme, title=printed["title"],
            explanation=printed["explanation"], next_step=printed["next_step"],
            facts=tuple(aid_facts), rule=_rule(a.get("rule"), vocabulary, f"{where}.rule"),
            source=_source(a.get("source"), seeds, f"{where}.source"),
            next_step_source=_source(a.get("next_step_source"), seeds,
                                     f"{where}.next_step_source"),
        ))
    _unique([a.code for a in aids], "aids")

    urgent = data.get("urgent")
    if not isinstance(urgent, dict):
        raise QuestionnaireError("urgent: expected a table with a rule")
    urgent_rule = _rule(urgent.get("rule"), vocabulary, "urgent.rule")

    no_aid = _no_aid(data.get("no_aid"), seeds)

    return Questionnaire(
        version=version, title=_str(data, "title", ""), nsp=nsp,
        consent_text=_str(data, "consent_text", ""), organismes=organismes,
        profile=tuple(profile), derived=tuple(derived), questions=tuple(questions),
        aids=tuple(aids), urgent_rule=urgent_rule, facts=facts, no_aid=no_aid,
        seeds=tuple(seeds.values()),
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
