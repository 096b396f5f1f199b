"""What blocks each of an intake's outcomes, and why: the domain's answer the UI shows.

An intake ends in one :class:`Outcome`. :func:`outcome_blockers` says, for a case
as it stands (and the checklist's ticks not saved yet, when given), what stands in
the way of each one, as :class:`Blocker` values whose ``reason`` is the very
error the outcome would raise (a message template with its values, translated by
the UI like any domain error). :class:`~clerk_desk.intake.IntakeService` takes
its outcomes through the same function, so a rule lives here once and the
counter's screen never re-derives it (when is tolerant acceptance allowed?).

What it answers from the case alone: the case's stage, who the clerk is (a
village agent only collects), the item (does it allow tolerant acceptance?) and
the checklist (answers, ticks, key materials). What depends on the day, the
settings or other cases is checked by the outcome itself when taken: the one-time
notice's 5 working days (:meth:`~clerk_desk.intake.IntakeService.notice_blocker`
answers it ahead), a counter below the item's level, a roll-only printer, the
appeal bodies of a rejection, materials an open case of the applicant already holds.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from clerk_desk import tracking_numbers
from clerk_desk.cases import CaseView
from clerk_desk.errors import InvalidTransition, RuleViolation
from clerk_desk.lifecycle import INTAKE_STATES, OPEN_INTAKE_STATES, CaseState, check_transition
from clerk_desk.roles import Role
from clerk_desk.staff import StaffRecord

__all__ = [
    "NOT_OFFERED",
    "Blocker",
    "BlockerKind",
    "Outcome",
    "agent_refusal",
    "held_refusal",
    "material_names",
    "outcome_blockers",
    "take_up_refusal",
]


class Outcome(StrEnum):
    """How an intake ends: the counter's four outcomes and the village agent's one."""

    ACCEPT = "accept"  # 受理
    TOLERANT = "tolerant"  # 容缺受理
    NOTICE = "notice"  # 一次性告知
    REJECT = "reject"  # 不予受理
    COLLECT = "collect"  # 代办收件 (a village agent)


# The state each outcome leads to.
OUTCOME_STATES: dict[Outcome, CaseState] = {
    Outcome.ACCEPT: CaseState.ACCEPTED,
    Outcome.TOLERANT: CaseState.TOLERANT_ACCEPTED,
    Outcome.NOTICE: CaseState.NOTICE_ISSUED,
    Outcome.REJECT: CaseState.REJECTED,
    Outcome.COLLECT: CaseState.COLLECTED,
}


class BlockerKind(StrEnum):
    """What a blocker rests on, so a screen knows whether a tick can lift it."""

    STAGE = "stage"  # the case's state or hand-over: not this outcome at this stage
    ROLE = "role"  # the clerk: an agent only collects, only an agent collects
    ITEM = "item"  # the service item rules the outcome out (no tolerant acceptance)
    CHECKLIST = "checklist"  # the answers and ticks: another tick may lift it


# The outcome is not offered to this clerk at this stage: a screen disables it. The
# other kinds are explained when the clerk asks for the outcome.
NOT_OFFERED = frozenset({BlockerKind.STAGE, BlockerKind.ROLE})


@dataclass(frozen=True, slots=True)
class Blocker:
    """One reason an outcome cannot be taken now; ``reason`` is what the outcome raises."""

    kind: BlockerKind
    reason: RuleViolation


def material_names(view: CaseView, material_ids: Iterable[str]) -> str:
    """Materials as a message names them: as printed, in the order given, comma-separated."""
    item = view.stored_item.item
    return ", ".join(m.name if (m := item.material(mid)) else mid for mid in material_ids)


def held_refusal(view: CaseView, asked: Iterable[str], held: Mapping[str, str]) -> Blocker | None:
    """Asking for materials another open intake of the applicant on the item received.

    ``held``: {material id: tracking number of the case holding it}.
    """
    again = [mid for mid in dict.fromkeys(asked) if mid in held]
    if not again:
        return None
    return Blocker(
        BlockerKind.CHECKLIST,
        RuleViolation(
            "case {number}: {materials} were already received with case {earlier} on this "
            "item and are not asked for again: tick them received",
            number=view.tracking_number,
            materials=material_names(view, again),
            earlier=", ".join(dict.fromkeys(tracking_numbers.display(held[mid]) for mid in again)),
        ),
    )


def agent_refusal(
    clerk: StaffRecord,
    *,
    number: str,
    state: CaseState,
    first_clerk_id: str,
    first_clerk_name: str,
    handed_over_at: datetime | None,
    target: CaseState | None,
) -> Blocker | None:
    """Village agents collect, the township decides, after the hand-over.

    ``target`` None: a change of marks. An agent only collects (their own cases);
    nobody else does; a collected case is checked and decided only at the township,
    once its handover list has been received there.
    """
    if clerk.role == Role.AGENT:
        if target is not CaseState.COLLECTED:
            if state is CaseState.COLLECTED:
                return Blocker(
                    BlockerKind.ROLE,
                    RuleViolation(
                        "case {number} has been collected: its materials are checked and "
                        "decided at the township counter after the hand-over",
                        number=number,
                    ),
                )
            return Blocker(
                BlockerKind.ROLE,
                RuleViolation(
                    "{name} is a village agent: the township counter accepts, notifies or "
                    "rejects after the hand-over; at the village point, collect the "
                    "materials of case {number}",
                    name=clerk.name,
                    number=number,
                ),
            )
        if first_clerk_id != clerk.id:
            return Blocker(
                BlockerKind.ROLE,
                RuleViolation(
                    "case {number} was not taken by {name}: an agent collects only the "
                    "cases they took",
                    number=number,
                    name=clerk.name,
                ),
            )
    elif target is CaseState.COLLECTED:
        return Blocker(
            BlockerKind.ROLE,
            RuleViolation(
                "only a village agent collects a case for the township; at the counter, "
                "accept, notify or reject case {number}",
                number=number,
            ),
        )
    if state is CaseState.COLLECTED and handed_over_at is None:
        return Blocker(
            BlockerKind.STAGE,
            RuleViolation(
                "case {number} was collected by the village agent {name} and its handover "
                "list has not been received here yet: receive the list first",
                number=number,
                name=first_clerk_name,
            ),
        )
    return None


def take_up_refusal(view: CaseView, clerk: StaffRecord) -> Blocker | None:
    """Why the intake cannot take ``view`` up for ``clerk`` now; None: it can.

    Taken up: an unfinished intake continued, a one-time notice's materials
    re-checked, a village agent's collection checked at the township. The rule of
    :meth:`~clerk_desk.intake.IntakeService.mark`: a collected case only at the
    township once its handover list is received there (:func:`agent_refusal`), and
    no case whose checklist is closed.
    """
    if view.state is CaseState.COLLECTED:
        return agent_refusal(
            clerk,
            number=view.tracking_number,
            state=view.state,
            first_clerk_id=view.first_clerk.id,
            first_clerk_name=view.first_clerk.name,
            handed_over_at=view.handed_over_at,
            target=None,
        )
    if view.state not in OPEN_INTAKE_STATES:
        return Blocker(
            BlockerKind.STAGE,
            RuleViolation(
                "case {number} is {state}: its checklist is closed",
                number=view.tracking_number,
                state=view.state.value,
            ),
        )
    return None


def _stage_blockers(view: CaseView, clerk: StaffRecord, outcome: Outcome) -> list[Blocker]:
    target = OUTCOME_STATES[outcome]
    found: list[Blocker] = []
    refusal = agent_refusal(
        clerk,
        number=view.tracking_number,
        state=view.state,
        first_clerk_id=view.first_clerk.id,
        first_clerk_name=view.first_clerk.name,
        handed_over_at=view.handed_over_at,
        target=target,
    )
    if refusal is not None:
        found.append(refusal)
    if outcome is Outcome.NOTICE and view.notice_issued_at is not None:
        found.append(
            Blocker(
                BlockerKind.STAGE,
                RuleViolation(
                    "a one-time notice was already issued for case {number} on {day}; a second "
                    "notice is not allowed: reprint the first one",
                    number=view.tracking_number,
                    day=view.notice_issued_at.isoformat()[:10],
                ),
            )
        )
    try:
        check_transition(view.state, target, case_label=view.tracking_number)
    except InvalidTransition as exc:
        found.append(Blocker(BlockerKind.STAGE, exc))
    return found


def _checklist_blockers(
    view: CaseView,
    outcome: Outcome,
    received: Collection[str] | None,
    held: Mapping[str, str],
    notice_overdue: bool,
) -> list[Blocker]:
    if outcome is Outcome.REJECT:
        return []  # a rejection rests on its reason, not on the materials
    number = view.tracking_number
    intake = view.state in INTAKE_STATES
    entries = view.checklist if intake else view.recheck
    found: list[Blocker] = []

    def blocked(reason: RuleViolation) -> None:
        found.append(Blocker(BlockerKind.CHECKLIST, reason))

    if intake and view.unanswered:
        texts = {q.id: q.text for q in view.stored_item.item.questions}
        blocked(
            RuleViolation(
                "case {number}: unanswered questions: {questions}",
                number=number,
                questions=", ".join(texts[q] for q in view.unanswered),
            )
        )
    if received is None:
        unmarked = [e.material.id for e in entries if e.status == "unmarked"]
        if unmarked:
            blocked(
                RuleViolation(
                    "case {number}: materials not yet checked: {materials}",
                    number=number,
                    materials=material_names(view, unmarked),
                )
            )
        got = {e.material.id for e in entries if e.status == "received"}
        missing = [e.material.id for e in entries if e.status == "missing"]
    else:
        got = set(received)
        missing = [e.material.id for e in entries if e.material.id not in got]
    outstanding = [e.material.id for e in entries if e.material.id not in got]
    if outcome is Outcome.ACCEPT:
        # Art. 32: no notice in time, so the application counts as accepted as it is.
        if outstanding and not (intake and notice_overdue):
            blocked(
                RuleViolation(
                    "case {number} cannot be accepted: missing {materials}",
                    number=number,
                    materials=material_names(view, outstanding),
                )
            )
    elif outcome is Outcome.TOLERANT:
        item = view.stored_item.item
        if not item.tolerant_acceptance:
            found.append(
                Blocker(
                    BlockerKind.ITEM,
                    RuleViolation(
                        "item {code} ({name}) does not allow tolerant acceptance",
                        code=item.code,
                        name=item.name,
                    ),
                )
            )
        if not outstanding:
            blocked(
                RuleViolation("case {number}: nothing is missing; accept it instead", number=number)
            )
        if (refusal := held_refusal(view, outstanding, held)) is not None:
            found.append(refusal)
        key = [mid for mid in outstanding if (m := item.material(mid)) is not None and m.key]
        if key:
            blocked(
                RuleViolation(
                    "case {number}: key materials are never waived: {materials}",
                    number=number,
                    materials=material_names(view, key),
                )
            )
    elif outcome is Outcome.NOTICE:
        if not missing:
            blocked(
                RuleViolation(
                    "case {number}: nothing is missing; no notice is needed", number=number
                )
            )
        if (refusal := held_refusal(view, missing, held)) is not None:
            found.append(refusal)
    elif outcome is Outcome.COLLECT and not got:
        blocked(
            RuleViolation(
                "case {number}: nothing was collected; the applicant keeps the case until "
                "they have materials to hand in",
                number=number,
            )
        )
    return found


def outcome_blockers(
    view: CaseView,
    *,
    clerk: StaffRecord,
    received: Collection[str] | None = None,
    held: Mapping[str, str] | None = None,
    notice_overdue: bool = False,
) -> dict[Outcome, list[Blocker]]:
    """What blocks each outcome of ``view`` for ``clerk``, in the order the outcome checks.

    Every outcome is a key; an empty list: nothing the case decides blocks it (the
    outcome's own checks of the day and the settings still run, see the module
    docstring). ``received``: the materials the checklist shows received, ticks not
    saved yet (every other material of the checklist counts as missing); None: the
    case's saved marks, where a material not yet marked blocks every outcome but a
    rejection. ``held``: materials another open intake of the applicant on the item
    received ({material id: its tracking number}), never asked for again.
    ``notice_overdue``: no one-time notice was issued within 5 working
    days of receiving the materials, so the case is accepted with what is missing
    (:meth:`~clerk_desk.intake.IntakeService.accept` works it out).
    """
    return {
        outcome: _stage_blockers(view, clerk, outcome)
        + _checklist_blockers(view, outcome, received, held or {}, notice_overdue)
        for outcome in Outcome
    }
