"""The handover page's flow without its widgets: the lists read, a list made, a batch received.

:class:`HandoverController` knows who is logged in (a village agent makes
lists, a township clerk receives them), runs every
:class:`~clerk_desk.handover.HandoverService` call on the database worker
as operations (:class:`~clerk_desk.ui.ops.Op`) through its one
:meth:`~HandoverController._run`, holds the batch shown at
the township counter, and tells the page what came back by its signals. It
creates no widget, so a test drives it without a window
(tests/test_handover_controller.py). A call the domain refuses comes back
with the domain's own error, whose message says why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from clerk_desk.case_documents import DocumentInfo
from clerk_desk.cases import CaseView
from clerk_desk.handover import AwaitingCase, BatchInfo, HandoverService
from clerk_desk.roles import Role
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.ops import Op, OpChanges


class HandoverController(QObject):
    """The handover lists of the staff member logged in when it is made.

    Signals:
        call_started(): a desk call starts (the page clears the last error).
        agent_loaded(object, object): the agent's pending cases (a list of
            CaseView) and the agent's batches (a list of BatchInfo), newest first.
        township_loaded(object, object): recent batches (a list of BatchInfo)
            and the cases awaiting the township's decision (a list of AwaitingCase).
        list_made(object, object): the BatchInfo and DocumentInfo of a list the
            agent just made.
        list_failed(object): the error of making a list.
        batch_shown(object): the BatchInfo now shown at the township counter
            (looked up, chosen among the recent ones, or just received).
        look_up_failed(object): the error of looking a batch up (none is shown now).
        batch_received(object): the BatchInfo of the batch just received.
        receive_failed(object): the error of receiving the batch shown.
        failed(object): the error of reading the lists.
    """

    call_started = Signal()
    agent_loaded = Signal(object, object)
    township_loaded = Signal(object, object)
    list_made = Signal(object, object)
    list_failed = Signal(object)
    batch_shown = Signal(object)
    look_up_failed = Signal(object)
    batch_received = Signal(object)
    receive_failed = Signal(object)
    failed = Signal(object)

    def __init__(
        self, ctx: UiContext, service: HandoverService, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._service = service
        self._staff = ctx.login.require()
        self.agent_mode = self._staff.role == Role.AGENT
        self._current: BatchInfo | None = None

    # -- shared ------------------------------------------------------------------

    def local_time(self, at: datetime) -> str:
        """``at`` in the terminal's time zone, to the minute."""
        tz = ZoneInfo(self._ctx.desk.settings().timezone)
        return at.astimezone(tz).strftime("%Y-%m-%d %H:%M")

    def _run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
        changes: Callable[[Any], OpChanges] = OpChanges.none,
    ) -> None:
        """Every desk call of the page, as an operation on the database worker: results back
        on the GUI thread, what it changed (``changes``) told to every screen."""
        self.call_started.emit()
        Op(self._ctx, fn, changes=changes).success(done).failure(failed or self.failed.emit).run(
            self
        )

    def refresh(self) -> None:
        """Read the lists again (the agent's pending cases and batches, or recent batches)."""
        service, staff = self._service, self._staff
        if self.agent_mode:

            def load() -> tuple[list[CaseView], list[BatchInfo]]:
                return service.pending(staff.id), service.batches(staff.id)

            self._run(load, lambda loaded: self.agent_loaded.emit(*loaded))
        else:

            def load_township() -> tuple[list[BatchInfo], list[AwaitingCase]]:
                return service.batches(), service.awaiting_decision()

            self._run(load_township, lambda loaded: self.township_loaded.emit(*loaded))

    # -- the agent -------------------------------------------------------------------

    def make_list(self, case_ids: Sequence[str], village_point: str) -> None:
        """Make the handover list of these cases at this village point (then ``list_made``)."""
        service, staff = self._service, self._staff
        ids = list(case_ids)

        def make() -> tuple[BatchInfo, DocumentInfo]:
            return service.create_batch(
                agent_id=staff.id, case_ids=ids, village_point=village_point
            )

        self._run(
            make,
            lambda made: self.list_made.emit(*made),
            self.list_failed.emit,
            changes=lambda made: OpChanges.of_handover(made[0]),
        )

    # -- the township clerk ------------------------------------------------------------

    @property
    def current_batch(self) -> BatchInfo | None:
        """The batch shown at the township counter (None: none, or the last look-up failed)."""
        return self._current

    def look_up(self, text: str) -> bool:
        """Show the batch of a typed number or a scanned QR text; False if ``text`` is blank."""
        if not text.strip():
            return False
        service = self._service
        self._run(lambda: service.batch(text), self.show_batch, self._look_up_failed)
        return True

    def _look_up_failed(self, error: BaseException) -> None:
        self._current = None
        self.look_up_failed.emit(error)

    def show_batch(self, batch: BatchInfo) -> None:
        """Show this batch (one of the recent lists, or one just read)."""
        self._current = batch
        self.batch_shown.emit(batch)

    def receive(self) -> bool:
        """Receive the batch shown; False if none is shown."""
        batch = self._current
        if batch is None:
            return False
        service, staff = self._service, self._staff
        number = batch.batch_number

        def receive() -> BatchInfo:
            return service.receive(batch_number=number, clerk_id=staff.id)

        self._run(receive, self._received, self.receive_failed.emit, changes=OpChanges.of_handover)
        return True

    def _received(self, batch: BatchInfo) -> None:
        self.show_batch(batch)
        self.batch_received.emit(batch)
