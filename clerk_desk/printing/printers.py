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
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from clerk_desk.errors import ClerkDeskError

_JOB_NAME = re.compile(r"[^0-9A-Za-z_.-]+")


class PrintFailed(ClerkDeskError):
    """The printer did not take the job (no printer, offline, paper out...)."""


class Printer(Protocol):
    @property
    def label(self) -> str: ...

    def send(self, pdf: bytes, *, job_name: str, copies: int = 1) -> str:
        """Send the job; returns its job id or file name. Blocks: not on the GUI thread."""
        ...


@dataclass(frozen=True)
class CupsPrinter:
    queue: str
    timeout_s: float = 30.0

    @property
    def label(self) -> str:
        return f"cups:{self.queue}"

    def send(self, pdf: bytes, *, job_name: str, copies: int = 1) -> str:
        lp = shutil.which("lp")
        if lp is None:
            raise PrintFailed("printing system not available: the 'lp' command is missing")
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
            reason = (
                proc.stderr.decode("utf-8", "replace").strip()
                or f"lp exit status {proc.returncode}"
            )
            raise PrintFailed("printer {queue}: {reason}", queue=self.queue, reason=reason)
        return proc.stdout.decode("utf-8", "replace").strip()


@dataclass(frozen=True)
class FolderPrinter:
    folder: Path

    @property
    def label(self) -> str:
        return f"folder:{self.folder}"

    def send(self, pdf: bytes, *, job_name: str, copies: int = 1) -> str:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Write beside, then rename: a full disk never leaves half a PDF behind.
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".printing-", suffix=".pdf")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(pdf)
                    f.flush()
                    os.fsync(f.fileno())
                target = self.folder / f"{_JOB_NAME.sub('_', job_name)}.pdf"
                n = 1
                while target.exists():
                    n += 1
                    target = self.folder / f"{_JOB_NAME.sub('_', job_name)}-{n}.pdf"
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise PrintFailed(
                "cannot write to {folder}: {reason}",
                folder=self.folder,
                reason=exc.strerror or exc,
            ) from exc
        return target.name


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
