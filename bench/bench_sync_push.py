"""Push of 50,000 changes over loopback, end to end, against inserting the same rows directly.

    .venv/bin/python bench/bench_sync_push.py [--changes 50000] [--database-url URL] [--workers 1]
                                             [--batch-count N] [--batch-bytes B]

On the PostgreSQL server of ``--database-url`` (default
postgresql://postgres@127.0.0.1:5432/postgres) the script creates two fresh
databases and drops them at the end:

* push: ``clerk-central serve`` on it; a real terminal store (``Desk.open`` +
  ``ensure_ready``) enrolls, sends what set-up queued (not timed), then gets
  ``--changes`` outbox entries from real ``record_change`` calls (staff changes,
  a valid audit chain, 10,000 a transaction). Timed: ``SyncClient.push()`` until
  the outbox is empty (select the batch, JSON over HTTP, the server's set-based
  batch: one INSERT ... ON CONFLICT of the changes, the audit chain checked in
  memory and its entries inserted at once; the acknowledgements stored).
* direct: the same rows (applied_changes + audit_entries, one of each per change)
  inserted with SQLAlchemy core ``executemany`` in one transaction.

Prints both times, the rate and the ratio (target: push within 5x of direct).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from central_bench import DEFAULT_PG, fresh_database, served

from clerk_central import admin
from clerk_central import sync as central_sync
from clerk_central.db import make_engine, session_factory, transaction, upgrade
from clerk_central.models import AppliedChange
from clerk_central.models import AuditEntry as ServerAuditEntry
from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import ensure_ready
from clerk_desk.journal import record_change, verify_audit
from clerk_desk.models import AuditEntry, OutboxEntry
from clerk_desk.settings import load_settings, save_settings
from clerk_desk.staff import DEMO_LOGIN
from clerk_desk.sync import SyncClient, change_json, waiting_count

NOW = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
PER_TRANSACTION = 10_000


class TimedTransport(httpx.HTTPTransport):
    """The network transport, adding up the seconds spent waiting for the server's answers."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds = 0.0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        t = time.perf_counter()
        response = super().handle_request(request)
        response.read()
        self.seconds += time.perf_counter() - t
        return response


def generate_changes(desk: Desk, count: int) -> float:
    """``count`` staff changes through record_change, PER_TRANSACTION a transaction."""
    clerk = desk.staff.by_login(DEMO_LOGIN)
    assert clerk is not None
    t = time.perf_counter()
    done = 0
    while done < count:
        with desk.store.write() as session:
            for i in range(done, min(count, done + PER_TRANSACTION)):
                record_change(
                    session,
                    at=NOW,
                    actor_id=clerk.id,
                    action="staff.updated",
                    entity="staff",
                    entity_id=clerk.id,
                    payload={"window": f"{i % 12 + 1}号窗口", "phone": f"138{i:08d}"},
                )
            done = min(count, done + PER_TRANSACTION)
    return time.perf_counter() - t


def server_rows(desk: Desk, terminal_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The applied_changes and audit_entries rows the push made, for the direct insert."""
    now = datetime.now(UTC)
    applied: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    with desk.store.read() as session:
        rows = session.execute(
            select(OutboxEntry, AuditEntry)
            .join(AuditEntry, AuditEntry.seq == OutboxEntry.audit_seq)
            .where(OutboxEntry.operation == "staff.updated")
            .order_by(OutboxEntry.seq)
        ).all()
        for entry, audit in rows:
            change = json.loads(json.dumps(change_json(entry, audit), ensure_ascii=False))
            applied.append(
                {
                    "terminal_id": terminal_id,
                    "change_id": change["id"],
                    "outbox_seq": change["outbox_seq"],
                    "payload_sha256": central_sync.payload_sha256(change),
                    "operation": change["operation"],
                    "entity": change["entity"],
                    "entity_id": change["entity_id"],
                    "payload": change["payload"],
                    "answer": {"status": "applied"},
                    "received_at": now,
                }
            )
            a = change["audit"]
            audits.append(
                {
                    "terminal_id": terminal_id,
                    "seq": a["seq"],
                    "entry_id": a["id"],
                    "at": a["at"],
                    "actor_id": a["actor_id"],
                    "action": a["action"],
                    "entity": a["entity"],
                    "entity_id": a["entity_id"],
                    "payload": a["payload"],
                    "prev_hash": a["prev_hash"],
                    "hash": a["hash"],
                    "received_at": now,
                }
            )
    return applied, audits


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=50_000)
    parser.add_argument(
        "--database-url",
        default=DEFAULT_PG,
        help="a PostgreSQL server (any database on it): fresh databases are made beside it",
    )
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (1)")
    parser.add_argument(
        "--batch-count", type=int, default=0, help="the terminal's sync_batch_count (its default)"
    )
    parser.add_argument(
        "--batch-bytes", type=int, default=0, help="the terminal's sync_batch_bytes (its default)"
    )
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}")
    with (
        tempfile.TemporaryDirectory() as tmp_name,
        fresh_database(args.database_url, "push") as push_url,
        fresh_database(args.database_url, "direct") as direct_url,
    ):
        tmp = Path(tmp_name)
        engine = make_engine(push_url)
        upgrade(engine)
        sessions = session_factory(engine)
        with transaction(sessions) as s:
            admin.add_centre(
                s, code="C01", name="郭仓镇便民服务中心", region_code="370830", phone="", now=NOW
            )
            code = admin.new_enroll_code(s, centre_code="C01", now=datetime.now(UTC)).code
        desk = Desk.open(tmp / "terminal", clock=FixedClock(NOW))
        try:
            ensure_ready(desk)
            with served(push_url, workers=args.workers) as base:
                transport = TimedTransport()
                client = SyncClient(
                    desk.store,
                    desk.clock,
                    catalog=desk.catalog,
                    calendar=desk.calendar,
                    transport=transport,
                )
                client.enroll(base, code)
                if args.batch_count or args.batch_bytes:
                    with desk.store.write() as session:
                        current = load_settings(session)
                        save_settings(
                            session,
                            current.replace(
                                sync_batch_count=args.batch_count or current.sync_batch_count,
                                sync_batch_bytes=args.batch_bytes or current.sync_batch_bytes,
                            ),
                        )
                first = client.push()  # what set-up and enrollment queued: not timed
                generating = generate_changes(desk, args.changes)
                with desk.store.read() as session:
                    waiting = waiting_count(session)
                    settings = load_settings(session)
                assert waiting == args.changes, waiting
                transport.seconds = 0.0
                t = time.perf_counter()
                report = client.push()
                pushing = time.perf_counter() - t
                waiting_on_server = transport.seconds
            assert report.pushed == args.changes and report.refused == 0, report
            assert report.waiting == 0 and not report.chain_problems, report
            with sessions() as s:
                on_server = s.execute(text("SELECT count(*) FROM applied_changes")).scalar_one()
                audit_rows = s.execute(text("SELECT count(*) FROM audit_entries")).scalar_one()
                broken = s.execute(text("SELECT count(*) FROM chain_breaks")).scalar_one()
            assert on_server == first.pushed + args.changes, (on_server, first)
            assert broken == 0
            with desk.store.read() as session:
                chain = verify_audit(session)
            assert chain.ok, chain.problems[:3]

            # The same rows straight into a fresh database, one transaction.
            direct_engine = make_engine(direct_url)
            upgrade(direct_engine)
            direct_sessions = session_factory(direct_engine)
            with transaction(direct_sessions) as s:
                admin.add_centre(
                    s,
                    code="C01",
                    name="郭仓镇便民服务中心",
                    region_code="370830",
                    phone="",
                    now=NOW,
                )
                direct_code = admin.new_enroll_code(s, centre_code="C01", now=datetime.now(UTC))
            with transaction(direct_sessions) as s:
                direct_terminal = central_sync.enroll(
                    s,
                    code=direct_code.code,
                    store_id="bench-direct",
                    provisional_number="",
                    hostname="bench",
                    client_version="",
                    now=datetime.now(UTC),
                )["terminal_id"]
            applied, audits = server_rows(desk, direct_terminal)
            assert len(applied) == args.changes
            t = time.perf_counter()
            with direct_engine.begin() as conn:
                conn.execute(insert(AppliedChange), applied)
                conn.execute(insert(ServerAuditEntry), audits)
            direct = time.perf_counter() - t
            direct_engine.dispose()
        finally:
            desk.close()
            engine.dispose()
    print(
        f"terminal: {args.changes} changes generated by record_change in "
        f"{generating:.1f} s ({PER_TRANSACTION} a transaction); audit chain verified"
    )
    print(
        f"batches: sync_batch_count {settings.sync_batch_count}, sync_batch_bytes "
        f"{settings.sync_batch_bytes}; {report.batches} batches; server workers {args.workers}; "
        f"server rows: {on_server} applied_changes, {audit_rows} audit_entries, 0 chain breaks"
    )
    print(
        f"push end to end (SyncClient.push until empty): {pushing:.2f} s "
        f"({args.changes / pushing:,.0f} changes/s)"
    )
    print(
        f"  of which waiting for the server's answers (request out, server work, answer in): "
        f"{waiting_on_server:.2f} s; the terminal's own work (batch selection, JSON, "
        f"acknowledgements stored): {pushing - waiting_on_server:.2f} s"
    )
    print(
        f"direct insert, same rows (applied_changes + audit_entries, executemany, one "
        f"transaction): {direct:.2f} s ({args.changes / direct:,.0f} changes/s)"
    )
    print(f"ratio push / direct: {pushing / direct:.1f}x (target within 5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
