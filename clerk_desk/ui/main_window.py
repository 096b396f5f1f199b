"""The main window: case lists on the left, the work on the right."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.case_documents import DocumentInfo
from clerk_desk.case_lists import VIEWS, CaseListFilter
from clerk_desk.cases import CaseView
from clerk_desk.errors import ClerkDeskError
from clerk_desk.id_card import IdCardData, validate_card
from clerk_desk.ui.case_list_model import CaseListModel
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.intake_panel import IntakePanel
from clerk_desk.ui.messages import describe
from clerk_desk.ui.preview import PreviewDialog

INDEX_DELAY_MS = 1500


class LockScreen(QWidget):
    """Shown after the idle time: the same clerk's password unlocks, or log out.

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
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.password = QLineEdit()
        self.password.setObjectName("unlock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("unlock_error")
        self.error.setStyleSheet("color: #b00020")
        unlock = QPushButton(self.tr("&Unlock"))
        unlock.setObjectName("unlock_button")
        logout = QPushButton(self.tr("Log &out"))
        logout.setObjectName("lock_logout_button")
        box = QVBoxLayout()
        box.addWidget(self.label)
        box.addWidget(self.password)
        box.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(unlock)
        row.addWidget(logout)
        box.addLayout(row)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(box)
        outer.addStretch(1)
        unlock.clicked.connect(self._try)
        self.password.returnPressed.connect(self._try)
        logout.clicked.connect(self.logout_requested)

    def prepare(self) -> None:
        staff = self._ctx.login.require()
        self.label.setText(
            self.tr("Locked. {name}, enter your password to go on.").format(name=staff.name)
        )
        self.password.clear()
        self.error.clear()
        self.password.setFocus()

    def _try(self) -> None:
        staff = self._ctx.login.require()
        password = self.password.text()
        self.password.clear()
        desk = self._ctx.desk

        def done(ok: Any) -> None:
            if ok is not None:
                self.unlocked.emit()
            else:
                self.error.setText(self.tr("Wrong password."))

        self._ctx.runner.db(lambda: desk.staff.authenticate(staff.login, password), done)


class MainWindow(QMainWindow):
    """Case lists, intake, case detail, catalog, handover; status bar; idle lock.

    Signals:
        logout_requested(): the clerk logs out (the app shows the login window).
        list_loaded(int): the case list was (re)read; how many cases it holds.
        settings_changed(object): the clerk saved new TerminalSettings.
    """

    logout_requested = Signal()
    list_loaded = Signal(int)
    settings_changed = Signal(object)

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
        self._view = "mine"
        self._actions: list[QAction] = []
        self._focus_before_lock: QWidget | None = None

        # Left: search, list tabs, the case table.
        self.search = QLineEdit()
        self.search.setObjectName("case_search")
        self.search.setPlaceholderText(self.tr("Tracking no., ID number, name or phone (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.tabs = QTabBar()
        self.tabs.setObjectName("case_tabs")
        for _view in VIEWS:
            self.tabs.addTab("")
        self.model = CaseListModel(ctx.desk.case_lists.rows_by_key)
        self.table = QTableView()
        self.table.setObjectName("case_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((112, 62, 118, 78, 80)):
            self.table.setColumnWidth(col, width)
        self.list_status = QLabel()
        self.list_status.setObjectName("list_status")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tabs)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.list_status)

        # Right: the work.
        self.stack = QStackedWidget()
        self.intake = IntakePanel(ctx)
        self.stack.addWidget(self.intake)
        self.pages: dict[str, QWidget] = {"intake": self.intake}
        for name, make in (pages or {}).items():
            page = make(ctx)
            self.pages[name] = page
            self.stack.addWidget(page)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([470, 890])

        self.lock_screen = LockScreen(ctx)
        self.outer = QStackedWidget()
        self.outer.addWidget(splitter)
        self.outer.addWidget(self.lock_screen)
        self.setCentralWidget(self.outer)

        # Status bar: connection, changes waiting to sync, last sync, printer.
        self.sync_label = QLabel()
        self.sync_label.setObjectName("sync_status")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pending_status")
        self.last_sync_label = QLabel()
        self.last_sync_label.setObjectName("last_sync_status")
        self.printer_label = QLabel()
        self.printer_label.setObjectName("printer_status")
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busy_status")
        bar = self.statusBar()
        for w in (self.sync_label, self.pending_label, self.last_sync_label, self.printer_label):
            bar.addPermanentWidget(w)
        bar.addWidget(self.busy_label)

        self._make_actions()
        self.tabs.currentChanged.connect(self._tab_changed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.reload_list)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.reload_list)
        self.table.activated.connect(self._open_case)
        self.intake.case_changed.connect(self._case_changed)
        self.intake.outcome_reached.connect(self._outcome)
        detail = self.pages.get("detail")
        if detail is not None:
            if hasattr(detail, "case_changed"):
                detail.case_changed.connect(self._case_changed)
            if hasattr(detail, "preview_requested"):
                detail.preview_requested.connect(self.open_preview)
        catalog = self.pages.get("catalog")
        if catalog is not None and hasattr(catalog, "item_chosen"):
            catalog.item_chosen.connect(self._intake_with_item)
        ctx.runner.busy_changed.connect(
            lambda busy: self.busy_label.setText(self.tr("Working...") if busy else "")
        )
        ctx.runner.task_failed.connect(lambda msg: self.statusBar().showMessage(msg, 10_000))
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.logout_requested.connect(self.logout_requested)

        self.refresh_status()
        # The list first: it is what the clerk looks at; the item search index
        # (seconds on a big catalog's first build) follows.
        self.list_loaded.connect(self._first_list_loaded)
        self.reload_list()
        self.resize(1366, 740)
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
        native = seq.toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text.replace('&', '')} ({native})")
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
        tb.addAction(self._action("settings", self.tr("Settings"), "Ctrl+,", self.open_settings))
        tb.addSeparator()
        tb.addAction(self._action("lock", self.tr("Lock screen"), "Ctrl+L", self.lock))
        tb.addAction(
            self._action("logout", self.tr("Log out"), "Ctrl+Shift+Q", self.logout_requested.emit)
        )
        for i in range(len(VIEWS)):
            self._action(
                f"list_{VIEWS[i]}",
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

    def _settings_saved(self, settings: Any) -> None:
        self.refresh_status()
        self.settings_changed.emit(settings)

    def _show(self, name: str) -> None:
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
            self.statusBar().showMessage(describe(error), 8000)

        self._ctx.runner.io(read, done, failed)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _recheck(self) -> None:
        self.stack.setCurrentWidget(self.intake)
        if not self.intake.recheck_waiting():
            self.statusBar().showMessage(
                self.tr("Enter the returning applicant's ID number first."), 5000
            )
            self.intake.id_edit.setFocus()

    # -- the case list ------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        self._view = VIEWS[index]
        self.reload_list()

    def current_filter(self) -> CaseListFilter:
        staff = self._ctx.login.require()
        return CaseListFilter(view=self._view, clerk_id=staff.id, search=self.search.text())  # type: ignore[arg-type]

    def reload_list(self) -> None:
        """Read the ids of the current list (off the GUI thread) and the tab counts."""
        try:
            flt = self.current_filter()
        except ClerkDeskError as exc:
            self.list_status.setText(describe(exc))
            return
        lists = self._ctx.desk.case_lists
        staff_id = self._ctx.login.require().id

        def show(keys: array[int]) -> None:
            self.model.set_keys(keys)
            self.list_status.setText(self.tr("{n} cases").format(n=len(keys)))
            self.list_loaded.emit(len(keys))

        def failed(error: BaseException) -> None:
            self.list_status.setText(describe(error))

        # The list first (what the clerk waits for), the tab counts after it.
        self._ctx.runner.db(lambda: lists.keys(flt), show, failed)
        self._ctx.runner.db(
            lambda: {str(k): n for k, n in lists.counts(staff_id).items()},
            self._set_tab_texts,
            failed,
        )

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
        }
        for i, view in enumerate(VIEWS):
            self.tabs.setTabText(i, f"{names[view]} ({counts.get(view, 0)})")
            self.tabs.setTabToolTip(i, f"Alt+{i + 1}")

    def _open_selected(self) -> None:
        self._open_case(self.table.currentIndex())

    def _open_case(self, index: QModelIndex) -> None:
        if not index.isValid() or "detail" not in self.pages:
            return
        case_id = self.model.case_id(index.row())
        detail = self.pages["detail"]
        self.stack.setCurrentWidget(detail)
        detail.show_case(case_id)  # type: ignore[attr-defined]

    def _case_changed(self, case: CaseView) -> None:
        self.model.refresh_case(case.id)
        self.reload_list()
        self.refresh_status()

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
            self.refresh_status()
            if after is not None:
                after()

        dialog.finished.connect(finished)
        dialog.open()
        dialog.print_button.setFocus()
        return dialog

    # -- status bar, lock --------------------------------------------------------

    def refresh_status(self) -> None:
        desk = self._ctx.desk
        printer = desk.settings().printer
        self.printer_label.setText(
            self.tr("Printer: {name}").format(name=printer)
            if printer
            else self.tr("Printer: none chosen")
        )
        self.sync_label.setText(self.tr("Offline"))
        self.sync_label.setToolTip(
            self.tr("Sync with the county server is not set up on this terminal.")
        )
        self.last_sync_label.setText(self.tr("Last sync: never"))
        self._ctx.runner.db(
            desk.pending_changes,
            lambda n: self.pending_label.setText(
                self.tr("{n} changes waiting to sync").format(n=n)
            ),
        )

    @property
    def locked(self) -> bool:
        return self.outer.currentWidget() is self.lock_screen

    def lock(self) -> None:
        if self.locked:
            return
        self._focus_before_lock = QApplication.focusWidget()
        for action in self._actions + self.intake.actions():
            action.setEnabled(False)
        self.outer.setCurrentWidget(self.lock_screen)
        self.lock_screen.prepare()

    def unlock(self) -> None:
        for action in self._actions + self.intake.actions():
            action.setEnabled(True)
        self.outer.setCurrentIndex(0)
        if self._focus_before_lock is not None:
            self._focus_before_lock.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
