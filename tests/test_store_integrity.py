"""A store that fails its integrity check: real pages of a real store are damaged.

A closed store's b-tree pages are overwritten at their page boundaries (several
positions, the first page's b-tree header among them). Each time: ``quick_check``
notices, the CLI's writing commands refuse with a message naming the newest
good backup (exit 1, no traceback, the file left as it was), and a store marked
damaged refuses every write.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.backups import btree_pages, damage, take_cases

from clerk_desk import backups
from clerk_desk.backups import StoreDamaged
from clerk_desk.cli import main
from clerk_desk.desk import Desk
from clerk_desk.staff import StaffRecord
from clerk_desk.storage import DB_FILENAME, Store, StoreError

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def pristine(desk: Desk, clerk: StaffRecord, data_dir: Path) -> Path:
    take_cases(desk, clerk, 30)
    desk.backups.take("manual")
    desk.close()
    return data_dir


def test_damaged_pages_are_noticed_and_nothing_is_written(
    pristine: Path, tmp_path: Path, capsys
) -> None:
    db = pristine / DB_FILENAME
    pages = btree_pages(db)
    assert len(pages) > 20
    step = max(1, len(pages) // 10)
    positions = [0, *pages[::step], pages[-1]]
    (good,) = backups.list_backups(pristine / "backups")
    tries = failures = 0
    for page in positions:
        tries += 1
        work = tmp_path / f"p{page}"
        shutil.copytree(pristine, work)
        wdb = work / DB_FILENAME
        damage(wdb, page)
        before = wdb.read_bytes()
        problems = backups.quick_check(wdb)
        capsys.readouterr()
        refused = main(["--data-dir", str(work), "staff", "disable", "demo"])
        err = capsys.readouterr().err
        named = str(work / "backups" / good.path.name)
        cli_ok = refused == 1 and "damaged" in err and named in err and "Traceback" not in err
        try:
            store = Store.open(wdb)
        except (StoreError, StoreDamaged):
            store_ok = True  # the schema itself is unreadable: refused, said as damage
        else:
            try:
                store.check_integrity()
                with pytest.raises(StoreDamaged, match="restore"), store.write():
                    pass
                store_ok = True
            except BaseException:
                store_ok = False
            finally:
                store.close()
        ok = bool(problems) and cli_ok and store_ok and wdb.read_bytes() == before
        if not ok:
            print(f"page {page}: problems {problems[:1]}, cli {refused} {err!r}, store {store_ok}")
        failures += not ok
    print(f"damaged store pages: tries {tries}, failures {failures}")
    assert failures == 0


def test_the_cli_refusal_in_a_real_process(pristine: Path) -> None:
    db = pristine / DB_FILENAME
    damage(db, btree_pages(db)[len(btree_pages(db)) // 2])
    before = db.read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "clerk_desk", "--data-dir", str(pristine), "info"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert run.returncode == 1
    assert "is damaged" in run.stderr and "clerk-desk restore" in run.stderr
    assert "Traceback" not in run.stderr
    assert db.read_bytes() == before
    # A backup of a damaged store is refused too, and leaves no file.
    run = subprocess.run(
        [sys.executable, "-m", "clerk_desk", "--data-dir", str(pristine), "backup"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert run.returncode == 1 and "damaged" in run.stderr
    assert len(backups.list_backups(pristine / "backups")) == 1


def test_a_sound_store_passes_and_writes(desk: Desk) -> None:
    assert desk.store.check_integrity() == []
    assert desk.store.damaged is None
    with desk.store.write():
        pass


def test_no_good_backup_says_whom_to_call(desk: Desk, clerk: StaffRecord, data_dir: Path) -> None:
    take_cases(desk, clerk, 30)
    desk.close()
    db = data_dir / DB_FILENAME
    damage(db, btree_pages(db)[3])
    error = backups.damaged_error(db, backups.quick_check(db))
    assert "No good backup" in str(error)


@pytest.mark.parametrize("command", [["audit", "verify"], ["catalog", "show"], ["staff", "list"]])
def test_a_reading_command_that_meets_a_damaged_page_says_damaged(
    pristine: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Reading commands skip the check at open; the damage they meet is said as damage
    (exit 1, the backup to restore), not as an internal error (exit 3)."""
    db = pristine / DB_FILENAME
    for page in btree_pages(db)[1:]:  # every table and index but the schema
        damage(db, page)
    before = db.read_bytes()
    assert main(["--data-dir", str(pristine), *command]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "clerk-desk restore" in err, err
    assert "internal error" not in err and "Traceback" not in err
    assert db.read_bytes() == before
