"""Working days in metropolitan France and the « sans nouvelle » rule (app.forms.workdays)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.forms import deployment, workdays
from app.forms.workdays import (
    STALE_WORKING_DAYS,
    add_working_days,
    is_holiday,
    is_stale,
    is_transmitted,
    is_working_day,
    last_partner_action,
    local_day,
    local_midnight,
    stale_cutoff,
    stale_working_days,
    working_days_between,
)

# Week of 9 November 2026: Wednesday 11 is the Armistice.
MON_9_NOV = date(2026, 11, 9)
# Easter Monday 2026: 6 April.
EASTER_MONDAY = date(2026, 4, 6)


@pytest.fixture(autouse=True)
def _embedded_deployment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The embedded deployment file (« sans nouvelle » after 10 working days), read afresh."""
    monkeypatch.delenv(deployment.ENV_VAR, raising=False)
    stale_working_days.cache_clear()
    yield
    stale_working_days.cache_clear()


def use_deployment(monkeypatch: pytest.MonkeyPatch, path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(deployment.ENV_VAR, str(path))
    stale_working_days.cache_clear()
    return path


def at(day: date, hour: int = 10) -> datetime:
    """``hour`` o'clock UTC on ``day`` (11:00 or 12:00 in Paris: the same local day)."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_public_holidays_of_metropolitan_france_only() -> None:
    assert is_holiday(date(2026, 11, 11))  # Armistice
    assert is_holiday(EASTER_MONDAY)
    assert is_holiday(date(2026, 5, 1)) and is_holiday(date(2026, 7, 14))
    assert is_holiday(date(2026, 12, 25))
    # Alsace-Moselle's extra days are worked in Bretagne
    assert not is_holiday(date(2026, 12, 26))
    assert not is_holiday(date(2026, 4, 3))  # Vendredi saint 2026
    assert not is_holiday(date(2026, 11, 10))


def test_working_days_are_weekdays_that_are_not_holidays() -> None:
    assert is_working_day(date(2026, 11, 10))  # Tuesday
    assert not is_working_day(date(2026, 11, 11))  # Wednesday, Armistice
    assert not is_working_day(date(2026, 11, 14))  # Saturday
    assert not is_working_day(date(2026, 11, 15))  # Sunday


def test_two_plain_weeks_are_ten_working_days() -> None:
    monday = date(2026, 11, 16)
    assert working_days_between(monday, monday + timedelta(days=14)) == 10
    assert working_days_between(monday, monday + timedelta(days=11)) == 9  # Friday
    assert working_days_between(monday, monday) == 0
    assert working_days_between(monday, monday - timedelta(days=3)) == 0


def test_a_week_with_a_holiday_counts_one_day_less() -> None:
    # 9 Nov to 23 Nov: 11 November is skipped
    assert working_days_between(MON_9_NOV, date(2026, 11, 23)) == 9
    assert working_days_between(MON_9_NOV, date(2026, 11, 24)) == 10
    # Easter week: Friday 3 April to Friday 10 April 2026, Monday 6 skipped
    assert working_days_between(date(2026, 4, 3), date(2026, 4, 10)) == 4


def test_a_span_of_more_than_a_century_is_refused() -> None:
    with pytest.raises(ValueError, match="end: .* more than 100 years"):
        working_days_between(date(1900, 1, 1), date(2026, 1, 1))
    with pytest.raises(ValueError, match="n: "):
        add_working_days(date(2026, 1, 1), 10**6)


def test_add_working_days_skips_weekends_and_holidays() -> None:
    assert add_working_days(MON_9_NOV, 0) == MON_9_NOV
    assert add_working_days(MON_9_NOV, 2) == date(2026, 11, 12)  # skips the 11th
    assert add_working_days(date(2026, 11, 13), 1) == date(2026, 11, 16)  # Friday → Monday
    assert add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 3)  # over Easter Monday
    for n in range(0, 30):
        later = add_working_days(MON_9_NOV, n)
        assert working_days_between(MON_9_NOV, later) == n


@pytest.mark.parametrize("today", [date(2026, 11, 23), date(2026, 11, 22), date(2026, 11, 11),
                                   date(2026, 4, 20), date(2026, 1, 2)])
def test_the_cutoff_is_the_last_day_still_stale(today: date) -> None:
    cutoff = stale_cutoff(today)
    assert working_days_between(cutoff, today) >= STALE_WORKING_DAYS
    assert working_days_between(cutoff + timedelta(days=1), today) < STALE_WORKING_DAYS
    with pytest.raises(ValueError, match="days: 0"):
        stale_cutoff(today, 0)


def test_local_days_are_french() -> None:
    # 23:30 UTC on Sunday 28 June 2026 is Monday 01:30 in Paris
    assert local_day(datetime(2026, 6, 28, 23, 30, tzinfo=UTC)) == date(2026, 6, 29)
    assert local_midnight(date(2026, 6, 29)) == datetime(2026, 6, 28, 22, 0, tzinfo=UTC)
    assert local_midnight(date(2026, 12, 1)) == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match="naive"):
        local_day(datetime(2026, 6, 28))


def transmitted(day: date, **extra: Any) -> dict[str, Any]:
    return {"organisme": "urssaf", "status": "a_transmettre", "note": "",
            "updated_at": at(day - timedelta(days=1)).isoformat(),
            "transmitted_at": at(day).isoformat(), **extra}


def test_ten_working_days_without_partner_action_is_stale_nine_is_not() -> None:
    sent = date(2026, 11, 16)  # Monday
    orientation = transmitted(sent)
    assert not is_stale(orientation, at(date(2026, 11, 27)))  # 9 working days
    assert is_stale(orientation, at(date(2026, 11, 30)))  # 10 working days
    assert is_stale(orientation, at(date(2026, 11, 30)), days=10)
    assert not is_stale(orientation, at(date(2026, 11, 30)), days=11)


def test_a_holiday_is_not_a_working_day_of_the_count() -> None:
    orientation = transmitted(MON_9_NOV)
    # 9 → 23 November: 10 weekdays, one of them the Armistice
    assert not is_stale(orientation, at(date(2026, 11, 23)))
    assert is_stale(orientation, at(date(2026, 11, 24)))
    # over Easter Monday 2026: transmitted Thursday 26 March
    easter = transmitted(date(2026, 3, 26))
    assert not is_stale(easter, at(date(2026, 4, 9)))
    assert is_stale(easter, at(date(2026, 4, 10)))


def test_what_counts_as_transmitted() -> None:
    day = date(2026, 11, 16)
    assert is_transmitted(transmitted(day))
    assert not is_transmitted(transmitted(day, transmitted_at=None))  # not on the store yet
    assert is_transmitted({"status": "transmise"})
    assert is_transmitted({"status": "en_cours"}) and is_transmitted({"status": "recue"})
    assert not is_transmitted({"status": "cloturee"})
    late = at(day + timedelta(days=60))
    assert not is_stale(transmitted(day, transmitted_at=None), late)
    assert not is_stale({**transmitted(day), "status": "cloturee", "outcome": "sans_suite"}, late)


def test_a_partner_action_restarts_the_count() -> None:
    sent = date(2026, 11, 2)
    now = at(date(2026, 11, 30))
    assert is_stale(transmitted(sent), now)
    # the partner took it up on the 20th
    taken = {**transmitted(sent), "status": "en_cours", "updated_at": at(date(2026, 11, 20))}
    assert not is_stale(taken, now)
    assert last_partner_action(taken) == at(date(2026, 11, 20))
    # a note of the partner is an action too (the status stays a counter's)
    noted = transmitted(sent, note="Courrier envoyé",
                        updated_at=at(date(2026, 11, 25)).isoformat())
    assert not is_stale(noted, now)
    # ... and so is an appointment it set, even when the orientation itself is older
    booked = transmitted(sent, appointments=[
        {"kind": "rendez_vous", "organisme": "urssaf",
         "updated_at": at(date(2026, 11, 26)).isoformat()},
        {"kind": "rendez_vous", "organisme": "caf",  # another organisme's: not its action
         "updated_at": at(date(2026, 11, 29)).isoformat()},
        {"kind": "rappel", "organisme": None, "updated_at": now.isoformat()}, "junk"])
    assert last_partner_action(booked) == at(date(2026, 11, 26))
    assert not is_stale(booked, now)
    # the counter's own call-back is not the partner's action
    called = transmitted(sent, appointments=[{"kind": "rappel", "organisme": None,
                                              "updated_at": now.isoformat()}])
    assert is_stale(called, now)


def test_unreadable_times_never_flag() -> None:
    now = at(date(2026, 11, 30))
    assert last_partner_action({"status": "transmise"}) is None
    assert not is_stale({"status": "transmise", "updated_at": "hier"}, now)
    assert not is_stale({"status": "transmise", "updated_at": "2026-11-02T10:00:00"}, now)
    assert not is_stale({"status": "en_cours", "updated_at": 12}, now)
    # a transmission time given as a datetime is read as well
    assert is_stale({"status": "transmise", "transmitted_at": at(date(2026, 11, 2))}, now)
    assert last_partner_action({"status": "en_cours", "note": "x"}) is None


def test_the_holiday_calendar_is_cached_per_year() -> None:
    workdays._holidays_of.cache_clear()
    working_days_between(date(2026, 11, 2), date(2026, 11, 30))
    info = workdays._holidays_of.cache_info()
    assert info.misses == 1 and info.hits >= 19


def test_is_stale_is_the_working_day_count_for_every_pair_of_days() -> None:
    start = date(2026, 3, 20)  # over Easter, 1 and 8 May, Ascension
    for offset in range(0, 60, 3):
        since = start + timedelta(days=offset)
        orientation = {"status": "transmise", "transmitted_at": at(since, 21).isoformat()}
        for later in range(0, 40):
            now = at(since + timedelta(days=later), 23)
            expected = working_days_between(local_day(at(since, 21)), local_day(now)) >= 10
            assert is_stale(orientation, now) is expected, (since, later)


def test_the_default_is_ten_working_days() -> None:
    assert stale_working_days() == STALE_WORKING_DAYS == 10
    assert stale_cutoff(date(2026, 11, 30)) == stale_cutoff(date(2026, 11, 30), 10)


def test_the_deployment_file_sets_the_number_of_working_days(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = use_deployment(monkeypatch, tmp_path / "deployment.toml",
                          "[follow_up]\nstale_working_days = 5\n")
    assert stale_working_days() == 5
    sent = date(2026, 11, 16)  # Monday
    orientation = transmitted(sent)
    assert not is_stale(orientation, at(date(2026, 11, 20)))  # 4 working days
    assert is_stale(orientation, at(date(2026, 11, 23)))  # 5 working days
    assert not is_stale(orientation, at(date(2026, 11, 23)), days=10)  # given, it wins
    assert stale_cutoff(date(2026, 11, 23)) == sent
    # read once per process: an edited file counts after cache_clear (a restart) only
    path.write_text("[follow_up]\nstale_working_days = 7\n", encoding="utf-8")
    assert stale_working_days() == 5
    stale_working_days.cache_clear()
    assert stale_working_days() == 7


@pytest.mark.parametrize("text", [
    "[follow_up]\nstale_working_days = 0\n",  # not allowed
    "[follow_up\n",  # not TOML
])
def test_a_malformed_deployment_file_falls_back_to_ten(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        text: str) -> None:
    use_deployment(monkeypatch, tmp_path / "deployment.toml", text)
    with caplog.at_level(logging.WARNING, logger=workdays.__name__):
        assert stale_working_days() == STALE_WORKING_DAYS
    assert "deployment.toml" in caplog.text
    # the list still works
    assert is_stale(transmitted(date(2026, 11, 16)), at(date(2026, 11, 30)))


def test_a_missing_deployment_file_falls_back_to_ten(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(deployment.ENV_VAR, str(tmp_path / "missing.toml"))
    assert stale_working_days() == STALE_WORKING_DAYS


@pytest.mark.parametrize("days", [1, 2, 5, 10, 23, 150, 151, 200])
def test_weekends_first_decides_as_the_full_count_over_two_years(days: int) -> None:
    """is_stale skips the holidays' calendar when weekends alone decide: for a « now » every
    5 days of 2026-2027 (every weekday in turn) and last actions around the limit, it answers
    what the full count of working days answers."""
    limit = (days + 22) * 7 // 5 + 10  # past the calendar days the bound can span
    now_day = date(2026, 1, 1)
    while now_day < date(2028, 1, 1):
        now = at(now_day)
        for back in (*range(0, limit, 1 if days <= 23 else 4), 400):
            sent = now_day - timedelta(days=back)
            full = working_days_between(sent, now_day) >= days
            assert is_stale(transmitted(sent), now, days) is full, (now_day, sent, days)
        now_day += timedelta(days=5 if days <= 23 else 19)


def test_a_recent_or_long_waiting_orientation_needs_no_holidays_calendar() -> None:
    workdays._holidays_of.cache_clear()
    now = at(date(2026, 11, 30))
    assert not is_stale(transmitted(date(2026, 11, 25)), now)  # three working days: no
    assert is_stale(transmitted(date(2026, 9, 1)), now)  # three months: yes
    assert workdays._holidays_of.cache_info().currsize == 0
    # near the limit, the calendar decides (the Armistice is not worked)
    assert not is_stale(transmitted(MON_9_NOV), at(date(2026, 11, 23)))
    assert workdays._holidays_of.cache_info().currsize == 1
    with pytest.raises(ValueError, match="days: 0 is not allowed"):
        is_stale(transmitted(MON_9_NOV), now, 0)


def test_the_calendar_is_cached_per_library_version_and_read_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(workdays.NO_CACHE_ENV, raising=False)
    workdays._holidays_of.cache_clear()
    cache = workdays._calendar_cache()
    assert cache is not None and cache.parent == tmp_path / "accueil-ti"
    assert cache.name.startswith("jours-feries-FR-holidays-") and cache.suffix == ".json"
    assert is_holiday(date(2026, 11, 11)) and is_holiday(date(2027, 5, 17))  # Pentecôte 2027
    assert sorted(json.loads(cache.read_text(encoding="utf-8"))) == ["2026", "2027"]
    # read back without the library: a year the cache holds (tampered, to see it is read)
    cache.write_text(json.dumps({"2026": ["2026-11-12"]}), encoding="utf-8")
    workdays._holidays_of.cache_clear()
    assert is_holiday(date(2026, 11, 12)) and not is_holiday(date(2026, 11, 11))
    # an unreadable cache: the library decides, and the cache is written again
    cache.write_text("{not json", encoding="utf-8")
    workdays._holidays_of.cache_clear()
    assert is_holiday(date(2026, 11, 11))
    assert json.loads(cache.read_text(encoding="utf-8"))["2026"][0] == "2026-01-01"
    cache.write_text("[1, 2]", encoding="utf-8")  # valid JSON, not a calendar
    workdays._holidays_of.cache_clear()
    assert is_holiday(date(2026, 11, 11))
    assert "2026" in json.loads(cache.read_text(encoding="utf-8"))
    workdays._holidays_of.cache_clear()


def test_without_a_usable_cache_the_library_decides(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(workdays.NO_CACHE_ENV, "1")
    assert workdays._calendar_cache() is None
    monkeypatch.delenv(workdays.NO_CACHE_ENV)
    # a cache folder that cannot be made (a file stands in its way): logged, never raised
    blocker = tmp_path / "blocked"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    workdays._holidays_of.cache_clear()
    with caplog.at_level(logging.INFO, logger="app.forms.workdays"):
        assert is_holiday(date(2026, 12, 25))
    assert "public holidays not cached" in caplog.text
    # no distribution to name (a frozen build keeps the package, not its dist-info): no cache
    from importlib.machinery import ModuleSpec

    package = tmp_path / "site" / "holidays"
    package.mkdir(parents=True)
    frozen = ModuleSpec("holidays", None, is_package=True)
    frozen.submodule_search_locations = [str(package)]
    monkeypatch.setattr(workdays.importlib.util, "find_spec", lambda _name: frozen)
    assert workdays._calendar_cache() is None
    monkeypatch.setattr(workdays.importlib.util, "find_spec", lambda _name: None)
    assert workdays._calendar_cache() is None
    workdays._holidays_of.cache_clear()
