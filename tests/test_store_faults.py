"""Missing rights, a data directory that cannot be made, a full disk, private files.

Each fault is real: file modes obeyed by a process that lost root's rights to
ignore them, SQLite's own "database or disk is full" (``PRAGMA
max_page_count``), the kernel's file-size limit (``RLIMIT_FSIZE``). Each
says what is wrong in words, exits non-zero without a traceback and leaves
the files as they were.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from support.desks import SAMPLE_CATALOG, db_dump, resident_id, unchanged

from clerk_desk.cli import main
from clerk_desk.data_dir import DataDirError, DiskFull, ReadOnlyDataDir
from clerk_desk.desk import Desk
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.storage import DB_FILENAME

REPO = Path(__file__).resolve().parent.parent
POSIX = os.name == "posix"

# Root ignores file modes. setuid(65534) is not possible here (the interpreter lives under
# /root, 0700), so the child stays uid 0 but loses the capabilities that let root ignore
# modes: then a 0500 directory is as read-only to it as to any user.
_PR_CAPBSET_DROP = 24
_DAC_CAPS = (1, 2, 3, 4)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER, CAP_FSETID


def _drop_file_rights() -> None:
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _DAC_CAPS:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _rights_can_be_dropped() -> str:
    """'' if a child can be made to obey file modes, else why not."""
    if not POSIX:
        return "POSIX file modes only"
    probe = Path(tempfile.mkdtemp())
    try:
        probe.chmod(0o500)
        r = subprocess.run(
            [
                sys.executable,
                "-c",
                "import os,sys; sys.exit(os.access(sys.argv[1], os.W_OK))",
                str(probe),
            ],
            preexec_fn=_drop_file_rights,
            capture_output=True,
        )
        return "" if r.returncode == 0 else "this process cannot give up root's file rights"
    except OSError as exc:
        return f"cannot drop rights: {exc}"
    finally:
        probe.chmod(0o700)
        probe.rmdir()


NO_DROP = _rights_can_be_dropped()
needs_dropped_rights = pytest.mark.skipif(bool(NO_DROP), reason=NO_DROP or "ok")


def _env(data_dir: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.pop("CLERK_DESK_DATA_DIR", None)
    return env


def _cli(
    data_dir: Path,
    *args: str,
    stdin: str = "",
    preexec: Callable[[], None] | None = _drop_file_rights,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clerk_desk", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(),
        preexec_fn=preexec,
        timeout=300,
    )


def _digest(folder: Path) -> dict[str, str]:
    """Every file's name and content hash: compare to prove nothing changed."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def set_up_store() -> Iterator[Path]:
    """A set-up data directory in a fresh temporary folder (not under pytest's 0700 one)."""
    base = Path(tempfile.mkdtemp(prefix="clerk-faults-"))
    data_dir = base / "data"
    desk = Desk.open(data_dir)
    ensure_ready(desk)
    desk.close()
    yield data_dir
    for p in (base, *base.rglob("*")):
        if p.is_dir():
            p.chmod(0o700)
    shutil.rmtree(base)


# -- a read-only data directory ------------------------------------------------------

READING = [
    ("info",),
    ("catalog", "show"),
    ("audit", "verify"),
    ("staff", "list"),
    ("terminal", "number"),
]
WRITING = [
    ("terminal", "number", "00042"),
    ("staff", "add", "wang", "--name", "王", "--role", "clerk", "--password-stdin"),
    ("staff", "disable", DEMO_LOGIN),
    ("catalog", "import", str(SAMPLE_CATALOG)),
]


@needs_dropped_rights
def test_a_read_only_directory_reads_and_refuses_writes(set_up_store: Path) -> None:
    data_dir = set_up_store
    data_dir.chmod(0o500)
    before = _digest(data_dir)
    tries = failures = 0
    problems = []
    for args in READING:
        r = _cli(data_dir, *args)
        tries += 1
        if r.returncode != 0 or "read-only" not in r.stderr or "Traceback" in r.stderr:
            failures += 1
            problems.append(f"{args}: {r.returncode} {r.stderr[-400:]}")
        if "cannot read" in r.stderr:
            failures += 1
            problems.append(f"{args}: says cannot read")
    for args in WRITING:
        r = _cli(data_dir, *args, stdin="secret123\n")
        tries += 1
        if r.returncode == 0 or "read-only" not in r.stderr or "Traceback" in r.stderr:
            failures += 1
            problems.append(f"{args}: {r.returncode} {r.stderr[-400:]}")
    after = _digest(data_dir)
    if after != before:
        failures += 1
        problems.append(f"files changed: {set(after) ^ set(before)}")
    print(f"read-only data directory: tries {tries}, failures {failures}")
    assert problems == []
    assert failures == 0


@needs_dropped_rights
def test_a_read_only_directory_of_a_killed_app_still_reads(set_up_store: Path) -> None:
    """The app was killed: -wal and -shm are still there. mode=ro reads what the WAL holds."""
    data_dir = set_up_store
    db = data_dir / DB_FILENAME
    # Leave a committed change in the WAL, as a killed app does (no checkpoint on close).
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_autocheckpoint=0')\n"
        "c.execute(\"UPDATE staff SET name = 'WAL-ONLY' WHERE login = 'demo'\"); c.commit()\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db)], check=True)
    assert db.with_name(DB_FILENAME + "-wal").exists()
    data_dir.chmod(0o500)
    r = _cli(data_dir, "staff", "list")
    assert r.returncode == 0, r.stderr
    assert "WAL-ONLY" in r.stdout
    assert "read-only" in r.stderr


@needs_dropped_rights
def test_a_read_only_empty_directory_says_so(tmp_path: Path) -> None:
    base = Path(tempfile.mkdtemp(prefix="clerk-faults-"))
    try:
        data_dir = base / "data"
        data_dir.mkdir(mode=0o500)
        r = _cli(data_dir, "info")
        assert r.returncode == 1
        assert "read-only" in r.stderr and "Traceback" not in r.stderr
        assert list(data_dir.iterdir()) == []
    finally:
        (base / "data").chmod(0o700)
        shutil.rmtree(base)


def test_the_library_refuses_writes_in_a_read_only_store(set_up_store: Path) -> None:
    """In process (root): the store opened read-only refuses every write with the reason."""
    from clerk_desk.storage import Store

    store = Store.open_read_only(set_up_store / DB_FILENAME)
    try:
        with pytest.raises(ReadOnlyDataDir, match="read-only"), store.write():
            pass
    finally:
        store.close()


# -- a data directory that cannot be made --------------------------------------------


def test_a_file_in_the_way(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tries = failures = 0
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    for data_dir, words in (
        (blocker, "a file of that name is in the way"),
        (blocker / "data", "is a file, not a folder"),
        (blocker / "deeper" / "data", "is a file, not a folder"),
    ):
        tries += 1
        status = main(["--data-dir", str(data_dir), "info"])
        err = capsys.readouterr().err
        if status != 1 or words not in err or "Traceback" in err:
            failures += 1
        with pytest.raises(DataDirError):
            Desk.open(data_dir)
    assert blocker.read_text() == "not a folder"
    print(f"data directory with a file in the way: tries {tries}, failures {failures}")
    assert failures == 0


@needs_dropped_rights
def test_a_parent_without_write_permission() -> None:
    base = Path(tempfile.mkdtemp(prefix="clerk-faults-"))
    try:
        base.chmod(0o555)
        r = _cli(base / "a" / "data", "info")
        assert r.returncode == 1
        assert f"no permission to write in {base}" in r.stderr
        assert "Traceback" not in r.stderr
        assert list(base.iterdir()) == []
    finally:
        base.chmod(0o700)
        shutil.rmtree(base)


# -- a full disk -------------------------------------------------------------------


def _fill_the_disk(desk: Desk) -> Callable[[], None]:
    """Every new connection of the store may not grow the database: SQLITE_FULL.

    Returns the function that frees it again.
    """
    engine = desk.store.engine

    def limit(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()
    event.listen(engine, "connect", limit)

    def free() -> None:
        event.remove(engine, "connect", limit)
        engine.dispose()

    return free


def test_writes_on_a_full_disk_say_so_and_change_nothing(desk: Desk, clerk, applicant) -> None:
    item = desk.catalog.items()[0]
    started = desk.intake.start(
        clerk_id=clerk.id, item_code=item.item.code, applicant_id=applicant.id
    )
    # Each a single transaction, repeated until the disk is full: the one refused leaves
    # the store exactly as it was before it.
    items = desk.catalog.items()
    operations: dict[str, Callable[[int], object]] = {
        "register an applicant": lambda n: desk.applicants.register_person(
            actor_id=clerk.id,
            name="李四",
            id_number=resident_id(f"37083019900101{n:03d}"),
            phone="13812345678",
        ),
        "start a case": lambda n: desk.intake.start(
            clerk_id=clerk.id, item_code=items[n % len(items)].item.code, applicant_id=applicant.id
        ),
        "create an account": lambda n: desk.staff.create(
            actor_id=SYSTEM_ACTOR, login=f"user{n}", name="张三", role="clerk", password="secret123"
        ),
        "change the settings": lambda n: desk.update_settings(
            desk.settings().replace(office_hours="全天" * (500 + n)), actor_id=SYSTEM_ACTOR
        ),
        "import a catalog": lambda n: desk.catalog.import_document(
            SAMPLE_CATALOG.read_bytes().replace(b'"2026.12.1"', f'"2026.12.{n + 2}"'.encode()),
            actor_id=SYSTEM_ACTOR,
        ),
    }
    tries = failures = 0
    problems = []
    free = _fill_the_disk(desk)
    try:
        for name, operation in operations.items():
            tries += 1
            refused: DiskFull | None = None
            for n in range(1, 400):
                before = db_dump(desk)
                try:
                    operation(n)
                except DiskFull as exc:
                    refused = exc
                    break
            if refused is None:
                failures += 1
                problems.append(f"{name}: the disk never filled")
            elif "disk is full" not in str(refused) or db_dump(desk) != before:
                failures += 1
                problems.append(f"{name}: {refused}, or the store changed")
        # The case taken before stays as it was.
        assert desk.cases.get(started.id).state == started.state
    finally:
        free()
    # Space again: the same steps work.
    desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="after", name="之后", role="clerk", password="secret123"
    )
    print(f"writes on a full disk (max_page_count): tries {tries}, failures {failures}")
    assert problems == []
    assert failures == 0


def _limit_file_size(limit: int) -> Callable[[], None]:
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


def test_a_file_size_limit_says_the_disk_is_full(set_up_store: Path) -> None:
    """The kernel refuses the WAL's growth (RLIMIT_FSIZE): the import says so, nothing changes."""
    data_dir = set_up_store
    catalog = data_dir.parent / "catalog.json"
    catalog.write_bytes(SAMPLE_CATALOG.read_bytes().replace(b'"2026.12.1"', b'"2026.12.2"'))
    tries = failures = 0
    problems = []
    for limit in (8 * 1024, 40 * 1024, 100 * 1024):
        with sqlite3.connect(data_dir / DB_FILENAME) as conn:
            before = list(conn.iterdump())
        conn.close()
        r = _cli(data_dir, "catalog", "import", str(catalog), preexec=_limit_file_size(limit))
        tries += 1
        with sqlite3.connect(data_dir / DB_FILENAME) as conn:
            after = list(conn.iterdump())
        conn.close()
        if r.returncode != 1 or "disk is full" not in r.stderr or "Traceback" in r.stderr:
            failures += 1
            problems.append(f"limit {limit}: exit {r.returncode}: {r.stderr[-500:]}")
        if after != before:
            failures += 1
            problems.append(f"limit {limit}: the store changed")
    print(f"writes over the file size limit (RLIMIT_FSIZE): tries {tries}, failures {failures}")
    assert problems == []
    r = _cli(data_dir, "catalog", "import", str(catalog), preexec=None)
    assert r.returncode == 0, r.stderr


def test_low_disk_warning_at_start(desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    from clerk_desk.settings import MAX_LOW_DISK_MB

    desk.update_settings(
        desk.settings().replace(low_disk_warning_mb=MAX_LOW_DISK_MB), actor_id=SYSTEM_ACTOR
    )
    assert main(["--data-dir", str(desk.data_dir), "catalog", "show"]) == 0
    err = capsys.readouterr().err
    assert "warning: only" in err and "low_disk_warning_mb" in err
    desk.update_settings(desk.settings().replace(low_disk_warning_mb=0), actor_id=SYSTEM_ACTOR)
    assert main(["--data-dir", str(desk.data_dir), "catalog", "show"]) == 0
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize("bad", [-1, MAX := 10_000_001, "200", True, 1.5])
def test_the_low_disk_threshold_is_checked(desk: Desk, bad: object) -> None:
    from clerk_desk.errors import InvalidInput

    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.update_settings(
            desk.settings().replace(low_disk_warning_mb=bad), actor_id=SYSTEM_ACTOR
        )
    assert err.value.where == "low_disk_warning_mb"


# -- private files -------------------------------------------------------------------


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    """A library user with umask 000, and the CLI with it: 0700 folders, 0600 files."""
    data_dir = tmp_path / "lib"
    script = (
        "import os, sys\nfrom pathlib import Path\nos.umask(0)\n"
        "from clerk_desk.desk import Desk\nfrom clerk_desk.first_run import ensure_ready\n"
        "d = Desk.open(Path(sys.argv[1])); ensure_ready(d)\n"
        "import sqlite3\n"
        "print(oct(os.stat(sys.argv[1] + '/clerk_desk.sqlite3-wal').st_mode & 0o777))\n"
        "d.close()\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)], capture_output=True, text=True, env=_env()
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "0o600"  # the -wal while the store is open
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / DB_FILENAME) == 0o600
    cli_dir = tmp_path / "cli"
    r = subprocess.run(
        [sys.executable, "-m", "clerk_desk", "--data-dir", str(cli_dir), "info"],
        capture_output=True,
        text=True,
        env=_env(),
        preexec_fn=lambda: os.umask(0),
    )
    assert r.returncode == 0, r.stderr
    for p in (cli_dir, *cli_dir.rglob("*")):
        assert _mode(p) & 0o077 == 0, p


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_a_world_readable_store_is_tightened_at_open(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    desk = Desk.open(data_dir)
    ensure_ready(desk)
    desk.close()
    (data_dir / "backups").mkdir()
    (data_dir / "backups" / "old.sqlite3").write_bytes(b"x")
    for p in (data_dir, data_dir / "backups"):
        p.chmod(0o755)
    for p in (data_dir / DB_FILENAME, data_dir / "backups" / "old.sqlite3"):
        p.chmod(0o644)
    Desk.open(data_dir).close()
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / "backups") == 0o700
    assert _mode(data_dir / DB_FILENAME) == 0o600
    assert _mode(data_dir / "backups" / "old.sqlite3") == 0o600
