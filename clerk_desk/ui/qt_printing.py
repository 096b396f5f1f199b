"""Printing a kept PDF through Qt's print system (Windows printers, CUPS, print to file).

Windows has no ``lp``: there the counter's printers are reached through
QPrinter. Each page of the kept PDF is rendered by QtPdf at the printer's
resolution and painted onto the page, so what prints is exactly the PDF
the preview showed. Settings name such a printer ``qt:NAME`` (``qt:`` alone:
the system's default printer).

QPainter may paint on a QPrinter outside the GUI thread; ``send`` runs on
the task runner's I/O pool like every other printer.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from clerk_desk.printing.printers import Printer, PrintFailed, printer_from_setting


def qt_printer_names() -> list[str]:
    """The printers Qt's print system knows on this machine."""
    return list(QPrinterInfo.availablePrinterNames())


@dataclass(frozen=True)
class QtPrinter:
    """A printer reached through QPrinter. ``output_file`` prints to a PDF file instead."""

    name: str
    dpi: int = 300
    output_file: Path | None = None

    @property
    def label(self) -> str:
        return f"qt:{self.name}" if self.output_file is None else f"qt-file:{self.output_file}"

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.output_file is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.output_file))
        else:
            info = (
                QPrinterInfo.printerInfo(self.name) if self.name else QPrinterInfo.defaultPrinter()
            )
            if info.isNull():
                known = ", ".join(qt_printer_names()) or "none"
                raise PrintFailed(
                    f"printer {self.name or '(default)'} not found (printers here: {known})"
                )
            printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setResolution(self.dpi)
        printer.setFullPage(True)
        return printer

    def send(self, pdf: bytes, *, job_name: str, copies: int = 1) -> str:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "job.pdf"
            source.write_bytes(pdf)
            doc = QPdfDocument()
            if doc.load(str(source)) != QPdfDocument.Error.None_:
                raise PrintFailed("the document could not be read for printing")
            printer = self._printer()
            printer.setDocName(job_name)
            printer.setCopyCount(copies)
            first = doc.pagePointSize(0)
            printer.setPageLayout(
                QPageLayout(
                    QPageSize(first, QPageSize.Unit.Point),
                    QPageLayout.Orientation.Portrait,
                    printer.pageLayout().margins(),
                )
            )
            painter = QPainter()
            if not painter.begin(printer):
                raise PrintFailed(
                    f"printer {self.name or '(default)'} did not start the job (offline, or out of paper?)"
                )
            try:
                for page in range(doc.pageCount()):
                    size = doc.pagePointSize(page)
                    if page:
                        printer.setPageSize(QPageSize(size, QPageSize.Unit.Point))
                        if not printer.newPage():
                            raise PrintFailed(
                                f"printer {self.name or '(default)'} stopped at page {page + 1}"
                            )
                    pixels = QSize(
                        round(size.width() / 72 * self.dpi), round(size.height() / 72 * self.dpi)
                    )
                    image = doc.render(page, pixels)
                    target = printer.pageLayout().fullRectPixels(printer.resolution())
                    painter.drawImage(QRectF(target), image)
            finally:
                painter.end()
            doc.close()
        return job_name


def printer_for(setting: str) -> Printer:
    """The printer a settings value names: ``qt:NAME`` here, the rest as the domain reads them."""
    if setting.startswith("qt:"):
        return QtPrinter(setting[3:])
    return printer_from_setting(setting)
