"""The intake flow without widgets: who, which item, the answers, the ticks, the outcome.

:class:`IntakeController` holds one intake's state and calls the domain
services as operations on the database thread (:class:`~clerk_desk.ui.ops.Op`:
every screen hears of the case saved); the intake panel shows
what its signals say and hands it what the clerk typed. What the clerk may do
next (which outcomes) is asked from the domain
(:func:`clerk_desk.outcomes.outcome_blockers`), never decided here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from clerk_desk import tracking_numbers
from clerk_desk.applicants import ApplicantRecord
from clerk_desk.cases import CaseView
from clerk_desk.catalog import StoredItem
from clerk_desk.catalog_format import Material, Question
from clerk_desk.errors import ClerkDeskError
from clerk_desk.intake import StartedCase
from clerk_desk.item_search import ItemSearchIndex
from clerk_desk.lifecycle import OPEN_INTAKE_STATES, CaseState
from clerk_desk.outcomes import Outcome as Ending
from clerk_desk.outcomes import take_up_refusal
from clerk_desk.roles import Role
from clerk_desk.staff import StaffRecord
from clerk_desk.sync_freeze import FreezeOverride
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.intake_autosave import PendingSteps
from clerk_desk.ui.intake_checklist import (
    Checklist,
    ChecklistSummary,
    checklist_summary,
    offered_outcomes,
    tolerant_blocker,
)
from clerk_desk.ui.intake_opening import CaseOpener
from clerk_desk.ui.intake_steps import (
    ApplicantForm,
    Outcome,
    as_proxy_fields,
    decision,
    save_steps,
    take_outcome,
)
from clerk_desk.ui.item_index_loader import ItemIndexLoader
from clerk_desk.ui.ops import Op, OpChanges


class IntakeController(QObject):
    """One applicant's intake, start to finish, with no widgets.

    Signals:
        index_loaded(object): the ItemSearchIndex, once built.
        applicant_found(object, object): the ApplicantRecord (None: a new
            applicant) and the CaseViews waiting for them after a one-time notice.
        proxy_found(object): the ApplicantRecord of the person acting (None: new).
        case_started(object, bool): a StartedCase that opened a new case, and
            whether it replaces the applicant's open case shown (a new case anyway).
        open_case_found(object): picking the item opened the applicant's open
            case on it (a CaseView; a new case anyway is offered); None once
            that offer is gone.
        case_taken_up(object): a CaseView taken up again (re-check of a notice,
            an unfinished intake, a collected case at the township).
        case_not_taken_up(object): a CaseView the intake has nothing to take in from.
        checklist_changed(object, object): the materials to tick (a list; empty:
            no checklist yet) and the ids received, when a checklist opens or closes.
        checklist_locked(bool): whether ticks are refused now (an outcome or the
            last answers are on their way).
        notice_blocker_changed(object): the ClerkDeskError ruling a one-time
            notice out today, or None.
        outcome_issued(object, object, object): the CaseView, its documents, and
            the error if they could not be made (the case stands).
        outcome_refused(object, object): the Ending refused and the error; the case is
            still at intake (``failed`` is not sent for it: it is said once).
        freeze_refused(object, object, str): a frozen terminal refused the new
            case: the SyncFrozen, the InvalidInput of a refused override (or
            None) and the supervisor's login typed; ``override()`` tries again.
        new_case_refused(str, object): the reason for a new case anyway and the
            InvalidInput refusing it.
        failed(object): an error (a ClerkDeskError, or any exception).
        step_started(): a step went to the database; an error shown is stale.
        actions_changed(): what may be done may have changed (busy, case, checklist).
        ticks_changed(): a material was ticked or unticked, or a checklist opened or
            closed (``checklist_summary()`` says where the case stands).
    """

    index_loaded = Signal(object)
    applicant_found = Signal(object, object)
    proxy_found = Signal(object)
    case_started = Signal(object, bool)
    open_case_found = Signal(object)
    case_taken_up = Signal(object)
    case_not_taken_up = Signal(object)
    checklist_changed = Signal(object, object)
    ticks_changed = Signal()
    checklist_locked = Signal(bool)
    notice_blocker_changed = Signal(object)
    outcome_issued = Signal(object, object, object)
    outcome_refused = Signal(object, object)
    freeze_refused = Signal(object, object, str)
    new_case_refused = Signal(str, object)
    failed = Signal(object)
    step_started = Signal()
    actions_changed = Signal()

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._index_loader = ItemIndexLoader(ctx, self)
        self._index_loader.loaded.connect(self.index_loaded)
        self._index_loader.failed.connect(self.failed)
        self.applicant: ApplicantRecord | None = None
        self.waiting: list[CaseView] = []
        self._case: CaseView | None = None
        self._questions: list[Question] = []
        self._answers: dict[str, bool] = {}
        self._checklist = Checklist()
        # Blocking tasks under way (opening a case, the full answers, an outcome).
        self._busy = 0
        self._pending = PendingSteps(self)
        self._pending.due.connect(self.save_now)
        self._opener = CaseOpener(ctx, self._run_blocking, self)
        self._opener.started.connect(self._started)
        self._opener.existing_opened.connect(self._existing_opened)
        self._opener.freeze_refused.connect(self.freeze_refused)
        self._opener.new_case_refused.connect(self.new_case_refused)
        self._opener.failed.connect(self.failed)
        self.notice_blocked = False
        ctx.login.changed.connect(self._login_changed)

    # -- state ---------------------------------------------------------------

    @property
    def case(self) -> CaseView | None:
        return self._case

    @property
    def busy(self) -> bool:
        return self._busy > 0

    @property
    def agent(self) -> bool:
        staff = self._ctx.login.staff
        return staff is not None and staff.role == Role.AGENT

    @property
    def new_case_offered(self) -> bool:
        return self._opener.anyway_offered and self._case is not None

    @property
    def checklist_open(self) -> bool:
        """The checklist is on screen and an outcome may be taken from it."""
        return self._checklist.is_open

    def materials(self) -> list[Material]:
        return list(self._checklist.materials)

    def received(self) -> list[str]:
        return self._checklist.received()

    def missing(self) -> list[str]:
        return self._checklist.missing()

    def answers(self) -> dict[str, bool]:
        return dict(self._answers)

    def reset(self) -> CaseView | None:
        """Forget the intake for the next applicant (what waits is saved first); the case kept."""
        self.save_now()
        kept = self._case
        self.applicant, self._case, self.waiting = None, None, []
        self._questions, self._answers = [], {}
        self._checklist = Checklist()
        self._opener.forget()
        self.notice_blocked = False
        self.actions_changed.emit()
        return kept

    def outcomes_possible(self) -> bool:
        """An outcome may be tried: a case at intake, its checklist open, nothing under way."""
        case = self._case
        return (
            case is not None
            and case.state in OPEN_INTAKE_STATES
            and self.checklist_open
            and self._busy == 0
        )

    def allowed_outcomes(self) -> set[Ending]:
        """The outcomes the domain offers this clerk on the case now (none while one runs)."""
        case, staff = self._case, self._ctx.login.staff
        if case is None or staff is None or not self.outcomes_possible():
            return set()
        return offered_outcomes(case, staff)

    def checklist_summary(self) -> ChecklistSummary | None:
        """Where the open checklist stands, and the first outcome its ticks allow."""
        case, staff = self._case, self._ctx.login.staff
        if (
            case is None
            or staff is None
            or not self.checklist_open
            or not self._checklist.materials
        ):
            return None
        allowed = self.allowed_outcomes()
        return checklist_summary(case, staff, self._checklist, allowed=allowed, agent=self.agent)

    def tolerant_blocker(self) -> ClerkDeskError | None:
        """Why tolerant acceptance is refused with the ticks as they are (None: it is not)."""
        case, staff = self._case, self._ctx.login.staff
        if case is None or staff is None:
            return None
        return tolerant_blocker(case, staff, self._checklist)

    @Slot(object)
    def _login_changed(self, staff: StaffRecord | None) -> None:
        if staff is None:
            self.save_now()  # logged out: what waits is saved under the clerk who made it

    # -- the database thread ---------------------------------------------------

    def _run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        blocking: bool = False,
        failed: Callable[[BaseException], None] | None = None,
        quiet: bool = False,
        changes: Callable[[Any], OpChanges] = OpChanges.none,
    ) -> None:
        """``fn`` as an operation on the database thread, ``done`` with its result back here.

        ``blocking``: no outcome can be taken until it is back. ``quiet``: an
        error still on screen stays (a background save must not hide it).
        ``changes``: what it changed, told to every screen after ``done``.
        """
        if not quiet:
            self.step_started.emit()
        if blocking:
            self._busy += 1
            self.actions_changed.emit()

        def finish() -> None:
            if blocking:
                self._busy -= 1

        def on_done(result: Any) -> None:
            finish()
            done(result)
            self.actions_changed.emit()

        def on_error(error: BaseException) -> None:
            finish()
            (failed or self.failed.emit)(error)
            self.actions_changed.emit()

        Op(self._ctx, fn, changes=changes).success(on_done).failure(on_error).run(self)

    def load_index(self) -> None:
        """Get the item search index (off the GUI thread): ``index_loaded``.

        For a village agent, the index of the items an agent may take
        (``Desk.item_index(role=...)``): the intake offers nothing the domain refuses them.
        """
        staff = self._ctx.login.staff
        self._index_loader.load(staff.role if staff is not None else None)

    @property
    def index(self) -> ItemSearchIndex | None:
        return self._index_loader.index

    # -- saving as the clerk goes ----------------------------------------------

    def _note(
        self, answers: dict[str, bool] | None = None, marks: dict[str, bool] | None = None
    ) -> None:
        staff = self._ctx.login.staff
        if self._case is None or staff is None:
            return
        self._pending.note(staff.id, answers, marks)

    def save_now(self, then: Callable[[CaseView], None] | None = None) -> None:
        """Send the answers and ticks not yet saved to the database thread now.

        Ticks go first: they were made against the checklist the answers
        before gave. ``then`` gets the saved case (and blocks the outcomes
        until it has it); without it the case is only brought up to date.
        """
        case, unsaved = self._case, self._pending.take()
        staff_id = unsaved.staff_id
        if case is None or staff_id is None or not unsaved:
            return
        intake = self._ctx.desk.intake

        def run() -> CaseView:
            return save_steps(intake, case, staff_id, unsaved.answers, unsaved.marks)

        if then is None:
            self._run(run, self._saved, quiet=True, changes=OpChanges.of_case)
        else:
            self._run(run, then, blocking=True, changes=OpChanges.of_case)

    def _saved(self, view: CaseView) -> None:
        if self._case is not None and self._case.id == view.id:
            self._case = view
            if self.notice_blocked:  # a tick received today may lift it
                self._check_notice_day(view)

    # -- the applicant ---------------------------------------------------------

    def find_applicant(self, text: str) -> None:
        """Look the applicant up by ID number or credit code (and their cases after a notice)."""
        desk = self._ctx.desk

        def find() -> tuple[ApplicantRecord | None, list[CaseView]]:
            found = desk.applicants.find(text)
            waiting = desk.intake.open_cases_with_notice(found.id) if found else []
            return found, waiting

        self._run(find, self._applicant_found)

    def _applicant_found(self, result: tuple[ApplicantRecord | None, list[CaseView]]) -> None:
        self.applicant, self.waiting = result
        self.applicant_found.emit(*result)

    def find_proxy(self, text: str) -> None:
        """The person acting, by ID number (None back: a new person)."""
        desk = self._ctx.desk

        def find() -> ApplicantRecord | None:
            with as_proxy_fields():
                return desk.applicants.find(text)

        self._run(find, self.proxy_found.emit)

    # -- opening a case (intake_opening.CaseOpener) ---------------------------------

    def start_case(self, stored: StoredItem, form: ApplicantForm) -> None:
        """Register the applicant (and proxy) as typed and open a case on the item.

        The applicant's open case on the item is opened instead (open_case_found);
        ``start_new_case`` then opens a new one anyway.
        """
        if self._case is not None or self._busy:
            return  # one case per intake; a second Enter does not open another
        self._opener.start(stored, form, self.applicant)

    def _existing_opened(self, case: CaseView) -> None:
        self._take_up(case)
        self.open_case_found.emit(case)
        self.actions_changed.emit()

    def start_new_case(self, reason: str) -> None:
        """A new case beside the applicant's open one just opened, with the reason for it."""
        if not self.new_case_offered or self._busy:
            return
        self.save_now()  # the open case's ticks first
        self._opener.start_anyway(reason, self.applicant)

    def override(self, override: FreezeOverride) -> None:
        """Try the case the frozen terminal refused again, with a supervisor's override."""
        self._opener.override(override, self.applicant)

    def _run_blocking(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        failed: Callable[[BaseException], None],
        changes: Callable[[Any], OpChanges],
    ) -> None:
        self._run(fn, done, blocking=True, failed=failed, changes=changes)

    def _started(self, started: StartedCase, replacing: bool) -> None:
        case = started.case
        self._hold(case)
        self._set_checklist([], set(), is_open=False)
        self.case_started.emit(started, replacing)
        if replacing:
            self.open_case_found.emit(None)
        if self._complete():
            self._answered(case)

    def _hold(self, case: CaseView) -> None:
        """The intake is now on ``case``: its applicant, questions and answers as saved."""
        self._case, self.applicant, self.waiting = case, case.applicant, []
        self._questions = list(case.stored_item.item.questions)
        # Some questions answer themselves (by_proxy from the proxy recorded).
        self._answers = dict(case.answers)

    def find_case(self, text: str) -> None:
        """Take a case up again by its tracking number (as typed)."""
        try:
            number = tracking_numbers.parse(text, where="tracking_number")
        except ClerkDeskError as exc:
            self.failed.emit(exc)
            return
        cases = self._ctx.desk.cases
        self._run(lambda: cases.by_tracking_number(number), self._take_up, blocking=True)

    def open_case(self, case_id: str) -> None:
        """Take a case up by its id (the case detail, the F4 chooser)."""
        cases = self._ctx.desk.cases
        self._run(lambda: cases.get(case_id), self._take_up, blocking=True)

    def _take_up(self, view: CaseView) -> None:
        """The re-check of a notice, an unfinished intake, a collected case at the township."""
        state = view.state
        staff = self._ctx.login.staff
        # The domain says whether the intake may take it up (take_up_refusal).
        if staff is None or take_up_refusal(view, staff) is not None:
            self.case_not_taken_up.emit(view)
            return
        entries = view.recheck if state is CaseState.NOTICE_ISSUED else view.checklist
        self._hold(view)
        self.case_taken_up.emit(view)
        if state is CaseState.CONSULTED and view.unanswered:
            self._set_checklist([], set(), is_open=False)
        else:
            received = {e.material.id for e in entries if e.status == "received"}
            self._set_checklist([e.material for e in entries], received, is_open=True)
        if state is CaseState.CONSULTED:
            self._check_notice_day(view)
        else:
            self._notice_blocker(None)

    def _set_checklist(
        self, materials: list[Material], received: set[str], *, is_open: bool
    ) -> None:
        self._checklist = Checklist(list(materials), set(received), is_open)
        self.checklist_changed.emit(list(materials), set(received))
        self.ticks_changed.emit()
        self.actions_changed.emit()

    def _check_notice_day(self, case: CaseView) -> None:
        """Ask the domain whether the day rules a one-time notice out."""
        if case.state is not CaseState.CONSULTED:
            self._notice_blocker(None)
            return
        intake = self._ctx.desk.intake

        def shown(blocker: ClerkDeskError | None) -> None:
            if self._case is not None and self._case.id == case.id:
                self._notice_blocker(blocker)

        self._run(lambda: intake.notice_blocker(case.id), shown, quiet=True)

    def _notice_blocker(self, blocker: ClerkDeskError | None) -> None:
        self.notice_blocked = blocker is not None
        self.notice_blocker_changed.emit(blocker)

    # -- answers and ticks -------------------------------------------------------

    def _complete(self) -> bool:
        return all(q.id in self._answers for q in self._questions)

    def answer(self, question_id: str, value: bool) -> bool:
        """Answer a situation question; False when no answer is taken now.

        The last answer saves them all and opens the checklist they give.
        """
        case = self._case
        if case is None or self._busy or case.state is not CaseState.CONSULTED:
            return False
        self._answers[question_id] = value
        self._note(answers={question_id: value})
        if self._complete():
            # Every question answered: the checklist follows from the answers as saved.
            self._checklist.is_open = False
            self.checklist_locked.emit(True)
            self.actions_changed.emit()
            self.save_now(then=self._answered)
        return True

    def _answered(self, case: CaseView) -> None:
        self._case = case
        received = {e.material.id for e in case.checklist if e.status == "received"}
        self._set_checklist([e.material for e in case.checklist], received, is_open=True)

    def mark(self, marks: dict[str, bool]) -> None:
        """Materials ticked received (True) or missing (False) on the open checklist."""
        if (
            self.checklist_open
            and self._case is not None
            and self._case.state in OPEN_INTAKE_STATES
        ):
            self._checklist.mark(marks)
            self._note(marks=marks)
            self.ticks_changed.emit()

    # -- outcomes ----------------------------------------------------------------

    def accept(self) -> None:
        self._outcome(Ending.ACCEPT)

    def notice(self) -> None:
        self._outcome(Ending.NOTICE)

    def tolerant(self, promise_date: date) -> None:
        self._outcome(Ending.TOLERANT, promise_date=promise_date)

    def reject(self, reason: str, legal_basis: str, competent_body: str) -> None:
        self._outcome(
            Ending.REJECT, reason=reason, legal_basis=legal_basis, competent_body=competent_body
        )

    def collect(self, village_point: str | None = None) -> None:
        """The village agent's outcome: collect for the township."""
        self._outcome(Ending.COLLECT, village_point=village_point)

    def _outcome(self, ending: Ending, **details: Any) -> None:
        """Save the marks, take the outcome, make its documents: one worker task."""
        case = self._case
        if case is None or not self.outcomes_possible():
            return
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        # The full marks below include every tick still waiting to be saved.
        answers = self._pending.take().answers
        received, missing = self.received(), self.missing()
        decide = decision(desk.intake, ending, **details)
        self.checklist_locked.emit(True)

        def run() -> Outcome:
            return take_outcome(desk, staff.id, case.id, answers, received, missing, decide)

        def failed(error: BaseException) -> None:
            if self._case is not None and self._case.state in OPEN_INTAKE_STATES:
                self.checklist_locked.emit(False)  # refused: the clerk corrects and tries again
                self.outcome_refused.emit(ending, error)  # said once: by its dialog, or the panel
            else:
                self.failed.emit(error)

        self._run(
            run,
            self._outcome_done,
            blocking=True,
            failed=failed,
            changes=lambda outcome: OpChanges.of_case(outcome[0]),
        )

    def _outcome_done(self, result: Outcome) -> None:
        view, docs, error = result
        if self._case is not None and self._case.id == view.id:
            self._case = view
            # Taken: the checklist is closed (after a notice the case waits for
            # its re-check, which opens afresh).
            self._checklist.is_open = False
        self.outcome_issued.emit(view, docs, error)
