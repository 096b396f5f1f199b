"""The task runner: results on the GUI thread, one database thread, robust to closed widgets."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QLabel

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
