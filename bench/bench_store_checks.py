"""The store's integrity check and backup over 500,000 cases.

    .venv/bin/python bench/bench_store_checks.py [--cases 500000] [--keep DIR] [--runs 3]

Prints the seconds ``PRAGMA quick_check`` takes (decides whether the app runs
it before or after start: over 1 s it runs in the background) and the seconds
a checked backup takes (the backup API into a temp file, quick_check of the
copy, fsync, rename), with the store's and the backup's sizes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_case_lists import NOW, fill
from sqlalchemy import func, select

from clerk_desk.backups import quick_check
from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import ensure_ready
from clerk_desk.models import Case
from clerk_desk.storage import DB_FILENAME


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500_000)
    parser.add_argument("--keep", type=Path, help="use (and keep) this data directory")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory() as tmp_name:
        data_dir = args.keep or Path(tmp_name) / "checks"
        db = data_dir / DB_FILENAME
        clock = FixedClock(NOW)
        desk = Desk.open(data_dir, clock=clock)
        with desk.store.read() as session:
            stored = session.scalar(select(func.count()).select_from(Case)) or 0
        if stored < args.cases:
            ensure_ready(desk)
            fill(desk, args.cases)
        desk.close()
        print(f"store: {db.stat().st_size / 1e6:.1f} MB")
        checks = []
        for _ in range(args.runs):
            t = time.perf_counter()
            problems = quick_check(db)
            checks.append(time.perf_counter() - t)
            assert not problems, problems
        print(f"quick_check seconds: median {statistics.median(checks):.2f} (runs {checks})")
        desk = Desk.open(data_dir, clock=clock)
        copies = []
        for _ in range(args.runs):
            t = time.perf_counter()
            result = desk.backups.take("manual", to=Path(tmp_name) / "copies")
            copies.append(time.perf_counter() - t)
            size = result.written[0].size
            result.written[0].path.unlink()
        desk.close()
        print(
            f"backup seconds (copy + quick_check + fsync + rename): "
            f"median {statistics.median(copies):.2f} (runs {copies}); {size / 1e6:.1f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
