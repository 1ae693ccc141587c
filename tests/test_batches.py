"""Long key lists cut into IN (…) batches (app.db.batches), as every store module now does."""

from __future__ import annotations

import pytest

from app.db.batches import IN_LIST, chunks


@pytest.mark.parametrize("count", [0, 1, IN_LIST - 1, IN_LIST, IN_LIST + 1, 3 * IN_LIST + 7])
def test_the_batches_hold_every_item_once_in_order(count: int) -> None:
    items = list(range(count))
    batches = list(chunks(items))
    assert [i for batch in batches for i in batch] == items
    assert all(0 < len(batch) <= IN_LIST for batch in batches)
    assert len(batches) == -(-count // IN_LIST)


def test_a_batch_size_is_a_positive_number() -> None:
    assert [list(b) for b in chunks("abcde", 2)] == [["a", "b"], ["c", "d"], ["e"]]
    with pytest.raises(ValueError, match="size: 0"):
        list(chunks([1], 0))
