"""Handover lists (代办件移交清单): the village agent makes them, the township clerk receives them.

The page has two modes, fixed by the role of the staff member logged in when
it is made (a new login makes a new page):

Village agent (the page's focus: the pending cases)
    Space                   tick / untick the current pending case
    Alt+V                   the village point
    Ctrl+H                  make the handover list of the ticked cases and preview it
Township clerk (the page's focus: the batch field, where a QR scanner types)
    type or scan, Enter     show the batch (the number, or the list's QR code text)
    Enter on a recent list  show that batch
    Ctrl+Enter              receive the batch shown
    Enter on a received case  open it in the intake at its checklist: check the
                            materials, then accept, accept tolerantly, notify or
                            reject (its documents go back through the agent)

Tab moves between the page's parts (never from cell to cell); a key whose
button is disabled is disabled too.

The lists are read each time the page is shown, and again when a case
changes while it is on screen (``ctx.changes``): a case the agent just
collected at the intake is on the page when F7 opens it.

The page joins three modules: :mod:`~clerk_desk.ui.handover_controller` (the
flow and every desk call, without widgets), :mod:`~clerk_desk.ui.handover_sections`
(the agent's cases, the batch shown, the cases awaiting a decision) and
:mod:`~clerk_desk.ui.handover_models` (the tables, counted as the printed list
counts). It keeps the list of batches, the status and error lines, and the
preview of a list just made.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from clerk_desk.case_documents import DocumentInfo
from clerk_desk.cases import CaseView
from clerk_desk.errors import ClerkDeskError
from clerk_desk.handover import AwaitingCase, BatchInfo, HandoverService
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.field_errors import ERROR_STYLE
from clerk_desk.ui.handover_controller import HandoverController
from clerk_desk.ui.handover_models import BatchesModel, handover_table, material_count_text
from clerk_desk.ui.handover_sections import AgentCasesBox, AwaitingBox, TownshipBatchBox, enable
from clerk_desk.ui.messages import describe
from clerk_desk.ui.preview import PreviewDialog


class HandoverPage(QWidget):
    """The village agent's handover lists, or the township clerk's receiving of them.

    Its parts are attributes for the main window and the tests: ``pending``,
    ``pending_view``, ``village_edit``, ``make_button`` (the agent's); ``batch_edit``,
    ``batch_label``, ``batch_cases``, ``batch_cases_view``, ``receive_button``,
    ``awaiting``, ``awaiting_view`` (the township's); ``batches``, ``batches_view``,
    ``status_label``, ``error_label`` (both).

    Signals:
        batch_created(object): the BatchInfo of a list the agent just made.
        batch_received(object): the BatchInfo of a batch the clerk just received.
        intake_requested(str): the id of a received case to check and decide in the intake.
    """

    batch_created = Signal(object)
    batch_received = Signal(object)
    intake_requested = Signal(str)

    def __init__(
        self, ctx: UiContext, service: HandoverService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handover_page")
        self._ctx = ctx
        self.controller = HandoverController(ctx, service, self)
        self.agent_mode = self.controller.agent_mode
        self.preview: PreviewDialog | None = None
        self.batches = BatchesModel(self.controller.local_time)
        self.batches_view = handover_table(self.batches, "batches")
        self.error_label = QLabel()
        self.error_label.setObjectName("handover_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("handover_status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        if self.agent_mode:
            self._build_agent()
        else:
            self._build_township()
        controller = self.controller
        controller.call_started.connect(self.error_label.clear)
        controller.failed.connect(self._show_error)
        # Read when shown (showEvent), not now: made with the main window at
        # login, the page must not hold up the first case list.
        ctx.changes.case_changed.connect(self._case_changed)

    # -- construction ------------------------------------------------------

    def _build_agent(self) -> None:
        self.agent_box = box = AgentCasesBox(self, self.make_list)
        self.pending, self.pending_view = box.pending, box.pending_view
        self.village_edit = box.village_edit
        self.make_button, self.make_action = box.make_button, box.make_action
        self.controller.agent_loaded.connect(self._agent_loaded)
        self.controller.list_made.connect(self._list_made)
        self.controller.list_failed.connect(self._list_failed)

        batches_box = QGroupBox(self.tr("My handover lists"))
        QVBoxLayout(batches_box).addWidget(self.batches_view)

        layout = QVBoxLayout(self)
        layout.addWidget(box, 3)
        layout.addWidget(batches_box, 2)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        # F7 (the main window focuses the page) lands on the cases to tick.
        self.setFocusProxy(self.pending_view)
        QWidget.setTabOrder(self.pending_view, self.village_edit)
        QWidget.setTabOrder(self.village_edit, self.make_button)
        QWidget.setTabOrder(self.make_button, self.batches_view)

    def _build_township(self) -> None:
        self.batch_box = box = TownshipBatchBox(
            self, self.look_up, self.receive, self.controller.local_time
        )
        self.batch_edit, self.batch_label = box.batch_edit, box.batch_label
        self.batch_cases, self.batch_cases_view = box.batch_cases, box.batch_cases_view
        self.receive_button, self.receive_action = box.receive_button, box.receive_action
        self.batches_view.setToolTip(self.tr("Enter: show the list"))
        self.batches_view.activated.connect(self._show_listed)  # Enter, or a double click

        batches_box = QGroupBox(self.tr("Recent handover lists"))
        QVBoxLayout(batches_box).addWidget(self.batches_view)

        # The received cases are the township's to check and decide.
        self.awaiting_box = AwaitingBox()
        self.awaiting, self.awaiting_view = (
            self.awaiting_box.awaiting,
            self.awaiting_box.awaiting_view,
        )
        self.awaiting_box.intake_requested.connect(self.intake_requested)
        controller = self.controller
        controller.township_loaded.connect(self._township_loaded)
        controller.batch_shown.connect(self._batch_shown)
        controller.look_up_failed.connect(self._look_up_failed)
        controller.batch_received.connect(self._received)
        controller.receive_failed.connect(self._receive_failed)

        layout = QVBoxLayout(self)
        layout.addWidget(box, 3)
        layout.addWidget(self.awaiting_box, 2)
        layout.addWidget(batches_box, 2)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        # F7 (the main window focuses the page) lands where a scanner types.
        self.setFocusProxy(self.batch_edit)
        QWidget.setTabOrder(self.batch_edit, self.batch_cases_view)
        QWidget.setTabOrder(self.batch_cases_view, self.receive_button)
        QWidget.setTabOrder(self.receive_button, self.awaiting_view)
        QWidget.setTabOrder(self.awaiting_view, self.batches_view)

    # -- shared --------------------------------------------------------------

    def _show_error(self, error: BaseException) -> None:
        self.error_label.setText(
            describe(error) if isinstance(error, ClerkDeskError) else repr(error)
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.agent_mode:
            self.batch_edit.selectAll()  # a scan when the page comes back replaces the last
        self.refresh()

    def _case_changed(self, _case: CaseView) -> None:
        # Hidden, it reads everything again when shown.
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the lists again (the agent's pending cases and batches, or recent batches)."""
        self.controller.refresh()

    # -- the agent -------------------------------------------------------------

    def _agent_loaded(self, pending: list[CaseView], batches: list[BatchInfo]) -> None:
        # The ticks stay on the cases still pending.
        self.agent_box.show_pending(pending, batches[0].village_point if batches else None)
        self.batches.reset(batches)

    def make_list(self) -> None:
        """Make the handover list of the ticked cases, then preview it (Ctrl+H)."""
        ids = self.pending.ticked()
        if not ids:
            self.error_label.setText(self.tr("Tick the cases that go on the list first."))
            return
        point = self.village_edit.text()
        if not point.strip():
            self.error_label.setText(self.tr("Enter the village point the list is made at."))
            self.village_edit.setFocus()
            return
        enable(self.make_button, self.make_action, False)
        self.status_label.setText(self.tr("Making the handover list..."))
        self.controller.make_list(ids, point)

    def _list_failed(self, error: BaseException) -> None:
        enable(self.make_button, self.make_action, True)
        self.status_label.clear()
        self._show_error(error)

    def _list_made(self, batch: BatchInfo, doc: DocumentInfo) -> None:
        enable(self.make_button, self.make_action, True)
        self.pending.remove([c.case_id for c in batch.cases])
        self.batches.put(batch)
        self.status_label.setText(
            self.tr(
                "Handover list {number} made: {count} cases, materials carried: {materials}."
            ).format(
                number=batch.batch_number,
                count=len(batch.cases),
                materials=material_count_text(batch.count),
            )
        )
        self.batch_created.emit(batch)
        if self.preview is not None:
            self.preview.close()
        self.preview = PreviewDialog(self._ctx, [doc], self)
        self.preview.finished.connect(self._preview_closed)
        self.preview.open()

    def _preview_closed(self, _result: int) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
            self.preview = None
        if self.agent_mode:
            self.pending_view.setFocus()

    # -- the township clerk ------------------------------------------------------

    def _township_loaded(self, batches: list[BatchInfo], awaiting: list[AwaitingCase]) -> None:
        self.batches.reset(batches)
        self.awaiting_box.show_awaiting(awaiting)

    @property
    def current_batch(self) -> BatchInfo | None:
        return self.controller.current_batch

    def look_up(self) -> None:
        """Show the batch typed or scanned into the batch field (Enter)."""
        if self.controller.look_up(self.batch_edit.text()):
            self.batch_box.enable_receive(False)

    def _look_up_failed(self, error: BaseException) -> None:
        self.batch_box.clear_batch()
        self._show_error(error)

    def _show_listed(self, index: QModelIndex) -> None:
        if index.isValid():
            self.controller.show_batch(self.batches.batch_at(index.row()))

    def _batch_shown(self, batch: BatchInfo) -> None:
        self.batch_box.show_batch(batch)
        if batch.received_at is not None:
            self.status_label.setText(self.tr("This list has already been received."))
        else:
            self.status_label.setText(
                self.tr("Check the folders against the list, then receive it (Ctrl+Enter).")
            )

    def receive(self) -> None:
        """Receive the batch shown (Ctrl+Enter)."""
        if not self.controller.receive():
            self.error_label.setText(self.tr("Type or scan a list number first."))
            return
        self.batch_box.enable_receive(False)

    def _receive_failed(self, error: BaseException) -> None:
        current = self.controller.current_batch
        self.batch_box.enable_receive(current is not None and not current.received)
        self._show_error(error)

    def _received(self, batch: BatchInfo) -> None:
        # The controller showed it already (batch_shown): now it is received.
        self.batches.put(batch)
        self.status_label.setText(
            self.tr(
                "Handover list {number} received: {count} cases. Check and decide each below "
                "(Enter opens it in the intake)."
            ).format(number=batch.batch_number, count=len(batch.cases))
        )
        self.batch_received.emit(batch)
        self.refresh()  # the received cases join those awaiting a decision
        self.batch_edit.selectAll()
        self.batch_edit.setFocus()
