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
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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

from clerk_desk import tracking_numbers
from clerk_desk.errors import ClerkDeskError, InvalidInput
from clerk_desk.printing.printers import cups_queues
from clerk_desk.roles import Role
from clerk_desk.settings import (
    LEVELS,
    MAX_LOW_DISK_MB,
    SYNC_DAYS_RANGE,
    SYNC_WARN_WAITING_RANGE,
    TerminalSettings,
    is_placeholder_url,
)
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.messages import describe
from clerk_desk.ui.qt_printing import printer_for, qt_printer_names

if TYPE_CHECKING:
    from clerk_desk.ui.sync_dialogs import EnrollDialog

log = logging.getLogger(__name__)

CENTRE_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})
FOLDER_PREFIX = "folder:"
CUPS_PREFIX = "cups:"
WARNING_STYLE = "color: #b00020"


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
        self._is_admin = staff is not None and staff.role == Role.ADMIN
        self.enroll_dialog: EnrollDialog | None = None
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
        self.authority_edit = self._line("decision_authority")
        self.authority_edit.setToolTip(
            self.tr(
                "The body in whose name acceptance and rejection are issued when the catalog "
                "item names none (the centre is a window, not a deciding body)."
            )
        )
        self.prefix_edit = self._line("document_prefix", 20)
        self.prefix_edit.setToolTip(
            self.tr(
                "The start of every document's serial number (文书编号), e.g. 郭仓便民 in "
                "郭仓便民受字〔2026〕第0042号; empty: the short form of the centre's name."
            )
        )
        self.window_edit = self._line("window", 20)
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idle_lock_minutes")
        self.idle_spin.setRange(1, 240)
        self.idle_spin.setSuffix(self.tr(" min"))
        self.low_disk_spin = QSpinBox()
        self.low_disk_spin.setObjectName("low_disk_warning_mb")
        self.low_disk_spin.setRange(0, MAX_LOW_DISK_MB)
        self.low_disk_spin.setSingleStep(50)
        self.low_disk_spin.setSuffix(self.tr(" MB"))
        self.low_disk_spin.setSpecialValueText(self.tr("never"))
        self.low_disk_spin.setToolTip(
            self.tr(
                "Warn at start and on the status bar when the disk holding the data has less "
                "free space than this. A full disk cannot save cases."
            )
        )
        self.sync_interval_spin = QSpinBox()
        self.sync_interval_spin.setObjectName("sync_interval_minutes")
        self.sync_interval_spin.setRange(1, 1440)
        self.sync_interval_spin.setSuffix(self.tr(" min"))
        self.sync_interval_spin.setToolTip(
            self.tr("How often the terminal syncs with the county server in the background.")
        )
        # The freeze policy (clerk_desk.sync_freeze): a supervisor's or admin's to set.
        self.sync_warn_days_spin = QSpinBox()
        self.sync_warn_days_spin.setObjectName("sync_warn_days")
        self.sync_warn_days_spin.setRange(*SYNC_DAYS_RANGE)
        self.sync_warn_days_spin.setSuffix(self.tr(" days"))
        self.sync_warn_days_spin.setToolTip(
            self.tr("Warn the clerk after this many days without a successful sync.")
        )
        self.sync_warn_waiting_spin = QSpinBox()
        self.sync_warn_waiting_spin.setObjectName("sync_warn_waiting")
        self.sync_warn_waiting_spin.setRange(*SYNC_WARN_WAITING_RANGE)
        self.sync_warn_waiting_spin.setSingleStep(500)
        self.sync_warn_waiting_spin.setToolTip(
            self.tr("Warn the clerk when this many changes wait to be synced.")
        )
        self.sync_freeze_days_spin = QSpinBox()
        self.sync_freeze_days_spin.setObjectName("sync_freeze_days")
        self.sync_freeze_days_spin.setRange(*SYNC_DAYS_RANGE)
        self.sync_freeze_days_spin.setSuffix(self.tr(" days"))
        self.sync_freeze_days_spin.setToolTip(
            self.tr(
                "After this many days without a successful sync, a new intake needs a "
                "supervisor's password; existing cases always go on."
            )
        )
        # Enrolling sets the terminal number: an admin's (see clerk_desk.sync).
        self.enroll_button = QPushButton(self.tr("Enroll with count&y server..."))
        self.enroll_button.setObjectName("open_enroll")
        self.enroll_button.clicked.connect(self.open_enroll)
        self.backup_folder_edit = self._line("backup_folder", 1000)
        self.backup_folder_edit.setPlaceholderText(
            self.tr("none (only backups/ in the data directory)")
        )
        self.backup_folder_edit.setToolTip(
            self.tr(
                "A second folder for the automatic backups, e.g. on a USB stick. A supervisor's "
                "or an admin's to set."
            )
        )
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language")
        # Language names are endonyms on purpose: each reader finds their own.
        self.language_combo.addItem("中文 (zh_CN)", "zh_CN")
        self.language_combo.addItem("English (en)", "en")
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paper")
        self.paper_combo.addItem(self.tr("A4 sheet"), "a4")
        self.paper_combo.addItem(self.tr("80 mm receipt roll"), "roll80")
        self.paper_combo.setToolTip(
            self.tr(
                "The paper an outcome's documents are made in; each document prints on the "
                "printer of its paper, and a reprint can be made on the other paper."
            )
        )
        self.printer_combo, self.browse_button, printer_row = self._printer_row(
            "printer", "Ctrl+B", self.browse_folder
        )
        self.browse_button.setToolTip(
            self.tr("Print A4 documents into a folder ({key})").format(key=self._keys("Ctrl+B"))
        )
        self.roll_printer_combo, self.roll_browse_button, roll_printer_row = self._printer_row(
            "roll_printer", "Ctrl+Shift+B", self.browse_roll_folder
        )
        self.roll_browse_button.setToolTip(
            self.tr("Print 80 mm roll documents into a folder ({key})").format(
                key=self._keys("Ctrl+Shift+B")
            )
        )

        centre = QGroupBox(self.tr("Centre"))
        cf = QFormLayout(centre)
        cf.addRow(self.tr("Terminal number:"), self.terminal_code_label)
        cf.addRow(self.tr("Region code:"), self.region_code_label)
        cf.addRow(self.tr("Centre &name:"), self.centre_name_edit)
        cf.addRow(self.tr("Counter &level:"), self.counter_level_combo)
        self.status_url_warning = QLabel(
            self.tr(
                "This is the example address: the documents and their QR codes send "
                "applicants to a page that does not exist. Enter the centre's real status page."
            )
        )
        self.status_url_warning.setObjectName("status_url_warning")
        self.status_url_warning.setStyleSheet(WARNING_STYLE)
        self.status_url_warning.setWordWrap(True)
        self.status_url_warning.setVisible(False)
        self.status_url_edit.textChanged.connect(self._show_url_warning)
        url_label = QLabel(self.tr("Publi&c status URL:"))
        url_label.setBuddy(self.status_url_edit)
        url_field = QVBoxLayout()
        url_field.setSpacing(2)
        url_field.addWidget(self.status_url_edit)
        url_field.addWidget(self.status_url_warning)
        cf.addRow(url_label, url_field)
        cf.addRow(self.tr("&Address:"), self.centre_address_edit)
        cf.addRow(self.tr("Office &hours:"), self.office_hours_edit)
        cf.addRow(self.tr("Contact &phone:"), self.contact_phone_edit)
        cf.addRow(self.tr("Reconsideration &body:"), self.reconsideration_edit)
        cf.addRow(self.tr("C&ourt:"), self.court_edit)
        cf.addRow(self.tr("D&eciding body:"), self.authority_edit)
        cf.addRow(self.tr("Document serial pre&fix:"), self.prefix_edit)
        self.centre_hint = QLabel(
            self.tr(
                "Only a supervisor or an admin changes the centre's details: name, level, "
                "status URL, address, office hours, phone, reconsideration body, court, "
                "deciding body and document serial prefix."
            )
        )
        self.centre_hint.setObjectName("centre_hint")
        self.centre_hint.setWordWrap(True)
        self.centre_hint.setVisible(not self._may_edit_centre)
        cf.addRow(self.centre_hint)

        terminal = QGroupBox(self.tr("This terminal"))
        tf = QFormLayout(terminal)
        tf.addRow(self.tr("&Window:"), self.window_edit)
        tf.addRow(self.tr("Lock after &idle:"), self.idle_spin)
        tf.addRow(self.tr("Warn when free dis&k space is below:"), self.low_disk_spin)
        tf.addRow(self.tr("Second backup folder (&USB):"), self.backup_folder_edit)
        tf.addRow(self.tr("Sync e&very:"), self.sync_interval_spin)
        tf.addRow(self.tr("Warn after no sync for:"), self.sync_warn_days_spin)
        tf.addRow(self.tr("Warn at changes waiting:"), self.sync_warn_waiting_spin)
        tf.addRow(self.tr("Supervisor needed after no sync for:"), self.sync_freeze_days_spin)
        if self._is_admin:
            tf.addRow(self.enroll_button)
        tf.addRow(self.tr("Lan&guage:"), self.language_combo)
        tf.addRow(self.tr("&Documents are printed on:"), self.paper_combo)
        printer_label = QLabel(self.tr("A4 p&rinter:"))
        printer_label.setBuddy(self.printer_combo)
        tf.addRow(printer_label, printer_row)
        roll_printer_label = QLabel(self.tr("80 mm roll prin&ter:"))
        roll_printer_label.setBuddy(self.roll_printer_combo)
        tf.addRow(roll_printer_label, roll_printer_row)

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
            self.tr("Save ({key} / Enter)").format(key=self._keys("Ctrl+S"))
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
            widget.setEnabled(self._may_edit_centre)
            if not self._may_edit_centre:
                widget.setToolTip(self.centre_hint.text())

    def open_enroll(self) -> None:
        """The enrolment dialog (admins only: it sets the terminal number)."""
        from clerk_desk.ui.sync_dialogs import EnrollDialog

        dialog = EnrollDialog(self._ctx, self)
        dialog.enrolled.connect(
            lambda _e: self._ctx.runner.db(self._ctx.desk.settings, self._loaded, self._failed)
        )
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        self.enroll_dialog = dialog

    @staticmethod
    def _keys(shortcut: str) -> str:
        return QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)

    def _printer_row(
        self, name: str, browse_key: str, browse: Callable[[], None]
    ) -> tuple[QComboBox, QPushButton, QHBoxLayout]:
        """A printer's combo (the queues, Qt's printers, a folder) and its folder button."""
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setToolTip(self.tr("A printer of this computer, or a folder to put PDF files into"))
        edit = combo.lineEdit()
        assert edit is not None  # editable combo
        edit.setPlaceholderText(self.tr("Choose a printer or a folder"))
        combo.activated.connect(lambda row: self._printer_activated(combo, row, browse))
        button = QPushButton(self.tr("Folder..."))
        button.setObjectName(f"{name}_browse_button")
        action = QAction(self)
        action.setShortcut(QKeySequence(browse_key))
        action.triggered.connect(browse)
        self.addAction(action)
        button.clicked.connect(browse)
        button.setAutoDefault(False)  # Enter saves, whatever has the focus
        row = QHBoxLayout()
        row.addWidget(combo, 1)
        row.addWidget(button)
        return combo, button, row

    def centre_widgets(self) -> list[QWidget]:
        """The widgets of the centre's own fields (``settings.CENTRE_FIELDS``)."""
        return [
            self.centre_name_edit,
            self.counter_level_combo,
            self.status_url_edit,
            self.centre_address_edit,
            self.office_hours_edit,
            self.contact_phone_edit,
            self.reconsideration_edit,
            self.court_edit,
            self.authority_edit,
            self.prefix_edit,
        ]

    def supervised_widgets(self) -> list[QWidget]:
        """The terminal's fields a supervisor or admin sets (``settings.SUPERVISED_FIELDS``)."""
        return [
            self.backup_folder_edit,
            self.sync_warn_days_spin,
            self.sync_warn_waiting_spin,
            self.sync_freeze_days_spin,
        ]

    def _show_url_warning(self, text: str) -> None:
        self.status_url_warning.setVisible(is_placeholder_url(text))

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
        number = settings.terminal_code
        if tracking_numbers.is_provisional_terminal(number):
            number = self.tr("{number} (provisional, until the county assigns one)").format(
                number=number
            )
        self.terminal_code_label.setText(number or self.tr("(none yet)"))
        self.region_code_label.setText(settings.region_code or self.tr("(not set)"))
        self.centre_name_edit.setText(settings.centre_name)
        self._select(self.counter_level_combo, settings.counter_level)
        self.status_url_edit.setText(settings.public_status_url)
        self.centre_address_edit.setText(settings.centre_address)
        self.office_hours_edit.setText(settings.office_hours)
        self.contact_phone_edit.setText(settings.contact_phone)
        self.reconsideration_edit.setText(settings.reconsideration_body)
        self.court_edit.setText(settings.court)
        self.authority_edit.setText(settings.decision_authority)
        self.prefix_edit.setText(settings.document_prefix)
        self.window_edit.setText(settings.window)
        self.backup_folder_edit.setText(settings.backup_folder)
        self.idle_spin.setValue(max(1, min(240, int(settings.idle_lock_minutes))))
        self.low_disk_spin.setValue(max(0, min(MAX_LOW_DISK_MB, int(settings.low_disk_warning_mb))))
        self.sync_interval_spin.setValue(max(1, min(1440, int(settings.sync_interval_minutes))))
        self.sync_warn_days_spin.setValue(int(settings.sync_warn_days))
        self.sync_warn_waiting_spin.setValue(int(settings.sync_warn_waiting))
        self.sync_freeze_days_spin.setValue(int(settings.sync_freeze_days))
        self._select(self.language_combo, settings.language)
        self._select(self.paper_combo, settings.paper)
        self._fill_printers(self.printer_combo, settings.printer)
        self._fill_printers(self.roll_printer_combo, settings.roll_printer)
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
        for combo in (self.printer_combo, self.roll_printer_combo):
            self._fill_printers(combo, self._setting_of(combo))

    def _fill_printers(self, combo: QComboBox, current: str) -> None:
        combo.blockSignals(True)
        combo.clear()
        # The clerk reads printer names; the setting (cups:QUEUE) is the item's data.
        for queue in self._queues:
            combo.addItem(queue.replace("_", " "), CUPS_PREFIX + queue)
        for name in qt_printer_names():
            if CUPS_PREFIX + name not in [combo.itemData(i) for i in range(combo.count())]:
                combo.addItem(name, "qt:" + name)
        combo.addItem(self.tr("A folder (choose it)..."), FOLDER_PREFIX)
        row = combo.findData(current) if current != FOLDER_PREFIX else -1
        combo.setCurrentIndex(row)
        if row < 0:
            combo.setEditText(current)
        combo.blockSignals(False)

    @staticmethod
    def _setting_of(combo: QComboBox) -> str:
        """The setting the combo shows: a listed printer's data, else what was typed."""
        row = combo.currentIndex()
        text = combo.currentText().strip()
        if row >= 0 and combo.itemText(row) == combo.currentText():
            return str(combo.itemData(row))
        return text

    def _printer_activated(self, combo: QComboBox, row: int, browse: Callable[[], None]) -> None:
        if combo.itemData(row) == FOLDER_PREFIX:
            combo.setEditText(FOLDER_PREFIX)
            browse()

    def browse_folder(self) -> None:
        """Choose the folder the A4 printer prints into (non-blocking)."""
        self._browse(self.printer_combo, self.tr("Print A4 documents into this folder"))

    def browse_roll_folder(self) -> None:
        """Choose the folder the 80 mm roll printer prints into (non-blocking)."""
        self._browse(
            self.roll_printer_combo, self.tr("Print 80 mm roll documents into this folder")
        )

    def _browse(self, combo: QComboBox, title: str) -> None:
        current = combo.currentText().strip()
        start = current[len(FOLDER_PREFIX) :] if current.startswith(FOLDER_PREFIX) else ""
        dialog = QFileDialog(self, title, start)
        dialog.setObjectName(f"{combo.objectName()}_folder_dialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)

        def chosen(path: str) -> None:
            if path and shiboken6.isValid(combo):
                combo.setEditText(FOLDER_PREFIX + path)

        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def printer_text(self) -> str:
        """The A4 printer's setting as the form shows it (cups:QUEUE, qt:NAME, folder:PATH)."""
        return self._setting_of(self.printer_combo)

    def set_printer(self, value: str) -> None:
        self.printer_combo.setEditText(value)

    def roll_printer_text(self) -> str:
        """The 80 mm roll printer's setting as the form shows it."""
        return self._setting_of(self.roll_printer_combo)

    def set_roll_printer(self, value: str) -> None:
        self.roll_printer_combo.setEditText(value)

    # -- saving ------------------------------------------------------------------

    def values(self) -> TerminalSettings:
        """The settings as the form now shows them (centre fields only if allowed)."""
        assert self._settings is not None
        changes: dict[str, Any] = {
            "window": self.window_edit.text().strip(),
            "idle_lock_minutes": self.idle_spin.value(),
            "low_disk_warning_mb": self.low_disk_spin.value(),
            "sync_interval_minutes": self.sync_interval_spin.value(),
            "language": self.language_combo.currentData(),
            "paper": self.paper_combo.currentData(),
            "printer": self.printer_text(),
            "roll_printer": self.roll_printer_text(),
        }
        if self._may_edit_centre:
            changes.update(
                centre_name=self.centre_name_edit.text().strip(),
                counter_level=self.counter_level_combo.currentData(),
                public_status_url=self.status_url_edit.text().strip(),
                centre_address=self.centre_address_edit.text().strip(),
                office_hours=self.office_hours_edit.text().strip(),
                contact_phone=self.contact_phone_edit.text().strip(),
                reconsideration_body=self.reconsideration_edit.text().strip(),
                court=self.court_edit.text().strip(),
                decision_authority=self.authority_edit.text().strip(),
                document_prefix=self.prefix_edit.text().strip(),
                backup_folder=self.backup_folder_edit.text().strip(),
                sync_warn_days=self.sync_warn_days_spin.value(),
                sync_warn_waiting=self.sync_warn_waiting_spin.value(),
                sync_freeze_days=self.sync_freeze_days_spin.value(),
            )
        return self._settings.replace(**changes)

    def save(self) -> None:
        if self._settings is None or self._saving:
            return
        self.error_label.clear()
        new = self.values()
        for where, setting in (("printer", new.printer), ("roll_printer", new.roll_printer)):
            if setting:
                try:
                    printer_for(setting)  # only checks the syntax; sends nothing
                except ClerkDeskError as exc:
                    self._show_error(InvalidInput(where, exc.template, **exc.params))
                    return
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        base = self._settings
        self._saving = True
        self._update_buttons()
        # Only what the form changed is stored: a value changed elsewhere since the
        # form was filled (the terminal number, by the command line) stays.
        self._ctx.runner.db(
            lambda: desk.update_settings(new, actor_id=staff.id, base=base),
            self._saved,
            self._failed,
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
            "centre_address": self.centre_address_edit,
            "office_hours": self.office_hours_edit,
            "contact_phone": self.contact_phone_edit,
            "reconsideration_body": self.reconsideration_edit,
            "court": self.court_edit,
            "idle_lock_minutes": self.idle_spin,
            "low_disk_warning_mb": self.low_disk_spin,
            "sync_interval_minutes": self.sync_interval_spin,
            "sync_warn_days": self.sync_warn_days_spin,
            "sync_warn_waiting": self.sync_warn_waiting_spin,
            "sync_freeze_days": self.sync_freeze_days_spin,
            "backup_folder": self.backup_folder_edit,
            "language": self.language_combo,
            "paper": self.paper_combo,
            "printer": self.printer_combo,
            "roll_printer": self.roll_printer_combo,
            "window": self.window_edit,
        }.get(where)

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self._settings is not None and not self._saving)
