"""The data directory as a place on the disk: made, private, writable, with room.

* :func:`prepare` makes the directory (0700 on POSIX) or says in plain words
  why it cannot be made (a file in the way, no right to write the parent).
* :func:`is_writable` tells a read-only directory from a writable one, so the
  store is opened read-only there and reading commands still work.
* :func:`make_private` tightens what an older version (or a wide umask) left
  readable by other users: the directory 0700, the database and its -wal/-shm
  0600, ``logs/``, ``backups/`` and ``printouts/`` 0700 with their files 0600.
  On Windows the data directory is in the user's own AppData (platformdirs),
  which other users cannot read; no ACLs are set.
* :func:`free_mb` / :func:`low_disk` for the warning at start and on the
  status bar when the disk runs low (setting ``low_disk_warning_mb``).

No Qt here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from pathlib import Path

from clerk_desk.errors import ClerkDeskError

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
# Folders of the data directory that hold personal data (printouts carry names).
PRIVATE_SUBDIRS = ("logs", "backups", "printouts", "replaced", "tmp")
POSIX = os.name == "posix"


class DataDirError(ClerkDeskError):
    """The data directory cannot be made or used."""


class ReadOnlyDataDir(DataDirError):
    """The data directory (or its database) cannot be written: reading only."""


class DiskFull(ClerkDeskError):
    """A write failed because the disk (or the allowed file size) is full."""


def os_reason(exc: BaseException) -> str | ClerkDeskError:
    """Why a write failed, in the clerk's words where it is a usual reason.

    The usual ones are phrases the app translates (a :class:`ClerkDeskError`
    as a parameter of another); anything else is the system's own text. An
    :class:`OSError` or an :class:`sqlite3.Error` (SQLite reports a write the
    file-size limit refused, or a stick pulled out, as an I/O error).
    """
    err = getattr(exc, "errno", None)
    name = getattr(exc, "sqlite_errorname", "") or ""
    if err in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)) or (
        name == "SQLITE_FULL"
    ):
        return ClerkDeskError("the disk is full")
    if name.startswith("SQLITE_IOERR") and name != "SQLITE_IOERR_READ":
        return ClerkDeskError("the disk is full or failing")
    if err in (errno.EACCES, errno.EPERM):
        return ClerkDeskError("no permission to write there")
    if err == errno.EROFS or name.startswith("SQLITE_READONLY"):
        return ClerkDeskError("the disk is read-only")
    return getattr(exc, "strerror", None) or str(exc)


def fsync_dir(folder: Path) -> None:
    """Make the file names in ``folder`` durable (POSIX; Windows has no directory fsync)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems (network shares) refuse fsync on a directory
        pass
    finally:
        os.close(fd)


def prepare(data_dir: Path) -> None:
    """Make ``data_dir`` (and its parents) if it is missing, 0700 on POSIX.

    Raises :class:`DataDirError` saying why when it cannot be made.
    """
    if data_dir.is_dir():
        return
    if data_dir.exists() or data_dir.is_symlink():
        raise DataDirError(
            "the data directory {path} cannot be made: a file of that name is in the way",
            path=data_dir,
        )
    blocker = next((p for p in data_dir.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise DataDirError(
            "the data directory {path} cannot be made: {blocker} is a file, not a folder",
            path=data_dir,
            blocker=blocker,
        )
    try:
        data_dir.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    except PermissionError:
        parent = next((p for p in data_dir.parents if p.exists()), data_dir.parent)
        raise DataDirError(
            "the data directory {path} cannot be made: no permission to write in {parent}",
            path=data_dir,
            parent=parent,
        ) from None
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFull(
                "the disk is full: {path} cannot be written; free some space and try again",
                path=data_dir,
            ) from None
        if exc.errno == errno.EROFS:
            raise ReadOnlyDataDir(
                "the data directory {path} cannot be made: the disk is read-only",
                path=data_dir,
            ) from None
        raise DataDirError(
            "the data directory {path} cannot be made: {reason}",
            path=data_dir,
            reason=os_reason(exc),
        ) from None


def is_writable(data_dir: Path, db: Path) -> bool:
    """True if the directory and its database (when it exists) can be written."""
    if not os.access(data_dir, os.W_OK | os.X_OK):
        return False
    return not db.exists() or os.access(db, os.W_OK)


def _chmod(path: Path, mode: int) -> None:
    try:
        st = path.lstat()
    except OSError:
        return
    if stat.S_ISLNK(st.st_mode) or stat.S_IMODE(st.st_mode) & ~mode == 0:
        return  # already as private (or more), or a link we leave alone
    with contextlib.suppress(OSError):  # not ours (another user's file): nothing we may change
        path.chmod(stat.S_IMODE(st.st_mode) & mode)


def make_private(data_dir: Path, db: Path) -> None:
    """Take away every right of other users on the data directory's files (POSIX)."""
    if not POSIX:
        return
    _chmod(data_dir, PRIVATE_DIR)
    for suffix in ("", "-wal", "-shm", "-journal"):
        _chmod(db.with_name(db.name + suffix), PRIVATE_FILE)
    for name in PRIVATE_SUBDIRS:
        sub = data_dir / name
        if not sub.is_dir() or sub.is_symlink():
            continue
        _chmod(sub, PRIVATE_DIR)
        for root, dirs, files in os.walk(sub):
            for d in dirs:
                _chmod(Path(root, d), PRIVATE_DIR)
            for f in files:
                _chmod(Path(root, f), PRIVATE_FILE)


def free_mb(path: Path) -> int:
    """Free space on the disk holding ``path`` (or its nearest existing parent), in MB."""
    existing = next((p for p in (path, *path.parents) if p.exists()), path)
    return shutil.disk_usage(existing).free // (1024 * 1024)


def low_disk(path: Path, threshold_mb: int) -> int | None:
    """The free MB when under ``threshold_mb`` (0 turns the warning off), else None."""
    if threshold_mb <= 0:
        return None
    try:
        free = free_mb(path)
    except OSError:
        return None
    return free if free < threshold_mb else None
