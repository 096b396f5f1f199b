"""The holiday calendar is data in the store, replaceable by newer schedules."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from support.desks import HOLIDAYS
from support.intake import KEY, LOW_INCOME, NO

from clerk_desk.clock import CHINA_TZ
from clerk_desk.working_days import HolidayCalendar


def test_seeded_from_the_tests_fixture(desk) -> None:
    # conftest points $CLERK_DESK_HOLIDAYS at tests/data (the package is checked
    # in tests/test_holiday_calendar_package.py only).
    cal = desk.calendar.calendar()
    assert cal == HOLIDAYS
    assert cal.covers(2026) and not cal.covers(2027)
    assert not cal.is_working_day(date(2026, 10, 1))  # National Day
    assert cal.is_working_day(date(2026, 9, 20))  # a make-up Sunday (调休)
    assert not desk.calendar.seed_if_empty()  # second run: nothing to do


def test_a_newer_schedule_replaces_its_year_and_unflags_due_dates(desk, clerk, applicant, clock):
    clock.set(datetime(2026, 12, 14, 10, 0, tzinfo=CHINA_TZ))

    def accept_one():
        case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
        desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
        return desk.intake.accept(case_id=case.id, clerk_id=clerk.id)

    before = accept_one()
    assert before.due_unpublished_years == (2027,)
    # Provisional: 15-31 Dec 13 working days, Fri 1 Jan off (元旦 by the statutory
    # rule), 4-8 Jan 18, 11-12 Jan 20.
    assert before.due_on == date(2027, 1, 12)

    # The county publishes 2027: New Year 1-3 Jan off, Sunday 10 Jan a make-up working day.
    newer = HolidayCalendar.from_data(
        holidays=[date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)],
        workdays=[date(2027, 1, 10)],
        years=[2027],
        source="county server 2026-12-10",
    )
    desk.calendar.replace_years(newer, actor_id=clerk.id)
    cal = desk.calendar.calendar()
    assert cal.covers(2026) and cal.covers(2027)
    assert not cal.is_working_day(date(2027, 1, 1)) and cal.is_working_day(date(2027, 1, 10))
    after = accept_one()
    assert after.due_unpublished_years == ()
    # 15-31 Dec: 13 working days; 4-8 Jan: 5 more (18); Sun 10 Jan (19), Mon 11 Jan (20).
    assert after.due_on == date(2027, 1, 11)
    # The case accepted before the schedule came is reviewed in the same transaction:
    # a day earlier here (the make-up Sunday counts), no longer provisional, and
    # the step is on its timeline.
    reviewed = desk.cases.get(before.id)
    assert reviewed.due_unpublished_years == () and reviewed.due_on == date(2027, 1, 11)
    step = desk.cases.timeline(before.id)[-1]
    assert step.action == "due_date_reviewed" and step.staff_id is None
    assert step.detail.to_json()["provisional_years_before"] == [2027]
    assert step.detail.to_json()["due_on_before"] == "2027-01-12"
    assert step.detail.to_json()["calendar_source"].endswith("county server 2026-12-10")
    assert desk.verify_audit().ok


def _accepted(desk, clerk, applicant):
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    return desk.intake.accept(case_id=case.id, clerk_id=clerk.id)


SPRING_2027 = HolidayCalendar.from_data(
    # New Year 1-3 Jan; a long week 4-8 Jan (invented, to move dates).
    holidays=[date(2027, 1, d) for d in range(1, 9)],
    workdays=[],
    years=[2027],
    source="county server 2026-12-20",
)


def test_a_published_schedule_moves_provisional_due_dates(desk, clerk, applicant, clock):
    clock.set(datetime(2026, 12, 14, 10, 0, tzinfo=CHINA_TZ))
    case = _accepted(desk, clerk, applicant)
    assert case.due_on == date(2027, 1, 12) and case.due_provisional
    outbox_before = desk.pending_changes()
    desk.calendar.replace_years(SPRING_2027, actor_id="system")
    moved = desk.cases.get(case.id)
    # 15-31 Dec: 13 working days; 1-8 Jan off; 11-15 Jan: 18; 18, 19 Jan: 20.
    assert moved.due_on == date(2027, 1, 19) and not moved.due_provisional
    step = desk.cases.timeline(case.id)[-1]
    assert (step.action, step.staff_id, step.staff_name) == ("due_date_reviewed", None, "")
    assert step.detail.to_json()["due_on_before"] == "2027-01-12"
    assert step.detail.to_json()["due_on"] == "2027-01-19"
    # The server learns the new date (and gets the calendar change's audit anchor).
    assert desk.pending_changes() == outbox_before + 2
    assert desk.verify_audit().ok


def test_the_review_replays_suspensions(desk, clerk, applicant, clock):
    clock.set(datetime(2026, 12, 14, 10, 0, tzinfo=CHINA_TZ))
    case = _accepted(desk, clerk, applicant)
    desk.cases.start_processing(case.id, staff_id=clerk.id)
    clock.set(datetime(2026, 12, 21, 10, 0, tzinfo=CHINA_TZ))
    desk.cases.suspend(case.id, staff_id=clerk.id, reason="听证")
    clock.set(datetime(2026, 12, 24, 10, 0, tzinfo=CHINA_TZ))  # 3 working days later
    resumed = desk.cases.resume(case.id, staff_id=clerk.id)
    assert resumed.due_on == date(2027, 1, 15) and resumed.due_provisional
    desk.calendar.replace_years(SPRING_2027, actor_id="system")
    # 2027-01-19 from acceptance, then 3 working days more for the hearing.
    assert desk.cases.get(case.id).due_on == date(2027, 1, 22)


def test_cases_outside_the_years_and_closed_cases_are_left_alone(desk, clerk, applicant, clock):
    clock.set(datetime(2026, 3, 2, 10, 0, tzinfo=CHINA_TZ))
    early = _accepted(desk, clerk, applicant)  # due in March 2026
    clock.set(datetime(2026, 12, 14, 10, 0, tzinfo=CHINA_TZ))
    withdrawn = _accepted(desk, clerk, applicant)
    desk.cases.withdraw(withdrawn.id, staff_id=clerk.id, reason="申请人撤回")
    steps = {c.id: len(desk.cases.timeline(c.id)) for c in (early, withdrawn)}
    desk.calendar.replace_years(SPRING_2027, actor_id="system")
    assert {c.id: len(desk.cases.timeline(c.id)) for c in (early, withdrawn)} == steps
    assert desk.cases.get(withdrawn.id).due_provisional  # closed: its dates are history


def test_a_failing_review_leaves_the_old_schedule(desk, clerk, applicant, clock):
    clock.set(datetime(2026, 12, 14, 10, 0, tzinfo=CHINA_TZ))
    case = _accepted(desk, clerk, applicant)

    def broken(*_args):
        raise RuntimeError("disk full")

    desk.calendar.on_replaced.append(broken)
    with pytest.raises(RuntimeError):
        desk.calendar.replace_years(SPRING_2027, actor_id="system")
    assert not desk.calendar.calendar().covers(2027)
    assert desk.cases.get(case.id).due_on == date(2027, 1, 12)
    assert desk.cases.get(case.id).due_provisional


def test_a_load_racing_a_replacement_is_not_kept(desk) -> None:
    """A reader that read the old rows before a replacement committed must not cache them."""
    import threading

    service = desk.calendar
    original = service._load
    read_old, go_on = threading.Event(), threading.Event()

    def slow_load(session):
        calendar = original(session)  # the rows as they were
        read_old.set()
        assert go_on.wait(10)
        return calendar

    service._cached = None
    service._load = slow_load
    reader = threading.Thread(target=service.calendar)
    reader.start()
    assert read_old.wait(10)
    service._load = original
    service.replace_years(SPRING_2027, actor_id="system")
    go_on.set()
    reader.join(10)
    assert service.calendar().covers(2027)


# --- the exchange form (clerk-holidays/1) that seeds a new store --------------


def test_exchange_form_round_trips() -> None:
    from clerk_desk.holiday_calendar import calendar_from_json, calendar_to_json

    assert calendar_from_json(calendar_to_json(HOLIDAYS)) == HOLIDAYS
    assert calendar_from_json(calendar_to_json(SPRING_2027).encode()) == SPRING_2027


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("{", "$"),
        ("[]", "$.format"),
        ('{"format": "clerk-holidays/2"}', "$.format"),
        (
            '{"format": "clerk-holidays/1", "years": [2027], "holidays": [], "workdays": []}',
            "$.source",
        ),
        (
            '{"format": "clerk-holidays/1", "source": "s", "holidays": [], "workdays": []}',
            "$.years",
        ),
        (
            '{"format": "clerk-holidays/1", "source": "s", "years": [2027], "workdays": []}',
            "$.holidays",
        ),
        (
            '{"format": "clerk-holidays/1", "source": "s", "years": [2027], "holidays": ["2027-02-30"], "workdays": []}',
            "$.holidays[0]",
        ),
        (
            '{"format": "clerk-holidays/1", "source": "s", "years": [2027], "holidays": [], "workdays": [20270109]}',
            "$.workdays[0]",
        ),
        # The calendar's own checks: a holiday outside the listed years.
        (
            '{"format": "clerk-holidays/1", "source": "s", "years": [2027], "holidays": ["2028-01-01"], "workdays": []}',
            "holidays",
        ),
    ],
)
def test_exchange_form_refuses_a_bad_file_naming_where(text: str, where: str) -> None:
    from clerk_desk.errors import InvalidInput
    from clerk_desk.holiday_calendar import calendar_from_json

    with pytest.raises(InvalidInput) as refused:
        calendar_from_json(text)
    assert refused.value.where == where


def test_the_variable_names_the_file_a_new_store_is_seeded_from(
    tmp_path, clock, monkeypatch
) -> None:
    from clerk_desk.desk import Desk
    from clerk_desk.first_run import ensure_ready
    from clerk_desk.holiday_calendar import SEED_ENV, calendar_to_json

    seed = tmp_path / "county-2027.json"
    seed.write_text(calendar_to_json(SPRING_2027), encoding="utf-8")
    monkeypatch.setenv(SEED_ENV, str(seed))
    desk = Desk.open(tmp_path / "data", clock=clock)
    try:
        ensure_ready(desk)
        assert desk.calendar.calendar().years == frozenset({2027})
        assert desk.calendar.calendar().source == SPRING_2027.source
    finally:
        desk.close()
