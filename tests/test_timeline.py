"""Timeline steps: each step's name and its typed, versioned detail (clerk_desk.timeline).

Stored JSON stays readable: the details below are written exactly as the first
counter release writes them (no version key), and as releases before it did
(keys missing); they load, and a version-1 detail writes back the same JSON.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import select

from clerk_desk.models import CaseEvent
from clerk_desk.timeline import (
    DETAILS,
    VERSION_KEY,
    AcceptedDetail,
    CollectedDetail,
    DeemedAcceptance,
    MaterialsCheckedDetail,
    NoticeDetail,
    OpenCase,
    OpenedDetail,
    ResumedDetail,
    Step,
    StepDetail,
    SuspendedDetail,
    read_detail,
)

LOW_INCOME = "370830104-MZ-001"
KEY = ["id_card", "hukou", "app_form", "income", "consent"]
NO = {"has_disabled_member": False, "has_serious_illness": False, "divorced": False}

# Details as the first counter release writes them (dict literals of its code).
WRITTEN_TODAY: dict[Step, dict[str, object]] = {
    Step.OPENED: {
        "item_code": LOW_INCOME,
        "catalog_version": "2026.11",
        "answers": {"by_proxy": False},
        "new_case_reason": "另行申请",
        "open_cases": [{"id": "c1", "tracking_number": "2611239584200023"}],
    },
    Step.MATERIALS_CHECKED: {"received": ["app_form"], "missing": [], "unmarked": ["consent"]},
    Step.ACCEPTED: {
        "received": KEY,
        "due_on": "2026-12-21",
        "due_unpublished_years": [],
        "deemed_accepted": {
            "received_on": "2026-11-16",
            "notice_due_by": "2026-11-23",
            "missing": ["disability"],
        },
    },
    Step.TOLERANT_ACCEPTED: {
        "received": KEY,
        "promised": ["disability"],
        "promise_date": "2026-11-30",
        "due_on": None,
        "due_unpublished_years": [2027],
    },
    Step.NOTICE_ISSUED: {"missing": ["disability"], "received_on": "2026-11-25"},
    Step.REJECTED: {
        "reason": "不符合条件",
        "legal_basis": "《条例》第九条",
        "competent_body": "",
        "rejected_on": "2026-11-25",
    },
    Step.COLLECTED: {
        "collected": ["app_form"],
        "verified": ["id_card"],
        "missing": [],
        "village_point": "东关村便民服务代办点",
    },
    Step.HANDED_OVER: {"batch_number": "DB001", "received_by": "s1", "received_on": "2026-11-26"},
    Step.SUSPENDED: {
        "office_staff": "李审批",
        "office_step_seq": 2,
        "reason": "现场核查",
        "suspended_on": "2026-11-30",
    },
    Step.RESUMED: {"paused_working_days": 5, "due_on": "2026-12-28"},
    Step.DECIDED: {"decision": "准予"},
    Step.PROCESSING_STARTED: {},
    Step.MATERIALS_SUPPLEMENTED: {"materials": ["disability"]},
    Step.DUE_DATE_REVIEWED: {
        "due_on_before": "2027-01-12",
        "provisional_years_before": [2027],
        "due_on": "2027-01-19",
        "provisional_years": [],
        "calendar_source": "county server 2026-12-10",
    },
}


def test_every_step_has_its_detail_class() -> None:
    assert set(DETAILS) == set(Step)
    assert all(issubclass(cls, StepDetail) for cls in DETAILS.values())


def test_details_written_today_load_typed_and_write_back_the_same_json() -> None:
    for step, raw in WRITTEN_TODAY.items():
        detail = read_detail(step, raw)
        assert type(detail) is DETAILS[step], step
        assert detail.version == 1
        # Same keys, same values, same order: the row and the sync payload are unchanged.
        assert list(detail.to_json().items()) == list(raw.items()), step
    opened = read_detail(Step.OPENED, WRITTEN_TODAY[Step.OPENED])
    assert isinstance(opened, OpenedDetail)
    assert opened.open_cases == (OpenCase("c1", "2611239584200023"),)
    accepted = read_detail(Step.ACCEPTED, WRITTEN_TODAY[Step.ACCEPTED])
    assert isinstance(accepted, AcceptedDetail)
    assert accepted.received == tuple(KEY) and accepted.due_on == date(2026, 12, 21)
    assert accepted.deemed == DeemedAcceptance(
        date(2026, 11, 16), date(2026, 11, 23), ("disability",)
    )
    tolerant = read_detail(Step.TOLERANT_ACCEPTED, WRITTEN_TODAY[Step.TOLERANT_ACCEPTED])
    assert isinstance(tolerant, AcceptedDetail)
    assert tolerant.promise_date == date(2026, 11, 30)
    assert tolerant.due_recorded and tolerant.due_on is None  # an immediate item: no due date
    suspended = read_detail(Step.SUSPENDED, WRITTEN_TODAY[Step.SUSPENDED])
    assert isinstance(suspended, SuspendedDetail)
    assert suspended.suspended_on == date(2026, 11, 30)
    assert (suspended.office_staff, suspended.office_step_seq) == ("李审批", 2)


def test_details_of_earlier_releases_load_with_what_they_did_not_keep_as_none() -> None:
    accepted = AcceptedDetail.from_json({})  # before the received list and the due date
    assert accepted.received is None and accepted.promised is None
    assert not accepted.due_recorded and accepted.deemed is None
    assert accepted.to_json() == {}
    notice = NoticeDetail.from_json({"missing": ["hukou"]})  # before its legal start
    assert notice.received_on is None and notice.missing == ("hukou",)
    collected = CollectedDetail.from_json({"verified": [], "missing": [], "village_point": "东村"})
    assert collected.collected is None and collected.village_point == "东村"
    assert SuspendedDetail.from_json(None).suspended_on is None
    assert MaterialsCheckedDetail.from_json({"received": ["a"], "missing": []}).unmarked == ()


def test_a_later_version_says_so_and_an_unknown_step_still_loads() -> None:
    resumed = ResumedDetail(paused_working_days=3, due_on="2027-01-05", version=2)
    raw = resumed.to_json()
    assert raw[VERSION_KEY] == 2
    assert read_detail(Step.RESUMED, raw) == resumed
    newer = read_detail("reopened", {"reason": "x", VERSION_KEY: 3})
    assert type(newer) is StepDetail and newer.version == 3


def test_every_step_of_a_real_case_round_trips(desk, clerk, applicant, clock) -> None:
    intake, cases = desk.intake, desk.cases
    case = intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    intake.answer(case_id=case.id, clerk_id=clerk.id, answers={**NO, "has_disabled_member": True})
    intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY, missing=["disability"])
    intake.tolerant_accept(case_id=case.id, clerk_id=clerk.id, promise_date=date(2026, 11, 30))
    cases.supplement(case.id, staff_id=clerk.id, material_ids=["disability"])
    cases.start_processing(case.id, staff_id=clerk.id)
    cases.suspend(case.id, staff_id=clerk.id, reason="入户调查")
    clock.advance(timedelta(days=7))
    cases.resume(case.id, staff_id=clerk.id)
    cases.decide(case.id, staff_id=clerk.id, decision="准予")
    cases.complete(case.id, staff_id=clerk.id)
    cases.deliver(case.id, staff_id=clerk.id, how="窗口领取")
    with desk.store.read() as session:
        rows = session.execute(
            select(CaseEvent.action, CaseEvent.detail)
            .where(CaseEvent.case_id == case.id)
            .order_by(CaseEvent.seq)
        ).all()
    assert [Step(a) for a, _ in rows] == [
        Step.OPENED,
        Step.ANSWERED,
        Step.MATERIALS_CHECKED,
        Step.TOLERANT_ACCEPTED,
        Step.MATERIALS_SUPPLEMENTED,
        Step.PROCESSING_STARTED,
        Step.SUSPENDED,
        Step.RESUMED,
        Step.DECIDED,
        Step.COMPLETED,
        Step.DELIVERED,
    ]
    for action, raw in rows:
        assert VERSION_KEY not in raw  # version 1: stored as the first release stores it
        assert list(read_detail(action, raw).to_json().items()) == list(raw.items()), action
    timeline = cases.timeline(case.id)
    resumed = timeline[7].detail
    assert isinstance(resumed, ResumedDetail) and resumed.paused_working_days == 5
    assert replace(resumed, version=1) == resumed
