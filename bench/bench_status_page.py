"""The public status page at 200 requests/s against a served clerk-central (2 workers, PostgreSQL).

    .venv/bin/python bench/bench_status_page.py [--rate 200] [--seconds 10] [--workers 2]
                                               [--database-url URL]

A fresh database on the PostgreSQL server of ``--database-url`` (default
postgresql://postgres@127.0.0.1:5432/postgres), dropped at the end. A real
terminal store enrolls and pushes a real case (an applicant registered, a 低保
case started, answered, its materials marked and accepted). The server runs
with its rate limits raised (CLERK_CENTRAL_STATUS_LIMIT_PER_NUMBER and
_PER_ADDRESS) so that no request is refused; every request still counts in
``status_rate_limits``, one upsert per number and per address.

Load: one asyncio loop sends ``GET /t/{number}?q={query code}`` (httpx, kept-alive
connections) at ``--rate`` requests/s, each at its scheduled time, for
``--seconds``, after a 1 s warm-up at the same rate. Prints the achieved rate,
the status codes (all must be 200, the case's page) and latency p50/p95/p99/max,
measured from the send and from the scheduled time (target: p95 < 50 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from central_bench import DEFAULT_PG, fresh_database, percentile, served

from clerk_central import admin
from clerk_central.db import make_engine, session_factory, transaction, upgrade
from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import ensure_ready
from clerk_desk.identity_numbers import resident_id_check_char
from clerk_desk.staff import DEMO_LOGIN
from clerk_desk.sync import SyncClient

NOW = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
LOW_INCOME = "370830104-MZ-001"  # 低保, in the catalog ensure_ready imports
KEY = ["id_card", "hukou", "app_form", "income", "consent"]
NO = {"has_disabled_member": False, "has_serious_illness": False, "divorced": False}
HIGH_LIMIT = "100000000"


def take_case(desk: Desk) -> tuple[str, str]:
    """A real accepted case: its tracking number and query code."""
    clerk = desk.staff.by_login(DEMO_LOGIN)
    assert clerk is not None
    body = "37083019800101001"
    person = desk.applicants.register_person(
        actor_id=clerk.id, name="王小明", id_number=body + resident_id_check_char(body)
    )
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=person.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    accepted = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    return accepted.tracking_number, accepted.query_code


async def load(
    url: str, rate: float, seconds: float
) -> tuple[list[float], list[float], Counter[int], float]:
    """Send at ``rate`` for ``seconds``: latencies from send and from schedule, codes, span."""
    count = int(rate * seconds)
    from_send: list[float] = []
    from_schedule: list[float] = []
    codes: Counter[int] = Counter()
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def one(scheduled: float) -> None:
            sent = time.perf_counter()
            try:
                response = await client.get(url)
                await response.aread()
                codes[response.status_code] += 1
            except httpx.HTTPError as exc:
                codes[-1] += 1
                print(f"request failed: {type(exc).__name__}", file=sys.stderr)
                return
            done = time.perf_counter()
            from_send.append(done - sent)
            from_schedule.append(done - scheduled)

        tasks = []
        start = time.perf_counter()
        for i in range(count):
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(scheduled)))
        await asyncio.gather(*tasks)
        span = time.perf_counter() - start
    return from_send, from_schedule, codes, span


def ms(values: list[float]) -> str:
    s = sorted(values)
    return (
        f"p50 {percentile(s, 50) * 1000:.1f} ms, p95 {percentile(s, 95) * 1000:.1f} ms, "
        f"p99 {percentile(s, 99) * 1000:.1f} ms, max {s[-1] * 1000:.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second (200)")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds (10)")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes (2)")
    parser.add_argument(
        "--database-url",
        default=DEFAULT_PG,
        help="a PostgreSQL server (any database on it): a fresh database is made beside it",
    )
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}")
    env = {
        "CLERK_CENTRAL_STATUS_LIMIT_PER_NUMBER": HIGH_LIMIT,
        "CLERK_CENTRAL_STATUS_LIMIT_PER_ADDRESS": HIGH_LIMIT,
    }
    with (
        tempfile.TemporaryDirectory() as tmp_name,
        fresh_database(args.database_url, "status") as url,
    ):
        engine = make_engine(url)
        upgrade(engine)
        sessions = session_factory(engine)
        with transaction(sessions) as s:
            admin.add_centre(
                s,
                code="C01",
                name="郭仓镇便民服务中心",
                region_code="370830",
                phone="0537-6212345",
                now=NOW,
            )
            code = admin.new_enroll_code(s, centre_code="C01", now=datetime.now(UTC)).code
        desk = Desk.open(Path(tmp_name) / "terminal", clock=FixedClock(NOW))
        try:
            ensure_ready(desk)
            with served(url, workers=args.workers, env=env) as base:
                client = SyncClient(
                    desk.store, desk.clock, catalog=desk.catalog, calendar=desk.calendar
                )
                client.enroll(base, code)
                number, query_code = take_case(desk)
                report = client.run()
                assert report.waiting == 0 and report.refused == 0, report
                page = f"{base}/t/{number}?q={query_code}"
                check = httpx.get(page, timeout=10)
                assert check.status_code == 200 and "已受理" in check.text, check.status_code
                assert "王*" in check.text and "王小明" not in check.text
                time.sleep(1.0)  # both workers up
                asyncio.run(load(page, args.rate, 1.0))  # warm-up, not counted
                from_send, from_schedule, codes, span = asyncio.run(
                    load(page, args.rate, args.seconds)
                )
        finally:
            desk.close()
            engine.dispose()
    sent = sum(codes.values())
    print(
        f"server: {args.workers} workers, PostgreSQL; one real case pushed by a terminal; "
        f"GET /t/{{number}}?q={{query code}}, rate limits raised to {HIGH_LIMIT} (still counted)"
    )
    print(
        f"offered {args.rate:.0f} requests/s for {args.seconds:.0f} s: {sent} requests in "
        f"{span:.2f} s, achieved {sent / span:.1f} requests/s"
    )
    print(f"status codes: {dict(sorted(codes.items()))} (200 = the case's page; -1 = failed)")
    print(f"latency from send: {ms(from_send)} (target p95 < 50 ms)")
    print(f"latency from scheduled time: {ms(from_schedule)}")
    return 0 if codes[200] == sent else 1


if __name__ == "__main__":
    sys.exit(main())
