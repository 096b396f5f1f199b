"""The local SQLite store: engine, sessions, migrations.

* WAL journal, ``synchronous=FULL`` (a committed intake survives a power cut),
  foreign keys on.
* One writer: :meth:`Store.write` serialises write transactions in this
  process and opens them with ``BEGIN IMMEDIATE`` so SQLite takes the write
  lock up front instead of failing half-way with "database is locked".
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

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from clerk_desk.errors import ClerkDeskError

if TYPE_CHECKING:
    from alembic.config import Config

DB_FILENAME = "clerk_desk.sqlite3"
_MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration. Kept here so opening an up-to-date database needs no
# Alembic import (a noticeable part of start-up); a test checks it against
# the migration scripts.
SCHEMA_HEAD = "0011_catalog_retire"


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


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


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

    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine = engine
        self.path = path
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

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries. Do not write through it."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any error."""
        with self._write_lock, self._write_sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
