"""Documents made from real cases: kept, reprinted, printed, and checked as printed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import resident_id, unchanged
from printing_helpers import decode_qr, render_png, squash, text_pdfminer, text_pypdf
from test_intake import KEY, LOW_INCOME, NO

from clerk_desk import tracking_numbers
from clerk_desk.case_documents import DocumentKind
from clerk_desk.errors import InvalidInput, RuleViolation


def accepted_case(desk, clerk, applicant):
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    return desk.intake.accept(case_id=case.id, clerk_id=clerk.id)


def test_acceptance_receipt_carries_everything(desk, clerk, applicant, tmp_path: Path) -> None:
    case = accepted_case(desk, clerk, applicant)
    docs = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    assert [d.kind for d in docs] == [DocumentKind.ACCEPTANCE]
    pdf = desk.documents.pdf(docs[0].id)
    for extracted in (squash(text_pypdf(pdf)), squash(text_pdfminer(pdf))):
        for expected in (
            "受理通知书",
            "王䶮",  # Extension A, back intact from the PDF
            "3708**********",
            squash(tracking_numbers.display(case.tracking_number)),
            "最低生活保障申请",
            "2026年12月21日",
            "演示窗口员",
            "居民户口簿",
            "0537-7200000",
        ):
            assert expected in extracted, expected
        assert applicant.id_number not in extracted  # never the full ID on paper
    codes = decode_qr(render_png(pdf, tmp_path / "receipt", dpi=150)[0])
    assert len(codes) == 1
    url = urlparse(codes[0])
    assert codes[0].startswith(desk.settings().public_status_url)
    assert parse_qs(url.query) == {"n": [case.tracking_number], "q": [case.query_code]}


def test_documents_are_issued_once_per_outcome(desk, clerk, applicant) -> None:
    case = accepted_case(desk, clerk, applicant)
    first = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    with unchanged(desk):
        again = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    assert [d.id for d in again] == [d.id for d in first]
    assert desk.documents.verify(first[0].id)  # re-created from its inputs: same bytes


def test_one_time_notice_lists_every_missing_material(desk, clerk, applicant) -> None:
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers={**NO, "divorced": True})
    desk.intake.mark(
        case_id=case.id,
        clerk_id=clerk.id,
        received=KEY[:3],
        missing=["income", "consent", "divorce"],
    )
    case = desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    text = squash(text_pypdf(desk.documents.pdf(doc.id)))
    for name in ("家庭收入及财产状况申报表", "家庭经济状况核对授权书", "离婚证或离婚判决书"):
        assert name in text
    assert "居民户口簿" not in text  # received: not asked for
    assert "第三十二条" in text and "五日内" in text
    assert "《社会救助暂行办法》第十一条" in text


def test_tolerant_acceptance_gives_receipt_and_promise(desk, clerk, applicant) -> None:
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(
        case_id=case.id, clerk_id=clerk.id, answers={**NO, "has_serious_illness": True}
    )
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY, missing=["medical"])
    case = desk.intake.tolerant_accept(
        case_id=case.id, clerk_id=clerk.id, promise_date=date(2026, 12, 4)
    )
    docs = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    assert [d.kind for d in docs] == [DocumentKind.ACCEPTANCE, DocumentKind.TOLERANT_PROMISE]
    promise = squash(text_pdfminer(desk.documents.pdf(docs[1].id)))
    assert "容缺受理承诺书" in promise and "2026年12月4日" in promise
    assert "重大疾病诊断证明" in promise


def test_rejection_notice_has_reason_basis_and_remedies(desk, clerk, applicant) -> None:
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    case = desk.intake.reject(
        case_id=case.id,
        clerk_id=clerk.id,
        reason="申请人户籍不在本镇",
        legal_basis="《山东省最低生活保障办法》第八条",
        competent_body="户籍所在地乡镇人民政府",
    )
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    text = squash(text_pdfminer(desk.documents.pdf(doc.id)))
    for expected in (
        "不予受理通知书",
        "申请人户籍不在本镇",
        "第八条",
        "户籍所在地乡镇人民政府",
        "六十日",
        "六个月",
    ):
        assert expected in text, expected


def test_reprints_are_marked_counted_and_audited(desk, clerk, applicant) -> None:
    case = accepted_case(desk, clerk, applicant)
    (original,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    entries = desk.verify_audit().entries
    first = desk.documents.reprint(original.id, staff_id=clerk.id)
    second = desk.documents.reprint(first.id, staff_id=clerk.id)  # a reprint of a reprint counts on
    assert (first.reprint, second.reprint) == (1, 2)
    assert first.original_id == second.original_id == original.id
    assert desk.verify_audit().entries == entries + 2
    assert "补打" in squash(text_pdfminer(desk.documents.pdf(second.id)))
    assert "补打" not in squash(text_pdfminer(desk.documents.pdf(original.id)))
    kinds = [(d.kind, d.reprint) for d in desk.documents.for_case(case.id)]
    assert kinds == [
        (DocumentKind.ACCEPTANCE, 0),
        (DocumentKind.ACCEPTANCE, 1),
        (DocumentKind.ACCEPTANCE, 2),
    ]


def test_failed_print_loses_nothing(desk, clerk, applicant) -> None:
    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    failed = desk.documents.record_print(
        doc.id, staff_id=clerk.id, printer="counter-1", error="paper out"
    )
    assert failed.print_count == 0
    ok = desk.documents.record_print(doc.id, staff_id=clerk.id, printer="counter-1", error=None)
    assert ok.print_count == 1
    assert desk.cases.get(case.id).state.value == "accepted"
    assert desk.verify_audit().ok


def test_unprintable_character_refuses_before_anything_is_kept(desk, clerk) -> None:
    # U+30000 (CJK Extension G) has no glyph in any font installed here.
    someone = desk.applicants.register_person(
        actor_id=clerk.id, name="李\U00030000", id_number=resident_id("37083019700101321")
    )
    case = accepted_case(desk, clerk, someone)
    with unchanged(desk), pytest.raises(RuleViolation, match="U\\+30000"):
        desk.documents.issue_for_case(case.id, staff_id=clerk.id)


def test_no_document_for_a_case_without_outcome(desk, clerk, applicant) -> None:
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    with unchanged(desk), pytest.raises(RuleViolation, match="no outcome document"):
        desk.documents.issue_for_case(case.id, staff_id=clerk.id)


def test_missing_acceptance_notice_can_be_made_after_the_case_moved_on(
    desk, clerk, applicant
) -> None:
    case = accepted_case(desk, clerk, applicant)
    desk.cases.start_processing(case.id, staff_id=clerk.id)  # no document was made at the counter
    docs = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    assert [d.kind for d in docs] == [DocumentKind.ACCEPTANCE]


def test_rejection_notice_is_dated_the_day_of_the_rejection(desk, clerk, applicant, clock) -> None:
    from datetime import datetime, timedelta

    from clerk_desk.clock import CHINA_TZ

    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.reject(
        case_id=case.id, clerk_id=clerk.id, reason="户籍不在本镇", legal_basis="第八条"
    )
    clock.advance(timedelta(days=3))  # printed on Thursday for Monday's rejection
    assert clock.now() > datetime(2026, 11, 25, tzinfo=CHINA_TZ)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    text = squash(text_pypdf(desk.documents.pdf(doc.id)))
    assert "2026年11月23日" in text and "2026年11月26日" not in text


def test_supplement_is_refused_once_the_case_is_closed(desk, clerk, applicant) -> None:
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(
        case_id=case.id, clerk_id=clerk.id, answers={**NO, "has_serious_illness": True}
    )
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY, missing=["medical"])
    desk.intake.tolerant_accept(case_id=case.id, clerk_id=clerk.id, promise_date=date(2026, 12, 4))
    with unchanged(desk), pytest.raises(InvalidInput, match="at least one"):
        desk.cases.supplement(case.id, staff_id=clerk.id, material_ids=[])
    desk.cases.withdraw(case.id, staff_id=clerk.id, reason="申请人撤回")
    with unchanged(desk), pytest.raises(RuleViolation, match="no materials are awaited"):
        desk.cases.supplement(case.id, staff_id=clerk.id, material_ids=["medical"])
