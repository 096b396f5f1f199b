"""Answers and ticks waiting a moment before they are written, coalesced.

A clerk ticking five materials makes one or two writes, not five. Whatever
waits is written at once by an outcome, Esc, a logout or leaving the page
(the intake controller takes it with :meth:`PendingSteps.take`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

# How long answers and ticks wait for more before they are written.
SAVE_DELAY_MS = 1000


@dataclass(frozen=True, slots=True)
class Unsaved:
    """What waits: by whom, the answers and the ticks (received True, missing False)."""

    staff_id: str | None
    answers: dict[str, bool]
    marks: dict[str, bool]

    def __bool__(self) -> bool:
        return self.staff_id is not None and bool(self.answers or self.marks)


class PendingSteps(QObject):
    """Collects answers and ticks until they are due.

    Signals:
        due(): the delay passed since the first step waiting: write them now.
    """

    due = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._answers: dict[str, bool] = {}
        self._marks: dict[str, bool] = {}
        self._by: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.due)

    def note(
        self,
        staff_id: str,
        answers: dict[str, bool] | None = None,
        marks: dict[str, bool] | None = None,
    ) -> None:
        self._by = staff_id
        self._answers.update(answers or {})
        self._marks.update(marks or {})
        if not self._timer.isActive():
            self._timer.start()

    def take(self) -> Unsaved:
        """Everything waiting, now (the timer stops); nothing waits after."""
        self._timer.stop()
        taken = Unsaved(self._by, self._answers, self._marks)
        self._answers, self._marks = {}, {}
        return taken
