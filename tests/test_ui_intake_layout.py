"""The intake as it fits a 1366x768 screen, in Chinese, at 100% and at 200%.

The ID field's placeholder is shown whole, every hit shows its item's name and
code with no sideways scrolling, and the returning-applicant banner never
breaks a tracking number in two.

The checks are functions of a shown main window, so that the 200% run (a
process of its own: the scale factor is read when QApplication starts) makes
the same ones.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from support.layout import (
    notice_cases,
    open_main_window,
    run_checks,
)
from support.ui import ZH_QM, chinese_translator, run_at_200_percent, ui_ctx_fixture, wait_for  # noqa: F401

from clerk_desk import tracking_numbers

pytestmark = pytest.mark.gui


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
from support import layout as checks
from support.desks import resident_id
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
