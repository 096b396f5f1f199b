"""Nothing the clerk enters at the intake is lost: answers and ticks are saved as they are made.

Esc (start over), a logout or closing the window keep the case as far as it
got; found again by its tracking number it shows what was ticked.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from support.desks import resident_id
from support.intake import (  # noqa: F401 - the ctx and window fixtures
    KEY,
    ctx_fixture,
    notice_case,
    settled,
    statuses,
    to_checklist,
    window_fixture,
)

from clerk_desk import tracking_numbers
from clerk_desk.lifecycle import CaseState

pytestmark = pytest.mark.gui

Key = Qt.Key


def tick(qtbot, intake, rows: int) -> None:  # type: ignore[no-untyped-def]
    """Space, Down for each of the first ``rows`` materials."""
    for _ in range(rows):
        qtbot.keyClick(intake.checklist_view, Key.Key_Space)
        qtbot.keyClick(intake.checklist_view, Key.Key_Down)


def test_ticks_survive_esc_and_show_again_by_tracking_number(qtbot, window, ctx, applicant) -> None:
    intake = window.intake
    to_checklist(qtbot, window, applicant, "nnn")
    case = intake.case
    tick(qtbot, intake, 5)
    qtbot.keyClick(intake.checklist_view, Key.Key_Escape)
    qtbot.waitUntil(lambda: intake.case is None)
    settled(qtbot, ctx)
    stored = ctx.desk.cases.get(case.id)
    assert stored.state is CaseState.CONSULTED  # kept for later, not lost
    assert statuses(ctx.desk, case.id) == dict.fromkeys(KEY, "received")
    number = tracking_numbers.display(case.tracking_number)
    assert number in intake.status_label.text()  # where to find it again
    assert QApplication.focusWidget() is intake.id_edit

    qtbot.keyClicks(intake.id_edit, number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: intake.case is not None)
    assert intake.case.id == case.id
    assert intake.checklist.received() == KEY
    assert intake.questions.complete()
    assert intake.accept_button.isEnabled()
    assert QApplication.focusWidget() is intake.checklist_view


def test_some_ticks_then_esc_keep_exactly_those(qtbot, window, ctx, applicant) -> None:
    intake = window.intake
    to_checklist(qtbot, window, applicant, "nnn")
    case = intake.case
    tick(qtbot, intake, 2)
    qtbot.keyClick(intake.checklist_view, Key.Key_Escape)
    qtbot.waitUntil(lambda: intake.case is None)
    settled(qtbot, ctx)
    marks = statuses(ctx.desk, case.id)
    assert [m for m, s in marks.items() if s == "received"] == KEY[:2]
    assert {marks[m] for m in KEY[2:]} == {"unmarked"}  # not touched: not called missing


def test_answers_are_kept_as_they_are_given(qtbot, window, ctx, applicant) -> None:
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.item_edit)
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.questions_view)
    case = intake.case
    qtbot.keyClick(intake.questions_view, Key.Key_N)
    qtbot.keyClick(intake.questions_view, Key.Key_Y)
    qtbot.keyClick(intake.questions_view, Key.Key_Escape)
    qtbot.waitUntil(lambda: intake.case is None)
    settled(qtbot, ctx)
    assert dict(ctx.desk.cases.get(case.id).answers) == {
        "by_proxy": False,  # answered from the proxy recorded (none)
        "has_disabled_member": False,
        "has_serious_illness": True,
    }
    # Taken up again: the questions go on where they stopped.
    qtbot.keyClicks(intake.id_edit, case.tracking_number.lower())
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: intake.case is not None)
    assert intake.questions.answers() == {
        "by_proxy": False,
        "has_disabled_member": False,
        "has_serious_illness": True,
    }
    assert intake.questions_view.currentIndex().row() == 3  # the one not yet answered
    assert QApplication.focusWidget() is intake.questions_view


def test_fast_ticking_is_saved_in_few_writes(qtbot, window, ctx, applicant) -> None:
    intake = window.intake
    to_checklist(qtbot, window, applicant, "nnn")
    case = intake.case
    tick(qtbot, intake, 5)
    # Saved without any further key: coalesced, then written on the database thread.
    qtbot.waitUntil(lambda: statuses(ctx.desk, case.id) == dict.fromkeys(KEY, "received"))
    settled(qtbot, ctx)
    checked = [e for e in ctx.desk.cases.timeline(case.id) if e.action == "materials_checked"]
    assert 1 <= len(checked) <= 2, [e.detail for e in checked]


def test_untick_is_saved_as_missing(qtbot, window, ctx, applicant) -> None:
    intake = window.intake
    to_checklist(qtbot, window, applicant, "nnn")
    case = intake.case
    qtbot.keyClick(intake.checklist_view, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(intake.checklist_view, Key.Key_Space)  # the first one is not there after all
    qtbot.keyClick(intake.checklist_view, Key.Key_Escape)
    qtbot.waitUntil(lambda: intake.case is None)
    settled(qtbot, ctx)
    assert statuses(ctx.desk, case.id) == {
        **dict.fromkeys(KEY, "received"),
        KEY[0]: "missing",
    }


def test_logout_keeps_the_ticks(qtbot, window, ctx, applicant) -> None:
    intake = window.intake
    to_checklist(qtbot, window, applicant, "nnn")
    case = intake.case
    tick(qtbot, intake, 3)
    # What the application does on logout: close the main window, forget the clerk.
    window.close()
    ctx.login.set(None)
    settled(qtbot, ctx)
    assert [m for m, s in statuses(ctx.desk, case.id).items() if s == "received"] == KEY[:3]


def test_partial_receipt_on_a_recheck_is_kept_without_an_outcome(
    qtbot, window, ctx, clerk, applicant
) -> None:
    case = notice_case(ctx.desk, clerk, applicant)
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, tracking_numbers.display(case.tracking_number))
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: intake.checklist.rowCount() == 2)
    qtbot.keyClick(intake.checklist_view, Key.Key_Space)  # the first listed one came
    qtbot.keyClick(intake.checklist_view, Key.Key_Escape)
    qtbot.waitUntil(lambda: intake.case is None)
    settled(qtbot, ctx)
    stored = ctx.desk.cases.get(case.id)
    assert stored.state is CaseState.NOTICE_ISSUED  # still waiting for the rest
    assert {e.material.id: e.status for e in stored.recheck} == {
        KEY[-2]: "received",
        KEY[-1]: "missing",
    }
    # The next visit shows what already came.
    qtbot.keyClicks(intake.id_edit, tracking_numbers.display(case.tracking_number))
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: intake.checklist.rowCount() == 2)
    assert intake.checklist.received() == [KEY[-2]]


def test_esc_asks_before_clearing_a_new_applicant_typed_but_not_saved(qtbot, window, ctx) -> None:
    intake = window.intake
    number = resident_id("37083019750505432")
    qtbot.keyClicks(intake.id_edit, number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.name_edit)
    qtbot.keyClicks(intake.phone_edit, "13905371234")
    qtbot.keyClick(intake.phone_edit, Key.Key_Escape)
    qtbot.waitUntil(lambda: intake.confirm_dialog is not None)
    box = intake.confirm_dialog
    assert isinstance(box, QMessageBox) and box.isVisible() and box.parent() is intake
    box.activateWindow()  # the offscreen platform does not activate it by itself
    qtbot.waitUntil(box.isActiveWindow)
    qtbot.keyClick(box, Key.Key_Escape)  # Esc again: keep typing
    qtbot.waitUntil(lambda: intake.confirm_dialog is None)
    assert intake.phone_edit.text() == "13905371234"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(intake.phone_edit, Key.Key_Escape)
    qtbot.waitUntil(lambda: intake.confirm_dialog is not None)
    box = intake.confirm_dialog
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    qtbot.keyClick(box, Key.Key_Return)  # Enter: clear
    qtbot.waitUntil(lambda: intake.phone_edit.text() == "")
    assert intake.id_edit.text() == ""


def test_the_checklist_tells_each_change_and_refuses_them_while_closed(
    qtbot, qtmodeltester, desk
) -> None:
    from clerk_desk.ui.checklist_model import ChecklistModel

    item = desk.catalog.item("370830104-MZ-001").item
    model = ChecklistModel()
    model.reset(item.checklist({}), {KEY[0]})
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.marks_changed) as told:
        model.toggle(1)
    assert told.args == [{KEY[1]: True}]
    with qtbot.waitSignal(model.marks_changed) as told:
        model.toggle(0)
    assert told.args == [{KEY[0]: False}]
    model.set_editable(False)  # an outcome runs
    with qtbot.assertNotEmitted(model.marks_changed):
        model.toggle(2)
        model.set_all(True)
    assert model.received() == [KEY[1]]
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsUserCheckable
