"""What every window and panel is handed: services, the task runner, who is logged in.

Widgets never reach for globals or ``self.window()``; they get a ``UiContext``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from clerk_desk.desk import Desk
from clerk_desk.id_card import IdCardReader
from clerk_desk.staff import StaffRecord
from clerk_desk.ui.tasks import TaskRunner


class LoginState(QObject):
    """Who is at the keyboard.

    Signals:
        changed(object): the StaffRecord now logged in, or None after logout.
    """

    changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._staff: StaffRecord | None = None

    @property
    def staff(self) -> StaffRecord | None:
        return self._staff

    def require(self) -> StaffRecord:
        if self._staff is None:
            raise RuntimeError("no clerk is logged in")
        return self._staff

    def set(self, staff: StaffRecord | None) -> None:
        self._staff = staff
        self.changed.emit(staff)


@dataclass
class UiContext:
    desk: Desk
    runner: TaskRunner
    login: LoginState = field(default_factory=LoginState)
    # A second-generation ID card reader with a vendor SDK (None: none, or one
    # that types into the focused field like a keyboard, which needs nothing).
    reader: IdCardReader | None = None
