"""What the status bar tells the clerk: sync, changes waiting to go up, the printers.

The printers that matter are the one of the paper documents are made in
(``settings.paper``) and, when one is chosen, the printer of the other paper
(reprints on it go there). And while the public status URL is still the
example address, that the documents carry it. And while the demo account is
the only active account, that this is a demo (演示账号，不可用于正式办件).
And when the disk holding the data has less free space than the setting
``low_disk_warning_mb``, how much is left (a full disk saves no case).

The state lives here, not in the labels: :class:`TerminalStatus` reads it off
the GUI thread when something changed (a step saved, a document printed, the
settings saved, the screen unlocked), never on a timer.

The sync with the county server (``ctx.sync``, a SyncRunner): when it last
succeeded, the changes quarantined, a failed sync's reason in words; a
terminal that is not enrolled says so quietly. The changes waiting in the
outbox are counted again after each sync.

The freeze policy (:mod:`clerk_desk.sync_freeze`), read with the count of the
changes waiting: warned (7 days without a successful sync, or 5,000 changes
waiting), or frozen (30 days: a new intake needs a supervisor's password).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QObject, Signal

from clerk_desk.data_dir import low_disk
from clerk_desk.settings import LAYOUTS, TerminalSettings
from clerk_desk.staff import AccountsState
from clerk_desk.sync_freeze import FreezeReason, FreezeState
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.messages import describe

LPSTAT_TIMEOUT_S = 5.0


class PrinterKind(Enum):
    NONE = "none"
    FOLDER = "folder"
    CUPS = "cups"
    QT = "qt"


@dataclass(frozen=True, slots=True)
class PrinterState:
    """The printer the settings name, as the clerk reads it, and whether it can take a job.

    ``ready`` is None until it was checked; ``problem`` says why it is not ready.
    """

    setting: str
    kind: PrinterKind
    name: str
    ready: bool | None = None
    problem: str = ""


def printer_state(setting: str) -> PrinterState:
    """The printer a setting names, by a readable name; not checked yet.

    ``folder:PATH`` is named by the folder's own name, ``cups:QUEUE`` and
    ``qt:NAME`` by the queue (``qt:`` alone: the system's default printer).
    """
    kind, _, rest = setting.partition(":")
    if not setting.strip():
        return PrinterState(setting, PrinterKind.NONE, "", ready=False)
    if kind == "folder":
        path = Path(rest)
        return PrinterState(setting, PrinterKind.FOLDER, path.name or str(path))
    if kind == "cups":
        return PrinterState(setting, PrinterKind.CUPS, rest)
    if kind == "qt":
        return PrinterState(setting, PrinterKind.QT, rest)
    return PrinterState(setting, PrinterKind.NONE, setting, ready=False)


def check_printer(setting: str) -> PrinterState:
    """Whether the printer can take a job now. Blocks (a file system or ``lpstat`` call):
    run it on the task runner's I/O pool, never on the GUI thread.

    A folder must exist and be writable, or be one the folder printer can make. A CUPS queue must be known to CUPS
    and not disabled (one ``lpstat -p``). A Qt printer must be known to Qt's
    print system and not in an error state. Nothing is sent to the printer.
    """
    state = printer_state(setting)
    if state.kind is PrinterKind.NONE:
        return state
    ready, problem = False, ""
    if state.kind is PrinterKind.FOLDER:
        folder = Path(setting.partition(":")[2])
        # The folder printer makes a missing folder on its first print: what
        # matters is that it can, i.e. the nearest folder that exists is writable.
        existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
        if existing is None or not existing.is_dir():
            problem = QCoreApplication.translate(
                "TerminalStatus", "the folder {folder} cannot be made: {blocker} is not a folder"
            ).format(folder=folder, blocker=existing or folder.anchor)
        elif not os.access(existing, os.W_OK | os.X_OK):
            problem = QCoreApplication.translate(
                "TerminalStatus", "the folder {folder} is not writable"
            ).format(folder=folder)
        else:
            ready = True
    elif state.kind is PrinterKind.CUPS:
        ready, problem = _check_cups(state.name)
    else:
        ready, problem = _check_qt(state.name)
    return PrinterState(state.setting, state.kind, state.name, ready, problem)


def _check_cups(queue: str) -> tuple[bool, str]:
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return False, QCoreApplication.translate(
            "TerminalStatus", "the printing system (CUPS) is not installed"
        )
    try:
        proc = subprocess.run(
            [lpstat, "-p", queue],
            capture_output=True,
            text=True,
            timeout=LPSTAT_TIMEOUT_S,
            check=False,
            env={**os.environ, "LC_ALL": "C"},  # lpstat's words, to read "disabled"
        )
    except (OSError, subprocess.TimeoutExpired):
        return False, QCoreApplication.translate(
            "TerminalStatus", "the printing system (CUPS) does not answer"
        )
    if proc.returncode != 0:
        return False, QCoreApplication.translate(
            "TerminalStatus", "CUPS has no queue {queue}"
        ).format(queue=queue)
    if "disabled" in proc.stdout:
        return False, QCoreApplication.translate(
            "TerminalStatus", "the queue {queue} is disabled"
        ).format(queue=queue)
    return True, ""


def _check_qt(name: str) -> tuple[bool, str]:
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo  # on first use

    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        if name:
            return False, QCoreApplication.translate(
                "TerminalStatus", "the system has no printer {name}"
            ).format(name=name)
        return False, QCoreApplication.translate(
            "TerminalStatus", "the system has no default printer"
        )
    if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        return False, QCoreApplication.translate("TerminalStatus", "the printer reports an error")
    return True, ""


def failure_words(reason: str) -> str:
    """A failed sync's reason (SyncFailed.reason) in a few words for the status bar."""
    words = {
        "unreachable": QCoreApplication.translate("TerminalStatus", "server unreachable"),
        "unauthorized": QCoreApplication.translate("TerminalStatus", "not accepted, enroll again"),
        "revoked": QCoreApplication.translate("TerminalStatus", "terminal revoked"),
        "too_old": QCoreApplication.translate("TerminalStatus", "update ClerkDesk"),
        "rate_limited": QCoreApplication.translate("TerminalStatus", "server busy"),
        "busy": QCoreApplication.translate("TerminalStatus", "server busy"),
        "server_error": QCoreApplication.translate("TerminalStatus", "server error"),
        "refused_request": QCoreApplication.translate("TerminalStatus", "request refused"),
        "bad_answer": QCoreApplication.translate("TerminalStatus", "bad answer"),
        "not_enrolled": QCoreApplication.translate("TerminalStatus", "not enrolled"),
    }
    return words.get(reason, QCoreApplication.translate("TerminalStatus", "error"))


def freeze_words(freeze: FreezeState) -> tuple[str, str]:
    """The freeze policy's warning: a short text for the status bar, and the full one."""
    translate = QCoreApplication.translate
    why = []
    if FreezeReason.DAYS in freeze.reasons:
        why.append(
            translate(
                "TerminalStatus",
                "no successful sync with the county server for %n day(s)",
                "",
                freeze.days,
            )
        )
    if FreezeReason.WAITING in freeze.reasons:
        why.append(translate("TerminalStatus", "%n change(s) waiting to sync", "", freeze.waiting))
    if FreezeReason.CLOCK in freeze.reasons:
        why.append(
            translate(
                "TerminalStatus",
                "the computer's clock is %n day(s) behind what this terminal has recorded",
                "",
                freeze.days_behind,
            )
        )
    listed = translate("TerminalStatus", "; ").join(why)
    listed = listed[:1].upper() + listed[1:]  # a sentence (no change to Chinese)
    if freeze.frozen:
        short = translate("TerminalStatus", "Sync overdue: new intakes need a supervisor")
        full = translate(
            "TerminalStatus",
            "{why}. A new intake now needs a supervisor's password; cases already taken, "
            "notices, documents and look-ups go on. Connect the terminal and sync (Ctrl+Shift+Y).",
        ).format(why=listed)
    else:
        short = translate("TerminalStatus", "Sync overdue")
        full = translate(
            "TerminalStatus",
            "{why}. After {days} days without a successful sync a new intake needs a "
            "supervisor's password. Connect the terminal and sync (Ctrl+Shift+Y).",
        ).format(why=listed, days=freeze.freeze_days)
    return short, full


def format_time(at: datetime, timezone: str) -> str:
    """A stored time (UTC when naive) in the centre's time zone: 10:42, or 12-04 10:42."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    try:
        local = at.astimezone(ZoneInfo(timezone))
        today = datetime.now(ZoneInfo(timezone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        local, today = at, datetime.now(UTC).date()
    return local.strftime("%H:%M" if local.date() == today else "%m-%d %H:%M")


def shown_layouts(settings: TerminalSettings) -> list[str]:
    """The papers whose printers the status shows: the default paper, then the other if set."""
    others = [lay for lay in LAYOUTS if lay != settings.paper and settings.printer_for(lay)]
    return [settings.paper, *others]


class TerminalStatus(QObject):
    """The terminal's status for the status bar, read again when something changed.

    Listens to ``ctx.changes``: a saved step, a print, a handover list or new
    settings re-count the changes waiting to sync; new settings and prints
    check the printers again.

    ``printers`` holds the state of each printer shown, by paper ("a4",
    "roll80"), the default paper's first; ``printer`` is that one.

    Signals:
        changed(): ``pending``, ``printers``, ``placeholder_status_url``,
            ``demo_only``, ``low_disk_mb`` or ``freeze`` has a new value.
        failed(str): a count or a check failed (the message).
    """

    changed = Signal()
    failed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.pending: int | None = None
        settings = ctx.desk.settings()
        self.paper: str = settings.paper
        self.printers: dict[str, PrinterState] = {
            layout: printer_state(settings.printer_for(layout))
            for layout in shown_layouts(settings)
        }
        self.placeholder_status_url = settings.placeholder_status_url
        # The demo account is the only active account (None: not read yet).
        self.demo_only: bool | None = None
        # The free MB on the data's disk while under the setting's threshold, else None.
        self.low_disk_mb: int | None = None
        # The freeze policy as last read (None: not read yet).
        self.freeze: FreezeState | None = None
        self._printer_checks = 0  # answers of older checks are dropped
        changes = ctx.changes
        changes.case_changed.connect(self.count_pending)
        changes.handover_changed.connect(self.count_pending)
        changes.document_printed.connect(self._printed)
        changes.settings_changed.connect(self._settings_changed)
        changes.staff_changed.connect(self.read_accounts)
        if ctx.sync is not None:
            ctx.sync.changed.connect(self.changed)
            ctx.sync.sync_finished.connect(self.count_pending)

    @property
    def printer(self) -> PrinterState:
        """The printer of the paper documents are made in."""
        return self.printers[self.paper]

    @property
    def sync_set_up(self) -> bool:
        """The terminal is enrolled with a county server (as last read)."""
        sync = self._ctx.sync
        return sync is not None and sync.status is not None and sync.status.enrolled

    def sync_summary(self) -> tuple[str, str, bool]:
        """The sync label's text, its tooltip and whether it warns."""
        sync = self._ctx.sync
        if sync is None or sync.status is None or not sync.status.enrolled:
            return (
                QCoreApplication.translate("TerminalStatus", "Sync: not set up"),
                QCoreApplication.translate(
                    "TerminalStatus",
                    "This terminal is not enrolled with a county server: every change is kept "
                    "here. An admin enrolls it in Settings (Ctrl+,).",
                ),
                False,
            )
        status = sync.status
        if status.last_success_at is None:
            last = QCoreApplication.translate("TerminalStatus", "never")
        else:
            last = format_time(status.last_success_at, self._ctx.desk.settings().timezone)
        if sync.running:
            text = QCoreApplication.translate("TerminalStatus", "Syncing...")
        elif sync.error_reason:
            text = QCoreApplication.translate("TerminalStatus", "Sync failed: {reason}").format(
                reason=failure_words(sync.error_reason)
            )
        else:
            text = QCoreApplication.translate("TerminalStatus", "Synced {when}").format(when=last)
        if status.quarantined:
            text += QCoreApplication.translate("TerminalStatus", ", {n} refused").format(
                n=status.quarantined
            )
        tip = QCoreApplication.translate(
            "TerminalStatus",
            "Server {server}, terminal {number}. Last success: {when}. Changes waiting: "
            "{waiting}; refused by the server: {refused} (see the Sync page, F10).",
        ).format(
            server=status.server_url,
            number=status.terminal_number,
            when=last,
            waiting=status.waiting,
            refused=status.quarantined,
        )
        if sync.error_text:
            tip = sync.error_text + "\n" + tip
        return text, tip, bool(sync.error_reason) or status.quarantined > 0

    def refresh(self) -> None:
        """Read everything again (at login, after unlocking)."""
        self.count_pending()
        self.check_printer()
        self.read_accounts()

    def read_accounts(self, _changed: object = None) -> None:
        """Whether the demo account is the only active one (off the GUI thread)."""
        self._ctx.runner.db(self._ctx.desk.staff.accounts_state, self._accounts_read, self._failed)

    def _accounts_read(self, state: AccountsState) -> None:
        self.demo_only = state.demo_only
        self.changed.emit()

    def count_pending(self, _changed: object = None) -> None:
        desk = self._ctx.desk
        self._ctx.runner.db(desk.pending_changes, self._counted, self._failed)
        self._ctx.runner.db(desk.sync_freeze, self._freeze_read, self._failed)
        self.check_disk()

    def _freeze_read(self, freeze: FreezeState) -> None:
        self.freeze = freeze
        self.changed.emit()

    def check_disk(self) -> None:
        """How much room the data's disk has left (off the GUI thread)."""
        desk = self._ctx.desk
        threshold = desk.settings().low_disk_warning_mb
        self._ctx.runner.io(
            lambda: low_disk(desk.data_dir, threshold), self._disk_checked, self._failed
        )

    def _disk_checked(self, free: int | None) -> None:
        if free != self.low_disk_mb:
            self.low_disk_mb = free
            self.changed.emit()

    def check_printer(self) -> None:
        """Check every printer shown again (off the GUI thread); the settings may be new."""
        settings = self._ctx.desk.settings()
        self._printer_checks += 1
        check = self._printer_checks
        self.paper = settings.paper
        self.placeholder_status_url = settings.placeholder_status_url
        self.printers = {
            layout: printer_state(settings.printer_for(layout))
            for layout in shown_layouts(settings)
        }
        self.changed.emit()
        for layout, state in self.printers.items():
            if state.kind is not PrinterKind.NONE:
                self._check_one(check, layout, state.setting)

    def _check_one(self, check: int, layout: str, setting: str) -> None:
        self._ctx.runner.io(
            lambda: check_printer(setting),
            lambda state: self._checked(check, layout, state),
            self._failed,
        )

    def _printed(self, _info: object) -> None:
        self.count_pending()
        self.check_printer()

    def _settings_changed(self, _settings: object) -> None:
        self.count_pending()
        self.check_printer()

    def _counted(self, n: int) -> None:
        self.pending = n
        self.changed.emit()

    def _checked(self, check: int, layout: str, state: PrinterState) -> None:
        if check != self._printer_checks:
            return  # the settings changed while this one was checked
        self.printers = {**self.printers, layout: state}
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        self.failed.emit(describe(error))
