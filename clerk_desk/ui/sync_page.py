"""The sync page: the terminal's sync status, the changes the server refused, 立即同步.

Thin: what it shows comes from the SyncRunner (``ctx.sync``), read off the GUI
thread. A refused change is listed with its case's number, the server's reason
in words (:func:`refusal_words`; the server's own message in the tooltip) and when; Retry lets the selected one go again (audited as ``sync.retried``)
after the cause was fixed, and syncs. Clerks, supervisors and admins see it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_desk import tracking_numbers
from clerk_desk.sync import SyncStatus
from clerk_desk.ui.case_timeline import known_step_name
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.field_errors import ERROR_STYLE
from clerk_desk.ui.messages import describe
from clerk_desk.ui.sync_runner import QuarantineRow
from clerk_desk.ui.table_model import Column, RowTableModel
from clerk_desk.ui.terminal_status import failure_words, format_time

WARNING_STYLE = ERROR_STYLE


def refusal_words(reason: str) -> str:
    """Why the server refused a change (its reason code), in the clerk's language.

    The server's own message is in English for the county's IT staff: the page
    shows it in the tooltip only.
    """
    translate = QCoreApplication.translate
    words = {
        "foreign_centre": translate(
            "SyncPage", "The case belongs to another centre: this terminal may not change it."
        ),
        "bad_payload": translate(
            "SyncPage", "The server could not read this change (it is incomplete or malformed)."
        ),
        "id_reused": translate(
            "SyncPage",
            "The server already holds a different change under this change's number.",
        ),
        "case_moved": translate(
            "SyncPage",
            "The back office has moved this case on at the county: this step no longer applies.",
        ),
    }
    known = words.get(reason)
    if known is not None:
        return known
    return translate("SyncPage", "Refused by the server (reason: {code}).").format(code=reason)


def change_words(entity: str, operation: str) -> str:
    """A change as the clerk names it: what it is about, and for a case its step.

    The wire's ``case.accepted`` is for the county's IT officer (the tooltip).
    """
    translate = QCoreApplication.translate
    entities = {
        "case": translate("SyncPage", "Case"),
        "document": translate("SyncPage", "Document"),
        "applicant": translate("SyncPage", "Applicant"),
        "staff": translate("SyncPage", "Staff account"),
        "settings": translate("SyncPage", "Settings"),
        "handover_batch": translate("SyncPage", "Handover list"),
        "catalog_version": translate("SyncPage", "Service guide"),
        "calendar": translate("SyncPage", "Holiday calendar"),
        "audit": translate("SyncPage", "Audit log"),
        "store": translate("SyncPage", "Store"),
        "terminal": translate("SyncPage", "Terminal"),
    }
    what = entities.get(entity, entity)
    prefix, _, action = operation.partition(".")
    step = known_step_name(action) if entity == "case" and prefix == "case" else None
    if step is not None:
        return translate("SyncPage", "{what} ({step})").format(what=what, step=step)
    return what


def quarantine_model(timezone: str, parent: QWidget | None = None) -> RowTableModel[QuarantineRow]:
    """The quarantined changes: change, case number, reason, when."""
    translate = QCoreApplication.translate

    def number(row: QuarantineRow) -> str:
        if row.case_number:
            return tracking_numbers.display(row.case_number)
        return row.change.entity_id

    def reason_tip(row: QuarantineRow) -> str:
        change = row.change
        said = translate("SyncPage", "The server says ({code}): {message}").format(
            code=change.reason, message=change.message or "-"
        )
        return f"{refusal_words(change.reason)}\n{said}"

    return RowTableModel(
        [
            Column(
                lambda: translate("SyncPage", "Change"),
                lambda r: (
                    f"{change_words(r.change.entity, r.change.operation)} #{r.change.outbox_seq}"
                ),
                tooltip=lambda r: r.change.operation,
            ),
            Column(lambda: translate("SyncPage", "Case number"), number),
            Column(
                lambda: translate("SyncPage", "Reason"),
                lambda r: refusal_words(r.change.reason),
                tooltip=reason_tip,
            ),
            Column(
                lambda: translate("SyncPage", "When"), lambda r: format_time(r.change.at, timezone)
            ),
        ],
        parent=parent,
    )


class SyncPage(QWidget):
    """Status, the quarantine list with Retry, and Sync now."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_page")
        self._ctx = ctx
        title = QLabel(self.tr("Sync with the county server"))
        title.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.state_label = self._value("sync_state")
        self.server_label = self._value("sync_server")
        self.number_label = self._value("sync_terminal")
        self.success_label = self._value("sync_last_success")
        self.attempt_label = self._value("sync_last_attempt")
        self.waiting_label = self._value("sync_waiting")
        self.quarantined_label = self._value("sync_quarantined")
        self.error_label = self._value("sync_error")
        self.error_label.setStyleSheet(WARNING_STYLE)
        self.error_label.setWordWrap(True)
        # A recovery pending after a restore; terminals of this centre the county revoked.
        self.notices_label = self._value("sync_notices")
        self.notices_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("State:"), self.state_label)
        form.addRow(self.tr("Server:"), self.server_label)
        form.addRow(self.tr("Terminal number:"), self.number_label)
        form.addRow(self.tr("Last success:"), self.success_label)
        form.addRow(self.tr("Last attempt:"), self.attempt_label)
        form.addRow(self.tr("Changes waiting:"), self.waiting_label)
        form.addRow(self.tr("Refused changes:"), self.quarantined_label)
        form.addRow(self.error_label)
        form.addRow(self.notices_label)

        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.setObjectName("sync_now")
        self.sync_button.setToolTip(
            self.tr("Send the waiting changes and fetch the county's (Ctrl+Shift+Y)")
        )
        self.sync_button.clicked.connect(self._sync_now)

        self.model = quarantine_model(ctx.desk.settings().timezone, self)
        self.table = QTableView()
        self.table.setObjectName("quarantine_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the reason, elided
        list_label = QLabel(self.tr("Changes the server &refused (fix the cause, then retry):"))
        list_label.setBuddy(self.table)
        self.retry_button = QPushButton(self.tr("Re&try selected"))
        self.retry_button.setObjectName("retry_quarantined")
        self.retry_button.setToolTip(
            self.tr("Send the selected refused change again, once its cause is fixed")
        )
        self.retry_button.clicked.connect(self.retry_selected)
        self.message = QLabel()
        self.message.setObjectName("sync_page_message")
        self.message.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(list_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        if ctx.sync is not None:
            ctx.sync.changed.connect(self._show)
            ctx.sync.sync_finished.connect(lambda _ok: self.reload())
        self._show()

    def _value(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Read the status and the quarantine again (off the GUI thread)."""
        sync = self._ctx.sync
        if sync is None:
            return
        sync.refresh()
        sync.quarantine(self._listed, self._failed)

    def _listed(self, rows: list[QuarantineRow]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(describe(error))

    def _show(self) -> None:
        sync = self._ctx.sync
        status = sync.status if sync is not None else None
        tz = self._ctx.desk.settings().timezone
        never = self.tr("never")
        if sync is None or status is None or not status.enrolled:
            self.state_label.setText(
                self.tr(
                    "Not enrolled: every change is kept on this terminal. An admin enrolls it in Settings (Ctrl+,)."
                )
            )
            for label in (
                self.server_label,
                self.number_label,
                self.success_label,
                self.attempt_label,
            ):
                label.setText("-")
            self.waiting_label.setText(str(status.waiting) if status else "-")
            self.quarantined_label.setText("0")
            self.error_label.clear()
            self.notices_label.clear()
        else:
            if sync.running:
                state = self.tr("Syncing...")
            elif sync.error_reason:
                state = self.tr("Last sync failed: {reason}").format(
                    reason=failure_words(sync.error_reason)
                )
            else:
                state = self.tr("Enrolled, centre {centre}").format(centre=status.centre_code)
            self.state_label.setText(state)
            self.server_label.setText(status.server_url)
            self.number_label.setText(status.terminal_number)
            self.success_label.setText(
                format_time(status.last_success_at, tz) if status.last_success_at else never
            )
            self.attempt_label.setText(
                format_time(status.last_attempt_at, tz) if status.last_attempt_at else never
            )
            self.waiting_label.setText(str(status.waiting))
            self.quarantined_label.setText(str(status.quarantined))
            self.error_label.setText(sync.error_text)
            self.notices_label.setText("\n".join(self._notices(status)))
        self._update_buttons()

    def _notices(self, status: SyncStatus) -> list[str]:
        notices = []
        if status.recovery_needed:
            notices.append(
                self.tr(
                    "This store was restored from a backup: the next sync takes back the "
                    "centre's cases from the county server before it sends new work."
                )
            )
        for number, revoked_at in status.revoked:
            notices.append(
                self.tr("Terminal {number} of this centre was revoked ({when}).").format(
                    number=number, when=revoked_at[:10]
                )
            )
        return notices

    def _update_buttons(self) -> None:
        sync = self._ctx.sync
        enrolled = sync is not None and sync.status is not None and sync.status.enrolled
        self.sync_button.setEnabled(enrolled and sync is not None and not sync.running)
        self.retry_button.setEnabled(enrolled and self._selected() is not None)

    def _selected(self) -> QuarantineRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= self.model.rowCount():
            return None
        return self.model.row(rows[0].row())

    def _sync_now(self) -> None:
        if self._ctx.sync is not None:
            self.message.clear()
            self._ctx.sync.sync_now("button")

    def retry_selected(self) -> None:
        sync = self._ctx.sync
        row = self._selected()
        if sync is None or row is None:
            return
        staff = self._ctx.login.require()
        self.retry_button.setEnabled(False)
        sync.retry(
            row.change.outbox_id,
            staff.id,
            lambda _n: self.message.setText(self.tr("Sent again.")),
            self._failed,
        )
