"""The main window: case lists on the left, the work on the right."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from datetime import date
from functools import partial
from itertools import chain
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabBar,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from clerk_desk import tracking_numbers
from clerk_desk.backups import may_back_up
from clerk_desk.case_documents import DocumentInfo
from clerk_desk.case_lists import CaseListFilter, CaseRow, SearchResult, View, views_for
from clerk_desk.cases import CaseView
from clerk_desk.errors import ClerkDeskError
from clerk_desk.id_card import IdCardData, validate_card
from clerk_desk.lifecycle import CaseState
from clerk_desk.ui.actions import action_button, shortcut_tooltip
from clerk_desk.ui.case_list_model import (
    PAGE,
    CaseListModel,
    KeepLevelColourDelegate,
    days_left_words,
    read_rows,
    state_name,
)
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.intake_panel import IntakePanel
from clerk_desk.ui.messages import describe, without_paths
from clerk_desk.ui.preview import PreviewDialog
from clerk_desk.ui.session_windows import SessionWindows
from clerk_desk.ui.staff_page import may_open_staff_page
from clerk_desk.ui.terminal_status import (
    PrinterKind,
    PrinterState,
    TerminalStatus,
    freeze_words,
)

INDEX_DELAY_MS = 1500
# The item column is at least this many CJK characters wide (see _size_columns).
# At 1366x768 the intake beside the list needs its room, so the column gets
# what is left (about 100 px in Chinese): longer names are cut ("…"; Qt's
# middle elision mangles CJK text in item views), and the current row's full
# name is shown under the list (``current_item``).
ITEM_NAME_CHARS = 6
WARNING_STYLE = "color: #b00020; font-weight: bold"


class LockScreen(QWidget):
    """Shown after the idle time: the same clerk's password unlocks, or log out.

    Keys: Enter unlocks; Ctrl+Shift+Q logs out (the main window's key for it).

    Signals:
        unlocked(): the password was right.
        logout_requested(): the clerk chose to log out instead.
    """

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self._ctx = ctx
        self._checking = False
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.password = QLineEdit()
        self.password.setObjectName("unlock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("unlock_error")
        self.error.setStyleSheet("color: #b00020")
        self.unlock_button, self.unlock_action = action_button(
            self, self.tr("&Unlock"), "Return", self._try, "unlock"
        )
        # The keypad's Enter too; the tooltip names the main one.
        self.unlock_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.logout_button, self.logout_action = action_button(
            self, self.tr("Log &out"), "Ctrl+Shift+Q", self.logout_requested.emit, "lock_logout"
        )
        box = QVBoxLayout()
        box.addStretch(1)
        box.addWidget(self.label)
        box.addWidget(self.password)
        box.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.unlock_button)
        row.addWidget(self.logout_button)
        box.addLayout(row)
        box.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(box)
        outer.addStretch(1)
        self.password.returnPressed.connect(self._try)

    def prepare(self) -> None:
        staff = self._ctx.login.require()
        self.label.setText(
            self.tr("Locked. {name}, enter your password to go on.").format(name=staff.name)
        )
        self.password.clear()
        self.error.clear()
        self.password.setFocus()

    def _try(self) -> None:
        if self._checking:
            return  # Enter pressed twice: one check is under way
        staff = self._ctx.login.require()
        password = self.password.text()
        self.password.clear()
        desk = self._ctx.desk
        self._checking = True
        self.unlock_button.setEnabled(False)

        def done(ok: Any) -> None:
            self._checking = False
            self.unlock_button.setEnabled(True)
            if ok is not None:
                self.unlocked.emit()
            else:
                self.error.setText(self.tr("Wrong password."))

        def failed(error: BaseException) -> None:
            self._checking = False
            self.unlock_button.setEnabled(True)
            self.error.setText(describe(error))

        self._ctx.runner.db(lambda: desk.staff.authenticate(staff.login, password), done, failed)


class MainWindow(QMainWindow):
    """Case lists, intake, case detail, catalog, handover, staff; status bar; idle lock.

    Signals:
        logout_requested(): the clerk logs out (the app shows the login window).
        list_loaded(int): the case list was (re)read; how many cases it holds.
        settings_changed(object): the clerk saved new TerminalSettings.
        screen_locked(): the lock screen is up (the idle watcher pauses).
        screen_unlocked(): the clerk unlocked it (the idle watcher starts again).
        restore_requested(str): a supervisor confirmed restoring this checked backup file.
    """

    logout_requested = Signal()
    restore_requested = Signal(str)
    list_loaded = Signal(int)
    settings_changed = Signal(object)
    screen_locked = Signal()
    screen_unlocked = Signal()

    def __init__(
        self,
        ctx: UiContext,
        *,
        pages: dict[str, Callable[[UiContext], QWidget]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self._ctx = ctx
        staff = ctx.login.require()
        self.setWindowTitle(
            self.tr("ClerkDesk - {centre} - window {window} - {name}").format(
                centre=ctx.desk.settings().centre_name, window=staff.window or "-", name=staff.name
            )
        )
        self._view: View = "mine"
        self._views = views_for(staff.role)
        self._actions: list[QAction] = []
        self._windows = SessionWindows(self)

        # Left: search, list tabs, the case table.
        self.search = QLineEdit()
        self.search.setObjectName("case_search")
        self.search.setPlaceholderText(self.tr("Tracking no., ID number, name or phone (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.tabs = QTabBar()
        self.tabs.setObjectName("case_tabs")
        # A supervisor's eight lists, their counts in full-width parentheses, side by side
        # at 1366x768: the style's padding would push the last ones behind scroll buttons.
        self.tabs.setStyleSheet("QTabBar#case_tabs::tab { padding: 4px 6px; }")
        for _view in self._views:
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
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tabs)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.current_item)
        left_layout.addWidget(self.list_status)
        # From the search, Tab goes to its results; the list tabs have Alt+1...
        QWidget.setTabOrder(self.search, self.table)
        QWidget.setTabOrder(self.table, self.tabs)

        # Right: the work.
        self.stack = QStackedWidget()
        self.intake = IntakePanel(ctx)
        self.stack.addWidget(self.intake)
        self.pages: dict[str, QWidget] = {"intake": self.intake}
        for name, make in (pages or {}).items():
            page = make(ctx)
            self.pages[name] = page
            self.stack.addWidget(page)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)

        self.lock_screen = LockScreen(ctx)
        self.outer = QStackedWidget()
        self.outer.addWidget(self.splitter)
        self.outer.addWidget(self.lock_screen)
        # The freeze policy's warning at login: a line above everything, until closed; it
        # takes no focus and blocks nothing (the status bar keeps saying it).
        self.freeze_banner = QWidget()
        self.freeze_banner.setObjectName("freeze_banner")
        self.freeze_banner_text = QLabel()
        self.freeze_banner_text.setObjectName("freeze_banner_text")
        self.freeze_banner_text.setTextFormat(Qt.TextFormat.PlainText)
        self.freeze_banner_text.setWordWrap(True)
        self.freeze_banner_text.setStyleSheet(WARNING_STYLE)
        self.freeze_banner_close = QPushButton(self.tr("Close"))
        self.freeze_banner_close.setObjectName("freeze_banner_close")
        self.freeze_banner_close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.freeze_banner_close.clicked.connect(self.freeze_banner.hide)
        banner_row = QHBoxLayout(self.freeze_banner)
        banner_row.setContentsMargins(6, 4, 6, 4)
        banner_row.addWidget(self.freeze_banner_text, 1)
        banner_row.addWidget(self.freeze_banner_close)
        self.freeze_banner.setVisible(False)
        central = QWidget()
        central_column = QVBoxLayout(central)
        central_column.setContentsMargins(0, 0, 0, 0)
        central_column.setSpacing(0)
        central_column.addWidget(self.freeze_banner)
        central_column.addWidget(self.outer, 1)
        self.setCentralWidget(central)

        # Status bar: sync, changes waiting to sync, the printers, a placeholder
        # status URL (TerminalStatus holds them).
        self.sync_label = QLabel()
        self.sync_label.setObjectName("sync_status")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pending_status")
        # The printer of the paper documents are made in; the other paper's when set.
        self.printer_label = QLabel()
        self.printer_label.setObjectName("printer_status")
        self.printer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.other_printer_label = QLabel()
        self.other_printer_label.setObjectName("other_printer_status")
        self.other_printer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_url_label = QLabel()
        self.status_url_label.setObjectName("status_url_status")
        self.status_url_label.setTextFormat(Qt.TextFormat.PlainText)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busy_status")
        # While the demo account is the only active account: this is no real counter yet.
        self.demo_status_label = QLabel(self.tr("Demo account: not for real cases"))
        self.demo_status_label.setObjectName("demo_status")
        self.demo_status_label.setStyleSheet(WARNING_STYLE)
        self.demo_status_label.setToolTip(
            self.tr(
                "Its password is public. An admin is created with the first-start dialog "
                "or clerk-desk staff add LOGIN --name NAME --role admin; that disables it."
            )
        )
        self.demo_status_label.setVisible(False)
        # While the data's disk has less free space than the setting low_disk_warning_mb.
        self.disk_status_label = QLabel()
        self.disk_status_label.setObjectName("disk_status")
        self.disk_status_label.setStyleSheet(WARNING_STYLE)
        self.disk_status_label.setVisible(False)
        # The freeze policy: days without a successful sync, changes waiting (non-blocking).
        self.freeze_label = QLabel()
        self.freeze_label.setObjectName("freeze_status")
        self.freeze_label.setTextFormat(Qt.TextFormat.PlainText)
        self.freeze_label.setStyleSheet(WARNING_STYLE)
        self.freeze_label.setVisible(False)
        # Said once per login on the banner (see _show_freeze).
        self._freeze_told = False
        bar = self.statusBar()
        for w in (
            self.freeze_label,
            self.disk_status_label,
            self.demo_status_label,
            self.sync_label,
            self.pending_label,
            self.printer_label,
            self.other_printer_label,
            self.status_url_label,
        ):
            bar.addPermanentWidget(w)
        bar.addWidget(self.busy_label)
        self.status = TerminalStatus(ctx, self)
        self.status.changed.connect(self._show_status)
        self.status.failed.connect(self._show_message)

        self._make_actions()
        self.tabs.currentChanged.connect(self._tab_changed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.reload_list)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.reload_list)
        self.table.activated.connect(self._open_case)
        self.table.selectionModel().currentRowChanged.connect(self._show_current_item)
        self.model.modelReset.connect(self._show_current_item)
        self.model.rows_arrived.connect(self._show_current_item)
        self.intake.outcome_reached.connect(self._outcome)
        # Every saved step, whichever screen ran it (its operation publishes it).
        ctx.changes.case_changed.connect(self._case_changed)
        detail = self.pages.get("detail")
        if detail is not None:
            if hasattr(detail, "preview_requested"):
                detail.preview_requested.connect(self.open_preview)
            if hasattr(detail, "intake_requested"):
                detail.intake_requested.connect(self._take_up_in_intake)
            if hasattr(detail, "back_requested"):
                detail.back_requested.connect(self._back_to_list)
        handover = self.pages.get("handover")
        if handover is not None and hasattr(handover, "intake_requested"):
            handover.intake_requested.connect(self._take_up_in_intake)
        catalog = self.pages.get("catalog")
        if catalog is not None and hasattr(catalog, "item_chosen"):
            catalog.item_chosen.connect(self._intake_with_item)
        ctx.runner.busy_changed.connect(self._busy_changed)
        ctx.runner.task_failed.connect(self._show_message)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.logout_requested.connect(self.logout_requested)

        self._show_status()
        # The list first: it is what the clerk looks at; the item search index
        # (seconds on a big catalog's first build) and the status follow.
        self.list_loaded.connect(self._first_list_loaded)
        self.reload_list()
        self.status.refresh()
        self.resize(1366, 740)
        self._size_columns()
        self.show_intake()

    # -- actions ----------------------------------------------------------------

    def _action(
        self,
        name: str,
        text: str,
        shortcut: str | QKeySequence.StandardKey,
        slot: Callable[[], Any],
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        seq = QKeySequence(shortcut)
        action.setShortcut(seq)
        action.setToolTip(shortcut_tooltip(text, seq))
        action.triggered.connect(slot)
        self.addAction(action)
        self._actions.append(action)
        return action

    def _make_actions(self) -> None:
        tb = QToolBar(self.tr("Actions"))
        tb.setObjectName("main_toolbar")
        tb.setMovable(False)
        self.addToolBar(tb)
        tb.addAction(self._action("new_intake", self.tr("New intake"), "F2", self.show_intake))
        tb.addAction(
            self._action("recheck", self.tr("Re-check returning applicant"), "F4", self._recheck)
        )
        tb.addAction(self._action("find", self.tr("Find case"), "Ctrl+F", self._focus_search))
        tb.addAction(self._action("read_card", self.tr("Read ID card"), "F8", self.read_card))
        if "detail" in self.pages:
            tb.addAction(
                self._action("open_case", self.tr("Open case"), "Ctrl+O", self._open_selected)
            )
        if "catalog" in self.pages:
            tb.addAction(
                self._action(
                    "catalog", self.tr("Service guide"), "F6", lambda: self._show("catalog")
                )
            )
        if "handover" in self.pages:
            tb.addAction(
                self._action("handover", self.tr("Handover"), "F7", lambda: self._show("handover"))
            )
        if "staff" in self.pages and may_open_staff_page(self._ctx.login.require().role):
            tb.addAction(self._action("staff", self.tr("Staff"), "F9", lambda: self._show("staff")))
        if "sync" in self.pages:
            tb.addAction(self._action("sync", self.tr("Sync"), "F10", lambda: self._show("sync")))
        sync = self._ctx.sync
        if sync is not None:  # 立即同步 from anywhere in the window
            self._action(
                "sync_now", self.tr("Sync now"), "Ctrl+Shift+Y", lambda: sync.sync_now("key")
            )
        tb.addAction(self._action("settings", self.tr("Settings"), "Ctrl+,", self.open_settings))
        if may_back_up(self._ctx.login.require().role):
            tb.addAction(
                self._action("backups", self.tr("Backups"), "Ctrl+Shift+B", self.open_backups)
            )
        tb.addSeparator()
        lock = self._action("lock", self.tr("Lock screen"), "Ctrl+L", self.lock)
        logout = self._action(
            "logout", self.tr("Log out"), "Ctrl+Shift+Q", self.logout_requested.emit
        )
        tb.addAction(lock)
        tb.addAction(logout)
        # From anywhere in the session: a preview or dialog open over the window too.
        self._windows.share([lock, logout])
        for i in range(len(self._views)):
            self._action(
                f"list_{self._views[i]}",
                self.tr("List {n}").format(n=i + 1),
                f"Alt+{i + 1}",
                partial(self.tabs.setCurrentIndex, i),
            )

    def open_settings(self) -> None:
        from clerk_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._ctx, self)
        dialog.settings_saved.connect(self._settings_saved)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def open_backups(self) -> None:
        from clerk_desk.ui.backup_dialog import BackupDialog

        dialog = BackupDialog(self._ctx, self)
        dialog.restore_requested.connect(self.restore_requested)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def _settings_saved(self, settings: Any) -> None:
        # Every screen heard of them from the save's operation; the app applies the language.
        self.settings_changed.emit(settings)

    def _show(self, name: str) -> None:
        # A page reads what it shows when it is shown (its showEvent), so it
        # is never stale when the clerk comes to it.
        page = self.pages[name]
        self.stack.setCurrentWidget(page)
        page.setFocus()

    def show_intake(self) -> None:
        self.stack.setCurrentWidget(self.intake)
        if self.intake.case is not None and self.intake.case.state.value not in ("consulted",):
            self.intake.reset()
        self.intake.id_edit.setFocus()

    def _intake_with_item(self, stored: Any) -> None:
        self.show_intake()
        self.intake.item_edit.setText(stored.item.code)

    def read_card(self) -> None:
        """Read the card on the reader (off the GUI thread) into a new intake."""
        reader = self._ctx.reader
        if reader is None:
            self.statusBar().showMessage(
                self.tr(
                    "No card reader with a driver is set up; a keyboard reader types into the ID field."
                ),
                8000,
            )
            self.show_intake()
            return
        today = self._ctx.desk.clock.today()

        def read() -> IdCardData | None:
            card = reader.read_card()
            return validate_card(card, today=today) if card is not None else None

        def done(card: IdCardData | None) -> None:
            if card is None:
                self.statusBar().showMessage(self.tr("No card on the reader."), 5000)
                return
            self.stack.setCurrentWidget(self.intake)
            if self.intake.case is not None:
                self.intake.reset()
            self.intake.load_card(card)

        def failed(error: BaseException) -> None:
            self._show_message(describe(error), 8000)

        self._ctx.runner.io(read, done, failed)

    def _show_message(self, message: str, timeout: int = 10_000) -> None:
        """A message on the status bar, paths cut to their file names (in full: the tooltip)."""
        short = without_paths(message)
        self.statusBar().setToolTip(message if short != message else "")
        self.statusBar().showMessage(short, timeout)

    def _busy_changed(self, busy: bool) -> None:
        # A bound method, not a lambda: Qt drops the connection with the window.
        self.busy_label.setText(self.tr("Working...") if busy else "")

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _take_up_in_intake(self, case_id: str) -> None:
        """From the case detail: re-check a notice's materials, or go on with the intake."""
        self.stack.setCurrentWidget(self.intake)
        self.intake.open_case(case_id)

    def _recheck(self) -> None:
        # On the case detail, F4 takes up the case shown (the page cannot bind F4 itself).
        detail = self.pages.get("detail")
        if self.stack.currentWidget() is detail and detail.request_intake():  # type: ignore[union-attr]
            return
        self.stack.setCurrentWidget(self.intake)
        if not self.intake.recheck_waiting():
            self.statusBar().showMessage(
                self.tr("Enter the returning applicant's ID number first."), 5000
            )
            self.intake.id_edit.setFocus()

    # -- the case list ------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        self._view = self._views[index]
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

        def read() -> tuple[array[int], SearchResult | None, dict[int, CaseRow | None]]:
            # A search: its first matches and a count up to a cap, never every match.
            found = lists.search(flt) if flt.search.strip() else None
            keys = found.keys if found is not None else lists.keys(flt)
            return keys, found, read_rows(lists.rows_by_key, keys[:PAGE])

        def show(loaded: tuple[array[int], SearchResult | None, dict[int, CaseRow | None]]) -> None:
            keys, found, first_page = loaded
            selected = self._selected_case_id()
            self.model.set_keys(keys, first_page)
            if selected is not None:  # a step on the case read the list again: keep its row
                self._select_case(selected)
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
            return self.tr("%n case(s)", "", shown)
        # Counts with a thousands separator in both languages: 3,214.
        if found.more:
            text = self.tr("More than {matched} matches, showing the first {shown}")
        else:
            text = self.tr("{matched} matches, showing the first {shown}")
        return text.format(matched=f"{found.matched:,}", shown=f"{shown:,}")

    def _first_list_loaded(self, _count: int) -> None:
        self.list_loaded.disconnect(self._first_list_loaded)
        # A big catalog's first index build takes the CPU for a moment: let the
        # first screens settle; a search typed before then runs when it is ready.
        QTimer.singleShot(INDEX_DELAY_MS, self.intake.load_index)

    def _set_tab_texts(self, counts: dict[str, int]) -> None:
        names = {
            "mine": self.tr("Mine"),
            "all": self.tr("All"),
            "today": self.tr("Today"),
            "due_soon": self.tr("Due soon"),
            "overdue": self.tr("Overdue"),
            "waiting": self.tr("Waiting"),
            "promises": self.tr("Promises"),
            "earlier_drafts": self.tr("Earlier drafts"),
        }
        for i, view in enumerate(self._views):
            self.tabs.setTabText(
                i, self.tr("{view} ({count})").format(view=names[view], count=counts.get(view, 0))
            )
            self.tabs.setTabToolTip(i, f"Alt+{i + 1}")

    def _size_columns(self) -> None:
        """Columns as wide as the longest thing they show, in this font and language.

        The item's name stretches over what is left; the left side is made
        wide enough that no column hides behind a horizontal scroll bar.
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
        # Four CJK characters for an applicant and a clerk (most names; longer
        # ones are cut, the demo's 演示窗口员 too, until the state names follow
        # the glossary and the state column narrows).
        cjk = fm.horizontalAdvance("\u738b")
        contents = {
            "tracking": tracking_width,
            "applicant": 4 * cjk,
            "state": max(fm.horizontalAdvance(state_name(s)) for s in CaseState),
            "accepted": fm.horizontalAdvance("8888-88-88"),
            # 剩余88个工作日 / 超期88个工作日, and " *" for a provisional due date.
            "due": max(fm.horizontalAdvance(days_left_words(n)) for n in (88, -88))
            + fm.horizontalAdvance(" *"),
            "clerk": 4 * cjk,
            "item": ITEM_NAME_CHARS * cjk,
        }
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + 8)
        total = 0
        for col, name in enumerate(CaseListModel.COLUMNS):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            width = max(contents[name] + pad, hfm.horizontalAdvance(title) + pad)
            total += width
            if name != "item":  # the item stretches: this much at least, by the left side's width
                self.table.setColumnWidth(col, width)
        # The table's frame, its vertical scroll bar, the left side's margins.
        chrome = (
            2 * self.table.frameWidth()
            + style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.table)
            + 8
            + 4
        )
        left = total + chrome
        width = max(self.width(), left + 400)
        self.splitter.setSizes([left, width - left])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange) and hasattr(
            self, "status"
        ):
            self._size_columns()  # (not while the window is still being made)

    def _show_current_item(self, *_args: object) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        self.current_item.setText(row.item_name if row is not None else "")

    def _open_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.statusBar().showMessage(
                self.tr("No case is selected: choose one in the list (Ctrl+F finds it)."), 5000
            )
            return
        self._open_case(index)

    def _open_case(self, index: QModelIndex) -> None:
        if not index.isValid() or "detail" not in self.pages:
            return
        self.table.selectRow(index.row())  # still selected when the clerk comes back (Esc)
        # The row may still be on its way from the database: open it when it arrives.
        self.model.with_row(index.row(), lambda row: self._show_detail(row.id))

    def _show_detail(self, case_id: str) -> None:
        detail = self.pages["detail"]
        self.stack.setCurrentWidget(detail)
        # The page's keys work only with focus inside it: it takes the keyboard.
        detail.show_case(case_id, focus=True)  # type: ignore[attr-defined]

    def _select_case(self, case_id: str) -> bool:
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

    def _selected_case_id(self) -> str | None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        if not rows or self.model.is_pending(rows[0].row()):
            return None
        return self.model.case_id(rows[0].row())

    def _back_to_list(self) -> None:
        """Esc on the case page: the keyboard back on the list, the case's row selected."""
        shown = getattr(self.pages.get("detail"), "case", None)
        if shown is not None:
            self._select_case(shown.id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _case_changed(self, _case: CaseView) -> None:
        # The list is read again (the case may have moved between lists); a
        # background save landing after logout changes no screen.
        if self._ctx.login.staff is None:
            return
        self.reload_list()

    # -- documents ------------------------------------------------------------

    def _outcome(self, case: CaseView, docs: list[DocumentInfo], error: str | None) -> None:
        if docs:
            self.open_preview(docs, after=self.show_intake)

    def open_preview(
        self, docs: list[DocumentInfo], after: Callable[[], None] | None = None
    ) -> PreviewDialog:
        dialog = PreviewDialog(self._ctx, docs, self)

        def finished(_result: int) -> None:
            dialog.deleteLater()
            if after is not None:
                after()

        dialog.finished.connect(finished)
        dialog.open()
        dialog.print_button.setFocus()
        return dialog

    # -- status bar, lock --------------------------------------------------------

    def refresh_status(self) -> None:
        """Count the changes waiting to sync and check the printer again (off the GUI thread)."""
        self.status.refresh()

    def _show_status(self) -> None:
        status = self.status
        self.demo_status_label.setVisible(bool(status.demo_only))
        self.disk_status_label.setVisible(status.low_disk_mb is not None)
        if status.low_disk_mb is not None:
            self.disk_status_label.setText(
                self.tr("Disk almost full: {free} MB free").format(free=status.low_disk_mb)
            )
            self.disk_status_label.setToolTip(
                self.tr(
                    "When the disk is full no case can be saved. Ask for space to be freed; "
                    "the limit is set in Settings (Ctrl+,)."
                )
            )
        self._show_freeze()
        text, tip, warn = status.sync_summary()
        self.sync_label.setText(text)
        self.sync_label.setToolTip(tip)
        self.sync_label.setStyleSheet(WARNING_STYLE if warn else "")
        if status.pending is None:
            self.pending_label.clear()
        else:
            self.pending_label.setText(self.tr("%n change(s) waiting to sync", "", status.pending))
        shown = list(status.printers.items())
        # The paper is named when two printers are shown, or the only one is the roll's.
        named = len(shown) > 1 or status.paper != "a4"
        labels = (self.printer_label, self.other_printer_label)
        for label, (layout, printer) in zip(labels, shown, strict=False):
            text, tip, warn = self._printer_status(printer, layout if named else None)
            label.setText(text)
            label.setToolTip(tip)
            label.setStyleSheet(WARNING_STYLE if warn else "")
        self.other_printer_label.setVisible(len(shown) > 1)
        placeholder = status.placeholder_status_url
        self.status_url_label.setVisible(placeholder)
        if placeholder:
            self.status_url_label.setText(self.tr("Documents carry a placeholder status address"))
            self.status_url_label.setToolTip(
                self.tr(
                    "The public status URL is still the example address {url}: the documents "
                    "and their QR codes send applicants nowhere. A supervisor or an admin sets "
                    "the centre's real address in Settings (Ctrl+,)."
                ).format(url=self._ctx.desk.settings().public_status_url)
            )
            self.status_url_label.setStyleSheet(WARNING_STYLE)

    def _show_freeze(self) -> None:
        """The freeze policy on the status bar; at login, once, on the banner."""
        freeze = self.status.freeze
        warned = freeze is not None and freeze.warned
        self.freeze_label.setVisible(warned)
        if freeze is None or not warned:
            self.freeze_banner.setVisible(False)  # a sync succeeded meanwhile
            return
        short, full = freeze_words(freeze)
        self.freeze_label.setText(short)
        self.freeze_label.setToolTip(full)
        self.freeze_banner_text.setText(full)
        if not self._freeze_told:
            self._freeze_told = True
            self.freeze_banner.setVisible(True)

    def _paper_name(self, layout: str) -> str:
        if layout == "roll80":
            return self.tr("80 mm roll")
        if layout == "a4":
            return self.tr("A4")
        return layout

    def _printer_status(self, printer: PrinterState, layout: str | None) -> tuple[str, str, bool]:
        """The label text, tooltip and whether it warns, for one printer.

        ``layout`` names the printer's paper in the text (None: the only printer, A4).
        """
        paper = self._paper_name(layout) if layout is not None else ""
        if printer.kind is PrinterKind.NONE:
            if layout is None:
                text = self.tr("No printer chosen")
                tip = self.tr("Choose the printer in Settings (Ctrl+,).")
            else:
                text = self.tr("No {paper} printer chosen").format(paper=paper)
                tip = self.tr("Choose the printer for {paper} paper in Settings (Ctrl+,).").format(
                    paper=paper
                )
            return text, tip, True
        if printer.kind is PrinterKind.FOLDER:
            name = self.tr("PDF folder {name}").format(name=printer.name)
        elif printer.kind is PrinterKind.QT and not printer.name:
            name = self.tr("system default printer")
        else:
            name = printer.name
        if printer.ready is None:
            tip = self.tr("Checking the printer...")
            if layout is None:
                return self.tr("Printer: {name}").format(name=name), tip, False
            return self.tr("{paper} printer: {name}").format(paper=paper, name=name), tip, False
        if printer.ready:
            if layout is None:
                text = self.tr("Printer: {name}, ready").format(name=name)
            else:
                text = self.tr("{paper} printer: {name}, ready").format(paper=paper, name=name)
            # Readable: a folder's full path, else the name (never cups:QUEUE).
            folder = printer.setting.partition(":")[2] if printer.kind is PrinterKind.FOLDER else ""
            return text, folder or text, False
        if layout is None:
            text = self.tr("Printer: {name}, not ready").format(name=name)
        else:
            text = self.tr("{paper} printer: {name}, not ready").format(paper=paper, name=name)
        return text, printer.problem, True

    @property
    def locked(self) -> bool:
        return self.outer.currentWidget() is self.lock_screen

    def lock(self) -> None:
        """Show the lock screen; every other window of the session is hidden until unlock."""
        if self.locked:
            return
        self._windows.cover()
        for action in self._actions + self.intake.actions():
            action.setEnabled(False)
        self.outer.setCurrentWidget(self.lock_screen)
        self.activateWindow()  # a hidden dialog had the keyboard: the lock screen takes it
        self.lock_screen.prepare()
        self.screen_locked.emit()

    def unlock(self) -> None:
        for action in self._actions + self.intake.actions():
            action.setEnabled(True)
        self.intake.update_actions()  # the outcome keys only where the intake allows them
        self.outer.setCurrentIndex(0)
        self._windows.uncover()
        self.status.refresh()
        self.screen_unlocked.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Logout: the session's dialogs go with it (hidden ones from a lock too).
        self._windows.close_all()
        event.accept()
