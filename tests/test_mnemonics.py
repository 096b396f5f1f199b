"""No two controls in one window share an Alt mnemonic, in zh_CN as the app loads it.

A window is each top-level window and dialog; the main window counts once per
page of its stack (the page shown, with the window's own controls around it:
the case list, its tabs and the search). A page's controls count whether shown
or hidden by the case at hand (the proxy fields, an agent's button): a hidden
one shows again with its mnemonic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)
from support.ui import ui_ctx_fixture  # noqa: F401

from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.staff import StaffRecord
from clerk_desk.ui import app as ui_app
from clerk_desk.ui.backup_dialog import BackupDialog
from clerk_desk.ui.case_steps import SupplementDialog, TextAskDialog
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.dialogs import (
    NewCaseReasonDialog,
    NoticeChooserDialog,
    PromiseDateDialog,
    RejectionDialog,
    SupervisorOverrideDialog,
    VillagePointDialog,
)
from clerk_desk.ui.first_start import FirstStartDialog
from clerk_desk.ui.lock_screen import LockScreen
from clerk_desk.ui.login import LoginWindow
from clerk_desk.ui.main_window import MainWindow
from clerk_desk.ui.password_change import PasswordChangeDialog
from clerk_desk.ui.preview import PreviewDialog
from clerk_desk.ui.settings_dialog import SettingsDialog
from clerk_desk.ui.staff_dialogs import NewAccountDialog, ResetPasswordDialog
from clerk_desk.ui.sync_dialogs import EnrollDialog

pytestmark = pytest.mark.gui

MNEMONIC = re.compile(r"&(?!&)(\w)")


@pytest.fixture(autouse=True, params=["zh_CN", "en"])
def language(qapp, request) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The translation, loaded as the app loads it: zh_CN (the default), and English."""
    loaded = ui_app.install_translators(qapp, request.param)
    yield
    for t in loaded:
        qapp.removeTranslator(t)


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def labelled(widgets: list[QWidget]) -> Iterator[tuple[str, str]]:
    """(mnemonic, text) of every control among ``widgets`` that has one."""
    for w in widgets:
        texts: list[str] = []
        if isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy() is not None):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        for text in texts:
            key = mnemonic(text)
            if key is not None:
                yield key, text


def clashes(widgets: list[QWidget]) -> dict[str, list[str]]:
    by_key: dict[str, list[str]] = defaultdict(list)
    for key, text in labelled(widgets):
        by_key[key].append(text)
    return {k: v for k, v in by_key.items() if len(v) > 1}


def window_clashes(window: QWidget) -> dict[str, dict[str, list[str]]]:
    """Clashes per page of ``window`` (one entry for a window without a stack)."""
    everything = window.findChildren(QWidget)
    stack = window.stack if isinstance(window, MainWindow) else None
    pages: list[QWidget] = []
    if stack is not None:
        pages = [w for i in range(stack.count()) if (w := stack.widget(i)) is not None]
    in_a_page = {id(w) for p in pages for w in [p, *p.findChildren(QWidget)]}
    around = [w for w in everything if id(w) not in in_a_page]
    found = {}
    for page in pages or [window]:
        widgets = around + ([page, *page.findChildren(QWidget)] if pages else [])
        clash = clashes(widgets)
        if clash:
            found[page.objectName() or type(page).__name__] = clash
    return found


def windows(ctx: UiContext, admin: StaffRecord) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    today = date(2026, 11, 23)
    yield "main window", lambda: MainWindow(ctx, pages=ui_app.default_pages())
    yield "login", lambda: LoginWindow(ctx)
    yield "lock screen", lambda: LockScreen(ctx)
    yield "settings", lambda: SettingsDialog(ctx)
    yield "backups", lambda: BackupDialog(ctx)
    yield "first start", lambda: FirstStartDialog(ctx)
    yield "password change", lambda: PasswordChangeDialog(ctx, admin)
    yield "enroll", lambda: EnrollDialog(ctx)
    yield "new account", lambda: NewAccountDialog()
    yield "reset password", lambda: ResetPasswordDialog(admin)
    yield "promise date", lambda: PromiseDateDialog(today, ["残疾人证"])
    yield "rejection", lambda: RejectionDialog()
    yield "notice chooser", lambda: NoticeChooserDialog([])
    yield "village point", lambda: VillagePointDialog()
    yield "new case reason", lambda: NewCaseReasonDialog("2611 2300 0000 0017")
    yield "supervisor", lambda: SupervisorOverrideDialog("同步逾期")
    yield "supplement", lambda: SupplementDialog([("m1", "残疾人证")])
    yield "text ask", lambda: TextAskDialog("撤回办件", "撤回申请的原因是什么？")
    yield "preview", lambda: PreviewDialog(ctx, [])


def test_no_two_controls_in_a_window_share_a_mnemonic(ui_ctx, desk, qtbot) -> None:  # type: ignore[no-untyped-def]
    admin = desk.staff.create(
        actor_id=SYSTEM_ACTOR,
        login="boss",
        name="主任",
        role="admin",
        password="secret12",
    )
    ui_ctx.login.set(admin)  # an admin sees every page and every button
    found = {}
    seen = 0
    for name, make in windows(ui_ctx, admin):
        window = make()
        qtbot.addWidget(window)
        seen += sum(1 for _ in labelled(window.findChildren(QWidget)))
        clash = window_clashes(window)
        if clash:
            found[name] = clash
        window.close()
    QApplication.processEvents()
    assert seen > 60  # the walk reaches the controls
    assert found == {}


def test_the_walk_finds_a_clash() -> None:
    assert mnemonic("一次性告知（&N）") == mnemonic("One-time &notice") == "N"
    assert mnemonic("R&&D") is None
