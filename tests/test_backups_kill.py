"""A kill during backup and during restore (SIGKILL at random moments, many rounds).

After every kill the store opens and passes ``quick_check``; during restore it
holds either the old or the new store, never a mix; no backup file under a
final name is partial or empty, and the temporary files the kill left are
removed at the next start.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clerk_desk import backups
from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.storage import DB_FILENAME

REPO = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("CLERK_DESK_KILL_ROUNDS", "25"))


def padded_store(data_dir: Path, clock: FixedClock, rows: int) -> None:
    """A store of a few MB (so a copy takes long enough to be hit), ``rows`` marking it."""
    desk = Desk.open(data_dir, clock=clock)
    with desk.store.write() as s:
        s.connection().exec_driver_sql("CREATE TABLE IF NOT EXISTS padding (x BLOB)")
        s.connection().exec_driver_sql("DELETE FROM padding")
        for _ in range(rows):
            s.connection().exec_driver_sql("INSERT INTO padding VALUES (?)", (os.urandom(8000),))
    desk.close()


def padding_rows(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM padding").fetchone()[0])
    finally:
        conn.close()


def child(code: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_after(proc: subprocess.Popen[bytes], rng: random.Random) -> None:
    time.sleep(rng.uniform(0.6, 2.0))  # the import takes ~0.5 s; then the loop runs
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def test_kill_during_backup(data_dir: Path, clock: FixedClock) -> None:
    padded_store(data_dir, clock, 600)
    db = data_dir / DB_FILENAME
    code = f"""
from pathlib import Path
from datetime import datetime
from clerk_desk.backups import backup_name, write_backup
db = Path({str(db)!r})
while True:
    write_backup(db, backup_name("clerk_desk", "manual", datetime.now(), db.parent / "backups"))
"""
    rng = random.Random(9)
    tries = failures = completed = temp_left = 0
    for _ in range(ROUNDS):
        tries += 1
        proc = child(code)
        kill_after(proc, rng)
        folder = data_dir / "backups"
        finals = backups.list_backups(folder)
        completed += len(finals)
        temp_left += sum(p.name.startswith(".") for p in folder.iterdir())
        bad = [b.path for b in finals if b.size == 0 or backups.quick_check(b.path)]
        backups.clean_stale_temp_files([folder])
        leftovers = [p for p in folder.iterdir() if p.name.startswith(".")]
        store_ok = not backups.quick_check(db) and padding_rows(db) == 600
        if bad or leftovers or not store_ok:
            print(f"bad {bad}, leftovers {leftovers}, store {store_ok}")
            failures += 1
        for b in finals:
            b.path.unlink()
    print(
        f"kill during backup: tries {tries}, failures {failures} "
        f"({completed} backups completed, {temp_left} kills left a temp file)"
    )
    assert temp_left > tries // 2  # most kills landed inside a backup
    assert failures == 0


@pytest.mark.parametrize("rounds", [ROUNDS])
def test_kill_during_restore(tmp_path: Path, clock: FixedClock, rounds: int) -> None:
    data_dir = tmp_path / "data"
    padded_store(data_dir, clock, 300)
    desk = Desk.open(data_dir, clock=clock)
    (old,) = desk.backups.take("manual").written
    desk.close()
    padded_store(data_dir, clock, 500)
    desk = Desk.open(data_dir, clock=clock)
    clock.advance(__import__("datetime").timedelta(seconds=1))
    (new,) = desk.backups.take("manual").written
    desk.close()
    db = data_dir / DB_FILENAME
    code = f"""
from pathlib import Path
from clerk_desk.backups import restore
from clerk_desk.clock import SystemClock
db = Path({str(db)!r})
files = [Path({str(old.path)!r}), Path({str(new.path)!r})]
i = 0
while True:
    restore(db, files[i % 2], clock=SystemClock(), actor_id="system", check_app=False)
    i += 1
"""
    rng = random.Random(11)
    tries = failures = 0
    seen: set[int] = set()
    for _ in range(rounds):
        tries += 1
        proc = child(code)
        kill_after(proc, rng)
        problems = backups.quick_check(db)
        try:
            rows = padding_rows(db) if not problems else -1
        except sqlite3.Error:
            rows = -2
        seen.add(rows)
        # The store opens as the app opens it (stale temp files of the kill removed).
        try:
            desk = Desk.open(data_dir, clock=clock)
            desk.backups.clean_stale()
            desk.close()
            opened = True
        except Exception as exc:
            print(f"open failed: {exc!r}")
            opened = False
        leftovers = [p for p in data_dir.iterdir() if p.name.startswith(".")]
        if problems or rows not in (300, 500) or not opened or leftovers:
            print(f"problems {problems[:1]}, rows {rows}, opened {opened}, left {leftovers}")
            failures += 1
        for aside in (data_dir / "replaced").glob("*"):
            aside.unlink()  # keeps the disk use of many rounds small
    print(f"kill during restore: tries {tries}, failures {failures}, states seen {sorted(seen)}")
    assert failures == 0
