"""Printing through Qt's print system (how Windows counters print), to a PDF file here."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTranslator
from support.documents import accepted_case
from support.printing import decode_qr, page_count, render_png

from clerk_desk.printing.printers import FolderPrinter, PrintFailed
from clerk_desk.ui.qt_printing import QtPrinter, printer_for

pytestmark = pytest.mark.gui


def test_kept_pdf_prints_page_for_page_through_qprinter(
    qtbot, desk, clerk, applicant, tmp_path: Path
) -> None:
    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    out = tmp_path / "qt-printed.pdf"
    info = desk.documents.print_document(
        doc.id, staff_id=clerk.id, printer=QtPrinter("", dpi=200, output_file=out)
    )
    assert info.print_count == 1
    kept = desk.documents.pdf(doc.id)
    printed = out.read_bytes()
    assert page_count(printed) == page_count(kept)
    # Same paper: A4 stays A4 (within a point).
    a, b = (
        PdfReader(io.BytesIO(kept)).pages[0].mediabox,
        PdfReader(io.BytesIO(printed)).pages[0].mediabox,
    )
    assert (
        abs(float(a.width) - float(b.width)) < 1.5 and abs(float(a.height) - float(b.height)) < 1.5
    )
    # What came out is the rendered page: its QR code still decodes to the case.
    codes = decode_qr(render_png(printed, tmp_path / "page", dpi=150)[0])
    assert any(case.query_code in c for c in codes)


def test_unknown_qt_printer_fails_and_is_recorded(qtbot, desk, clerk, applicant) -> None:
    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    entries = desk.verify_audit().entries
    with pytest.raises(PrintFailed, match="not found") as info:
        desk.documents.print_document(doc.id, staff_id=clerk.id, printer=QtPrinter("Counter-9"))
    assert desk.verify_audit().entries == entries + 1
    assert desk.documents.for_case(case.id)[0].print_count == 0
    # A template with its values, the printer a phrase of its own: translated as a whole.
    assert info.value.template in (
        "{printer} not found: no printers are set up here",
        "{printer} not found (printers here: {known})",
    )
    assert str(info.value).startswith("printer Counter-9 not found")
    assert info.value.params["printer"].template == "printer {name}"


WORDS = {
    "{printer} not found: no printers are set up here": "未找到{printer}：本机没有设置打印机",
    "{printer} not found (printers here: {known})": "未找到{printer}（本机打印机：{known}）",
    "printer {name}": "打印机 {name}",
    "the default printer": "默认打印机",
}


class Chinese(QTranslator):
    """A stand-in for the zh_CN translation of this module's messages."""

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[override]
        return WORDS.get(source, "") if context == "DomainMessages" else ""


def test_qt_printer_failures_read_in_the_clerks_language(qtbot, qapp) -> None:
    from clerk_desk.ui.messages import describe

    translator = Chinese()
    qapp.installTranslator(translator)
    try:
        for printer, expected in (
            (QtPrinter("Counter-9"), "打印机 Counter-9"),
            (QtPrinter(""), "默认打印机"),
        ):
            with pytest.raises(PrintFailed) as info:
                printer.send(b"%PDF", job_name="j")
            text = describe(info.value)
            assert text.startswith(f"未找到{expected}"), text
            assert not any("a" <= c <= "z" for c in text.replace("Counter", "")), text
    finally:
        qapp.removeTranslator(translator)


def two_page_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, invariant=True)
    for page in (1, 2):
        canvas.drawString(72, 720, f"page {page}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_a_job_that_stops_half_way_leaves_no_file(qtbot, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtPrintSupport import QPrinter

    out = tmp_path / "qt-printed.pdf"
    printer = QtPrinter("", dpi=72, output_file=out)
    monkeypatch.setattr(QPrinter, "newPage", lambda self: False)  # paper out after page 1
    with pytest.raises(PrintFailed, match="stopped at page 2"):
        printer.send(two_page_pdf(), job_name="j")
    assert list(tmp_path.iterdir()) == []  # neither the file nor a partial one
    monkeypatch.undo()
    printer.send(two_page_pdf(), job_name="j")
    assert list(tmp_path.iterdir()) == [out] and page_count(out.read_bytes()) == 2


def test_what_a_qt_printer_takes_is_only_queued(qtbot, desk, clerk, applicant, tmp_path) -> None:
    assert QtPrinter("Counter-1").to_queue  # spooled to the system's queue
    file_printer = QtPrinter("", dpi=72, output_file=tmp_path / "out.pdf")
    assert not file_printer.to_queue  # a file is written whole
    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    desk.documents.print_document(doc.id, staff_id=clerk.id, printer=file_printer)
    from support.printing import audit_of

    assert audit_of(desk, doc.id)[-1][0] == "document.printed"


def test_printer_setting_names_reach_the_right_backend(tmp_path: Path) -> None:
    assert isinstance(printer_for("qt:Counter-1"), QtPrinter)
    assert isinstance(printer_for(f"folder:{tmp_path}"), FolderPrinter)
    with pytest.raises(PrintFailed):
        printer_for("lpt1")
