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
  consistently) into ``backups/`` beside it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from clerk_desk.data_dir import DiskFull, ReadOnlyDataDir
from clerk_desk.errors import ClerkDeskError

if TYPE_CHECKING:
    from alembic.config import Config

DB_FILENAME = "clerk_desk.sqlite3"
_MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration. Kept here so opening an up-to-date database needs no
# Alembic import (a noticeable part of start-up); a test checks it against
# the migration scripts.
SCHEMA_HEAD = "0011_print_attempts"


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


def backup_file(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(src) as source, sqlite3.connect(dest) as target:
        source.backup(target)
    target.close()
    source.close()


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

    @classmethod
    def open(cls, path: Path, *, now: datetime | None = None) -> Store:
        """Open (creating or migrating as needed) the database at ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(path)
        try:
            rev = current_revision(engine)
        except Exception as exc:  # not a database, or corrupt
            engine.dispose()
            raise StoreError(
                "{path}: cannot read the database: {error}", path=path, error=exc
            ) from exc
        if rev != SCHEMA_HEAD:
            from alembic.script import ScriptDirectory

            known = {
                s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()
            }
            if rev is not None and rev not in known:
                engine.dispose()
                raise StoreError(
                    "{path}: the database is at schema revision {revision}, written by a newer "
                    "ClerkDesk; update the application instead of opening it with this one",
                    path=path,
                    revision=repr(rev),
                )
            if rev is not None:
                stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
                backup_file(path, path.parent / "backups" / f"{path.stem}.rev{rev}.{stamp}.sqlite3")
            upgrade(engine)
        return cls(engine, path)

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
        """
        if self.read_only:
            raise ReadOnlyDataDir(
                "the data directory {path} is read-only: nothing can be saved there",
                path=self.path.parent,
            )
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
