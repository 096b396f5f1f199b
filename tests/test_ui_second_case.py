"""At the intake: a second case on the same item opens the open one; a new one needs a reason.

And a one-time notice the day rules out says why before the clerk tries.
Driven through the real main window with the keyboard.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from support.intake import (  # noqa: F401 - the ctx and window fixtures
    KEY,
    LOW_INCOME,
    NO,
    Keys,
    commit,
    ctx_fixture,
    error_under,
    settled,
    visible_dialog,
    window_fixture,
)

from clerk_desk import tracking_numbers
from clerk_desk.clock import CHINA_TZ
from clerk_desk.lifecycle import CaseState
from clerk_desk.ui.dialogs import NewCaseReasonDialog

pytestmark = pytest.mark.gui

Key = Qt.Key


def open_case(desk, clerk, applicant):
    """The applicant's 低保 intake left open: answered, ID card and hukou ticked."""
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    return desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY[:2])


def pick_low_income(qtbot, intake, applicant) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.item_edit)
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Key.Key_Return)


def cases_of(desk, applicant) -> list[str]:
    return [c.id for c in desk.cases.for_applicant(applicant.id)]


def test_picking_the_item_opens_the_open_case_and_says_so(
    qtbot, window, ctx, clerk, applicant
) -> None:
    existing = open_case(ctx.desk, clerk, applicant)
    intake = window.intake
    pick_low_income(qtbot, intake, applicant)
    qtbot.waitUntil(lambda: intake.case is not None)
    assert intake.case.id == existing.id
    assert cases_of(ctx.desk, applicant) == [existing.id]  # nothing new opened
    banner = intake.open_case_label
    assert banner.isVisible()
    assert tracking_numbers.display(existing.tracking_number) in banner.text()
    assert "Ctrl+Shift+N" in banner.text()
    assert intake.new_case_button.isVisible() and intake.new_case_button.isEnabled()
    # Its checklist, as it stood.
    qtbot.waitUntil(lambda: intake.checklist.rowCount() > 0)
    assert intake.checklist.received() == KEY[:2]
    # Esc: the next applicant sees no banner.
    qtbot.keyClick(intake.checklist_view, Key.Key_Escape)
    qtbot.waitUntil(lambda: intake.case is None)
    assert not banner.isVisible() and not intake.new_case_button.isVisible()
    assert not intake.new_case_action.isEnabled()


def test_a_new_case_anyway_asks_the_reason(qtbot, window, ctx, clerk, applicant) -> None:
    existing = open_case(ctx.desk, clerk, applicant)
    intake = window.intake
    pick_low_income(qtbot, intake, applicant)
    qtbot.waitUntil(lambda: intake.case is not None and intake.new_case_button.isEnabled())
    keys = Keys(qtbot)
    keys.press(
        cast(QWidget, QApplication.focusWidget()),
        Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: visible_dialog(window, NewCaseReasonDialog) is not None)
    dialog = visible_dialog(window, NewCaseReasonDialog)
    assert isinstance(dialog, NewCaseReasonDialog)
    assert dialog.focusWidget() is dialog.reason_edit
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.click()  # no reason: the dialog says so, under the reason, and stays
    assert dialog.isVisible() and error_under(dialog.reason_edit)
    assert cases_of(ctx.desk, applicant) == [existing.id]
    commit(dialog.reason_edit, "申请人家庭成员情况变化，另行申请")
    ok.click()
    qtbot.waitUntil(lambda: intake.case is not None and intake.case.id != existing.id)
    new = intake.case
    assert sorted(cases_of(ctx.desk, applicant)) == sorted([existing.id, new.id])
    assert not intake.open_case_label.isVisible()
    opened = ctx.desk.cases.timeline(new.id)[0]
    assert opened.detail.to_json()["new_case_reason"] == "申请人家庭成员情况变化，另行申请"
    # The new case starts at its questions (the window's focus; the offscreen
    # platform gives no window the activation back when a dialog closes).
    qtbot.waitUntil(lambda: window.focusWidget() is intake.questions_view)
    assert intake.checklist.rowCount() == 0
    assert tracking_numbers.display(new.tracking_number) in intake.status_label.text()


def test_a_notice_the_day_rules_out_says_why_beforehand(
    qtbot, window, ctx, clerk, applicant, clock
) -> None:
    desk = ctx.desk
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, missing=KEY)  # nothing received
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=CHINA_TZ))  # the applicant is back next day
    intake = window.intake
    default_tip = intake.notice_button.toolTip()
    qtbot.keyClicks(intake.id_edit, tracking_numbers.display(case.tracking_number))
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: "could only be given that day" in intake.notice_button.toolTip())
    assert intake.notice_button.toolTip().startswith(default_tip)
    assert "2026-11-23" in intake.status_label.text()
    # The applicant hands in the ID card today: ticked and saved, the notice is possible again.
    qtbot.keyClick(intake.checklist_view, Key.Key_Space)
    qtbot.waitUntil(lambda: intake.notice_button.toolTip() == default_tip)
    settled(qtbot, ctx)
    qtbot.keyClick(intake.checklist_view, Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.cases.get(case.id).state is CaseState.NOTICE_ISSUED)
    assert desk.cases.timeline(case.id)[-1].detail.to_json()["received_on"] == "2026-11-24"
