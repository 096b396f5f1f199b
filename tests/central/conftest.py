"""Fixtures for the county server's tests: real PostgreSQL, and the same tests on SQLite.

PostgreSQL: ``CLERK_CENTRAL_TEST_PG`` (default postgresql://postgres@127.0.0.1:5432/postgres)
names a server; the session creates its own database there and drops it at the end.
Where no server answers, a private cluster is started in a temporary directory with
pytest-postgresql's executor (initdb and pg_ctl on PATH, e.g. Debian's ``postgresql``
package; as root they run as the ``postgres`` user, since initdb refuses root).

Every test that takes ``db_url`` runs twice: on that PostgreSQL database (emptied
before the test) and on a fresh SQLite file.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy.orm import Session, sessionmaker
from support.central import HEADERS, LiveServer

from clerk_central.db import make_engine, session_factory, upgrade

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"
TABLES = (
    "blobs, status_rate_limits, server_audit, office_tokens, admins, feed, feed_version, chain_epochs, "
    "chain_breaks, audit_entries, cases, applied_changes, terminals, enroll_codes, centres"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.server)


def _answers(url: str) -> bool:
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_tool(name: str) -> str | None:
    """A PostgreSQL program: on PATH, else Debian's (``/usr/lib/postgresql/N/bin``, newest N)."""
    found = shutil.which(name)
    if found is not None:
        return found
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return str(versions[-1]) if versions else None


def _private_cluster(base: Path) -> Iterator[str]:
    """A throwaway PostgreSQL cluster in ``base`` (pytest-postgresql's executor)."""
    from pytest_postgresql.executors import PostgreSQLExecutor

    pg_ctl = _pg_tool("pg_ctl")
    if pg_ctl is None:
        pytest.fail("no PostgreSQL answers and pg_ctl is not on PATH: install postgresql")
    port = _free_port()
    datadir, sockets = base / "data", base / "sock"
    sockets.mkdir(parents=True)
    if os.geteuid() == 0:
        # initdb refuses to run as root: the cluster belongs to the postgres user.
        uid = pwd.getpwnam("postgres").pw_uid
        os.chown(base, uid, uid)
        os.chown(sockets, uid, uid)
        run = ["runuser", "-u", "postgres", "--"]
        subprocess.run(
            [
                *run,
                _pg_tool("initdb") or "initdb",
                "-D",
                str(datadir),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *run,
                pg_ctl,
                "-D",
                str(datadir),
                "-w",
                "-l",
                str(base / "log"),
                "-o",
                f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off",
                "start",
            ],
            check=True,
            capture_output=True,
        )
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                [*run, pg_ctl, "-D", str(datadir), "-m", "fast", "stop"], capture_output=True
            )
        return
    executor = PostgreSQLExecutor(
        executable=pg_ctl,
        host="127.0.0.1",
        port=port,
        datadir=str(datadir),
        unixsocketdir=str(sockets),
        logfile=str(base / "log"),
        startparams="-w",
        dbname="postgres",
        user="postgres",
        password="",
    )
    executor.start()
    executor.wait_for_postgres()
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        executor.stop()


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    url = os.environ.get("CLERK_CENTRAL_TEST_PG", PG_DEFAULT)
    if _answers(url):
        yield url
        return
    base = Path(tempfile.mkdtemp(prefix="clerk-central-pg-"))
    try:
        yield from _private_cluster(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_database_url(pg_server_url: str) -> Iterator[str]:
    """A database of this test session's own, dropped afterwards."""
    name = f"clerk_central_test_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = pg_server_url.rsplit("/", 1)[0] + "/" + name
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["postgresql", "sqlite"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        return url
    url = str(request.getfixturevalue("pg_database_url"))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
        conn.execute("INSERT INTO feed_version (id, value) VALUES (1, 0)")
    return url


@pytest.fixture
def sessions(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    yield session_factory(engine)
    engine.dispose()


@pytest.fixture
def server(db_url: str) -> Iterator[LiveServer]:
    live = LiveServer(db_url)
    live.start()
    yield live
    live.stop()


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base, headers=HEADERS, timeout=30) as c:
        yield c
