"""The intake screen's layout checks at 1366x768 and at 200% (run in a child process too)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QLineEdit,
    QStyle,
    QStyleOptionFrame,
    QStyleOptionViewItem,
)

from clerk_desk import tracking_numbers
from clerk_desk.applicants import ApplicantRecord
from clerk_desk.desk import Desk
from clerk_desk.staff import StaffRecord
from clerk_desk.ui.app import default_pages
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.hits_model import SEPARATOR, HitsDelegate
from clerk_desk.ui.main_window import MainWindow
from support.intake import notice_case
from support.ui import ZH_QM, chinese_translator, run_at_200_percent, ui_ctx_fixture, wait_for  # noqa: F401

# QLineEdit keeps this much between its contents rectangle and the text, each side.
LINE_EDIT_MARGIN = 2


# The banner's style sheet padding, each side.
BANNER_PADDING = 4


# Text must fit with this much to spare: fonts differ by platform (offscreen
# has a 9 pt sans with 11 px ideographs, Windows' Microsoft YaHei UI 9 pt has
# 12 px ones), and a placeholder that just fits here is cut off there.
HEADROOM = 1.2


def notice_cases(desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord) -> list[str]:
    """Two cases of the applicant waiting on a one-time notice: their tracking numbers."""
    return [notice_case(desk, clerk, applicant).tracking_number for _ in range(2)]


def open_main_window(ctx: UiContext) -> MainWindow:
    window = MainWindow(ctx, pages=default_pages())
    window.resize(1366, 768)
    window.show()
    wait_for(lambda: window.intake.item_index() is not None)
    return window


def line_edit_room(edit: QLineEdit) -> int:
    """Pixels of text a line edit shows without scrolling it."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    return contents.width() - margins.left() - margins.right() - 2 * LINE_EDIT_MARGIN


def visual_lines(text: str, font: QFont, width: int) -> list[str]:
    """The lines ``text`` is shown in when word-wrapped to ``width`` (as QLabel does)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append(paragraph[line.textStart() : line.textStart() + line.textLength()])
        layout.endLayout()
    return lines


def check_placeholder_fits(window: MainWindow) -> None:
    edit = window.intake.id_edit
    text = edit.placeholderText()
    assert text
    assert edit.fontMetrics().horizontalAdvance(text) * HEADROOM <= line_edit_room(edit), text


def check_banner_keeps_numbers_whole(window: MainWindow, numbers: list[str]) -> None:
    label = window.intake.returning_label
    wait_for(label.isVisible)
    QCoreApplication.processEvents()
    width = label.contentsRect().width() - 2 * BANNER_PADDING
    lines = visual_lines(label.text(), label.font(), width)
    for number in numbers:
        shown = tracking_numbers.display(number)
        assert any(shown in line for line in lines), (shown, lines)


def check_hits_fit(window: MainWindow) -> None:
    intake = window.intake
    intake.item_edit.clear()  # the whole catalog, up to the search's limit
    wait_for(lambda: intake.hits.rowCount() > 0)
    view = intake.hits_view
    QCoreApplication.processEvents()
    delegate = view.itemDelegate()
    assert isinstance(delegate, HitsDelegate)
    width = delegate.text_width()
    assert width >= view.viewport().width() - 12  # the rows get the view's width
    fm = view.fontMetrics()
    option = QStyleOptionViewItem()
    option.initFrom(view)
    beside = 0
    for row in range(intake.hits.rowCount()):
        index = intake.hits.index(row)
        item = intake.hits.item_at(row).item
        laid = delegate.layout(option, index)
        assert laid.name == item.name  # never elided
        assert laid.detail.endswith(item.code), laid.detail  # the code whole
        assert laid.detail.startswith(item.department), laid.detail  # the department whole
        if laid.detail_below:
            # Below only when name and detail do not fit side by side.
            full = f"{item.department}{SEPARATOR}{item.code}"
            gap = fm.horizontalAdvance("    ")
            assert fm.horizontalAdvance(item.name) + gap + fm.horizontalAdvance(full) > width
            lines = laid.detail.split("\n")
            assert len(lines) == laid.detail_lines
            assert all(fm.horizontalAdvance(line) <= width for line in lines), laid.detail
        else:
            beside += 1
            assert fm.horizontalAdvance(laid.name) + fm.horizontalAdvance(laid.detail) <= width
        rect = view.visualRect(index)
        assert rect.width() <= view.viewport().width(), (item.name, rect)
        assert rect.height() >= delegate.sizeHint(option, index).height()
    assert beside > 0  # short names keep their detail beside them
    assert view.horizontalScrollBar().maximum() == 0


def run_checks(window: MainWindow, id_number: str, numbers: list[str]) -> None:
    check_placeholder_fits(window)
    intake = window.intake
    intake.id_edit.setText(id_number)
    QTest.keyClick(intake.id_edit, Qt.Key.Key_Return)
    check_banner_keeps_numbers_whole(window, numbers)
    check_hits_fit(window)
