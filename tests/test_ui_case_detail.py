"""The case detail: header, timeline, documents and the steps after acceptance."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from support.desks import resident_id
from support.intake import KEY, LOW_INCOME, NO, notice_case
from support.printing import page_size_mm, squash, text_pypdf
from support.ui import (
    SLOW,
    accepted_case,
    tolerant_case,
    ui_ctx_fixture,  # noqa: F401 - the ui_ctx fixture
)

from clerk_desk import tracking_numbers
from clerk_desk.case_documents import DocumentKind
from clerk_desk.cases import TimelineEntry
from clerk_desk.lifecycle import CaseState
from clerk_desk.timeline import read_detail
from clerk_desk.ui import app as ui_app
from clerk_desk.ui.case_detail import CaseDetail
from clerk_desk.ui.case_steps import SupplementDialog, TextAskDialog
from clerk_desk.ui.case_timeline import TimelineModel
from clerk_desk.ui.preview import PreviewDialog

pytestmark = pytest.mark.gui

# The targets the detail offers buttons for (intake outcomes belong to the intake panel).
STEP_TARGETS = frozenset(
    {
        CaseState.IN_PROGRESS,
        CaseState.SUSPENDED,
        CaseState.DECIDED,
        CaseState.COMPLETED,
        CaseState.DELIVERED,
        CaseState.WITHDRAWN,
    }
)


@pytest.fixture
def detail(ui_ctx, qtbot):
    widget = CaseDetail(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def show(detail, qtbot, case_id: str) -> None:
    detail.show_case(case_id)
    qtbot.waitUntil(
        lambda: detail.case is not None and detail.case.id == case_id and not detail.is_busy(),
        timeout=SLOW,
    )


def cell(model, row: int, col: int) -> str:
    return model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)


def state_after(detail, qtbot, target: CaseState) -> None:
    qtbot.waitUntil(lambda: detail.case is not None and detail.case.state is target, timeout=SLOW)


def answer_dialog(detail, qtbot, text: str) -> None:
    qtbot.waitUntil(lambda: isinstance(detail.active_dialog, TextAskDialog))
    dialog = detail.active_dialog
    dialog.set_value(text)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_header_timeline_and_documents(desk, clerk, applicant, detail, qtbot) -> None:
    case = accepted_case(desk, clerk, applicant)
    desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    show(detail, qtbot, case.id)

    assert detail.tracking_label.text() == tracking_numbers.display(case.tracking_number)
    assert detail.query_code_label.text() == tracking_numbers.display_query_code(case.query_code)
    assert detail.query_code_label.text().replace(" ", "") == case.query_code  # 1234 5678
    assert "最低生活保障申请" in detail.item_label.text()
    header = detail.applicant_label.text()
    assert applicant.name in header
    assert applicant.id_number in header  # the full number: a logged-in clerk sees it
    assert "13812345678" in header
    assert clerk.name in detail.first_clerk_label.text()
    assert detail.accepted_label.text() == "2026-11-23"
    assert detail.due_label.text() == "2026-12-21"
    assert detail.promise_label.isHidden() and detail.rejection_label.isHidden()

    timeline = desk.cases.timeline(case.id)
    model = detail.timeline
    assert model.rowCount() == len(timeline) == 4
    assert [cell(model, r, 2) for r in range(4)] == [
        "opened",
        "questions answered",
        "materials checked",
        "accepted",
    ]
    assert cell(model, 0, 0) == "2026-11-23 10:00"  # local time of the centre
    assert cell(model, 0, 1) == clerk.name
    assert cell(model, 3, 3) == "consulted → accepted"
    assert "居民户口簿" in cell(model, 2, 4)  # material ids shown as their names

    docs = detail.documents
    assert docs.rowCount() == 1
    assert cell(docs, 0, 0) == "受理通知书"
    assert cell(docs, 0, docs.COLUMNS.index("serial")) == "郭仓便民受字〔2026〕第0001号"
    assert cell(docs, 0, docs.COLUMNS.index("paper")) == "A4"
    assert cell(docs, 0, docs.COLUMNS.index("reprint")) == ""  # the original, not a reprint
    assert cell(docs, 0, docs.COLUMNS.index("printed")) == "0"
    assert detail.selected_document() is not None
    assert not detail.make_button.isEnabled()  # the outcome has its document


def test_step_buttons_match_allowed_next(desk, clerk, applicant, detail, qtbot) -> None:
    case = accepted_case(desk, clerk, applicant)
    show(detail, qtbot, case.id)
    assert detail.visible_steps() == case.allowed_next & STEP_TARGETS
    # Not an immediate item: processed and decided before it is completed.
    assert detail.visible_steps() == {CaseState.IN_PROGRESS, CaseState.WITHDRAWN}
    assert detail.step_buttons["suspend"].isHidden()
    assert detail.step_buttons["complete"].isHidden()
    assert detail.step_buttons["supplement"].isHidden()
    for name in ("start", "withdraw"):
        assert "Ctrl+Shift+" in detail.step_buttons[name].toolTip()
    assert detail.reprint_button.toolTip() == "Reprint (Ctrl+Shift+P)"
    assert detail.reprint_other_button.toolTip() == "Reprint on 80 mm roll (Ctrl+Shift+R)"

    started = desk.cases.start_processing(case.id, staff_id=clerk.id)
    show(detail, qtbot, case.id)
    assert detail.visible_steps() == started.allowed_next & STEP_TARGETS
    assert detail.visible_steps() == {CaseState.SUSPENDED, CaseState.DECIDED, CaseState.WITHDRAWN}


def test_start_suspend_with_reason_resume(desk, clerk, applicant, detail, qtbot) -> None:
    case = accepted_case(desk, clerk, applicant)
    show(detail, qtbot, case.id)

    with qtbot.waitSignal(detail._ctx.changes.case_changed, timeout=SLOW) as changed:
        detail.step_buttons["start"].click()
    assert changed.args[0].state is CaseState.IN_PROGRESS
    state_after(detail, qtbot, CaseState.IN_PROGRESS)
    assert detail.state_label.text() == "in progress"

    detail.step_buttons["suspend"].click()
    qtbot.waitUntil(lambda: isinstance(detail.active_dialog, TextAskDialog))
    dialog = detail.active_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()  # no reason: refused in the dialog, which stays open
    assert dialog.isVisible() and dialog.errors.line(dialog.text_edit).text()
    assert desk.cases.get(case.id).state is CaseState.IN_PROGRESS
    dialog.text_edit.insertPlainText("组织专家评审")  # QTest types ASCII only
    ok.click()
    state_after(detail, qtbot, CaseState.SUSPENDED)
    assert detail.active_dialog is None
    assert detail.step_buttons["start"].text() == "Resume"
    assert detail.visible_steps() == {CaseState.IN_PROGRESS, CaseState.WITHDRAWN}
    last = detail.timeline.rowCount() - 1
    assert cell(detail.timeline, last, 2) == "suspended"
    assert "组织专家评审" in cell(detail.timeline, last, 4)

    detail.step_buttons["start"].click()
    state_after(detail, qtbot, CaseState.IN_PROGRESS)
    assert desk.cases.get(case.id).state is CaseState.IN_PROGRESS
    assert [e.action for e in desk.cases.timeline(case.id)][-3:] == [
        "processing_started",
        "suspended",
        "resumed",
    ]
    assert detail.step_buttons["start"].text() == "Start processing"


def test_decide_complete_deliver(desk, clerk, applicant, detail, qtbot) -> None:
    case = desk.cases.start_processing(accepted_case(desk, clerk, applicant).id, staff_id=clerk.id)
    show(detail, qtbot, case.id)
    detail.step_buttons["decide"].click()
    qtbot.waitUntil(lambda: isinstance(detail.active_dialog, TextAskDialog))
    dialog = detail.active_dialog
    dialog.set_value("准予享受最低生活保障")
    dialog.activateWindow()  # the offscreen platform does not activate it by itself
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    state_after(detail, qtbot, CaseState.DECIDED)
    detail.step_buttons["complete"].click()
    state_after(detail, qtbot, CaseState.COMPLETED)
    detail.step_buttons["deliver"].click()
    qtbot.waitUntil(lambda: isinstance(detail.active_dialog, TextAskDialog))
    assert detail.active_dialog.choice_edit is not None  # usual answers offered
    answer_dialog(detail, qtbot, "窗口领取")
    state_after(detail, qtbot, CaseState.DELIVERED)
    assert detail.visible_steps() == set()
    assert desk.cases.timeline(case.id)[-1].detail.to_json() == {"how": "窗口领取"}


def test_refused_step_shows_the_domain_error(desk, clerk, applicant, detail, qtbot) -> None:
    case = accepted_case(desk, clerk, applicant)
    show(detail, qtbot, case.id)
    # Another clerk moves the case on meanwhile; this screen still offers Start processing.
    desk.cases.start_processing(case.id, staff_id=clerk.id)
    detail.step_buttons["start"].click()
    qtbot.waitUntil(lambda: detail.error_label.text() != "")
    assert "cannot become in progress" in detail.error_label.text()
    assert detail.error_label.styleSheet() == "color: #b00020"
    assert detail.error_label.isVisible()
    assert desk.cases.get(case.id).state is CaseState.IN_PROGRESS


def test_reprint_adds_a_copy_and_asks_for_its_preview(
    desk, clerk, applicant, detail, qtbot, qtmodeltester
) -> None:
    case = accepted_case(desk, clerk, applicant)
    (original,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    show(detail, qtbot, case.id)
    assert detail.documents.rowCount() == 1

    with qtbot.waitSignal(detail.preview_requested, timeout=SLOW) as asked:
        detail.reprint_button.click()
    (copy,) = asked.args[0]
    assert copy.reprint == 1 and copy.original_id == original.id
    assert detail.documents.rowCount() == 2
    row = detail.documents.row_of(copy.id)
    assert cell(detail.documents, row, 0) == "受理通知书"
    assert cell(detail.documents, row, detail.documents.COLUMNS.index("reprint")) == "1"
    assert detail.selected_document().id == copy.id
    assert [d.reprint for d in desk.documents.for_case(case.id)] == [0, 1]
    qtmodeltester.check(detail.documents)
    qtmodeltester.check(detail.timeline)

    with qtbot.waitSignal(detail.preview_requested) as asked:
        detail.preview_button.click()
    assert [d.id for d in asked.args[0]] == [copy.id]

    preview = detail.open_preview(asked.args[0])
    assert preview.parent() is detail and preview.isVisible()
    qtbot.waitUntil(lambda: preview.pdf.status() == QPdfDocument.Status.Ready, timeout=SLOW)
    assert preview.pdf.pageCount() >= 1
    preview.reject()


def test_a_roll_receipt_is_reprinted_on_a4_by_keyboard(
    desk, clerk, applicant, detail, qtbot
) -> None:
    from clerk_desk.journal import SYSTEM_ACTOR

    desk.update_settings(desk.settings().replace(paper="roll80"), actor_id=SYSTEM_ACTOR)
    case = accepted_case(desk, clerk, applicant)  # its receipt made on the roll
    (receipt,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    assert receipt.layout == "roll80"
    show(detail, qtbot, case.id)
    docs = detail.documents
    assert cell(docs, 0, docs.COLUMNS.index("paper")) == "80 mm roll"
    # The button names the other paper of the document selected, with its key.
    assert detail.reprint_other_button.text() == "Reprint on A4"
    assert detail.reprint_other_button.toolTip() == "Reprint on A4 (Ctrl+Shift+R)"
    assert detail.reprint_other_button.isEnabled()

    detail.activateWindow()
    qtbot.waitUntil(detail.isActiveWindow)
    detail.documents_view.setFocus()
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(detail.preview_requested, timeout=SLOW) as asked:
        qtbot.keyClick(detail.documents_view, Qt.Key.Key_R, shift_ctrl)
    (copy,) = asked.args[0]
    assert copy.id != receipt.id
    assert (copy.layout, copy.reprint, copy.original_id) == ("a4", 1, receipt.id)
    assert [(d.layout, d.reprint) for d in desk.documents.for_case(case.id)] == [
        ("roll80", 0),
        ("a4", 1),
    ]
    assert detail.selected_document().id == copy.id
    assert cell(docs, docs.row_of(copy.id), docs.COLUMNS.index("paper")) == "A4"
    assert detail.reprint_other_button.text() == "Reprint on 80 mm roll"  # for the copy now
    pdf = desk.documents.pdf(copy.id)
    assert "补打" in squash(text_pypdf(pdf))
    width, height = page_size_mm(pdf)
    assert (round(width), round(height)) == (210, 297)
    assert "补打" not in squash(text_pypdf(desk.documents.pdf(receipt.id)))

    # The preview it asks for shows the new document.
    preview = detail.open_preview(asked.args[0])
    assert isinstance(preview, PreviewDialog) and preview.current().id == copy.id
    qtbot.waitUntil(lambda: preview.pdf.status() == QPdfDocument.Status.Ready, timeout=SLOW)
    assert preview.choice.currentText() == "受理通知书 补打（第1次）"
    preview.reject()


def test_a_sealed_document_has_no_roll_copy(desk, clerk, applicant, detail, qtbot) -> None:
    """The promise is A4 only: the reprint on the other paper is not offered for it."""
    case = tolerant_case(desk, clerk, applicant)
    docs = {d.kind: d for d in desk.documents.for_case(case.id)}
    show(detail, qtbot, case.id)
    detail.select_document(docs[DocumentKind.TOLERANT_PROMISE].id)
    assert not detail.reprint_other_button.isEnabled()
    assert not detail.reprint_other_action.isEnabled()
    assert detail.reprint_button.isEnabled()  # a copy on A4 is
    detail.select_document(docs[DocumentKind.ACCEPTANCE].id)
    assert detail.reprint_other_button.isEnabled()


def test_make_documents_for_an_outcome_without_them(desk, clerk, applicant, detail, qtbot) -> None:
    desk.intake.during_outcome.clear()  # a case from before documents came with the outcome
    case = accepted_case(desk, clerk, applicant)
    show(detail, qtbot, case.id)
    assert detail.documents.rowCount() == 0
    assert detail.make_button.isEnabled() and not detail.reprint_button.isEnabled()
    with qtbot.waitSignal(detail.preview_requested, timeout=SLOW) as asked:
        detail.make_button.click()
    assert [d.kind for d in asked.args[0]] == [DocumentKind.ACCEPTANCE]
    assert detail.documents.rowCount() == 1
    assert not detail.make_button.isEnabled()


def test_promised_materials_arrive(desk, clerk, applicant, detail, qtbot) -> None:
    case = tolerant_case(desk, clerk, applicant)
    show(detail, qtbot, case.id)
    assert detail.promise_label.text() == "2026-11-30"
    assert not detail.step_buttons["supplement"].isHidden()
    detail.step_buttons["supplement"].click()
    qtbot.waitUntil(lambda: isinstance(detail.active_dialog, SupplementDialog))
    dialog = detail.active_dialog
    assert dialog.materials.rowCount() == 1
    dialog.set_checked("disability")
    with qtbot.waitSignal(detail._ctx.changes.case_changed, timeout=SLOW):
        dialog.accept()
    qtbot.waitUntil(lambda: not detail.case.missing)
    assert detail.step_buttons["supplement"].isHidden()
    assert desk.cases.get(case.id).missing == ()
    assert cell(detail.timeline, detail.timeline.rowCount() - 1, 2) == "promised materials arrived"


def test_extension_b_name_shows_intact(desk, clerk, detail, qtbot) -> None:
    person = desk.applicants.register_person(
        actor_id=clerk.id, name="张𠈌", id_number=resident_id("37083019900202123"), phone=""
    )
    case = accepted_case(desk, clerk, person)
    show(detail, qtbot, case.id)
    text = detail.applicant_label.text()
    assert text.startswith("张𠈌")
    assert "\U0002020c" in text  # 𠈌, a single code point outside the BMP
    assert detail.applicant_label.textFormat() == Qt.TextFormat.PlainText


def test_a_notice_case_offers_the_recheck_beside_withdraw(
    desk, clerk, applicant, detail, qtbot
) -> None:
    case = notice_case(desk, clerk, applicant)
    show(detail, qtbot, case.id)
    button = detail.intake_button
    assert not button.isHidden() and button.isEnabled()
    assert button.text() == "Re-check materials"
    assert button.toolTip() == "Re-check materials (F4)"
    assert detail.visible_steps() == {CaseState.WITHDRAWN}
    with qtbot.waitSignal(detail.intake_requested) as asked:
        button.click()
    assert asked.args == [case.id]
    # F4 belongs to the main window, which asks the page first when it shows a case.
    with qtbot.waitSignal(detail.intake_requested) as asked:
        assert detail.request_intake()
    assert asked.args == [case.id]


def test_an_unfinished_intake_can_be_continued(desk, clerk, applicant, detail, qtbot) -> None:
    case = desk.intake.start(
        clerk_id=clerk.id, item_code="370830104-MZ-001", applicant_id=applicant.id
    )
    show(detail, qtbot, case.id)
    assert not detail.intake_button.isHidden()
    assert detail.intake_button.text() == "Continue the intake"


def test_an_accepted_case_offers_no_intake(desk, clerk, applicant, detail, qtbot) -> None:
    case = accepted_case(desk, clerk, applicant)
    show(detail, qtbot, case.id)
    assert detail.intake_button.isHidden()
    with qtbot.assertNotEmitted(detail.intake_requested):
        assert not detail.request_intake()


def test_an_unexpected_error_is_shown_translated_and_logged(
    desk, clerk, applicant, detail, qtbot, monkeypatch, caplog
) -> None:
    case = accepted_case(desk, clerk, applicant)

    def broken(_case_id: str) -> None:
        raise OSError("disk I/O error")

    monkeypatch.setattr(desk.cases, "timeline", broken)
    detail.show_case(case.id)
    qtbot.waitUntil(lambda: detail.error_label.text() != "")
    assert detail.error_label.text() == "Something went wrong: disk I/O error"
    assert any(r.exc_info and r.exc_info[0] is OSError for r in caplog.records)


# -- the timeline in the clerk's words: every detail key the domain writes --

ZH_QM = Path(ui_app.__file__).parent / "i18n" / "clerk_desk_zh_CN.qm"
RAW_KEY = re.compile(r"[a-z]+_[a-z_]+")
BATCH = "HO-K7QM-20261123-01"
SOURCE = "县政务服务中心 2026-12-10"  # where a holiday schedule came from (data, shown as is)


def every_kind_of_step(clerk) -> list[TimelineEntry]:  # type: ignore[no-untyped-def]
    """One entry per step the domain records, each with the detail keys it writes."""
    s = CaseState
    steps: list[tuple[str, CaseState | None, CaseState, dict, bool]] = [
        ("opened", None, s.CONSULTED, {"item_code": LOW_INCOME, "catalog_version": "2026.12.1",
                                       "answers": {"by_proxy": False}}, True),
        ("answered", s.CONSULTED, s.CONSULTED, {"answers": NO}, True),
        ("materials_checked", s.CONSULTED, s.CONSULTED,
         {"received": ["id_card", "hukou"], "missing": ["income"], "unmarked": ["consent"]}, True),
        ("notice_issued", s.CONSULTED, s.NOTICE_ISSUED, {"missing": ["income"]}, True),
        ("accepted", s.CONSULTED, s.ACCEPTED,
         {"received": KEY, "due_on": "2027-01-11", "due_unpublished_years": [2027],
          "deemed_accepted": {"received_on": "2026-11-23", "notice_due_by": "2026-11-30",
                              "missing": ["income"]}}, True),
        ("tolerant_accepted", s.CONSULTED, s.TOLERANT_ACCEPTED,
         {"received": KEY, "promised": ["disability"], "promise_date": "2026-11-30",
          "due_on": "2026-12-21", "due_unpublished_years": []}, True),
        ("rejected", s.CONSULTED, s.REJECTED,
         {"reason": "不符合条件", "legal_basis": "《社会救助暂行办法》第十一条",
          "competent_body": "县民政局", "rejected_on": "2026-11-23"}, True),
        ("processing_started", s.ACCEPTED, s.IN_PROGRESS, {}, True),
        ("suspended", s.IN_PROGRESS, s.SUSPENDED,
         {"reason": "组织听证", "suspended_on": "2026-11-24"}, True),
        ("resumed", s.SUSPENDED, s.IN_PROGRESS,
         {"paused_working_days": 2, "due_on": "2026-12-23"}, True),
        ("decided", s.IN_PROGRESS, s.DECIDED, {"decision": "准予享受最低生活保障"}, True),
        ("completed", s.DECIDED, s.COMPLETED, {}, True),
        ("delivered", s.COMPLETED, s.DELIVERED, {"how": "窗口领取"}, True),
        ("withdrawn", s.IN_PROGRESS, s.WITHDRAWN, {"reason": "申请人撤回"}, True),
        ("materials_supplemented", s.TOLERANT_ACCEPTED, s.TOLERANT_ACCEPTED,
         {"materials": ["disability"]}, True),
        ("handed_over", s.ACCEPTED, s.ACCEPTED,
         {"batch_number": BATCH, "received_by": clerk.id}, True),
        ("due_date_reviewed", s.ACCEPTED, s.ACCEPTED,
         {"due_on_before": "2027-01-11", "provisional_years_before": [2027],
          "due_on": "2027-01-19", "provisional_years": [], "calendar_source": SOURCE}, False),
        ("due_date_reviewed", s.ACCEPTED, s.ACCEPTED,
         {"due_on_before": "2027-12-20", "provisional_years_before": [2027],
          "due_on": "2028-01-04", "provisional_years": [2028], "calendar_source": SOURCE}, False),
    ]  # fmt: skip
    at = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    return [
        TimelineEntry(
            seq=n,
            at=at,
            action=action,
            from_state=before,
            to_state=after,
            staff_id=clerk.id if person else None,
            staff_name=clerk.name if person else "",
            detail=read_detail(action, detail),  # stored as the domain writes it
        )
        for n, (action, before, after, detail, person) in enumerate(steps, start=1)
    ]


def timeline_rows(desk, clerk) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = TimelineModel()
    model.reset(every_kind_of_step(clerk), desk.catalog.item(LOW_INCOME).item, "Asia/Shanghai")
    return [
        [cell(model, r, c) for c in range(model.columnCount())] for r in range(model.rowCount())
    ]


def test_every_detail_key_has_an_english_label_and_a_readable_value(desk, clerk, qtbot) -> None:
    rows = timeline_rows(desk, clerk)
    for row in rows:
        assert not RAW_KEY.search(" ".join(row)), row
    by_step = {row[2]: row for row in rows}
    assert by_step["opened"][4] == (
        "item: 最低生活保障申请 (370830104-MZ-001); catalog version: 2026.12.1; "
        "answers: 是否委托他人或村代办员代为办理？ no"
    )
    assert by_step["materials checked"][4] == (
        "received: 申请人居民身份证, 居民户口簿; missing: 家庭收入及财产状况申报表; "
        "mark taken back: 家庭经济状况核对授权书（家庭成员均需签字）"
    )
    accepted = by_step["accepted"][4]
    assert "due date: 2027-01-11" in accepted
    assert "the holiday schedule for 2027 is not published: the due date is provisional" in accepted
    assert (
        "no one-time notice in time: accepted from 2026-11-23, the day the materials were "
        "received; missing: 家庭收入及财产状况申报表" in accepted
    )
    assert "promised: 残疾人证; promised by: 2026-11-30" in by_step["tolerant acceptance"][4]
    assert "provisional" not in by_step["tolerant acceptance"][4]  # no unpublished year
    assert "rejected on: 2026-11-23" in by_step["rejected"][4]
    assert by_step["handed over to the township"][4] == (
        f"handover list: {BATCH}; received by: {clerk.name}"
    )
    reviewed = [row for row in rows if row[2] == "due date reviewed (new holiday schedule)"]
    assert [row[1] for row in reviewed] == ["System", "System"]  # no person took the step
    assert reviewed[0][4] == (
        "due date before: 2027-01-11; the holiday schedule for 2027 was not published: the "
        "date before was provisional; due date: 2027-01-19; the holiday schedule is "
        f"published: the due date is final; holiday schedule from: {SOURCE}"
    )
    assert "the holiday schedule for 2028 is not published" in reviewed[1][4]


def test_the_timeline_shows_no_english_and_no_raw_key_in_chinese(desk, clerk, qtbot) -> None:
    app = QApplication.instance()
    translator = QTranslator()
    assert translator.load(str(ZH_QM)), "built by `make translations`"
    app.installTranslator(translator)
    try:
        assert QCoreApplication.translate("CaseDetail", "rejected on") != "rejected on"
        rows = timeline_rows(desk, clerk)
    finally:
        app.removeTranslator(translator)
    data = ("370830104-MZ-001", BATCH)  # codes are shown as they are
    for row in rows:
        text = " ".join(row)
        for value in data:
            text = text.replace(value, "")
        assert not re.search(r"[A-Za-z_]", text), row
    by_step = {row[2]: row for row in rows}
    accepted = by_step["已受理"][4]
    assert "2027年节假日安排未公布，承诺办结日期为暂定" in accepted
    assert "逾期未一次性告知，自2026年11月23日收到材料之日起视为受理" in accepted
    assert [row[1] for row in rows if row[1] == "系统"] == ["系统", "系统"]


def test_a_departments_step_names_its_staff(desk, clerk, applicant, qtbot) -> None:
    """A back-office step that came down from the county server (clerk_desk.office_steps)."""
    from clerk_desk.office_steps import apply_office_step

    case = accepted_case(desk, clerk, applicant)
    body = {
        "case_id": case.id,
        "tracking_number": case.tracking_number,
        "step": "processing_started",
        "step_seq": 1,
        "at": "2026-11-24T01:00:00+00:00",
        "staff_name": "李审批",
        "from_state": "accepted",
        "to_state": "in_progress",
        "detail": {},
    }
    with desk.store.write() as s:
        assert apply_office_step(s, body, tz="Asia/Shanghai") == ""
    model = TimelineModel()
    model.reset(desk.cases.timeline(case.id), None, "Asia/Shanghai")
    last = [cell(model, model.rowCount() - 1, c) for c in range(model.columnCount())]
    assert last[1:3] == ["李审批 (department)", "processing started"]
    assert not RAW_KEY.search(last[4]), last  # its sync number is not shown
    app = QApplication.instance()
    translator = QTranslator()
    assert translator.load(str(ZH_QM)), "built by `make translations`"
    app.installTranslator(translator)
    try:
        assert cell(model, model.rowCount() - 1, 1) == "李审批（承办部门）"
    finally:
        app.removeTranslator(translator)


def test_a_reviewed_provisional_due_date_on_the_case_page(
    desk, clerk, applicant, clock, detail, qtbot
) -> None:
    from clerk_desk.clock import CHINA_TZ
    from clerk_desk.working_days import HolidayCalendar

    clock.set(datetime(2026, 12, 14, 10, 0, tzinfo=CHINA_TZ))
    case = accepted_case(desk, clerk, applicant)
    assert case.due_unpublished_years == (2027,)
    desk.calendar.replace_years(
        HolidayCalendar.from_data(
            holidays=[date(2027, 1, d) for d in range(1, 9)],
            workdays=[],
            years=[2027],
            source=SOURCE,
        ),
        actor_id=clerk.id,
    )
    show(detail, qtbot, case.id)
    model = detail.timeline
    rows = [[cell(model, r, c) for c in range(5)] for r in range(model.rowCount())]
    assert "the holiday schedule for 2027 is not published" in rows[-2][4]  # accepted
    assert rows[-1][1:3] == ["System", "due date reviewed (new holiday schedule)"]
    assert "due date: 2027-01-19" in rows[-1][4]
    assert "the due date is final" in rows[-1][4]
    for row in rows:
        assert not RAW_KEY.search(" ".join(row)), row
