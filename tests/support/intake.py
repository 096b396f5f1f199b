"""Fixtures and helpers of the intake widget tests: the main window, typed keys, cases.

A test module brings the fixtures in by importing ``ctx_fixture`` and
``window_fixture`` (they are registered under the names ``ctx`` and ``window``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from clerk_desk.applicants import ApplicantRecord
from clerk_desk.cases import CaseView
from clerk_desk.desk import Desk
from clerk_desk.staff import StaffRecord
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.main_window import MainWindow
from clerk_desk.ui.preview import PreviewDialog
from clerk_desk.ui.tasks import TaskRunner


class Keys:
    """Types into widgets through qtbot and counts every keystroke."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.count = 0

    def type(self, widget: QWidget, text: str) -> None:
        self.qtbot.keyClicks(widget, text)
        self.count += len(text)

    def commit(self, widget: QWidget, text: str) -> None:
        """Text committed by an input method (how Chinese names are typed, 生僻字 included).

        QTest.keyClicks cannot type characters beyond the BMP; an IME commits them
        whole through an input-method event, exactly as here.
        """
        commit(widget, text)
        self.count += len(text)

    def press(self, widget: QWidget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
        self.qtbot.keyClick(widget, key, modifier)
        self.count += 1


def error_under(field: QWidget) -> str:
    """The refusal shown on the error line right under ``field`` ("" when none is shown)."""
    form = field.window()
    lines = [w for w in form.findChildren(QLabel, f"{field.objectName()}_error")]
    assert len(lines) == 1, [w.objectName() for w in lines]
    line = lines[0]
    return line.text() if line.isVisibleTo(form) else ""


def commit(widget: QWidget, text: str) -> None:
    """Chinese text as an input method commits it (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def open_window(qtbot, ctx: UiContext) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.waitUntil(lambda: w.intake.item_index() is not None)
    return w


def printing_ctx(desk: Desk, staff: StaffRecord, printed: Path) -> UiContext:
    desk.update_settings(desk.settings().replace(printer=f"folder:{printed}"), actor_id=staff.id)
    c = UiContext(desk, TaskRunner())
    c.login.set(staff)
    return c


@pytest.fixture(name="ctx")
def ctx_fixture(desk, clerk, tmp_path: Path) -> Iterator[UiContext]:  # type: ignore[no-untyped-def]
    c = printing_ctx(desk, clerk, tmp_path / "printed")
    yield c
    # pytest-qt has closed the widgets by now: finish the work, deliver nothing.
    c.runner.shutdown()


@pytest.fixture(name="window")
def window_fixture(qtbot, ctx: UiContext) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_window(qtbot, ctx)


def preview_of(window: QWidget) -> PreviewDialog | None:
    found = window.findChildren(PreviewDialog)
    return found[0] if found and found[0].isVisible() else None


def visible_dialog(window: QWidget, cls: type[QDialog]) -> QDialog | None:
    found = [d for d in window.findChildren(cls) if d.isVisible()]
    return found[0] if found else None


def settled(qtbot, ctx: UiContext) -> None:  # type: ignore[no-untyped-def]
    """Every task of the runner done and delivered."""
    qtbot.waitUntil(lambda: ctx.runner.pending == 0)


def to_questions(qtbot, window: MainWindow, applicant: ApplicantRecord) -> None:  # type: ignore[no-untyped-def]
    """A known applicant by keyboard, 低保 picked: the cursor on its first question."""
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.item_edit)
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.questions_view)


def to_checklist(qtbot, window: MainWindow, applicant: ApplicantRecord, answers: str) -> None:  # type: ignore[no-untyped-def]
    """A known applicant, 低保, the questions answered as ``answers`` ("nnyn")."""
    intake = window.intake
    to_questions(qtbot, window, applicant)
    for key in answers:
        qtbot.keyClick(intake.questions_view, Qt.Key.Key_Y if key == "y" else Qt.Key.Key_N)
    qtbot.waitUntil(lambda: intake.checklist.rowCount() > 0 and intake.accept_button.isEnabled())


def notice_case(
    desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord, missing: int = 2
) -> CaseView:
    """A 低保 case with a one-time notice for the last ``missing`` key materials.

    Called again for the same applicant, it opens a further case beside the
    open one, with a reason (otherwise the open one would be returned).
    """
    case = desk.intake.start(
        clerk_id=clerk.id,
        item_code=LOW_INCOME,
        applicant_id=applicant.id,
        new_case_reason="另行申请（测试）",
    )
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(
        case_id=case.id, clerk_id=clerk.id, received=KEY[:-missing], missing=KEY[-missing:]
    )
    return desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)


def statuses(desk: Desk, case_id: str) -> dict[str, str]:
    """The stored mark of each checklist material of a case."""
    return {e.material.id: e.status for e in desk.cases.get(case_id).checklist}


LOW_INCOME = "370830104-MZ-001"  # 低保: tolerant acceptance allowed, 20 working days


NAME_CHANGE = "370830104-GA-001"  # no tolerant acceptance, no village agents


KEY = ["id_card", "hukou", "app_form", "income", "consent"]


# Every question answered no, but by_proxy: the intake answers that one from the proxy.
NO = {
    "has_disabled_member": False,
    "has_serious_illness": False,
    "divorced": False,
}


def start(desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord, code: str = LOW_INCOME):
    return desk.intake.start(clerk_id=clerk.id, item_code=code, applicant_id=applicant.id)


def confirm_rejection(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """The rejection dialog's confirmation, answered with Enter (its default: reject)."""
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
    qtbot.keyClick(dialog.confirm_box, Qt.Key.Key_Return)
