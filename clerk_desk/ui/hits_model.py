"""The list of service items matching the clerk's search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from clerk_desk.catalog import StoredItem
from clerk_desk.item_search import SearchHit


class HitsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._hits: list[SearchHit] = []

    def reset(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        item = self._hits[index.row()].item.item
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.name}    {item.department} · {item.code}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.conditions or None
        if role == Qt.ItemDataRole.UserRole:
            return item.code
        return None

    def item_at(self, row: int) -> StoredItem:
        return self._hits[row].item
