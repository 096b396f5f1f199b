"""A search hit's layout (clerk_desk.ui.hits_model.hit_layout): the name and the department
are never cut, whatever the list's width (issue #11: the service guide)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from clerk_desk.ui.hits_model import SEPARATOR, hit_layout

pytestmark = pytest.mark.gui

NAME = "乡村建设规划许可证核发（农村村民住宅）"
DEPARTMENT = "自然资源和规划"
CODE = "370830104-ZJ-001"


@pytest.fixture
def fm(qapp) -> QFontMetrics:  # type: ignore[no-untyped-def]
    return QFontMetrics(QFont())


def test_wide_enough_the_detail_stands_beside_the_name(fm: QFontMetrics) -> None:
    width = fm.horizontalAdvance(NAME + "    " + DEPARTMENT + SEPARATOR + CODE) + 2
    laid = hit_layout(fm, width, NAME, DEPARTMENT, CODE)
    assert not laid.detail_below and laid.detail == f"{DEPARTMENT}{SEPARATOR}{CODE}"


def test_narrower_the_detail_goes_below_on_one_line(fm: QFontMetrics) -> None:
    width = fm.horizontalAdvance(DEPARTMENT + SEPARATOR + CODE) + 2
    laid = hit_layout(fm, width, NAME, DEPARTMENT, CODE)
    assert laid.detail_below and laid.detail_lines == 1
    assert laid.detail == f"{DEPARTMENT}{SEPARATOR}{CODE}"
    assert laid.name == NAME and laid.name_lines >= 2  # wrapped, never elided


def test_narrowest_the_department_keeps_a_line_of_its_own(fm: QFontMetrics) -> None:
    width = max(fm.horizontalAdvance(DEPARTMENT), fm.horizontalAdvance(CODE)) + 2
    laid = hit_layout(fm, width, NAME, DEPARTMENT, CODE)
    assert laid.detail_below and laid.detail_lines == 2
    assert laid.detail == f"{DEPARTMENT}\n{CODE}"
    # Narrower than the code: only the code gives way, in its middle.
    tight = fm.horizontalAdvance(DEPARTMENT) + 2
    if fm.horizontalAdvance(CODE) > tight:
        department, code = hit_layout(fm, tight, NAME, DEPARTMENT, CODE).detail.split("\n")
        assert department == DEPARTMENT and "…" in code and code.endswith("001")
