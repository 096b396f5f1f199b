"""Backups in the app: the list, "Back up now", restore; and the checks at start.

A supervisor or an admin opens the dialog from the main window (the role is
checked by the domain, :func:`clerk_desk.backups.require_backup_role`).
Restore cannot swap the store under a running app: after the supervisor
confirms, the file is checked (sound, this terminal's) and the dialog asks the
application to restore; the application closes the session and the store,
restores, says what it did, and quits, to be started again on the restored
store (see ``Application._restore`` in ``ui/app.py``).

At start, :func:`check_store_at_start` runs ``PRAGMA quick_check`` and the
day's first backup on the task runner, after the login window is up: the
check takes about 0.5 s on 500,000 cases with a warm disk cache, several
seconds cold on a village PC's disk (bench/bench_store_checks.py), so it never
delays the start. A store that fails it is marked damaged (every write is
refused) and a message names the newest good backup to restore.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_desk import backups
from clerk_desk.backups import BackupFile, BackupResult
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.messages import describe
from clerk_desk.ui.table_model import Column, RowTableModel
from clerk_desk.ui.tasks import ReadOrder

log = logging.getLogger(__name__)
_Index = QModelIndex | QPersistentModelIndex


def check_store_at_start(ctx: UiContext, parent: QWidget) -> None:
    """``quick_check``, then the day's first backup, off the GUI thread (see the module)."""
    desk = ctx.desk

    def work() -> BackupResult | None:
        if desk.store.check_integrity():
            return None
        return desk.backups.daily_if_due()

    def done(_result: BackupResult | None) -> None:
        if desk.store.damaged is not None:
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                parent.tr("The store is damaged"),
                describe(desk.store.damaged),
                QMessageBox.StandardButton.Ok,
                parent,
            )
            box.setObjectName("store_damaged_box")
            box.open()

    def failed(error: BaseException) -> None:
        log.warning("backup at start failed: %s", error)

    ctx.runner.io(work, done, failed)


def back_up_at_logout(ctx: UiContext) -> None:
    """The logout's backup (rotated with the daily ones), off the GUI thread."""
    desk = ctx.desk
    if desk.store.damaged is not None:
        return
    ctx.runner.io(
        lambda: desk.backups.take("daily"),
        None,
        lambda error: log.warning("backup at logout failed: %s", error),
    )


def backup_table_model(parent: QWidget) -> RowTableModel[BackupFile]:
    """The backups, newest first (a few dozen files: the model holds them)."""
    # Translated in the dialog's context (the texts' context in the .ts).
    translate = QCoreApplication.translate
    kinds = {
        "daily": lambda: translate("BackupDialog", "daily"),
        "manual": lambda: translate("BackupDialog", "by hand"),
        "migration": lambda: translate("BackupDialog", "before an update"),
    }

    def kind(b: BackupFile) -> str:
        name = kinds.get(b.kind)
        return name() if name is not None else b.kind

    return RowTableModel(
        [
            Column(
                lambda: translate("BackupDialog", "When"),
                lambda b: f"{b.taken_at:%Y-%m-%d %H:%M:%S}",
            ),
            Column(lambda: translate("BackupDialog", "Kind"), kind),
            Column(lambda: translate("BackupDialog", "Size"), lambda b: f"{b.size / 1e6:.1f} MB"),
            Column(lambda: translate("BackupDialog", "File"), lambda b: str(b.path)),
        ],
        key=lambda b: str(b.path),
        parent=parent,
    )


class BackupDialog(QDialog):
    """The list of backups, "Back up now" and "Restore...".

    Signals:
        restore_requested(str): a checked backup file the supervisor confirmed to restore.
    """

    restore_requested = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        backups.require_backup_role(ctx.login.require().role)
        super().__init__(parent)
        self.setObjectName("backup_dialog")
        self.setWindowTitle(self.tr("Backups"))
        self._ctx = ctx
        self.model = backup_table_model(self)
        self.view = QTableView(self)
        self.view.setObjectName("backup_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        second = ctx.desk.settings().backup_folder
        where = QLabel(
            self.tr("Backups are kept in {folder}").format(folder=ctx.desk.backups.folder)
            + (
                "\n" + self.tr("and in the second folder {folder}").format(folder=second)
                if second
                else ""
            )
        )
        where.setWordWrap(True)
        self.status = QLabel("")
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        self.back_up_button = QPushButton(self.tr("&Back up now"))
        self.back_up_button.setObjectName("back_up_now")
        self.restore_button = QPushButton(self.tr("&Restore..."))
        self.restore_button.setObjectName("restore")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.back_up_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.ask_restore)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.view)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.confirm_box: QMessageBox | None = None
        self.resize(820, 420)
        self._reads = ReadOrder()
        self.refresh()

    def refresh(self) -> None:
        def read() -> tuple[int, list[BackupFile]]:
            read_no = self._reads.take()
            return read_no, self._ctx.desk.backups.list()

        self._ctx.runner.io(read, self._listed)

    def _listed(self, read: tuple[int, list[BackupFile]]) -> None:
        read_no, rows = read
        if not self._reads.newer(read_no):
            return  # an older listing answered late: the newer one is shown
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(0)

    def _failed(self, error: BaseException) -> None:
        self.back_up_button.setEnabled(True)
        self.restore_button.setEnabled(True)
        self.status.setText(describe(error))

    def back_up_now(self) -> None:
        self.back_up_button.setEnabled(False)
        self.status.setText(self.tr("Backing up..."))
        self._ctx.runner.io(
            lambda: self._ctx.desk.backups.take("manual"), self._backed_up, self._failed
        )

    def _backed_up(self, result: BackupResult) -> None:
        self.back_up_button.setEnabled(True)
        # The file's name, not its path: the full path is in the tooltip.
        written = result.written[0].path
        text = self.tr("Backed up and checked: {file}").format(file=written.name)
        for warning in result.warnings:
            text += "\n" + warning
        self.status.setText(text)
        self.status.setToolTip(str(written))
        self.refresh()

    def selected(self) -> BackupFile | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def ask_restore(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.status.setText(self.tr("Choose the backup to restore."))
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Restore a backup"),
            self.tr(
                "Restore the backup of {when}? Everything saved after it is no longer in the "
                "store (the current store is kept aside in the folder replaced). ClerkDesk "
                "closes after the restore: start it again."
            ).format(when=f"{chosen.taken_at:%Y-%m-%d %H:%M}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirm_restore")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm_box = box

        def finished(result: int) -> None:
            self.confirm_box = None
            box.deleteLater()
            if result == QMessageBox.StandardButton.Yes:
                self._check_then_restore(chosen.path)

        box.finished.connect(finished)
        box.open()

    def _check_then_restore(self, path: Path) -> None:
        self.restore_button.setEnabled(False)
        self.status.setText(self.tr("Checking the backup..."))
        db = self._ctx.desk.store.path

        def check() -> Path:
            backups.check_restorable(db, path)  # forcing another terminal's: the CLI only
            return path

        self._ctx.runner.io(check, lambda p: self.restore_requested.emit(str(p)), self._failed)
