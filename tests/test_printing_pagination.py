"""Huge texts on A4 and on the roll: every character printed, and printed inside the page.

Each document is rendered with very long inputs (a rejection reason, material
notes, many materials, a long legal basis, a long office name). From the PDF,
the position of every character is read with pdfminer.six and checked: body
text lies in the page's content area, the footer and the reprint mark in
their own bands, and every character of every input text comes out, in order.
The page breaks are checked too: no page but the last is left less than 60 %
full, a table header always has a row line under it, and the sign-off takes
lines of the content along to its page.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import printing as h

from clerk_desk import tracking_numbers
from clerk_desk.printing import DocumentRenderer
from clerk_desk.printing.document_data import (
    HandoverRow,
    Layout,
    MissingMaterial,
    ReceivedMaterial,
)
from clerk_desk.printing.layout import A4, ROLL80, Ctx, Item, PageSpec, _paginate

LAYOUTS: tuple[Layout, ...] = ("a4", "roll80")
SPECS = {"a4": A4, "roll80": ROLL80}
TOL = 1.0  # points: glyph boxes come from the font's ascent/descent, not the ink
TERMINAL = tracking_numbers.new_provisional_terminal_number(random.Random(20250307))
DAY = date(2025, 3, 7)


def tracking(seq: int) -> str:
    return tracking_numbers.compose(TERMINAL, DAY, seq + 1)


@pytest.fixture(scope="module")
def renderer() -> DocumentRenderer:
    return DocumentRenderer()


# --- reading the PDF ------------------------------------------------------


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    glyphs: tuple[Glyph, ...]  # in the order they are drawn


def read_pages(pdf: bytes) -> list[Page]:
    """Every character of every page with its box, in content-stream order (no layout analysis)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    for pdf_page in PDFPage.get_pages(io.BytesIO(pdf)):
        interpreter.process_page(pdf_page)
        result = device.get_result()
        glyphs = tuple(
            Glyph(o.get_text(), o.x0, o.y0, o.x1, o.y1)
            for o in result
            if isinstance(o, LTChar) and o.get_text().strip()
        )
        pages.append(Page(result.width, result.height, glyphs))
    return pages


@dataclass(frozen=True)
class Checked:
    """A document whose every glyph was found in its place, its body text page by page."""

    pages: list[Page]
    body: list[list[Glyph]]  # per page: the glyphs of the content area
    area: list[tuple[float, float, float, float]]  # per page: left, bottom, right, top

    @property
    def text(self) -> str:
        return "".join(g.text for page in self.body for g in page)

    def lines(self, n: int) -> list[tuple[float, str]]:
        """Page ``n`` (0-based) as (top, text) lines, top to bottom."""
        by_top: dict[float, list[Glyph]] = {}
        for g in self.body[n]:
            by_top.setdefault(round(g.y1 * 2) / 2, []).append(g)
        return [
            (top, "".join(g.text for g in sorted(gs, key=lambda g: g.x0)))
            for top, gs in sorted(by_top.items(), reverse=True)
        ]

    def fill(self, n: int) -> float:
        """How far down page ``n`` the content reaches, as a share of the content height."""
        _left, bottom, _right, top = self.area[n]
        lowest = min(g.y0 for g in self.body[n])
        return (top - lowest) / (top - bottom)


def check_places(pdf: bytes, spec: PageSpec, title: str, reprint: int = 0) -> Checked:
    """Every glyph lies in the content area, or is the footer / reprint mark in its band."""
    pages = read_pages(pdf)
    ctx = Ctx(h_fonts(), spec)
    body: list[list[Glyph]] = []
    areas = []
    for n, page in enumerate(pages, start=1):
        left, right = spec.margin_x, page.width - spec.margin_x
        top = page.height - spec.margin_top
        bottom = spec.margin_bottom + ctx.footer_height
        inside, below, above, astray = [], [], [], []
        for g in page.glyphs:
            if g.x0 < left - TOL or g.x1 > right + TOL:
                astray.append(g)
            elif g.y0 >= bottom - TOL and g.y1 <= top + TOL:
                inside.append(g)
            elif g.y0 >= 0 and g.y1 <= bottom + TOL and spec.height is not None:
                below.append(g)
            elif g.y0 >= top - TOL and g.y1 <= page.height and spec.height is not None:
                above.append(g)
            else:
                astray.append(g)
        where = f"page {n} of {len(pages)}"
        assert astray == [], f"{where}: outside the page's content area"
        footer = "".join(g.text for g in below)
        if len(pages) > 1:
            assert footer.startswith(title), f"{where}: footer {footer!r}"
            assert footer.endswith(f"第{n}页共{len(pages)}页"), f"{where}: footer {footer!r}"
        else:
            assert footer == "", f"{where}: text under the content area: {footer!r}"
        mark = "".join(g.text for g in above)
        assert mark == (f"补打（第{reprint}次）" if reprint and spec.height else ""), where
        body.append(inside)
        areas.append((left, bottom, right, top))
    return Checked(pages, body, areas)


_FONTS: list[Any] = []


def h_fonts() -> Any:
    if not _FONTS:
        from clerk_desk.printing.fonts import FontSet

        _FONTS.append(FontSet.discover())
    return _FONTS[0]


def missing_in_order(needle: str, haystack: str) -> str:
    """The part of ``needle`` (whitespace ignored) not found, in order, in ``haystack``."""
    needle, pos = h.squash(needle), 0
    for i, ch in enumerate(needle):
        pos = haystack.find(ch, pos)
        if pos < 0:
            return needle[i:]
        pos += 1
    return ""


def numbered(n_chars: int, sentence: str = "申请人提交的林权证明与现场勘验情况不一致") -> str:
    """About ``n_chars`` characters of numbered sentences: no line of it is like another."""
    parts: list[str] = []
    i = 0
    while sum(map(len, parts)) < n_chars:
        i += 1
        parts.append(f"（{i}）{sentence}；")
    return "".join(parts)[:n_chars]


# --- the documents --------------------------------------------------------


@dataclass(frozen=True)
class Huge:
    name: str
    title: str  # the document's name, which starts its footer
    render: Callable[[DocumentRenderer, Layout], bytes]
    texts: tuple[str, ...]  # the long inputs, each to be found whole
    signature: str  # the label of the sign-off's first signature line
    layouts: tuple[Layout, ...] = LAYOUTS  # the rejection and the promise: A4 only


def _rejection(reason: str, basis: str = "《中华人民共和国森林法》第五十六条") -> Huge:
    d = h.rejection(reason=reason, legal_basis=basis, tracking_number=tracking(1))
    return Huge(
        f"rejection-{len(reason)}-{len(basis)}",
        "不予受理通知书",
        lambda r, lay: r.rejection_notice(d, lay),
        (reason, basis),
        "申请人签收：",
        ("a4",),
    )


def _one_time(notes: tuple[str, ...], basis: str = "《农村宅基地管理办法》", **kw: Any) -> Huge:
    missing = tuple(
        MissingMaterial(f"第{i}项材料：{note[:12]}", "原件", i % 3 + 1, note=note, template_name=t)
        for i, (note, t) in enumerate(
            zip(notes, ["宅基地申请表（空白）", ""] * len(notes), strict=False)
        )
    )
    d = h.one_time(missing=missing, legal_basis=basis, tracking_number=tracking(2), **kw)
    texts = (basis, *notes, *(m.name for m in missing))
    if "counter" in kw:
        texts += (kw["counter"].centre_name,)
    return Huge(
        f"one-time-{len(notes)}x{max(map(len, notes))}-{len(basis)}",
        "一次性告知书",
        lambda r, lay: r.one_time_notice(d, lay),
        texts,
        "申请人签收：",
    )


def _acceptance(count: int) -> Huge:
    materials = tuple(
        ReceivedMaterial(f"第{i}号证明材料（{'经村委会盖章确认的' * (i % 4)}复印件）", "复印件", i)
        for i in range(1, count + 1)
    )
    d = h.acceptance(materials=materials, tracking_number=tracking(3))
    return Huge(
        f"acceptance-{count}",
        "受理通知书",
        lambda r, lay: r.acceptance_notice(d, lay),
        tuple(m.name for m in materials),
        "申请人签收：",
    )


def _promise(note: str) -> Huge:
    missing = (
        MissingMaterial("经营场所平面布局图", "复印件", 1, note=note),
        MissingMaterial("食品安全管理制度文本", "电子件", 1, note=note[::-1]),
    )
    d = h.promise(missing=missing, tracking_number=tracking(4))
    return Huge(
        f"promise-{len(note)}",
        "容缺受理承诺书",
        lambda r, lay: r.tolerant_promise(d, lay),
        (note, note[::-1]),
        "承诺人（签名）：",
        ("a4",),
    )


def _handover(count: int) -> Huge:
    rows = tuple(
        HandoverRow(
            tracking(100 + i),
            f"事项{i}：{'城乡居民基本医疗保险参保登记' * (1 + i % 3)}",
            "王小明",
            i % 5,
        )
        for i in range(count)
    )
    d = h.handover(rows=rows)
    return Huge(
        f"handover-{count}",
        "代办件移交清单",
        lambda r, lay: r.handover_list(d, lay),
        tuple(r.item_name for r in rows),
        "代办员（签名）：",
    )


LONG_CENTRE = replace(h.COUNTER, centre_name=numbered(400, "青石镇便民服务中心"))

HUGE = [
    _rejection(numbered(1350)),  # page 1 was left almost empty, page 2 ran over the footer
    _rejection(numbered(6000), numbered(2000, "《中华人民共和国行政许可法》第三十二条")),
    _one_time((numbered(300, "须经村民小组会议讨论通过并签字"),)),  # gave 3 pages
    _one_time((numbered(500, "须经村民小组会议讨论通过并签字"),)),  # went 15 mm below the page
    _one_time((numbered(1800, "须经村民小组会议讨论通过并签字"),)),  # a lone table header
    _one_time(
        tuple(numbered(40 + 17 * i, f"第{i}项须加盖公章") for i in range(30)),
        numbered(2000, "《中华人民共和国土地管理法》第六十二条"),
    ),
    _one_time((numbered(200, "须签字"),), counter=LONG_CENTRE),
    _acceptance(150),
    _promise(numbered(2500, "标明功能区位置")),
    _handover(120),
]
HUGE_IDS = [d.name for d in HUGE]
HUGE_PAIRS = [(d, lay) for d in HUGE for lay in d.layouts]
HUGE_PAIR_IDS = [f"{d.name}-{lay}" for d, lay in HUGE_PAIRS]


class Documents:
    """The huge documents, rendered and checked once each, when a test first asks."""

    def __init__(self, renderer: DocumentRenderer) -> None:
        self.renderer = renderer
        self._pdf: dict[tuple[str, str], bytes] = {}
        self._checked: dict[tuple[str, str], Checked] = {}

    def pdf(self, doc: Huge, layout: Layout) -> bytes:
        key = doc.name, layout
        if key not in self._pdf:
            self._pdf[key] = doc.render(self.renderer, layout)
        return self._pdf[key]

    def checked(self, doc: Huge, layout: Layout) -> Checked:
        """The document after :func:`check_places` (which fails the asking test if it must)."""
        key = doc.name, layout
        if key not in self._checked:
            self._checked[key] = check_places(self.pdf(doc, layout), SPECS[layout], doc.title)
        return self._checked[key]


@pytest.fixture(scope="module")
def docs(renderer: DocumentRenderer) -> Documents:
    return Documents(renderer)


@pytest.mark.parametrize(("doc", "layout"), HUGE_PAIRS, ids=HUGE_PAIR_IDS)
def test_every_character_is_printed_inside_the_content_area(
    doc: Huge, layout: Layout, docs: Documents
) -> None:
    result = docs.checked(doc, layout)  # check_places found every glyph in its place
    text = result.text
    assert [missing_in_order(t, text) for t in doc.texts] == [""] * len(doc.texts)
    assert h.squash(doc.signature) in text


@pytest.mark.parametrize("doc", HUGE, ids=HUGE_IDS)
def test_a4_pages_are_filled_before_a_new_one_starts(doc: Huge, docs: Documents) -> None:
    result = docs.checked(doc, "a4")
    fills = [round(result.fill(n), 2) for n in range(len(result.pages))]
    assert all(f >= 0.6 for f in fills[:-1]), fills


@pytest.mark.parametrize("doc", HUGE, ids=HUGE_IDS)
def test_table_headers_are_never_alone_at_the_foot_of_a_page(doc: Huge, docs: Documents) -> None:
    result = docs.checked(doc, "a4")
    for n in range(len(result.pages)):
        lines = result.lines(n)
        for k, (_, text) in enumerate(lines):
            if text.startswith("序号"):
                assert k + 1 < len(lines), f"page {n + 1}: the header is the last line"


@pytest.mark.parametrize("doc", HUGE, ids=HUGE_IDS)
def test_the_sign_off_takes_lines_of_the_content_along(doc: Huge, docs: Documents) -> None:
    result = docs.checked(doc, "a4")
    signature = h.squash(doc.signature)
    pages = [
        n for n in range(len(result.pages)) if signature in "".join(t for _, t in result.lines(n))
    ]
    assert pages == [len(result.pages) - 1]
    lines = result.lines(pages[0])
    k = next(i for i, (_, t) in enumerate(lines) if t.startswith(signature))
    assert k >= 2, lines[: k + 1]  # two lines of the content at least above the signature


def test_a_long_table_row_goes_on_under_the_repeated_header(
    docs: Documents,
) -> None:
    doc = HUGE[4]  # one material with a note of 1,800 characters
    result = docs.checked(doc, "a4")
    note = h.squash(doc.texts[1])
    assert len(result.pages) >= 3
    for n in range(1, len(result.pages) - 1):  # the pages the row runs over
        lines = result.lines(n)
        assert lines[0][1].startswith("序号材料名称"), lines[0]
        assert lines[1][1] in note  # the note goes on, nothing but the note in that line
    first_page = result.lines(0)
    assert first_page[-1][1] in note  # page 1 is filled with the row's first lines
    assert result.fill(0) > 0.9


@pytest.mark.parametrize("layout", LAYOUTS)
def test_page_counts_stay_sensible(layout: Layout, docs: Documents) -> None:
    counts = {d.name: len(docs.checked(d, layout).pages) for d in HUGE if layout in d.layouts}
    if layout == "roll80":
        assert set(counts.values()) == {1}
        return
    assert counts[HUGE[0].name] == 2  # 1,350 characters: a page and a bit
    assert counts[HUGE[2].name] == 2  # the 300-character note: no more lone sign-off page


def test_reprint_mark_and_footer_stay_in_their_bands(renderer: DocumentRenderer) -> None:
    d = h.rejection(reason=numbered(3000), reprint=2, tracking_number=tracking(9))
    pdf = renderer.rejection_notice(d, "a4")
    result = check_places(pdf, A4, "不予受理通知书", reprint=2)
    assert len(result.pages) > 1
    assert missing_in_order(d.reason, result.text) == ""


def test_a_footer_too_long_for_its_line_is_cut_but_keeps_the_page_numbers(
    renderer: DocumentRenderer,
) -> None:
    rows = tuple(HandoverRow(tracking(200 + i), "高龄老人补贴申请", "王小明", 1) for i in range(60))
    batch = "HB" + "20250307" * 20
    pdf = renderer.handover_list(h.handover(rows=rows, batch_number=batch), "a4")
    result = check_places(pdf, A4, "代办件移交清单")
    assert len(result.pages) >= 2
    assert missing_in_order(batch, result.text) == ""  # whole in the fields


def test_the_roll_is_one_page_whose_height_fits_the_content(
    docs: Documents,
) -> None:
    short = h.page_size_mm(docs.pdf(HUGE[2], "roll80"))[1]
    long = h.page_size_mm(docs.pdf(HUGE[5], "roll80"))[1]
    assert 300 < short < long
    assert h.page_count(docs.pdf(HUGE[5], "roll80")) == 1


# --- the paginator alone ----------------------------------------------------


def _draw_nothing(*_: object) -> None:
    pass


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(min_value=1, max_value=60),
            st.booleans(),
            st.integers(min_value=0, max_value=3),
            st.booleans(),
        ),
        min_size=1,
        max_size=80,
    )
)
def test_pages_never_overflow_and_keep_every_item_in_order(
    specs: list[tuple[float, bool, int, bool]],
) -> None:
    avail = 100.0
    items = [
        Item(height, _draw_nothing, keep_with_next=keep, take_along=take, space=space)
        for height, keep, take, space in specs
    ]
    pages = _paginate(items, avail)
    placed = [it for page in pages for it in page.items]
    ids = [id(it) for it in placed]
    assert ids == [id(it) for it in items if id(it) in set(ids)]  # in order, none twice
    dropped = [it for it in items if id(it) not in set(ids)]
    assert all(it.space for it in dropped)  # only blank space is dropped (at a page's head)
    if all(it.space for it in items):
        assert len(pages) == 1
        return
    for page in pages:
        assert page.items
        assert sum(it.height for it in page.items) <= avail + 0.01
        assert not page.items[0].space
    for before in pages[:-1]:
        # A page ends with room for what comes next only when that goes with what follows it.
        k = next(i for i, it in enumerate(items) if it is before.items[-1]) + 1
        room = sum(it.height for it in before.items) + items[k].height <= avail
        linked = items[k].keep_with_next or any(it.take_along for it in items[k + 1 : k + 8])
        assert linked or not room


def test_a_table_row_split_by_a_page_break_starts_the_next_page_under_its_header() -> None:
    header = Item(10, _draw_nothing, keep_with_next=True)
    rows = [Item(10, _draw_nothing, repeat_header=header) for _ in range(15)]
    pages = _paginate([header, *rows], 100)
    assert [len(p.items) for p in pages] == [10, 7]
    assert pages[1].items[0] is header
