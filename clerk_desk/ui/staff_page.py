"""人员管理: the centre's staff accounts, for admins (and supervisors, to reset passwords).

    Ctrl+Shift+N    new account (admins)
    Ctrl+Shift+K    reset the selected account's password (a temporary one)
    Ctrl+Shift+E    disable the selected account, or enable it again (admins)

What each role may do is the domain's answer (``staff.may_manage`` and
``staff.may_reset``): a supervisor sees the list and resets the passwords of
clerks and village agents; the other keys are off. The list is read each
time the page is shown and after each change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.roles import Role
from clerk_desk.staff import StaffRecord, may_manage, may_reset
from clerk_desk.ui.actions import action_button
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.field_errors import ERROR_STYLE
from clerk_desk.ui.messages import describe, role_name
from clerk_desk.ui.ops import Op, OpChanges
from clerk_desk.ui.staff_dialogs import NewAccountDialog, ResetPasswordDialog
from clerk_desk.ui.table_model import Column, RowTableModel


def may_open_staff_page(role: Role) -> bool:
    """Admins manage the accounts; supervisors reset clerks' and agents' passwords."""
    return may_manage(role) or any(may_reset(role, r) for r in Role)


class StaffTableModel(RowTableModel[StaffRecord]):
    """The accounts, one row each (a centre has a few dozen: the model holds the records)."""

    def __init__(self) -> None:
        def column(
            name: str, header: Callable[[], str], value: Callable[[StaffRecord], str]
        ) -> Column[StaffRecord]:
            return Column(header, value, name=name)

        super().__init__(
            [
                column("login", lambda: self.tr("Login"), lambda s: s.login),
                column("name", lambda: self.tr("Name"), lambda s: s.name),
                column("role", lambda: self.tr("Role"), lambda s: role_name(s.role)),
                column("window", lambda: self.tr("Window"), lambda s: str(s.window)),
                column("village", lambda: self.tr("Village point"), lambda s: str(s.village)),
                column("status", lambda: self.tr("Status"), self.status),
            ],
            key=lambda s: s.id,
        )
        self._now: Any = None

    def reset(self, rows: Sequence[StaffRecord], now: Any) -> None:
        self._now = now
        self.set_rows(rows)

    def record(self, row: int) -> StaffRecord | None:
        return self.row_or_none(row)

    def status(self, staff: StaffRecord) -> str:
        if not staff.active:
            text = self.tr("Disabled")
        elif self._now is not None and staff.locked(self._now) and staff.locked_until:
            until = staff.locked_until.astimezone(self._now.tzinfo)
            text = self.tr("Locked until {time}").format(time=until.strftime("%H:%M"))
        else:
            text = self.tr("Active")
        if staff.demo:
            text = self.tr("{status} (demo account)").format(status=text)
        if staff.must_change_password:
            text = self.tr("{status}, password to change").format(status=text)
        return text


class StaffPage(QWidget):
    """The staff accounts and what the logged-in admin or supervisor may do to them.

    A saved account is told to every screen by its operation (``ctx.changes.staff_changed``).
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff_page")
        self._ctx = ctx
        self._me = ctx.login.require()
        self.model = StaffTableModel()
        self.view = QTableView()
        self.view.setObjectName("staff_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        title = QLabel(self.tr("Staff accounts"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.new_button, self.new_action = action_button(
            self, self.tr("&New account"), "Ctrl+Shift+N", self.new_account, "new_account"
        )
        self.reset_button, self.reset_action = action_button(
            self, self.tr("&Reset password"), "Ctrl+Shift+K", self.reset_password, "reset_password"
        )
        self.toggle_button, self.toggle_action = action_button(
            self, self.tr("&Disable"), "Ctrl+Shift+E", self.toggle_active, "toggle_active"
        )
        self.message = QLabel()
        self.message.setObjectName("staff_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.reset_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.setFocusProxy(self.view)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_actions())
        self.model.modelReset.connect(self.update_actions)
        self.update_actions()

    # -- reading ---------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        desk = self._ctx.desk

        def loaded(rows: list[StaffRecord]) -> None:
            current = self.selected()
            keep = select or (current.id if current is not None else None)
            self.model.reset(rows, desk.clock.now())
            row = self.model.row_of(keep) if keep else None
            self.view.selectRow(row or 0)

        self._run(desk.staff.all, loaded, changes=OpChanges.none)

    def selected(self) -> StaffRecord | None:
        return self.model.record(self.view.currentIndex().row())

    def update_actions(self) -> None:
        role = self._me.role
        staff = self.selected()
        self.new_action.setEnabled(may_manage(role))
        self.reset_action.setEnabled(
            staff is not None
            and not staff.demo
            and staff.id != self._me.id
            and may_reset(role, staff.role)
        )
        # The demo account, once disabled by the first admin, never comes back.
        toggles = (
            staff is not None
            and may_manage(role)
            and staff.id != self._me.id
            and not (staff.demo and not staff.active)
        )
        self.toggle_action.setEnabled(toggles)
        text = self.tr("&Enable") if staff is not None and not staff.active else self.tr("&Disable")
        self.toggle_action.setText(text)
        self.toggle_button.setText(text)
        for action, button in (
            (self.new_action, self.new_button),
            (self.reset_action, self.reset_button),
            (self.toggle_action, self.toggle_button),
        ):
            button.setEnabled(action.isEnabled())

    # -- changes ------------------------------------------------------------------

    def new_account(self) -> None:
        if not self.new_action.isEnabled():
            return
        dialog = NewAccountDialog(self)
        me, staff = self._me, self._ctx.desk.staff

        def submit(values: dict[str, str]) -> None:
            self._run(
                lambda: staff.create(actor_id=me.id, **values),
                lambda created: self._saved(created, dialog),
                lambda error: self._refused(dialog, error),
            )

        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        dialog.login_edit.setFocus()

    def reset_password(self) -> None:
        target = self.selected()
        if target is None or not self.reset_action.isEnabled():
            return
        dialog = ResetPasswordDialog(target, self)
        me, staff = self._me, self._ctx.desk.staff

        def submit(password: str) -> None:
            self._run(
                lambda: staff.reset_password(actor_id=me.id, staff_id=target.id, password=password),
                lambda changed: self._saved(changed, dialog),
                lambda error: self._refused(dialog, error),
            )

        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        dialog.passwords.password.setFocus()

    def toggle_active(self) -> None:
        target = self.selected()
        if target is None or not self.toggle_action.isEnabled():
            return
        staff, me = self._ctx.desk.staff, self._me
        if target.active:
            self._run(lambda: staff.disable(actor_id=me.id, staff_id=target.id), self._saved)
        else:
            self._run(lambda: staff.enable(actor_id=me.id, staff_id=target.id), self._saved)

    def _saved(self, record: StaffRecord, dialog: Any = None) -> None:
        if dialog is not None:
            dialog.accept()
        self.message.setStyleSheet("")
        if not record.active:
            text = self.tr("{name} ({login}) is disabled.")
        elif record.must_change_password:
            text = self.tr("{name} ({login}): the password is changed at the next login.")
        else:
            text = self.tr("{name} ({login}) is active.")
        self.message.setText(text.format(name=record.name, login=record.login))
        self.refresh(select=record.id)

    def _refused(self, dialog: Any, error: BaseException) -> None:
        where = getattr(error, "where", "")
        dialog.show_error(where, describe(error))

    def _show_error(self, error: BaseException) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(describe(error))

    def _run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
        changes: Callable[[Any], OpChanges] = OpChanges.of_staff,
    ) -> None:
        """``fn`` as an operation: by default it saves an account, which every screen hears of."""
        Op(self._ctx, fn, changes=changes).success(done).failure(failed or self._show_error).run(
            self
        )
