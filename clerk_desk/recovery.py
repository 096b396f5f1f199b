"""What a start does after a kill: the printing a dead process left half done.

A print is recorded before it is sent (``print_attempts``, status "sending",
committed), then sent, then completed ("done", "queued" or "failed"; see
:meth:`clerk_desk.case_documents.CaseDocuments.print_document`). A kill
between those steps leaves an attempt "sending", and maybe a temporary file
(``.printing-*.pdf``) beside the printer folder's PDFs. At the next start
(:func:`recover`, called by ``clerk-desk info`` and the app's start through
``Desk.recover``):

* temporary print files of dead processes are removed, in the printer
  folders of the settings and of the attempts being completed, and in the
  data directory's ``tmp/print``;
* an attempt a dead process left "sending" is completed: on a folder printer,
  "done" if its PDF is in the folder (the file is published whole, by a hard
  link, only after it is written), else "failed"; on a print queue (CUPS,
  Qt) "unknown": the queue may have taken the job. Each is audited as it is
  completed (``document.printed``, ``document.print_failed``,
  ``document.print_unknown``, with ``"recovered": true``).

So a PDF that reached a printer folder always has its print record: its
attempt was committed before the file existed, and it ends "done" with the
file's name in ``job``.

Which process is dead? Each process that prints holds a *live mark*: an
exclusive lock on ``tmp/print/<tag>.lock`` in the data directory, which the
system releases when the process ends however it ends. Its temporary files
and attempts carry its tag; a start completes and removes only what belongs
to tags nobody holds, so the CLI run while the app prints never touches the
app's job.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import shutil
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from sqlalchemy import select, update

from clerk_desk.instance_lock import try_lock
from clerk_desk.journal import record_change
from clerk_desk.models import Document, PrintAttempt
from clerk_desk.printing.printers import TEMP_PREFIX, job_file_stem

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from clerk_desk.clock import Clock
    from clerk_desk.settings import TerminalSettings
    from clerk_desk.storage import Store

log = logging.getLogger(__name__)

# Under the data directory: the live marks of processes printing.
PRINT_TMP = Path("tmp") / "print"
_TAG = re.compile(r"^[0-9a-f]{12}$")
_TAGGED_TEMP = re.compile(re.escape(TEMP_PREFIX) + r"(?P<tag>[0-9a-f]{12})-")


def print_tmp_dir(data_dir: Path) -> Path:
    return data_dir / PRINT_TMP


class LiveMark:
    """This process's mark in a data directory: a locked file that dies with the process.

    Made on first use (``tag``); a data directory where it cannot be made (read
    only) gives the tag "", whose attempts and files any start may complete.
    """

    def __init__(self, data_dir: Path) -> None:
        self._dir = print_tmp_dir(data_dir)
        self._file: IO[bytes] | None = None
        self._tag: str | None = None
        self._lock = threading.Lock()

    @property
    def tag(self) -> str:
        with self._lock:
            if self._tag is None:
                self._tag = self._make()
            return self._tag

    def _make(self) -> str:
        tag = secrets.token_hex(6)
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            f = open(self._dir / f"{tag}.lock", "wb")  # noqa: SIM115 (held while we live)
        except OSError as exc:
            log.warning("no live mark for printing in %s: %s", self._dir, exc)
            return ""
        try:
            locked = try_lock(f)  # always, for a fresh name; be safe
        except OSError as exc:
            log.warning("no live mark for printing in %s: %s", self._dir, exc)
            locked = False
        if not locked:
            f.close()
            return ""
        self._file = f
        return tag

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                (self._dir / f"{self._tag}.lock").unlink(missing_ok=True)
                self._file = None
            self._tag = None


def is_alive(data_dir: Path, tag: str) -> bool:
    """True if the process tagged ``tag`` still holds its live mark in ``data_dir``."""
    if not _TAG.match(tag):
        return False
    path = print_tmp_dir(data_dir) / f"{tag}.lock"
    try:
        f = open(path, "rb+")  # noqa: SIM115
    except OSError:
        return False
    with f:
        # Our lock goes with the file when it is closed.
        try:
            return not try_lock(f)
        except OSError:  # not a "held" answer: be safe, leave its work alone
            return True


@dataclass
class RecoveryReport:
    """What a start found and did; ``done`` in plain English, one line each."""

    removed_temps: list[Path] = field(default_factory=list)
    completed: dict[str, str] = field(default_factory=dict)  # attempt id -> status

    @property
    def done(self) -> list[str]:
        lines = [f"removed the temporary print file {p}" for p in self.removed_temps]
        counts: dict[str, int] = {}
        for status in self.completed.values():
            counts[status] = counts.get(status, 0) + 1
        words = {
            "done": "written to its printer folder (recorded now)",
            "failed": "not printed (recorded as failed)",
            "unknown": "handed to a print queue or not (recorded as unknown: check the queue)",
        }
        for status, n in sorted(counts.items()):
            lines.append(f"{n} print(s) interrupted by a stop: {words.get(status, status)}")
        return lines


def _folder_of(printer: str) -> Path | None:
    kind, _, rest = printer.partition(":")
    return Path(rest) if kind == "folder" and rest else None


def _remove_temps(folder: Path, data_dir: Path, alive: dict[str, bool]) -> list[Path]:
    """Remove the ``.printing-*`` files in ``folder`` that no live process is writing."""
    removed: list[Path] = []
    try:
        names = [e.name for e in os.scandir(folder) if e.name.startswith(TEMP_PREFIX)]
    except OSError:  # not there (yet), or a share that is offline: nothing to clean here
        return removed
    for name in names:
        m = _TAGGED_TEMP.match(name)
        # Untagged: written by a version without live marks, which cannot run on this store.
        tag = m["tag"] if m else ""
        if tag:
            if tag not in alive:
                alive[tag] = is_alive(data_dir, tag)
            if alive[tag]:
                continue
        try:
            (folder / name).unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("cannot remove the temporary print file %s: %s", folder / name, exc)
            continue
        removed.append(folder / name)
    return removed


def _clean_tmp_dir(data_dir: Path, own: str, alive: dict[str, bool]) -> list[Path]:
    """Remove what dead processes left in ``tmp/print``: their marks and anything else."""
    root = print_tmp_dir(data_dir)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        tag = entry.name.split(".", 1)[0]
        if tag == own:
            continue
        if tag not in alive:
            alive[tag] = is_alive(data_dir, tag)
        if alive[tag]:
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path)
            else:
                path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("cannot remove %s: %s", path, exc)
            continue
        if not entry.name.endswith(".lock"):
            removed.append(path)
    return removed


def _published_file(
    session: Session, attempt: PrintAttempt, folder: Path, sha256: str
) -> str | None:
    """The PDF in ``folder`` that ``attempt`` published, if it got that far.

    A folder printer names a job's file ``STEM.pdf``, else ``STEM-2.pdf``...;
    the attempt's file is one of those holding the document's bytes that no
    completed attempt has claimed.
    """
    stem = job_file_stem(attempt.job_name)
    pattern = re.compile(rf"^{re.escape(stem)}(?:-\d+)?\.pdf$")
    try:
        names = sorted(e.name for e in os.scandir(folder) if pattern.match(e.name))
    except OSError:
        return None
    claimed = set(
        session.scalars(
            select(PrintAttempt.job).where(
                PrintAttempt.printer == attempt.printer,
                PrintAttempt.status == "done",
                PrintAttempt.job.in_(names),
            )
        )
    )
    for name in names:
        if name in claimed:
            continue
        try:
            digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        except OSError:
            continue
        if digest == sha256:
            return name
    return None


def recover(
    store: Store,
    clock: Clock,
    data_dir: Path,
    settings: TerminalSettings,
    *,
    own_tag: str = "",
) -> RecoveryReport:
    """Clean and complete what dead processes left of their printing (see the module)."""
    report = RecoveryReport()
    alive: dict[str, bool] = {own_tag: True} if own_tag else {}
    with store.read() as session:
        pending = list(
            session.scalars(select(PrintAttempt).where(PrintAttempt.status == "sending"))
        )
    folders: dict[Path, None] = {}
    for setting in (settings.printer, settings.roll_printer):
        folder = _folder_of(setting)
        if folder is not None:
            folders[folder] = None
    for attempt in pending:
        folder = _folder_of(attempt.printer)
        if folder is not None:
            folders[folder] = None
    for folder in folders:
        report.removed_temps += _remove_temps(folder, data_dir, alive)
    report.removed_temps += _clean_tmp_dir(data_dir, own_tag, alive)
    for attempt in pending:
        tag = attempt.process
        if tag not in alive:
            alive[tag] = is_alive(data_dir, tag)
        if alive[tag]:
            continue  # still printing: its process completes it
        status = complete_attempt(store, clock.now(), attempt.id)
        if status is not None:
            report.completed[attempt.id] = status
    for line in report.done:
        log.warning("start after a stop: %s", line)
    return report


def complete_attempt(store: Store, now: datetime, attempt_id: str) -> str | None:
    """Complete an attempt left "sending" from what the printer shows, with its audit entry.

    Folder printer: "done" if its file is in the folder, else "failed"; a
    print queue: "unknown". Returns the status, or None if it was no longer
    "sending".
    """
    with store.write() as session:
        attempt = session.get(PrintAttempt, attempt_id)
        if attempt is None or attempt.status != "sending":
            return None  # another start completed it meanwhile
        doc = session.get(Document, attempt.document_id)
        assert doc is not None
        folder = _folder_of(attempt.printer)
        payload: dict[str, object] = {
            "printer": attempt.printer,
            "case_id": doc.case_id,
            "attempt_id": attempt.id,
            "recovered": True,
        }
        if folder is not None:
            name = _published_file(session, attempt, folder, doc.sha256)
            if name is not None:
                attempt.status, attempt.job = "done", name
                session.execute(
                    update(Document)
                    .where(Document.id == doc.id)
                    .values(print_count=Document.print_count + 1)
                )
                action = "document.printed"
                payload |= {"error": None, "job": name}
            else:
                attempt.status = "failed"
                attempt.error = "the printing stopped before the file was written"
                action = "document.print_failed"
                payload |= {"error": attempt.error, "job": None}
        else:
            attempt.status = "unknown"
            attempt.error = "the printing stopped while the print queue had the job"
            action = "document.print_unknown"
            payload |= {"error": attempt.error, "job": None}
        attempt.finished_at = now
        record_change(
            session,
            at=now,
            actor_id=attempt.staff_id,
            action=action,
            entity="document",
            entity_id=doc.id,
            payload=payload,
        )
        return attempt.status
