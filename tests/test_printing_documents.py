"""The five printed documents, on A4 and on the 80 mm roll.

Each is rendered, its text extracted (pypdf and pdfminer.six) and searched for
every expected string, its pages rasterised with poppler's pdftoppm (through
subprocess) and the QR code decoded with zxing-cpp.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from support import printing as h

from clerk_desk import tracking_numbers
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.printing import DocumentRenderer
from clerk_desk.printing.document_data import (
    HandoverList,
    HandoverRow,
    Layout,
    MaterialCount,
    MissingMaterial,
    ReceivedMaterial,
    count_materials,
    display_tracking_number,
    format_material_count,
    status_url,
)
from clerk_desk.printing.documents import handover_qr_payload

LAYOUTS: tuple[Layout, ...] = ("a4", "roll80")
TESTS_DIR = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def renderer() -> DocumentRenderer:
    return DocumentRenderer()


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[..., Any]
    render: Callable[[DocumentRenderer, Any, Layout], bytes]
    expected: tuple[str, ...]  # strings found in the text (whitespace ignored)
    absent: tuple[str, ...]  # strings that must not be printed (full ID numbers ...)
    qr: Callable[[Any], str]
    names: tuple[str, ...]  # rare-character names: checked with both extractors
    layouts: tuple[Layout, ...] = ("a4", "roll80")  # the rejection and the promise: A4 only


def _status(d: Any) -> str:
    return status_url(d.status_base_url, d.tracking_number, d.query_code)


COMMON = (
    "青石镇便民服务中心",
    "3号窗口",
    "李晓燕",
    "0531-88881234",
    "（盖章）",
    "日期：",
    "2025年3月7日",
)

CASES = [
    Case(
        "acceptance",
        h.acceptance,
        lambda r, d, lay: r.acceptance_notice(d, lay),
        (
            *COMMON,
            "受理通知书",
            display_tracking_number(h.acceptance().tracking_number),
            "4071 8263",
            "城乡居民基本养老保险参保登记",
            h.EXT_A_NAME,
            "3708**********1234",
            "居民身份证",
            "原件",
            "居民户口簿",
            "复印件",
            "电子件",
            "份数",
            "承诺办结日期：2025年3月14日",
            "法定办结时限：10个工作日",
            "承诺办结时限：5个工作日",
            "设定依据：《国务院关于建立统一的城乡居民基本养老保险制度的意见》",
            "不收费（依据：《社会保险法》第五十九条，不收取任何费用）",
            "青石便民受字〔2025〕第0042号",
            "决定机关：某某县人力资源和社会保障局",
            "经审查，某某县人力资源和社会保障局决定自2025年3月7日起予以受理",
            "已核验（原件退还）",
            "已收取",
            "一式两份，申请人与决定机关各执一份",
            "某某县人力资源和社会保障局（盖章）",
            "申请人签收：",
            h.BASE_URL,
        ),
        ("370802199001011234",),
        _status,
        (h.EXT_A_NAME,),
    ),
    Case(
        "one_time",
        h.one_time,
        lambda r, d, lay: r.one_time_notice(d, lay),
        (
            *COMMON,
            "一次性告知书",
            display_tracking_number(h.one_time().tracking_number),
            "9530 2817",
            h.EXT_B_FULL_NAME,
            "3708**********002X",
            "农村宅基地和建房（规划许可）申请表",
            "须经村民小组会议讨论通过并签字",
            "宅基地申请表（空白）",
            "宅基地使用承诺书",
            "承诺书样表",
            "建房设计图或通用图",
            "选用通用图的注明图号",
            "《中华人民共和国土地管理法》第六十二条；《农村宅基地管理办法》",
            "依据《中华人民共和国行政许可法》第三十二条的规定，现将需要补正的全部内容",
            "青石便民告字〔2025〕第0007号",
            "决定机关：某某县青石镇人民政府",
            "青石镇人民路18号",
            "周一至周五 上午8:30-12:00 下午14:00-17:30（法定节假日除外）",
            "不再要求补正其他材料",
            "本告知书一式两份，申请人与决定机关各执一份。",
            "申请人签收：",
        ),
        ("37080219851231002X",),
        _status,
        (h.EXT_B_FULL_NAME,),
    ),
    Case(
        "promise",
        h.promise,
        lambda r, d, lay: r.tolerant_promise(d, lay),
        (
            *COMMON,
            "容缺受理承诺书",
            display_tracking_number(h.promise().tracking_number),
            "6184 7290",
            "青石镇𠈌记农业专业合作社",
            "统一社会信用代码",
            "9337**********YZ1K",
            "𠈌小明",
            "经营场所平面布局图",
            "标明功能区位置",
            "食品安全管理制度文本",
            "于2025年3月21日前补齐上述全部材料",
            "本单位向某某县市场监督管理局申请办理",
            "青石便民容字〔2025〕第0003号",
            "本承诺书一式两份，申请人与决定机关各执一份。",
            "承诺人（签名）：",
        ),
        ("93370802MA3C4XYZ1K",),
        _status,
        ("青石镇𠈌记农业专业合作社", "𠈌小明"),
        ("a4",),
    ),
    Case(
        "rejection",
        h.rejection,
        lambda r, d, lay: r.rejection_notice(d, lay),
        (
            *COMMON,
            "不予受理通知书",
            display_tracking_number(h.rejection().tracking_number),
            "TV9M5 YC222",  # an old query code, grouped as it always was
            h.EXT_A_NAME,
            "林木采伐许可证核发",
            "2025年3月6日",
            "申请采伐的林木位于生态公益林范围内，不属于本镇受理范围",
            "不予受理依据：《中华人民共和国森林法》第五十六条",
            "请向某某县林业局提出申请",
            "经审查，某某县青石镇人民政府决定不予受理。",
            "青石便民不受字〔2025〕第0001号",
            "如不服本决定，可以自收到本通知书之日起六十日内向某某县人民政府申请行政复议，"
            "或者在六个月内依法向某某县人民法院提起行政诉讼。",
            "本通知书一式两份，申请人与决定机关各执一份。",
            "某某县青石镇人民政府（盖章）",
            "申请人签收：",
        ),
        ("370802199001011234",),
        _status,
        (h.EXT_A_NAME,),
        ("a4",),
    ),
    Case(
        "handover",
        h.handover,
        lambda r, d, lay: r.handover_list(d, lay),
        (
            "代办件移交清单",
            "HB20250307-03",
            "东沟村便民服务代办点",
            "赵䶮",  # Extension A
            "李𠈌",  # Extension B
            "13900001111",
            "青石镇便民服务中心",
            "3号窗口",
            *(display_tracking_number(r.tracking_number) for r in h.handover().rows),
            "城乡居民基本养老保险参保登记",
            "高龄老人补贴申请",
            "残疾人两项补贴申请",
            "欧阳建平",  # names in full: an internal paper
            # Each case's materials by name, with their form and copies, and their count.
            "城乡居民基本养老保险参保登记表（原件1份）",
            "居民户口簿（复印件1份）",
            "近期一寸免冠照片（原件2份）",
            "最低生活保障证（复印件1份）",
            "3项3份",
            "1项2份",
            "4项4份",
            "合计：3件，移交材料8项9份。",
            "清单编号：HB20250307-03",
            "不含代办员已核验并退还申请人的原件",
            "青石便民移字〔2025〕第0011号",
            "本清单一式两份，代办点与接收窗口各执一份。",
            "代办员（签名）：",
            "接收人（签名）：",
            "（盖章）",
            "日期：",
            "2025年3月7日",
        ),
        ("批次", "王*", "陈*华", "欧**平"),
        handover_qr_payload,
        ("赵䶮", "李𠈌", h.EXT_A_NAME, h.EXT_B_FULL_NAME),
    ),
]
CASE_IDS = [c.name for c in CASES]
ROLL_WORDING = {
    "受理通知书": "受理回执",
    "一式两份，申请人与决定机关各执一份": "本回执一式两份，申请人与决定机关各执一份",
}
PAIRS = [(c, lay) for c in CASES for lay in c.layouts]
PAIR_IDS = [f"{c.name}-{lay}" for c, lay in PAIRS]


@pytest.fixture(scope="module")
def rendered(renderer: DocumentRenderer) -> dict[tuple[str, str], bytes]:
    return {(c.name, lay): c.render(renderer, c.make(), lay) for c, lay in PAIRS}


@pytest.mark.parametrize(("case", "layout"), PAIRS, ids=PAIR_IDS)
def test_text_has_every_expected_string(
    case: Case, layout: Layout, rendered: dict[tuple[str, str], bytes]
) -> None:
    pdf = rendered[case.name, layout]
    text = h.squash(h.text_pypdf(pdf))
    expected = case.expected
    if layout == "roll80":  # the acceptance on the roll is a receipt (受理回执)
        expected = tuple(ROLL_WORDING.get(s, s) for s in expected)
    assert [s for s in expected + case.names if h.squash(s) not in text] == []
    assert [s for s in case.absent if h.squash(s) in text] == []
    assert "本中心" not in text
    # pdfminer reads table cells in another order; the names must come out whole too.
    text = h.squash(h.text_pdfminer(pdf))
    assert [s for s in case.names if s not in text] == []


@pytest.mark.parametrize(("case", "layout"), PAIRS, ids=PAIR_IDS)
def test_qr_code_decodes_to_the_payload(
    case: Case, layout: Layout, rendered: dict[tuple[str, str], bytes], tmp_path: Path
) -> None:
    pngs = h.render_png(rendered[case.name, layout], tmp_path / "page", dpi=100)
    assert h.decode_qr(pngs[0]) == [case.qr(case.make())]


def test_status_url_is_base_url_with_number_and_query_code() -> None:
    d = h.acceptance()
    number = h.ACCEPTANCE_NUMBER
    assert number.isdigit() and len(number) == 16
    assert _status(d) == f"{h.BASE_URL}?n={number}&q=40718263"
    # Carried canonical: the printed groups of either code are dropped.
    shown = tracking_numbers.display(number)
    assert status_url("https://x.gov.cn/s?city=1", shown, "4071 8263") == (
        f"https://x.gov.cn/s?city=1&n={number}&q=40718263"
    )
    old = h.REJECTION_NUMBER
    assert status_url(h.BASE_URL, tracking_numbers.display(old), "TV9M5 YC222") == (
        f"{h.BASE_URL}?n={old}&q=TV9M5YC222"
    )


@pytest.mark.parametrize(("case", "layout"), PAIRS, ids=PAIR_IDS)
def test_same_input_gives_identical_bytes(
    case: Case, layout: Layout, renderer: DocumentRenderer, rendered: dict[tuple[str, str], bytes]
) -> None:
    again = case.render(renderer, case.make(), layout)
    assert again == rendered[case.name, layout]
    fresh = case.render(DocumentRenderer(), case.make(), layout)  # a new font cache
    assert fresh == again


def test_bytes_are_the_same_in_a_fresh_process(
    rendered: dict[tuple[str, str], bytes],
) -> None:
    code = (
        "import hashlib\nfrom support import printing as h\n"
        "from clerk_desk.printing import DocumentRenderer\n"
        "pdf = DocumentRenderer().acceptance_notice(h.acceptance(), 'a4')\n"
        "print(hashlib.sha256(pdf).hexdigest())\n"
    )
    env = dict(os.environ, PYTHONHASHSEED="4242", SOURCE_DATE_EPOCH="1700000000")
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS_DIR), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == hashlib.sha256(rendered["acceptance", "a4"]).hexdigest()


def test_different_input_gives_different_bytes(renderer: DocumentRenderer) -> None:
    a = renderer.acceptance_notice(h.acceptance(), "a4")
    b = renderer.acceptance_notice(h.acceptance(query_code="GHPEV85H2Y"), "a4")
    assert a != b


def test_creation_date_comes_from_the_input(renderer: DocumentRenderer) -> None:
    pdf = renderer.rejection_notice(h.rejection(issued_on=date(2026, 11, 23)), "a4")
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info is not None
    assert str(info["/CreationDate"]).startswith("D:20261123")
    assert str(info["/Title"]) == "不予受理通知书"


@pytest.mark.parametrize(("case", "layout"), PAIRS, ids=PAIR_IDS)
def test_reprint_is_marked_with_its_count(
    case: Case, layout: Layout, renderer: DocumentRenderer, rendered: dict[tuple[str, str], bytes]
) -> None:
    original = h.squash(h.text_pypdf(rendered[case.name, layout]))
    assert "补打" not in original
    pdf = case.render(renderer, case.make(reprint=3), layout)
    text = h.squash(h.text_pypdf(pdf))
    assert "补打（第3次）" in text
    assert "本件为补打件（第3次补打）" in text


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_a4_is_one_a4_page_and_the_roll_is_80_mm_wide(
    case: Case, rendered: dict[tuple[str, str], bytes]
) -> None:
    a4 = rendered[case.name, "a4"]
    assert h.page_count(a4) == 1
    assert h.page_size_mm(a4) == pytest.approx((210, 297), abs=0.1)
    if "roll80" not in case.layouts:
        return
    roll = rendered[case.name, "roll80"]
    assert h.page_count(roll) == 1
    width, height = h.page_size_mm(roll)
    assert width == pytest.approx(80, abs=0.1)
    assert 150 < height < 600  # fitted to the content


def test_roll_height_grows_with_the_content(renderer: DocumentRenderer) -> None:
    short = renderer.acceptance_notice(h.acceptance(), "roll80")
    materials = tuple(ReceivedMaterial(f"证明材料第{i}号", "复印件", 1) for i in range(12))
    long = renderer.acceptance_notice(h.acceptance(materials=materials), "roll80")
    assert h.page_size_mm(long)[1] > h.page_size_mm(short)[1] + 40


def test_fonts_are_embedded_as_subsets(renderer: DocumentRenderer) -> None:
    # 𠮷 (Extension B) is not in AR PL UMing: it falls back to HanaMin.
    pdf = renderer.one_time_notice(h.one_time(applicant=replace(h.PERSON_B, name="陈𠮷华")), "a4")
    assert len(pdf) < 300_000  # HanaMinA alone is 22 MB
    reader = PdfReader(io.BytesIO(pdf))
    fonts: Any = reader.pages[0]["/Resources"]["/Font"]  # type: ignore[index]
    names = [str(f.get_object()["/BaseFont"]) for f in fonts.values()]
    assert names and all("+" in n for n in names), names
    assert any("HanaMin" in n for n in names)  # the Extension B name's font
    assert "陈𠮷华" in h.text_pdfminer(pdf)


# --- variants -------------------------------------------------------------


def _text(pdf: bytes) -> str:
    return h.squash(h.text_pypdf(pdf))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_immediate_item_is_completed_on_the_spot(
    renderer: DocumentRenderer, layout: Layout
) -> None:
    text = _text(renderer.acceptance_notice(h.acceptance(due_date=None), layout))
    assert "即办件，当场办结" in text
    assert "2025年3月14日" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_provisional_due_date_says_it_may_change(
    renderer: DocumentRenderer, layout: Layout
) -> None:
    d = h.acceptance(due_date=date(2026, 1, 9), due_date_provisional=True)
    text = _text(renderer.acceptance_notice(d, layout))
    assert "承诺办结日期：2026年1月9日（暂定，依据节假日安排公布情况可能调整）" in text
    plain = _text(renderer.acceptance_notice(h.acceptance(), layout))
    assert "可能调整" not in plain


def test_fee_is_printed_in_yuan_with_its_basis(renderer: DocumentRenderer) -> None:
    d = h.acceptance(fee_fen=1250, fee_basis="发改价格〔2017〕1186号")
    text = _text(renderer.acceptance_notice(d, "roll80"))
    assert "12.50元（收费依据：发改价格〔2017〕1186号）" in text
    assert "不收费" not in text


def test_tolerant_acceptance_is_said_on_the_notice(renderer: DocumentRenderer) -> None:
    text = _text(renderer.acceptance_notice(h.acceptance(tolerant=True), "a4"))
    assert "予以容缺受理" in text
    assert "《容缺受理承诺书》" in text


def test_rejection_without_named_bodies_points_to_the_law(renderer: DocumentRenderer) -> None:
    d = h.rejection(competent_body="", reconsideration_body="", court="")
    text = _text(renderer.rejection_notice(d, "a4"))
    assert "六十日内依法申请行政复议" in text
    assert "在六个月内依法向人民法院提起行政诉讼" in text
    assert "请向" not in text


def test_organisation_applicant_is_labelled_as_such(renderer: DocumentRenderer) -> None:
    text = _text(renderer.acceptance_notice(h.acceptance(applicant=h.ORGANISATION), "a4"))
    assert "申请单位：青石镇𠈌记农业专业合作社" in text
    assert "联系人：𠈌小明" in text


def test_long_handover_list_runs_over_pages_with_header_and_page_numbers(
    renderer: DocumentRenderer, tmp_path: Path
) -> None:
    rows = tuple(
        HandoverRow(
            h.sample_number(i + 1), f"事项{i}号：城乡居民医疗保险参保登记", "王小明", i % 4 + 1
        )
        for i in range(40)
    )
    d = h.handover(rows=rows)
    pdf = renderer.handover_list(d, "a4")
    pages = h.page_count(pdf)
    assert pages >= 2
    reader = PdfReader(io.BytesIO(pdf))
    for n, page in enumerate(reader.pages, start=1):
        text = h.squash(page.extract_text())
        assert "办件编号" in text  # the table header is repeated
        assert f"第{n}页共{pages}页" in text
    last = h.squash(reader.pages[-1].extract_text())
    assert "接收人（签名）" in last
    assert d.count == MaterialCount(None, sum(i % 4 + 1 for i in range(40)))  # no names
    assert f"合计：40件，移交材料{d.count.copies}份。" in _text(pdf)
    pngs = h.render_png(pdf, tmp_path / "p", dpi=100)
    assert h.decode_qr(pngs[0]) == [handover_qr_payload(d)]
    roll = renderer.handover_list(d, "roll80")
    assert h.page_count(roll) == 1
    assert h.decode_qr(h.render_png(roll, tmp_path / "r", dpi=100)[0]) == [handover_qr_payload(d)]


def test_long_text_wraps_within_the_roll(renderer: DocumentRenderer) -> None:
    note = "须" + "经村民小组会议讨论通过并由全体户主签字，" * 8 + "并加盖村委会公章。"
    missing = (MissingMaterial("申请表", "原件", 1, note=note),)
    pdf = renderer.one_time_notice(h.one_time(missing=missing), "roll80")
    assert h.squash(note) in _text(pdf)


@pytest.mark.parametrize("case", [c for c in CASES if c.layouts == ("a4",)], ids=lambda c: c.name)
def test_the_sealed_documents_are_refused_on_the_roll(
    case: Case, renderer: DocumentRenderer
) -> None:
    with pytest.raises(InvalidInput) as refused:
        case.render(renderer, case.make(), "roll80")
    assert refused.value.where == "layout"
    assert refused.value.params["document"] in ("容缺受理承诺书", "不予受理通知书")


def test_documents_of_older_inputs_print_without_serial_or_authority(
    renderer: DocumentRenderer,
) -> None:
    """Inputs kept before serials and the deciding body: neutral wording, never 本中心."""
    for pdf in (
        renderer.acceptance_notice(h.acceptance(serial="", authority=""), "a4"),
        renderer.rejection_notice(h.rejection(serial="", authority=""), "a4"),
        renderer.one_time_notice(h.one_time(serial="", authority="", notice_basis=()), "a4"),
    ):
        text = _text(pdf)
        assert "本中心" not in text and "字〔" not in text
        assert "经审查，决定" in text or "现将需要补正的全部内容" in text


# --- refusals -------------------------------------------------------------

NO_FONT_HAS = "\U00030000"  # CJK Extension G


@pytest.mark.parametrize("layout", LAYOUTS)
def test_missing_glyph_is_refused_before_drawing_and_names_it(
    renderer: DocumentRenderer, layout: Layout
) -> None:
    applicant = replace(h.PERSON, name=f"王{NO_FONT_HAS}")
    with pytest.raises(RuleViolation) as info:
        renderer.acceptance_notice(h.acceptance(applicant=applicant), layout)
    assert str(info.value) == (
        f"no installed font has a glyph for '{NO_FONT_HAS}' (U+30000) in field applicant.name"
    )


def test_missing_glyph_in_a_nested_row_names_the_row(renderer: DocumentRenderer) -> None:
    missing = (MissingMaterial("证明", "原件", 1, note=f"须加盖{NO_FONT_HAS}章"),)
    with pytest.raises(RuleViolation, match=r"in field missing\[0\]\.note"):
        renderer.one_time_notice(h.one_time(missing=missing), "a4")


def test_missing_glyph_in_a_carried_material_names_the_material(
    renderer: DocumentRenderer,
) -> None:
    row = h.handover().rows[0]
    odd = replace(row.materials[0], name=f"{NO_FONT_HAS}氏家谱摘录")
    d = h.handover(rows=(replace(row, materials=(odd, *row.materials[1:])),))
    with pytest.raises(RuleViolation, match=r"in field rows\[0\]\.materials\[0\]\.name"):
        renderer.handover_list(d, "a4")


def test_missing_glyph_refusal_draws_nothing(
    renderer: DocumentRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import clerk_desk.printing.layout as layout_module

    def must_not_draw(*_args: object, **_kw: object) -> bytes:
        raise AssertionError("drawing started")

    monkeypatch.setattr(layout_module, "Canvas", must_not_draw)
    d = h.handover(agent_name=f"赵{NO_FONT_HAS}")
    with pytest.raises(RuleViolation, match="agent_name"):
        renderer.handover_list(d, "a4")


def test_unknown_layout_is_refused(renderer: DocumentRenderer) -> None:
    with pytest.raises(InvalidInput, match="layout"):
        renderer.acceptance_notice(h.acceptance(), "a5")  # type: ignore[arg-type]


def test_names_are_printed_in_full_on_the_handover_list_too(
    rendered: dict[tuple[str, str], bytes],
) -> None:
    """The handover list is an internal paper between the village point and the township."""
    assert h.EXT_A_NAME in h.text_pypdf(rendered["acceptance", "a4"])
    for layout in LAYOUTS:
        text = h.squash(h.text_pypdf(rendered["handover", layout]))
        for row in h.handover().rows:
            assert row.applicant_name in text
        assert "*" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_list_kept_before_its_materials_were_named_counts_copies(
    renderer: DocumentRenderer, layout: Layout
) -> None:
    """Its inputs hold copies only (and names masked then): it re-creates with those."""
    rows = tuple(
        HandoverRow(r.tracking_number, r.item_name, name, r.materials_count)
        for r, name in zip(h.handover().rows, ("王*", "陈*华", "欧**平"), strict=True)
    )
    old = h.handover(rows=rows)
    assert old.count == MaterialCount(None, 9)
    text = h.squash(h.text_pypdf(renderer.handover_list(old, layout)))
    assert "合计：3件，移交材料9份。" in text
    assert "王*" in text and "欧**平" in text
    assert "3项" not in text and "（原件" not in text


def test_a_handover_row_carries_what_it_counts() -> None:
    row = h.handover().rows[0]
    assert row.count == count_materials(row.materials) == MaterialCount(3, 3)
    assert h.handover().count == MaterialCount(8, 9)
    assert format_material_count(h.handover().count) == "8项9份"
    with pytest.raises(InvalidInput, match="carry 3 copies"):
        replace(row, materials_count=4)
    returned = ReceivedMaterial("居民身份证", "原件", returned=True)
    with pytest.raises(InvalidInput, match="not carried"):
        replace(row, materials=(*row.materials, returned), materials_count=4)


def test_display_of_tracking_numbers_matches_the_domain() -> None:
    import random

    terminal = tracking_numbers.new_provisional_terminal_number(random.Random(7))
    number = tracking_numbers.compose(terminal, date(2025, 3, 7), 5)
    shown = tracking_numbers.display(number)
    assert (
        display_tracking_number(number)
        == shown
        == " ".join(number[i : i + 4] for i in range(0, 16, 4))
    )
    assert display_tracking_number(f"{number[:5]}-{number[5:]}") == shown
    old = h.legacy_sample_number(5)
    assert display_tracking_number(old.lower()) == tracking_numbers.display(old)
    assert display_tracking_number(old).count("-") == 4
    assert display_tracking_number("ABCDEFGH") == "ABCD EFGH"  # not a valid number: plain groups


def test_handover_list_refuses_a_case_listed_twice() -> None:
    row = HandoverRow(h.ACCEPTANCE_NUMBER, "事项", "王小明", 1)
    with pytest.raises(InvalidInput, match="listed twice"):
        HandoverList(
            batch_number="B1",
            village_point="东沟村便民服务代办点",
            agent_name="赵建国",
            agent_phone="",
            centre_name="青石镇便民服务中心",
            handed_over_on=date(2025, 3, 7),
            rows=(row, row),
        )


@pytest.mark.parametrize(("case", "layout"), PAIRS, ids=PAIR_IDS)
def test_a_reprint_says_the_day_it_was_reprinted(
    case: Case, layout: Layout, renderer: DocumentRenderer
) -> None:
    original = case.make()
    issued = getattr(original, "issued_on", None) or original.handed_over_on
    day = date(issued.year + 1, 1, 5)
    text = h.squash(
        h.text_pypdf(case.render(renderer, case.make(reprint=2, reprinted_on=day), layout))
    )
    assert f"本件为补打件（第2次补打），原件出具日期：{issued.year}年" in text
    assert f"补打日期：{issued.year + 1}年1月5日。" in text
    # A reprint kept before the date was printed re-creates as it was kept.
    undated = h.squash(h.text_pypdf(case.render(renderer, case.make(reprint=2), layout)))
    assert "补打日期" not in undated and "本件为补打件（第2次补打）" in undated


def test_a_masked_number_prints_as_a_full_one_would(renderer: DocumentRenderer) -> None:
    """The domain passes identity numbers masked: the paper shows the same as before."""
    full = h.acceptance()
    masked = h.acceptance(applicant=replace(h.PERSON, id_number="3708**********1234"))
    for layout in LAYOUTS:
        texts = [
            h.squash(h.text_pypdf(renderer.acceptance_notice(d, layout))) for d in (full, masked)
        ]
        assert texts[0] == texts[1]
        assert "3708**********1234" in texts[1] and "370802199001011234" not in texts[1]


def test_handover_code_runs_new_numbers_together_and_lists_old_ones() -> None:
    rows = (
        HandoverRow(h.sample_number(1), "事项", "王小明", 1),
        HandoverRow(h.legacy_sample_number(2), "事项", "王小明", 1),  # numbered before the upgrade
        HandoverRow(h.sample_number(3), "事项", "王小明", 1),
    )
    d = h.handover(rows=rows)
    assert handover_qr_payload(d) == (
        f"CLERKDESK-HANDOVER/2;batch={d.batch_number};"
        f"n={h.sample_number(1)}{h.sample_number(3)};o={h.legacy_sample_number(2)}"
    )
    only_new = h.handover(rows=(rows[0], rows[2]))
    assert handover_qr_payload(only_new).endswith(f"n={h.sample_number(1)}{h.sample_number(3)}")


@pytest.mark.parametrize("layout", ["a4", "roll80"])
def test_a_handover_lists_each_tracking_number_on_one_line(
    renderer: DocumentRenderer, layout: str
) -> None:
    """A number read aloud from the list must not break across lines of its cell."""
    d = h.handover_40()
    lines = [
        " ".join(line.split())
        for line in h.text_pdfminer(renderer.handover_list(d, layout)).splitlines()
    ]
    for row in d.rows:
        shown = display_tracking_number(row.tracking_number)
        assert any(shown in line for line in lines), shown
