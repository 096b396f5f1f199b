"""Opening the intake's case: the applicant's open case on the item, a new case anyway,
and a frozen terminal's supervisor override.

:class:`CaseOpener` belongs to the intake controller, which owns the case and
runs the operations (``run``: blocking, so no outcome is taken meanwhile).
The opener keeps what a second try needs: the item and form of an open case
found (a new case anyway), or of an attempt a frozen terminal refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from clerk_desk.applicants import ApplicantRecord
from clerk_desk.catalog import StoredItem
from clerk_desk.errors import InvalidInput
from clerk_desk.intake import StartedCase
from clerk_desk.roles import Role
from clerk_desk.sync_freeze import FreezeOverride, SyncFrozen
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.intake_steps import ApplicantForm, start_typed_case
from clerk_desk.ui.ops import OpChanges


class RunBlocking(Protocol):
    """The controller's way to run an operation that blocks the outcomes until it is back."""

    def __call__(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        failed: Callable[[BaseException], None],
        changes: Callable[[Any], OpChanges],
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class Attempt:
    """One try at opening a case: what for, and what follows its answer."""

    stored: StoredItem
    form: ApplicantForm
    reason: str | None  # for a new case beside the applicant's open one
    done: Callable[[StartedCase], None]
    refused: Callable[[BaseException], None]


class CaseOpener(QObject):
    """Registers the applicant as typed and opens the case, or the open one on the item.

    Signals:
        started(object, bool): a StartedCase that opened a new case, and whether
            it replaces the applicant's open case shown (a new case anyway).
        existing_opened(object): the applicant's open case on the item (a CaseView)
            was opened instead; ``start_anyway`` opens a new one.
        freeze_refused(object, object, str): a frozen terminal refused the new
            case: the SyncFrozen, the InvalidInput of a refused override (or
            None) and the supervisor's login typed; ``override()`` tries again.
        new_case_refused(str, object): the reason for a new case anyway and the
            InvalidInput refusing it.
        failed(object): any other refusal or error.
    """

    started = Signal(object, bool)
    existing_opened = Signal(object)
    freeze_refused = Signal(object, object, str)
    new_case_refused = Signal(str, object)
    failed = Signal(object)

    def __init__(self, ctx: UiContext, run: RunBlocking, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._run = run
        # Picking the item opened the applicant's open case: how to start a new one.
        self._anyway: tuple[StoredItem, ApplicantForm] | None = None
        # A frozen terminal refused this attempt: it and the freeze, for the override.
        self._frozen: tuple[Attempt, SyncFrozen] | None = None

    @property
    def anyway_offered(self) -> bool:
        return self._anyway is not None

    def forget(self) -> None:
        self._anyway = None

    def start(self, stored: StoredItem, form: ApplicantForm, known: ApplicantRecord | None) -> None:
        """Open a case on the item, or the applicant's open case on it (existing_opened)."""
        self._anyway = None

        def done(started: StartedCase) -> None:
            if started.existing:
                self._anyway = (stored, form)
                self.existing_opened.emit(started.case)
            else:
                self._started(started)

        self._attempt(Attempt(stored, form, None, done, self.failed.emit), known)

    def start_anyway(self, reason: str, known: ApplicantRecord | None) -> bool:
        """A new case beside the applicant's open one just opened; False if none was offered."""
        if self._anyway is None:
            return False
        stored, form = self._anyway

        def refused(error: BaseException) -> None:
            if isinstance(error, InvalidInput) and error.where == "new_case_reason":
                self.new_case_refused.emit(reason, error)
            else:
                self.failed.emit(error)

        self._attempt(Attempt(stored, form, reason, self._started, refused), known)
        return True

    def override(self, override: FreezeOverride, known: ApplicantRecord | None) -> None:
        """Try the case the frozen terminal refused again, with a supervisor's override."""
        if self._frozen is None:
            return
        attempt, frozen = self._frozen
        self._frozen = None
        self._attempt(attempt, known, override, frozen)

    def _started(self, started: StartedCase) -> None:
        replacing = self._anyway is not None
        self._anyway = None
        self.started.emit(started, replacing)

    def _attempt(
        self,
        attempt: Attempt,
        known: ApplicantRecord | None,
        override: FreezeOverride | None = None,
        frozen: SyncFrozen | None = None,
    ) -> None:
        """Open the case; a frozen terminal asks for a supervisor (freeze_refused, override)."""
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        agent = staff.role == Role.AGENT

        def start() -> StartedCase:
            return start_typed_case(
                desk,
                staff.id,
                known,
                attempt.form,
                attempt.stored.item.code,
                agent=agent,
                reason=attempt.reason,
                override=override,
            )

        def failed(error: BaseException) -> None:
            if isinstance(error, SyncFrozen):
                self._frozen = (attempt, error)
                self.freeze_refused.emit(error, None, "")
            elif (
                frozen is not None
                and override is not None
                and isinstance(error, InvalidInput)
                and error.where in ("supervisor_login", "supervisor_password")
            ):
                self._frozen = (attempt, frozen)
                self.freeze_refused.emit(frozen, error, override.supervisor_login)
            else:
                attempt.refused(error)

        self._run(
            start,
            attempt.done,
            failed=failed,
            changes=lambda s: OpChanges.of_case(s.case),
        )
