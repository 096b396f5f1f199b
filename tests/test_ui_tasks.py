"""The task runner: results on the GUI thread, one database thread, robust to closed widgets.

Nothing a task holds is let go on a worker thread: a Qt object freed there
crashed a CI run (a segmentation fault inside an unrelated test).
"""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtWidgets import QLabel

from clerk_desk.errors import ClerkDeskError
from clerk_desk.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def runner():  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    r.shutdown()


def test_results_arrive_on_the_gui_thread_from_one_db_thread(qtbot, runner) -> None:
    gui = threading.get_ident()
    workers: set[int] = set()
    delivered: list[tuple[int, int]] = []

    def work(i: int) -> int:
        workers.add(threading.get_ident())
        return i

    for i in range(20):
        runner.db(lambda i=i: work(i), lambda r: delivered.append((r, threading.get_ident())))
    qtbot.waitUntil(lambda: len(delivered) == 20)
    assert [r for r, _ in delivered] == list(range(20))  # in order: one writer
    assert {t for _, t in delivered} == {gui}
    assert len(workers) == 1 and gui not in workers
    assert runner.pending == 0


def test_errors_go_to_the_error_callback_or_the_failed_signal(qtbot, runner) -> None:
    errors: list[str] = []
    runner.db(lambda: 1 / 0, lambda r: None, lambda e: errors.append(type(e).__name__))
    qtbot.waitUntil(lambda: errors == ["ZeroDivisionError"])
    with qtbot.waitSignal(runner.task_failed) as blocker:
        runner.io(lambda: [][1])
    assert "index out of range" in blocker.args[0]


def test_a_result_for_a_deleted_widget_is_dropped(qtbot, runner) -> None:
    label = QLabel()
    gate = threading.Event()
    runner.db(lambda: gate.wait(5) and "done", label.setText)
    label.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(label))
    gate.set()
    qtbot.waitUntil(lambda: runner.pending == 0)  # delivered and dropped, no crash


def test_work_after_shutdown_is_dropped(qtbot) -> None:
    r = TaskRunner()
    r.shutdown()
    r.db(lambda: 1, lambda _r: pytest.fail("ran after shutdown"))
    assert r.pending == 0


class Token:
    """Stands for a widget a task reaches: records the thread that frees it."""

    def __init__(self, freed: list[str]) -> None:
        weakref.finalize(self, lambda: freed.append(threading.current_thread().name))


def test_a_worker_never_holds_the_last_reference_to_a_task(qtbot, runner) -> None:
    freed: list[str] = []
    for i in range(10):
        in_fn, in_done, in_error = Token(freed), Token(freed), Token(freed)
        pool = runner.db if i % 2 else runner.io
        pool(
            lambda t=in_fn: t and 1,
            lambda _r, t=in_done: None,
            lambda _e, t=in_error: None,
        )
        del in_fn, in_done, in_error
    qtbot.waitUntil(lambda: len(freed) == 30)
    assert set(freed) == {threading.main_thread().name}


def test_a_failed_task_is_let_go_on_the_gui_thread_too(qtbot, runner) -> None:
    freed: list[str] = []
    errors: list[BaseException] = []
    token = Token(freed)

    def fail(t: Token = token) -> None:
        # A refusal (logged without its traceback, which holds this frame and the token).
        raise ClerkDeskError("refused")

    runner.db(fail, None, errors.append)
    del token, fail
    qtbot.waitUntil(lambda: len(errors) == 1)
    errors.clear()
    qtbot.waitUntil(lambda: freed != [])
    assert freed == [threading.main_thread().name]


def test_the_cycle_collector_runs_on_the_gui_thread_only(qtbot, runner) -> None:
    assert not gc.isenabled()  # the runner turned automatic collection off
    freed: list[str] = []
    kept: list[object] = []

    def make_garbage() -> None:
        cycle: list[object] = [Token(freed)]
        cycle.append(cycle)
        del cycle
        # Enough new objects that a generation is due: automatic collection
        # would run right here, on the worker, and free the token.
        kept.extend([i] for i in range(20_000))

    runner.db(make_garbage)
    qtbot.waitUntil(lambda: freed != [], timeout=10_000)  # the GUI thread's timer
    assert freed == [threading.main_thread().name]
