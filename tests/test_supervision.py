"""Electronic supervision colours on the real 2026 calendar (hand-computed dates)."""

from __future__ import annotations

from datetime import date

import pytest
from support.desks import HOLIDAYS

from clerk_desk.errors import InvalidInput
from clerk_desk.lifecycle import CaseState
from clerk_desk.supervision import (
    DueLevel,
    WarningPolicy,
    due_level,
    working_days_left,
    yellow_threshold,
)
from clerk_desk.working_days import HolidayCalendar, working_days_between

CAL = HOLIDAYS  # the tests' own calendar (conftest)
DEFAULT = WarningPolicy()


def level(
    today: date,
    *,
    accepted_on: date | None,
    due_on: date | None,
    state: CaseState = CaseState.IN_PROGRESS,
    policy: WarningPolicy = DEFAULT,
    calendar: HolidayCalendar = CAL,
) -> DueLevel:
    return due_level(
        state=state,
        accepted_on=accepted_on,
        due_on=due_on,
        today=today,
        calendar=calendar,
        policy=policy,
    )


# A 20-working-day limit accepted Monday 23 November 2026 is due Monday 21
# December (no holiday in between). 20% of 20 is 4 > 2: yellow with 4 working
# days left, i.e. from Tuesday 15 December (16, 17, 18 and 21 left).
ACCEPTED = date(2026, 11, 23)
DUE = date(2026, 12, 21)


def test_the_example_limit_has_20_working_days() -> None:
    assert working_days_between(ACCEPTED, DUE, CAL) == 20
    assert yellow_threshold(20, DEFAULT) == 4


@pytest.mark.parametrize(
    ("today", "left", "expected"),
    [
        (date(2026, 11, 23), 20, DueLevel.GREEN),  # acceptance day
        (date(2026, 12, 11), 6, DueLevel.GREEN),  # Friday
        (date(2026, 12, 12), 6, DueLevel.GREEN),  # Saturday: 14-18 and 21 left
        (date(2026, 12, 14), 5, DueLevel.GREEN),  # Monday: last green day
        (date(2026, 12, 15), 4, DueLevel.YELLOW),  # Tuesday: first yellow day
        (date(2026, 12, 18), 1, DueLevel.YELLOW),
        (date(2026, 12, 19), 1, DueLevel.YELLOW),  # Saturday before the due Monday
        (date(2026, 12, 21), 0, DueLevel.YELLOW),  # due today: still on time
        (date(2026, 12, 22), -1, DueLevel.RED),  # the day after
        (date(2026, 12, 24), -3, DueLevel.RED),
    ],
)
def test_green_yellow_red_boundaries(today: date, left: int, expected: DueLevel) -> None:
    assert working_days_left(today, DUE, CAL) == left
    assert level(today, accepted_on=ACCEPTED, due_on=DUE) is expected


def test_minimum_days_win_over_a_small_share() -> None:
    # 5 working days from Monday 23 Nov: due Monday 30 Nov. 20% of 5 is 1 < 2.
    accepted, due = date(2026, 11, 23), date(2026, 11, 30)
    assert working_days_between(accepted, due, CAL) == 5
    assert yellow_threshold(5, DEFAULT) == 2
    assert level(date(2026, 11, 25), accepted_on=accepted, due_on=due) is DueLevel.GREEN  # 3 left
    assert level(date(2026, 11, 26), accepted_on=accepted, due_on=due) is DueLevel.YELLOW  # 2
    # Without the minimum only the share counts: 1 working day.
    share_only = WarningPolicy(share=0.2, min_working_days=0)
    assert level(date(2026, 11, 26), accepted_on=accepted, due_on=due, policy=share_only) is (
        DueLevel.GREEN
    )
    assert level(date(2026, 11, 27), accepted_on=accepted, due_on=due, policy=share_only) is (
        DueLevel.YELLOW
    )


def test_a_larger_share_wins_over_the_minimum() -> None:
    half = WarningPolicy(share=0.5, min_working_days=2)
    assert yellow_threshold(20, half) == 10
    # 10 working days before 21 Dec: 8..11 and 14..18 and 21 are the last 10.
    assert level(date(2026, 12, 7), accepted_on=ACCEPTED, due_on=DUE, policy=half) is (
        DueLevel.YELLOW
    )
    assert level(date(2026, 12, 4), accepted_on=ACCEPTED, due_on=DUE, policy=half) is (
        DueLevel.GREEN
    )


def test_share_rounds_up_without_float_noise() -> None:
    assert yellow_threshold(21, WarningPolicy(share=0.2, min_working_days=0)) == 5  # 4.2
    assert yellow_threshold(30, WarningPolicy(share=0.1, min_working_days=0)) == 3  # not 4
    assert yellow_threshold(0, WarningPolicy(share=0.5, min_working_days=0)) == 0
    assert yellow_threshold(7, WarningPolicy(share=0.0, min_working_days=3)) == 3


def test_holidays_do_not_eat_the_warning_period() -> None:
    # 5 working days from Monday 28 Sep 2026: 29, 30 Sep, then the National Day
    # holiday (1-7 Oct), then 8, 9 Oct and the make-up working Saturday 10 Oct.
    accepted, due = date(2026, 9, 28), date(2026, 10, 10)
    assert working_days_between(accepted, due, CAL) == 5
    assert level(date(2026, 9, 30), accepted_on=accepted, due_on=due) is DueLevel.GREEN
    assert working_days_left(date(2026, 10, 1), due, CAL) == 3
    assert level(date(2026, 10, 5), accepted_on=accepted, due_on=due) is DueLevel.GREEN
    assert level(date(2026, 10, 8), accepted_on=accepted, due_on=due) is DueLevel.YELLOW
    assert level(date(2026, 10, 10), accepted_on=accepted, due_on=due) is DueLevel.YELLOW
    # Sunday 11 Oct: one day late although no working day has passed since.
    assert working_days_left(date(2026, 10, 11), due, CAL) == -1
    assert level(date(2026, 10, 11), accepted_on=accepted, due_on=due) is DueLevel.RED
    assert working_days_left(date(2026, 10, 12), due, CAL) == -1
    assert working_days_left(date(2026, 10, 13), due, CAL) == -2


@pytest.mark.parametrize(
    "state",
    [CaseState.COMPLETED, CaseState.DELIVERED, CaseState.WITHDRAWN, CaseState.REJECTED],
)
def test_closed_cases_show_no_colour_even_when_completed_late(state: CaseState) -> None:
    late = date(2027, 1, 5)
    assert level(late, accepted_on=ACCEPTED, due_on=DUE, state=state) is DueLevel.NONE
    assert level(date(2026, 12, 21), accepted_on=ACCEPTED, due_on=DUE, state=state) is (
        DueLevel.NONE
    )


@pytest.mark.parametrize("state", [CaseState.CONSULTED, CaseState.NOTICE_ISSUED])
def test_cases_not_accepted_show_no_colour(state: CaseState) -> None:
    assert level(date(2026, 12, 22), accepted_on=None, due_on=DUE, state=state) is DueLevel.NONE
    assert level(date(2026, 12, 22), accepted_on=None, due_on=None, state=state) is DueLevel.NONE


def test_no_due_date_means_no_colour() -> None:
    # An immediate item (即办件): accepted, no due date.
    assert level(
        date(2026, 12, 22), accepted_on=ACCEPTED, due_on=None, state=CaseState.ACCEPTED
    ) is (DueLevel.NONE)


@pytest.mark.parametrize(
    "state",
    [
        CaseState.ACCEPTED,
        CaseState.TOLERANT_ACCEPTED,
        CaseState.IN_PROGRESS,
        CaseState.SUSPENDED,
        CaseState.DECIDED,
    ],
)
def test_running_suspended_and_decided_cases_are_coloured_by_their_dates(
    state: CaseState,
) -> None:
    assert level(date(2026, 12, 14), accepted_on=ACCEPTED, due_on=DUE, state=state) is (
        DueLevel.GREEN
    )
    assert level(date(2026, 12, 15), accepted_on=ACCEPTED, due_on=DUE, state=state) is (
        DueLevel.YELLOW
    )
    assert level(date(2026, 12, 22), accepted_on=ACCEPTED, due_on=DUE, state=state) is (
        DueLevel.RED
    )


def test_without_an_acceptance_date_only_the_minimum_applies() -> None:
    assert level(date(2026, 12, 16), accepted_on=None, due_on=DUE) is DueLevel.GREEN  # 3 left
    assert level(date(2026, 12, 17), accepted_on=None, due_on=DUE) is DueLevel.YELLOW  # 2 left


def test_working_days_left_is_zero_on_the_due_date() -> None:
    assert working_days_left(DUE, DUE, CAL) == 0
    assert working_days_left(date(2026, 12, 18), DUE, CAL) == 1


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"share": 1.0}, "share"),
        ({"share": -0.1}, "share"),
        ({"share": True}, "share"),
        ({"share": "0.2"}, "share"),
        ({"min_working_days": -1}, "min_working_days"),
        ({"min_working_days": 1.5}, "min_working_days"),
        ({"min_working_days": False}, "min_working_days"),
    ],
)
def test_policy_is_validated(kwargs: dict[str, object], where: str) -> None:
    with pytest.raises(InvalidInput) as err:
        WarningPolicy(**kwargs)  # type: ignore[arg-type]
    assert err.value.where == where


def test_policy_defaults_and_edges() -> None:
    assert (DEFAULT.share, DEFAULT.min_working_days) == (0.2, 2)
    assert WarningPolicy(share=0, min_working_days=0).share == 0
    assert WarningPolicy(share=0.99).share == 0.99
