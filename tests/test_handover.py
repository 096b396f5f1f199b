"""Village agents' handover lists: made at the village point, received at the township."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.desks import resident_id, unchanged
from support.handover import (
    CARRIED,
    CARRIED_NAMES,
    IDS,
    KEY,
    NAMES,
    VILLAGE,
    agent_case,
    handover_service,
    make_agent,
)
from support.intake import LOW_INCOME, NO
from support.printing import decode_qr, render_png, squash, text_pypdf

from clerk_desk import tracking_numbers
from clerk_desk.case_documents import DocumentKind
from clerk_desk.cases import CaseView
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.errors import InvalidInput, NotFound, RuleViolation
from clerk_desk.handover import HandoverService, parse_handover_qr
from clerk_desk.intake import Proxy
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.lifecycle import CaseState
from clerk_desk.printing.document_data import MaterialCount
from clerk_desk.staff import StaffRecord


@dataclass
class Village:
    desk: Desk
    clerk: StaffRecord
    agent: StaffRecord
    service: HandoverService
    cases: list[CaseView]


@pytest.fixture
def village(desk: Desk, clerk: StaffRecord) -> Village:
    agent = make_agent(desk, clerk)
    cases = [agent_case(desk, agent, clerk, n, b) for n, b in zip(NAMES, IDS, strict=True)]
    return Village(desk, clerk, agent, handover_service(desk), cases)


def make_batch(v: Village, cases: list[CaseView] | None = None):
    chosen = v.cases[:2] if cases is None else cases
    return v.service.create_batch(
        agent_id=v.agent.id, case_ids=[c.id for c in chosen], village_point=VILLAGE
    )


def test_agent_sees_the_collected_cases_to_carry(village: Village) -> None:
    pending = village.service.pending(village.agent.id)
    assert [c.id for c in pending] == [c.id for c in village.cases]
    assert all(c.state is CaseState.COLLECTED for c in pending)
    assert all(c.accepted_on is None and c.due_on is None for c in pending)


def test_handover_list_is_numbered_printed_and_scannable(village: Village, tmp_path: Path) -> None:
    v = village
    before = v.desk.pending_changes()
    batch, doc = make_batch(v)
    terminal = v.desk.settings().terminal_code
    assert tracking_numbers.is_terminal_number(terminal)  # numeric: HO-9xxxx-20261123-01
    assert batch.batch_number == f"HO-{terminal}-20261123-01"
    assert batch.agent_name == "赵代办"
    assert batch.village_point == VILLAGE
    assert batch.tracking_numbers == tuple(c.tracking_number for c in v.cases[:2])
    assert [c.materials_count for c in batch.cases] == [len(CARRIED), len(CARRIED)]
    # The materials as the list names them: returned originals are not carried.
    assert [m.name for m in batch.cases[0].materials] == CARRIED_NAMES
    assert {m.form for m in batch.cases[0].materials} == {"原件"}
    assert batch.cases[0].count == MaterialCount(len(CARRIED), len(CARRIED))
    assert batch.count == MaterialCount(2 * len(CARRIED), 2 * len(CARRIED))
    assert not batch.received and batch.received_by_name is None
    assert doc.kind is DocumentKind.HANDOVER and doc.case_id is None
    assert batch.document_id == doc.id
    assert v.desk.pending_changes() > before  # batch and document go up to the county

    text = squash(text_pypdf(v.desk.documents.pdf(doc.id)))
    for expected in (
        "代办件移交清单",
        batch.batch_number,
        VILLAGE,
        "赵代办",
        *(squash(tracking_numbers.display(c.tracking_number)) for c in v.cases[:2]),
        f"清单编号：{batch.batch_number}",
        *NAMES[:2],  # in full: an internal paper between the village and the township
        *(f"{name}（原件1份）" for name in CARRIED_NAMES),
        "4项4份",
        "代办员（签名）",
        "接收人（签名）",
        "合计：2件，移交材料8项8份",
        "不含代办员已核验并退还申请人的原件",
    ):
        assert expected in text, expected
    assert "*" not in text and "批次" not in text
    for returned in ("申请人居民身份证", "居民户口簿", "委托代理人居民身份证"):
        assert returned not in text  # verified at the village and handed back
    assert squash(tracking_numbers.display(v.cases[2].tracking_number)) not in text

    (payload,) = decode_qr(render_png(v.desk.documents.pdf(doc.id), tmp_path / "list", dpi=150)[0])
    numbers = "".join(c.tracking_number for c in v.cases[:2])  # 16 digits each, run together
    assert payload == f"CLERKDESK-HANDOVER/2;batch={batch.batch_number};n={numbers}"
    assert parse_handover_qr(payload) == batch.batch_number
    # A list printed by an earlier version (format 1) is still received by its code.
    old = f"CLERKDESK-HANDOVER/1;batch={batch.batch_number};n=ABCD223VJ233R,ABCD223VJ234P"
    assert parse_handover_qr(old) == batch.batch_number
    assert v.desk.documents.verify(doc.id)  # re-created from its inputs: same bytes

    assert [c.id for c in v.service.pending(v.agent.id)] == [v.cases[2].id]
    second, _ = make_batch(v, v.cases[2:])
    assert second.batch_number == f"HO-{terminal}-20261123-02"
    assert v.service.pending(v.agent.id) == []
    assert [b.batch_number for b in v.service.batches(v.agent.id)] == [
        second.batch_number,
        batch.batch_number,
    ]
    assert v.service.batch(batch.batch_number.lower()) == batch


def test_the_daily_sequence_starts_again_the_next_day(village: Village, clock: FixedClock) -> None:
    first, _ = make_batch(village, village.cases[:1])
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=CHINA_TZ))
    second, _ = make_batch(village, village.cases[1:2])
    assert first.batch_number.endswith("-20261123-01")
    assert second.batch_number.endswith("-20261124-01")


def test_a_case_goes_on_one_list_only(village: Village) -> None:
    batch, _ = make_batch(village)
    with unchanged(village.desk), pytest.raises(RuleViolation) as err:
        make_batch(village, [village.cases[2], village.cases[0]])
    assert f"already on handover list {batch.batch_number}" in str(err.value)
    assert tracking_numbers.display(village.cases[0].tracking_number) in str(err.value)


def test_township_clerk_receives_the_batch(village: Village, clock: FixedClock) -> None:
    v = village
    batch, _ = make_batch(v)
    clock.advance(timedelta(hours=3))
    got = v.service.receive(batch_number=batch.batch_number, clerk_id=v.clerk.id)
    assert got.received and got.received_by_name == "演示窗口员"
    assert got.received_by_id == v.clerk.id
    assert got.received_at == clock.now()
    for case in v.cases[:2]:
        step = v.desk.cases.timeline(case.id)[-1]
        assert step.action == "handed_over"
        assert step.from_state is CaseState.COLLECTED and step.to_state is CaseState.COLLECTED
        assert step.staff_id == v.clerk.id
        assert step.detail.to_json() == {
            "batch_number": batch.batch_number,
            "received_by": v.clerk.id,
            "received_on": "2026-11-23",
        }
        after = v.desk.cases.get(case.id)
        assert after.state is CaseState.COLLECTED  # the township decides next
        assert after.handed_over_at == clock.now()
    assert v.desk.cases.timeline(v.cases[2].id)[-1].action != "handed_over"
    assert v.desk.cases.get(v.cases[2].id).handed_over_at is None
    assert v.desk.verify_audit().ok
    assert v.service.batches()[0] == got


def test_a_batch_is_received_once(village: Village, clock: FixedClock, tmp_path: Path) -> None:
    v = village
    batch, doc = make_batch(v)
    v.service.receive(batch_number=batch.batch_number, clerk_id=v.clerk.id)
    other = v.desk.staff.create(actor_id=SYSTEM_ACTOR, login="li", name="李窗口", role="clerk")
    (payload,) = decode_qr(render_png(v.desk.documents.pdf(doc.id), tmp_path / "list")[0])
    clock.advance(timedelta(days=1))
    with unchanged(v.desk), pytest.raises(RuleViolation) as err:
        v.service.receive(batch_number=payload, clerk_id=other.id)  # scanned this time
    assert "already received by 演示窗口员 at 2026-11-23 10:00" in str(err.value)


def test_an_agent_cannot_receive(village: Village, clerk: StaffRecord) -> None:
    batch, _ = make_batch(village)
    other_agent = make_agent(village.desk, clerk, "agent2", "钱代办")
    for who in (village.agent, other_agent):
        with unchanged(village.desk), pytest.raises(RuleViolation, match="village agent"):
            village.service.receive(batch_number=batch.batch_number, clerk_id=who.id)
    assert not village.service.batch(batch.batch_number).received


def test_unknown_or_malformed_batch_numbers_change_nothing(village: Village) -> None:
    v = village
    make_batch(v)
    terminal = v.desk.settings().terminal_code
    cases = (
        (f"HO-{terminal}-20261123-07", NotFound, "no handover list"),
        ("", InvalidInput, "batch_number"),
        ("HO-12", InvalidInput, "not a handover batch number"),
        ("CLERKDESK-HANDOVER/9;batch=HO-AB-20261123-01", InvalidInput, "version"),
        ("CLERKDESK-HANDOVER/1;n=X", InvalidInput, "no batch number"),
    )
    for text, error, message in cases:
        with unchanged(v.desk), pytest.raises(error, match=message):
            v.service.receive(batch_number=text, clerk_id=v.clerk.id)
    with unchanged(v.desk), pytest.raises(InvalidInput, match="clerk_id"):
        v.service.receive(batch_number=f"HO-{terminal}-20261123-01", clerk_id="ghost")


def test_scanner_text_is_normalised() -> None:
    assert parse_handover_qr(" ho-90421-20261123-01 ") == "HO-90421-20261123-01"
    assert parse_handover_qr("ＨＯ－９０４２１－２０２６１１２３－０１") == "HO-90421-20261123-01"
    # Lists made under an early version carry its symbol code.
    assert parse_handover_qr("  ho-k7qm-20261123-01 \n") == "HO-K7QM-20261123-01"
    assert parse_handover_qr("ＨＯ－Ｋ７ＱＭ－２０２６１１２３－０１") == "HO-K7QM-20261123-01"
    assert (
        parse_handover_qr("clerkdesk-handover/1;batch=HO-K7QM-20261123-01;n=A,B")
        == "HO-K7QM-20261123-01"
    )


def test_bad_batches_change_nothing(village: Village, applicant) -> None:
    v = village
    desk, agent = v.desk, v.agent
    # The applicant's case collected at the village is open: a counter case is a new one.
    clerks_case = desk.intake.start(
        clerk_id=v.clerk.id,
        item_code=LOW_INCOME,
        applicant_id=applicant.id,
        new_case_reason="申请人到镇窗口另行申请",
    )
    assert clerks_case.id not in [c.id for c in v.cases]
    consulted = desk.intake.start(
        clerk_id=agent.id,
        item_code=LOW_INCOME,
        applicant_id=applicant.id,
        proxy=Proxy(None, "代办委托书"),
        new_case_reason="村代办点另行代办",
    )
    ids = [c.id for c in v.cases]

    def attempt(error: type[Exception], match: str, **changes: object) -> None:
        kwargs: dict[str, object] = {
            "agent_id": agent.id,
            "case_ids": ids[:2],
            "village_point": VILLAGE,
            **changes,
        }
        with unchanged(desk), pytest.raises(error, match=match):
            v.service.create_batch(**kwargs)  # type: ignore[arg-type]

    attempt(InvalidInput, "at least one case", case_ids=[])
    attempt(
        InvalidInput, r"case_ids\[3\]: is the same case as case_ids\[0\]", case_ids=[*ids, ids[0]]
    )
    attempt(InvalidInput, r"case_ids\[1\]: no case", case_ids=[ids[0], "nope"])
    attempt(RuleViolation, "not taken by 赵代办", case_ids=[ids[0], clerks_case.id])
    attempt(RuleViolation, "is consulted: only cases the agent collected", case_ids=[consulted.id])
    attempt(RuleViolation, "演示窗口员 is not a village agent", agent_id=v.clerk.id)
    attempt(InvalidInput, "agent_id", agent_id="ghost")
    attempt(InvalidInput, "village_point: must not be empty", village_point="  ")
    attempt(InvalidInput, "layout", layout="a3")
    attempt(InvalidInput, "case_ids: must be a list", case_ids=ids[0])
    other = make_agent(desk, v.clerk, "agent2", "钱代办")
    attempt(RuleViolation, "not taken by 钱代办", agent_id=other.id)
    with unchanged(desk), pytest.raises(RuleViolation, match="not a village agent"):
        v.service.pending(v.clerk.id)
    assert v.service.batches() == []


def test_only_collected_cases_are_carried_without_returned_originals(
    remedies, village: Village, clerk: StaffRecord
) -> None:
    v = village
    desk, agent = v.desk, v.agent
    person = desk.applicants.register_person(
        actor_id=clerk.id, name="孙悟", id_number=resident_id("37083019700707404")
    )

    def started() -> CaseView:
        return desk.intake.start(
            clerk_id=agent.id,
            item_code=LOW_INCOME,
            applicant_id=person.id,
            proxy=Proxy(None, "代办委托书"),
            new_case_reason="测试数据",
        )

    short = started()  # collected with the consent form still missing: the township notifies
    desk.intake.answer(case_id=short.id, clerk_id=agent.id, answers=NO)
    desk.intake.mark(
        case_id=short.id,
        clerk_id=agent.id,
        received=[m for m in KEY if m != "consent"],
        missing=["consent"],
    )
    short = desk.intake.collect(case_id=short.id, clerk_id=agent.id)  # the village point known
    consulted = started()
    pending = [c.id for c in v.service.pending(agent.id)]
    assert pending == [*(c.id for c in v.cases), short.id]
    batch, _ = make_batch(v, [short])
    assert batch.cases[0].state is CaseState.COLLECTED
    assert batch.cases[0].materials_count == len(CARRIED) - 1  # consent missing, originals back
    assert batch.cases[0].count == MaterialCount(len(CARRIED) - 1, len(CARRIED) - 1)
    assert "家庭经济状况核对授权书（家庭成员均需签字）" not in [
        m.name for m in batch.cases[0].materials
    ]
    with unchanged(desk), pytest.raises(RuleViolation, match="is consulted"):
        make_batch(v, [consulted])


def test_batches_list_all_agents_for_the_township(village: Village, clerk: StaffRecord) -> None:
    v = village
    other = make_agent(v.desk, clerk, "agent2", "钱代办")
    theirs = agent_case(v.desk, other, clerk, "周文", "37083019820202505")
    mine, _ = make_batch(v, v.cases[:1])
    their_batch, _ = v.service.create_batch(
        agent_id=other.id, case_ids=[theirs.id], village_point="西河村便民服务代办点"
    )
    assert {b.batch_number for b in v.service.batches()} == {
        mine.batch_number,
        their_batch.batch_number,
    }
    assert [b.agent_name for b in v.service.batches(other.id)] == ["钱代办"]
    assert v.service.batches(limit=1)[0].batch_number in {
        mine.batch_number,
        their_batch.batch_number,
    }
