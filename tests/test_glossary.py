"""The zh_CN screen text follows the centre's glossary (issue #11, "In the centre's words").

Chinese takes full-width punctuation (，。：；？！（）、 and “ ”), no space between
Chinese and digits, and one term per concept: never a term the glossary's
"not" column lists.

Exempt, on purpose:

* nothing for mnemonics: a Chinese label's access key is written ``立即同步（&S）``,
  in full-width parentheses like any other Chinese text (Qt's own zh_CN files write
  ``(&S)``, which Qt strips on platforms that show no mnemonics, macOS; ClerkDesk
  runs on Linux counters, where the key is always shown).
* key names and codes, which stay half-width: ``Ctrl+,``, ``10:42``, a URL,
  and the printer setting's prefixes ``cups:`` / ``qt:`` / ``folder:``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from clerk_desk.case_documents import DocumentInfo, DocumentKind
from clerk_desk.catalog_format import Item, Material, MaterialForm
from clerk_desk.errors import RuleViolation
from clerk_desk.timeline import (
    DueDateReviewedDetail,
    MaterialsCheckedDetail,
    OpenedDetail,
    StepDetail,
)
from clerk_desk.ui import app as ui_app
from clerk_desk.ui.case_timeline import detail_summary
from clerk_desk.ui.catalog_guide import fee_text, guide_html
from clerk_desk.ui.checklist_model import ChecklistModel, QuestionModel
from clerk_desk.ui.messages import date_text, describe
from clerk_desk.ui.preview import document_label

pytestmark = pytest.mark.gui

LOW_INCOME = "370830104-MZ-001"  # the sample catalog's 最低生活保障申请
TS = Path(ui_app.__file__).parent / "i18n" / "clerk_desk_zh_CN.ts"

HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
# ASCII punctuation right next to a Chinese character (the count: 304 before).
NEXT_TO_HAN = re.compile(rf"{HAN}[,:;?!()]|[,:;?!()]{HAN}")
MNEMONIC = re.compile(r"（&[A-Za-z0-9]）")
# Half-width on purpose (see the module docstring).
CODES = re.compile(r"Ctrl\+(?:Shift\+)?,|\d:\d\d|https?://\S+|\b(?:cups|qt|folder):|\{[^}]*\}")
ASCII_PUNCT = re.compile(r"[,:;?!()\"]|\.\.\.")
# A number (not a key name such as F8 or A4) spaced off from Chinese.
SPACED_DIGITS = re.compile(rf"{HAN} +\d|(?<![A-Za-z0-9])\d+ +{HAN}")

# The glossary's "not" column (/work/shared/glossary.md), and the screen's own
# strays from its table: 挂起 (the glossary's 暂停计时), 经办人 (窗口工作人员),
# 案件 (办件), 身份证号 without 码 (身份证号码 on screen), 办结期限 for a date.
NOT_TERMS = {
    "办事人": "申请人",
    "客户": "申请人",
    "受托人": "委托代理人",
    "代办人": "委托代理人 / 代办员",
    "代理员": "代办员",
    "柜员": "窗口工作人员",
    "大厅": "便民服务中心",
    "本中心": "决定机关 / 便民服务中心",
    "挂起": "暂停计时",
    "经办人": "窗口工作人员",
    "案件": "办件",
    "办结期限": "承诺办结日期 / 承诺办结时限",
    "ClerkDesk": "窗口受理台",  # the program's one name on a Chinese screen
}
NOT_PATTERNS = {re.compile(re.escape(t)): t for t in NOT_TERMS} | {
    re.compile("身份证号(?!码)"): "身份证号",
}


def translations() -> Iterator[tuple[str, str, str]]:
    """(context, source, translation) for every zh_CN message and plural form."""
    for ctx in ET.parse(TS).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            forms = tr.findall("numerusform")
            for text in [f.text or "" for f in forms] if forms else [tr.text or ""]:
                yield name, m.findtext("source") or "", text


def punctuation_problems(text: str) -> list[str]:
    """What in ``text`` breaks the glossary's writing rules (nothing for non-Chinese)."""
    placeholders_only = "{" in text and not re.search("[A-Za-z]", CODES.sub("", text))
    if not re.search(HAN, text) and not placeholders_only:
        return []  # not Chinese; "{field}: {message}" joins Chinese, so it counts
    bare = CODES.sub("字", MNEMONIC.sub("", text))
    problems = [f"ASCII {m.group(0)!r} in Chinese" for m in ASCII_PUNCT.finditer(bare)]
    problems += [f"space in {m.group(0)!r}" for m in SPACED_DIGITS.finditer(text)]
    return problems


def term_problems(text: str) -> list[str]:
    return [
        f"{term} (the glossary says {NOT_TERMS.get(term, '身份证号码')})"
        for pattern, term in NOT_PATTERNS.items()
        if pattern.search(text)
    ]


def test_no_ascii_punctuation_next_to_chinese() -> None:
    found = [
        (ctx, text)
        for ctx, _source, text in translations()
        if NEXT_TO_HAN.search(MNEMONIC.sub("", CODES.sub("", text)))
    ]
    assert found == []


def test_every_translation_follows_the_writing_rules() -> None:
    found = [
        (ctx, text, punctuation_problems(text))
        for ctx, _source, text in translations()
        if punctuation_problems(text)
    ]
    assert found == []


def test_no_translation_uses_a_term_the_glossary_rules_out() -> None:
    found = [
        (ctx, text, term_problems(text)) for ctx, _s, text in translations() if term_problems(text)
    ]
    assert found == []


def test_the_checks_catch_what_they_are_for() -> None:
    assert punctuation_problems("办件编号:") == ["ASCII ':' in Chinese"]
    assert punctuation_problems("(原件 ×1, 关键)") != []
    assert punctuation_problems("第 3 位") != []
    assert punctuation_problems("{field}: {message}") != []
    assert punctuation_problems("按 F8 读卡；立即同步（&S）：") == []
    assert punctuation_problems("立即同步(&S)") != []  # a mnemonic in ASCII parentheses
    assert punctuation_problems("请在“设置”（Ctrl+,）中注册，10:42") == []
    assert term_problems("请登记代办人") and term_problems("身份证号:")
    assert term_problems("身份证号码") == []


@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The zh_CN translation, loaded as the app loads it."""
    loaded: list[QTranslator] = ui_app.install_translators(qapp, "zh_CN")
    assert loaded
    yield
    for t in loaded:
        qapp.removeTranslator(t)


FORMS: tuple[MaterialForm, ...] = ("original", "copy", "electronic")


def built_in_code(item: Item) -> list[str]:
    """Chinese the UI puts together in code, as the clerk sees it."""
    model = ChecklistModel()
    questions = QuestionModel()
    texts = [
        model.material_text(
            Material(
                id="id",
                name="身份证",
                form=form,
                copies=2,
                key=key,
                note=None,
                template=None,
                when_yes=(),
                when_no=(),
            )
        )
        for form in FORMS
        for key in (True, False)
    ]
    doc = DocumentInfo(
        id="d",
        case_id="c",
        kind=DocumentKind.ACCEPTANCE,
        layout="a4",
        reprint=2,
        original_id="o",
        created_at=datetime(2026, 11, 23, 10, 0),
        staff_id="s",
        sha256="",
        size=0,
        print_count=0,
        serial="郭仓便民受字〔2026〕第0042号",
    )
    texts.append(document_label(doc))
    texts += [questions.tr("[yes]"), questions.tr("[no]")]
    texts += [fee_text(2000), fee_text(0)]
    # A timeline step's detail, as the case page lists it.
    details: list[StepDetail] = [
        OpenedDetail(item_code=item.code, answers={q.id: False for q in item.questions}),
        MaterialsCheckedDetail(
            received=tuple(m.id for m in item.materials[:2]),
            missing=tuple(m.id for m in item.materials[2:3]),
        ),
        DueDateReviewedDetail(provisional_years=(2027, 2028)),
    ]
    texts += [detail_summary(detail, item) for detail in details]
    return texts


def test_chinese_built_in_code_follows_the_glossary(chinese, desk) -> None:  # type: ignore[no-untyped-def]
    stored = desk.catalog.item(LOW_INCOME)
    texts = built_in_code(stored.item)
    assert texts[0] == "身份证（原件2份，关键材料）", texts[0]
    assert "补打（第2次）" in texts[6], texts[6]
    found = [(t, punctuation_problems(t) + term_problems(t)) for t in texts]
    assert [f for f in found if f[1]] == []
    assert QCoreApplication.translate("CaseState", "notice issued") == "待补正"
    assert texts[9:11] == ["20.00元", "不收费"]
    # The service guide: a span is its number and unit, no space (30个工作日).
    guide = re.sub(r"<[^>]+>", " ", guide_html(stored))
    assert re.search(r"\d+个工作日", guide), guide
    assert not re.search(r"\d+ +个", guide), guide


def test_a_date_in_a_sentence_is_written_in_words(chinese) -> None:  # type: ignore[no-untyped-def]
    assert date_text("2026-11-05") == "2026年11月5日"
    error = RuleViolation(
        "a one-time notice was already issued for case {number} on {day}; a second notice "
        "is not allowed: reprint the first one",
        number="ABCD3VJ233D",
        day="2026-11-23",
    )
    assert describe(error) == (
        "办件ABCD3VJ233D已于2026年11月23日出具一次性告知书，不得再次告知：请补打原告知书"
    )
