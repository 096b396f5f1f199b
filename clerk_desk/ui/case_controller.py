"""The case page's flow without its widgets: the case shown, what may be done, the desk calls.

:class:`CaseController` holds the case the page shows, asks the domain what is
offered (:attr:`CaseView.allowed_next <clerk_desk.cases.CaseView.allowed_next>`,
which knows the back office's hold, :attr:`CaseView.awaits_promised
<clerk_desk.cases.CaseView.awaits_promised>`,
:func:`~clerk_desk.outcomes.take_up_refusal`, the outcome documents of
:func:`~clerk_desk.case_documents.kinds_for`), runs every desk call on the
database worker as operations (:class:`~clerk_desk.ui.ops.Op`: every other
screen hears what a step changed) and tells the page what changed by its
signals. It creates no widget, so a test drives it without a window
(tests/test_case_controller.py). A step the domain refuses comes back through
``failed`` with the domain's own error, whose message says why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from clerk_desk.case_documents import DocumentInfo, kinds_for
from clerk_desk.cases import CaseView, TimelineEntry
from clerk_desk.lifecycle import CaseState
from clerk_desk.outcomes import Blocker, take_up_refusal
from clerk_desk.settings import Layout, TerminalSettings
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.ops import Op, OpChanges

T = TypeVar("T")

# The steps of the case page, in the order it shows them, and the state each
# leads to (None: the promised materials arrive, the state stays). "start" also
# resumes a suspended case (the same target state).
STEPS: dict[str, CaseState | None] = {
    "start": CaseState.IN_PROGRESS,
    "suspend": CaseState.SUSPENDED,
    "decide": CaseState.DECIDED,
    "complete": CaseState.COMPLETED,
    "deliver": CaseState.DELIVERED,
    "withdraw": CaseState.WITHDRAWN,
    "supplement": None,
}


@dataclass(frozen=True)
class CaseData:
    """One read of a case: what the page shows of it."""

    view: CaseView
    timeline: Sequence[TimelineEntry]
    documents: Sequence[DocumentInfo]
    settings: TerminalSettings


class CaseController(QObject):
    """The case shown and its flow: loads it, offers its steps, takes them.

    Calls made while a desk call runs (:attr:`busy`) or with no case shown do
    nothing and return False.

    Signals:
        case_loaded(object): the CaseData of the case shown, read again (after
            :meth:`show_case` or :meth:`refresh`).
        step_saved(object): the CaseData after a step saved here (the case shown
            then, perhaps not any more).
        documents_changed(object, object): the case shown's documents (a list of
            DocumentInfo) after a reprint or newly made ones, and the id of the
            one to select (None: keep the selection).
        reprinted(object): the DocumentInfo of a reprint (补打) just made.
        documents_made(object): the list of DocumentInfo just made (perhaps empty).
        busy_changed(bool): True when a desk call starts, False when none runs any more.
        failed(object): the error of a desk call (a ClerkDeskError says why the
            domain refused).
        intake_requested(str): the id of the case shown, to take up in the intake.
    """

    case_loaded = Signal(object)
    step_saved = Signal(object)
    documents_changed = Signal(object, object)
    reprinted = Signal(object)
    documents_made = Signal(object)
    busy_changed = Signal(bool)
    failed = Signal(object)
    intake_requested = Signal(str)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id: str | None = None
        self._data: CaseData | None = None
        self._tasks = 0  # desk calls under way

    # -- what is shown ---------------------------------------------------------

    @property
    def case_id(self) -> str | None:
        """The case asked for last (its data may not have arrived yet)."""
        return self._case_id

    @property
    def case(self) -> CaseView | None:
        """The case shown (None before the first one has arrived)."""
        return self._data.view if self._data is not None else None

    @property
    def data(self) -> CaseData | None:
        return self._data

    @property
    def timezone(self) -> str:
        return self._data.settings.timezone if self._data is not None else "Asia/Shanghai"

    @property
    def paper(self) -> Layout:
        """The terminal's paper (A4 until the settings have arrived)."""
        return self._data.settings.paper if self._data is not None else "a4"

    @property
    def busy(self) -> bool:
        return self._tasks > 0

    # -- what the domain offers ------------------------------------------------

    def offered_steps(self) -> frozenset[str]:
        """The names of the :data:`STEPS` the case shown may take now."""
        view = self.case
        if view is None:
            return frozenset()
        allowed = view.allowed_next
        return frozenset(
            name
            for name, target in STEPS.items()
            if (view.awaits_promised if target is None else target in allowed)
        )

    def take_up_refusal(self) -> Blocker | None:
        """Why the intake cannot take the case shown up now; None: it can."""
        view, staff = self.case, self._ctx.login.staff
        if view is None or staff is None:
            return None
        return take_up_refusal(view, staff)

    def can_take_up(self) -> bool:
        """The intake may take the case shown up (re-check, continue, check a collection)."""
        return (
            self.case is not None
            and self._ctx.login.staff is not None
            and self.take_up_refusal() is None
        )

    def calls_for_documents(self) -> bool:
        """The case's outcome calls for documents (receipt, notice, decision...)."""
        view = self.case
        return view is not None and bool(kinds_for(view))

    def missing_documents(self) -> list[str]:
        """The kinds of the outcome documents the case shown has no original of yet."""
        data = self._data
        if data is None:
            return []
        have = {d.kind for d in data.documents if d.reprint == 0}
        return [k.value for k in kinds_for(data.view) if k not in have]

    # -- loading -----------------------------------------------------------------

    def show_case(self, case_id: str) -> None:
        """Read the case (its view, timeline, documents) and the settings; ``case_loaded``."""
        self._case_id = case_id
        desk = self._ctx.desk

        def load() -> CaseData:
            return CaseData(
                desk.cases.get(case_id),
                desk.cases.timeline(case_id),
                desk.documents.for_case(case_id),
                desk.settings(),
            )

        self._run(load, self._loaded)

    def refresh(self) -> bool:
        """Read the case shown again; False when there is none."""
        if self._case_id is None:
            return False
        self.show_case(self._case_id)
        return True

    def _loaded(self, data: CaseData) -> None:
        if data.view.id != self._case_id:
            return  # another case was asked for meanwhile
        self._data = data
        self.case_loaded.emit(data)

    # -- the intake --------------------------------------------------------------

    def request_intake(self) -> bool:
        """Ask for the case shown to be taken up in the intake; False, and nothing asked, if not."""
        view = self.case
        if view is None or self.busy or not self.can_take_up():
            return False
        self.intake_requested.emit(view.id)
        return True

    # -- steps ---------------------------------------------------------------------

    def start_or_resume(self) -> bool:
        """办理中: start processing, or resume a suspended case (恢复计时)."""
        cases = self._ctx.desk.cases
        if self.case is not None and self.case.state is CaseState.SUSPENDED:
            return self._step(lambda cid, sid: cases.resume(cid, staff_id=sid))
        return self._step(lambda cid, sid: cases.start_processing(cid, staff_id=sid))

    def suspend(self, reason: str) -> bool:
        """暂停计时, for ``reason`` (hearing, inspection, expert review)."""
        cases = self._ctx.desk.cases
        return self._step(lambda cid, sid: cases.suspend(cid, staff_id=sid, reason=reason))

    def decide(self, decision: str) -> bool:
        cases = self._ctx.desk.cases
        return self._step(lambda cid, sid: cases.decide(cid, staff_id=sid, decision=decision))

    def complete(self) -> bool:
        cases = self._ctx.desk.cases
        return self._step(lambda cid, sid: cases.complete(cid, staff_id=sid))

    def deliver(self, how: str) -> bool:
        """送达: how the applicant got the result."""
        cases = self._ctx.desk.cases
        return self._step(lambda cid, sid: cases.deliver(cid, staff_id=sid, how=how))

    def withdraw(self, reason: str) -> bool:
        """撤回, for ``reason``."""
        cases = self._ctx.desk.cases
        return self._step(lambda cid, sid: cases.withdraw(cid, staff_id=sid, reason=reason))

    def supplement(self, material_ids: Sequence[str]) -> bool:
        """The promised materials ``material_ids`` arrived (容缺受理's 补齐)."""
        cases = self._ctx.desk.cases
        ids = list(material_ids)
        return self._step(lambda cid, sid: cases.supplement(cid, staff_id=sid, material_ids=ids))

    def _step(self, step: Callable[[str, str], CaseView]) -> bool:
        view = self.case
        if view is None or self.busy:
            return False
        staff = self._ctx.login.require()
        desk = self._ctx.desk

        def run() -> CaseData:
            new = step(view.id, staff.id)
            return CaseData(
                new,
                desk.cases.timeline(new.id),
                desk.documents.for_case(new.id),
                desk.settings(),
            )

        self._run(run, self._stepped, changes=lambda data: OpChanges.of_case(data.view))
        return True

    def _stepped(self, data: CaseData) -> None:
        if data.view.id == self._case_id:
            self._data = data
        self.step_saved.emit(data)

    # -- documents -------------------------------------------------------------------

    def reprint(self, document: DocumentInfo, layout: Layout | None = None) -> bool:
        """Reprint (补打) ``document``, on its own paper (``layout`` None) or on ``layout``."""
        if self.busy:
            return False
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        case_id = document.case_id

        def run() -> tuple[DocumentInfo, list[DocumentInfo]]:
            copy = desk.documents.reprint(document.id, staff_id=staff.id, layout=layout)
            return copy, desk.documents.for_case(case_id) if case_id else [copy]

        self._run(run, self._reprinted, changes=lambda result: OpChanges.of_documents([result[0]]))
        return True

    def _reprinted(self, result: tuple[DocumentInfo, list[DocumentInfo]]) -> None:
        copy, docs = result
        if copy.case_id == self._case_id:
            self._set_documents(docs, copy.id)
        self.reprinted.emit(copy)

    def make_documents(self) -> bool:
        """Make the outcome documents the case shown is missing."""
        view = self.case
        if view is None or self.busy:
            return False
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        case_id = view.id

        def run() -> tuple[list[DocumentInfo], list[DocumentInfo]]:
            made = desk.documents.issue_for_case(case_id, staff_id=staff.id)
            return made, desk.documents.for_case(case_id)

        self._run(
            run,
            lambda result: self._made(case_id, result),
            changes=lambda result: OpChanges.of_documents(result[0]),
        )
        return True

    def _made(self, case_id: str, result: tuple[list[DocumentInfo], list[DocumentInfo]]) -> None:
        made, docs = result
        if case_id == self._case_id:
            self._set_documents(docs, made[-1].id if made else None)
        self.documents_made.emit(made)

    def _set_documents(self, docs: list[DocumentInfo], select_id: str | None) -> None:
        if self._data is not None:
            self._data = replace(self._data, documents=docs)
        self.documents_changed.emit(docs, select_id)

    # -- running -------------------------------------------------------------------

    def _run(
        self,
        call: Callable[[], T],
        done: Callable[[T], None],
        changes: Callable[[T], OpChanges] = OpChanges.none,
    ) -> None:
        """``call`` as an operation (:class:`~clerk_desk.ui.ops.Op`): ``done`` here, then
        what it changed is told to every screen."""
        self._set_busy(True)

        def finished(result: T) -> None:
            self._set_busy(False)
            done(result)

        Op(self._ctx, call, changes=changes).success(finished).failure(self._failed).run(self)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.failed.emit(error)

    def _set_busy(self, busy: bool) -> None:
        self._tasks = self._tasks + 1 if busy else max(0, self._tasks - 1)
        self.busy_changed.emit(self.busy)
