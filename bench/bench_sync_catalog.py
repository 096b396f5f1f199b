"""A new 5,000-item catalog coming down to a terminal, end to end, against a local server.

    .venv/bin/python bench/bench_sync_catalog.py [--items 5000] [--runs 3] [--database-url URL]

Starts ``clerk-central serve`` in its own process (SQLite in a temp dir unless
``--database-url`` names a PostgreSQL database, which must be empty), enrolls a
real terminal store, then per run publishes a new catalog version
(``admin.publish_catalog``: parse, blob, feed item) and times the terminal's
``SyncClient.pull()``: the feed page, the 14 MB document fetched by SHA-256 and
checked, ``CatalogService.import_document`` (parse, search-index check, rows), the
cursor. Prints the seconds of each (target: pull < 3 s).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from central_bench import served
from generate_catalog import REGION_CODE, generate_catalog

from clerk_central import admin
from clerk_central.db import make_engine, session_factory, transaction, upgrade
from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import ensure_ready

NOW = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", help="the server's database (default: SQLite in tmp)")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        url = args.database_url or f"sqlite:///{tmp / 'central.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        sessions = session_factory(engine)
        with transaction(sessions) as s:
            admin.add_centre(
                s, code="C01", name="郭仓镇便民服务中心", region_code=REGION_CODE, phone="", now=NOW
            )
            code = admin.new_enroll_code(s, centre_code="C01", now=datetime.now(UTC)).code
        try:
            with served(url) as base:
                desk = Desk.open(tmp / "terminal", clock=FixedClock(NOW))
                ensure_ready(desk)
                client = desk.sync_client()
                client.enroll(base, code)
                client.run()
                publishes, pulls, downloads = [], [], []
                size = 0
                for run in range(args.runs):
                    document = generate_catalog(
                        args.items, seed=run, version=f"bench-sync-{run + 1}"
                    )
                    # Newer than what the terminal holds, so it becomes current.
                    document["published_at"] = (
                        f"2026-12-{2 + run % 28:02d}T09:{run // 28 % 60:02d}:00+08:00"
                    )
                    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
                    size = len(data)
                    t = time.perf_counter()
                    with transaction(sessions) as s:
                        admin.publish_catalog(s, data=data, centre_code=None, now=datetime.now(UTC))
                    publishes.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    report = client.pull()
                    pulls.append(time.perf_counter() - t)
                    current = desk.catalog.current_version()
                    assert report.pulled == 1 and report.held == 0, report
                    assert current is not None and current.label == f"bench-sync-{run + 1}"
                    assert current.item_count == args.items
                    # The share of the download: the same document fetched again, alone.
                    digest = hashlib.sha256(data).hexdigest()
                    t = time.perf_counter()
                    with client._client(base) as http:
                        state, secret = client._credentials()
                        assert client._download(http, state, secret, digest) == data
                    downloads.append(time.perf_counter() - t)
                desk.close()
        finally:
            engine.dispose()
    database = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(f"catalog: {args.items} items, {size / 1e6:.1f} MB; server database {database}")
    print(
        f"publish seconds (parse, blob, feed item): median {statistics.median(publishes):.2f} "
        f"(runs {[round(x, 2) for x in publishes]})"
    )
    print(
        f"pull seconds (feed, download, import, cursor): median {statistics.median(pulls):.2f} "
        f"(runs {[round(x, 2) for x in pulls]}; target 3 s)"
    )
    print(
        f"of which the download of the document: median {statistics.median(downloads):.2f} "
        f"(runs {[round(x, 2) for x in downloads]})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
