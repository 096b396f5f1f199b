"""The lock screen: after the idle time (or Ctrl+L) the same clerk's password unlocks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from clerk_desk.ui.actions import action_button
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.field_errors import ERROR_STYLE
from clerk_desk.ui.messages import describe
from clerk_desk.ui.ops import Op


class LockScreen(QWidget):
    """Shown after the idle time: the same clerk's password unlocks, or log out.

    Keys: Enter unlocks; Ctrl+Shift+Q logs out (the main window's key for it).

    Signals:
        unlocked(): the password was right.
        logout_requested(): the clerk chose to log out instead.
    """

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self._ctx = ctx
        self._checking = False
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.password = QLineEdit()
        self.password.setObjectName("unlock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("unlock_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.unlock_button, self.unlock_action = action_button(
            self, self.tr("&Unlock"), "Return", self._try, "unlock"
        )
        # The keypad's Enter too; the tooltip names the main one.
        self.unlock_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.logout_button, self.logout_action = action_button(
            self, self.tr("Log &out"), "Ctrl+Shift+Q", self.logout_requested.emit, "lock_logout"
        )
        box = QVBoxLayout()
        box.addStretch(1)
        box.addWidget(self.label)
        box.addWidget(self.password)
        box.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.unlock_button)
        row.addWidget(self.logout_button)
        box.addLayout(row)
        box.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(box)
        outer.addStretch(1)
        self.password.returnPressed.connect(self._try)

    def prepare(self) -> None:
        staff = self._ctx.login.require()
        self.label.setText(
            self.tr("Locked. {name}, enter your password to go on.").format(name=staff.name)
        )
        self.password.clear()
        self.error.clear()
        self.password.setFocus()

    def _try(self) -> None:
        if self._checking:
            return  # Enter pressed twice: one check is under way
        staff = self._ctx.login.require()
        password = self.password.text()
        self.password.clear()
        desk = self._ctx.desk
        self._checking = True
        self.unlock_button.setEnabled(False)

        def done(ok: Any) -> None:
            self._checking = False
            self.unlock_button.setEnabled(True)
            if ok is not None:
                self.unlocked.emit()
            else:
                self.error.setText(self.tr("Wrong password."))

        def failed(error: BaseException) -> None:
            self._checking = False
            self.unlock_button.setEnabled(True)
            self.error.setText(describe(error))

        # A write (a wrong password counts towards the lockout, audited): an operation.
        Op(self._ctx, lambda: desk.staff.authenticate(staff.login, password)).success(done).failure(
            failed
        ).run(self)
