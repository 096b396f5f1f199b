"""Recovery after a restore: a real terminal takes back N cases of its centre.

A real terminal store enrolls with ``clerk-central serve`` on PostgreSQL (a fresh
database, dropped afterwards), takes one real case and pushes it. The server's copy is
then repeated N times (new ids and tracking numbers, the same applicant), as the cases
a restore lost, inserted directly (set-up, not timed). The terminal is marked for
recovery and ``SyncClient.recover`` is timed end to end over loopback: every page
fetched (``GET /sync/v1/recover``, 100 cases a page), every case rebuilt, audited and
its counter raised, in one transaction a page.

    .venv/bin/python bench/bench_recovery.py [--cases 5000]
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from bench_status_page import take_case
from central_bench import DEFAULT_PG, fresh_database, served
from sqlalchemy import func, insert, select

from clerk_central import admin
from clerk_central.db import make_engine, session_factory, transaction, upgrade
from clerk_central.models import ServerCase
from clerk_desk import tracking_numbers
from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import ensure_ready
from clerk_desk.models import Case, SyncState
from clerk_desk.sync import SyncClient

NOW = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5_000)
    parser.add_argument("--database-url", default=DEFAULT_PG)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}")
    with (
        tempfile.TemporaryDirectory() as tmp_name,
        fresh_database(args.database_url, "recover") as url,
    ):
        engine = make_engine(url)
        upgrade(engine)
        sessions = session_factory(engine)
        with transaction(sessions) as s:
            admin.add_centre(
                s, code="C01", name="郭仓镇便民服务中心", region_code="370830", phone="", now=NOW
            )
            code = admin.new_enroll_code(s, centre_code="C01", now=datetime.now(UTC)).code
        desk = Desk.open(Path(tmp_name) / "terminal", clock=FixedClock(NOW))
        try:
            ensure_ready(desk)
            with served(url, workers=1) as base:
                client = SyncClient(desk.store, desk.clock)
                client.enroll(base, code)
                number, _code = take_case(desk)
                case_id = desk.cases.by_tracking_number(number).id
                client.run()
                with sessions() as s:
                    model = s.get(ServerCase, case_id)
                    assert model is not None
                    rows = []
                    for i in range(args.cases):
                        data = copy.deepcopy(model.data)
                        new_id = f"lost{i:08d}"
                        number = tracking_numbers.compose(
                            model.tracking_number[6:11], date(2026, 12, 4), i + 1
                        )
                        data["case"]["id"], data["case"]["tracking_number"] = new_id, number
                        rows.append(
                            {
                                "id": new_id,
                                "centre_id": model.centre_id,
                                "terminal_id": model.terminal_id,
                                "tracking_number": number,
                                "state": model.state,
                                "data": data,
                                "last_change_id": model.last_change_id,
                                "updated_at": NOW,
                            }
                        )
                with transaction(sessions) as s:
                    s.execute(insert(ServerCase), rows)
                with desk.store.write() as session:
                    state = session.get(SyncState, 1)
                    assert state is not None
                    state.recovery_needed = True
                t = time.perf_counter()
                report = client.recover()
                seconds = time.perf_counter() - t
            with desk.store.read() as session:
                held = session.scalar(select(func.count()).select_from(Case))
            assert report.recovered == args.cases and not report.skipped, report
            assert held == args.cases + 1
            print(
                f"recovered {args.cases} cases in {seconds:.2f} s "
                f"({seconds / args.cases * 1000:.2f} ms a case, "
                f"{args.cases / seconds:.0f} cases/s, pages of 100)"
            )
        finally:
            desk.close()
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
