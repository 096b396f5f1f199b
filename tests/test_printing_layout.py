"""Line wrapping of Chinese text and the input values' own rules."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.printing import (
    COUNTER,
    PERSON,
    acceptance,
    handover,
    one_time,
    rejection,
    squash,
    text_pdfminer,
)

from clerk_desk.errors import InvalidInput
from clerk_desk.printing import DocumentRenderer
from clerk_desk.printing.document_data import (
    Applicant,
    Counter,
    Layout,
    MissingMaterial,
    ReceivedMaterial,
    format_date,
    format_fee,
    format_limit,
    group_code,
    mask_id_number,
    mask_name,
    text_fields,
)
from clerk_desk.printing.fonts import FontSet
from clerk_desk.printing.layout import NO_LINE_END, NO_LINE_START, wrap_text


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet.discover()


@pytest.fixture(scope="module")
def renderer(fonts: FontSet) -> DocumentRenderer:
    return DocumentRenderer(fonts)


SIZE = 9.0


def test_chinese_breaks_between_any_characters(fonts: FontSet) -> None:
    text = "申请材料不齐全或者不符合法定形式的应当当场或者在五日内一次告知"
    lines = wrap_text(fonts, text, SIZE, SIZE * 10)
    assert "".join(lines) == text
    assert [len(line) for line in lines] == [10, 10, 10, 1]


def test_closing_punctuation_never_starts_a_line(fonts: FontSet) -> None:
    text = "一二三四五六七八九，十一二三四五六七八。九十"
    lines = wrap_text(fonts, text, SIZE, SIZE * 9)
    assert "".join(lines) == text
    assert all(line[0] not in NO_LINE_START for line in lines)


def test_opening_punctuation_never_ends_a_line(fonts: FontSet) -> None:
    text = "一二三四五六七八《九十一二》三四五六七八"
    lines = wrap_text(fonts, text, SIZE, SIZE * 9)
    assert "".join(lines) == text
    assert all(line[-1] not in NO_LINE_END for line in lines)


def test_numbers_and_urls_stay_whole_where_they_fit(fonts: FontSet) -> None:
    text = "咨询电话0531-88881234请在工作时间拨打"
    width = fonts.string_width("咨询电话0531-88881234", SIZE) - 1
    lines = wrap_text(fonts, text, SIZE, width)
    assert lines[:2] == ["咨询电话", "0531-88881234请在工"]


def test_a_word_longer_than_the_line_is_split(fonts: FontSet) -> None:
    url = "https://zwfw.example.gov.cn/bj/very/long/path/to/the/status/page"
    width = SIZE * 12
    lines = wrap_text(fonts, url, SIZE, width)
    assert "".join(lines) == url
    assert len(lines) > 1
    assert all(fonts.string_width(line, SIZE) <= width + 0.01 for line in lines)


def test_newline_forces_a_break_and_first_line_indent_is_kept(fonts: FontSet) -> None:
    lines = wrap_text(fonts, "第一段\n第二段", SIZE, SIZE * 20, first_indent=SIZE * 2)
    assert lines == ["第一段", "第二段"]
    lines = wrap_text(fonts, "一" * 20, SIZE, SIZE * 10, first_indent=SIZE * 2)
    assert [len(line) for line in lines] == [8, 10, 2]


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("王小明䶮𠈌，。、（）《》“”：；A1b2 -./申请材料齐全")),
        max_size=120,
    ),
    columns=st.integers(min_value=3, max_value=30),
)
def test_wrapping_keeps_every_character_and_fits_the_width(
    fonts: FontSet, text: str, columns: int
) -> None:
    width = SIZE * columns
    lines = wrap_text(fonts, text, SIZE, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(fonts.string_width(line, SIZE) <= width + 0.01 for line in lines)


# --- dates and counts stay whole -------------------------------------------

DATE_OR_COUNT = re.compile(r"[0-9]+年[0-9]+月[0-9]+日|第[0-9]+次")


def test_a_date_is_not_split_where_it_fits_on_a_line(fonts: FontSet) -> None:
    text = "原件出具日期：2025年3月7日，补打日期：2026年11月23日。"
    for columns in range(8, 30):
        lines = wrap_text(fonts, text, SIZE, SIZE * columns)
        assert "".join(lines) == text
        assert all(fonts.string_width(line, SIZE) <= SIZE * columns + 0.01 for line in lines)
        assert [m for line in lines for m in DATE_OR_COUNT.findall(line)] == [
            "2025年3月7日",
            "2026年11月23日",
        ], (columns, lines)


def test_a_count_is_not_split_and_a_date_too_wide_still_wraps(fonts: FontSet) -> None:
    text = "本件为补打件（第12次补打）"
    for columns in range(5, 15):
        lines = wrap_text(fonts, text, SIZE, SIZE * columns)
        assert "".join(lines) == text
        assert any("第12次" in line for line in lines), lines
    narrow = SIZE * 4  # four characters: "2026年11月23日" cannot fit, so it is split
    lines = wrap_text(fonts, "2026年11月23日", SIZE, narrow)
    assert "".join(lines) == "2026年11月23日" and len(lines) > 1
    assert all(fonts.string_width(line, SIZE) <= narrow + 0.01 for line in lines)


@pytest.mark.parametrize("count", [1, 9, 12, 123])
@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("acceptance_notice", acceptance),
        ("one_time_notice", one_time),
        ("handover_list", handover),
    ],  # the promise and the rejection are A4 only
)
def test_the_reprint_note_on_the_roll_keeps_each_date_on_one_line(
    renderer: DocumentRenderer, kind: str, make, count: int
) -> None:  # type: ignore[no-untyped-def]
    d = replace(make(), reprint=count, reprinted_on=date(2026, 11, 23))
    text = text_pdfminer(getattr(renderer, kind)(d, "roll80"))
    lines = [line.strip() for line in text.splitlines()]
    # Every date and count of the text, joined across line breaks, is found on one line.
    whole = DATE_OR_COUNT.findall("".join(lines))
    assert "2026年11月23日" in whole and f"第{count}次" in whole
    assert [m for line in lines for m in DATE_OR_COUNT.findall(line)] == whole
    note = [line for line in lines if "补打日期" in line]
    assert len(note) == 1 and "2026年11月23日" in note[0]


# --- whitespace -------------------------------------------------------------

# (what separates two parts of a text, how they are printed)
SEPARATORS = [
    ("\t", ["第一部分 第二部分"]),
    ("\u00a0", ["第一部分 第二部分"]),
    ("\u2003", ["第一部分 第二部分"]),  # em space
    ("\x1f", ["第一部分 第二部分"]),  # str.isspace, not a line boundary
    ("\u3000", ["第一部分\u3000第二部分"]),  # the ideographic space stays itself
    ("\n", ["第一部分", "第二部分"]),
    ("\r\n", ["第一部分", "第二部分"]),
    ("\r", ["第一部分", "第二部分"]),
    ("\v", ["第一部分", "第二部分"]),
    ("\f", ["第一部分", "第二部分"]),
    ("\x85", ["第一部分", "第二部分"]),
    ("\u2028", ["第一部分", "第二部分"]),
    ("\u2029", ["第一部分", "第二部分"]),
    ("\r\n\r\n", ["第一部分", "", "第二部分"]),
    ("\t\t ", ["第一部分   第二部分"]),  # a space each
]
SEPARATOR_IDS = ["+".join(f"U+{ord(c):04X}" for c in sep) for sep, _ in SEPARATORS]


@pytest.mark.parametrize(("sep", "expected"), SEPARATORS, ids=SEPARATOR_IDS)
def test_whitespace_wraps_as_a_space_or_a_line_break(
    fonts: FontSet, sep: str, expected: list[str]
) -> None:
    assert wrap_text(fonts, f"第一部分{sep}第二部分", SIZE, SIZE * 30) == expected


@pytest.mark.parametrize(("sep", "expected"), SEPARATORS, ids=SEPARATOR_IDS)
@pytest.mark.parametrize("layout", ["a4", "roll80"])
def test_whitespace_in_any_field_prints(
    renderer: DocumentRenderer, layout: Layout, sep: str, expected: list[str]
) -> None:
    text = f"第一部分{sep}第二部分"
    applicant = replace(PERSON, name=f"王{sep}䶮")
    counter = replace(COUNTER, centre_name=f"青石镇{sep}便民服务中心")
    if layout == "a4":
        d = rejection(reason=text, competent_body=text, applicant=applicant, counter=counter)
        printed = text_pdfminer(renderer.rejection_notice(d, layout))
    else:  # the rejection is A4 only: the notice's free text on the roll
        missing = (MissingMaterial(text, "原件", 1, note=text),)
        n = one_time(missing=missing, applicant=applicant, counter=counter)
        printed = text_pdfminer(renderer.one_time_notice(n, layout))
    lines = [ln for ln in printed.splitlines() if "第一部分" in ln]
    assert len(lines) == 2  # the reason and the competent body (the name and the note)
    assert all(("第二部分" in ln) == (len(expected) == 1) for ln in lines), lines
    batch = handover(batch_number=f"HB{sep}0307")
    assert "0307" in text_pdfminer(renderer.handover_list(batch, layout))


@settings(max_examples=25, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(
            list(
                "\t\r\n\v\f\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u200a\u2028\u2029\u202f"
                "\u205f\u3000 王䶮𠈌，。（）A1-/"
            )
        ),
        min_size=1,
        max_size=60,
    ),
    layout=st.sampled_from(["a4", "roll80"]),
)
def test_no_text_reaches_an_assertion(
    renderer: DocumentRenderer, text: str, layout: Layout
) -> None:
    text = f"理由{text}完"
    if layout == "a4":
        pdf = renderer.rejection_notice(
            rejection(reason=text, legal_basis=text, competent_body=text), layout
        )
    else:  # the rejection is A4 only
        missing = (MissingMaterial("申请表", "原件", 1, note=text, template_name=text),)
        pdf = renderer.one_time_notice(one_time(missing=missing, legal_basis=text), layout)
    assert squash(text) in squash(text_pdfminer(pdf))


# --- input values ---------------------------------------------------------


def test_id_numbers_keep_first_and_last_four() -> None:
    assert mask_id_number("370802199001011234") == "3708**********1234"
    assert mask_id_number("37080219851231002X") == "3708**********002X"
    assert mask_id_number("370802900101123") == "3708*******1123"  # old 15-digit number
    assert mask_id_number("12345678") == "********"  # too short to keep both ends
    assert mask_id_number("") == ""


def test_names_are_masked_for_lists_passed_around() -> None:
    assert mask_name("王小明") == "王*明"
    assert mask_name("王䶮") == "王*"
    assert mask_name("陈𠈌华") == "陈*华"
    assert mask_name("欧阳建平") == "欧**平"
    assert mask_name("王") == "王"


def test_codes_are_grouped_evenly() -> None:
    assert group_code("K7QM2P9X4") == "K7Q M2P 9X4"
    assert group_code("AB12CD34") == "AB12 CD34"
    assert group_code("6MXVU4A5HU", 5) == "6MXVU 4A5HU"


def test_dates_and_fees_in_chinese() -> None:
    assert format_date(date(2025, 3, 7)) == "2025年3月7日"
    assert format_fee(0) == "不收费"
    assert format_fee(1250) == "12.50元"
    assert format_fee(5) == "0.05元"
    assert format_fee(2000) == "20.00元"
    assert format_limit(20, "working_day") == "20个工作日"
    assert format_limit(30, "calendar_day") == "30日"


def test_inputs_refuse_bad_values_naming_the_field() -> None:
    with pytest.raises(InvalidInput, match=r"material\.form"):
        ReceivedMaterial("身份证", "扫描件", 1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"material\.copies"):
        MissingMaterial("身份证", "原件", 0)
    with pytest.raises(InvalidInput, match=r"counter\.clerk_name"):
        Counter("中心", "3", " ", "0531")
    with pytest.raises(InvalidInput, match=r"applicant\.kind"):
        Applicant("王", "1", kind="robot")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="reprint"):
        acceptance(reprint=-1)
    with pytest.raises(InvalidInput, match="due_date"):
        acceptance(due_date=date(2025, 3, 1))
    with pytest.raises(InvalidInput, match="due_date_provisional"):
        acceptance(due_date=None, due_date_provisional=True)
    with pytest.raises(InvalidInput, match="status_base_url"):
        acceptance(status_base_url="zwfw.example.gov.cn")
    with pytest.raises(InvalidInput, match="fee_fen"):
        acceptance(fee_fen=-1)
    with pytest.raises(InvalidInput, match="missing"):
        one_time(missing=())


def test_text_fields_walks_nested_values_by_path() -> None:
    fields = text_fields(one_time())
    assert fields["applicant.name"] == "陈𠈌华"
    assert fields["counter.clerk_name"] == "李晓燕"
    assert fields["missing[0].template_name"] == "宅基地申请表（空白）"
    assert "issued_on" not in fields
