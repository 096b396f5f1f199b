"""A printer's field in the settings: the printers by their names, or a folder for PDF files.

A counter has a printer for each paper (the A4 printer and the 80 mm roll
printer); each is a :class:`PrinterField`: an editable combo listing the CUPS
queues and Qt's printers by the names the clerk reads, and a folder button
with its key. The setting itself (``cups:QUEUE``, ``qt:NAME``,
``folder:PATH``) is the item's data, never shown as a name.

Its text keeps the settings dialog's translation context (``SettingsDialog``).
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QPushButton, QWidget

from clerk_desk.ui.qt_printing import qt_printer_names

FOLDER_PREFIX = "folder:"
CUPS_PREFIX = "cups:"


def native_keys(shortcut: str) -> str:
    """The keys as this platform names them (``Ctrl+Shift+B``)."""
    return QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)


class PrinterField:
    """A printer's combo and its folder button (``row``, to put into a form).

    ``keys_owner`` (the dialog) holds the action of the folder key, so it
    works wherever the keyboard is in the dialog.
    """

    def __init__(self, name: str, browse_key: str, folder_title: str, keys_owner: QWidget) -> None:
        self._folder_title = folder_title
        self._owner = keys_owner
        self.combo = combo = QComboBox()
        combo.setObjectName(name)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog", "A printer of this computer, or a folder to put PDF files into"
            )
        )
        edit = combo.lineEdit()
        assert edit is not None  # editable combo
        edit.setPlaceholderText(
            QCoreApplication.translate("SettingsDialog", "Choose a printer or a folder")
        )
        combo.activated.connect(self._activated)
        self.browse_button = QPushButton(QCoreApplication.translate("SettingsDialog", "Folder..."))
        self.browse_button.setObjectName(f"{name}_browse_button")
        action = QAction(keys_owner)
        action.setShortcut(QKeySequence(browse_key))
        action.triggered.connect(self.browse)
        keys_owner.addAction(action)
        self.browse_button.clicked.connect(self.browse)
        self.browse_button.setAutoDefault(False)  # Enter saves, whatever has the focus
        self.row = QHBoxLayout()
        self.row.addWidget(combo, 1)
        self.row.addWidget(self.browse_button)

    def fill(self, queues: Sequence[str], current: str) -> None:
        """List the queues and Qt's printers, a folder last; show the setting ``current``."""
        combo = self.combo
        combo.blockSignals(True)
        combo.clear()
        # The clerk reads printer names; the setting (cups:QUEUE) is the item's data.
        for queue in queues:
            combo.addItem(queue.replace("_", " "), CUPS_PREFIX + queue)
        for name in qt_printer_names():
            if CUPS_PREFIX + name not in [combo.itemData(i) for i in range(combo.count())]:
                combo.addItem(name, "qt:" + name)
        combo.addItem(
            QCoreApplication.translate("SettingsDialog", "A folder (choose it)..."), FOLDER_PREFIX
        )
        row = combo.findData(current) if current != FOLDER_PREFIX else -1
        combo.setCurrentIndex(row)
        if row < 0:
            combo.setEditText(current)
        combo.blockSignals(False)

    def setting(self) -> str:
        """The setting the combo shows: a listed printer's data, else what was typed."""
        combo = self.combo
        row = combo.currentIndex()
        text = combo.currentText().strip()
        if row >= 0 and combo.itemText(row) == combo.currentText():
            return str(combo.itemData(row))
        return text

    def set_text(self, value: str) -> None:
        self.combo.setEditText(value)

    def _activated(self, row: int) -> None:
        if self.combo.itemData(row) == FOLDER_PREFIX:
            self.combo.setEditText(FOLDER_PREFIX)
            self.browse()

    def browse(self) -> None:
        """Choose the folder this printer prints into (non-blocking)."""
        combo = self.combo
        current = combo.currentText().strip()
        start = current[len(FOLDER_PREFIX) :] if current.startswith(FOLDER_PREFIX) else ""
        dialog = QFileDialog(self._owner, self._folder_title, start)
        dialog.setObjectName(f"{combo.objectName()}_folder_dialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)

        def chosen(path: str) -> None:
            if path and shiboken6.isValid(combo):
                combo.setEditText(FOLDER_PREFIX + path)

        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
