"""Several worker processes on one database, and a real terminal's outbox going up."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from support.central import HEADERS, Enrolled, add_centre, count, enroll, enroll_code, push

from clerk_central.models import ServerCase
from clerk_desk.identity_numbers import resident_id_check_char
from clerk_desk.models import AuditEntry as TerminalAudit
from clerk_desk.models import OutboxEntry

REPO = Path(__file__).resolve().parents[2]
LOW_INCOME = "370830104-MZ-001"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def workers(db_url: str, tmp_path: Path):
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "clerk_central.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
            "--database-url",
            db_url,
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert process.poll() is None, (tmp_path / "serve.log").read_text()
        assert time.monotonic() < deadline, "the workers did not come up"
        time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(30)
    log.close()


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_two_workers_apply_each_change_once(workers, sessions) -> None:
    add_centre(sessions)
    with httpx.Client(base_url=workers, headers=HEADERS, timeout=60) as client:
        terminals = [Enrolled(enroll(client, enroll_code(sessions)).json()) for _ in range(3)]
        assert sorted(t.number for t in terminals) == ["00001", "00002", "00003"]
        batches = {
            t.id: [
                t.chain.case_step(f"{t.number}-case-{i}", f"{t.number}-2026-{i:06d}", "accepted", 1)
                for i in range(40)
            ]
            for t in terminals
        }
        answers: list[tuple[str, dict]] = []
        lock = threading.Lock()

        def deliver(t: Enrolled) -> None:
            # Each batch goes twice at once (a retry racing the first try), on separate
            # connections that the two workers share between them.
            with httpx.Client(base_url=workers, headers=HEADERS, timeout=60) as own:
                body = push(own, t, batches[t.id]).json()
            with lock:
                answers.append((t.id, body))

        threads = [threading.Thread(target=deliver, args=(t,)) for t in terminals for _ in (1, 2)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(120)
    failures = 0
    for t in terminals:
        bodies = [b for tid, b in answers if tid == t.id]
        assert len(bodies) == 2
        for i in range(40):
            pair = sorted(b["results"][i]["status"] for b in bodies)
            same = bodies[0]["results"][i]["server_id"] == bodies[1]["results"][i]["server_id"]
            failures += pair != ["applied", "duplicate"] or not same
        assert all(b["chain"] == {"ok": True} for b in bodies)
    print(f"two workers, batches twice at once: tries={3 * 40} failures={failures}")
    assert failures == 0
    assert count(sessions, "SELECT count(*) FROM applied_changes") == 120
    assert count(sessions, "SELECT count(*) FROM cases") == 120


def _outbox_as_pushed(desk) -> list[dict]:
    """The terminal's outbox entries with their audit entries, in outbox order."""
    with desk.store.read() as s:
        audits = {a.seq: a for a in s.scalars(select(TerminalAudit))}
        changes = []
        for entry in s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)):
            a = audits[entry.audit_seq]
            changes.append(
                {
                    "id": entry.id,
                    "outbox_seq": entry.seq,
                    "entity": entry.entity,
                    "entity_id": entry.entity_id,
                    "operation": entry.operation,
                    "payload": entry.payload,
                    "audit": {
                        "seq": a.seq,
                        "id": a.id,
                        "at": a.at.isoformat(),
                        "actor_id": a.actor_id,
                        "action": a.action,
                        "entity": a.entity,
                        "entity_id": a.entity_id,
                        "payload": a.payload,
                        "prev_hash": a.prev_hash,
                        "hash": a.hash,
                    },
                }
            )
    return changes


def test_a_real_terminals_outbox_goes_up_once(client, sessions, desk, clerk) -> None:
    """clerk_desk's own outbox and audit chain, as the terminal will send them."""
    add_centre(sessions)
    t = Enrolled(enroll(client, enroll_code(sessions)).json())
    body17 = "37083019800101123"
    person = desk.applicants.register_person(
        actor_id=clerk.id, name="王䶮", id_number=body17 + resident_id_check_char(body17)
    )
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=person.id)
    changes = _outbox_as_pushed(desk)
    assert any(c["entity"] == "case" for c in changes)
    first = push(client, t, changes).json()
    assert {r["status"] for r in first["results"]} == {"applied"}, first
    assert first["chain"] == {"ok": True}
    again = push(client, t, changes).json()
    assert {r["status"] for r in again["results"]} == {"duplicate"}
    with sessions() as s:
        copy = s.scalars(select(ServerCase)).one()
        assert copy.id == case.id and copy.tracking_number == case.tracking_number
        assert copy.state == str(case.state)
    assert count(sessions, "SELECT count(*) FROM audit_entries") == len(changes)
