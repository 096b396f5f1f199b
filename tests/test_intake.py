"""The intake at the counter, through every outcome, against the sample catalog."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from support.desks import SAMPLE_CATALOG, resident_id, unchanged
from support.intake import KEY, LOW_INCOME, NAME_CHANGE, NO, start

from clerk_desk import tracking_numbers
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.errors import InvalidInput, InvalidTransition, NotFound, RuleViolation
from clerk_desk.intake import Proxy
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.lifecycle import CaseState

PENSION_SIGNUP = "370830104-RS-001"  # immediate item (即办件)


def test_full_acceptance_gives_due_date_in_working_days(desk, clerk, applicant) -> None:
    case = start(desk, clerk, applicant)
    assert case.state is CaseState.CONSULTED
    assert case.first_clerk.id == clerk.id
    assert tracking_numbers.is_valid(case.tracking_number) and len(case.tracking_number) <= 20
    assert case.tracking_number.isdigit() and not tracking_numbers.is_legacy(case.tracking_number)
    assert len(case.query_code) == tracking_numbers.QUERY_CODE_LENGTH and case.query_code.isdigit()
    case = desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    assert [e.material.id for e in case.checklist] == KEY
    case = desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    case = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert case.state is CaseState.ACCEPTED
    assert case.accepted_on == date(2026, 11, 23)
    # Day 1 is Tue 24 Nov; 20 working days later (no holidays in between) is Mon 21 Dec.
    assert case.due_on == date(2026, 12, 21)
    assert not case.due_provisional
    assert (
        desk.cases.by_tracking_number(tracking_numbers.display(case.tracking_number)).id == case.id
    )


def test_situation_answers_choose_the_materials(desk, clerk, applicant) -> None:
    relative = desk.applicants.register_person(
        actor_id=clerk.id, name="王小明", id_number=resident_id("37083019800404202")
    )
    case = desk.intake.start(
        clerk_id=clerk.id,
        item_code=LOW_INCOME,
        applicant_id=applicant.id,
        proxy=Proxy(relative.id, "授权委托书"),
    )
    assert case.answers == {"by_proxy": True}  # answered from the proxy recorded
    case = desk.intake.answer(
        case_id=case.id, clerk_id=clerk.id, answers={**NO, "has_disabled_member": True}
    )
    ids = [e.material.id for e in case.checklist]
    assert ids == [*KEY, "disability", "proxy_letter", "proxy_id"]
    # Changing an answer drops the mark of a material that left the list.
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=["disability"])
    case = desk.intake.answer(
        case_id=case.id, clerk_id=clerk.id, answers={"has_disabled_member": False}
    )
    assert "disability" not in [e.material.id for e in case.checklist]
    case = desk.intake.answer(
        case_id=case.id, clerk_id=clerk.id, answers={"has_disabled_member": True}
    )
    assert {e.material.id: e.status for e in case.checklist}["disability"] == "unmarked"


def test_answer_to_a_question_the_item_does_not_ask_changes_nothing(desk, clerk, applicant) -> None:
    case = start(desk, clerk, applicant)
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers={**NO, "owns_car": True})
    assert err.value.where == "answers.owns_car"
    assert "does not ask" in str(err.value)
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers={"divorced": "yes"})  # type: ignore[dict-item]
    assert err.value.where == "answers.divorced"


def test_material_not_on_the_checklist_is_refused(desk, clerk, applicant) -> None:
    case = start(desk, clerk, applicant)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=["id_card", "divorce"])
    assert err.value.where == "received[1]"
    assert "'divorce' is not on the checklist" in str(err.value)
    with unchanged(desk), pytest.raises(InvalidInput):
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=["hukou"], missing=["hukou"])


def test_unknown_item_and_unknown_case_are_named(desk, clerk, applicant) -> None:
    with unchanged(desk), pytest.raises(NotFound, match="no item 'NOPE-1'"):
        desk.intake.start(clerk_id=clerk.id, item_code="NOPE-1", applicant_id=applicant.id)
    with unchanged(desk), pytest.raises(InvalidInput, match="applicant_id"):
        desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id="nobody")
    with unchanged(desk), pytest.raises(InvalidInput, match="clerk_id"):
        desk.intake.start(clerk_id="ghost", item_code=LOW_INCOME, applicant_id=applicant.id)
    with pytest.raises(InvalidInput, match="tracking_number"):
        desk.cases.by_tracking_number("0OIL")
    with pytest.raises(NotFound):
        desk.cases.by_tracking_number(tracking_numbers.compose("00042", date(2026, 1, 1), 7))
    with pytest.raises(NotFound):
        desk.cases.by_tracking_number(
            tracking_numbers.legacy_compose("ABCD23", date(2026, 1, 1), 7)
        )


def test_outcome_needs_every_question_and_every_material(desk, clerk, applicant) -> None:
    case = start(desk, clerk, applicant)
    with (
        unchanged(desk),
        pytest.raises(RuleViolation, match="unanswered questions: 家庭成员中是否有持证残疾人"),
    ):
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY[:3])
    with (
        unchanged(desk),
        pytest.raises(
            RuleViolation, match="not yet checked: 家庭收入及财产状况申报表, 家庭经济状况核对授权书"
        ),
    ):
        desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=["income"], missing=["consent"])
    with (
        unchanged(desk),
        pytest.raises(RuleViolation, match=r"cannot be accepted: missing 家庭经济"),
    ):
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)


def test_one_time_notice_then_return_then_acceptance(
    desk, clerk, applicant, clock: FixedClock
) -> None:
    case = start(desk, clerk, applicant)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers={**NO, "divorced": True})
    desk.intake.mark(
        case_id=case.id,
        clerk_id=clerk.id,
        received=KEY[:3],
        missing=["income", "consent", "divorce"],
    )
    case = desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    assert case.state is CaseState.NOTICE_ISSUED
    assert case.notice_material_ids == ("income", "consent", "divorce")

    # A second notice for the same case is refused, and changes nothing.
    with unchanged(desk), pytest.raises(RuleViolation, match="already issued"):
        desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    # Nothing that was not on the notice may be asked for at the return...
    with unchanged(desk), pytest.raises(InvalidInput, match="not listed on the one-time notice"):
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id, missing=["hukou"])
    # ...and the answers (so the checklist) are frozen.
    with unchanged(desk), pytest.raises(RuleViolation, match="frozen"):
        desk.intake.answer(
            case_id=case.id, clerk_id=clerk.id, answers={"has_serious_illness": True}
        )

    # Thursday: the applicant comes back with two; the re-check lists only the notice's three.
    clock.set(datetime(2026, 11, 26, 9, 30, tzinfo=CHINA_TZ))
    returning = desk.intake.open_cases_with_notice(applicant.id)
    assert [c.id for c in returning] == [case.id]
    assert [e.material.id for e in returning[0].recheck] == ["income", "consent", "divorce"]
    case = desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=["income", "divorce"])
    with pytest.raises(RuleViolation, match=r"missing 家庭经济状况核对授权书（家庭成员均需签字）"):
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    # Monday: the last one arrives; accepted that day, clock from there.
    clock.set(datetime(2026, 11, 30, 9, 0, tzinfo=CHINA_TZ))
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=["consent"])
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=CHINA_TZ))  # accepted the day after
    case = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert case.state is CaseState.ACCEPTED
    assert case.accepted_on == date(2026, 11, 30)
    assert case.due_on == date(2026, 12, 28)
    # The notice itself never changes once issued.
    assert case.notice_material_ids == ("income", "consent", "divorce")
    with pytest.raises(RuleViolation, match="already issued"):
        desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)


def test_tolerant_acceptance_only_for_non_key_materials(desk, clerk, applicant) -> None:
    case = start(desk, clerk, applicant)
    desk.intake.answer(
        case_id=case.id, clerk_id=clerk.id, answers={**NO, "has_serious_illness": True}
    )
    desk.intake.mark(
        case_id=case.id, clerk_id=clerk.id, received=KEY[:-1], missing=["consent", "medical"]
    )
    with (
        unchanged(desk),
        pytest.raises(
            RuleViolation,
            match=r"key materials are never waived: 家庭经济状况核对授权书（家庭成员均需签字）",
        ),
    ):
        desk.intake.tolerant_accept(
            case_id=case.id, clerk_id=clerk.id, promise_date=date(2026, 12, 1)
        )
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=["consent"])
    with unchanged(desk), pytest.raises(InvalidInput, match="promise_date"):
        desk.intake.tolerant_accept(
            case_id=case.id, clerk_id=clerk.id, promise_date=date(2026, 11, 23)
        )
    with unchanged(desk), pytest.raises(InvalidInput, match="due date 2026-12-21"):
        desk.intake.tolerant_accept(
            case_id=case.id, clerk_id=clerk.id, promise_date=date(2027, 1, 5)
        )
    case = desk.intake.tolerant_accept(
        case_id=case.id, clerk_id=clerk.id, promise_date=date(2026, 12, 4)
    )
    assert case.state is CaseState.TOLERANT_ACCEPTED
    assert case.promise_date == date(2026, 12, 4)
    assert [m.id for m in case.missing] == ["medical"]
    assert case.due_on == date(2026, 12, 21)
    # The promised material arrives later; state is unchanged, the mark is updated.
    case = desk.cases.supplement(case.id, staff_id=clerk.id, material_ids=["medical"])
    assert case.missing == () and case.state is CaseState.TOLERANT_ACCEPTED
    with pytest.raises(InvalidInput, match="not a promised material"):
        desk.cases.supplement(case.id, staff_id=clerk.id, material_ids=["hukou"])


def test_tolerant_acceptance_refused_where_the_item_does_not_allow_it(desk, clerk) -> None:
    parent = desk.applicants.register_person(
        actor_id=clerk.id, name="李四", id_number=resident_id("37083019850505201")
    )
    child = desk.applicants.register_person(
        actor_id=clerk.id, name="李小", id_number=resident_id("37083020150303201")
    )
    with unchanged(desk), pytest.raises(RuleViolation, match="guardian"):
        start(desk, clerk, child, NAME_CHANGE)
    case = desk.intake.start(
        clerk_id=clerk.id,
        item_code=NAME_CHANGE,
        applicant_id=child.id,
        proxy=Proxy(applicant_id=parent.id, authorization_letter="监护人身份,户口簿同页"),
    )
    assert case.proxy is not None and case.proxy.id == parent.id
    item = case.stored_item.item
    answers = {"child_has_id": True, "parents_divorced": False}
    assert {q.id for q in item.questions} == set(answers)
    case = desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=answers)
    non_key = [e.material.id for e in case.checklist if not e.material.key]
    key = [e.material.id for e in case.checklist if e.material.key]
    assert non_key, "the sample item must have a non-key material for this test"
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=key, missing=non_key)
    with unchanged(desk), pytest.raises(RuleViolation, match="does not allow tolerant acceptance"):
        desk.intake.tolerant_accept(
            case_id=case.id, clerk_id=clerk.id, promise_date=date(2026, 12, 1)
        )


def test_rejection_needs_reason_and_basis_and_is_final(remedies, desk, clerk, applicant) -> None:
    case = start(desk, clerk, applicant)
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.intake.reject(case_id=case.id, clerk_id=clerk.id, reason="  ", legal_basis="x")
    assert err.value.where == "reason"
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.intake.reject(
            case_id=case.id, clerk_id=clerk.id, reason="不属于本机关职权", legal_basis=""
        )
    assert err.value.where == "legal_basis"
    case = desk.intake.reject(
        case_id=case.id,
        clerk_id=clerk.id,
        reason="申请事项不属于本机关职权范围",
        legal_basis="《中华人民共和国行政许可法》第三十二条第一款第(二)项",
        competent_body="汶上县民政局",
    )
    assert case.state is CaseState.REJECTED
    assert case.rejection == {
        "reason": "申请事项不属于本机关职权范围",
        "legal_basis": "《中华人民共和国行政许可法》第三十二条第一款第(二)项",
        "competent_body": "汶上县民政局",
        "rejected_on": "2026-11-23",
    }
    with (
        unchanged(desk),
        pytest.raises(InvalidTransition, match="rejected; it cannot become accepted"),
    ):
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)


def test_immediate_item_has_no_due_date_and_completes_at_the_counter(
    desk, clerk, applicant
) -> None:
    case = start(desk, clerk, applicant, PENSION_SIGNUP)
    item = case.stored_item.item
    case = desk.intake.answer(
        case_id=case.id, clerk_id=clerk.id, answers={q.id: False for q in item.questions}
    )
    desk.intake.mark(
        case_id=case.id, clerk_id=clerk.id, received=[e.material.id for e in case.checklist]
    )
    case = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert case.due_on is None and case.accepted_on == date(2026, 11, 23)
    case = desk.cases.complete(case.id, staff_id=clerk.id)
    assert case.state is CaseState.COMPLETED


def test_due_date_into_an_unpublished_year_is_flagged(desk, clerk, applicant, clock) -> None:
    clock.set(datetime(2026, 12, 14, 10, 0, tzinfo=CHINA_TZ))
    case = start(desk, clerk, applicant)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    case = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert case.due_provisional
    assert case.due_unpublished_years == (2027,)
    assert case.due_on is not None and case.due_on.year == 2027


def test_village_agent_needs_agency_item_and_a_letter(desk, clerk, applicant) -> None:
    agent = desk.staff.create(
        actor_id=SYSTEM_ACTOR,
        login="agent1",
        name="赵代办",
        role="agent",
        village="东关村代办点",
        password="secret12",
    )
    with unchanged(desk), pytest.raises(InvalidInput, match="letter of authorisation"):
        desk.intake.start(clerk_id=agent.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    with unchanged(desk), pytest.raises(RuleViolation, match="may not be taken by a village agent"):
        desk.intake.start(
            clerk_id=agent.id,
            item_code=NAME_CHANGE,
            applicant_id=applicant.id,
            proxy=Proxy(None, "代办委托书"),
        )
    case = desk.intake.start(
        clerk_id=agent.id,
        item_code=LOW_INCOME,
        applicant_id=applicant.id,
        proxy=Proxy(None, "代办委托书 2026-11-23"),
    )
    assert case.first_clerk.role == "agent"
    assert case.authorization_letter == "代办委托书 2026-11-23"


def test_every_step_writes_one_audit_and_one_outbox_entry(desk, clerk, applicant) -> None:
    def counts() -> tuple[int, int]:
        return desk.verify_audit().entries, desk.pending_changes()

    a0, o0 = counts()
    case = start(desk, clerk, applicant)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    a1, o1 = counts()
    # opened, answered, materials_checked, accepted, and the receipt made with it
    assert (a1 - a0, o1 - o0) == (5, 5)
    assert desk.verify_audit().ok
    timeline = desk.cases.timeline(case.id)
    assert [t.action for t in timeline] == ["opened", "answered", "materials_checked", "accepted"]
    assert all(t.staff_name == clerk.name for t in timeline)
    from sqlalchemy import select

    from clerk_desk.models import OutboxEntry

    with desk.store.read() as s:
        last = s.scalars(
            select(OutboxEntry).where(OutboxEntry.entity == "case").order_by(OutboxEntry.seq.desc())
        ).first()
    assert last is not None and last.payload["case"]["state"] == "accepted"
    assert last.payload["case"]["due_on"] == "2026-12-21"
    assert json.dumps(last.payload)  # plain JSON, ready to send


def test_tracking_numbers_are_unique_and_sequential_per_terminal(desk, clerk, applicant) -> None:
    numbers = [
        desk.intake.start(
            clerk_id=clerk.id,
            item_code=LOW_INCOME,
            applicant_id=applicant.id,
            new_case_reason="测试：同一申请人连续开件",
        ).tracking_number
        for _ in range(5)
    ]
    assert len(set(numbers)) == 5
    decoded = [tracking_numbers.decompose(n) for n in numbers]
    terminal = desk.settings().terminal_code
    assert tracking_numbers.is_provisional_terminal(terminal)  # not enrolled yet
    assert {d[0] for d in decoded} == {terminal}
    assert {d[1] for d in decoded} == {date(2026, 11, 23)}  # the day the case was opened
    assert [d[2] for d in decoded] == [1, 2, 3, 4, 5]
    assert numbers[0].startswith(f"261123{terminal}0001")


def test_the_daily_sequence_runs_out_at_9999(desk, clerk, applicant) -> None:
    from clerk_desk.models import TrackingSequence

    terminal = desk.settings().terminal_code
    with desk.store.write() as s:
        s.add(TrackingSequence(terminal_code=terminal, day=date(2026, 11, 23), last=9998))
    last = start(desk, clerk, applicant)
    assert tracking_numbers.decompose(last.tracking_number)[2] == 9999
    with (
        unchanged(desk),
        pytest.raises(
            RuleViolation, match="daily tracking-number sequence exhausted for this terminal"
        ),
    ):
        desk.intake.start(
            clerk_id=clerk.id,
            item_code=LOW_INCOME,
            applicant_id=applicant.id,
            new_case_reason="申请人另行申请",
        )


def test_no_case_is_opened_without_a_terminal_number(desk, clerk, applicant) -> None:
    # An early version's symbol code the first run has not replaced yet: no number from it.
    desk.update_settings(desk.settings().replace(terminal_code="K7QM3P"), actor_id=SYSTEM_ACTOR)
    with (
        unchanged(desk),
        pytest.raises(RuleViolation, match="this terminal has no terminal number yet"),
    ):
        start(desk, clerk, applicant)


def test_case_stays_pinned_to_the_catalog_version_it_was_taken_under(
    desk, clerk, applicant, clock
) -> None:
    old = start(desk, clerk, applicant)
    doc = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    doc["catalog_version"] = "2026.12.2"
    doc["published_at"] = "2026-12-02T09:00:00+08:00"
    item = next(i for i in doc["items"] if i["code"] == LOW_INCOME)
    item["materials"] = [m for m in item["materials"] if m["id"] != "consent"]
    clock.advance(timedelta(days=1))
    desk.catalog.import_document(json.dumps(doc, ensure_ascii=False).encode())
    new = desk.intake.start(
        clerk_id=clerk.id,
        item_code=LOW_INCOME,
        applicant_id=applicant.id,
        new_case_reason="办事指南已更新，按新版本重新申请",
    )
    old = desk.intake.answer(case_id=old.id, clerk_id=clerk.id, answers=NO)
    new = desk.intake.answer(case_id=new.id, clerk_id=clerk.id, answers=NO)
    assert "consent" in [e.material.id for e in old.checklist]
    assert "consent" not in [e.material.id for e in new.checklist]
    assert old.stored_item.version_label == "2026.12.1"
    assert new.stored_item.version_label == "2026.12.2"


@pytest.mark.parametrize(
    ("typed", "code", "pos"),
    [
        ("户籍\x1f不在本镇", "U+001F", 3),
        ("户籍\x0b不在本镇", "U+000B", 3),
        ("户籍\u200b不在", "U+200B", 3),
    ],
)
def test_free_text_refuses_hidden_control_characters(
    remedies, desk, clerk, applicant, typed, code, pos
) -> None:
    case = start(desk, clerk, applicant)
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.intake.reject(case_id=case.id, clerk_id=clerk.id, reason=typed, legal_basis="x")
    assert err.value.where == "reason"
    assert err.value.message == f"contains control character {code} at {pos}"


def test_free_text_keeps_tabs_and_makes_line_ends_plain(remedies, desk, clerk, applicant) -> None:
    case = start(desk, clerk, applicant)
    case = desk.intake.reject(
        case_id=case.id,
        clerk_id=clerk.id,
        reason="户籍不在本镇\t(见附件)\r\n第二行\r第三行",
        legal_basis="《行政许可法》第三十二条",
    )
    assert case.rejection is not None
    assert case.rejection["reason"] == "户籍不在本镇\t(见附件)\n第二行\n第三行"


def test_a_calendar_day_limit_ending_on_a_holiday_moves_to_the_next_working_day(
    desk, clerk, applicant, clock
) -> None:
    """民法典 art. 203: 30 calendar days from 1 Sep 2026 end on 1 Oct, in National Day."""
    doc = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    doc["catalog_version"], doc["published_at"] = "2026.12.2", "2026-12-02T09:00:00+08:00"
    item = next(i for i in doc["items"] if i["code"] == LOW_INCOME)
    item["time_limit"].update(unit="calendar_day", promised_days=30, statutory_days=30)
    clock.set(datetime(2026, 9, 1, 10, 0, tzinfo=CHINA_TZ))
    assert desk.catalog.import_document(json.dumps(doc).encode()).version.current
    case = start(desk, clerk, applicant)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    case = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert case.accepted_on == date(2026, 9, 1)
    assert date(2026, 9, 1) + timedelta(days=30) == date(2026, 10, 1)
    assert case.due_on == date(2026, 10, 8)  # 1-7 Oct are the National Day holiday
    assert not case.due_provisional


def test_saving_what_already_stands_records_nothing(desk, clerk, applicant) -> None:
    """The UI saves every answer and tick as it is made; repeats must not flood the log."""
    case = start(desk, clerk, applicant)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY[:2], missing=["consent"])
    with unchanged(desk):
        desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
        desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers={})
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY[:2])
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id, missing=["consent"])
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id)
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id, unmarked=[KEY[3]])  # not marked
    view = desk.intake.mark(
        case_id=case.id, clerk_id=clerk.id, received=[KEY[0], KEY[2]], unmarked=["consent"]
    )
    status = {e.material.id: e.status for e in view.checklist}
    assert status[KEY[0]] == status[KEY[2]] == "received" and status["consent"] == "unmarked"
    step = desk.cases.timeline(case.id)[-1]
    assert step.detail.to_json() == {"received": [KEY[2]], "missing": [], "unmarked": ["consent"]}


def test_a_material_cannot_be_marked_and_unmarked_at_once(desk, clerk, applicant) -> None:
    case = start(desk, clerk, applicant)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=[KEY[0]], unmarked=[KEY[0]])
    assert err.value.where == f"materials.{KEY[0]}"
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id, unmarked=["nonsense"])
    assert err.value.where == "unmarked[0]"


def test_a_proxy_at_the_counter_must_be_a_registered_person(desk, clerk, applicant) -> None:
    """Only a village agent acts as themself; at the counter the acting person is recorded."""
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.intake.start(
            clerk_id=clerk.id,
            item_code=LOW_INCOME,
            applicant_id=applicant.id,
            proxy=Proxy(None, "授权委托书"),
        )
    assert err.value.where == "proxy.applicant_id"
    assert "who acts for the applicant?" in err.value.message


def test_the_proxy_question_says_what_the_case_records(desk, clerk, applicant) -> None:
    alone = start(desk, clerk, applicant)
    assert alone.answers == {"by_proxy": False}
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.intake.answer(case_id=alone.id, clerk_id=clerk.id, answers={"by_proxy": True})
    assert err.value.where == "answers.by_proxy"
    assert "was opened without a proxy" in err.value.message
    relative = desk.applicants.register_person(
        actor_id=clerk.id, name="王小明", id_number=resident_id("37083019800404202")
    )
    acted = desk.intake.start(
        clerk_id=clerk.id,
        item_code=LOW_INCOME,
        applicant_id=applicant.id,
        proxy=Proxy(relative.id, "授权委托书"),
        new_case_reason="改由代理人办理",
    )
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.intake.answer(case_id=acted.id, clerk_id=clerk.id, answers={"by_proxy": False})
    assert "records a proxy with a letter of authorisation" in err.value.message
    # Saying again what stands is fine (the UI saves every answer as it is made).
    desk.intake.answer(case_id=acted.id, clerk_id=clerk.id, answers={"by_proxy": True})


def _village_terminal(desk) -> None:

    desk.update_settings(desk.settings().replace(counter_level="village"), actor_id=SYSTEM_ACTOR)


def test_an_agent_on_a_village_terminal_takes_agency_items_for_the_township(
    desk, clerk, applicant
) -> None:
    _village_terminal(desk)
    agent = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="agent9", name="赵代办", role="agent", village="东关村代办点"
    )
    case = desk.intake.start(
        clerk_id=agent.id,
        item_code=LOW_INCOME,
        applicant_id=applicant.id,
        proxy=Proxy(None, "代办委托书"),
    )
    desk.intake.answer(case_id=case.id, clerk_id=agent.id, answers=NO)
    desk.intake.mark(
        case_id=case.id, clerk_id=agent.id, received=[*KEY, "proxy_letter", "proxy_id"]
    )
    collected = desk.intake.collect(
        case_id=case.id, clerk_id=agent.id, village_point="东关村便民服务代办点"
    )
    assert collected.state is CaseState.COLLECTED  # the township accepts after the hand-over
    # A clerk at the same village counter may not accept a township item (a case of
    # their own: the collected one is on its way to the township).
    own = desk.intake.start(
        clerk_id=clerk.id,
        item_code=LOW_INCOME,
        applicant_id=applicant.id,
        new_case_reason="申请人到村窗口另行申请",
    )
    desk.intake.answer(case_id=own.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=own.id, clerk_id=clerk.id, received=KEY)
    with unchanged(desk), pytest.raises(RuleViolation, match="with a referral"):
        desk.intake.accept(case_id=own.id, clerk_id=clerk.id)


def test_a_referral_rejection_names_the_competent_body(remedies, desk, clerk, applicant) -> None:
    _village_terminal(desk)
    case = start(desk, clerk, applicant)
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.intake.reject(
            case_id=case.id, clerk_id=clerk.id, reason="不属于本代办点受理", legal_basis="第八条"
        )
    assert err.value.where == "competent_body"
    done = desk.intake.reject(
        case_id=case.id,
        clerk_id=clerk.id,
        reason="不属于本代办点受理",
        legal_basis="第八条",
        competent_body="郭仓镇便民服务中心",
    )
    assert done.rejection is not None and done.rejection["competent_body"] == "郭仓镇便民服务中心"


def test_only_an_adult_acts_for_an_applicant(desk, clerk, applicant) -> None:
    child = desk.applicants.register_person(
        actor_id=clerk.id, name="李小", id_number=resident_id("37083020150303201")
    )
    with unchanged(desk), pytest.raises(RuleViolation, match="only an adult may act"):
        desk.intake.start(
            clerk_id=clerk.id,
            item_code=LOW_INCOME,
            applicant_id=applicant.id,
            proxy=Proxy(child.id, "授权委托书"),
        )


def test_tolerant_acceptance_after_a_notice_is_dated_the_day_it_is_granted(
    desk, clerk, applicant, clock
) -> None:
    """The notice listed only a non-key material; weeks later it is still missing."""
    case = start(desk, clerk, applicant)
    desk.intake.answer(
        case_id=case.id, clerk_id=clerk.id, answers={**NO, "has_serious_illness": True}
    )
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY, missing=["medical"])
    desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    clock.set(datetime(2026, 12, 21, 10, 0, tzinfo=CHINA_TZ))
    case = desk.intake.tolerant_accept(
        case_id=case.id, clerk_id=clerk.id, promise_date=date(2026, 12, 28)
    )
    assert case.accepted_on == date(2026, 12, 21)
    assert case.due_on is not None and case.due_on > date(2026, 12, 28)


def test_free_text_keeps_ideographs_newer_than_pythons_unicode_data() -> None:
    from clerk_desk.cases import plain_text

    newer = "\U0002ebf0"  # CJK Extension I (Unicode 15.1): unassigned to older Python data
    assert plain_text(f"地址为{newer}村", where="reason") == f"地址为{newer}村"
    with pytest.raises(InvalidInput, match="U\\+E0001"):  # an unassigned tag is still refused
        plain_text("地址\U000e0001", where="reason")


def _materials_in_on_monday_consent_missing(desk, clerk, applicant):
    case = start(desk, clerk, applicant)  # Monday 2026-11-23
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY[:4], missing=["consent"])
    return case


def test_the_one_time_notice_is_due_within_five_working_days(desk, clerk, applicant, clock):
    """行政许可法 art. 32: on the spot or within 5 (working) days of receiving the materials."""
    case = _materials_in_on_monday_consent_missing(desk, clerk, applicant)
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=CHINA_TZ))  # Tuesday: the 6th working day
    with unchanged(desk), pytest.raises(RuleViolation) as err:
        desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    assert err.value.params == {
        "number": case.tracking_number,
        "received_on": "2026-11-23",
        "due_by": "2026-11-30",
    }
    clock.set(datetime(2026, 11, 30, 17, 0, tzinfo=CHINA_TZ))  # the 5th working day: in time
    assert desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id).notice_issued_at


def test_without_a_notice_in_time_the_application_counts_as_accepted(
    desk, clerk, applicant, clock
) -> None:
    case = _materials_in_on_monday_consent_missing(desk, clerk, applicant)
    with unchanged(desk), pytest.raises(RuleViolation, match="cannot be accepted: missing"):
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)  # in time: tell, don't accept
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=CHINA_TZ))
    case = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert case.state is CaseState.ACCEPTED
    assert case.accepted_on == date(2026, 11, 23)  # from the day of receipt
    assert case.due_on == date(2026, 12, 21)  # 20 working days from then
    step = desk.cases.timeline(case.id)[-1]
    assert step.detail.to_json()["deemed_accepted"] == {
        "received_on": "2026-11-23",
        "notice_due_by": "2026-11-30",
        "missing": ["consent"],
    }
