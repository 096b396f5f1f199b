"""The back office's steps on a case, as a terminal applies them from the feed.

The county server's back office moves accepted cases on: 办理中 (processing_started),
暂停计时 (suspended) and its resumption (resumed), 已决定 (decided), 已办结
(completed). Each step reaches the terminals of the case's centre as a feed item of
kind ``case_step`` (docs/sync-protocol.md), which :class:`clerk_desk.sync.SyncClient`
applies in the transaction that stores the pull cursor, through
:func:`apply_office_step`:

* the case's state moves, a timeline event is appended (``staff_id`` None; the
  office staff's name in the detail, ``office_staff``), and the audit entry is
  written. The outbox gets only that entry's anchor: the case does not go back up
  (the server already has the step; a snapshot sent back could undo a later step);
* ``suspended`` keeps the day the clock stopped (``suspended_on``, the step's own
  date in the centre's time zone) and ``resumed`` moves the due date by the working
  days spent suspended, with :func:`clerk_desk.cases.shift_due_after_suspension`,
  as :meth:`clerk_desk.cases.CaseService.resume` does;
* applying the same step again changes nothing (the case's timeline holds its
  ``office_step_seq``); a step for a case this terminal does not have, or that does
  not follow from the case's state here, is not applied: its problem is returned and
  the caller keeps the item in ``sync_feed_held``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_desk.errors import ClerkDeskError
from clerk_desk.lifecycle import CaseState, check_transition
from clerk_desk.models import Case, CaseEvent
from clerk_desk.timeline import (
    DecidedDetail,
    Step,
    StepDetail,
    SuspendedDetail,
    read_detail,
)

# The back office's steps and the state each leads to (the server judges by the same map).
# Keyed by Step; typed by str so the server looks its steps' text up as it is.
OFFICE_STEPS: dict[str, CaseState] = {
    Step.PROCESSING_STARTED: CaseState.IN_PROGRESS,
    Step.SUSPENDED: CaseState.SUSPENDED,
    Step.RESUMED: CaseState.IN_PROGRESS,
    Step.DECIDED: CaseState.DECIDED,
    Step.COMPLETED: CaseState.COMPLETED,
}
# The feed kind that carries them.
FEED_KIND = "case_step"
# The keys of a step's detail a terminal keeps, each with the step that carries it.
_DETAIL_KEYS = {Step.SUSPENDED: "reason", Step.DECIDED: "decision"}


class StepProblem(ValueError):
    """Why a feed item is not a step this terminal can apply (kept with the held item)."""


@dataclass(frozen=True, slots=True)
class OfficeStep:
    """A ``case_step`` feed item's body, checked."""

    case_id: str
    tracking_number: str
    step: Step
    step_seq: int
    at: datetime
    staff_name: str
    from_state: CaseState
    to_state: CaseState
    detail: Mapping[str, str]


def _text(body: Mapping[str, Any], key: str, *, max_len: int = 2000) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value or len(value) > max_len:
        raise StepProblem(f"{key} is not text of 1-{max_len} characters")
    return value


def parse_step(body: object) -> OfficeStep:
    """Check a ``case_step`` body; raise :class:`StepProblem` naming what is wrong."""
    if not isinstance(body, Mapping):
        raise StepProblem("the body is not an object")
    name = _text(body, "step", max_len=48)
    target = OFFICE_STEPS.get(name)
    if target is None:
        raise StepProblem(f"step {name!r} is not a back-office step")
    step = Step(name)
    seq = body.get("step_seq")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise StepProblem("step_seq is not a whole number from 1")
    try:
        at = datetime.fromisoformat(_text(body, "at", max_len=64))
    except ValueError:
        raise StepProblem("at is not an ISO 8601 time") from None
    if at.tzinfo is None:
        raise StepProblem("at has no time zone")
    try:
        from_state = CaseState(_text(body, "from_state", max_len=32))
        to_state = CaseState(_text(body, "to_state", max_len=32))
    except ValueError:
        raise StepProblem("from_state or to_state is not a case state") from None
    if to_state is not target:
        raise StepProblem(f"step {step} leads to {target.value}, not {to_state.value}")
    raw_detail = body.get("detail", {})
    if not isinstance(raw_detail, Mapping):
        raise StepProblem("detail is not an object")
    detail: dict[str, str] = {}
    key = _DETAIL_KEYS.get(step)
    if key is not None:
        detail[key] = _text(raw_detail, key)
    return OfficeStep(
        case_id=_text(body, "case_id", max_len=64),
        tracking_number=_text(body, "tracking_number", max_len=64),
        step=step,
        step_seq=seq,
        at=at,
        staff_name=_text(body, "staff_name", max_len=200),
        from_state=from_state,
        to_state=to_state,
        detail=detail,
    )


def _applied_seqs(session: Session, case_id: str) -> set[int]:
    """The back-office step numbers already on the case's timeline."""
    rows = session.execute(
        select(CaseEvent.action, CaseEvent.detail).where(
            CaseEvent.case_id == case_id, CaseEvent.action.in_(tuple(OFFICE_STEPS))
        )
    )
    seqs = (read_detail(action, detail).office_step_seq for action, detail in rows)
    return {seq for seq in seqs if seq is not None}


def apply_office_step(session: Session, body: object, *, tz: str) -> str:
    """Apply one ``case_step`` body in the caller's transaction; "" when applied (or
    applied before), else the problem (nothing was written then).

    ``tz`` is the centre's time zone: the day a suspension began or ended is the
    step's own date there, wherever and whenever the terminal pulls it.
    """
    from clerk_desk.cases import local_date, record_case_step, shift_due_after_suspension
    from clerk_desk.holiday_calendar import stored_calendar

    try:
        step = parse_step(body)
    except StepProblem as exc:
        return f"not a back-office step: {exc}"
    case = session.get(Case, step.case_id)
    if case is None:
        return f"case {step.tracking_number} is not on this terminal"
    if case.tracking_number != step.tracking_number:
        return (
            f"case {step.case_id} is numbered {case.tracking_number} here, not "
            f"{step.tracking_number}"
        )
    applied = _applied_seqs(session, case.id)
    if step.step_seq in applied:
        return ""  # applied before: the same item again changes nothing
    if applied and max(applied) > step.step_seq:
        return (
            f"back-office step {step.step_seq} of case {step.tracking_number} arrived after "
            f"step {max(applied)}"
        )
    current = CaseState(case.state)
    if current is not step.from_state:
        return (
            f"case {step.tracking_number} is {current.value} on this terminal; the back "
            f"office's step {step.step} (#{step.step_seq}) was taken from {step.from_state.value}"
        )
    name, seq = step.staff_name, step.step_seq
    day = local_date(step.at, tz)
    try:
        with session.begin_nested():
            check_transition(current, step.to_state, case_label=case.tracking_number)
            detail: StepDetail
            if step.step is Step.SUSPENDED:
                detail = SuspendedDetail(
                    office_staff=name,
                    office_step_seq=seq,
                    reason=step.detail["reason"],
                    suspended_on=day,
                )
            elif step.step is Step.RESUMED:
                shifted = shift_due_after_suspension(session, case, day, stored_calendar(session))
                detail = replace(shifted, office_staff=name, office_step_seq=seq)
            elif step.step is Step.DECIDED:
                detail = DecidedDetail(
                    office_staff=name, office_step_seq=seq, decision=step.detail["decision"]
                )
            else:
                detail = StepDetail(office_staff=name, office_step_seq=seq)
            case.state = step.to_state.value
            record_case_step(
                session,
                case,
                at=step.at,
                staff_id=None,
                action=step.step,
                detail=detail,
                from_state=current,
                sync=False,
            )
    except ClerkDeskError as exc:
        return f"refused by the case's rules: {exc}"
    return ""
