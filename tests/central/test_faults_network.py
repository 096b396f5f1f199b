"""Faults between the terminal and the server, and under the server.

* answers cut after the server committed (a forwarder that passes the request
  on and closes the terminal's connection when the answer starts);
* the server's database connections terminated while batches are in flight
  (``pg_terminate_backend``, PostgreSQL);
* a terminal revoked mid-sync: its queue is kept, nothing half-applied, a clear
  吊销; after re-enrolment (there is no un-revoke) everything goes up once.

* one terminal's two ``sync run`` processes at once against two workers (the same
  batches delivered twice, concurrently, with a real terminal recording both answers;
  crafted batches sent twice at once are tests/central/test_workers.py and
  tests/central/test_push.py).
After each, the comparer (tests/support/comparer.py) checks server and terminal.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, make_url, select
from sqlalchemy.orm import Session, sessionmaker
from support.central import LiveServer, add_centre, count, enroll_code
from support.comparer import assert_consistent, compare
from support.faults import (
    CutProxy,
    ServerProcess,
    SyncZygote,
    Terminal,
    env_int,
    record,
)

from clerk_central import admin
from clerk_central.db import transaction
from clerk_central.models import Terminal as ServerTerminal
from clerk_desk.sync import SyncFailed

CUTS = env_int("CLERK_FAULT_CUTS", 12)
TERMINATIONS = env_int("CLERK_FAULT_DB_TERMINATIONS", 10)
TWICE_ROUNDS = env_int("CLERK_FAULT_TWICE_ROUNDS", 4)
SEED = env_int("CLERK_FAULT_SEED", 20261205)


@pytest.mark.timeout(max(300, CUTS * 15))
def test_answers_cut_after_the_server_committed(
    server: LiveServer, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    add_centre(sessions)
    proxy = CutProxy(("127.0.0.1", server.port), seed=SEED)
    term = Terminal("T1", tmp_path / "t1")
    term.enroll(proxy.base, enroll_code(sessions))
    term.set_batch(3)
    proxy.cut_rate = 0.5
    print(f"seed {SEED}")
    failures = attempts = duplicates = 0
    problems: list[str] = []
    try:
        while proxy.cuts < CUTS:
            term.take_cases(2)
            for _ in range(50):  # a sync cycle until it goes through, as the timer would
                attempts += 1
                with term.desk() as desk:
                    try:
                        duplicates += desk.sync_client().run().duplicates
                        break
                    except SyncFailed as exc:
                        assert exc.reason == "unreachable", exc  # a cut is never a success
                found = compare(sessions, [("T1", term.data_dir)], waiting_allowed={"T1"})
                if not found.ok:
                    failures += 1
                    problems += found.problems[:5]
        proxy.cut_rate = 0.0
        term.sync()
    finally:
        proxy.close()
    final = assert_consistent(sessions, [("T1", term.data_dir)])
    record(
        "answer-cut-after-commit",
        proxy.cuts,
        failures,
        f"(sync attempts {attempts}, answered duplicate on the retry {duplicates}, "
        f"{final.summary()})",
    )
    assert failures == 0, problems[:20]
    assert duplicates > 0  # some cut answers were of pushes the server had applied


@pytest.mark.timeout(max(300, TERMINATIONS * 15))
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_database_connections_terminated_mid_batch(
    server: LiveServer, db_url: str, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """``pg_terminate_backend`` of the server's connections while a terminal pushes."""
    add_centre(sessions)
    term = Terminal("T1", tmp_path / "t1")
    term.enroll(server.base, enroll_code(sessions))
    term.set_batch(2)
    term.take_cases(12)
    # The comparer's own connections are spared (the server's are the target).
    engine = create_engine(
        make_url(db_url).set(drivername="postgresql+psycopg"),
        connect_args={"application_name": "faults-comparer"},
        pool_pre_ping=True,
    )
    sessions = sessionmaker(engine, expire_on_commit=False)
    stop = threading.Event()
    terminated: list[int] = []

    def terminator() -> None:
        with psycopg.connect(db_url, autocommit=True) as conn:
            while not stop.is_set() and len(terminated) < TERMINATIONS:
                time.sleep(0.03)
                rows = conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND state IN ('active', 'idle in transaction') "
                    "AND application_name <> 'faults-comparer'"
                ).fetchall()
                if rows:
                    terminated.append(len(rows))

    killer = threading.Thread(target=terminator)
    killer.start()
    errors: dict[str, int] = {}
    failures = 0
    problems: list[str] = []
    try:
        while killer.is_alive():
            with term.desk() as desk:
                try:
                    desk.sync_client().run()
                    term.take_cases(3, desk)
                except SyncFailed as exc:
                    errors[exc.reason] = errors.get(exc.reason, 0) + 1
            found = compare(sessions, [("T1", term.data_dir)], waiting_allowed={"T1"})
            if not found.ok:
                failures += 1
                problems += found.problems[:5]
    finally:
        stop.set()
        killer.join(30)
    term.sync()
    final = assert_consistent(sessions, [("T1", term.data_dir)])
    engine.dispose()
    record(
        "db-connection-lost-mid-batch",
        len(terminated),
        failures,
        f"(terminal saw {errors}, {final.summary()})",
    )
    assert failures == 0, problems[:20]
    # A lost connection is an error the terminal retries, never a success nor a hang.
    assert set(errors) <= {"server_error"}, errors


def test_revoked_mid_sync_keeps_the_queue(
    server: LiveServer, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    add_centre(sessions)
    proxy = CutProxy(("127.0.0.1", server.port))
    term = Terminal("T1", tmp_path / "t1")
    term.enroll(proxy.base, enroll_code(sessions))
    with term.desk() as desk:
        number = desk.settings().terminal_code
    term.set_batch(5)
    term.take_cases(6)

    second = proxy.requests + 2  # the requests so far were the enrolment's

    def revoke(n: int) -> None:
        if n == second:  # after the first batch was answered, before the second goes
            with transaction(sessions) as s:
                admin.revoke_terminal(s, number=number, now=term.clock.now())

    proxy.before_request = revoke
    try:
        with term.desk() as desk, pytest.raises(SyncFailed) as refused:
            desk.sync_client().run()
    finally:
        proxy.close()
    assert refused.value.reason == "revoked" and "吊销" in str(refused.value)
    waiting = term.waiting()
    assert waiting > 0
    # Nothing half-applied: the server holds exactly the changes the terminal has as sent.
    found = assert_consistent(sessions, [("T1", term.data_dir)], waiting_allowed={"T1"})
    assert (
        found.counts["acknowledged"] == 5 == count(sessions, "SELECT count(*) FROM applied_changes")
    )
    with term.desk() as desk:
        status = desk.sync_client().status()
    assert status.waiting == waiting and "吊销" in status.last_error

    # No un-revoke exists: the county gives a new code and the terminal enrols again.
    term.enroll(server.base, enroll_code(sessions))
    report = term.sync()
    # What waited, and the new enrolment's own entry.
    assert report.pushed == waiting + 1 and term.waiting() == 0
    with sessions() as s:
        rows = list(s.scalars(select(ServerTerminal)))
    assert len(rows) == 2 and len({r.store_id for r in rows}) == 1
    # The store's chain goes on where the revoked row left it: no break, no BROKEN flag
    # (the comparer checks the chain over both rows of the store).
    assert not report.chain_problems, report.chain_problems
    final = assert_consistent(sessions, [("T1", term.data_dir)])
    record("revoked-mid-sync", 1, 0, f"({final.summary()})")


@pytest.mark.timeout(max(300, TWICE_ROUNDS * 30))
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_one_terminal_two_syncs_at_once_on_two_workers(
    db_url: str, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """Two ``sync run`` processes of one terminal at once (the timer and 立即同步), 2 workers.

    Both read the same batches and send them to whichever worker takes the
    connection: each change is applied once and the other answer is a duplicate with
    the same server id; the terminal records both without harm.
    """
    add_centre(sessions)
    live = ServerProcess(db_url, tmp_path / "server.log", workers=2)
    live.start()
    term = Terminal("T1", tmp_path / "t1")
    zygotes: list[SyncZygote] = []
    statuses: list[int] = []
    rounds = TWICE_ROUNDS
    failures = 0
    problems: list[str] = []
    try:
        term.enroll(live.base, enroll_code(sessions))
        term.set_batch(3)
        zygotes = [SyncZygote(term.data_dir), SyncZygote(term.data_dir)]
        for _ in range(rounds):
            term.take_cases(2)
            runners = [
                threading.Thread(target=lambda z=z: statuses.append(z.run())) for z in zygotes
            ]
            for r in runners:
                r.start()
            for r in runners:
                r.join(120)
            found = compare(sessions, [("T1", term.data_dir)], waiting_allowed={"T1"})
            if not found.ok:
                failures += 1
                problems += found.problems[:5]
        term.sync()
    finally:
        for z in zygotes:
            z.close()
        live.stop()
    final = assert_consistent(sessions, [("T1", term.data_dir)])
    # Each change once on the server, however often it was sent.
    assert count(sessions, "SELECT count(*) FROM applied_changes") == final.counts["acknowledged"]
    record(
        "two-syncs-at-once-two-workers",
        rounds,
        failures,
        f"(run exit statuses {sorted(statuses)}, {final.summary()})",
    )
    assert failures == 0, problems[:20]
