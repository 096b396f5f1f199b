"""The case state machine.

States and the steps between them::

    consulted ──► notice_issued ──► accepted / tolerant_accepted / rejected / withdrawn
        │                             (after the applicant's return)
        ├──► collected ──► notice_issued / accepted / tolerant_accepted / rejected / withdrawn
        │    (代办收件: a village agent took the materials; the township decides
        │     after the hand-over)
        ├──► accepted ──► in_progress ◄──► suspended
        ├──► tolerant_accepted ──► in_progress
        ├──► rejected                 in_progress ──► decided ──► completed ──► delivered
        └──► withdrawn                accepted (immediate item) ──► completed

Anything else is refused with :class:`~clerk_desk.errors.InvalidTransition`.
"""

from __future__ import annotations

from enum import StrEnum

from clerk_desk.errors import InvalidTransition


class CaseState(StrEnum):
    CONSULTED = "consulted"
    COLLECTED = "collected"  # 已代办收件: collected at the village, not yet accepted
    NOTICE_ISSUED = "notice_issued"
    ACCEPTED = "accepted"
    TOLERANT_ACCEPTED = "tolerant_accepted"
    REJECTED = "rejected"
    IN_PROGRESS = "in_progress"
    SUSPENDED = "suspended"
    DECIDED = "decided"
    COMPLETED = "completed"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"


S = CaseState
TRANSITIONS: dict[CaseState, frozenset[CaseState]] = {
    S.CONSULTED: frozenset(
        {S.COLLECTED, S.NOTICE_ISSUED, S.ACCEPTED, S.TOLERANT_ACCEPTED, S.REJECTED, S.WITHDRAWN}
    ),
    # The township's four outcomes, once the hand-over has been received there
    # (clerk_desk.intake checks who and when).
    S.COLLECTED: frozenset(
        {S.NOTICE_ISSUED, S.ACCEPTED, S.TOLERANT_ACCEPTED, S.REJECTED, S.WITHDRAWN}
    ),
    S.NOTICE_ISSUED: frozenset({S.ACCEPTED, S.TOLERANT_ACCEPTED, S.REJECTED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.IN_PROGRESS, S.COMPLETED, S.WITHDRAWN}),
    S.TOLERANT_ACCEPTED: frozenset({S.IN_PROGRESS, S.WITHDRAWN}),
    S.IN_PROGRESS: frozenset({S.SUSPENDED, S.DECIDED, S.WITHDRAWN}),
    S.SUSPENDED: frozenset({S.IN_PROGRESS, S.WITHDRAWN}),
    S.DECIDED: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset({S.DELIVERED}),
    S.REJECTED: frozenset(),
    S.DELIVERED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# The named sets of states. Each concept has one set here, and every reader
# (the desk, the lists, supervision, the documents, the server's ownership rules)
# imports it; tests/test_lifecycle.py pins how they relate.

# Accepted (受理 or 容缺受理) at some point: the clock runs or has run.
ACCEPTED_STATES = frozenset(
    {
        S.ACCEPTED,
        S.TOLERANT_ACCEPTED,
        S.IN_PROGRESS,
        S.SUSPENDED,
        S.DECIDED,
        S.COMPLETED,
        S.DELIVERED,
    }
)
# Accepted and not yet completed (办结): the time limit applies and the due date
# still matters (supervision's colours, the lists' days left, a due-date review
# after a newer holiday schedule). A decided case is not completed yet, so it is
# still watched; a suspended one keeps its stored due date until it resumes. A
# tolerant-accepted case in one of these states still awaits its promised materials.
CLOCK_RUNNING_STATES = frozenset(
    {S.ACCEPTED, S.TOLERANT_ACCEPTED, S.IN_PROGRESS, S.SUSPENDED, S.DECIDED}
)
# No step leads on: rejected, delivered, withdrawn.
FINAL_STATES = frozenset(s for s, nxt in TRANSITIONS.items() if not nxt)
# States whose materials are still checked at intake before an outcome: the
# counter's own intake, and a village agent's collection awaiting the township.
INTAKE_STATES = frozenset({S.CONSULTED, S.COLLECTED})
# An intake still open at the counter: begun, collected by a village agent for the
# township, or waiting for what its one-time notice asked for. One per applicant
# and item; the four outcomes are taken from these states.
OPEN_INTAKE_STATES = INTAKE_STATES | {S.NOTICE_ISSUED}


def allowed_next(state: CaseState, *, immediate: bool = False) -> frozenset[CaseState]:
    """The states a case in ``state`` may go to next.

    Only an immediate item (即办件), completed at the counter, goes from
    accepted straight to completed; every other case is processed and decided
    first (承办, 审核/批准), so supervision sees each stage.
    """
    nxt = TRANSITIONS[state]
    if state is S.ACCEPTED and not immediate:
        return nxt - {S.COMPLETED}
    return nxt


def check_transition(
    current: CaseState, target: CaseState, *, case_label: str, immediate: bool = False
) -> None:
    """Raise InvalidTransition unless ``current -> target`` is a step of the machine."""
    allowed = allowed_next(current, immediate=immediate)
    if target in allowed:
        return
    if not allowed:
        raise InvalidTransition(
            "case {number} is {current}; it cannot become {target} "
            "(allowed next: none: the case is closed)",
            number=case_label,
            current=current.value,
            target=target.value,
        )
    if target in TRANSITIONS[current]:  # completing a non-immediate item at acceptance
        raise InvalidTransition(
            "case {number} is {current}; it cannot become {target}: only an immediate item "
            "is completed at acceptance, others are processed and decided first "
            "(allowed next: {states})",
            number=case_label,
            current=current.value,
            target=target.value,
            states=", ".join(sorted(allowed)),
        )
    raise InvalidTransition(
        "case {number} is {current}; it cannot become {target} (allowed next: {states})",
        number=case_label,
        current=current.value,
        target=target.value,
        states=", ".join(sorted(allowed)),
    )
