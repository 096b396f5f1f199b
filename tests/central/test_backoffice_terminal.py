"""The back office and a real terminal (clerk_desk's Desk and SyncClient) on the live server.

The office moves the case; the terminal pulls each step into its timeline (the due date
moves on resume) and hands the result over; the server ends with the case delivered.
And when the office moves a case that an offline terminal goes on with, the terminal's
changes are refused (``case_moved``) and quarantined, and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker
from support.central import (
    OFFICE_LOGIN,
    OFFICE_PASSWORD,
    LiveServer,
    add_centre,
    enroll_code,
    now,
    office_staff,
    office_step,
)
from support.intake import KEY, LOW_INCOME, NO

from clerk_central import office_api
from clerk_central.models import AuditEntry as ServerAuditEntry
from clerk_central.models import ServerCase, Terminal
from clerk_desk.cases import CaseView
from clerk_desk.clock import CHINA_TZ
from clerk_desk.desk import Desk
from clerk_desk.identity_numbers import resident_id_check_char
from clerk_desk.lifecycle import CaseState
from clerk_desk.models import AuditEntry, OutboxEntry
from clerk_desk.staff import StaffRecord
from clerk_desk.sync import SyncClient, iter_held
from clerk_desk.working_days import due_date, working_days_between

pytestmark = pytest.mark.server


class OfficeClock:
    """The server's clock for the office's steps, set by the test (days pass in between)."""

    def __init__(self) -> None:
        self.at = now()

    def __call__(self) -> datetime:
        return self.at


def day_at(clock: OfficeClock, staff: httpx.Client, when: datetime) -> None:
    """Days later: the server's clock moves on and the staff member logs in again (a
    session lasts office.TOKEN_HOURS)."""
    clock.at = when
    answer = staff.post(
        "/office/v1/login", json={"login": OFFICE_LOGIN, "password": OFFICE_PASSWORD}
    )
    assert answer.status_code == 200, answer.text
    staff.headers["Authorization"] = f"Bearer {answer.json()['token']}"


@pytest.fixture
def office_clock(monkeypatch: pytest.MonkeyPatch) -> OfficeClock:
    clock = OfficeClock()
    monkeypatch.setattr(office_api, "aware_now", clock)
    return clock


@pytest.fixture
def staff(server: LiveServer, sessions: sessionmaker[Session]) -> Iterator[httpx.Client]:
    add_centre(sessions)
    with office_staff(server, sessions) as c:
        yield c


def take_case(desk: Desk, clerk: StaffRecord) -> CaseView:
    body = "37083019800101123"
    person = desk.applicants.register_person(
        actor_id=clerk.id, name="王䶮", id_number=body + resident_id_check_char(body)
    )
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=person.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    return desk.intake.accept(case_id=case.id, clerk_id=clerk.id)


def server_case(sessions: sessionmaker[Session], case_id: str) -> ServerCase:
    with sessions() as s:
        case = s.get_one(ServerCase, case_id)
        s.expunge(case)
        return case


def test_office_steps_reach_the_terminal_which_delivers(
    server: LiveServer,
    sessions: sessionmaker[Session],
    staff: httpx.Client,
    office_clock: OfficeClock,
    desk: Desk,
    clerk: StaffRecord,
) -> None:
    client = SyncClient(desk.store, desk.clock, catalog=desk.catalog, calendar=desk.calendar)
    client.enroll(server.base, enroll_code(sessions))
    case = take_case(desk, clerk)  # Monday 23 November 2026
    assert case.due_on is not None
    assert client.run().refused == 0
    assert server_case(sessions, case.id).state == "accepted"

    # The office starts, and suspends the clock for an inspection a week later.
    day_at(office_clock, staff, datetime(2026, 11, 24, 9, 0, tzinfo=CHINA_TZ))
    office_step(staff, case, "processing_started", "accepted")
    day_at(office_clock, staff, datetime(2026, 11, 30, 9, 0, tzinfo=CHINA_TZ))
    office_step(staff, case, "suspended", "in_progress", reason="现场核查")
    report = client.run()
    assert report.pulled >= 2 and report.held == 0
    here = desk.cases.get(case.id)
    assert here.state is CaseState.SUSPENDED and here.due_on == case.due_on

    # Resumed a week later, decided, completed: each step comes down in order.
    day_at(office_clock, staff, datetime(2026, 12, 7, 9, 0, tzinfo=CHINA_TZ))
    office_step(staff, case, "resumed", "suspended")
    day_at(office_clock, staff, datetime(2026, 12, 8, 15, 0, tzinfo=CHINA_TZ))
    office_step(staff, case, "decided", "in_progress", decision="准予享受最低生活保障")
    day_at(office_clock, staff, datetime(2026, 12, 9, 10, 0, tzinfo=CHINA_TZ))
    office_step(staff, case, "completed", "decided")
    assert client.run().held == 0
    here = desk.cases.get(case.id)
    assert here.state is CaseState.COMPLETED
    timeline = desk.cases.timeline(case.id)
    office_events = [e for e in timeline if e.staff_name == "李审批"]
    assert [e.action for e in office_events] == [
        "processing_started",
        "suspended",
        "resumed",
        "decided",
        "completed",
    ]
    assert office_events[1].detail.to_json()["reason"] == "现场核查"
    assert office_events[3].detail.to_json()["decision"] == "准予享受最低生活保障"
    assert office_events[4].at == datetime(2026, 12, 9, 10, 0, tzinfo=CHINA_TZ)
    # The due date moved by the five working days the clock stood still.
    calendar = desk.calendar.calendar()
    paused = working_days_between(
        datetime(2026, 11, 30).date(), datetime(2026, 12, 7).date(), calendar
    )
    assert paused == 5
    assert here.due_on == due_date(case.due_on, paused, "working_day", calendar).due_on

    # Pulling the same steps again (the cursor lost) changes nothing.
    with desk.store.read() as s:
        audit = len(s.scalars(select(AuditEntry)).all())
    with desk.store.write() as s:
        s.execute(text("UPDATE sync_state SET cursor = 0"))
    assert client.run().held == 0
    assert len(desk.cases.timeline(case.id)) == len(timeline)
    with desk.store.read() as s:
        assert len(s.scalars(select(AuditEntry)).all()) == audit
        # The office's steps went up as audit anchors only: no echo of the case.
        pushed = s.scalars(
            select(OutboxEntry.operation).where(
                OutboxEntry.entity == "case", OutboxEntry.entity_id == case.id
            )
        ).all()
    assert not {"case.processing_started", "case.completed"} & set(pushed)
    with sessions() as s:
        anchors = s.scalars(
            select(ServerAuditEntry.action).where(ServerAuditEntry.entity_id == case.id)
        ).all()
    assert {"case.suspended", "case.resumed", "case.completed"} <= set(anchors)
    assert server_case(sessions, case.id).state == "completed"
    # The server counted the suspended days itself (no echo came back): the same due date.
    copy = server_case(sessions, case.id)
    assert copy.data["case"]["due_on"] == here.due_on.isoformat()
    resumed = [s for s in copy.data["office"]["steps"] if s["step"] == "resumed"]
    assert resumed[0]["paused_working_days"] == 5
    # The public status page shows the stage and the office's dates.
    page = httpx.get(f"{server.base}/t/{case.tracking_number}?q={case.query_code}").text
    assert '<p class="stage">已办结</p>' in page
    for label, day in [
        ("开始办理日期", "2026年11月24日"),
        ("暂停计时日期", "2026年11月30日"),
        ("恢复计时日期", "2026年12月7日"),
        ("决定日期", "2026年12月8日"),
        ("办结日期", "2026年12月9日"),
    ]:
        assert f"<dt>{label}</dt><dd>{day}</dd>" in page

    # The terminal hands the result over: the server takes it.
    desk.cases.deliver(case.id, staff_id=clerk.id, how="窗口领取")
    report = client.run()
    assert report.refused == 0 and report.waiting == 0
    copy = server_case(sessions, case.id)
    assert copy.state == "delivered" and copy.data["case"]["due_on"] == here.due_on.isoformat()
    assert len(copy.data["office"]["steps"]) == 5
    with sessions() as s:
        assert not s.scalars(select(Terminal.chain_broken)).one()


def test_an_offline_terminal_that_goes_on_is_refused_and_loses_nothing(
    server: LiveServer,
    sessions: sessionmaker[Session],
    staff: httpx.Client,
    desk: Desk,
    clerk: StaffRecord,
) -> None:
    client = SyncClient(desk.store, desk.clock, catalog=desk.catalog, calendar=desk.calendar)
    client.enroll(server.base, enroll_code(sessions))
    case = take_case(desk, clerk)
    client.run()
    # The office suspends the case...
    office_step(staff, case, "processing_started", "accepted")
    office_step(staff, case, "suspended", "in_progress", reason="专家评审")
    # ...while the terminal, offline, takes it to the end and hands the result over.
    desk.cases.start_processing(case.id, staff_id=clerk.id)
    desk.cases.decide(case.id, staff_id=clerk.id, decision="准予")
    desk.cases.complete(case.id, staff_id=clerk.id)
    desk.cases.deliver(case.id, staff_id=clerk.id, how="窗口领取")
    with desk.store.read() as s:
        waiting = s.scalars(
            select(OutboxEntry.operation)
            .where(OutboxEntry.sent_at.is_(None), OutboxEntry.entity == "case")
            .order_by(OutboxEntry.seq)
        ).all()
    assert waiting == [
        "case.processing_started",
        "case.decided",
        "case.completed",
        "case.delivered",
    ]

    report = client.push()
    assert report.refused == 4 and report.pushed == 0
    quarantined = client.quarantined()
    assert {q.reason for q in quarantined} == {"case_moved"}
    assert [q.operation for q in quarantined][-1] == "case.delivered"
    assert "suspended (暂停计时)" in quarantined[-1].message
    # Nothing lost: every change still waits in the outbox; the server's case is the office's.
    with desk.store.read() as s:
        still = s.scalars(
            select(OutboxEntry.operation).where(
                OutboxEntry.sent_at.is_(None), OutboxEntry.entity == "case"
            )
        ).all()
    assert sorted(still) == sorted(waiting)
    assert server_case(sessions, case.id).state == "suspended"
    assert desk.cases.get(case.id).state is CaseState.DELIVERED
    # The office's steps do not fit the terminal's case: kept with the problem, not applied.
    client.pull()
    held = [h for h in iter_held(desk.store) if h.kind == "case_step"]
    assert [h.body["step"] for h in held] == ["processing_started", "suspended"]
    assert all("is delivered on this terminal" in h.problem for h in held)
    # Retried as it stands, the change is refused again: still nothing lost.
    client.retry_quarantined(quarantined[0].outbox_id)
    again = client.push()  # the retry's own audit anchor goes up; the case change does not
    assert again.refused == 1 and again.pushed == 1
    assert client.quarantined()[0].reason == "case_moved"
    with desk.store.read() as s:
        assert len(
            s.scalars(
                select(OutboxEntry).where(
                    OutboxEntry.sent_at.is_(None), OutboxEntry.entity == "case"
                )
            ).all()
        ) == len(waiting)
    assert server_case(sessions, case.id).state == "suspended"
