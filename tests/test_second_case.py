"""A second case on the same item cannot get around the one-time notice.

While the applicant has an open intake on an item (暂存 or 待补正), starting
another case on it opens that one; a new case needs a reason, is audited, and
never asks for what the open case received.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from support.desks import SAMPLE_CATALOG, resident_id, unchanged
from support.intake import KEY, LOW_INCOME, NAME_CHANGE, NO

from clerk_desk import tracking_numbers
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.lifecycle import CaseState


def begin(desk, clerk, applicant, code: str = LOW_INCOME, reason: str | None = None):
    return desk.intake.start_case(
        clerk_id=clerk.id, item_code=code, applicant_id=applicant.id, new_case_reason=reason
    )


def test_starting_again_opens_the_open_case_and_writes_nothing(desk, clerk, applicant) -> None:
    first = begin(desk, clerk, applicant)
    assert not first.existing
    desk.intake.answer(case_id=first.case.id, clerk_id=clerk.id, answers=NO)
    with unchanged(desk):
        again = begin(desk, clerk, applicant)
    assert again.existing and again.case.id == first.case.id
    assert again.case.answers == {**NO, "by_proxy": False}  # as it stands
    # start() gives the same case.
    same = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    assert same.id == first.case.id
    assert desk.intake.open_intake(applicant.id, LOW_INCOME).id == first.case.id


def test_a_case_waiting_on_its_notice_is_opened_again(desk, clerk, applicant) -> None:
    case = begin(desk, clerk, applicant).case
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY[:2], missing=KEY[2:])
    desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    with unchanged(desk):
        again = begin(desk, clerk, applicant)
    assert again.existing and again.case.state is CaseState.NOTICE_ISSUED


def test_the_open_case_is_found_under_any_catalog_version(desk, clerk, applicant, clock) -> None:
    old = begin(desk, clerk, applicant).case
    doc = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    doc["catalog_version"], doc["published_at"] = "2026.12.2", "2026-12-02T09:00:00+08:00"
    clock.advance(timedelta(days=1))
    desk.catalog.import_document(json.dumps(doc, ensure_ascii=False).encode())
    again = begin(desk, clerk, applicant)
    assert again.existing and again.case.id == old.id
    assert again.case.stored_item.version_label == "2026.12.1"


def test_closed_cases_other_items_and_other_applicants_do_not_count(desk, clerk, applicant) -> None:
    rejected = begin(desk, clerk, applicant).case
    desk.intake.reject(
        case_id=rejected.id, clerk_id=clerk.id, reason="不符合条件", legal_basis="第八条"
    )
    assert not begin(desk, clerk, applicant).existing  # the rejected case is closed
    assert not begin(desk, clerk, applicant, NAME_CHANGE).existing  # another item
    other = desk.applicants.register_person(
        actor_id=clerk.id, name="李四", id_number=resident_id("37083019850505505")
    )
    assert not begin(desk, clerk, other).existing


def test_a_new_case_anyway_needs_a_reason_and_is_audited(desk, clerk, applicant) -> None:
    first = begin(desk, clerk, applicant).case
    for blank in ("", "  \n "):
        with unchanged(desk), pytest.raises(InvalidInput) as err:
            begin(desk, clerk, applicant, reason=blank)
        assert err.value.where == "new_case_reason"
    second = begin(desk, clerk, applicant, reason="申请人要求按另一家庭成员情况另行申请")
    assert not second.existing and second.case.id != first.id
    opened = desk.cases.timeline(second.case.id)[0]
    assert opened.action == "opened"
    assert opened.detail.to_json()["new_case_reason"] == "申请人要求按另一家庭成员情况另行申请"
    assert opened.detail.to_json()["open_cases"] == [
        {"id": first.id, "tracking_number": first.tracking_number}
    ]
    from sqlalchemy import select

    from clerk_desk.models import AuditEntry

    with desk.store.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "case.opened", AuditEntry.entity_id == second.case.id
            )
        ).one()
    assert entry.actor_id == clerk.id
    assert "申请人要求按另一家庭成员情况另行申请" in entry.payload
    assert desk.verify_audit().ok
    # Both stay open; starting once more opens the newest.
    assert begin(desk, clerk, applicant).case.id == second.case.id


def _first_with_notice(desk, clerk, applicant):
    """The first case: ID card and hukou received, the rest asked for by a notice."""
    first = begin(desk, clerk, applicant).case
    desk.intake.answer(case_id=first.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=first.id, clerk_id=clerk.id, received=KEY[:2], missing=KEY[2:])
    return desk.intake.issue_notice(case_id=first.id, clerk_id=clerk.id)


def test_the_new_case_cannot_mark_missing_what_the_first_received(desk, clerk, applicant) -> None:
    first = _first_with_notice(desk, clerk, applicant)
    second = begin(desk, clerk, applicant, reason="另行申请").case
    desk.intake.answer(case_id=second.id, clerk_id=clerk.id, answers=NO)
    assert desk.intake.held_elsewhere(second.id) == {
        "id_card": first.tracking_number,
        "hukou": first.tracking_number,
    }
    with unchanged(desk), pytest.raises(RuleViolation) as err:
        desk.intake.mark(case_id=second.id, clerk_id=clerk.id, missing=["hukou", "income"])
    assert err.value.params["materials"] == "居民户口簿"
    assert err.value.params["earlier"] == tracking_numbers.display(first.tracking_number)
    assert "are not asked for again" in str(err.value)
    # Ticked received (the centre holds them), the rest may be asked for.
    desk.intake.mark(case_id=second.id, clerk_id=clerk.id, received=KEY[:2], missing=KEY[2:])
    noticed = desk.intake.issue_notice(case_id=second.id, clerk_id=clerk.id)
    assert noticed.notice_material_ids == tuple(KEY[2:])


def test_the_notice_refuses_what_the_first_received_since(desk, clerk, applicant) -> None:
    first = begin(desk, clerk, applicant).case
    desk.intake.answer(case_id=first.id, clerk_id=clerk.id, answers=NO)
    second = begin(desk, clerk, applicant, reason="另行申请").case
    desk.intake.answer(case_id=second.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=second.id, clerk_id=clerk.id, received=["id_card"], missing=KEY[1:])
    # The first case receives the hukou after the second marked it missing.
    desk.intake.mark(case_id=first.id, clerk_id=clerk.id, received=["hukou"])
    with unchanged(desk), pytest.raises(RuleViolation) as err:
        desk.intake.issue_notice(case_id=second.id, clerk_id=clerk.id)
    assert err.value.params["materials"] == "居民户口簿"
    # Nor may a tolerant acceptance promise it.
    with unchanged(desk), pytest.raises(RuleViolation, match="not asked for again"):
        desk.intake.tolerant_accept(
            case_id=second.id,
            clerk_id=clerk.id,
            promise_date=desk.clock.today() + timedelta(days=3),
        )
