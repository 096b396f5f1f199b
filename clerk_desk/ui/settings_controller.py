"""The settings dialog's flow without its widgets: the settings read, checked and saved.

:class:`SettingsController` knows whether the staff member logged in may
change the centre's own fields, holds the settings the form was filled from,
and runs every desk call on the database worker through its one
:meth:`~SettingsController._run`. It creates no widget, so a test drives it
without a window (tests/test_settings_controller.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from clerk_desk.errors import ClerkDeskError, InvalidInput
from clerk_desk.roles import Role
from clerk_desk.settings import TerminalSettings
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.ops import Op, OpChanges
from clerk_desk.ui.qt_printing import printer_for

CENTRE_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})


class SettingsController(QObject):
    """The terminal's settings: read when made (and after an enrolment), saved on request.

    Its callbacks do nothing once it is deleted (its dialog closed while a task ran).

    Signals:
        loaded(object): the TerminalSettings just read.
        saved(object): the TerminalSettings just stored.
        failed(object): the error of reading or saving; an InvalidInput names
            the field (a printer setting is refused before anything is sent).
    """

    loaded = Signal(object)
    saved = Signal(object)
    failed = Signal(object)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._settings: TerminalSettings | None = None
        self._saving = False
        staff = ctx.login.staff
        self.may_edit_centre = staff is not None and staff.role in CENTRE_ROLES
        self.is_admin = staff is not None and staff.role == Role.ADMIN

    @property
    def settings(self) -> TerminalSettings | None:
        """The settings the form was filled from (None until they are read)."""
        return self._settings

    @property
    def saving(self) -> bool:
        return self._saving

    def is_loaded(self) -> bool:
        return self._settings is not None

    def may_save(self) -> bool:
        """Read, and not saving already."""
        return self._settings is not None and not self._saving

    def _run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        changes: Callable[[Any], OpChanges] = OpChanges.none,
    ) -> None:
        """Every desk call of the dialog: on the database worker, results back on the GUI thread."""
        Op(self._ctx, fn, changes=changes).success(done).failure(self._failed).run(self)

    def load(self) -> None:
        """Read the settings (``loaded``)."""
        self._run(self._ctx.desk.settings, self._loaded)

    def save(self, new: TerminalSettings) -> bool:
        """Store ``new`` (``saved``); False if not read yet, saving already, or refused here.

        Only what the form changed is stored: a value changed elsewhere since the
        form was filled (the terminal number, by the command line) stays.
        """
        base = self._settings
        if base is None or self._saving:
            return False
        for where, setting in (("printer", new.printer), ("roll_printer", new.roll_printer)):
            if setting:
                try:
                    printer_for(setting)  # only checks the syntax; sends nothing
                except ClerkDeskError as exc:
                    self.failed.emit(InvalidInput(where, exc.template, **exc.params))
                    return False
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        self._saving = True
        self._run(
            lambda: desk.update_settings(new, actor_id=staff.id, base=base),
            self._saved,
            changes=OpChanges.of_settings,
        )
        return True

    def _loaded(self, settings: TerminalSettings) -> None:
        if not shiboken6.isValid(self):
            return  # closed and deleted while the task ran
        self._settings = settings
        self.loaded.emit(settings)

    def _saved(self, settings: TerminalSettings) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self._settings = settings
        self.saved.emit(settings)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self.failed.emit(error)
