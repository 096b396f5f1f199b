"""The case list model: row keys only, rows read a page at a time on the database thread.

Painting must never wait for the database: a row not read yet shows a
placeholder, its page is read by ``ctx.runner.db``, and ``dataChanged``
fills it in.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from support.ui import accepted_case, tolerant_case

from clerk_desk import tracking_numbers
from clerk_desk.case_lists import CaseListFilter, CaseRow
from clerk_desk.lifecycle import CaseState
from clerk_desk.supervision import DueLevel
from clerk_desk.ui.case_list_model import PAGE, CaseListModel
from clerk_desk.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui

DISPLAY = Qt.ItemDataRole.DisplayRole
USER = Qt.ItemDataRole.UserRole
TERMINAL = "99999"


def number(key: int) -> str:
    return tracking_numbers.compose(TERMINAL, date(2026, 11, 23), key + 1)


class Rows:
    """``rows_by_key`` of a generated list: records each call and the thread it ran on."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[int]]] = []
        self.gate = threading.Event()
        self.gate.set()

    def __call__(self, keys: Sequence[int]) -> list[CaseRow]:
        self.gate.wait(10)
        self.calls.append((threading.current_thread().name, list(keys)))
        return [
            CaseRow(
                id=f"case-{k}",
                tracking_number=number(k),
                state=CaseState.ACCEPTED,
                item_name="最低生活保障申请",
                applicant_name=f"王{k}",
                applicant_id_number="",
                phone="",
                first_clerk_name="演示窗口员",
                created_at=datetime(2026, 11, 23, tzinfo=UTC),
                accepted_on=date(2026, 11, 23),
                due_on=date(2026, 12, 18),
                due_provisional=False,
                due_level=DueLevel.GREEN,
            )
            for k in keys
        ]


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0)
    r.shutdown()


def test_a_row_shows_a_placeholder_until_its_page_arrives_from_the_database_thread(
    qtbot, runner
) -> None:
    rows = Rows()
    model = CaseListModel(rows, runner)
    model.set_keys(array("q", range(1, 251)))
    assert model.rowCount() == PAGE and model.total() == 250
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.data(model.index(5, 0)) == "Loading..."
        assert model.data(model.index(5, 1)) is None
        assert model.data(model.index(5, 0), USER) is None
        assert model.case_id(5) is None
        # Asked again while on its way: still one read.
        assert model.data(model.index(7, 2)) is None
    first, last = changed.args[:2]
    assert (first.row(), last.row()) == (0, PAGE - 1)
    assert (first.column(), last.column()) == (0, len(CaseListModel.COLUMNS) - 1)
    assert model.data(model.index(5, 0)) == tracking_numbers.display(number(6))
    assert model.data(model.index(5, 1)) == "王6"
    assert model.case_id(5) == "case-6"
    assert [(t.startswith("clerk-desk-db"), len(k)) for t, k in rows.calls] == [(True, PAGE)]

    # The next page: keys at once (fetchMore), its rows when painted.
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE
    assert len(rows.calls) == 1
    with qtbot.waitSignal(model.rows_arrived) as arrived:
        assert model.data(model.index(150, 0)) == "Loading..."
    assert arrived.args == [PAGE, 2 * PAGE - 1]
    assert rows.calls[1][1] == list(range(PAGE + 1, 2 * PAGE + 1))
    assert all(t.startswith("clerk-desk-db") for t, _ in rows.calls)


def test_painting_the_table_reads_no_row_on_the_gui_thread(qtbot, runner) -> None:
    rows = Rows()
    model = CaseListModel(rows, runner)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    model.set_keys(array("q", range(1, 1001)))
    qtbot.waitUntil(lambda: model.case_id(0) is not None)
    for _ in range(5):  # scroll to the end of what is there, more pages come
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
        qtbot.waitUntil(lambda: model.case_id(model.rowCount() - 1) is not None)
    assert model.rowCount() > 3 * PAGE
    assert rows.calls and all(t.startswith("clerk-desk-db") for t, _ in rows.calls)
    assert threading.current_thread().name not in {t for t, _ in rows.calls}


def test_an_answer_for_a_replaced_list_is_dropped(qtbot, runner) -> None:
    rows = Rows()
    model = CaseListModel(rows, runner)
    model.set_keys(array("q", range(1, 11)))
    rows.gate.clear()  # the database thread is busy
    assert model.data(model.index(0, 0)) == "Loading..."
    model.set_keys(array("q", range(500, 505)))  # the clerk switched lists meanwhile
    assert model.data(model.index(0, 0)) == "Loading..."
    rows.gate.set()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert model.case_id(0) == "case-500"
    assert [model.case_id(r) for r in range(model.rowCount())] == [
        f"case-{k}" for k in range(500, 505)
    ]


def test_rows_read_with_the_keys_show_at_once_and_a_changed_case_is_read_again(
    qtbot, runner
) -> None:
    rows = Rows()
    model = CaseListModel(rows, runner)
    keys = array("q", range(1, 6))
    model.set_keys(keys, dict(zip(keys, rows(keys), strict=True)))
    rows.calls.clear()
    assert model.data(model.index(2, 1)) == "王3"  # no placeholder: read with the list
    with qtbot.waitSignal(model.dataChanged):
        model.refresh_case("case-3")
        assert model.data(model.index(2, 1)) == "王3"  # the old row shows meanwhile
    assert [k for _, k in rows.calls] == [[3]]
    opened: list[str] = []
    model.with_row(4, lambda row: opened.append(row.id))
    assert opened == ["case-5"]


def test_the_model_over_real_cases_passes_qt_model_tester(
    qtbot, qtmodeltester, desk, clerk, applicant, runner
) -> None:
    made = [accepted_case(desk, clerk, applicant), tolerant_case(desk, clerk, applicant)]
    model = CaseListModel(desk.case_lists.rows_by_key, runner)
    keys = desk.case_lists.keys(CaseListFilter("all", clerk.id))
    model.set_keys(keys)
    qtmodeltester.check(model)  # placeholders and the answers arriving during the check
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert {model.case_id(r) for r in range(model.rowCount())} == {c.id for c in made}
    qtmodeltester.check(model)
    states = {model.data(model.index(r, 3)) for r in range(model.rowCount())}
    assert states == {"accepted", "tolerant-accepted"}
