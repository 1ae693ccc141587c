"""Long lists of keys cut into batches for ``IN (…)`` lists and multi-row statements, on either
store: under SQLite's limit of bound parameters, and short enough that PostgreSQL plans each
batch as a list of index lookups."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

__all__ = ["IN_LIST", "chunks"]

IN_LIST = 500  # keys in one IN (…) list

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = IN_LIST) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size``, in order (none for no items)."""
    if size < 1:
        raise ValueError(f"size: {size} is not a positive number of items")
    for start in range(0, len(items), size):
        yield items[start:start + size]
