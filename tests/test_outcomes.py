"""What blocks each outcome of an intake, and why (clerk_desk.outcomes).

The answer is the domain's: each blocker's reason is the error the outcome itself
raises, so the counter's screen shows the rule rather than re-deriving it.
"""

from __future__ import annotations

from datetime import date

import pytest
from support.desks import resident_id, unchanged

from clerk_desk.cases import CaseView
from clerk_desk.desk import Desk
from clerk_desk.errors import InvalidTransition, RuleViolation
from clerk_desk.intake import Proxy
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.outcomes import (
    NOT_OFFERED,
    BlockerKind,
    Outcome,
    outcome_blockers,
    take_up_refusal,
)
from clerk_desk.staff import StaffRecord

LOW_INCOME = "370830104-MZ-001"  # tolerant acceptance allowed, village agents may take it
NAME_CHANGE = "370830104-GA-001"  # no tolerant acceptance
KEY = ["id_card", "hukou", "app_form", "income", "consent"]
NO = {"has_disabled_member": False, "has_serious_illness": False, "divorced": False}


def answered(desk: Desk, clerk: StaffRecord, applicant_id: str, **answers: bool) -> CaseView:
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant_id)
    return desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers={**NO, **answers})


def templates(view: CaseView, clerk: StaffRecord, **kw: object) -> dict[Outcome, list[str]]:
    found = outcome_blockers(view, clerk=clerk, **kw)  # type: ignore[arg-type]
    return {o: [b.reason.template for b in blockers] for o, blockers in found.items()}


def offered(view: CaseView, clerk: StaffRecord) -> set[Outcome]:
    return {
        o
        for o, blockers in outcome_blockers(view, clerk=clerk).items()
        if not any(b.kind in NOT_OFFERED for b in blockers)
    }


def test_a_counter_clerk_is_offered_the_four_outcomes(desk, clerk, applicant) -> None:
    case = answered(desk, clerk, applicant.id)
    assert offered(case, clerk) == {
        Outcome.ACCEPT,
        Outcome.TOLERANT,
        Outcome.NOTICE,
        Outcome.REJECT,
    }
    collect = outcome_blockers(case, clerk=clerk)[Outcome.COLLECT][0]
    assert collect.kind is BlockerKind.ROLE
    assert collect.reason.template.startswith("only a village agent collects")


def test_unmarked_materials_block_all_but_a_rejection(desk, clerk, applicant) -> None:
    case = answered(desk, clerk, applicant.id)
    found = templates(case, clerk)
    not_checked = "case {number}: materials not yet checked: {materials}"
    for outcome in (Outcome.ACCEPT, Outcome.TOLERANT, Outcome.NOTICE):
        assert not_checked in found[outcome]
    assert found[Outcome.REJECT] == []
    # The ticks shown (not saved yet) answer instead: nothing is unmarked then.
    ticked = templates(case, clerk, received=KEY)
    assert ticked[Outcome.ACCEPT] == []
    assert ticked[Outcome.NOTICE] == ["case {number}: nothing is missing; no notice is needed"]
    assert ticked[Outcome.TOLERANT] == ["case {number}: nothing is missing; accept it instead"]


def test_tolerant_acceptance_and_its_reasons(desk, clerk, applicant) -> None:
    case = answered(desk, clerk, applicant.id, has_disabled_member=True)
    # A non-key material missing: tolerant acceptance and a notice; acceptance not.
    found = outcome_blockers(case, clerk=clerk, received=KEY)
    assert found[Outcome.TOLERANT] == [] and found[Outcome.NOTICE] == []
    (accept,) = found[Outcome.ACCEPT]
    assert accept.kind is BlockerKind.CHECKLIST
    assert accept.reason.template == "case {number} cannot be accepted: missing {materials}"
    # ... unless no notice came in time: the case counts as accepted (art. 32).
    overdue = outcome_blockers(case, clerk=clerk, received=KEY, notice_overdue=True)
    assert overdue[Outcome.ACCEPT] == []
    # A key material missing: never waived, and the reason names it alone.
    (key,) = outcome_blockers(case, clerk=clerk, received=KEY[1:])[Outcome.TOLERANT]
    assert key.reason.template == "case {number}: key materials are never waived: {materials}"
    assert key.reason.params["materials"] == "申请人居民身份证"
    # What another open case of the applicant received is not asked for again.
    (held,) = outcome_blockers(
        case, clerk=clerk, received=KEY, held={"disability": case.tracking_number}
    )[Outcome.TOLERANT]
    assert "not asked for again" in held.reason.template


def test_an_item_without_tolerant_acceptance_says_so(desk, clerk, applicant) -> None:
    case = desk.intake.start(clerk_id=clerk.id, item_code=NAME_CHANGE, applicant_id=applicant.id)
    case = desk.intake.answer(
        case_id=case.id,
        clerk_id=clerk.id,
        answers={"child_has_id": True, "parents_divorced": False},
    )
    ids = [e.material.id for e in case.checklist]
    (item,) = outcome_blockers(case, clerk=clerk, received=ids[1:])[Outcome.TOLERANT][:1]
    assert item.kind is BlockerKind.ITEM
    assert item.reason.template == "item {code} ({name}) does not allow tolerant acceptance"
    # The service refuses with the very reason the query gave.
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=ids[1:], missing=ids[:1])
    with unchanged(desk), pytest.raises(RuleViolation) as err:
        desk.intake.tolerant_accept(
            case_id=case.id, clerk_id=clerk.id, promise_date=case.created_at.date()
        )
    assert err.value.template == item.reason.template


def test_after_a_notice_only_its_materials_count_and_no_second_notice(
    desk, clerk, applicant
) -> None:
    case = answered(desk, clerk, applicant.id, has_disabled_member=True)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY, missing=["disability"])
    case = desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    found = outcome_blockers(case, clerk=clerk)
    notice = found[Outcome.NOTICE]
    assert [b.kind for b in notice] == [BlockerKind.STAGE, BlockerKind.STAGE]
    assert "second notice is not allowed" in notice[0].reason.template
    assert isinstance(notice[1].reason, InvalidTransition)
    assert offered(case, clerk) == {Outcome.ACCEPT, Outcome.TOLERANT, Outcome.REJECT}
    # The notice's material arrives: acceptance is free; tolerant has nothing to wait for.
    back = outcome_blockers(case, clerk=clerk, received=["disability"])
    assert back[Outcome.ACCEPT] == []
    assert [b.reason.template for b in back[Outcome.TOLERANT]] == [
        "case {number}: nothing is missing; accept it instead"
    ]


def test_a_closed_case_offers_nothing(desk, clerk, applicant) -> None:
    case = answered(desk, clerk, applicant.id)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    case = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert offered(case, clerk) == set()
    for outcome, blockers in outcome_blockers(case, clerk=clerk).items():
        assert any(isinstance(b.reason, InvalidTransition) for b in blockers), outcome


def test_a_village_agent_only_collects_and_the_township_decides_after_the_handover(
    desk, clerk
) -> None:
    agent = desk.staff.create(
        actor_id=SYSTEM_ACTOR,
        login="agent1",
        name="赵代办",
        role="agent",
        village="东关村便民服务代办点",
        password="secret12",
    )
    person = desk.applicants.register_person(
        actor_id=clerk.id, name="王小明", id_number=resident_id("37083019800101123")
    )
    case = desk.intake.start(
        clerk_id=agent.id,
        item_code=LOW_INCOME,
        applicant_id=person.id,
        proxy=Proxy(None, "代办委托书"),
    )
    case = desk.intake.answer(case_id=case.id, clerk_id=agent.id, answers=NO)
    assert offered(case, agent) == {Outcome.COLLECT}
    (role,) = outcome_blockers(case, clerk=agent)[Outcome.ACCEPT][:1]
    assert role.kind is BlockerKind.ROLE and "is a village agent" in role.reason.template
    # Nothing ticked: nothing to collect.
    assert templates(case, agent, received=[])[Outcome.COLLECT] == [
        "case {number}: nothing was collected; the applicant keeps the case until "
        "they have materials to hand in"
    ]
    ids = [e.material.id for e in case.checklist]
    desk.intake.mark(case_id=case.id, clerk_id=agent.id, received=ids)
    case = desk.intake.collect(case_id=case.id, clerk_id=agent.id, village_point="东关村")
    # At the township, before the handover list is received: a stage, nothing offered.
    assert offered(case, clerk) == set()
    stage = outcome_blockers(case, clerk=clerk)[Outcome.ACCEPT]
    assert [b.kind for b in stage] == [BlockerKind.STAGE]
    assert "has not been received here yet" in stage[0].reason.template
    assert stage[0].reason.params["name"] == "赵代办"


def test_take_up_refusal_is_the_intakes_own_rule(desk, clerk, applicant) -> None:
    """The case page asks take_up_refusal; the intake's mark refuses with the same reason."""

    def refused_by_mark(case: CaseView, staff: StaffRecord) -> str:
        with unchanged(desk), pytest.raises(RuleViolation) as refused:
            desk.intake.mark(case_id=case.id, clerk_id=staff.id, received=["id_card"])
        return refused.value.template

    case = answered(desk, clerk, applicant.id)
    assert take_up_refusal(case, clerk) is None
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    accepted = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    closed = take_up_refusal(accepted, clerk)
    assert closed is not None and closed.kind is BlockerKind.STAGE
    assert closed.reason.template == refused_by_mark(accepted, clerk)
    assert closed.reason.template.endswith("its checklist is closed")

    agent = desk.staff.create(
        actor_id=SYSTEM_ACTOR,
        login="agent1",
        name="赵代办",
        role="agent",
        village="东关村便民服务代办点",
        password="secret12",
    )
    person = desk.applicants.register_person(
        actor_id=clerk.id, name="王小明", id_number=resident_id("37083019800101123")
    )
    case = desk.intake.start(
        clerk_id=agent.id,
        item_code=LOW_INCOME,
        applicant_id=person.id,
        proxy=Proxy(None, "代办委托书"),
    )
    case = desk.intake.answer(case_id=case.id, clerk_id=agent.id, answers=NO)
    assert take_up_refusal(case, agent) is None  # the agent's own unfinished intake
    ids = [e.material.id for e in case.checklist]
    desk.intake.mark(case_id=case.id, clerk_id=agent.id, received=ids)
    collected = desk.intake.collect(case_id=case.id, clerk_id=agent.id, village_point="东关村")
    waiting = take_up_refusal(collected, clerk)  # the list is not received yet
    assert waiting is not None and waiting.kind is BlockerKind.STAGE
    assert waiting.reason.template == refused_by_mark(collected, clerk)
    role = take_up_refusal(collected, agent)
    assert role is not None and role.kind is BlockerKind.ROLE
    assert role.reason.template == refused_by_mark(collected, agent)


def test_a_tolerant_case_awaits_its_promised_materials_until_they_arrive(
    desk, clerk, applicant
) -> None:
    case = answered(desk, clerk, applicant.id, has_disabled_member=True)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY, missing=["disability"])
    case = desk.intake.tolerant_accept(
        case_id=case.id, clerk_id=clerk.id, promise_date=date(2026, 11, 30)
    )
    assert case.awaits_promised
    desk.cases.start_processing(case.id, staff_id=clerk.id)
    decided = desk.cases.decide(case.id, staff_id=clerk.id, decision="准予")
    assert decided.awaits_promised  # the clock still runs
    # Completed with the material still missing: nothing is awaited any more, as the
    # desk's own rule says when the arrival is recorded.
    completed = desk.cases.complete(case.id, staff_id=clerk.id)
    assert completed.missing and not completed.awaits_promised
    with pytest.raises(RuleViolation, match="no materials are awaited"):
        desk.cases.supplement(case.id, staff_id=clerk.id, material_ids=["disability"])
