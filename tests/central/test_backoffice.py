"""The back office: accounts, sessions, the steps staff take on a case, the case_step feed,
and who owns which step when a terminal pushes (real server, PostgreSQL and SQLite)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from support.central import Enrolled, add_centre, count, enrolled, now, push

from clerk_central import admin, office
from clerk_central.admin import AdminError
from clerk_central.db import transaction
from clerk_central.models import Admin, OfficeToken, ServerAudit, ServerCase
from clerk_central.ownership import office_steps_from, terminal_step_ruling
from clerk_desk.tracking_numbers import compose, display

PASSWORD = "correct horse battery"
REPO = Path(__file__).resolve().parents[2]


def account(
    sessions: sessionmaker[Session],
    login: str = "li.office",
    centre: str | None = "C01",
    name: str = "李审批",
    role: str = "office",
) -> None:
    with transaction(sessions) as s:
        office.add_account(
            s, login=login, name=name, role=role, centre_code=centre, password=PASSWORD, now=now()
        )


def login(
    client: httpx.Client, login: str = "li.office", password: str = PASSWORD
) -> httpx.Response:
    return client.post("/office/v1/login", json={"login": login, "password": password})


def token(client: httpx.Client, who: str = "li.office") -> dict[str, str]:
    answer = login(client, who)
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def accepted_case(client: httpx.Client, t: Enrolled, seq: int = 1) -> tuple[str, str]:
    """A case the terminal accepted and pushed: (case id, tracking number)."""
    number = compose(t.number, date(2026, 12, 5), seq)
    case_id = f"case-{t.number}-{seq}"
    answer = push(client, t, [t.chain.case_step(case_id, number, "accepted", 1)])
    assert answer.json()["results"][0]["status"] == "applied", answer.text
    return case_id, number


def step(
    client: httpx.Client, auth: dict[str, str], number: str, name: str, expected: str, **extra: str
) -> httpx.Response:
    return client.post(
        f"/office/v1/cases/{number}/steps",
        json={"step": name, "expected_state": expected, **extra},
        headers=auth,
    )


def pulled(client: httpx.Client, t: Enrolled, kind: str = "case_step") -> list[dict[str, Any]]:
    answer = client.get("/sync/v1/pull", params={"after": 0}, headers=t.auth)
    assert answer.status_code == 200, answer.text
    return [i for i in answer.json()["items"] if i["kind"] == kind]


def audit_actions(sessions: sessionmaker[Session], actor: str) -> list[str]:
    with sessions() as s:
        return list(
            s.scalars(
                select(ServerAudit.action)
                .where(ServerAudit.actor == actor)
                .order_by(ServerAudit.id)
            )
        )


# --- accounts and sessions -------------------------------------------------------------


def test_an_account_logs_in_and_its_token_opens_the_api(client, sessions) -> None:
    add_centre(sessions)
    account(sessions)
    with sessions() as s:
        stored = s.scalars(select(Admin).where(Admin.login == "li.office")).one()
        assert (
            stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash
        )
        assert stored.role == "office" and stored.centre_id is not None
    assert audit_actions(sessions, "cli") == ["centre.add", "account.add"]

    wrong = login(client, password="not the password")
    assert wrong.status_code == 401 and wrong.json()["error"] == "unauthorized"
    unknown = login(client, login="nobody")
    assert unknown.status_code == 401 and unknown.json() == wrong.json()  # the same answer

    answer = login(client)
    assert answer.status_code == 200
    body = answer.json()
    assert body["name"] == "李审批" and body["centre"] == "C01" and body["role"] == "office"
    auth = {"Authorization": f"Bearer {body['token']}"}
    assert count(sessions, "SELECT count(*) FROM office_tokens") == 1
    with sessions() as s:  # only the token's digest is kept
        assert s.scalar(select(OfficeToken.token_sha256)) == office.token_sha256(body["token"])
    assert audit_actions(sessions, "office:li.office") == ["office.login_failed", "office.login"]

    # No token, a wrong one: unauthorized. The token: a case lookup answers (404 here).
    assert client.get("/office/v1/cases/261205000010001").status_code == 401
    bad = client.get("/office/v1/cases/x", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and bad.json()["error"] == "unauthorized"
    t = enrolled(client, sessions)
    _case_id, number = accepted_case(client, t)
    shown = client.get(f"/office/v1/cases/{display(number)}", headers=auth)
    assert shown.status_code == 200, shown.text
    assert shown.json()["state"] == "accepted"
    assert shown.json()["allowed_steps"] == ["processing_started"]
    # Logged out: the token no longer opens anything.
    assert client.post("/office/v1/logout", headers=auth).status_code == 200
    assert client.get(f"/office/v1/cases/{number}", headers=auth).status_code == 401


def test_failed_logins_lock_the_account(client, sessions) -> None:
    add_centre(sessions)
    account(sessions)
    for _ in range(office.MAX_FAILED_LOGINS):
        assert login(client, password="guess guess guess").status_code == 401
    locked = login(client)  # the right password, but too late
    assert locked.status_code == 429 and locked.json()["error"] == "locked"
    assert "locked until" in locked.json()["message"]
    assert count(sessions, "SELECT count(*) FROM office_tokens") == 0


def test_account_rules(sessions) -> None:
    add_centre(sessions)
    account(sessions)
    for kwargs, words in [
        ({"login": "li.office"}, "already exists"),
        ({"login": "bad login"}, "must be 1-64"),
        ({"password": "short"}, "at least 10"),
        ({"role": "root"}, "not one of"),
        ({"centre_code": "C99"}, "no centre"),
    ]:
        args: dict[str, Any] = {
            "login": "other",
            "name": "王",
            "role": "office",
            "centre_code": "C01",
            "password": PASSWORD,
            **kwargs,
        }
        with pytest.raises(AdminError, match=words), transaction(sessions) as s:
            office.add_account(s, now=now(), **args)
    assert count(sessions, "SELECT count(*) FROM admins") == 1


# --- steps ---------------------------------------------------------------------------


def test_the_office_moves_a_case_through_its_steps(client, sessions) -> None:
    add_centre(sessions)
    account(sessions)
    t = enrolled(client, sessions)
    case_id, number = accepted_case(client, t)
    auth = token(client)
    plan = [
        ("processing_started", "accepted", "in_progress", {}),
        ("suspended", "in_progress", "suspended", {"reason": "现场核查"}),
        ("resumed", "suspended", "in_progress", {}),
        ("decided", "in_progress", "decided", {"decision": "准予许可"}),
        ("completed", "decided", "completed", {}),
    ]
    versions = []
    for seq, (name, expected, target, extra) in enumerate(plan, start=1):
        answer = step(client, auth, number, name, expected, **extra)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["state"] == target and body["step_seq"] == seq
        versions.append(body["feed_version"])
    assert body["allowed_steps"] == []  # completed: the terminal delivers
    assert [s["step"] for s in body["steps"]] == [p[0] for p in plan]

    with sessions() as s:
        case = s.get_one(ServerCase, case_id)
        assert case.state == "completed"
        assert case.data["case"]["state"] == "accepted"  # the terminal's last snapshot
    assert audit_actions(sessions, "office:li.office")[1:] == [f"case.{p[0]}" for p in plan]
    with sessions() as s:
        suspended = s.scalars(
            select(ServerAudit.detail).where(ServerAudit.action == "case.suspended")
        ).one()
        assert suspended["reason"] == "现场核查" and suspended["tracking_number"] == number

    # The centre's terminal pulls every step, in order, with what it needs to apply it.
    items = pulled(client, t)
    assert [i["version"] for i in items] == versions
    first, suspend, decide = items[0]["body"], items[1]["body"], items[3]["body"]
    assert first["case_id"] == case_id and first["tracking_number"] == number
    assert first["staff_name"] == "李审批" and first["step_seq"] == 1
    assert (first["from_state"], first["to_state"]) == ("accepted", "in_progress")
    assert suspend["detail"] == {"reason": "现场核查"}
    assert decide["detail"] == {"decision": "准予许可"}
    assert [i["body"]["step"] for i in items] == [p[0] for p in plan]


def test_a_stale_expectation_is_refused_with_the_current_state(client, sessions) -> None:
    add_centre(sessions)
    account(sessions)
    account(sessions, login="wang.office", name="王复核")
    t = enrolled(client, sessions)
    _case_id, number = accepted_case(client, t)
    li, wang = token(client), token(client, "wang.office")
    assert step(client, li, number, "processing_started", "accepted").status_code == 200
    audits = count(sessions, "SELECT count(*) FROM server_audit")
    feed = count(sessions, "SELECT count(*) FROM feed")
    # Wang read the case before Li's step: his expectation is stale.
    stale = step(client, wang, number, "processing_started", "accepted")
    assert stale.status_code == 409
    body = stale.json()
    assert body["error"] == "stale_state" and body["current_state"] == "in_progress"
    assert "in_progress (办理中)" in body["message"]
    assert body["allowed_steps"] == ["suspended", "decided"]
    # A step that does not follow from the current state, expected rightly.
    wrong = step(client, wang, number, "completed", "in_progress")
    assert wrong.status_code == 409 and wrong.json()["error"] == "step_not_allowed"
    assert wrong.json()["current_state"] == "in_progress"
    # A suspension needs its reason, a decision its text.
    no_reason = step(client, wang, number, "suspended", "in_progress")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["message"]
    blank = step(client, wang, number, "decided", "in_progress", decision="  ")
    assert blank.status_code == 400 and "decision" in blank.json()["message"]
    unknown = step(client, wang, number, "delivered", "in_progress")
    assert unknown.status_code == 400 and unknown.json()["error"] == "bad_request"
    # Nothing of a refused step was written.
    assert count(sessions, "SELECT count(*) FROM server_audit") == audits
    assert count(sessions, "SELECT count(*) FROM feed") == feed


def test_two_staff_racing_for_one_step_one_wins(client, sessions, server) -> None:
    add_centre(sessions)
    account(sessions)
    account(sessions, login="wang.office", name="王复核")
    t = enrolled(client, sessions)
    _case_id, number = accepted_case(client, t)
    auths = [token(client), token(client, "wang.office")]
    barrier = threading.Barrier(2)
    answers: list[httpx.Response] = []

    def race(auth: dict[str, str]) -> None:
        with httpx.Client(base_url=server.base, timeout=30) as own:
            barrier.wait()
            answers.append(step(own, auth, number, "processing_started", "accepted"))

    threads = [threading.Thread(target=race, args=(a,)) for a in auths]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert sorted(a.status_code for a in answers) == [200, 409]
    lost = next(a for a in answers if a.status_code == 409).json()
    assert lost["error"] == "stale_state" and lost["current_state"] == "in_progress"
    assert len(pulled(client, t)) == 1  # one step, one feed item
    assert (
        count(
            sessions, "SELECT count(*) FROM server_audit WHERE action = 'case.processing_started'"
        )
        == 1
    )


def test_staff_see_only_their_centres_cases(client, sessions) -> None:
    add_centre(sessions)
    add_centre(sessions, code="C02", name="南站镇便民服务中心")
    account(sessions, login="c02.office", centre="C02")
    account(sessions, login="county", centre=None, role="admin", name="县审批局")
    t1 = enrolled(client, sessions)
    t2 = enrolled(client, sessions, centre="C02")
    _case_id, number = accepted_case(client, t1)
    foreign = token(client, "c02.office")
    refused = step(client, foreign, number, "processing_started", "accepted")
    assert refused.status_code == 403 and refused.json()["error"] == "foreign_centre"
    assert client.get(f"/office/v1/cases/{number}", headers=foreign).status_code == 403
    unknown = compose(t1.number, date(2026, 12, 5), 99)
    missing = client.get(f"/office/v1/cases/{unknown}", headers=foreign)
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    typo = client.get(f"/office/v1/cases/{number[:-1]}", headers=foreign)
    assert typo.status_code == 400 and typo.json()["error"] == "bad_request"
    # A county-level account reaches every centre's cases.
    county = token(client, "county")
    assert step(client, county, number, "processing_started", "accepted").status_code == 200
    # The step goes to the case's centre only.
    assert len(pulled(client, t1)) == 1 and pulled(client, t2) == []
    # The same number printed by a terminal of another centre (a provisional number clash):
    # each centre's account finds its own case; a county-level one cannot tell which.
    twin = push(client, t2, [t2.chain.case_step("twin", number, "accepted", 1)]).json()
    assert twin["results"][0]["status"] == "applied"
    mine = client.get(f"/office/v1/cases/{number}", headers=foreign)
    assert mine.status_code == 200 and mine.json()["case_id"] == "twin"
    both = client.get(f"/office/v1/cases/{number}", headers=county)
    assert both.status_code == 409 and both.json()["error"] == "ambiguous_number"


# --- who owns which step on push ----------------------------------------------------------


def terminal_step(
    t: Enrolled, case_id: str, number: str, seq: int, action: str, before: str, after: str
) -> dict[str, Any]:
    """A terminal's own step on the case, as clerk_desk.cases.record_case_step sends it."""
    payload = {
        "case": {"id": case_id, "tracking_number": number, "state": after},
        "event": {"seq": seq, "action": action, "from_state": before, "to_state": after},
    }
    return t.chain.change(
        entity="case", entity_id=case_id, operation=f"case.{action}", payload=payload
    )


def test_terminal_changes_after_the_office_moved_the_case(client, sessions) -> None:
    add_centre(sessions)
    account(sessions)
    t = enrolled(client, sessions)
    case_id, number = accepted_case(client, t)
    auth = token(client)
    assert step(client, auth, number, "processing_started", "accepted").status_code == 200

    # A step that keeps the state, from a terminal that has not pulled yet: kept as
    # data, the state stays the office's.
    kept = terminal_step(t, case_id, number, 2, "materials_supplemented", "accepted", "accepted")
    # The terminal taking a back-office step itself: refused, the office owns it.
    moved = terminal_step(t, case_id, number, 3, "decided", "in_progress", "decided")
    results = push(client, t, [kept, moved]).json()["results"]
    assert results[0]["status"] == "applied"
    assert results[1]["status"] == "refused" and results[1]["reason"] == "case_moved"
    assert "in_progress (办理中)" in results[1]["message"]
    with sessions() as s:
        case = s.get_one(ServerCase, case_id)
        assert case.state == "in_progress"
        assert case.data["event_seq"] == 2 and case.data["office"]["seq"] == 1

    # Delivered before the office completed: refused with the server's state.
    early = terminal_step(t, case_id, number, 4, "delivered", "completed", "delivered")
    refused = push(client, t, [early]).json()["results"][0]
    assert refused["reason"] == "case_moved" and "已办结" in refused["message"]
    for name, expected, extra in [
        ("decided", "in_progress", {"decision": "准予许可"}),
        ("completed", "decided", {}),
    ]:
        assert step(client, auth, number, name, expected, **extra).status_code == 200
    # Once completed, the terminal hands the result over: delivered is taken.
    late = terminal_step(t, case_id, number, 6, "delivered", "completed", "delivered")
    assert push(client, t, [late]).json()["results"][0]["status"] == "applied"
    with sessions() as s:
        case = s.get_one(ServerCase, case_id)
        assert case.state == "delivered"
        assert [x["step"] for x in case.data["office"]["steps"]] == [
            "processing_started",
            "decided",
            "completed",
        ]
    # The administrator sees the office's steps too.
    with sessions() as s:
        shown = admin.show_case(s, number)
    assert shown["state"] == "delivered"
    assert [x["staff_name"] for x in shown["office_steps"]] == ["李审批"] * 3
    # Delivered is final: the office has no step left, and a stale one is refused.
    final = step(client, auth, number, "completed", "decided")
    assert final.status_code == 409 and final.json()["current_state"] == "delivered"


def test_the_ownership_ruling() -> None:
    def rule(server: str, snapshot: str, moves: bool, office_moved: bool = True) -> Any:
        ruling = terminal_step_ruling(
            server_state=server,
            snapshot_state=snapshot,
            moves_state=moves,
            office_moved=office_moved,
            tracking_number="N",
        )
        return ruling.refusal[0] if ruling.refusal else ruling.take_state

    assert rule("accepted", "in_progress", True, office_moved=False) is True  # no office yet
    assert rule("in_progress", "in_progress", True) is True
    assert rule("completed", "delivered", True) is True
    assert rule("suspended", "delivered", True) == "case_moved"
    assert rule("in_progress", "accepted", False) is False  # a stale snapshot: state kept
    assert rule("in_progress", "withdrawn", True) == "case_moved"
    assert office_steps_from("accepted") == ["processing_started"]  # not completed
    assert office_steps_from("suspended") == ["resumed"]
    assert office_steps_from("in_progress") == ["suspended", "decided"]
    assert office_steps_from("delivered") == office_steps_from("bogus") == []


# --- the CLI -------------------------------------------------------------------------------


def test_admin_add_from_the_cli(client, sessions, db_url) -> None:
    add_centre(sessions)
    added = run_with_input(
        db_url,
        PASSWORD + "\n",
        "admin",
        "add",
        "zhao",
        "赵科长",
        "--centre",
        "C01",
        "--password-stdin",
    )
    assert added.returncode == 0, added.stderr
    assert "account zhao added" in added.stdout
    assert PASSWORD not in added.stdout + added.stderr
    assert login(client, "zhao").status_code == 200
    again = run_with_input(
        db_url, PASSWORD + "\n", "admin", "add", "zhao", "赵", "--password-stdin"
    )
    assert again.returncode == 1 and "already exists" in again.stderr
    short = run_with_input(db_url, "short\n", "admin", "add", "qian", "钱", "--password-stdin")
    assert short.returncode == 1 and "at least 10" in short.stderr
    assert count(sessions, "SELECT count(*) FROM admins") == 1
    with sessions() as s:
        detail = s.scalars(
            select(ServerAudit.detail).where(ServerAudit.action == "account.add")
        ).one()
    assert detail == {"login": "zhao", "name": "赵科长", "role": "office", "centre": "C01"}
    assert run_with_input(db_url, "", "admin", "add", "--help").returncode == 0


def run_with_input(db_url: str, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "CLERK_CENTRAL_DATABASE_URL": db_url}
    return subprocess.run(
        [sys.executable, "-m", "clerk_central.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_server_moves_the_due_date_on_resume_with_its_published_calendar(
    client, sessions
) -> None:
    """The terminal gets no echo back, so the server counts the suspended working days
    itself, with the calendar it published: the same count as the terminal's."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from clerk_central.due_dates import centre_calendar, shift_on_resume
    from clerk_desk.working_days import due_date, seed_from_chinesecalendar, working_days_between

    add_centre(sessions)
    t = enrolled(client, sessions)
    case_id, _number = accepted_case(client, t)
    with transaction(sessions) as s:
        admin.publish_calendar(s, data=None, years=[2026], centre_code=None, now=now())
    china = ZoneInfo("Asia/Shanghai")
    with transaction(sessions) as s:
        case = s.get_one(ServerCase, case_id)
        case.data = {
            **case.data,
            "case": {**case.data["case"], "due_on": "2026-10-20", "due_unpublished_years": []},
            "office": {
                "seq": 2,
                "steps": [
                    {"step": "processing_started", "at": "2026-09-28T01:00:00+00:00"},
                    {"step": "suspended", "at": "2026-09-30T01:00:00+00:00"},
                ],
            },
        }
        calendar = centre_calendar(s, case.centre_id)
        assert calendar.covers(2026)
        counted = shift_on_resume(s, case, datetime(2026, 10, 9, 9, 0, tzinfo=china))
    seeded = seed_from_chinesecalendar()
    paused = working_days_between(date(2026, 9, 30), date(2026, 10, 9), seeded)
    assert paused >= 1  # the National Day week is not counted, the working days are
    moved = due_date(date(2026, 10, 20), paused, "working_day", seeded).due_on
    assert counted == {"paused_working_days": paused, "due_on": moved.isoformat()}
    with sessions() as s:
        assert s.get_one(ServerCase, case_id).data["case"]["due_on"] == moved.isoformat()
