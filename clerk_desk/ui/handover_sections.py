"""The parts of the handover page: each shows what it is given and collects what is typed.

:class:`AgentCasesBox`       the agent's collected cases to tick, the village point, Ctrl+H
:class:`TownshipBatchBox`    the batch field a QR scanner types into, the batch shown, Ctrl+Enter
:class:`AwaitingBox`         cases received from agents, awaiting the township's decision

They call no desk method: the page (:mod:`clerk_desk.ui.handover_page`) hands
what its :class:`~clerk_desk.ui.handover_controller.HandoverController` reads
to them. A box's key is an action of the page, given as ``keys_owner``, so it
works wherever the keyboard is on the page. Their text keeps the page's
translation context (``HandoverPage``), where the translations are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.cases import CaseView
from clerk_desk.handover import AwaitingCase, BatchInfo
from clerk_desk.ui.actions import action_button
from clerk_desk.ui.handover_models import (
    AwaitingModel,
    BatchCasesModel,
    PendingCasesModel,
    handover_table,
    material_count_text,
)


def enable(button: QPushButton, action: QAction, on: bool) -> None:
    """The key goes with its button: Ctrl+Enter on a received list does nothing."""
    button.setEnabled(on)
    action.setEnabled(on)


class AgentCasesBox(QGroupBox):
    """The agent's collected cases to carry (ticked go on the list) and the village point."""

    def __init__(self, keys_owner: QWidget, make_list: Callable[[], None]) -> None:
        super().__init__(
            QCoreApplication.translate(
                "HandoverPage", "Collected cases to carry to the township (ticked go on the list)"
            )
        )
        self.pending = PendingCasesModel()
        self.pending_view = handover_table(self.pending, "pending_cases")
        self.pending_view.setToolTip(
            QCoreApplication.translate("HandoverPage", "Space: tick or untick the case")
        )
        self.pending_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        toggle = QAction(keys_owner)
        toggle.setObjectName("action_toggle_case")
        toggle.setShortcut(QKeySequence(Qt.Key.Key_Space))
        toggle.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        toggle.triggered.connect(self._toggle_current)
        self.pending_view.addAction(toggle)
        self.village_edit = QLineEdit()
        self.village_edit.setObjectName("village_point")
        self.village_edit.setPlaceholderText(
            QCoreApplication.translate("HandoverPage", "e.g. 东关村便民服务代办点")
        )
        self.village_edit.setMaxLength(200)
        self.village_edit.setToolTip(
            QCoreApplication.translate(
                "HandoverPage", "The village point the list is made at (Alt+V)"
            )
        )
        self.make_button, self.make_action = action_button(
            keys_owner,
            QCoreApplication.translate("HandoverPage", "Make &handover list"),
            "Ctrl+H",
            make_list,
            "make_list",
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.pending_view, 1)
        form = QFormLayout()
        form.addRow(
            QCoreApplication.translate("HandoverPage", "&Village point:"), self.village_edit
        )
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.make_button)
        layout.addLayout(buttons)

    def show_pending(self, cases: Sequence[CaseView], last_point: str | None) -> None:
        """The cases still to carry (the ticks and the current row stay on those still here).

        ``last_point``, the village point of the agent's newest list, fills an
        empty village point.
        """
        current = self.pending_view.currentIndex()
        current_id = (
            self.pending.data(current, Qt.ItemDataRole.UserRole) if current.isValid() else None
        )
        self.pending.reset(cases)
        if last_point is not None and not self.village_edit.text().strip():
            self.village_edit.setText(last_point)
        if cases:
            row = self.pending.row_of(current_id) if current_id else None
            self.pending_view.setCurrentIndex(self.pending.index(row or 0, 0))

    def _toggle_current(self) -> None:
        current = self.pending_view.currentIndex()
        if current.isValid():
            self.pending.toggle(current.row())


class TownshipBatchBox(QGroupBox):
    """The batch typed or scanned, its cases to check against the folders, and Receive."""

    def __init__(
        self,
        keys_owner: QWidget,
        look_up: Callable[[], None],
        receive: Callable[[], None],
        local_time: Callable[[datetime], str],
    ) -> None:
        super().__init__(QCoreApplication.translate("HandoverPage", "Handover list"))
        self._local_time = local_time
        self.batch_edit = QLineEdit()
        self.batch_edit.setObjectName("batch_input")
        self.batch_edit.setPlaceholderText(
            QCoreApplication.translate(
                "HandoverPage", "Type the list number or scan the list's QR code, then Enter"
            )
        )
        self.batch_edit.setToolTip(self.batch_edit.placeholderText())
        self.batch_edit.setMaxLength(4000)  # the QR text carries every tracking number
        self.batch_edit.returnPressed.connect(look_up)
        self.batch_label = QLabel()
        self.batch_label.setObjectName("batch_summary")
        self.batch_label.setTextFormat(Qt.TextFormat.PlainText)
        self.batch_label.setWordWrap(True)
        self.batch_cases = BatchCasesModel()
        self.batch_cases_view = handover_table(self.batch_cases, "batch_cases")
        self.receive_button, self.receive_action = action_button(
            keys_owner,
            QCoreApplication.translate("HandoverPage", "&Receive"),
            "Ctrl+Return",
            receive,
            "receive",
        )
        enable(self.receive_button, self.receive_action, False)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("HandoverPage", "&List no.:"), self.batch_edit)
        layout.addLayout(form)
        layout.addWidget(self.batch_label)
        layout.addWidget(self.batch_cases_view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.receive_button)
        layout.addLayout(buttons)

    def enable_receive(self, on: bool) -> None:
        enable(self.receive_button, self.receive_action, on)

    def show_batch(self, batch: BatchInfo) -> None:
        """The batch, its cases and what it carries; Receive only if not received yet."""
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
            summary = QCoreApplication.translate(
                "HandoverPage",
                "{number} from {point}, agent {agent}: {count} cases, materials carried: "
                "{materials}. Received by {name} at {time}.",
            ).format(
                **facts,
                name=batch.received_by_name or "",
                time=self._local_time(batch.received_at),
            )
        else:
            summary = QCoreApplication.translate(
                "HandoverPage",
                "{number} from {point}, agent {agent}: {count} cases, materials carried: "
                "{materials}. Not received yet.",
            ).format(**facts)
        self.batch_label.setText(summary)
        self.enable_receive(batch.received_at is None)

    def clear_batch(self) -> None:
        """No batch shown (a look-up failed); the field's text selected for the next scan."""
        self.batch_label.clear()
        self.batch_cases.reset([])
        self.batch_edit.selectAll()


class AwaitingBox(QGroupBox):
    """Cases received from village agents, awaiting the township clerk's check and decision.

    Signals:
        intake_requested(str): the id of the case Enter (or a double click) chose.
    """

    intake_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__(
            QCoreApplication.translate(
                "HandoverPage",
                "Received from village agents, awaiting your check and decision "
                "(the documents go back through the agent)",
            )
        )
        self.awaiting = AwaitingModel()
        self.awaiting_view = handover_table(self.awaiting, "awaiting_cases")
        self.awaiting_view.setToolTip(
            QCoreApplication.translate(
                "HandoverPage", "Enter: check the case's materials and decide it in the intake"
            )
        )
        self.awaiting_view.activated.connect(self._open)
        QVBoxLayout(self).addWidget(self.awaiting_view)

    def show_awaiting(self, cases: Sequence[AwaitingCase]) -> None:
        self.awaiting.reset(cases)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            case_id = self.awaiting.data(index, Qt.ItemDataRole.UserRole)
            if case_id:
                self.intake_requested.emit(case_id)
