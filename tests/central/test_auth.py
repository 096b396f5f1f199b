"""Authentication, revocation, the version handshake and the monitoring endpoints."""

from __future__ import annotations

import httpx
from support.central import HEADERS, LiveServer, add_centre, enrolled, now, push

from clerk_central import admin
from clerk_central.db import transaction
from clerk_central.models import ServerCase


def test_hello_and_health(client) -> None:
    hello = client.get("/sync/v1/hello")
    assert hello.json() == {"protocol": 1, "min_protocol": 1, "server": "clerk-central 0.1.0"}
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200


def test_readyz_says_when_the_database_is_gone() -> None:
    live = LiveServer("postgresql://postgres@127.0.0.1:1/none")
    live.start()
    try:
        with httpx.Client(base_url=live.base, timeout=30) as c:
            assert c.get("/healthz").status_code == 200
            assert c.get("/readyz").status_code == 503
            enroll = c.post("/sync/v1/enroll", headers=HEADERS, json={"code": "x", "store_id": "s"})
            assert enroll.status_code == 500
            assert enroll.json()["error"] == "internal"
    finally:
        live.stop()


def test_bad_credentials_are_unauthorized(client, sessions) -> None:
    add_centre(sessions)
    terminal = enrolled(client, sessions)
    tries = {
        "none": {},
        "not bearer": {"Authorization": f"Basic {terminal.id}"},
        "no secret": {"Authorization": f"Bearer {terminal.id}"},
        "wrong secret": {"Authorization": f"Bearer {terminal.id}.{'A' * 43}"},
        "unknown id": {"Authorization": f"Bearer {'0' * 32}.{terminal.secret}"},
    }
    failures = 0
    for headers in tries.values():
        for call in (
            lambda h=headers: client.get("/sync/v1/pull", headers=h),
            lambda h=headers: client.post("/sync/v1/push", json={"changes": []}, headers=h),
        ):
            answer = call()
            failures += answer.status_code != 401 or answer.json()["error"] != "unauthorized"
    print(f"bad credentials: tries={2 * len(tries)} failures={failures}")
    assert failures == 0
    assert client.get("/sync/v1/pull", headers=terminal.auth).status_code == 200


def test_revoked_terminal_is_told_and_nothing_is_taken(client, sessions) -> None:
    add_centre(sessions)
    terminal = enrolled(client, sessions)
    with transaction(sessions) as s:
        admin.revoke_terminal(s, number=terminal.number, now=now())
    change = terminal.chain.case_step("case-1", "00001-2026-000001", "accepted", 1)
    for answer in (
        push(client, terminal, [change]),
        client.get("/sync/v1/pull", headers=terminal.auth),
    ):
        assert answer.status_code == 403
        assert answer.json()["error"] == "revoked"
        assert "吊销" in answer.json()["message"]
    with sessions() as s:
        assert s.query(ServerCase).count() == 0


def test_too_old_and_missing_protocol(client, sessions) -> None:
    add_centre(sessions)
    terminal = enrolled(client, sessions)
    old = {"X-Clerk-Protocol": "0"}
    for answer in (
        client.get("/sync/v1/hello", headers=old),
        client.get("/sync/v1/pull", headers={**terminal.auth, **old}),
        client.post("/sync/v1/push", json={"changes": []}, headers={**terminal.auth, **old}),
    ):
        assert answer.status_code == 426
        assert answer.json()["error"] == "too_old"
    with httpx.Client(base_url=str(client.base_url), timeout=30) as bare:
        missing = bare.get("/sync/v1/pull", headers=terminal.auth)
    assert missing.status_code == 400
    assert missing.json()["error"] == "bad_request"


def test_malformed_bodies_are_bad_requests(client, sessions) -> None:
    add_centre(sessions)
    terminal = enrolled(client, sessions)
    bodies = [{"changes": "no"}, {"changes": [{"id": "x"}]}, {}, [1, 2]]
    for body in bodies:
        answer = client.post("/sync/v1/push", json=body, headers=terminal.auth)
        assert answer.status_code == 400, answer.text
        assert answer.json()["error"] == "bad_request"
    answer = client.get("/sync/v1/pull?after=-1", headers=terminal.auth)
    assert answer.json()["error"] == "bad_request"
