"""The pure hash chain shared by the central store's audit log and the workstation's history:
the canonical hash, the exported head, and the verdicts on a chain read from anywhere."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from app.forms.audit_chain import GENESIS, ChainRow, Head, row_hash, verify_rows

T0 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


def chain(count: int, *, start: datetime = T0) -> list[ChainRow]:
    rows, prev = [], GENESIS
    for seq in range(1, count + 1):
        at = start + timedelta(minutes=seq)
        digest = row_hash(seq, at, "bre", "read", None, "", prev)
        rows.append(ChainRow(seq, seq, at, "bre", "read", None, "", prev, digest))
        prev = digest
    return rows


def test_the_hash_is_canonical() -> None:
    dossier = uuid.uuid4()
    naive = T0.replace(tzinfo=None)
    assert row_hash(1, T0, "a", "read", dossier, "", GENESIS) == row_hash(
        1, naive, "a", "read", str(dossier).upper(), "", GENESIS)  # UTC, dashed lowercase
    assert row_hash(1, T0, "a", "read", "not-a-uuid", "", GENESIS) != row_hash(
        1, T0, "a", "read", None, "", GENESIS)


def test_an_exported_head_is_read_back_or_refused_naming_the_key() -> None:
    head = Head(3, "a" * 64, T0)
    assert Head.from_json(head.to_json()) == head
    assert Head.from_json({"rows": 0, "head": GENESIS, "at": None}).at is None
    assert Head.from_json({"rows": 1, "head": "b" * 64, "at": "2026-12-04T09:00:00"}).at == T0
    for data, key in (([], "JSON object"), ({"rows": -1, "head": "a" * 64}, "rows"),
                      ({"rows": 1, "head": "xyz"}, "head"),
                      ({"rows": 1, "head": "a" * 64, "at": "hier"}, "at")):
        with pytest.raises(ValueError, match=key):
            Head.from_json(data)


def test_a_row_inserted_after_the_head_and_a_row_that_breaks_its_link() -> None:
    rows = chain(3)
    assert verify_rows(iter(rows), Head(3, rows[-1].row_hash, rows[-1].at)).ok
    # A row appended with a hash of its own that links nowhere, beyond what the head records.
    stray = ChainRow(4, 4, T0 + timedelta(minutes=9), "x", "read", None, "", "f" * 64, "e" * 64)
    verdict = verify_rows(iter([*rows, stray]), Head(3, rows[-1].row_hash, rows[-1].at))
    assert verdict.message() == "audit: row 4 inserted after the head (the head record says 3 rows)"
    # A row whose content was changed and whose hash was recomputed, but not the next one's link.
    changed = ChainRow(2, 2, rows[1].at, "bre", "update", None, "", rows[0].row_hash, "")
    forged = ChainRow(2, 2, changed.at, "bre", "update", None, "", rows[0].row_hash,
                      changed.computed())
    verdict = verify_rows(iter([rows[0], forged, rows[2]]), Head(3, rows[-1].row_hash, None))
    assert verdict.message() == ("audit: row 2 changed (row 3 no longer links to it: its hash "
                                 "was recomputed)")


def test_a_row_slipped_between_two_linked_rows_is_named() -> None:
    rows = chain(3)
    slipped = ChainRow(9, 2, rows[0].at, "x", "read", None, "", "0" * 64, "1" * 64)
    verdict = verify_rows(iter([rows[0], slipped, *rows[1:]]),
                          Head(3, rows[-1].row_hash, rows[-1].at))
    assert verdict.message() == "audit: row 2 (id 9) inserted (not in the chain)"
