"""The case state machine: every step after acceptance, and every refusal."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from support.desks import unchanged
from support.intake import KEY, LOW_INCOME, NO

from clerk_desk.clock import CHINA_TZ
from clerk_desk.errors import InvalidInput, InvalidTransition
from clerk_desk.lifecycle import (
    ACCEPTED_STATES,
    CLOCK_RUNNING_STATES,
    FINAL_STATES,
    INTAKE_STATES,
    OPEN_INTAKE_STATES,
    TRANSITIONS,
    CaseState,
    allowed_next,
    check_transition,
)


@pytest.fixture
def accepted(desk, clerk, applicant):
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    return desk.intake.accept(case_id=case.id, clerk_id=clerk.id)


def test_the_whole_way_to_delivery(desk, clerk, accepted, clock) -> None:
    assert accepted.due_on == date(2026, 12, 21)
    case = desk.cases.start_processing(accepted.id, staff_id=clerk.id)
    assert case.state is CaseState.IN_PROGRESS
    # Suspended Wed 25 Nov for a home visit, resumed Wed 2 Dec: 5 working days paused.
    clock.set(datetime(2026, 11, 25, 9, 0, tzinfo=CHINA_TZ))
    case = desk.cases.suspend(case.id, staff_id=clerk.id, reason="入户调查")
    assert case.state is CaseState.SUSPENDED
    clock.set(datetime(2026, 12, 2, 9, 0, tzinfo=CHINA_TZ))
    case = desk.cases.resume(case.id, staff_id=clerk.id)
    assert case.state is CaseState.IN_PROGRESS
    assert case.due_on == date(2026, 12, 28)
    case = desk.cases.decide(case.id, staff_id=clerk.id, decision="批准")
    case = desk.cases.complete(case.id, staff_id=clerk.id)
    case = desk.cases.deliver(case.id, staff_id=clerk.id, how="窗口领取")
    assert case.state is CaseState.DELIVERED
    timeline = desk.cases.timeline(case.id)
    assert [t.to_state for t in timeline][-7:] == [
        CaseState.ACCEPTED,
        CaseState.IN_PROGRESS,
        CaseState.SUSPENDED,
        CaseState.IN_PROGRESS,
        CaseState.DECIDED,
        CaseState.COMPLETED,
        CaseState.DELIVERED,
    ]
    # Every step carries the acting clerk and its time.
    assert timeline[-1].staff_id == clerk.id
    assert timeline[-1].at == datetime(2026, 12, 2, 9, 0, tzinfo=CHINA_TZ)
    suspended = next(t for t in timeline if t.action == "suspended")
    assert suspended.detail.to_json() == {"reason": "入户调查", "suspended_on": "2026-11-25"}
    resumed = next(t for t in timeline if t.action == "resumed")
    assert resumed.detail.to_json() == {"paused_working_days": 5, "due_on": "2026-12-28"}
    assert desk.verify_audit().ok


def test_invalid_transitions_are_refused_and_change_nothing(desk, clerk, accepted) -> None:
    with unchanged(desk), pytest.raises(InvalidTransition) as err:
        desk.cases.decide(accepted.id, staff_id=clerk.id, decision="批准")
    assert str(err.value) == (
        f"case {accepted.tracking_number} is accepted; it cannot become decided "
        "(allowed next: in_progress, withdrawn)"
    )
    with unchanged(desk), pytest.raises(InvalidTransition) as err:
        desk.cases.complete(accepted.id, staff_id=clerk.id)
    assert "only an immediate item is completed at acceptance" in str(err.value)
    assert CaseState.COMPLETED not in desk.cases.get(accepted.id).allowed_next
    with unchanged(desk), pytest.raises(InvalidTransition):
        desk.cases.resume(accepted.id, staff_id=clerk.id)
    with unchanged(desk), pytest.raises(InvalidTransition):
        desk.intake.issue_notice(case_id=accepted.id, clerk_id=clerk.id)
    case = desk.cases.withdraw(accepted.id, staff_id=clerk.id, reason="申请人撤回")
    assert case.state is CaseState.WITHDRAWN
    for step in (
        lambda: desk.cases.start_processing(case.id, staff_id=clerk.id),
        lambda: desk.cases.withdraw(case.id, staff_id=clerk.id, reason="again"),
        lambda: desk.cases.complete(case.id, staff_id=clerk.id),
    ):
        with unchanged(desk), pytest.raises(InvalidTransition, match="the case is closed"):
            step()


def test_free_text_is_checked(desk, clerk, accepted) -> None:
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.cases.withdraw(accepted.id, staff_id=clerk.id, reason="ok\x00")
    assert err.value.where == "reason" and "U+0000" in str(err.value)
    with unchanged(desk), pytest.raises(InvalidInput, match="staff_id"):
        desk.cases.start_processing(accepted.id, staff_id="nobody")


def test_machine_is_complete_and_closed_states_are_final() -> None:
    assert set(TRANSITIONS) == set(CaseState)
    assert {CaseState.REJECTED, CaseState.DELIVERED, CaseState.WITHDRAWN} == FINAL_STATES
    for state, targets in TRANSITIONS.items():
        for target in CaseState:
            if target in targets:
                check_transition(state, target, case_label="X", immediate=True)
            else:
                with pytest.raises(InvalidTransition):
                    check_transition(state, target, case_label="X", immediate=True)
    # Only the completion of an immediate item skips processing and decision.
    assert allowed_next(CaseState.ACCEPTED, immediate=True) == TRANSITIONS[CaseState.ACCEPTED]
    assert allowed_next(CaseState.ACCEPTED) == TRANSITIONS[CaseState.ACCEPTED] - {
        CaseState.COMPLETED
    }
    with pytest.raises(InvalidTransition, match="only an immediate item"):
        check_transition(CaseState.ACCEPTED, CaseState.COMPLETED, case_label="X")


def _reachable(start: frozenset[CaseState]) -> set[CaseState]:
    seen, todo = set(start), list(start)
    while todo:
        for nxt in TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_the_named_state_sets_relate_as_their_names_say() -> None:
    # The intake: open intakes are the intake states and the notice's wait; none is
    # accepted or final, and each of them may still take every one of the outcomes.
    assert INTAKE_STATES < OPEN_INTAKE_STATES
    assert {CaseState.NOTICE_ISSUED} == OPEN_INTAKE_STATES - INTAKE_STATES
    assert not OPEN_INTAKE_STATES & (ACCEPTED_STATES | FINAL_STATES)
    outcomes = {CaseState.ACCEPTED, CaseState.TOLERANT_ACCEPTED, CaseState.REJECTED}
    assert all(outcomes <= TRANSITIONS[s] for s in OPEN_INTAKE_STATES)
    # The clock runs only on accepted cases that are neither completed nor closed ...
    assert CLOCK_RUNNING_STATES < ACCEPTED_STATES
    assert not CLOCK_RUNNING_STATES & (FINAL_STATES | {CaseState.COMPLETED})
    assert {CaseState.COMPLETED, CaseState.DELIVERED} == ACCEPTED_STATES - CLOCK_RUNNING_STATES
    # ... and every such case is still open: it can reach completion or be withdrawn.
    for state in CLOCK_RUNNING_STATES:
        assert CaseState.COMPLETED in _reachable(frozenset({state}))
    # Acceptance is a one-way door: nothing accepted leads back to the intake.
    assert not _reachable(ACCEPTED_STATES) & OPEN_INTAKE_STATES
    assert _reachable(frozenset({CaseState.ACCEPTED, CaseState.TOLERANT_ACCEPTED})) <= (
        ACCEPTED_STATES | FINAL_STATES
    )
    # Every state is an open intake, accepted, or final (none left over).
    assert set(CaseState) == OPEN_INTAKE_STATES | ACCEPTED_STATES | FINAL_STATES


def test_an_immediate_item_is_completed_at_the_counter(desk, clerk, applicant) -> None:
    case = desk.intake.start(
        clerk_id=clerk.id, item_code="370830104-RS-001", applicant_id=applicant.id
    )
    assert case.stored_item.item.time_limit.immediate
    answers = {q.id: False for q in case.stored_item.item.questions}
    case = desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=answers)
    ids = [e.material.id for e in case.checklist]
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=ids)
    case = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert case.due_on is None and CaseState.COMPLETED in case.allowed_next
    assert desk.cases.complete(case.id, staff_id=clerk.id).state is CaseState.COMPLETED
