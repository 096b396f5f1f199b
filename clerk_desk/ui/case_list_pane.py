"""The main window's left side: the search, the list tabs, the case table."""

from __future__ import annotations

from array import array
from datetime import date
from itertools import chain
from typing import TypeAlias

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_desk import tracking_numbers
from clerk_desk.case_lists import CaseListFilter, CaseRow, SearchResult, View, views_for
from clerk_desk.errors import ClerkDeskError
from clerk_desk.lifecycle import CaseState
from clerk_desk.ui.case_list_model import (
    PAGE,
    CaseListModel,
    KeepLevelColourDelegate,
    days_left_words,
    read_rows,
    state_name,
)
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.messages import describe

# The words were the main window's before this pane was split from it: they
# keep its translation context.
translate = QCoreApplication.translate

# The item column is at least this many CJK characters wide (see size_columns).
# At 1366x768 the intake beside the list needs its room, so the column gets
# what is left (about 100 px in Chinese): longer names are cut ("…"; Qt's
# middle elision mangles CJK text in item views), and the current row's full
# name is shown under the list (``current_item``).
ITEM_NAME_CHARS = 6
# The pane's layout margins, left and right (size_columns counts them).
MARGIN = 4

# What a read of the list brings: its keys, the search (if any), the first page of rows.
_Loaded: TypeAlias = tuple["array[int]", SearchResult | None, dict[int, CaseRow | None]]


class CaseListPane(QWidget):
    """The clerk's case lists (one tab per view of their role), searched and opened.

    The table holds row keys only (``CaseListModel``); the current row's item
    is shown in full under it, and the list's count (or the search's matches)
    under that. Keys: Tab from the search goes to its results; Enter or a
    double click opens a row.

    Signals:
        case_opened(str): a row was opened; the id of its case (when the row has arrived).
        list_loaded(int): the list was (re)read; how many cases it holds.
    """

    case_opened = Signal(str)
    list_loaded = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._view: View = "mine"
        self.views = views_for(ctx.login.require().role)

        self.search = QLineEdit()
        self.search.setObjectName("case_search")
        self.search.setPlaceholderText(
            translate("MainWindow", "Tracking no., ID number, name or phone (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.tabs = QTabBar()
        self.tabs.setObjectName("case_tabs")
        # A supervisor's eight lists, their counts in full-width parentheses, side by side
        # at 1366x768: the style's padding would push the last ones behind scroll buttons.
        self.tabs.setStyleSheet("QTabBar#case_tabs::tab { padding: 4px 6px; }")
        for _view in self.views:
            self.tabs.addTab("")
        self.model = CaseListModel(ctx.desk.case_lists.rows_by_key, ctx.runner)
        self.table = QTableView()
        self.table.setObjectName("case_table")
        self.table.setModel(self.model)
        # A selected row keeps its supervision colour, in a deeper shade.
        self.table.setItemDelegate(KeepLevelColourDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Tab leaves the table (Qt's default walks its cells); arrows move in it.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # The item's name takes what is left; the others are as wide as what they show.
        header.setSectionResizeMode(
            CaseListModel.COLUMNS.index("item"), QHeaderView.ResizeMode.Stretch
        )
        # The current row's item in full: a long name is cut in its column.
        self.current_item = QLabel()
        self.current_item.setObjectName("current_item")
        self.current_item.setTextFormat(Qt.TextFormat.PlainText)
        self.current_item.setWordWrap(True)
        self.list_status = QLabel()
        self.list_status.setObjectName("list_status")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(self.search)
        layout.addWidget(self.tabs)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.current_item)
        layout.addWidget(self.list_status)
        # From the search, Tab goes to its results; the list tabs have Alt+1...
        QWidget.setTabOrder(self.search, self.table)
        QWidget.setTabOrder(self.table, self.tabs)

        self.tabs.currentChanged.connect(self._tab_changed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.reload_list)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.reload_list)
        self.table.activated.connect(self.open_row)
        self.table.selectionModel().currentRowChanged.connect(self._show_current_item)
        self.model.modelReset.connect(self._show_current_item)
        self.model.rows_arrived.connect(self._show_current_item)

    # -- reading the list ----------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        self._view = self.views[index]
        self.reload_list()

    def current_filter(self) -> CaseListFilter:
        staff = self._ctx.login.require()
        return CaseListFilter(
            view=self._view, clerk_id=staff.id, search=self.search.text(), role=staff.role
        )

    def reload_list(self) -> None:
        """Read the current list's keys and first page of rows (off the GUI thread), then the tab counts."""
        try:
            flt = self.current_filter()
        except ClerkDeskError as exc:
            self.list_status.setText(describe(exc))
            return
        lists = self._ctx.desk.case_lists
        staff_id = self._ctx.login.require().id

        def read() -> _Loaded:
            # A search: its first matches and a count up to a cap, never every match.
            found = lists.search(flt) if flt.search.strip() else None
            keys = found.keys if found is not None else lists.keys(flt)
            return keys, found, read_rows(lists.rows_by_key, keys[:PAGE])

        def show(loaded: _Loaded) -> None:
            keys, found, first_page = loaded
            selected = self.selected_case_id()
            self.model.set_keys(keys, first_page)
            if selected is not None:  # a step on the case read the list again: keep its row
                self.select_case(selected)
            self.list_status.setText(self._list_status_text(len(keys), found))
            self.list_loaded.emit(len(keys))

        def failed(error: BaseException) -> None:
            self.list_status.setText(describe(error))

        # The list first (what the clerk waits for), the tab counts after it.
        self._ctx.runner.db(read, show, failed)
        self._ctx.runner.db(
            lambda: {str(k): n for k, n in lists.counts(staff_id).items()},
            self._set_tab_texts,
            failed,
        )

    def _list_status_text(self, shown: int, found: SearchResult | None) -> str:
        if found is None or not found.cut:
            return translate("MainWindow", "%n case(s)", "", shown)
        # Counts with a thousands separator in both languages: 3,214.
        if found.more:
            text = translate("MainWindow", "More than {matched} matches, showing the first {shown}")
        else:
            text = translate("MainWindow", "{matched} matches, showing the first {shown}")
        return text.format(matched=f"{found.matched:,}", shown=f"{shown:,}")

    def _set_tab_texts(self, counts: dict[str, int]) -> None:
        names = {
            "mine": translate("MainWindow", "Mine"),
            "all": translate("MainWindow", "All"),
            "today": translate("MainWindow", "Today"),
            "due_soon": translate("MainWindow", "Due soon"),
            "overdue": translate("MainWindow", "Overdue"),
            "waiting": translate("MainWindow", "Waiting"),
            "promises": translate("MainWindow", "Promises"),
            "earlier_drafts": translate("MainWindow", "Earlier drafts"),
        }
        for i, view in enumerate(self.views):
            self.tabs.setTabText(
                i,
                translate("MainWindow", "{view} ({count})").format(
                    view=names[view], count=counts.get(view, 0)
                ),
            )
            self.tabs.setTabToolTip(i, f"Alt+{i + 1}")

    # -- sizes ---------------------------------------------------------------------

    def size_columns(self) -> int:
        """Columns as wide as the longest thing they show, in this font and language.

        The item's name stretches over what is left. Returns the pane's width
        at which no column hides behind a horizontal scroll bar (the main
        window gives it that much).
        """
        fm = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        hfm = header.fontMetrics()
        style = self.table.style()
        # A cell's text margins on both sides, and a little air.
        pad = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1)
        pad += fm.horizontalAdvance("  ")
        # A number of either form (old stores hold 13-symbol ones) in its widest symbols.
        today = self._ctx.desk.clock.today()
        samples = (
            (tracking_numbers.compose("00000", today, 1), "0123456789"),
            (
                tracking_numbers.legacy_compose("222222", date(2020, 1, 1), 0),
                tracking_numbers.LEGACY_ALPHABET,
            ),
        )
        tracking_width = 0
        for number, symbols in samples:
            widest = max(fm.horizontalAdvance(c) for c in symbols)
            shown = tracking_numbers.display(number)
            gaps = sum(fm.horizontalAdvance(c) for c in shown if c not in symbols)
            tracking_width = max(tracking_width, widest * len(number) + gaps)
        # Four CJK characters for an applicant (most names; a longer one is cut,
        # in full on the row's tooltip), five for a clerk: the demo's 演示窗口员.
        cjk = fm.horizontalAdvance("\u738b")
        contents = {
            "tracking": tracking_width,
            "applicant": 4 * cjk,
            "state": max(fm.horizontalAdvance(state_name(s)) for s in CaseState),
            "accepted": fm.horizontalAdvance("8888-88-88"),
            # 剩余88个工作日 / 超期88个工作日, and " *" for a provisional due date.
            "due": max(fm.horizontalAdvance(days_left_words(n)) for n in (88, -88))
            + fm.horizontalAdvance(" *"),
            "clerk": 5 * cjk,
            "item": ITEM_NAME_CHARS * cjk,
        }
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + 8)
        total = 0
        for col, name in enumerate(CaseListModel.COLUMNS):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            width = max(contents[name] + pad, hfm.horizontalAdvance(title) + pad)
            total += width
            if name != "item":  # the item stretches: this much at least, by the pane's width
                self.table.setColumnWidth(col, width)
        # The table's frame, its vertical scroll bar, the pane's margins.
        chrome = (
            2 * self.table.frameWidth()
            + style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.table)
            + 2 * MARGIN
            + 4
        )
        return total + chrome

    # -- rows ----------------------------------------------------------------------

    def _show_current_item(self, *_args: object) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        self.current_item.setText(row.item_name if row is not None else "")

    def open_row(self, index: QModelIndex) -> None:
        """Open the row's case (``case_opened``), now or when the row arrives from the database."""
        if not index.isValid():
            return
        self.table.selectRow(index.row())  # still selected when the clerk comes back (Esc)
        self.model.with_row(index.row(), lambda row: self.case_opened.emit(row.id))

    def open_current(self) -> bool:
        """Open the current row's case; False when no row is current."""
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        self.open_row(index)
        return True

    def select_case(self, case_id: str) -> bool:
        """Select the case's row if it is among the rows read; False if it is not."""
        model = self.model
        current = self.table.currentIndex()
        # Most often it is still where it was; else among the rows read (never asks for more).
        first = [current.row()] if current.isValid() else []
        for row in chain(first, range(model.rowCount())):
            if not model.is_pending(row) and model.case_id(row) == case_id:
                self.table.selectRow(row)
                return True
        return False

    def selected_case_id(self) -> str | None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        if not rows or self.model.is_pending(rows[0].row()):
            return None
        return self.model.case_id(rows[0].row())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_list(self, case_id: str | None = None) -> None:
        """The keyboard on the list, the case's row selected (when it is among the rows read)."""
        if case_id is not None:
            self.select_case(case_id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
