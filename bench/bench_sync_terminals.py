"""200 simulated terminals pushing at once against one served clerk-central (2 workers, PostgreSQL).

    .venv/bin/python bench/bench_sync_terminals.py [--terminals 200] [--batches 5] [--size 50]
        [--workers 2] [--spread 0] [--clients 4] [--database-url URL]

A fresh database on the PostgreSQL server of ``--database-url`` (default
postgresql://postgres@127.0.0.1:5432/postgres), dropped at the end.

Set-up (not timed): one real terminal store (``Desk.open`` + ``ensure_ready``) takes
real intakes (an applicant registered, a 低保 case started, answered, its materials
marked and accepted); the changes its outbox holds for one intake are the template.
``--terminals`` terminals enroll for real (one-time codes from ``admin.new_enroll_code``,
``POST /sync/v1/enroll``), each gets its own copies of the template intakes (new case,
applicant and change ids, its own tracking numbers) with its own valid audit chain
(``clerk_desk.journal.entry_hash``), cut into ``--batches`` batches of ``--size``
changes, encoded as the terminal sends them.

Load: ``--clients`` processes (4), each one asyncio loop (httpx, one connection per
terminal) over a share of the terminals, all starting at one instant; 200 real
terminals are 200 machines, and one loop writing 20 MB of bodies at one instant
measures its own queue as latency (``--clients 1`` shows it): every terminal sends its
batches one after the other, all terminals at once (``--spread S``: the terminals start
evenly over S seconds, as timers with jitter would). A batch the server answers busy
(503 with Retry-After: each worker keeps 4 sync requests in hand, clerk_central.admission)
goes again after the wait times 0.5-1.5, as the terminal does. Prints batches/s and
changes/s over the whole run; latency p50/p95/p99/max of every push request (send to
answer read; target: p95 < 500 ms) with the number answered busy, of the applied pushes
alone, and of each terminal's whole sync (first send to last answer); errors; then
checks on the server that every change, case and audit entry arrived once and no chain
is broken.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import random
import secrets
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_status_page import take_case
from central_bench import DEFAULT_PG, fresh_database, percentile, served

from clerk_central import admin
from clerk_central.db import make_engine, session_factory, transaction, upgrade
from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import ensure_ready
from clerk_desk.journal import GENESIS_HASH, canonical_json, entry_hash
from clerk_desk.models import OutboxEntry

NOW = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
HEADERS = {"X-Clerk-Protocol": "1", "X-Clerk-Version": "0.1.0-bench"}


def template_intake(desk: Desk) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The changes one real intake puts in the outbox, and the ids to replace in copies."""
    with desk.store.read() as session:
        before = session.scalar(select(OutboxEntry.seq).order_by(OutboxEntry.seq.desc()).limit(1))
    number, _code = take_case(desk)
    with desk.store.read() as session:
        entries = session.scalars(
            select(OutboxEntry).where(OutboxEntry.seq > (before or 0)).order_by(OutboxEntry.seq)
        ).all()
        changes = [
            {
                "entity": e.entity,
                "entity_id": e.entity_id,
                "operation": e.operation,
                "payload": e.payload,
            }
            for e in entries
            if e.operation != "audit.anchor"
        ]
    case_id = next(c["entity_id"] for c in changes if c["entity"] == "case")
    applicant_id = next(c["entity_id"] for c in changes if c["entity"] == "applicant")
    return changes, {"case": case_id, "applicant": applicant_id, "number": number}


class Chain:
    """One simulated terminal's audit chain, as clerk_desk.journal writes it."""

    def __init__(self) -> None:
        self.seq = 0
        self.prev = GENESIS_HASH
        self.at = NOW

    def change(self, change: dict[str, Any]) -> dict[str, Any]:
        self.seq += 1
        self.at += timedelta(seconds=7)
        entry_id = secrets.token_hex(16)
        payload_text = canonical_json(change["payload"])
        digest = entry_hash(
            seq=self.seq,
            entry_id=entry_id,
            at=self.at,
            actor_id="clerk-bench",
            action=change["operation"],
            entity=change["entity"],
            entity_id=change["entity_id"],
            payload=payload_text,
            prev_hash=self.prev,
        )
        audit = {
            "seq": self.seq,
            "id": entry_id,
            "at": self.at.isoformat(),
            "actor_id": "clerk-bench",
            "action": change["operation"],
            "entity": change["entity"],
            "entity_id": change["entity_id"],
            "payload": payload_text,
            "prev_hash": self.prev,
            "hash": digest,
        }
        self.prev = digest
        return {"id": secrets.token_hex(16), "outbox_seq": self.seq, **change, "audit": audit}


def terminal_batches(
    template: list[dict[str, Any]], ids: dict[str, str], number: str, batches: int, size: int
) -> tuple[list[bytes], set[str]]:
    """One terminal's batches (encoded bodies) of copies of the template intake; its cases."""
    chain = Chain()
    changes: list[dict[str, Any]] = []
    cases: set[str] = set()
    template_text = json.dumps(template, ensure_ascii=False)
    n = 0
    while len(changes) < batches * size:
        n += 1
        case_id, applicant_id = secrets.token_hex(16), secrets.token_hex(16)
        tracking = f"{ids['number'][:-10]}{number}{n:05d}"
        copy = (
            template_text.replace(ids["case"], case_id)
            .replace(ids["applicant"], applicant_id)
            .replace(ids["number"], tracking)
        )
        for change in json.loads(copy):
            changes.append(chain.change(change))
        cases.add(case_id)
    changes = changes[: batches * size]
    cases = {c["entity_id"] for c in changes if c["entity"] == "case"}
    bodies = [
        json.dumps({"changes": changes[i : i + size]}, ensure_ascii=False).encode()
        for i in range(0, len(changes), size)
    ]
    return bodies, cases


async def run_terminal(
    client: httpx.AsyncClient,
    auth: str,
    bodies: list[bytes],
    latencies: Latencies,
    errors: Counter[str],
    start: asyncio.Event,
    delay: float,
) -> None:
    """Send the batches one after the other, as ``clerk_desk.sync`` does: a batch answered
    busy (503, Retry-After) goes again after the wait times 0.5-1.5."""
    headers = {**HEADERS, "Authorization": auth, "Content-Type": "application/json"}
    await start.wait()
    await asyncio.sleep(delay)
    began = time.perf_counter()
    for body in bodies:
        while True:
            sent = time.perf_counter()
            try:
                response = await client.post("/sync/v1/push", content=body, headers=headers)
                answer = response.json()
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] += 1
                break
            took = time.perf_counter() - sent
            latencies.requests.append(took)
            if response.status_code == 503 and answer.get("error") == "busy":
                latencies.busy += 1
                latencies.busy_answers.append(took)
                wait = float(response.headers.get("Retry-After", "1"))
                await asyncio.sleep(wait * random.uniform(0.5, 1.5))
                continue
            latencies.pushes.append(took)
            break
        if response.status_code != 200:
            errors[f"HTTP {response.status_code} {answer.get('error')}"] += 1
            continue
        statuses = Counter(r["status"] for r in answer["results"])
        if statuses["applied"] != len(answer["results"]) or answer["chain"] != {"ok": True}:
            errors[f"results {dict(statuses)} chain {answer['chain']}"] += 1
    latencies.terminals.append(time.perf_counter() - began)


class Latencies:
    """Seconds: every push request (busy answers too), the pushes that were applied, and
    each terminal's whole sync (first send to last answer); busy answers counted."""

    def __init__(self) -> None:
        self.requests: list[float] = []
        self.pushes: list[float] = []
        self.terminals: list[float] = []
        self.busy_answers: list[float] = []
        self.busy = 0


async def load(
    base: str,
    terminals: list[tuple[int, str, list[bytes]]],
    spread: float,
    total: int,
    start_at: float,
) -> tuple[Latencies, Counter[str], float]:
    """The terminals given (their index among ``total``, auth, bodies) from ``start_at``
    (``time.time()``); returns when the last one ended (``time.time()``)."""
    latencies = Latencies()
    errors: Counter[str] = Counter()
    start = asyncio.Event()
    limits = httpx.Limits(max_connections=len(terminals) + 8, max_keepalive_connections=None)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        tasks = [
            asyncio.create_task(
                run_terminal(client, auth, bodies, latencies, errors, start, spread * i / total)
            )
            for i, auth, bodies in terminals
        ]
        await asyncio.sleep(max(0.0, start_at - time.time()))
        start.set()
        await asyncio.gather(*tasks)
    return latencies, errors, time.time()


def load_in_process(
    base: str,
    terminals: list[tuple[int, str, list[bytes]]],
    spread: float,
    total: int,
    start_at: float,
) -> tuple[Latencies, Counter[str], float]:
    return asyncio.run(load(base, terminals, spread, total, start_at))


def load_all(
    base: str, terminals: list[tuple[str, list[bytes]]], spread: float, clients: int
) -> tuple[Latencies, Counter[str], float]:
    """The load from ``clients`` processes, each its own asyncio loop over a share of the
    terminals (200 real terminals are 200 machines: one loop sending 20 MB at one
    instant measures its own queue too); all start at the same instant."""
    indexed = [(i, auth, bodies) for i, (auth, bodies) in enumerate(terminals)]
    shares = [indexed[k::clients] for k in range(clients)]
    start_at = time.time() + 0.5 + 0.3 * clients  # every process is up and connected by then
    if clients == 1:
        results = [load_in_process(base, shares[0], spread, len(terminals), start_at)]
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=clients, mp_context=context) as pool:
            futures = [
                pool.submit(load_in_process, base, share, spread, len(terminals), start_at)
                for share in shares
            ]
            results = [f.result() for f in futures]
    latencies, errors = Latencies(), Counter[str]()
    for part, part_errors, _ended in results:
        latencies.requests += part.requests
        latencies.pushes += part.pushes
        latencies.terminals += part.terminals
        latencies.busy_answers += part.busy_answers
        latencies.busy += part.busy
        errors.update(part_errors)
    return latencies, errors, max(ended for _l, _e, ended in results) - start_at


def ms(values: list[float]) -> str:
    s = sorted(values)
    if not s:
        return "none"
    return (
        f"p50 {percentile(s, 50) * 1000:.0f} ms, p95 {percentile(s, 95) * 1000:.0f} ms, "
        f"p99 {percentile(s, 99) * 1000:.0f} ms, max {s[-1] * 1000:.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--terminals", type=int, default=200)
    parser.add_argument("--batches", type=int, default=5, help="batches per terminal (5)")
    parser.add_argument("--size", type=int, default=50, help="changes per batch (50)")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes (2)")
    parser.add_argument(
        "--spread",
        type=float,
        default=0.0,
        help="start the terminals evenly over this many seconds instead of all at once (0)",
    )
    parser.add_argument(
        "--clients",
        type=int,
        default=4,
        help="load-generator processes, the terminals shared among them (4; 1: one loop)",
    )
    parser.add_argument(
        "--database-url",
        default=DEFAULT_PG,
        help="a PostgreSQL server (any database on it): a fresh database is made beside it",
    )
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}")
    with (
        tempfile.TemporaryDirectory() as tmp_name,
        fresh_database(args.database_url, "terminals") as url,
    ):
        engine = make_engine(url)
        upgrade(engine)
        sessions = session_factory(engine)
        with transaction(sessions) as s:
            admin.add_centre(
                s, code="C01", name="郭仓镇便民服务中心", region_code="370830", phone="", now=NOW
            )
            codes = [
                admin.new_enroll_code(s, centre_code="C01", now=datetime.now(UTC)).code
                for _ in range(args.terminals)
            ]
        desk = Desk.open(Path(tmp_name) / "terminal", clock=FixedClock(NOW))
        try:
            ensure_ready(desk)
            template, ids = template_intake(desk)
        finally:
            desk.close()
        with served(url, workers=args.workers) as base:
            terminals: list[tuple[str, list[bytes]]] = []
            all_cases: set[str] = set()
            with httpx.Client(base_url=base, headers=HEADERS, timeout=60) as client:
                for code in codes:
                    enrolled = client.post(
                        "/sync/v1/enroll",
                        json={"code": code, "store_id": secrets.token_hex(16), "hostname": "b"},
                    )
                    assert enrolled.status_code == 200, enrolled.text
                    body = enrolled.json()
                    bodies, cases = terminal_batches(
                        template, ids, body["terminal_number"], args.batches, args.size
                    )
                    all_cases |= cases
                    terminals.append((f"Bearer {body['terminal_id']}.{body['secret']}", bodies))
            latencies, errors, span = load_all(base, terminals, args.spread, args.clients)
        with sessions() as s:
            changes = s.execute(text("SELECT count(*) FROM applied_changes")).scalar_one()
            audits = s.execute(text("SELECT count(*) FROM audit_entries")).scalar_one()
            cases_held = s.execute(text("SELECT count(*) FROM cases")).scalar_one()
            broken = s.execute(text("SELECT count(*) FROM chain_breaks")).scalar_one()
        engine.dispose()
    batches = args.terminals * args.batches
    total = batches * args.size
    print(
        f"server: {args.workers} workers, PostgreSQL; {args.terminals} enrolled terminals, "
        f"each {args.batches} batches of {args.size} changes one after the other, "
        f"{'all at once' if not args.spread else f'starting evenly over {args.spread:.0f} s'}, "
        f"from {args.clients} load-generator process(es) "
        f"(copies of a real intake: {len(template)} changes, "
        f"{', '.join(sorted({c['operation'] for c in template}))})"
    )
    print(
        f"{batches} batches ({total} changes) in {span:.2f} s: {batches / span:.1f} batches/s, "
        f"{total / span:,.0f} changes/s"
    )
    print(
        f"push requests (busy answers too): {ms(latencies.requests)} (target p95 < 500 ms); "
        f"{latencies.busy} answered busy (503, sent again after Retry-After)"
    )
    print(f"applied pushes: {ms(latencies.pushes)}")
    print(f"busy answers: {ms(latencies.busy_answers)}")
    print(f"each terminal's whole sync (first send to last answer): {ms(latencies.terminals)}")
    print(f"errors: {dict(errors) or 'none'}")
    print(
        f"server holds: {changes} applied_changes, {audits} audit_entries, {cases_held} cases "
        f"(expected {total}, {total}, {len(all_cases)}), {broken} chain breaks"
    )
    ok = not errors and changes == audits == total and cases_held == len(all_cases) and not broken
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
