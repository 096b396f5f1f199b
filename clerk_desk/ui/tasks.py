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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from clerk_desk.diagnostics import describe_error
from clerk_desk.errors import ClerkDeskError
from clerk_desk.ui.gui_gc import collect_on_gui_thread
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


@dataclass
class _Task:
    """A task from submission to delivery: held by the GUI thread only."""

    fn: Callable[[], Any]
    on_done: Done | None
    on_error: Failed | None
    name: str


class TaskRunner(QObject):
    """Runs callables on worker threads.

    A worker never holds the last reference to a task's function or its
    callbacks: they often reach widgets, and a Qt object freed on a worker
    thread crashes the app later on the GUI thread. The task stays in a table
    kept by this runner until its answer is delivered on the GUI thread; the
    worker sees only the task's number and lets go of the function before it
    answers. The cycle collector runs on the GUI thread too
    (:mod:`clerk_desk.ui.gui_gc`).

    Signals:
        busy_changed(bool): True while any task runs (for a progress indicator).
        task_failed(str): a task without its own error handler failed (message).
    """

    busy_changed = Signal(bool)
    task_failed = Signal(str)
    _finished = Signal(object, object, object)  # task number, result, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        collect_on_gui_thread()
        self._db = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="clerk-desk-db", initializer=self._mark_db_thread
        )
        self._db_thread: threading.Thread | None = None
        self._io = ThreadPoolExecutor(max_workers=2, thread_name_prefix="clerk-desk-io")
        self._tasks: dict[int, _Task] = {}
        self._numbers = itertools.count(1)
        self._closed = False
        self._lock = threading.Lock()
        # Queued even when the task finished before its callback was attached
        # (the emit then comes from the GUI thread): results always arrive
        # through the event loop, never inside the call that asked for them.
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._tasks)

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
        name = getattr(fn, "__qualname__", type(fn).__name__)  # for the log: code, not data
        number = next(self._numbers)
        with self._lock:
            was_idle = not self._tasks
            self._tasks[number] = _Task(fn, on_done, on_error, name)
        if was_idle:
            self.busy_changed.emit(True)
        pool.submit(self._work, number)

    def _work(self, number: int) -> None:
        """On a worker: run task ``number`` and send its answer to the GUI thread."""
        with self._lock:
            fn = self._tasks[number].fn
        result: Any = None
        error: BaseException | None = None
        try:
            result = fn()
        except BaseException as exc:  # delivered to the task's error callback
            error = exc
        # The table keeps the function until the GUI thread delivers: this
        # thread's reference goes first, so the last one is never here.
        del fn
        self._finished.emit(number, result, error)
        del result, error

    @Slot(object, object, object)
    def _deliver(self, number: int, result: Any, error: BaseException | None) -> None:
        with self._lock:
            task = self._tasks[number]
        try:
            if error is not None:
                _log_failure(task.name, error)
                if task.on_error is not None:
                    task.on_error(error)
                else:
                    self.task_failed.emit(describe(error))
            elif task.on_done is not None:
                task.on_done(result)
        except RuntimeError as exc:
            # The widget that asked was closed and deleted while the task ran
            # (a dialog shut, a logout): its answer has nowhere to go.
            # PySide words it two ways: a deleted receiver, a deleted signal source.
            if "already deleted" not in str(exc) and "has been deleted" not in str(exc):
                raise
            log.debug("result for a deleted widget dropped: %s", exc)
        finally:
            with self._lock:
                del self._tasks[number]
                idle = not self._tasks
            del task  # the function and callbacks are let go here, on the GUI thread
            if idle:
                self.busy_changed.emit(False)

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
