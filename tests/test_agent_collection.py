"""Village agents collect (代办收件), the township accepts after the hand-over.

The whole flow headless: the agent collects at the village and hands the
applicant a 代办收件回执 (its text and QR code read back from the PDF), carries
the case on a handover list, the township clerk receives the list, checks the
materials again and decides; the due date and the one-time notice's 5
working days count from the township's side.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from support.desks import resident_id, unchanged
from support.handover import CARRIED, KEY, RETURNED, VILLAGE, make_agent
from support.intake import LOW_INCOME, NO
from support.printing import decode_qr, page_size_mm, render_png, squash, text_pypdf

from clerk_desk import tracking_numbers
from clerk_desk.case_documents import DocumentKind
from clerk_desk.cases import CaseView
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.intake import Proxy
from clerk_desk.lifecycle import CaseState
from clerk_desk.printing.document_data import display_query_code, status_url
from clerk_desk.staff import StaffRecord

# Monday 23 Nov: collected. Wednesday 25 Nov: the township receives the list.
RECEIVED = datetime(2026, 11, 25, 9, 30, tzinfo=CHINA_TZ)
# Five working days after Wed 25 Nov: Thu 26, Fri 27, Mon 30, Tue 1, Wed 2 Dec.
NOTICE_BY = date(2026, 12, 2)
NAMES = {
    "app_form": "最低生活保障申请书",
    "income": "家庭收入及财产状况申报表",
    "consent": "家庭经济状况核对授权书（家庭成员均需签字）",
    "proxy_letter": "授权委托书",
    "id_card": "申请人居民身份证",
    "hukou": "居民户口簿",
    "proxy_id": "委托代理人居民身份证",
}


@pytest.fixture
def agent(desk: Desk, clerk: StaffRecord) -> StaffRecord:
    return make_agent(desk, clerk)


def opened(desk: Desk, agent: StaffRecord, clerk: StaffRecord, body17: str = "37083019800101123"):
    person = desk.applicants.register_person(
        actor_id=clerk.id, name="王小明", id_number=resident_id(body17), phone="13912345678"
    )
    case = desk.intake.start(
        clerk_id=agent.id,
        item_code=LOW_INCOME,
        applicant_id=person.id,
        proxy=Proxy(None, "代办委托书"),
    )
    return desk.intake.answer(case_id=case.id, clerk_id=agent.id, answers=NO)


def collected(
    desk: Desk,
    agent: StaffRecord,
    clerk: StaffRecord,
    *,
    missing: tuple[str, ...] = ("consent",),
    body17: str = "37083019800101123",
) -> CaseView:
    """A case the agent collected with ``missing`` not handed in."""
    case = opened(desk, agent, clerk, body17)
    desk.intake.mark(
        case_id=case.id,
        clerk_id=agent.id,
        received=[m for m in KEY if m not in missing],
        missing=list(missing),
    )
    return desk.intake.collect(case_id=case.id, clerk_id=agent.id, village_point=VILLAGE)


def handed_over(desk: Desk, agent: StaffRecord, clerk: StaffRecord, clock: FixedClock, *cases):
    batch, _ = desk.handover.create_batch(
        agent_id=agent.id, case_ids=[c.id for c in cases], village_point=VILLAGE
    )
    clock.set(RECEIVED)
    return desk.handover.receive(batch_number=batch.batch_number, clerk_id=clerk.id)


# -- at the village ---------------------------------------------------------------


def test_the_agent_collects_and_hands_a_receipt_not_an_acceptance(
    desk: Desk, clerk: StaffRecord, agent: StaffRecord, clock: FixedClock, tmp_path: Path
) -> None:
    case = collected(desk, agent, clerk)
    assert case.state is CaseState.COLLECTED
    assert case.collected_at == clock.now() and case.handed_over_at is None
    assert case.accepted_on is None and case.due_on is None  # no acceptance, no due date
    assert case.first_clerk.id == agent.id
    step = desk.cases.timeline(case.id)[-1]
    assert (step.action, step.staff_id) == ("collected", agent.id)
    assert step.detail.to_json() == {
        "collected": ["app_form", "income", "proxy_letter"],
        "verified": ["id_card", "hukou", "proxy_id"],  # originals shown and handed back
        "missing": ["consent"],
        "village_point": VILLAGE,
    }

    (doc,) = desk.documents.issue_for_case(case.id, staff_id=agent.id)
    assert doc.kind is DocumentKind.AGENT_RECEIPT and doc.layout == "a4"
    assert [d.id for d in desk.documents.for_case(case.id)] == [doc.id]  # made with the step
    pdf = desk.documents.pdf(doc.id)
    text = squash(text_pypdf(pdf))
    for expected in (
        "代办收件回执",
        squash(tracking_numbers.display(case.tracking_number)),
        squash(display_query_code(case.query_code)),
        "最低生活保障申请",
        "王小明",
        "3708**********",
        "代办点：" + VILLAGE,
        "代办员：赵代办",
        "收件日期：2026年11月23日",
        "代办员赵代办已于2026年11月23日收取下列申请材料",
        "将移交" + desk.settings().centre_name,
        "五个工作日内一次性告知需要补正的全部内容",
        "有关文书经代办员转交申请人",
        "代办员（签名）",
    ):
        assert expected in text, expected
    for absent in ("承诺办结", "受理日期", "已受理", "予以受理。", NAMES["consent"]):
        assert absent not in text, absent
    # What was collected is under 已收取材料; the returned originals only under 已核验（原件退还）.
    received_at, verified_at = text.index("已收取材料"), text.index("已核验（原件退还）")
    for mid in (m for m in CARRIED if m != "consent"):
        assert received_at < text.index(NAMES[mid]) < verified_at, mid
    for mid in RETURNED:
        assert text.index(NAMES[mid]) > verified_at, mid
    assert text.count(NAMES["id_card"]) == 1  # never also listed as received

    (payload,) = decode_qr(render_png(pdf, tmp_path / "receipt", dpi=150)[0])
    settings = desk.settings()
    assert payload == status_url(settings.public_status_url, case.tracking_number, case.query_code)
    assert desk.documents.verify(doc.id)

    # The 80 mm roll takes it too.
    roll = desk.documents.reprint(doc.id, staff_id=agent.id, layout="roll80")
    roll_pdf = desk.documents.pdf(roll.id)
    assert round(page_size_mm(roll_pdf)[0]) == 80
    roll_text = squash(text_pypdf(roll_pdf))
    assert "代办收件回执" in roll_text and "已核验（原件退还）" in roll_text
    assert "补打（第1次）" in roll_text
    (roll_payload,) = decode_qr(render_png(roll_pdf, tmp_path / "roll", dpi=200)[0])
    assert roll_payload == payload


def test_an_agent_only_collects(
    desk: Desk, clerk: StaffRecord, agent: StaffRecord, clock: FixedClock
) -> None:
    case = opened(desk, agent, clerk)
    desk.intake.mark(case_id=case.id, clerk_id=agent.id, received=KEY)
    refusals = (
        lambda: desk.intake.accept(case_id=case.id, clerk_id=agent.id),
        lambda: desk.intake.tolerant_accept(
            case_id=case.id, clerk_id=agent.id, promise_date=date(2026, 12, 1)
        ),
        lambda: desk.intake.issue_notice(case_id=case.id, clerk_id=agent.id),
        lambda: desk.intake.reject(
            case_id=case.id, clerk_id=agent.id, reason="户籍不在本镇", legal_basis="第八条"
        ),
    )
    for refused in refusals:
        with unchanged(desk), pytest.raises(RuleViolation) as err:
            refused()
        assert "赵代办 is a village agent: the township counter accepts" in str(err.value)
    # Nobody else collects; an agent collects only their own cases.
    with unchanged(desk), pytest.raises(RuleViolation, match="only a village agent collects"):
        desk.intake.collect(case_id=case.id, clerk_id=clerk.id, village_point=VILLAGE)
    other = make_agent(desk, clerk, "agent2", "钱代办")
    with unchanged(desk), pytest.raises(RuleViolation, match="not taken by 钱代办"):
        desk.intake.collect(case_id=case.id, clerk_id=other.id, village_point=VILLAGE)
    # The receipt names the village point: the agent's account says which.
    assert desk.intake.village_point_of(agent.id) == VILLAGE
    desk.intake.collect(case_id=case.id, clerk_id=agent.id)
    assert desk.cases.timeline(case.id)[-1].detail.to_json()["village_point"] == VILLAGE
    # Nothing collected: nothing to carry.
    empty = opened(desk, agent, clerk, "37083019750505202")
    desk.intake.mark(case_id=empty.id, clerk_id=agent.id, missing=KEY)
    with unchanged(desk), pytest.raises(RuleViolation, match="nothing was collected"):
        desk.intake.collect(case_id=empty.id, clerk_id=agent.id)
    # The next collection names the last village point by itself; withdrawing stays possible.
    later = collected(desk, agent, clerk, missing=(), body17="37083019660909301")
    assert desk.intake.village_point_of(agent.id) == VILLAGE
    assert desk.cases.timeline(later.id)[-1].detail.to_json()["village_point"] == VILLAGE
    gone = desk.cases.withdraw(later.id, staff_id=agent.id, reason="申请人不再申请")
    assert gone.state is CaseState.WITHDRAWN


def test_a_collected_case_waits_for_the_hand_over(
    desk: Desk, clerk: StaffRecord, agent: StaffRecord
) -> None:
    case = collected(desk, agent, clerk)
    with unchanged(desk), pytest.raises(RuleViolation, match="has been collected"):
        desk.intake.mark(case_id=case.id, clerk_id=agent.id, received=["consent"])
    with unchanged(desk), pytest.raises(RuleViolation, match="has been collected"):
        desk.intake.accept(case_id=case.id, clerk_id=agent.id)
    for attempt in (
        lambda: desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=["consent"]),
        lambda: desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id),
        lambda: desk.intake.reject(
            case_id=case.id, clerk_id=clerk.id, reason="户籍不在本镇", legal_basis="第八条"
        ),
    ):
        with unchanged(desk), pytest.raises(RuleViolation) as err:
            attempt()
        assert "collected by the village agent 赵代办" in str(err.value)
        assert "handover list has not been received here yet" in str(err.value)
    with unchanged(desk), pytest.raises(RuleViolation, match="answers are frozen"):
        desk.intake.answer(case_id=case.id, clerk_id=agent.id, answers={"divorced": True})
    assert desk.handover.awaiting_decision() == []


# -- at the township ----------------------------------------------------------------


def test_the_township_accepts_and_the_due_date_counts_from_that_day(
    desk: Desk, clerk: StaffRecord, agent: StaffRecord, clock: FixedClock
) -> None:
    case = collected(desk, agent, clerk)
    handed_over(desk, agent, clerk, clock, case)
    (waiting,) = desk.handover.awaiting_decision()
    assert waiting.case_id == case.id
    assert (waiting.agent_name, waiting.village_point) == ("赵代办", VILLAGE)
    assert (waiting.received_on, waiting.notice_due_by) == (RECEIVED.date(), NOTICE_BY)
    assert desk.cases.get(case.id).handed_over_at == RECEIVED

    # Thursday: the applicant's consent form came with the agent's next trip.
    clock.set(datetime(2026, 11, 26, 10, 0, tzinfo=CHINA_TZ))
    with unchanged(desk), pytest.raises(RuleViolation, match="missing 家庭经济状况核对授权书"):
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=["consent"])
    accepted = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert accepted.state is CaseState.ACCEPTED
    assert accepted.accepted_on == date(2026, 11, 26)  # the township's day, not the village's
    assert accepted.due_on == date(2026, 12, 24)  # 20 working days from Thu 26 Nov
    assert accepted.first_clerk.id == agent.id  # 首问负责: the agent took it
    step = desk.cases.timeline(case.id)[-1]
    assert (step.action, step.staff_id) == ("accepted", clerk.id)  # the deciding clerk
    docs = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    assert [d.kind for d in docs] == [DocumentKind.AGENT_RECEIPT, DocumentKind.ACCEPTANCE]
    assert docs[1].staff_id == clerk.id
    assert desk.handover.awaiting_decision() == []
    assert desk.verify_audit().ok


def test_the_notice_is_due_five_working_days_after_the_township_receives(
    desk: Desk, clerk: StaffRecord, agent: StaffRecord, clock: FixedClock
) -> None:
    on_time = collected(desk, agent, clerk)
    late = collected(desk, agent, clerk, body17="37083019750505202")
    handed_over(desk, agent, clerk, clock, on_time, late)
    # Day 5 after the receipt (not after the collection a week earlier): allowed.
    clock.set(datetime(2026, 12, 2, 16, 0, tzinfo=CHINA_TZ))
    noticed = desk.intake.issue_notice(case_id=on_time.id, clerk_id=clerk.id)
    assert noticed.state is CaseState.NOTICE_ISSUED
    assert noticed.notice_material_ids == ("consent",)
    docs = desk.documents.issue_for_case(on_time.id, staff_id=clerk.id)
    assert [d.kind for d in docs] == [DocumentKind.AGENT_RECEIPT, DocumentKind.ONE_TIME_NOTICE]
    # Day 6: too late for a notice; accepted from the day of the township's receipt.
    clock.set(datetime(2026, 12, 3, 9, 0, tzinfo=CHINA_TZ))
    with unchanged(desk), pytest.raises(RuleViolation) as err:
        desk.intake.issue_notice(case_id=late.id, clerk_id=clerk.id)
    assert "received on 2026-11-25" in str(err.value)
    assert "due by 2026-12-02" in str(err.value)
    deemed = desk.intake.accept(case_id=late.id, clerk_id=clerk.id)
    assert deemed.accepted_on == RECEIVED.date()
    assert deemed.due_on == date(2026, 12, 23)  # 20 working days from Wed 25 Nov
    assert desk.cases.timeline(late.id)[-1].detail.to_json()["deemed_accepted"] == {
        "received_on": "2026-11-25",
        "notice_due_by": "2026-12-02",
        "missing": ["consent"],
    }


def test_the_township_may_reject_or_accept_tolerantly(
    desk: Desk, clerk: StaffRecord, agent: StaffRecord, clock: FixedClock
) -> None:
    rejected = collected(desk, agent, clerk, missing=())
    tolerant = opened(desk, agent, clerk, "37083019750505202")
    desk.intake.answer(
        case_id=tolerant.id, clerk_id=agent.id, answers={"has_serious_illness": True}
    )
    desk.intake.mark(case_id=tolerant.id, clerk_id=agent.id, received=KEY, missing=["medical"])
    tolerant = desk.intake.collect(case_id=tolerant.id, clerk_id=agent.id)
    handed_over(desk, agent, clerk, clock, rejected, tolerant)
    done = desk.intake.reject(
        case_id=rejected.id, clerk_id=clerk.id, reason="户籍不在本镇", legal_basis="第八条"
    )
    assert done.state is CaseState.REJECTED
    promised = desk.intake.tolerant_accept(
        case_id=tolerant.id, clerk_id=clerk.id, promise_date=date(2026, 12, 4)
    )
    assert promised.state is CaseState.TOLERANT_ACCEPTED
    assert promised.accepted_on == RECEIVED.date()
    assert desk.handover.awaiting_decision() == []


def test_the_receipt_checks_its_inputs_and_prints_rare_names(
    desk: Desk, clerk: StaffRecord, agent: StaffRecord, applicant
) -> None:
    import dataclasses

    from clerk_desk.case_documents import INPUT_TYPES, inputs_from_json
    from clerk_desk.models import Document

    case = desk.intake.start(
        clerk_id=agent.id,
        item_code=LOW_INCOME,
        applicant_id=applicant.id,  # 王䶮: a CJK Extension A character
        proxy=Proxy(None, "代办委托书"),
    )
    desk.intake.answer(case_id=case.id, clerk_id=agent.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=agent.id, received=KEY)
    desk.intake.collect(case_id=case.id, clerk_id=agent.id, village_point="䶮家庄便民服务代办点")
    (doc,) = desk.documents.for_case(case.id)
    text = squash(text_pypdf(desk.documents.pdf(doc.id)))
    assert "王䶮" in text and "䶮家庄便民服务代办点" in text
    with desk.store.read() as session:
        kept = session.get(Document, doc.id)
        assert kept is not None
        inputs = inputs_from_json(INPUT_TYPES[DocumentKind.AGENT_RECEIPT], kept.inputs)
    assert inputs.applicant.id_number.count("*") == 10  # kept as printed: masked
    for changes, where in (
        ({"collected": (), "verified": ()}, "collected"),
        ({"village_point": " "}, "village_point"),
        ({"notice_working_days": 0}, "notice_working_days"),
    ):
        with pytest.raises(InvalidInput) as err:
            dataclasses.replace(inputs, **changes)
        assert err.value.where == where
