"""The intake driven through real widgets with the keyboard, as a clerk does it."""

from __future__ import annotations

from datetime import date
from typing import cast

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from support.desks import resident_id
from support.intake import (  # noqa: F401 - the ctx and window fixtures
    Keys,
    confirm_rejection,
    ctx_fixture,
    error_under,
    preview_of,
    settled,
    to_checklist,
    visible_dialog,
    window_fixture,
)
from support.printing import squash, text_pypdf
from support.ui import chinese_translator

from clerk_desk import tracking_numbers
from clerk_desk.lifecycle import CaseState
from clerk_desk.ui.intake_outcomes_bar import summary_words

pytestmark = pytest.mark.gui


def test_known_applicant_accept_and_print_by_keyboard(
    qtbot, window, ctx, applicant, tmp_path
) -> None:
    keys = Keys(qtbot)
    intake = window.intake
    keys.type(intake.id_edit, applicant.id_number)
    keys.press(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.name_edit.text() == applicant.name)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.item_edit)
    keys.type(intake.item_edit, "zdsh")
    assert intake.hits.item_at(0).item.name == "最低生活保障申请"
    keys.press(intake.item_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.case is not None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.questions_view)
    for _ in range(3):  # the fourth, by_proxy, answers itself
        keys.press(intake.questions_view, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: intake.checklist.rowCount() == 5)
    keys.press(intake.checklist_view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.press(intake.checklist_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    dialog = preview_of(window)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.pdf.pageCount() == 1)
    keys.press(dialog.print_button, Qt.Key.Key_Return)
    printed = tmp_path / "printed"
    qtbot.waitUntil(lambda: printed.exists() and len(list(printed.iterdir())) == 1)
    qtbot.waitUntil(lambda: dialog.status.text() != "Printing...")

    case = ctx.desk.cases.get(intake.case.id)
    assert case.state is CaseState.ACCEPTED
    assert case.first_clerk.id == ctx.login.require().id
    (doc,) = ctx.desk.documents.for_case(case.id)
    assert doc.print_count == 1
    pdf = next(printed.iterdir()).read_bytes()
    assert pdf == ctx.desk.documents.pdf(doc.id)  # the previewed PDF is the printed PDF
    assert "王䶮" in squash(text_pypdf(pdf))
    # 18 (ID) + Enter + 4 (zdsh) + Enter + 4 answers + Ctrl+A + Ctrl+Enter + Enter (print)
    assert keys.count == 30
    qtbot.waitUntil(lambda: window.model.total() == 1)


def test_new_applicant_notice_then_return_and_accept(qtbot, window, ctx) -> None:
    keys = Keys(qtbot)
    intake = window.intake
    number = resident_id("37083019750505432")
    keys.type(intake.id_edit, number)
    keys.press(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.name_edit)
    keys.commit(intake.name_edit, "张𠈌")  # Extension B, as an IME commits it
    keys.press(intake.name_edit, Qt.Key.Key_Return)
    keys.type(intake.phone_edit, "13905371234")
    keys.press(intake.phone_edit, Qt.Key.Key_Return)
    keys.commit(intake.item_edit, "低保")
    keys.press(intake.item_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.questions_view)
    for _ in range(3):  # the fourth, by_proxy, answers itself
        keys.press(intake.questions_view, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: intake.checklist.rowCount() == 5)
    # Tick the first three; the last two are missing.
    for _ in range(3):
        keys.press(intake.checklist_view, Qt.Key.Key_Space)
        keys.press(intake.checklist_view, Qt.Key.Key_Down)
    keys.press(intake.checklist_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    case = intake.case
    assert case.state is CaseState.NOTICE_ISSUED
    assert [m.id for m in case.missing] == ["income", "consent"]
    preview_of(window).reject()
    qtbot.waitUntil(lambda: intake.case is None)  # ready for the next applicant
    window.activateWindow()  # what the window manager does when a dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    assert QApplication.focusWidget() is intake.id_edit

    # The applicant comes back: found by ID, F4 opens the re-check of the notice only.
    id_edit = cast(QWidget, intake.id_edit)  # `is` above narrowed it for mypy
    keys.type(id_edit, number)
    keys.press(id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.returning_label.isVisible())
    assert tracking_numbers.display(case.tracking_number) in intake.returning_label.text()
    focused = QApplication.focusWidget()
    assert focused is intake.item_edit, focused
    keys.press(focused, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: intake.checklist.rowCount() == 2)
    assert [m.id for m in intake.checklist.materials()] == ["income", "consent"]
    assert not intake.notice_button.isEnabled()  # never a second notice
    keys.press(intake.checklist_view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.press(intake.checklist_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    again = ctx.desk.cases.get(case.id)
    assert again.state is CaseState.ACCEPTED
    assert again.applicant.name == "张𠈌"
    # The fixed clock gives both the same time: look them up by kind.
    docs = {d.kind.value: d for d in ctx.desk.documents.for_case(case.id)}
    assert sorted(docs) == ["acceptance_notice", "one_time_notice"]
    assert "张𠈌" in squash(text_pypdf(ctx.desk.documents.pdf(docs["acceptance_notice"].id)))
    # And the list shows the name intact...
    preview_of(window).reject()
    qtbot.waitUntil(lambda: window.model.total() == 1)
    row = window.model.row_at(0)
    assert row.applicant_name == "张𠈌"
    assert window.model.data(window.model.index(0, 1)) == "张𠈌"
    # ...and so does the case detail opened from it.
    from clerk_desk.ui.case_detail import CaseDetail

    detail = CaseDetail(ctx)
    qtbot.addWidget(detail)
    detail.show_case(window.model.case_id(0))
    qtbot.waitUntil(lambda: "张𠈌" in detail.applicant_label.text())
    assert "\U0002020c" in detail.applicant_label.text()


def test_domain_errors_show_in_the_panel_and_change_nothing(qtbot, window, ctx) -> None:
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, "370830198001011231")  # wrong check character
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "check character" in error_under(intake.id_edit))
    assert ctx.desk.applicants.find(resident_id()) is None


def test_idle_lock_needs_the_password(qtbot, window, ctx) -> None:
    window.lock()
    assert window.locked
    assert all(not a.isEnabled() for a in window.actions() if a.objectName().startswith("action_"))
    qtbot.keyClicks(window.lock_screen.password, "wrong-pass")
    qtbot.keyClick(window.lock_screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.lock_screen.error.text() != "")
    assert window.locked
    qtbot.keyClicks(window.lock_screen.password, "demo1234")
    qtbot.keyClick(window.lock_screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked)
    assert all(a.isEnabled() for a in window.actions() if a.objectName().startswith("action_"))


def test_card_reader_accept_and_print_in_14_keystrokes(qtbot, window, ctx, tmp_path) -> None:
    from clerk_desk.id_card import SimulatedReader, demo_cards

    card = demo_cards()[0]  # 张𠈌, Extension B
    ctx.reader = SimulatedReader([card])
    keys = Keys(qtbot)
    intake = window.intake
    keys.press(intake.id_edit, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: intake.name_edit.text() == card.name)
    assert intake.id_edit.text() == card.id_number
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.name_edit)  # new applicant
    keys.press(intake.name_edit, Qt.Key.Key_Return)  # name is from the card; phone left empty
    keys.press(intake.phone_edit, Qt.Key.Key_Return)
    keys.type(intake.item_edit, "zdsh")
    keys.press(intake.item_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.questions_view)
    for _ in range(3):  # the fourth, by_proxy, answers itself
        keys.press(intake.questions_view, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: intake.checklist.rowCount() == 5)
    keys.press(intake.checklist_view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.press(intake.checklist_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    dialog = preview_of(window)
    qtbot.waitUntil(lambda: dialog.pdf.pageCount() == 1)
    keys.press(dialog.print_button, Qt.Key.Key_Return)
    printed = tmp_path / "printed"
    qtbot.waitUntil(lambda: printed.exists() and len(list(printed.iterdir())) == 1)
    qtbot.waitUntil(lambda: dialog.status.text() != "Printing...")
    assert "张𠈌" in squash(text_pypdf(next(printed.iterdir()).read_bytes()))
    # F8 + 2 Enter (new applicant: confirm name, skip phone) + zdsh + Enter + 4 + Ctrl+A,
    # Ctrl+Enter, Enter. A known applicant skips the two Enters: 13.
    assert keys.count == 14


def test_keyboard_wedge_record_fills_the_applicant(qtbot, window, ctx, applicant) -> None:
    intake = window.intake
    born = applicant.id_number[6:14]
    fields = ["王䶮", "男", "汉", born, "山东省汶上县郭仓镇王庄村", applicant.id_number]
    record = "|".join([*fields, "汶上县公安局", "20200101-20400101"])
    intake.id_edit.setText(record)  # what the reader types (it can't be QTest-typed: CJK)
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.id_edit.text() == applicant.id_number)
    qtbot.waitUntil(lambda: intake.status_label.text() != "")
    assert intake.name_edit.text() == "王䶮"
    assert intake.error_label.text() == ""


def test_card_reader_fault_is_reported_not_fatal(qtbot, window, ctx) -> None:
    from clerk_desk.id_card import ReaderError, SimulatedReader

    reader = SimulatedReader([ReaderError.not_connected("模拟读卡器")])
    ctx.reader = reader
    qtbot.keyClick(window.intake.id_edit, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "")
    assert window.intake.id_edit.text() == ""


def test_known_applicant_by_card_accept_and_print_in_12_keystrokes(
    qtbot, window, ctx, applicant, tmp_path
) -> None:
    from dataclasses import replace

    from clerk_desk.id_card import SimulatedReader, demo_cards

    born = applicant.id_number[6:14]
    card = replace(
        demo_cards()[1],
        name=applicant.name,
        id_number=applicant.id_number,
        sex="男" if int(applicant.id_number[16]) % 2 else "女",
        birth_date=date(int(born[:4]), int(born[4:6]), int(born[6:])),
    )
    ctx.reader = SimulatedReader([card])
    keys = Keys(qtbot)
    intake = window.intake
    keys.press(intake.id_edit, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.item_edit)  # known: straight on
    keys.type(intake.item_edit, "zdsh")
    keys.press(intake.item_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.questions_view)
    for _ in range(3):  # the fourth, by_proxy, answers itself
        keys.press(intake.questions_view, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: intake.checklist.rowCount() == 5)
    keys.press(intake.checklist_view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.press(intake.checklist_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    dialog = preview_of(window)
    qtbot.waitUntil(lambda: dialog.pdf.pageCount() == 1)
    keys.press(dialog.print_button, Qt.Key.Key_Return)
    printed = tmp_path / "printed"
    qtbot.waitUntil(lambda: printed.exists() and len(list(printed.iterdir())) == 1)
    qtbot.waitUntil(lambda: dialog.status.text() != "Printing...")
    assert keys.count == 12


def test_tolerant_acceptance_through_the_promise_dialog(qtbot, window, ctx, applicant) -> None:
    from PySide6.QtCore import QDate

    from clerk_desk.ui.dialogs import PromiseDateDialog

    intake = window.intake
    to_checklist(qtbot, window, applicant, "nyn")  # serious illness: medical records (non-key)
    assert [m.id for m in intake.checklist.materials()][-1] == "medical"
    intake.checklist.set_all(True)
    intake.checklist.toggle(intake.checklist.rowCount() - 1)  # medical records missing
    qtbot.keyClick(intake.checklist_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: visible_dialog(window, PromiseDateDialog) is not None)
    dialog = visible_dialog(window, PromiseDateDialog)
    assert dialog.promised_materials() == ["重大疾病诊断证明及近一年医疗费用票据"]
    dialog.date_edit.setDate(QDate(2026, 12, 4))
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    case = ctx.desk.cases.get(intake.case.id)
    assert case.state is CaseState.TOLERANT_ACCEPTED
    assert case.promise_date == date(2026, 12, 4)
    assert [d.kind.value for d in ctx.desk.documents.for_case(case.id)] == [
        "acceptance_notice",
        "tolerant_promise",
    ]
    assert preview_of(window).choice.count() == 2


def test_the_promise_dialog_lists_only_the_missing_non_key_materials(
    qtbot, window, ctx, applicant
) -> None:
    from clerk_desk.ui.dialogs import PromiseDateDialog

    intake = window.intake
    to_checklist(qtbot, window, applicant, "yyn")  # disability and illness: two non-key
    materials = intake.checklist.materials()
    non_key = [m.name for m in materials if not m.key]
    assert len(non_key) == 2 and any(m.key for m in materials)
    for row, m in enumerate(materials):
        if m.key:
            intake.checklist.toggle(row)  # every key material received
    qtbot.keyClick(intake.checklist_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: visible_dialog(window, PromiseDateDialog) is not None)
    assert visible_dialog(window, PromiseDateDialog).promised_materials() == non_key
    assert intake.error_label.text() == ""


def test_tolerant_acceptance_with_a_key_material_missing_is_refused_at_once(
    qtbot, window, ctx, applicant
) -> None:
    from clerk_desk.ui.dialogs import PromiseDateDialog

    intake = window.intake
    to_checklist(qtbot, window, applicant, "nyn")
    intake.checklist.set_all(True)
    intake.checklist.toggle(0)  # the ID card: a key material
    intake.checklist.toggle(intake.checklist.rowCount() - 1)  # medical records: non-key
    settled(qtbot, ctx)
    qtbot.keyClick(intake.checklist_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    # Said at once, naming the key material, with no dialog to confirm first.
    error = intake.error_label.text()
    assert "never waived" in error and "申请人居民身份证" in error, error
    assert "重大疾病" not in error  # a non-key material is not what stands in the way
    assert visible_dialog(window, PromiseDateDialog) is None
    assert not window.findChildren(PromiseDateDialog)
    assert intake.tolerant_button.isEnabled()  # nothing runs: the clerk may tick and try again
    settled(qtbot, ctx)
    assert ctx.desk.cases.get(intake.case.id).state is CaseState.CONSULTED
    # The ID card arrives: now the dialog opens, listing the non-key material alone.
    intake.checklist.toggle(0)
    qtbot.keyClick(intake.checklist_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: visible_dialog(window, PromiseDateDialog) is not None)
    dialog = visible_dialog(window, PromiseDateDialog)
    assert dialog.promised_materials() == ["重大疾病诊断证明及近一年医疗费用票据"]
    assert intake.error_label.text() == ""


def test_rejection_through_its_dialog(remedies, qtbot, window, ctx, applicant) -> None:
    from clerk_desk.ui.dialogs import RejectionDialog

    intake = window.intake
    to_checklist(qtbot, window, applicant, "nnn")
    qtbot.keyClick(intake.checklist_view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: visible_dialog(window, RejectionDialog) is not None)
    dialog = visible_dialog(window, RejectionDialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    ok.click()  # nothing typed: refused in the dialog, under the reason
    assert dialog.isVisible() and error_under(dialog.reason_edit) != ""
    dialog.reason_edit.setPlainText("申请人户籍不在本镇")
    dialog.basis_edit.setText("《山东省最低生活保障办法》第八条")
    dialog.body_edit.setText("户籍所在地乡镇人民政府")
    ok.click()
    confirm_rejection(qtbot, dialog)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    case = ctx.desk.cases.get(intake.case.id)
    assert case.state is CaseState.REJECTED
    assert case.rejection["competent_body"] == "户籍所在地乡镇人民政府"
    (doc,) = ctx.desk.documents.for_case(case.id)
    assert doc.kind.value == "rejection_notice"
    assert "户籍所在地乡镇人民政府" in squash(text_pypdf(ctx.desk.documents.pdf(doc.id)))


def test_enter_in_the_rejection_fields_never_rejects_and_it_is_confirmed(
    remedies, qtbot, window, ctx, applicant
) -> None:
    from clerk_desk.ui.dialogs import RejectionDialog

    intake = window.intake
    to_checklist(qtbot, window, applicant, "nnn")
    qtbot.keyClick(intake.checklist_view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: visible_dialog(window, RejectionDialog) is not None)
    dialog = visible_dialog(window, RejectionDialog)
    dialog.reason_edit.setPlainText("申请人户籍不在本镇")
    dialog.basis_edit.setText("第八条")
    dialog.basis_edit.setFocus()
    qtbot.keyClick(dialog.basis_edit, Qt.Key.Key_Return)  # on to the competent body
    assert dialog.focusWidget() is dialog.body_edit
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Return)  # on to OK, nothing asked
    qtbot.keyClick(dialog.basis_edit, Qt.Key.Key_Enter)
    assert dialog.isVisible() and dialog.confirm_box is None
    settled(qtbot, ctx)
    assert ctx.desk.cases.get(intake.case.id).state is CaseState.CONSULTED
    # Ctrl+Enter asks first; Esc there goes back to the fields, as they were.
    qtbot.waitUntil(dialog.isActiveWindow)  # a shortcut works in the active window
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
    qtbot.keyClick(dialog.confirm_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.confirm_box is None)
    assert dialog.isVisible() and dialog.values()[1] == "第八条"
    settled(qtbot, ctx)
    assert ctx.desk.cases.get(intake.case.id).state is CaseState.CONSULTED
    # Asked again and confirmed with Enter: rejected.
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    confirm_rejection(qtbot, dialog)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    assert ctx.desk.cases.get(intake.case.id).state is CaseState.REJECTED


def test_proxy_submission_records_the_agent_and_the_letter(qtbot, window, ctx, applicant) -> None:
    intake = window.intake
    proxy_number = resident_id("37083019900909456")
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.name_edit.text() == applicant.name)
    intake.proxy_check.setChecked(True)
    qtbot.keyClicks(intake.proxy_id_edit, proxy_number)
    event = QInputMethodEvent()
    event.setCommitString("王小明")
    QApplication.sendEvent(intake.proxy_name_edit, event)
    event = QInputMethodEvent()
    event.setCommitString("授权委托书 2026-11-20 申请人签字")
    QApplication.sendEvent(intake.letter_edit, event)
    event = QInputMethodEvent()
    event.setCommitString("低保")
    QApplication.sendEvent(intake.item_edit, event)
    qtbot.keyClick(intake.item_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.case is not None)
    case = ctx.desk.cases.get(intake.case.id)
    assert case.proxy is not None and case.proxy.name == "王小明"
    assert case.proxy.id_number == proxy_number
    assert case.authorization_letter == "授权委托书 2026-11-20 申请人签字"
    assert case.applicant.id == applicant.id


def test_a_double_ctrl_enter_accepts_once_and_shows_no_error(qtbot, window, ctx, applicant) -> None:
    intake = window.intake
    to_checklist(qtbot, window, applicant, "nnn")
    qtbot.keyClick(intake.checklist_view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    # Two quick presses: the second arrives while the first outcome still runs.
    qtbot.keyClick(intake.checklist_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not intake.accept_button.isEnabled()
    assert not any(
        a.isEnabled()
        for a in intake.actions()
        if a.objectName() in ("action_accept", "action_tolerant", "action_notice", "action_reject")
    )
    qtbot.keyClick(intake.checklist_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    qtbot.waitUntil(lambda: ctx.runner.pending == 0)
    assert intake.error_label.text() == ""
    case = ctx.desk.cases.get(intake.case.id)
    assert case.state is CaseState.ACCEPTED
    assert [e.action for e in ctx.desk.cases.timeline(case.id)].count("accepted") == 1
    preview_of(window).reject()


def test_an_unexpected_error_is_shown_translated_and_logged(
    qtbot, window, ctx, applicant, monkeypatch, caplog
) -> None:
    intake = window.intake

    def broken(_number: str) -> None:
        raise OSError("disk I/O error")

    monkeypatch.setattr(ctx.desk.applicants, "find", broken)
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.error_label.text() != "")
    assert intake.error_label.text() == "Something went wrong: disk I/O error"
    assert "OSError" not in intake.error_label.text()  # no repr() for the clerk
    (record,) = [r for r in caplog.records if r.exc_info]
    assert record.exc_info[0] is OSError  # the traceback is in the log


def test_the_summary_line_says_where_the_checklist_stands_and_what_it_allows(
    qtbot, window, ctx, applicant
) -> None:  # type: ignore[no-untyped-def]
    intake = window.intake
    bar = intake.outcomes_bar
    to_checklist(qtbot, window, applicant, "yyn")  # two non-key materials among the key ones
    materials = intake.checklist.materials()
    key = sum(1 for m in materials if m.key)

    def bold() -> list[str]:
        return [b.objectName() for b in bar.findChildren(QPushButton) if b.font().bold()]

    # Nothing ticked yet: everything missing, key materials too -> a one-time notice.
    intake.checklist.set_all(False)
    qtbot.waitUntil(lambda: bar.summary_label.isVisible())
    with chinese_translator():
        text = summary_words(intake.controller.checklist_summary())
    assert text == f"已收0项，缺{len(materials)}项（含关键材料{key}项）→ 可一次性告知"
    assert bold() == ["notice_button"]
    # Every key material received, the two non-key ones missing: tolerant acceptance.
    for row, m in enumerate(materials):
        if m.key:
            intake.checklist.toggle(row)
    with chinese_translator():
        text = summary_words(intake.controller.checklist_summary())
    assert text == f"已收{key}项，缺2项→ 可容缺受理"
    assert bold() == ["tolerant_button"]
    # All received: accept is the primary action; 不予受理 is never it.
    intake.checklist.set_all(True)
    assert bar.summary_label.text() == f"{len(materials)} received, none missing → may be accepted"
    assert bold() == ["accept_button"]
    # 不予受理 stands apart, at the far end of the row.
    reject, notice = intake.reject_button, intake.notice_button
    assert reject.geometry().left() - notice.geometry().right() > notice.width()
