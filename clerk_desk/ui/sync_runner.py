"""The app's background sync with the county server: when, and never two at once.

:class:`SyncRunner` runs :meth:`clerk_desk.sync.SyncClient.run` on the task
runner's I/O pool (never on the GUI thread); the client hands each write
transaction to the database thread (``TaskRunner.on_db_thread``, the one
writer) and waits, so the network never holds that thread. It runs every
``sync_interval_minutes`` (jittered, see :mod:`clerk_desk.sync_schedule`), when
the clerk asks (立即同步, Ctrl+Shift+Y), at logout, and on reconnect: after a
sync that could not reach the server, a cheap probe (``SyncClient.reachable``,
``GET /hello``) runs every ``RECONNECT_PROBE_S`` (jittered) and a sync follows
as soon as the server answers, instead of waiting for the backoff. After failures it backs off (doubling, capped,
+-20%). A request while a sync runs is not a second sync: one more follows
when the running one ends, so a change saved meanwhile is not left behind.
On a terminal that is not enrolled it only reads the status.

One cycle at a time per data directory (:func:`~clerk_desk.instance_lock.sync_lock`):
while ``clerk-desk sync run`` (or another process) syncs, this round is skipped
quietly (no failure, no backoff) and the next comes at the interval. After
each round the freeze policy is read again (``freeze``, and the clock's
reading kept: see :mod:`clerk_desk.sync_freeze`).

Status reads run on a pool of two threads, so their answers can arrive out of
order. Each read is numbered when it starts (:class:`ReadOrder`); an answer read
before the one already shown is dropped, so a slow old read never puts back a
state the store has left (a recovery mark shown, then hidden again).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from clerk_desk.errors import ClerkDeskError
from clerk_desk.instance_lock import SyncBusy, sync_lock
from clerk_desk.sync import QuarantinedChange, SyncClient, SyncFailed, SyncReport, SyncStatus
from clerk_desk.sync_freeze import FreezeState
from clerk_desk.sync_schedule import jittered, next_delay_s
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.messages import describe
from clerk_desk.ui.ops import NO_CHANGES, Op, OpChanges
from clerk_desk.ui.tasks import ReadOrder

log = logging.getLogger(__name__)

# Seconds between reconnect probes while the server cannot be reached (before jitter).
RECONNECT_PROBE_S = 20.0


@dataclass(frozen=True, slots=True)
class QuarantineRow:
    """A quarantined change as the sync page lists it (the case's tracking number read)."""

    change: QuarantinedChange
    case_number: str


@dataclass(frozen=True, slots=True)
class _Outcome:
    status: SyncStatus
    report: SyncReport | None
    error: SyncFailed | None
    freeze: FreezeState | None = None
    busy: bool = False  # another process's sync ran: this round was skipped
    read_no: int = 0  # when its status was read (see ReadOrder)


class SyncRunner(QObject):
    """Schedules and runs the terminal's syncs; holds what the status bar and sync page show.

    Attributes read on the GUI thread: ``status`` (None until read), ``running``,
    ``failures`` (failed syncs in a row), ``error_reason``/``error_text`` (of the
    last sync, "" after a success), ``last_report``, ``attempts`` (syncs run),
    ``skipped`` (rounds skipped while another process synced), ``freeze`` (the
    freeze policy as last read, None until read), ``probes`` (reconnect probes since
    the server was last found unreachable).

    Signals:
        changed(): any of the above has a new value.
        sync_finished(bool): a sync ended (True: it succeeded).
    """

    changed = Signal()
    sync_finished = Signal(bool)

    def __init__(
        self,
        ctx: UiContext,
        *,
        client: SyncClient | None = None,
        rand: Callable[[], float] = random.random,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        # Its writes go to the one database thread; its requests stay on the I/O pool.
        self.client = client or ctx.desk.sync_client(writer=ctx.runner.on_db_thread)
        self._rand = rand
        # Seconds in a minute of the interval setting (tests make a minute short).
        self.minute_s = 60.0
        self.status: SyncStatus | None = None
        self.running = False
        self.failures = 0
        self.error_reason = ""
        self.error_text = ""
        self.last_report: SyncReport | None = None
        self.attempts = 0
        self.skipped = 0
        self.freeze: FreezeState | None = None
        self._again = False
        self._started = False
        self._reads = ReadOrder()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.sync_now("timer"))
        self.probes = 0  # reconnect probes sent since the server was last unreachable
        self.probe_s = RECONNECT_PROBE_S  # between reconnect probes (tests make it short)
        self.last_why = ""  # what started the last sync: "timer", "asked", "reconnected"...
        self._probe_timer = QTimer(self)
        self._probe_timer.setSingleShot(True)
        self._probe_timer.timeout.connect(self._probe)
        self._probing = False
        ctx.changes.settings_changed.connect(self._settings_changed)

    # -- the schedule ------------------------------------------------------------

    @property
    def timer_active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Read the status and start the timer (once; later calls only read the status)."""
        self.refresh()
        if not self._started:
            self._started = True
            self._schedule()

    def stop(self) -> None:
        self._started = False
        self._timer.stop()
        self._probe_timer.stop()

    @property
    def probing(self) -> bool:
        """A reconnect probe is scheduled or running (the server was unreachable)."""
        return self._probe_timer.isActive() or self._probing

    def _schedule_probe(self) -> None:
        if not self._started:
            return
        seconds = jittered(self.probe_s, self._rand)
        self._probe_timer.start(max(1, int(seconds * 1000)))

    def _probe(self) -> None:
        if not self._started or self.running or self._probing:
            return
        if self.error_reason != "unreachable":
            return
        self._probing = True
        self.probes += 1
        self._ctx.runner.io(self.client.reachable, self._probed, self._probe_crashed)

    def _probed(self, answered: bool) -> None:
        self._probing = False
        if not self._started or self.running or self.error_reason != "unreachable":
            return  # stopped meanwhile (logout, quit), or a sync already ran
        if answered:
            log.info("the server answers again: syncing now")
            self.sync_now("reconnected")
        else:
            self._schedule_probe()

    def _probe_crashed(self, error: BaseException) -> None:
        self._probing = False
        log.warning("reconnect probe failed: %s", error)
        self._schedule_probe()

    def _schedule(self) -> None:
        if not self._started:
            return
        minutes = self._ctx.desk.settings().sync_interval_minutes
        delay = next_delay_s(self.failures, interval_minutes=minutes, rand=self._rand)
        seconds = delay * self.minute_s / 60.0
        self._timer.start(max(1, int(seconds * 1000)))

    def _settings_changed(self, _settings: object) -> None:
        if self._started and not self.running:
            self._schedule()  # a new interval counts from now

    # -- syncing -----------------------------------------------------------------

    def sync_now(self, why: str = "asked") -> bool:
        """Sync now (off the GUI thread). False when one runs already (one more follows it)."""
        if self.running:
            self._again = True
            return False
        self.running = True
        self.last_why = why
        self._timer.stop()
        self.changed.emit()
        log.info("sync started (%s)", why)
        # An operation on the I/O pool (its writes on the database thread): what a pull
        # brought down reaches every screen.
        Op(self._ctx, self._work, changes=self._changes, on="io").success(self._done).failure(
            self._crashed
        ).run(self)
        return True

    def _changes(self, outcome: _Outcome) -> OpChanges:
        """On the I/O pool: what a round changed that the screens show.

        A pull (the back office's steps, a calendar reviewing due dates) or a
        recovery changes cases it does not name: the lists are read again; county
        settings may have come down with it.
        """
        report = outcome.report
        if report is None or not (report.pulled or report.recovery):
            return NO_CHANGES
        return OpChanges(case_lists=True, settings=self._ctx.desk.settings())

    def _work(self) -> _Outcome:
        """On the I/O pool: the whole sync, and the status after it."""
        client = self.client
        desk = self._ctx.desk
        if not client.status().enrolled:
            return self._outcome(None, None, observe=False)
        try:
            with sync_lock(desk.data_dir):
                report = client.run()
        except SyncBusy:
            log.info("sync skipped: another sync is running on this data directory")
            return self._outcome(None, None, observe=False, busy=True)
        except SyncFailed as exc:
            return self._outcome(None, exc, observe=True)
        return self._outcome(report, None, observe=True)

    def _outcome(
        self,
        report: SyncReport | None,
        error: SyncFailed | None,
        *,
        observe: bool,
        busy: bool = False,
    ) -> _Outcome:
        """On the I/O pool: the status and freeze policy after a round, numbered."""
        read_no = self._reads.take()
        desk = self._ctx.desk
        # Observing keeps the clock's reading: a write, so on the database thread.
        freeze = (
            self._ctx.runner.on_db_thread(lambda: desk.sync_freeze(observe=True))
            if observe
            else desk.sync_freeze()
        )
        return _Outcome(self.client.status(), report, error, freeze, busy=busy, read_no=read_no)

    def _done(self, outcome: _Outcome) -> None:
        self.running = False
        if self._reads.newer(outcome.read_no):
            self.status = outcome.status
            self.freeze = outcome.freeze
        ok = outcome.error is None
        if outcome.busy:
            self.skipped += 1  # quietly: not a failure, no backoff, no attempt counted
        elif outcome.status.enrolled:
            self.attempts += 1
            if ok:
                self.failures = 0
                self.error_reason = self.error_text = ""
                self.last_report = outcome.report
            else:
                assert outcome.error is not None
                self.failures += 1
                self.error_reason = outcome.error.reason
                self.error_text = describe(outcome.error)
                log.warning("sync failed: %s", outcome.error.reason)
        self._finish(ok)

    def _crashed(self, error: BaseException) -> None:
        """Not a SyncFailed: a store error, a bug. Its words, never a traceback, and back off."""
        self.running = False
        self.attempts += 1
        self.failures += 1
        self.error_reason = "error"
        self.error_text = describe(error)
        self._finish(False)

    def _finish(self, ok: bool) -> None:
        self._schedule()
        if self.error_reason == "unreachable":
            self._schedule_probe()
        else:
            self._probe_timer.stop()
            self.probes = 0
        self.changed.emit()
        self.sync_finished.emit(ok)
        if self._again:
            self._again = False
            self.sync_now("asked while syncing")

    def refresh(self) -> None:
        """Read the status and the freeze policy again (off the GUI thread)."""
        desk = self._ctx.desk

        def read() -> tuple[int, SyncStatus, FreezeState]:
            read_no = self._reads.take()
            return read_no, self.client.status(), desk.sync_freeze()

        self._ctx.runner.io(read, self._status_read, self._status_failed)

    def _status_read(self, read: tuple[int, SyncStatus, FreezeState]) -> None:
        read_no, status, freeze = read
        if not self._reads.newer(read_no):
            log.debug("a status read older than the one shown was dropped")
            return
        self.status, self.freeze = status, freeze
        self.changed.emit()

    def _status_failed(self, error: BaseException) -> None:
        self.error_text = describe(error)
        self.changed.emit()

    # -- the quarantine ----------------------------------------------------------

    def quarantine(
        self,
        on_done: Callable[[list[QuarantineRow]], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """The quarantined changes with their cases' numbers (read off the GUI thread)."""
        desk = self._ctx.desk

        def read() -> list[QuarantineRow]:
            rows = []
            for change in self.client.quarantined():
                number = ""
                if change.entity == "case":
                    try:
                        number = desk.cases.get(change.entity_id).tracking_number or ""
                    except ClerkDeskError:
                        number = ""
                rows.append(QuarantineRow(change, number))
            return rows

        self._ctx.runner.db(read, on_done, on_error)

    def retry(
        self,
        outbox_id: str,
        actor_id: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Let a quarantined change go again (audited), then sync."""

        def retried(n: Any) -> None:
            on_done(n)
            self.sync_now("retry")

        client = self.client
        Op(self._ctx, lambda: client.retry_quarantined(outbox_id, actor_id=actor_id)).success(
            retried
        ).failure(on_error).run(self)
