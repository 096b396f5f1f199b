"""The intake at a glance (issue #11): nothing empty takes room, an error sits by its field.

At 1366x768: before an item is chosen the situation and materials sections
are hidden (not just empty), and so is every line with nothing to say; the
applicant and the item then take the width. An item without questions hides
the questions. A refusal naming a field is shown right under that field, in
the error style, and goes when the field is edited.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from support.desks import SAMPLE_CATALOG
from support.intake import (  # noqa: F401 - the ctx and window fixtures
    ctx_fixture,
    error_under,
    open_window,
    to_questions,
    window_fixture,
)
from support.ui import chinese_translator

from clerk_desk.ui.intake_panel import IntakePanel
from clerk_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

PLAIN_ITEM = "370830104-SC-001"  # made an item without questions below


@pytest.fixture
def chinese() -> Iterator[None]:
    with chinese_translator():
        yield


def top(widget: QWidget, panel: QWidget) -> int:
    return widget.mapTo(panel, QPoint(0, 0)).y()


def bottom(widget: QWidget, panel: QWidget) -> int:
    return widget.mapTo(panel, QPoint(0, widget.height())).y()


def at_1366(window: MainWindow) -> IntakePanel:
    window.resize(1366, 768)
    QApplication.processEvents()
    return window.intake


def empty_lines_hidden(intake: IntakePanel) -> None:
    for line in (
        intake.item_label,
        intake.open_case_label,
        intake.returning_label,
        intake.error_label,
        intake.outcomes_bar.summary_label,
        intake.new_case_button,
    ):
        assert line.isHidden(), line.objectName()
    if not intake.status_label.text():
        assert intake.status_label.isHidden()


def test_sections_with_nothing_to_show_yet_take_no_room(
    qtbot, chinese, window, ctx, applicant
) -> None:
    intake = at_1366(window)
    assert intake.applicant_box.isVisible() and intake.item_box.isVisible()
    # Hidden, not just empty: no box, no blank rows.
    assert intake.questions_box.isHidden() and intake.checklist_box.isHidden()
    empty_lines_hidden(intake)
    # The applicant and the item take the width the hidden column leaves.
    assert intake.item_box.width() > 0.9 * intake.width()

    to_questions(qtbot, window, applicant)
    QApplication.processEvents()
    assert intake.questions_box.isVisible()
    assert intake.checklist_box.isHidden()  # not before the questions are answered
    assert intake.item_label.isVisible() and "最低生活保障申请" in intake.item_label.text()
    assert intake.hits_view.isHidden()  # the item is chosen: its search's hits go
    # Side by side now, the questions at the top of their column, as tall as their rows.
    assert intake.item_box.width() < 0.6 * intake.width()
    assert abs(top(intake.questions_box, intake) - top(intake.applicant_box, intake)) <= 2
    view, rows = intake.questions_view, intake.questions.rowCount()
    last = view.visualRect(intake.questions.index(rows - 1))
    assert last.bottom() <= view.viewport().height()  # every question shown
    assert view.viewport().height() - last.bottom() < last.height()  # no blank row under them
    # The item section ends under its content, not at the foot of the page.
    assert bottom(intake.item_box, intake) < top(intake.outcomes_bar, intake) - 100

    for _ in range(3):
        qtbot.keyClick(intake.questions_view, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: intake.checklist_box.isVisible())
    QApplication.processEvents()
    # The materials right under the questions.
    gap = top(intake.checklist_box, intake) - bottom(intake.questions_box, intake)
    assert 0 <= gap <= 12, gap

    qtbot.keyClick(intake.checklist_view, Qt.Key.Key_Escape)  # start over
    qtbot.waitUntil(lambda: intake.case is None)
    assert intake.questions_box.isHidden() and intake.checklist_box.isHidden()
    assert intake.item_label.isHidden() and intake.hits_view.isVisible()


@pytest.fixture
def plain_item_window(qtbot, desk, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    """The catalog's next version, in which one item asks no situation questions."""
    doc = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    doc["catalog_version"], doc["published_at"] = "2026.12.2", "2026-12-02T09:00:00+08:00"
    item = next(i for i in doc["items"] if i["code"] == PLAIN_ITEM)
    item["questions"] = []
    item["materials"] = [
        m for m in item["materials"] if not m.get("when_yes") and not m.get("when_no")
    ]
    desk.catalog.import_document(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    return open_window(qtbot, ctx)


def test_an_item_without_questions_goes_straight_to_the_materials(
    qtbot, chinese, plain_item_window, applicant
) -> None:
    intake = at_1366(plain_item_window)
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.item_edit)
    qtbot.keyClicks(intake.item_edit, PLAIN_ITEM)
    qtbot.keyClick(intake.item_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.checklist_view)
    QApplication.processEvents()
    assert intake.questions_box.isHidden()
    assert intake.checklist_box.isVisible()
    # The materials move up to the top of the column.
    assert abs(top(intake.checklist_box, intake) - top(intake.applicant_box, intake)) <= 2


def test_a_bad_id_number_is_shown_under_the_id_field_until_it_is_edited(
    qtbot, chinese, window, ctx
) -> None:
    intake = at_1366(window)
    qtbot.keyClicks(intake.id_edit, "370830198001011231")  # wrong check character
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: error_under(intake.id_edit) != "")
    QApplication.processEvents()
    line = intake.errors.line(intake.id_edit)
    assert line is not None and line.isVisible()
    assert "校验位" in line.text(), line.text()
    assert "#b00020" in line.styleSheet()  # the error style
    assert intake.error_label.isHidden()  # not also half a screen away
    # Right under the field, in its column, in the applicant's section.
    assert 0 <= top(line, intake) - bottom(intake.id_edit, intake) <= 8
    assert line.mapTo(intake, QPoint(0, 0)).x() == intake.id_edit.mapTo(intake, QPoint(0, 0)).x()
    assert intake.applicant_box.isAncestorOf(line)
    assert line.height() >= line.heightForWidth(line.width())  # the sentence whole
    assert top(intake.name_edit, intake) > bottom(line, intake)  # pushes the next row down
    assert QApplication.focusWidget() is intake.id_edit

    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Backspace)  # the next edit clears it
    assert line.isHidden() and error_under(intake.id_edit) == ""


def test_no_matching_item_is_said_under_the_search(qtbot, window, ctx, applicant) -> None:
    intake = at_1366(window)
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.item_edit)
    qtbot.keyClicks(intake.item_edit, "qqqqxx")
    qtbot.keyClick(intake.item_edit, Qt.Key.Key_Return)
    assert error_under(intake.item_edit) == "No service item matches."
    line = intake.errors.line(intake.item_edit)
    assert line is not None and intake.item_box.isAncestorOf(line)
    assert intake.item_edit.selectedText() == ""  # typing on goes on, it does not replace
    qtbot.keyClick(intake.item_edit, Qt.Key.Key_Backspace)
    assert error_under(intake.item_edit) == ""
