"""Editing the terminal settings (centre, counter, printing, locking).

Keys (also shown in tooltips):
    Ctrl+S / Enter   save
    Ctrl+B           choose a folder to print into
    Esc              close without saving

Only a supervisor or an admin changes the centre-level fields (centre name,
counter level, public status URL); a clerk sees them disabled, and the
values a clerk saves keep those fields as they were.
"""

from __future__ import annotations

import logging
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.errors import ClerkDeskError, InvalidInput
from clerk_desk.printing.printers import cups_queues
from clerk_desk.settings import LEVELS, TerminalSettings
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.messages import describe
from clerk_desk.ui.qt_printing import printer_for, qt_printer_names

log = logging.getLogger(__name__)

CENTRE_ROLES = frozenset({"supervisor", "admin"})
FOLDER_PREFIX = "folder:"
CUPS_PREFIX = "cups:"


class SettingsDialog(QDialog):
    """The terminal's settings; saved through the database worker.

    Open it with ``open()`` (non-blocking); it closes itself after a save.

    Signals:
        settings_saved(object): the TerminalSettings just stored.
    """

    settings_saved = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self._ctx = ctx
        self._settings: TerminalSettings | None = None
        self._queues: list[str] = []
        self._saving = False
        staff = ctx.login.staff
        self._may_edit_centre = staff is not None and staff.role in CENTRE_ROLES
        self._build()
        self._update_buttons()
        desk = ctx.desk
        ctx.runner.db(desk.settings, self._loaded, self._failed)
        # lpstat may take a while (or hang up to its timeout): never on the GUI thread.
        ctx.runner.io(cups_queues, self._queues_ready, lambda _e: None)

    # -- construction ----------------------------------------------------------

    def _line(self, name: str, max_length: int = 200) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(max_length)
        return edit

    def _build(self) -> None:
        self.terminal_code_label = QLabel()
        self.terminal_code_label.setObjectName("terminal_code")
        self.terminal_code_label.setTextFormat(Qt.TextFormat.PlainText)
        self.terminal_code_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.region_code_label = QLabel()
        self.region_code_label.setObjectName("region_code")
        self.region_code_label.setTextFormat(Qt.TextFormat.PlainText)
        self.region_code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.centre_name_edit = self._line("centre_name")
        self.counter_level_combo = QComboBox()
        self.counter_level_combo.setObjectName("counter_level")
        level_names = {
            "village": self.tr("Village agency point"),
            "township": self.tr("Township service centre"),
            "county": self.tr("County service hall"),
        }
        for level in LEVELS:
            self.counter_level_combo.addItem(level_names[level], level)
        self.status_url_edit = self._line("public_status_url", 500)
        self.status_url_edit.setPlaceholderText("https://")
        self.centre_address_edit = self._line("centre_address")
        self.office_hours_edit = self._line("office_hours")
        self.contact_phone_edit = self._line("contact_phone", 40)
        self.reconsideration_edit = self._line("reconsideration_body")
        self.court_edit = self._line("court")
        self.window_edit = self._line("window", 20)
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idle_lock_minutes")
        self.idle_spin.setRange(1, 240)
        self.idle_spin.setSuffix(self.tr(" min"))
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language")
        # Language names are endonyms on purpose: each reader finds their own.
        self.language_combo.addItem("中文 (zh_CN)", "zh_CN")
        self.language_combo.addItem("English (en)", "en")
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paper")
        self.paper_combo.addItem(self.tr("A4 sheet"), "a4")
        self.paper_combo.addItem(self.tr("80 mm receipt roll"), "roll80")
        self.printer_combo = QComboBox()
        self.printer_combo.setObjectName("printer")
        self.printer_combo.setEditable(True)
        self.printer_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.printer_combo.setToolTip(
            self.tr("cups:QUEUE prints on a printer; folder:PATH writes PDF files into a folder")
        )
        printer_edit = self.printer_combo.lineEdit()
        assert printer_edit is not None  # editable combo
        printer_edit.setPlaceholderText("cups:QUEUE / folder:PATH")
        self.printer_combo.activated.connect(self._printer_activated)
        self.browse_button = QPushButton(self.tr("Folder..."))
        self.browse_button.setObjectName("printer_browse_button")
        browse = QAction(self)
        browse.setShortcut(QKeySequence("Ctrl+B"))
        browse.triggered.connect(self.browse_folder)
        self.addAction(browse)
        self.browse_button.setToolTip(
            self.tr("Print into a folder ({key})").format(
                key=QKeySequence("Ctrl+B").toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.browse_button.clicked.connect(self.browse_folder)
        self.browse_button.setAutoDefault(False)  # Enter saves, whatever has the focus
        printer_row = QHBoxLayout()
        printer_row.addWidget(self.printer_combo, 1)
        printer_row.addWidget(self.browse_button)

        centre = QGroupBox(self.tr("Centre"))
        cf = QFormLayout(centre)
        cf.addRow(self.tr("Terminal code:"), self.terminal_code_label)
        cf.addRow(self.tr("Region code:"), self.region_code_label)
        cf.addRow(self.tr("Centre &name:"), self.centre_name_edit)
        cf.addRow(self.tr("Counter &level:"), self.counter_level_combo)
        cf.addRow(self.tr("Public status &URL:"), self.status_url_edit)
        cf.addRow(self.tr("&Address:"), self.centre_address_edit)
        cf.addRow(self.tr("Office &hours:"), self.office_hours_edit)
        cf.addRow(self.tr("Contact &phone:"), self.contact_phone_edit)
        cf.addRow(self.tr("Reconsideration &body:"), self.reconsideration_edit)
        cf.addRow(self.tr("C&ourt:"), self.court_edit)
        self.centre_hint = QLabel(
            self.tr("Only a supervisor or an admin changes the centre name, level and status URL.")
        )
        self.centre_hint.setObjectName("centre_hint")
        self.centre_hint.setWordWrap(True)
        self.centre_hint.setVisible(not self._may_edit_centre)
        cf.addRow(self.centre_hint)

        terminal = QGroupBox(self.tr("This terminal"))
        tf = QFormLayout(terminal)
        tf.addRow(self.tr("&Window:"), self.window_edit)
        tf.addRow(self.tr("Lock after &idle:"), self.idle_spin)
        tf.addRow(self.tr("Lan&guage:"), self.language_combo)
        tf.addRow(self.tr("P&aper:"), self.paper_combo)
        printer_label = QLabel(self.tr("P&rinter:"))
        printer_label.setBuddy(self.printer_combo)
        tf.addRow(printer_label, printer_row)

        self.error_label = QLabel()
        self.error_label.setObjectName("settings_error")
        self.error_label.setStyleSheet("color: #b00020")
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
            self.tr("Save ({key} / Enter)").format(
                key=save_key.toString(QKeySequence.SequenceFormat.NativeText)
            )
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
        columns.addWidget(centre, 3)
        columns.addWidget(terminal, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(960, 480)

        for widget in (self.centre_name_edit, self.counter_level_combo, self.status_url_edit):
            widget.setEnabled(self._may_edit_centre)
            if not self._may_edit_centre:
                widget.setToolTip(self.centre_hint.text())

    # -- loading -----------------------------------------------------------------

    @property
    def may_edit_centre(self) -> bool:
        return self._may_edit_centre

    def is_loaded(self) -> bool:
        return self._settings is not None

    def _loaded(self, settings: TerminalSettings) -> None:
        if not shiboken6.isValid(self):
            return  # closed and deleted while the task ran
        self._settings = settings
        self.terminal_code_label.setText(settings.terminal_code or self.tr("(none yet)"))
        self.region_code_label.setText(settings.region_code or self.tr("(not set)"))
        self.centre_name_edit.setText(settings.centre_name)
        self._select(self.counter_level_combo, settings.counter_level)
        self.status_url_edit.setText(settings.public_status_url)
        self.centre_address_edit.setText(settings.centre_address)
        self.office_hours_edit.setText(settings.office_hours)
        self.contact_phone_edit.setText(settings.contact_phone)
        self.reconsideration_edit.setText(settings.reconsideration_body)
        self.court_edit.setText(settings.court)
        self.window_edit.setText(settings.window)
        self.idle_spin.setValue(max(1, min(240, int(settings.idle_lock_minutes))))
        self._select(self.language_combo, settings.language)
        self._select(self.paper_combo, settings.paper)
        self._fill_printers(settings.printer)
        self._update_buttons()

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        row = combo.findData(value)
        if row < 0:  # a value this version does not list: keep it rather than lose it
            combo.addItem(value, value)
            row = combo.count() - 1
        combo.setCurrentIndex(row)

    def _queues_ready(self, queues: list[str]) -> None:
        if not shiboken6.isValid(self):
            return  # closed and deleted while the task ran
        self._queues = list(queues)
        self._fill_printers(self.printer_combo.currentText())

    def _fill_printers(self, current: str) -> None:
        self.printer_combo.blockSignals(True)
        self.printer_combo.clear()
        for queue in self._queues:
            self.printer_combo.addItem(CUPS_PREFIX + queue, CUPS_PREFIX + queue)
        for name in qt_printer_names():
            self.printer_combo.addItem("qt:" + name, "qt:" + name)
        self.printer_combo.addItem(self.tr("folder: (choose a folder)"), FOLDER_PREFIX)
        self.printer_combo.setCurrentIndex(-1)
        self.printer_combo.setEditText(current)
        self.printer_combo.blockSignals(False)

    def _printer_activated(self, row: int) -> None:
        if self.printer_combo.itemData(row) == FOLDER_PREFIX:
            self.printer_combo.setEditText(FOLDER_PREFIX)
            self.browse_folder()

    def browse_folder(self) -> None:
        """Choose the folder to print into (non-blocking)."""
        current = self.printer_text()
        start = current[len(FOLDER_PREFIX) :] if current.startswith(FOLDER_PREFIX) else ""
        dialog = QFileDialog(self, self.tr("Print into this folder"), start)
        dialog.setObjectName("printer_folder_dialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)

        def chosen(path: str) -> None:
            if path:
                self.printer_combo.setEditText(FOLDER_PREFIX + path)

        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def printer_text(self) -> str:
        return self.printer_combo.currentText().strip()

    def set_printer(self, value: str) -> None:
        self.printer_combo.setEditText(value)

    # -- saving ------------------------------------------------------------------

    def values(self) -> TerminalSettings:
        """The settings as the form now shows them (centre fields only if allowed)."""
        assert self._settings is not None
        changes: dict[str, Any] = {
            "window": self.window_edit.text().strip(),
            "centre_address": self.centre_address_edit.text().strip(),
            "office_hours": self.office_hours_edit.text().strip(),
            "contact_phone": self.contact_phone_edit.text().strip(),
            "reconsideration_body": self.reconsideration_edit.text().strip(),
            "court": self.court_edit.text().strip(),
            "idle_lock_minutes": self.idle_spin.value(),
            "language": self.language_combo.currentData(),
            "paper": self.paper_combo.currentData(),
            "printer": self.printer_text(),
        }
        if self._may_edit_centre:
            changes.update(
                centre_name=self.centre_name_edit.text().strip(),
                counter_level=self.counter_level_combo.currentData(),
                public_status_url=self.status_url_edit.text().strip(),
            )
        return self._settings.replace(**changes)

    def save(self) -> None:
        if self._settings is None or self._saving:
            return
        self.error_label.clear()
        new = self.values()
        if new.printer:
            try:
                printer_for(new.printer)  # only checks the syntax; sends nothing
            except ClerkDeskError as exc:
                self._show_error(InvalidInput("printer", exc.template, **exc.params))
                return
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        self._saving = True
        self._update_buttons()
        self._ctx.runner.db(
            lambda: desk.update_settings(new, actor_id=staff.id), self._saved, self._failed
        )

    def _saved(self, settings: TerminalSettings) -> None:
        if not shiboken6.isValid(self):
            return  # closed and deleted while the task ran
        self._saving = False
        self._settings = settings
        self._update_buttons()
        self.settings_saved.emit(settings)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return  # closed and deleted while the task ran
        self._saving = False
        self._update_buttons()
        if isinstance(error, ClerkDeskError):
            self._show_error(error)
        else:
            log.error("settings task failed", exc_info=error)
            self.error_label.setText(self.tr("Unexpected error: {error}").format(error=repr(error)))

    def _show_error(self, error: ClerkDeskError) -> None:
        self.error_label.setText(describe(error))
        if isinstance(error, InvalidInput):
            widget = self._field_widget(error.where)
            if widget is not None and widget.isEnabled():
                widget.setFocus()

    def _field_widget(self, where: str) -> QWidget | None:
        return {
            "centre_name": self.centre_name_edit,
            "counter_level": self.counter_level_combo,
            "public_status_url": self.status_url_edit,
            "idle_lock_minutes": self.idle_spin,
            "paper": self.paper_combo,
            "printer": self.printer_combo,
            "window": self.window_edit,
        }.get(where)

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self._settings is not None and not self._saving)
