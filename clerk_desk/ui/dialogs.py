"""Small dialogs of the intake: the promise date, the rejection."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class PromiseDateDialog(QDialog):
    """Asks for the date by which the applicant promises the missing materials."""

    def __init__(self, today: date, missing: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promise_dialog")
        self.setWindowTitle(self.tr("Tolerant acceptance"))
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("promise_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        default = today + timedelta(days=7)
        self.date_edit.setDate(QDate(default.year, default.month, default.day))
        self.date_edit.setMinimumDate(QDate(today.year, today.month, today.day).addDays(1))
        listing = QLabel("\n".join(f"• {name}" for name in missing))
        listing.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Missing non-key materials:"), listing)
        form.addRow(self.tr("&Promised by:"), self.date_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def promise_date(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())


class RejectionDialog(QDialog):
    """Reason, legal basis and (where it is not this office's matter) the competent body."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejection_dialog")
        self.setWindowTitle(self.tr("Reject the application"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setTabChangesFocus(True)
        self.basis_edit = QLineEdit()
        self.basis_edit.setObjectName("legal_basis")
        self.body_edit = QLineEdit()
        self.body_edit.setObjectName("competent_body")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(self.tr("&Reason:"), self.reason_edit)
        form.addRow(self.tr("Legal &basis:"), self.basis_edit)
        form.addRow(self.tr("&Competent body (if not ours):"), self.body_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _check(self) -> None:
        if not self.reason_edit.toPlainText().strip():
            self.error.setText(self.tr("A rejection needs its reason."))
            self.reason_edit.setFocus()
            return
        if not self.basis_edit.text().strip():
            self.error.setText(self.tr("A rejection needs its legal basis."))
            self.basis_edit.setFocus()
            return
        self.accept()

    def values(self) -> tuple[str, str, str]:
        return (
            self.reason_edit.toPlainText().strip(),
            self.basis_edit.text().strip(),
            self.body_edit.text().strip(),
        )
