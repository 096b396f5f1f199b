"""The login window: each clerk logs in with their own account."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.staff import DEMO_LOGIN, DEMO_PASSWORD, AccountsState, StaffRecord
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.field_errors import ERROR_STYLE
from clerk_desk.ui.messages import describe
from clerk_desk.ui.ops import Op


class LoginWindow(QWidget):
    """Login and password; checks them off the GUI thread (argon2 takes a moment).

    Signals:
        logged_in(object): the StaffRecord of the clerk who logged in.
    """

    logged_in = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("login_window")
        self.setWindowTitle(self.tr("ClerkDesk - log in"))
        centre = ctx.desk.settings().centre_name
        title = QLabel(self.tr("ClerkDesk"))
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        centre_label = QLabel(centre)
        centre_label.setTextFormat(Qt.TextFormat.PlainText)
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("login")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_button = QPushButton(self.tr("Log &in"))
        self.login_button.setObjectName("login_button")
        self.login_button.setDefault(True)
        self.login_button.setToolTip(self.tr("Log in (Enter)"))
        self.error_label = QLabel()
        self.error_label.setObjectName("login_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.demo_label = QLabel()
        self.demo_label.setObjectName("demo_hint")
        self.demo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.demo_label.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("&Login:"), self.login_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(centre_label)
        layout.addLayout(form)
        layout.addWidget(self.login_button)
        layout.addWidget(self.error_label)
        layout.addWidget(self.demo_label)
        layout.addStretch(1)

        self.login_button.clicked.connect(self._submit)
        self.login_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self._submit)
        self.setTabOrder(self.login_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.login_button)
        self.refresh_demo_hint()

    def clear(self) -> None:
        """After a logout: nothing of the last clerk's login stays for the next one."""
        self.login_edit.clear()
        self.password_edit.clear()
        self.error_label.clear()
        self.login_button.setEnabled(True)

    def refresh_demo_hint(self) -> None:
        """Read again whether the demo account is active (its hint shows only while it is)."""
        self._ctx.runner.db(self._ctx.desk.staff.accounts_state, self._show_demo_hint)

    def _show_demo_hint(self, state: AccountsState) -> None:
        if state.demo_active:
            self.demo_label.setText(
                self.tr("Demo clerk: login {login}, password {password}").format(
                    login=DEMO_LOGIN, password=DEMO_PASSWORD
                )
            )
        else:
            self.demo_label.clear()  # the first real admin disabled it: its password is gone
        self.demo_label.setVisible(state.demo_active)

    def _submit(self) -> None:
        login, password = self.login_edit.text().strip(), self.password_edit.text()
        if not login or not password:
            self.error_label.setText(self.tr("Enter your login and password."))
            return
        self.login_button.setEnabled(False)
        self.error_label.clear()
        # A write (a wrong password counts towards the lockout, audited): an operation.
        desk = self._ctx.desk
        Op(self._ctx, lambda: desk.staff.authenticate(login, password)).success(
            self._checked
        ).failure(self._failed).run(self)

    def _checked(self, staff: StaffRecord | None) -> None:
        self.login_button.setEnabled(True)
        self.password_edit.clear()
        if staff is None:
            self.error_label.setText(self.tr("Wrong login or password."))
            self.password_edit.setFocus()
            return
        self.logged_in.emit(staff)

    def _failed(self, error: BaseException) -> None:
        self.login_button.setEnabled(True)
        self.error_label.setText(describe(error))
