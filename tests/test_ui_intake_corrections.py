"""A refusal that names a field is shown right under it and puts the cursor back there.

The clerk has often moved on (the item is picked after a mistyped phone): the
error shows under the field to correct, that field has the focus, its text
selected, so nothing needs Shift+Tab; editing it clears the error. The outcome
dialogs open again with what was entered, the refusal under its field.
"""

from __future__ import annotations

from datetime import date
from typing import cast

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from support.desks import resident_id
from support.intake import (  # noqa: F401 - the ctx and window fixtures
    Keys,
    commit,
    confirm_rejection,
    ctx_fixture,
    error_under,
    preview_of,
    settled,
    to_checklist,
    visible_dialog,
    window_fixture,
)

from clerk_desk.cases import CaseView
from clerk_desk.lifecycle import CaseState
from clerk_desk.ui.dialogs import PromiseDateDialog, RejectionDialog

pytestmark = pytest.mark.gui

Key = Qt.Key
Mod = Qt.KeyboardModifier


def focused():  # type: ignore[no-untyped-def]
    return QApplication.focusWidget()


def test_a_bad_phone_reported_after_the_item_puts_the_cursor_in_the_phone(
    qtbot, window, ctx
) -> None:
    intake = window.intake
    keys = Keys(qtbot)
    number = resident_id("37083019750505432")
    keys.type(intake.id_edit, number)
    keys.press(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is intake.name_edit)
    keys.commit(intake.name_edit, "张三")
    keys.press(intake.name_edit, Key.Key_Return)
    keys.type(intake.phone_edit, "1390537")  # too short
    keys.press(intake.phone_edit, Key.Key_Return)
    assert focused() is intake.item_edit
    keys.type(intake.item_edit, "zdsh")
    keys.press(intake.item_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: error_under(intake.phone_edit) != "")
    assert error_under(intake.phone_edit).startswith("Phone:"), error_under(intake.phone_edit)
    assert intake.error_label.text() == ""  # not on the line under the buttons as well
    assert focused() is intake.phone_edit
    assert intake.phone_edit.selectedText() == "1390537"  # typing replaces it
    assert intake.case is None
    assert ctx.desk.applicants.find(number) is None

    # Retyped (the error goes with the first key), Enter, Enter: the item
    # picked before is still the one taken.
    keys.type(intake.phone_edit, "1")
    assert error_under(intake.phone_edit) == ""
    keys.type(intake.phone_edit, "3905371234")
    keys.press(intake.phone_edit, Key.Key_Return)
    assert focused() is intake.item_edit
    keys.press(intake.item_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: intake.case is not None)
    assert intake.error_label.text() == ""
    case = cast(CaseView, intake.case)  # mypy keeps the `is None` above
    assert case.stored_item.item.name == "最低生活保障申请"
    assert case.applicant.phone == "13905371234"


def test_a_bad_id_number_selects_the_id_field(qtbot, window, ctx) -> None:
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, "370830198001011231")  # wrong check character
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: "check character" in error_under(intake.id_edit))
    assert focused() is intake.id_edit
    assert intake.id_edit.selectedText() == "370830198001011231"


def test_a_bad_name_reported_after_the_item_puts_the_cursor_in_the_name(qtbot, window, ctx) -> None:
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, resident_id("37083019750505432"))
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is intake.name_edit)
    qtbot.keyClick(intake.name_edit, Key.Key_Return)  # no name
    qtbot.keyClick(intake.phone_edit, Key.Key_Return)
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: error_under(intake.name_edit) != "")
    assert error_under(intake.name_edit).startswith("Name:"), error_under(intake.name_edit)
    assert focused() is intake.name_edit


def test_a_bad_proxy_id_number_is_the_proxys_and_gets_the_cursor(
    qtbot, window, ctx, applicant
) -> None:
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is intake.item_edit)
    qtbot.keyClick(intake.item_edit, Key.Key_P, Mod.AltModifier)
    qtbot.waitUntil(lambda: focused() is intake.proxy_id_edit)
    qtbot.keyClicks(intake.proxy_id_edit, "37083019900909451")  # 17 characters
    qtbot.keyClick(intake.proxy_id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: error_under(intake.proxy_id_edit) != "")
    # Under the proxy's field, not the applicant's ID number.
    assert error_under(intake.proxy_id_edit).startswith("Proxy:")
    assert error_under(intake.id_edit) == ""
    assert focused() is intake.proxy_id_edit
    assert intake.proxy_id_edit.selectedText() == "37083019900909451"


def test_a_bad_letter_reported_after_the_item_puts_the_cursor_in_the_letter(
    qtbot, window, ctx, applicant
) -> None:
    intake = window.intake
    proxy_number = resident_id("37083019900909456")
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is intake.item_edit)
    intake.proxy_check.setChecked(True)
    qtbot.keyClicks(intake.proxy_id_edit, proxy_number)
    qtbot.keyClick(intake.proxy_id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is intake.proxy_name_edit)
    commit(intake.proxy_name_edit, "王小明")
    qtbot.keyClick(intake.proxy_name_edit, Key.Key_Return)
    intake.letter_edit.setText("授权委托书\u200b2026-11-20")  # an invisible character pasted
    qtbot.keyClick(intake.letter_edit, Key.Key_Return)
    assert focused() is intake.item_edit
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: error_under(intake.letter_edit) != "")
    assert "U+200B" in error_under(intake.letter_edit)
    assert focused() is intake.letter_edit
    assert intake.letter_edit.selectedText() == "授权委托书\u200b2026-11-20"
    assert intake.case is None


def test_a_refused_promise_date_opens_the_dialog_again_at_the_date(
    qtbot, window, ctx, applicant
) -> None:
    intake = window.intake
    to_checklist(qtbot, window, applicant, "nyn")  # medical records: non-key
    intake.checklist.set_all(True)
    intake.checklist.toggle(intake.checklist.rowCount() - 1)
    qtbot.keyClick(intake.checklist_view, Key.Key_T, Mod.ControlModifier)
    qtbot.waitUntil(lambda: visible_dialog(window, PromiseDateDialog) is not None)
    first = visible_dialog(window, PromiseDateDialog)
    first.date_edit.setDate(QDate(2027, 6, 30))  # long after the case's due date
    qtbot.keyClick(first.date_edit, Key.Key_Return)
    qtbot.waitUntil(
        lambda: (d := visible_dialog(window, PromiseDateDialog)) is not None and d is not first
    )
    again = visible_dialog(window, PromiseDateDialog)
    assert again.promise_date() == date(2027, 6, 30)  # what the clerk chose, to correct
    assert "due date" in error_under(again.date_edit), error_under(again.date_edit)
    assert again.error.text() == ""  # under the date, not above the buttons
    assert again.focusWidget() is again.date_edit
    # Said once, where the clerk corrects it: not again on the intake's own line.
    assert intake.error_label.text() == "" and not intake.error_label.isVisible()
    settled(qtbot, ctx)
    assert ctx.desk.cases.get(intake.case.id).state is CaseState.CONSULTED

    again.date_edit.setDate(QDate(2026, 12, 4))
    qtbot.keyClick(again.date_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    case = ctx.desk.cases.get(intake.case.id)
    assert case.state is CaseState.TOLERANT_ACCEPTED
    assert case.promise_date == date(2026, 12, 4)


def test_a_refused_rejection_reason_opens_the_dialog_again_at_the_reason(
    remedies, qtbot, window, ctx, applicant
) -> None:
    intake = window.intake
    to_checklist(qtbot, window, applicant, "nnn")
    qtbot.keyClick(intake.checklist_view, Key.Key_R, Mod.ControlModifier)
    qtbot.waitUntil(lambda: visible_dialog(window, RejectionDialog) is not None)
    first = visible_dialog(window, RejectionDialog)
    first.reason_edit.setPlainText("申请人户籍\u200b不在本镇")
    first.basis_edit.setText("《山东省最低生活保障办法》第八条")
    first.body_edit.setText("户籍所在地乡镇人民政府")
    first.buttons.button(first.buttons.StandardButton.Ok).click()
    confirm_rejection(qtbot, first)
    qtbot.waitUntil(
        lambda: (d := visible_dialog(window, RejectionDialog)) is not None and d is not first
    )
    again = visible_dialog(window, RejectionDialog)
    assert again.values() == (
        "申请人户籍\u200b不在本镇",
        "《山东省最低生活保障办法》第八条",
        "户籍所在地乡镇人民政府",
    )
    assert "U+200B" in error_under(again.reason_edit)
    assert error_under(again.basis_edit) == ""
    assert again.focusWidget() is again.reason_edit
    assert again.reason_edit.textCursor().selectedText() == "申请人户籍\u200b不在本镇"
    assert intake.error_label.text() == ""  # said once, in the dialog
    settled(qtbot, ctx)
    assert ctx.desk.cases.get(intake.case.id).state is CaseState.CONSULTED

    again.reason_edit.setPlainText("申请人户籍不在本镇")
    again.buttons.button(again.buttons.StandardButton.Ok).click()
    confirm_rejection(qtbot, again)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    assert ctx.desk.cases.get(intake.case.id).state is CaseState.REJECTED


def test_tolerant_acceptance_with_nothing_missing_is_refused_at_once(
    qtbot, window, ctx, applicant
) -> None:
    intake = window.intake
    to_checklist(qtbot, window, applicant, "nnn")
    qtbot.keyClick(intake.checklist_view, Key.Key_A, Mod.ControlModifier)
    qtbot.keyClick(intake.checklist_view, Key.Key_T, Mod.ControlModifier)
    assert "nothing is missing; accept it instead" in intake.error_label.text()
    assert not window.findChildren(PromiseDateDialog)
    assert intake.accept_button.isEnabled()


def test_tolerant_acceptance_of_an_item_that_does_not_allow_it_is_refused_at_once(
    qtbot, window, ctx, clerk, applicant
) -> None:
    desk = ctx.desk
    case = desk.intake.start(
        clerk_id=clerk.id, item_code="370830104-GA-001", applicant_id=applicant.id
    )
    desk.intake.answer(
        case_id=case.id,
        clerk_id=clerk.id,
        answers={"child_has_id": True, "parents_divorced": False},
    )
    intake = window.intake
    intake.open_case(case.id)
    qtbot.waitUntil(lambda: intake.checklist.rowCount() > 0 and intake.accept_button.isEnabled())
    assert not intake.case.stored_item.item.tolerant_acceptance
    qtbot.keyClick(intake.checklist_view, Key.Key_T, Mod.ControlModifier)
    assert "does not allow tolerant acceptance" in intake.error_label.text()
    assert not window.findChildren(PromiseDateDialog)


def test_the_promise_dialog_grows_to_show_a_refusal_whole(qtbot) -> None:
    dialog = PromiseDateDialog(date(2026, 11, 23), ["Disability certificate"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.show_error(
        "promise_date",
        "The promise date must be a working day within the 20 working days the item allows "
        "for completion; 2026-11-28 is a Saturday.",
    )
    QApplication.processEvents()
    error, buttons = dialog.errors.line(dialog.date_edit), dialog.findChild(QDialogButtonBox)
    assert error is not None and error.isVisible()
    # Every wrapped line of the sentence shown, above the buttons, nothing overlapping.
    assert error.height() >= error.heightForWidth(error.width()) > error.fontMetrics().height()
    assert error.geometry().bottom() < buttons.geometry().top()
    assert dialog.focusWidget() is dialog.date_edit
