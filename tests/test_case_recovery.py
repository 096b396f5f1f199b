"""clerk_desk.case_recovery on a real store: what the server sends back is untrusted input.

A page is built from the desk's own snapshots (clerk_desk.cases.case_payload), as the
server would send them, then bent the ways a bad or foreign answer could be: each
case that cannot be rebuilt is skipped with its reason, nothing of it is written, and
the rest go on. The whole round trip against the server is tests/central/test_restore.py.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from sqlalchemy import func, select
from support.intake import KEY, LOW_INCOME, NO

from clerk_desk import tracking_numbers
from clerk_desk.case_recovery import import_page, raise_serial_counter
from clerk_desk.cases import case_payload
from clerk_desk.desk import Desk
from clerk_desk.identity_numbers import resident_id_check_char
from clerk_desk.models import (
    Applicant,
    AuditEntry,
    Case,
    CaseEvent,
    DocumentSerial,
    OutboxEntry,
    TrackingSequence,
)
from clerk_desk.staff import StaffRecord


def take_case(desk: Desk, clerk: StaffRecord, i: int) -> Any:
    body = f"37083019800101{i:03d}"
    person = desk.applicants.register_person(
        actor_id=clerk.id, name=f"王{i}", id_number=body + resident_id_check_char(body)
    )
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=person.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    return desk.intake.accept(case_id=case.id, clerk_id=clerk.id)


def server_copy(desk: Desk, case_id: str, *, new_id: str, sequence: int) -> dict[str, Any]:
    """The case as the server would send it, as another case this store lacks."""
    with desk.store.read() as s:
        case = s.get(Case, case_id)
        assert case is not None
        snapshot = case_payload(case, s)
        seq = s.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case_id))
    snapshot["id"] = new_id
    snapshot["tracking_number"] = tracking_numbers.compose(
        snapshot["terminal_code"], date(2026, 12, 5), sequence
    )
    return {
        "id": new_id,
        "case": snapshot,
        "event_seq": seq,
        "server_id": 99,
        "updated_at": "2026-12-05T02:00:00+00:00",
    }


def counts(desk: Desk) -> tuple[int, int, int]:
    with desk.store.read() as s:
        return (
            int(s.scalar(select(func.count()).select_from(Case)) or 0),
            int(s.scalar(select(func.count()).select_from(Applicant)) or 0),
            int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0),
        )


def test_bad_copies_are_skipped_with_their_reason_and_the_rest_recovered(
    desk: Desk, clerk: StaffRecord
) -> None:
    original = take_case(desk, clerk, 1)
    good = server_copy(desk, original.id, new_id="c-good", sequence=40)
    by_code = server_copy(desk, original.id, new_id="c-by-code", sequence=41)
    by_code["case"]["item_id"] = "a-row-of-another-store"  # found by code and label
    no_item = server_copy(desk, original.id, new_id="c-no-item", sequence=42)
    no_item["case"]["item_id"] = "elsewhere"
    no_item["case"]["item_code"] = "999999-XX-001"
    no_clerk = server_copy(desk, original.id, new_id="c-no-clerk", sequence=43)
    no_clerk["case"]["first_clerk_id"] = "someone-elsewhere"
    clash = server_copy(desk, original.id, new_id="c-clash", sequence=44)
    clash["case"]["tracking_number"] = original.tracking_number  # another case's number
    stranger = server_copy(desk, original.id, new_id="c-stranger", sequence=45)
    stranger["case"]["applicant_id"] = "never-pushed"
    bent = server_copy(desk, original.id, new_id="c-bent", sequence=46)
    bent["case"]["due_on"] = "the 5th"
    mismatched = copy.deepcopy(good)
    mismatched["id"] = "c-other"
    # A clerk this store lacks, as the server's copy of the account describes it; and one
    # whose login is another account's here.
    hired = server_copy(desk, original.id, new_id="c-hired", sequence=47)
    hired["case"]["first_clerk_id"] = "hired-later"
    taken = server_copy(desk, original.id, new_id="c-taken", sequence=48)
    taken["case"]["first_clerk_id"] = "same-login"
    page = {
        "cases": [
            good,
            by_code,
            no_item,
            no_clerk,
            clash,
            stranger,
            bent,
            mismatched,
            "junk",
            hired,
            taken,
        ],
        "applicants": {},
        "staff": {
            "hired-later": {
                "login": "wangwu",
                "name": "王五",
                "role": "clerk",
                "window": "3号窗口",
            },
            "same-login": {"login": clerk.login, "name": "冒名", "role": "clerk"},
        },
        "after": "c-stranger",
        "more": False,
    }
    cases_before, applicants_before, _ = counts(desk)
    with desk.store.write() as s:
        report = import_page(s, page, at=desk.clock.now())
    assert (report.recovered, report.updated, report.kept) == (3, 0, 0)
    reasons = "\n".join(report.skipped)
    assert "999999-XX-001 is in none of this terminal's catalogs" in reasons
    assert "someone-elsewhere has no account" in reasons
    assert "same tracking number" in reasons
    assert "never-pushed never reached the server" in reasons
    assert "does not fit" in reasons
    assert "'c-other': the server sent no snapshot" in reasons
    assert f"login '{clerk.login}' is another account here" in reasons
    assert len(report.skipped) == 7
    cases_after, applicants_after, _ = counts(desk)
    assert cases_after == cases_before + 3 and applicants_after == applicants_before
    hired_back = desk.staff.by_login("wangwu")
    assert hired_back is not None and hired_back.id == "hired-later"
    assert not hired_back.active and hired_back.window == "3号窗口"
    assert desk.staff.by_login(clerk.login).id == clerk.id  # untouched
    for case_id in ("c-good", "c-by-code", "c-hired"):
        view = desk.cases.get(case_id)  # a whole case: the views build
        assert view.stored_item.item.code == LOW_INCOME
        assert [e.action for e in desk.cases.timeline(case_id)] == ["recovered"]
    with desk.store.read() as s:
        # Audited, with only anchors going up: never pushed back as new work.
        ops = s.scalars(
            select(OutboxEntry.operation).where(OutboxEntry.entity_id.in_(["c-good"]))
        ).all()
        assert ops == []
        anchors = s.scalars(
            select(OutboxEntry.payload).where(OutboxEntry.operation == "audit.anchor")
        ).all()
        assert sum(1 for p in anchors if p.get("action") == "case.recovered") == 3
        assert sum(1 for p in anchors if p.get("action") == "staff.recovered") == 1
        counter = s.get(TrackingSequence, (original.tracking_number[6:11], date(2026, 12, 5)))
        assert counter is not None and counter.last >= 41
    assert desk.verify_audit().ok
    # The same page again: both held now, as new as the server's copy: nothing changes.
    with desk.store.write() as s:
        again = import_page(s, page, at=desk.clock.now())
    assert (again.recovered, again.updated, again.kept) == (0, 0, 3)
    assert counts(desk)[0] == cases_after


def test_a_newer_copy_here_stays_and_an_older_one_is_brought_forward(
    desk: Desk, clerk: StaffRecord
) -> None:
    case = take_case(desk, clerk, 2)
    copy_now = server_copy(desk, case.id, new_id=case.id, sequence=1)
    copy_now["case"]["tracking_number"] = case.tracking_number
    desk.cases.start_processing(case.id, staff_id=clerk.id)  # newer here
    with desk.store.write() as s:
        report = import_page(s, {"cases": [copy_now]}, at=desk.clock.now())
    assert report.kept == 1 and str(desk.cases.get(case.id).state) == "in_progress"

    newer = server_copy(desk, case.id, new_id=case.id, sequence=1)
    newer["case"]["tracking_number"] = case.tracking_number
    newer["case"]["state"] = "suspended"
    newer["event_seq"] += 3  # the server moved on
    with desk.store.write() as s:
        report = import_page(s, {"cases": [newer]}, at=desk.clock.now())
    assert report.updated == 1 and str(desk.cases.get(case.id).state) == "suspended"
    last = desk.cases.timeline(case.id)[-1]
    assert last.action == "recovered"
    with desk.store.read() as s:
        top = s.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case.id))
    assert top == newer["event_seq"]  # the next step here is newer than the server's


def test_serial_counters_rise_to_the_highest_number(desk: Desk) -> None:
    with desk.store.write() as s:
        assert raise_serial_counter(s, "郭仓便民受字〔2026〕第0042号") == 1
        assert raise_serial_counter(s, "郭仓便民受字〔2026〕第0007号") == 0  # never down
        assert raise_serial_counter(s, "受理中心不受字〔2026〕第0003号") == 1
        assert raise_serial_counter(s, "no serial at all") == 0
    with desk.store.read() as s:
        assert s.get(DocumentSerial, ("郭仓便民", "受", 2026)).last == 42
        assert s.get(DocumentSerial, ("受理中心", "不受", 2026)).last == 3
