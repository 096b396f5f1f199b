"""Engines, sessions and migrations for PostgreSQL (psycopg 3) and SQLite.

On SQLite every transaction begins IMMEDIATE: writers take turns from their
first statement, so two workers never interleave a read and a write (SQLite's
stand-in for PostgreSQL's row locks), and a busy timeout makes them wait.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
DATABASE_URL_ENV = "CLERK_CENTRAL_DATABASE_URL"
# The key of the advisory lock that keeps two processes from migrating at once.
_MIGRATION_LOCK = 0x434C45524B  # "CLERK"
READ_ONLY_OPTION = "clerk_central_read_only"


def normalize_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (SQLAlchemy's default is psycopg2)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    # A transaction that only reads (READ_ONLY) begins DEFERRED: WAL lets it read beside a
    # writer instead of waiting for it.
    deferred = conn.get_execution_options().get(READ_ONLY_OPTION)
    conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One session, one transaction: committed on success, rolled back on any error."""
    with factory() as session, session.begin():
        yield session


@contextmanager
def read_transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A transaction that only reads (on SQLite it does not wait for writers)."""
    with factory() as session, session.begin():
        session.connection(execution_options={READ_ONLY_OPTION: True})
        yield session
        session.rollback()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``; on PostgreSQL one process at a time."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        if not is_sqlite(engine):
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _MIGRATION_LOCK})
            conn.commit()
        try:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            conn.commit()
        finally:
            if not is_sqlite(engine):
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _MIGRATION_LOCK})
                conn.commit()


def default_database_url() -> str:
    """The environment's URL, else a SQLite file in the user's data directory."""
    from_env = os.environ.get(DATABASE_URL_ENV, "").strip()
    if from_env:
        return from_env
    from platformdirs import user_data_dir

    path = Path(user_data_dir("ClerkCentral", appauthor=False)) / "clerk_central.sqlite3"
    return f"sqlite:///{path}"
