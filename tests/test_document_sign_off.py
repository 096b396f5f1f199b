"""What a lawyer signs off on the documents of real cases.

Serial numbers (文书编号), decisions in the name of the 决定机关, the notice's
legal basis, originals shown and handed back, A4 only for the sealed
documents, the remedy bodies of a rejection, a complete receipt.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from support.desks import COURT, REVIEW_BODY, set_remedy_bodies, unchanged
from support.intake import KEY, LOW_INCOME, NO
from support.printing import page_size_mm, squash, text_pdfminer, text_pypdf

from clerk_desk.case_documents import DocumentKind, format_serial, short_centre_name
from clerk_desk.desk import Desk
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.lifecycle import CaseState

HEALTH_INSURANCE = "370830104-YB-001"  # 公共服务, immediate, names no authority
RURAL_HOUSING = "370830104-ZJ-001"  # 行政许可 of the township government
HOUSING_ALL = ["id_card", "hukou", "app_form", "village_opinion", "site_plan", "house_drawing"]


def settings(desk: Desk, **changes: object) -> None:
    desk.update_settings(desk.settings().replace(**changes), actor_id=SYSTEM_ACTOR)


def pdf_text(desk: Desk, document_id: str) -> str:
    pdf = desk.documents.pdf(document_id)
    text = squash(text_pypdf(pdf))
    assert squash(text_pdfminer(pdf)).count("号") >= 1
    return text


def checked(
    desk, clerk, applicant, code=LOW_INCOME, answers=None, received=KEY, missing=(), reason=None
):
    case = desk.intake.start(
        clerk_id=clerk.id, item_code=code, applicant_id=applicant.id, new_case_reason=reason
    )
    desk.intake.answer(
        case_id=case.id, clerk_id=clerk.id, answers=NO if answers is None else answers
    )
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=received, missing=missing)
    return case


def accepted(desk, clerk, applicant):
    case = checked(desk, clerk, applicant)
    return desk.intake.accept(case_id=case.id, clerk_id=clerk.id)


def originals(desk: Desk, case_id: str):
    return {d.kind: d for d in desk.documents.for_case(case_id) if d.reprint == 0}


# -- serial numbers -----------------------------------------------------------


def test_short_centre_names_make_the_default_prefix() -> None:
    assert short_centre_name("山东省济宁市汶上县郭仓镇便民服务中心") == "郭仓便民"
    assert short_centre_name("郭仓镇便民服务中心") == "郭仓便民"
    assert short_centre_name("汶上县政务服务中心") == "汶上县政务"
    assert short_centre_name("东沟村代办点") == "东沟村代办点"
    assert format_serial("郭仓便民", "受", 2026, 42) == "郭仓便民受字〔2026〕第0042号"


def test_each_kind_counts_its_own_serials_and_prints_them(desk, clerk, applicant) -> None:
    first = accepted(desk, clerk, applicant)
    second = accepted(desk, clerk, applicant)
    noticed = checked(desk, clerk, applicant, received=KEY[:3], missing=KEY[3:])
    desk.intake.issue_notice(case_id=noticed.id, clerk_id=clerk.id)
    # No prefix set: the short form of the sample centre's name.
    assert (
        originals(desk, first.id)[DocumentKind.ACCEPTANCE].serial == "郭仓便民受字〔2026〕第0001号"
    )
    assert (
        originals(desk, second.id)[DocumentKind.ACCEPTANCE].serial == "郭仓便民受字〔2026〕第0002号"
    )
    notice = originals(desk, noticed.id)[DocumentKind.ONE_TIME_NOTICE]
    assert notice.serial == "郭仓便民告字〔2026〕第0001号"
    assert "郭仓便民告字〔2026〕第0001号" in pdf_text(desk, notice.id)

    settings(desk, document_prefix="郭仓镇便")
    third = checked(desk, clerk, applicant, reason="申请人另行申请")
    third = desk.intake.accept(case_id=third.id, clerk_id=clerk.id)
    doc = originals(desk, third.id)[DocumentKind.ACCEPTANCE]
    assert doc.serial == "郭仓镇便受字〔2026〕第0001号"  # a new prefix counts from 1
    assert "郭仓镇便受字〔2026〕第0001号" in pdf_text(desk, doc.id)


def test_a_reprint_carries_its_originals_serial(desk, clerk, applicant) -> None:
    case = accepted(desk, clerk, applicant)
    original = originals(desk, case.id)[DocumentKind.ACCEPTANCE]
    copy = desk.documents.reprint(original.id, staff_id=clerk.id, layout="roll80")
    assert copy.serial == original.serial == "郭仓便民受字〔2026〕第0001号"
    text = pdf_text(desk, copy.id)
    assert original.serial in text and "补打（第1次）" in text
    assert accepted(desk, clerk, applicant)  # the reprint took no number
    assert [d.serial for d in desk.documents.for_case(case.id)] == [original.serial] * 2


def test_the_store_refuses_a_serial_twice(desk, clerk, applicant) -> None:
    case = accepted(desk, clerk, applicant)
    doc = originals(desk, case.id)[DocumentKind.ACCEPTANCE]
    with sqlite3.connect(desk.store.path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO documents (id, case_id, kind, layout, created_at, staff_id, reprint, "
            "sha256, pdf, inputs, print_count, serial) SELECT 'x', case_id, kind, layout, "
            "created_at, staff_id, 0, sha256, pdf, inputs, 0, serial FROM documents WHERE id = ?",
            (doc.id,),
        )


def test_a_refused_outcome_takes_no_number(desk, clerk, applicant) -> None:
    case = checked(desk, clerk, applicant)
    # A character no font has, in the centre's name: the receipt cannot be made.
    settings(desk, centre_name="郭仓镇便民服务中心\U000f0000", document_prefix="郭仓便民")
    with unchanged(desk), pytest.raises(RuleViolation):
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    settings(desk, centre_name="郭仓镇便民服务中心")
    desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert originals(desk, case.id)[DocumentKind.ACCEPTANCE].serial.endswith("第0001号")


def test_the_year_of_the_serial_is_the_issue_year(desk, clerk, applicant, clock) -> None:
    accepted(desk, clerk, applicant)
    clock.advance(timedelta(days=42))  # Monday 4 January 2027
    case = accepted(desk, clerk, applicant)
    assert originals(desk, case.id)[DocumentKind.ACCEPTANCE].serial == (
        "郭仓便民受字〔2027〕第0001号"
    )


# -- the deciding body ------------------------------------------------------------


def test_decisions_are_issued_in_the_name_of_the_items_authority(desk, clerk, applicant) -> None:
    case = accepted(desk, clerk, applicant)
    text = pdf_text(desk, originals(desk, case.id)[DocumentKind.ACCEPTANCE].id)
    assert "经审查，汶上县民政局决定自2026年11月23日起予以受理" in text
    assert "决定机关：汶上县民政局" in text
    assert "汶上县民政局（盖章）" in text
    assert "本中心" not in text


def test_an_item_without_authority_takes_the_centres_deciding_body(desk, clerk, applicant) -> None:
    case = checked(
        desk,
        clerk,
        applicant,
        code=HEALTH_INSURANCE,
        answers={"newborn": False},
        received=["id_card", "hukou"],
    )
    # The embedded default names the sample centre's body: a centre without one.
    settings(desk, decision_authority="")
    with unchanged(desk), pytest.raises(RuleViolation) as refused:
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    assert refused.value.params["field"] == "decision_authority"
    settings(desk, decision_authority="汶上县郭仓镇人民政府")
    case = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    text = pdf_text(desk, originals(desk, case.id)[DocumentKind.ACCEPTANCE].id)
    assert "经审查，汶上县郭仓镇人民政府决定" in text and "本中心" not in text


def test_no_document_says_the_centre_decides(remedies, desk, clerk, applicant) -> None:
    kept = accepted(desk, clerk, applicant)
    noticed = checked(desk, clerk, applicant, received=KEY[:3], missing=KEY[3:])
    desk.intake.issue_notice(case_id=noticed.id, clerk_id=clerk.id)
    tolerant = checked(
        desk,
        clerk,
        applicant,
        code=RURAL_HOUSING,
        answers={"affects_neighbors": False},
        received=HOUSING_ALL[:-1],
        missing=HOUSING_ALL[-1:],
    )
    desk.intake.tolerant_accept(
        case_id=tolerant.id, clerk_id=clerk.id, promise_date=date(2026, 11, 30)
    )
    rejected = checked(desk, clerk, applicant, reason="申请人另行申请")
    desk.intake.reject(
        case_id=rejected.id, clerk_id=clerk.id, reason="户籍不在本镇", legal_basis="第八条"
    )
    docs = [d for c in (kept, noticed, tolerant, rejected) for d in desk.documents.for_case(c.id)]
    assert len(docs) == 5
    for doc in docs:
        text = pdf_text(desk, doc.id)
        assert "本中心" not in text, doc.kind
        assert doc.serial and doc.serial in text, doc.kind


# -- the one-time notice's legal basis ------------------------------------------------


def test_a_licensing_items_notice_cites_article_32(desk, clerk, applicant) -> None:
    case = checked(
        desk,
        clerk,
        applicant,
        code=RURAL_HOUSING,
        answers={"affects_neighbors": False},
        received=HOUSING_ALL[:3],
        missing=HOUSING_ALL[3:],
    )
    desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    text = pdf_text(desk, originals(desk, case.id)[DocumentKind.ONE_TIME_NOTICE].id)
    assert "依据《中华人民共和国行政许可法》第三十二条的规定，现将需要补正的全部内容" in text
    assert "设定依据：《中华人民共和国城乡规划法》第四十一条" in text


def test_other_kinds_cite_only_their_legal_basis(desk, clerk, applicant) -> None:
    case = checked(desk, clerk, applicant, received=KEY[:3], missing=KEY[3:])  # 低保: 行政给付
    desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
    text = pdf_text(desk, originals(desk, case.id)[DocumentKind.ONE_TIME_NOTICE].id)
    assert "行政许可法" not in text and "第三十二条" not in text
    assert "不符合法定形式。现将需要补正的全部内容一次性告知如下" in text
    assert "设定依据：《社会救助暂行办法》第十一条；《山东省最低生活保障办法》" in text


# -- originals shown and handed back; a complete receipt ---------------------------


def test_returned_originals_are_printed_as_verified_never_as_kept(desk, clerk, applicant) -> None:
    case = accepted(desk, clerk, applicant)
    for layout in ("a4", "roll80"):
        doc = originals(desk, case.id)[DocumentKind.ACCEPTANCE]
        if layout == "roll80":
            doc = desk.documents.reprint(doc.id, staff_id=clerk.id, layout="roll80")
        text = pdf_text(desk, doc.id)
        # id_card and hukou are returned originals in the catalog; the form is kept.
        for name in ("居民身份证", "居民户口簿"):
            after = text.split(name, 1)[1]
            assert after.index("已核验（原件退还）") < after.index("已收取"), (layout, name)
        assert text.count("已核验（原件退还）") == 2, layout
        assert text.count("已收取") == 3, layout  # the form, the income and the consent


def test_the_acceptance_receipt_is_complete(desk, clerk, applicant) -> None:
    case = accepted(desk, clerk, applicant)
    doc = originals(desk, case.id)[DocumentKind.ACCEPTANCE]
    text = pdf_text(desk, doc.id)
    for expected in (
        "受理通知书",
        "郭仓便民受字〔2026〕第0001号",
        "决定机关：汶上县民政局",
        "设定依据：《社会救助暂行办法》第十一条；《山东省最低生活保障办法》",
        "法定办结时限：30个工作日",
        "承诺办结时限：20个工作日",
        "承诺办结日期：2026年12月21日",
        "收费：不收费",
        "受理人：演示窗口员",
        "受理日期：2026年11月23日",
        "本通知书一式两份，申请人与决定机关各执一份。",
    ):
        assert squash(expected) in text, expected
    roll = desk.documents.reprint(doc.id, staff_id=clerk.id, layout="roll80")
    text = pdf_text(desk, roll.id)
    assert "受理回执" in text and "本回执一式两份，申请人与决定机关各执一份。" in text


# -- A4 only for the sealed documents -------------------------------------------


def tolerant_ready(desk, clerk, applicant):
    return checked(
        desk,
        clerk,
        applicant,
        code=RURAL_HOUSING,
        answers={"affects_neighbors": False},
        received=HOUSING_ALL[:-1],
        missing=HOUSING_ALL[-1:],
    )


def test_a_roll_counter_with_an_a4_printer_makes_the_sealed_ones_on_a4(
    remedies, desk, clerk, applicant
) -> None:
    settings(desk, paper="roll80")
    assert desk.settings().printer  # the embedded default prints A4 into a folder
    case = desk.intake.tolerant_accept(
        case_id=tolerant_ready(desk, clerk, applicant).id,
        clerk_id=clerk.id,
        promise_date=date(2026, 11, 30),
    )
    docs = originals(desk, case.id)
    assert docs[DocumentKind.ACCEPTANCE].layout == "roll80"
    assert docs[DocumentKind.TOLERANT_PROMISE].layout == "a4"
    assert page_size_mm(desk.documents.pdf(docs[DocumentKind.TOLERANT_PROMISE].id))[0] == (
        pytest.approx(210, abs=0.5)
    )
    rejected = checked(desk, clerk, applicant, reason="申请人另行申请")
    desk.intake.reject(
        case_id=rejected.id, clerk_id=clerk.id, reason="户籍不在本镇", legal_basis="第八条"
    )
    rejection = originals(desk, rejected.id)[DocumentKind.REJECTION]
    assert rejection.layout == "a4"
    # A reprint stays on A4; a roll copy is refused.
    assert desk.documents.reprint(rejection.id, staff_id=clerk.id).layout == "a4"
    with unchanged(desk), pytest.raises(InvalidInput) as refused:
        desk.documents.reprint(rejection.id, staff_id=clerk.id, layout="roll80")
    assert refused.value.where == "layout"


def test_a_roll_only_counter_refuses_the_sealed_outcomes(remedies, desk, clerk, applicant) -> None:
    settings(desk, paper="roll80", printer="")
    ready = tolerant_ready(desk, clerk, applicant)
    with unchanged(desk), pytest.raises(RuleViolation) as refused:
        desk.intake.tolerant_accept(
            case_id=ready.id, clerk_id=clerk.id, promise_date=date(2026, 11, 30)
        )
    assert refused.value.params["document"] == "容缺受理承诺书"
    with unchanged(desk), pytest.raises(RuleViolation) as refused:
        desk.intake.reject(
            case_id=ready.id, clerk_id=clerk.id, reason="户籍不在本镇", legal_basis="第八条"
        )
    assert refused.value.params["document"] == "不予受理通知书"
    # The receipt and the notice may use the roll.
    case = accepted(desk, clerk, applicant)
    assert originals(desk, case.id)[DocumentKind.ACCEPTANCE].layout == "roll80"


# -- the rejection's remedy bodies ----------------------------------------------


def test_a_rejection_needs_both_remedy_bodies(desk, clerk, applicant) -> None:
    case = checked(desk, clerk, applicant)
    for missing in ("reconsideration_body", "court"):
        set_remedy_bodies(desk)
        settings(desk, **{missing: ""})
        with unchanged(desk), pytest.raises(RuleViolation) as refused:
            desk.intake.reject(
                case_id=case.id, clerk_id=clerk.id, reason="户籍不在本镇", legal_basis="第八条"
            )
        assert refused.value.params["fields"] == missing
    set_remedy_bodies(desk)
    case = desk.intake.reject(
        case_id=case.id, clerk_id=clerk.id, reason="户籍不在本镇", legal_basis="第八条"
    )
    assert case.state is CaseState.REJECTED
    text = pdf_text(desk, originals(desk, case.id)[DocumentKind.REJECTION].id)
    assert f"自收到本通知书之日起六十日内向{REVIEW_BODY}申请行政复议" in text
    assert f"或者在六个月内依法向{COURT}提起行政诉讼" in text
    assert "经审查，汶上县民政局决定不予受理" in text
    assert "不予受理依据：第八条" in text
