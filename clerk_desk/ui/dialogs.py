"""Small dialogs of the intake: the promise date, the rejection, which notice to re-check,
the reason for a second case on an item, a supervisor's password for a new intake on a
terminal that has not synced for too long.

The promise and rejection dialogs can be opened again after the domain refused
what was entered: ``show_error(where, text)`` shows the refusal on a line right
under the field it names (a field's object name is its ``where``) and puts the
cursor there; the line clears when the field is edited. Each dialog opens at
least as large as its content asks (:func:`~clerk_desk.ui.field_errors.size_for_content`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.ui.actions import ok_cancel_buttons, shortcut_tooltip
from clerk_desk.ui.field_errors import FieldErrors, MessageLine, grow_to_content, size_for_content

# One case waiting on a one-time notice, as the chooser lists it:
# (tracking number as printed, item name, notice date).
NoticeRow = tuple[str, str, str]
REJECT_KEY = "Ctrl+Return"  # OK in the rejection dialog: Enter alone never rejects


def _show_error(dialog: QDialog, errors: FieldErrors, where: str, text: str) -> None:
    """A refusal beside the field it names (the general line else); the dialog grows to it.

    A top-level window does not grow by itself: its layout ignores a wrapped
    label's height for its width.
    """
    errors.show(where, text)
    grow_to_content(dialog)


class PromiseDateDialog(QDialog):
    """Asks for the date by which the applicant promises the missing non-key materials."""

    def __init__(self, today: date, missing: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promise_dialog")
        self.setWindowTitle(self.tr("Tolerant acceptance"))
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("promise_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        default = today + timedelta(days=7)
        self.date_edit.setDate(QDate(default.year, default.month, default.day))
        self.date_edit.setMinimumDate(QDate(today.year, today.month, today.day).addDays(1))
        self.listing = QLabel("\n".join(f"• {name}" for name in missing))
        self.listing.setObjectName("promised_materials")
        self.listing.setTextFormat(Qt.TextFormat.PlainText)
        self.listing.setWordWrap(True)
        # Wrapped only when a name is long: a word-wrapped label asks for little
        # width, and the list would break where there is no need.
        fm = self.listing.fontMetrics()
        widest = max(
            (fm.horizontalAdvance(line) for line in self.listing.text().splitlines()), default=0
        )
        self.listing.setMinimumWidth(min(widest + 2, 40 * fm.horizontalAdvance("中")))
        self.error = MessageLine("dialog_error", error=True)  # a refusal naming no field
        self.errors = FieldErrors(self.error)
        buttons = ok_cancel_buttons(self.accept, self.reject)
        intro = QLabel(
            self.tr(
                "The case is accepted now. The applicant signs a tolerant acceptance "
                "promise to bring these materials by the date below."
            )
        )
        intro.setObjectName("promise_intro")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Missing non-key materials:"), self.listing)
        self.errors.add_row(form, self.tr("&Promised by:"), self.date_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        size_for_content(self)

    def promised_materials(self) -> list[str]:
        """The materials listed as promised, as shown."""
        return [line.removeprefix("• ") for line in self.listing.text().splitlines()]

    def promise_date(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    def set_promise_date(self, when: date) -> None:
        self.date_edit.setDate(QDate(when.year, when.month, when.day))

    def show_error(self, where: str, text: str) -> None:
        """A refusal of the date entered: shown under the date, the cursor in it."""
        _show_error(self, self.errors, where, text)


class RejectionDialog(QDialog):
    """Reason, legal basis and (where it is not this office's matter) the competent body.

    A rejection ends the case, so it is confirmed: OK (Ctrl+Enter) asks first
    (``confirm_box``; Enter rejects, Esc goes back to the fields). Enter in a
    field only moves on to the next one: it never rejects.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejection_dialog")
        self.setWindowTitle(self.tr("Reject the application"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setTabChangesFocus(True)
        self.basis_edit = QLineEdit()
        self.basis_edit.setObjectName("legal_basis")
        self.body_edit = QLineEdit()
        self.body_edit.setObjectName("competent_body")
        self.buttons = ok_cancel_buttons(
            self._check,
            self.reject,
            shortcut_tooltip(self.tr("Reject the application"), REJECT_KEY),
        )
        self.basis_edit.returnPressed.connect(self.body_edit.setFocus)
        self.body_edit.returnPressed.connect(
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus
        )
        confirm = QAction(self)
        confirm.setShortcut(QKeySequence(REJECT_KEY))
        confirm.triggered.connect(self._check)
        self.addAction(confirm)
        self.confirm_box: QMessageBox | None = None
        self.error = MessageLine("dialog_error", error=True)  # a refusal naming no field
        self.errors = FieldErrors(self.error)
        form = QFormLayout()
        self.errors.add_row(form, self.tr("&Reason:"), self.reason_edit)
        self.errors.add_row(form, self.tr("Legal &basis:"), self.basis_edit)
        self.errors.add_row(form, self.tr("&Competent body (if not ours):"), self.body_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        size_for_content(self)

    def _check(self) -> None:
        if not self.reason_edit.toPlainText().strip():
            self.show_error("reason", self.tr("A rejection needs its reason."))
            return
        if not self.basis_edit.text().strip():
            self.show_error("legal_basis", self.tr("A rejection needs its legal basis."))
            return
        self._confirm()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QDialogButtonBox makes OK the default button when shown: Enter left
        # over by a field (which moved on by returnPressed) would click it.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    def _confirm(self) -> None:
        """The rejection ends the case: asked once more, non-blocking."""
        if self.confirm_box is not None:
            return
        box = QMessageBox(self)
        box.setObjectName("confirm_rejection")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Reject the application"))
        box.setText(
            self.tr(
                "The applicant will get a rejection notice with this reason and legal "
                "basis. Reject the application?"
            )
        )
        take = box.addButton(self.tr("Reject (Enter)"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("Go back (Esc)"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(take)
        box.setEscapeButton(back)
        self.confirm_box = box

        def finished(_result: int) -> None:
            self.confirm_box = None
            box.deleteLater()
            if box.clickedButton() is take:
                self.accept()

        box.finished.connect(finished)
        box.open()

    def values(self) -> tuple[str, str, str]:
        return (
            self.reason_edit.toPlainText().strip(),
            self.basis_edit.text().strip(),
            self.body_edit.text().strip(),
        )

    def set_values(self, reason: str, legal_basis: str, competent_body: str) -> None:
        self.reason_edit.setPlainText(reason)
        self.basis_edit.setText(legal_basis)
        self.body_edit.setText(competent_body)

    def show_error(self, where: str, text: str) -> None:
        """A refusal of what was entered: under the field it names, the cursor in it."""
        _show_error(self, self.errors, where, text)


class NoticeChooserDialog(QDialog):
    """Which of the applicant's cases waiting on a one-time notice to re-check now.

    Up/Down choose, Enter takes the case, Esc leaves things as they were.
    """

    def __init__(self, rows: Sequence[NoticeRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice_chooser")
        self.setWindowTitle(self.tr("Re-check which case?"))
        self._rows = list(rows)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Tracking no."), self.tr("Service item"), self.tr("Notice date")]
        )
        for number, item, day in self._rows:
            cells = [QStandardItem(number), QStandardItem(item), QStandardItem(day)]
            for cell in cells:
                cell.setEditable(False)
            self.model.appendRow(cells)
        self.view = QTableView()
        self.view.setObjectName("notice_cases")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.accept())
        label = QLabel(
            self.tr(
                "The applicant has several cases waiting on a one-time notice. "
                "Up/Down to choose, Enter to re-check it:"
            )
        )
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setBuddy(self.view)
        buttons = ok_cancel_buttons(
            self.accept, self.reject, self.tr("Re-check (Enter)"), self.tr("Cancel (Esc)")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self._fit_table()
        size_for_content(self)
        if self._rows:
            self.view.selectRow(0)
        self.view.setFocus()

    def _fit_table(self) -> None:
        """Every column whole (no tracking number cut) and up to six rows without scrolling."""
        view, header = self.view, self.view.horizontalHeader()
        frame = 2 * view.frameWidth()
        columns = range(self.model.columnCount())
        width = sum(max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in columns)
        view.setMinimumWidth(width + frame + view.verticalScrollBar().sizeHint().width())
        row = max(view.verticalHeader().defaultSectionSize(), view.sizeHintForRow(0))
        shown = min(max(len(self._rows), 3), 6)
        view.setMinimumHeight(header.sizeHint().height() + shown * row + frame)

    def rows(self) -> list[NoticeRow]:
        return list(self._rows)

    def chosen(self) -> int:
        """The row the clerk chose (0 when nothing else was picked)."""
        return max(0, self.view.currentIndex().row())


class VillagePointDialog(QDialog):
    """The village point a village agent collects at, printed on the 代办收件回执.

    Asked once: later collections take the agent's last village point.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("village_point_dialog")
        self.setWindowTitle(self.tr("Village point"))
        self.point_edit = QLineEdit()
        self.point_edit.setObjectName("village_point")
        self.point_edit.setMaxLength(200)
        self.point_edit.setPlaceholderText(self.tr("e.g. 东关村便民服务代办点"))
        self.buttons = ok_cancel_buttons(self._check, self.reject)
        self.error = MessageLine("dialog_error", error=True)  # a refusal naming no field
        self.errors = FieldErrors(self.error)
        form = QFormLayout()
        self.errors.add_row(form, self.tr("&Village point:"), self.point_edit)
        intro = QLabel(self.tr("Where do you collect the materials? It is printed on the receipt."))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        size_for_content(self)

    def _check(self) -> None:
        if not self.point_edit.text().strip():
            self.show_error("village_point", self.tr("Enter the village point."))
            return
        self.accept()

    def village_point(self) -> str:
        return self.point_edit.text().strip()

    def set_village_point(self, text: str) -> None:
        self.point_edit.setText(text)

    def show_error(self, where: str, text: str) -> None:
        """A refusal of what was entered: under the field it names, the cursor in it."""
        _show_error(self, self.errors, where, text)


class NewCaseReasonDialog(QDialog):
    """Why a new case, while the applicant's open case on the item stands (audited)."""

    def __init__(self, open_case: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_case_dialog")
        self.setWindowTitle(self.tr("New case anyway"))
        label = QLabel(
            self.tr(
                "The applicant's case {case} on this item is still open. A new case is "
                "recorded with its reason and may not ask again for what that case received."
            ).format(case=open_case)
        )
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("new_case_reason")
        self.reason_edit.setTabChangesFocus(True)
        self.error = MessageLine("dialog_error", error=True)  # a refusal naming no field
        self.errors = FieldErrors(self.error)
        form = QFormLayout()
        self.errors.add_row(form, self.tr("&Reason:"), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel_buttons(self._check, self.reject))
        size_for_content(self)
        self.reason_edit.setFocus()

    def _check(self) -> None:
        if not self.reason_edit.toPlainText().strip():
            self.show_error("new_case_reason", self.tr("A new case needs its reason."))
            return
        self.accept()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def set_reason(self, text: str) -> None:
        self.reason_edit.setPlainText(text)

    def show_error(self, where: str, text: str) -> None:
        """A refusal of the reason: shown under it, the cursor in it."""
        _show_error(self, self.errors, where, text)


class SupervisorOverrideDialog(QDialog):
    """A supervisor's login and password: a new intake on a terminal frozen for want of a
    sync (see clerk_desk.sync_freeze). The domain checks them and audits the override."""

    def __init__(self, why: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisor_override_dialog")
        self.setWindowTitle(self.tr("Supervisor's password"))
        label = QLabel(
            self.tr(
                "{why}\n\nA supervisor may let this new intake open with their login and "
                "password; it is recorded with the case."
            ).format(why=why)
        )
        label.setObjectName("override_reason")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("supervisor_login")
        self.login_edit.setMaxLength(64)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("supervisor_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = MessageLine("dialog_error", error=True)  # a refusal naming no field
        self.errors = FieldErrors(self.error)
        form = QFormLayout()
        self.errors.add_row(form, self.tr("Supervisor's &login:"), self.login_edit)
        self.errors.add_row(form, self.tr("&Password:"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel_buttons(self._check, self.reject))
        size_for_content(self)
        self.login_edit.setFocus()

    def _check(self) -> None:
        if not self.login_edit.text().strip():
            self.show_error("supervisor_login", self.tr("Enter the supervisor's login."))
            return
        if not self.password_edit.text():
            self.show_error("supervisor_password", self.tr("Enter the supervisor's password."))
            return
        self.accept()

    def values(self) -> tuple[str, str]:
        """The login and the password typed."""
        return self.login_edit.text().strip(), self.password_edit.text()

    def set_login(self, login: str) -> None:
        self.login_edit.setText(login)

    def show_error(self, where: str, text: str) -> None:
        """A refusal (a wrong password, not a supervisor): under its field, the cursor in it."""
        _show_error(self, self.errors, where, text)
