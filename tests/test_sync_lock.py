"""One sync cycle at a time per data directory: the sync lock, in real processes and threads.

``clerk-desk sync run`` beside another process's sync exits 1 with "a sync is
already running"; the lock is the operating system's, so a killed holder
leaves none behind. (The app's side, skipping a round quietly, is tested against
the real server in tests/central/test_app_sync.py.)
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from support.processes import (
    _cli,
    held_elsewhere,
)

from clerk_desk.desk import Desk
from clerk_desk.instance_lock import SyncBusy, sync_lock


def test_sync_run_beside_another_sync_says_so_and_exits_1(desk: Desk) -> None:
    data_dir = desk.data_dir
    with held_elsewhere(data_dir):
        run = _cli(data_dir, "sync", "run")
        out, err = run.communicate(timeout=60)
        assert run.returncode == 1, (out, err)
        assert "a sync is already running" in err and str(data_dir) in err
    # Free again: the same command gets past the lock (to its own reason: not enrolled).
    run = _cli(data_dir, "sync", "run")
    out, err = run.communicate(timeout=60)
    assert run.returncode == 1 and "not enrolled" in err and "already running" not in err


def test_a_killed_holder_leaves_no_lock(desk: Desk) -> None:
    with held_elsewhere(desk.data_dir) as holder:
        holder.kill()
        holder.wait(20)
        with sync_lock(desk.data_dir):  # taken at once
            pass


def test_one_cycle_at_a_time_between_threads(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    inside, leave = threading.Event(), threading.Event()
    outcome: list[str] = []

    def first() -> None:
        with sync_lock(data_dir):
            inside.set()
            leave.wait(20)

    thread = threading.Thread(target=first)
    thread.start()
    assert inside.wait(20)

    def second() -> None:
        try:
            with sync_lock(data_dir):
                outcome.append("ran")
        except SyncBusy as busy:
            outcome.append(busy.reason)

    other = threading.Thread(target=second)
    other.start()
    other.join(20)
    leave.set()
    thread.join(20)
    assert outcome == ["busy"]
    with sync_lock(data_dir):  # released with the first cycle
        pass


def test_a_failing_cycle_releases_the_lock(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    with pytest.raises(RuntimeError), sync_lock(data_dir):
        raise RuntimeError("the cycle failed")
    with sync_lock(data_dir):
        pass
