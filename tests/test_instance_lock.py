"""One store, one app: the app lock, the set-up lock and first runs at once.

The locks are the operating system's: real processes take them and are
killed; first runs race in real processes on one empty directory.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from support.processes import _cli, _env

from clerk_desk.cli import main
from clerk_desk.desk import Desk
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.instance_lock import (
    APP_LOCK_FILENAME,
    InstanceLock,
    app_running,
    held_by_this_process,
    is_app_running,
    setup_lock,
)
from clerk_desk.storage import DB_FILENAME

REPO = Path(__file__).resolve().parent.parent
# Rounds of first runs at once (4 processes each); CLERK_DESK_RACE_ROUNDS for more.
RACE_ROUNDS = int(os.environ.get("CLERK_DESK_RACE_ROUNDS", "10"))
RACE_PROCESSES = 4


HOLD = """
import sys, time
from pathlib import Path
from clerk_desk.instance_lock import InstanceLock
lock = InstanceLock.acquire(Path(sys.argv[1]))
print("locked" if lock else "busy", flush=True)
time.sleep(600)
"""


def test_the_lock_is_one_holders_until_released(tmp_path: Path) -> None:
    assert not app_running(tmp_path)  # no lock file yet: no app
    lock = InstanceLock.acquire(tmp_path)
    assert lock is not None and lock.held
    assert app_running(tmp_path) and is_app_running(tmp_path)
    assert held_by_this_process(tmp_path)
    assert InstanceLock.acquire(tmp_path, wait_s=0.1) is None
    lock.release()
    assert not app_running(tmp_path) and not held_by_this_process(tmp_path)
    assert (tmp_path / APP_LOCK_FILENAME).exists()  # the file stays; only the lock goes
    with InstanceLock.acquire(tmp_path) as again:
        assert again is not None
    assert not app_running(tmp_path)


def test_asking_does_not_take_the_lock_from_a_start(tmp_path: Path) -> None:
    """app_running holds the lock for a moment; a start at that moment still gets it."""
    InstanceLock.acquire(tmp_path).release()  # type: ignore[union-attr]
    failures = 0
    for _ in range(50):
        asker = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys\nfrom pathlib import Path\n"
                "from clerk_desk.instance_lock import app_running\n"
                "for _ in range(200): app_running(Path(sys.argv[1]))",
                str(tmp_path),
            ],
            env=_env(),
        )
        lock = InstanceLock.acquire(tmp_path)
        failures += lock is None
        if lock is not None:
            lock.release()
        asker.wait(timeout=60)
    print(f"starts beside an asker: tries 50, failures {failures}")
    assert failures == 0


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    tries = failures = 0
    for _ in range(10):
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(tmp_path)],
            stdout=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        assert app_running(tmp_path)
        assert InstanceLock.acquire(tmp_path, wait_s=0.1) is None
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        holder.stdout.close()
        tries += 1
        lock = InstanceLock.acquire(tmp_path, wait_s=5)
        if lock is None or app_running(tmp_path) is False:
            failures += lock is None
        if lock is not None:
            lock.release()
    print(f"kills of the lock holder: tries {tries}, failures {failures}")
    assert failures == 0


def test_the_setup_lock_excludes_and_times_out(tmp_path: Path) -> None:
    from clerk_desk.instance_lock import SetupBusy

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\n"
            "from clerk_desk.instance_lock import setup_lock\n"
            "with setup_lock(Path(sys.argv[1])):\n"
            "    print('held', flush=True); time.sleep(600)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(SetupBusy, match="setting up"), setup_lock(tmp_path, wait_s=0.3):
            pass
    finally:
        holder.kill()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
    with setup_lock(tmp_path, wait_s=5):
        pass  # the kill released it


def _store_facts(data_dir: Path) -> dict[str, object]:
    """What one set-up leaves: counted straight from the database file."""
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        actions = Counter(a for (a,) in conn.execute("SELECT action FROM audit_entries").fetchall())
        return {
            "staff": conn.execute("SELECT login FROM staff").fetchall(),
            "catalog_versions": conn.execute("SELECT count(*) FROM catalog_versions").fetchone()[0],
            "calendar_years": conn.execute(
                "SELECT count(*), count(DISTINCT year) FROM calendar_years"
            ).fetchone(),
            "terminal": conn.execute(
                "SELECT value FROM settings WHERE key = 'terminal_code'"
            ).fetchone(),
            "actions": actions,
        }


def test_first_runs_at_once_make_one_store(tmp_path: Path) -> None:
    """RACE_ROUNDS x 4 `clerk-desk info` on one empty directory: one store, set up once."""
    reference = tmp_path / "alone"
    assert main(["--data-dir", str(reference), "info"]) == 0
    expected = _store_facts(reference)
    assert expected["staff"] == [(DEMO_LOGIN,)]
    tries = failures = 0
    problems: list[str] = []
    for round_ in range(RACE_ROUNDS):
        data_dir = tmp_path / f"race{round_}"
        procs = [_cli(data_dir, "info") for _ in range(RACE_PROCESSES)]
        outs = [p.communicate(timeout=300) for p in procs]
        tries += RACE_PROCESSES
        for p, (out, err) in zip(procs, outs, strict=True):
            if p.returncode != 0 or "Traceback" in err or "ClerkDesk data directory" not in out:
                failures += 1
                problems.append(f"round {round_}: exit {p.returncode}: {err[-500:]}")
        set_up = sum("set-up: imported the sample catalog" in out for out, _ in outs)
        facts = _store_facts(data_dir)
        terminal = facts.pop("terminal")
        shown = {line for out, _ in outs for line in out.splitlines() if "terminal number" in line}
        reference_facts = {k: v for k, v in expected.items() if k != "terminal"}
        if set_up != 1 or facts != reference_facts or len(shown) != 1:
            failures += 1
            problems.append(f"round {round_}: set up {set_up} times, {facts}, {shown}")
        assert terminal is not None
        desk = Desk.open(data_dir)
        try:
            if not desk.verify_audit().ok:
                failures += 1
                problems.append(f"round {round_}: audit chain broken")
        finally:
            desk.close()
    print(
        f"first runs at once: tries {tries} processes in {RACE_ROUNDS} rounds, failures {failures}"
    )
    assert problems == []
    assert failures == 0


def test_the_app_and_the_cli_set_up_at_once(tmp_path: Path) -> None:
    """A Desk set up in this process while CLI processes set up the same directory."""
    tries = failures = 0
    for round_ in range(5):
        data_dir = tmp_path / f"mixed{round_}"
        procs = [_cli(data_dir, "staff", "list") for _ in range(2)]
        desk = Desk.open(data_dir)
        try:
            ensure_ready(desk)
            desk.settings()
            assert desk.staff.by_login(DEMO_LOGIN) is not None
        finally:
            desk.close()
        for p in procs:
            out, err = p.communicate(timeout=300)
            tries += 1
            if p.returncode != 0 or "Traceback" in err or DEMO_LOGIN not in out:
                failures += 1
        facts = _store_facts(data_dir)
        if facts["staff"] != [(DEMO_LOGIN,)] or facts["catalog_versions"] != 1:
            failures += 1
    print(f"library and CLI set-ups at once: tries {tries}, failures {failures}")
    assert failures == 0


def test_cli_commands_beside_the_app(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """While the app holds the directory, staff changes and the terminal number work.

    The app reads the terminal number inside the transaction that numbers a case
    (tests/test_settings_freshness.py), so changing it beside the app is safe.
    """
    data_dir = tmp_path / "data"
    assert main(["--data-dir", str(data_dir), "info"]) == 0
    lock = InstanceLock.acquire(data_dir)
    assert lock is not None
    try:
        capsys.readouterr()
        # A real process, as when a clerk types it while the app is open.
        p = _cli(data_dir, "terminal", "number", "00042")
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "terminal number set to 00042" in out and "Traceback" not in err
        p = _cli(data_dir, "terminal", "number")  # reading it works
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and out.strip() == "00042"
        p = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "clerk_desk",
                "--data-dir",
                str(data_dir),
                "staff",
                "add",
                "wang",
                "--name",
                "王",
                "--role",
                "clerk",
                "--password-stdin",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        out, err = p.communicate("secret123\n", timeout=120)
        assert p.returncode == 0, err
    finally:
        lock.release()
    assert main(["--data-dir", str(data_dir), "staff", "list"]) == 0
    assert "wang" in capsys.readouterr().out


def test_a_second_start_waits_for_a_set_up_in_progress(tmp_path: Path) -> None:
    """Desk.open waits on the set-up lock rather than reading a half-made store."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\n"
            "from clerk_desk.instance_lock import setup_lock\n"
            "with setup_lock(Path(sys.argv[1])):\n"
            "    print('held', flush=True); time.sleep(1.0)",
            str(data_dir),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    desk = Desk.open(data_dir)
    waited = time.monotonic() - started
    desk.close()
    holder.communicate(timeout=30)
    assert waited >= 0.3
