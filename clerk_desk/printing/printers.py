"""Sending a kept PDF to a printer.

The PDF made by :mod:`clerk_desk.case_documents` is what gets printed, byte
for byte. Backends:

* ``cups:NAME`` - the system's CUPS queue NAME via ``lp`` (Linux, macOS);
* ``folder:PATH`` - writes each job as a PDF file into PATH (no printer at
  the counter yet, archiving, demos and tests);
* ``qt:NAME`` - Qt's print system (Windows printers, or CUPS through Qt);
  Qt is not imported here, so that one lives in ``clerk_desk.ui.qt_printing``.

A failure raises :class:`PrintFailed` with the printer's own words; the caller
records the attempt, and nothing else changes: the document stays kept and
can be printed again.

A print queue (CUPS, and Qt's printers, which spool to the system's queue)
answers once it has *taken* the job: paper out a minute later is not known
here. Such printers say so (``to_queue``), and the attempt is recorded as
sent to the queue, with the job id, not as printed. Before sending, a CUPS
queue is asked (``lpstat``) whether it accepts jobs and its printer is
enabled, so a stopped printer is refused with a clear message instead of
silently collecting jobs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from clerk_desk.data_dir import fsync_dir, os_reason
from clerk_desk.errors import ClerkDeskError

_JOB_NAME = re.compile(r"[^0-9A-Za-z_.-]+")


class PrintFailed(ClerkDeskError):
    """The printer did not take the job (no printer, offline, paper out...)."""


class Printer(Protocol):
    @property
    def label(self) -> str: ...

    @property
    def to_queue(self) -> bool:
        """True if a job taken is only queued: it prints later, and may still fail there."""
        ...

    def send(self, pdf: bytes, *, job_name: str, copies: int = 1) -> str:
        """Send the job; returns its job id or file name. Blocks: not on the GUI thread."""
        ...


def _c_locale() -> dict[str, str]:
    """The environment with CUPS' messages in English, so lpstat's answer can be read."""
    return {**os.environ, "LC_ALL": "C", "LANG": "C"}


def _reasons(lines: list[str], start: int) -> str | ClerkDeskError:
    """The indented lines after ``lines[start]``: lpstat's reasons for a state."""
    found = []
    for line in lines[start + 1 :]:
        if not line[:1].isspace():
            break
        if line.strip():
            found.append(line.strip())
    return "; ".join(found) if found else ClerkDeskError("no reason given")


@dataclass(frozen=True)
class CupsPrinter:
    queue: str
    timeout_s: float = 30.0

    @property
    def label(self) -> str:
        return f"cups:{self.queue}"

    @property
    def to_queue(self) -> bool:
        return True

    def check_ready(self) -> None:
        """Refuse a queue that rejects jobs or whose printer is stopped (``lpstat -a -p``).

        Without ``lpstat``, or when it does not answer in time, nothing is
        checked: ``lp`` itself will say what is wrong.
        """
        lpstat = shutil.which("lpstat")
        if lpstat is None:
            return
        try:
            proc = subprocess.run(
                [lpstat, "-a", self.queue, "-p", self.queue],
                capture_output=True,
                text=True,
                timeout=min(self.timeout_s, 10.0),
                check=False,
                env=_c_locale(),
            )
        except (OSError, subprocess.TimeoutExpired):
            return
        lines = proc.stdout.splitlines()
        for i, line in enumerate(lines):
            if line.startswith(f"{self.queue} not accepting requests"):
                raise PrintFailed(
                    "printer {queue} is not accepting jobs: {reason}",
                    queue=self.queue,
                    reason=_reasons(lines, i),
                )
            if line.startswith(f"printer {self.queue} ") and "disabled since" in line:
                raise PrintFailed(
                    "printer {queue} is stopped: {reason}",
                    queue=self.queue,
                    reason=_reasons(lines, i),
                )
        if proc.returncode != 0 and not lines:
            raise PrintFailed(
                "printer {queue}: {reason}",
                queue=self.queue,
                reason=proc.stderr.strip()
                or ClerkDeskError("lpstat exit status {status}", status=proc.returncode),
            )

    def send(self, pdf: bytes, *, job_name: str, copies: int = 1) -> str:
        """Hand the job to the CUPS queue; returns the job id ``lp`` printed.

        Success means the queue has the job, not that it is on paper.
        """
        lp = shutil.which("lp")
        if lp is None:
            raise PrintFailed("printing system not available: the 'lp' command is missing")
        self.check_ready()
        try:
            proc = subprocess.run(
                [lp, "-d", self.queue, "-n", str(copies), "-t", _JOB_NAME.sub("_", job_name), "-"],
                input=pdf,
                capture_output=True,
                timeout=self.timeout_s,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise PrintFailed(
                "printer {queue}: no answer within {seconds} s",
                queue=self.queue,
                seconds=f"{self.timeout_s:g}",
            ) from exc
        if proc.returncode != 0:
            raise PrintFailed(
                "printer {queue}: {reason}",
                queue=self.queue,
                reason=proc.stderr.decode("utf-8", "replace").strip()
                or ClerkDeskError("lp exit status {status}", status=proc.returncode),
            )
        answer = proc.stdout.decode("utf-8", "replace").strip()
        # "request id is QUEUE-42 (1 file(s))", in the user's language: the id is QUEUE-<n>.
        job = re.search(rf"(?<!\S){re.escape(self.queue)}-\d+", answer)
        return job.group(0) if job else answer


# A file being written beside its final name: ``.printing-`` and, where the
# process printing has a live mark (``clerk_desk.recovery``), its tag and ``-``.
# A start removes those of processes that died (a kill, a power cut).
TEMP_PREFIX = ".printing-"


def temp_prefix(tag: str) -> str:
    """The name a temporary print file starts with, for the process tagged ``tag``."""
    return f"{TEMP_PREFIX}{tag}-" if tag else TEMP_PREFIX


def job_file_stem(job_name: str) -> str:
    """The file name (without ``.pdf``) a folder printer gives the job ``job_name`` first."""
    return _JOB_NAME.sub("_", job_name)


@runtime_checkable
class TaggedTemps(Protocol):
    """A printer that writes temporary files, which it can name for the process printing."""

    def tagged(self, tag: str) -> Printer:
        """The same printer, its temporary files named for the process tagged ``tag``."""
        ...


@dataclass(frozen=True)
class FolderPrinter:
    folder: Path
    # The live mark of the process printing (see clerk_desk.recovery): its temporary
    # files carry it, so a start removes only those of dead processes.
    tag: str = ""

    @property
    def label(self) -> str:
        return f"folder:{self.folder}"

    @property
    def to_queue(self) -> bool:
        return False

    def tagged(self, tag: str) -> FolderPrinter:
        return dataclasses.replace(self, tag=tag)

    def send(self, pdf: bytes, *, job_name: str, copies: int = 1) -> str:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Write beside, then publish under a free name: a full disk never
            # leaves half a PDF behind, and two jobs never take the same name.
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=temp_prefix(self.tag), suffix=".pdf")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(pdf)
                    f.flush()
                    os.fsync(f.fileno())
                target = _publish(Path(tmp), self.folder, job_file_stem(job_name))
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            fsync_dir(self.folder)
        except OSError as exc:
            raise PrintFailed(
                "cannot write to {folder}: {reason}",
                folder=self.folder,
                reason=os_reason(exc),
            ) from exc
        return target.name


def _publish(tmp: Path, folder: Path, stem: str) -> Path:
    """Give the whole file ``tmp`` the first free name ``stem.pdf``, ``stem-2.pdf``...

    A hard link fails if the name is taken, so a job printed twice at once
    never overwrites the other; without hard links (some network shares),
    the name is checked, then taken by rename.
    """
    n = 1
    while True:
        target = folder / (f"{stem}.pdf" if n == 1 else f"{stem}-{n}.pdf")
        n += 1
        try:
            os.link(tmp, target)
        except FileExistsError:
            continue
        except OSError:
            if target.exists():
                continue
            os.replace(tmp, target)
            return target
        # Published: nothing after this may fail the job (its file is in the folder).
        # A temporary file that cannot be removed now is removed at the next start.
        with contextlib.suppress(OSError):
            tmp.unlink()
        return target


def printer_from_setting(value: str) -> Printer:
    """The printer a settings value names (``cups:NAME`` or ``folder:PATH``)."""
    kind, _, rest = value.partition(":")
    if not value.strip():
        raise PrintFailed("no printer is chosen in Settings")
    if kind == "cups" and rest:
        return CupsPrinter(rest)
    if kind == "folder" and rest:
        return FolderPrinter(Path(rest))
    raise PrintFailed("printer setting {value} is not cups:NAME or folder:PATH", value=repr(value))


def paper_name(layout: str) -> ClerkDeskError | str:
    """The paper of a layout as a phrase of a message ("A4", "80 mm roll")."""
    if layout == "roll80":
        return ClerkDeskError("80 mm roll")
    if layout == "a4":
        return ClerkDeskError("A4")
    return layout  # a layout this version does not know: named as stored


def no_printer_chosen(layout: str) -> PrintFailed:
    """The failure of printing a document of ``layout`` whose paper has no printer chosen."""
    return PrintFailed(
        "no printer is chosen for {paper} paper in Settings", paper=paper_name(layout)
    )


def cups_queues() -> list[str]:
    """Names of the CUPS queues on this machine ([] without CUPS)."""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return []
    try:
        proc = subprocess.run(
            [lpstat, "-e"], capture_output=True, text=True, timeout=10, check=False
        )
    except subprocess.TimeoutExpired:
        return []
    return [line.strip() for line in proc.stdout.splitlines() if line.strip()]
