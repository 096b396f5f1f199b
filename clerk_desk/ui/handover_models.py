"""The handover page's tables: their models, and the one way each table is made.

Each table has one elastic column (the item, or the village point) that takes
the width left and wraps; the others are as wide as their contents, so at
1366x768 in Chinese every column shows its longest text whole.

Materials are counted as the printed list counts them (one function,
:func:`clerk_desk.printing.document_data.count_materials`): the materials
carried, each with its copies (4项5份); originals the agent verified and
handed back are not carried. A cell's tooltip names them as the list does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from clerk_desk import tracking_numbers
from clerk_desk.cases import CaseView
from clerk_desk.handover import AwaitingCase, BatchCase, BatchInfo, carried_materials
from clerk_desk.printing import document_data as dd
from clerk_desk.ui.case_list_model import state_name
from clerk_desk.ui.table_model import ALIGN_CENTRE, Column, RowTableModel

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
# The column of each table that takes the width left and wraps (see the module docstring).
ELASTIC = "elastic"


def _number(text: str) -> str:
    try:
        return tracking_numbers.display(text)
    except ValueError:
        return text


def material_count_text(count: dd.MaterialCount) -> str:
    """A count of materials carried, as the printed list writes it (4项5份 in Chinese)."""
    if count.items is None:  # a list kept before the list named its materials
        return QCoreApplication.translate("HandoverPage", "{copies} copies").format(
            copies=count.copies
        )
    return QCoreApplication.translate("HandoverPage", "{items} items, {copies} copies").format(
        items=count.items, copies=count.copies
    )


def _materials_tooltip(materials: Sequence[dd.ReceivedMaterial]) -> str | None:
    """The materials by name, as the printed list names them."""
    return "\n".join(dd.format_material(m) for m in materials) or None


class PendingCasesModel(RowTableModel[CaseView]):
    """The agent's collected cases still to carry; ticked = goes on the next list.

    A pending list is a few folders in an agent's bag, so the model holds the
    snapshots themselves rather than ids fetched page by page.
    """

    def __init__(self) -> None:
        self._ticked: set[str] = set()

        def tick(case: CaseView, on: bool) -> None:
            if on:
                self._ticked.add(case.id)
            else:
                self._ticked.discard(case.id)

        super().__init__(
            [
                Column(
                    lambda: self.tr("Tracking no."),
                    lambda c: _number(c.tracking_number),
                    check=lambda c: c.id in self._ticked,
                    set_check=tick,
                ),
                Column(lambda: self.tr("Applicant"), lambda c: c.applicant.name),
                Column(lambda: self.tr("Item"), lambda c: c.stored_item.item.name, name=ELASTIC),
                Column(
                    lambda: self.tr("Materials carried"),
                    lambda c: material_count_text(dd.count_materials(carried_materials(c))),
                    tooltip=lambda c: _materials_tooltip(carried_materials(c)),
                    alignment=ALIGN_CENTRE,
                ),
            ],
            key=lambda c: c.id,
        )

    def reset(self, cases: Sequence[CaseView]) -> None:
        self._ticked &= {c.id for c in cases}
        self.set_rows(cases)

    def remove(self, case_ids: Sequence[str]) -> None:
        """Cases went on a list: drop their rows."""
        gone = set(case_ids)
        self.remove_where(lambda c: c.id in gone)
        self._ticked -= gone

    def ticked(self) -> list[str]:
        """Ticked case ids, in the order shown."""
        return [c.id for c in self.rows if c.id in self._ticked]

    def toggle(self, row: int) -> None:
        idx = self.index(row, 0)
        checked = self.data(idx, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        self.setData(idx, new, Qt.ItemDataRole.CheckStateRole)


class BatchesModel(RowTableModel[BatchInfo]):
    """Handover batches, newest first: number, village point, agent, cases, received or not."""

    def __init__(self, local_time: Callable[[datetime], str]) -> None:
        def received(b: BatchInfo) -> str:
            if b.received_at is None:
                return self.tr("Not received")
            return self.tr("{name}, {time}").format(
                name=b.received_by_name or "", time=local_time(b.received_at)
            )

        super().__init__(
            [
                Column(
                    lambda: self.tr("List no."),
                    lambda b: b.batch_number,
                    tooltip=lambda b: self.tr("Made {time}").format(time=local_time(b.created_at)),
                ),
                Column(lambda: self.tr("Village point"), lambda b: b.village_point, name=ELASTIC),
                Column(lambda: self.tr("Agent"), lambda b: b.agent_name),
                Column(
                    lambda: self.tr("Cases"), lambda b: str(len(b.cases)), alignment=ALIGN_CENTRE
                ),
                Column(lambda: self.tr("Receipt"), received),
            ],
            key=lambda b: b.id,
        )

    def reset(self, batches: Sequence[BatchInfo]) -> None:
        self.set_rows(batches)

    def batch_at(self, row: int) -> BatchInfo:
        return self.row(row)


class BatchCasesModel(RowTableModel[BatchCase]):
    """The cases of the batch shown at the township counter, to check against the folders."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column(lambda: self.tr("Tracking no."), lambda c: _number(c.tracking_number)),
                Column(lambda: self.tr("Applicant"), lambda c: c.applicant_name),
                Column(lambda: self.tr("Item"), lambda c: c.item_name, name=ELASTIC),
                Column(
                    lambda: self.tr("Materials carried"),
                    lambda c: material_count_text(c.count),
                    tooltip=lambda c: _materials_tooltip(c.materials),
                    alignment=ALIGN_CENTRE,
                ),
                Column(lambda: self.tr("State"), lambda c: state_name(c.state)),
            ],
            key=lambda c: c.case_id,
        )

    def reset(self, cases: Sequence[BatchCase]) -> None:
        self.set_rows(cases)


class AwaitingModel(RowTableModel[AwaitingCase]):
    """Cases received from village agents, waiting for the township clerk's check and outcome."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column(lambda: self.tr("Tracking no."), lambda c: _number(c.tracking_number)),
                Column(lambda: self.tr("Applicant"), lambda c: c.applicant_name),
                Column(lambda: self.tr("Item"), lambda c: c.item_name, name=ELASTIC),
                # The village point in the tooltip: the agent's name says who brought it.
                Column(
                    lambda: self.tr("Agent"),
                    lambda c: c.agent_name,
                    tooltip=lambda c: self.tr("{agent} ({point})").format(
                        agent=c.agent_name, point=c.village_point
                    ),
                ),
                Column(lambda: self.tr("Received"), lambda c: _day(c.received_on)),
                Column(
                    lambda: self.tr("Notice by"),
                    lambda c: _day(c.notice_due_by),
                    tooltip=lambda c: self.tr(
                        "A one-time notice is due by this day: 5 working days after the hand-over"
                    ),
                ),
            ],
            key=lambda c: c.case_id,
        )

    def reset(self, cases: Sequence[AwaitingCase]) -> None:
        self.set_rows(cases)


def _day(d: date) -> str:
    return d.isoformat()


# Cells and headers get some air: a column sized to its contents keeps its longest
# text whole even where a CJK glyph draws a pixel wider than the font metrics say.
AIR = 8  # pixels


class _RoomyDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + AIR, size.height())


class _RoomyHeader(QHeaderView):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setHighlightSections(True)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        return QSize(size.width() + AIR, size.height())


def handover_table(model: RowTableModel[Any], name: str) -> QTableView:
    """A table of the page: rows selected whole, read-only, its elastic column stretched."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setItemDelegate(_RoomyDelegate(view))
    view.setHorizontalHeader(_RoomyHeader(view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    # Rows as tall as their wrapped text: a long item name takes two lines.
    rows = view.verticalHeader()
    rows.setMinimumSectionSize(rows.defaultSectionSize())  # one line keeps its air
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setWordWrap(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(model.column_of(ELASTIC), QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    view.setTabKeyNavigation(False)  # Tab moves on to the next part of the page
    return view
