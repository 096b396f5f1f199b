"""The dialogs of staff accounts: a new account, a password reset, a new password twice.

Each stays open while the domain refuses what was entered: ``show_error(where,
text)`` shows the refusal on a line right under the field it names (a field's
object name is its ``where``) and puts the cursor there; the line clears when
the field is edited. A refusal naming no field goes to the dialog's general
line above its buttons. The password policy is the domain's
(:func:`clerk_desk.staff.check_password`), asked before anything is sent so the
two entries can be compared with the rule in one place.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.errors import InvalidInput
from clerk_desk.roles import Role
from clerk_desk.staff import StaffRecord, check_password
from clerk_desk.ui.actions import ok_cancel_buttons
from clerk_desk.ui.field_errors import FieldErrors, MessageLine, grow_to_content, size_for_content
from clerk_desk.ui.messages import describe, role_name


def show_refusal(dialog: QDialog, errors: FieldErrors, where: str, text: str) -> None:
    """``text`` under the field named ``where`` (the general line else), the cursor in it.

    The dialog grows to the wrapped sentence (a window does not by itself).
    """
    errors.show(where, text)
    grow_to_content(dialog)


class NewPasswordFields:
    """A new password typed twice (two rows of a form, each with its error line), checked."""

    def __init__(
        self, form: QFormLayout, label: str, repeat_label: str, errors: FieldErrors
    ) -> None:
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("password_repeat")
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        errors.add_row(form, label, self.password)
        errors.add_row(form, repeat_label, self.repeat)

    def text(self) -> str:
        return self.password.text()

    def problem(self, login: str) -> tuple[str, str] | None:
        """(where, message) of what is wrong with the entries, or None."""
        try:
            check_password(self.password.text(), login=login)
        except InvalidInput as error:
            return error.where, describe(error)
        if self.password.text() != self.repeat.text():
            return "password_repeat", QCoreApplication.translate(
                "NewPasswordFields", "The two passwords differ."
            )
        return None

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()


class NewAccountDialog(QDialog):
    """Login, name, role, window, village point (agents only) and a first password.

    Signals:
        submitted(dict): the values entered, to create the account with.
    """

    submitted = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_account_dialog")
        self.setWindowTitle(self.tr("New staff account"))
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("login")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name")
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("role")
        for role in (Role.CLERK, Role.AGENT, Role.SUPERVISOR, Role.ADMIN):
            self.role_combo.addItem(role_name(role), role.value)
        self.window_edit = QLineEdit()
        self.window_edit.setObjectName("window")
        self.village_edit = QLineEdit()
        self.village_edit.setObjectName("village")
        self.error = MessageLine("dialog_error", error=True)  # a refusal naming no field
        self.errors = FieldErrors(self.error)
        form = QFormLayout()
        self.errors.add_row(form, self.tr("&Login:"), self.login_edit)
        self.errors.add_row(form, self.tr("&Name:"), self.name_edit)
        self.errors.add_row(form, self.tr("&Role:"), self.role_combo)
        self.errors.add_row(form, self.tr("&Window:"), self.window_edit)
        self.errors.add_row(form, self.tr("&Village point:"), self.village_edit)
        self.passwords = NewPasswordFields(
            form, self.tr("&Password:"), self.tr("Re&type password:"), self.errors
        )
        hint = QLabel(self.tr("The password is temporary: it is changed at the first login."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel_buttons(self._submit, self.reject))
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        size_for_content(self)

    def role(self) -> str:
        return str(self.role_combo.currentData())

    def _role_changed(self) -> None:
        agent = self.role() == Role.AGENT
        self.village_edit.setEnabled(agent)
        if not agent:
            self.village_edit.clear()

    def values(self) -> dict[str, str]:
        return {
            "login": self.login_edit.text().strip(),
            "name": self.name_edit.text().strip(),
            "role": self.role(),
            "window": self.window_edit.text().strip(),
            "village": self.village_edit.text().strip(),
            "password": self.passwords.text(),
        }

    def _submit(self) -> None:
        self.errors.clear()  # one refusal at a time: what is sent now is checked anew
        login = self.login_edit.text().strip()
        if not login:
            self.show_error("login", self.tr("Enter the login."))
            return
        problem = self.passwords.problem(login)
        if problem is not None:
            self.show_error(*problem)
            return
        self.submitted.emit(self.values())

    def show_error(self, where: str, text: str) -> None:
        """A refusal of what was entered: under the field it names, the cursor in it."""
        show_refusal(self, self.errors, where, text)


class ResetPasswordDialog(QDialog):
    """A temporary password for someone else's account, typed twice.

    Signals:
        submitted(str): the temporary password.
    """

    submitted = Signal(str)

    def __init__(self, staff: StaffRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reset_password_dialog")
        self.staff = staff
        self.setWindowTitle(self.tr("Reset password"))
        intro = QLabel(
            self.tr(
                "A temporary password for {name} ({login}). "
                "They choose their own at their next login."
            ).format(name=staff.name, login=staff.login)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.error = MessageLine("dialog_error", error=True)  # a refusal naming no field
        self.errors = FieldErrors(self.error)
        form = QFormLayout()
        self.passwords = NewPasswordFields(
            form, self.tr("&Temporary password:"), self.tr("Re&peat password:"), self.errors
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel_buttons(self._submit, self.reject))
        size_for_content(self)

    def _submit(self) -> None:
        self.errors.clear()
        problem = self.passwords.problem(self.staff.login)
        if problem is not None:
            self.show_error(*problem)
            return
        self.submitted.emit(self.passwords.text())

    def show_error(self, where: str, text: str) -> None:
        """A refusal of what was entered: under the field it names, the cursor in it."""
        show_refusal(self, self.errors, where, text)
