"""The account, step and enrolment dialogs show a refusal right under the field it names.

A refusal naming a field (the domain's ``where``, or the dialog's own check)
is on that field's error line (object name ``<field>_error``), the cursor in
the field, the general line hidden; editing the field clears it. A refusal
naming no field of the dialog is on the general line, no field's line shown.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QWidget
from support.staff import ADMIN_PASSWORD, first_admin
from support.ui import login_as, ui_ctx_fixture  # noqa: F401 - the ui_ctx fixture

from clerk_desk.ui.case_steps import TextAskDialog
from clerk_desk.ui.first_start import FirstStartDialog
from clerk_desk.ui.password_change import PasswordChangeDialog
from clerk_desk.ui.staff_dialogs import NewAccountDialog, ResetPasswordDialog
from clerk_desk.ui.staff_page import StaffPage
from clerk_desk.ui.sync_dialogs import EnrollDialog

pytestmark = pytest.mark.gui


def opened(qtbot, make: Callable[[], QDialog]) -> QDialog:  # type: ignore[no-untyped-def]
    dialog = make()
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    QApplication.processEvents()
    return dialog


def ok(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def line_of(dialog: QDialog, field: QWidget) -> QLabel:
    line = dialog.findChild(QLabel, f"{field.objectName()}_error")
    assert line is not None, field.objectName()
    return line


def shown_lines(dialog: QDialog) -> list[str]:
    return [
        label.objectName()
        for label in dialog.findChildren(QLabel)
        if label.objectName().endswith("_error") and label.isVisible()
    ]


def refused_at(  # type: ignore[no-untyped-def]
    qtbot, dialog: QDialog, field: QWidget, text: str, general: str = "dialog_error"
) -> QLabel:
    """The refusal ``text`` is on the line under ``field`` alone, the cursor in the field."""
    line = line_of(dialog, field)
    qtbot.waitUntil(lambda: text in line.text())
    QApplication.processEvents()
    assert line.isVisible() and "#b00020" in line.styleSheet()
    assert shown_lines(dialog) == [line.objectName()]  # not also half a screen away
    general_line = dialog.findChild(QLabel, general)
    assert general_line is not None and general_line.isHidden()
    field_bottom = field.mapTo(dialog, QPoint(0, field.height())).y()
    top = line.mapTo(dialog, QPoint(0, 0))
    assert 0 <= top.y() - field_bottom <= 10  # right under the field
    assert top.x() == field.mapTo(dialog, QPoint(0, 0)).x()
    assert line.height() >= line.heightForWidth(line.width())  # the sentence whole
    qtbot.waitUntil(field.hasFocus)
    return line


def refused_generally(qtbot, dialog: QDialog, text: str, general: str = "dialog_error") -> None:  # type: ignore[no-untyped-def]
    line = dialog.findChild(QLabel, general)
    assert line is not None
    qtbot.waitUntil(lambda: text in line.text())
    QApplication.processEvents()
    assert line.isVisible()
    assert [name for name in shown_lines(dialog) if name != general] == []


def type_into(qtbot, field: QWidget, text: str = "x") -> None:  # type: ignore[no-untyped-def]
    field.setFocus()
    qtbot.keyClicks(field, text)


# -- staff accounts ---------------------------------------------------------------------


def test_the_new_account_dialog_refuses_at_each_field(qtbot) -> None:
    dialog = opened(qtbot, NewAccountDialog)
    assert isinstance(dialog, NewAccountDialog)
    with qtbot.assertNotEmitted(dialog.submitted):
        ok(dialog)
    line = refused_at(qtbot, dialog, dialog.login_edit, "Enter the login.")
    type_into(qtbot, dialog.login_edit, "zhao")
    assert line.isHidden() and line.text() == ""  # edited: the error goes

    dialog.passwords.password.setText("short")
    dialog.passwords.repeat.setText("short")
    with qtbot.assertNotEmitted(dialog.submitted):
        ok(dialog)
    line = refused_at(qtbot, dialog, dialog.passwords.password, "at least 8")
    type_into(qtbot, dialog.passwords.password, "temp2026")  # over the selected entry
    assert line.isHidden()
    assert dialog.passwords.password.text() == "temp2026"

    with qtbot.assertNotEmitted(dialog.submitted):
        ok(dialog)
    line = refused_at(qtbot, dialog, dialog.passwords.repeat, "The two passwords differ.")
    type_into(qtbot, dialog.passwords.repeat, "temp2026")
    assert line.isHidden()
    with qtbot.waitSignal(dialog.submitted):
        ok(dialog)


def test_a_login_already_taken_is_said_under_the_login(qtbot, desk, ui_ctx) -> None:
    # The domain names the field (InvalidInput "login"): the staff page's dialog stays
    # open with the refusal under the login, the cursor there to type another.
    login_as(ui_ctx, first_admin(desk))
    page = StaffPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.new_account()
    dialog = next(d for d in page.findChildren(NewAccountDialog) if d.isVisible())
    dialog.login_edit.setText("zhang")  # the first admin's
    dialog.name_edit.setText("张二")
    dialog.passwords.password.setText("temp2026")
    dialog.passwords.repeat.setText("temp2026")
    ok(dialog)
    line = refused_at(qtbot, dialog, dialog.login_edit, "'zhang' is already taken")
    assert dialog.isVisible()
    assert dialog.login_edit.selectedText() == "zhang"
    type_into(qtbot, dialog.login_edit, "zhang2")
    assert line.isHidden()


def test_the_reset_dialog_refuses_a_mismatch_under_the_repeat(qtbot, desk) -> None:
    admin = first_admin(desk)
    dialog = opened(qtbot, lambda: ResetPasswordDialog(admin))
    assert isinstance(dialog, ResetPasswordDialog)
    dialog.passwords.password.setText("fresh2026")
    dialog.passwords.repeat.setText("fresh2027")
    with qtbot.assertNotEmitted(dialog.submitted):
        ok(dialog)
    line = refused_at(qtbot, dialog, dialog.passwords.repeat, "differ")
    type_into(qtbot, dialog.passwords.repeat)
    assert line.isHidden()


# -- the forced password change ------------------------------------------------------------


def test_the_password_change_shows_the_domains_refusal_under_the_password(
    qtbot, desk, ui_ctx
) -> None:
    admin = first_admin(desk)
    li = desk.staff.create(
        actor_id=admin.id, login="li", name="李", role="clerk", password="given2026"
    )
    dialog = opened(qtbot, lambda: PasswordChangeDialog(ui_ctx, li))
    assert isinstance(dialog, PasswordChangeDialog)
    dialog.passwords.password.setText("given2026")  # the temporary one again
    dialog.passwords.repeat.setText("given2026")
    ok(dialog)
    line = refused_at(qtbot, dialog, dialog.passwords.password, "differ from the current")
    type_into(qtbot, dialog.passwords.password)
    assert line.isHidden()


def test_the_demo_accounts_password_change_is_refused_on_the_general_line(
    qtbot, ui_ctx, clerk
) -> None:
    dialog = opened(qtbot, lambda: PasswordChangeDialog(ui_ctx, clerk))
    assert isinstance(dialog, PasswordChangeDialog)
    dialog.passwords.password.setText("fresh-2026")
    dialog.passwords.repeat.setText("fresh-2026")
    ok(dialog)
    refused_generally(qtbot, dialog, "cannot be changed")


# -- first start -----------------------------------------------------------------------------


def fill_first_start(dialog: FirstStartDialog, login: str = "zhang") -> None:
    dialog.login_edit.setText(login)
    dialog.name_edit.setText("张主任")
    dialog.passwords.password.setText(ADMIN_PASSWORD)
    dialog.passwords.repeat.setText(ADMIN_PASSWORD)
    dialog.body_edits["decision_authority"].setText("汶上县郭仓镇人民政府")
    dialog.body_edits["reconsideration_body"].setText("汶上县人民政府")
    dialog.body_edits["court"].setText("山东省汶上县人民法院")


def test_first_start_refuses_at_each_field(qtbot, desk, ui_ctx) -> None:
    dialog = opened(qtbot, lambda: FirstStartDialog(ui_ctx))
    assert isinstance(dialog, FirstStartDialog)
    fill_first_start(dialog, login="")
    dialog.create_button.click()
    line = refused_at(qtbot, dialog, dialog.login_edit, "Enter the login.")
    type_into(qtbot, dialog.login_edit, "zhang")
    assert line.isHidden()

    court = dialog.body_edits["court"]
    court.clear()
    dialog.create_button.click()  # refused by the domain: the court is required
    line = refused_at(qtbot, dialog, court, "Court")
    assert desk.staff.by_login("zhang") is None
    type_into(qtbot, court, "Court")
    assert line.isHidden()


def test_first_start_once_an_admin_exists_is_refused_on_the_general_line(
    qtbot, desk, ui_ctx
) -> None:
    first_admin(desk)
    dialog = opened(qtbot, lambda: FirstStartDialog(ui_ctx))
    assert isinstance(dialog, FirstStartDialog)
    fill_first_start(dialog, login="wang")
    dialog.create_button.click()
    refused_generally(qtbot, dialog, "set up already")
    assert dialog.isVisible()


# -- a case step's text ------------------------------------------------------------------------


def test_a_steps_empty_text_is_refused_under_it(qtbot) -> None:
    dialog = opened(qtbot, lambda: TextAskDialog("Suspend", "Why?"))
    assert isinstance(dialog, TextAskDialog) and dialog.text_edit is not None
    ok(dialog)
    assert dialog.isVisible()
    line = refused_at(
        qtbot, dialog, dialog.text_edit, "Please fill this in.", general="step_dialog_error"
    )
    type_into(qtbot, dialog.text_edit, "experts")
    assert line.isHidden()


def test_a_steps_emptied_choice_is_refused_under_it(qtbot) -> None:
    dialog = opened(qtbot, lambda: TextAskDialog("Deliver", "How?", choices=["by post"]))
    assert isinstance(dialog, TextAskDialog) and dialog.choice_edit is not None
    dialog.choice_edit.setEditText("")
    ok(dialog)
    line = refused_at(
        qtbot, dialog, dialog.choice_edit, "Please fill this in.", general="step_dialog_error"
    )
    type_into(qtbot, dialog.choice_edit, "in person")  # typed: the index stays
    assert line.isHidden()


# -- enrolment ---------------------------------------------------------------------------------


def enroll(qtbot, dialog: EnrollDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)


def test_enrolment_refuses_the_address_and_the_code_under_each(qtbot, desk, clerk, ui_ctx) -> None:
    login_as(ui_ctx, first_admin(desk))
    dialog = opened(qtbot, lambda: EnrollDialog(ui_ctx))
    assert isinstance(dialog, EnrollDialog)
    dialog.url_edit.clear()
    dialog.code_edit.setText("ABCD-EFGH")
    enroll(qtbot, dialog)
    line = refused_at(
        qtbot, dialog, dialog.url_edit, "County server address", general="enroll_result"
    )
    assert not dialog.result_label.text()  # "Enrolling..." is over
    type_into(qtbot, dialog.url_edit, "https://zwfw.example.gov.cn")
    assert line.isHidden()

    dialog.code_edit.clear()
    enroll(qtbot, dialog)
    line = refused_at(qtbot, dialog, dialog.code_edit, "Enrollment code", general="enroll_result")
    type_into(qtbot, dialog.code_edit, "ABCD")
    assert line.isHidden()


def test_enrolment_by_a_clerk_is_refused_on_the_result_line(qtbot, ui_ctx) -> None:
    dialog = opened(qtbot, lambda: EnrollDialog(ui_ctx))  # the demo clerk is logged in
    assert isinstance(dialog, EnrollDialog)
    dialog.url_edit.setText("https://zwfw.example.gov.cn")
    dialog.code_edit.setText("ABCD-EFGH")
    enroll(qtbot, dialog)
    refused_generally(qtbot, dialog, "Not enrolled: ", general="enroll_result")
    assert "only an admin" in dialog.result_label.text()
