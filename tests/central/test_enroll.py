"""Enrollment: one-time codes, expiry, county-wide unique numbers (also when racing)."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import select
from support.central import (
    add_centre,
    count,
    enroll,
    enroll_code,
    now,
    sha256,
)

from clerk_central import admin, sync
from clerk_central.db import transaction
from clerk_central.models import EnrollCode, Terminal
from clerk_central.protocol import CODE_ALPHABET


def test_enroll_gives_credentials_centre_and_settings(client, sessions) -> None:
    add_centre(sessions)
    with transaction(sessions) as s:
        admin.set_setting(
            s, key="public_status_url", value="https://zw.example.cn/t", centre_code=None, now=now()
        )
    code = enroll_code(sessions)
    assert re.fullmatch(
        f"[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}", code
    )
    response = enroll(client, code, provisional="90007", store_id="store-abc")
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["secret"]) == 43
    assert re.fullmatch("[0-9a-f]{32}", body["terminal_id"])
    assert body["terminal_number"] == "00001"  # a provisional number is never kept
    assert body["centre"] == {
        "code": "C01",
        "name": "城关镇便民服务中心",
        "region_code": "370830",
        "phone": "0537-7212345",
    }
    assert body["settings"] == {"public_status_url": "https://zw.example.cn/t"}
    assert body["cursor"] == 0
    with sessions() as s:
        terminal = s.get_one(Terminal, body["terminal_id"])
        # Only digests are kept: of the secret and of the code.
        assert terminal.secret_sha256 == sha256(body["secret"])
        assert terminal.store_id == "store-abc"
        stored = s.scalars(select(EnrollCode)).one()
        assert stored.sha256 == sha256(code.replace("-", ""))
        assert stored.used_at is not None


def test_a_code_works_once(client, sessions) -> None:
    add_centre(sessions)
    code = enroll_code(sessions)
    assert enroll(client, code).status_code == 200
    again = enroll(client, code)
    assert again.status_code == 400
    assert again.json()["error"] == "enroll_code_invalid"
    assert count(sessions, "SELECT count(*) FROM terminals") == 1


def test_expired_unknown_and_sloppy_codes(client, sessions) -> None:
    add_centre(sessions)
    old = enroll_code(sessions, at=now() - timedelta(hours=24, seconds=1))
    assert enroll(client, old).json()["error"] == "enroll_code_invalid"
    assert enroll(client, "2222-3333-4444").json()["error"] == "enroll_code_invalid"
    fresh = enroll_code(sessions)
    # Typed in lower case without the dashes: the same code.
    assert enroll(client, fresh.replace("-", "").lower()).status_code == 200


def test_numbers_assigned_confirmed_and_never_shared(client, sessions) -> None:
    add_centre(sessions)
    first = enroll(client, enroll_code(sessions), provisional="00042").json()
    assert first["terminal_number"] == "00042"  # an assigned number that is free: confirmed
    clash = enroll(client, enroll_code(sessions), provisional="00042").json()
    assert clash["terminal_number"] == "00001"  # taken: the lowest free one instead
    nothing = enroll(client, enroll_code(sessions), provisional="").json()
    assert nothing["terminal_number"] == "00002"
    provisional = enroll(client, enroll_code(sessions), provisional="93001").json()
    assert provisional["terminal_number"] == "00003"


def test_concurrent_enrollments_get_distinct_numbers(client, sessions) -> None:
    add_centre(sessions)
    codes = [enroll_code(sessions) for _ in range(12)]
    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda c: enroll(client, c), codes))
    assert [a.status_code for a in answers] == [200] * 12
    numbers = [a.json()["terminal_number"] for a in answers]
    print(f"racing enrollments: tries=12 failures={12 - len(set(numbers))}")
    assert sorted(numbers) == [f"{n:05d}" for n in range(1, 13)]


def test_one_code_raced_by_two_terminals_enrolls_one(client, sessions) -> None:
    add_centre(sessions)
    failures = 0
    for _ in range(5):
        code = enroll_code(sessions)
        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(lambda _i, c=code: enroll(client, c), range(2)))
        statuses = sorted(a.status_code for a in answers)
        failures += statuses != [200, 400]
    print(f"one code raced twice: tries=5 failures={failures}")
    assert failures == 0


def test_a_number_taken_by_an_uncommitted_enrollment_goes_to_the_next(sessions) -> None:
    """The constraint decides: the loser of a race for a number takes the next free one.

    A holds 00001 uncommitted; B (another connection) picks 00001 too (it cannot see A's
    row), waits on the unique index (PostgreSQL) or on A's write lock (SQLite), and after
    A commits takes 00002 instead of failing.
    """
    add_centre(sessions)
    codes = [enroll_code(sessions) for _ in range(2)]
    a = sessions()
    a.begin()
    first = sync.enroll(
        a,
        code=codes[0],
        store_id="a",
        provisional_number="",
        hostname="",
        client_version="",
        now=now(),
    )
    result: dict[str, str] = {}

    def second() -> None:
        with transaction(sessions) as b:
            result["number"] = sync.enroll(
                b,
                code=codes[1],
                store_id="b",
                provisional_number="",
                hostname="",
                client_version="",
                now=now(),
            )["terminal_number"]

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(1.0)
    assert thread.is_alive(), "B must wait for A"
    a.commit()
    a.close()
    thread.join(30)
    assert first["terminal_number"] == "00001"
    assert result["number"] == "00002"
