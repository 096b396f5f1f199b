"""Staff accounts: password policy, permissions, lockout, forced change, the demo account."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import CheckConstraint, select
from support.desks import unchanged
from support.staff import ADMIN_PASSWORD, audit, first_admin, outbox_operations

from clerk_desk.centre_setup import CentreSetup
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.models import Staff
from clerk_desk.roles import STAFF_ROLES, Role
from clerk_desk.staff import (
    DEMO_LOGIN,
    DEMO_PASSWORD,
    check_password,
    may_manage,
    may_reset,
)

# -- the password policy ---------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "login", "says"),
    [
        ("short7!", "li", "at least 8 characters"),
        ("", "li", "at least 8 characters"),
        ("liwei2026", "liwei2026", "must not be the login"),
        ("LiWei2026", "liwei2026", "must not be the login"),
        (DEMO_PASSWORD, "li", "demo account's password"),
    ],
)
def test_the_policy_refuses(password: str, login: str, says: str) -> None:
    with pytest.raises(InvalidInput) as info:
        check_password(password, login=login)
    assert info.value.where == "password"
    assert says in str(info.value)


def test_the_policy_accepts_eight_characters_of_anything_else() -> None:
    check_password("12345678", login="li")
    check_password("窗口受理台密码八位", login="li")


def test_a_new_account_with_a_weak_password_is_refused_and_nothing_written(desk) -> None:
    for password in ("1234567", "wangfang", DEMO_PASSWORD):
        with unchanged(desk), pytest.raises(InvalidInput, match="password"):
            desk.staff.create(
                actor_id=SYSTEM_ACTOR,
                login="wangfang",
                name="王芳",
                role="clerk",
                password=password,
            )


# -- who may do what ---------------------------------------------------------------


def test_the_permission_table() -> None:
    clerk, agent, supervisor, admin = Role.CLERK, Role.AGENT, Role.SUPERVISOR, Role.ADMIN
    assert may_manage(admin)
    assert not any(may_manage(r) for r in (supervisor, clerk, agent))
    assert all(may_reset(admin, r) for r in Role)
    assert may_reset(supervisor, clerk) and may_reset(supervisor, agent)
    assert not may_reset(supervisor, supervisor) and not may_reset(supervisor, admin)
    assert not any(may_reset(clerk, r) for r in (clerk, agent))


def test_the_roles_are_the_stored_text(desk) -> None:
    # The enum's values are what staff.role holds and its constraint allows: no
    # stored row changes, and the stored text compares equal to the member.
    assert list(Role) == ["clerk", "agent", "supervisor", "admin"]
    assert STAFF_ROLES == ("clerk", "agent", "supervisor", "admin")
    (constraint,) = (
        c for c in Staff.metadata.tables["staff"].constraints if isinstance(c, CheckConstraint)
    )
    assert set(re.findall(r"'(\w+)'", str(constraint.sqltext))) == set(STAFF_ROLES)
    made = {
        role: desk.staff.create(
            actor_id=SYSTEM_ACTOR,
            login=f"r-{role}",
            name="张三",
            role=role.value,
            password="secret12",
            village="东村" if role is Role.AGENT else "",
        )
        for role in Role
    }
    with desk.store.read() as session:
        stored = {s.id: s.role for s in session.scalars(select(Staff))}
    for role, record in made.items():
        assert type(stored[record.id]) is str and stored[record.id] == role.value
        assert record.role is role and type(record.role) is Role


def test_only_an_admin_creates_accounts(desk, clerk) -> None:
    head = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="head", name="主任", role="supervisor", password="secret12"
    )
    for actor in (clerk.id, head.id):
        with unchanged(desk), pytest.raises(RuleViolation, match="only an admin"):
            desk.staff.create(actor_id=actor, login="li", name="李", role="clerk")
    admin = first_admin(desk)
    li = desk.staff.create(
        actor_id=admin.id, login="li", name="李𠈌", role="clerk", window="3", password="secret12"
    )
    assert (li.name, li.window, li.active) == ("李𠈌", "3", True)
    assert audit(desk, "staff.created")[-1] == (
        admin.id,
        li.id,
        {"login": "li", "name": "李𠈌", "role": "clerk", "window": "3", "village": ""},
    )


def test_an_agent_serves_a_village_point_and_only_an_agent(desk) -> None:
    with unchanged(desk), pytest.raises(InvalidInput) as info:
        desk.staff.create(actor_id=SYSTEM_ACTOR, login="zhao", name="赵代办", role="agent")
    assert info.value.where == "village"
    with unchanged(desk), pytest.raises(InvalidInput) as info:
        desk.staff.create(
            actor_id=SYSTEM_ACTOR, login="li", name="李", role="clerk", village="东关村"
        )
    assert info.value.where == "village"
    zhao = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="zhao", name="赵代办", role="agent", village=" 东关村代办点 "
    )
    assert zhao.village == "东关村代办点"
    assert desk.staff.get(zhao.id).village == "东关村代办点"


def test_the_demo_login_is_kept_for_the_demo_account(desk) -> None:
    with unchanged(desk), pytest.raises(RuleViolation, match="kept for the demo account"):
        desk.staff.create(actor_id=SYSTEM_ACTOR, login=DEMO_LOGIN, name="假的", role="admin")


def test_a_supervisor_resets_clerks_and_agents_only(desk, clock) -> None:
    admin = first_admin(desk)
    head = desk.staff.create(
        actor_id=admin.id, login="head", name="主任", role="supervisor", password="secret12"
    )
    li = desk.staff.create(actor_id=admin.id, login="li", name="李", role="clerk")
    zhao = desk.staff.create(
        actor_id=admin.id, login="zhao", name="赵", role="agent", village="东关村"
    )
    other = desk.staff.create(actor_id=admin.id, login="qian", name="钱", role="supervisor")
    for target in (li, zhao):
        record = desk.staff.reset_password(
            actor_id=head.id, staff_id=target.id, password="temp2026"
        )
        assert record.must_change_password
        assert desk.staff.authenticate(target.login, "temp2026") is not None
    for target in (other, admin):
        with unchanged(desk), pytest.raises(RuleViolation, match="may not reset"):
            desk.staff.reset_password(actor_id=head.id, staff_id=target.id, password="temp2026")
    desk.staff.reset_password(actor_id=admin.id, staff_id=other.id, password="temp2026")
    resets = audit(desk, "staff.password_reset")
    assert [(a, e) for a, e, _ in resets] == [
        (head.id, li.id),
        (head.id, zhao.id),
        (admin.id, other.id),
    ]
    assert all("temp2026" not in str(p) and "argon2" not in str(p) for _, _, p in resets)


def test_a_clerk_resets_nobody(desk, clerk) -> None:
    li = desk.staff.create(actor_id=SYSTEM_ACTOR, login="li", name="李", role="clerk")
    with unchanged(desk), pytest.raises(RuleViolation, match="may not reset"):
        desk.staff.reset_password(actor_id=clerk.id, staff_id=li.id, password="temp2026")


# -- the forced change -------------------------------------------------------------------


def test_a_password_someone_else_chose_is_changed_at_the_next_login(desk) -> None:
    admin = first_admin(desk)
    assert not admin.must_change_password  # the first admin chose their own
    li = desk.staff.create(
        actor_id=admin.id, login="li", name="李", role="clerk", password="given2026"
    )
    assert li.must_change_password
    with unchanged(desk), pytest.raises(InvalidInput, match="differ from the current"):
        desk.staff.change_own_password(staff_id=li.id, password="given2026")
    with unchanged(desk), pytest.raises(InvalidInput, match="at least 8"):
        desk.staff.change_own_password(staff_id=li.id, password="LI")
    liwei = desk.staff.create(actor_id=admin.id, login="liwei2026", name="李伟", role="clerk")
    with unchanged(desk), pytest.raises(InvalidInput, match="must not be the login"):
        desk.staff.change_own_password(staff_id=liwei.id, password="LiWei2026")
    changed = desk.staff.change_own_password(staff_id=li.id, password="mine2026")
    assert not changed.must_change_password
    assert desk.staff.authenticate("li", "given2026") is None
    assert desk.staff.authenticate("li", "mine2026") is not None
    assert audit(desk, "staff.password_changed") == [(li.id, li.id, {"login": "li"})]
    # A reset makes it temporary again.
    desk.staff.reset_password(actor_id=admin.id, staff_id=li.id, password="again2026")
    record = desk.staff.authenticate("li", "again2026")
    assert record is not None and record.must_change_password


# -- lockout ---------------------------------------------------------------------------


def test_five_failed_logins_lock_the_account_for_five_minutes(desk, clerk, clock) -> None:
    for attempt in range(1, 5):
        assert desk.staff.authenticate(DEMO_LOGIN, "wrong-password") is None
        assert audit(desk, "staff.login_failed")[-1][2]["attempt"] == attempt
    with pytest.raises(RuleViolation, match="locked after 5 failed logins") as info:
        desk.staff.authenticate(DEMO_LOGIN, "wrong-password")
    assert info.value.params["until"] == "10:05"  # the counter's clock: 10:00 + 5 minutes
    locks = audit(desk, "staff.locked")
    assert len(locks) == 1 and locks[0][1] == clerk.id
    assert locks[0][2]["failed_logins"] == 5
    # Locked: the right password does not open it either, and the attempt is audited.
    clock.advance(timedelta(minutes=4, seconds=59))
    with pytest.raises(RuleViolation, match="locked"):
        desk.staff.authenticate(DEMO_LOGIN, DEMO_PASSWORD)
    assert audit(desk, "staff.login_failed")[-1][2]["reason"] == "locked"
    clock.advance(timedelta(seconds=1))
    staff = desk.staff.authenticate(DEMO_LOGIN, DEMO_PASSWORD)
    assert staff is not None and staff.locked_until is None
    # The count starts again after a success: four more failures do not lock.
    for _ in range(4):
        assert desk.staff.authenticate(DEMO_LOGIN, "wrong-password") is None
    assert desk.staff.authenticate(DEMO_LOGIN, DEMO_PASSWORD) is not None
    assert len(audit(desk, "staff.locked")) == 1
    # Failed logins stay on this terminal; their audit anchors go up like every entry's.
    assert "staff.login_failed" not in outbox_operations(desk)
    assert desk.verify_audit().ok


def test_a_reset_lifts_a_lock(desk, clerk, clock) -> None:
    admin = first_admin(desk)
    li = desk.staff.create(
        actor_id=admin.id, login="li", name="李", role="clerk", password="given2026"
    )
    for _ in range(4):
        desk.staff.authenticate("li", "nope-nope")
    with pytest.raises(RuleViolation, match="locked"):
        desk.staff.authenticate("li", "nope-nope")
    desk.staff.reset_password(actor_id=admin.id, staff_id=li.id, password="fresh2026")
    assert desk.staff.authenticate("li", "fresh2026") is not None


def test_a_login_naming_no_account_writes_nothing(desk) -> None:
    # People type their password into the login field: it must not reach the log.
    with unchanged(desk):
        for _ in range(6):
            assert desk.staff.authenticate("MySecretPassw0rd", "whatever") is None


# -- disable, enable -------------------------------------------------------------------


def test_disable_and_enable(desk) -> None:
    admin = first_admin(desk)
    li = desk.staff.create(
        actor_id=admin.id, login="li", name="李", role="clerk", password="given2026"
    )
    assert not desk.staff.disable(actor_id=admin.id, staff_id=li.id).active
    assert desk.staff.authenticate("li", "given2026") is None
    assert audit(desk, "staff.login_failed")[-1][2] == {"login": "li", "reason": "disabled"}
    with unchanged(desk), pytest.raises(RuleViolation, match="already disabled"):
        desk.staff.disable(actor_id=admin.id, staff_id=li.id)
    assert desk.staff.enable(actor_id=admin.id, staff_id=li.id).active
    assert desk.staff.authenticate("li", "given2026") is not None
    assert [e for _, e, _ in audit(desk, "staff.disabled")][-1] == li.id
    assert [e for _, e, _ in audit(desk, "staff.enabled")] == [li.id]


def test_nobody_disables_themself_or_the_last_admin(desk) -> None:
    admin = first_admin(desk)
    with unchanged(desk), pytest.raises(RuleViolation, match="their own account"):
        desk.staff.disable(actor_id=admin.id, staff_id=admin.id)
    with unchanged(desk), pytest.raises(RuleViolation, match="last active admin"):
        desk.staff.disable(actor_id=SYSTEM_ACTOR, staff_id=admin.id)
    second = desk.staff.create(
        actor_id=admin.id, login="wang", name="王", role="admin", password="given2026"
    )
    desk.staff.disable(actor_id=second.id, staff_id=admin.id)
    with unchanged(desk), pytest.raises(RuleViolation, match="last active admin"):
        desk.staff.disable(actor_id=SYSTEM_ACTOR, staff_id=second.id)


def test_a_supervisor_disables_nobody(desk, clerk) -> None:
    head = desk.staff.create(actor_id=SYSTEM_ACTOR, login="head", name="主任", role="supervisor")
    with unchanged(desk), pytest.raises(RuleViolation, match="only an admin"):
        desk.staff.disable(actor_id=head.id, staff_id=clerk.id)


# -- the demo account ------------------------------------------------------------------


def test_the_demo_account_lives_until_the_first_real_admin(desk, clerk) -> None:
    state = desk.staff.accounts_state()
    assert (state.demo_active, state.demo_only, state.admin_exists) == (True, True, False)
    li = desk.staff.create(actor_id=SYSTEM_ACTOR, login="li", name="李", role="clerk")
    state = desk.staff.accounts_state()
    assert (state.demo_active, state.demo_only, state.admin_exists) == (True, False, False)

    admin = first_admin(desk)
    assert not desk.staff.get(clerk.id).active
    state = desk.staff.accounts_state()
    assert (state.demo_active, state.demo_only, state.admin_exists) == (False, False, True)
    disabled = audit(desk, "staff.disabled")
    assert disabled == [
        (SYSTEM_ACTOR, clerk.id, {"login": DEMO_LOGIN, "reason": "first real admin created"})
    ]
    # In the admin's own transaction: the entries follow one another.
    assert audit(desk, "staff.created")[-1][1] == admin.id
    assert desk.staff.authenticate(DEMO_LOGIN, DEMO_PASSWORD) is None
    with unchanged(desk), pytest.raises(RuleViolation, match="stays disabled"):
        desk.staff.enable(actor_id=admin.id, staff_id=clerk.id)
    with unchanged(desk), pytest.raises(RuleViolation, match="cannot be changed"):
        desk.staff.reset_password(actor_id=admin.id, staff_id=clerk.id, password="other2026")
    assert desk.staff.get(li.id).active
    assert desk.verify_audit().ok


def test_the_demo_account_has_its_public_password_and_must_not_change_it(desk, clerk) -> None:
    assert desk.staff.authenticate(DEMO_LOGIN, DEMO_PASSWORD) == desk.staff.get(clerk.id)
    assert not clerk.must_change_password
    with unchanged(desk), pytest.raises(RuleViolation, match="cannot be changed"):
        desk.staff.change_own_password(staff_id=clerk.id, password="mine2026!")


# -- first start -----------------------------------------------------------------------

SETUP = CentreSetup(
    login="zhang",
    name="张主任",
    password=ADMIN_PASSWORD,
    decision_authority="山东省汶上县郭仓镇人民政府",
    reconsideration_body="山东省汶上县人民政府",
    court="山东省汶上县人民法院",
)


def test_first_start_sets_up_admin_and_bodies_in_one_go(desk, clerk) -> None:
    admin = desk.set_up_centre(SETUP, via="first_start")
    assert (admin.login, admin.role, admin.must_change_password) == ("zhang", "admin", False)
    settings = desk.settings()
    assert settings.decision_authority == "山东省汶上县郭仓镇人民政府"
    assert settings.reconsideration_body == "山东省汶上县人民政府"
    assert settings.court == "山东省汶上县人民法院"
    assert desk.staff.authenticate("zhang", ADMIN_PASSWORD) == admin
    assert not desk.staff.get(clerk.id).active
    assert audit(desk, "staff.created")[-1][2]["via"] == "first_start"
    assert audit(desk, "settings.changed")[-1][2] == {
        "decision_authority": "山东省汶上县郭仓镇人民政府",
        "reconsideration_body": "山东省汶上县人民政府",
        "court": "山东省汶上县人民法院",
        "via": "first_start",
    }
    with unchanged(desk), pytest.raises(RuleViolation, match="set up already"):
        desk.set_up_centre(SETUP.__class__(**{**_fields(SETUP), "login": "wang"}), via="")


def _fields(setup: CentreSetup) -> dict[str, str]:
    return {name: getattr(setup, name) for name in CentreSetup.__slots__}


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"court": "  "}, "court"),
        ({"reconsideration_body": ""}, "reconsideration_body"),
        ({"decision_authority": ""}, "decision_authority"),
        ({"password": "zhang"}, "password"),
        ({"login": "demo"}, None),
    ],
)
def test_first_start_refuses_a_missing_value_whole(desk, clerk, change, where) -> None:
    before = desk.settings()
    with unchanged(desk), pytest.raises((InvalidInput, RuleViolation)) as info:
        desk.set_up_centre(CentreSetup(**{**_fields(SETUP), **change}), via="first_start")
    if where is not None:
        assert isinstance(info.value, InvalidInput) and info.value.where == where
    assert desk.settings() == before
    assert desk.staff.get(clerk.id).active
