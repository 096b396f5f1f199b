"""Printing a kept PDF through Qt's print system (Windows printers, CUPS, print to file).

Windows has no ``lp``: there the counter's printers are reached through
QPrinter. Each page of the kept PDF is rendered by QtPdf at the printer's
resolution and painted onto the page, so what prints is exactly the PDF
the preview showed. Settings name such a printer ``qt:NAME`` (``qt:`` alone:
the system's default printer).

The job is read from memory (a QBuffer), so printing leaves no temporary
copy behind; a file printed to (``output_file``) is written beside its name,
named for the process printing, and a start after a kill removes it.

QPainter may paint on a QPrinter outside the GUI thread; ``send`` runs on
the task runner's I/O pool like every other printer. A real printer spools
the job to the system's queue (``to_queue``): finishing the job here means the
queue has it, not that it is on paper.

Failures are :class:`PrintFailed` templates with their values (the printer is
a phrase of its own, "printer NAME" or "the default printer"), so the clerk
reads them in Chinese like the domain's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from clerk_desk.errors import ClerkDeskError
from clerk_desk.printing.printers import Printer, PrintFailed, printer_from_setting, temp_prefix


def qt_printer_names() -> list[str]:
    """The printers Qt's print system knows on this machine."""
    return list(QPrinterInfo.availablePrinterNames())


@dataclass(frozen=True)
class QtPrinter:
    """A printer reached through QPrinter. ``output_file`` prints to a PDF file instead."""

    name: str
    dpi: int = 300
    output_file: Path | None = None
    # The live mark of the process printing (clerk_desk.recovery): names the partial file.
    tag: str = ""

    @property
    def label(self) -> str:
        return f"qt:{self.name}" if self.output_file is None else f"qt-file:{self.output_file}"

    @property
    def to_queue(self) -> bool:
        return self.output_file is None

    def _who(self) -> ClerkDeskError:
        """The printer as a phrase of a message."""
        if self.name:
            return ClerkDeskError("printer {name}", name=self.name)
        return ClerkDeskError("the default printer")

    def _printer(self, output_file: Path | None) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if output_file is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(output_file))
        else:
            info = (
                QPrinterInfo.printerInfo(self.name) if self.name else QPrinterInfo.defaultPrinter()
            )
            if info.isNull():
                known = qt_printer_names()
                if not known:
                    raise PrintFailed(
                        "{printer} not found: no printers are set up here", printer=self._who()
                    )
                raise PrintFailed(
                    "{printer} not found (printers here: {known})",
                    printer=self._who(),
                    known=", ".join(known),
                )
            printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setResolution(self.dpi)
        printer.setFullPage(True)
        return printer

    def tagged(self, tag: str) -> QtPrinter:
        return dataclasses.replace(self, tag=tag)

    def send(self, pdf: bytes, *, job_name: str, copies: int = 1) -> str:
        # A file is written beside its name (named for this process, so a start
        # after a kill removes it) and renamed once whole.
        out = self.output_file
        partial = out.with_name(f"{temp_prefix(self.tag)}{out.name}") if out is not None else None
        printer = self._printer(partial)
        # Read from memory: no temporary copy of the job is left on disk by a kill.
        buffer = QBuffer()
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        doc = QPdfDocument()
        try:
            doc.load(buffer)
            if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
                raise PrintFailed("the document could not be read for printing")
            pages = self._pages(doc)
        finally:
            doc.close()
            buffer.close()
        if out is None or partial is None:
            self._paint(printer, pages, job_name, copies)
            return job_name
        try:
            self._paint(printer, pages, job_name, copies)
            partial.replace(out)
        except OSError as exc:
            raise PrintFailed(
                "cannot write to {folder}: {reason}",
                folder=out.parent,
                reason=exc.strerror or str(exc),
            ) from exc
        finally:
            partial.unlink(missing_ok=True)
        return job_name

    def _pages(self, doc: QPdfDocument) -> list[tuple[QSizeF, QImage]]:
        """Every page rendered at the printer's resolution, before the job starts.

        Rendered first, so a page that cannot be rendered (out of memory)
        refuses the job instead of sending half of it.
        """
        pages = []
        for page in range(doc.pageCount()):
            size = doc.pagePointSize(page)
            pixels = QSize(
                round(size.width() / 72 * self.dpi), round(size.height() / 72 * self.dpi)
            )
            image = doc.render(page, pixels)
            if image.isNull():
                raise PrintFailed(
                    "{printer}: page {page} could not be rendered for printing",
                    printer=self._who(),
                    page=page + 1,
                )
            pages.append((size, image))
        return pages

    def _paint(
        self, printer: QPrinter, pages: list[tuple[QSizeF, QImage]], job_name: str, copies: int
    ) -> None:
        printer.setDocName(job_name)
        printer.setCopyCount(copies)
        printer.setPageLayout(
            QPageLayout(
                QPageSize(pages[0][0], QPageSize.Unit.Point),
                QPageLayout.Orientation.Portrait,
                printer.pageLayout().margins(),
            )
        )
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed(
                "{printer} did not start the job (offline, or out of paper?)",
                printer=self._who(),
            )
        try:
            for page, (size, image) in enumerate(pages):
                if page:
                    printer.setPageSize(QPageSize(size, QPageSize.Unit.Point))
                    if not printer.newPage():
                        raise PrintFailed(
                            "{printer} stopped at page {page}", printer=self._who(), page=page + 1
                        )
                target = printer.pageLayout().fullRectPixels(printer.resolution())
                painter.drawImage(QRectF(target), image)
        except BaseException:
            printer.abort()  # where the print system can (Windows); the file is not kept
            painter.end()
            raise
        if not painter.end():
            raise PrintFailed("{printer} did not finish the job", printer=self._who())


def printer_for(setting: str) -> Printer:
    """The printer a settings value names: ``qt:NAME`` here, the rest as the domain reads them."""
    if setting.startswith("qt:"):
        return QtPrinter(setting[3:])
    return printer_from_setting(setting)
