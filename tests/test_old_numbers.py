"""A store of an earlier version: its 13-symbol tracking numbers after the upgrade.

The earlier version is played by today's intake with the numbering it had
then (see ``earlier_version``), so the cases, their audit entries, outbox
payloads and kept documents are what it wrote. Then the
terminal starts the new version: it draws a provisional terminal number, and
the old cases stay findable, printable and workable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select
from support import earlier_version
from support.desks import resident_id
from support.earlier_version import OLD_CODE
from support.intake import KEY, LOW_INCOME, NO
from support.printing import decode_qr, render_png, squash, text_pypdf

from clerk_desk import tracking_numbers
from clerk_desk.case_lists import CaseListFilter
from clerk_desk.cases import CaseView
from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.errors import InvalidInput
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.intake import IntakeService
from clerk_desk.lifecycle import CaseState
from clerk_desk.models import Case, Setting, TrackingSequence


@dataclass
class Upgraded:
    desk: Desk
    clerk_id: str
    applicant_id: str
    accepted: CaseView  # accepted under the earlier version, its receipt kept
    waiting: CaseView  # one-time notice issued under the earlier version
    first_run: list[str]  # what the new version's first start did


@pytest.fixture
def upgraded(data_dir: Path, clock: FixedClock, monkeypatch) -> Iterator[Upgraded]:  # type: ignore[no-untyped-def]
    desk = Desk.open(data_dir, clock=clock)
    ensure_ready(desk)
    with desk.store.write() as s:
        s.merge(Setting(key="terminal_code", value=OLD_CODE))  # the earlier version's code
    desk.close()

    # The earlier version at work.
    with monkeypatch.context() as earlier:
        earlier.setattr(
            IntakeService,
            "_next_tracking_number",
            staticmethod(earlier_version.next_tracking_number),
        )
        earlier.setattr(tracking_numbers, "new_query_code", earlier_version.new_query_code)
        desk = Desk.open(data_dir, clock=clock)
        clerk = desk.staff.by_login(DEMO_LOGIN)
        assert clerk is not None
        applicant = desk.applicants.register_person(
            actor_id=clerk.id, name="王䶮", id_number=resident_id(), phone="13812345678"
        )
        case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
        desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
        accepted = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
        case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
        desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
        desk.intake.mark(
            case_id=case.id, clerk_id=clerk.id, received=KEY[:3], missing=["income", "consent"]
        )
        waiting = desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
        desk.close()

    # The new version starts on the same data directory.
    desk = Desk.open(data_dir, clock=clock)
    report = ensure_ready(desk)
    yield Upgraded(desk, clerk.id, applicant.id, accepted, waiting, report.done)
    desk.close()


def test_the_earlier_version_wrote_old_numbers(upgraded: Upgraded) -> None:
    for case in (upgraded.accepted, upgraded.waiting):
        assert tracking_numbers.is_legacy(case.tracking_number)
        assert tracking_numbers.legacy_decompose(case.tracking_number)[0] == OLD_CODE
        assert len(case.query_code) == tracking_numbers.LEGACY_QUERY_CODE_LENGTH


def test_the_upgrade_draws_a_provisional_number_and_keeps_the_old_code_on_old_cases(
    upgraded: Upgraded,
) -> None:
    number = upgraded.desk.settings().terminal_code
    assert tracking_numbers.is_provisional_terminal(number)
    assert upgraded.first_run == [
        f"gave this terminal the provisional number {number} (its numbers so far carry the "
        f"code {OLD_CODE})"
    ]
    with upgraded.desk.store.read() as s:
        assert set(s.scalars(select(Case.terminal_code))) == {OLD_CODE}
    assert upgraded.desk.verify_audit().ok


def test_old_numbers_are_found_by_tracking_number(upgraded: Upgraded) -> None:
    cases = upgraded.desk.cases
    number = upgraded.waiting.tracking_number
    shown = tracking_numbers.display(number)
    assert shown.count("-") == 4  # as it was printed: XXX-XXX-XXX-XXX-X
    for typed in (number, shown, shown.lower(), " ".join(shown.split("-"))):
        assert cases.by_tracking_number(typed).id == upgraded.waiting.id
    summary = cases.summary_by_tracking_number(shown)
    assert summary is not None and summary.id == upgraded.waiting.id
    mistyped = number[:-1] + ("2" if number[-1] != "2" else "3")
    with pytest.raises(InvalidInput, match="check character"):
        cases.by_tracking_number(mistyped)


def test_old_numbers_are_found_by_the_case_list_search(upgraded: Upgraded) -> None:
    lists = upgraded.desk.case_lists

    def found(search: str) -> set[str]:
        return set(lists.ids(CaseListFilter("all", upgraded.clerk_id, search)))

    old = upgraded.accepted.tracking_number
    assert found(tracking_numbers.display(old)) == {upgraded.accepted.id}
    assert found(old.lower()) == {upgraded.accepted.id}
    # The old code is a prefix of every number it gave.
    assert found(OLD_CODE) == {upgraded.accepted.id, upgraded.waiting.id}


def test_old_documents_reprint_with_the_old_number_and_query_code(
    upgraded: Upgraded, tmp_path: Path
) -> None:
    desk, case = upgraded.desk, upgraded.accepted
    (receipt,) = desk.documents.for_case(case.id)
    copy = desk.documents.reprint(receipt.id, staff_id=upgraded.clerk_id)
    assert desk.documents.verify(receipt.id) and desk.documents.verify(copy.id)
    pdf = desk.documents.pdf(copy.id)
    text = squash(text_pypdf(pdf))
    assert squash(tracking_numbers.display(case.tracking_number)) in text
    assert squash(tracking_numbers.display_query_code(case.query_code)) in text
    assert "补打" in text
    (code,) = decode_qr(render_png(pdf, tmp_path / "reprint", dpi=150)[0])
    assert parse_qs(urlparse(code).query) == {"n": [case.tracking_number], "q": [case.query_code]}


def test_an_old_case_goes_on_and_new_cases_get_numeric_numbers(
    upgraded: Upgraded, tmp_path: Path
) -> None:
    desk, clerk_id = upgraded.desk, upgraded.clerk_id
    # The applicant returns with what the notice listed: the case keeps its old number.
    waiting = desk.cases.by_tracking_number(upgraded.waiting.tracking_number)
    assert waiting.state is CaseState.NOTICE_ISSUED
    desk.intake.mark(case_id=waiting.id, clerk_id=clerk_id, received=["income", "consent"])
    accepted = desk.intake.accept(case_id=waiting.id, clerk_id=clerk_id)
    assert accepted.tracking_number == upgraded.waiting.tracking_number
    receipt = desk.documents.for_case(accepted.id)[-1]
    text = squash(text_pypdf(desk.documents.pdf(receipt.id)))
    assert "受理通知书" in text
    assert squash(tracking_numbers.display(accepted.tracking_number)) in text
    # A new case: the new form, under the provisional terminal number.
    new = desk.intake.start(
        clerk_id=clerk_id, item_code=LOW_INCOME, applicant_id=upgraded.applicant_id
    )
    terminal = desk.settings().terminal_code
    assert tracking_numbers.decompose(new.tracking_number) == (terminal, date(2026, 11, 23), 1)
    assert len(new.query_code) == 8 and new.query_code.isdigit()
    with desk.store.read() as s:
        sequences = {(t.terminal_code, t.last) for t in s.scalars(select(TrackingSequence))}
    assert sequences == {(OLD_CODE, 2), (terminal, 1)}
