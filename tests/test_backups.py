"""Backups and restore: the round trip, rotation, the second folder, identity, a lost store.

Real stores in tmp_path, the real CLI; the clock is a FixedClock so rotation runs
over simulated dates.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.backups import case_numbers, take_cases
from support.desks import resident_id

from clerk_desk import backups
from clerk_desk.backups import BackupFailed, RestoreRefused, StoreLost
from clerk_desk.cli import main
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import ensure_ready
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.staff import StaffRecord
from clerk_desk.storage import DB_FILENAME, SCHEMA_HEAD, Store, StoreError, upgrade

REPO = Path(__file__).resolve().parent.parent
LOW_INCOME = "370830104-MZ-001"


def test_round_trip_take_back_up_lose_restore(
    desk: Desk, clerk: StaffRecord, data_dir: Path, clock: FixedClock, capsys
) -> None:
    taken = take_cases(desk, clerk, 3)
    result = desk.backups.take("manual")
    (backup,) = result.written
    assert backup.path.parent == data_dir / "backups" and backup.kind == "manual"
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    assert not backups.quick_check(backup.path)
    later = take_cases(desk, clerk, 2, start=10)  # taken after the backup: lost with the disk
    desk.close()

    db = data_dir / DB_FILENAME
    db.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    # Not quietly set up as a new terminal: the message names the backup to restore.
    with pytest.raises(StoreLost, match="restore") as refused:
        Desk.open(data_dir, clock=clock)
    assert str(backup.path) in str(refused.value)
    assert not db.exists()

    assert main(["--data-dir", str(data_dir), "restore", str(backup.path)]) == 0
    assert "restored" in capsys.readouterr().out
    again = Desk.open(data_dir, clock=clock)
    try:
        assert case_numbers(again) == set(taken)
        assert not set(later) & case_numbers(again)
        report = again.verify_audit()
        assert report.ok, report.problems
        from sqlalchemy import select

        from clerk_desk.models import AuditEntry

        with again.store.read() as s:
            last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last is not None and last.action == "store.restored"
        assert json.loads(last.payload)["via"] == "cli"
    finally:
        again.close()


def test_restore_keeps_the_replaced_store_aside(
    desk: Desk, clerk: StaffRecord, data_dir: Path, clock: FixedClock
) -> None:
    take_cases(desk, clerk, 1)
    (backup,) = desk.backups.take("manual").written
    newer = take_cases(desk, clerk, 1, start=5)
    desk.close()
    result = backups.restore(
        data_dir / DB_FILENAME, backup.path, clock=clock, actor_id=SYSTEM_ACTOR
    )
    assert result.replaced is not None and result.replaced.parent == data_dir / "replaced"
    with sqlite3.connect(result.replaced) as old:
        numbers = {r[0] for r in old.execute("SELECT tracking_number FROM cases")}
    assert set(newer) <= numbers


def test_restore_refuses_a_damaged_file_and_leaves_the_store(
    desk: Desk, data_dir: Path, clock: FixedClock, capsys
) -> None:
    (backup,) = desk.backups.take("manual").written
    desk.close()
    damaged = data_dir / "damaged.sqlite3"
    body = bytearray(backup.path.read_bytes())
    for page in range(1, len(body) // 4096):
        body[page * 4096 : page * 4096 + 12] = b"\xff" * 12
    damaged.write_bytes(bytes(body))
    db = data_dir / DB_FILENAME
    before = db.read_bytes()
    assert main(["--data-dir", str(data_dir), "restore", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err
    assert db.read_bytes() == before
    not_a_store = data_dir / "notes.sqlite3"
    not_a_store.write_bytes(b"hello" * 1000)
    assert main(["--data-dir", str(data_dir), "restore", str(not_a_store)]) == 1
    other = data_dir / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert main(["--data-dir", str(data_dir), "restore", str(other)]) == 1
    assert "not a ClerkDesk store" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "restore", str(data_dir / "nope")]) == 1
    assert db.read_bytes() == before
    assert not (data_dir / "replaced").exists()


def test_another_terminals_backup_only_with_force(
    tmp_path: Path, clock: FixedClock, capsys
) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for d in (ours, theirs):
        desk = Desk.open(d, clock=clock)
        ensure_ready(desk)
        desk.close()
    assert main(["--data-dir", str(theirs), "backup"]) == 0
    (their_backup,) = backups.list_backups(theirs / "backups")
    before = (ours / DB_FILENAME).read_bytes()
    assert main(["--data-dir", str(ours), "restore", str(their_backup.path)]) == 1
    err = capsys.readouterr().err
    assert "another terminal" in err and "--force" in err
    assert (ours / DB_FILENAME).read_bytes() == before
    # A lost store: the marker still knows which terminal this was.
    (ours / DB_FILENAME).unlink()
    assert main(["--data-dir", str(ours), "restore", str(their_backup.path)]) == 1
    assert main(["--data-dir", str(ours), "restore", "--force", str(their_backup.path)]) == 0
    their_id = backups.read_identity(their_backup.path)
    assert backups.read_marker(ours) == their_id
    assert backups.read_identity(ours / DB_FILENAME) == their_id


def test_a_terminal_number_change_is_still_the_same_terminal(
    desk: Desk, data_dir: Path, clock: FixedClock
) -> None:
    (backup,) = desk.backups.take("manual").written
    desk.update_settings(desk.settings().replace(terminal_code="00042"), actor_id=SYSTEM_ACTOR)
    desk.close()
    backups.restore(data_dir / DB_FILENAME, backup.path, clock=clock, actor_id=SYSTEM_ACTOR)


def test_the_marker_is_private_and_survives_the_store(desk: Desk, data_dir: Path) -> None:
    marker = data_dir / "terminal.json"
    assert stat.S_IMODE(marker.stat().st_mode) == 0o600
    data = json.loads(marker.read_text())
    assert data["store_id"] == backups.read_identity(data_dir / DB_FILENAME).store_id  # type: ignore[union-attr]


def test_a_lost_store_without_backups_names_the_deliberate_start_over(
    data_dir: Path, clock: FixedClock, capsys
) -> None:
    assert main(["--data-dir", str(data_dir), "info"]) == 0
    db = data_dir / DB_FILENAME
    old_id = backups.read_marker(data_dir)
    db.write_bytes(b"")  # a 0-byte file, as a failed copy leaves it
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "info"]) == 1
    err = capsys.readouterr().err
    assert "empty" in err and "--new-store" in err and "Traceback" not in err
    assert db.read_bytes() == b""
    assert main(["--data-dir", str(data_dir), "--new-store", "info"]) == 0
    assert backups.read_marker(data_dir) != old_id


def test_a_fresh_directory_is_still_set_up(tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path / "new"), "info"]) == 0


def rotated(clock: FixedClock, desk: Desk, days: int) -> list[str]:
    for _ in range(days):
        desk.backups.take("daily")
        clock.advance(timedelta(days=1))
    return [b.path.name for b in backups.list_backups(desk.backups.folder)]


def test_rotation_keeps_7_daily_4_weekly_12_monthly(data_dir: Path) -> None:
    clock = FixedClock(datetime(2026, 1, 1, 17, 30, tzinfo=CHINA_TZ))
    desk = Desk.open(data_dir, clock=clock)
    try:
        desk.backups.take("manual")
        # Two logouts a day for the first days: the day keeps its newest.
        desk.backups.take("daily")
        clock.advance(timedelta(hours=1))
        names = rotated(clock, desk, 400)
    finally:
        desk.close()
    found = backups.list_backups(desk.backups.folder)
    daily = [b for b in found if b.kind == "daily"]
    days = [b.day for b in daily]
    assert len(days) == len(set(days))  # one a day at most
    # The newest 7 days, each.
    last = days[0]
    assert days[:7] == [last - timedelta(days=i) for i in range(7)]
    weeks = {d.isocalendar()[:2] for d in days}
    months = {(d.year, d.month) for d in days}
    assert len(weeks) >= 4 and len(months) == 12
    assert len(daily) <= 7 + 4 + 12
    # Manual backups are never rotated.
    assert [b.kind for b in found].count("manual") == 1
    assert len(names) == len(found)


def test_daily_backup_at_start_only_when_due(data_dir: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 8, 0, tzinfo=CHINA_TZ))
    desk = Desk.open(data_dir, clock=clock)
    try:
        assert desk.backups.daily_if_due() is not None
        clock.advance(timedelta(hours=3))
        assert desk.backups.daily_if_due() is None
        clock.advance(timedelta(days=1))
        assert desk.backups.daily_if_due() is not None
    finally:
        desk.close()


def test_second_folder_and_a_missing_one(desk: Desk, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    desk.update_settings(desk.settings().replace(backup_folder=str(usb)), actor_id=SYSTEM_ACTOR)
    result = desk.backups.take("daily")
    assert [b.path.parent for b in result.written] == [desk.backups.folder, usb]
    assert not result.warnings and not backups.quick_check(result.written[1].path)
    desk.update_settings(
        desk.settings().replace(backup_folder=str(tmp_path / "unplugged")), actor_id=SYSTEM_ACTOR
    )
    result = desk.backups.take("daily")
    assert len(result.written) == 1 and "not there" in result.warnings[0]
    # The same day's newer daily replaces the first one (rotation keeps a day's newest).
    assert [b.path.name for b in desk.backups.list()] == [
        "clerk_desk.daily.20261123-100000-2.sqlite3"
    ]


def test_backup_list_and_to_dir(desk: Desk, data_dir: Path, tmp_path: Path, capsys) -> None:
    desk.close()
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    assert main(["--data-dir", str(data_dir), "backup", "--to", str(tmp_path / "stick")]) == 0
    assert len(backups.list_backups(tmp_path / "stick")) == 1
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "backup", "list", "--verify"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and "manual" in lines[0] and " ok " in lines[0]
    # Every argument has a help text.
    out = subprocess.run(
        [sys.executable, "-m", "clerk_desk", "restore", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    ).stdout
    assert "the backup file to restore" in out and "another terminal" in out


def test_stale_temp_files_are_cleaned_and_never_listed(desk: Desk) -> None:
    folder = desk.backups.folder
    folder.mkdir(exist_ok=True)
    # A dead process's leftovers (pid 2**22 + 1 is beyond pid_max on this kind of system).
    dead = folder / f".clerk_desk.daily.20261123-100000.sqlite3.{2**22 + 1}.tmp"
    dead.write_bytes(b"partial")
    alive = folder / f".clerk_desk.daily.20261123-100000.sqlite3.{os.getpid()}.tmp"
    alive.write_bytes(b"mine")
    assert desk.backups.list() == []
    desk.backups.daily_if_due()
    assert not dead.exists() and alive.exists()
    alive.unlink()


def old_store(path: Path) -> None:
    """A store at the previous schema revision, with some rows."""
    engine = Store.open(path).engine
    engine.dispose()
    from clerk_desk.storage import make_engine

    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE IF EXISTS alembic_version")
    path.unlink()
    engine = make_engine(path)
    upgrade(engine, "0009_document_serials")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO settings VALUES ('centre_name', '\"郭仓镇\"')")
    engine.dispose()


def test_migration_backup_on_a_full_disk_refuses_and_leaves_nothing(tmp_path: Path) -> None:
    """RLIMIT_FSIZE below the store's size: the copy's writes fail for real (EFBIG)."""
    path = tmp_path / "old.sqlite3"
    old_store(path)
    # Grow the old store so that a copy of it cannot fit under the limit.
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE padding (x BLOB)")
        conn.executemany("INSERT INTO padding VALUES (?)", [(os.urandom(4000),)] * 300)
    conn.close()  # the last connection: the WAL is folded into the file
    before = path.read_bytes()
    limit = len(before) // 2
    script = f"""
import resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from clerk_desk.storage import Store, StoreError
try:
    Store.open(Path({str(path)!r}))
except StoreError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
"""
    tries = failures = 0
    for _ in range(3):
        tries += 1
        run = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        left = list((tmp_path / "backups").iterdir())
        ok = (
            run.returncode == 1
            and "not migrated" in run.stdout
            and "disk is full" in run.stdout
            and "Traceback" not in run.stderr
            and path.read_bytes() == before
            and not left
        )
        failures += not ok
    print(f"migration backup on a full disk: tries {tries}, failures {failures}")
    assert failures == 0, (run.stdout, run.stderr, left)
    # With room, the same store migrates and its copy is there, checked.
    store = Store.open(path)
    assert store.migrated_from == "0009_document_serials"
    store.close()
    (copy,) = backups.list_backups(tmp_path / "backups")
    assert copy.kind == "migration" and not backups.quick_check(copy.path)


def test_restore_migrates_an_older_backup(tmp_path: Path, clock: FixedClock) -> None:
    data_dir = tmp_path / "data"
    desk = Desk.open(data_dir, clock=clock)
    desk.close()
    old = tmp_path / "old.sqlite3"
    old_store(old)
    result = backups.restore(
        data_dir / DB_FILENAME, old, clock=clock, actor_id=SYSTEM_ACTOR, force=True
    )
    assert result.migrated_from == "0009_document_serials"
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
    # The restored store's own copy before migrating is not made: the backup is that copy.
    assert not backups.list_backups(data_dir / "backups")


def test_backup_into_an_unwritable_folder_says_so(desk: Desk, tmp_path: Path) -> None:
    """A real failure: the target folder is a file. Nothing is left behind."""
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    with pytest.raises(BackupFailed, match="cannot write a backup"):
        desk.backups.take("manual", to=blocker / "sub")


def test_app_restore_role() -> None:
    assert backups.may_back_up("supervisor") and backups.may_back_up("admin")
    assert not backups.may_back_up("clerk") and not backups.may_back_up("agent")
    with pytest.raises(Exception, match="only a supervisor"):
        backups.require_backup_role("clerk")


def test_store_error_is_not_swallowed(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError):
        Store.open(path)
    with pytest.raises(RestoreRefused):
        backups.check_backup(path)


def noticed(desk: Desk, clerk: StaffRecord, i: int) -> str:
    """A case to its one-time notice, numbered 告字: its 文书编号."""
    from support.intake import KEY, NO

    person = desk.applicants.register_person(
        actor_id=clerk.id, name=f"李{i}", id_number=resident_id(f"37083019800202{i:03d}")
    )
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=person.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY[:3], missing=KEY[3:])
    case = desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    assert doc.serial is not None  # a notice is numbered
    return doc.serial


def test_a_restore_never_gives_a_number_again(
    desk: Desk, clerk: StaffRecord, data_dir: Path, clock: FixedClock, capsys
) -> None:
    """Numbers on paper after the backup (tracking numbers, 文书编号) are not reused."""
    taken = take_cases(desk, clerk, 2)
    first_serial = noticed(desk, clerk, 1)
    (backup,) = desk.backups.take("manual").written
    later = take_cases(desk, clerk, 3, start=10)  # on paper, lost with the restore
    later_serials = {noticed(desk, clerk, i) for i in (2, 3)}
    desk.close()

    assert main(["--data-dir", str(data_dir), "restore", str(backup.path)]) == 0
    assert "could be given again" not in capsys.readouterr().err
    again = Desk.open(data_dir, clock=clock)
    try:
        assert case_numbers(again) >= set(taken) and not set(later) & case_numbers(again)
        after = take_cases(again, clerk, 2, start=20)
        assert not set(after) & (set(later) | set(taken))
        serial = noticed(again, clerk, 4)
        assert serial not in later_serials | {first_serial}
    finally:
        again.close()


def test_a_restore_over_a_lost_store_says_numbers_may_repeat(
    desk: Desk, clerk: StaffRecord, data_dir: Path, capsys
) -> None:
    take_cases(desk, clerk, 1)
    (backup,) = desk.backups.take("manual").written
    desk.close()
    (data_dir / DB_FILENAME).unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{data_dir / DB_FILENAME}{suffix}").unlink(missing_ok=True)
    assert main(["--data-dir", str(data_dir), "restore", str(backup.path)]) == 0
    err = capsys.readouterr().err
    assert "could be given again" in err and "terminal number" in err
