"""The holiday calendar is data in the store, replaceable by newer schedules."""

from __future__ import annotations

from datetime import date, datetime

from test_intake import KEY, LOW_INCOME, NO

from clerk_desk.clock import CHINA_TZ
from clerk_desk.working_days import HolidayCalendar


def test_seeded_from_chinesecalendar(desk) -> None:
    cal = desk.calendar.calendar()
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
    assert before.due_on == date(2027, 1, 11)  # weekends only, provisional

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
    # Cases already accepted keep what was computed (and stay flagged) until reviewed.
    assert desk.cases.get(before.id).due_unpublished_years == (2027,)
    assert desk.verify_audit().ok
