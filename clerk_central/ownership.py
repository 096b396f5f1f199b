"""Who owns which step of a case: the back office's steps, and how the server judges a
terminal's change once the back office has moved the case (pure functions, no I/O).

The terminal owns the intake (受理 and what comes before it) and handing the result
over (``delivered``: 已送达/已领取). The back office owns 办理中, 暂停计时 and its
resumption, 已决定 and 已办结 (:data:`OFFICE_STEPS`). The transitions are the
terminal's own state machine (:mod:`clerk_desk.lifecycle`), never a copy of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from clerk_desk.lifecycle import CaseState, allowed_next
from clerk_desk.office_steps import OFFICE_STEPS

__all__ = [
    "OFFICE_STEPS",
    "Ruling",
    "office_steps_from",
    "terminal_step_refusal",
    "terminal_step_ruling",
]


# How a state reads in Chinese, in messages that staff and clerks see.
STATE_WORDS: dict[str, str] = {
    "consulted": "咨询",
    "collected": "已代办收件",
    "notice_issued": "已一次性告知",
    "accepted": "已受理",
    "tolerant_accepted": "容缺受理",
    "rejected": "不予受理",
    "in_progress": "办理中",
    "suspended": "暂停计时",
    "decided": "已决定",
    "completed": "已办结",
    "delivered": "已送达",
    "withdrawn": "已撤回",
}


def state_words(state: str) -> str:
    return f"{state} ({STATE_WORDS[state]})" if state in STATE_WORDS else state


def office_steps_from(state: str) -> list[str]:
    """The back-office steps a case in ``state`` may take next, in :data:`OFFICE_STEPS` order.

    An office never completes a case straight from acceptance: only an immediate item
    (即办件) does that, at the counter (``allowed_next(..., immediate=False)``).
    ``resumed`` only follows ``suspended``; ``processing_started`` never does.
    """
    try:
        current = CaseState(state)
    except ValueError:
        return []
    allowed = allowed_next(current, immediate=False)
    steps = []
    for step, target in OFFICE_STEPS.items():
        if target not in allowed:
            continue
        if (step == "resumed") != (current is CaseState.SUSPENDED):
            continue
        steps.append(step)
    return steps


@dataclass(frozen=True, slots=True)
class Ruling:
    """How the server takes a terminal's case change: whether its snapshot's state becomes
    the server's state, or why the change is refused (``reason``, ``message``)."""

    take_state: bool
    refusal: tuple[str, str] | None = None


def terminal_step_ruling(
    *,
    server_state: str,
    snapshot_state: str,
    moves_state: bool,
    office_moved: bool,
    tracking_number: str,
) -> Ruling:
    """Judge a terminal's change of a case the server holds.

    ``moves_state``: the change is a step that moved the case's state on the
    terminal (its event's from_state differs from its to_state). ``office_moved``:
    the back office has taken a step on the case. Until it has, the terminal's
    snapshot is the case (a centre working without a back office). Afterwards:

    * the same state as the server's: taken (nothing moves);
    * ``delivered`` from the server's ``completed``: taken (the terminal owns the hand-over);
    * a step that keeps the state (materials supplemented, a due date reviewed, a
      reprint) with the terminal's older state: kept as data, the state stays the server's;
    * any other move (``delivered`` before ``completed``, or a terminal taking a back
      office's step itself): refused, reason ``case_moved``, naming the server's state.
    """
    if not office_moved or snapshot_state == server_state:
        return Ruling(take_state=True)
    if snapshot_state == CaseState.DELIVERED.value and server_state == CaseState.COMPLETED.value:
        return Ruling(take_state=True)
    if not moves_state:
        return Ruling(take_state=False)
    if snapshot_state == CaseState.DELIVERED.value:
        message = (
            f"The back office has case {tracking_number} in state {state_words(server_state)} on "
            "the server: a result is delivered only once the case is completed (已办结)."
        )
    else:
        message = (
            f"The back office has case {tracking_number} in state {state_words(server_state)} on "
            f"the server: the terminal's step to {state_words(snapshot_state)} is the back "
            "office's to take."
        )
    return Ruling(take_state=False, refusal=("case_moved", message))


def terminal_step_refusal(
    *,
    server_state: str,
    snapshot_state: str,
    moves_state: bool,
    office_moved: bool,
    tracking_number: str,
) -> tuple[str, str] | None:
    """The refusal (reason, message) of :func:`terminal_step_ruling`, or None."""
    return terminal_step_ruling(
        server_state=server_state,
        snapshot_state=snapshot_state,
        moves_state=moves_state,
        office_moved=office_moved,
        tracking_number=tracking_number,
    ).refusal
