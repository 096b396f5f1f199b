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
from clerk_desk.ui.ops import OpChanges
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
    """What an operation changed, fanned out to every screen that shows it.

    Anki's way: an operation returns what it changed and one signal tells every
    screen, which decides for itself what to read again. Operations run through
    :class:`clerk_desk.ui.ops.Op`, which calls :meth:`publish` once they are
    saved; nothing else emits these signals.

    Signals:
        op_executed(object, object): the OpChanges and the operation's initiator
            (whoever ran it; None when not said), before the signals below.
        case_changed(object): the CaseView after a step was saved.
        document_printed(object): a DocumentInfo made or printed (a reprint, a
            print attempt recorded: its count may have moved).
        handover_changed(object): the BatchInfo of a handover list made or received.
        settings_changed(object): the TerminalSettings after they were saved.
        staff_changed(object): the StaffRecord after an account was created or changed.
    """

    op_executed = Signal(object, object)
    case_changed = Signal(object)
    document_printed = Signal(object)
    handover_changed = Signal(object)
    settings_changed = Signal(object)
    staff_changed = Signal(object)

    def publish(self, changes: OpChanges, initiator: object | None = None) -> None:
        """Tell every screen what an operation changed (on the GUI thread)."""
        self.op_executed.emit(changes, initiator)
        for case in changes.cases:
            self.case_changed.emit(case)
        for document in changes.documents:
            self.document_printed.emit(document)
        for batch in changes.handover:
            self.handover_changed.emit(batch)
        for staff in changes.staff:
            self.staff_changed.emit(staff)
        if changes.settings is not None:
            self.settings_changed.emit(changes.settings)


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
