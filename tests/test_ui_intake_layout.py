"""The intake as it fits a 1366x768 screen, in Chinese, at 100% and at 200%.

The ID field's placeholder is shown whole, every hit shows its item's name and
code with no sideways scrolling, and the returning-applicant banner never
breaks a tracking number in two.

The checks are functions of a shown main window, so that the 200% run (a
process of its own: the scale factor is read when QApplication starts) makes
the same ones.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from intake_helpers import notice_case
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QStyle,
    QStyleOptionFrame,
    QStyleOptionViewItem,
)
from ui_helpers import run_at_200_percent, ui_ctx_fixture  # noqa: F401

from clerk_desk import tracking_numbers
from clerk_desk.applicants import ApplicantRecord
from clerk_desk.desk import Desk
from clerk_desk.staff import StaffRecord
from clerk_desk.ui import app as ui_app
from clerk_desk.ui.app import default_pages
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.hits_model import HitsDelegate
from clerk_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

ZH_QM = Path(ui_app.__file__).parent / "i18n" / "clerk_desk_zh_CN.qm"
# QLineEdit keeps this much between its contents rectangle and the text, each side.
LINE_EDIT_MARGIN = 2
# The banner's style sheet padding, each side.
BANNER_PADDING = 4
# Text must fit with this much to spare: fonts differ by platform (offscreen
# has a 9 pt sans with 11 px ideographs, Windows' Microsoft YaHei UI 9 pt has
# 12 px ones), and a placeholder that just fits here is cut off there.
HEADROOM = 1.2


def wait_for(condition: Callable[[], bool], seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    while not condition():
        QCoreApplication.processEvents()
        if time.monotonic() > end:
            raise AssertionError("timed out waiting")
        time.sleep(0.01)


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
        if laid.detail_below:
            assert fm.horizontalAdvance(laid.detail) <= width, laid.detail
        else:
            beside += 1
            assert fm.horizontalAdvance(laid.name) + fm.horizontalAdvance(laid.detail) <= width
        rect = view.visualRect(index)
        assert rect.width() <= view.viewport().width(), (item.name, rect)
        assert rect.height() >= delegate.sizeHint(option, index).height()
    assert beside >= intake.hits.rowCount() // 2, beside  # most hits take one line
    assert view.horizontalScrollBar().maximum() == 0


def run_checks(window: MainWindow, id_number: str, numbers: list[str]) -> None:
    check_placeholder_fits(window)
    intake = window.intake
    intake.id_edit.setText(id_number)
    QTest.keyClick(intake.id_edit, Qt.Key.Key_Return)
    check_banner_keeps_numbers_whole(window, numbers)
    check_hits_fit(window)


@contextmanager
def chinese_translator() -> Iterator[None]:
    """The app's Chinese translation installed for the block."""
    app = QApplication.instance()
    translator = QTranslator()
    assert translator.load(str(ZH_QM))
    app.installTranslator(translator)
    try:
        yield
    finally:
        app.removeTranslator(translator)


@pytest.fixture
def chinese() -> Iterator[None]:
    with chinese_translator():
        yield


def test_the_intake_fits_1366x768_in_chinese(
    qtbot, chinese, ui_ctx, desk, clerk, applicant
) -> None:
    numbers = notice_cases(desk, clerk, applicant)
    window = open_main_window(ui_ctx)
    qtbot.addWidget(window)
    run_checks(window, applicant.id_number, numbers)


def test_the_banner_lists_each_case_on_a_line_of_its_own(
    qtbot, ui_ctx, desk, clerk, applicant
) -> None:
    numbers = notice_cases(desk, clerk, applicant)
    window = open_main_window(ui_ctx)
    qtbot.addWidget(window)
    intake = window.intake
    intake.id_edit.setText(applicant.id_number)
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(intake.returning_label.isVisible)
    lines = intake.returning_label.text().splitlines()
    assert "F4" in lines[0]
    assert len(lines) == 1 + len(numbers)
    for line, number in zip(lines[1:], numbers, strict=True):
        assert line.startswith(tracking_numbers.display(number))
        assert "最低生活保障申请" in line


AT_200_PERCENT = """
import test_ui_intake_layout as checks
from conftest import resident_id
clerk = ctx.login.require()
applicant = desk.applicants.register_person(
    actor_id=clerk.id, name="王䶮", id_number=resident_id(), phone="13812345678"
)
numbers = checks.notice_cases(desk, clerk, applicant)
window = checks.open_main_window(ctx)
checks.run_checks(window, applicant.id_number, numbers)
window.close()
ctx.runner.shutdown()
print("fits")
"""


def test_the_intake_fits_at_200_percent_scaling() -> None:
    assert run_at_200_percent(AT_200_PERCENT) == "fits"
