"""The intake's checklist as the clerk ticks it, and what the domain says it allows.

No Qt and no database: :class:`Checklist` holds the materials on screen and
the ticks; :func:`checklist_summary`, :func:`offered_outcomes` and
:func:`tolerant_blocker` ask :func:`clerk_desk.outcomes.outcome_blockers`,
which decides, and only read its answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clerk_desk.cases import CaseView
from clerk_desk.catalog_format import Material
from clerk_desk.errors import ClerkDeskError
from clerk_desk.outcomes import NOT_OFFERED, outcome_blockers
from clerk_desk.outcomes import Outcome as Ending
from clerk_desk.staff import StaffRecord


@dataclass(frozen=True, slots=True)
class ChecklistSummary:
    """Counts of the open checklist and the outcome its ticks allow first (None: none)."""

    received: int
    missing: int
    key_missing: int
    next_outcome: Ending | None


@dataclass(slots=True)
class Checklist:
    """The materials to tick (empty: no checklist yet), those ticked received, and whether
    it is open (on screen, an outcome may be taken from it)."""

    materials: list[Material] = field(default_factory=list)
    ticked: set[str] = field(default_factory=set)
    is_open: bool = False

    def received(self) -> list[str]:
        return [m.id for m in self.materials if m.id in self.ticked]

    def missing(self) -> list[str]:
        return [m.id for m in self.materials if m.id not in self.ticked]

    def mark(self, marks: dict[str, bool]) -> None:
        """Materials ticked received (True) or missing (False)."""
        for material, got in marks.items():
            if got:
                self.ticked.add(material)
            else:
                self.ticked.discard(material)


def offered_outcomes(case: CaseView, staff: StaffRecord) -> set[Ending]:
    """The outcomes the domain offers this clerk on the case (whatever the ticks)."""
    return {
        outcome
        for outcome, blockers in outcome_blockers(case, clerk=staff).items()
        if not any(b.kind in NOT_OFFERED for b in blockers)
    }


def checklist_summary(
    case: CaseView,
    staff: StaffRecord,
    checklist: Checklist,
    *,
    allowed: set[Ending],
    agent: bool,
) -> ChecklistSummary:
    """Where the checklist stands, and the first outcome its ticks allow.

    The outcome is the domain's answer (``outcome_blockers`` with the ticks as
    they are): accept, else tolerant acceptance, else a one-time notice (for a
    village agent: collect). A rejection is never the next step by itself.
    """
    received = checklist.received()
    missing = [m for m in checklist.materials if m.id not in checklist.ticked]
    blockers = outcome_blockers(case, clerk=staff, received=received)
    order = (Ending.COLLECT,) if agent else (Ending.ACCEPT, Ending.TOLERANT, Ending.NOTICE)
    upcoming = next((o for o in order if o in allowed and not blockers[o]), None)
    return ChecklistSummary(
        received=len(received),
        missing=len(missing),
        key_missing=sum(1 for m in missing if m.key),
        next_outcome=upcoming,
    )


def tolerant_blocker(
    case: CaseView, staff: StaffRecord, checklist: Checklist
) -> ClerkDeskError | None:
    """Why tolerant acceptance is refused with the ticks as they are (None: it is not)."""
    found = outcome_blockers(case, clerk=staff, received=checklist.received())[Ending.TOLERANT]
    return found[0].reason if found else None
