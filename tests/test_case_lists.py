"""The main window's case lists: views, order, counts, search, rows.

A small world of real cases made through the intake service, on the real 2026
calendar, seen on Monday 23 November 2026 at 10:00 (Shanghai).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import event
from support.desks import resident_id
from support.handover import NAMES, agent_case, make_agent

from clerk_desk import tracking_numbers
from clerk_desk.applicants import ApplicantRecord
from clerk_desk.case_lists import (
    VIEWS,
    CaseListFilter,
    CaseLists,
    View,
    parse_search,
    views_for,
)
from clerk_desk.cases import CaseView
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.errors import InvalidInput
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.lifecycle import CaseState
from clerk_desk.models import Case
from clerk_desk.staff import StaffRecord
from clerk_desk.supervision import DueLevel, WarningPolicy

LOW_INCOME = "370830104-MZ-001"  # 20 working days
PENSION_SIGNUP = "370830104-RS-001"  # immediate item (即办件)
KEY = ["id_card", "hukou", "app_form", "income", "consent"]
NO = {
    "by_proxy": False,
    "has_disabled_member": False,
    "has_serious_illness": False,
    "divorced": False,
}
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ)
ZHANG = "张𠈌明"  # U+2020C, CJK Extension B
ORG_CODE = "91350100M000100Y43"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CHINA_TZ)


@dataclass
class World:
    desk: Desk
    clock: FixedClock
    clerk: StaffRecord  # the logged-in clerk
    li: StaffRecord
    wang: ApplicantRecord
    zhang: ApplicantRecord
    org: ApplicantRecord
    cases: dict[str, CaseView]
    lists: CaseLists

    def id(self, *names: str) -> list[str]:
        return [self.cases[n].id for n in names]

    def ids(self, view: View, search: str = "", clerk_id: str | None = None) -> list[str]:
        return self.lists.ids(CaseListFilter(view, clerk_id or self.clerk.id, search))

    def names(self, view: View, search: str = "") -> list[str]:
        by_id = {c.id: n for n, c in self.cases.items()}
        return [by_id[i] for i in self.ids(view, search)]


@pytest.fixture
def world(
    remedies: Desk, desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord, clock: FixedClock
) -> World:
    li = desk.staff.create(actor_id=SYSTEM_ACTOR, login="li", name="李𠈌", role="clerk", window="2")
    zhang = desk.applicants.register_person(
        actor_id=clerk.id,
        name=ZHANG,
        id_number=resident_id("37083019900202123"),
        phone="0537 7212345",
    )
    org = desk.applicants.register_organisation(
        actor_id=clerk.id,
        name="汶上县郭仓镇红星种植专业合作社",
        credit_code=ORG_CODE,
        contact_person="刘强",
        phone="13900001111",
    )
    cases: dict[str, CaseView] = {}

    def start(
        name: str, when: datetime, who: StaffRecord, person: ApplicantRecord, code: str = LOW_INCOME
    ) -> str:
        clock.set(when)
        # Several cases of one applicant on one item, side by side: each with a reason.
        cases[name] = desk.intake.start(
            clerk_id=who.id,
            item_code=code,
            applicant_id=person.id,
            new_case_reason="测试数据",
        )
        return cases[name].id

    def accept(case_id: str, who: StaffRecord) -> str:
        desk.intake.answer(case_id=case_id, clerk_id=who.id, answers=NO)
        desk.intake.mark(case_id=case_id, clerk_id=who.id, received=KEY)
        desk.intake.accept(case_id=case_id, clerk_id=who.id)
        return case_id

    # Accepted Mon 12 Oct, due Mon 9 Nov: overdue, in progress.
    c = accept(start("overdue", at(10, 12, 9), clerk, applicant), clerk)
    desk.cases.start_processing(c, staff_id=clerk.id)
    # Accepted Tue 13 Oct, due Tue 10 Nov: overdue although decided (not completed).
    c = accept(start("decided_overdue", at(10, 13, 9), li, zhang), li)
    desk.cases.start_processing(c, staff_id=li.id)
    desk.cases.decide(c, staff_id=li.id, decision="准予")
    # Accepted Mon 12 Oct, completed late: closed, no colour, not overdue.
    c = accept(start("completed", at(10, 12, 10), li, applicant), li)
    desk.cases.start_processing(c, staff_id=li.id)
    clock.set(at(11, 20, 9))
    desk.cases.decide(c, staff_id=li.id, decision="准予")
    desk.cases.complete(c, staff_id=li.id)
    # Accepted Mon 26 Oct, due today (Mon 23 Nov).
    accept(start("due_today", at(10, 26, 9), li, zhang), li)
    # Accepted Wed 28 Oct, due Wed 25 Nov (2 working days left); suspended.
    c = accept(start("due_wed", at(10, 28, 9), clerk, applicant), clerk)
    desk.cases.start_processing(c, staff_id=clerk.id)
    desk.cases.suspend(c, staff_id=clerk.id, reason="实地核查")
    # Accepted Thu 29 Oct, due Thu 26 Nov (3 working days left).
    accept(start("due_thu", at(10, 29, 9), clerk, zhang), clerk)
    # Accepted Mon 2 Nov, due Mon 30 Nov (5 working days left).
    accept(start("green", at(11, 2, 9), li, applicant), li)
    start("org", at(11, 20, 15), clerk, org)
    c = start("rejected", at(11, 20, 16), li, zhang)
    desk.intake.reject(case_id=c, clerk_id=li.id, reason="不属于本机关职权", legal_basis="第32条")
    # Sunday 23:30 in Shanghai; and Monday 00:10 in Shanghai, still Sunday in UTC.
    start("sunday_night", at(11, 22, 23, 30), clerk, applicant)
    start("after_midnight", at(11, 23, 0, 10), li, zhang)
    c = start("waiting", at(11, 23, 8, 30), clerk, applicant)
    desk.intake.answer(case_id=c, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=c, clerk_id=clerk.id, received=KEY[:3], missing=KEY[3:])
    desk.intake.issue_notice(case_id=c, clerk_id=clerk.id)
    # Accepted today, due Mon 21 Dec.
    accept(start("accepted_today", at(11, 23, 9, 30), clerk, zhang), clerk)
    c = start("immediate", at(11, 23, 9, 45), li, applicant, PENSION_SIGNUP)
    item = cases["immediate"].stored_item.item
    checklist = desk.intake.answer(
        case_id=c, clerk_id=li.id, answers={q.id: False for q in item.questions}
    ).checklist
    desk.intake.mark(case_id=c, clerk_id=li.id, received=[e.material.id for e in checklist])
    desk.intake.accept(case_id=c, clerk_id=li.id)

    clock.set(NOW)
    cases = {n: desk.cases.get(c.id) for n, c in cases.items()}
    lists = CaseLists(desk.store, desk.clock, desk.calendar, desk.settings)
    return World(desk, clock, clerk, li, applicant, zhang, org, cases, lists)


NEWEST_FIRST = [
    "immediate",
    "accepted_today",
    "waiting",
    "after_midnight",
    "sunday_night",
    "rejected",
    "org",
    "green",
    "due_thu",
    "due_wed",
    "due_today",
    "decided_overdue",
    "completed",
    "overdue",
]
MINE = ["accepted_today", "waiting", "sunday_night", "org", "due_thu", "due_wed", "overdue"]


def test_the_world_is_as_described(world: World) -> None:
    c = world.cases
    assert c["overdue"].due_on == date(2026, 11, 9)
    assert c["decided_overdue"].due_on == date(2026, 11, 10)
    assert c["due_today"].due_on == date(2026, 11, 23)
    assert c["due_wed"].due_on == date(2026, 11, 25)
    assert c["due_wed"].state is CaseState.SUSPENDED
    assert c["due_thu"].due_on == date(2026, 11, 26)
    assert c["green"].due_on == date(2026, 11, 30)
    assert c["accepted_today"].due_on == date(2026, 12, 21)
    assert c["immediate"].state is CaseState.ACCEPTED and c["immediate"].due_on is None
    assert c["completed"].state is CaseState.COMPLETED
    assert c["waiting"].state is CaseState.NOTICE_ISSUED


def test_each_view_in_its_order(world: World) -> None:
    assert world.names("all") == NEWEST_FIRST
    assert world.names("mine") == MINE
    assert world.names("today") == ["immediate", "accepted_today", "waiting", "after_midnight"]
    # Due today and in 2 working days (suspended counts); not in 3, not overdue.
    assert world.names("due_soon") == ["due_today", "due_wed"]
    # Most overdue first; a decided case is not completed yet; the completed one is closed.
    assert world.names("overdue") == ["overdue", "decided_overdue"]
    assert world.names("waiting") == ["waiting"]
    assert world.names("promises") == []
    # Left 暂存 before today, oldest first; "after_midnight" is today's.
    assert world.names("earlier_drafts") == ["org", "sunday_night"]


def test_mine_is_per_clerk(world: World) -> None:
    theirs = world.ids("mine", clerk_id=world.li.id)
    assert set(theirs) | set(world.ids("mine")) == set(world.ids("all"))
    assert not set(theirs) & set(world.ids("mine"))
    with pytest.raises(InvalidInput) as err:
        CaseListFilter("mine", None)
    assert err.value.where == "clerk_id"
    with pytest.raises(InvalidInput) as err:
        CaseListFilter("everything", "x")  # type: ignore[arg-type]
    assert err.value.where == "view"


def test_counts_match_the_lists(world: World) -> None:
    expected = {
        "mine": 7,
        "all": 14,
        "today": 4,
        "due_soon": 2,
        "overdue": 2,
        "waiting": 1,
        "promises": 0,
        "earlier_drafts": 2,
    }
    assert world.lists.counts(world.clerk.id) == expected
    for view in VIEWS:
        f = CaseListFilter(view, world.clerk.id)
        assert world.lists.count(f) == len(world.lists.ids(f)) == expected[view]
    assert world.lists.counts(None)["mine"] == 0
    assert world.lists.count(CaseListFilter("all", None, "王")) == 7


def test_today_is_the_local_day_of_the_settings_time_zone(world: World) -> None:
    desk = world.desk
    desk.update_settings(desk.settings().replace(timezone="UTC"), actor_id=world.clerk.id)
    # 10:00 in Shanghai is 02:00 UTC, still 23 Nov; 00:10 in Shanghai was 22 Nov in UTC.
    assert world.names("today") == ["immediate", "accepted_today", "waiting"]


def test_the_due_soon_window_and_the_policy_are_settings_of_the_service(world: World) -> None:
    lists = CaseLists(
        world.desk.store,
        world.clock,
        world.desk.calendar,
        world.desk.settings,
        policy=WarningPolicy(share=0.0, min_working_days=0),
        due_soon_working_days=5,
    )
    f = CaseListFilter("due_soon", None)
    # Today and the next 4 working days: up to Fri 27 Nov; Mon 30 Nov is out.
    assert lists.ids(f) == world.id("due_today", "due_wed", "due_thu")
    levels = {r.id: r.due_level for r in lists.rows(lists.ids(f))}
    assert levels == dict(
        zip(
            world.id("due_today", "due_wed", "due_thu"),
            [DueLevel.YELLOW, DueLevel.GREEN, DueLevel.GREEN],
            strict=True,
        )
    )
    with pytest.raises(InvalidInput):
        CaseLists(
            world.desk.store,
            world.clock,
            world.desk.calendar,
            world.desk.settings,
            due_soon_working_days=0,
        )


def test_rows_in_the_order_given_with_their_colours(world: World) -> None:
    order = world.id("green", "overdue", "due_today", "completed", "immediate", "waiting")
    rows = world.lists.rows([order[0], "no-such-case", *order[1:]])
    assert [r.id for r in rows] == order
    levels = [r.due_level for r in rows]
    assert levels == [
        DueLevel.GREEN,
        DueLevel.RED,
        DueLevel.YELLOW,
        DueLevel.NONE,  # completed (late): closed
        DueLevel.NONE,  # immediate item: no due date
        DueLevel.NONE,  # waiting for the applicant: not accepted
    ]
    colours = {
        r.id: r.due_level
        for r in world.lists.rows(
            world.id("due_wed", "due_thu", "decided_overdue", "accepted_today")
        )
    }
    assert list(colours.values()) == [
        DueLevel.YELLOW,
        DueLevel.YELLOW,
        DueLevel.RED,
        DueLevel.GREEN,
    ]

    row = world.lists.rows(world.id("due_today"))[0]
    case = world.cases["due_today"]
    assert row.tracking_number == case.tracking_number
    assert row.state is CaseState.ACCEPTED
    assert row.item_name == "最低生活保障申请"
    assert row.applicant_name == ZHANG
    assert row.applicant_id_number == world.zhang.id_number
    assert row.phone == "0537-7212345"
    assert row.first_clerk_name == "李𠈌"
    assert row.created_at == at(10, 26, 9)
    assert (row.accepted_on, row.due_on) == (date(2026, 10, 26), date(2026, 11, 23))
    assert row.due_provisional is False
    assert world.lists.rows([]) == []


def test_rows_of_many_ids_and_a_provisional_due_date(world: World) -> None:
    with world.desk.store.write() as s:
        case = s.get(Case, world.cases["accepted_today"].id)
        assert case is not None
        case.due_unpublished_years = [2027]
    ids = world.ids("all")
    padded = [f"missing{i}" for i in range(700)] + list(reversed(ids))
    rows = world.lists.rows(padded)
    assert [r.id for r in rows] == list(reversed(ids))
    provisional = {r.id for r in rows if r.due_provisional}
    assert provisional == set(world.id("accepted_today"))
    with pytest.raises(TypeError):
        world.lists.rows(ids[0])


def test_empty_search_is_the_view(world: World) -> None:
    for view in VIEWS:
        assert world.ids(view, "  \u3000 ") == world.ids(view)


def test_search_by_tracking_number(world: World) -> None:
    number = world.cases["due_wed"].tracking_number
    shown = tracking_numbers.display(number)
    assert shown.count(" ") == 3  # 2611 2390 4210 0012
    assert world.names("all", shown) == ["due_wed"]
    assert world.names("all", number) == ["due_wed"]
    assert world.names("all", shown.replace(" ", "-")) == ["due_wed"]
    assert world.names("all", "\u3000".join(shown.split())) == ["due_wed"]
    # The date the case was opened and the terminal number: the cases numbered that day.
    today_prefix = world.cases["waiting"].tracking_number[:11]
    assert world.names("all", today_prefix) == [
        "immediate",
        "accepted_today",
        "waiting",
        "after_midnight",
    ]
    # A year and month begin every number of that month; the first group of the print too.
    month = world.cases["waiting"].tracking_number[:4]
    assert set(world.names("all", month)) == {
        name for name, case in world.cases.items() if case.tracking_number.startswith(month)
    }
    # Fewer than 4 digits is no tracking-number search.
    assert world.ids("all", number[:3]) == []
    # A mistyped full number finds nothing and does not fail.
    wrong = number[:-1] + ("2" if number[-1] != "2" else "3")
    assert world.ids("all", wrong) == []


def test_search_by_identity_number(world: World) -> None:
    wang = ["immediate", "waiting", "sunday_night", "green", "due_wed", "completed", "overdue"]
    number = world.wang.id_number
    assert world.names("all", number) == wang
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in number)
    assert world.names("all", full_width) == wang
    assert world.names("all", number[:10]) == wang  # a partial number: prefix
    zhang = world.zhang.id_number
    assert world.names("all", zhang[:12]) == [
        "accepted_today",
        "after_midnight",
        "rejected",
        "due_thu",
        "due_today",
        "decided_overdue",
    ]
    # Both start with the county code 370830: six characters search as a prefix.
    assert set(world.names("all", "370830")) == set(wang) | set(world.names("all", zhang))
    assert world.ids("all", "37083") == []  # five characters do not
    # Credit codes, full (any case) and partial.
    assert world.names("all", ORG_CODE.lower()) == ["org"]
    assert world.names("all", ORG_CODE[:8]) == ["org"]
    # A full-length number that fails its check finds nothing, and does not fail.
    assert world.ids("all", zhang[:-1] + ("1" if zhang[-1] != "1" else "2")) == []


def test_search_by_name(world: World) -> None:
    assert world.names("all", "王") == world.names("all", world.wang.id_number)
    assert world.names("all", "王䶮") == world.names("all", "王")
    found = world.names("all", ZHANG)
    assert found == [
        "accepted_today",
        "after_midnight",
        "rejected",
        "due_thu",
        "due_today",
        "decided_overdue",
    ]
    # Two characters or more of a Chinese name also match inside it.
    assert world.names("all", "𠈌明") == found
    assert world.names("all", "红星种植") == ["org"]
    # One character is a prefix only (a surname), not "anywhere in the name".
    assert world.ids("all", "𠈌") == []
    assert world.ids("all", "李") == []  # the clerk 李𠈌 is no applicant
    rows = world.lists.rows(world.ids("all", "张𠈌"))
    assert {r.applicant_name for r in rows} == {ZHANG}
    assert all(len(r.applicant_name) == 3 for r in rows)


def test_search_by_phone(world: World) -> None:
    wang = world.names("all", world.wang.id_number)
    assert world.names("all", "13812345678") == wang
    assert world.names("all", "+86 138-1234-5678") == wang
    assert world.names("all", "1381234") == wang  # partial: prefix
    zhang = world.names("all", world.zhang.id_number)
    assert world.names("all", "0537-7212345") == zhang
    assert world.names("all", "05377212345") == zhang
    assert world.names("all", "053772") == zhang  # partial landline: hyphen put back
    assert world.names("all", "139 0000") == ["org"]
    assert world.ids("all", "139") == []  # too short


def test_search_narrows_the_view(world: World) -> None:
    assert world.names("mine", "王") == ["waiting", "sunday_night", "due_wed", "overdue"]
    assert world.names("overdue", ZHANG) == ["decided_overdue"]
    assert world.names("today", world.zhang.id_number) == ["accepted_today", "after_midnight"]
    assert world.names("due_soon", "0537-7212345") == ["due_today"]
    assert world.ids("waiting", ZHANG) == []
    counted = world.lists.count(CaseListFilter("mine", world.clerk.id, "王"))
    assert counted == 4


def test_search_text_is_bounded(world: World) -> None:
    with pytest.raises(InvalidInput) as err:
        CaseListFilter("all", None, "王" * 101)
    assert err.value.where == "search"


def test_parse_search_readings() -> None:
    today = date(2026, 11, 23)
    assert parse_search("   ", today=today) is None
    t = parse_search("13812345678", today=today)
    assert t is not None and t.phone_exact == "13812345678" and t.tracking_exact is None
    assert t.identity_prefix == "13812345678"  # could be the start of a credit code
    t = parse_search("王小", today=today)
    assert t is not None and (t.name_prefix, t.name_contains) == ("王小", "王小")
    assert t.phone_prefix is None and t.identity_prefix is None and t.tracking_prefix is None
    t = parse_search("abcd", today=today)
    assert t is not None and t.tracking_prefix == "ABCD" and t.name_contains is None


def test_row_keys_give_the_same_list_compactly(desk, clerk, applicant) -> None:
    from array import array

    from support.intake import LOW_INCOME

    made = [
        desk.intake.start(
            clerk_id=clerk.id,
            item_code=LOW_INCOME,
            applicant_id=applicant.id,
            new_case_reason="测试数据",
        )
        for _ in range(4)
    ]
    lists = desk.case_lists
    flt = CaseListFilter("all", clerk.id)
    keys = lists.keys(flt)
    assert isinstance(keys, array) and keys.typecode == "q"
    assert [r.id for r in lists.rows_by_key(keys)] == lists.ids(flt)
    assert [r.id for r in lists.rows_by_key(list(reversed(keys)))] == list(reversed(lists.ids(flt)))
    assert {c.id for c in made} <= set(lists.ids(flt))
    assert lists.rows_by_key([10**9]) == []  # a key of no case is left out


SEARCHES = [
    "王",  # a surname: a name prefix
    ZHANG,
    "𠈌明",  # inside a name
    "红星种植",
    "370830",  # the county code: every resident ID of the world
    "3708301990",
    ORG_CODE[:8],
    "13812345678",
    "1381234",
    "053772",
    "2610",  # a year and month of tracking numbers
    "2611",
    "no such one",
    "赵",
]


@pytest.mark.parametrize(("limit", "cap"), [(200, 5000), (1, 1), (2, 3), (3, 5), (4, 4)])
def test_search_gives_the_first_matches_and_a_bounded_count(
    world: World, limit: int, cap: int
) -> None:
    lists = world.lists
    tracking = world.cases["due_wed"].tracking_number
    texts = [*SEARCHES, tracking, tracking[:11], world.wang.id_number, world.zhang.id_number[:12]]
    for clerk in (world.clerk, world.li):
        for view in VIEWS:
            for text in texts:
                f = CaseListFilter(view, clerk.id, text)
                every = list(lists.keys(f))
                found = lists.search(f, limit=limit, cap=cap)
                what = (view, text, limit, cap)
                assert list(found.keys) == every[:limit], what
                if found.more:
                    assert found.matched == cap < len(every), what
                else:
                    assert found.matched == len(every), what
                assert found.cut == (len(every) > limit), what


def test_a_broad_search_stops_counting_at_the_cap(world: World) -> None:
    lists = world.lists
    found = lists.search(CaseListFilter("all", None, "370830"), limit=3, cap=5)
    assert found.more and found.matched == 5 and found.cut
    assert list(found.keys) == list(lists.keys(CaseListFilter("all", None, "370830")))[:3]
    # Thirteen cases of persons: more than five; six of them are mine.
    mine = CaseListFilter("mine", world.clerk.id, "370830")
    assert lists.search(mine, limit=3, cap=5).more
    assert lists.search(mine, limit=3, cap=6).matched == 6
    # Zhang's six cases: exact up to a cap of six, "more than five" below it.
    zhang = CaseListFilter("all", None, world.zhang.id_number)
    assert lists.search(zhang, limit=2, cap=6) == lists.search(zhang, limit=2, cap=7)
    found = lists.search(zhang, limit=2, cap=6)
    assert (found.matched, found.more, found.cut, len(found.keys)) == (6, False, True, 2)
    assert (
        lists.search(zhang, limit=2, cap=5).matched,
        lists.search(zhang, limit=2, cap=5).more,
    ) == (5, True)
    with pytest.raises(ValueError):
        lists.search(CaseListFilter("all", None, "  "))
    with pytest.raises(ValueError):
        lists.search(CaseListFilter("all", None, "王"), limit=10, cap=5)


def test_every_search_plan_reads_through_an_index_and_sorts_no_list(world: World) -> None:
    """The plans SQLite makes for what search() runs (they do not depend on the store's size).

    A full scan of the cases, or a sort of a whole list (all, mine) for its
    first page, would grow with the store; each plan here touches the rows it
    returns and at most the cap more. The one scan allowed is the name
    index's, for a name's inside.
    """
    engine = world.desk.store.engine
    statements: list[tuple[str, Any]] = []

    def grab(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    texts = [*SEARCHES, world.cases["due_wed"].tracking_number, world.wang.id_number]
    event.listen(engine, "before_cursor_execute", grab)
    try:
        for view in ("all", "mine"):
            for text in texts:
                for cap in (1, 5000):  # broad and narrow
                    world.lists.search(CaseListFilter(view, world.clerk.id, text), limit=1, cap=cap)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    seen = 0
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        for statement, parameters in statements:
            if "cases" not in statement:
                continue
            seen += 1
            plan = [r[3] for r in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters)]
            for step in plan:
                assert "TEMP B-TREE" not in step, (statement, plan)
                if step.startswith(("SCAN cases", "SCAN applicants")):
                    assert "USING" in step and "INDEX" in step, (statement, plan)
                if step.startswith("SCAN applicants"):
                    assert "ix_applicants_name_id" in step, (statement, plan)
    assert seen > 100


def tolerant(world: World, name: str, when: datetime, promise: date) -> str:
    """A tolerant acceptance on ``when`` with 重大疾病诊断证明 promised by ``promise``."""
    desk, clerk = world.desk, world.clerk
    world.clock.set(when)
    case = desk.intake.start(
        clerk_id=clerk.id,
        item_code=LOW_INCOME,
        applicant_id=world.wang.id,
        new_case_reason="测试数据",
    )
    desk.intake.answer(
        case_id=case.id, clerk_id=clerk.id, answers={**NO, "has_serious_illness": True}
    )
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY, missing=["medical"])
    desk.intake.tolerant_accept(case_id=case.id, clerk_id=clerk.id, promise_date=promise)
    world.cases[name] = desk.cases.get(case.id)
    return case.id


def test_promises_lists_the_tolerant_acceptances_due_or_late(world: World) -> None:
    late = tolerant(world, "late", at(11, 16, 9), date(2026, 11, 20))
    today = tolerant(world, "promised_today", at(11, 17, 9), date(2026, 11, 23))
    tolerant(world, "promised_wed", at(11, 18, 9), date(2026, 11, 25))  # 2 working days
    tolerant(world, "promised_thu", at(11, 18, 10), date(2026, 11, 26))  # 3: not yet
    kept = tolerant(world, "kept", at(11, 16, 10), date(2026, 11, 20))
    world.desk.cases.supplement(kept, staff_id=world.clerk.id, material_ids=["medical"])
    withdrawn = tolerant(world, "withdrawn", at(11, 16, 11), date(2026, 11, 19))
    world.desk.cases.withdraw(withdrawn, staff_id=world.clerk.id, reason="申请人撤回")
    world.clock.set(NOW)

    # Late first; kept promises and closed cases are not listed.
    assert world.names("promises") == ["late", "promised_today", "promised_wed"]
    assert world.lists.counts(world.clerk.id)["promises"] == 3
    rows = world.lists.rows([late, today])
    assert [r.promise_date for r in rows] == [date(2026, 11, 20), date(2026, 11, 23)]
    assert world.names("promises", "王") == ["late", "promised_today", "promised_wed"]
    assert world.names("promises", ZHANG) == []


def test_earlier_drafts_leave_the_list_once_they_have_an_outcome(world: World) -> None:
    org = world.cases["org"].id
    world.desk.cases.withdraw(org, staff_id=world.clerk.id, reason="申请人未再来")
    assert world.names("earlier_drafts") == ["sunday_night"]
    world.clock.set(at(11, 24, 9))  # tomorrow, today's 暂存 is an earlier one
    assert world.names("earlier_drafts") == ["sunday_night", "after_midnight"]


def test_rows_say_how_many_working_days_are_left(world: World) -> None:
    names = ["overdue", "decided_overdue", "due_today", "due_wed", "green", "completed", "waiting"]
    rows = world.lists.rows(world.id(*names))
    left = {n: r.days_left for n, r in zip(names, rows, strict=True)}
    # Due Mon 9 Nov, seen Mon 23 Nov: 10 working days late; due today: 0 left.
    assert left == {
        "overdue": -10,
        "decided_overdue": -9,
        "due_today": 0,
        "due_wed": 2,
        "green": 5,
        "completed": None,
        "waiting": None,
    }


def test_earlier_drafts_are_a_supervisors_list() -> None:
    assert "earlier_drafts" not in views_for("clerk")
    assert "earlier_drafts" not in views_for("agent")
    assert views_for("supervisor") == views_for("admin") == VIEWS
    assert views_for("clerk") == tuple(v for v in VIEWS if v != "earlier_drafts")


def test_a_village_agent_sees_only_the_cases_they_collected(desk: Desk, clerk: StaffRecord) -> None:

    agent = make_agent(desk, clerk)
    other = make_agent(desk, clerk, login="agent2", name="钱代办")
    mine = agent_case(desk, agent, clerk, NAMES[0], "37083019800101123")
    agent_case(desk, other, clerk, NAMES[1], "37083019750505202")
    assert views_for("agent") == ("mine",)
    own = CaseListFilter(view="mine", clerk_id=agent.id, role=agent.role)
    assert desk.case_lists.ids(own) == [mine.id]
    for view in VIEWS:
        if view == "mine":
            continue
        with pytest.raises(InvalidInput) as refused:
            CaseListFilter(view=view, clerk_id=agent.id, role=agent.role)
        assert "village agent sees only the cases they collected" in str(refused.value)
    # A search in their list finds only their own, whatever matches elsewhere.
    everyone = CaseListFilter(view="all", clerk_id=clerk.id, search="370830", role=clerk.role)
    assert desk.case_lists.search(everyone).matched == 2
    found = desk.case_lists.search(
        CaseListFilter(view="mine", clerk_id=agent.id, search="370830", role=agent.role)
    )
    assert [r.id for r in desk.case_lists.rows_by_key(found.keys)] == [mine.id]
