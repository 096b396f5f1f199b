"""Working days, statutory holidays and due dates of time limits (办理时限).

The holiday calendar is data, not code: the State Council publishes next year's
schedule late each year, so a :class:`HolidayCalendar` is seeded from the
``chinesecalendar`` package and later replaced year by year with :func:`merge`
when a sync brings a newer schedule. Nothing here keeps a calendar in a global:
callers pass one in.

Rules (see docs "Time limits"):

* Working days skip weekends and statutory holidays; the official make-up
  working days (调休, a Saturday or Sunday declared working) count.
* For a limit in working days, day 1 is the first working day *after* the
  acceptance day, and the due date is the ``days``-th working day.
* For a limit in calendar days, day 1 is the day after acceptance, the due date
  is ``accepted_on + days``, and when that last day is not a working day it moves
  to the next working day (民法典 art. 203).
* A day in a year without a published schedule (from 2025 on) counts that
  year's statutory holidays of 《全国年节及纪念日放假办法》 as days off
  (:func:`statutory_days_off`: the fixed and the lunar ones), with no make-up
  working days and no shifting of a holiday that falls on a weekend (补假): the
  State Council decides those in its schedule. The year is reported in
  :attr:`DueDate.unpublished_years`, so the result is flagged as provisional
  (暂定) rather than silently trusted.
"""

from __future__ import annotations

import importlib.metadata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Literal

from clerk_desk.errors import ClerkDeskError, InvalidInput

Unit = Literal["working_day", "calendar_day"]

_MAX_LISTED = 5

# 《全国年节及纪念日放假办法》 as revised in 2024 (State Council decree 795),
# in force from 2025-01-01: the rule the provisional days off follow. Earlier
# years without a schedule count weekends only.
STATUTORY_RULES_FROM = 2025

# 行政许可法 art. 32 (4): what is missing is told on the spot or within 5 days
# (working days, art. 82) of receiving the materials; after that the
# application counts as accepted from the day they were received.
NOTICE_WORKING_DAYS = 5


@cache
def statutory_days_off(year: int) -> tuple[date, ...]:
    """The statutory days off (全体公民放假的节日) of ``year``, by the 2024 rules.

    元旦 Jan 1; 春节 除夕 (the last day of the lunar year) to 正月初三, 4 days;
    清明节 the day of the Qingming solar term; 劳动节 May 1-2; 端午节 lunar 5/5;
    中秋节 lunar 8/15; 国庆节 Oct 1-3: 13 days, in date order. This is what a
    year's schedule grants at least; the published schedule adds the bridging
    days and the make-up working days (调休), which cannot be foreseen.
    Empty before :data:`STATUTORY_RULES_FROM`.
    """
    if year < STATUTORY_RULES_FROM:
        return ()
    from lunar_python import Lunar  # the lunar calendar and the solar terms (MIT)

    def solar(lunar: Lunar) -> date:
        s = lunar.getSolar()
        return date(s.getYear(), s.getMonth(), s.getDay())

    # The lunar year that begins in January or February of ``year`` holds its
    # Spring Festival, Dragon Boat, Mid-Autumn and its Qingming.
    new_year = solar(Lunar.fromYmd(year, 1, 1))
    qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
    days = {
        date(year, 1, 1),
        *(new_year + timedelta(days=n) for n in (-1, 0, 1, 2)),
        date(qingming.getYear(), qingming.getMonth(), qingming.getDay()),
        date(year, 5, 1),
        date(year, 5, 2),
        solar(Lunar.fromYmd(year, 5, 5)),
        solar(Lunar.fromYmd(year, 8, 15)),
        date(year, 10, 1),
        date(year, 10, 2),
        date(year, 10, 3),
    }
    return tuple(sorted(d for d in days if d.year == year))


@cache
def _provisional_off(year: int) -> tuple[int, ...]:
    """Ordinals of the statutory days off of an unpublished ``year`` that fall Monday-Friday."""
    return tuple(d.toordinal() for d in statutory_days_off(year) if d.weekday() < 5)


@cache
def _provisional_off_set(year: int) -> frozenset[int]:
    return frozenset(_provisional_off(year))


def _is_weekday_ordinal(ordinal: int) -> bool:
    """Monday to Friday, for a proleptic Gregorian ordinal (ordinal 1 is a Monday)."""
    return (ordinal - 1) % 7 < 5


def _weekdays_in(first: int, last: int) -> int:
    """Number of Monday-Friday ordinals in the closed range ``[first, last]``."""
    if last < first:
        return 0

    def upto(ordinal: int) -> int:
        # Monday-Friday days among ordinals 1..ordinal.
        weeks, rest = divmod(ordinal, 7)
        return weeks * 5 + min(rest, 5)

    return upto(last) - upto(first - 1)


def _listing(dates: Iterable[date]) -> str | ClerkDeskError:
    """The first dates, and how many more (a phrase translated with its message)."""
    ordered = sorted(dates)
    shown = ", ".join(d.isoformat() for d in ordered[:_MAX_LISTED])
    if len(ordered) > _MAX_LISTED:
        return ClerkDeskError(
            "{dates} and {more} more", dates=shown, more=len(ordered) - _MAX_LISTED
        )
    return shown


def _check_dates(where: str, values: frozenset[date]) -> None:
    bad = [v for v in values if isinstance(v, datetime) or not isinstance(v, date)]
    if bad:
        raise InvalidInput(where, "must hold plain dates, got {got}", got=repr(bad[0]))


@dataclass(frozen=True, slots=True)
class HolidayCalendar:
    """The official days off and make-up working days for some published years.

    ``holidays`` are the statutory days off, including the weekend days inside a
    holiday period; ``workdays`` are the make-up working days (a Saturday or a
    Sunday declared working); ``years`` are the years whose schedule is published
    and included (a covered year may have no entries at all in theory, and then
    only weekends are off). ``source`` says where the data came from.

    Every instance is validated on construction; :meth:`from_data` accepts any
    iterables and is the usual way to build one from loaded data.
    """

    holidays: frozenset[date]
    workdays: frozenset[date]
    years: frozenset[int]
    source: str
    # Derived lookups (proleptic ordinals), built once per calendar so that due
    # dates are computed without building any set per call.
    _flipped: frozenset[int] = field(init=False, repr=False, compare=False)
    _weekday_holidays: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _makeup_workdays: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        holidays = frozenset(self.holidays)
        workdays = frozenset(self.workdays)
        years = frozenset(self.years)
        object.__setattr__(self, "holidays", holidays)
        object.__setattr__(self, "workdays", workdays)
        object.__setattr__(self, "years", years)

        if not isinstance(self.source, str) or not self.source.strip():
            raise InvalidInput("source", "must name where the calendar data comes from")
        _check_dates("holidays", holidays)
        _check_dates("workdays", workdays)
        bad_years = [y for y in years if isinstance(y, bool) or not isinstance(y, int)]
        if bad_years:
            raise InvalidInput(
                "years", "must hold integer years, got {got}", got=repr(bad_years[0])
            )
        out_of_range = [y for y in years if not date.min.year <= y <= date.max.year]
        if out_of_range:
            raise InvalidInput("years", "year out of range: {year}", year=sorted(out_of_range)[0])

        both = holidays & workdays
        if both:
            raise InvalidInput(
                "holidays", "dates both holiday and make-up workday: {dates}", dates=_listing(both)
            )
        for where, values in (("holidays", holidays), ("workdays", workdays)):
            outside = [d for d in values if d.year not in years]
            if outside:
                raise InvalidInput(
                    where, "dates outside the listed years: {dates}", dates=_listing(outside)
                )
        weekday_workdays = [d for d in workdays if d.weekday() < 5]
        if weekday_workdays:
            raise InvalidInput(
                "workdays",
                "a make-up workday must be a Saturday or Sunday: {dates}",
                dates=_listing(weekday_workdays),
            )

        weekday_holidays = sorted(d.toordinal() for d in holidays if d.weekday() < 5)
        makeup = sorted(d.toordinal() for d in workdays)
        # A day whose status differs from "Monday-Friday works": holidays on a
        # weekday and make-up weekend days. Holidays on a weekend change nothing.
        object.__setattr__(self, "_flipped", frozenset(weekday_holidays) | frozenset(makeup))
        object.__setattr__(self, "_weekday_holidays", tuple(weekday_holidays))
        object.__setattr__(self, "_makeup_workdays", tuple(makeup))

    @classmethod
    def from_data(
        cls,
        holidays: Iterable[date],
        workdays: Iterable[date],
        years: Iterable[int],
        source: str,
    ) -> HolidayCalendar:
        """Build a calendar from loaded data, refusing inconsistent data.

        Raises :class:`InvalidInput` when a date is both a holiday and a make-up
        workday, when a date lies outside ``years``, when a make-up workday is a
        weekday, or when values have the wrong type.
        """
        if isinstance(years, (str, bytes)):
            raise InvalidInput("years", "must be a collection of integer years")
        return cls(
            holidays=frozenset(holidays),
            workdays=frozenset(workdays),
            years=frozenset(years),
            source=source,
        )

    def covers(self, year: int) -> bool:
        """Whether the official schedule of ``year`` is included."""
        return year in self.years

    def is_working_day(self, d: date) -> bool:
        """Make-up workday: yes; statutory holiday: no; otherwise Monday to Friday.

        For a year that is not covered this is the provisional rule (weekends
        and :func:`statutory_days_off`); check :meth:`covers` (or use
        :func:`due_date`, which flags it).
        """
        _require_date("d", d)
        ordinal = d.toordinal()
        if d.year not in self.years:
            return _is_weekday_ordinal(ordinal) and ordinal not in _provisional_off_set(d.year)
        return _is_weekday_ordinal(ordinal) != (ordinal in self._flipped)


def seed_from_chinesecalendar() -> HolidayCalendar:
    """The calendar shipped in the installed ``chinesecalendar`` package.

    Its years are the years that appear in the package's data.
    """
    import chinese_calendar

    holidays = frozenset(_as_date(d) for d in chinese_calendar.holidays)
    workdays = frozenset(_as_date(d) for d in chinese_calendar.workdays)
    years = frozenset(d.year for d in holidays | workdays)
    version = importlib.metadata.version("chinesecalendar")
    return HolidayCalendar.from_data(holidays, workdays, years, f"chinesecalendar {version}")


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise InvalidInput("chinesecalendar", "unexpected entry {value}", value=repr(value))


def merge(base: HolidayCalendar, newer: HolidayCalendar) -> HolidayCalendar:
    """``base`` with the years ``newer`` covers replaced by ``newer``'s data.

    Years only ``base`` covers are kept as they are; the result covers both.
    """
    replaced = newer.years
    years_text = ", ".join(str(y) for y in sorted(replaced))
    return HolidayCalendar(
        holidays=frozenset(d for d in base.holidays if d.year not in replaced) | newer.holidays,
        workdays=frozenset(d for d in base.workdays if d.year not in replaced) | newer.workdays,
        years=base.years | replaced,
        source=f"{base.source} + {newer.source} [{years_text}]" if replaced else base.source,
    )


@dataclass(frozen=True, slots=True)
class DueDate:
    """A computed due date.

    ``unpublished_years`` lists the years without a published schedule that the
    computation examined (went through or landed in). When it is not empty the
    date is provisional, computed with weekends and the statutory holidays of
    those years as days off (:func:`statutory_days_off`), and must be shown as such.
    """

    due_on: date
    unpublished_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.unpublished_years)


def _require_date(where: str, value: object) -> None:
    # A datetime is a date subclass but never equals a date, so holiday
    # lookups would silently miss: refuse it.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{where} must be a date, got {type(value).__name__}")


def due_date(
    accepted_on: date,
    days: int,
    unit: Unit,
    calendar: HolidayCalendar,
) -> DueDate:
    """The due date of a time limit of ``days`` ``unit``s accepted on ``accepted_on``.

    Working days: the ``days``-th working day after the acceptance day (which is
    never counted). Calendar days: ``accepted_on + days``, moved forward to the
    next working day when it is not one (民法典 art. 203). ``days == 0`` is due on
    the acceptance day itself.

    Every day examined is checked against the years ``calendar`` covers; the
    uncovered ones are reported in :attr:`DueDate.unpublished_years`. For calendar
    days only the last day and the days it moves over are examined (the days in
    between do not affect the result).
    """
    _require_date("accepted_on", accepted_on)
    if isinstance(days, bool) or not isinstance(days, int):
        raise TypeError(f"days must be an int, got {type(days).__name__}")
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    if unit != "working_day" and unit != "calendar_day":
        raise ValueError(f"unit must be 'working_day' or 'calendar_day', got {unit!r}")

    if days == 0:
        year = accepted_on.year
        return DueDate(accepted_on, () if year in calendar.years else (year,))

    flipped = calendar._flipped
    covered = calendar.years
    unpublished: list[int] = []
    # The days whose status differs from "Monday-Friday works" in the year at
    # hand: the schedule's, or the statutory weekday holidays of an unpublished year.
    current: frozenset[int] = flipped

    if unit == "working_day":
        ordinal = accepted_on.toordinal()
        remaining = days
    else:
        ordinal = accepted_on.toordinal() + days - 1
        remaining = 1
    # Force a year lookup on the first examined day.
    year_end = ordinal
    try:
        while remaining:
            ordinal += 1
            if ordinal > year_end:
                year = date.fromordinal(ordinal).year
                year_end = date(year, 12, 31).toordinal()
                if year in covered:
                    current = flipped
                else:
                    unpublished.append(year)
                    current = _provisional_off_set(year)
            if ((ordinal - 1) % 7 < 5) != (ordinal in current):
                remaining -= 1
    except (ValueError, OverflowError) as exc:
        raise ValueError(
            f"due date of {days} {unit}s from {accepted_on} is past year 9999"
        ) from exc
    return DueDate(date.fromordinal(ordinal), tuple(unpublished))


def working_days_between(start: date, end: date, calendar: HolidayCalendar) -> int:
    """Working days ``d`` with ``start < d <= end``; negative when ``end < start``.

    Used by supervision for working days left (``today`` to due) or overdue
    (due to ``today``, negated). Years the calendar does not cover count with
    weekends and their statutory holidays off; a provisional :class:`DueDate`
    already flags that.
    """
    _require_date("start", start)
    _require_date("end", end)
    if end < start:
        return -working_days_between(end, start, calendar)
    first = start.toordinal() + 1
    last = end.toordinal()
    if last < first:
        return 0
    holidays = calendar._weekday_holidays
    makeup = calendar._makeup_workdays
    off = bisect_right(holidays, last) - bisect_right(holidays, first - 1)
    for year in range(date.fromordinal(first).year, date.fromordinal(last).year + 1):
        if year not in calendar.years:
            provisional = _provisional_off(year)
            off += bisect_right(provisional, last) - bisect_right(provisional, first - 1)
    extra = bisect_right(makeup, last) - bisect_right(makeup, first - 1)
    return _weekdays_in(first, last) - off + extra
