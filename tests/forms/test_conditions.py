"""The condition language on its own: each operator, its reasons, unknown facts."""

from __future__ import annotations

import pytest

from app.forms.conditions import (
    All,
    Any,
    Compare,
    Eq,
    FactSpec,
    In,
    Ne,
    Not,
    format_value,
    parse_condition,
)


class Vocab:
    specs = {"Q01": FactSpec("Q01", "code", ("non", "oui", "nsp")),
             "main": FactSpec("main", "bool"), "age": FactSpec("age", "int")}

    def fact_spec(self, name: str) -> FactSpec | None:
        return self.specs.get(name)


def parse(raw: object):  # type: ignore[no-untyped-def]
    return parse_condition(raw, Vocab(), "rule")


@pytest.mark.parametrize(("raw", "facts", "holds", "reasons"), [
    (["eq", "Q01", "oui"], {"Q01": "oui"}, True, ("Q01=oui",)),
    (["eq", "Q01", "oui"], {}, False, ()),
    (["ne", "Q01", "oui"], {"Q01": "nsp"}, True, ("Q01=nsp",)),
    (["ne", "Q01", "oui"], {}, True, ()),
    (["ne", "Q01", "oui"], {"Q01": "oui"}, False, ()),
    (["in", "Q01", ["oui", "non"]], {"Q01": "non"}, True, ("Q01=non",)),
    (["in", "Q01", ["oui"]], {"Q01": None}, False, ()),
    (["eq", "main", False], {"main": False}, True, ("main=false",)),
    (["gte", "age", 60], {"age": 60}, True, ("age=60",)),
    (["gt", "age", 60], {"age": 60}, False, ()),
    (["lt", "age", 60], {"age": 59}, True, ("age=59",)),
    (["lte", "age", 60], {"age": 61}, False, ()),
    (["gte", "age", 60], {"age": True}, False, ()),
    (["gte", "age", 60], {}, False, ()),
    (["not", ["eq", "Q01", "oui"]], {"Q01": "non"}, True, ("Q01=non",)),
    (["not", ["eq", "Q01", "oui"]], {"Q01": "oui"}, False, ()),
    (["all", ["eq", "Q01", "oui"], ["eq", "main", True]], {"Q01": "oui", "main": True}, True,
     ("Q01=oui", "main=true")),
    (["all", ["eq", "Q01", "oui"], ["eq", "main", True]], {"Q01": "oui", "main": False}, False,
     ()),
    (["any", ["eq", "Q01", "oui"], ["gte", "age", 60], ["eq", "Q01", "oui"]],
     {"Q01": "oui", "age": 70}, True, ("Q01=oui", "age=70")),
    (["any", ["eq", "Q01", "oui"]], {"Q01": "non"}, False, ()),
])
def test_operators(raw: object, facts: dict, holds: bool, reasons: tuple[str, ...]) -> None:
    assert parse(raw).test(facts) == (holds, reasons)


def test_parse_builds_the_tree_and_lists_facts() -> None:
    tree = parse(["all", ["not", ["in", "Q01", ["oui"]]], ["any", ["ne", "main", True],
                                                           ["lte", "age", 3]]])
    assert tree == All((Not(In("Q01", frozenset({"oui"}))),
                        Any((Ne("main", True), Compare("lte", "age", 3)))))
    assert tree.fact_names() == ("Q01", "main", "age")
    assert Eq("Q01", "oui").fact_names() == ("Q01",)


def test_format_value() -> None:
    assert format_value(True) == "true" and format_value(False) == "false"
    assert format_value(12) == "12" and format_value("dette") == "dette"
