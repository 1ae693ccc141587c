"""The export shape's date parsing (app/forms/export.py): aware moments only, optional ones."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.forms.export import iso, parse_date, parse_datetime, parse_optional_datetime


def test_an_aware_moment_round_trips() -> None:
    moment = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)
    assert parse_datetime(iso(moment) or "") == moment
    assert parse_optional_datetime(None) is None
    assert iso(None) is None


def test_a_naive_moment_is_refused_with_the_value() -> None:
    with pytest.raises(ValueError, match="2026-12-04T09:30:00.*needs a time zone"):
        parse_datetime("2026-12-04T09:30:00")


def test_dates() -> None:
    assert parse_date("2026-12-04") == date(2026, 12, 4)
    assert parse_date(None) is None
