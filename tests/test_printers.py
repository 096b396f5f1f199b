"""Sending kept PDFs to printers; dead printers and full disks lose nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import printing
from support.documents import accepted_case
from support.printing import _tool, audit_of

from clerk_desk.printing.printers import (
    CupsPrinter,
    FolderPrinter,
    PrintFailed,
    printer_from_setting,
)

fake_lp = printing.fake_lp  # the fixture (its name is the tests' parameter)


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
    with pytest.raises(PrintFailed, match="the disk is full"):
        FolderPrinter(out).send(b"%PDF-1.4 " + b"x" * 1000, job_name="job")
    assert list(out.iterdir()) == []


def test_printer_settings_are_checked() -> None:
    with pytest.raises(PrintFailed, match="no printer is chosen"):
        printer_from_setting("")
    with pytest.raises(PrintFailed, match="not cups:NAME or folder:PATH"):
        printer_from_setting("lpt1")
    assert printer_from_setting("cups:hall").label == "cups:hall"


def test_a_cups_job_is_recorded_as_sent_to_the_queue_with_its_id(
    desk, clerk, applicant, fake_lp: Path
) -> None:
    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    desk.documents.print_document(doc.id, staff_id=clerk.id, printer=CupsPrinter("counter-1"))
    action, payload = audit_of(desk, doc.id)[-1]
    assert action == "document.sent_to_queue"  # not "printed": paper out may still come
    assert payload["job"] == "counter-1-42"
    assert payload["printer"] == "cups:counter-1" and payload["error"] is None
    # lpstat was asked first, in the C locale so its answer can be read.
    assert fake_lp.with_suffix(".lpstat").read_text().split() == [
        "-a",
        "counter-1",
        "-p",
        "counter-1",
        "LC_ALL=C",
    ]
    folder = FolderPrinter(fake_lp.parent / "out")
    desk.documents.print_document(doc.id, staff_id=clerk.id, printer=folder)
    assert audit_of(desk, doc.id)[-1][0] == "document.printed"  # a whole file: done


@pytest.mark.parametrize(
    ("flag", "message"),
    [
        ("disabled", "printer counter-1 is stopped: Media empty"),
        ("rejecting", "printer counter-1 is not accepting jobs: Rejecting Jobs"),
        ("unknown", 'printer counter-1: lpstat: Invalid destination name in list "counter-1".'),
    ],
)
def test_a_stopped_cups_queue_is_refused_before_anything_is_sent(
    desk, clerk, applicant, fake_lp: Path, flag: str, message: str
) -> None:
    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    fake_lp.with_suffix(f".{flag}").touch()
    with pytest.raises(PrintFailed) as info:
        desk.documents.print_document(doc.id, staff_id=clerk.id, printer=CupsPrinter("counter-1"))
    assert str(info.value) == message
    assert info.value.params["queue"] == "counter-1"  # a template with its values
    assert not fake_lp.with_suffix(".pdf").exists()  # lp was never run
    action, payload = audit_of(desk, doc.id)[-1]
    assert (action, payload["error"]) == ("document.print_failed", message)
    assert desk.documents.for_case(case.id)[0].print_count == 0


def test_without_lpstat_lp_is_asked_directly(
    fake_lp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bin" / "lpstat").unlink()
    # Only the fake lp and the shell's own tools: no lpstat anywhere on the PATH.
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}/bin")
    job = CupsPrinter("counter-1").send(b"%PDF", job_name="j")
    assert job == "counter-1-42"
    assert fake_lp.with_suffix(".pdf").read_bytes() == b"%PDF"


def test_lp_failing_without_a_word_gives_its_exit_status(tmp_path: Path, monkeypatch) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    _tool(bindir, "lp", "#!/bin/sh\nexit 3\n")
    monkeypatch.setenv("PATH", str(bindir))
    with pytest.raises(PrintFailed) as info:
        CupsPrinter("x").send(b"%PDF", job_name="j")
    assert str(info.value) == "printer x: lp exit status 3"
    assert info.value.params["reason"].template == "lp exit status {status}"  # translatable


def test_two_jobs_of_one_name_at_once_keep_both_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same document printed twice at once: two files, neither overwriting the other."""
    import threading
    import time

    jobs = 4
    written = threading.Barrier(jobs)  # every job's file written before any is named
    real_fsync, real_exists = os.fsync, Path.exists

    def fsync(fd: int) -> None:
        real_fsync(fd)
        written.wait(timeout=10)

    def slow_exists(self: Path, **kwargs: object) -> bool:  # a slow network share
        found = real_exists(self, **kwargs)
        time.sleep(0.05)
        return found

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(Path, "exists", slow_exists)

    def job(i: int) -> bytes:
        return b"%PDF-1.4 job " + str(i).encode()

    printer = FolderPrinter(tmp_path / "out")
    names: list[str] = []
    threads = [
        threading.Thread(
            target=lambda i=i: names.append(printer.send(job(i), job_name="clerk-desk-1"))
        )
        for i in range(jobs)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    files = sorted((tmp_path / "out").iterdir())
    assert len(set(names)) == len(files) == jobs
    assert sorted(f.read_bytes() for f in files) == sorted(job(i) for i in range(jobs))
