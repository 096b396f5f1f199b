"""The case page's step buttons, and the small dialogs a step asks with.

:class:`StepsBar` shows one button per step the case controller offers (the
state machine's next states, the promised materials' arrival) and the intake's
own button; it asks for a step by a signal and does nothing itself.
:class:`TextAskDialog` asks a step's reason, decision or delivery;
:class:`SupplementDialog` which promised materials arrived.
The bar's texts keep the ``CaseDetail`` translation context they had before the split.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.lifecycle import CaseState
from clerk_desk.ui.actions import (
    action_button,
    ok_cancel_buttons,
    set_action_tooltip,
    shortcut_tooltip,
)
from clerk_desk.ui.case_controller import STEPS
from clerk_desk.ui.field_errors import ERROR_STYLE, FieldErrors, MessageLine, grow_to_content

# Each step's key (the module docstring of clerk_desk.ui.case_detail lists them).
STEP_KEYS = {
    "start": "Ctrl+Shift+B",
    "suspend": "Ctrl+Shift+U",
    "decide": "Ctrl+Shift+D",
    "complete": "Ctrl+Shift+C",
    "deliver": "Ctrl+Shift+L",
    "withdraw": "Ctrl+Shift+X",
    "supplement": "Ctrl+Shift+A",
}


class StepsBar(QWidget):
    """The row of step buttons; hidden when the step is not offered.

    The buttons' actions belong to ``keys`` (the case page), so their keys work
    wherever the focus is on the page.

    Signals:
        step_requested(str): the name of the step asked for (a key of
            :data:`~clerk_desk.ui.case_controller.STEPS`).
        intake_requested(): the intake's button: take the case up in the intake panel.
    """

    step_requested = Signal(str)
    intake_requested = Signal()

    def __init__(self, keys: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_buttons: dict[str, QPushButton] = {}
        self.step_actions: dict[str, QAction] = {}
        step_texts = {
            "start": QCoreApplication.translate("CaseDetail", "Start processing"),
            "suspend": QCoreApplication.translate("CaseDetail", "Suspend..."),
            "decide": QCoreApplication.translate("CaseDetail", "Decide..."),
            "complete": QCoreApplication.translate("CaseDetail", "Complete"),
            "deliver": QCoreApplication.translate("CaseDetail", "Deliver the result..."),
            "withdraw": QCoreApplication.translate("CaseDetail", "Withdraw..."),
            "supplement": QCoreApplication.translate("CaseDetail", "Materials arrived..."),
        }
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The intake's own work on a case that is still at the counter. F4 is
        # the main window's key (a page may not repeat it): shown, not bound here.
        self.intake_button = QPushButton(
            QCoreApplication.translate("CaseDetail", "Re-check materials")
        )
        self.intake_button.setObjectName("intake_button")
        self.intake_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.intake_button.clicked.connect(self.intake_requested)
        layout.addWidget(self.intake_button)
        for name in STEPS:
            button, action = action_button(
                keys,
                step_texts[name],
                STEP_KEYS[name],
                self._asker(name),
                name,
            )
            self.step_buttons[name] = button
            self.step_actions[name] = action
            layout.addWidget(button)
        layout.addStretch(1)

    def _asker(self, name: str) -> Callable[[], None]:
        return lambda: self.step_requested.emit(name)

    def offer(
        self,
        offered: Collection[str],
        *,
        take_up: bool,
        state: CaseState | None,
        busy: bool,
    ) -> None:
        """Show the ``offered`` steps (and the intake's button when ``take_up``)."""
        self.intake_button.setVisible(take_up)
        self.intake_button.setEnabled(take_up and not busy)
        if state is CaseState.CONSULTED:
            text = QCoreApplication.translate("CaseDetail", "Continue the intake")
        elif state is CaseState.COLLECTED:
            text = QCoreApplication.translate("CaseDetail", "Check the materials and decide")
        else:
            text = QCoreApplication.translate("CaseDetail", "Re-check materials")
        self.intake_button.setText(text)
        self.intake_button.setToolTip(shortcut_tooltip(text, "F4"))
        for name, button in self.step_buttons.items():
            shown = name in offered
            button.setVisible(shown)
            button.setEnabled(shown and not busy)
            self.step_actions[name].setEnabled(shown and not busy)
        start = self.step_buttons["start"]
        text = (
            QCoreApplication.translate("CaseDetail", "Resume")
            if state is CaseState.SUSPENDED
            else QCoreApplication.translate("CaseDetail", "Start processing")
        )
        start.setText(text)
        self.step_actions["start"].setText(text)
        set_action_tooltip(start, self.step_actions["start"], text, STEP_KEYS["start"])

    def take_focus(self) -> bool:
        """The keyboard on the first button offered and enabled; False when there is none."""
        for button in (self.intake_button, *self.step_buttons.values()):
            if not button.isHidden() and button.isEnabled():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False


# -- small dialogs ----------------------------------------------------------------


class TextAskDialog(QDialog):
    """Asks for one text (a reason, a decision, how the result was delivered).

    With ``choices`` the text is an editable drop-down of usual answers.
    OK stays refused while the text is empty.
    """

    def __init__(
        self,
        title: str,
        prompt: str,
        parent: QWidget | None = None,
        choices: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("step_dialog")
        self.setWindowTitle(title)
        self.prompt = QLabel(prompt)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setWordWrap(True)
        self.text_edit: QPlainTextEdit | None = None
        self.choice_edit: QComboBox | None = None
        if choices:
            self.choice_edit = QComboBox()
            self.choice_edit.setObjectName("step_choice")
            self.choice_edit.setEditable(True)
            self.choice_edit.addItems(list(choices))
            self.choice_edit.setCurrentIndex(0)
            field: QWidget = self.choice_edit
        else:
            self.text_edit = QPlainTextEdit()
            self.text_edit.setObjectName("step_text")
            self.text_edit.setTabChangesFocus(True)
            self.text_edit.setMinimumHeight(80)
            field = self.text_edit
        self.prompt.setBuddy(field)
        self.error = MessageLine("step_dialog_error", error=True)  # a refusal naming no field
        self.errors = FieldErrors(self.error)
        self.buttons = ok_cancel_buttons(
            self._check, self.reject, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel (Esc)")
        )
        save = QAction(self)
        save.setShortcut(QKeySequence("Ctrl+Return"))
        save.triggered.connect(self._check)
        self.addAction(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        line = self.errors.add_below(layout, field)  # the text's own error line, under it
        if self.choice_edit is not None:  # typed, not chosen: the index need not change
            self.choice_edit.editTextChanged.connect(line.clear)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        field.setFocus()

    def set_value(self, text: str) -> None:
        if self.text_edit is not None:
            self.text_edit.setPlainText(text)
        elif self.choice_edit is not None:
            self.choice_edit.setEditText(text)

    def field(self) -> QWidget:
        """The text's field: the free text, or the drop-down of usual answers."""
        if self.text_edit is not None:
            return self.text_edit
        assert self.choice_edit is not None
        return self.choice_edit

    def value(self) -> str:
        if self.text_edit is not None:
            return self.text_edit.toPlainText().strip()
        assert self.choice_edit is not None
        return self.choice_edit.currentText().strip()

    def _check(self) -> None:
        if not self.value():
            self.errors.show(self.field(), self.tr("Please fill this in."))
            grow_to_content(self)
            return
        self.accept()


class SupplementDialog(QDialog):
    """Which of the promised (tolerant acceptance) materials arrived."""

    def __init__(self, missing: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supplement_dialog")
        self.setWindowTitle(self.tr("Promised materials arrived"))
        self.materials = QStandardItemModel(self)
        for mid, name in missing:
            row = QStandardItem(name)
            row.setData(mid, Qt.ItemDataRole.UserRole)
            row.setCheckable(True)
            row.setEditable(False)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.materials.appendRow(row)
        self.view = QListView()
        self.view.setObjectName("supplement_materials")
        self.view.setModel(self.materials)
        self.view.setToolTip(self.tr("Space: arrived / not yet"))
        label = QLabel(self.tr("Tick what the applicant brought:"))
        label.setBuddy(self.view)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        buttons = ok_cancel_buttons(
            self._check, self.reject, self.tr("Save (Enter)"), self.tr("Cancel (Esc)")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if self.materials.rowCount():
            self.view.setCurrentIndex(self.materials.index(0, 0))
        self.view.setFocus()

    def set_checked(self, material_id: str, checked: bool = True) -> None:
        for row in range(self.materials.rowCount()):
            item = self.materials.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == material_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked(self) -> list[str]:
        out = []
        for row in range(self.materials.rowCount()):
            item = self.materials.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _check(self) -> None:
        if not self.checked():
            self.error.setText(self.tr("Tick at least one material."))
            return
        self.accept()
