"""Preview of the very PDF that prints, and printing it off the GUI thread.

A document goes to the printer of its own paper: an A4 document to the A4
printer (``settings.printer``), an 80 mm roll document to the roll printer
(``settings.roll_printer``). Every attempt is recorded in the audit log,
including one that finds no printer to send to (none chosen in Settings for
that paper, or a setting that names none).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.case_documents import DocumentInfo
from clerk_desk.printing.printers import Printer, PrintFailed, no_printer_chosen
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.messages import describe
from clerk_desk.ui.ops import Op, OpChanges
from clerk_desk.ui.qt_printing import printer_for

KIND_NAMES = {
    "acceptance_notice": "受理通知书",
    "one_time_notice": "一次性告知书",
    "tolerant_promise": "容缺受理承诺书",
    "rejection_notice": "不予受理通知书",
    "handover_list": "代办件移交清单",
    "agent_receipt": "代办收件回执",
}


@dataclass(frozen=True, slots=True)
class PrintRun:
    """What one press of Print did: the documents sent, and the failure that stopped it."""

    sent: list[DocumentInfo]
    to_queue: bool  # the printer is a print queue: "sent" is not yet "on paper"
    error: PrintFailed | None


def document_label(doc: DocumentInfo) -> str:
    name = KIND_NAMES.get(doc.kind.value, doc.kind.value)
    # The glossary's mark of a reprint: 补打（第N次）.
    return f"{name} 补打（第{doc.reprint}次）" if doc.reprint else name


class PreviewDialog(QDialog):
    """Shows each document's kept PDF; Print sends those same bytes.

    Signals:
        printed(object): the DocumentInfo after a successful print.
    """

    printed = Signal(object)

    def __init__(
        self, ctx: UiContext, docs: list[DocumentInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preview_dialog")
        self.setWindowTitle(self.tr("Print preview"))
        self._ctx = ctx
        self._docs = docs
        self._buffer: QBuffer | None = None
        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.choice = QComboBox()
        self.choice.setObjectName("document_choice")
        for doc in docs:
            self.choice.addItem(document_label(doc), doc.id)
        self.print_button = QPushButton(self.tr("&Print"))
        self.print_button.setObjectName("print_button")
        self.print_button.setDefault(True)
        self.print_button.setToolTip(self.tr("Print this document (Enter / Ctrl+P)"))
        self.print_all_button = QPushButton(self.tr("Print &all"))
        self.print_all_button.setObjectName("print_all_button")
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.status = QLabel()
        self.status.setObjectName("print_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        print_action = QAction(self)
        print_action.setShortcut(QKeySequence.StandardKey.Print)
        print_action.triggered.connect(self.print_current)
        self.addAction(print_action)

        top = QHBoxLayout()
        top.addWidget(self.choice, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.print_all_button)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.resize(820, 700)

        self.choice.currentIndexChanged.connect(self._show)
        self.print_button.clicked.connect(self.print_current)
        self.print_all_button.clicked.connect(self.print_all)
        self.close_button.clicked.connect(self.reject)
        if docs:
            self._show(0)

    def current(self) -> DocumentInfo | None:
        row = self.choice.currentIndex()
        return self._docs[row] if 0 <= row < len(self._docs) else None

    def _show(self, row: int) -> None:
        doc = self._docs[row]
        desk = self._ctx.desk
        self._ctx.runner.db(lambda: desk.documents.pdf(doc.id), self._load)

    def _load(self, pdf: bytes) -> None:
        self.pdf.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)

    def print_current(self) -> None:
        doc = self.current()
        if doc is not None:
            self._print([doc])

    def print_all(self) -> None:
        self._print(list(self._docs))

    def _print(self, docs: list[DocumentInfo]) -> None:
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        settings = desk.settings()
        self.print_button.setEnabled(False)
        self.print_all_button.setEnabled(False)
        self.status.setText(self.tr("Printing..."))

        def printer_of(layout: str) -> Printer | PrintFailed:
            setting = settings.printer_for(layout)
            if not setting.strip():
                return no_printer_chosen(layout)
            try:
                return printer_for(setting)
            except PrintFailed as exc:
                return exc

        on_db_thread = self._ctx.runner.on_db_thread

        def send() -> PrintRun:
            printers = {layout: printer_of(layout) for layout in {d.layout for d in docs}}
            sent: list[DocumentInfo] = []
            to_queue = False
            first_error: PrintFailed | None = None
            for d in docs:
                printer = printers[d.layout]
                if isinstance(printer, PrintFailed):
                    # No printer to send to: an attempt all the same.
                    on_db_thread(
                        partial(
                            desk.documents.record_print,
                            d.id,
                            staff_id=staff.id,
                            printer=settings.printer_for(d.layout),
                            error=str(printer),
                        )
                    )
                    first_error = first_error or printer
                    continue
                try:
                    sent.append(
                        desk.documents.print_document(
                            d.id, staff_id=staff.id, printer=printer, writer=on_db_thread
                        )
                    )
                except PrintFailed as exc:  # recorded; the rest wait for the printer too
                    return PrintRun(sent, to_queue or printer.to_queue, exc)
                to_queue = to_queue or printer.to_queue
            return PrintRun(sent, to_queue, first_error)

        # On the I/O pool (a printer may take seconds); the records are written on the
        # database thread, and every screen hears of the documents printed.
        Op(self._ctx, send, changes=lambda run: OpChanges.of_documents(run.sent), on="io").success(
            self._printed
        ).failure(self._print_failed).run(initiator=self)

    def _printed(self, run: PrintRun) -> None:
        # Widgets first: on a dialog closed meanwhile this raises the "already
        # deleted" error the task runner drops, before any signal is emitted.
        if run.error is not None:
            self._print_failed(run.error)
        else:
            self.print_button.setEnabled(True)
            self.print_all_button.setEnabled(True)
            if run.to_queue:
                self.status.setText(
                    self.tr(
                        "Sent to the printer queue. If nothing comes out, check the printer (paper, power) and print again."
                    )
                )
            else:
                self.status.setText(self.tr("Printed."))
        for info in run.sent:  # what was sent before a failure counts too
            self.printed.emit(info)

    def _print_failed(self, error: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.print_all_button.setEnabled(True)
        self.status.setText(
            self.tr(
                "Not printed: {error}. The document is kept; print it again when the printer is ready."
            ).format(error=describe(error))
        )
