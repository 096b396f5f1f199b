"""The application shell: login, idle lock, logout, with real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from clerk_desk.ui.app import Application
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.ops import OpChanges
from clerk_desk.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def shell(qtbot, desk) -> Iterator[Application]:
    ctx = UiContext(desk, TaskRunner())
    app = Application(cast(QApplication, QApplication.instance()), ctx)
    qtbot.addWidget(app.login_window)
    app.start()
    yield app
    if app.main_window is not None:
        app.main_window.close()
    app.idle.stop()
    ctx.runner.shutdown()


def log_in(qtbot, shell: Application, login: str, password: str) -> None:
    w = shell.login_window
    w.login_edit.setText(login)
    w.password_edit.setText(password)
    qtbot.keyClick(w.password_edit, Qt.Key.Key_Return)


def test_login_failure_then_success(qtbot, shell: Application) -> None:
    qtbot.waitUntil(shell.login_window.demo_label.isVisible)
    assert "demo" in shell.login_window.demo_label.text()
    log_in(qtbot, shell, "demo", "not-the-password")
    qtbot.waitUntil(lambda: shell.login_window.error_label.text() != "")
    assert shell.main_window is None
    assert shell.ctx.login.staff is None
    log_in(qtbot, shell, "nobody", "whatever1")
    qtbot.waitUntil(lambda: shell.login_window.login_button.isEnabled())
    assert shell.main_window is None
    log_in(qtbot, shell, "demo", "demo1234")
    qtbot.waitUntil(lambda: shell.main_window is not None)
    assert shell.ctx.login.require().login == "demo"
    assert not shell.login_window.isVisible()


def test_idle_time_locks_the_screen_and_logout_returns_to_login(qtbot, shell: Application) -> None:
    log_in(qtbot, shell, "demo", "demo1234")
    qtbot.waitUntil(lambda: shell.main_window is not None)
    window = shell.main_window
    assert window is not None and not window.locked
    shell.idle.set_minutes(0.002)  # ~120 ms for the test; settings hold minutes
    shell.idle.start()
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    logout = window.lock_screen.findChild(QPushButton, "lock_logout_button")
    assert logout is not None
    qtbot.mouseClick(logout, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.main_window is None)
    assert shell.ctx.login.staff is None
    assert shell.login_window.isVisible()


def test_no_two_actions_share_a_shortcut_and_each_shows_it(qtbot, desk, clerk) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    from clerk_desk.ui.app import default_pages
    from clerk_desk.ui.main_window import MainWindow

    ctx = UiContext(desk, TaskRunner())
    ctx.login.set(clerk)
    window = MainWindow(ctx, pages=default_pages())
    qtbot.addWidget(window)
    try:
        window_level: dict[str, object] = {}
        for action in window.actions():
            key = action.shortcut().toString()
            if key:
                assert key not in window_level, (key, action.objectName(), window_level[key])
                window_level[key] = action.objectName()
                native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                assert native in action.toolTip(), action.objectName()
        # A page's shortcut must not repeat a window shortcut: Qt would find it
        # ambiguous when focus is in that page and fire neither.
        for name, page in window.pages.items():
            for action in page.findChildren(QAction):
                key = action.shortcut().toString()
                assert not key or key not in window_level, (name, key, action.objectName())
    finally:
        window.close()
        ctx.runner.shutdown()


def unlock_with(qtbot, window, password: str) -> None:
    qtbot.keyClicks(window.lock_screen.password, password)
    qtbot.keyClick(window.lock_screen.password, Qt.Key.Key_Return)


def test_the_screen_locks_again_after_each_unlock(qtbot, shell: Application) -> None:
    log_in(qtbot, shell, "demo", "demo1234")
    qtbot.waitUntil(lambda: shell.main_window is not None)
    window = shell.main_window
    assert window is not None
    shell.idle.set_minutes(0.002)  # ~120 ms
    shell.idle.start()
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    assert not shell.idle.active  # nothing counts while the lock screen is up
    unlock_with(qtbot, window, "demo1234")
    qtbot.waitUntil(lambda: not window.locked)
    assert shell.idle.active
    qtbot.waitUntil(lambda: window.locked, timeout=3000)  # idle again: locked again
    unlock_with(qtbot, window, "demo1234")
    qtbot.waitUntil(lambda: not window.locked)
    # Locked by hand (Ctrl+L) and unlocked: the idle time counts again too.
    shell.idle.set_minutes(10)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.intake.id_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked and not shell.idle.active
    unlock_with(qtbot, window, "demo1234")
    qtbot.waitUntil(lambda: not window.locked)
    assert shell.idle.active


def other_windows(window) -> list:  # type: ignore[no-untyped-def]
    """Every visible top-level window but the main window (tooltips aside)."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w is not window and w.windowType() != Qt.WindowType.ToolTip
    ]


def open_a_preview(qtbot, shell: Application, desk, clerk, applicant):  # type: ignore[no-untyped-def]
    """Log the demo clerk in and show the receipt of an accepted case: (window, preview, docs)."""
    from support.ui import SLOW, accepted_case

    docs = desk.documents.for_case(accepted_case(desk, clerk, applicant).id)
    log_in(qtbot, shell, "demo", "demo1234")
    qtbot.waitUntil(lambda: shell.main_window is not None)
    window = shell.main_window
    assert window is not None
    preview = window.open_preview(docs)
    qtbot.waitUntil(lambda: preview.pdf.pageCount() == 1, timeout=SLOW)
    return window, preview, docs


def test_locking_hides_every_open_dialog_and_unlocking_brings_them_back(
    qtbot, shell: Application, desk, clerk, applicant
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from clerk_desk.ui.preview import PreviewDialog

    window, preview, docs = open_a_preview(qtbot, shell, desk, clerk, applicant)
    box = QMessageBox(QMessageBox.Icon.Information, "note", "王䶮", parent=preview)
    box.open()
    assert preview.isVisible() and box.isVisible()
    preview.print_button.setFocus()

    shell.idle.set_minutes(0.002)
    shell.idle.start()
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    # Nothing of the session shows over the lock screen: not the preview with
    # the applicant's name, not its Print button, not the message box.
    assert other_windows(window) == []
    assert not preview.print_button.isVisible()
    # A dialog that opens while locked (a late answer) is kept hidden too.
    late = window.open_preview(docs)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not late.isVisible())
    assert other_windows(window) == []

    unlock_with(qtbot, window, "wrong-pass")
    qtbot.waitUntil(lambda: window.lock_screen.error.text() != "")
    assert other_windows(window) == []
    unlock_with(qtbot, window, "demo1234")
    qtbot.waitUntil(lambda: not window.locked)
    assert preview.isVisible() and box.isVisible() and late.isVisible()
    assert preview.findChild(PreviewDialog) is None  # the same dialogs, not new ones
    assert {w for w in other_windows(window)} == {preview, box, late}


def test_logout_from_the_lock_screen_closes_the_hidden_dialogs(
    qtbot, shell: Application, desk, clerk, applicant
) -> None:
    from support.ui import accepted_case

    window, preview, docs = open_a_preview(qtbot, shell, desk, clerk, applicant)
    closed: list[int] = []
    preview.finished.connect(closed.append)
    handover = window.pages["handover"]
    window.lock()
    assert not preview.isVisible()
    qtbot.waitUntil(window.isActiveWindow)  # the lock screen has the keyboard
    # The lock screen's own key for logging out (the window's actions are off).
    qtbot.keyClick(
        window.lock_screen.password,
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: shell.main_window is None)
    assert closed, "the preview was not closed at logout"
    assert shell.login_window.isVisible()
    assert other_windows(shell.login_window) == []
    # The closed window's pages heard of changes through the context, which
    # outlives them: a change after logout reaches nothing that is gone.
    import shiboken6

    qtbot.waitUntil(lambda: not shiboken6.isValid(handover))  # deleted with the window
    case = accepted_case(desk, clerk, applicant)
    shell.ctx.changes.publish(OpChanges(cases=(case,), documents=(docs[0],), case_lists=True))
    qtbot.waitUntil(lambda: shell.ctx.runner.pending == 0)


def test_the_lock_screen_shows_its_keys_in_tooltips(qtbot, desk, clerk) -> None:
    from clerk_desk.ui.actions import key_text
    from clerk_desk.ui.main_window import MainWindow

    ctx = UiContext(desk, TaskRunner())
    ctx.login.set(clerk)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    try:
        lock = window.lock_screen
        buttons = lock.findChildren(QPushButton)
        assert {b.objectName() for b in buttons} == {"unlock_button", "lock_logout_button"}
        keyed = [a for a in lock.actions() if not a.shortcut().isEmpty()]
        assert len(keyed) == len(buttons)
        for action in keyed:
            assert key_text(action.shortcut()) in action.toolTip(), action.objectName()
        for button in buttons:
            assert any(a.toolTip() == button.toolTip() for a in keyed), button.objectName()
    finally:
        window.close()
        qtbot.waitUntil(lambda: ctx.runner.pending == 0)
        ctx.runner.shutdown()


# -- by keyboard alone: keys go to whatever has the focus, as a clerk types them --

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def focused():  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key, modifier)


def active(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """What the window manager does for a window that opens (the offscreen platform does not)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def logged_in_with_a_preview(qtbot, shell: Application, desk, clerk, applicant):  # type: ignore[no-untyped-def]
    """The demo clerk in, an accepted case's receipt shown (and the window active)."""
    window, preview, _docs = open_a_preview(qtbot, shell, desk, clerk, applicant)
    active(qtbot, preview)
    assert focused().window() is preview
    return window, preview


def test_ctrl_l_locks_with_a_preview_open_and_unlocking_brings_it_back(
    qtbot, shell: Application, desk, clerk, applicant
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window, preview = logged_in_with_a_preview(qtbot, shell, desk, clerk, applicant)
    press(qtbot, Qt.Key.Key_L, CTRL)
    assert window.locked
    assert other_windows(window) == []  # the applicant's document is off the screen
    qtbot.waitUntil(window.isActiveWindow)  # the lock screen takes the keyboard
    assert focused() is window.lock_screen.password
    qtbot.keyClicks(focused(), "demo1234")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked)
    assert preview.isVisible()

    # A dialog over the preview (a dialog of a dialog): Ctrl+L works there too.
    box = QMessageBox(QMessageBox.Icon.Information, "note", "王䶮", parent=preview)
    box.open()
    active(qtbot, box)
    assert focused().window() is box
    press(qtbot, Qt.Key.Key_L, CTRL)
    assert window.locked and other_windows(window) == []
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClicks(focused(), "demo1234")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked)
    assert preview.isVisible() and box.isVisible()
    box.reject()
    preview.reject()


def test_ctrl_shift_q_logs_out_from_a_dialog_and_the_login_is_cleared(
    qtbot, shell: Application, desk, clerk, applicant
) -> None:
    import shiboken6

    window, preview = logged_in_with_a_preview(qtbot, shell, desk, clerk, applicant)
    closed: list[int] = []
    preview.finished.connect(closed.append)
    press(qtbot, Qt.Key.Key_Q, CTRL_SHIFT)
    qtbot.waitUntil(lambda: shell.main_window is None)
    assert closed, "the preview was not closed at logout"
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))  # gone, with what it shared
    assert shell.ctx.login.staff is None
    login = shell.login_window
    assert login.isVisible() and other_windows(login) == []
    # Nothing of the last clerk stays for the next one: the login field is empty.
    assert login.login_edit.text() == "" and login.password_edit.text() == ""
    active(qtbot, login)
    assert focused() is login.login_edit
    assert login.demo_label.isVisible()  # the demo hint of a first run stays


def test_a_step_dialog_of_the_case_page_locks_with_ctrl_l(
    qtbot, shell: Application, desk, clerk, applicant
) -> None:
    from support.ui import accepted_case

    from clerk_desk.ui.case_steps import TextAskDialog

    case = accepted_case(desk, clerk, applicant)
    desk.cases.start_processing(case.id, staff_id=clerk.id)
    log_in(qtbot, shell, "demo", "demo1234")
    qtbot.waitUntil(lambda: shell.main_window is not None)
    window = shell.main_window
    detail = window.pages["detail"]
    window._show_detail(case.id)
    qtbot.waitUntil(lambda: detail.case is not None and not detail.is_busy())
    detail.step_buttons["suspend"].click()
    qtbot.waitUntil(lambda: isinstance(detail.active_dialog, TextAskDialog))
    dialog = detail.active_dialog
    active(qtbot, dialog)
    qtbot.keyClicks(focused(), "hearing")
    press(qtbot, Qt.Key.Key_L, CTRL)
    assert window.locked and not dialog.isVisible()
    qtbot.waitUntil(window.isActiveWindow)
    assert focused() is window.lock_screen.password
    qtbot.keyClicks(focused(), "demo1234")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked)
    assert dialog.isVisible() and dialog.value() == "hearing"  # as the clerk left it
    dialog.reject()
