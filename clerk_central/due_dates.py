"""The server's own count of a case's due date when the back office resumes it.

A terminal moves a resumed case's due date by the working days spent suspended
(:func:`clerk_desk.cases.shift_due_after_suspension`). When the back office resumes a
case, the terminal does the same as it applies the ``case_step`` item, but it sends no
snapshot back (no echo: see :mod:`clerk_desk.office_steps`), so the server counts the
same days itself: with the holiday calendars it published (the feed's ``calendar``
items the case's centre sees, a later item replacing the years it covers) and the
terminal's own functions (:mod:`clerk_desk.working_days`). Until a terminal's next step
on the case, the status page and ``GET /office/v1/cases/{number}`` show this date; the
terminal's next snapshot carries its own count, which agrees when both hold the same
calendar.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from clerk_central.models import AppliedChange, FeedItem, ServerCase
from clerk_desk.errors import InvalidInput
from clerk_desk.holiday_calendar import calendar_from_json
from clerk_desk.working_days import HolidayCalendar, due_date, working_days_between

# The centres' time zone: a day of the clock is a day in China.
TIMEZONE = ZoneInfo("Asia/Shanghai")


def local_day(at: datetime) -> date:
    return at.astimezone(TIMEZONE).date()


def centre_calendar(session: Session, centre_id: int) -> HolidayCalendar:
    """The holiday calendar the centre's terminals hold: every published year, newest wins."""
    bodies = session.scalars(
        select(FeedItem.body)
        .where(
            FeedItem.kind == "calendar",
            or_(
                FeedItem.scope == "all",
                and_(FeedItem.scope == "centre", FeedItem.centre_id == centre_id),
            ),
        )
        .order_by(FeedItem.version)
    ).all()
    per_year: dict[int, tuple[set[date], set[date]]] = {}
    for body in bodies:
        try:
            published = calendar_from_json(json.dumps(body, ensure_ascii=False))
        except InvalidInput:
            continue  # publishing checks every calendar; an unreadable one counts for nothing
        for year in published.years:
            per_year[year] = (
                {d for d in published.holidays if d.year == year},
                {d for d in published.workdays if d.year == year},
            )
    return HolidayCalendar.from_data(
        (d for holidays, _ in per_year.values() for d in holidays),
        (d for _, workdays in per_year.values() for d in workdays),
        per_year,
        "clerk-central feed",
    )


def _suspended_on(session: Session, case: ServerCase) -> date | None:
    """The day the clock stopped: the back office's last suspension, else the terminal's."""
    steps = (case.data.get("office") or {}).get("steps", [])
    for step in reversed(steps):
        if step.get("step") == "suspended":
            return local_day(datetime.fromisoformat(step["at"]))
        if step.get("step") == "resumed":
            break
    payload = session.scalar(
        select(AppliedChange.payload)
        .where(
            AppliedChange.entity == "case",
            AppliedChange.entity_id == case.id,
            AppliedChange.operation == "case.suspended",
        )
        .order_by(AppliedChange.id.desc())
        .limit(1)
    )
    detail = ((payload or {}).get("event") or {}).get("detail") or {}
    on = detail.get("suspended_on")
    try:
        return date.fromisoformat(on) if isinstance(on, str) else None
    except ValueError:
        return None


def shift_on_resume(session: Session, case: ServerCase, now: datetime) -> dict[str, Any]:
    """Move the server's copy's due date by the working days suspended; what was counted.

    Returns ``{"paused_working_days", "due_on"}`` ({} when the case has no due date or
    no known suspension day). Changes ``case.data`` in the caller's transaction.
    """
    snapshot = dict(case.data.get("case") or {})
    due_text = snapshot.get("due_on")
    since = _suspended_on(session, case)
    if not isinstance(due_text, str) or since is None:
        return {}
    try:
        due_on = date.fromisoformat(due_text)
    except ValueError:
        return {}
    calendar = centre_calendar(session, case.centre_id)
    paused = max(0, working_days_between(since, local_day(now), calendar))
    if paused:
        moved = due_date(due_on, paused, "working_day", calendar)
        due_on = moved.due_on
        unpublished = set(snapshot.get("due_unpublished_years") or [])
        snapshot["due_unpublished_years"] = sorted(unpublished | set(moved.unpublished_years))
        snapshot["due_on"] = due_on.isoformat()
        case.data = {**case.data, "case": snapshot}
    return {"paused_working_days": paused, "due_on": due_on.isoformat()}
