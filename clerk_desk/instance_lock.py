"""Who else has this data directory open: the app lock and the set-up lock.

Both are operating-system locks on a small file in the data directory
(``flock`` on POSIX, ``msvcrt.locking`` on Windows). The system drops such a
lock when the process that holds it ends, however it ends, so a killed app
never leaves a stale lock behind; the files themselves stay (removing a lock
file would race with a process about to lock it).

* :class:`InstanceLock` (``clerk_desk.app.lock``): held by the desktop app for
  as long as it runs. A second app on the same directory does not get it and
  does not open; the CLI asks :func:`app_running` before commands that must
  not run beside the app (``terminal number N``, ``restore``).
* :func:`setup_lock` (``clerk_desk.setup.lock``): held while a process
  creates or migrates the database and while it runs the first-run set-up, so
  two first starts at once end in one store set up once.
* :func:`sync_lock` (``clerk_desk.sync.lock``): held for one sync cycle with the
  county server (the app's background sync, ``clerk-desk sync run``), so one
  cycle runs at a time per data directory; a second does not wait, it is told
  (:class:`SyncBusy`).

No Qt here: the CLI and the library use it too.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from clerk_desk.errors import ClerkDeskError

APP_LOCK_FILENAME = "clerk_desk.app.lock"
SETUP_LOCK_FILENAME = "clerk_desk.setup.lock"
SYNC_LOCK_FILENAME = "clerk_desk.sync.lock"
# How long a start waits for another process's set-up (a migration of a big store
# takes a while) before it gives up with a message.
SETUP_WAIT_S = 120.0
_POLL_S = 0.05
# The data directories whose app lock this process holds (resolved paths).
_held: dict[Path, InstanceLock] = {}


class AppAlreadyRunning(ClerkDeskError):
    """The desktop app already runs on this data directory."""


class SetupBusy(ClerkDeskError):
    """Another process is setting up or migrating the data directory and did not finish."""


class SyncBusy(ClerkDeskError):
    """A sync cycle already runs on this data directory (the app's, or a command's).

    ``reason`` is ``busy``, in the manner of ``clerk_desk.sync.SyncFailed``.
    """

    reason = "busy"


def _key(data_dir: Path) -> Path:
    return Path(os.path.abspath(data_dir))


def try_lock(f: IO[bytes]) -> bool:
    """Take the exclusive lock on ``f`` without waiting; False if someone holds it."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(f: IO[bytes]) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        f.seek(0)
        msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _open_lock_file(path: Path) -> IO[bytes]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    return os.fdopen(fd, "r+b")


class InstanceLock:
    """The desktop app's lock on a data directory, held until :meth:`release` or exit."""

    def __init__(self, data_dir: Path, file: IO[bytes]) -> None:
        self.data_dir = data_dir
        self._file: IO[bytes] | None = file

    @classmethod
    def acquire(cls, data_dir: Path, *, wait_s: float = 1.0) -> InstanceLock | None:
        """The lock, or None when another app holds it.

        Waits up to ``wait_s`` for it: :func:`app_running` holds the lock for a
        moment while it asks, and a start must not take that for an app.
        The data directory must exist and be writable.
        """
        key = _key(data_dir)
        if key in _held:
            return None
        f = _open_lock_file(key / APP_LOCK_FILENAME)
        deadline = time.monotonic() + wait_s
        while not try_lock(f):
            if time.monotonic() >= deadline:
                f.close()
                return None
            time.sleep(_POLL_S)
        lock = cls(key, f)
        _held[key] = lock
        return lock

    @property
    def held(self) -> bool:
        return self._file is not None

    def release(self) -> None:
        if self._file is None:
            return
        _held.pop(self.data_dir, None)
        try:
            _unlock(self._file)
        finally:
            self._file.close()
            self._file = None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def held_by_this_process(data_dir: Path) -> bool:
    """True if this process is the app that holds ``data_dir``'s lock."""
    return _key(data_dir) in _held


def app_running(data_dir: Path) -> bool:
    """True if the desktop app runs on ``data_dir`` (in this process or another).

    Asks by trying the lock for a moment. A directory without a lock file, or
    one this process cannot open (a read-only directory), has no app: the app
    always creates the file.
    """
    key = _key(data_dir)
    if key in _held:
        return True
    try:
        fd = os.open(key / APP_LOCK_FILENAME, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as f:
        if not try_lock(f):
            return True
        _unlock(f)
        return False


# The name the backup helper's restore calls.
is_app_running = app_running


@contextmanager
def setup_lock(data_dir: Path, *, wait_s: float = SETUP_WAIT_S) -> Iterator[None]:
    """Hold the set-up lock of ``data_dir`` (an existing, writable directory).

    Waits for another process's set-up or migration to end; after ``wait_s``
    raises :class:`SetupBusy`.
    """
    f = _open_lock_file(_key(data_dir) / SETUP_LOCK_FILENAME)
    try:
        deadline = time.monotonic() + wait_s
        while not try_lock(f):
            if time.monotonic() >= deadline:
                raise SetupBusy(
                    "another ClerkDesk has been setting up {path} for over {seconds} s; "
                    "try again when it has finished",
                    path=data_dir,
                    seconds=int(wait_s),
                )
            time.sleep(_POLL_S)
        try:
            yield
        finally:
            _unlock(f)
    finally:
        f.close()


@contextmanager
def sync_lock(data_dir: Path) -> Iterator[None]:
    """Hold the sync lock of ``data_dir`` for one sync cycle, or raise :class:`SyncBusy`.

    Never waits: a second cycle while one runs would only send what the first is
    sending. Another thread of this process holding it counts too (each call
    opens the file anew, and ``flock`` locks belong to the open file). A data
    directory whose lock file cannot be made (read-only) syncs nothing anyway:
    the cycle goes on unlocked and meets the read-only store.
    """
    try:
        f = _open_lock_file(_key(data_dir) / SYNC_LOCK_FILENAME)
    except OSError:
        yield
        return
    try:
        if not try_lock(f):
            raise SyncBusy("a sync is already running on {path}", path=data_dir)
        try:
            yield
        finally:
            _unlock(f)
    finally:
        f.close()
