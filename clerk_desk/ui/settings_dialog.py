"""Editing the terminal settings (centre, counter, printing, locking).

Keys (also shown in tooltips):
    Ctrl+S / Enter   save
    Ctrl+B           choose a folder for the A4 printer to print into
    Ctrl+Shift+B     the same for the 80 mm roll printer
    Esc              close without saving

A counter has a printer for each paper: the A4 printer and the 80 mm roll
printer; each document prints on the printer of its own paper, and "documents
are printed on" chooses the paper an outcome's documents are made in.

Only a supervisor or an admin changes the centre's own fields
(``settings.CENTRE_FIELDS``: name, level, status URL, and what documents print
about the centre: address, hours, phone, reconsideration body, court, deciding
body, document serial prefix); a clerk
sees them disabled, and the values a clerk saves keep those fields as they
were. While the status URL is the example address a warning says so.

The dialog is the glue of its parts: :mod:`~clerk_desk.ui.settings_controller`
(reading, checking and saving, without widgets), the "Centre" group
(:mod:`~clerk_desk.ui.settings_centre`), the "This terminal" group
(:mod:`~clerk_desk.ui.settings_terminal`) and its two printers
(:mod:`~clerk_desk.ui.settings_printers`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.errors import ClerkDeskError, InvalidInput
from clerk_desk.printing.printers import cups_queues
from clerk_desk.settings import TerminalSettings
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.messages import describe
from clerk_desk.ui.settings_centre import WARNING_STYLE, CentreBox
from clerk_desk.ui.settings_controller import SettingsController
from clerk_desk.ui.settings_printers import native_keys
from clerk_desk.ui.settings_terminal import TerminalBox

if TYPE_CHECKING:
    from clerk_desk.ui.sync_dialogs import EnrollDialog

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    """The terminal's settings; saved through the database worker.

    Open it with ``open()`` (non-blocking); it closes itself after a save.
    Its fields are attributes by their own names (``centre_name_edit``,
    ``paper_combo``, ``printer_combo``...), wherever their group keeps them.

    Signals:
        settings_saved(object): the TerminalSettings just stored.
    """

    settings_saved = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self._ctx = ctx
        self._queues: list[str] = []
        self.controller = SettingsController(ctx, self)
        self.enroll_dialog: EnrollDialog | None = None
        self._build()
        self._update_buttons()
        self.controller.loaded.connect(self._loaded)
        self.controller.saved.connect(self._saved)
        self.controller.failed.connect(self._failed)
        self.controller.load()
        # lpstat may take a while (or hang up to its timeout): never on the GUI thread.
        ctx.runner.io(cups_queues, self._queues_ready, lambda _e: None)

    # -- construction ----------------------------------------------------------

    def _build(self) -> None:
        may_edit_centre = self.controller.may_edit_centre
        self.centre = centre = CentreBox(may_edit_centre)
        self.terminal = terminal = TerminalBox(self, self.controller.is_admin, self.open_enroll)
        # The fields by their own names, for the tests and for _field_widget.
        self.terminal_code_label = centre.terminal_code_label
        self.region_code_label = centre.region_code_label
        self.centre_name_edit = centre.centre_name_edit
        self.counter_level_combo = centre.counter_level_combo
        self.status_url_edit = centre.status_url_edit
        self.status_url_warning = centre.status_url_warning
        self.centre_address_edit = centre.centre_address_edit
        self.office_hours_edit = centre.office_hours_edit
        self.contact_phone_edit = centre.contact_phone_edit
        self.reconsideration_edit = centre.reconsideration_edit
        self.court_edit = centre.court_edit
        self.authority_edit = centre.authority_edit
        self.prefix_edit = centre.prefix_edit
        self.centre_hint = centre.centre_hint
        self.window_edit = terminal.window_edit
        self.idle_spin = terminal.idle_spin
        self.low_disk_spin = terminal.low_disk_spin
        self.sync_interval_spin = terminal.sync_interval_spin
        self.sync_warn_days_spin = terminal.sync_warn_days_spin
        self.sync_warn_waiting_spin = terminal.sync_warn_waiting_spin
        self.sync_freeze_days_spin = terminal.sync_freeze_days_spin
        self.enroll_button = terminal.enroll_button
        self.backup_folder_edit = terminal.backup_folder_edit
        self.language_combo = terminal.language_combo
        self.paper_combo = terminal.paper_combo
        self.printer_combo = terminal.printer.combo
        self.browse_button = terminal.printer.browse_button
        self.roll_printer_combo = terminal.roll_printer.combo
        self.roll_browse_button = terminal.roll_printer.browse_button

        self.error_label = QLabel()
        self.error_label.setObjectName("settings_error")
        self.error_label.setStyleSheet(WARNING_STYLE)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("save_button")
        self.save_button.setDefault(True)
        save_key = QKeySequence("Ctrl+S")
        self.save_button.setToolTip(
            self.tr("Save ({key} / Enter)").format(key=native_keys("Ctrl+S"))
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setToolTip(self.tr("Close without saving (Esc)"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        save = QAction(self)
        save.setShortcut(save_key)
        save.triggered.connect(self.save)
        self.addAction(save)

        columns = QHBoxLayout()
        # Even columns: the printer rows hold folder paths and queue names.
        columns.addWidget(centre, 1)
        columns.addWidget(terminal, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(1080, 480)

        for widget in [*self.centre_widgets(), *self.supervised_widgets()]:
            widget.setEnabled(may_edit_centre)
            if not may_edit_centre:
                widget.setToolTip(self.centre_hint.text())

    def open_enroll(self) -> None:
        """The enrolment dialog (admins only: it sets the terminal number)."""
        from clerk_desk.ui.sync_dialogs import EnrollDialog

        dialog = EnrollDialog(self._ctx, self)
        dialog.enrolled.connect(lambda _e: self.controller.load())
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        self.enroll_dialog = dialog

    def centre_widgets(self) -> list[QWidget]:
        """The widgets of the centre's own fields (``settings.CENTRE_FIELDS``)."""
        return self.centre.centre_widgets()

    def supervised_widgets(self) -> list[QWidget]:
        """The terminal's fields a supervisor or admin sets (``settings.SUPERVISED_FIELDS``)."""
        return self.terminal.supervised_widgets()

    # -- loading -----------------------------------------------------------------

    @property
    def may_edit_centre(self) -> bool:
        return self.controller.may_edit_centre

    def is_loaded(self) -> bool:
        return self.controller.is_loaded()

    def _loaded(self, settings: TerminalSettings) -> None:
        self.centre.show_settings(settings)
        self.terminal.show_settings(settings, self._queues)
        self._update_buttons()

    def _queues_ready(self, queues: list[str]) -> None:
        if not shiboken6.isValid(self):
            return  # closed and deleted while the task ran
        self._queues = list(queues)
        for printer in (self.terminal.printer, self.terminal.roll_printer):
            printer.fill(self._queues, printer.setting())

    def browse_folder(self) -> None:
        """Choose the folder the A4 printer prints into (non-blocking)."""
        self.terminal.printer.browse()

    def browse_roll_folder(self) -> None:
        """Choose the folder the 80 mm roll printer prints into (non-blocking)."""
        self.terminal.roll_printer.browse()

    def printer_text(self) -> str:
        """The A4 printer's setting as the form shows it (cups:QUEUE, qt:NAME, folder:PATH)."""
        return self.terminal.printer.setting()

    def set_printer(self, value: str) -> None:
        self.terminal.printer.set_text(value)

    def roll_printer_text(self) -> str:
        """The 80 mm roll printer's setting as the form shows it."""
        return self.terminal.roll_printer.setting()

    def set_roll_printer(self, value: str) -> None:
        self.terminal.roll_printer.set_text(value)

    # -- saving ------------------------------------------------------------------

    def values(self) -> TerminalSettings:
        """The settings as the form now shows them (centre fields only if allowed)."""
        settings = self.controller.settings
        assert settings is not None
        changes: dict[str, Any] = self.terminal.values()
        if self.controller.may_edit_centre:
            changes.update(self.centre.values(), **self.terminal.supervised_values())
        return settings.replace(**changes)

    def save(self) -> None:
        if not self.controller.may_save():
            return
        self.error_label.clear()
        if self.controller.save(self.values()):
            self._update_buttons()

    def _saved(self, settings: TerminalSettings) -> None:
        self._update_buttons()
        self.settings_saved.emit(settings)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._update_buttons()
        if isinstance(error, ClerkDeskError):
            self._show_error(error)
        else:
            self.error_label.setText(self.tr("Unexpected error: {error}").format(error=repr(error)))

    def _show_error(self, error: ClerkDeskError) -> None:
        self.error_label.setText(describe(error))
        if isinstance(error, InvalidInput):
            widget = self._field_widget(error.where)
            if widget is not None and widget.isEnabled():
                widget.setFocus()

    def _field_widget(self, where: str) -> QWidget | None:
        return {**self.centre.field_widgets(), **self.terminal.field_widgets()}.get(where)

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.controller.may_save())
