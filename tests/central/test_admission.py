"""Admission of sync work (clerk_central.admission) and the terminal's answer to busy.

* the middleware alone, over a downstream app that holds a request until released:
  past ``max_pending`` in hand a sync request is answered 503 busy with Retry-After at
  once, before its body is read; other paths are never turned away;
* real terminals against the real server with one sync request in hand per worker:
  six syncing at once are turned away, wait and send again, and the comparer finds
  everything on the server exactly once;
* a server that stays busy: the terminal waits within its budget, then fails ``busy``
  and keeps its queue.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker
from support.central import LiveServer, add_centre, enroll_code
from support.comparer import compare
from support.faults import Terminal

from clerk_central.admission import GUARDED, SyncAdmission
from clerk_desk.sync import SyncClient, SyncFailed

pytestmark = pytest.mark.server

PUSH = "/sync/v1/push"


class Held:
    """A downstream ASGI app whose guarded requests wait until released."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()
        self.release = asyncio.Event()
        self.bodies: list[bytes] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        message = await receive()
        self.bodies.append(message.get("body", b""))
        if scope["path"] in GUARDED:
            self.entered.set()
            await self.release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})


def test_past_the_requests_in_hand_a_sync_request_is_told_to_wait() -> None:
    assert PUSH in GUARDED

    async def scenario() -> None:
        held = Held()
        admission = SyncAdmission(held, max_pending=1, clock=lambda: 100.0)
        transport = httpx.ASGITransport(app=admission)
        async with httpx.AsyncClient(transport=transport, base_url="http://server") as client:
            first = asyncio.create_task(client.post(PUSH, content=b"batch 1"))
            await held.entered.wait()
            assert admission.pending == 1
            busy = await client.post(PUSH, content=b"batch 2")
            assert busy.status_code == 503
            assert busy.json()["error"] == "busy"
            assert busy.headers["retry-after"] == "1"
            assert b"batch 2" not in held.bodies  # nothing of it was read, nothing done
            # Crowded: the wait grows with the requests turned away in the last second.
            for _ in range(3):
                await client.get("/sync/v1/pull")
            assert admission.turned_away == 4
            assert (await client.get("/sync/v1/recover")).headers["retry-after"] == "5"
            # Other paths are never turned away (the status page, the back office, hello).
            for path in ("/t/x", "/sync/v1/hello", "/office/v1/cases/x", "/healthz"):
                assert (await client.get(path)).status_code == 200, path
            held.release.set()
            assert (await first).status_code == 200
            assert admission.pending == 0
            assert (await client.post(PUSH, content=b"batch 2")).status_code == 200

    asyncio.run(scenario())


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_six_terminals_at_once_on_one_request_in_hand_all_arrive_once(
    db_url: str, sessions: sessionmaker[Session], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = LiveServer(db_url, sync_pending=1)
    server.start()
    try:
        add_centre(sessions)
        terminals = [Terminal(f"T{i}", tmp_path / f"t{i}") for i in range(6)]
        for term in terminals:
            term.enroll(server.base, enroll_code(sessions))
            term.set_batch(3)
            term.take_cases(3)
        failures: list[BaseException] = []

        def sync(term: Terminal) -> None:
            try:
                with term.desk() as desk:
                    desk.sync_client().run()
            except BaseException as exc:  # reported below
                failures.append(exc)

        threads = [threading.Thread(target=sync, args=(t,)) for t in terminals]
        with caplog.at_level(logging.INFO, logger="clerk_desk.sync"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(300)
        assert not failures, failures
        assert "the server is busy" in caplog.text  # some were turned away and came back
        assert all(term.waiting() == 0 for term in terminals)
        found = compare(sessions, [(t.name, t.data_dir) for t in terminals])
        assert found.ok, found.summary()
    finally:
        server.stop()


def test_a_server_that_stays_busy_fails_the_sync_busy_and_keeps_the_queue(
    db_url: str, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    server = LiveServer(db_url, sync_pending=0)  # every sync request is turned away
    server.start()
    try:
        add_centre(sessions)
        term = Terminal("T1", tmp_path / "t1")
        term.enroll(server.base, enroll_code(sessions))  # enrolment is not sync work
        term.take_cases(2)
        before = term.waiting()
        pauses: list[float] = []
        with term.desk() as desk:
            # The waits recorded instead of slept; a budget of 5 s instead of minutes.
            client = SyncClient(desk.store, desk.clock, sleep=pauses.append, busy_budget_s=5.0)
            with pytest.raises(SyncFailed) as failed:
                client.run()
        assert failed.value.reason == "busy"
        assert 0.5 <= pauses[0] <= 1.5  # Retry-After 1 s, jittered
        assert len(pauses) >= 2 and sum(pauses) <= 5.0
        assert term.waiting() == before
    finally:
        server.stop()
