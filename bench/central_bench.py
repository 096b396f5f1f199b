"""Shared set-up of the clerk-central benches: a fresh PostgreSQL database, a served server.

fresh_database(server_url, tag)   CREATE DATABASE bench_<tag>_<pid>_<n> ... DROP afterwards
served(url, workers, env)         ``clerk-central serve`` in its own process, its base URL
"""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
_counter = itertools.count(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(sorted_values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, round(p / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


@contextmanager
def fresh_database(server_url: str, tag: str) -> Iterator[str]:
    """A new empty database on the PostgreSQL server of ``server_url``; dropped afterwards."""
    base = make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"bench_{tag}_{os.getpid()}_{next(_counter)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield base.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@contextmanager
def served(
    database_url: str, *, workers: int = 1, env: Mapping[str, str] | None = None
) -> Iterator[str]:
    """``clerk-central serve`` on a free loopback port until the block ends; its base URL."""
    port = free_port()
    child_env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), *sys.path]),
        **(env or {}),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "clerk_central.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--database-url",
            database_url,
        ],
        env=child_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)
