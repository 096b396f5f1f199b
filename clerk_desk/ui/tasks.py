"""Running work off the GUI thread and bringing results back to it.

Anki-style: one worker thread for everything that touches the database (so
there is one writer), a small pool for printing and the network, whose writes
are handed to the database thread (:meth:`TaskRunner.on_db_thread`). Screens
run their operations through :class:`clerk_desk.ui.ops.Op`, which also tells
every other screen what changed. Results and
errors come back through a queued signal and the callbacks run on the GUI
thread, so widgets are only ever touched there.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from clerk_desk.diagnostics import describe_error
from clerk_desk.errors import ClerkDeskError
from clerk_desk.ui.messages import describe

T = TypeVar("T")
log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class ReadOrder:
    """Numbers reads as they start (on any worker thread); keeps only the newest shown.

    Reads on the I/O pool (two threads) may answer out of order: a view that
    reads again after a change takes a number right before each read and shows
    an answer only if it started after the one on screen.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._shown = 0  # the number of the read shown last (GUI thread only)

    def take(self) -> int:
        """Call right before reading: the read's number."""
        with self._lock:
            return next(self._numbers)

    def newer(self, number: int) -> bool:
        """On the GUI thread: True (and remembered) if this read started after the one shown."""
        if number <= self._shown:
            return False
        self._shown = number
        return True


class TaskRunner(QObject):
    """Runs callables on worker threads.

    Signals:
        busy_changed(bool): True while any task runs (for a progress indicator).
        task_failed(str): a task without its own error handler failed (message).
    """

    busy_changed = Signal(bool)
    task_failed = Signal(str)
    _finished = Signal(object, object, object)  # callback, result, error-callback+error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="clerk-desk-db", initializer=self._mark_db_thread
        )
        self._db_thread: threading.Thread | None = None
        self._io = ThreadPoolExecutor(max_workers=2, thread_name_prefix="clerk-desk-io")
        self._pending = 0
        self._closed = False
        self._lock = threading.Lock()
        # Queued even when the task finished before its callback was attached
        # (the emit then comes from the GUI thread): results always arrive
        # through the event loop, never inside the call that asked for them.
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        return self._pending

    def db(
        self, fn: Callable[[], T], on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        """Run ``fn`` on the database thread (the only one that writes)."""
        self._submit(self._db, fn, on_done, on_error)

    def _mark_db_thread(self) -> None:
        self._db_thread = threading.current_thread()

    def on_db_thread(self, fn: Callable[[], T]) -> T:
        """From an I/O task: run ``fn`` on the database thread, wait, and return its result.

        How printing and other I/O work writes its records: the I/O thread
        waits while the one writer writes (its errors are raised here).
        """
        if threading.current_thread() is self._db_thread:
            return fn()  # already there (waiting for itself would never end)
        return self._db.submit(fn).result()

    def io(
        self, fn: Callable[[], T], on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        """Run ``fn`` on the I/O pool (printing, network, file export)."""
        self._submit(self._io, fn, on_done, on_error)

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        fn: Callable[[], Any],
        on_done: Done | None,
        on_error: Failed | None,
    ) -> None:
        if self._closed:
            # The application is quitting: a late callback asking for more work is dropped.
            log.debug("task runner closed; dropped %r", fn)
            return
        self._change_pending(+1)
        future = pool.submit(fn)

        name = getattr(fn, "__qualname__", type(fn).__name__)  # for the log: code, not data

        def finished(f: Future[Any]) -> None:
            # Runs on the worker thread: only emit, never touch widgets here.
            error = f.exception()
            self._finished.emit(on_done, None if error else f.result(), (on_error, error, name))

        future.add_done_callback(finished)

    @Slot(object, object, object)
    def _deliver(
        self,
        on_done: Done | None,
        result: Any,
        failure: tuple[Failed | None, BaseException | None, str],
    ) -> None:
        on_error, error, name = failure
        try:
            if error is not None:
                _log_failure(name, error)
                if on_error is not None:
                    on_error(error)
                else:
                    self.task_failed.emit(describe(error))
            elif on_done is not None:
                on_done(result)
        except RuntimeError as exc:
            # The widget that asked was closed and deleted while the task ran
            # (a dialog shut, a logout): its answer has nowhere to go.
            # PySide words it two ways: a deleted receiver, a deleted signal source.
            if "already deleted" not in str(exc) and "has been deleted" not in str(exc):
                raise
            log.debug("result for a deleted widget dropped: %s", exc)
        finally:
            self._change_pending(-1)

    def _change_pending(self, delta: int) -> None:
        with self._lock:
            before = self._pending
            self._pending += delta
            after = self._pending
        if (before == 0) != (after == 0):
            self.busy_changed.emit(after > 0)

    def shutdown(self) -> None:
        """Wait for running tasks; call before the application quits."""
        self._closed = True
        # The I/O pool first: a print still running writes its record on the database thread.
        self._io.shutdown(wait=True)
        self._db.shutdown(wait=True)


def _log_failure(name: str, error: BaseException) -> None:
    """Every failed task is in the log, whoever handles it after.

    A refusal is a template without its values; anything else is unexpected:
    its traceback (a widget that logs it again gets a reference to this one).
    """
    if isinstance(error, ClerkDeskError):
        log.info("task %s refused: %s", name, describe_error(error))
    else:
        log.error("background task %s failed", name, exc_info=error)
