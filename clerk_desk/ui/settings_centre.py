"""The settings' "Centre" group: the terminal's numbers and the centre's own fields.

The centre's own fields (``settings.CENTRE_FIELDS``: name, level, status URL,
and what documents print about the centre: address, hours, phone,
reconsideration body, court, deciding body, document serial prefix) are a
supervisor's or an admin's to change; the dialog disables them for a clerk,
and :attr:`CentreBox.centre_hint` says why. While the status URL is the
example address a warning says so.

Its text keeps the settings dialog's translation context (``SettingsDialog``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clerk_desk import tracking_numbers
from clerk_desk.settings import LEVELS, TerminalSettings, is_placeholder_url
from clerk_desk.ui.field_errors import ERROR_STYLE

WARNING_STYLE = ERROR_STYLE


def line_edit(name: str, max_length: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setMaxLength(max_length)
    return edit


def select(combo: QComboBox, value: str) -> None:
    """Show ``value``; a value this version does not list is kept rather than lost."""
    row = combo.findData(value)
    if row < 0:
        combo.addItem(value, value)
        row = combo.count() - 1
    combo.setCurrentIndex(row)


def _selectable_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CentreBox(QGroupBox):
    """The terminal number and region code (shown), and the centre's own fields."""

    def __init__(self, may_edit_centre: bool) -> None:
        super().__init__(QCoreApplication.translate("SettingsDialog", "Centre"))
        self.terminal_code_label = _selectable_label("terminal_code")
        self.region_code_label = _selectable_label("region_code")
        self.centre_name_edit = line_edit("centre_name")
        self.counter_level_combo = QComboBox()
        self.counter_level_combo.setObjectName("counter_level")
        level_names = {
            "village": QCoreApplication.translate("SettingsDialog", "Village agency point"),
            "township": QCoreApplication.translate("SettingsDialog", "Township service centre"),
            "county": QCoreApplication.translate("SettingsDialog", "County service hall"),
        }
        for level in LEVELS:
            self.counter_level_combo.addItem(level_names[level], level)
        self.status_url_edit = line_edit("public_status_url", 500)
        self.status_url_edit.setPlaceholderText("https://")
        self.centre_address_edit = line_edit("centre_address")
        self.office_hours_edit = line_edit("office_hours")
        self.contact_phone_edit = line_edit("contact_phone", 40)
        self.reconsideration_edit = line_edit("reconsideration_body")
        self.court_edit = line_edit("court")
        self.authority_edit = line_edit("decision_authority")
        self.authority_edit.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog",
                "The body in whose name acceptance and rejection are issued when the catalog "
                "item names none (the centre is a window, not a deciding body).",
            )
        )
        self.prefix_edit = line_edit("document_prefix", 20)
        self.prefix_edit.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog",
                "The start of every document's serial number (文书编号), e.g. 郭仓便民 in "
                "郭仓便民受字〔2026〕第0042号; empty: the short form of the centre's name.",
            )
        )

        cf = QFormLayout(self)
        cf.addRow(
            QCoreApplication.translate("SettingsDialog", "Terminal number:"),
            self.terminal_code_label,
        )
        cf.addRow(
            QCoreApplication.translate("SettingsDialog", "Region code:"), self.region_code_label
        )
        cf.addRow(
            QCoreApplication.translate("SettingsDialog", "Centre &name:"), self.centre_name_edit
        )
        cf.addRow(
            QCoreApplication.translate("SettingsDialog", "Counter &level:"),
            self.counter_level_combo,
        )
        self.status_url_warning = QLabel(
            QCoreApplication.translate(
                "SettingsDialog",
                "This is the example address: the documents and their QR codes send "
                "applicants to a page that does not exist. Enter the centre's real status page.",
            )
        )
        self.status_url_warning.setObjectName("status_url_warning")
        self.status_url_warning.setStyleSheet(WARNING_STYLE)
        self.status_url_warning.setWordWrap(True)
        self.status_url_warning.setVisible(False)
        self.status_url_edit.textChanged.connect(self._show_url_warning)
        url_label = QLabel(QCoreApplication.translate("SettingsDialog", "Publi&c status URL:"))
        url_label.setBuddy(self.status_url_edit)
        url_field = QVBoxLayout()
        url_field.setSpacing(2)
        url_field.addWidget(self.status_url_edit)
        url_field.addWidget(self.status_url_warning)
        cf.addRow(url_label, url_field)
        cf.addRow(
            QCoreApplication.translate("SettingsDialog", "&Address:"), self.centre_address_edit
        )
        cf.addRow(
            QCoreApplication.translate("SettingsDialog", "Office &hours:"), self.office_hours_edit
        )
        cf.addRow(
            QCoreApplication.translate("SettingsDialog", "Contact &phone:"),
            self.contact_phone_edit,
        )
        cf.addRow(
            QCoreApplication.translate("SettingsDialog", "Reconsideration &body:"),
            self.reconsideration_edit,
        )
        cf.addRow(QCoreApplication.translate("SettingsDialog", "C&ourt:"), self.court_edit)
        cf.addRow(
            QCoreApplication.translate("SettingsDialog", "D&eciding body:"), self.authority_edit
        )
        cf.addRow(
            QCoreApplication.translate("SettingsDialog", "Document serial pre&fix:"),
            self.prefix_edit,
        )
        self.centre_hint = QLabel(
            QCoreApplication.translate(
                "SettingsDialog",
                "Only a supervisor or an admin changes the centre's details: name, level, "
                "status URL, address, office hours, phone, reconsideration body, court, "
                "deciding body and document serial prefix.",
            )
        )
        self.centre_hint.setObjectName("centre_hint")
        self.centre_hint.setWordWrap(True)
        self.centre_hint.setVisible(not may_edit_centre)
        cf.addRow(self.centre_hint)

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

    def _show_url_warning(self, text: str) -> None:
        self.status_url_warning.setVisible(is_placeholder_url(text))

    def show_settings(self, settings: TerminalSettings) -> None:
        number = settings.terminal_code
        if tracking_numbers.is_provisional_terminal(number):
            number = QCoreApplication.translate(
                "SettingsDialog", "{number} (provisional, until the county assigns one)"
            ).format(number=number)
        self.terminal_code_label.setText(
            number or QCoreApplication.translate("SettingsDialog", "(none yet)")
        )
        self.region_code_label.setText(
            settings.region_code or QCoreApplication.translate("SettingsDialog", "(not set)")
        )
        self.centre_name_edit.setText(settings.centre_name)
        select(self.counter_level_combo, settings.counter_level)
        self.status_url_edit.setText(settings.public_status_url)
        self.centre_address_edit.setText(settings.centre_address)
        self.office_hours_edit.setText(settings.office_hours)
        self.contact_phone_edit.setText(settings.contact_phone)
        self.reconsideration_edit.setText(settings.reconsideration_body)
        self.court_edit.setText(settings.court)
        self.authority_edit.setText(settings.decision_authority)
        self.prefix_edit.setText(settings.document_prefix)

    def values(self) -> dict[str, Any]:
        """The centre's own fields as the form shows them."""
        return {
            "centre_name": self.centre_name_edit.text().strip(),
            "counter_level": self.counter_level_combo.currentData(),
            "public_status_url": self.status_url_edit.text().strip(),
            "centre_address": self.centre_address_edit.text().strip(),
            "office_hours": self.office_hours_edit.text().strip(),
            "contact_phone": self.contact_phone_edit.text().strip(),
            "reconsideration_body": self.reconsideration_edit.text().strip(),
            "court": self.court_edit.text().strip(),
            "decision_authority": self.authority_edit.text().strip(),
            "document_prefix": self.prefix_edit.text().strip(),
        }

    def field_widgets(self) -> dict[str, QWidget]:
        """The field a refusal names (``InvalidInput.where``) and its widget."""
        return {
            "centre_name": self.centre_name_edit,
            "counter_level": self.counter_level_combo,
            "public_status_url": self.status_url_edit,
            "centre_address": self.centre_address_edit,
            "office_hours": self.office_hours_edit,
            "contact_phone": self.contact_phone_edit,
            "reconsideration_body": self.reconsideration_edit,
            "court": self.court_edit,
        }
