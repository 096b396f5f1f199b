"""Shared test helpers: processes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from support.desks import REPO


@contextmanager
def held_elsewhere(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holds the sync lock of ``data_dir`` until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_SYNC, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        if holder.poll() is None and holder.stdin is not None:
            holder.stdin.write("\n")
            holder.stdin.flush()
        holder.wait(20)
        for pipe in (holder.stdin, holder.stdout):
            if pipe is not None:
                pipe.close()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.pop("CLERK_DESK_DATA_DIR", None)
    return env


def _cli(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "clerk_desk", "--data-dir", str(data_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


HOLD_SYNC = """
import sys
from pathlib import Path
from clerk_desk.instance_lock import sync_lock
with sync_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""
