"""Documents made from real cases: kept, reprinted, printed, and checked as printed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qs, urlparse

import pytest
from support.desks import resident_id, unchanged
from support.documents import accepted_case, stored_inputs
from support.intake import KEY, LOW_INCOME, NO
from support.printing import decode_qr, render_png, squash, text_pdfminer, text_pypdf

from clerk_desk import tracking_numbers
from clerk_desk.case_documents import DocumentKind
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.lifecycle import CaseState


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
    # 低保 is 行政给付: its notice cites its own basis, not the licensing law (see
    # test_document_sign_off.py for a licensing item's).
    assert "第三十二条" not in text
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


def test_rejection_notice_has_reason_basis_and_remedies(remedies, desk, clerk, applicant) -> None:
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


def test_an_outcome_whose_document_cannot_print_is_refused_and_changes_nothing(
    remedies, desk, clerk
) -> None:
    # U+30000 (CJK Extension G) has no glyph in any font installed here.
    someone = desk.applicants.register_person(
        actor_id=clerk.id, name="李\U00030000", id_number=resident_id("37083019700101321")
    )
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=someone.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY[:4], missing=["consent"])
    outcomes = {
        "accept": lambda: desk.intake.accept(case_id=case.id, clerk_id=clerk.id),
        "notice": lambda: desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id),
        "reject": lambda: desk.intake.reject(
            case_id=case.id, clerk_id=clerk.id, reason="户籍不在本镇", legal_basis="第八条"
        ),
    }
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    with unchanged(desk), pytest.raises(RuleViolation) as err:
        outcomes["accept"]()
    assert err.value.params["char"] == "\U00030000" and err.value.params["code"] == "U+30000"
    assert "applicant.name" in err.value.params["document_fields"]
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, missing=["consent"])
    for name in ("notice", "reject"):
        with unchanged(desk), pytest.raises(RuleViolation, match="U\\+30000"):
            outcomes[name]()
    assert desk.cases.get(case.id).state is CaseState.CONSULTED


def test_a_rejection_reason_that_cannot_print_is_refused(remedies, desk, clerk, applicant) -> None:
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    with unchanged(desk), pytest.raises(RuleViolation) as err:
        desk.intake.reject(
            case_id=case.id, clerk_id=clerk.id, reason="见\U00030001", legal_basis="第八条"
        )
    assert err.value.params["document_fields"] == "reason"


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


def test_rejection_notice_is_dated_the_day_of_the_rejection(
    remedies, desk, clerk, applicant, clock
) -> None:
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


# -- made from the case's history ------------------------------------------------


def tolerant_case(desk, clerk, applicant):
    """A 低保 case accepted with the (non-key) medical certificate promised."""
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(
        case_id=case.id, clerk_id=clerk.id, answers={**NO, "has_serious_illness": True}
    )
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY, missing=["medical"])
    return desk.intake.tolerant_accept(
        case_id=case.id, clerk_id=clerk.id, promise_date=date(2026, 12, 4)
    )


def names(desk, case, ids) -> list[str]:
    item = case.stored_item.item
    return [item.material(i).name for i in ids]


def test_documents_of_a_tolerant_acceptance_can_be_made_after_the_supplement(
    desk, clerk, applicant
) -> None:
    case = tolerant_case(desk, clerk, applicant)
    desk.cases.supplement(case.id, staff_id=clerk.id, material_ids=["medical"])
    docs = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    assert [d.kind for d in docs] == [DocumentKind.ACCEPTANCE, DocumentKind.TOLERANT_PROMISE]
    receipt, promise = (stored_inputs(desk, d.id) for d in docs)
    # What was handed in at acceptance, not what has arrived since.
    assert [m["name"] for m in receipt["materials"]] == names(desk, case, KEY)
    assert receipt["tolerant"] is True
    assert [m["name"] for m in promise["missing"]] == names(desk, case, ["medical"])
    assert promise["promise_date"] == "2026-12-04"
    text = squash(text_pdfminer(desk.documents.pdf(docs[0].id)))
    assert "居民户口簿" in text and "重大疾病诊断证明" not in text
    assert "重大疾病诊断证明" in squash(text_pdfminer(desk.documents.pdf(docs[1].id)))
    assert all(desk.documents.verify(d.id) for d in docs)


def test_a_receipt_made_after_the_supplement_lists_what_the_first_one_listed(
    desk, clerk, applicant
) -> None:
    case = tolerant_case(desk, clerk, applicant)
    (at_counter, _) = desk.documents.issue_for_case(case.id, staff_id=clerk.id, layout="roll80")
    desk.cases.supplement(case.id, staff_id=clerk.id, material_ids=["medical"])
    # The roll receipt is kept; an A4 copy is made later, after the supplement.
    later = desk.documents.reprint(at_counter.id, staff_id=clerk.id, layout="a4")
    assert (
        stored_inputs(desk, later.id)["materials"]
        == stored_inputs(desk, at_counter.id)["materials"]
    )
    # And a case whose documents were never made gets the same list.
    other = tolerant_case(desk, clerk, applicant)
    desk.cases.supplement(other.id, staff_id=clerk.id, material_ids=["medical"])
    receipt, _ = desk.documents.issue_for_case(other.id, staff_id=clerk.id, layout="roll80")
    assert (
        stored_inputs(desk, receipt.id)["materials"]
        == stored_inputs(desk, at_counter.id)["materials"]
    )


def test_a_case_accepted_before_the_event_kept_its_list_still_gets_its_documents(
    desk, clerk, applicant
) -> None:
    """An acceptance event without "received": from the marks, less what was promised."""
    from sqlalchemy import select

    from clerk_desk.models import CaseEvent

    case = tolerant_case(desk, clerk, applicant)
    with desk.store.write() as session:
        event = session.scalars(
            select(CaseEvent).where(
                CaseEvent.case_id == case.id, CaseEvent.action == "tolerant_accepted"
            )
        ).one()
        event.detail = {k: v for k, v in event.detail.items() if k != "received"}
    desk.cases.supplement(case.id, staff_id=clerk.id, material_ids=["medical"])
    receipt, promise = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    assert [m["name"] for m in stored_inputs(desk, receipt.id)["materials"]] == names(
        desk, case, KEY
    )
    assert [m["name"] for m in stored_inputs(desk, promise.id)["missing"]] == names(
        desk, case, ["medical"]
    )


def test_the_clerk_who_accepted_is_named_on_a_receipt_made_by_another(
    desk, clerk, applicant
) -> None:
    other = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="li", name="李窗口", role="clerk", password="secret12"
    )
    desk.intake.during_outcome.clear()  # a case from before documents came with the outcome
    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=other.id)
    assert doc.staff_id == other.id  # who made the document
    assert stored_inputs(desk, doc.id)["counter"]["clerk_name"] == clerk.name  # who accepted
    text = squash(text_pypdf(desk.documents.pdf(doc.id)))
    assert clerk.name in text and "李窗口" not in text


def test_documents_are_made_once_even_when_two_calls_overlap(desk, clerk, applicant) -> None:
    """A second call made while the first renders waits for it and makes no second original.

    Documents are numbered and rendered under the write lock, so the second call
    (another thread) finds the first one's document once it gets the lock.
    """
    import threading

    from clerk_desk.case_documents import CaseDocuments

    desk.intake.during_outcome.clear()  # a case from before documents came with the outcome
    case = accepted_case(desk, clerk, applicant)
    other = CaseDocuments(desk.store, desk.clock, desk.cases, desk.settings, desk.renderer)
    second: list[list[str]] = []
    thread = threading.Thread(
        target=lambda: second.append(
            [d.id for d in other.issue_for_case(case.id, staff_id=clerk.id)]
        )
    )

    class Overlapping:
        def __getattr__(self, name):
            method = getattr(desk.renderer(), name)

            def render(*args):
                if not thread.is_alive() and not second:
                    thread.start()
                    thread.join(timeout=0.5)  # it waits for the write lock
                    assert thread.is_alive()
                return method(*args)

            return render

    first = CaseDocuments(desk.store, desk.clock, desk.cases, desk.settings, cast(Any, Overlapping))
    docs = first.issue_for_case(case.id, staff_id=clerk.id)
    thread.join(timeout=60)
    assert second == [[d.id for d in docs]]
    assert [d.id for d in docs] == [d.id for d in desk.documents.for_case(case.id)]
    assert len(docs) == 1


# -- only what is printed is kept -----------------------------------------------


def test_no_full_id_number_is_kept_with_a_document(remedies, desk, clerk, applicant) -> None:
    from sqlalchemy import select

    from clerk_desk.models import AuditEntry, OutboxEntry

    cases = [tolerant_case(desk, clerk, applicant)]
    notice = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(case_id=notice.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=notice.id, clerk_id=clerk.id, received=KEY[:3], missing=KEY[3:])
    cases.append(desk.intake.issue_notice(case_id=notice.id, clerk_id=clerk.id))
    rejected = desk.intake.start(
        clerk_id=clerk.id,
        item_code=LOW_INCOME,
        applicant_id=applicant.id,
        new_case_reason="另案申请",
    )
    cases.append(
        desk.intake.reject(
            case_id=rejected.id, clerk_id=clerk.id, reason="户籍不在本镇", legal_basis="第八条"
        )
    )
    docs = [d for c in cases for d in desk.documents.issue_for_case(c.id, staff_id=clerk.id)]
    assert {d.kind for d in docs} == {
        DocumentKind.ACCEPTANCE,
        DocumentKind.TOLERANT_PROMISE,
        DocumentKind.ONE_TIME_NOTICE,
        DocumentKind.REJECTION,
    }
    docs.append(desk.documents.reprint(docs[0].id, staff_id=clerk.id))
    full = applicant.id_number
    masked = full[:4] + "*" * (len(full) - 8) + full[-4:]
    for doc in docs:
        inputs = stored_inputs(desk, doc.id)
        assert inputs["applicant"]["id_number"] == masked
        assert full not in str(inputs)
        assert desk.documents.verify(doc.id)  # re-created from the masked inputs: same bytes
        text = squash(text_pdfminer(desk.documents.pdf(doc.id)))
        assert masked in text and full not in text
    with desk.store.read() as session:
        audit = [
            e.payload
            for e in session.scalars(select(AuditEntry).where(AuditEntry.entity == "document"))
        ]
        outbox = [
            str(e.payload)
            for e in session.scalars(select(OutboxEntry).where(OutboxEntry.entity == "document"))
        ]
    assert len(audit) == len(outbox) == len(docs)
    assert all(masked in p and full not in p for p in audit)
    assert all(masked in p and full not in p for p in outbox)


def test_a_document_kept_with_the_full_number_reprints_without_it(desk, clerk, applicant) -> None:
    """Documents kept before the inputs were masked: they verify, and a reprint masks."""
    import dataclasses

    from clerk_desk.case_documents import INPUT_TYPES, inputs_from_json, render

    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    kept = inputs_from_json(INPUT_TYPES[DocumentKind.ACCEPTANCE], stored_inputs(desk, doc.id))
    legacy = dataclasses.replace(  # kept before serials, too: it has none
        kept,
        serial="",
        applicant=dataclasses.replace(kept.applicant, id_number=applicant.id_number),
    )
    pdf = render(desk.renderer(), DocumentKind.ACCEPTANCE, legacy, "a4")
    with desk.store.write() as session:
        old = desk.documents.keep(
            session, case.id, DocumentKind.ACCEPTANCE, "a4", clerk.id, legacy, pdf,
            desk.clock.now(), 0, None,
        )  # fmt: skip
        old_id = old.id
    assert applicant.id_number in str(stored_inputs(desk, old_id))
    assert desk.documents.verify(old_id)
    copy = desk.documents.reprint(old_id, staff_id=clerk.id)
    assert applicant.id_number not in str(stored_inputs(desk, copy.id))
    assert desk.documents.verify(copy.id)


def test_damaged_bytes_fail_verification(desk, clerk, applicant) -> None:
    from sqlalchemy import update

    from clerk_desk.models import Document

    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    pdf = desk.documents.pdf(doc.id)
    with desk.store.write() as session:
        session.execute(
            update(Document).where(Document.id == doc.id).values(pdf=pdf[:-10] + b"\n%%EOF\n\n\n")
        )
    assert not desk.documents.verify(doc.id)


def test_the_outcome_and_its_documents_commit_together(desk, clerk, applicant) -> None:
    case = accepted_case(desk, clerk, applicant)
    (doc,) = desk.documents.for_case(case.id)  # made with the acceptance
    assert doc.kind is DocumentKind.ACCEPTANCE and doc.layout == desk.settings().paper
    assert desk.documents.issue_for_case(case.id, staff_id=clerk.id)[0].id == doc.id


def test_a_document_that_cannot_be_made_leaves_the_case_as_it_was(desk, clerk, applicant) -> None:
    """A kill point between the outcome and its receipt: the renderer dies."""
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)

    class Dead:
        fonts = desk.renderer().fonts

        def acceptance_notice(self, *_args):
            raise OSError(28, "No space left on device")

    desk.documents._renderer = lambda: Dead()
    with unchanged(desk), pytest.raises(OSError):
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert desk.cases.get(case.id).state is CaseState.CONSULTED
