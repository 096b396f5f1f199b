"""The local SQLite store: engine, sessions, migrations.

* WAL journal, ``synchronous=FULL`` (a committed intake survives a power cut),
  foreign keys on.
* One writer: :meth:`Store.write` serialises write transactions in this
  process and opens them with ``BEGIN IMMEDIATE`` so SQLite takes the write
  lock up front instead of failing half-way with "database is locked".
* Write errors of the disk reach the clerk as words, not as SQLite's: a full
  disk is :class:`~clerk_desk.data_dir.DiskFull`, a read-only one
  :class:`~clerk_desk.data_dir.ReadOnlyDataDir` (see :func:`disk_error`);
  the transaction is rolled back, the case stays as it was.
* A store in a directory this user cannot write is opened read-only
  (:meth:`Store.open_read_only`): reading works, every write says why not.
* Alembic owns the schema. Before any migration of an existing database the
  file is copied aside (SQLite backup API, so a WAL-mode file is copied
  consistently) into ``backups/`` beside it; when that copy cannot be written
  (a full disk) the migration does not run and no partial copy is left
  (:func:`clerk_desk.backups.migration_backup`).
* Integrity: :meth:`Store.check_integrity` runs ``PRAGMA quick_check``; a store
  that fails it is *damaged* and :meth:`Store.write` refuses with
  :class:`~clerk_desk.backups.StoreDamaged`, naming the newest good backup.
* A data directory that held a store before (its ``terminal.json`` marker or
  its backups) whose database is missing or empty is not set up as a new
  terminal unless asked (``new_store``): :class:`~clerk_desk.backups.StoreLost`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from clerk_desk.data_dir import DiskFull, ReadOnlyDataDir
from clerk_desk.errors import ClerkDeskError

if TYPE_CHECKING:
    from alembic.config import Config

    from clerk_desk.backups import StoreDamaged

DB_FILENAME = "clerk_desk.sqlite3"
_MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration. Kept here so opening an up-to-date database needs no
# Alembic import (a noticeable part of start-up); a test checks it against
# the migration scripts.
SCHEMA_HEAD = "0014_restore"


_R = TypeVar("_R")


class Writer(Protocol):
    """Runs a write where the caller's writes belong (the app: its database thread) and returns.

    The app has one writer (``TaskRunner.on_db_thread``): work running elsewhere (printing,
    sync, on the I/O pool) hands each write transaction to it, whole, and waits.
    """

    def __call__(self, fn: Callable[[], _R], /) -> _R: ...


def write_here(fn: Callable[[], _R], /) -> _R:
    """The writer of a caller with no thread of its own for writes (the CLI, a test): here."""
    return fn()


class StoreError(ClerkDeskError):
    """The database cannot be opened or migrated."""


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The head according to the migration scripts (imports Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from the sqlite3 module so BEGIN is ours.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _on_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    # No journal_mode or synchronous: they would write. query_only: belt and braces.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def _read_only_connector(path: Path, immutable: bool) -> Any:
    # A read-only directory: "mode=ro" reads a store whose -wal and -shm are there
    # (an app that was killed); without them SQLite cannot open a WAL store read-only
    # unless told nobody writes it ("immutable": and nobody can, in this directory).
    uri = f"file:{quote(str(path.resolve()))}?" + ("immutable=1" if immutable else "mode=ro")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    return connect


def make_engine(path: Path, *, read_only: bool = False, immutable: bool = False) -> Engine:
    if read_only:
        engine = create_engine(
            "sqlite://", creator=_read_only_connector(path, immutable), poolclass=QueuePool
        )
        event.listen(engine, "connect", _on_connect_read_only)
    else:
        engine = create_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_FULL = 13


def disk_error(exc: BaseException, path: Path) -> ClerkDeskError | None:
    """The clerk's words for a database error the disk caused, or None for other errors.

    SQLITE_FULL (the disk or the database's page limit is full) and an I/O
    error while writing (a write refused by the file-size limit, a failing
    disk) say that nothing was saved; SQLITE_READONLY that the store cannot
    be written.
    """
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    primary = code & 0xFF
    if primary == _SQLITE_FULL:
        return DiskFull(
            "the disk is full: {path} cannot be written. Nothing was saved; free some space "
            "and try again",
            path=path,
        )
    if primary == _SQLITE_IOERR:
        return DiskFull(
            "{path} cannot be written: the disk is full or failing. Nothing was saved; free "
            "some space and try again",
            path=path,
        )
    if primary == _SQLITE_READONLY:
        return ReadOnlyDataDir(
            "the data directory {path} is read-only: nothing can be saved there", path=path.parent
        )
    return None


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database (None: a new, empty database)."""
    with engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        except OperationalError as exc:
            if "no such table" in str(exc):
                return None
            raise
    return rows[0][0] if rows else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic migrations up to ``revision`` on ``engine``."""
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        # Batch migrations copy tables; foreign keys must be off while they do,
        # and the pragma only takes effect outside a transaction.
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StoreError(
                    "migration left broken references: {problems}", problems=problems[:5]
                )
        raw.execute("PRAGMA foreign_keys=ON")


def known_revisions() -> set[str]:
    """Every revision of the migration scripts (imports Alembic)."""
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


class Store:
    """The terminal's database. Hand its ``read``/``write`` to services."""

    def __init__(self, engine: Engine, path: Path, *, read_only: bool = False) -> None:
        self.engine = engine
        self.path = path
        # Opened in a directory this user cannot write: every write is refused.
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._writer_engine = engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        self._write_sessions = sessionmaker(self._writer_engine, expire_on_commit=False)
        self._write_lock = threading.Lock()
        # Set when the store fails its integrity check: every write raises it.
        self.damaged: StoreDamaged | None = None
        # The revision the store was migrated from when it was opened (None: it was not).
        self.migrated_from: str | None = None

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        now: datetime | None = None,
        migration_backup: bool = True,
        new_store: bool = False,
    ) -> Store:
        """Open (creating or migrating as needed) the database at ``path``.

        ``migration_backup`` false: no copy before migrating (a restore migrates a
        copy of a backup). ``new_store``: set up a new store even where one was lost.
        """
        from clerk_desk import backups

        path.parent.mkdir(parents=True, exist_ok=True)
        if (
            not new_store
            and (not path.exists() or path.stat().st_size == 0)
            and backups.used_before(path.parent)
        ):
            raise backups.lost_error(path)
        engine = make_engine(path)
        try:
            rev = current_revision(engine)
        except Exception as exc:  # not a database, or corrupt
            engine.dispose()
            damaged = backups.damage_behind(path)
            if damaged is not None:  # said as damage, with the backup to restore
                raise damaged from exc
            raise StoreError(
                "{path}: cannot read the database: {error}", path=path, error=exc
            ) from exc
        if rev != SCHEMA_HEAD:
            if rev is not None and rev not in known_revisions():
                engine.dispose()
                raise StoreError(
                    "{path}: the database is at schema revision {revision}, written by a newer "
                    "ClerkDesk; update the application instead of opening it with this one",
                    path=path,
                    revision=repr(rev),
                )
            if rev is not None and migration_backup:
                try:
                    backups.migration_backup(path, rev, now or datetime.now())
                except ClerkDeskError as exc:
                    engine.dispose()
                    raise StoreError(
                        "{path}: not migrated, the copy before migrating failed: {error}",
                        path=path,
                        error=exc,
                    ) from exc
            upgrade(engine)
        store = cls(engine, path)
        store.migrated_from = rev if rev != SCHEMA_HEAD else None
        return store

    def check_integrity(self) -> list[str]:
        """``PRAGMA quick_check`` of the file; a failure marks the store damaged.

        Read-only (the file is not touched). Returns the problems ([] when sound).
        """
        from clerk_desk import backups

        problems = backups.quick_check(self.path)
        if problems:
            self.damaged = backups.damaged_error(self.path, problems)
        return problems

    @classmethod
    def open_read_only(cls, path: Path) -> Store:
        """Open the database at ``path`` for reading only (no set-up, no migration).

        For a data directory this user cannot write. The database must exist and
        be at :data:`SCHEMA_HEAD`: a migration would have to write.
        """
        where = path.parent
        if not path.exists():
            raise ReadOnlyDataDir(
                "the data directory {path} is read-only and holds no ClerkDesk store yet: "
                "ClerkDesk cannot set one up there",
                path=where,
            )
        rev: str | None = None
        engine: Engine | None = None
        error: Exception | None = None
        for immutable in (False, True):
            engine = make_engine(path, read_only=True, immutable=immutable)
            try:
                rev = current_revision(engine)
                break
            except Exception as exc:  # no -wal/-shm and none can be made: try immutable
                engine.dispose()
                engine, error = None, exc
        if engine is None:
            raise ReadOnlyDataDir(
                "the data directory {path} is read-only and its database cannot be read "
                "there: {error}",
                path=where,
                error=error,
            )
        if rev != SCHEMA_HEAD:
            engine.dispose()
            raise ReadOnlyDataDir(
                "the data directory {path} is read-only, and its database needs an update "
                "that ClerkDesk cannot write there",
                path=where,
            )
        return cls(engine, path, read_only=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries. Do not write through it."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any error.

        A disk that is full or read-only raises :class:`DiskFull` or
        :class:`ReadOnlyDataDir` (see :func:`disk_error`), after the rollback.
        Refused on a damaged store (:meth:`check_integrity`).
        """
        if self.read_only:
            raise ReadOnlyDataDir(
                "the data directory {path} is read-only: nothing can be saved there",
                path=self.path.parent,
            )
        if self.damaged is not None:
            raise self.damaged
        try:
            with self._write_lock, self._write_sessions() as session, session.begin():
                yield session
        except (OperationalError, sqlite3.OperationalError) as exc:
            mapped = disk_error(exc, self.path)
            if mapped is None:
                raise
            raise mapped from exc

    def close(self) -> None:
        self.engine.dispose()
