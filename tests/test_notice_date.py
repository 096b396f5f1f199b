"""The one-time notice's printed date is its legal start (行政许可法 art. 32).

The 5-day limit runs from the day the materials were received, and the notice
prints that day, not the day the case was opened. A case where nothing was
received gets its notice on the day of the visit, or not at all.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from support.desks import unchanged
from support.intake import KEY, NO, start
from support.printing import squash, text_pdfminer, text_pypdf

from clerk_desk.clock import CHINA_TZ
from clerk_desk.errors import RuleViolation


def printed_notice(desk, clerk, case_id: str) -> str:
    """The notice's text as printed (both extractors must read the same words)."""
    (doc,) = desk.documents.issue_for_case(case_id, staff_id=clerk.id)
    pdf = desk.documents.pdf(doc.id)
    text = squash(text_pypdf(pdf))
    other = squash(text_pdfminer(pdf))
    for phrase in ("你（单位）于", "一次性告知书"):
        assert phrase in text and phrase in other
    return text


def at(day: int, hour: int = 10) -> datetime:
    """A time at the counter in November (from the 23rd) or December 2026."""
    month = 11 if day >= 23 else 12
    return datetime(2026, month, day, hour, 0, tzinfo=CHINA_TZ)


def test_the_notice_prints_the_day_the_materials_were_received(desk, clerk, applicant, clock):
    case = start(desk, clerk, applicant)  # the visit: Monday 2026-11-23
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    clock.set(at(25))  # the materials come on Wednesday
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY[:4], missing=["consent"])
    clock.set(at(27))  # the notice on Friday, within 5 working days of the receipt
    case = desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    step = desk.cases.timeline(case.id)[-1]
    assert step.detail.to_json()["received_on"] == "2026-11-25"
    text = printed_notice(desk, clerk, case.id)
    assert "你（单位）于2026年11月25日提交的" in text
    assert "2026年11月23日" not in text  # not the day the case was opened
    assert "告知日期" in text and "2026年11月27日" in text  # issued on Friday


def test_the_five_days_run_from_the_receipt_not_from_the_visit(desk, clerk, applicant, clock):
    case = start(desk, clerk, applicant)  # Monday 2026-11-23
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    clock.set(at(26))  # Thursday
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY[:4], missing=["consent"])
    # Wednesday 12-02 is the 6th working day after the visit but the 4th after the receipt.
    clock.set(at(2))
    assert desk.intake.notice_blocker(case.id) is None
    assert desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id).notice_issued_at


def test_nothing_received_the_notice_is_given_the_same_day(desk, clerk, applicant, clock):
    case = start(desk, clerk, applicant)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, missing=KEY)
    clock.set(at(23, 16))  # later the same day
    assert desk.intake.notice_blocker(case.id) is None
    case = desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    assert desk.cases.timeline(case.id)[-1].detail.to_json()["received_on"] == "2026-11-23"
    text = printed_notice(desk, clerk, case.id)
    assert "你（单位）于2026年11月23日提交的" in text


def test_nothing_received_no_notice_on_a_later_day(desk, clerk, applicant, clock):
    case = start(desk, clerk, applicant)  # Monday 2026-11-23
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, missing=KEY)
    clock.set(at(24))
    blocker = desk.intake.notice_blocker(case.id)
    assert isinstance(blocker, RuleViolation)
    assert blocker.params == {"number": case.tracking_number, "opened_on": "2026-11-23"}
    assert "could only be given that day" in str(blocker)
    with unchanged(desk), pytest.raises(RuleViolation) as err:
        desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    assert err.value.template == blocker.template and err.value.params == blocker.params
    # The applicant hands something in today: the notice counts from today.
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=["id_card"])
    assert desk.intake.notice_blocker(case.id) is None
    case = desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    assert "你（单位）于2026年11月24日提交的" in printed_notice(desk, clerk, case.id)


def test_the_blocker_names_a_missed_deadline_too(desk, clerk, applicant, clock):
    case = start(desk, clerk, applicant)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY[:4], missing=["consent"])
    assert desk.intake.notice_blocker(case.id) is None
    clock.set(at(1))  # the 6th working day after the receipt
    blocker = desk.intake.notice_blocker(case.id)
    assert blocker is not None and blocker.params["due_by"] == "2026-11-30"
    # Once the case has moved on, the day no longer matters to the intake.
    accepted = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert desk.intake.notice_blocker(accepted.id) is None
