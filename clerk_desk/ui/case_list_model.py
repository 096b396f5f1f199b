"""The case list: holds only row keys, reads rows a page at a time (Anki's browser way).

Painting never waits for the database: a row not read yet shows a
placeholder, its page is read on the database thread, and the rows are
filled in (``dataChanged``) when they arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from clerk_desk import tracking_numbers
from clerk_desk.case_lists import CaseRow
from clerk_desk.lifecycle import CaseState
from clerk_desk.supervision import DueLevel
from clerk_desk.ui.table_model import ALIGN_RIGHT, Column, column_data, header_data

Index = QModelIndex | QPersistentModelIndex
PAGE = 100

FetchRows = Callable[[Sequence[int]], list[CaseRow]]


class DbRunner(Protocol):
    """What the model needs of the task runner (``TaskRunner.db``)."""

    def db(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None: ...


def read_rows(fetch_rows: FetchRows, keys: Sequence[int]) -> dict[int, CaseRow | None]:
    """The rows of ``keys`` by key (None: no such case). Blocks: on the database thread."""
    wanted = list(keys)
    rows = fetch_rows(wanted)
    if len(rows) == len(wanted):
        return dict(zip(wanted, rows, strict=True))
    # A key without a case (cases are never deleted, so this should not
    # happen): read one by one to know which.
    out: dict[int, CaseRow | None] = {}
    for key in wanted:
        found = fetch_rows([key])
        out[key] = found[0] if found else None
    return out


LEVEL_COLOURS = {
    DueLevel.GREEN: QColor("#e3f4e1"),
    DueLevel.YELLOW: QColor("#fff2b3"),
    DueLevel.RED: QColor("#f8c9c4"),
}
# A selected row: the same hue, deeper, with black text (the selection's own
# colour would hide the supervision colour; see KeepLevelColourDelegate).
SELECTED_LEVEL_COLOURS = {level: colour.darker(125) for level, colour in LEVEL_COLOURS.items()}
OVERDUE_TEXT = QColor("#a50e0e")


def level_colour(row: CaseRow) -> QColor | None:
    return LEVEL_COLOURS.get(row.due_level)


def days_left_words(left: int) -> str:
    """剩余3个工作日 / 超期2个工作日 / 今日到期 for working days left (negative: overdue)."""
    if left < 0:
        return QCoreApplication.translate("CaseListModel", "%n working day(s) overdue", "", -left)
    if left == 0:
        return QCoreApplication.translate("CaseListModel", "Due today")
    return QCoreApplication.translate("CaseListModel", "%n working day(s) left", "", left)


def days_left_text(row: CaseRow) -> str:
    """The row's working days left in words; empty without a running clock."""
    return "" if row.days_left is None else days_left_words(row.days_left)


class KeepLevelColourDelegate(QStyledItemDelegate):
    """Paints a selected row in a deeper shade of its supervision colour.

    The style paints a selected cell with the palette's highlight and ignores
    the model's ``BackgroundRole``: a red or yellow row would turn plain blue
    when the clerk selects it. Rows without a colour keep the usual highlight.
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if not option.state & QStyle.StateFlag.State_Selected:
            return
        level = index.data(LEVEL_ROLE)
        colour = SELECTED_LEVEL_COLOURS.get(level) if level is not None else None
        if colour is None:
            return
        palette = QPalette(option.palette)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, colour)
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("black"))
        option.palette = palette


# The row's DueLevel (for the delegate and tests).
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1


def state_name(state: CaseState) -> str:
    names = {
        CaseState.CONSULTED: QCoreApplication.translate("CaseState", "consulted"),
        CaseState.COLLECTED: QCoreApplication.translate("CaseState", "collected by agent"),
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
    """The row keys of a whole list; rows are read ``PAGE`` at a time, on the database thread.

    ``fetch_rows`` reads the rows of a page of keys (one indexed query); the
    model runs it through ``runner.db`` and never on the GUI thread. The keys
    are compact integers (``CaseLists.keys``): half a million cost 4 MB.
    Until its page arrives a row shows a placeholder and has no case id.

    Signals:
        rows_arrived(int, int): rows first..last (inclusive) hold their text now.
    """

    COLUMNS = ("tracking", "applicant", "item", "state", "accepted", "due", "clerk")
    rows_arrived = Signal(int, int)

    def __init__(self, fetch_rows: FetchRows, runner: DbRunner) -> None:
        super().__init__()
        self.columns = self._columns()
        assert tuple(c.name for c in self.columns) == self.COLUMNS
        self._fetch_rows = fetch_rows
        self._runner = runner
        self._keys: Sequence[int] = ()
        self._loaded = 0
        self._rows: dict[int, CaseRow | None] = {}
        self._asked: set[int] = set()  # pages being read
        self._generation = 0  # a new list drops the answers for the old one
        self._waiting: dict[int, list[Callable[[CaseRow], None]]] = {}

    def _columns(self) -> tuple[Column[CaseRow], ...]:
        def due(r: CaseRow) -> str:
            text = days_left_text(r)
            return text + " *" if text and r.due_provisional else text

        def due_tip(r: CaseRow) -> str | None:
            if r.due_on is None:
                return None
            tip = self.tr("Due on {date}").format(date=r.due_on.isoformat())
            if r.due_provisional:
                tip += "\n" + self.tr(
                    "Provisional: next year's holiday schedule is not published yet"
                )
            return tip

        def state_tip(r: CaseRow) -> str | None:
            if r.promise_date is None or r.state is not CaseState.TOLERANT_ACCEPTED:
                return None
            return self.tr("Missing materials promised by {date}").format(
                date=r.promise_date.isoformat()
            )

        def overdue(r: CaseRow) -> QColor | None:
            return OVERDUE_TEXT if r.days_left is not None and r.days_left < 0 else None

        def col(
            name: str, header: Callable[[], str], value: Callable[[CaseRow], str], **kw: Any
        ) -> Column[CaseRow]:
            return Column(header, value, name=name, background=level_colour, **kw)

        return (
            col(
                "tracking",
                lambda: self.tr("Tracking no."),
                lambda r: tracking_numbers.display(r.tracking_number),
            ),
            col(
                "applicant",
                lambda: self.tr("Applicant"),
                lambda r: r.applicant_name,
                tooltip=lambda r: r.applicant_name,  # a long name is cut in its column
            ),
            col(
                "item",
                lambda: self.tr("Service item"),
                lambda r: r.item_name,
                tooltip=lambda r: r.item_name,
            ),
            col(
                "state", lambda: self.tr("State"), lambda r: state_name(r.state), tooltip=state_tip
            ),
            col(
                "accepted",
                lambda: self.tr("Accepted"),
                lambda r: r.accepted_on.isoformat() if r.accepted_on else "",
            ),
            col(
                "due",
                lambda: self.tr("Time left"),
                due,
                tooltip=due_tip,
                foreground=overdue,
                alignment=ALIGN_RIGHT,
            ),
            col(
                "clerk",
                lambda: self.tr("Clerk"),
                lambda r: r.first_clerk_name,
                tooltip=lambda r: r.first_clerk_name,
            ),
        )

    # -- content -----------------------------------------------------------

    def set_keys(self, keys: Sequence[int], rows: dict[int, CaseRow | None] | None = None) -> None:
        """A new list; ``rows`` are rows already read with it (the first page, see ``read_rows``)."""
        self.beginResetModel()
        self._generation += 1
        self._keys = keys
        self._rows = dict(rows or {})
        self._asked.clear()
        self._waiting.clear()
        self._loaded = min(PAGE, len(keys))
        self.endResetModel()

    def total(self) -> int:
        return len(self._keys)

    def row_at(self, row: int) -> CaseRow | None:
        """The row if it was read; None while its page is on its way (it is asked for)."""
        key = self._keys[row]
        if key in self._rows:
            return self._rows[key]
        self._request(row // PAGE)
        return None

    def case_id(self, row: int) -> str | None:
        found = self.row_at(row)
        return found.id if found is not None else None

    def with_row(self, row: int, then: Callable[[CaseRow], None]) -> None:
        """Call ``then`` with the row, now if it was read, else when it arrives."""
        found = self.row_at(row)
        if found is not None:
            then(found)
        elif self._keys[row] not in self._rows:
            self._waiting.setdefault(self._keys[row], []).append(then)

    def is_pending(self, row: int) -> bool:
        """True while the row's page is being read."""
        return self._keys[row] not in self._rows

    def refresh_case(self, case_id: str) -> None:
        """One case changed: read its row again (the old one shows until the new arrives)."""
        for pos, key in enumerate(self._keys[: self._loaded]):
            cached = self._rows.get(key)
            if cached is not None and cached.id == case_id:
                self._read([key], pos // PAGE, force=True)
                return

    # -- reading -------------------------------------------------------------

    def _request(self, page: int) -> None:
        if page in self._asked:
            return
        start = page * PAGE
        keys = [k for k in self._keys[start : start + PAGE] if k not in self._rows]
        if keys:
            self._read(keys, page)

    def _read(self, keys: list[int], page: int, *, force: bool = False) -> None:
        if not force:
            self._asked.add(page)
        generation, fetch = self._generation, self._fetch_rows

        def done(rows: dict[int, CaseRow | None]) -> None:
            # From the next turn of the event loop: a read that finished at
            # once may be delivered inside data(), and a model must not
            # signal changes while the view asks it for data.
            QTimer.singleShot(0, self, lambda: self._arrived(generation, page, rows, force=force))

        def failed(error: BaseException) -> None:
            if generation == self._generation and not force:
                self._asked.discard(page)  # asked again at the next paint

        self._runner.db(lambda: read_rows(fetch, keys), done, failed)

    def _arrived(
        self, generation: int, page: int, rows: dict[int, CaseRow | None], *, force: bool
    ) -> None:
        if generation != self._generation:
            return  # the list was replaced meanwhile
        if not force:
            self._asked.discard(page)
        self._rows.update(rows)
        positions = [
            pos
            for pos in range(page * PAGE, min(self._loaded, (page + 1) * PAGE))
            if self._keys[pos] in rows
        ]
        if positions:
            first, last = positions[0], positions[-1]
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.COLUMNS) - 1))
            self.rows_arrived.emit(first, last)
        for key, row in rows.items():
            for then in self._waiting.pop(key, []):
                if row is not None:
                    then(row)

    # -- Qt model API --------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._loaded < len(self._keys)

    def fetchMore(self, parent: Index) -> None:
        """More rows for the view: only keys here, their rows are read when painted."""
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
        return header_data(self.columns, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self._loaded):
            return None
        if role not in _ROLES:
            return None
        r = self.row_at(index.row())
        if r is None:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return self.tr("Loading...") if self.is_pending(index.row()) else ""
            return None
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role == LEVEL_ROLE:
            return r.due_level
        return column_data(self.columns[index.column()], r, role)


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.UserRole,
        LEVEL_ROLE,
    }
)
