"""The case list: holds only ids, fetches rows a page at a time (Anki's browser way)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from clerk_desk import tracking_numbers
from clerk_desk.case_lists import CaseRow
from clerk_desk.lifecycle import CaseState
from clerk_desk.supervision import DueLevel

Index = QModelIndex | QPersistentModelIndex
PAGE = 100

LEVEL_COLOURS = {
    DueLevel.GREEN: QColor("#e3f4e1"),
    DueLevel.YELLOW: QColor("#fff2b3"),
    DueLevel.RED: QColor("#f8c9c4"),
}


def state_name(state: CaseState) -> str:
    names = {
        CaseState.CONSULTED: QCoreApplication.translate("CaseState", "consulted"),
        CaseState.NOTICE_ISSUED: QCoreApplication.translate("CaseState", "notice issued"),
        CaseState.ACCEPTED: QCoreApplication.translate("CaseState", "accepted"),
        CaseState.TOLERANT_ACCEPTED: QCoreApplication.translate("CaseState", "tolerant-accepted"),
        CaseState.REJECTED: QCoreApplication.translate("CaseState", "rejected"),
        CaseState.IN_PROGRESS: QCoreApplication.translate("CaseState", "in progress"),
        CaseState.SUSPENDED: QCoreApplication.translate("CaseState", "suspended"),
        CaseState.DECIDED: QCoreApplication.translate("CaseState", "decided"),
        CaseState.COMPLETED: QCoreApplication.translate("CaseState", "completed"),
        CaseState.DELIVERED: QCoreApplication.translate("CaseState", "delivered"),
        CaseState.WITHDRAWN: QCoreApplication.translate("CaseState", "withdrawn"),
    }
    return names[state]


class CaseListModel(QAbstractTableModel):
    """The row keys of a whole list; rows are read ``PAGE`` at a time as the view needs them.

    ``fetch_rows`` reads the rows of a page of keys (one indexed query). The
    keys are compact integers (``CaseLists.keys``): half a million cost 4 MB.
    """

    COLUMNS = ("tracking", "applicant", "item", "state", "due", "clerk")

    def __init__(self, fetch_rows: Callable[[Sequence[int]], list[CaseRow]]) -> None:
        super().__init__()
        self._fetch_rows = fetch_rows
        self._keys: Sequence[int] = ()
        self._loaded = 0
        self._rows: dict[int, CaseRow] = {}

    # -- content -----------------------------------------------------------

    def set_keys(self, keys: Sequence[int]) -> None:
        self.beginResetModel()
        self._keys = keys
        self._rows.clear()
        self._loaded = min(PAGE, len(keys))
        self.endResetModel()

    def total(self) -> int:
        return len(self._keys)

    def case_id(self, row: int) -> str:
        return self.row_at(row).id

    def refresh_case(self, case_id: str) -> None:
        """One case changed: drop its cached row so it is read again."""
        for pos, key in enumerate(self._keys[: self._loaded]):
            cached = self._rows.get(key)
            if cached is not None and cached.id == case_id:
                del self._rows[key]
                self.dataChanged.emit(self.index(pos, 0), self.index(pos, len(self.COLUMNS) - 1))
                return

    # -- Qt model API --------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._loaded < len(self._keys)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        more = min(PAGE, len(self._keys) - self._loaded)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + more - 1)
        self._loaded += more
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            self.tr("Tracking no."),
            self.tr("Applicant"),
            self.tr("Service item"),
            self.tr("State"),
            self.tr("Due"),
            self.tr("Clerk"),
        ][section]

    def row_at(self, row: int) -> CaseRow:
        key = self._keys[row]
        cached = self._rows.get(key)
        if cached is None:
            start = (row // PAGE) * PAGE
            page = [k for k in self._keys[start : start + PAGE] if k not in self._rows]
            self._rows.update(zip(page, self._fetch_rows(page), strict=True))
            cached = self._rows[key]
        return cached

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self._loaded):
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.UserRole,
        ):
            return None
        r = self.row_at(index.row())
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = LEVEL_COLOURS.get(r.due_level)
            return QBrush(colour) if colour is not None else None
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "due" and r.due_provisional:
                return self.tr("Provisional: next year's holiday schedule is not published yet")
            return None
        if col == "tracking":
            return tracking_numbers.display(r.tracking_number)
        if col == "applicant":
            return r.applicant_name
        if col == "item":
            return r.item_name
        if col == "state":
            return state_name(r.state)
        if col == "due":
            if r.due_on is None:
                return ""
            return r.due_on.isoformat() + (" *" if r.due_provisional else "")
        return r.first_clerk_name
