"""Helpers for the county server's tests (fixtures are in conftest.py)."""

from __future__ import annotations

import hashlib
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import httpx
import uvicorn
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from clerk_central import admin
from clerk_central.app import create_app, dispose
from clerk_central.db import transaction
from clerk_desk.desk import Desk
from clerk_desk.identity_numbers import resident_id_check_char
from clerk_desk.journal import GENESIS_HASH, canonical_json, entry_hash
from clerk_desk.models import OutboxEntry
from clerk_desk.staff import StaffRecord
from support.desks import REPO
from support.intake import KEY, LOW_INCOME, NO

HEADERS = {"X-Clerk-Protocol": "1", "X-Clerk-Version": "0.1.0-test"}


class LiveServer:
    """uvicorn serving create_app(url) in a thread, on a free port."""

    def __init__(self, url: str, port: int = 0, *, sync_pending: int | None = None) -> None:
        self.app = create_app(url, sync_pending=sync_pending)
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a port served before
        self.sock.bind(("127.0.0.1", port))
        self.port = int(self.sock.getsockname()[1])
        self.base = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()
        dispose(self.app)


# --- helpers -------------------------------------------------------------------------------


def now() -> datetime:
    return datetime.now(UTC)


def add_centre(
    sessions: sessionmaker[Session], code: str = "C01", name: str = "城关镇便民服务中心"
) -> None:
    with transaction(sessions) as s:
        admin.add_centre(
            s, code=code, name=name, region_code="370830", phone="0537-7212345", now=now()
        )


def enroll_code(
    sessions: sessionmaker[Session], centre: str = "C01", at: datetime | None = None
) -> str:
    with transaction(sessions) as s:
        return admin.new_enroll_code(s, centre_code=centre, now=at or now()).code


def enroll(
    client: httpx.Client, code: str, provisional: str = "90001", store_id: str | None = None
) -> httpx.Response:
    return client.post(
        "/sync/v1/enroll",
        json={
            "code": code,
            "store_id": store_id or secrets.token_hex(16),
            "provisional_number": provisional,
            "hostname": "window-1",
        },
    )


class TerminalChain:
    """A terminal's audit chain, computed as clerk_desk.journal computes it."""

    def __init__(self) -> None:
        self.seq = 0
        self.prev = GENESIS_HASH
        self.outbox_seq = 0

    def change(
        self,
        *,
        entity: str,
        entity_id: str,
        operation: str,
        payload: dict[str, Any],
        change_id: str | None = None,
    ) -> dict[str, Any]:
        self.seq += 1
        self.outbox_seq += 1
        at = datetime(2026, 12, 5, 2, 0, tzinfo=UTC).replace(microsecond=self.seq)
        text_payload = canonical_json(payload)
        entry_id = secrets.token_hex(16)
        digest = entry_hash(
            seq=self.seq,
            entry_id=entry_id,
            at=at,
            actor_id="clerk-1",
            action=operation,
            entity=entity,
            entity_id=entity_id,
            payload=text_payload,
            prev_hash=self.prev,
        )
        audit = {
            "seq": self.seq,
            "id": entry_id,
            "at": at.isoformat(),
            "actor_id": "clerk-1",
            "action": operation,
            "entity": entity,
            "entity_id": entity_id,
            "payload": text_payload,
            "prev_hash": self.prev,
            "hash": digest,
        }
        self.prev = digest
        return {
            "id": change_id or secrets.token_hex(16),
            "outbox_seq": self.outbox_seq,
            "entity": entity,
            "entity_id": entity_id,
            "operation": operation,
            "payload": payload,
            "audit": audit,
        }

    def case_step(
        self, case_id: str, number: str, state: str, step: int, action: str = "accepted"
    ) -> dict[str, Any]:
        payload = {
            "case": {
                "id": case_id,
                "tracking_number": number,
                "state": state,
                "terminal_code": number[:5],
            },
            "event": {
                "seq": step,
                "action": action,
                "from_state": None,
                "to_state": state,
                "detail": {},
            },
        }
        return self.change(
            entity="case", entity_id=case_id, operation=f"case.{action}", payload=payload
        )


class Enrolled:
    def __init__(self, body: dict[str, Any]) -> None:
        self.body = body
        self.id = body["terminal_id"]
        self.secret = body["secret"]
        self.number = body["terminal_number"]
        self.auth = {"Authorization": f"Bearer {self.id}.{self.secret}"}
        self.chain = TerminalChain()


def enrolled(
    client: httpx.Client, sessions: sessionmaker[Session], centre: str = "C01"
) -> Enrolled:
    response = enroll(client, enroll_code(sessions, centre))
    assert response.status_code == 200, response.text
    return Enrolled(response.json())


def push(client: httpx.Client, terminal: Enrolled, changes: list[dict[str, Any]]) -> httpx.Response:
    """POST /sync/v1/push. A busy answer (503: the worker had enough in hand and did
    nothing of it, clerk_central.admission) is sent again, as a terminal does (sooner)."""
    for _ in range(100):
        response = client.post("/sync/v1/push", json={"changes": changes}, headers=terminal.auth)
        if response.status_code != 503 or response.json().get("error") != "busy":
            return response
        time.sleep(random.uniform(0.05, 0.3))
    return response


def count(sessions: sessionmaker[Session], sql: str, **params: Any) -> int:
    with sessions() as s:
        return int(s.execute(text(sql), params).scalar_one())


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def take_case(desk: Desk, clerk: StaffRecord, i: int) -> Any:
    body = f"37083019800101{i:03d}"
    person = desk.applicants.register_person(
        actor_id=clerk.id, name=f"王{i}", id_number=body + resident_id_check_char(body)
    )
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=person.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    return desk.intake.accept(case_id=case.id, clerk_id=clerk.id)


def waiting(desk: Desk) -> int:
    with desk.store.read() as s:
        return len(s.scalars(select(OutboxEntry).where(OutboxEntry.sent_at.is_(None))).all())


def server_enroll(server: LiveServer, code: str) -> str:
    import httpx

    from support.central import HEADERS, enroll

    with httpx.Client(base_url=server.base, headers=HEADERS, timeout=30) as c:
        response = enroll(c, code, provisional="")
        assert response.status_code == 200, response.text
        return str(response.json()["terminal_number"])


def run(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "CLERK_CENTRAL_DATABASE_URL": db_url}
    return subprocess.run(
        [sys.executable, "-m", "clerk_central.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


OFFICE_PASSWORD = "correct horse battery"


OFFICE_LOGIN = "li.office"


def office_login(base: str, sessions: sessionmaker[Session]) -> dict[str, str]:
    """A back-office account of centre C01 (add_centre first; what ``clerk-central admin``
    makes), logged in on the live server at ``base``: its Authorization header."""
    from clerk_central import office

    with transaction(sessions) as s:
        office.add_account(
            s,
            login=OFFICE_LOGIN,
            name="李审批",
            role="office",
            centre_code="C01",
            password=OFFICE_PASSWORD,
            now=now(),
        )
    answer = httpx.post(
        f"{base}/office/v1/login", json={"login": OFFICE_LOGIN, "password": OFFICE_PASSWORD}
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


@contextmanager
def office_staff(server: LiveServer, sessions: sessionmaker[Session]) -> Iterator[httpx.Client]:
    """A client of the back office, logged in as :func:`office_login`'s account."""
    auth = office_login(server.base, sessions)
    with httpx.Client(base_url=server.base, timeout=30, headers=auth) as c:
        yield c


def office_step(
    staff: httpx.Client, case: Any, step: str, expected: str, **extra: str
) -> dict[str, Any]:
    """The back office moves ``case`` (a CaseView) one step, expecting it in ``expected``."""
    answer = staff.post(
        f"/office/v1/cases/{case.tracking_number}/steps",
        json={"step": step, "expected_state": expected, **extra},
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())
