"""Kills at random points of a batch: the terminal's ``sync run`` and the server, SIGKILLed.

The terminal is a real ``clerk-desk sync run`` process on a real data directory
(forked from a zygote that imported ClerkDesk once: tests/support/faults.py),
the server a real ``clerk-central serve`` process on PostgreSQL. After every kill
the comparer (tests/support/comparer.py) checks server and terminal case by case,
with changes still waiting allowed; at the end the terminal syncs to the end and
the comparer allows nothing waiting.

``CLERK_FAULT_TERMINAL_KILLS`` (default 24) and ``CLERK_FAULT_SERVER_KILLS``
(default 4) set the counts; ``CLERK_FAULT_SEED`` the seed (printed). ``make soak``
runs them by the hundred.
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker
from support.central import add_centre, enroll_code
from support.comparer import assert_consistent, compare
from support.faults import ServerProcess, SyncZygote, Terminal, env_int, record

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)]

TERMINAL_KILLS = env_int("CLERK_FAULT_TERMINAL_KILLS", 24)
SERVER_KILLS = env_int("CLERK_FAULT_SERVER_KILLS", 4)
SEED = env_int("CLERK_FAULT_SEED", 20261205)
CHECK_EVERY = env_int("CLERK_FAULT_CHECK_EVERY", 1)
# Every n-th case taken between rounds is accepted (its notice rendered: the slow part).
ACCEPT_EVERY = env_int("CLERK_FAULT_ACCEPT_EVERY", 1)
# Changes a batch (the soak sends each alone: more kill points per change taken) and
# the kill's window in milliseconds from the sync process's start.
KILL_BATCH = env_int("CLERK_FAULT_KILL_BATCH", 4)
KILL_WINDOW = env_int("CLERK_FAULT_KILL_WINDOW_MS", 600) / 1000


def acknowledged(term: Terminal) -> int:
    from clerk_desk.storage import DB_FILENAME, Store

    store = Store.open_read_only(term.data_dir / DB_FILENAME)
    try:
        with store.read() as s:
            return int(s.scalar(text("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL")))
    finally:
        store.close()


@pytest.fixture
def live(db_url: str, tmp_path: Path):
    server = ServerProcess(db_url, tmp_path / "server.log")
    server.start()
    yield server
    server.stop()


@pytest.mark.timeout(max(240, TERMINAL_KILLS * 5))
def test_terminal_sync_killed_at_random_points(
    live: ServerProcess, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    add_centre(sessions)
    term = Terminal("T1", tmp_path / "t1")
    term.enroll(live.base, enroll_code(sessions))
    term.set_batch(KILL_BATCH)  # several batches a run: kills land between and inside them
    rng = random.Random(SEED)
    print(f"seed {SEED}")
    zygote = SyncZygote(term.data_dir)
    kills = failures = finished = rounds = mid_push = 0
    # The kill's window follows how long a sync takes on this machine now: it widens
    # while kills land before the sync ends and narrows when syncs finish first, so
    # the kills spread over the whole run (start, batches, recording the answers).
    term.take_cases(4, accept_every=ACCEPT_EVERY)
    began = time.monotonic()
    assert zygote.run() == 0  # one whole sync, timed: the first window covers it
    window = max(KILL_WINDOW, 1.2 * (time.monotonic() - began))
    problems: list[str] = []
    started = time.monotonic()
    try:
        while kills < TERMINAL_KILLS:
            rounds += 1
            if term.waiting() < 20:
                term.take_cases(rng.randint(2, 5), accept_every=ACCEPT_EVERY)
            acked = acknowledged(term)
            status = zygote.kill_after(rng.uniform(0.0, window))
            if status == -9:
                kills += 1
                window = min(window * 1.06, 5.0)
                # Killed after at least one batch's answer was recorded: mid-sync.
                mid_push += acknowledged(term) > acked
            else:
                finished += 1
                window = max(window * 0.85, 0.05)
            if rounds % CHECK_EVERY == 0:
                found = compare(sessions, [("T1", term.data_dir)], waiting_allowed={"T1"})
                if not found.ok:
                    failures += 1
                    problems += found.problems[:5]
    finally:
        zygote.close()
    term.sync()
    final = assert_consistent(sessions, [("T1", term.data_dir)])
    record(
        "terminal-killed-mid-sync",
        kills,
        failures,
        f"(rounds {rounds}, finished before the kill {finished}, killed after a batch was "
        f"recorded {mid_push}, last window {window:.2f} s, {final.summary()}, "
        f"{time.monotonic() - started:.1f} s)",
    )
    assert failures == 0, problems[:20]
    assert mid_push >= max(1, kills // 8)  # the kills landed on real work, between batches


@pytest.mark.timeout(max(180, SERVER_KILLS * 40))
def test_server_killed_at_random_points_and_restarted(
    live: ServerProcess, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """The server process SIGKILLed while a terminal pushes; started again on the same port."""
    add_centre(sessions)
    term = Terminal("T1", tmp_path / "t1")
    term.enroll(live.base, enroll_code(sessions))
    term.set_batch(3)
    rng = random.Random(SEED + 1)
    print(f"seed {SEED + 1}")
    kills = failures = cut = 0
    problems: list[str] = []
    zygote = SyncZygote(term.data_dir)
    try:
        while kills < SERVER_KILLS:
            term.take_cases(rng.randint(3, 6), accept_every=ACCEPT_EVERY)
            # The terminal's sync runs in its own process; the server dies under it.
            killer = threading.Timer(rng.uniform(0.1, 0.7), live.kill)
            killer.start()
            status = zygote.run()  # ends when its batches are done or the server is gone
            killer.join()
            kills += 1
            cut += status == 1
            live.start()
            found = compare(sessions, [("T1", term.data_dir)], waiting_allowed={"T1"})
            if not found.ok:
                failures += 1
                problems += found.problems[:5]
    finally:
        zygote.close()
    term.sync()
    final = assert_consistent(sessions, [("T1", term.data_dir)])
    record(
        "server-killed-mid-batch",
        kills,
        failures,
        f"(the terminal's sync cut by {cut} of them, {final.summary()})",
    )
    assert failures == 0, problems[:20]
