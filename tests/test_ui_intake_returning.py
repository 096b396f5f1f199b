"""A returning applicant at the intake: found by tracking number, or by ID with F4.

Driven through the real main window with the keyboard.
"""

from __future__ import annotations

from typing import cast

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from support import earlier_version
from support.intake import (  # noqa: F401 - the ctx and window fixtures
    KEY,
    Keys,
    ctx_fixture,
    error_under,
    notice_case,
    preview_of,
    settled,
    visible_dialog,
    window_fixture,
)
from support.ui import accepted_case

from clerk_desk import tracking_numbers
from clerk_desk.lifecycle import CaseState
from clerk_desk.ui.case_detail import CaseDetail
from clerk_desk.ui.case_list_model import state_name
from clerk_desk.ui.dialogs import NoticeChooserDialog

pytestmark = pytest.mark.gui


def as_typed(number: str, form: str) -> str:
    """A tracking number the way a clerk may type it from the receipt."""
    shown = tracking_numbers.display(number)
    if form == "grouped with hyphens":
        return shown.replace(" ", "-")
    if form == "old, lower case":
        return shown.lower()
    if form == "run together":
        return number
    return shown


@pytest.mark.parametrize(
    "form", ["grouped", "grouped with hyphens", "run together", "old", "old, lower case"]
)
def test_tracking_number_in_the_id_field_opens_the_recheck(
    qtbot, window, ctx, clerk, applicant, form, monkeypatch
) -> None:
    if form.startswith("old"):  # a case an earlier version numbered, waiting since
        with earlier_version.numbering(ctx.desk, monkeypatch):
            case = notice_case(ctx.desk, clerk, applicant)
        assert tracking_numbers.is_legacy(case.tracking_number)
    else:
        case = notice_case(ctx.desk, clerk, applicant)
        assert case.tracking_number.isdigit()
    intake = window.intake
    keys = Keys(qtbot)
    keys.type(intake.id_edit, as_typed(case.tracking_number, form))
    keys.press(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.case is not None)
    assert intake.case.id == case.id
    assert [m.id for m in intake.checklist.materials()] == KEY[-2:]  # only what the notice listed
    assert intake.error_label.text() == ""
    assert tracking_numbers.display(case.tracking_number) in intake.item_label.text()
    assert intake.name_edit.text() == applicant.name
    assert QApplication.focusWidget() is intake.checklist_view
    assert not intake.notice_button.isEnabled()
    # Straight on to the acceptance: Ctrl+A, Ctrl+Enter.
    checklist = cast(QWidget, intake.checklist_view)  # `is` above narrowed it for mypy
    keys.press(checklist, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.press(checklist, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    assert ctx.desk.cases.get(case.id).state is CaseState.ACCEPTED
    preview_of(window).reject()


def test_tracking_number_of_a_case_past_the_intake_says_its_state(
    qtbot, window, ctx, clerk, applicant
) -> None:
    case = accepted_case(ctx.desk, clerk, applicant)
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, tracking_numbers.display(case.tracking_number))
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    number = tracking_numbers.display(case.tracking_number)
    qtbot.waitUntil(lambda: number in intake.status_label.text())
    assert state_name(CaseState.ACCEPTED) in intake.status_label.text()
    assert intake.case is None  # nothing to take in: the intake stays free
    assert intake.error_label.text() == ""


def test_a_mistyped_tracking_number_names_its_problem(qtbot, window, ctx, clerk, applicant) -> None:
    case = notice_case(ctx.desk, clerk, applicant)
    typed = tracking_numbers.display(case.tracking_number)
    wrong = str((int(typed[-1]) + 1) % 10)
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, typed[:-1] + wrong)
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: error_under(intake.id_edit) != "")
    assert "check character" in error_under(intake.id_edit)
    assert "18" not in error_under(intake.id_edit)  # not taken for an ID number
    assert intake.case is None
    # A letter O read for the digit 0: still a tracking number, and the hint says so.
    intake.id_edit.clear()
    qtbot.keyClicks(intake.id_edit, "2611 239O 4210 0012")
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "probably the digit 0" in error_under(intake.id_edit))
    assert intake.case is None


def test_f4_with_two_notices_lets_the_clerk_choose(qtbot, window, ctx, clerk, applicant) -> None:
    first = notice_case(ctx.desk, clerk, applicant, missing=2)
    second = notice_case(ctx.desk, clerk, applicant, missing=1)
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.returning_label.isVisible())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: visible_dialog(window, NoticeChooserDialog) is not None)
    chooser = visible_dialog(window, NoticeChooserDialog)
    assert isinstance(chooser, NoticeChooserDialog)
    rows = chooser.rows()
    assert [r[0] for r in rows] == [
        tracking_numbers.display(first.tracking_number),
        tracking_numbers.display(second.tracking_number),
    ]
    assert all(r[1] == "最低生活保障申请" and r[2] == "2026-11-23" for r in rows)
    assert chooser.focusWidget() is chooser.view
    qtbot.keyClick(chooser.view, Qt.Key.Key_Down)
    qtbot.keyClick(chooser.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.case is not None and intake.case.id == second.id)
    qtbot.waitUntil(lambda: intake.checklist.rowCount() == 1)
    assert [m.id for m in intake.checklist.materials()] == KEY[-1:]
    assert visible_dialog(window, NoticeChooserDialog) is None


def test_f4_chooser_esc_leaves_the_intake_as_it_was(qtbot, window, ctx, clerk, applicant) -> None:
    notice_case(ctx.desk, clerk, applicant)
    notice_case(ctx.desk, clerk, applicant)
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.returning_label.isVisible())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: visible_dialog(window, NoticeChooserDialog) is not None)
    chooser = visible_dialog(window, NoticeChooserDialog)
    chooser.activateWindow()  # the offscreen platform does not activate it by itself
    qtbot.waitUntil(chooser.isActiveWindow)
    qtbot.keyClick(chooser.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: visible_dialog(window, NoticeChooserDialog) is None)
    settled(qtbot, ctx)
    assert intake.case is None
    assert intake.name_edit.text() == applicant.name


def test_case_detail_offers_the_recheck_and_the_intake_takes_it_up(
    qtbot, window, ctx, clerk, applicant
) -> None:
    case = notice_case(ctx.desk, clerk, applicant)
    detail = CaseDetail(ctx)
    qtbot.addWidget(detail)
    # What the main window wires (see the report to the main window's owner).
    detail.intake_requested.connect(window.intake.open_case)
    detail.show()
    detail.show_case(case.id)
    qtbot.waitUntil(lambda: detail.case is not None and not detail.is_busy())
    button = detail.intake_button
    assert not button.isHidden() and button.isEnabled()
    assert "F4" in button.toolTip()
    assert not detail.step_buttons["withdraw"].isHidden()  # still offered beside it
    with qtbot.waitSignal(detail.intake_requested) as asked:
        button.click()
    assert asked.args == [case.id]
    qtbot.waitUntil(lambda: window.intake.case is not None)
    assert window.intake.case.id == case.id
    assert [m.id for m in window.intake.checklist.materials()] == KEY[-2:]
