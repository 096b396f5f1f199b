"""The back office's steps as a terminal applies them (clerk_desk.office_steps), on a real store."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from support.intake import KEY, LOW_INCOME, NO
from support.office import apply, step_body

from clerk_desk.cases import CaseView
from clerk_desk.clock import CHINA_TZ
from clerk_desk.desk import Desk
from clerk_desk.identity_numbers import resident_id_check_char
from clerk_desk.journal import ANCHOR_OPERATION, verify_audit
from clerk_desk.lifecycle import CaseState
from clerk_desk.models import AuditEntry, OutboxEntry
from clerk_desk.staff import StaffRecord
from clerk_desk.working_days import due_date, working_days_between


def accepted(desk: Desk, clerk: StaffRecord) -> CaseView:
    body = "37083019800101123"
    person = desk.applicants.register_person(
        actor_id=clerk.id, name="王䶮", id_number=body + resident_id_check_char(body)
    )
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=person.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    return desk.intake.accept(case_id=case.id, clerk_id=clerk.id)


def test_steps_move_the_case_with_its_timeline_and_no_echo(desk, clerk) -> None:
    case = accepted(desk, clerk)
    assert case.due_on is not None
    with desk.store.read() as s:
        outbox_before = int(s.scalar(select(func.max(OutboxEntry.seq))) or 0)
    suspended_at = datetime(2026, 11, 30, 9, 0, tzinfo=CHINA_TZ)  # a Monday
    resumed_at = datetime(2026, 12, 7, 16, 0, tzinfo=CHINA_TZ)  # the Monday after
    plan = [
        ("processing_started", datetime(2026, 11, 24, 9, 0, tzinfo=CHINA_TZ), "accepted",
         "in_progress", {}),
        ("suspended", suspended_at, "in_progress", "suspended", {"reason": "现场核查"}),
        ("resumed", resumed_at, "suspended", "in_progress", {}),
    ]  # fmt: skip
    for seq, (name, at, before, after, detail) in enumerate(plan, start=1):
        assert apply(desk, step_body(case, name, seq, at, before, after, **detail)) == ""
        assert desk.cases.get(case.id).state is CaseState(after)

    timeline = desk.cases.timeline(case.id)
    office = timeline[-3:]
    assert [e.action for e in office] == ["processing_started", "suspended", "resumed"]
    assert all(e.staff_id is None and e.staff_name == "李审批" for e in office)
    assert office[1].detail.to_json()["reason"] == "现场核查"
    assert office[1].detail.to_json()["suspended_on"] == "2026-11-30"
    assert office[0].at == datetime(2026, 11, 24, 9, 0, tzinfo=CHINA_TZ)
    # The due date moved by the working days the clock stood still, as CaseService.resume.
    calendar = desk.calendar.calendar()
    paused = working_days_between(suspended_at.date(), resumed_at.date(), calendar)
    assert paused == 5
    moved = due_date(case.due_on, paused, "working_day", calendar).due_on
    after = desk.cases.get(case.id)
    assert after.due_on == moved and moved > case.due_on
    assert office[2].detail.to_json()["paused_working_days"] == 5
    assert office[2].detail.to_json()["due_on"] == moved.isoformat()

    # Audited, the chain intact; the outbox carries only the anchors, never the case.
    with desk.store.read() as s:
        assert verify_audit(s).ok
        new = s.scalars(select(OutboxEntry).where(OutboxEntry.seq > outbox_before)).all()
        actions = s.scalars(
            select(AuditEntry.action).order_by(AuditEntry.seq.desc()).limit(3)
        ).all()
    assert [e.operation for e in new] == [ANCHOR_OPERATION] * 3
    assert [e.payload["action"] for e in new] == [
        "case.processing_started",
        "case.suspended",
        "case.resumed",
    ]
    assert list(reversed(actions)) == [e.payload["action"] for e in new]


def test_the_same_step_twice_changes_nothing(desk, clerk) -> None:
    case = accepted(desk, clerk)
    body = step_body(case, "processing_started", 1, datetime.now(CHINA_TZ), "accepted",
                     "in_progress")  # fmt: skip
    assert apply(desk, body) == ""
    with desk.store.read() as s:
        audit = s.scalar(select(func.count()).select_from(AuditEntry))
    events = len(desk.cases.timeline(case.id))
    assert apply(desk, body) == ""
    assert len(desk.cases.timeline(case.id)) == events
    with desk.store.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audit
    assert desk.cases.get(case.id).state is CaseState.IN_PROGRESS


def test_steps_that_do_not_fit_are_problems_and_write_nothing(desk, clerk) -> None:
    case = accepted(desk, clerk)
    at = datetime.now(CHINA_TZ)
    with desk.store.read() as s:
        audit = s.scalar(select(func.count()).select_from(AuditEntry))
    unknown = {**step_body(case, "processing_started", 1, at, "accepted", "in_progress"),
               "case_id": "f" * 32}  # fmt: skip
    assert "is not on this terminal" in apply(desk, unknown)
    renumbered = {**step_body(case, "processing_started", 1, at, "accepted", "in_progress"),
                  "tracking_number": "261123000010019"}  # fmt: skip
    assert "is numbered" in apply(desk, renumbered)
    # The office decided from in_progress; here the case is still accepted.
    wrong = step_body(case, "decided", 2, at, "in_progress", "decided", decision="准予")
    problem = apply(desk, wrong)
    assert "is accepted on this terminal" in problem and "taken from in_progress" in problem
    assert "reason" in apply(desk, step_body(case, "suspended", 1, at, "accepted", "suspended"))
    assert "not a back-office step" in apply(desk, {"step": "delivered"})
    assert "not a back-office step" in apply(desk, ["not", "an", "object"])
    mismatched = step_body(case, "completed", 1, at, "accepted", "delivered")
    assert "leads to completed" in apply(desk, mismatched)
    naive = {**step_body(case, "processing_started", 1, at, "accepted", "in_progress"),
             "at": "2026-11-24T09:00:00"}  # fmt: skip
    assert "time zone" in apply(desk, naive)
    # Nothing of it was written.
    assert desk.cases.get(case.id).state is CaseState.ACCEPTED
    with desk.store.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audit
    # A step older than one applied: kept aside, not applied out of order.
    assert (
        apply(desk, step_body(case, "processing_started", 2, at, "accepted", "in_progress")) == ""
    )
    late = step_body(case, "processing_started", 1, at, "accepted", "in_progress")
    assert "arrived after step 2" in apply(desk, late)


def test_a_held_step_is_applied_once_its_case_fits(desk, clerk) -> None:
    """A step kept in sync_feed_held (its case was not here, or not in the step's state)
    is tried again at the next pull, and leaves the held items once applied."""
    from clerk_desk.models import SyncFeedHeld
    from clerk_desk.sync import SyncClient, SyncReport

    case = accepted(desk, clerk)
    at = datetime(2026, 11, 24, 9, 0, tzinfo=CHINA_TZ)
    fits = step_body(case, "processing_started", 1, at, "accepted", "in_progress")
    later = step_body(case, "decided", 2, at, "in_progress", "decided", decision="准予")
    elsewhere = {**fits, "case_id": "e" * 32, "tracking_number": "2611230000200019"}
    with desk.store.write() as s:
        for version, body in [(7, fits), (8, later), (9, elsewhere)]:
            s.add(SyncFeedHeld(version=version, kind="case_step", body=body, problem="held",
                               received_at=at))  # fmt: skip
    report = SyncReport()
    SyncClient(desk.store, desk.clock)._apply_held_steps(report)
    assert report.pulled == 2
    assert desk.cases.get(case.id).state is CaseState.DECIDED
    with desk.store.read() as s:
        left = s.scalars(select(SyncFeedHeld)).all()
        assert [(h.version, h.problem) for h in left] == [(9, "held")]  # not this terminal's


def test_once_the_office_moved_a_case_the_terminal_only_hands_it_over(desk, clerk) -> None:
    """The domain answers what the terminal may still do; the server would refuse the rest."""
    import pytest

    from clerk_desk.errors import RuleViolation

    case = accepted(desk, clerk)
    # Without the back office, the terminal processes the case itself.
    assert CaseState.IN_PROGRESS in desk.cases.get(case.id).allowed_next
    assert desk.cases.get(case.id).office_moved is False
    at = datetime(2026, 11, 24, 9, 0, tzinfo=CHINA_TZ)
    assert (
        apply(desk, step_body(case, "processing_started", 1, at, "accepted", "in_progress")) == ""
    )
    here = desk.cases.get(case.id)
    assert here.office_moved is True and here.allowed_next == frozenset()
    for refused in (
        lambda: desk.cases.suspend(case.id, staff_id=clerk.id, reason="现场核查"),
        lambda: desk.cases.decide(case.id, staff_id=clerk.id, decision="准予"),
        lambda: desk.cases.withdraw(case.id, staff_id=clerk.id, reason="申请人撤回"),
    ):
        with pytest.raises(RuleViolation, match="back office"):
            refused()
    assert desk.cases.get(case.id).state is CaseState.IN_PROGRESS
    decided = step_body(case, "decided", 2, at, "in_progress", "decided", decision="准予")
    assert apply(desk, decided) == ""
    assert apply(desk, step_body(case, "completed", 3, at, "decided", "completed")) == ""
    assert desk.cases.get(case.id).allowed_next == frozenset({CaseState.DELIVERED})
    delivered = desk.cases.deliver(case.id, staff_id=clerk.id, how="窗口领取")
    assert delivered.state is CaseState.DELIVERED
