"""The settings' "This terminal" group: the counter, locking, backups, sync and printing.

The backup folder and the sync freeze policy (``settings.SUPERVISED_FIELDS``)
are a supervisor's or an admin's to set; enrolling with the county server
sets the terminal number, an admin's alone (its button is in the form only
for an admin). The two printers are :class:`~clerk_desk.ui.settings_printers.PrinterField`.

Its text keeps the settings dialog's translation context (``SettingsDialog``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from clerk_desk.settings import (
    MAX_LOW_DISK_MB,
    SYNC_DAYS_RANGE,
    SYNC_WARN_WAITING_RANGE,
    TerminalSettings,
)
from clerk_desk.ui.settings_centre import line_edit, select
from clerk_desk.ui.settings_printers import PrinterField, native_keys


def _spin(name: str, low: int, high: int, suffix: str | None = None) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(low, high)
    if suffix is not None:
        spin.setSuffix(suffix)
    return spin


class TerminalBox(QGroupBox):
    """This terminal's window, locking, disk warning, backups, sync, language and printers.

    ``keys_owner`` (the dialog) holds the folder keys of the printers.
    """

    def __init__(
        self, keys_owner: QWidget, is_admin: bool, open_enroll: Callable[[], None]
    ) -> None:
        super().__init__(QCoreApplication.translate("SettingsDialog", "This terminal"))
        minutes = QCoreApplication.translate("SettingsDialog", " min")
        days = QCoreApplication.translate("SettingsDialog", " days")
        self.window_edit = line_edit("window", 20)
        self.idle_spin = _spin("idle_lock_minutes", 1, 240, minutes)
        self.low_disk_spin = _spin(
            "low_disk_warning_mb",
            0,
            MAX_LOW_DISK_MB,
            QCoreApplication.translate("SettingsDialog", " MB"),
        )
        self.low_disk_spin.setSingleStep(50)
        self.low_disk_spin.setSpecialValueText(
            QCoreApplication.translate("SettingsDialog", "never")
        )
        self.low_disk_spin.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog",
                "Warn at start and on the status bar when the disk holding the data has less "
                "free space than this. A full disk cannot save cases.",
            )
        )
        self.sync_interval_spin = _spin("sync_interval_minutes", 1, 1440, minutes)
        self.sync_interval_spin.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog",
                "How often the terminal syncs with the county server in the background.",
            )
        )
        # The freeze policy (clerk_desk.sync_freeze): a supervisor's or admin's to set.
        self.sync_warn_days_spin = _spin("sync_warn_days", *SYNC_DAYS_RANGE, days)
        self.sync_warn_days_spin.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog", "Warn the clerk after this many days without a successful sync."
            )
        )
        self.sync_warn_waiting_spin = _spin("sync_warn_waiting", *SYNC_WARN_WAITING_RANGE)
        self.sync_warn_waiting_spin.setSingleStep(500)
        self.sync_warn_waiting_spin.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog", "Warn the clerk when this many changes wait to be synced."
            )
        )
        self.sync_freeze_days_spin = _spin("sync_freeze_days", *SYNC_DAYS_RANGE, days)
        self.sync_freeze_days_spin.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog",
                "After this many days without a successful sync, a new intake needs a "
                "supervisor's password; existing cases always go on.",
            )
        )
        # Enrolling sets the terminal number: an admin's (see clerk_desk.sync).
        self.enroll_button = QPushButton(
            QCoreApplication.translate("SettingsDialog", "Enroll with count&y server...")
        )
        self.enroll_button.setObjectName("open_enroll")
        self.enroll_button.clicked.connect(open_enroll)
        self.backup_folder_edit = line_edit("backup_folder", 1000)
        self.backup_folder_edit.setPlaceholderText(
            QCoreApplication.translate(
                "SettingsDialog", "none (only backups/ in the data directory)"
            )
        )
        self.backup_folder_edit.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog",
                "A second folder for the automatic backups, e.g. on a USB stick. A supervisor's "
                "or an admin's to set.",
            )
        )
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language")
        # Language names are endonyms on purpose: each reader finds their own.
        self.language_combo.addItem("中文 (zh_CN)", "zh_CN")
        self.language_combo.addItem("English (en)", "en")
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paper")
        self.paper_combo.addItem(QCoreApplication.translate("SettingsDialog", "A4 sheet"), "a4")
        self.paper_combo.addItem(
            QCoreApplication.translate("SettingsDialog", "80 mm receipt roll"), "roll80"
        )
        self.paper_combo.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog",
                "The paper an outcome's documents are made in; each document prints on the "
                "printer of its paper, and a reprint can be made on the other paper.",
            )
        )
        self.printer = PrinterField(
            "printer",
            "Ctrl+B",
            QCoreApplication.translate("SettingsDialog", "Print A4 documents into this folder"),
            keys_owner,
        )
        self.printer.browse_button.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog", "Print A4 documents into a folder ({key})"
            ).format(key=native_keys("Ctrl+B"))
        )
        self.roll_printer = PrinterField(
            "roll_printer",
            "Ctrl+Shift+B",
            QCoreApplication.translate(
                "SettingsDialog", "Print 80 mm roll documents into this folder"
            ),
            keys_owner,
        )
        self.roll_printer.browse_button.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog", "Print 80 mm roll documents into a folder ({key})"
            ).format(key=native_keys("Ctrl+Shift+B"))
        )

        tf = QFormLayout(self)
        tf.addRow(QCoreApplication.translate("SettingsDialog", "&Window:"), self.window_edit)
        tf.addRow(QCoreApplication.translate("SettingsDialog", "Lock after &idle:"), self.idle_spin)
        tf.addRow(
            QCoreApplication.translate("SettingsDialog", "Warn when free dis&k space is below:"),
            self.low_disk_spin,
        )
        tf.addRow(
            QCoreApplication.translate("SettingsDialog", "Second backup folder (&USB):"),
            self.backup_folder_edit,
        )
        tf.addRow(
            QCoreApplication.translate("SettingsDialog", "Sync e&very:"), self.sync_interval_spin
        )
        tf.addRow(
            QCoreApplication.translate("SettingsDialog", "Warn after no sync for:"),
            self.sync_warn_days_spin,
        )
        tf.addRow(
            QCoreApplication.translate("SettingsDialog", "Warn at changes waiting:"),
            self.sync_warn_waiting_spin,
        )
        tf.addRow(
            QCoreApplication.translate("SettingsDialog", "Supervisor needed after no sync for:"),
            self.sync_freeze_days_spin,
        )
        if is_admin:
            tf.addRow(self.enroll_button)
        tf.addRow(QCoreApplication.translate("SettingsDialog", "Lan&guage:"), self.language_combo)
        tf.addRow(
            QCoreApplication.translate("SettingsDialog", "&Documents are printed on:"),
            self.paper_combo,
        )
        printer_label = QLabel(QCoreApplication.translate("SettingsDialog", "A4 p&rinter:"))
        printer_label.setBuddy(self.printer.combo)
        tf.addRow(printer_label, self.printer.row)
        roll_printer_label = QLabel(
            QCoreApplication.translate("SettingsDialog", "80 mm roll prin&ter:")
        )
        roll_printer_label.setBuddy(self.roll_printer.combo)
        tf.addRow(roll_printer_label, self.roll_printer.row)

    def supervised_widgets(self) -> list[QWidget]:
        """The terminal's fields a supervisor or admin sets (``settings.SUPERVISED_FIELDS``)."""
        return [
            self.backup_folder_edit,
            self.sync_warn_days_spin,
            self.sync_warn_waiting_spin,
            self.sync_freeze_days_spin,
        ]

    def show_settings(self, settings: TerminalSettings, queues: list[str]) -> None:
        self.window_edit.setText(settings.window)
        self.backup_folder_edit.setText(settings.backup_folder)
        self.idle_spin.setValue(max(1, min(240, int(settings.idle_lock_minutes))))
        self.low_disk_spin.setValue(max(0, min(MAX_LOW_DISK_MB, int(settings.low_disk_warning_mb))))
        self.sync_interval_spin.setValue(max(1, min(1440, int(settings.sync_interval_minutes))))
        self.sync_warn_days_spin.setValue(int(settings.sync_warn_days))
        self.sync_warn_waiting_spin.setValue(int(settings.sync_warn_waiting))
        self.sync_freeze_days_spin.setValue(int(settings.sync_freeze_days))
        select(self.language_combo, settings.language)
        select(self.paper_combo, settings.paper)
        self.printer.fill(queues, settings.printer)
        self.roll_printer.fill(queues, settings.roll_printer)

    def values(self) -> dict[str, Any]:
        """The fields anyone at the counter sets, as the form shows them."""
        return {
            "window": self.window_edit.text().strip(),
            "idle_lock_minutes": self.idle_spin.value(),
            "low_disk_warning_mb": self.low_disk_spin.value(),
            "sync_interval_minutes": self.sync_interval_spin.value(),
            "language": self.language_combo.currentData(),
            "paper": self.paper_combo.currentData(),
            "printer": self.printer.setting(),
            "roll_printer": self.roll_printer.setting(),
        }

    def supervised_values(self) -> dict[str, Any]:
        """The supervised fields (``supervised_widgets``) as the form shows them."""
        return {
            "backup_folder": self.backup_folder_edit.text().strip(),
            "sync_warn_days": self.sync_warn_days_spin.value(),
            "sync_warn_waiting": self.sync_warn_waiting_spin.value(),
            "sync_freeze_days": self.sync_freeze_days_spin.value(),
        }

    def field_widgets(self) -> dict[str, QWidget]:
        """The field a refusal names (``InvalidInput.where``) and its widget."""
        return {
            "idle_lock_minutes": self.idle_spin,
            "low_disk_warning_mb": self.low_disk_spin,
            "sync_interval_minutes": self.sync_interval_spin,
            "sync_warn_days": self.sync_warn_days_spin,
            "sync_warn_waiting": self.sync_warn_waiting_spin,
            "sync_freeze_days": self.sync_freeze_days_spin,
            "backup_folder": self.backup_folder_edit,
            "language": self.language_combo,
            "paper": self.paper_combo,
            "printer": self.printer.combo,
            "roll_printer": self.roll_printer.combo,
            "window": self.window_edit,
        }
