"""The holiday calendar as data in the local store.

Seeded from the ``chinesecalendar`` package on first run; newer schedules
(the State Council publishes next year's late each year) replace whole years
through :meth:`HolidayCalendarService.replace_years`, which sync will call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from clerk_desk.clock import Clock
from clerk_desk.journal import SYSTEM_ACTOR, record_change
from clerk_desk.models import CalendarDay, CalendarYear
from clerk_desk.storage import Store
from clerk_desk.working_days import HolidayCalendar, seed_from_chinesecalendar

# Runs inside the transaction that replaced ``years``, with the calendar as it
# now stands: what else the new schedule changes commits with it (due dates).
ReplacementStep = Callable[[Session, HolidayCalendar, frozenset[int], datetime], object]


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
        years = {y.year: y.source for y in session.scalars(select(CalendarYear))}
        days = session.execute(select(CalendarDay.day, CalendarDay.kind)).all()
        sources = sorted(set(years.values()))
        return HolidayCalendar.from_data(
            holidays=frozenset(d for d, kind in days if kind == "holiday"),
            workdays=frozenset(d for d, kind in days if kind == "workday"),
            years=frozenset(years),
            source="; ".join(sources) if sources else "empty",
        )

    def is_empty(self) -> bool:
        with self._store.read() as session:
            return session.scalar(select(CalendarYear.year).limit(1)) is None

    def seed_if_empty(self) -> bool:
        """Load the schedules shipped in ``chinesecalendar``; False if data was there."""
        if not self.is_empty():
            return False
        self.replace_years(seed_from_chinesecalendar(), actor_id=SYSTEM_ACTOR)
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
