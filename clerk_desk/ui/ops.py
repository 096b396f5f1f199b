"""One way to run an operation: on the database thread, its changes told to every view.

Anki's ``CollectionOp`` → ``OpChanges`` is the model. A screen that changes
something writes::

    Op(ctx, lambda: desk.intake.save(...), changes=OpChanges.of_case)
        .success(self._saved)
        .failure(self._refused)
        .run(initiator=self)

- the operation runs on the task runner's database thread, the only thread
  the app's screens write from (printing and the network run on the I/O pool
  and hand their writes to it: :meth:`TaskRunner.on_db_thread`);
- ``success`` (or ``failure``) runs on the GUI thread with the result;
- then what it changed (an :class:`OpChanges`) is published once on
  ``ctx.changes``: every screen that shows a case, a document, a handover
  list, an account or the settings hears it there and decides for itself what
  to read again. No caller remembers whom to refresh.

``initiator`` is whoever ran it (a screen may skip what it already shows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

if TYPE_CHECKING:
    from clerk_desk.case_documents import DocumentInfo
    from clerk_desk.cases import CaseView
    from clerk_desk.handover import BatchInfo
    from clerk_desk.settings import TerminalSettings
    from clerk_desk.staff import StaffRecord
    from clerk_desk.ui.context import UiContext

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class OpChanges:
    """What one operation changed, as the screens show it."""

    cases: tuple[CaseView, ...] = ()
    # Documents made (a reprint) or whose print record moved (printed, sent to a queue).
    documents: tuple[DocumentInfo, ...] = ()
    handover: tuple[BatchInfo, ...] = ()
    staff: tuple[StaffRecord, ...] = ()
    settings: TerminalSettings | None = None
    # Cases changed that are not named here (a sync pulled the back office's steps,
    # recovered cases): every case list and the case shown are read again.
    case_lists: bool = False

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(
            cases=self.cases + other.cases,
            documents=self.documents + other.documents,
            handover=self.handover + other.handover,
            staff=self.staff + other.staff,
            settings=other.settings if other.settings is not None else self.settings,
            case_lists=self.case_lists or other.case_lists,
        )

    # Shorthands for ``changes=``: the operation's result is what changed.

    @staticmethod
    def none(_result: object) -> OpChanges:
        """A read, or a write no screen shows."""
        return NO_CHANGES

    @staticmethod
    def of_case(case: CaseView) -> OpChanges:
        return OpChanges(cases=(case,))

    @staticmethod
    def of_documents(documents: list[DocumentInfo] | tuple[DocumentInfo, ...]) -> OpChanges:
        return OpChanges(documents=tuple(documents))

    @staticmethod
    def of_handover(batch: BatchInfo) -> OpChanges:
        return OpChanges(handover=(batch,))

    @staticmethod
    def of_staff(staff: StaffRecord) -> OpChanges:
        return OpChanges(staff=(staff,))

    @staticmethod
    def of_settings(settings: TerminalSettings) -> OpChanges:
        return OpChanges(settings=settings)


NO_CHANGES = OpChanges()


class Op(Generic[T]):
    """An operation: ``run`` it once; ``success``/``failure`` say what the caller does next.

    ``on="io"`` runs it on the I/O pool instead (it talks to a printer or the
    network); whatever it writes must go through ``ctx.runner.on_db_thread``.
    A failure without a ``failure`` handler is shown on the status bar
    (the task runner's ``task_failed``). A failed operation publishes nothing:
    a domain service that refuses writes nothing.
    """

    def __init__(
        self,
        ctx: UiContext,
        op: Callable[[], T],
        *,
        changes: Callable[[T], OpChanges] = OpChanges.none,
        on: Literal["db", "io"] = "db",
    ) -> None:
        self._ctx = ctx
        self._op = op
        self._changes = changes
        self._on = on
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[BaseException], Any] | None = None
        self._ran = False

    def success(self, fn: Callable[[T], Any]) -> Op[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], Any]) -> Op[T]:
        self._failure = fn
        return self

    def run(self, initiator: object | None = None) -> None:
        if self._ran:
            raise RuntimeError("an operation runs once")
        self._ran = True
        ctx, op, changes_of = self._ctx, self._op, self._changes

        def work() -> tuple[T, OpChanges]:
            # What changed is read on the worker too: it may look at rows.
            result = op()
            return result, changes_of(result)

        def done(answer: tuple[T, OpChanges]) -> None:
            result, changes = answer
            try:
                if self._success is not None:
                    self._success(result)
            finally:
                # Even when the screen that asked is gone (closed while it ran,
                # the task runner drops its "already deleted" error): the
                # others still hear of what was saved.
                if changes:
                    ctx.changes.publish(changes, initiator)

        submit = ctx.runner.db if self._on == "db" else ctx.runner.io
        submit(work, done, self._failure)
