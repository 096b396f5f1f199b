"""Staff accounts in the app: 人员管理, first start, the forced change, the demo warning."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton
from support.staff import ADMIN_PASSWORD, audit, first_admin
from support.ui import (
    login_as,
    ui_ctx_fixture,  # noqa: F401 - the ui_ctx fixture
)

from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.staff import DEMO_LOGIN, StaffRecord
from clerk_desk.ui.app import Application, default_pages
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.first_start import FirstStartDialog
from clerk_desk.ui.main_window import MainWindow
from clerk_desk.ui.ops import OpChanges
from clerk_desk.ui.password_change import PasswordChangeDialog
from clerk_desk.ui.staff_dialogs import NewAccountDialog, ResetPasswordDialog
from clerk_desk.ui.staff_page import StaffPage
from clerk_desk.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


def open_window(qtbot, ctx: UiContext) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, pages=default_pages())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_page(qtbot, ctx: UiContext) -> StaffPage:  # type: ignore[no-untyped-def]
    page = StaffPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def select(qtbot, page: StaffPage, login: str) -> None:  # type: ignore[no-untyped-def]
    row = next(r for r in range(page.model.rowCount()) if page.model.record(r).login == login)
    page.view.selectRow(row)
    assert page.selected().login == login


def dialog_of(page: StaffPage, kind: type[QDialog]) -> Any:
    found = [d for d in page.findChildren(kind) if d.isVisible()]
    assert len(found) == 1
    return found[0]


def fill_passwords(qtbot, dialog, first: str, second: str | None = None) -> None:  # type: ignore[no-untyped-def]
    dialog.passwords.password.setText(first)
    dialog.passwords.repeat.setText(first if second is None else second)


def error_under(dialog: QDialog, field: str) -> str:
    """The text on the error line under the field of that object name."""
    line = dialog.findChild(QLabel, f"{field}_error")
    assert line is not None, field
    return line.text()


def ok(dialog: QDialog) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Ok).click()


# -- 人员管理 -------------------------------------------------------------------------


def test_the_table_model_is_a_proper_model(qtbot, qtmodeltester, desk, ui_ctx) -> None:
    login_as(ui_ctx, first_admin(desk))
    page = open_page(qtbot, ui_ctx)
    qtmodeltester.check(page.model)
    statuses = {
        page.model.record(r).login: page.model.status(cast(StaffRecord, page.model.record(r)))
        for r in range(page.model.rowCount())
    }
    assert statuses == {"demo": "Disabled (demo account)", "zhang": "Active"}
    # The demo account, ended by the first admin, is offered neither back nor a reset.
    demo = page.model.row_of(desk.staff.by_login("demo").id)
    assert demo is not None
    page.view.selectRow(demo)
    assert page.selected().login == "demo"
    assert not page.toggle_button.isEnabled() and not page.reset_button.isEnabled()


def test_an_admin_creates_resets_and_disables(qtbot, desk, ui_ctx) -> None:
    admin = first_admin(desk)
    login_as(ui_ctx, admin)
    page = open_page(qtbot, ui_ctx)
    assert page.new_action.isEnabled()

    # A new village agent: the village point is asked for agents only.
    qtbot.keyClick(
        page.view,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = dialog_of(page, NewAccountDialog)
    assert not dialog.village_edit.isEnabled()
    dialog.login_edit.setText("zhao")
    dialog.name_edit.setText("赵代办")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("agent"))
    assert dialog.village_edit.isEnabled()
    dialog.window_edit.setText("")
    fill_passwords(qtbot, dialog, "temp2026", "temp2027")
    with qtbot.assertNotEmitted(dialog.submitted):
        ok(dialog)
    assert "differ" in error_under(dialog, "password_repeat")
    fill_passwords(qtbot, dialog, "temp2026")
    with qtbot.waitSignal(dialog.submitted):
        ok(dialog)
    # The domain refuses an agent without a village point: shown in the dialog, at the field.
    qtbot.waitUntil(lambda: "Village point" in error_under(dialog, "village"))
    assert dialog.isVisible() and dialog.village_edit.hasFocus()
    assert desk.staff.by_login("zhao") is None
    dialog.village_edit.setText("东关村代办点")
    with qtbot.waitSignal(ui_ctx.changes.staff_changed) as changed:
        ok(dialog)
    zhao = changed.args[0]
    assert (zhao.login, zhao.role, zhao.village, zhao.must_change_password) == (
        "zhao",
        "agent",
        "东关村代办点",
        True,
    )
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().login == "zhao")
    assert "password is changed at the next login" in page.message.text()
    assert audit(desk, "staff.created")[-1][0] == admin.id

    # Reset the password: a temporary one, changed at the next login.
    desk.staff.change_own_password(staff_id=zhao.id, password="zhao-own-2026")
    page.refresh(select=zhao.id)
    qtbot.waitUntil(lambda: not page.selected().must_change_password)
    page.reset_button.click()
    reset = dialog_of(page, ResetPasswordDialog)
    fill_passwords(qtbot, reset, "zhao")
    ok(reset)
    assert "at least 8" in error_under(reset, "password")
    fill_passwords(qtbot, reset, "fresh2026")
    with qtbot.waitSignal(ui_ctx.changes.staff_changed):
        ok(reset)
    assert desk.staff.get(zhao.id).must_change_password
    assert audit(desk, "staff.password_reset")[-1][:2] == (admin.id, zhao.id)

    # Disable, enable.
    assert page.toggle_button.text() == "&Disable"
    with qtbot.waitSignal(ui_ctx.changes.staff_changed):
        page.toggle_button.click()
    assert not desk.staff.get(zhao.id).active
    qtbot.waitUntil(lambda: page.toggle_button.text() == "&Enable")
    with qtbot.waitSignal(ui_ctx.changes.staff_changed):
        page.toggle_button.click()
    assert desk.staff.get(zhao.id).active
    # Not oneself.
    select(qtbot, page, "zhang")
    assert not page.toggle_action.isEnabled() and not page.reset_action.isEnabled()
    qtbot.waitUntil(lambda: ui_ctx.runner.pending == 0)


def test_a_supervisor_only_resets_clerks_and_agents(qtbot, desk, ui_ctx) -> None:
    admin = first_admin(desk)
    head = desk.staff.create(
        actor_id=admin.id, login="head", name="主任", role="supervisor", password="secret12"
    )
    li = desk.staff.create(actor_id=admin.id, login="li", name="李", role="clerk")
    login_as(ui_ctx, head)
    page = open_page(qtbot, ui_ctx)
    assert not page.new_action.isEnabled() and not page.new_button.isEnabled()
    select(qtbot, page, "zhang")
    assert not page.reset_action.isEnabled() and not page.toggle_action.isEnabled()
    select(qtbot, page, "li")
    assert page.reset_action.isEnabled() and not page.toggle_action.isEnabled()
    page.reset_action.trigger()
    reset = dialog_of(page, ResetPasswordDialog)
    fill_passwords(qtbot, reset, "temp-li-2026")
    with qtbot.waitSignal(ui_ctx.changes.staff_changed):
        ok(reset)
    assert desk.staff.authenticate("li", "temp-li-2026").must_change_password
    assert audit(desk, "staff.password_reset")[-1][:2] == (head.id, li.id)


def test_the_page_is_reached_by_admins_and_supervisors_only(qtbot, desk, clerk, ui_ctx) -> None:
    window = open_window(qtbot, ui_ctx)
    assert [a for a in window.actions() if a.objectName() == "action_staff"] == []
    window.close()
    head = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="head", name="主任", role="supervisor", password="secret12"
    )
    login_as(ui_ctx, head)
    window = open_window(qtbot, ui_ctx)
    action = next(a for a in window.actions() if a.objectName() == "action_staff")
    assert action.shortcut().toString() == "F9" and "F9" in action.toolTip()
    action.trigger()
    assert window.stack.currentWidget() is window.pages["staff"]
    qtbot.waitUntil(lambda: cast(StaffPage, window.pages["staff"]).model.rowCount() == 2)
    qtbot.waitUntil(lambda: ui_ctx.runner.pending == 0)
    window.close()


# -- the demo warning ------------------------------------------------------------------


@pytest.fixture
def chinese() -> Iterator[None]:
    from clerk_desk.ui.app import I18N

    app = QApplication.instance()
    translator = QTranslator()
    assert translator.load(str(I18N / "clerk_desk_zh_CN.qm"))
    app.installTranslator(translator)
    yield
    app.removeTranslator(translator)


def test_the_status_bar_warns_while_only_the_demo_account_is_active(
    qtbot, chinese, desk, clerk, ui_ctx
) -> None:
    window = open_window(qtbot, ui_ctx)
    label = window.status_bar.demo_status_label
    qtbot.waitUntil(label.isVisible)
    assert label.text() == "演示账号，不可用于正式办件"
    assert "#b00020" in label.styleSheet()
    # Another active account: the store is no longer only the demo.
    li = desk.staff.create(actor_id=SYSTEM_ACTOR, login="li", name="李", role="clerk")
    ui_ctx.changes.publish(OpChanges.of_staff(li))
    qtbot.waitUntil(lambda: not label.isVisible())
    qtbot.waitUntil(lambda: ui_ctx.runner.pending == 0)
    window.close()


# -- the application: first start, forced change ---------------------------------------


@pytest.fixture
def shell(qtbot, desk) -> Iterator[Application]:
    ctx = UiContext(desk, TaskRunner())
    app = Application(cast(QApplication, QApplication.instance()), ctx, first_start=True)
    qtbot.addWidget(app.login_window)
    app.start()
    yield app
    qtbot.waitUntil(lambda: ctx.runner.pending == 0)
    if app.main_window is not None:
        app.main_window.close()
    app.idle.stop()
    ctx.runner.shutdown()


def test_first_start_creates_the_admin_and_ends_the_demo(qtbot, shell, desk, clerk) -> None:
    dialog = shell.first_start_dialog
    assert isinstance(dialog, FirstStartDialog) and dialog.isVisible()
    assert not shell.login_window.isVisible()
    # The embedded default's demo bodies are not offered to a real centre.
    assert desk.settings().court == "汶上县人民法院"
    assert all(edit.text() == "" for edit in dialog.body_edits.values())
    qtbot.keyClicks(dialog.login_edit, "zhang")
    dialog.name_edit.setText("张主任")  # (QTest types Latin keys only)
    fill_passwords(qtbot, dialog, ADMIN_PASSWORD)
    dialog.body_edits["decision_authority"].setText("汶上县郭仓镇人民政府")
    dialog.body_edits["reconsideration_body"].setText("汶上县人民政府")
    # The court is required: refused whole, the cursor in the field.
    dialog.create_button.click()
    qtbot.waitUntil(lambda: error_under(dialog, "court") != "")
    assert dialog.body_edits["court"].hasFocus()
    assert desk.staff.by_login("zhang") is None
    dialog.body_edits["court"].setText("山东省汶上县人民法院")
    with qtbot.waitSignal(dialog.admin_created):
        dialog.create_button.click()
    qtbot.waitUntil(shell.login_window.isVisible)
    assert shell.first_start_dialog is None
    settings = desk.settings()
    assert (settings.decision_authority, settings.reconsideration_body, settings.court) == (
        "汶上县郭仓镇人民政府",
        "汶上县人民政府",
        "山东省汶上县人民法院",
    )
    assert not desk.staff.get(clerk.id).active
    # The login screen has the admin's login typed and no demo password any more.
    login = shell.login_window
    assert login.login_edit.text() == "zhang"
    qtbot.waitUntil(lambda: ui_ctx_idle(shell))
    assert not login.demo_label.isVisible() and "demo1234" not in login.demo_label.text()
    login.password_edit.setText(ADMIN_PASSWORD)
    qtbot.keyClick(login.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.main_window is not None)  # no forced change: they chose it
    assert shell.ctx.login.require().login == "zhang"


def ui_ctx_idle(shell: Application) -> bool:
    return shell.ctx.runner.pending == 0


def test_first_start_may_continue_with_the_demo(qtbot, shell, desk, clerk) -> None:
    dialog = shell.first_start_dialog
    assert dialog is not None
    demo = dialog.findChild(QPushButton, "continue_demo_button")
    demo.click()
    qtbot.waitUntil(shell.login_window.isVisible)
    qtbot.waitUntil(shell.login_window.demo_label.isVisible)
    assert "demo1234" in shell.login_window.demo_label.text()
    assert desk.staff.get(clerk.id).active
    assert desk.staff.by_login(DEMO_LOGIN).active


def test_a_temporary_password_is_changed_before_the_main_window(qtbot, desk, clerk) -> None:
    admin = first_admin(desk)
    desk.staff.create(actor_id=admin.id, login="li", name="李", role="clerk", password="given2026")
    ctx = UiContext(desk, TaskRunner())
    shell = Application(cast(QApplication, QApplication.instance()), ctx)
    qtbot.addWidget(shell.login_window)
    shell.start()
    try:
        login = shell.login_window
        login.login_edit.setText("li")
        login.password_edit.setText("given2026")
        qtbot.keyClick(login.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: shell.password_dialog is not None)
        dialog = shell.password_dialog
        assert isinstance(dialog, PasswordChangeDialog) and shell.main_window is None
        # The same temporary password again is refused by the domain.
        fill_passwords(qtbot, dialog, "given2026")
        ok(dialog)
        qtbot.waitUntil(lambda: "differ from the current" in error_under(dialog, "password"))
        assert dialog.passwords.password.hasFocus()
        fill_passwords(qtbot, dialog, "my-own-2026")
        ok(dialog)
        qtbot.waitUntil(lambda: shell.main_window is not None)
        assert not ctx.login.require().must_change_password
        assert not desk.staff.by_login("li").must_change_password
        assert desk.staff.authenticate("li", "my-own-2026") is not None
        assert [a for a, _, _ in audit(desk, "staff.password_changed")] == [ctx.login.require().id]
    finally:
        qtbot.waitUntil(lambda: ctx.runner.pending == 0)
        if shell.main_window is not None:
            shell.main_window.close()
        shell.idle.stop()
        ctx.runner.shutdown()


def test_cancelling_the_change_logs_nobody_in(qtbot, desk, clerk) -> None:
    admin = first_admin(desk)
    desk.staff.create(actor_id=admin.id, login="li", name="李", role="clerk", password="given2026")
    ctx = UiContext(desk, TaskRunner())
    shell = Application(cast(QApplication, QApplication.instance()), ctx)
    qtbot.addWidget(shell.login_window)
    shell.start()
    try:
        login = shell.login_window
        login.login_edit.setText("li")
        login.password_edit.setText("given2026")
        qtbot.keyClick(login.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: shell.password_dialog is not None)
        shell.password_dialog.reject()
        qtbot.waitUntil(lambda: shell.password_dialog is None)
        assert shell.main_window is None and ctx.login.staff is None
        assert login.isVisible() and login.login_edit.text() == ""
        assert desk.staff.by_login("li").must_change_password
    finally:
        qtbot.waitUntil(lambda: ctx.runner.pending == 0)
        shell.idle.stop()
        ctx.runner.shutdown()


def test_the_login_window_says_when_an_account_is_locked(qtbot, desk, clerk) -> None:
    ctx = UiContext(desk, TaskRunner())
    shell = Application(cast(QApplication, QApplication.instance()), ctx)
    qtbot.addWidget(shell.login_window)
    shell.start()
    try:
        login = shell.login_window
        for _ in range(5):
            login.login_edit.setText("demo")
            login.password_edit.setText("wrong-one")
            qtbot.keyClick(login.password_edit, Qt.Key.Key_Return)
            qtbot.waitUntil(login.login_button.isEnabled)
        assert "locked after 5 failed logins" in login.error_label.text()
        assert "10:05" in login.error_label.text()
        assert len(audit(desk, "staff.locked")) == 1
    finally:
        qtbot.waitUntil(lambda: ctx.runner.pending == 0)
        shell.idle.stop()
        ctx.runner.shutdown()


# -- mnemonics -------------------------------------------------------------------------


def _mnemonics(dialog: QDialog) -> list[str]:
    """The Alt letter of every label and button of a dialog (a ``&`` before it)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    letters = []
    for widget in (*dialog.findChildren(QLabel), *dialog.findChildren(QAbstractButton)):
        text = cast(QLabel, widget).text().replace("&&", "")
        at = text.find("&")
        if at >= 0 and at + 1 < len(text):
            letters.append(text[at + 1].lower())
    return letters


def _account_dialogs(ctx: UiContext, staff) -> list[QDialog]:  # type: ignore[no-untyped-def]
    return [
        FirstStartDialog(ctx),
        NewAccountDialog(),
        ResetPasswordDialog(staff),
        PasswordChangeDialog(ctx, staff),
    ]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_account_dialogs_share_no_alt_key(
    qtbot, desk, clerk, ui_ctx, language, request
) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    for dialog in _account_dialogs(ui_ctx, clerk):
        qtbot.addWidget(dialog)
        letters = _mnemonics(dialog)
        assert len(letters) >= 2, type(dialog).__name__
        clashes = sorted({c for c in letters if letters.count(c) > 1})
        assert not clashes, (type(dialog).__name__, clashes)
