"""Every small dialog opens sized for its content, in Chinese as the app loads it.

At least its size hint; no label cut (a label that does not wrap is as wide as
its text); no wrapped sentence squeezed into a tall narrow column; the
promise dialog's materials one to a line. A refusal naming a field of a
dialog is shown right under that field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget
from support.layout import visual_lines
from support.ui import make_admin, ui_ctx_fixture  # noqa: F401

from clerk_desk.staff import StaffRecord
from clerk_desk.ui import app as ui_app
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.crash_dialog import CrashReporter
from clerk_desk.ui.dialogs import (
    NewCaseReasonDialog,
    NoticeChooserDialog,
    PromiseDateDialog,
    RejectionDialog,
    SupervisorOverrideDialog,
    VillagePointDialog,
)
from clerk_desk.ui.first_start import FirstStartDialog
from clerk_desk.ui.password_change import PasswordChangeDialog
from clerk_desk.ui.staff_dialogs import NewAccountDialog, ResetPasswordDialog
from clerk_desk.ui.sync_dialogs import EnrollDialog

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 23)
MATERIALS = ["残疾人证", "家庭经济状况核对授权书（家庭成员均需签字）", "医疗诊断证明"]
# A wrapped sentence gets at least this many ideographs a line (or its whole length).
LEAST_LINE_EMS = 28
NOTICE_ROWS = [
    ("2611 2398 5280 0011", "最低生活保障申请", "2026-11-20"),
    ("2611 1898 5280 0011", "困难残疾人生活补贴和重度残疾人护理补贴申请", "2026-11-18"),
]


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    loaded = ui_app.install_translators(qapp, "zh_CN")
    yield
    for t in loaded:
        qapp.removeTranslator(t)


def crash_dialog(tmp: Path) -> Callable[[], QWidget]:
    def make() -> QWidget:
        reporter = CrashReporter(tmp / "logs" / "clerk-desk.log")
        reporter.exception_reported.emit("ValueError")
        QApplication.processEvents()  # the report is queued
        assert reporter.dialog is not None
        reporter.dialog.setProperty("reporter", reporter)  # kept alive with the box
        return reporter.dialog

    return make


def dialogs(ctx: UiContext, admin: StaffRecord, tmp: Path) -> dict[str, Callable[[], QWidget]]:
    return {
        "promise date": lambda: PromiseDateDialog(TODAY, MATERIALS),
        "promise date, one material": lambda: PromiseDateDialog(TODAY, ["残疾人证"]),
        "rejection": lambda: RejectionDialog(),
        "notice chooser": lambda: NoticeChooserDialog(NOTICE_ROWS),
        "village point": lambda: VillagePointDialog(),
        "new case reason": lambda: NewCaseReasonDialog("2611 2300 0000 0017"),
        "supervisor": lambda: SupervisorOverrideDialog(
            "本终端已有8天未与县级服务器同步，超过了7天的期限：新受理须经同步或主管授权。"
        ),
        "password change": lambda: PasswordChangeDialog(ctx, admin),
        "enroll": lambda: EnrollDialog(ctx),
        "first start": lambda: FirstStartDialog(ctx),
        "new account": lambda: NewAccountDialog(),
        "reset password": lambda: ResetPasswordDialog(admin),
        "crash": crash_dialog(tmp),
    }


# The keys of dialogs(), for pytest's ids (the dialogs need the fixtures).
NAMES = [
    "promise date",
    "promise date, one material",
    "rejection",
    "notice chooser",
    "village point",
    "new case reason",
    "supervisor",
    "password change",
    "enroll",
    "first start",
    "new account",
    "reset password",
    "crash",
]


def opened(qtbot, make: Callable[[], QWidget]) -> QWidget:  # type: ignore[no-untyped-def]
    dialog = make()
    qtbot.addWidget(dialog)
    if isinstance(dialog, QDialog) and not isinstance(dialog, QMessageBox):
        dialog.open()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    return dialog


def check_labels(dialog: QWidget) -> None:
    em = dialog.fontMetrics().horizontalAdvance("中")
    for label in dialog.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        name = label.objectName() or label.text()[:12]
        if not label.wordWrap():
            assert label.width() >= label.sizeHint().width(), (name, label.width())
            continue
        # Wrapped: every line shown, and lines of a readable length.
        assert label.height() >= label.heightForWidth(label.width()), name
        fm = label.fontMetrics()
        longest = max(fm.horizontalAdvance(p) for p in label.text().splitlines())
        assert label.contentsRect().width() >= min(longest, LEAST_LINE_EMS * em), (
            name,
            label.width(),
            longest,
        )


@pytest.mark.parametrize("name", NAMES)
def test_each_dialog_opens_sized_for_its_content(
    qtbot, ui_ctx, desk, clerk, tmp_path, name
) -> None:
    admin = make_admin(desk, clerk)
    dialog = opened(qtbot, dialogs(ui_ctx, admin, tmp_path)[name])
    hint = dialog.sizeHint()
    if isinstance(dialog, QMessageBox):
        # Qt fixes a message box's size itself, wider than its hint: the
        # height its wrapped text needs is then that of the width it has.
        layout = dialog.layout()
        assert layout is not None
        hint.setHeight(layout.totalHeightForWidth(dialog.width()))
    assert dialog.width() >= hint.width() and dialog.height() >= hint.height(), (
        dialog.size(),
        hint,
    )
    check_labels(dialog)
    dialog.close()


def test_the_promise_dialog_lists_its_materials_one_a_line(qtbot) -> None:
    dialog = opened(qtbot, lambda: PromiseDateDialog(TODAY, MATERIALS))
    assert isinstance(dialog, PromiseDateDialog)
    # It opened at 234x96 once: far too small for a list and a date.
    assert dialog.width() >= 1.4 * 234 and dialog.height() >= 1.2 * 96, dialog.size()
    listing = dialog.listing
    width = listing.contentsRect().width()
    lines = visual_lines(listing.text(), listing.font(), width)
    assert lines == [f"• {name}" for name in MATERIALS], lines


def test_a_dialogs_refusal_shows_right_under_its_field(qtbot) -> None:
    dialog = opened(qtbot, lambda: PromiseDateDialog(TODAY, MATERIALS))
    assert isinstance(dialog, PromiseDateDialog)
    dialog.show_error("promise_date", "承诺补齐日期：不得晚于2026年12月18日（承诺办结日期）")
    QApplication.processEvents()
    line = dialog.errors.line(dialog.date_edit)
    assert line is not None and line.isVisible() and "#b00020" in line.styleSheet()
    field_bottom = dialog.date_edit.mapTo(dialog, QPoint(0, dialog.date_edit.height())).y()
    top = line.mapTo(dialog, QPoint(0, 0))
    assert 0 <= top.y() - field_bottom <= 10
    assert top.x() == dialog.date_edit.mapTo(dialog, QPoint(0, 0)).x()  # under it, not aside
    assert line.height() >= line.heightForWidth(line.width())  # the sentence whole
    assert dialog.error.isHidden()  # the general line stays out of it
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(1))  # edited: the error goes
    assert line.isHidden()
