"""Cases: read views, transitions, and the steps after acceptance.

Every state change goes through :func:`apply_transition` (or
:func:`record_case_step` for a step that keeps the state), which in the
caller's write transaction: checks the state machine, appends the timeline
event, and writes the audit entry and the outbox entry with the case's full
snapshot. Services return the changed case as a :class:`CaseView`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clerk_desk import tracking_numbers
from clerk_desk.applicants import ApplicantRecord, applicant_record
from clerk_desk.catalog import CatalogService, StoredItem
from clerk_desk.catalog_format import Material, TimeLimit
from clerk_desk.clock import Clock
from clerk_desk.errors import InvalidInput, InvalidTransition, NotFound, RuleViolation
from clerk_desk.holiday_calendar import HolidayCalendarService
from clerk_desk.identity_numbers import in_cjk_blocks
from clerk_desk.journal import SYSTEM_ACTOR, record_change
from clerk_desk.lifecycle import CLOCK_RUNNING_STATES, CaseState, allowed_next, check_transition
from clerk_desk.models import (
    Applicant,
    Case,
    CaseEvent,
    CaseMaterial,
    CatalogItem,
    CatalogVersion,
    Staff,
)
from clerk_desk.settings import TerminalSettings
from clerk_desk.staff import StaffRecord, record_of
from clerk_desk.storage import Store
from clerk_desk.timeline import (
    DecidedDetail,
    DeliveredDetail,
    DueDateReviewedDetail,
    ResumedDetail,
    Step,
    StepDetail,
    SupplementedDetail,
    SuspendedDetail,
    WithdrawnDetail,
    read_detail,
)
from clerk_desk.working_days import DueDate, HolidayCalendar, due_date, working_days_between

MarkStatus = Literal["received", "missing", "unmarked"]


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    material: Material
    status: MarkStatus


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    seq: int
    at: datetime
    action: str
    from_state: CaseState | None
    to_state: CaseState
    staff_id: str | None  # None: the system took the step (a due-date review, say)
    staff_name: str
    detail: StepDetail  # the step's own class (clerk_desk.timeline.DETAILS)


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case as the UI and the printed documents need it (a snapshot)."""

    id: str
    tracking_number: str
    query_code: str
    state: CaseState
    stored_item: StoredItem
    applicant: ApplicantRecord
    proxy: ApplicantRecord | None
    authorization_letter: str | None
    first_clerk: StaffRecord
    answers: Mapping[str, bool]
    checklist: tuple[ChecklistEntry, ...]
    notice_material_ids: tuple[str, ...] | None
    notice_issued_at: datetime | None
    accepted_on: date | None
    due_on: date | None
    due_unpublished_years: tuple[int, ...]
    promise_date: date | None
    rejection: Mapping[str, str] | None
    created_at: datetime
    updated_at: datetime
    # A village agent's case: collected at the village (代办收件), its hand-over
    # received at the township (None: not, or not yet).
    collected_at: datetime | None = None
    handed_over_at: datetime | None = None
    # The county's back office has taken a step on the case: it owns the steps up to
    # 已办结, and this terminal only hands the result over (AFTER_OFFICE).
    office_moved: bool = False

    @property
    def item_code(self) -> str:
        return self.stored_item.item.code

    @property
    def unanswered(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.stored_item.item.questions if q.id not in self.answers)

    @property
    def due_provisional(self) -> bool:
        return bool(self.due_unpublished_years)

    @property
    def missing(self) -> tuple[Material, ...]:
        return tuple(e.material for e in self.checklist if e.status == "missing")

    @property
    def received(self) -> tuple[Material, ...]:
        return tuple(e.material for e in self.checklist if e.status == "received")

    @property
    def recheck(self) -> tuple[ChecklistEntry, ...]:
        """After a one-time notice: the notice's materials, the only ones asked for again."""
        if self.notice_material_ids is None:
            return ()
        listed = set(self.notice_material_ids)
        return tuple(e for e in self.checklist if e.material.id in listed)

    @property
    def awaits_promised(self) -> bool:
        """Promised materials (容缺受理) still to arrive, and their arrival can be recorded.

        :meth:`CaseService.supplement`'s rule: promised, some still missing, the
        clock running.
        """
        return (
            self.promise_date is not None
            and bool(self.missing)
            and self.state in CLOCK_RUNNING_STATES
        )

    @property
    def allowed_next(self) -> frozenset[CaseState]:
        allowed = allowed_next(self.state, immediate=self.stored_item.item.time_limit.immediate)
        return allowed & AFTER_OFFICE if self.office_moved else allowed


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One row of a case list."""

    id: str
    tracking_number: str
    state: CaseState
    item_code: str
    item_name: str
    applicant_name: str
    applicant_id_number: str
    first_clerk_id: str
    created_at: datetime
    due_on: date | None


def staff_record(s: Staff) -> StaffRecord:
    return record_of(s)


def require_staff(session: Session, staff_id: str, *, where: str = "clerk_id") -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise InvalidInput(where, "no active staff account with id {id}", id=repr(staff_id))
    return staff


def plain_text(value: str, *, where: str, max_len: int = 2000, required: bool = True) -> str:
    """User-typed free text: stripped, printable (line breaks and tabs allowed), bounded.

    Windows and old Mac line ends become ``\n``; any other control or
    invisible formatting character is refused, naming where it is.
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not text:
        raise InvalidInput(where, "must not be empty")
    if len(text) > max_len:
        raise InvalidInput(
            where,
            "is {length} characters long; at most {max_len} allowed",
            length=len(text),
            max_len=max_len,
        )
    for i, ch in enumerate(text):
        if ch in "\n\t" or ch.isprintable() or unicodedata.category(ch) == "Zs":
            continue
        if not in_cjk_blocks(ch):  # an ideograph newer than Python's Unicode data is text
            raise InvalidInput(
                where,
                "contains control character {code} at {pos}",
                code=f"U+{ord(ch):04X}",
                pos=i + 1,
            )
    return text


def local_date(at: datetime, tz: str) -> date:
    return at.astimezone(ZoneInfo(tz)).date()


def marks_of(session: Session, case_id: str) -> dict[str, CaseMaterial]:
    return {
        m.material_id: m
        for m in session.scalars(select(CaseMaterial).where(CaseMaterial.case_id == case_id))
    }


def build_view(session: Session, case: Case, catalog: CatalogService) -> CaseView:
    stored = catalog.item_by_row(session, case.item_id)
    marks = marks_of(session, case.id)
    answers = dict(case.answers)
    checklist = tuple(
        ChecklistEntry(m, marks[m.id].status if m.id in marks else "unmarked")  # type: ignore[arg-type]
        for m in stored.item.checklist(answers)
    )
    applicant = session.get(Applicant, case.applicant_id)
    assert applicant is not None
    proxy = session.get(Applicant, case.proxy_id) if case.proxy_id else None
    clerk = session.get(Staff, case.first_clerk_id)
    assert clerk is not None
    return CaseView(
        id=case.id,
        tracking_number=case.tracking_number,
        query_code=case.query_code,
        state=CaseState(case.state),
        stored_item=stored,
        applicant=applicant_record(applicant),
        proxy=applicant_record(proxy) if proxy else None,
        authorization_letter=case.authorization_letter,
        first_clerk=staff_record(clerk),
        answers=answers,
        checklist=checklist,
        notice_material_ids=tuple(case.notice_material_ids)
        if case.notice_material_ids is not None
        else None,
        notice_issued_at=case.notice_issued_at,
        accepted_on=case.accepted_on,
        due_on=case.due_on,
        due_unpublished_years=tuple(case.due_unpublished_years),
        promise_date=case.promise_date,
        rejection=dict(case.rejection) if case.rejection else None,
        created_at=case.created_at,
        updated_at=case.updated_at,
        collected_at=case.collected_at,
        handed_over_at=case.handed_over_at,
        office_moved=office_moved(session, case.id),
    )


def case_payload(case: Case, session: Session) -> dict[str, Any]:
    """The full case as it goes up to the server (upsert by id).

    The item travels by its local row id and also by its code and name, and the
    catalog by its label: the server's status page shows the name, and a terminal
    recovering the case (clerk_desk.case_recovery) finds the item by code and label.
    """
    marks = marks_of(session, case.id)
    item = session.get(CatalogItem, case.item_id)
    version = session.get(CatalogVersion, case.catalog_version_id)
    return {
        "id": case.id,
        "tracking_number": case.tracking_number,
        "query_code": case.query_code,
        "terminal_code": case.terminal_code,
        "item_id": case.item_id,
        "item_code": item.code if item is not None else "",
        "item_name": item.name if item is not None else "",
        "catalog_version_id": case.catalog_version_id,
        "catalog_label": version.label if version is not None else "",
        "applicant_id": case.applicant_id,
        "proxy_id": case.proxy_id,
        "authorization_letter": case.authorization_letter,
        "first_clerk_id": case.first_clerk_id,
        "state": case.state,
        "answers": dict(case.answers),
        "materials": {k: m.status for k, m in sorted(marks.items())},
        "created_at": case.created_at.isoformat(),
        "accepted_on": case.accepted_on.isoformat() if case.accepted_on else None,
        "due_on": case.due_on.isoformat() if case.due_on else None,
        "due_unpublished_years": list(case.due_unpublished_years),
        "promise_date": case.promise_date.isoformat() if case.promise_date else None,
        "notice_issued_at": case.notice_issued_at.isoformat() if case.notice_issued_at else None,
        "notice_material_ids": case.notice_material_ids,
        "rejection": case.rejection,
        "collected_at": case.collected_at.isoformat() if case.collected_at else None,
        "handed_over_at": case.handed_over_at.isoformat() if case.handed_over_at else None,
    }


def record_case_step(
    session: Session,
    case: Case,
    *,
    at: datetime,
    staff_id: str | None,
    action: Step,
    detail: StepDetail,
    from_state: CaseState | None,
    sync: bool = True,
) -> None:
    """Timeline event + audit + outbox for a step on ``case`` (state already set).

    ``staff_id`` None is a step the system took; the audit names SYSTEM_ACTOR.
    ``sync`` false: a step that came down from the server (the back office's): the
    outbox gets only the audit entry's anchor, never the case back (no echo).
    """
    case.updated_at = at
    seq = (
        session.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case.id)) or 0
    ) + 1
    session.add(
        CaseEvent(
            case_id=case.id,
            seq=seq,
            at=at,
            staff_id=staff_id,
            action=action,
            from_state=from_state.value if from_state else None,
            to_state=case.state,
            detail=detail.to_json(),
        )
    )
    session.flush()
    payload = {
        "case": case_payload(case, session),
        "event": {
            "seq": seq,
            "action": action,
            "from_state": from_state.value if from_state else None,
            "to_state": case.state,
            "detail": detail.to_json(),
        },
    }
    record_change(
        session,
        at=at,
        actor_id=staff_id or SYSTEM_ACTOR,
        action=f"case.{action}",
        entity="case",
        entity_id=case.id,
        payload=payload,
        sync=sync,
    )


def shift_due_after_suspension(
    session: Session, case: Case, resumed_on: date, calendar: HolidayCalendar
) -> ResumedDetail:
    """Move a resuming case's due date by the working days since its last suspension.

    For :meth:`CaseService.resume` and for the back office's ``resumed`` step
    (:mod:`clerk_desk.office_steps`); returns the detail the ``resumed`` event keeps.
    """
    since = session.scalar(
        select(CaseEvent.detail)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == Step.SUSPENDED)
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    )
    suspended_on = SuspendedDetail.from_json(since).suspended_on
    if since is None or suspended_on is None:
        raise InvalidTransition(
            "case {number} is {state}; only a suspended case resumes",
            number=case.tracking_number,
            state=case.state,
        )
    paused = max(0, working_days_between(suspended_on, resumed_on, calendar))
    if case.due_on is not None and paused:
        moved = due_date(case.due_on, paused, "working_day", calendar)
        case.due_on = moved.due_on
        case.due_unpublished_years = sorted(
            set(case.due_unpublished_years) | set(moved.unpublished_years)
        )
    return ResumedDetail(paused_working_days=paused, due_on=str(case.due_on))


# Once the county's back office has taken a step on a case (clerk_desk.office_steps), the
# terminal only hands the result over: the server refuses its other moves (case_moved).
AFTER_OFFICE = frozenset({CaseState.DELIVERED})


def office_moved(session: Session, case_id: str) -> bool:
    """Whether the back office has taken a step on the case (one came down the feed)."""
    rows = session.execute(
        select(CaseEvent.action, CaseEvent.detail).where(
            CaseEvent.case_id == case_id, CaseEvent.staff_id.is_(None)
        )
    ).all()
    return any(read_detail(action, detail).office_step_seq is not None for action, detail in rows)


def due_from_history(
    session: Session, case: Case, limit: TimeLimit, calendar: HolidayCalendar, tz: str
) -> DueDate | None:
    """The case's due date as its steps make it under ``calendar``: None without one.

    The promised limit counted from the acceptance day, then moved by the
    working days of every suspension that has ended, as :meth:`CaseService.resume`
    moves it.
    """
    if case.accepted_on is None or limit.immediate:
        return None
    due = due_date(case.accepted_on, limit.promised_days, limit.unit, calendar)
    on, years = due.due_on, set(due.unpublished_years)
    suspended_on: date | None = None
    for action, at, detail in session.execute(
        select(CaseEvent.action, CaseEvent.at, CaseEvent.detail)
        .where(CaseEvent.case_id == case.id, CaseEvent.action.in_((Step.SUSPENDED, Step.RESUMED)))
        .order_by(CaseEvent.seq)
    ):
        if action == Step.SUSPENDED:
            suspended_on = SuspendedDetail.from_json(detail).suspended_on
            continue
        if suspended_on is None:
            continue
        paused = max(0, working_days_between(suspended_on, local_date(at, tz), calendar))
        if paused:
            moved = due_date(on, paused, "working_day", calendar)
            on = moved.due_on
            years |= set(moved.unpublished_years)
        suspended_on = None
    return DueDate(on, tuple(sorted(years)))


def review_due_dates(
    session: Session,
    catalog: CatalogService,
    calendar: HolidayCalendar,
    years: frozenset[int],
    *,
    at: datetime,
    tz: str,
) -> int:
    """Recompute the due dates a newer schedule for ``years`` can change; return how many moved.

    Every open accepted case whose span from acceptance to due date touches one
    of ``years``: provisional dates become final (or move), and a corrected
    schedule moves the dates it affects. Each change is a step of the case (no
    person took it), in the caller's transaction.
    """
    if not years:
        return 0
    first, last = date(min(years), 1, 1), date(max(years), 12, 31)
    cases = session.scalars(
        select(Case).where(
            Case.state.in_([s.value for s in CLOCK_RUNNING_STATES]),
            Case.due_on.is_not(None),
            Case.due_on >= first,
            Case.accepted_on <= last,
        )
    ).all()
    changed = 0
    for case in cases:
        limit = catalog.item_by_row(session, case.item_id).item.time_limit
        due = due_from_history(session, case, limit, calendar, tz)
        if due is None:
            continue
        before = (case.due_on, list(case.due_unpublished_years))
        if before == (due.due_on, list(due.unpublished_years)):
            continue
        case.due_on, case.due_unpublished_years = due.due_on, list(due.unpublished_years)
        record_case_step(
            session,
            case,
            at=at,
            staff_id=None,
            action=Step.DUE_DATE_REVIEWED,
            detail=DueDateReviewedDetail(
                due_on_before=before[0],
                provisional_years_before=tuple(before[1]),
                due_on=due.due_on,
                provisional_years=tuple(due.unpublished_years),
                calendar_source=calendar.source,
            ),
            from_state=CaseState(case.state),
        )
        changed += 1
    return changed


def apply_transition(
    session: Session,
    case: Case,
    target: CaseState,
    *,
    at: datetime,
    staff_id: str,
    action: Step,
    detail: StepDetail | None = None,
    immediate: bool = False,
) -> None:
    """Move ``case`` to ``target`` and record the step; ``immediate``: the item is 即办件."""
    current = CaseState(case.state)
    check_transition(current, target, case_label=case.tracking_number, immediate=immediate)
    case.state = target.value
    record_case_step(
        session,
        case,
        at=at,
        staff_id=staff_id,
        action=action,
        detail=detail or StepDetail(),
        from_state=current,
    )


def load_case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("case_id: no case with id {id}", id=repr(case_id))
    return case


class CaseService:
    """Finding cases, their timelines, and the steps after acceptance."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        catalog: CatalogService,
        calendar: HolidayCalendarService,
        settings: Callable[[], TerminalSettings],
    ) -> None:
        self._store = store
        self._clock = clock
        self._catalog = catalog
        self._calendar = calendar
        self._settings = settings

    # -- reading ---------------------------------------------------------

    def get(self, case_id: str) -> CaseView:
        with self._store.read() as session:
            return build_view(session, load_case(session, case_id), self._catalog)

    def by_tracking_number(self, text: str) -> CaseView:
        number = tracking_numbers.parse(text)
        with self._store.read() as session:
            case = session.scalar(select(Case).where(Case.tracking_number == number))
            if case is None:
                raise NotFound(
                    "tracking_number: no case {number}", number=tracking_numbers.display(number)
                )
            return build_view(session, case, self._catalog)

    def summary_by_tracking_number(self, text: str) -> CaseSummary | None:
        """One joined query: the list row of a case (fast path for lookups)."""
        number = tracking_numbers.parse(text)
        with self._store.read() as session:
            rows = self._summaries(session, Case.tracking_number == number)
            return rows[0] if rows else None

    def for_applicant(self, applicant_id: str) -> list[CaseSummary]:
        with self._store.read() as session:
            return self._summaries(session, Case.applicant_id == applicant_id)

    @staticmethod
    def _summaries(session: Session, where: Any) -> list[CaseSummary]:
        rows = session.execute(
            select(
                Case.id,
                Case.tracking_number,
                Case.state,
                CatalogItem.code,
                CatalogItem.name,
                Applicant.name,
                Applicant.id_number,
                Case.first_clerk_id,
                Case.created_at,
                Case.due_on,
            )
            .join(CatalogItem, CatalogItem.id == Case.item_id)
            .join(Applicant, Applicant.id == Case.applicant_id)
            .where(where)
            .order_by(Case.created_at.desc())
        ).all()
        return [
            CaseSummary(r[0], r[1], CaseState(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], r[9])
            for r in rows
        ]

    def timeline(self, case_id: str) -> list[TimelineEntry]:
        with self._store.read() as session:
            load_case(session, case_id)
            rows = session.execute(
                select(CaseEvent, Staff.name)
                .outerjoin(Staff, Staff.id == CaseEvent.staff_id)
                .where(CaseEvent.case_id == case_id)
                .order_by(CaseEvent.seq)
            ).all()
            return [
                TimelineEntry(
                    seq=e.seq,
                    at=e.at,
                    action=e.action,
                    from_state=CaseState(e.from_state) if e.from_state else None,
                    to_state=CaseState(e.to_state),
                    staff_id=e.staff_id,
                    # A back-office step (from the server) names its staff in the detail.
                    staff_name=name or detail.office_staff,
                    detail=detail,
                )
                for e, name in rows
                for detail in (read_detail(e.action, e.detail),)
            ]

    # -- steps after acceptance ------------------------------------------

    def _step(
        self,
        case_id: str,
        staff_id: str,
        target: CaseState,
        action: Step,
        detail: StepDetail | None = None,
        before: Callable[[Session, Case], StepDetail] | None = None,
    ) -> CaseView:
        now = self._clock.now()
        with self._store.write() as session:
            require_staff(session, staff_id, where="staff_id")
            case = load_case(session, case_id)
            if target not in AFTER_OFFICE and office_moved(session, case.id):
                raise RuleViolation(
                    "case {number} is handled by the county's back office now: this terminal "
                    "only hands the result over",
                    number=case.tracking_number,
                )
            immediate = self._catalog.item_by_row(session, case.item_id).item.time_limit.immediate
            check_transition(
                CaseState(case.state),
                target,
                case_label=case.tracking_number,
                immediate=immediate,
            )
            apply_transition(
                session,
                case,
                target,
                at=now,
                staff_id=staff_id,
                action=action,
                detail=before(session, case) if before else detail,
                immediate=immediate,
            )
            return build_view(session, case, self._catalog)

    def start_processing(self, case_id: str, *, staff_id: str) -> CaseView:
        return self._step(case_id, staff_id, CaseState.IN_PROGRESS, Step.PROCESSING_STARTED)

    def suspend(self, case_id: str, *, staff_id: str, reason: str) -> CaseView:
        """Pause the clock (hearing, inspection, expert review: 行政许可法 art. 45)."""
        reason = plain_text(reason, where="reason")
        today = self._clock.today()
        return self._step(
            case_id,
            staff_id,
            CaseState.SUSPENDED,
            Step.SUSPENDED,
            SuspendedDetail(reason=reason, suspended_on=today),
        )

    def resume(self, case_id: str, *, staff_id: str) -> CaseView:
        """Restart the clock: the due date moves by the working days spent suspended."""
        today = self._clock.today()

        def shift_due(session: Session, case: Case) -> StepDetail:
            if case.state != CaseState.SUSPENDED.value:
                raise InvalidTransition(
                    "case {number} is {state}; only a suspended case resumes",
                    number=case.tracking_number,
                    state=case.state,
                )
            return shift_due_after_suspension(session, case, today, self._calendar.calendar())

        return self._step(case_id, staff_id, CaseState.IN_PROGRESS, Step.RESUMED, before=shift_due)

    def decide(self, case_id: str, *, staff_id: str, decision: str) -> CaseView:
        decision = plain_text(decision, where="decision")
        return self._step(
            case_id, staff_id, CaseState.DECIDED, Step.DECIDED, DecidedDetail(decision=decision)
        )

    def complete(self, case_id: str, *, staff_id: str) -> CaseView:
        return self._step(case_id, staff_id, CaseState.COMPLETED, Step.COMPLETED)

    def deliver(self, case_id: str, *, staff_id: str, how: str) -> CaseView:
        how = plain_text(how, where="how")
        return self._step(
            case_id, staff_id, CaseState.DELIVERED, Step.DELIVERED, DeliveredDetail(how=how)
        )

    def withdraw(self, case_id: str, *, staff_id: str, reason: str) -> CaseView:
        reason = plain_text(reason, where="reason")
        return self._step(
            case_id, staff_id, CaseState.WITHDRAWN, Step.WITHDRAWN, WithdrawnDetail(reason=reason)
        )

    def supplement(self, case_id: str, *, staff_id: str, material_ids: list[str]) -> CaseView:
        """Materials promised under tolerant acceptance arrive (state unchanged)."""
        now = self._clock.now()
        with self._store.write() as session:
            require_staff(session, staff_id, where="staff_id")
            case = load_case(session, case_id)
            if case.promise_date is None:
                raise RuleViolation(
                    "case {number} was not tolerant-accepted: nothing was promised",
                    number=case.tracking_number,
                )
            if CaseState(case.state) not in CLOCK_RUNNING_STATES:
                raise RuleViolation(
                    "case {number} is {state}: no materials are awaited any more",
                    number=case.tracking_number,
                    state=case.state,
                )
            if not material_ids:
                raise InvalidInput("material_ids", "name at least one material that arrived")
            marks = marks_of(session, case.id)
            for i, mid in enumerate(material_ids):
                mark = marks.get(mid)
                if mark is None or mark.status != "missing":
                    raise InvalidInput(
                        f"material_ids[{i}]",
                        "{material} is not a promised material of case {number}",
                        material=repr(mid),
                        number=case.tracking_number,
                    )
                mark.status, mark.marked_at, mark.marked_by = "received", now, staff_id
            state = CaseState(case.state)
            record_case_step(
                session,
                case,
                at=now,
                staff_id=staff_id,
                action=Step.MATERIALS_SUPPLEMENTED,
                detail=SupplementedDetail(materials=tuple(material_ids)),
                from_state=state,
            )
            return build_view(session, case, self._catalog)
