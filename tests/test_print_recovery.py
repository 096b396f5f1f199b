"""Printing after a kill: temporary files removed, every PDF in a folder with its record.

The attempt is recorded ("sending", committed) before the printer gets the
bytes, and completed after; a start completes what a dead process left and
removes its temporary files, but never touches a live process's job.
Processes die for real here: a subprocess SIGKILLs itself at a chosen point,
or the test SIGKILLs a printing worker at random moments.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from support import kill_harness as kh

from clerk_desk.desk import Desk
from clerk_desk.models import AuditEntry, PrintAttempt
from clerk_desk.printing.printers import TEMP_PREFIX, FolderPrinter
from clerk_desk.recovery import is_alive

REPO = Path(__file__).resolve().parent.parent

# A process that prints one document and SIGKILLs itself at ``point``:
#   "after-begin"   the attempt is committed, nothing sent;
#   "mid-write"     the temporary file is half written;
#   "published"     the PDF is in the folder, the attempt not completed;
#   "queue"         a print queue (not a folder) has the job, not completed.
DYING = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from clerk_desk.desk import Desk
    from clerk_desk.printing import printers
    sys.path.insert(0, {tests!r})
    from support import kill_harness as kh

    data_dir, point, doc_id, staff_id = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    desk = Desk.open(data_dir, clock=kh.clock())
    folder = Path(desk.settings().printer.partition(":")[2])

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    class Dying(printers.FolderPrinter):
        def send(self, pdf, *, job_name, copies=1):
            if point == "after-begin":
                die()
            if point == "mid-write":
                self.folder.mkdir(parents=True, exist_ok=True)
                fd, tmp = __import__("tempfile").mkstemp(
                    dir=self.folder, prefix=printers.temp_prefix(self.tag), suffix=".pdf")
                os.write(fd, pdf[: len(pdf) // 2])
                die()
            name = super().send(pdf, job_name=job_name, copies=copies)
            die()

    class Queue:
        label = "cups:counter-1"
        to_queue = True
        def send(self, pdf, *, job_name, copies=1):
            die()

    printer = Queue() if point == "queue" else Dying(folder)
    desk.documents.print_document(doc_id, staff_id=staff_id, printer=printer)
    """
)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


@pytest.fixture
def printed(tmp_path: Path) -> tuple[Path, Path, str, str]:
    """A prepared store with one accepted case's receipt: (data dir, A4 folder, doc, clerk)."""
    data_dir = tmp_path / "data"
    a4, _ = kh.prepare(data_dir)
    desk = Desk.open(data_dir, clock=kh.clock())
    try:
        clerk = desk.staff.by_login("demo")
        assert clerk is not None
        applicant = desk.applicants.register_person(
            actor_id=clerk.id,
            name="王䶮",
            id_number=kh._resident_id(random.Random(1)),
            phone="13812345678",
        )
        case = desk.intake.start(
            clerk_id=clerk.id, item_code=kh.LOW_INCOME, applicant_id=applicant.id
        )
        desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=kh.NO)
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=kh.KEY)
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
        (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    finally:
        desk.close()
    return data_dir, a4, doc.id, clerk.id


def _die_at(point: str, data_dir: Path, doc_id: str, staff_id: str) -> None:
    script = DYING.format(tests=str(REPO / "tests"))
    proc = subprocess.run(
        [sys.executable, "-c", script, str(data_dir), point, doc_id, staff_id],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -9, proc.stderr


def _attempts(desk: Desk) -> list[PrintAttempt]:
    with desk.store.read() as s:
        return list(s.scalars(select(PrintAttempt)))


def _recovered_audit(desk: Desk) -> list[tuple[str, dict]]:
    with desk.store.read() as s:
        return [
            (a.action, json.loads(a.payload))
            for a in s.scalars(select(AuditEntry).where(AuditEntry.action.like("document.print%")))
        ]


@pytest.mark.parametrize(
    ("point", "status", "action", "files"),
    [
        ("after-begin", "failed", "document.print_failed", 0),
        ("mid-write", "failed", "document.print_failed", 0),
        ("published", "done", "document.printed", 1),
        ("queue", "unknown", "document.print_unknown", 0),
    ],
)
def test_a_start_completes_what_a_killed_print_left(
    printed, point: str, status: str, action: str, files: int
) -> None:
    data_dir, a4, doc_id, staff_id = printed
    _die_at(point, data_dir, doc_id, staff_id)
    desk = Desk.open(data_dir, clock=kh.clock())
    try:
        (left,) = _attempts(desk)
        assert left.status == "sending"  # recorded before the printer got anything
        temps = [f for f in a4.glob(".*")] if a4.is_dir() else []
        assert bool(temps) == (point in ("mid-write",)), temps
        report = desk.recover()
        (attempt,) = _attempts(desk)
        assert attempt.status == status
        pdfs = sorted(a4.glob("*.pdf")) if a4.is_dir() else []
        assert len(pdfs) == files
        assert not list(a4.glob(f"{TEMP_PREFIX}*")) if a4.is_dir() else True
        if files:
            assert attempt.job == pdfs[0].name
        ((audited, payload),) = _recovered_audit(desk)
        assert (audited, payload["recovered"], payload["attempt_id"]) == (action, True, attempt.id)
        assert report.completed == {attempt.id: status}
        assert desk.recover().completed == {}  # once only
        assert kh.check(data_dir, [a4]) == []
    finally:
        desk.close()


def test_a_start_leaves_a_live_process_s_print_alone(printed) -> None:
    """The CLI run while the app prints: its job and temporary file are not touched."""
    data_dir, a4, doc_id, staff_id = printed
    app = Desk.open(data_dir, clock=kh.clock())
    other = Desk.open(data_dir, clock=kh.clock())
    sending, release = threading.Event(), threading.Event()

    class Slow(FolderPrinter):
        def send(self, pdf: bytes, *, job_name: str, copies: int = 1) -> str:
            self.folder.mkdir(parents=True, exist_ok=True)
            temp = self.folder / f"{TEMP_PREFIX}{self.tag}-partial.pdf"
            temp.write_bytes(pdf[:100])
            sending.set()
            assert release.wait(30)
            temp.unlink()
            return super().send(pdf, job_name=job_name, copies=copies)

    try:
        result: list[object] = []
        worker = threading.Thread(
            target=lambda: result.append(
                app.documents.print_document(doc_id, staff_id=staff_id, printer=Slow(a4))
            )
        )
        worker.start()
        assert sending.wait(30)
        (attempt,) = _attempts(other)
        assert is_alive(data_dir, attempt.process)
        report = other.recover()
        assert report.completed == {} and report.removed_temps == []
        assert [a.status for a in _attempts(other)] == ["sending"]
        release.set()
        worker.join(30)
        assert [a.status for a in _attempts(other)] == ["done"]
    finally:
        release.set()
        app.close()
        other.close()
    assert kh.check(data_dir, [a4]) == []


def test_temp_files_of_dead_processes_are_removed_at_start(printed) -> None:
    """Old-style and dead-tagged temporary files go; the data directory's tmp/print too."""
    data_dir, a4, _, _ = printed
    a4.mkdir(parents=True, exist_ok=True)
    old = a4 / ".printing-k2j3h4.pdf"  # an earlier version's (no tag)
    dead = a4 / f"{TEMP_PREFIX}0123456789ab-x.pdf"  # a tag nobody holds
    keep = a4 / "scan.pdf.bak"  # not ours
    for f in (old, dead, keep):
        f.write_bytes(b"%PDF-1.4 partial")
    stale = data_dir / "tmp" / "print" / "0123456789ab"
    stale.mkdir(parents=True)
    (stale / "job.pdf").write_bytes(b"x")
    (data_dir / "tmp" / "print" / "0123456789ab.lock").write_bytes(b"")
    desk = Desk.open(data_dir, clock=kh.clock())
    try:
        report = desk.recover()
    finally:
        desk.close()
    assert set(report.removed_temps) == {old, dead, stale}
    assert keep.exists() and not old.exists() and not dead.exists()
    assert sorted(p.name for p in (data_dir / "tmp" / "print").iterdir()) == []


def test_qt_printing_leaves_no_temporary_copy(qtbot, printed) -> None:
    """QtPrinter reads the job from memory: nothing in the system's temp dir, no partial file."""
    import tempfile

    from clerk_desk.ui.qt_printing import QtPrinter

    data_dir, _, doc_id, staff_id = printed
    desk = Desk.open(data_dir, clock=kh.clock())
    out = data_dir / "qt-out" / "job.pdf"
    out.parent.mkdir()
    before = set(Path(tempfile.gettempdir()).iterdir())
    try:
        printer = QtPrinter("", dpi=72, output_file=out)
        desk.documents.print_document(doc_id, staff_id=staff_id, printer=printer)
        (attempt,) = _attempts(desk)
    finally:
        desk.close()
    assert attempt.status == "done" and attempt.process  # tagged with this process's mark
    assert out.stat().st_size > 0
    assert [p.name for p in out.parent.iterdir()] == ["job.pdf"]
    assert set(Path(tempfile.gettempdir()).iterdir()) - before == set()


def test_cli_info_reports_what_it_recovered(printed) -> None:
    data_dir, a4, doc_id, staff_id = printed
    _die_at("published", data_dir, doc_id, staff_id)
    proc = subprocess.run(
        [sys.executable, "-m", "clerk_desk.cli", "--data-dir", str(data_dir), "info"],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "recovered: 1 print(s) interrupted by a stop: written to its printer folder" in (
        proc.stdout
    )
    assert kh.check(data_dir, [a4]) == []


PRINT_KILLS = int(os.environ.get("CLERK_DESK_PRINT_KILLS", "40"))


def test_printing_killed_at_random_moments(tmp_path: Path) -> None:
    """Workers that print are SIGKILLed at random; after the next start every PDF has its record."""
    data_dir = tmp_path / "data"
    folders = list(kh.prepare(data_dir))
    rng = random.Random(11)
    zygote = kh.Zygote(data_dir)
    tries = failures = 0
    problems: list[str] = []
    try:
        while tries < PRINT_KILLS:
            # Past the start (~0.1 s): most kills land in intakes, documents and prints.
            if zygote.kill_after(rng.randrange(1 << 30), rng.uniform(0.1, 0.5)):
                tries += 1
            found = kh.check(data_dir, folders)
            failures += bool(found)
            problems += found
    finally:
        zygote.close()
    desk = Desk.open(data_dir, clock=kh.clock())
    try:
        attempts = _attempts(desk)
        recovered = [a for _, a in _recovered_audit(desk) if a.get("recovered")]
    finally:
        desk.close()
    pdfs = sum(len(list(f.glob("*.pdf"))) for f in folders if f.is_dir())
    print(
        f"print kills: tries={tries} failures={failures} (attempts {len(attempts)}, "
        f"completed at a start {len(recovered)}, PDFs {pdfs})"
    )
    assert failures == 0, problems[:20]
    assert pdfs > 0
