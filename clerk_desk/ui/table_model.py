"""One table model for every list of rows: columns are specs, not ``data()`` branches.

A :class:`Column` says what a column shows of a row: its header (translated
when asked, so a language change needs no rebuild), its text, and optionally a
tooltip, an alignment, text and background colours, a check box and a sort
key. :class:`RowTableModel` shows a list of rows through such columns; the
lazy case list (``case_list_model.CaseListModel``) reads its rows a page at a
time but answers ``data()`` through the same specs (:func:`column_data`).

A screen's model is a few lines::

    model = RowTableModel[BackupFile](
        [
            Column(lambda: tr("When"), lambda b: f"{b.taken_at:%Y-%m-%d %H:%M}"),
            Column(lambda: tr("File"), lambda b: str(b.path)),
        ],
        key=lambda b: str(b.path),
    )
    model.set_rows(backups)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

__all__ = ["ALIGN_CENTRE", "ALIGN_RIGHT", "Column", "RowTableModel", "column_data"]

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
Row = TypeVar("Row")
ALIGN_CENTRE = Qt.AlignmentFlag.AlignCenter
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class Column(Generic[Row]):
    """What one column shows of a row.

    ``header`` is called each time the header is painted (``tr()`` in the
    screen's context). ``value`` is the display text. ``check`` makes the cell a
    check box (``set_check`` ticks it). ``sort_key`` orders the rows when the
    view sorts by this column (default: the text). ``name`` finds the column
    (:meth:`RowTableModel.column_of`).
    """

    header: Callable[[], str]
    value: Callable[[Row], str]
    name: str = ""
    tooltip: Callable[[Row], str | None] | None = None
    alignment: Qt.AlignmentFlag | None = None
    foreground: Callable[[Row], QColor | None] | None = None
    background: Callable[[Row], QColor | None] | None = None
    check: Callable[[Row], bool] | None = None
    set_check: Callable[[Row, bool], None] | None = None
    sort_key: Callable[[Row], Any] | None = None


def column_data(column: Column[Row], row: Row, role: int) -> Any:
    """The data of ``row`` in ``column`` for a role (None where the spec says nothing)."""
    if role == Role.DisplayRole:
        return column.value(row)
    if role == Role.ToolTipRole:
        return column.tooltip(row) if column.tooltip is not None else None
    if role == Role.TextAlignmentRole:
        return int(column.alignment) if column.alignment is not None else None
    if role == Role.ForegroundRole and column.foreground is not None:
        colour = column.foreground(row)
        return QBrush(colour) if colour is not None else None
    if role == Role.BackgroundRole and column.background is not None:
        colour = column.background(row)
        return QBrush(colour) if colour is not None else None
    if role == Role.CheckStateRole and column.check is not None:
        return Qt.CheckState.Checked if column.check(row) else Qt.CheckState.Unchecked
    return None


def header_data(
    columns: Sequence[Column[Row]], section: int, orientation: Qt.Orientation, role: int
) -> Any:
    if orientation != Qt.Orientation.Horizontal or role != Role.DisplayRole:
        return None
    if not 0 <= section < len(columns):
        return None
    return columns[section].header()


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """A list of rows shown through :class:`Column` specs (lists of a few hundred rows).

    ``key`` gives a row's id: ``UserRole`` answers it, :meth:`put` and
    :meth:`row_of` find rows by it.
    """

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        *,
        key: Callable[[Row], Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns: tuple[Column[Row], ...] = tuple(columns)
        self._key = key
        self._rows: list[Row] = []

    # -- content -------------------------------------------------------------

    def set_rows(self, rows: Iterable[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[Row]:
        """The rows in the order shown (a copy)."""
        return list(self._rows)

    def row(self, position: int) -> Row:
        return self._rows[position]

    def row_or_none(self, position: int) -> Row | None:
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def row_of(self, key: Any) -> int | None:
        """The position of the row whose key is ``key``, or None."""
        if self._key is None:
            raise TypeError("row_of() needs a model made with a key")
        return next((i for i, r in enumerate(self._rows) if self._key(r) == key), None)

    def put(self, row: Row, *, at: int = 0) -> None:
        """A row changed (same key): update it in place; a new one is inserted ``at``."""
        found = self.row_of(self._key(row)) if self._key is not None else None
        if found is not None:
            self._rows[found] = row
            self.dataChanged.emit(self.index(found, 0), self.index(found, len(self.columns) - 1))
            return
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self.endInsertRows()

    def remove_where(self, gone: Callable[[Row], bool]) -> None:
        for position in reversed(range(len(self._rows))):
            if gone(self._rows[position]):
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._rows[position]
                self.endRemoveRows()

    def refresh(self) -> None:
        """What the columns show changed (not the rows): repaint every cell."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )

    def column_of(self, name: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.name == name)

    # -- Qt model API --------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        return header_data(self.columns, section, orientation, role)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row = self._rows[index.row()]
        if role == Role.UserRole:
            return self._key(row) if self._key is not None else None
        return column_data(self.columns[index.column()], row, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].check is not None:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        if not index.isValid() or role != Role.CheckStateRole:
            return False
        column = self.columns[index.column()]
        if column.set_check is None:
            return False
        column.set_check(self._rows[index.row()], Qt.CheckState(value) == Qt.CheckState.Checked)
        self.dataChanged.emit(index, index, [Role.CheckStateRole])
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        spec = self.columns[column]
        key = spec.sort_key or spec.value
        rows = self._rows
        order_of = sorted(
            range(len(rows)),
            key=lambda i: key(rows[i]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        new_position = {old: new for new, old in enumerate(order_of)}
        self.layoutAboutToBeChanged.emit()
        self._rows = [rows[i] for i in order_of]
        before = self.persistentIndexList()
        after = [self.index(new_position[i.row()], i.column()) for i in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
