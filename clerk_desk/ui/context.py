"""What every window and panel is handed: services, the task runner, who is logged in.

Widgets never reach for globals or ``self.window()``; they get a ``UiContext``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from clerk_desk.desk import Desk
from clerk_desk.id_card import IdCardReader
from clerk_desk.staff import StaffRecord
from clerk_desk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from clerk_desk.ui.sync_runner import SyncRunner


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


class Changes(QObject):
    """What a saved step changed, fanned out to every screen that shows it.

    Anki's way: an operation returns what it changed and one signal tells every
    screen, which decides for itself what to read again. Whoever learns of a
    change (the main window from the intake and the case detail, a page from
    its own calls) emits it here once.

    Signals:
        case_changed(object): the CaseView after a step was saved.
        document_printed(object): the DocumentInfo after it printed (its count moved).
        handover_changed(object): the BatchInfo of a handover list made or received.
        settings_changed(object): the TerminalSettings after they were saved.
        staff_changed(object): the StaffRecord after an account was created or changed.
    """

    case_changed = Signal(object)
    document_printed = Signal(object)
    handover_changed = Signal(object)
    settings_changed = Signal(object)
    staff_changed = Signal(object)


@dataclass
class UiContext:
    desk: Desk
    runner: TaskRunner
    login: LoginState = field(default_factory=LoginState)
    # A second-generation ID card reader with a vendor SDK (None: none, or one
    # that types into the focused field like a keyboard, which needs nothing).
    reader: IdCardReader | None = None
    changes: Changes = field(default_factory=Changes)
    # The background sync with the county server (None: none, e.g. a widget test).
    sync: SyncRunner | None = None
