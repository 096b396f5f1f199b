"""The holiday calendar as data in the local store.

Seeded from the ``chinesecalendar`` package on first run; newer schedules
(the State Council publishes next year's late each year) replace whole years
through :meth:`HolidayCalendarService.replace_years`, which sync will call.

A calendar file in the exchange form ``clerk-holidays/1`` (see
:func:`calendar_from_json`) named by ``$CLERK_DESK_HOLIDAYS`` seeds a new store
instead of the package: the tests seed every store they make from their own
fixture that way, so a ``chinesecalendar`` release that adds a year changes
none of their due dates.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from clerk_desk.clock import Clock
from clerk_desk.errors import InvalidInput
from clerk_desk.journal import SYSTEM_ACTOR, record_change
from clerk_desk.models import CalendarDay, CalendarYear
from clerk_desk.storage import Store
from clerk_desk.working_days import HolidayCalendar, seed_from_chinesecalendar

# A calendar file that seeds new stores instead of the ``chinesecalendar`` package.
SEED_ENV = "CLERK_DESK_HOLIDAYS"
HOLIDAYS_FORMAT = "clerk-holidays/1"


def calendar_to_json(calendar: HolidayCalendar) -> str:
    """``calendar`` in the exchange form ``clerk-holidays/1`` (sorted, one date a line)."""
    document = {
        "format": HOLIDAYS_FORMAT,
        "source": calendar.source,
        "years": sorted(calendar.years),
        "holidays": sorted(d.isoformat() for d in calendar.holidays),
        "workdays": sorted(d.isoformat() for d in calendar.workdays),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def calendar_from_json(text: str | bytes) -> HolidayCalendar:
    """Read the exchange form: ``{"format": "clerk-holidays/1", "source": ...,
    "years": [2025, ...], "holidays": ["2025-01-01", ...], "workdays": [...]}``.

    Raises :class:`InvalidInput` naming the JSON path of what is wrong; the
    calendar's own checks (:meth:`HolidayCalendar.from_data`) then apply.
    """
    try:
        document: Any = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput("$", "unexpected entry {value}", value=str(exc)) from exc
    if not isinstance(document, dict) or document.get("format") != HOLIDAYS_FORMAT:
        got = document.get("format") if isinstance(document, dict) else document
        raise InvalidInput(
            "$.format", "must be one of {choices}, got {got}", choices=HOLIDAYS_FORMAT, got=got
        )
    source = document.get("source")
    if not isinstance(source, str):
        raise InvalidInput("$.source", "must name where the calendar data comes from")

    def dates(key: str) -> list[date]:
        values = document.get(key)
        if not isinstance(values, list):
            raise InvalidInput(f"$.{key}", "must hold plain dates, got {got}", got=repr(values))
        out: list[date] = []
        for i, value in enumerate(values):
            try:
                out.append(date.fromisoformat(value))
            except (TypeError, ValueError) as exc:
                raise InvalidInput(
                    f"$.{key}[{i}]", "must hold plain dates, got {got}", got=repr(value)
                ) from exc
        return out

    years = document.get("years")
    if not isinstance(years, list):
        raise InvalidInput("$.years", "must be a collection of integer years")
    return HolidayCalendar.from_data(dates("holidays"), dates("workdays"), years, source)


def seed_calendar() -> HolidayCalendar:
    """What a new store is seeded with: ``$CLERK_DESK_HOLIDAYS``'s file if set, else the package."""
    path = os.environ.get(SEED_ENV)
    if path:
        return calendar_from_json(Path(path).read_bytes())
    return seed_from_chinesecalendar()


# Runs inside the transaction that replaced ``years``, with the calendar as it
# now stands: what else the new schedule changes commits with it (due dates).
ReplacementStep = Callable[[Session, HolidayCalendar, frozenset[int], datetime], object]


def stored_calendar(session: Session) -> HolidayCalendar:
    """The holiday calendar as the store holds it, read in ``session``'s transaction."""
    years = {y.year: y.source for y in session.scalars(select(CalendarYear))}
    days = session.execute(select(CalendarDay.day, CalendarDay.kind)).all()
    sources = sorted(set(years.values()))
    return HolidayCalendar.from_data(
        holidays=frozenset(d for d, kind in days if kind == "holiday"),
        workdays=frozenset(d for d, kind in days if kind == "workday"),
        years=frozenset(years),
        source="; ".join(sources) if sources else "empty",
    )


class HolidayCalendarService:
    """Loads the stored calendar (cached until it is replaced).

    ``on_replaced`` steps run in the transaction of :meth:`replace_years`;
    the desk adds the review of due dates (:func:`clerk_desk.cases.review_due_dates`).
    """

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._cached: HolidayCalendar | None = None
        # Bumped by every replacement: a load that read the rows before one
        # committed must not be cached after it (threads share the service).
        self._generation = 0
        self._lock = threading.Lock()
        self.on_replaced: list[ReplacementStep] = []

    def calendar(self) -> HolidayCalendar:
        cached = self._cached
        if cached is not None:
            return cached
        with self._lock:
            generation = self._generation
        with self._store.read() as session:
            loaded = self._load(session)
        with self._lock:
            if self._generation == generation:
                self._cached = loaded
        return loaded

    @staticmethod
    def _load(session: Session) -> HolidayCalendar:
        return stored_calendar(session)

    def is_empty(self) -> bool:
        with self._store.read() as session:
            return session.scalar(select(CalendarYear.year).limit(1)) is None

    def seed_if_empty(self, seed: HolidayCalendar | None = None) -> bool:
        """Load ``seed`` (by default :func:`seed_calendar`: the schedules shipped in
        ``chinesecalendar``); False if data was there."""
        if not self.is_empty():
            return False
        self.replace_years(seed if seed is not None else seed_calendar(), actor_id=SYSTEM_ACTOR)
        return True

    def replace_years(self, newer: HolidayCalendar, *, actor_id: str) -> None:
        """Store ``newer``'s data for every year it covers, replacing what was there.

        The :attr:`on_replaced` steps run in the same transaction, so the due
        dates the newer schedule changes move with it, or nothing changes.
        """
        now = self._clock.now()
        with self._store.write() as session:
            for year in sorted(newer.years):
                start, end = date(year, 1, 1), date(year, 12, 31)
                session.execute(
                    delete(CalendarDay).where(CalendarDay.day >= start, CalendarDay.day <= end)
                )
                session.merge(CalendarYear(year=year, source=newer.source, loaded_at=now))
            session.add_all(CalendarDay(day=d, kind="holiday", name="") for d in newer.holidays)
            session.add_all(CalendarDay(day=d, kind="workday", name="") for d in newer.workdays)
            record_change(
                session,
                at=now,
                actor_id=actor_id,
                action="calendar.replaced",
                entity="calendar",
                entity_id=",".join(str(y) for y in sorted(newer.years)),
                payload={
                    "years": sorted(newer.years),
                    "source": newer.source,
                    "holidays": len(newer.holidays),
                    "workdays": len(newer.workdays),
                },
                sync=False,  # the calendar comes down from the county
            )
            if self.on_replaced:
                session.flush()
                now_standing = self._load(session)
                for step in self.on_replaced:
                    step(session, now_standing, frozenset(newer.years), now)
        # After the commit: a load that began before it (old rows) is not kept.
        with self._lock:
            self._generation += 1
            self._cached = None
