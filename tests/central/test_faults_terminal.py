"""Faults on the terminal's side: a skewed clock, 14 days offline, a restore from an old backup.

After each, the comparer (tests/support/comparer.py) checks server and terminals
case by case, including after a restore: the server recognises the restored
store (a new chain epoch) and sends back the centre's cases it lacks.

``CLERK_FAULT_OFFLINE_CHANGES`` sets the changes a terminal takes while 14 days
offline (default 350; ``make soak`` runs 50,000).
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from support.central import LiveServer, add_centre, enroll_code
from support.comparer import assert_consistent
from support.faults import Terminal, env_int, record

from clerk_central.models import ChainBreak, ServerCase
from clerk_desk.cli import main as desk_main
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.models import Case
from clerk_desk.storage import DB_FILENAME, Store
from clerk_desk.sync import waiting_count

OFFLINE_CHANGES = env_int("CLERK_FAULT_OFFLINE_CHANGES", 350)
# Every n-th case accepted with its notice rendered (the soak takes 1 in 10: rendering
# is most of the time); the others stay open with their materials marked.
ACCEPT_EVERY = env_int("CLERK_FAULT_OFFLINE_ACCEPT_EVERY", 1)


def real_now() -> datetime:
    return datetime.now(CHINA_TZ).replace(microsecond=0)


@pytest.mark.parametrize("skew_days", [3, -3])
def test_a_terminal_clock_skewed_by_three_days(
    server: LiveServer, sessions: sessionmaker[Session], tmp_path: Path, skew_days: int
) -> None:
    """A terminal whose clock is 3 days off, then corrected, beside one on time."""
    add_centre(sessions)
    skewed = FixedClock(real_now() + timedelta(days=skew_days))
    off = Terminal("skewed", tmp_path / "skewed", clock=skewed)
    on = Terminal("on-time", tmp_path / "on-time", clock=FixedClock(real_now()))
    for term in (off, on):
        term.enroll(server.base, enroll_code(sessions))
        term.take_cases(3)
    off.sync()
    on.sync()
    skewed.set(real_now())  # the clerk corrects the clock: it jumps 3 days
    off.take_cases(3)
    off.sync()
    skewed.set(real_now() + timedelta(days=skew_days, minutes=5))  # and it drifts back
    off.take_cases(2)
    off.sync()
    final = assert_consistent(sessions, [("skewed", off.data_dir), ("on-time", on.data_dir)])
    assert final.counts["server cases"] == 11
    record(f"clock-skew-{skew_days:+d}d", 1, 0, f"({final.summary()})")


@pytest.mark.timeout(max(300, OFFLINE_CHANGES // 10))
def test_fourteen_days_offline_then_one_sync(
    server: LiveServer, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    add_centre(sessions)
    clock = FixedClock(real_now() - timedelta(days=14))
    term = Terminal("village", tmp_path / "village", clock=clock)
    term.enroll(server.base, enroll_code(sessions))
    term.sync()
    cases = max(1, round(OFFLINE_CHANGES / (4 + 1 / ACCEPT_EVERY)))
    started = time.monotonic()
    with term.desk() as desk:
        for day in range(14):
            clock.set(real_now() - timedelta(days=14 - day))
            n = cases // 14 + (1 if day < cases % 14 else 0)
            term.take_cases(n, desk, accept_every=ACCEPT_EVERY)
        with desk.store.read() as s:
            waiting = waiting_count(s)
    taken = time.monotonic() - started
    assert waiting >= OFFLINE_CHANGES * 0.98
    clock.set(real_now())
    started = time.monotonic()
    with term.desk() as desk:
        report = desk.sync_client().run()  # once: everything goes up
    pushed = time.monotonic() - started
    assert report.pushed == waiting and report.waiting == 0 and not report.chain_problems
    final = assert_consistent(sessions, [("village", term.data_dir)])
    assert final.counts["server cases"] == cases
    record(
        "offline-14-days",
        1,
        0,
        f"({waiting} changes waiting, taken in {taken:.1f} s, pushed in {report.batches} "
        f"batches in {pushed:.1f} s; {final.summary()})",
    )


def _restore_scenario(
    server: LiveServer, sessions: sessionmaker[Session], tmp_path: Path
) -> tuple[Terminal, dict[str, tuple[str, str]], list[str]]:
    """Cases A synced, backup, cases B synced, restore the backup, cases C synced.

    Returns the terminal, the server's copies of B before the restore
    (id -> (number, state)) and the tracking numbers of B.
    """
    add_centre(sessions)
    term = Terminal("T1", tmp_path / "t1")
    term.enroll(server.base, enroll_code(sessions))
    term.take_cases(3)
    term.sync()
    with term.desk() as desk:
        (backup,) = desk.backups.take("manual").written
    later = term.take_cases(3)
    term.sync()
    with sessions() as s:
        before = {
            c.id: (c.tracking_number, c.state)
            for c in s.scalars(select(ServerCase).where(ServerCase.tracking_number.in_(later)))
        }
    assert len(before) == 3
    assert desk_main(["--data-dir", str(term.data_dir), "restore", str(backup.path)]) == 0
    term.take_cases(2)
    term.sync()
    return term, before, later


def test_restore_from_an_old_backup_loses_nothing_on_the_server(
    server: LiveServer, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """What holds today: the server keeps every case, none overwritten, none doubled."""
    term, before, _later = _restore_scenario(server, sessions, tmp_path)
    with sessions() as s:
        cases = list(s.scalars(select(ServerCase)))
        breaks = [b.problem for b in s.scalars(select(ChainBreak))]
    assert len(cases) == 8
    numbers = [c.tracking_number for c in cases]
    assert len(set(numbers)) == 8  # the restore carried the counters forward
    now = {c.id: (c.tracking_number, c.state) for c in cases}
    assert all(now[k] == v for k, v in before.items())  # nothing overwritten by the old copy
    assert "restored" in breaks  # the chain went back: the server saw it
    assert term.waiting() == 0


def test_restore_from_an_old_backup_nothing_lost_nothing_doubled(
    server: LiveServer, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    term, _before, later = _restore_scenario(server, sessions, tmp_path)
    term.sync()  # a second cycle: recovery may come with the pull
    # The terminal has the cases taken after the backup back, to the last acknowledged step.
    store = Store.open_read_only(term.data_dir / DB_FILENAME)
    try:
        with store.read() as s:
            have = set(s.scalars(select(Case.tracking_number)))
    finally:
        store.close()
    assert set(later) <= have
    # The whole contract: every change of the restored store's new work on the server once,
    # its audit entries held (the restore's break recorded), nothing doubled.
    assert_consistent(sessions, [("T1", term.data_dir)], breaks_allowed={"restored"})


def test_a_terminal_moved_to_another_centre_quarantines_and_explains(
    server: LiveServer, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """Refusals: the PC moves to another township's centre and steps on its old cases.

    The server refuses those steps (``foreign_centre``); the terminal quarantines the
    first with its reason and holds the later steps of the same case behind it, while
    other cases go on. The comparer accounts for every change: acknowledged,
    quarantined with a reason, or held behind a quarantined one.
    """
    add_centre(sessions)
    add_centre(sessions, code="C02", name="南站镇便民服务中心")
    term = Terminal("T1", tmp_path / "t1")
    term.enroll(server.base, enroll_code(sessions))
    (old,) = term.take_cases(1)
    term.sync()
    term.enroll(server.base, enroll_code(sessions, "C02"))  # moved to the other centre
    with term.desk() as desk:
        from clerk_desk.first_run import DEMO_LOGIN

        clerk = desk.staff.by_login(DEMO_LOGIN)
        case = desk.cases.by_tracking_number(old)
        desk.cases.start_processing(case.id, staff_id=clerk.id)
        desk.cases.suspend(case.id, staff_id=clerk.id, reason="等待鉴定结论")
    new = term.take_cases(2)
    term.set_batch(1)  # one change a batch: the second step is held, not sent and refused
    with term.desk() as desk:
        report = desk.sync_client().run()
        quarantined = desk.sync_client().quarantined()
    assert report.refused == 1
    assert [(q.reason, q.entity_id) for q in quarantined] == [("foreign_centre", case.id)]
    # The steps held behind the quarantine leave a gap in the chain the server holds.
    final = assert_consistent(sessions, [("T1", term.data_dir)], breaks_allowed={"gap"})
    assert final.counts["quarantined"] == 1 and final.counts["held behind quarantine"] == 1
    with sessions() as s:
        copies = {c.tracking_number: c.state for c in s.scalars(select(ServerCase))}
    assert copies[old] == "accepted" and set(new) <= set(copies)  # other cases went on
    record("refused-and-quarantined", 1, 0, f"({final.summary()})")
