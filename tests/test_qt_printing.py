"""Printing through Qt's print system (how Windows counters print), to a PDF file here."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from printing_helpers import decode_qr, page_count, render_png
from pypdf import PdfReader
from test_case_documents import accepted_case

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
    with pytest.raises(PrintFailed, match="not found"):
        desk.documents.print_document(doc.id, staff_id=clerk.id, printer=QtPrinter("Counter-9"))
    assert desk.verify_audit().entries == entries + 1
    assert desk.documents.for_case(case.id)[0].print_count == 0


def test_printer_setting_names_reach_the_right_backend(tmp_path: Path) -> None:
    assert isinstance(printer_for("qt:Counter-1"), QtPrinter)
    assert isinstance(printer_for(f"folder:{tmp_path}"), FolderPrinter)
    with pytest.raises(PrintFailed):
        printer_for("lpt1")
