"""The intake at the counter: from the first contact to one of four outcomes.

Flow (each call one write transaction with its audit and outbox entries):

1. :meth:`IntakeService.start` - the first-contact clerk (首问负责) opens a case
   for an applicant and an item of the current catalog; the case gets its
   tracking number and query code and is ``consulted``.
2. :meth:`answer` the item's situation questions; the checklist is the
   materials whose ``when_yes``/``when_no`` hold.
3. :meth:`mark` each checklist material received or missing.
4. One outcome: :meth:`accept`, :meth:`tolerant_accept` (容缺受理),
   :meth:`issue_notice` (一次性告知, once per case, frozen), or :meth:`reject`.

A village agent's only outcome is :meth:`collect` (代办收件, with its receipt):
the case is ``collected`` and travels to the township on a handover list
(:mod:`clerk_desk.handover`). Once the township has received the list, its
clerk checks the materials again (:meth:`mark`) and takes one of the four
outcomes; the one-time notice's 5 working days run from that receipt.

After a notice, the applicant's return is handled by :meth:`mark` and
:meth:`accept` on the same case, and only the notice's materials may be marked.

One open intake per applicant and item: while a case of theirs on the item is
``consulted``, ``collected`` or ``notice_issued``, :meth:`start_case` opens that case again
instead of a new one, unless given the reason for a new case (audited). The new
case never asks for what the open ones received: :meth:`mark` refuses marking
it missing and :meth:`issue_notice` refuses listing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_desk import tracking_numbers
from clerk_desk.case_documents import DocumentKind, check_a4_available
from clerk_desk.cases import (
    CaseView,
    apply_transition,
    build_view,
    load_case,
    local_date,
    marks_of,
    plain_text,
    record_case_step,
    require_staff,
)
from clerk_desk.catalog import CatalogService, StoredItem
from clerk_desk.clock import Clock
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.holiday_calendar import HolidayCalendarService
from clerk_desk.identity_numbers import parse_resident_id
from clerk_desk.journal import record_change
from clerk_desk.lifecycle import INTAKE_STATES, OPEN_INTAKE_STATES, CaseState
from clerk_desk.models import (
    Applicant,
    Case,
    CaseEvent,
    CaseMaterial,
    CatalogItem,
    HandoverBatch,
    Staff,
    TrackingSequence,
    new_id,
)
from clerk_desk.outcomes import (
    Outcome,
    agent_refusal,
    held_refusal,
    outcome_blockers,
)
from clerk_desk.roles import Role
from clerk_desk.settings import TerminalSettings, load_settings
from clerk_desk.staff import StaffRecord, StaffService, record_of
from clerk_desk.storage import Store
from clerk_desk.sync_freeze import (
    OVERRIDE_ROLES,
    FreezeOverride,
    FreezeState,
    frozen_error,
    observe,
)
from clerk_desk.timeline import (
    AcceptedDetail,
    AnsweredDetail,
    CollectedDetail,
    DeemedAcceptance,
    MaterialsCheckedDetail,
    NoticeDetail,
    OpenCase,
    OpenedDetail,
    RejectedDetail,
    Step,
)
from clerk_desk.working_days import NOTICE_WORKING_DAYS, due_date

LEVEL_RANK = {"village": 0, "township": 1, "county": 2}
# The catalog's situation question "is someone acting for the applicant?": it
# brings the letter of authorisation and the proxy's ID onto the checklist, so
# the intake answers it from the proxy recorded and refuses a contrary answer.
PROXY_QUESTION = "by_proxy"
VILLAGE_POINT_MAX = 200


@dataclass(frozen=True, slots=True)
class Proxy:
    """Someone acting for the applicant with a letter of authorisation (授权委托书).

    ``applicant_id`` is the registered person who acts (a relative, say); it is
    None when the acting village agent is the logged-in staff member.
    ``authorization_letter`` describes the letter kept with the case.
    """

    applicant_id: str | None
    authorization_letter: str


@dataclass(frozen=True, slots=True)
class StartedCase:
    """What :meth:`IntakeService.start_case` did.

    ``existing``: the applicant already had an open intake on the item, and
    ``case`` is that one, opened again; nothing was written. ``freeze``: the
    freeze policy as assessed when a new case opened (None for an existing one),
    for the clerk to be warned (see :mod:`clerk_desk.sync_freeze`).
    """

    case: CaseView
    existing: bool
    freeze: FreezeState | None = None


def _due_detail(case: Case) -> dict[str, Any]:
    """The due date promised at acceptance, kept with the step (the receipt prints it)."""
    return {
        "due_recorded": True,
        "due_on": case.due_on,
        "due_unpublished_years": tuple(case.due_unpublished_years),
    }


# (session, the case after the outcome, the clerk): raises to refuse the outcome.
OutcomeStep = Callable[[Session, CaseView, str], object]


class IntakeService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        catalog: CatalogService,
        calendar: HolidayCalendarService,
        settings: Callable[[], TerminalSettings],
        staff: StaffService | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._catalog = catalog
        self._calendar = calendar
        self._settings = settings
        # Checks a supervisor's password for a new intake on a frozen terminal.
        self._staff = staff or StaffService(store, clock)
        # Run on the case as an outcome leaves it, in the outcome's transaction; the
        # desk adds the making of its documents.
        self.during_outcome: list[OutcomeStep] = []

    # -- 1. first contact ------------------------------------------------

    def start(
        self,
        *,
        clerk_id: str,
        item_code: str,
        applicant_id: str,
        proxy: Proxy | None = None,
        new_case_reason: str | None = None,
        override: FreezeOverride | None = None,
    ) -> CaseView:
        """The case :meth:`start_case` opens (a new one, or the applicant's open one)."""
        return self.start_case(
            clerk_id=clerk_id,
            item_code=item_code,
            applicant_id=applicant_id,
            proxy=proxy,
            new_case_reason=new_case_reason,
            override=override,
        ).case

    def start_case(
        self,
        *,
        clerk_id: str,
        item_code: str,
        applicant_id: str,
        proxy: Proxy | None = None,
        new_case_reason: str | None = None,
        override: FreezeOverride | None = None,
    ) -> StartedCase:
        """Open a case for the applicant and the item of the current catalog.

        While the applicant has an open intake on the item (same code, any
        catalog version), that case is returned (``existing``) and nothing is
        written. ``new_case_reason`` opens a new case all the same: the reason
        and the open cases are recorded with the opened step (and its audit),
        and the new case may not ask for what they received.

        A new case is a new intake, which the freeze policy governs
        (:mod:`clerk_desk.sync_freeze`): on a frozen terminal it needs
        ``override``, a supervisor's login and password, or :class:`SyncFrozen`
        is raised and nothing is written. The override is recorded with the
        opened step and audited (``sync.freeze_overridden``: the clerk, the
        supervisor, the days without a sync) in the transaction that opens the
        case. The applicant's open case is never refused: that is no new intake
        (the return visit after a one-time notice, a case collected by an agent).
        """
        reason = (
            None
            if new_case_reason is None
            else plain_text(new_case_reason, where="new_case_reason")
        )
        stored = self._catalog.item(item_code)  # NotFound names the code
        # The password is checked before the write (a slow hash; a wrong one is counted
        # and audited by the staff service, and locks the account after five).
        supervisor = self._supervisor(override) if override is not None else None
        now = self._clock.now()
        today = self._clock.today()
        # The clock's reading is kept whatever comes of the intake: a refused one rolls
        # its transaction back, and a clock set back after it must still find it.
        if not self._store.read_only:
            with self._store.write() as session:
                observe(session, load_settings(session), now)
        with self._store.write() as session:
            # The terminal number as stored now, in the transaction that numbers the
            # case: a change made by another process is never numbered with a stale copy.
            settings = load_settings(session)
            clerk = require_staff(session, clerk_id)
            applicant = session.get(Applicant, applicant_id)
            if applicant is None:
                raise InvalidInput(
                    "applicant_id", "no applicant with id {id}", id=repr(applicant_id)
                )
            letter: str | None = None
            proxy_id: str | None = None
            if clerk.role == Role.AGENT:
                if not stored.item.agency_allowed:
                    raise RuleViolation(
                        "item {code} ({name}) may not be taken by a village agent; the "
                        "applicant must come to the township counter",
                        code=item_code,
                        name=stored.item.name,
                    )
                if proxy is None:
                    raise InvalidInput(
                        "proxy", "a village agent needs the applicant's letter of authorisation"
                    )
            if proxy is not None:
                letter = plain_text(proxy.authorization_letter, where="proxy.authorization_letter")
                if proxy.applicant_id is None and clerk.role != Role.AGENT:
                    # Only the village agent taking the case acts as themself.
                    raise InvalidInput(
                        "proxy.applicant_id",
                        "who acts for the applicant? register the person acting (their "
                        "name and ID number) with the letter of authorisation",
                    )
                if proxy.applicant_id is not None:
                    agent = session.get(Applicant, proxy.applicant_id)
                    if agent is None or agent.kind != "person":
                        raise InvalidInput(
                            "proxy.applicant_id",
                            "no person with id {id}",
                            id=repr(proxy.applicant_id),
                        )
                    if agent.id == applicant.id:
                        raise InvalidInput(
                            "proxy.applicant_id", "the applicant cannot act for themself"
                        )
                    acting = parse_resident_id(agent.id_number, today=today)
                    if acting.is_minor_on(today):
                        # A guardian or a proxy acts with full capacity (民法典 art. 18).
                        raise RuleViolation(
                            "the person acting is {age} years old: only an adult may act for "
                            "an applicant",
                            age=acting.age_on(today),
                        )
                    proxy_id = agent.id
            if applicant.kind == "person" and proxy is None:
                rid = parse_resident_id(applicant.id_number, today=today)
                if rid.is_minor_on(today):
                    raise RuleViolation(
                        "the applicant is {age} years old: a guardian must act for a minor "
                        "(record them as proxy with the letter of authorisation)",
                        age=rid.age_on(today),
                    )
            open_cases = self._open_intakes(session, applicant.id, item_code)
            if open_cases and reason is None:
                return StartedCase(build_view(session, open_cases[0], self._catalog), True)
            freeze = observe(session, settings, now)
            overridden: dict[str, object] | None = None
            if freeze.frozen:
                if supervisor is None:
                    raise frozen_error(freeze)
                holder = session.get(Staff, supervisor.id)
                if holder is None or not holder.active or holder.role not in OVERRIDE_ROLES:
                    raise InvalidInput(
                        "supervisor_login",
                        "{login} is not an active supervisor of this terminal",
                        login=supervisor.login,
                    )
                overridden = {
                    "supervisor_id": holder.id,
                    "supervisor_login": holder.login,
                    "days_since_sync": freeze.days,
                    "last_sync": freeze.since.isoformat() if freeze.since else None,
                    "clock_behind_days": freeze.days_behind,
                    "freeze_days": freeze.freeze_days,
                }
            number = self._next_tracking_number(session, settings.terminal_code, today)
            case = Case(
                id=new_id(),
                tracking_number=number,
                query_code=tracking_numbers.new_query_code(),
                terminal_code=settings.terminal_code,
                item_id=stored.row_id,
                catalog_version_id=stored.version_id,
                applicant_id=applicant.id,
                proxy_id=proxy_id,
                authorization_letter=letter,
                first_clerk_id=clerk.id,
                state=CaseState.CONSULTED.value,
                # The catalog's proxy question answers itself from the proxy recorded.
                answers=(
                    {PROXY_QUESTION: proxy is not None}
                    if PROXY_QUESTION in stored.item.question_ids()
                    else {}
                ),
                created_at=now,
                updated_at=now,
                due_unpublished_years=[],
            )
            session.add(case)
            session.flush()
            record_case_step(
                session,
                case,
                at=now,
                staff_id=clerk.id,
                action=Step.OPENED,
                detail=OpenedDetail(
                    item_code=item_code,
                    catalog_version=stored.version_label,
                    answers=dict(case.answers),
                    new_case_reason=reason or "",
                    open_cases=tuple(OpenCase(c.id, c.tracking_number) for c in open_cases),
                    freeze_override=overridden,
                ),
                from_state=None,
            )
            if overridden:
                record_change(
                    session,
                    at=now,
                    actor_id=clerk.id,
                    action="sync.freeze_overridden",
                    entity="case",
                    entity_id=case.id,
                    payload={"tracking_number": case.tracking_number, **overridden},
                    sync=False,
                )
            return StartedCase(build_view(session, case, self._catalog), False, freeze)

    def _supervisor(self, override: FreezeOverride) -> StaffRecord:
        """The supervisor whose login and password the override gives, checked."""
        login = override.supervisor_login.strip()
        if not login:
            raise InvalidInput("supervisor_login", "a supervisor's login is needed")
        found = self._staff.authenticate(login, override.password)
        if found is None:
            raise InvalidInput(
                "supervisor_password", "wrong login or password of a supervisor account"
            )
        if found.role not in OVERRIDE_ROLES:
            raise InvalidInput(
                "supervisor_login",
                "{login} is not an active supervisor of this terminal",
                login=found.login,
            )
        return found

    @staticmethod
    def _open_intakes(session: Session, applicant_id: str, item_code: str) -> list[Case]:
        """The applicant's open intakes on the item (any catalog version), newest first."""
        return list(
            session.scalars(
                select(Case)
                .join(CatalogItem, CatalogItem.id == Case.item_id)
                .where(
                    Case.applicant_id == applicant_id,
                    CatalogItem.code == item_code,
                    Case.state.in_([s.value for s in OPEN_INTAKE_STATES]),
                )
                # Same instant (a fixed clock): the later number of the day is newer.
                .order_by(Case.created_at.desc(), Case.tracking_number.desc())
            )
        )

    def open_intake(self, applicant_id: str, item_code: str) -> CaseView | None:
        """The applicant's open intake on the item (the newest), if any."""
        with self._store.read() as session:
            found = self._open_intakes(session, applicant_id, item_code)
            return build_view(session, found[0], self._catalog) if found else None

    @staticmethod
    def _held_elsewhere(session: Session, case: Case) -> dict[str, str]:
        """Materials the open intakes this case was opened beside have received.

        {material id: tracking number of the case holding it}; empty for a case
        opened with no other intake of the applicant on the item open.
        """
        opened = session.scalar(
            select(CaseEvent.detail).where(
                CaseEvent.case_id == case.id, CaseEvent.action == Step.OPENED
            )
        )
        earlier = [c.id for c in OpenedDetail.from_json(opened).open_cases]
        if not earlier:
            return {}
        rows = session.execute(
            select(CaseMaterial.material_id, Case.tracking_number)
            .join(Case, Case.id == CaseMaterial.case_id)
            .where(CaseMaterial.case_id.in_(earlier), CaseMaterial.status == "received")
            .order_by(Case.created_at, Case.tracking_number)
        )
        held: dict[str, str] = {}
        for mid, number in rows:
            held.setdefault(mid, number)
        return held

    @staticmethod
    def _refuse_held(view: CaseView, asked: Iterable[str], held: Mapping[str, str]) -> None:
        """Refuse asking for materials another open case of the applicant received."""
        refusal = held_refusal(view, asked, held)
        if refusal is not None:
            raise refusal.reason

    def held_elsewhere(self, case_id: str) -> dict[str, str]:
        """Materials of the case that an earlier open intake received (not asked for again)."""
        with self._store.read() as session:
            return self._held_elsewhere(session, load_case(session, case_id))

    @staticmethod
    def _next_tracking_number(session: Session, terminal: str, today: date) -> str:
        """The next number of ``terminal`` (its terminal number) today, from 0001."""
        if not tracking_numbers.is_terminal_number(terminal):
            # Empty, or an early version's symbol code the first run has not replaced yet.
            raise RuleViolation("this terminal has no terminal number yet: finish its set-up first")
        seq = session.get(TrackingSequence, (terminal, today))
        if seq is None:
            seq = TrackingSequence(terminal_code=terminal, day=today, last=0)
            session.add(seq)
        number = tracking_numbers.compose(terminal, today, seq.last + 1)
        seq.last += 1
        return number

    # -- 2. situation questions ------------------------------------------

    def answer(self, *, case_id: str, clerk_id: str, answers: Mapping[str, bool]) -> CaseView:
        now = self._clock.now()
        with self._store.write() as session:
            require_staff(session, clerk_id)
            case = load_case(session, case_id)
            stored = self._catalog.item_by_row(session, case.item_id)
            state = CaseState(case.state)
            if state is not CaseState.CONSULTED:
                raise RuleViolation(
                    "case {number} is {state}: its answers are frozen",
                    number=case.tracking_number,
                    state=state.value,
                )
            asked = stored.item.question_ids()
            for qid, value in answers.items():
                if qid not in asked:
                    if not asked:
                        raise InvalidInput(
                            f"answers.{qid}",
                            "item {code} does not ask this question (it asks: nothing)",
                            code=stored.item.code,
                        )
                    raise InvalidInput(
                        f"answers.{qid}",
                        "item {code} does not ask this question (it asks: {questions})",
                        code=stored.item.code,
                        questions=", ".join(sorted(asked)),
                    )
                if not isinstance(value, bool):
                    raise InvalidInput(
                        f"answers.{qid}", "must be yes or no, got {got}", got=repr(value)
                    )
                if qid == PROXY_QUESTION:
                    self._check_proxy_answer(case, value)
            answers = {q: v for q, v in answers.items() if case.answers.get(q) is not v}
            if not answers:  # nothing new: nothing to record
                return build_view(session, case, self._catalog)
            merged = {**case.answers, **answers}
            case.answers = merged
            # Marks on materials that left the checklist no longer mean anything.
            on_list = {m.id for m in stored.item.checklist(merged)}
            for mid, mark in marks_of(session, case.id).items():
                if mid not in on_list:
                    session.delete(mark)
            record_case_step(
                session,
                case,
                at=now,
                staff_id=clerk_id,
                action=Step.ANSWERED,
                detail=AnsweredDetail(answers=dict(answers)),
                from_state=state,
            )
            return build_view(session, case, self._catalog)

    @staticmethod
    def _check_proxy_answer(case: Case, value: bool) -> None:
        """The proxy question must say what the case records (who acts, and the letter)."""
        has_proxy = case.authorization_letter is not None
        if value and not has_proxy:
            raise InvalidInput(
                f"answers.{PROXY_QUESTION}",
                "case {number} was opened without a proxy: for someone acting on the "
                "applicant's behalf, start a new intake with the proxy and the letter of "
                "authorisation",
                number=case.tracking_number,
            )
        if not value and has_proxy:
            raise InvalidInput(
                f"answers.{PROXY_QUESTION}",
                "case {number} records a proxy with a letter of authorisation: the answer is yes",
                number=case.tracking_number,
            )

    def _outcome_view(self, session: Session, case: Case, clerk_id: str) -> CaseView:
        """The case after an outcome, once every step of :attr:`during_outcome` ran.

        The steps run inside the outcome's transaction: one that raises (its
        document could not be made, say) leaves the case as it was.
        """
        session.flush()
        view = build_view(session, case, self._catalog)
        for step in self.during_outcome:
            step(session, view, clerk_id)
        return view

    # -- 3. the checklist ------------------------------------------------

    def mark(
        self,
        *,
        case_id: str,
        clerk_id: str,
        received: Iterable[str] = (),
        missing: Iterable[str] = (),
        unmarked: Iterable[str] = (),
    ) -> CaseView:
        """Mark materials received or missing, or take a mark back (``unmarked``).

        Only what changes is recorded: marking a material as it already stands
        writes nothing, so the UI may save every tick as it is made.
        """
        received, missing, unmarked = list(received), list(missing), list(unmarked)
        now = self._clock.now()
        with self._store.write() as session:
            clerk = require_staff(session, clerk_id)
            case = load_case(session, case_id)
            stored = self._catalog.item_by_row(session, case.item_id)
            state = CaseState(case.state)
            if state is CaseState.COLLECTED:
                # The township's check of what the agent carried (never the agent's).
                self._refuse_agent_marks(session, clerk, case)
            if state in INTAKE_STATES:
                allowed = {m.id for m in stored.item.checklist(case.answers)}
            elif state is CaseState.NOTICE_ISSUED:
                allowed = set(case.notice_material_ids or ())
            else:
                raise RuleViolation(
                    "case {number} is {state}: its checklist is closed",
                    number=case.tracking_number,
                    state=state.value,
                )
            both = set(received) & set(missing)
            if both:
                raise InvalidInput(
                    f"materials.{sorted(both)[0]}", "marked both received and missing"
                )
            twice = (set(received) | set(missing)) & set(unmarked)
            if twice:
                raise InvalidInput(
                    f"materials.{sorted(twice)[0]}", "both marked and unmarked in one call"
                )
            for field, ids in (
                ("received", received),
                ("missing", missing),
                ("unmarked", unmarked),
            ):
                for i, mid in enumerate(ids):
                    if mid in allowed:
                        continue
                    if state in INTAKE_STATES:
                        raise InvalidInput(
                            f"{field}[{i}]",
                            "material {material} is not on the checklist of case {number} "
                            "({item}) with its answers",
                            material=repr(mid),
                            number=case.tracking_number,
                            item=stored.item.code,
                        )
                    raise InvalidInput(
                        f"{field}[{i}]",
                        "material {material} was not listed on the one-time notice of case "
                        "{number}; only what the notice listed may be asked for",
                        material=repr(mid),
                        number=case.tracking_number,
                    )
            if missing and state is CaseState.CONSULTED:
                held = self._held_elsewhere(session, case)
                if held:
                    self._refuse_held(build_view(session, case, self._catalog), missing, held)
            marks = marks_of(session, case.id)
            changed: dict[str, list[str]] = {"received": [], "missing": [], "unmarked": []}
            for status, ids in (("received", received), ("missing", missing)):
                for mid in dict.fromkeys(ids):
                    mark = marks.get(mid)
                    if mark is None:
                        session.add(
                            CaseMaterial(
                                case_id=case.id,
                                material_id=mid,
                                status=status,
                                marked_at=now,
                                marked_by=clerk_id,
                            )
                        )
                    elif mark.status != status:
                        mark.status, mark.marked_at, mark.marked_by = status, now, clerk_id
                    else:
                        continue
                    changed[status].append(mid)
            for mid in dict.fromkeys(unmarked):
                mark = marks.get(mid)
                if mark is not None:
                    session.delete(mark)
                    changed["unmarked"].append(mid)
            if not any(changed.values()):
                return build_view(session, case, self._catalog)
            session.flush()
            record_case_step(
                session,
                case,
                at=now,
                staff_id=clerk_id,
                action=Step.MATERIALS_CHECKED,
                detail=MaterialsCheckedDetail(
                    received=tuple(changed["received"]),
                    missing=tuple(changed["missing"]),
                    unmarked=tuple(changed["unmarked"]),
                ),
                from_state=state,
            )
            return build_view(session, case, self._catalog)

    # -- 4. outcomes -----------------------------------------------------

    def _ready(
        self, session: Session, case_id: str, clerk_id: str, outcome: Outcome
    ) -> tuple[Case, CaseView]:
        """Load a case for an outcome: nothing of :func:`outcome_blockers` in its way
        (a step the state machine allows from here, the clerk's role, every question
        answered, every material marked, the checklist's rules), an item this counter takes."""
        clerk = require_staff(session, clerk_id)
        case = load_case(session, case_id)
        view = build_view(session, case, self._catalog)
        overdue = False
        if outcome is Outcome.ACCEPT and view.state in INTAKE_STATES:
            window = self._notice_window(session, case)
            overdue = window is not None and self._clock.today() > window[1]
        held = (
            self._held_elsewhere(session, case)
            if outcome in (Outcome.TOLERANT, Outcome.NOTICE)
            else None
        )
        blockers = outcome_blockers(view, clerk=record_of(clerk), held=held, notice_overdue=overdue)
        if blockers[outcome]:
            raise blockers[outcome][0].reason
        self._check_level(session, view.stored_item, case, clerk)
        return case, view

    @staticmethod
    def _refuse_agent_marks(session: Session, clerk: Staff, case: Case) -> None:
        """A collected case's materials are checked at the township, after the hand-over."""
        agent = session.get(Staff, case.first_clerk_id)
        refusal = agent_refusal(
            record_of(clerk),
            number=case.tracking_number,
            state=CaseState(case.state),
            first_clerk_id=case.first_clerk_id,
            first_clerk_name=agent.name if agent else case.first_clerk_id,
            handed_over_at=case.handed_over_at,
            target=None,
        )
        if refusal is not None:
            raise refusal.reason

    def _check_level(self, session: Session, stored: StoredItem, case: Case, clerk: Staff) -> None:
        here = load_settings(session).counter_level
        if clerk.role == Role.AGENT and stored.item.agency_allowed:
            # The agent takes it for the township counter, which receives it at handover.
            return
        if LEVEL_RANK[stored.item.level] > LEVEL_RANK[here]:
            raise RuleViolation(
                "item {code} is accepted at {level} level and this is a {counter_level} "
                "counter: reject case {number} with a referral to the competent body",
                code=stored.item.code,
                level=stored.item.level,
                counter_level=here,
                number=case.tracking_number,
            )

    def _outstanding(self, view: CaseView) -> list[str]:
        entries = view.recheck if view.state is CaseState.NOTICE_ISSUED else view.checklist
        return [e.material.id for e in entries if e.status != "received"]

    def _notice_window(self, session: Session, case: Case) -> tuple[date, date] | None:
        """(day the materials were received, last day for a one-time notice), or None.

        Received: the day of the first check that marked a material received;
        for a village agent's case, the day the township received the hand-over.
        """
        if case.handed_over_at is not None:
            received_on = local_date(case.handed_over_at, self._settings().timezone)
            last = due_date(
                received_on, NOTICE_WORKING_DAYS, "working_day", self._calendar.calendar()
            )
            return received_on, last.due_on
        for detail, at in session.execute(
            select(CaseEvent.detail, CaseEvent.at)
            .where(CaseEvent.case_id == case.id, CaseEvent.action == Step.MATERIALS_CHECKED)
            .order_by(CaseEvent.seq)
        ):
            if MaterialsCheckedDetail.from_json(detail).received:
                received_on = local_date(at, self._settings().timezone)
                last = due_date(
                    received_on, NOTICE_WORKING_DAYS, "working_day", self._calendar.calendar()
                )
                return received_on, last.due_on
        return None

    def _notice_timing(self, session: Session, case: Case) -> tuple[date, RuleViolation | None]:
        """(the notice's legal start, why it cannot be issued today or None).

        Art. 32: on the spot or within 5 working days of receiving the
        materials. A case where nothing was received gets its notice on the day
        of the visit (the day it was opened), or not at all.
        """
        today = self._clock.today()
        window = self._notice_window(session, case)
        if window is None:
            opened_on = local_date(case.created_at, self._settings().timezone)
            if today == opened_on:
                return opened_on, None
            return opened_on, RuleViolation(
                "case {number}: nothing was received at the visit on {opened_on}, so a one-time "
                "notice could only be given that day; tick what the applicant hands in today "
                "(the notice then counts from today), or give them the service guide",
                number=case.tracking_number,
                opened_on=opened_on.isoformat(),
            )
        received_on, due_by = window
        if today > due_by:
            return received_on, RuleViolation(
                "case {number}: the materials were received on {received_on} and a one-time "
                "notice was due by {due_by} (Administrative Licensing Law art. 32): the "
                "application counts as accepted from the day of receipt; accept the case",
                number=case.tracking_number,
                received_on=received_on.isoformat(),
                due_by=due_by.isoformat(),
            )
        return received_on, None

    def notice_blocker(self, case_id: str) -> RuleViolation | None:
        """Why a one-time notice for the case could not be issued today, if the day is why.

        The UI shows it before the clerk tries (the notice button's tooltip).
        None: the day is right (other rules may still refuse the notice).
        """
        with self._store.read() as session:
            case = load_case(session, case_id)
            if CaseState(case.state) is not CaseState.CONSULTED:
                return None
            return self._notice_timing(session, case)[1]

    def _set_due(
        self, session: Session, case: Case, view: CaseView, accepted_on: date | None = None
    ) -> None:
        tz = self._settings().timezone
        marks = marks_of(session, case.id)
        listed = view.notice_material_ids or ()
        if accepted_on is not None:
            case.accepted_on = accepted_on
        elif view.state is CaseState.NOTICE_ISSUED and all(
            mid in marks and marks[mid].status == "received" for mid in listed
        ):
            # Art. 32: accepted on the day the last missing material arrived.
            case.accepted_on = max(local_date(marks[mid].marked_at, tz) for mid in listed)
        else:
            # At once, or tolerant after a notice: what is still missing is promised today.
            case.accepted_on = self._clock.today()
        limit = view.stored_item.item.time_limit
        if limit.immediate:
            case.due_on, case.due_unpublished_years = None, []
            return
        due = due_date(case.accepted_on, limit.promised_days, limit.unit, self._calendar.calendar())
        case.due_on = due.due_on
        case.due_unpublished_years = list(due.unpublished_years)

    def accept(self, *, case_id: str, clerk_id: str) -> CaseView:
        now = self._clock.now()
        with self._store.write() as session:
            case, view = self._ready(session, case_id, clerk_id, Outcome.ACCEPT)
            outstanding = self._outstanding(view)
            deemed: DeemedAcceptance | None = None
            accepted_on: date | None = None  # today, or after a notice its own rule
            # Materials missing pass the blockers only when no notice came in time.
            window = self._notice_window(session, case) if outstanding else None
            if window is not None:
                # Art. 32: no notice in time, so accepted from the day of receipt.
                accepted_on = window[0]
                deemed = DeemedAcceptance(window[0], window[1], tuple(outstanding))
            self._set_due(session, case, view, accepted_on)
            # What was received at acceptance, kept with the step: the receipt lists
            # exactly this, whenever it is made or re-made.
            apply_transition(
                session,
                case,
                CaseState.ACCEPTED,
                at=now,
                staff_id=clerk_id,
                action=Step.ACCEPTED,
                detail=AcceptedDetail(
                    received=tuple(m.id for m in view.received),
                    **_due_detail(case),
                    deemed=deemed,
                ),
            )
            return self._outcome_view(session, case, clerk_id)

    def tolerant_accept(self, *, case_id: str, clerk_id: str, promise_date: date) -> CaseView:
        now = self._clock.now()
        today = self._clock.today()
        with self._store.write() as session:
            # The promise is sealed and kept: A4 only, refused on a roll-only counter.
            check_a4_available(load_settings(session), DocumentKind.TOLERANT_PROMISE)
            case, view = self._ready(session, case_id, clerk_id, Outcome.TOLERANT)
            outstanding = self._outstanding(view)
            if promise_date <= today:
                raise InvalidInput(
                    "promise_date", "must be after today ({today})", today=today.isoformat()
                )
            self._set_due(session, case, view)
            if case.due_on is not None and promise_date > case.due_on:
                raise InvalidInput(
                    "promise_date",
                    "must not be after the case's due date {due_on}",
                    due_on=case.due_on.isoformat(),
                )
            case.promise_date = promise_date
            apply_transition(
                session,
                case,
                CaseState.TOLERANT_ACCEPTED,
                at=now,
                staff_id=clerk_id,
                action=Step.TOLERANT_ACCEPTED,
                detail=AcceptedDetail(
                    received=tuple(m.id for m in view.received),
                    promised=tuple(outstanding),
                    promise_date=promise_date,
                    **_due_detail(case),
                ),
            )
            return self._outcome_view(session, case, clerk_id)

    def issue_notice(self, *, case_id: str, clerk_id: str) -> CaseView:
        now = self._clock.now()
        with self._store.write() as session:
            require_staff(session, clerk_id)
            existing = load_case(session, case_id)
            if existing.notice_issued_at is not None:
                raise RuleViolation(
                    "a one-time notice was already issued for case {number} on {day}; a second "
                    "notice is not allowed: reprint the first one",
                    number=existing.tracking_number,
                    day=existing.notice_issued_at.isoformat()[:10],
                )
            case, view = self._ready(session, case_id, clerk_id, Outcome.NOTICE)
            received_on, late = self._notice_timing(session, case)
            if late is not None:
                raise late
            missing = [e.material.id for e in view.checklist if e.status == "missing"]
            case.notice_issued_at = now
            case.notice_material_ids = missing
            # The notice's legal start, printed on it: the day the materials were
            # received (the day of the visit when nothing was).
            apply_transition(
                session,
                case,
                CaseState.NOTICE_ISSUED,
                at=now,
                staff_id=clerk_id,
                action=Step.NOTICE_ISSUED,
                detail=NoticeDetail(missing=tuple(missing), received_on=received_on),
            )
            return self._outcome_view(session, case, clerk_id)

    def reject(
        self,
        *,
        case_id: str,
        clerk_id: str,
        reason: str,
        legal_basis: str,
        competent_body: str = "",
    ) -> CaseView:
        reason = plain_text(reason, where="reason")
        legal_basis = plain_text(legal_basis, where="legal_basis")
        competent_body = plain_text(competent_body, where="competent_body", required=False)
        now = self._clock.now()
        with self._store.write() as session:
            # The settings the notice is made with, read in its transaction.
            settings = load_settings(session)
            check_a4_available(settings, DocumentKind.REJECTION)
            # The notice names where the applicant may appeal: both bodies, or no rejection.
            unset = [
                f for f in ("reconsideration_body", "court") if not getattr(settings, f).strip()
            ]
            if unset:
                raise RuleViolation(
                    "a rejection names the bodies the applicant may appeal to, and {fields} "
                    "is not set: a supervisor or an admin sets it in Settings",
                    fields=", ".join(unset),
                )
            clerk = require_staff(session, clerk_id)
            case = load_case(session, case_id)
            view = build_view(session, case, self._catalog)
            blockers = outcome_blockers(view, clerk=record_of(clerk))[Outcome.REJECT]
            if blockers:
                raise blockers[0].reason
            item = self._catalog.item_by_row(session, case.item_id).item
            here = settings.counter_level
            if LEVEL_RANK[item.level] > LEVEL_RANK[here] and not competent_body:
                # Not this office's matter: the notice must say where to turn.
                raise InvalidInput(
                    "competent_body",
                    "item {code} is accepted at {level} level and this is a {counter_level} "
                    "counter: name the competent body the applicant should turn to",
                    code=item.code,
                    level=item.level,
                    counter_level=here,
                )
            rejection = RejectedDetail(
                reason=reason,
                legal_basis=legal_basis,
                competent_body=competent_body,
                rejected_on=self._clock.today(),
            )
            case.rejection = rejection.to_json()
            apply_transition(
                session,
                case,
                CaseState.REJECTED,
                at=now,
                staff_id=clerk_id,
                action=Step.REJECTED,
                detail=rejection,
            )
            return self._outcome_view(session, case, clerk_id)

    # -- the village agent's collection ----------------------------------

    def collect(self, *, case_id: str, clerk_id: str, village_point: str | None = None) -> CaseView:
        """A village agent collects the materials for the township (代办收件).

        Not an acceptance: the case becomes ``collected`` with its
        代办收件回执, goes to the township on a handover list, and is accepted
        or notified there. Materials may be missing (the township tells the
        applicant in one notice); at least one must have been collected or
        verified. An original the catalog marks ``returned`` is verified and
        handed back: it is not carried. ``village_point`` (printed on the
        receipt) defaults to the one of the agent's last collection or list.
        """
        point = (
            plain_text(village_point, where="village_point", max_len=VILLAGE_POINT_MAX)
            if village_point is not None
            else None
        )
        now = self._clock.now()
        with self._store.write() as session:
            case, view = self._ready(session, case_id, clerk_id, Outcome.COLLECT)
            if point is None:
                point = self._known_village_point(session, clerk_id)
            if not point:
                raise InvalidInput(
                    "village_point",
                    "name the village point where the materials are collected (it is printed "
                    "on the receipt)",
                )
            case.collected_at = now
            apply_transition(
                session,
                case,
                CaseState.COLLECTED,
                at=now,
                staff_id=clerk_id,
                action=Step.COLLECTED,
                detail=CollectedDetail(
                    # What the receipt lists, whenever it is made or re-made.
                    collected=tuple(m.id for m in view.received if not m.returned),
                    verified=tuple(m.id for m in view.received if m.returned),
                    missing=tuple(m.id for m in view.missing),
                    village_point=point,
                ),
            )
            return self._outcome_view(session, case, clerk_id)

    @staticmethod
    def _known_village_point(session: Session, agent_id: str) -> str:
        """The village point the agent's account serves; for an account made before
        accounts named it, that of their last collection, else of their last list."""
        agent = session.get(Staff, agent_id)
        if agent is not None and agent.village:
            return agent.village
        details = session.scalars(
            select(CaseEvent.detail)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(Case.first_clerk_id == agent_id, CaseEvent.action == Step.COLLECTED)
            .order_by(CaseEvent.at.desc())
            .limit(1)
        ).all()
        if details and (point := CollectedDetail.from_json(details[0]).village_point):
            return point
        last = session.scalar(
            select(HandoverBatch.village_point)
            .where(HandoverBatch.agent_id == agent_id)
            .order_by(HandoverBatch.created_at.desc())
            .limit(1)
        )
        return last or ""

    def village_point_of(self, agent_id: str) -> str:
        """The village point an agent's next receipt names ("" until one is known)."""
        with self._store.read() as session:
            return self._known_village_point(session, agent_id)

    # -- the applicant's return ------------------------------------------

    def open_cases_with_notice(self, applicant_id: str) -> list[CaseView]:
        """Cases of an applicant waiting for materials a notice asked for."""
        with self._store.read() as session:
            cases = session.scalars(
                select(Case)
                .where(
                    Case.applicant_id == applicant_id,
                    Case.state == CaseState.NOTICE_ISSUED.value,
                )
                .order_by(Case.created_at)
            )
            return [build_view(session, c, self._catalog) for c in cases]
