"""Enrolling the terminal with the county server (admin only; from Settings).

The admin types the server's address and the one-time code the county gave;
:meth:`SyncClient.enroll` runs on the task runner's I/O pool and the dialog
shows the terminal number and centre it got, or the reason it did not: a
refusal of the address or the code on a line right under that field, the
cursor in it, any other reason on the result line.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.sync import Enrollment
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.field_errors import ERROR_STYLE, FieldErrors, MessageLine, grow_to_content
from clerk_desk.ui.messages import describe
from clerk_desk.ui.ops import Op, OpChanges


class EnrollDialog(QDialog):
    """URL + code -> enrolled (terminal number, centre) or the reason.

    Signals:
        enrolled(object): the Enrollment, after it was stored.
    """

    enrolled = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enroll_dialog")
        self.setWindowTitle(self.tr("Enroll with the county server"))
        self._ctx = ctx
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("enroll_url")
        self.url_edit.setPlaceholderText("https://zwfw.example.gov.cn")
        self.url_edit.setMaxLength(500)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("enroll_code")
        self.code_edit.setMaxLength(64)
        self.result_label = MessageLine("enroll_result")  # also a refusal naming no field
        self.errors = FieldErrors(self.result_label)
        form = QFormLayout()
        # The domain names the address "server_url" (the code is "enroll_code").
        self.errors.add_row(form, self.tr("Server &address:"), self.url_edit, ("server_url",))
        self.errors.add_row(form, self.tr("Enrollment &code:"), self.code_edit)
        hint = QLabel(
            self.tr(
                "The county gives a one-time code for this terminal. Enrolling sets the "
                "terminal number: cases already taken keep theirs."
            )
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.enroll_button = self.buttons.addButton(
            self.tr("&Enroll"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.enroll_button.setObjectName("enroll_button")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.enroll)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.resize(560, 240)
        status = ctx.sync.status if ctx.sync is not None else None
        if status is not None and status.server_url:
            self.url_edit.setText(status.server_url)

    def enroll(self) -> None:
        url, code = self.url_edit.text(), self.code_edit.text()
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        sync = self._ctx.sync
        client = (
            sync.client
            if sync is not None
            else desk.sync_client(writer=self._ctx.runner.on_db_thread)
        )
        self.enroll_button.setEnabled(False)
        self.errors.clear()
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Enrolling..."))
        desk = self._ctx.desk
        # On the I/O pool: the server's answer may take seconds (the client's writes go
        # to the database thread). The terminal's new settings (its centre, the status
        # address) reach every screen.
        Op(
            self._ctx,
            lambda: client.enroll(url, code, actor_id=staff.id),
            changes=lambda _enrollment: OpChanges.of_settings(desk.settings()),
            on="io",
        ).success(self._done).failure(self._failed).run(self)

    def _done(self, enrollment: Enrollment) -> None:
        self.enroll_button.setEnabled(True)
        self.code_edit.clear()  # used: a one-time code
        self.result_label.setText(
            self.tr("Enrolled: terminal number {number}, centre {centre} ({code}).").format(
                number=enrollment.terminal_number,
                centre=enrollment.centre_name,
                code=enrollment.centre_code,
            )
        )
        if self._ctx.sync is not None:
            self._ctx.sync.start()
        self.enrolled.emit(enrollment)

    def _failed(self, error: BaseException) -> None:
        self.enroll_button.setEnabled(True)
        self.result_label.setStyleSheet(ERROR_STYLE)
        where = getattr(error, "where", "")
        if isinstance(where, str) and self.errors.field(where) is not None:
            self.result_label.clear()  # "Enrolling..." is over
            self.errors.show(where, describe(error))
        else:
            self.result_label.setText(
                self.tr("Not enrolled: {reason}").format(reason=describe(error))
            )
        grow_to_content(self)
