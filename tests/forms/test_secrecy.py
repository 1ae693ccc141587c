"""The statistical secrecy: counts from 1 to 4 hidden, and the counts a shown total would
reveal (a margin with exactly one hidden cell) hidden too, until stable."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.forms.secrecy import HIDDEN, is_small, suppress, suppress_rows


def test_small_counts_are_hidden_zero_and_large_are_not() -> None:
    assert [is_small(n) for n in (0, 1, 4, 5)] == [False, True, True, False]
    assert suppress([0, 1, 4, 5, 9]) == ([0, HIDDEN, HIDDEN, 5, 9], None)


def test_a_single_hidden_cell_hides_the_next_smallest() -> None:
    # 40 - 20 - 17 would give the 3: the 17 is hidden too
    assert suppress([20, 3, 17], 40) == ([20, HIDDEN, HIDDEN], 40)
    # equal candidates: the first of them
    assert suppress([2, 9, 9], 20) == ([HIDDEN, HIDDEN, 9], 20)
    # two small cells already: nothing more to hide
    assert suppress([2, 3, 30], 35) == ([HIDDEN, HIDDEN, 30], 35)
    # without a total shown, nothing can be deduced
    assert suppress([20, 3, 17]) == ([20, HIDDEN, 17], None)


def test_a_lone_cell_and_small_totals() -> None:
    assert suppress([3], 3) == ([HIDDEN], HIDDEN)
    assert suppress([3, 1], 4) == ([HIDDEN, HIDDEN], HIDDEN)
    assert suppress([], 0) == ([], 0)
    # a hidden total: its margin reveals nothing more
    assert suppress([0, 3], 3) == ([0, HIDDEN], HIDDEN)
    # a margin with one cell of 3 whose total is large (other dossiers in no group)
    assert suppress([3], 12) == ([HIDDEN], 12)


def test_rows_each_key_a_margin() -> None:
    rows = [{"site": "BRE", "entries": 12, "reached": 1},
            {"site": "QUI", "entries": 8, "reached": 6}]
    shown, total = suppress_rows(rows, ["entries", "reached"], {"entries": 20, "reached": 7})
    assert shown == [{"site": "BRE", "entries": 12, "reached": HIDDEN},
                     {"site": "QUI", "entries": 8, "reached": HIDDEN}]
    assert total == {"entries": 20, "reached": 7}
    assert rows[0]["reached"] == 1  # the input is left as it was
    shown, total = suppress_rows(rows, ["reached"])
    assert total is None and shown[1]["reached"] == 6


@given(st.lists(st.integers(min_value=0, max_value=40), max_size=8))
def test_no_margin_is_left_with_one_hidden_cell(cells: list[int]) -> None:
    shown, total = suppress(cells, sum(cells))
    hidden = [c == HIDDEN for c in shown]
    assert all(h for value, h in zip(cells, hidden, strict=True) if 0 < value < 5)
    if total != HIDDEN and len(cells) > 1:
        assert sum(hidden) != 1
    assert all(s == c for s, c in zip(shown, cells, strict=True) if s != HIDDEN)
