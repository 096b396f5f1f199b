"""Helpers of the freeze-policy tests: a terminal as its enrolment and its syncs leave it.

Without a county server (the tests in tests/central enroll and sync against the real
one): the rows :meth:`clerk_desk.sync.SyncClient.enroll` and a successful ``run`` write.
"""

from __future__ import annotations

from datetime import datetime

from clerk_desk.desk import Desk
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.models import Setting, SyncState
from clerk_desk.staff import StaffRecord
from clerk_desk.sync import SECRET_KEY

SUPERVISOR_PASSWORD = "Jiandu#2026"


def enrolled(desk: Desk, at: datetime) -> None:
    """The terminal enrolled at ``at`` (its sync state and secret), never synced yet."""
    with desk.store.write() as session:
        session.add(
            SyncState(
                id=1,
                server_url="https://sync.example.gov.cn",
                terminal_id="t-freeze",
                centre_code="C01",
                cursor=0,
                enrolled_at=at,
                last_error="",
            )
        )
        session.add(Setting(key=SECRET_KEY, value="not-a-real-secret"))


def synced(desk: Desk, at: datetime) -> None:
    """A sync succeeded at ``at`` (as SyncClient.run notes it)."""
    with desk.store.write() as session:
        state = session.get(SyncState, 1)
        assert state is not None
        state.last_attempt_at = state.last_success_at = at
        state.last_error = ""


def supervisor(desk: Desk, login: str = "li") -> StaffRecord:
    return desk.staff.create(
        actor_id=SYSTEM_ACTOR,
        login=login,
        name="李主任",
        role="supervisor",
        password=SUPERVISOR_PASSWORD,
    )
