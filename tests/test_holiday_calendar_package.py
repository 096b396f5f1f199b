"""The one place the code meets the installed ``chinesecalendar`` package.

Every other test computes its dates from the tests' own fixture
(tests/data/holidays-2004-2026.json, seeded through ``$CLERK_DESK_HOLIDAYS`` by
conftest). Here the code is checked against whatever release is installed,
so a release that adds a year (2027) or revises one shows up here, and only here.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from support.desks import HOLIDAYS

from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import ensure_ready
from clerk_desk.holiday_calendar import SEED_ENV
from clerk_desk.working_days import HolidayCalendar, seed_from_chinesecalendar, statutory_days_off

D = date


@pytest.fixture(scope="module")
def package() -> HolidayCalendar:
    return seed_from_chinesecalendar()


def _package_years() -> list[int]:
    return sorted({d.year for d in (*chinese_calendar.holidays, *chinese_calendar.workdays)})


def test_seed_covers_the_package_years_only(package: HolidayCalendar) -> None:
    assert package.source.startswith("chinesecalendar ")
    assert package.source.split()[1][0].isdigit()
    years = _package_years()
    assert package.years == frozenset(years)
    # Published schedules from 2004 on, without gaps, at least up to 2026.
    assert years[0] == 2004 and years[-1] >= 2026
    assert years == list(range(years[0], years[-1] + 1))
    assert not package.covers(2003) and not package.covers(years[-1] + 1)


def test_seed_agrees_with_the_package_on_every_covered_day(package: HolidayCalendar) -> None:
    d, last = D(2004, 1, 1), D(max(package.years), 12, 31)
    while d <= last:
        assert package.is_working_day(d) == chinese_calendar.is_workday(d), d
        d += timedelta(days=1)


def test_the_tests_fixture_is_still_the_package_data_of_its_years(
    package: HolidayCalendar,
) -> None:
    # A release that revises a year the fixture holds: refresh the fixture
    # (see docs/build.md), a release that only adds years changes nothing.
    assert HOLIDAYS.years <= package.years
    assert HOLIDAYS.holidays == {d for d in package.holidays if d.year in HOLIDAYS.years}
    assert HOLIDAYS.workdays == {d for d in package.workdays if d.year in HOLIDAYS.years}


def test_a_store_is_seeded_from_the_package_without_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: FixedClock, package: HolidayCalendar
) -> None:
    monkeypatch.delenv(SEED_ENV)
    desk = Desk.open(tmp_path / "data", clock=clock)
    try:
        report = ensure_ready(desk)
        stored = desk.calendar.calendar()
    finally:
        desk.close()
    assert any("holiday calendar" in step for step in report.done)
    assert stored == package


# 2025 and 2026, and every later year a release publishes.
@pytest.mark.parametrize("year", sorted({2025, 2026, *(y for y in _package_years() if y > 2026)}))
def test_statutory_rule_agrees_with_the_published_schedules(year: int) -> None:
    # Every day the rule gives is a day off of the State Council's schedule,
    # named there for the festival the rule counts it for, as many days each.
    days = statutory_days_off(year)
    named: dict[str, int] = {}
    for d in days:
        on_holiday, name = chinese_calendar.get_holiday_detail(d)
        assert on_holiday and not chinese_calendar.is_in_lieu(d), d
        named[name] = named.get(name, 0) + 1
    assert named == {
        "New Year's Day": 1,
        "Spring Festival": 4,
        "Tomb-sweeping Day": 1,
        "Labour Day": 2,
        "Dragon Boat Festival": 1,
        "Mid-autumn Festival": 1,
        "National Day": 3,
    }


def test_qingming_agrees_with_chinesecalendar_solar_terms() -> None:
    for year in range(2025, 2100):
        terms = chinese_calendar.get_solar_terms(D(year, 3, 25), D(year, 4, 15))
        qingming = next(d for d, name in terms if name == "清明")
        assert qingming in statutory_days_off(year), year
