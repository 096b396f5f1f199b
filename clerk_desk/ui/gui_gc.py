"""Python's cycle collector runs on the GUI thread only.

Left alone, the collector runs in whichever thread happens to allocate when a
generation is due: often a worker of the task runner in the middle of a
query. If the garbage it finds holds a Qt object (a closed dialog in a cycle
with its controller), the object is freed on that worker; PySide then defers
the C++ delete to the GUI thread, where it may meet a widget its parent has
already deleted: a segmentation fault, seen in CI as a crash in the middle of
an unrelated test. The same cure as pyqtgraph's, GitFourchette's and other
PySide/PyQt applications': automatic collection is turned off and a timer on
the GUI thread collects each generation when it is due, by the interpreter's
own thresholds.

Objects freed by reference counting are the other half: the task runner sees
that a worker never holds the last reference to a task or its callbacks
(:mod:`clerk_desk.ui.tasks`).
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# Often enough that a busy counter never piles garbage up; each tick that has
# nothing due costs one gc.get_count().
INTERVAL_MS = 1000
_NAME = "clerkDeskGuiThreadCollector"


def collect_due() -> int:
    """Collect each generation that is due, as the interpreter itself would; the objects freed.

    Call it on the GUI thread only (the timer does, and the tests after each test).
    """
    assert threading.current_thread() is threading.main_thread(), "collect on the GUI thread"
    thresholds = gc.get_threshold()
    counts = gc.get_count()
    generation = -1
    for gen in range(3):
        if thresholds[gen] and counts[gen] > thresholds[gen]:
            generation = gen
        else:
            break
    return gc.collect(generation) if generation >= 0 else 0


class GuiThreadCollector(QObject):
    """Turns automatic collection off and collects on a GUI-thread timer instead."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(collect_due)
        self._timer.start()


def collect_on_gui_thread() -> GuiThreadCollector:
    """From now on the cycle collector runs on the GUI thread only (once per application)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("collect_on_gui_thread() needs the QApplication first")
    collector = app.findChild(GuiThreadCollector)
    if collector is None:
        collector = GuiThreadCollector(app)
        collector.setObjectName(_NAME)
    gc.disable()  # again: something may have turned it back on
    return collector
