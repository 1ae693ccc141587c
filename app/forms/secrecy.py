"""The statistical secrecy (« secret statistique ») of the published figures (issue 17).

For anyone but an administrator asking for exact figures, a count from 1 to 4 is shown as
:data:`HIDDEN` (« < 5 »). A margin whose total is shown must not let one hidden count be deduced
by subtraction: when exactly one count of a margin is hidden, the next smallest shown count of
that margin is hidden too, and so on until no margin has a single hidden count. The total itself
follows the same rule (from 1 to 4: hidden). Pure functions; 0 stays 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

THRESHOLD: Final = 5
HIDDEN: Final = "<5"

Count = int | str


def is_small(value: int) -> bool:
    """A count the secrecy hides on its own (1 to 4)."""
    return 0 < value < THRESHOLD


def suppress(cells: Sequence[int], total: int | None = None) -> tuple[list[Count], Count | None]:
    """The cells of one margin and its total (None: no total shown) with the secrecy applied.

    A small cell is hidden; then, while the total is shown and exactly one cell is hidden, the
    smallest shown cell (the first of equal ones) is hidden too."""
    hidden = [is_small(value) for value in cells]
    shown_total: Count | None = total
    if total is not None and is_small(total):
        shown_total = HIDDEN
    if total is not None and shown_total != HIDDEN:
        while sum(hidden) == 1:
            candidates = [i for i, h in enumerate(hidden) if not h]
            if not candidates:
                break
            hidden[min(candidates, key=lambda i: cells[i])] = True
    return [HIDDEN if h else value for value, h in zip(cells, hidden, strict=True)], shown_total


def suppress_rows(rows: Sequence[Mapping[str, Any]], keys: Sequence[str],
                  total: Mapping[str, int] | None = None
                  ) -> tuple[list[dict[str, Any]], dict[str, Count] | None]:
    """``rows`` (dicts) and their ``total`` with every count named in ``keys`` under the
    secrecy, each key a margin of its own (the rows' groups, the total shown)."""
    out = [dict(row) for row in rows]
    out_total: dict[str, Count] | None = None if total is None else dict(total)
    for key in keys:
        cells, shown = suppress([int(row[key]) for row in rows],
                                None if total is None else int(total[key]))
        for row, cell in zip(out, cells, strict=True):
            row[key] = cell
        if out_total is not None and shown is not None:
            out_total[key] = shown
    return out, out_total
