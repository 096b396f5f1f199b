"""The sync runner's status reads: two run at once on the I/O pool and may answer out of order.

An answer read before the one already shown must not put an older state back
(a recovery mark or a waiting count that the store has left behind).
"""

from __future__ import annotations

import logging
import threading

import pytest
from support.ui import SLOW, ui_ctx_fixture  # noqa: F401 - the ui_ctx fixture

from clerk_desk.desk import Desk
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.sync import SyncClient, SyncStatus
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.sync_runner import SyncRunner
from clerk_desk.ui.tasks import ReadOrder

pytestmark = pytest.mark.gui


class HeldFirstRead(SyncClient):
    """The real client; once armed, its next status read is held after reading (slow, stale)."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.store, desk.clock)
        self.read_done = threading.Event()
        self.release = threading.Event()
        self.armed = False

    def status(self) -> SyncStatus:
        status = super().status()
        if self.armed:
            self.armed = False
            self.read_done.set()
            assert self.release.wait(SLOW / 1000)
        return status


def test_a_late_older_status_read_never_replaces_a_newer_one(
    qtbot, desk: Desk, ui_ctx: UiContext, caplog
) -> None:  # type: ignore[no-untyped-def]
    client = HeldFirstRead(desk)
    runner = SyncRunner(ui_ctx, client=client)
    before = client.status().waiting
    client.armed = True
    runner.refresh()  # read 1: reads now, answers late
    assert client.read_done.wait(SLOW / 1000)
    # The store moves on: a change waits to go up.
    desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="late", name="迟到", role="clerk", password="secret12"
    )
    runner.refresh()  # read 2: the newer state, shown first
    qtbot.waitUntil(lambda: runner.status is not None, timeout=SLOW)
    assert runner.status is not None and runner.status.waiting == before + 1
    with caplog.at_level(logging.DEBUG, logger="clerk_desk.ui.sync_runner"):
        client.release.set()  # read 1 answers now, with the older count
        qtbot.waitUntil(lambda: ui_ctx.runner.pending == 0, timeout=SLOW)
    assert runner.status.waiting == before + 1
    assert "older than the one shown was dropped" in caplog.text


def test_read_order_keeps_only_reads_newer_than_the_one_shown() -> None:
    reads = ReadOrder()
    first, second, third = reads.take(), reads.take(), reads.take()
    assert reads.newer(second)
    assert not reads.newer(first)  # started before the one shown
    assert not reads.newer(second)  # the same answer twice
    assert reads.newer(third)
