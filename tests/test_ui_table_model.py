"""The column-spec table model: what the specs say is what Qt's roles answer."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from clerk_desk.ui.table_model import ALIGN_RIGHT, Column, RowTableModel

pytestmark = pytest.mark.gui

Role = Qt.ItemDataRole


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    price: int


def make(ticked: set[str], language: list[str]) -> RowTableModel[Item]:
    def tick(item: Item, on: bool) -> None:
        (ticked.add if on else ticked.discard)(item.id)

    return RowTableModel(
        [
            Column(
                lambda: {"en": "Name", "zh": "名称"}[language[0]],
                lambda i: i.name,
                name="name",
                tooltip=lambda i: f"full: {i.name}",
                check=lambda i: i.id in ticked,
                set_check=tick,
            ),
            Column(
                lambda: "Price",
                lambda i: f"{i.price / 100:.2f}",
                name="price",
                alignment=ALIGN_RIGHT,
                foreground=lambda i: QColor("red") if i.price > 1000 else None,
                background=lambda i: QColor("yellow") if i.price == 0 else None,
                sort_key=lambda i: i.price,
            ),
        ],
        key=lambda i: i.id,
    )


ITEMS = [Item("a", "户口迁移", 0), Item("b", "低保", 2000), Item("c", "高龄津贴", 500)]


def test_the_roles_answer_what_the_columns_say(qtbot, qtmodeltester) -> None:
    ticked: set[str] = set()
    language = ["en"]
    model = make(ticked, language)
    model.set_rows(ITEMS)
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 2
    name, price = model.index(1, 0), model.index(1, 1)
    assert model.data(name) == "低保" and model.data(price) == "20.00"
    assert model.data(name, Role.ToolTipRole) == "full: 低保"
    assert model.data(price, Role.ToolTipRole) is None
    assert model.data(name, Role.UserRole) == "b"
    assert model.data(price, Role.TextAlignmentRole) == int(ALIGN_RIGHT)
    assert model.data(price, Role.ForegroundRole).color() == QColor("red")
    assert model.data(model.index(0, 1), Role.ForegroundRole) is None
    assert model.data(model.index(0, 1), Role.BackgroundRole).color() == QColor("yellow")
    # Headers are translated when asked: a language change needs no new model.
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    language[0] = "zh"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "名称"
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.column_of("price") == 1


def test_check_boxes_tick_through_the_spec(qtbot) -> None:
    ticked: set[str] = set()
    model = make(ticked, ["en"])
    model.set_rows(ITEMS)
    name = model.index(2, 0)
    assert model.flags(name) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(model.index(2, 1)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.data(name, Role.CheckStateRole) == Qt.CheckState.Unchecked
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(name, Qt.CheckState.Checked.value, Role.CheckStateRole)
    assert ticked == {"c"}
    assert model.data(name, Role.CheckStateRole) == Qt.CheckState.Checked
    assert not model.setData(model.index(2, 1), Qt.CheckState.Checked.value, Role.CheckStateRole)


def test_sorting_by_a_columns_key_keeps_the_selection_on_its_row(qtbot, qtmodeltester) -> None:
    model = make(set(), ["en"])
    model.set_rows(ITEMS)
    kept = QPersistentModelIndex(model.index(2, 1))  # 高龄津贴
    model.sort(1, Qt.SortOrder.DescendingOrder)  # by price, not by its text
    assert [i.id for i in model.rows] == ["b", "c", "a"]
    assert kept.row() == 1 and model.data(model.index(kept.row(), 0)) == "高龄津贴"
    qtmodeltester.check(model)


def test_put_and_remove_rows_by_key(qtbot, qtmodeltester) -> None:
    model = make(set(), ["en"])
    model.set_rows(ITEMS)
    with qtbot.waitSignal(model.dataChanged):
        model.put(Item("b", "最低生活保障", 2000))
    assert model.rowCount() == 3 and model.data(model.index(1, 0)) == "最低生活保障"
    with qtbot.waitSignal(model.rowsInserted):
        model.put(Item("d", "新事项", 100))
    assert model.row_of("d") == 0 and model.rowCount() == 4
    with qtbot.waitSignal(model.rowsRemoved):
        model.remove_where(lambda i: i.price >= 2000)
    assert [i.id for i in model.rows] == ["d", "a", "c"] and model.row_of("b") is None
    assert model.row_or_none(5) is None
    qtmodeltester.check(model)
