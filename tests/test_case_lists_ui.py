"""The main window's case search: the first page at once, and how many match.

Thousands of cases are copies of one real case (bulk insert, each with its own
id and tracking number), as a township's history would hold them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert
from support.ui import (
    SLOW,
    accepted_case,
    ui_ctx_fixture,  # noqa: F401 - the ui_ctx fixture
)

from clerk_desk import tracking_numbers
from clerk_desk.case_lists import SEARCH_COUNT_CAP, SEARCH_LIMIT
from clerk_desk.desk import Desk
from clerk_desk.models import Case, new_id
from clerk_desk.ui import app as ui_app
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.main_window import MainWindow

ZH_QM = Path(ui_app.__file__).parent / "i18n" / "clerk_desk_zh_CN.qm"


@pytest.fixture
def chinese() -> Iterator[None]:
    app = QApplication.instance()
    translator = QTranslator()
    assert translator.load(str(ZH_QM)), "built by `make translations`"
    app.installTranslator(translator)  # type: ignore[union-attr]
    yield
    app.removeTranslator(translator)  # type: ignore[union-attr]


def copy_case(desk: Desk, case_id: str, n: int, first: int) -> None:
    """``n`` older copies of a case, opened on days before 2026 (numbers of terminal 00777)."""
    with desk.store.write() as s:
        case = s.get(Case, case_id)
        assert case is not None
        row: dict[str, Any] = {c.key: getattr(case, c.key) for c in Case.__mapper__.column_attrs}
        copies = []
        for k in range(first, first + n):
            day = date(2025, 12, 31) - timedelta(days=k // 100)
            copies.append(
                {
                    **row,
                    "id": new_id(),
                    "tracking_number": tracking_numbers.compose("00777", day, k % 100 + 1),
                    "created_at": case.created_at - timedelta(days=1 + k // 100, minutes=k % 100),
                }
            )
        s.execute(insert(Case), copies)


def test_a_search_matching_thousands_says_so_and_shows_the_first_page(
    qtbot, chinese: None, ui_ctx: UiContext, desk: Desk, clerk, applicant
) -> None:
    case = accepted_case(desk, clerk, applicant)
    copy_case(desk, case.id, 1203, first=0)
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.total() == 1204, timeout=SLOW)
    assert "匹配" not in window.list_status.text()  # the whole list: every case, no search

    window.search.setText(applicant.id_number)
    window.reload_list()
    qtbot.waitUntil(lambda: window.list_status.text() == "匹配1,204件，显示前200件", timeout=SLOW)
    assert window.model.total() == SEARCH_LIMIT == 200
    assert window.model.case_id(0) == case.id  # newest first

    copy_case(desk, case.id, SEARCH_COUNT_CAP - 1203 + 100, first=1203)
    window.reload_list()
    qtbot.waitUntil(
        lambda: window.list_status.text() == "匹配超过5,000件，显示前200件", timeout=SLOW
    )
    assert window.model.total() == 200 and window.model.case_id(0) == case.id

    # A search that every match fits says how many, as the whole list does.
    window.search.setText(tracking_numbers.display(case.tracking_number))
    window.reload_list()
    qtbot.waitUntil(lambda: window.model.total() == 1, timeout=SLOW)
    assert "匹配" not in window.list_status.text()
