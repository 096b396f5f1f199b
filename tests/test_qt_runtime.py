"""The Qt binding in use keeps Python's reference counts right.

PySide6 6.12's wheels assume None, True and False are immortal (CPython
3.12+). On 3.11 each Qt call returning nothing dropped a reference to None
that it never took, and the interpreter aborted ('none_dealloc') after some
thousands of calls: a working day at the counter. pyproject.toml holds 3.11
below 6.12; this test fails if that pairing comes back.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

pytestmark = pytest.mark.gui


class _Emitter(QObject):
    flag = Signal(bool)


def test_qt_calls_do_not_eat_references_to_none_true_false(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    seen: list[bool] = []
    emitter.flag.connect(seen.append)
    before = [sys.getrefcount(o) for o in (None, True, False)]
    for i in range(2000):
        label.setText("")  # returns nothing: a None from C++
        emitter.flag.emit(i % 2 == 0)
    after = [sys.getrefcount(o) for o in (None, True, False)]
    seen.clear()
    # Immortal objects (3.12+) report a fixed count; mortal ones must not drift down.
    assert all(a >= b - 50 for a, b in zip(after, before, strict=True)), (before, after)
