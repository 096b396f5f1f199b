"""A real terminal (clerk_desk's SyncClient over its own store) against the real server.

Enrolment gives the terminal its number and the status page address; every
change it takes reaches the server exactly once, whatever is delivered again;
a setting the county publishes comes down; a revoked terminal keeps its queue.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker
from support.central import LiveServer, add_centre, enroll_code, take_case, waiting

from clerk_central import admin
from clerk_central.db import transaction
from clerk_central.models import ServerCase
from clerk_desk.desk import Desk
from clerk_desk.models import OutboxEntry
from clerk_desk.staff import StaffRecord
from clerk_desk.sync import SyncClient, SyncFailed

pytestmark = pytest.mark.server


def publish(sessions: sessionmaker[Session], desk: Desk, url: str) -> None:
    with transaction(sessions) as s:
        admin.set_setting(
            s, key="public_status_url", value=url, centre_code=None, now=desk.clock.now()
        )


def server_count(sessions: sessionmaker[Session], sql: str) -> int:
    with sessions() as s:
        return int(s.execute(text(sql)).scalar_one())


def test_a_terminal_enrolls_pushes_once_and_pulls(
    server: LiveServer, sessions: sessionmaker[Session], desk: Desk, clerk: StaffRecord
) -> None:
    add_centre(sessions)
    publish(sessions, desk, "https://zwfw.wenshang.gov.cn/t")  # the county's status page
    provisional = desk.settings().terminal_code
    before = take_case(desk, clerk, 1)  # numbered with the provisional number
    client = SyncClient(desk.store, desk.clock)
    enrolled = client.enroll(server.base, enroll_code(sessions))
    number = desk.settings().terminal_code
    assert number == enrolled.terminal_number and number != provisional
    # The status page address for its QR codes came with enrolment: no placeholder warning.
    assert desk.settings().public_status_url == "https://zwfw.wenshang.gov.cn/t"
    assert not desk.settings().placeholder_status_url
    after = take_case(desk, clerk, 2)
    assert after.tracking_number[6:11] == number  # new cases take the county's number
    assert desk.cases.get(before.id).tracking_number == before.tracking_number  # paper stays

    with desk.store.read() as s:
        outbox = len(s.scalars(select(OutboxEntry)).all())
    report = client.run()
    assert report.waiting == 0 and report.refused == 0 and not report.chain_problems
    assert waiting(desk) == 0
    # Every change once on the server, whatever is sent again.
    assert server_count(sessions, "SELECT count(*) FROM applied_changes") == outbox
    with desk.store.write() as s:  # as if every acknowledgement had been lost
        s.execute(text("UPDATE outbox SET sent_at = NULL, server_id = NULL"))
    again = client.run()
    assert again.duplicates == outbox and again.pushed == 0 and waiting(desk) == 0
    assert server_count(sessions, "SELECT count(*) FROM applied_changes") == outbox
    with sessions() as s:
        copies = {c.id: c for c in s.scalars(select(ServerCase))}
    for case in (before, after):
        here = desk.cases.get(case.id)
        assert copies[case.id].tracking_number == here.tracking_number
        assert copies[case.id].state == str(here.state)

    # A setting the county publishes later comes down.
    publish(sessions, desk, "https://zwfw.jining.gov.cn/status")
    assert client.run().pulled >= 1
    assert desk.settings().public_status_url == "https://zwfw.jining.gov.cn/status"

    # Revoked: a clear 吊销, and the queue is kept.
    take_case(desk, clerk, 3)
    queued = waiting(desk)
    with transaction(sessions) as s:
        admin.revoke_terminal(s, number=number, now=desk.clock.now())
    with pytest.raises(SyncFailed) as refused:
        client.run()
    assert "吊销" in str(refused.value)
    assert waiting(desk) == queued > 0
