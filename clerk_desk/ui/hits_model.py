"""The list of service items matching the clerk's search, and how a hit is drawn.

A hit shows the item's name and, muted and on the right, its department and
code. The list is as wide as its view: nothing needs a horizontal scroll bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from clerk_desk.catalog import StoredItem
from clerk_desk.item_search import SearchHit

Index = QModelIndex | QPersistentModelIndex

# The parts of a hit, for the delegate (DisplayRole keeps the whole line, for
# keyboard search and screen readers).
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
DEPARTMENT_ROLE = Qt.ItemDataRole.UserRole + 2
CODE_ROLE = Qt.ItemDataRole.UserRole + 3
SEPARATOR = " · "


class HitsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._hits: list[SearchHit] = []

    def reset(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._hits[index.row()].item.item
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.name}    {item.department}{SEPARATOR}{item.code}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.conditions or None
        if role == Qt.ItemDataRole.UserRole:
            return item.code
        if role == NAME_ROLE:
            return item.name
        if role == DEPARTMENT_ROLE:
            return item.department
        if role == CODE_ROLE:
            return item.code
        return None

    def item_at(self, row: int) -> StoredItem:
        return self._hits[row].item


@dataclass(frozen=True)
class HitLayout:
    """How one hit fits a width: its name, the detail beside or below it."""

    name: str
    detail: str  # "department · code"; below the name in two lines: "department\ncode"
    detail_below: bool  # the detail does not fit beside the name: line(s) of its own
    name_lines: int
    detail_lines: int = 1


def hit_layout(fm: QFontMetrics, width: int, name: str, department: str, code: str) -> HitLayout:
    """Lay a hit out in ``width`` pixels of text.

    The name is never elided: similar items differ at their end (…参保登记,
    …待遇申领), and neither is the department: two items of one name differ by
    it. Beside the name, ``department · code`` when all of it fits; else the
    detail goes below the name (a name wider than the list wraps), on one line
    when it fits, else the department on one line and the code on the next (only
    a code wider than the whole list is elided, in its middle).
    """
    gap = fm.horizontalAdvance("    ")
    full = f"{department}{SEPARATOR}{code}" if department else code
    name_width = fm.horizontalAdvance(name)
    if width - name_width - gap >= fm.horizontalAdvance(full):
        return HitLayout(name, full, False, 1)
    lines = 1
    if name_width > width:
        wrapped = fm.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, name)
        lines = max(1, round(wrapped.height() / fm.lineSpacing()))
    if fm.horizontalAdvance(full) <= width or not department:
        shown = full if fm.horizontalAdvance(full) <= width else _elided_code(fm, code, width)
        return HitLayout(name, shown, True, lines)
    return HitLayout(name, f"{department}\n{_elided_code(fm, code, width)}", True, lines, 2)


def _elided_code(fm: QFontMetrics, code: str, room: int) -> str:
    if fm.horizontalAdvance(code) <= room:
        return code
    return fm.elidedText(code, Qt.TextElideMode.ElideMiddle, room)


class HitsDelegate(QStyledItemDelegate):
    """Draws a hit as laid out by :func:`hit_layout`, as wide as the view's viewport."""

    def __init__(self, view: QListView, parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self._view = view

    @staticmethod
    def install(view: QListView) -> HitsDelegate:
        """Give ``view`` this delegate: rows fit the width and follow it when it changes."""
        delegate = HitsDelegate(view)
        view.setItemDelegate(delegate)
        view.setUniformItemSizes(False)
        view.setResizeMode(QListView.ResizeMode.Adjust)  # sizes again at every new width
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        return delegate

    def _margin(self) -> int:
        style = self._view.style()
        return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self._view) + 1

    def text_width(self) -> int:
        """Pixels of text a row gets: the viewport less the style's text margins."""
        return max(1, self._view.viewport().width() - 2 * self._margin())

    def layout(self, option: QStyleOptionViewItem, index: Index) -> HitLayout:
        return hit_layout(
            option.fontMetrics,
            self.text_width(),
            str(index.data(NAME_ROLE) or ""),
            str(index.data(DEPARTMENT_ROLE) or ""),
            str(index.data(CODE_ROLE) or ""),
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        fm = opt.fontMetrics
        opt.text = "X"  # the style's padding around one line of text
        padding = max(0, super().sizeHint(opt, index).height() - fm.height())
        laid = self.layout(opt, index)
        lines = laid.name_lines + (laid.detail_lines if laid.detail_below else 0)
        height = fm.height() + (lines - 1) * fm.lineSpacing() + padding
        return QSize(self._view.viewport().width(), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        laid = self.layout(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Normal
            if opt.state & QStyle.StateFlag.State_Enabled
            else QPalette.ColorGroup.Disabled
        )
        if group == QPalette.ColorGroup.Normal and not (opt.state & QStyle.StateFlag.State_Active):
            group = QPalette.ColorGroup.Inactive
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        main = opt.palette.color(group, text_role)
        muted = main if selected else opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
        fm = opt.fontMetrics
        margin = self._margin()
        rect = opt.rect.adjusted(margin, 0, -margin, 0)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(main)
        valign = Qt.AlignmentFlag.AlignVCenter
        if not laid.detail_below:
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | valign), laid.name)
            painter.setPen(muted)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | valign), laid.detail)
        else:
            name_height = fm.height() + (laid.name_lines - 1) * fm.lineSpacing()
            detail_height = laid.detail_lines * fm.lineSpacing()
            top = rect.top() + max(0, (rect.height() - name_height - detail_height) // 2)
            name_rect = QRect(rect.left(), top, rect.width(), name_height)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            painter.drawText(name_rect, int(flags) | int(Qt.TextFlag.TextWordWrap), laid.name)
            detail_rect = QRect(rect.left(), top + name_height, rect.width(), detail_height)
            painter.setPen(muted)
            painter.drawText(
                detail_rect,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                laid.detail,
            )
        painter.restore()
