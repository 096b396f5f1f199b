"""The desktop application: first start, login, forced password change, main window,
idle lock, translations."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTranslator,
    qVersion,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from clerk_desk import backups, diagnostics
from clerk_desk.data_dir import ReadOnlyDataDir, is_writable, low_disk, prepare
from clerk_desk.desk import Desk, default_data_dir
from clerk_desk.errors import ClerkDeskError
from clerk_desk.first_run import ensure_ready
from clerk_desk.instance_lock import AppAlreadyRunning, InstanceLock
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.settings import LANGUAGES, TerminalSettings
from clerk_desk.staff import StaffRecord
from clerk_desk.storage import DB_FILENAME
from clerk_desk.ui.backup_dialog import back_up_at_logout, check_store_at_start
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.crash_dialog import CrashReporter, log_qt_messages
from clerk_desk.ui.gui_gc import collect_on_gui_thread
from clerk_desk.ui.idle_lock import IdleWatcher
from clerk_desk.ui.login import LoginWindow
from clerk_desk.ui.messages import describe
from clerk_desk.ui.single_instance import ActivationServer, ask_to_raise
from clerk_desk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from clerk_desk.ui.first_start import FirstStartDialog
    from clerk_desk.ui.main_window import MainWindow, PageFactories
    from clerk_desk.ui.password_change import PasswordChangeDialog

I18N = Path(__file__).resolve().parent / "i18n"
log = logging.getLogger(__name__)


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load ClerkDesk's and Qt's own translations for ``language`` (e.g. zh_CN).

    English is the source language; only its plural forms ("1 case", "2
    cases") need a translation file, ``clerk_desk_en.qm``, loaded when it is
    there (Qt's way: the source says ``%n case(s)``).
    """
    if language.startswith("en"):
        plurals = QTranslator(app)
        if (I18N / "clerk_desk_en.qm").exists() and plurals.load(str(I18N / "clerk_desk_en.qm")):
            app.installTranslator(plurals)
            return [plurals]
        return []
    loaded = []
    ours = QTranslator(app)
    if ours.load(str(I18N / f"clerk_desk_{language}.qm")):
        app.installTranslator(ours)
        loaded.append(ours)
    qt = QTranslator(app)
    if qt.load(
        QLocale(language),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(qt)
        loaded.append(qt)
    return loaded


def default_pages() -> PageFactories:
    """The pages of the main window beside the intake (imported lazily: start-up stays quick)."""
    from clerk_desk.ui.case_detail import CaseDetail
    from clerk_desk.ui.catalog_browser import CatalogBrowser
    from clerk_desk.ui.handover_page import HandoverPage
    from clerk_desk.ui.main_window import PageFactories
    from clerk_desk.ui.staff_page import StaffPage
    from clerk_desk.ui.sync_page import SyncPage

    def handover(ctx: UiContext) -> HandoverPage:
        return HandoverPage(ctx, ctx.desk.handover)

    return PageFactories(
        detail=CaseDetail,
        catalog=CatalogBrowser,
        handover=handover,
        staff=StaffPage,
        sync=SyncPage,
    )


class Application(QObject):
    """Shows the login window, then the main window; locks after the idle time.

    With ``first_start`` (the store has no real admin yet) the first-start
    dialog comes before the login window: it creates the first admin, or the
    clerk continues with the demo account. An account whose password someone
    else set changes it right after login, before the main window opens.

    The idle watcher runs while the main window is unlocked: it pauses when
    the screen locks (by the idle time or Ctrl+L) and starts again on unlock,
    so the screen locks again after the next idle time.
    """

    def __init__(
        self,
        app: QApplication,
        ctx: UiContext,
        *,
        first_start: bool = False,
        quit_app: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self._app = app
        self._quit = quit_app or app.quit
        self.restore_box: QMessageBox | None = None
        self.ctx = ctx
        self._first_start = first_start
        self.login_window = LoginWindow(ctx)
        self.main_window: MainWindow | None = None  # imported at login: start-up stays quick
        self.first_start_dialog: FirstStartDialog | None = None
        self.password_dialog: PasswordChangeDialog | None = None
        self.idle = IdleWatcher(app, ctx.desk.settings().idle_lock_minutes)
        self.idle.idle_timed_out.connect(self._lock)
        self.login_window.logged_in.connect(self._logged_in)

    def start(self) -> None:
        if self._first_start:
            self._first_start = False
            self._show_first_start()
            return
        self._show_login()

    def _show_login(self) -> None:
        self.login_window.show()
        self.login_window.activateWindow()
        if self.login_window.login_edit.text():
            self.login_window.password_edit.setFocus()
        else:
            self.login_window.login_edit.setFocus()

    def _show_first_start(self) -> None:
        from clerk_desk.ui.first_start import FirstStartDialog

        dialog = FirstStartDialog(self.ctx)
        self.first_start_dialog = dialog

        def created(admin: StaffRecord) -> None:
            self.login_window.refresh_demo_hint()  # the demo account is off: no hint
            self.login_window.login_edit.setText(admin.login)

        def finished(_result: int) -> None:
            self.first_start_dialog = None
            dialog.deleteLater()
            self._show_login()

        dialog.admin_created.connect(created)
        dialog.finished.connect(finished)
        dialog.show()
        dialog.login_edit.setFocus()

    def _logged_in(self, staff: StaffRecord) -> None:
        if staff.must_change_password:
            self._ask_new_password(staff)
            return
        self._open_main_window(staff)

    def _ask_new_password(self, staff: StaffRecord) -> None:
        from clerk_desk.ui.password_change import PasswordChangeDialog

        dialog = PasswordChangeDialog(self.ctx, staff, self.login_window)
        self.password_dialog = dialog

        def finished(result: int) -> None:
            self.password_dialog = None
            dialog.deleteLater()
            if result != PasswordChangeDialog.DialogCode.Accepted:
                self.login_window.clear()  # not changed: nobody is logged in
                self.login_window.login_edit.setFocus()

        dialog.password_changed.connect(self._open_main_window)
        dialog.finished.connect(finished)
        dialog.open()
        dialog.passwords.password.setFocus()

    def _open_main_window(self, staff: StaffRecord) -> None:
        from clerk_desk.ui.main_window import MainWindow

        self.ctx.login.set(staff)
        if self.ctx.sync is None:
            # The background sync runs from the first login until the app quits.
            from clerk_desk.ui.sync_runner import SyncRunner

            self.ctx.sync = SyncRunner(self.ctx, parent=self)
        self.ctx.sync.start()
        self.main_window = MainWindow(self.ctx, pages=default_pages())
        self.main_window.logout_requested.connect(self._logout)
        self.main_window.restore_requested.connect(self._restore)
        self.main_window.settings_changed.connect(
            lambda settings: self.idle.set_minutes(settings.idle_lock_minutes)
        )
        self.main_window.screen_locked.connect(self.idle.stop)
        self.main_window.screen_unlocked.connect(self.idle.start)
        self.login_window.hide()
        self.main_window.show()
        self.idle.set_minutes(self.ctx.desk.settings().idle_lock_minutes)
        self.idle.start()

    def _lock(self) -> None:
        if self.main_window is not None:
            self.main_window.lock()

    def _logout(self) -> None:
        back_up_at_logout(self.ctx)
        if self.ctx.sync is not None:
            self.ctx.sync.sync_now("logout")  # the session's changes go up (when enrolled)
        self.idle.stop()
        if self.main_window is not None:
            self.main_window.close()
            self.main_window.deleteLater()
            self.main_window = None
        self.ctx.login.set(None)
        self.login_window.clear()  # the next clerk types their own login
        self.login_window.show()
        self.login_window.login_edit.setFocus()

    def _restore(self, file: str) -> None:
        """Close the session and the store, restore ``file``, say so, and quit (see backup_dialog)."""
        staff = self.ctx.login.staff
        self.idle.stop()
        if self.main_window is not None:
            self.main_window.close()
            self.main_window.deleteLater()
            self.main_window = None
        self.ctx.login.set(None)
        self.login_window.hide()
        self.ctx.runner.shutdown()  # waits for running tasks: nothing holds the store
        desk = self.ctx.desk
        desk.close()
        try:
            result = backups.restore(
                desk.store.path,
                Path(file),
                clock=desk.clock,
                actor_id=staff.id if staff else SYSTEM_ACTOR,
                via="app",
                check_app=False,  # this process holds the lock, and has closed the store
            )
        except ClerkDeskError as exc:
            icon, text = QMessageBox.Icon.Critical, describe(exc)
        else:
            icon = QMessageBox.Icon.Information
            text = self.tr("Restored {file}. The store it replaced is kept as {aside}.").format(
                file=file, aside=result.replaced or "-"
            )
            if result.recovery_marked:
                text += "\n" + self.tr(
                    "The next sync takes back from the county server the cases this backup "
                    "lacks, before it sends new work."
                )
            if not result.counters_kept and result.recovery_marked:
                text += "\n" + self.tr(
                    "The store it replaced could not be read: tracking and document numbers "
                    "given after this backup are unknown here until the county server gives "
                    "them back. Sync (Ctrl+Shift+Y) before taking cases."
                )
            elif not result.counters_kept:
                text += "\n" + self.tr(
                    "The store it replaced could not be read: tracking and document numbers "
                    "given after this backup are unknown here and could be given again. Ask the "
                    "county for a new terminal number before taking cases."
                )
        box = QMessageBox(
            icon,
            self.tr("Restore"),
            text + "\n" + self.tr("ClerkDesk closes now: start it again."),
            QMessageBox.StandardButton.Ok,
        )
        box.setObjectName("restore_done_box")
        box.finished.connect(lambda _r: self._quit())
        self.restore_box = box
        box.open()


def _store_language(data_dir: Path) -> str:
    """The language the store's settings name, read without opening the store (or the default)."""
    import json
    import sqlite3
    from urllib.parse import quote

    db = data_dir / DB_FILENAME
    default = TerminalSettings().language
    if not db.is_file():
        return default
    try:
        conn = sqlite3.connect(f"file:{quote(str(db.resolve()))}?mode=ro", uri=True, timeout=1)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'language'").fetchone()
        finally:
            conn.close()
        value = json.loads(row[0]) if row else default
    except (sqlite3.Error, ValueError, TypeError):
        return default
    return value if isinstance(value, str) and value in LANGUAGES else default


def _refuse(app: QApplication, error: BaseException, title: str) -> int:
    """Say why the app does not open: a dialog in the clerk's language, English on stderr."""
    print(f"clerk-desk: {error}", file=sys.stderr)
    QMessageBox.critical(None, title, describe(error))
    return 1


def _raise_window(controller: Application) -> None:
    """Bring the app's front window forward (a second start asked for it)."""
    window: QWidget = controller.login_window
    if controller.main_window is not None:
        window = controller.main_window
    elif controller.first_start_dialog is not None:
        window = controller.first_start_dialog
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def warn_low_disk(desk: Desk, parent: QWidget | None) -> QMessageBox | None:
    """A warning (not modal) when the data's disk has less free space than the setting."""
    threshold = desk.settings().low_disk_warning_mb
    free = low_disk(desk.data_dir, threshold)
    if free is None:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Application", "Disk almost full"),
        QCoreApplication.translate(
            "Application",
            "Only {free} MB are free on the disk that holds the data ({path}). When the "
            "disk is full no case can be saved: ask for space to be freed.",
        ).format(free=free, path=desk.data_dir),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("low_disk_warning")
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
    return box


def run(data_dir: Path | None) -> int:
    """The desktop app on ``data_dir``; its exit status.

    One app per data directory: a second start brings the running one
    forward (exit 0) or, when it does not answer, says it is already open
    (exit 1). A data directory that cannot be made or written, or a store
    that cannot be opened, is said in a dialog (exit 1).
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    collect_on_gui_thread()  # before any worker starts (clerk_desk.ui.gui_gc)
    app.setApplicationName("ClerkDesk")
    app.setOrganizationName("ClerkDesk")
    data_dir = data_dir or default_data_dir()
    language = _store_language(data_dir)
    translators = install_translators(app, language)
    title = QCoreApplication.translate("Application", "ClerkDesk")
    lock: InstanceLock | None = None

    def refuse(error: BaseException) -> int:
        if lock is not None:
            lock.release()
        status = _refuse(app, error, title)
        for translator in translators:
            app.removeTranslator(translator)
        return status

    try:
        prepare(data_dir)
        if not is_writable(data_dir, data_dir / DB_FILENAME):
            raise ReadOnlyDataDir(
                "the data directory {path} is read-only: the app cannot save cases there "
                "(the clerk-desk commands that only read still work)",
                path=data_dir,
            )
        # Before the store is opened: no second app may even migrate it.
        lock = InstanceLock.acquire(data_dir)
    except ClerkDeskError as exc:
        return refuse(exc)
    if lock is None:
        if ask_to_raise(data_dir):
            print(
                f"clerk-desk: ClerkDesk is already open on {data_dir}: its window was brought "
                "forward",
                file=sys.stderr,
            )
            for translator in translators:
                app.removeTranslator(translator)
            return 0
        return refuse(
            AppAlreadyRunning(
                "ClerkDesk is already open on this computer for the data directory {path}; "
                "use the open window",
                path=data_dir,
            )
        )
    reporter = _start_diagnostics(app, data_dir)
    try:
        desk = Desk.open(data_dir)
    except ClerkDeskError as exc:
        return refuse(exc)
    except Exception as exc:
        return refuse(_damage_or_raise(data_dir, exc))
    try:
        ensure_ready(desk)
        desk.recover()  # prints a killed run left half done; logged
    except ClerkDeskError as exc:
        desk.close()
        return refuse(exc)
    except Exception as exc:
        desk.close()
        return refuse(_damage_or_raise(data_dir, exc))
    if desk.settings().language != language:  # another process changed it meanwhile
        for translator in translators:
            app.removeTranslator(translator)
        translators = install_translators(app, desk.settings().language)
    runner = TaskRunner()
    ctx = UiContext(desk, runner)
    if desk.settings().id_card_reader == "simulated":
        from clerk_desk.id_card import SimulatedReader, demo_cards

        ctx.reader = SimulatedReader(demo_cards())
    # No real admin yet (the embedded default): the first-start dialog comes first.
    first_start = not desk.staff.accounts_state().admin_exists
    controller = Application(app, ctx, first_start=first_start)
    server = ActivationServer(data_dir, controller)
    server.activation_requested.connect(lambda: _raise_window(controller))
    server.listen()
    controller.start()
    warning = warn_low_disk(desk, controller.login_window)
    check_store_at_start(ctx, controller.login_window)
    try:
        return app.exec()
    finally:
        if warning is not None:
            warning.deleteLater()
        diagnostics.remove_exception_listener(reporter.report)
        server.close()
        runner.shutdown()
        desk.close()
        lock.release()


def _damage_or_raise(data_dir: Path, exc: Exception) -> ClerkDeskError:
    """A start that failed on a damaged store is said as such; anything else is raised."""
    damaged = backups.damage_behind(data_dir / DB_FILENAME)
    if damaged is None:
        raise exc
    log.warning("store damaged at start", exc_info=exc)
    return damaged


def _start_diagnostics(app: QApplication, data_dir: Path) -> CrashReporter:
    """The log (with Qt's versions and messages) and the dialog for unexpected exceptions."""
    log_file = diagnostics.setup_logging(data_dir, command="desktop app")
    log.info(
        "desktop app: Qt %s, PySide6 %s, platform plugin %s",
        qVersion(),
        PySide6.__version__,
        app.platformName(),
    )
    log_qt_messages()
    reporter = CrashReporter(log_file, app)
    diagnostics.install_excepthooks(reporter.report)
    return reporter
