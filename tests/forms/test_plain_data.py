"""The quick walk of check_plain_data (records._plain, issue 18: JSON's own types tested by
identity first) answers exactly what the walk it replaced answered, subclasses included."""

from __future__ import annotations

from collections import OrderedDict
from enum import IntEnum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.forms.evaluation import SituationError
from app.forms.records import MAX_REVISION, _plain, check_plain_data


def reference_plain(raw: object) -> bool:
    """The walk before issue 18, kept here as the specification."""
    texts: list[str] = []
    stack: list[object] = [raw]
    low, high = -MAX_REVISION - 1, MAX_REVISION
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            if not all(isinstance(key, str) for key in value):
                return False
            texts.extend(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, int) and not isinstance(value, bool) \
                and not low <= value <= high:
            return False
    joined = "".join(texts)
    return "\x00" not in joined and reference_text(joined)


def reference_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Text(str):
    pass


class Items(list[Any]):
    pass


class Number(int):
    pass


class Level(IntEnum):
    LOW = 1
    HUGE = 2**40


def raises(raw: object) -> bool:
    try:
        check_plain_data(raw)
    except SituationError:
        return True
    return False


CASES: list[object] = [
    {"a": "b", "n": [1, 2.5, None, True, False]},
    {"a": "x\x00y"},
    {"x\x00": 1},
    {"a": "\ud800"},
    {"\udfff": "b"},
    {1: "x"},
    {"a": {2: "x"}},
    {b"k": "x"},
    {"n": 2**31},
    {"n": -2**31 - 1},
    {"n": -2**31},
    {"n": 2**31 - 1},
    {"b": True},
    OrderedDict([("a", "b")]),
    OrderedDict([(1, "b")]),
    OrderedDict([("a", Text("\x00"))]),
    {"a": Text("fine")},
    {"a": Text("\ud800")},
    {"a": Items(["ok", Items([1])])},
    {"a": Items(["\x00"])},
    {"a": Number(5)},
    {"a": Number(2**40)},
    {"a": Level.LOW},
    {"a": Level.HUGE},
    {"a": (1, "\x00")},  # a tuple is not walked, by either
    {"a": {"b": [{"c": "\x00"}]}},
    [],
    "plain",
    "\x00",
    2**63,
    None,
    3.5,
]


@pytest.mark.parametrize("raw", CASES)
def test_the_quick_walk_answers_as_the_old_one(raw: object) -> None:
    assert _plain(raw) == reference_plain(raw)
    assert raises(raw) == (not reference_plain(raw))


def test_subclasses_and_odd_keys_are_walked() -> None:
    assert _plain(OrderedDict([("a", Items([Text("b"), Number(3)]))]))
    assert not _plain(OrderedDict([("a", Items([Text("b\x00")]))]))
    assert not _plain({"a": [Number(2**31)]})
    assert not _plain({"a": {3: "b"}})
    with pytest.raises(SituationError, match=r"^a: the key 3 is not a text"):
        check_plain_data({"a": {3: "b"}})


texts = st.text(alphabet=st.characters() | st.sampled_from(["\x00", "\ud800"]), max_size=6)
json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False)
    | st.integers(min_value=-2**33, max_value=2**33) | texts,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(texts | st.integers(0, 3), children, max_size=4),
    max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_data_is_judged_as_before(raw: object) -> None:
    assert _plain(raw) == reference_plain(raw)
    assert raises(raw) == (not reference_plain(raw))
