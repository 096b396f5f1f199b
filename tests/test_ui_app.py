"""The application shell: login, idle lock, logout, with real widgets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from clerk_desk.ui.app import Application
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def shell(qtbot, desk) -> Iterator[Application]:
    ctx = UiContext(desk, TaskRunner())
    app = Application(QApplication.instance(), ctx)
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
        window_level = {}
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
