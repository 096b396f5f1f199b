"""Backups of the store, their rotation, the store's identity, and restore.

A village point's PC can die: nothing a terminal took may depend on one disk.

* **Writing a backup.** SQLite's backup API copies the store (consistently,
  even while the app writes: WAL mode) into a temporary file beside the final
  one (``.NAME.PID.RANDOM.tmp``); the copy is switched to a rollback journal (one
  self-contained file), checked with ``PRAGMA quick_check``, fsync'ed, and only
  then renamed to its final name and the folder fsync'ed. A kill or a full disk
  therefore never leaves a partial or 0-byte file under a final name; stale
  temporary files of dead processes are removed at the next start.
* **Where.** ``backups/`` in the data directory, and the setting
  ``backup_folder`` (a USB stick) if one is set. A second folder that is
  missing is a warning, not a failure.
* **Kinds and rotation.** ``daily`` backups (at start when the newest daily is
  from an earlier day, and at every logout) are rotated grandfather-father-son
  over the dates in their names: the newest of each of the last 7 days, of the
  last 4 ISO weeks and of the last 12 months are kept. ``manual`` backups
  (``clerk-desk backup``, "Back up now") and ``migration`` backups (taken
  before every schema migration) are never rotated: someone made them on
  purpose or the store changed shape after them; delete them by hand.
* **Identity.** Each store has a random ``store_id`` in its ``settings``
  table, so every backup carries it (with the terminal number); restore
  refuses another terminal's backup unless forced. The data directory keeps a
  small marker, ``terminal.json`` (0600), that survives the database: a data
  directory that has been used before (the marker, or backups) whose database
  is missing or empty is not quietly set up as a new terminal.
* **Restore.** Refused while the app is open, for a damaged file, and for
  another terminal's file unless forced. The backup is copied into a
  temporary file, migrated if it is older, its restore audited there, and then
  renamed over the store in one step: after a kill either the old or the new
  store is in place, never a mix. The replaced store is kept in ``replaced/``.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import re
import secrets
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import text

from clerk_desk.data_dir import fsync_dir, os_reason
from clerk_desk.errors import ClerkDeskError, RuleViolation
from clerk_desk.roles import Role
from clerk_desk.storage import StoreError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from clerk_desk.clock import Clock
    from clerk_desk.storage import Store

BackupKind = Literal["daily", "manual", "migration"]
BACKUP_DIR = "backups"
REPLACED_DIR = "replaced"
MARKER = "terminal.json"
STORE_ID_KEY = "store_id"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
BACKUP_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})
_STAMP = "%Y%m%d-%H%M%S"
# clerk_desk.daily.20261123-160000.sqlite3, clerk_desk.manual.20261123-160000-2.sqlite3,
# clerk_desk.rev0009_document_serials.20261123-160000.sqlite3 (before a migration: the
# name earlier versions gave it too).
_NAME = re.compile(
    r"^(?P<stem>.+?)\.(?:(?P<kind>daily|manual)|rev(?P<rev>[0-9A-Za-z_]+))"
    r"\.(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite3$"
)
_TEMP = re.compile(r"^\..+\.(?P<pid>\d+)(?:\.[0-9a-f]+)?\.tmp(?:-journal|-wal|-shm)?$")


class BackupFailed(ClerkDeskError):
    """A backup could not be written (the disk is full, the folder is not writable...)."""


class RestoreRefused(ClerkDeskError):
    """A restore was refused; the store is as it was."""


class StoreDamaged(StoreError):
    """The store failed its integrity check: nothing may be written to it."""


class StoreLost(ClerkDeskError):
    """The database of a data directory used before is missing or empty."""


@dataclass(frozen=True, slots=True)
class BackupFile:
    """One backup file, as its name and header describe it."""

    path: Path
    kind: BackupKind
    taken_at: datetime  # local time of the terminal, from the name
    size: int
    seq: int = 1  # a second backup in the same second is -2, ...

    @property
    def day(self) -> date:
        return self.taken_at.date()


@dataclass(frozen=True, slots=True)
class StoreIdentity:
    store_id: str
    terminal_code: str


@dataclass
class BackupResult:
    """The backups written (first: the data directory's) and warnings (a missing USB stick)."""

    written: list[BackupFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


# -- integrity -------------------------------------------------------------------------


def quick_check(path: Path) -> list[str]:
    """``PRAGMA quick_check`` of the database at ``path``: its problems ([] when sound).

    Opened read-only, so neither the file nor its WAL is changed by the check.
    """
    if not path.exists():
        return ["the file does not exist"]
    if path.stat().st_size == 0:
        return ["the file is empty"]
    # A read-only directory cannot hold the -shm file a WAL reader needs: there
    # nobody writes either, so the file is read as immutable instead. Only
    # corruption counts as damage on the first try; any other failure (no -shm
    # can be made) is tried again that way.
    problems: list[str] = []
    for query in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
            try:
                rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
            finally:
                conn.close()
        except sqlite3.Error as exc:
            problems = [str(exc)]
            if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF in _CORRUPTION:
                return problems
            continue
        return [] if rows == ["ok"] else rows
    return problems


# SQLITE_CORRUPT, SQLITE_NOTADB: the file itself is bad.
_CORRUPTION = frozenset({11, 26})


def damaged_error(path: Path, problems: list[str]) -> StoreDamaged:
    """The message for a damaged store: what is wrong and the newest good backup to restore."""
    newest = newest_good_backup(path.parent, stem=path.stem)
    problem = problems[0] if problems else "?"
    if newest is None:
        return StoreDamaged(
            "the store {path} is damaged ({problem}); nothing can be saved. No good backup was "
            "found: call the county's IT officer before working on",
            path=path,
            problem=problem,
        )
    return StoreDamaged(
        "the store {path} is damaged ({problem}); nothing can be saved. Restore the newest good "
        "backup: clerk-desk restore {backup}",
        path=path,
        problem=problem,
        backup=newest.path,
    )


def damage_behind(path: Path) -> StoreDamaged | None:
    """After an unexpected failure: the store at ``path`` is damaged (its message), or None.

    SQLite reports a damaged page wherever a read meets it ("database disk
    image is malformed"); this says it as the damage it is, with the backup
    to restore, instead of an internal error.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    problems = quick_check(path)
    return damaged_error(path, problems) if problems else None


def lost_error(path: Path) -> StoreLost:
    newest = newest_good_backup(path.parent, stem=path.stem)
    # A phrase of its own (translated in the app), not a case state.
    condition = ClerkDeskError("empty (0 bytes)") if path.exists() else ClerkDeskError("missing")
    if newest is None:
        return StoreLost(
            "the store {path} is {condition}, but this data directory was used before; it is not "
            "set up as a new terminal. To start over deliberately: clerk-desk --new-store info",
            path=path,
            condition=condition,
        )
    return StoreLost(
        "the store {path} is {condition}, but this data directory was used before; it is not set "
        "up as a new terminal. Restore the newest good backup: clerk-desk restore {backup} "
        "(or start over deliberately: clerk-desk --new-store info)",
        path=path,
        condition=condition,
        backup=newest.path,
    )


def used_before(data_dir: Path) -> bool:
    """The data directory has held a store: its marker, or backups, are there."""
    return (data_dir / MARKER).exists() or bool(list_backups(data_dir / BACKUP_DIR))


# -- identity --------------------------------------------------------------------------


def read_identity(path: Path) -> StoreIdentity | None:
    """The store id and terminal number in the ``settings`` table of the database at ``path``."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        rows = dict(
            conn.execute(
                "SELECT key, value FROM settings WHERE key IN (?, 'terminal_code')",
                (STORE_ID_KEY,),
            ).fetchall()
        )
    except sqlite3.Error:
        return None
    finally:
        conn.close()

    def value(key: str) -> str:
        raw = rows.get(key)
        try:
            decoded = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            decoded = raw
        return decoded if isinstance(decoded, str) else ""

    return StoreIdentity(value(STORE_ID_KEY), value("terminal_code"))


def read_marker(data_dir: Path) -> StoreIdentity | None:
    try:
        data = json.loads((data_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    return StoreIdentity(str(data.get("store_id", "")), str(data.get("terminal_number", "")))


def write_marker(data_dir: Path, identity: StoreIdentity) -> None:
    """``terminal.json``: written whole (temp + rename), 0600."""
    body = json.dumps(
        {"store_id": identity.store_id, "terminal_number": identity.terminal_code},
        ensure_ascii=False,
    ).encode()
    _atomic_write(data_dir / MARKER, body)


def ensure_identity(store: Store) -> StoreIdentity:
    """Give the store an id if it has none, and keep the data directory's marker in step.

    The id is made with the store (like its schema version) and is not audited: it
    changes nothing a person did. A read-only data directory keeps what it has.
    """
    from sqlalchemy import select

    from clerk_desk.models import Setting

    with store.read() as session:
        row = session.get(Setting, STORE_ID_KEY)
        store_id = row.value if row is not None else None
        terminal = session.scalar(select(Setting.value).where(Setting.key == "terminal_code"))
    if not isinstance(store_id, str) or not store_id:
        # A new store (also one set up on purpose where one was lost: --new-store) or one
        # of an earlier version: a new id, and the marker follows it.
        if store.read_only:  # a read-only data directory keeps what it has
            return StoreIdentity("", terminal if isinstance(terminal, str) else "")
        with store.write() as session:
            row = session.get(Setting, STORE_ID_KEY)
            if row is None:
                store_id = secrets.token_hex(16)
                session.add(Setting(key=STORE_ID_KEY, value=store_id))
            else:  # another process gave it one meanwhile
                store_id = str(row.value)
    identity = StoreIdentity(store_id, terminal if isinstance(terminal, str) else "")
    if read_marker(store.path.parent) != identity:
        with contextlib.suppress(OSError):
            write_marker(store.path.parent, identity)
    return identity


# -- files -----------------------------------------------------------------------------


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mkdir(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def _temp_name(final: Path) -> Path:
    return final.with_name(f".{final.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _remove_temp(tmp: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            tmp.with_name(tmp.name + suffix).unlink()


def _atomic_write(path: Path, body: bytes) -> None:
    tmp = _temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, body)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_temp_files(folders: Iterable[Path]) -> list[Path]:
    """Remove temporary files a killed backup or restore left (their process is gone)."""
    removed = []
    for folder in folders:
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            m = _TEMP.match(entry.name)
            if m and not _pid_alive(int(m["pid"])):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def _copy_database(src: Path, tmp: Path) -> None:
    """Copy ``src`` into ``tmp`` with the backup API; one self-contained, checked file."""
    source = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)
    try:
        # The temp file is created 0600 before SQLite opens it.
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
            problems = [str(r[0]) for r in target.execute("PRAGMA quick_check").fetchall()]
        finally:
            target.close()
    finally:
        source.close()
    if problems != ["ok"]:
        raise StoreDamaged(
            "the copy failed its integrity check ({problem}): the store is probably damaged",
            problem=problems[0] if problems else "?",
        )
    _fsync_file(tmp)


def write_backup(src: Path, final: Path) -> BackupFile:
    """Back ``src`` up into ``final`` (temp, quick_check, fsync, rename); nothing on failure."""
    if not src.exists() or src.stat().st_size == 0:
        raise BackupFailed("{path}: there is no store to back up", path=src)
    try:
        _mkdir(final.parent)
    except OSError as exc:
        raise BackupFailed(
            "{folder}: cannot write a backup there: {reason}",
            folder=final.parent,
            reason=os_reason(exc),
        ) from exc
    needed = src.stat().st_size
    free = shutil.disk_usage(final.parent).free
    if free < needed:
        raise BackupFailed(
            "{folder}: the disk is full: {free} MB free, the backup needs {needed} MB",
            folder=final.parent,
            free=free // 1_000_000,
            needed=needed // 1_000_000 + 1,
        )
    tmp = _temp_name(final)
    try:
        _copy_database(src, tmp)
        os.replace(tmp, final)
        fsync_dir(final.parent)
    except StoreDamaged:
        _remove_temp(tmp)
        raise
    except (OSError, sqlite3.Error) as exc:
        _remove_temp(tmp)
        raise BackupFailed(
            "{folder}: cannot write a backup there: {reason}",
            folder=final.parent,
            reason=os_reason(exc),
        ) from exc
    except BaseException:
        _remove_temp(tmp)
        raise
    info = parse_backup(final)
    assert info is not None
    return info


def backup_name(stem: str, kind: str, at: datetime, folder: Path) -> Path:
    """A fresh final name (a second backup in the same second gets ``-2``...)."""
    label = kind if kind in ("daily", "manual") else f"rev{kind}"
    base = f"{stem}.{label}.{at.strftime(_STAMP)}"
    candidate = folder / f"{base}.sqlite3"
    n = 2
    while candidate.exists():
        candidate = folder / f"{base}-{n}.sqlite3"
        n += 1
    return candidate


def migration_backup(path: Path, revision: str, at: datetime) -> Path:
    """The copy taken before migrating the store at ``path`` from ``revision``.

    Refuses (and leaves no file) when it cannot be written: the migration then
    does not run.
    """
    final = backup_name(path.stem, revision, at, path.parent / BACKUP_DIR)
    clean_stale_temp_files([final.parent])
    return write_backup(path, final).path


def parse_backup(path: Path) -> BackupFile | None:
    m = _NAME.match(path.name)
    if m is None:
        return None
    try:
        size = path.stat().st_size
        taken = datetime.strptime(m["stamp"], _STAMP)
    except (OSError, ValueError):
        return None
    kind: BackupKind = "migration" if m["rev"] else m["kind"]  # type: ignore[assignment]
    return BackupFile(path=path, kind=kind, taken_at=taken, size=size, seq=int(m["n"] or 1))


def _newest_first(b: BackupFile) -> tuple[datetime, int, str]:
    return (b.taken_at, b.seq, b.path.name)


def list_backups(folder: Path, *, stem: str | None = None) -> list[BackupFile]:
    """The backups in ``folder``, newest first."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = [b for b in map(parse_backup, entries) if b is not None]
    if stem is not None:
        found = [b for b in found if b.path.name.startswith(stem + ".")]
    return sorted(found, key=_newest_first, reverse=True)


def list_all(folders: Iterable[Path], *, stem: str | None = None) -> list[BackupFile]:
    """The backups in all ``folders``, newest first."""
    found: list[BackupFile] = []
    for folder in folders:
        found.extend(list_backups(folder, stem=stem))
    return sorted(found, key=_newest_first, reverse=True)


def second_folder_of(db: Path) -> str:
    """The setting ``backup_folder`` read straight from the store ("" when unreadable)."""
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'backup_folder'").fetchone()
        finally:
            conn.close()
        value = json.loads(row[0]) if row else ""
    except (sqlite3.Error, ValueError, TypeError):
        return ""
    return value if isinstance(value, str) else ""


def newest_good_backup(data_dir: Path, *, stem: str | None = None) -> BackupFile | None:
    """The newest backup in ``backups/`` that passes ``quick_check`` (and is not empty)."""
    for backup in list_backups(data_dir / BACKUP_DIR, stem=stem):
        if backup.size > 0 and not quick_check(backup.path):
            return backup
    return None


def rotate(folder: Path, *, stem: str) -> list[Path]:
    """Delete daily backups outside 7 daily, 4 weekly, 12 monthly (by the dates in their names).

    Manual and migration backups are never rotated.
    """
    daily = [b for b in list_backups(folder, stem=stem) if b.kind == "daily"]  # newest first
    keep: set[Path] = set()
    buckets: tuple[tuple[Callable[[BackupFile], object], int], ...] = (
        (lambda b: b.day, KEEP_DAILY),
        (lambda b: b.day.isocalendar()[:2], KEEP_WEEKLY),
        (lambda b: (b.day.year, b.day.month), KEEP_MONTHLY),
    )
    for key, count in buckets:
        seen: list[object] = []
        for b in daily:
            k = key(b)
            if k in seen:
                continue
            if len(seen) == count:
                break
            seen.append(k)
            keep.add(b.path)
    removed = []
    for b in daily:
        if b.path not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    return removed


def app_running(data_dir: Path) -> bool:
    """The desktop app has this data directory open (``clerk_desk.instance_lock``).

    The instance lock is another part of the hardening work; until it is there
    nothing can tell, and restore goes ahead (the CLI's docs ask to close the app).
    """
    # Imported by name so this branch works before clerk_desk.instance_lock lands;
    # once merged this can be a plain import.
    try:
        instance_lock = importlib.import_module("clerk_desk.instance_lock")
    except ImportError:
        return False
    running: bool = instance_lock.app_running(data_dir)
    return running


def may_back_up(role: str) -> bool:
    """Supervisors and admins back up and restore the store in the app."""
    return role in BACKUP_ROLES


def require_backup_role(role: str) -> None:
    if not may_back_up(role):
        raise RuleViolation("only a supervisor or an admin may back up or restore the store")


# -- the service -----------------------------------------------------------------------


class Backups:
    """The backups of one store; ``second_folder`` gives the setting ``backup_folder``."""

    def __init__(self, store: Store, clock: Clock, second_folder: Callable[[], str]) -> None:
        self.store = store
        self.clock = clock
        self._second_folder = second_folder

    @property
    def data_dir(self) -> Path:
        return self.store.path.parent

    @property
    def folder(self) -> Path:
        return self.data_dir / BACKUP_DIR

    def folders(self) -> list[Path]:
        second = self._second_folder().strip()
        return [self.folder] + ([Path(second)] if second else [])

    def clean_stale(self) -> list[Path]:
        return clean_stale_temp_files([*self.folders(), self.data_dir])

    def list(self) -> list[BackupFile]:
        """Every backup in ``backups/`` and the second folder, newest first."""
        return list_all(self.folders(), stem=self.store.path.stem)

    def newest_daily(self) -> BackupFile | None:
        daily = [b for b in list_backups(self.folder, stem=self.store.path.stem)]
        daily = [b for b in daily if b.kind == "daily"]
        return daily[0] if daily else None

    def daily_due(self) -> bool:
        newest = self.newest_daily()
        return newest is None or newest.day < self.clock.now().date()

    def take(self, kind: BackupKind = "manual", *, to: Path | None = None) -> BackupResult:
        """Back up now into ``backups/`` and the second folder (or only into ``to``).

        A second folder that is missing (the USB stick is not plugged in) is a
        warning; a failure in ``backups/`` (or ``to``) raises :class:`BackupFailed`.
        """
        if self.store.damaged is not None:
            raise self.store.damaged
        at = self.clock.now()
        stem = self.store.path.stem
        result = BackupResult()
        if to is not None:
            result.written.append(write_backup(self.store.path, backup_name(stem, kind, at, to)))
            return result
        first = write_backup(self.store.path, backup_name(stem, kind, at, self.folder))
        result.written.append(first)
        if kind == "daily":
            result.removed += rotate(self.folder, stem=stem)
        second = self._second_folder().strip()
        if second:
            folder = Path(second)
            if not folder.is_dir():
                result.warnings.append(
                    f"the second backup folder {folder} is not there (is the USB stick plugged "
                    "in?); backed up into the data directory only"
                )
                return result
            try:
                clean_stale_temp_files([folder])
                # From the checked copy: the store may have changed since.
                result.written.append(write_backup(first.path, backup_name(stem, kind, at, folder)))
            except ClerkDeskError as exc:
                result.warnings.append(f"the second backup folder: {exc}")
                return result
            if kind == "daily":
                result.removed += rotate(folder, stem=stem)
        return result

    def daily_if_due(self) -> BackupResult | None:
        """The day's first backup (at start); None when one was taken today."""
        self.clean_stale()
        return self.take("daily") if self.daily_due() else None


# -- restore ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored: Path
    replaced: Path | None  # where the store that was there is kept
    migrated_from: str | None
    backup_identity: StoreIdentity | None
    # The replaced store's number counters were carried over (False: it could not be
    # read, so numbers it gave after the backup are unknown here).
    counters_kept: bool = True
    # The store is enrolled with a county server: its next sync takes back the centre's
    # cases (and their numbers) before it pushes (clerk_desk.case_recovery).
    recovery_marked: bool = False


# The counters behind the numbers a terminal prints (tracking numbers, 文书编号):
# (table, key columns). A restore never lets them go back: a number on paper in a
# villager's hand must not be given again.
_COUNTERS = (
    ("tracking_sequences", ("terminal_code", "day")),
    ("document_serials", ("prefix", "kind", "year")),
)


def _read_counters(db: Path) -> dict[str, list[tuple[Any, ...]]] | None:
    """The number counters of the store at ``db`` (None: it cannot be read)."""
    if not db.exists() or db.stat().st_size == 0:
        return None
    found: dict[str, list[tuple[Any, ...]]] = {}
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        for table, keys in _COUNTERS:
            try:
                found[table] = conn.execute(
                    f"SELECT {', '.join(keys)}, last FROM {table}"
                ).fetchall()
            except sqlite3.Error:
                if table == "tracking_sequences":
                    return None  # no counters readable at all
                found[table] = []  # a store from before document serials
    finally:
        conn.close()
    return found


def _keep_counters(session: Session, counters: dict[str, list[tuple[Any, ...]]]) -> int:
    """Raise the restored store's counters to the replaced store's where those are higher."""
    raised = 0
    for table, keys in _COUNTERS:
        names = ", ".join(keys)
        values = ", ".join(f":{k}" for k in keys)
        statement = text(
            f"INSERT INTO {table} ({names}, last) VALUES ({values}, :last) "
            f"ON CONFLICT ({names}) DO UPDATE SET last = max(last, excluded.last) "
            "WHERE excluded.last > last"
        )
        for row in counters.get(table, []):
            result = session.execute(
                statement, {**dict(zip(keys, row[:-1], strict=True)), "last": row[-1]}
            )
            raised += int(getattr(result, "rowcount", 0) or 0)
    return raised


def check_backup(file: Path) -> StoreIdentity:
    """Refuse a file that is not a sound, readable ClerkDesk store; return its identity."""
    if not file.is_file():
        raise RestoreRefused("{file}: no such backup file", file=file)
    problems = quick_check(file)
    if problems:
        raise RestoreRefused(
            "{file} is damaged ({problem}); choose another backup", file=file, problem=problems[0]
        )
    from clerk_desk.storage import known_revisions

    try:
        conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            conn.execute("SELECT count(*) FROM settings").fetchone()
            conn.execute("SELECT count(*) FROM audit_entries").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise RestoreRefused(
            "{file} is not a ClerkDesk store ({error})", file=file, error=exc
        ) from exc
    if rev is None or rev[0] not in known_revisions():
        raise RestoreRefused(
            "{file} is at schema revision {revision}, unknown to this ClerkDesk",
            file=file,
            revision=repr(rev[0] if rev else None),
        )
    identity = read_identity(file)
    assert identity is not None
    return identity


def check_restorable(db: Path, file: Path, *, force: bool = False) -> StoreIdentity:
    """Refuse a damaged file, and another terminal's unless ``force``; its identity."""
    backup_id = check_backup(file)
    current = _current_identity(db)
    if current is not None and not force and not _same_terminal(current, backup_id):
        raise RestoreRefused(
            "{file} is another terminal's backup (terminal {theirs}, this one is {ours}); "
            "restore it only on purpose, with --force",
            file=file,
            theirs=backup_id.terminal_code or "?",
            ours=current.terminal_code or "?",
        )
    return backup_id


def _current_identity(db: Path) -> StoreIdentity | None:
    if db.exists() and db.stat().st_size > 0:
        found = read_identity(db)
        if found is not None and (found.store_id or found.terminal_code):
            return found
    return read_marker(db.parent)


def _same_terminal(a: StoreIdentity, b: StoreIdentity) -> bool:
    if a.store_id and b.store_id:
        return a.store_id == b.store_id
    return not (a.terminal_code and b.terminal_code) or a.terminal_code == b.terminal_code


def restore(
    db: Path,
    file: Path,
    *,
    clock: Clock,
    actor_id: str,
    force: bool = False,
    via: str = "",
    check_app: bool = True,
    after_copy: Callable[[], None] | None = None,
) -> RestoreResult:
    """Put the backup ``file`` in place of the store at ``db`` (see the module's text).

    ``after_copy`` is a test hook, called once the new store is ready under its
    temporary name, before the switch.
    """
    from clerk_desk.journal import record_change
    from clerk_desk.models import SyncState
    from clerk_desk.storage import Store

    data_dir = db.parent
    if check_app and app_running(data_dir):
        raise RestoreRefused(
            "ClerkDesk is open on {data_dir}: close it (or restore from its Backups dialog)",
            data_dir=data_dir,
        )
    backup_id = check_restorable(db, file, force=force)
    current = _current_identity(db)
    at = clock.now()
    stamp = at.strftime(_STAMP)
    clean_stale_temp_files([data_dir])
    tmp = _temp_name(db.with_name(f"{db.name}.restore"))
    try:
        _copy_database(file, tmp)
        # Migrate and audit the new store under its temporary name: the rename below
        # is then the one step that switches stores.
        store = Store.open(tmp, now=at, migration_backup=False)
        counters = _read_counters(db)
        try:
            migrated_from = store.migrated_from
            with store.write() as session:
                raised = _keep_counters(session, counters) if counters is not None else 0
                # An enrolled store takes back the centre's cases it lost at its next
                # sync, before it pushes (clerk_desk.case_recovery).
                recovery = session.get(SyncState, 1)
                if recovery is not None:
                    recovery.recovery_needed = True
                    recovery.recovery_after = ""
                record_change(
                    session,
                    at=at,
                    actor_id=actor_id,
                    action="store.restored",
                    entity="store",
                    entity_id=backup_id.store_id or "store",
                    payload={
                        "file": str(file),
                        "forced": force
                        and current is not None
                        and not _same_terminal(current, backup_id),
                        "migrated_from": migrated_from,
                        "counters_kept": counters is not None,
                        "counters_raised": raised,
                        "recovery_needed": recovery is not None,
                        **({"via": via} if via else {}),
                    },
                    sync=False,
                )
        finally:
            store.close()
        _fsync_file(tmp)
        if after_copy is not None:
            after_copy()
        replaced = _set_aside(db, stamp)
        # The old store's WAL must never meet the new file.
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                db.with_name(db.name + suffix).unlink()
        os.replace(tmp, db)
        fsync_dir(data_dir)
    except ClerkDeskError:
        _remove_temp(tmp)
        raise
    except (OSError, sqlite3.Error) as exc:
        _remove_temp(tmp)
        raise RestoreRefused(
            "cannot restore {file}: {reason}; the store is as it was",
            file=file,
            reason=os_reason(exc),
        ) from exc
    with contextlib.suppress(OSError):
        write_marker(data_dir, backup_id)
    return RestoreResult(
        db, replaced, migrated_from, backup_id, counters is not None, recovery is not None
    )


def _set_aside(db: Path, stamp: str) -> Path | None:
    """Copy the store being replaced (and its WAL) into ``replaced/``; it stays in place."""
    if not db.exists():
        return None
    if db.stat().st_size > 0:
        # Fold the WAL in where the store can still be read; a damaged one is copied as is.
        with contextlib.suppress(sqlite3.Error):
            conn = sqlite3.connect(db)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
    folder = db.parent / REPLACED_DIR
    _mkdir(folder)
    aside = folder / f"{db.stem}.{stamp}{db.suffix}"
    n = 2
    while aside.exists():
        aside = folder / f"{db.stem}.{stamp}-{n}{db.suffix}"
        n += 1
    for suffix in ("", "-wal"):
        src = db.with_name(db.name + suffix)
        if src.exists():
            dest = aside.with_name(aside.name + suffix)
            tmp = _temp_name(dest)
            shutil.copyfile(src, tmp)
            os.chmod(tmp, 0o600)
            _fsync_file(tmp)
            os.replace(tmp, dest)
    fsync_dir(folder)
    return aside
