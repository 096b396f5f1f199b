"""Electronic supervision (电子监察): the colour of a case against its due date.

* :attr:`DueLevel.GREEN` while on time, :attr:`DueLevel.YELLOW` when little
  time is left, :attr:`DueLevel.RED` once the due date has passed, and
  :attr:`DueLevel.NONE` when there is no clock to watch: no due date (not
  accepted yet, or an immediate item) or a closed case.
* "Little time left" is the :class:`WarningPolicy`: the last ``share`` of the
  limit's working days, or the last ``min_working_days`` working days,
  whichever is longer. With the default (20%, 2 days) a 20-working-day limit
  turns yellow 4 working days before its due date, a 5-day limit 2 days before.
* Working days left are :func:`~clerk_desk.working_days.working_days_between`
  ``(today, due_on)``: the working days after today up to and including the
  due date, so 0 on the due date itself (which is still on time: yellow).

Closed cases (completed, delivered, withdrawn, rejected) show NONE: their
clock stopped. A case completed after its due date was late; that is a figure
of the completion reports, not a colour of the list.

A suspended case (clock paused, 行政许可法 art. 45) is coloured by its stored
due date like a running one. The due date moves by the paused working days
only when the case resumes, so a long suspension can show yellow or red while
paused; the list shows the state beside the colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clerk_desk.errors import InvalidInput
from clerk_desk.lifecycle import CLOCK_RUNNING_STATES, CaseState
from clerk_desk.working_days import HolidayCalendar, working_days_between

__all__ = [
    "DueLevel",
    "WarningPolicy",
    "due_level",
    "working_days_left",
    "yellow_threshold",
]


class DueLevel(StrEnum):
    NONE = "none"
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


@dataclass(frozen=True, slots=True)
class WarningPolicy:
    """When a case turns yellow: in the last ``share`` of its limit's working days,
    or in its last ``min_working_days`` working days, whichever is larger."""

    share: float = 0.2
    min_working_days: int = 2

    def __post_init__(self) -> None:
        share = self.share
        if isinstance(share, bool) or not isinstance(share, (int, float)):
            raise InvalidInput("share", "must be a number, got {got}", got=repr(share))
        if not 0 <= share < 1:
            raise InvalidInput(
                "share", "must be at least 0 and below 1, got {got}", got=repr(share)
            )
        days = self.min_working_days
        if isinstance(days, bool) or not isinstance(days, int):
            raise InvalidInput(
                "min_working_days", "must be a whole number, got {got}", got=repr(days)
            )
        if days < 0:
            raise InvalidInput("min_working_days", "must not be negative, got {got}", got=days)


def yellow_threshold(total_working_days: int, policy: WarningPolicy) -> int:
    """Working days left at or below which a limit of ``total_working_days`` is yellow."""
    # Rounded before ceil so that e.g. 0.1 * 30 (3.0000000000000004) is 3, not 4.
    share_days = math.ceil(round(policy.share * max(total_working_days, 0), 9))
    return max(policy.min_working_days, share_days)


def working_days_left(today: date, due_on: date, calendar: HolidayCalendar) -> int:
    """Working days after ``today`` up to and including ``due_on``; negative when overdue.

    0 on the due date itself. Once ``today`` is past ``due_on`` the result is
    minus the working days since the due date, and at least 1 of them (a day
    off right after the due date already counts as one day late).
    """
    if today > due_on:
        return -max(1, working_days_between(due_on, today, calendar))
    return working_days_between(today, due_on, calendar)


def due_level(
    *,
    state: CaseState,
    accepted_on: date | None,
    due_on: date | None,
    today: date,
    calendar: HolidayCalendar,
    policy: WarningPolicy,
) -> DueLevel:
    """The supervision colour of a case on ``today`` (see the module docstring)."""
    if due_on is None or state not in CLOCK_RUNNING_STATES:
        return DueLevel.NONE
    if today > due_on:
        return DueLevel.RED
    total = working_days_between(accepted_on, due_on, calendar) if accepted_on else 0
    left = working_days_between(today, due_on, calendar)
    if left <= yellow_threshold(total, policy):
        return DueLevel.YELLOW
    return DueLevel.GREEN
