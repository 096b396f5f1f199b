"""Working days and due dates against the real 2025/2026 State Council schedules.

The calendar is the tests' own fixture (tests/data/holidays-2004-2026.json, the
schedules as shipped in chinesecalendar 1.11.0), so a newer package changes
nothing here; tests/test_holiday_calendar_package.py checks the real package.
The expected dates were worked out by hand from the published schedules:

2025: 元旦 1-1; 春节 1-28..2-4, make-up Sun 1-26 and Sat 2-8; 清明 4-4..4-6;
      劳动节 5-1..5-5, make-up Sun 4-27; 端午 5-31..6-2; 国庆/中秋 10-1..10-8,
      make-up Sun 9-28 and Sat 10-11.
2026: 元旦 1-1..1-3, make-up Sun 1-4; 春节 2-15..2-23, make-up Sat 2-14 and
      Sat 2-28; 清明 4-4..4-6; 劳动节 5-1..5-5, make-up Sat 5-9; 端午 6-19..6-21;
      中秋 9-25..9-27; 国庆 10-1..10-7, make-up Sun 9-20 and Sat 10-10.
2027 is not published in the package: it counts its statutory holidays of
《全国年节及纪念日放假办法》 (2024) as days off, provisionally: 元旦 Fri 1-1;
除夕..初三 Fri 2-5..Mon 2-8; 清明 Mon 4-5; 劳动节 Sat 5-1, Sun 5-2; 端午 Wed 6-9;
中秋 Wed 9-15; 国庆 Fri 10-1..Sun 10-3.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.desks import HOLIDAYS

from clerk_desk.errors import InvalidInput
from clerk_desk.working_days import (
    DueDate,
    HolidayCalendar,
    due_date,
    merge,
    statutory_days_off,
    working_days_between,
)

D = date


@pytest.fixture(scope="module")
def cal() -> HolidayCalendar:
    return HOLIDAYS


def wd(accepted: date, days: int, calendar: HolidayCalendar) -> DueDate:
    return due_date(accepted, days, "working_day", calendar)


def cd(accepted: date, days: int, calendar: HolidayCalendar) -> DueDate:
    return due_date(accepted, days, "calendar_day", calendar)


def brute_count(start: date, end: date, calendar: HolidayCalendar) -> int:
    """Reference for working_days_between: walk every day."""
    lo, hi, sign = (start, end, 1) if start <= end else (end, start, -1)
    count = 0
    d = lo + timedelta(days=1)
    while d <= hi:
        count += calendar.is_working_day(d)
        d += timedelta(days=1)
    return sign * count


# --- the calendar ------------------------------------------------------------


def test_fixture_covers_published_years_only(cal: HolidayCalendar) -> None:
    assert cal.covers(2025) and cal.covers(2026) and cal.covers(2004)
    assert not cal.covers(2027)
    assert not cal.covers(2003)
    assert cal.years == frozenset(range(2004, 2027))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 2, 14), True),  # Sat, make-up before Spring Festival
        (D(2026, 2, 15), False),  # Sun, inside the holiday
        (D(2026, 2, 16), False),  # Mon, Spring Festival
        (D(2026, 2, 23), False),  # Mon, last day of Spring Festival
        (D(2026, 2, 24), True),  # Tue, back to work
        (D(2026, 2, 28), True),  # Sat, make-up
        (D(2026, 3, 1), False),  # plain Sunday
        (D(2026, 9, 20), True),  # Sun, make-up for National Day
        (D(2026, 10, 1), False),
        (D(2026, 10, 7), False),
        (D(2026, 10, 8), True),
        (D(2026, 10, 10), True),  # Sat, make-up
        (D(2025, 1, 26), True),  # Sun, make-up
        (D(2025, 10, 8), False),  # 2025 National Day ran to Oct 8
        (D(2025, 10, 11), True),  # Sat, make-up
        (D(2027, 1, 1), False),  # unpublished year: 元旦 by the statutory rule
        (D(2027, 1, 2), False),
        (D(2027, 1, 4), True),
        (D(2027, 2, 5), False),  # 除夕
        (D(2027, 2, 8), False),  # 正月初三
        (D(2027, 2, 9), True),  # no bridging days are guessed
        (D(2027, 4, 5), False),  # 清明
        (D(2027, 6, 9), False),  # 端午
        (D(2027, 9, 15), False),  # 中秋
        (D(2027, 10, 1), False),
        (D(2027, 10, 4), True),  # no 补假 for Sat/Sun 10-2, 10-3
        (D(2003, 1, 1), True),  # before the 2024 rules: weekends only
    ],
)
def test_is_working_day(cal: HolidayCalendar, day: date, working: bool) -> None:
    assert cal.is_working_day(day) is working


# --- due dates in working days ----------------------------------------------


@pytest.mark.parametrize(
    ("accepted", "days", "due"),
    [
        # Friday acceptance: day 1 is the next Monday.
        (D(2025, 3, 7), 1, D(2025, 3, 10)),
        # 20 working days across Qingming 2025 (Fri 4-4 off).
        (D(2025, 3, 7), 20, D(2025, 4, 7)),
        # Across Spring Festival 2025 with both make-up days counted.
        (D(2025, 1, 20), 20, D(2025, 2, 21)),
        # Spring Festival 2026: eve Friday 2-13, make-up Sat 2-14 is day 1.
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 13), 2, D(2026, 2, 24)),
        (D(2026, 2, 13), 5, D(2026, 2, 27)),
        (D(2026, 2, 13), 6, D(2026, 2, 28)),  # lands on the make-up Saturday
        (D(2026, 2, 13), 7, D(2026, 3, 2)),
        (D(2026, 2, 12), 5, D(2026, 2, 26)),
        # Accepted on the make-up Saturday itself: not counted.
        (D(2026, 2, 14), 1, D(2026, 2, 24)),
        # Accepted on a holiday (duty counter).
        (D(2026, 2, 18), 1, D(2026, 2, 24)),
        # Mid-Autumn and National Day 2026.
        (D(2026, 9, 18), 1, D(2026, 9, 20)),  # make-up Sunday
        (D(2026, 9, 24), 1, D(2026, 9, 28)),  # eve of Mid-Autumn
        (D(2026, 9, 24), 3, D(2026, 9, 30)),
        (D(2026, 9, 24), 4, D(2026, 10, 8)),
        (D(2026, 9, 30), 1, D(2026, 10, 8)),  # eve of National Day
        (D(2026, 9, 30), 3, D(2026, 10, 10)),  # make-up Saturday
        (D(2026, 9, 30), 4, D(2026, 10, 12)),
        (D(2026, 10, 3), 1, D(2026, 10, 8)),
        # Last working day of the last published year: not provisional.
        (D(2026, 12, 24), 5, D(2026, 12, 31)),
    ],
)
def test_working_day_due_dates(cal: HolidayCalendar, accepted: date, days: int, due: date) -> None:
    assert wd(accepted, days, cal) == DueDate(due, ())
    assert not wd(accepted, days, cal).provisional


def test_zero_days_is_due_on_acceptance_day(cal: HolidayCalendar) -> None:
    assert wd(D(2026, 2, 16), 0, cal) == DueDate(D(2026, 2, 16), ())
    assert cd(D(2026, 10, 3), 0, cal) == DueDate(D(2026, 10, 3), ())
    assert wd(D(2027, 3, 1), 0, cal) == DueDate(D(2027, 3, 1), (2027,))


def test_working_days_reaching_2027_are_flagged(cal: HolidayCalendar) -> None:
    # Dec 21-25 (5), Dec 28-31 (9), then 2027 provisionally: Fri Jan 1 is 元旦,
    # Jan 4-8 (14), Jan 11-15 (19), Mon Jan 18 (20).
    result = wd(D(2026, 12, 18), 20, cal)
    assert result == DueDate(D(2027, 1, 18), (2027,))
    assert result.provisional
    # On 2026-12-31, one working day: not the holiday, the Monday after it.
    assert wd(D(2026, 12, 31), 1, cal) == DueDate(D(2027, 1, 4), (2027,))


def test_spring_festival_of_an_unpublished_year_is_off(cal: HolidayCalendar) -> None:
    # Thu 2027-02-04, then 除夕 Fri 2-5 .. 初三 Mon 2-8 off: day 1 is Tue 2-9.
    assert wd(D(2027, 2, 4), 1, cal) == DueDate(D(2027, 2, 9), (2027,))
    # Calendar days landing on 除夕 move past the festival.
    assert cd(D(2027, 1, 6), 30, cal) == DueDate(D(2027, 2, 9), (2027,))
    # Feb 2-4 and Feb 9-12 (Mon Feb 1 itself is not counted).
    assert working_days_between(D(2027, 2, 1), D(2027, 2, 12), cal) == 7


@pytest.mark.parametrize(
    ("year", "days"),
    [
        (
            2027,
            [
                "01-01",
                "02-05",
                "02-06",
                "02-07",
                "02-08",
                "04-05",
                "05-01",
                "05-02",
                "06-09",
                "09-15",
                "10-01",
                "10-02",
                "10-03",
            ],
        ),
        (
            2028,
            [
                "01-01",
                "01-25",
                "01-26",
                "01-27",
                "01-28",
                "04-04",
                "05-01",
                "05-02",
                "05-28",
                "10-01",
                "10-02",
                "10-03",
                "10-03",
            ],
        ),
    ],
)
def test_statutory_days_off(year: int, days: list[str]) -> None:
    # 2028: Mid-Autumn falls on National Day (10-3), so 12 distinct days.
    assert statutory_days_off(year) == tuple(
        sorted({date.fromisoformat(f"{year}-{d}") for d in days})
    )
    assert statutory_days_off(2024) == ()  # the 2024 rules apply from 2025


def test_accepted_in_unpublished_year_is_flagged(cal: HolidayCalendar) -> None:
    assert wd(D(2027, 6, 1), 3, cal) == DueDate(D(2027, 6, 4), (2027,))
    # Acceptance day itself is not examined: accepted on the last day of an
    # unpublished year, counting only published days, is not provisional.
    assert wd(D(2003, 12, 31), 1, cal) == DueDate(D(2004, 1, 2), ())


def test_gap_year_in_the_middle_is_flagged() -> None:
    calendar = HolidayCalendar.from_data(
        holidays=[D(2025, 12, 31), D(2027, 1, 1)],
        workdays=[],
        years=[2025, 2027],
        source="test fixture",
    )
    # Goes through the whole of 2026, which has no schedule here: 261 weekdays,
    # 10 of them statutory holidays (Jan 1, Feb 16-19, May 1, Jun 19, Sep 25,
    # Oct 1-2); Jan 1 2027 is off.
    result = wd(D(2025, 12, 30), 252, calendar)
    assert result.unpublished_years == (2026,)
    assert result.due_on == D(2027, 1, 4)
    assert wd(D(2025, 12, 30), 251, calendar).due_on == D(2026, 12, 31)


# --- due dates in calendar days ---------------------------------------------


@pytest.mark.parametrize(
    ("accepted", "days", "due"),
    [
        (D(2025, 3, 3), 4, D(2025, 3, 7)),  # lands on a Friday: stays
        (D(2025, 3, 1), 7, D(2025, 3, 10)),  # lands on Sat 3-8: moves to Monday
        (D(2025, 3, 2), 7, D(2025, 3, 10)),  # lands on Sun 3-9
        (D(2026, 9, 1), 30, D(2026, 10, 8)),  # lands on Oct 1: moves past the holiday
        (D(2026, 1, 16), 30, D(2026, 2, 24)),  # lands on Feb 15: past Spring Festival
        (D(2026, 2, 7), 7, D(2026, 2, 14)),  # lands on a make-up Saturday: stays
        (D(2026, 9, 13), 7, D(2026, 9, 20)),  # lands on Sun 9-20, a make-up day
        (D(2026, 9, 12), 7, D(2026, 9, 20)),  # Sat 9-19 moves to make-up Sun 9-20
        (D(2026, 12, 1), 30, D(2026, 12, 31)),
    ],
)
def test_calendar_day_due_dates(cal: HolidayCalendar, accepted: date, days: int, due: date) -> None:
    assert cd(accepted, days, cal) == DueDate(due, ())


def test_calendar_days_landing_in_2027_are_flagged(cal: HolidayCalendar) -> None:
    # Lands on Sat 2027-01-02, unpublished: moves to Monday on weekends only.
    assert cd(D(2026, 12, 2), 31, cal) == DueDate(D(2027, 1, 4), (2027,))
    # Long limits only examine the end: 2027 is passed over, 2028 is landed in.
    assert cd(D(2026, 6, 1), 600, cal).unpublished_years == (2028,)


# --- argument checks --------------------------------------------------------


def test_negative_days_refused(cal: HolidayCalendar) -> None:
    with pytest.raises(ValueError, match="negative"):
        wd(D(2026, 3, 2), -1, cal)
    with pytest.raises(ValueError, match="negative"):
        cd(D(2026, 3, 2), -5, cal)


def test_bad_unit_and_types_refused(cal: HolidayCalendar) -> None:
    with pytest.raises(ValueError, match="unit"):
        due_date(D(2026, 3, 2), 3, "hours", cal)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wd(datetime(2026, 3, 2, 9, 0), 3, cal)
    with pytest.raises(TypeError):
        wd(D(2026, 3, 2), 2.0, cal)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cal.is_working_day(datetime(2026, 2, 16, 9, 0))


def test_past_year_9999_refused(cal: HolidayCalendar) -> None:
    with pytest.raises(ValueError, match="9999"):
        wd(D(9999, 12, 30), 5, cal)


# --- merge ------------------------------------------------------------------


def test_merge_adds_next_year(cal: HolidayCalendar) -> None:
    # Test fixture for a 2027 schedule (not the real one).
    schedule_2027 = HolidayCalendar.from_data(
        holidays=[D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 3)],
        workdays=[D(2027, 1, 9)],
        years=[2027],
        source="server 2026-12-01",
    )
    merged = merge(cal, schedule_2027)
    assert merged.covers(2027) and merged.covers(2026) and merged.covers(2004)
    assert HOLIDAYS.source in merged.source and "server 2026-12-01" in merged.source
    # Dec 21-25 (5), Dec 28-31 (9), Jan 1 off, Jan 4-8 (14), Sat Jan 9 (15),
    # Jan 11-15 (20).
    assert wd(D(2026, 12, 18), 20, merged) == DueDate(D(2027, 1, 15), ())
    assert wd(D(2026, 12, 18), 15, merged) == DueDate(D(2027, 1, 9), ())
    # The base is unchanged.
    assert not cal.covers(2027)


def test_merge_replaces_a_covered_year(cal: HolidayCalendar) -> None:
    revised_2026 = HolidayCalendar.from_data(
        holidays=[D(2026, 10, 1)],
        workdays=[D(2026, 10, 10)],
        years=[2026],
        source="server revision",
    )
    merged = merge(cal, revised_2026)
    assert {d for d in merged.holidays if d.year == 2026} == {D(2026, 10, 1)}
    assert {d for d in merged.workdays if d.year == 2026} == {D(2026, 10, 10)}
    assert merged.is_working_day(D(2026, 10, 2))
    assert merged.is_working_day(D(2026, 2, 16))
    assert not merged.is_working_day(D(2026, 2, 14))  # no longer a make-up day
    # Other years are kept.
    assert not merged.is_working_day(D(2025, 10, 8))
    assert merged.is_working_day(D(2025, 10, 11))
    assert {d for d in merged.holidays if d.year == 2025} == {
        d for d in cal.holidays if d.year == 2025
    }
    assert merged.years == cal.years


# --- from_data validation ---------------------------------------------------


def test_from_data_accepts_consistent_data() -> None:
    calendar = HolidayCalendar.from_data(
        holidays=iter([D(2026, 10, 1), D(2026, 10, 3)]),  # a Thursday and a Saturday
        workdays={D(2026, 10, 10)},
        years=(2026,),
        source="test",
    )
    assert calendar.holidays == frozenset({D(2026, 10, 1), D(2026, 10, 3)})
    assert calendar.is_working_day(D(2026, 10, 10))
    assert not calendar.is_working_day(D(2026, 10, 1))
    assert calendar.is_working_day(D(2026, 10, 2))
    assert calendar == HolidayCalendar.from_data(
        [D(2026, 10, 3), D(2026, 10, 1)], [D(2026, 10, 10)], [2026], "test"
    )


@pytest.mark.parametrize(
    ("holidays", "workdays", "years", "source", "where", "message"),
    [
        ([D(2026, 10, 10)], [D(2026, 10, 10)], [2026], "t", "holidays", "both"),
        ([D(2027, 1, 1)], [], [2026], "t", "holidays", "outside the listed years"),
        ([], [D(2027, 1, 9)], [2026], "t", "workdays", "outside the listed years"),
        ([], [D(2026, 10, 9)], [2026], "t", "workdays", "Saturday or Sunday"),
        ([datetime(2026, 10, 1)], [], [2026], "t", "holidays", "plain dates"),
        (["2026-10-01"], [], [2026], "t", "holidays", "plain dates"),
        ([], [], [True], "t", "years", "integer"),
        ([], [], ["2026"], "t", "years", "integer"),
        ([], [], [2026], " ", "source", "where"),
    ],
)
def test_from_data_refuses_inconsistent_data(
    holidays: list[object],
    workdays: list[object],
    years: list[object],
    source: str,
    where: str,
    message: str,
) -> None:
    with pytest.raises(InvalidInput, match=message) as info:
        HolidayCalendar.from_data(holidays, workdays, years, source)  # type: ignore[arg-type]
    assert info.value.where == where


def test_direct_construction_is_validated_too() -> None:
    with pytest.raises(InvalidInput):
        HolidayCalendar(frozenset(), frozenset({D(2026, 10, 9)}), frozenset({2026}), "t")


# --- working_days_between ---------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (D(2026, 2, 13), D(2026, 2, 28), 6),
        (D(2026, 2, 28), D(2026, 2, 13), -6),
        (D(2026, 2, 13), D(2026, 2, 13), 0),
        (D(2026, 2, 14), D(2026, 2, 23), 0),  # only the holiday after the make-up day
        (D(2026, 9, 30), D(2026, 10, 10), 3),
        (D(2026, 10, 12), D(2026, 9, 30), -4),  # four working days overdue
        (D(2025, 3, 7), D(2025, 4, 7), 20),
        (D(2025, 12, 31), D(2026, 12, 31), 248),  # 261 weekdays - 19 off + 6 make-up
        (D(2026, 12, 18), D(2027, 1, 15), 19),  # 2027-01-01 off (provisional)
        # 261 weekdays - 7 statutory ones (1-1, 2-5, 2-8, 4-5, 6-9, 9-15, 10-1)
        (D(2026, 12, 31), D(2027, 12, 31), 254),
    ],
)
def test_working_days_between(cal: HolidayCalendar, start: date, end: date, count: int) -> None:
    assert working_days_between(start, end, cal) == count
    assert brute_count(start, end, cal) == count


# --- properties -------------------------------------------------------------

covered_starts = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 9, 30))
any_starts = st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31))


@given(start=covered_starts, n=st.integers(min_value=0, max_value=60))
def test_property_working_day_due_date(cal: HolidayCalendar, start: date, n: int) -> None:
    result = wd(start, n, cal)
    assert not result.provisional
    assert result.due_on >= start
    if n > 0:
        assert cal.is_working_day(result.due_on)
    assert working_days_between(start, result.due_on, cal) == n
    assert brute_count(start, result.due_on, cal) == n


@given(start=covered_starts, n=st.integers(min_value=0, max_value=60))
def test_property_calendar_day_due_date(cal: HolidayCalendar, start: date, n: int) -> None:
    result = cd(start, n, cal)
    assert not result.provisional
    last = start + timedelta(days=n)
    assert result.due_on >= last
    if n > 0:
        assert cal.is_working_day(result.due_on)
        d = last
        while d < result.due_on:
            assert not cal.is_working_day(d)
            d += timedelta(days=1)
    else:
        assert result.due_on == start


@given(start=any_starts, n=st.integers(min_value=1, max_value=300))
def test_property_flags_exactly_the_unpublished_years_examined(
    cal: HolidayCalendar, start: date, n: int
) -> None:
    result = wd(start, n, cal)
    examined = range(start.year + ((start.month, start.day) == (12, 31)), result.due_on.year + 1)
    expected = tuple(y for y in examined if not cal.covers(y))
    assert result.unpublished_years == expected
    assert working_days_between(start, result.due_on, cal) == n


@given(a=any_starts, b=any_starts)
def test_property_between_matches_brute_force(cal: HolidayCalendar, a: date, b: date) -> None:
    if abs((b - a).days) > 800:
        b = a + timedelta(days=(b - a).days % 800)
    assert working_days_between(a, b, cal) == brute_count(a, b, cal)
    assert working_days_between(b, a, cal) == -working_days_between(a, b, cal)
