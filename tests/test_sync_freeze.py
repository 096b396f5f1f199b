"""The freeze policy: warned after 7 days or 5,000 waiting changes, frozen after 30 days.

Frozen, a NEW intake needs a supervisor's password (audited with the case it
opens); everything on existing cases goes on. A terminal never enrolled is not
under the policy. A clock moved backwards neither unfreezes nor double-counts.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from support.desks import resident_id, unchanged
from support.freeze import SUPERVISOR_PASSWORD, enrolled, supervisor, synced
from support.handover import make_agent
from support.intake import KEY, LOW_INCOME, NO
from support.staff import audit

from clerk_desk.applicants import ApplicantRecord
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.intake import Proxy
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.lifecycle import CaseState
from clerk_desk.models import AuditEntry, CaseEvent
from clerk_desk.staff import DEMO_PASSWORD, StaffRecord
from clerk_desk.sync_freeze import (
    FreezeLevel,
    FreezeOverride,
    FreezeReason,
    FreezeState,
    SyncFrozen,
    assess,
)

START = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ)


def state(desk: Desk) -> FreezeState:
    with desk.store.read() as session:
        return assess(session, desk.settings(), desk.clock.now())


def person(desk: Desk, clerk: StaffRecord, body17: str) -> ApplicantRecord:
    return desk.applicants.register_person(
        actor_id=clerk.id, name="王小明", id_number=resident_id(body17), phone="13912345678"
    )


def open_new(desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord, **kw):  # type: ignore[no-untyped-def]
    return desk.intake.start_case(
        clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id, **kw
    )


def test_a_terminal_never_enrolled_never_warns_nor_freezes(desk, clerk, applicant, clock) -> None:
    clock.advance(timedelta(days=400))
    assert state(desk).level is FreezeLevel.OFF
    started = open_new(desk, clerk, applicant)
    assert not started.existing and started.freeze is not None
    assert started.freeze.level is FreezeLevel.OFF


def test_days_without_a_sync_warn_then_freeze_new_intakes(
    desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord, clock: FixedClock
) -> None:
    enrolled(desk, START)
    assert state(desk).level is FreezeLevel.OK
    clock.advance(timedelta(days=6, hours=23))
    assert state(desk).level is FreezeLevel.OK
    clock.advance(timedelta(hours=1))
    warned = state(desk)
    assert warned.level is FreezeLevel.WARN and warned.reasons == (FreezeReason.DAYS,)
    assert warned.days == 7 and warned.since == START
    started = open_new(desk, clerk, applicant)  # warned: it opens, and says so
    assert started.freeze is not None and started.freeze.level is FreezeLevel.WARN

    clock.advance(timedelta(days=23))  # 30 days after the enrolment, no sync yet
    other = person(desk, clerk, "37083019800404202")
    desk.sync_freeze(observe=True)  # the clock's reading is kept, refused or not
    with unchanged(desk), pytest.raises(SyncFrozen) as refused:
        open_new(desk, clerk, other)
    assert refused.value.state is not None and refused.value.state.days == 30
    assert isinstance(refused.value, RuleViolation)
    assert "supervisor's password" in str(refused.value) and "30 days" in str(refused.value)

    # A successful sync counts from its own time again.
    synced(desk, clock.now())
    assert state(desk).level is FreezeLevel.OK
    assert not open_new(desk, clerk, other).existing


def test_the_limits_are_settings(desk: Desk, clerk, applicant, clock: FixedClock) -> None:
    enrolled(desk, START)
    desk.change_settings(
        {"sync_warn_days": 1, "sync_freeze_days": 2, "sync_warn_waiting": 3},
        actor_id=SYSTEM_ACTOR,
    )
    # Three changes waiting (the applicant, the enrolment's settings...): warned.
    assert desk.pending_changes() >= 3
    assert state(desk).reasons == (FreezeReason.WAITING,)
    clock.advance(timedelta(days=1))
    assert state(desk).reasons == (FreezeReason.DAYS, FreezeReason.WAITING)
    clock.advance(timedelta(days=1))
    assert state(desk).frozen
    with pytest.raises(SyncFrozen):
        open_new(desk, clerk, applicant)


def test_waiting_changes_warn_but_never_freeze(desk: Desk, clerk, clock: FixedClock) -> None:
    enrolled(desk, START)
    desk.change_settings({"sync_warn_waiting": 5}, actor_id=SYSTEM_ACTOR)
    for i in range(5):
        person(desk, clerk, f"3708301980011{i}123")
    now = state(desk)
    assert now.level is FreezeLevel.WARN and now.reasons == (FreezeReason.WAITING,)
    assert now.waiting == desk.pending_changes() >= 5


def test_existing_cases_go_on_while_frozen(
    desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord, clock: FixedClock
) -> None:
    enrolled(desk, START - timedelta(days=29))  # the last day before the freeze
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers={**NO, "divorced": True})
    desk.intake.mark(
        case_id=case.id, clerk_id=clerk.id, received=KEY[:3], missing=["income", "consent"]
    )
    clock.advance(timedelta(days=1))
    assert state(desk).frozen
    # Marking and the one-time notice with its document go on...
    case = desk.intake.mark(case_id=case.id, clerk_id=clerk.id, missing=["divorce"])
    case = desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    assert case.state is CaseState.NOTICE_ISSUED
    assert desk.documents.for_case(case.id)
    # ... and so does the applicant's return to the open case: no new intake.
    clock.advance(timedelta(days=3))
    again = open_new(desk, clerk, applicant)
    assert again.existing and again.case.id == case.id
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=["income", "consent", "divorce"])
    assert desk.intake.accept(case_id=case.id, clerk_id=clerk.id).state is CaseState.ACCEPTED
    # Looking things up goes on too.
    assert desk.cases.get(case.id).state is CaseState.ACCEPTED
    assert desk.catalog.item(LOW_INCOME).item.code == LOW_INCOME
    # A second case on an item beside the applicant's open one is a new intake.
    other = person(desk, clerk, "37083019800404202")
    synced(desk, clock.now() - timedelta(days=29))
    open_new(desk, clerk, other)
    clock.advance(timedelta(days=1))
    assert open_new(desk, clerk, other).existing
    desk.sync_freeze(observe=True)
    with unchanged(desk), pytest.raises(SyncFrozen):
        open_new(desk, clerk, other, new_case_reason="另行申请")


def test_a_supervisor_password_opens_a_new_intake_and_is_audited(
    desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord, clock: FixedClock
) -> None:
    boss = supervisor(desk)
    enrolled(desk, START)
    clock.advance(timedelta(days=40))
    # A wrong password: refused, counted against the supervisor's account, no case.
    with pytest.raises(InvalidInput) as wrong:
        open_new(desk, clerk, applicant, override=FreezeOverride("li", "wrong-password"))
    assert wrong.value.where == "supervisor_password"
    assert [p["reason"] for _a, _e, p in audit(desk, "staff.login_failed")] == ["wrong password"]
    assert not audit(desk, "case.opened")
    # A clerk's own password is no supervisor's.
    with pytest.raises(InvalidInput) as not_boss:
        open_new(desk, clerk, applicant, override=FreezeOverride(clerk.login, DEMO_PASSWORD))
    assert not_boss.value.where == "supervisor_login"
    assert not audit(desk, "case.opened")

    started = open_new(desk, clerk, applicant, override=FreezeOverride(" li ", SUPERVISOR_PASSWORD))
    assert not started.existing and started.freeze is not None and started.freeze.frozen
    [(actor, entity_id, payload)] = audit(desk, "sync.freeze_overridden")
    assert actor == clerk.id and entity_id == started.case.id
    assert payload["supervisor_id"] == boss.id and payload["supervisor_login"] == "li"
    assert payload["days_since_sync"] == 40
    assert payload["tracking_number"] == started.case.tracking_number
    with desk.store.read() as session:
        detail = session.scalars(
            select(CaseEvent.detail).where(CaseEvent.case_id == started.case.id)
        ).one()
    assert detail["freeze_override"]["supervisor_id"] == boss.id
    # The opened step and the override are one transaction: adjacent audit entries.
    with desk.store.read() as session:
        rows = session.execute(
            select(AuditEntry.seq, AuditEntry.action).order_by(AuditEntry.seq.desc()).limit(2)
        ).all()
    assert [a for _s, a in rows] == ["sync.freeze_overridden", "case.opened"]
    assert SUPERVISOR_PASSWORD not in json.dumps(payload) + json.dumps(detail)


def test_a_village_agents_collection_is_a_new_intake(
    desk: Desk, clerk: StaffRecord, clock: FixedClock
) -> None:
    agent = make_agent(desk, clerk)
    enrolled(desk, START)
    villager = person(desk, clerk, "37083019800101123")
    collected = desk.intake.start(
        clerk_id=agent.id,
        item_code=LOW_INCOME,
        applicant_id=villager.id,
        proxy=Proxy(None, "代办委托书"),
    )
    desk.intake.answer(case_id=collected.id, clerk_id=agent.id, answers=NO)
    desk.intake.mark(
        case_id=collected.id, clerk_id=agent.id, received=[*KEY, "proxy_letter", "proxy_id"]
    )
    clock.advance(timedelta(days=30))
    # The case collected before goes on to the township (collect, hand over, decide)...
    done = desk.intake.collect(case_id=collected.id, clerk_id=agent.id, village_point="东关村")
    assert done.state is CaseState.COLLECTED
    # ... the township's start on the same applicant and item finds it (no new intake) ...
    assert open_new(desk, clerk, villager).case.id == collected.id
    # ... but the agent's next collection is a new intake.
    neighbour = person(desk, clerk, "37083019800404202")
    with pytest.raises(SyncFrozen):
        desk.intake.start(
            clerk_id=agent.id,
            item_code=LOW_INCOME,
            applicant_id=neighbour.id,
            proxy=Proxy(None, "代办委托书"),
        )


def test_a_clock_moved_back_neither_unfreezes_nor_counts_twice(
    desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord, clock: FixedClock
) -> None:
    enrolled(desk, START)
    clock.set(START + timedelta(days=10))
    open_new(desk, clerk, applicant)  # the terminal sees day 10
    clock.set(START + timedelta(days=5))  # put back five days
    back = state(desk)
    assert back.days == 10 and back.days_behind == 5
    assert back.reasons == (FreezeReason.DAYS, FreezeReason.CLOCK)
    clock.set(START + timedelta(days=12))  # right again: 12 days, not 10 + 7
    assert state(desk).days == 12 and state(desk).days_behind == 0

    # Frozen, then the clock set back a year: still frozen until a sync succeeds.
    clock.set(START + timedelta(days=31))
    other = person(desk, clerk, "37083019800404202")
    with pytest.raises(SyncFrozen):
        open_new(desk, clerk, other)
    clock.set(START - timedelta(days=365))
    assert state(desk).frozen and state(desk).days == 31
    with pytest.raises(SyncFrozen):
        open_new(desk, clerk, other)
    synced(desk, clock.now())  # a sync at the wrong time still counts from itself
    assert state(desk).level is FreezeLevel.OK


def test_a_clock_far_behind_freezes_by_itself(
    desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord, clock: FixedClock
) -> None:
    enrolled(desk, START)
    clock.set(START + timedelta(days=3))
    open_new(desk, clerk, applicant)
    clock.set(START - timedelta(days=40))  # a CMOS battery: weeks back
    now = state(desk)
    assert now.frozen and now.days == 3 and now.days_behind == 43
    other = person(desk, clerk, "37083019800404202")
    with pytest.raises(SyncFrozen, match="clock is 43 days behind"):
        open_new(desk, clerk, other)


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"sync_warn_days": 0}, "sync_warn_days"),
        ({"sync_freeze_days": 366}, "sync_freeze_days"),
        ({"sync_warn_waiting": 0}, "sync_warn_waiting"),
        ({"sync_warn_waiting": "5000"}, "sync_warn_waiting"),
        ({"sync_warn_days": True}, "sync_warn_days"),
        ({"sync_warn_days": 30}, "sync_warn_days"),  # not before the freeze
        ({"sync_freeze_days": 5}, "sync_warn_days"),  # the default warning (7) is not before
    ],
)
def test_the_policy_settings_are_checked(desk: Desk, changes, where: str) -> None:
    with unchanged(desk), pytest.raises(InvalidInput) as caught:
        desk.change_settings(changes, actor_id=SYSTEM_ACTOR)
    assert caught.value.where == where


def test_only_a_supervisor_or_admin_changes_the_policy(desk: Desk, clerk: StaffRecord) -> None:
    assert (desk.settings().sync_warn_days, desk.settings().sync_freeze_days) == (7, 30)
    assert desk.settings().sync_warn_waiting == 5000
    with pytest.raises(RuleViolation, match="sync_freeze_days"):
        desk.change_settings({"sync_freeze_days": 365}, actor_id=clerk.id)
    boss = supervisor(desk)
    desk.change_settings({"sync_freeze_days": 60, "sync_warn_days": 14}, actor_id=boss.id)
    assert (desk.settings().sync_warn_days, desk.settings().sync_freeze_days) == (14, 60)


def test_the_clock_mark_survives_nonsense_and_is_written_sparingly(
    desk: Desk, clock: FixedClock
) -> None:
    from clerk_desk.models import Setting
    from clerk_desk.sync_freeze import CLOCK_KEY

    enrolled(desk, START)
    with desk.store.write() as session:
        session.add(Setting(key=CLOCK_KEY, value="not a mark"))
    clock.advance(timedelta(days=8))
    assert desk.sync_freeze(observe=True).days == 8  # a mark that does not read: started anew
    clock.advance(timedelta(seconds=30))
    with unchanged(desk):  # within a minute of the mark: nothing to write
        desk.sync_freeze(observe=True)
    clock.set(START)  # back: still 8 days
    assert desk.sync_freeze(observe=True).days == 8


def test_sync_status_tells_the_policy(desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC

    from clerk_desk.cli import main

    # The command runs on the computer's clock.
    enrolled(desk, datetime.now(UTC) - timedelta(days=8, hours=1))
    assert main(["--data-dir", str(desk.data_dir), "sync", "status"]) == 0
    out = capsys.readouterr().out
    assert "freeze policy: warn (8 days without a successful sync;" in out
    assert (
        "clerk-desk: warning: no successful sync for 8 days: after 30 days a new intake needs "
        "a supervisor's password" in out
    )
