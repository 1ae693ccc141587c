"""The declarative condition language of the questionnaire rules.

A rule is written in the questionnaire file as nested arrays in prefix notation, e.g.::

    ["all", ["in", "Q04", ["tendue", "non"]], ["gte", "anciennete_mois", 12]]

Operators: ``eq``, ``ne``, ``in`` (fact against values), ``gt``, ``gte``, ``lt``, ``lte``
(fact against a number), ``not``, ``all``, ``any`` (on sub-conditions). A *fact* is a question
id (``Q05``), a profile field (``statut``) or a derived profile fact (``anciennete_mois``).

Parsing checks every fact and value against a :class:`Vocabulary`, so an unknown question or
answer code is a load error with its location, never a silently false rule. Evaluating a
condition returns whether it holds and the facts that made it hold (its *reasons*).

Two more readings of a rule serve the agent: :meth:`Condition.maybe` evaluates it with some facts
*unknown* (a profile field not filled in), answering ``None`` when the rule's outcome depends on
them; :meth:`Condition.affirms` tells whether a reason is one the rule asks for positively (a reason
met through ``ne`` or ``not`` — « not retired » — is a condition, not an answer worth showing).
"""

from __future__ import annotations

import functools
import operator
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

FactValue = str | int | bool | None
Facts = Mapping[str, FactValue]


class RuleError(ValueError):
    """A rule that cannot be understood; the message starts with its location."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


@dataclass(frozen=True)
class FactSpec:
    """What a fact may hold: a closed set of codes, a boolean, or an integer."""

    name: str
    kind: str  # "code" | "bool" | "int"
    codes: tuple[str, ...] = ()


class Vocabulary(Protocol):
    def fact_spec(self, name: str) -> FactSpec | None: ...


def format_value(value: FactValue) -> str:
    """How a fact value is written in a reason: ``Q01=dette``, ``activite_principale=true``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def reason_for(fact: str, facts: Facts) -> tuple[str, ...]:
    value = facts.get(fact)
    if value is None:
        return ()
    return _reason(fact, value)


@functools.lru_cache(maxsize=4096, typed=True)  # typed: True and 1 are different reasons
def _reason(fact: str, value: FactValue) -> tuple[str, ...]:
    """One text per (fact, value), built once: the same reasons come back for most situations,
    and a text made once keeps its hash (results are compared and looked up by their reasons)."""
    return (f"{fact}={format_value(value)}",)


def _merge(parts: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for part in parts:
        for reason in part:
            seen.setdefault(reason, None)
    return tuple(seen)


class Condition(ABC):
    """A node of a rule. ``test`` returns (holds, reasons)."""

    @abstractmethod
    def test(self, facts: Facts) -> tuple[bool, tuple[str, ...]]: ...

    @abstractmethod
    def fact_names(self) -> tuple[str, ...]: ...

    @abstractmethod
    def maybe(self, facts: Facts, unknown: frozenset[str]) -> bool | None:
        """Whether the condition holds when the facts named in ``unknown`` could be anything:
        True or False whatever they are, None when it depends on them (Kleene's logic)."""

    @abstractmethod
    def affirms(self, fact: str, value: str) -> bool:
        """Whether a non-negated comparison of this condition accepts ``fact=value``."""


def _leaf_maybe(condition: Condition, fact: str, facts: Facts,
                unknown: frozenset[str]) -> bool | None:
    if fact in unknown:
        return None
    return condition.test(facts)[0]


@dataclass(frozen=True)
class Eq(Condition):
    fact: str
    value: str | bool

    def test(self, facts: Facts) -> tuple[bool, tuple[str, ...]]:
        actual = facts.get(self.fact)
        holds = actual is not None and actual == self.value
        return holds, reason_for(self.fact, facts) if holds else ()

    def fact_names(self) -> tuple[str, ...]:
        return (self.fact,)

    def maybe(self, facts: Facts, unknown: frozenset[str]) -> bool | None:
        return _leaf_maybe(self, self.fact, facts, unknown)

    def affirms(self, fact: str, value: str) -> bool:
        return fact == self.fact and value == format_value(self.value)


@dataclass(frozen=True)
class Ne(Condition):
    """True when the fact is not this value. ``nsp`` or an unanswered question differs."""

    fact: str
    value: str | bool

    def test(self, facts: Facts) -> tuple[bool, tuple[str, ...]]:
        holds = facts.get(self.fact) != self.value
        return holds, reason_for(self.fact, facts) if holds else ()

    def fact_names(self) -> tuple[str, ...]:
        return (self.fact,)

    def maybe(self, facts: Facts, unknown: frozenset[str]) -> bool | None:
        return _leaf_maybe(self, self.fact, facts, unknown)

    def affirms(self, fact: str, value: str) -> bool:
        return False


@dataclass(frozen=True)
class In(Condition):
    fact: str
    values: frozenset[str]

    def test(self, facts: Facts) -> tuple[bool, tuple[str, ...]]:
        actual = facts.get(self.fact)
        holds = isinstance(actual, str) and actual in self.values
        return holds, reason_for(self.fact, facts) if holds else ()

    def fact_names(self) -> tuple[str, ...]:
        return (self.fact,)

    def maybe(self, facts: Facts, unknown: frozenset[str]) -> bool | None:
        return _leaf_maybe(self, self.fact, facts, unknown)

    def affirms(self, fact: str, value: str) -> bool:
        return fact == self.fact and value in self.values


_COMPARATORS: dict[str, Callable[[int, int], bool]] = {
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


@dataclass(frozen=True)
class Compare(Condition):
    op: str
    fact: str
    bound: int

    def test(self, facts: Facts) -> tuple[bool, tuple[str, ...]]:
        actual = facts.get(self.fact)
        if not isinstance(actual, int) or isinstance(actual, bool):
            return False, ()
        holds = _COMPARATORS[self.op](actual, self.bound)
        return holds, reason_for(self.fact, facts) if holds else ()

    def fact_names(self) -> tuple[str, ...]:
        return (self.fact,)

    def maybe(self, facts: Facts, unknown: frozenset[str]) -> bool | None:
        return _leaf_maybe(self, self.fact, facts, unknown)

    def affirms(self, fact: str, value: str) -> bool:
        if fact != self.fact or not value.lstrip("-").isdigit():
            return False
        return _COMPARATORS[self.op](int(value), self.bound)


@dataclass(frozen=True)
class Not(Condition):
    inner: Condition

    def test(self, facts: Facts) -> tuple[bool, tuple[str, ...]]:
        inner_holds, _ = self.inner.test(facts)
        if inner_holds:
            return False, ()
        return True, _merge([reason_for(name, facts) for name in self.inner.fact_names()])

    def fact_names(self) -> tuple[str, ...]:
        return self.inner.fact_names()

    def maybe(self, facts: Facts, unknown: frozenset[str]) -> bool | None:
        inner = self.inner.maybe(facts, unknown)
        return None if inner is None else not inner

    def affirms(self, fact: str, value: str) -> bool:
        return False


@dataclass(frozen=True)
class All(Condition):
    parts: tuple[Condition, ...] = field(default_factory=tuple)

    def test(self, facts: Facts) -> tuple[bool, tuple[str, ...]]:
        reasons = []
        for part in self.parts:
            holds, why = part.test(facts)
            if not holds:
                return False, ()
            reasons.append(why)
        return True, _merge(reasons)

    def fact_names(self) -> tuple[str, ...]:
        return _merge([p.fact_names() for p in self.parts])

    def maybe(self, facts: Facts, unknown: frozenset[str]) -> bool | None:
        outcomes = [p.maybe(facts, unknown) for p in self.parts]
        if False in outcomes:
            return False
        return None if None in outcomes else True

    def affirms(self, fact: str, value: str) -> bool:
        return any(p.affirms(fact, value) for p in self.parts)


@dataclass(frozen=True)
class Any(Condition):
    """Holds when one part holds; the reasons are those of every part that holds."""

    parts: tuple[Condition, ...] = field(default_factory=tuple)

    def test(self, facts: Facts) -> tuple[bool, tuple[str, ...]]:
        reasons = [why for holds, why in (p.test(facts) for p in self.parts) if holds]
        return bool(reasons), _merge(reasons)

    def fact_names(self) -> tuple[str, ...]:
        return _merge([p.fact_names() for p in self.parts])

    def maybe(self, facts: Facts, unknown: frozenset[str]) -> bool | None:
        outcomes = [p.maybe(facts, unknown) for p in self.parts]
        if True in outcomes:
            return True
        return None if None in outcomes else False

    def affirms(self, fact: str, value: str) -> bool:
        return any(p.affirms(fact, value) for p in self.parts)


def shown_reasons(condition: Condition, reasons: Sequence[str]) -> tuple[str, ...]:
    """The reasons worth showing as « why »: those the rule asks for positively.

    ``Q11=non`` met through ``["ne", "Q11", "cumul"]`` stays a reason of the evaluation (the
    rule needed it) but is not printed under the aid as if that answer had opened it.
    """
    out: list[str] = []
    for reason in reasons:
        fact, _, value = reason.partition("=")
        if condition.affirms(fact, value):
            out.append(reason)
    return tuple(out)


def parse_condition(raw: object, vocabulary: Vocabulary, where: str) -> Condition:
    """Build a condition from its file form, checking every fact and value."""
    if not isinstance(raw, list) or not raw or not isinstance(raw[0], str):
        raise RuleError(where, "a condition is an array starting with an operator name")
    op, args = raw[0], raw[1:]
    if op in ("all", "any"):
        if not args:
            raise RuleError(where, f"'{op}' needs at least one condition")
        parts = tuple(
            parse_condition(arg, vocabulary, f"{where}[{i}]") for i, arg in enumerate(args, 1)
        )
        return All(parts) if op == "all" else Any(parts)
    if op == "not":
        if len(args) != 1:
            raise RuleError(where, "'not' takes exactly one condition")
        return Not(parse_condition(args[0], vocabulary, f"{where}[1]"))
    if op in ("eq", "ne", "in") or op in _COMPARATORS:
        if len(args) != 2 or not isinstance(args[0], str):
            raise RuleError(where, f"'{op}' takes a fact name and a value")
        fact, value = args
        spec = vocabulary.fact_spec(fact)
        if spec is None:
            raise RuleError(f"{where}[1]", f"unknown question or profile field '{fact}'")
        if op in _COMPARATORS:
            return _parse_compare(op, spec, value, f"{where}[2]")
        if op == "in":
            return _parse_in(spec, value, f"{where}[2]")
        checked = _check_value(spec, value, f"{where}[2]")
        return Eq(fact, checked) if op == "eq" else Ne(fact, checked)
    raise RuleError(where, f"unknown operator '{op}'; expected one of all, any, not, eq, ne, in, "
                           "gt, gte, lt, lte")


def _check_value(spec: FactSpec, value: object, where: str) -> str | bool:
    if spec.kind == "code":
        if not isinstance(value, str) or value not in spec.codes:
            raise RuleError(where, f"{value!r} is not a value of '{spec.name}'; expected one of "
                                   + ", ".join(spec.codes))
        return value
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise RuleError(where, f"'{spec.name}' is true or false, not {value!r}")
        return value
    raise RuleError(where, f"'{spec.name}' is a number: compare it with gt, gte, lt or lte")


def _parse_in(spec: FactSpec, value: object, where: str) -> In:
    if spec.kind != "code":
        raise RuleError(where, f"'in' applies to answer codes, not to '{spec.name}'")
    if not isinstance(value, list) or not value:
        raise RuleError(where, "'in' takes a non-empty array of codes")
    codes = [_check_value(spec, v, f"{where}[{i}]") for i, v in enumerate(value, 1)]
    return In(spec.name, frozenset(str(c) for c in codes))


def _parse_compare(op: str, spec: FactSpec, value: object, where: str) -> Compare:
    if spec.kind != "int":
        raise RuleError(where, f"'{op}' compares numbers; '{spec.name}' is not a number")
    if not isinstance(value, int) or isinstance(value, bool):
        raise RuleError(where, f"'{op}' needs a whole number, not {value!r}")
    return Compare(op, spec.name, value)
