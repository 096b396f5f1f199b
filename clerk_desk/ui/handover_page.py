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

Materials are counted as the printed list counts them (one function,
:func:`clerk_desk.printing.document_data.count_materials`): the materials
carried, each with its copies (4项5份); originals the agent verified and
handed back are not carried. A cell's tooltip names them as the list does.

Each table has one elastic column (the item, or the village point) that takes
the width left and wraps; the others are as wide as their contents, so at
1366x768 in Chinese every column shows its longest text whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_desk import tracking_numbers
from clerk_desk.case_documents import DocumentInfo
from clerk_desk.cases import CaseView
from clerk_desk.errors import ClerkDeskError
from clerk_desk.handover import (
    AwaitingCase,
    BatchCase,
    BatchInfo,
    HandoverService,
    carried_materials,
)
from clerk_desk.printing import document_data as dd
from clerk_desk.roles import Role
from clerk_desk.ui.actions import action_button
from clerk_desk.ui.case_list_model import state_name
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.messages import describe
from clerk_desk.ui.preview import PreviewDialog
from clerk_desk.ui.table_model import ALIGN_CENTRE, Column, RowTableModel

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
# The column of each table that takes the width left and wraps (see the module docstring).
ELASTIC = "elastic"


def _number(text: str) -> str:
    try:
        return tracking_numbers.display(text)
    except ValueError:
        return text


def material_count_text(count: dd.MaterialCount) -> str:
    """A count of materials carried, as the printed list writes it (4项5份 in Chinese)."""
    if count.items is None:  # a list kept before the list named its materials
        return QCoreApplication.translate("HandoverPage", "{copies} copies").format(
            copies=count.copies
        )
    return QCoreApplication.translate("HandoverPage", "{items} items, {copies} copies").format(
        items=count.items, copies=count.copies
    )


def _materials_tooltip(materials: Sequence[dd.ReceivedMaterial]) -> str | None:
    """The materials by name, as the printed list names them."""
    return "\n".join(dd.format_material(m) for m in materials) or None


class PendingCasesModel(RowTableModel[CaseView]):
    """The agent's collected cases still to carry; ticked = goes on the next list.

    A pending list is a few folders in an agent's bag, so the model holds the
    snapshots themselves rather than ids fetched page by page.
    """

    def __init__(self) -> None:
        self._ticked: set[str] = set()

        def tick(case: CaseView, on: bool) -> None:
            if on:
                self._ticked.add(case.id)
            else:
                self._ticked.discard(case.id)

        super().__init__(
            [
                Column(
                    lambda: self.tr("Tracking no."),
                    lambda c: _number(c.tracking_number),
                    check=lambda c: c.id in self._ticked,
                    set_check=tick,
                ),
                Column(lambda: self.tr("Applicant"), lambda c: c.applicant.name),
                Column(lambda: self.tr("Item"), lambda c: c.stored_item.item.name, name=ELASTIC),
                Column(
                    lambda: self.tr("Materials carried"),
                    lambda c: material_count_text(dd.count_materials(carried_materials(c))),
                    tooltip=lambda c: _materials_tooltip(carried_materials(c)),
                    alignment=ALIGN_CENTRE,
                ),
            ],
            key=lambda c: c.id,
        )

    def reset(self, cases: Sequence[CaseView]) -> None:
        self._ticked &= {c.id for c in cases}
        self.set_rows(cases)

    def remove(self, case_ids: Sequence[str]) -> None:
        """Cases went on a list: drop their rows."""
        gone = set(case_ids)
        self.remove_where(lambda c: c.id in gone)
        self._ticked -= gone

    def ticked(self) -> list[str]:
        """Ticked case ids, in the order shown."""
        return [c.id for c in self.rows if c.id in self._ticked]

    def toggle(self, row: int) -> None:
        idx = self.index(row, 0)
        checked = self.data(idx, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        self.setData(idx, new, Qt.ItemDataRole.CheckStateRole)


class BatchesModel(RowTableModel[BatchInfo]):
    """Handover batches, newest first: number, village point, agent, cases, received or not."""

    def __init__(self, local_time: Callable[[datetime], str]) -> None:
        def received(b: BatchInfo) -> str:
            if b.received_at is None:
                return self.tr("Not received")
            return self.tr("{name}, {time}").format(
                name=b.received_by_name or "", time=local_time(b.received_at)
            )

        super().__init__(
            [
                Column(
                    lambda: self.tr("List no."),
                    lambda b: b.batch_number,
                    tooltip=lambda b: self.tr("Made {time}").format(time=local_time(b.created_at)),
                ),
                Column(lambda: self.tr("Village point"), lambda b: b.village_point, name=ELASTIC),
                Column(lambda: self.tr("Agent"), lambda b: b.agent_name),
                Column(
                    lambda: self.tr("Cases"), lambda b: str(len(b.cases)), alignment=ALIGN_CENTRE
                ),
                Column(lambda: self.tr("Receipt"), received),
            ],
            key=lambda b: b.id,
        )

    def reset(self, batches: Sequence[BatchInfo]) -> None:
        self.set_rows(batches)

    def batch_at(self, row: int) -> BatchInfo:
        return self.row(row)


class BatchCasesModel(RowTableModel[BatchCase]):
    """The cases of the batch shown at the township counter, to check against the folders."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column(lambda: self.tr("Tracking no."), lambda c: _number(c.tracking_number)),
                Column(lambda: self.tr("Applicant"), lambda c: c.applicant_name),
                Column(lambda: self.tr("Item"), lambda c: c.item_name, name=ELASTIC),
                Column(
                    lambda: self.tr("Materials carried"),
                    lambda c: material_count_text(c.count),
                    tooltip=lambda c: _materials_tooltip(c.materials),
                    alignment=ALIGN_CENTRE,
                ),
                Column(lambda: self.tr("State"), lambda c: state_name(c.state)),
            ],
            key=lambda c: c.case_id,
        )

    def reset(self, cases: Sequence[BatchCase]) -> None:
        self.set_rows(cases)


class AwaitingModel(RowTableModel[AwaitingCase]):
    """Cases received from village agents, waiting for the township clerk's check and outcome."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column(lambda: self.tr("Tracking no."), lambda c: _number(c.tracking_number)),
                Column(lambda: self.tr("Applicant"), lambda c: c.applicant_name),
                Column(lambda: self.tr("Item"), lambda c: c.item_name, name=ELASTIC),
                # The village point in the tooltip: the agent's name says who brought it.
                Column(
                    lambda: self.tr("Agent"),
                    lambda c: c.agent_name,
                    tooltip=lambda c: self.tr("{agent} ({point})").format(
                        agent=c.agent_name, point=c.village_point
                    ),
                ),
                Column(lambda: self.tr("Received"), lambda c: _day(c.received_on)),
                Column(
                    lambda: self.tr("Notice by"),
                    lambda c: _day(c.notice_due_by),
                    tooltip=lambda c: self.tr(
                        "A one-time notice is due by this day: 5 working days after the hand-over"
                    ),
                ),
            ],
            key=lambda c: c.case_id,
        )

    def reset(self, cases: Sequence[AwaitingCase]) -> None:
        self.set_rows(cases)


def _day(d: date) -> str:
    return d.isoformat()


# Cells and headers get some air: a column sized to its contents keeps its longest
# text whole even where a CJK glyph draws a pixel wider than the font metrics say.
AIR = 8  # pixels


class _RoomyDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + AIR, size.height())


class _RoomyHeader(QHeaderView):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setHighlightSections(True)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        return QSize(size.width() + AIR, size.height())


class HandoverPage(QWidget):
    """The village agent's handover lists, or the township clerk's receiving of them.

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
        self._service = service
        self._staff = ctx.login.require()
        self.agent_mode = self._staff.role == Role.AGENT
        self._current: BatchInfo | None = None
        self.preview: PreviewDialog | None = None
        self.batches = BatchesModel(self._local_time)
        self.batches_view = self._table(self.batches, "batches")
        self.error_label = QLabel()
        self.error_label.setObjectName("handover_error")
        self.error_label.setStyleSheet("color: #b00020")
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
        # Read when shown (showEvent), not now: made with the main window at
        # login, the page must not hold up the first case list.
        ctx.changes.case_changed.connect(self._case_changed)
        self.batch_created.connect(ctx.changes.handover_changed)
        self.batch_received.connect(ctx.changes.handover_changed)

    # -- construction ------------------------------------------------------

    def _table(self, model: RowTableModel[Any], name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setItemDelegate(_RoomyDelegate(view))
        view.setHorizontalHeader(_RoomyHeader(view))
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        # Rows as tall as their wrapped text: a long item name takes two lines.
        rows = view.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())  # one line keeps its air
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.setWordWrap(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(model.column_of(ELASTIC), QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        view.setTabKeyNavigation(False)  # Tab moves on to the next part of the page
        return view

    def _action_button(
        self, text: str, shortcut: str, slot: Callable[[], None], name: str
    ) -> tuple[QPushButton, QAction]:
        return action_button(self, text, shortcut, slot, name)

    @staticmethod
    def _enable(button: QPushButton, action: QAction, on: bool) -> None:
        # The key goes with its button: Ctrl+Enter on a received list does nothing.
        button.setEnabled(on)
        action.setEnabled(on)

    def _build_agent(self) -> None:
        self.pending = PendingCasesModel()
        self.pending_view = self._table(self.pending, "pending_cases")
        self.pending_view.setToolTip(self.tr("Space: tick or untick the case"))
        self.pending_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        toggle = QAction(self)
        toggle.setObjectName("action_toggle_case")
        toggle.setShortcut(QKeySequence(Qt.Key.Key_Space))
        toggle.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        toggle.triggered.connect(self._toggle_current)
        self.pending_view.addAction(toggle)
        self.village_edit = QLineEdit()
        self.village_edit.setObjectName("village_point")
        self.village_edit.setPlaceholderText(self.tr("e.g. 东关村便民服务代办点"))
        self.village_edit.setMaxLength(200)
        self.village_edit.setToolTip(self.tr("The village point the list is made at (Alt+V)"))
        self.make_button, self.make_action = self._action_button(
            self.tr("Make &handover list"), "Ctrl+H", self.make_list, "make_list"
        )

        pending_box = QGroupBox(
            self.tr("Collected cases to carry to the township (ticked go on the list)")
        )
        pending_layout = QVBoxLayout(pending_box)
        pending_layout.addWidget(self.pending_view, 1)
        form = QFormLayout()
        form.addRow(self.tr("&Village point:"), self.village_edit)
        pending_layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.make_button)
        pending_layout.addLayout(buttons)

        batches_box = QGroupBox(self.tr("My handover lists"))
        QVBoxLayout(batches_box).addWidget(self.batches_view)

        layout = QVBoxLayout(self)
        layout.addWidget(pending_box, 3)
        layout.addWidget(batches_box, 2)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        # F7 (the main window focuses the page) lands on the cases to tick.
        self.setFocusProxy(self.pending_view)
        QWidget.setTabOrder(self.pending_view, self.village_edit)
        QWidget.setTabOrder(self.village_edit, self.make_button)
        QWidget.setTabOrder(self.make_button, self.batches_view)

    def _build_township(self) -> None:
        self.batch_edit = QLineEdit()
        self.batch_edit.setObjectName("batch_input")
        self.batch_edit.setPlaceholderText(
            self.tr("Type the list number or scan the list's QR code, then Enter")
        )
        self.batch_edit.setToolTip(self.batch_edit.placeholderText())
        self.batch_edit.setMaxLength(4000)  # the QR text carries every tracking number
        self.batch_edit.returnPressed.connect(self.look_up)
        self.batch_label = QLabel()
        self.batch_label.setObjectName("batch_summary")
        self.batch_label.setTextFormat(Qt.TextFormat.PlainText)
        self.batch_label.setWordWrap(True)
        self.batch_cases = BatchCasesModel()
        self.batch_cases_view = self._table(self.batch_cases, "batch_cases")
        self.receive_button, self.receive_action = self._action_button(
            self.tr("&Receive"), "Ctrl+Return", self.receive, "receive"
        )
        self._enable(self.receive_button, self.receive_action, False)
        self.batches_view.setToolTip(self.tr("Enter: show the list"))
        self.batches_view.activated.connect(self._show_listed)  # Enter, or a double click

        batch_box = QGroupBox(self.tr("Handover list"))
        batch_layout = QVBoxLayout(batch_box)
        form = QFormLayout()
        form.addRow(self.tr("&List no.:"), self.batch_edit)
        batch_layout.addLayout(form)
        batch_layout.addWidget(self.batch_label)
        batch_layout.addWidget(self.batch_cases_view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.receive_button)
        batch_layout.addLayout(buttons)

        batches_box = QGroupBox(self.tr("Recent handover lists"))
        QVBoxLayout(batches_box).addWidget(self.batches_view)

        # The received cases are the township's to check and decide.
        self.awaiting = AwaitingModel()
        self.awaiting_view = self._table(self.awaiting, "awaiting_cases")
        self.awaiting_view.setToolTip(
            self.tr("Enter: check the case's materials and decide it in the intake")
        )
        self.awaiting_view.activated.connect(self._open_awaiting)
        awaiting_box = QGroupBox(
            self.tr(
                "Received from village agents, awaiting your check and decision "
                "(the documents go back through the agent)"
            )
        )
        QVBoxLayout(awaiting_box).addWidget(self.awaiting_view)

        layout = QVBoxLayout(self)
        layout.addWidget(batch_box, 3)
        layout.addWidget(awaiting_box, 2)
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

    def _local_time(self, at: datetime) -> str:
        tz = ZoneInfo(self._ctx.desk.settings().timezone)
        return at.astimezone(tz).strftime("%Y-%m-%d %H:%M")

    def _show_error(self, error: BaseException) -> None:
        self.error_label.setText(
            describe(error) if isinstance(error, ClerkDeskError) else repr(error)
        )

    def _run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.error_label.clear()
        self._ctx.runner.db(fn, done, failed or self._show_error)

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
        service, staff = self._service, self._staff
        if self.agent_mode:

            def load() -> tuple[list[CaseView], list[BatchInfo]]:
                return service.pending(staff.id), service.batches(staff.id)

            self._run(load, self._agent_loaded)
        else:

            def load_township() -> tuple[list[BatchInfo], list[AwaitingCase]]:
                return service.batches(), service.awaiting_decision()

            self._run(load_township, self._township_loaded)

    # -- the agent -------------------------------------------------------------

    def _agent_loaded(self, loaded: tuple[list[CaseView], list[BatchInfo]]) -> None:
        pending, batches = loaded
        current = self.pending_view.currentIndex()
        current_id = (
            self.pending.data(current, Qt.ItemDataRole.UserRole) if current.isValid() else None
        )
        self.pending.reset(pending)  # the ticks stay on the cases still pending
        self.batches.reset(batches)
        if batches and not self.village_edit.text().strip():
            self.village_edit.setText(batches[0].village_point)
        if pending:
            row = self.pending.row_of(current_id) if current_id else None
            self.pending_view.setCurrentIndex(self.pending.index(row or 0, 0))

    def _toggle_current(self) -> None:
        current = self.pending_view.currentIndex()
        if current.isValid():
            self.pending.toggle(current.row())

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
        service, staff = self._service, self._staff
        self._enable(self.make_button, self.make_action, False)
        self.status_label.setText(self.tr("Making the handover list..."))

        def make() -> tuple[BatchInfo, DocumentInfo]:
            return service.create_batch(agent_id=staff.id, case_ids=ids, village_point=point)

        self._run(make, self._list_made, self._list_failed)

    def _list_failed(self, error: BaseException) -> None:
        self._enable(self.make_button, self.make_action, True)
        self.status_label.clear()
        self._show_error(error)

    def _list_made(self, made: tuple[BatchInfo, DocumentInfo]) -> None:
        batch, doc = made
        self._enable(self.make_button, self.make_action, True)
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

    def _township_loaded(self, loaded: tuple[list[BatchInfo], list[AwaitingCase]]) -> None:
        batches, awaiting = loaded
        self.batches.reset(batches)
        self.awaiting.reset(awaiting)

    def _open_awaiting(self, index: QModelIndex) -> None:
        if index.isValid():
            case_id = self.awaiting.data(index, Qt.ItemDataRole.UserRole)
            if case_id:
                self.intake_requested.emit(case_id)

    @property
    def current_batch(self) -> BatchInfo | None:
        return self._current

    def look_up(self) -> None:
        """Show the batch typed or scanned into the batch field (Enter)."""
        text = self.batch_edit.text()
        if not text.strip():
            return
        service = self._service
        self._enable(self.receive_button, self.receive_action, False)
        self._run(lambda: service.batch(text), self._show_batch, self._look_up_failed)

    def _look_up_failed(self, error: BaseException) -> None:
        self._current = None
        self.batch_label.clear()
        self.batch_cases.reset([])
        self._show_error(error)
        self.batch_edit.selectAll()

    def _show_listed(self, index: QModelIndex) -> None:
        if index.isValid():
            self._show_batch(self.batches.batch_at(index.row()))

    def _show_batch(self, batch: BatchInfo) -> None:
        self._current = batch
        self.batch_edit.setText(batch.batch_number)
        self.batch_edit.selectAll()  # the next scan replaces it
        self.batch_cases.reset(batch.cases)
        facts = {
            "number": batch.batch_number,
            "point": batch.village_point,
            "agent": batch.agent_name,
            "count": len(batch.cases),
            "materials": material_count_text(batch.count),
        }
        if batch.received_at is not None:
            # One sentence each way: Chinese puts no space between sentences.
            summary = self.tr(
                "{number} from {point}, agent {agent}: {count} cases, materials carried: "
                "{materials}. Received by {name} at {time}."
            ).format(
                **facts,
                name=batch.received_by_name or "",
                time=self._local_time(batch.received_at),
            )
            self.status_label.setText(self.tr("This list has already been received."))
        else:
            summary = self.tr(
                "{number} from {point}, agent {agent}: {count} cases, materials carried: "
                "{materials}. Not received yet."
            ).format(**facts)
            self.status_label.setText(
                self.tr("Check the folders against the list, then receive it (Ctrl+Enter).")
            )
        self.batch_label.setText(summary)
        self._enable(self.receive_button, self.receive_action, batch.received_at is None)

    def receive(self) -> None:
        """Receive the batch shown (Ctrl+Enter)."""
        batch = self._current
        if batch is None:
            self.error_label.setText(self.tr("Type or scan a list number first."))
            return
        service, staff = self._service, self._staff
        number = batch.batch_number
        self._enable(self.receive_button, self.receive_action, False)

        def receive() -> BatchInfo:
            return service.receive(batch_number=number, clerk_id=staff.id)

        self._run(receive, self._received, self._receive_failed)

    def _receive_failed(self, error: BaseException) -> None:
        receivable = self._current is not None and not self._current.received
        self._enable(self.receive_button, self.receive_action, receivable)
        self._show_error(error)

    def _received(self, batch: BatchInfo) -> None:
        self._show_batch(batch)
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
