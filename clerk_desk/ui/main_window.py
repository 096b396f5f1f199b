"""The main window: the case lists on the left, the work on the right.

``MainWindow`` is the shell: the actions and their keys, the page stack, the
lock, and the wiring between the parts, which live in their own modules:
``case_list_pane.CaseListPane`` (the left side), ``main_status_bar`` (the
status bar and the freeze banner), ``lock_screen.LockScreen``. The pages beside
the intake are made by ``PageFactories`` (``app.default_pages()`` in the app).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.backups import may_back_up
from clerk_desk.case_documents import DocumentInfo
from clerk_desk.cases import CaseView
from clerk_desk.catalog import StoredItem
from clerk_desk.id_card import IdCardData, validate_card
from clerk_desk.settings import TerminalSettings
from clerk_desk.ui.actions import shortcut_tooltip
from clerk_desk.ui.case_list_model import CaseListModel
from clerk_desk.ui.case_list_pane import CaseListPane
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.intake_panel import IntakePanel
from clerk_desk.ui.lock_screen import LockScreen
from clerk_desk.ui.main_status_bar import FreezeBanner, MainStatusBar
from clerk_desk.ui.messages import describe
from clerk_desk.ui.ops import OpChanges
from clerk_desk.ui.preview import PreviewDialog
from clerk_desk.ui.session_windows import SessionWindows
from clerk_desk.ui.staff_page import may_open_staff_page
from clerk_desk.ui.terminal_status import TerminalStatus

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QLineEdit, QTabBar, QTableView

    from clerk_desk.ui.case_detail import CaseDetail
    from clerk_desk.ui.catalog_browser import CatalogBrowser
    from clerk_desk.ui.handover_page import HandoverPage
    from clerk_desk.ui.staff_page import StaffPage
    from clerk_desk.ui.sync_page import SyncPage

INDEX_DELAY_MS = 1500


@dataclass(frozen=True)
class PageFactories:
    """How the main window makes its pages beside the intake; None: no such page.

    A page left out has no key either (a widget test makes only what it needs).
    The app's set is ``app.default_pages()``.
    """

    detail: Callable[[UiContext], CaseDetail] | None = None
    catalog: Callable[[UiContext], CatalogBrowser] | None = None
    handover: Callable[[UiContext], HandoverPage] | None = None
    staff: Callable[[UiContext], StaffPage] | None = None
    sync: Callable[[UiContext], SyncPage] | None = None


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

    # False until the window is made: a font or language change then sizes nothing.
    _made = False

    def __init__(
        self,
        ctx: UiContext,
        *,
        pages: PageFactories | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        pages = pages if pages is not None else PageFactories()
        self.setObjectName("main_window")
        self._ctx = ctx
        staff = ctx.login.require()
        self.setWindowTitle(
            self.tr("ClerkDesk - {centre} - window {window} - {name}").format(
                centre=ctx.desk.settings().centre_name, window=staff.window or "-", name=staff.name
            )
        )
        self._actions: list[QAction] = []
        self._windows = SessionWindows(self)

        # Left: search, list tabs, the case table.
        self.case_list = CaseListPane(ctx)

        # Right: the work.
        self.stack = QStackedWidget()
        self.intake = IntakePanel(ctx)
        self.detail_page = pages.detail(ctx) if pages.detail is not None else None
        self.catalog_page = pages.catalog(ctx) if pages.catalog is not None else None
        self.handover_page = pages.handover(ctx) if pages.handover is not None else None
        self.staff_page = pages.staff(ctx) if pages.staff is not None else None
        self.sync_page = pages.sync(ctx) if pages.sync is not None else None
        made: dict[str, QWidget | None] = {
            "intake": self.intake,
            "detail": self.detail_page,
            "catalog": self.catalog_page,
            "handover": self.handover_page,
            "staff": self.staff_page,
            "sync": self.sync_page,
        }
        # Every page in the stack by name, the intake first (tests and tools look them up).
        self.pages: dict[str, QWidget] = {n: p for n, p in made.items() if p is not None}
        for page in self.pages.values():
            self.stack.addWidget(page)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.case_list)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)

        self.lock_screen = LockScreen(ctx)
        self.outer = QStackedWidget()
        self.outer.addWidget(self.splitter)
        self.outer.addWidget(self.lock_screen)
        self.freeze_banner = FreezeBanner()
        central = QWidget()
        central_column = QVBoxLayout(central)
        central_column.setContentsMargins(0, 0, 0, 0)
        central_column.setSpacing(0)
        central_column.addWidget(self.freeze_banner)
        central_column.addWidget(self.outer, 1)
        self.setCentralWidget(central)

        # Status bar: sync, changes waiting to sync, the printers, a placeholder
        # status URL (its TerminalStatus holds them).
        self.status_bar = MainStatusBar(ctx, self.freeze_banner)
        self.setStatusBar(self.status_bar)

        self._make_actions()
        self.case_list.list_loaded.connect(self.list_loaded)
        self.intake.outcome_reached.connect(self._outcome)
        # Every saved step, whichever screen ran it, and every sync that pulled
        # cases (their operations publish them).
        ctx.changes.op_executed.connect(self._op_executed)
        if self.detail_page is not None:
            self.case_list.case_opened.connect(self._show_detail)
            self.detail_page.preview_requested.connect(self.open_preview)
            self.detail_page.intake_requested.connect(self._take_up_in_intake)
            self.detail_page.back_requested.connect(self._back_to_list)
        if self.handover_page is not None:
            self.handover_page.intake_requested.connect(self._take_up_in_intake)
        if self.catalog_page is not None:
            self.catalog_page.item_chosen.connect(self._intake_with_item)
        # Bound methods, not lambdas: Qt drops the connections with the window.
        ctx.runner.busy_changed.connect(self.status_bar.set_busy)
        ctx.runner.task_failed.connect(self.status_bar.show_message)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.logout_requested.connect(self.logout_requested)

        self.status_bar.show_status()
        # The list first: it is what the clerk looks at; the item search index
        # (seconds on a big catalog's first build) and the status follow.
        self.list_loaded.connect(self._first_list_loaded)
        self.reload_list()
        self.status.refresh()
        self.resize(1366, 740)
        self._made = True
        self._size_columns()
        self.show_intake()

    # -- the parts, as tests and tools know them ------------------------------------

    @property
    def search(self) -> QLineEdit:
        return self.case_list.search

    @property
    def tabs(self) -> QTabBar:
        return self.case_list.tabs

    @property
    def model(self) -> CaseListModel:
        return self.case_list.model

    @property
    def table(self) -> QTableView:
        return self.case_list.table

    @property
    def current_item(self) -> QLabel:
        return self.case_list.current_item

    @property
    def list_status(self) -> QLabel:
        return self.case_list.list_status

    @property
    def status(self) -> TerminalStatus:
        return self.status_bar.status

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
        tb.addAction(
            self._action("find", self.tr("Find case"), "Ctrl+F", self.case_list.focus_search)
        )
        tb.addAction(self._action("read_card", self.tr("Read ID card"), "F8", self.read_card))
        if self.detail_page is not None:
            tb.addAction(
                self._action("open_case", self.tr("Open case"), "Ctrl+O", self._open_selected)
            )
        if self.catalog_page is not None:
            tb.addAction(
                self._action(
                    "catalog",
                    self.tr("Service guide"),
                    "F6",
                    partial(self._show, self.catalog_page),
                )
            )
        if self.handover_page is not None:
            tb.addAction(
                self._action(
                    "handover", self.tr("Handover"), "F7", partial(self._show, self.handover_page)
                )
            )
        if self.staff_page is not None and may_open_staff_page(self._ctx.login.require().role):
            tb.addAction(
                self._action("staff", self.tr("Staff"), "F9", partial(self._show, self.staff_page))
            )
        if self.sync_page is not None:
            tb.addAction(
                self._action("sync", self.tr("Sync"), "F10", partial(self._show, self.sync_page))
            )
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
        for i, view in enumerate(self.case_list.views):
            self._action(
                f"list_{view}",
                self.tr("List {n}").format(n=i + 1),
                f"Alt+{i + 1}",
                partial(self.case_list.tabs.setCurrentIndex, i),
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

    def _settings_saved(self, settings: TerminalSettings) -> None:
        # Every screen heard of them from the save's operation; the app applies the language.
        self.settings_changed.emit(settings)

    def _show(self, page: QWidget) -> None:
        # A page reads what it shows when it is shown (its showEvent), so it
        # is never stale when the clerk comes to it.
        self.stack.setCurrentWidget(page)
        page.setFocus()

    def show_intake(self) -> None:
        self.stack.setCurrentWidget(self.intake)
        if self.intake.case is not None and self.intake.case.state.value not in ("consulted",):
            self.intake.reset()
        self.intake.id_edit.setFocus()

    def _intake_with_item(self, stored: StoredItem) -> None:
        self.show_intake()
        self.intake.item_edit.setText(stored.item.code)

    def read_card(self) -> None:
        """Read the card on the reader (off the GUI thread) into a new intake."""
        reader = self._ctx.reader
        if reader is None:
            self.status_bar.showMessage(
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
                self.status_bar.showMessage(self.tr("No card on the reader."), 5000)
                return
            self.stack.setCurrentWidget(self.intake)
            if self.intake.case is not None:
                self.intake.reset()
            self.intake.load_card(card)

        def failed(error: BaseException) -> None:
            self.status_bar.show_message(describe(error), 8000)

        self._ctx.runner.io(read, done, failed)

    def _take_up_in_intake(self, case_id: str) -> None:
        """From the case detail: re-check a notice's materials, or go on with the intake."""
        self.stack.setCurrentWidget(self.intake)
        self.intake.open_case(case_id)

    def _recheck(self) -> None:
        # On the case detail, F4 takes up the case shown (the page cannot bind F4 itself).
        detail = self.detail_page
        if detail is not None and self.stack.currentWidget() is detail and detail.request_intake():
            return
        self.stack.setCurrentWidget(self.intake)
        if not self.intake.recheck_waiting():
            self.status_bar.showMessage(
                self.tr("Enter the returning applicant's ID number first."), 5000
            )
            self.intake.id_edit.setFocus()

    # -- the case list and the case detail -------------------------------------------

    def reload_list(self) -> None:
        """Read the case list again (off the GUI thread); ``list_loaded`` says when it is in."""
        self.case_list.reload_list()

    def _first_list_loaded(self, _count: int) -> None:
        self.list_loaded.disconnect(self._first_list_loaded)
        # A big catalog's first index build takes the CPU for a moment: let the
        # first screens settle; a search typed before then runs when it is ready.
        QTimer.singleShot(INDEX_DELAY_MS, self.intake.load_index)

    def _size_columns(self) -> None:
        """The list's columns sized to this font and language, and the left side wide enough for them."""
        left = self.case_list.size_columns()
        width = max(self.width(), left + 400)
        self.splitter.setSizes([left, width - left])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self._made and event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange):
            self._size_columns()

    def _open_selected(self) -> None:
        if not self.case_list.open_current():
            self.status_bar.showMessage(
                self.tr("No case is selected: choose one in the list (Ctrl+F finds it)."), 5000
            )

    def _show_detail(self, case_id: str) -> None:
        detail = self.detail_page
        if detail is None:
            return
        self.stack.setCurrentWidget(detail)
        # The page's keys work only with focus inside it: it takes the keyboard.
        detail.show_case(case_id, focus=True)

    def _back_to_list(self) -> None:
        """Esc on the case page: the keyboard back on the list, the case's row selected."""
        shown = self.detail_page.case if self.detail_page is not None else None
        self.case_list.focus_list(shown.id if shown is not None else None)

    def _op_executed(self, changes: OpChanges, _initiator: object) -> None:
        # The list is read again (a case may have moved between lists), once an
        # operation; a background save landing after logout changes no screen.
        if self._ctx.login.staff is None or not (changes.cases or changes.case_lists):
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
