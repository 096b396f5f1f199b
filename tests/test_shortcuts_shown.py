"""Every button the documentation gives a Ctrl key shows that key (text or tooltip), in zh_CN."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton
from support.ui import ui_ctx_fixture  # noqa: F401

from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.ui import app as ui_app
from clerk_desk.ui.actions import key_text, shortcut_tooltip
from clerk_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parent.parent

# (document, the key it names, page of the main window, button's object name)
DOCUMENTED = [
    ("README.md", "Ctrl+Enter", "intake", "accept_button"),
    ("README.md", "Ctrl+T", "intake", "tolerant_button"),
    ("README.md", "Ctrl+N", "intake", "notice_button"),
    ("README.md", "Ctrl+R", "intake", "reject_button"),
    ("README.md", "Ctrl+Shift+N", "intake", "new_case_button"),
    ("docs/desktop.md", "Ctrl+Enter", "intake", "collect_button"),
    ("docs/desktop.md", "Ctrl+Shift+N", "staff", "new_account_button"),
    ("docs/desktop.md", "Ctrl+Shift+K", "staff", "reset_password_button"),
    ("docs/desktop.md", "Ctrl+Shift+E", "staff", "toggle_active_button"),
    ("docs/desktop.md", "Ctrl+Shift+Y", "sync", "sync_now"),
]


@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    loaded = ui_app.install_translators(qapp, "zh_CN")
    assert loaded
    yield
    for t in loaded:
        qapp.removeTranslator(t)


def test_documented_keys_show_on_their_buttons(ui_ctx, desk, qtbot, chinese) -> None:  # type: ignore[no-untyped-def]
    admin = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="boss", name="主任", role="admin", password="secret12"
    )
    ui_ctx.login.set(admin)
    window = MainWindow(ui_ctx, pages=ui_app.default_pages())
    qtbot.addWidget(window)
    missing = []
    for doc, key, page, name in DOCUMENTED:
        assert key in (REPO / doc).read_text(encoding="utf-8"), (doc, key)
        button = window.pages[page].findChild(QPushButton, name)
        assert button is not None, name
        if key not in button.text() and key not in button.toolTip():
            missing.append((key, name, button.text(), button.toolTip()))
    assert missing == []
    accept = window.pages["intake"].findChild(QPushButton, "accept_button")
    assert accept.toolTip() == "受理（Ctrl+Enter）"


def test_a_tooltip_names_the_key_as_the_documentation_does() -> None:
    assert shortcut_tooltip("&Accept", "Ctrl+Return") == "Accept (Ctrl+Enter)"
    assert shortcut_tooltip("受理（&A）", "Ctrl+Return") == "受理（Ctrl+Enter）"
    assert shortcut_tooltip("受理(&A)", "Ctrl+Return") == "受理（Ctrl+Enter）"


def test_every_button_with_a_ctrl_key_shows_it(ui_ctx, desk, qtbot, chinese) -> None:  # type: ignore[no-untyped-def]
    """Beyond the documented ones: a button whose action has a Ctrl key names that key."""
    admin = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="boss", name="主任", role="admin", password="secret12"
    )
    ui_ctx.login.set(admin)
    window = MainWindow(ui_ctx, pages=ui_app.default_pages())
    qtbot.addWidget(window)
    checked, missing = 0, []
    for page in window.pages.values():
        buttons = {b.text(): b for b in page.findChildren(QPushButton)}
        for action in page.findChildren(QAction):
            keys = key_text(action.shortcut())
            button = buttons.get(action.text())
            if button is None or "Ctrl+" not in keys:
                continue
            checked += 1
            if keys not in button.text() + button.toolTip():
                missing.append((action.objectName(), keys, button.toolTip()))
    assert checked >= 10
    assert missing == []
