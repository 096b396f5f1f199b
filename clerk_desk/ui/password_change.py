"""The forced password change: after a login with a password someone else chose.

An account created by an admin, or whose password an admin or supervisor
reset, has a temporary password. Right after its login this dialog asks for
the account's own password, twice, before the main window opens; Esc goes
back to the login window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from clerk_desk.staff import StaffRecord
from clerk_desk.ui.actions import ok_cancel_buttons
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.field_errors import FieldErrors, MessageLine, size_for_content
from clerk_desk.ui.messages import describe
from clerk_desk.ui.ops import Op, OpChanges
from clerk_desk.ui.staff_dialogs import NewPasswordFields, show_refusal


class PasswordChangeDialog(QDialog):
    """A new password, typed twice, for the account that just logged in.

    Signals:
        password_changed(object): the StaffRecord after the change (no longer forced).
    """

    password_changed = Signal(object)

    def __init__(self, ctx: UiContext, staff: StaffRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("password_change_dialog")
        self.setWindowTitle(self.tr("Choose your password"))
        self._ctx = ctx
        self.staff = staff
        intro = QLabel(
            self.tr(
                "{name}, your password was set for you. Choose your own before you go on "
                "(at least 8 characters, not your login)."
            ).format(name=staff.name)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.error = MessageLine("dialog_error", error=True)  # a refusal naming no field
        self.errors = FieldErrors(self.error)
        form = QFormLayout()
        self.passwords = NewPasswordFields(
            form, self.tr("&New password:"), self.tr("Re&peat password:"), self.errors
        )
        self.buttons = ok_cancel_buttons(self._submit, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._busy = False
        size_for_content(self)
        self.passwords.password.setFocus()

    def _submit(self) -> None:
        if self._busy:
            return
        self.errors.clear()  # one refusal at a time: what is sent now is checked anew
        problem = self.passwords.problem(self.staff.login)
        if problem is not None:
            self.show_error(*problem)
            return
        password, staff_id = self.passwords.text(), self.staff.id
        desk = self._ctx.desk
        self._busy = True
        self.buttons.setEnabled(False)
        Op(
            self._ctx,
            lambda: desk.staff.change_own_password(staff_id=staff_id, password=password),
            changes=OpChanges.of_staff,
        ).success(self._changed).failure(self._refused).run(self)

    def _changed(self, staff: StaffRecord) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.passwords.clear()
        self.password_changed.emit(staff)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.show_error(getattr(error, "where", ""), describe(error))

    def show_error(self, where: str, text: str) -> None:
        """A refusal: under the field it names (the cursor in it), or above the buttons."""
        show_refusal(self, self.errors, where, text)
