"""The intake's dialogs, opened without blocking, one at a time.

The reason for a new case anyway, a supervisor's override on a frozen
terminal, the village point, the promise date, the rejection's reason, the
choice among notice cases and the question before clearing what was typed.
A refusal naming a field of an outcome's dialog (DIALOG_FIELDS) opens that
dialog again with what the clerk entered. Words keep the ``IntakePanel``
translation context they were reviewed in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from clerk_desk.cases import CaseView, local_date
from clerk_desk.errors import InvalidInput
from clerk_desk.outcomes import Outcome as Ending
from clerk_desk.sync_freeze import FreezeOverride, SyncFrozen
from clerk_desk.tracking_numbers import display
from clerk_desk.ui.dialogs import (
    NewCaseReasonDialog,
    NoticeChooserDialog,
    NoticeRow,
    PromiseDateDialog,
    RejectionDialog,
    SupervisorOverrideDialog,
    VillagePointDialog,
)
from clerk_desk.ui.intake_controller import IntakeController
from clerk_desk.ui.messages import describe

# Fields of the outcome dialogs: a refusal naming one opens its dialog again.
DIALOG_FIELDS = frozenset(
    {"promise_date", "reason", "legal_basis", "competent_body", "village_point"}
)


def _day(at: datetime | None, tz: str) -> str:
    if at is None:
        return ""
    if at.tzinfo is None:  # defensive: the store gives aware datetimes
        at = at.replace(tzinfo=UTC)
    return local_date(at, tz).isoformat()


class IntakeAsks(QObject):
    """Asks the clerk for what an intake step needs, then hands it to the controller.

    Signals:
        dialog_toggled(): a dialog opened or closed (no outcome while one is up).
    """

    dialog_toggled = Signal()

    def __init__(self, controller: IntakeController, today: Callable[[], date], parent: QWidget):
        super().__init__(parent)
        self._controller = controller
        self._today = today
        self._parent = parent
        self.open_dialog: QDialog | None = None
        self.confirm_dialog: QMessageBox | None = None
        # The last supervisor's-password dialog (a new intake on a frozen terminal).
        self.supervisor_dialog: SupervisorOverrideDialog | None = None
        # What the clerk entered in an outcome's dialog: asked again when refused.
        self._promise: tuple[list[str], date] | None = None
        self._rejection: tuple[str, str, str] | None = None
        self._village_point: str | None = None
        controller.freeze_refused.connect(self.supervisor)
        controller.new_case_refused.connect(self.new_case_reason)

    def ask_then(self, dialog: QDialog, then: Callable[[], None]) -> None:
        """Open a dialog (non-blocking; no outcome meanwhile); ``then`` runs if the clerk confirms."""
        self.open_dialog = dialog
        self.dialog_toggled.emit()

        def finished(result: int) -> None:
            self.open_dialog = None
            self.dialog_toggled.emit()
            if result == QDialog.DialogCode.Accepted:
                then()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def new_case_reason(self, reason: str = "", error: InvalidInput | None = None) -> None:
        """Ctrl+Shift+N: the reason for a new case beside the open one, then the new case."""
        c = self._controller
        case = c.case
        if not c.new_case_offered or case is None or c.busy or self.open_dialog is not None:
            return
        dialog = NewCaseReasonDialog(display(case.tracking_number), self._parent)
        dialog.set_reason(reason)
        self.ask_then(dialog, lambda: c.start_new_case(dialog.reason()))
        if error is not None:
            dialog.show_error(error.where, describe(error))

    def supervisor(self, frozen: SyncFrozen, error: InvalidInput | None, login: str) -> None:
        """A frozen terminal: a supervisor's login and password for this new intake."""
        if self.open_dialog is not None:
            return
        dialog = SupervisorOverrideDialog(describe(frozen), self._parent)
        dialog.set_login(login)
        self.supervisor_dialog = dialog

        def confirmed() -> None:
            typed_login, password = dialog.values()
            self._controller.override(FreezeOverride(typed_login, password))

        self.ask_then(dialog, confirmed)
        if error is not None:
            dialog.show_error(error.where, describe(error))

    def ask_again(self, ending: Ending, error: BaseException) -> bool:
        """A refusal naming a field of the outcome's dialog opens it again, as entered.

        True when a dialog took the refusal (it says it under its field): the
        intake then does not say it a second time.
        """
        if not isinstance(error, InvalidInput) or error.where not in DIALOG_FIELDS:
            return False
        if ending is Ending.TOLERANT and self._promise is not None:
            self.promise(*self._promise, error=error)
        elif ending is Ending.REJECT and self._rejection is not None:
            self.rejection(self._rejection, error)
        elif ending is Ending.COLLECT:
            self.village_point(self._village_point, error)
            return self._village_point is not None  # the first time only asks
        else:
            return False
        return True

    def collect(self) -> None:
        """The village agent's collection; the first one asks for the village point."""
        self._village_point = None
        self._controller.collect(None)

    def village_point(self, point: str | None, error: InvalidInput) -> None:
        """The first collection names the village point (the receipt prints it)."""
        dialog = VillagePointDialog(self._parent)
        if point:
            dialog.set_village_point(point)

        def take() -> None:
            self._village_point = dialog.village_point()
            self._controller.collect(self._village_point)

        self.ask_then(dialog, take)
        if point is not None:  # what was entered was refused; the first time only asks
            dialog.show_error(error.where, describe(error))

    def promise(
        self, missing: list[str], when: date | None = None, error: InvalidInput | None = None
    ) -> None:
        """The promise date for the missing non-key materials, then tolerant acceptance."""
        dialog = PromiseDateDialog(self._today(), missing, self._parent)
        if when is not None:
            dialog.set_promise_date(when)

        def take() -> None:
            self._promise = (missing, dialog.promise_date())
            self._controller.tolerant(self._promise[1])

        self.ask_then(dialog, take)
        if error is not None:
            dialog.show_error(error.where, describe(error))

    def rejection(
        self, values: tuple[str, str, str] | None = None, error: InvalidInput | None = None
    ) -> None:
        """The reason, legal basis and competent body, then the rejection."""
        dialog = RejectionDialog(self._parent)
        if values is not None:
            dialog.set_values(*values)

        def take() -> None:
            self._rejection = dialog.values()
            self._controller.reject(*self._rejection)

        self.ask_then(dialog, take)
        if error is not None:
            dialog.show_error(error.where, describe(error))

    def notice_case(self, waiting: list[CaseView], tz: str, then: Callable[[int], None]) -> None:
        """Which of the returning applicant's notice cases to re-check (``then`` gets its row).

        Each a line: tracking number, item, the day of the notice (in ``tz``).
        """
        rows: list[NoticeRow] = [
            (display(c.tracking_number), c.stored_item.item.name, _day(c.notice_issued_at, tz))
            for c in waiting
        ]
        dialog = NoticeChooserDialog(rows, self._parent)
        self.ask_then(dialog, lambda: then(dialog.chosen()))

    def confirm_clear(self, then: Callable[[], None]) -> None:
        """Whether to clear what was typed for an applicant that no case holds yet."""
        box = QMessageBox(self._parent)
        box.setObjectName("start_over_dialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("IntakePanel", "Start over"))
        box.setText(
            QCoreApplication.translate(
                "IntakePanel",
                "What was typed for this applicant is not saved yet (it is saved when "
                "the case opens). Clear it?",
            )
        )
        clear = box.addButton(
            QCoreApplication.translate("IntakePanel", "Clear (Enter)"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        keep = box.addButton(
            QCoreApplication.translate("IntakePanel", "Keep typing (Esc)"),
            QMessageBox.ButtonRole.RejectRole,
        )
        box.setDefaultButton(clear)
        box.setEscapeButton(keep)
        self.confirm_dialog = box

        def finished(_result: int) -> None:
            self.confirm_dialog = None
            if box.clickedButton() is clear:
                then()
            box.deleteLater()

        box.finished.connect(finished)
        box.open()
