"""Sending kept PDFs to printers; dead printers and full disks lose nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from test_case_documents import accepted_case

from clerk_desk.printing.printers import (
    CupsPrinter,
    FolderPrinter,
    PrintFailed,
    printer_from_setting,
)

FAKE_LP = """#!/bin/sh
# A stand-in for CUPS' lp that records what it was given, or fails like a printer.
echo "$@" > "{log}.args"
cat > "{log}.pdf"
if [ -e "{log}.paper-out" ]; then
    echo "lp: Error - The printer or class is not available (paper out)." >&2
    exit 1
fi
echo "request id is counter-42 (1 file(s))"
"""


@pytest.fixture
def fake_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "lp-job"
    lp = bindir / "lp"
    lp.write_text(FAKE_LP.format(log=log))
    lp.chmod(lp.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    return log


def test_cups_printer_gets_the_exact_kept_bytes(desk, clerk, applicant, fake_lp: Path) -> None:
    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    info = desk.documents.print_document(
        doc.id, staff_id=clerk.id, printer=CupsPrinter("counter-1")
    )
    assert info.print_count == 1
    assert fake_lp.with_suffix(".pdf").read_bytes() == desk.documents.pdf(doc.id)
    assert fake_lp.with_suffix(".args").read_text().split()[:2] == ["-d", "counter-1"]


def test_paper_out_is_recorded_and_the_document_prints_later(
    desk, clerk, applicant, fake_lp: Path
) -> None:
    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    fake_lp.with_suffix(".paper-out").touch()
    entries = desk.verify_audit().entries
    with pytest.raises(PrintFailed, match="paper out"):
        desk.documents.print_document(doc.id, staff_id=clerk.id, printer=CupsPrinter("counter-1"))
    assert desk.verify_audit().entries == entries + 1  # the failed attempt is audited
    assert desk.documents.for_case(case.id)[0].print_count == 0
    assert desk.cases.get(case.id).state.value == "accepted"
    fake_lp.with_suffix(".paper-out").unlink()
    again = desk.documents.print_document(
        doc.id, staff_id=clerk.id, printer=CupsPrinter("counter-1")
    )
    assert again.print_count == 1


def test_no_lp_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PrintFailed, match="'lp' command is missing"):
        CupsPrinter("x").send(b"%PDF", job_name="j")


def test_folder_printer_writes_whole_files(desk, clerk, applicant, tmp_path: Path) -> None:
    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    printer = printer_from_setting(f"folder:{tmp_path / 'out'}")
    desk.documents.print_document(doc.id, staff_id=clerk.id, printer=printer)
    desk.documents.print_document(doc.id, staff_id=clerk.id, printer=printer)
    files = sorted((tmp_path / "out").iterdir())
    assert len(files) == 2
    assert all(f.read_bytes() == desk.documents.pdf(doc.id) for f in files)


def test_full_disk_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int, mode: str) -> None:
            self._f = real_fdopen(fd, mode)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self._f.close()

        def write(self, data: bytes) -> int:
            self._f.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    with pytest.raises(PrintFailed, match="No space left on device"):
        FolderPrinter(out).send(b"%PDF-1.4 " + b"x" * 1000, job_name="job")
    assert list(out.iterdir()) == []


def test_printer_settings_are_checked() -> None:
    with pytest.raises(PrintFailed, match="no printer is chosen"):
        printer_from_setting("")
    with pytest.raises(PrintFailed, match="not cups:NAME or folder:PATH"):
        printer_from_setting("lpt1")
    assert printer_from_setting("cups:hall").label == "cups:hall"
