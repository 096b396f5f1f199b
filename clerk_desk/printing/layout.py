"""A small layout engine for the counter's documents, on a reportlab canvas.

Documents are built as a list of blocks (title, paragraph, label/value fields,
table, QR code, sign-off with seal area). Each block is laid out for a
:class:`PageSpec` into items of fixed height, which are paginated (A4) or
stacked onto one page whose height fits the content (80 mm roll).

Items are small: one line of text (of a paragraph, of a label/value row, of a
table row across its cells), a QR code with the lines beside it, a signature
line, the room for a seal. So any text, however long, is split line by line
across pages and nothing is ever drawn below the content area. Breaks are
chosen like a typesetter's: no single first or last line of a paragraph or a
table row on its own (rows of up to three lines stay whole), a section heading
and a table header go with the first lines after them, a table row that goes
on over a page break continues under the repeated header, and the closing
sign-off (signature, seal, date) takes the last lines before it along.

Text is drawn character run by character run with the font the
:class:`~clerk_desk.printing.fonts.FontSet` picks (per-character fallback),
and wrapped the Chinese way: a line may break between any two CJK characters,
runs of Latin letters and digits (numbers, URLs) stay whole where they fit, so
do dates (``2026年11月23日``) and counts (``第2次``), and closing punctuation
never starts a line (opening never ends one).
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from clerk_desk.errors import RuleViolation
from clerk_desk.printing.fonts import FontSet

__all__ = [
    "A4",
    "ROLL80",
    "Beside",
    "Block",
    "Column",
    "Fields",
    "Only",
    "PageSpec",
    "Para",
    "Party",
    "QrCode",
    "Rule",
    "SignOff",
    "Spacer",
    "Table",
    "Title",
    "printed_lines",
    "render_pdf",
    "wrap_text",
]

Align = Literal["left", "center", "right"]
SizeName = Literal["body", "small", "title", "heading", "mark"]


@dataclass(frozen=True)
class PageSpec:
    """Paper and type sizes of one layout (all lengths in points)."""

    name: str
    paper: str  # as named to the clerk: "A4", "80 mm"
    width: float
    height: float | None  # None: a roll, the page height is fitted to the content
    margin_x: float
    margin_top: float
    margin_bottom: float
    body: float
    small: float
    title: float
    heading: float
    mark: float  # the reprint mark
    leading: float  # line height as a multiple of the font size
    qr_size: float  # side of a small QR code; larger payloads grow it
    qr_module: float  # smallest module (dot) a reader or a thermal printer copes with
    seal_size: float  # room left for the office seal (a 42 mm round seal on A4)
    narrow: bool  # roll: tables become records, sign-off parties are stacked

    def size(self, name: SizeName) -> float:
        sizes: dict[str, float] = {
            "body": self.body,
            "small": self.small,
            "title": self.title,
            "heading": self.heading,
            "mark": self.mark,
        }
        return sizes[name]

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin_x


# A4 after GB/T 9704-2012 (党政机关公文格式): its type area 156 mm wide (centred:
# the documents are not bound, so the 28/26 mm of the standard become 27/27),
# the title in 二号 (22 pt) bold Song, the issuer in 三号 (16 pt). The head and
# foot margins (25/20 mm, the page numbers inside the foot one) are narrower than
# the standard's 37/35 mm and the body is 小四 (12 pt) rather than 三号: a
# receipt or a notice with its table then fits on one page with its seal.
A4 = PageSpec(
    name="a4",
    paper="A4",
    width=210 * mm,
    height=297 * mm,
    margin_x=27 * mm,
    margin_top=25 * mm,
    margin_bottom=20 * mm,
    body=12,
    small=10.5,
    title=22,
    heading=16,
    mark=13,
    leading=1.4,
    qr_size=30 * mm,
    qr_module=0.6 * mm,
    seal_size=36 * mm,  # a 42 mm seal presses on the name and date (GB/T 9704), over the margin
    narrow=False,
)

ROLL80 = PageSpec(
    name="roll80",
    paper="80 mm",
    width=80 * mm,
    height=None,
    margin_x=4 * mm,
    margin_top=4 * mm,
    margin_bottom=10 * mm,  # room for the cutter
    body=9,
    small=8,
    title=13,
    heading=10,
    mark=11,
    leading=1.45,
    qr_size=34 * mm,
    qr_module=0.5 * mm,  # 4 dots of a 203 dpi print head
    seal_size=36 * mm,
    narrow=True,
)

# The page footer's line starts this far under the type area (GB/T 9704: 7 mm).
FOOTER_GAP = 5 * mm

# Kinsoku (禁则): characters that must not start / end a line.
NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】〉…—·%,.;:?!)]}°℃")
NO_LINE_END = frozenset("（《「『“‘〔【〈([{¥￥")


# Line breaks in input text: \r\n, \r, \n and the other Unicode line
# boundaries (those of str.splitlines: \v, \f, U+001C-U+001E, U+0085, U+2028,
# U+2029). Any other whitespace (a tab, U+00A0, the en/em spaces ...) prints as
# a space; the ideographic space U+3000 stays itself (the FontSet draws it as a
# space where no font has it).
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_AS_SPACE = {
    code: " "
    for code in range(0x3000)  # U+3000 is the last whitespace character of Unicode
    if chr(code).isspace() and chr(code) != " " and not _LINE_BREAK.fullmatch(chr(code))
}
_AS_ONE_LINE = {**_AS_SPACE, **{ord(ch): " " for ch in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}}


def printed_lines(text: str) -> list[str]:
    """``text`` split at its line breaks, other whitespace made a plain space."""
    return _LINE_BREAK.split(text.translate(_AS_SPACE))


# Where a word too long for its line (a URL, a grouped number) is best broken: after these.
_WORD_BREAK_AFTER = "-/?&=,;"


def _is_word_char(ch: str) -> bool:
    """Latin letters, digits and URL punctuation: kept together when wrapping."""
    return ch.isascii() and not ch.isspace() and ch not in "()[]{}"


# Runs read as one thing, kept on one line where they fit: a date in Chinese
# (2026年11月23日, 2026年11月, 11月23日) and a count (第2次, 第十二次). A reader
# must never take "2026年11" on one line and "月23日" on the next for two things.
_UNBREAKABLE = re.compile(
    r"[0-9]{1,4}年[0-9]{1,2}月(?:[0-9]{1,2}日)?"
    r"|[0-9]{1,2}月[0-9]{1,2}日"
    r"|第(?:[0-9]+|[一二三四五六七八九十百]+)次"
)


def _tokens(text: str) -> Iterator[str]:
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        j = i + 1
        run = _UNBREAKABLE.match(text, i) if ch.isdigit() or ch == "第" else None
        if run is not None:
            j = run.end()
        elif _is_word_char(ch):
            while j < n and _is_word_char(text[j]):
                j += 1
        elif ch == " ":
            while j < n and text[j] == " ":
                j += 1
        yield text[i:j]
        i = j


def wrap_text(
    fonts: FontSet, text: str, size: float, width: float, first_indent: float = 0.0
) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (first line: ``width - first_indent``).

    A line break (``\\n``, ``\\r\\n``, ``\\r`` ...) forces a break; a tab or
    other whitespace is a space (:func:`printed_lines`). CJK text breaks
    between any two characters; a closing punctuation mark is kept with the
    character before it.
    """
    lines: list[str] = []
    for para in printed_lines(text):
        lines.extend(_wrap_para(fonts, para, size, width, first_indent if not lines else 0.0))
    return lines


def _wrap_para(fonts: FontSet, text: str, size: float, width: float, indent: float) -> list[str]:
    lines: list[str] = []
    cur: list[str] = []
    cur_w = 0.0
    avail = width - indent

    def flush() -> None:
        nonlocal cur, cur_w, avail
        while cur and cur[-1].isspace():
            cur.pop()
        lines.append("".join(cur))
        cur, cur_w, avail = [], 0.0, width

    pending = list(_tokens(text))
    pending.reverse()
    while pending:
        tok = pending.pop()
        if not cur and tok.isspace() and lines:
            continue  # no spaces at the start of a continuation line
        w = fonts.string_width(tok, size)
        if cur_w + w <= avail + 0.01:
            cur.append(tok)
            cur_w += w
            continue
        if tok.isspace():
            flush()
            continue
        if w > avail:
            # A word wider than the line (a long URL): split it by characters.
            head = ""
            for ch in tok:
                cw = fonts.char_width(ch, size)
                if cur_w + cw > avail + 0.01 and (cur or head):
                    break
                head += ch
                cur_w += cw
            if len(head) < len(tok):
                # Break after a separator in the second half of the line if there
                # is one ("K7QM-499-" / "225-2"): a grouped number or a URL is
                # then not cut inside a group.
                cut = max(head.rfind(sep) for sep in _WORD_BREAK_AFTER) + 1
                if 2 * cut >= len(head) and head[:cut].strip(_WORD_BREAK_AFTER):
                    head = head[:cut]
            if head:
                cur.append(head)
            pending.append(tok[len(head) :])
            flush()
            continue
        carry: list[str] = []
        # Kinsoku: pull the last character down with a closing mark, and do
        # not leave an opening mark at the end of the line.
        if tok[0] in NO_LINE_START and len(cur) > 1 and cur[-1][-1] not in NO_LINE_START:
            carry.insert(0, cur.pop())
        while len(cur) > 1 and cur[-1][-1] in NO_LINE_END:
            carry.insert(0, cur.pop())
        flush()
        pending.append(tok)
        pending.extend(reversed(carry))
    if cur or not lines:
        flush()
    return lines


DrawFn = Callable[[Canvas, float, float], None]
# Draws lines ``start`` to ``end`` (exclusive) of a multi-line row at (left x, top y).
SpanFn = Callable[[Canvas, float, float, int, int], None]


@dataclass
class Item:
    """A laid-out slice of a block: fixed height, drawn at (left x, top y).

    Items are at most a few lines high (a QR code with the lines beside it, the
    room for a seal), so every one fits on a page and a page break can fall
    between any two that are not kept together.
    """

    height: float
    draw: DrawFn
    keep_with_next: bool = False  # no page break after this item
    take_along: int = 0  # lines (non-blank items) before it that go to its page with it
    repeat_header: Item | None = None  # table header to repeat when this row starts a page
    space: bool = False  # blank space only: dropped at the head of a page
    # Line ``line`` of a row whose lines on one page are drawn by one call of
    # ``span``, cell after cell: the text of a cell stays in reading order in
    # the PDF (text extraction, search, copy) and the row is framed once.
    span: SpanFn | None = None
    line: int = 0


def _row_items(heights: Sequence[float], span: SpanFn) -> list[Item]:
    """The items of a row of ``len(heights)`` lines drawn by ``span``."""

    def line_drawer(i: int) -> DrawFn:
        return lambda c, x, y: span(c, x, y, i, i + 1)

    return [Item(h, line_drawer(i), span=span, line=i) for i, h in enumerate(heights)]


def _draw_items(c: Canvas, x: float, y: float, items: Sequence[Item]) -> float:
    """Draw ``items`` one under the other from ``y``; returns the y under the last."""
    k = 0
    while k < len(items):
        it = items[k]
        m = k + 1
        while it.span is not None and m < len(items) and items[m].span is it.span:
            m += 1
        if it.span is None:
            it.draw(c, x, y)
        else:
            it.span(c, x, y, it.line, items[m - 1].line + 1)
        y -= sum(items[j].height for j in range(k, m))
        k = m
    return y


class Ctx:
    """Layout context: fonts, page spec and text drawing helpers."""

    def __init__(self, fonts: FontSet, spec: PageSpec) -> None:
        self.fonts = fonts
        self.spec = spec

    def line_height(self, size: float) -> float:
        return size * self.spec.leading

    @property
    def footer_height(self) -> float:
        """Room for the page footer under the content: none, it sits in the foot margin.

        (GB/T 9704: the page numbers 7 mm under the type area; the roll has none.)
        """
        return 0.0

    @property
    def body_height(self) -> float | None:
        """Height of a page's content area; ``None`` on the roll (its page fits the content)."""
        spec = self.spec
        if spec.height is None:
            return None
        return spec.height - spec.margin_top - spec.margin_bottom - self.footer_height

    def width(self, text: str, size: float) -> float:
        return self.fonts.string_width(text, size)

    def wrap(self, text: str, size: float, width: float, first_indent: float = 0.0) -> list[str]:
        return wrap_text(self.fonts, text, size, width, first_indent)

    def draw_text(
        self,
        c: Canvas,
        x: float,
        y_top: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        align: Align = "left",
        width: float = 0.0,
    ) -> None:
        """Draw one line whose line box starts at ``y_top`` (line breaks in it print as spaces)."""
        text = text.translate(_AS_ONE_LINE)
        if not text:
            return
        lh = self.line_height(size)
        baseline = y_top - (lh - size) / 2 - size * 0.86
        if align != "left":
            tw = self.width(text, size)
            x += (width - tw) / 2 if align == "center" else width - tw
        c.saveState()
        t = c.beginText(x, baseline)
        if bold:
            # No bold CJK face on most machines: fill and stroke the outline.
            c.setLineWidth(size * 0.035)
            t.setTextRenderMode(2)
        for src, run in self.fonts.runs(text):
            t.setFont(self.fonts.reportlab_font(src), size)
            t.textOut(run)
        c.drawText(t)
        c.restoreState()


class Block:
    """Something a document is made of. Subclasses lay themselves out into items."""

    def texts(self) -> Iterator[str]:
        """Every string the block will draw (for the printability check)."""
        return iter(())

    def layout(self, ctx: Ctx, width: float) -> list[Item]:
        raise NotImplementedError


def _keep_lines_together(items: Sequence[Item]) -> None:
    """No lone first line at the foot of a page, nor a lone last line at the head of one.

    Two lines at least on either side of a break: up to three lines stay whole.
    """
    if len(items) > 1:
        items[0].keep_with_next = True
        items[-2].keep_with_next = True


def _text_lines_items(
    ctx: Ctx,
    lines: Sequence[str],
    size: float,
    *,
    x_offset: float = 0.0,
    first_x_offset: float | None = None,
    bold: bool = False,
    align: Align = "left",
    width: float = 0.0,
) -> list[Item]:
    lh = ctx.line_height(size)
    items: list[Item] = []
    for i, line in enumerate(lines):
        dx = first_x_offset if (i == 0 and first_x_offset is not None) else x_offset

        def draw(c: Canvas, x: float, y: float, line: str = line, dx: float = dx) -> None:
            ctx.draw_text(c, x + dx, y, line, size, bold=bold, align=align, width=width - dx)

        items.append(Item(lh, draw))
    return items


@dataclass(frozen=True)
class Spacer(Block):
    lines: float = 0.5  # in body line heights

    def layout(self, ctx: Ctx, width: float) -> list[Item]:
        return [Item(ctx.line_height(ctx.spec.body) * self.lines, _draw_nothing, space=True)]


def _draw_nothing(c: Canvas, x: float, y: float) -> None:
    pass


@dataclass(frozen=True)
class Rule(Block):
    """A horizontal line (dashed on the roll, like a receipt)."""

    def layout(self, ctx: Ctx, width: float) -> list[Item]:
        h = ctx.line_height(ctx.spec.body) * 0.6

        def draw(c: Canvas, x: float, y: float) -> None:
            c.saveState()
            c.setLineWidth(0.6)
            if ctx.spec.narrow:
                c.setDash([2, 2])
            c.line(x, y - h / 2, x + width, y - h / 2)
            c.restoreState()

        return [Item(h, draw)]


@dataclass(frozen=True)
class Title(Block):
    text: str
    size: SizeName = "title"
    bold: bool = True
    space_after: float = 0.4  # in own line heights

    def texts(self) -> Iterator[str]:
        yield self.text

    def layout(self, ctx: Ctx, width: float) -> list[Item]:
        size = ctx.spec.size(self.size)
        lines = ctx.wrap(self.text, size, width)
        items = _text_lines_items(ctx, lines, size, bold=self.bold, align="center", width=width)
        items[-1].height += ctx.line_height(size) * self.space_after
        for it in items:
            it.keep_with_next = True
        return items


@dataclass(frozen=True)
class Para(Block):
    text: str
    size: SizeName = "body"
    indent: bool = False  # first-line indent of two characters
    align: Align = "left"
    bold: bool = False
    hanging: str = ""  # a prefix ("1. ") after which continuation lines are indented
    run_in: bool = False  # with ``hanging``: continuation lines use the full width
    keep_with_next: bool = False

    def texts(self) -> Iterator[str]:
        yield self.hanging + self.text

    def layout(self, ctx: Ctx, width: float) -> list[Item]:
        size = ctx.spec.size(self.size)
        if self.hanging:
            hw = ctx.width(self.hanging, size)
            if self.run_in:
                lines = ctx.wrap(self.text, size, width, first_indent=hw)
                hw_rest = 0.0
            else:
                lines = ctx.wrap(self.text, size, width - hw)
                hw_rest = hw
            lines[0] = self.hanging + lines[0]
            items = _text_lines_items(
                ctx, lines, size, x_offset=hw_rest, first_x_offset=0.0, bold=self.bold, width=width
            )
        else:
            indent = 2 * size if self.indent else 0.0
            lines = ctx.wrap(self.text, size, width, first_indent=indent)
            items = _text_lines_items(
                ctx,
                lines,
                size,
                first_x_offset=indent,
                bold=self.bold,
                align=self.align,
                width=width,
            )
        _keep_lines_together(items)
        if self.keep_with_next:
            items[-1].keep_with_next = True
        return items


@dataclass(frozen=True)
class Fields(Block):
    """Label/value rows; values wrap under themselves, not under the label."""

    rows: tuple[tuple[str, str], ...]
    size: SizeName = "body"
    columns: int = 1  # A4 may set 2 short rows side by side (ignored on the roll)
    min_label_em: float = 7.0  # label column width, so consecutive blocks line up

    def texts(self) -> Iterator[str]:
        for label, value in self.rows:
            yield f"{label}：{value}"

    def layout(self, ctx: Ctx, width: float) -> list[Item]:
        size = ctx.spec.size(self.size)
        cols = 1 if ctx.spec.narrow else max(1, self.columns)
        col_w = width / cols
        narrow_min = 5.0 if (cols > 1 or ctx.spec.narrow) else self.min_label_em
        min_em = min(self.min_label_em, narrow_min)
        label_w = max(max(ctx.width(label + "：", size) for label, _ in self.rows), min_em * size)
        label_w = min(label_w, col_w * 0.5)
        lh = ctx.line_height(size)
        items: list[Item] = []
        for start in range(0, len(self.rows), cols):
            group = self.rows[start : start + cols]
            cells = [
                (label, ctx.wrap(value, size, col_w - label_w - (size if cols > 1 else 0)))
                for label, value in group
            ]
            if cols == 1 and ctx.spec.narrow and len(cells[0][1]) > 2:
                # A long value in the roll's narrow value column: run it in after
                # the label and let it use the full width.
                label, value = group[0]
                items.extend(
                    Para(value, self.size, hanging=label + "：", run_in=True).layout(ctx, width)
                )
                continue

            # One item per line of the row: a long value goes on over a page break.
            def span(
                c: Canvas,
                x: float,
                y: float,
                start: int,
                end: int,
                cells: list[tuple[str, list[str]]] = cells,
            ) -> None:
                for k, (label, lines) in enumerate(cells):
                    cx = x + k * col_w
                    if start == 0:
                        ctx.draw_text(c, cx, y, label + "：", size)
                    for i in range(start, min(end, len(lines))):
                        ctx.draw_text(c, cx + label_w, y - (i - start) * lh, lines[i], size)

            row = _row_items([lh] * max(len(lines) for _, lines in cells), span)
            _keep_lines_together(row)
            items.extend(row)
        return items


@dataclass(frozen=True)
class Column:
    title: str
    weight: float = 1.0
    align: Align = "left"
    unit: str = ""  # appended to the value in records ("份")
    own_line: bool = False  # in records: a line of its own (long text), not run in


@dataclass(frozen=True)
class Table(Block):
    """A grid on A4; on the roll, one record per row ("1. name" then "label:value ...")."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    size: SizeName = "body"
    numbered: bool = True  # a leading 序号 column

    def texts(self) -> Iterator[str]:
        for col in self.columns:
            yield col.title + col.unit
        for row in self.rows:
            yield from row
        yield "—"
        if self.numbered:
            yield "序号" + "".join(f"{i}." for i in range(1, len(self.rows) + 1))

    def layout(self, ctx: Ctx, width: float) -> list[Item]:
        if ctx.spec.narrow:
            return self._records(ctx, width)
        return self._grid(ctx, width)

    def _records(self, ctx: Ctx, width: float) -> list[Item]:
        size = ctx.spec.size(self.size)
        items: list[Item] = []
        for i, row in enumerate(self.rows, start=1):
            head = f"{i}. " if self.numbered else ""
            items.extend(
                Para(row[0], self.size, hanging=head, keep_with_next=True).layout(ctx, width)
            )
            pairs = [
                (col, f"{col.title}：{value}{col.unit}")
                for col, value in zip(self.columns[1:], row[1:], strict=True)
                if value
            ]
            run_in = "　".join(text for col, text in pairs if not col.own_line)
            own = [text for col, text in pairs if col.own_line]
            indent = ctx.width(head, size) if head else size
            for text in ([run_in] if run_in else []) + own:
                lines = ctx.wrap(text, size, width - indent)
                items.extend(_text_lines_items(ctx, lines, size, x_offset=indent, width=width))
            items[-1].keep_with_next = False
            items[-1].height += size * 0.3
        return items

    def _grid(self, ctx: Ctx, width: float) -> list[Item]:
        size = ctx.spec.size(self.size)
        lh = ctx.line_height(size)
        pad = size * 0.35
        columns = list(self.columns)
        if self.numbered:
            columns.insert(0, Column("序号", 0, "center"))
        num_w = ctx.width("序号", size) + 2 * pad + size * 0.4 if self.numbered else 0.0
        total_weight = sum(c.weight for c in self.columns)
        widths = [
            num_w if (self.numbered and k == 0) else (width - num_w) * col.weight / total_weight
            for k, col in enumerate(columns)
        ]
        edges = [sum(widths[:k]) for k in range(len(widths) + 1)]  # cell borders from x

        def wrap_cells(cells: Sequence[str], header: bool) -> list[list[str]]:
            return [
                ctx.wrap(text or ("" if header else "—"), size, w - 2 * pad)
                for text, w in zip(cells, widths, strict=True)
            ]

        def draw_cells(
            c: Canvas, x: float, y: float, lines: list[list[str]], start: int, end: int
        ) -> None:
            """Lines ``start`` to ``end`` of every cell, cell after cell, from ``y``."""
            header = lines is header_lines
            for k, (cell, col) in enumerate(zip(lines, columns, strict=True)):
                for i in range(start, min(end, len(cell))):
                    ctx.draw_text(
                        c,
                        x + edges[k] + pad,
                        y - (i - start) * lh,
                        cell[i],
                        size,
                        align="center" if header else col.align,
                        width=widths[k] - 2 * pad,
                        bold=header,
                    )

        header_lines = wrap_cells([c.title for c in columns], header=True)
        header_h = max(len(cell) for cell in header_lines) * lh + 2 * pad * 0.6

        def draw_header(c: Canvas, x: float, y: float) -> None:
            c.saveState()
            c.setLineWidth(0.6)
            c.setFillGray(0.9)
            c.rect(x, y - header_h, width, header_h, stroke=0, fill=1)
            c.setFillGray(0)
            for edge in edges[1:-1]:
                c.line(x + edge, y, x + edge, y - header_h)
            c.rect(x, y - header_h, width, header_h, stroke=1, fill=0)
            c.restoreState()
            draw_cells(c, x, y - pad * 0.6, header_lines, 0, max(map(len, header_lines)))

        header = Item(header_h, draw_header, keep_with_next=True)

        def row_items(cells: Sequence[str]) -> list[Item]:
            """One item per line across the row's cells, the padding on the first and last.

            The lines of the row on one page are framed and drawn together; a
            row broken by a page is closed at the foot of the page and goes on
            under the repeated header.
            """
            lines = wrap_cells(cells, header=False)
            n = max(len(cell) for cell in lines)
            heights = [lh] * n
            heights[0] += pad * 0.6
            heights[-1] += pad * 0.6

            def span(c: Canvas, x: float, y: float, start: int, end: int) -> None:
                h = sum(heights[start:end])
                c.saveState()
                c.setLineWidth(0.6)
                for edge in edges[1:-1]:
                    c.line(x + edge, y, x + edge, y - h)
                c.rect(x, y - h, width, h, stroke=1, fill=0)
                c.restoreState()
                draw_cells(c, x, y - (pad * 0.6 if start == 0 else 0.0), lines, start, end)

            items = _row_items(heights, span)
            for it in items:
                it.repeat_header = header
            _keep_lines_together(items)
            return items

        items = [header]
        for i, row in enumerate(self.rows, start=1):
            items.extend(row_items([str(i), *row] if self.numbered else list(row)))
        return items


_QR_LEVELS = ("M", "L")  # error correction: M (15 %) unless only L keeps the modules big enough


@functools.lru_cache(maxsize=16)
def _qr_matrix(payload: str, level: str) -> tuple[tuple[bool, ...], ...] | None:
    """The module matrix of ``payload`` (None if too long for any QR version).

    Cached: building a large code (trying all eight masks) is the slowest part
    of a handover list, and verifying or reprinting a document builds it again.
    The masks are tried by :class:`~clerk_desk.printing.qr_masks.FastMaskQRCode`:
    qrcode's own choice, made several times faster.
    """
    from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M
    from qrcode.exceptions import DataOverflowError

    from clerk_desk.printing.qr_masks import FastMaskQRCode

    qr = FastMaskQRCode(
        error_correction=ERROR_CORRECT_M if level == "M" else ERROR_CORRECT_L, border=0
    )
    qr.add_data(payload)
    try:
        qr.make(fit=True)
    except (DataOverflowError, ValueError):  # ValueError: beyond version 40
        return None
    return tuple(tuple(bool(m) for m in row) for row in qr.get_matrix())


@dataclass(frozen=True)
class QrCode(Block):
    """A QR code, centred, with caption lines under it."""

    payload: str
    captions: tuple[str, ...] = ()

    def texts(self) -> Iterator[str]:
        yield from self.captions

    def geometry(
        self, ctx: Ctx, max_side: float
    ) -> tuple[tuple[tuple[bool, ...], ...], float, float]:
        """The module matrix, the symbol's side and its quiet zone (4 modules).

        The side is at least the layout's small size and grows so that no
        module is smaller than the layout's minimum, up to ``max_side``; a code
        that would need more takes the lower error correction level, and one
        that cannot be printed readably at all is refused.
        """
        spec = ctx.spec
        for level in _QR_LEVELS:
            matrix = _qr_matrix(self.payload, level)
            if matrix is None:
                continue
            need = len(matrix) * spec.qr_module
            if need <= max_side + 0.01:
                side = max(min(spec.qr_size, max_side), need)
                return matrix, side, 4 * side / len(matrix)
        raise RuleViolation(
            "the QR code ({length} characters) is too large to print readably on {paper} paper; "
            "print it on A4 or make the list shorter",
            length=len(self.payload),
            paper=spec.paper,
        )

    def layout(self, ctx: Ctx, width: float) -> list[Item]:
        matrix, side, quiet = self.geometry(ctx, width)
        size = ctx.spec.small
        gap = quiet * 0.6

        def draw(c: Canvas, x: float, y: float) -> None:
            _draw_qr(c, matrix, x + (width - side) / 2, y - quiet, side)

        cap_lines = [ln for cap in self.captions for ln in ctx.wrap(cap, size, width)]
        items = [Item(quiet + side + gap, draw)]
        items += _text_lines_items(ctx, cap_lines, size, align="center", width=width)
        for it in items[:-1]:
            it.keep_with_next = True  # the captions stay with the code
        items[-1].height += ctx.line_height(size) * 0.3
        return items


@dataclass(frozen=True)
class Beside(Block):
    """Wide layouts: ``main`` on the left, the QR code with its captions under it on the right.

    A code too big to sit beside ``main`` goes under it. Narrow layouts (the
    roll) show ``main`` alone: put the QR code further down with
    ``Only(QrCode(...), narrow=True)``. ``main`` should be text (fields,
    paragraphs), not a table.
    """

    main: Block
    qr: QrCode

    def texts(self) -> Iterator[str]:
        yield from self.main.texts()
        yield from self.qr.texts()

    def layout(self, ctx: Ctx, width: float) -> list[Item]:
        if ctx.spec.narrow:
            return self.main.layout(ctx, width)
        matrix, side, quiet = self.qr.geometry(ctx, width)
        size = ctx.spec.small
        lh = ctx.line_height(size)
        caption_w = max((ctx.width(cap, size) for cap in self.qr.captions), default=0.0)
        col_w = max(side + 2 * quiet, min(caption_w + size, width * 0.3))
        if col_w > width * 0.45:
            return [*self.main.layout(ctx, width), *self.qr.layout(ctx, width)]
        items = self.main.layout(ctx, width - col_w)
        cap_lines = [ln for cap in self.qr.captions for ln in ctx.wrap(cap, size, col_w)]
        qr_h = side + quiet * 0.5 + len(cap_lines) * lh
        # The lines beside the code are drawn by one item, so that no page break
        # falls beside the code; the lines after them follow as they are.
        k, beside_h = 0, 0.0
        while k < len(items) and beside_h < qr_h:
            beside_h += items[k].height
            k += 1
        head, rest = items[:k], items[k:]

        def draw(c: Canvas, x: float, y: float) -> None:
            _draw_items(c, x, y, head)
            qx = x + width - col_w
            _draw_qr(c, matrix, qx + (col_w - side) / 2, y, side)
            for i, line in enumerate(cap_lines):
                ctx.draw_text(
                    c,
                    qx,
                    y - side - quiet * 0.5 - i * lh,
                    line,
                    size,
                    align="center",
                    width=col_w,
                )

        first = Item(
            max(beside_h, qr_h),
            draw,
            keep_with_next=bool(head) and head[-1].keep_with_next,
            take_along=head[0].take_along if head else 0,
        )
        out = [first, *rest]
        out[-1].height += quiet * 0.5
        return out


@dataclass(frozen=True)
class Only(Block):
    """``block`` on narrow layouts only (``narrow=True``) or on wide ones only."""

    block: Block
    narrow: bool

    def texts(self) -> Iterator[str]:
        return self.block.texts()

    def layout(self, ctx: Ctx, width: float) -> list[Item]:
        return self.block.layout(ctx, width) if ctx.spec.narrow == self.narrow else []


def _draw_qr(
    c: Canvas, matrix: Sequence[Sequence[bool]], x: float, y_top: float, side: float
) -> None:
    """Draw the modules as one filled path (no seams between neighbouring modules).

    The path is written in module units under a scaling transformation: one
    ``re`` operator per run of dark modules in a row, with integer operands.
    """
    n = len(matrix)
    m = side / n
    ops: list[str] = []
    for r, row in enumerate(matrix):
        col = 0
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                ops.append(f"{start} {r} {col - start} 1 re")
            else:
                col += 1
    c.saveState()
    c.setFillGray(0)
    c.transform(m, 0, 0, -m, x, y_top)  # module units, rows downwards from the top edge
    if ops:
        c.addLiteral("\n".join(ops) + "\nf")
    c.restoreState()


@dataclass(frozen=True)
class Party:
    """One side of a sign-off: signature lines and/or the office seal."""

    signatures: tuple[str, ...] = ()  # labels: "申请人签收"
    seal_org: str = ""  # office whose seal goes here
    seal_date: str = ""


# Lines of the content before it that the sign-off takes along to its page.
SIGN_OFF_TAKES_ALONG = 2


@dataclass(frozen=True)
class SignOff(Block):
    """Signature-and-date lines and room for the seal, kept together on one page.

    The sign-off takes the last lines before it along to its page
    (:data:`SIGN_OFF_TAKES_ALONG`): it is never alone on a page.
    """

    parties: tuple[Party, ...]

    def texts(self) -> Iterator[str]:
        for p in self.parties:
            for s in p.signatures:
                yield f"{s}：日期：年月日"
            if p.seal_org:
                yield f"{p.seal_org}（盖章）{p.seal_date}"

    def _party_parts(self, ctx: Ctx, party: Party, width: float) -> list[tuple[float, DrawFn]]:
        spec = ctx.spec
        size = spec.body
        lh = ctx.line_height(size)
        gap = lh * 0.9  # room to write above each line
        blank = "_" * 2
        parts: list[tuple[float, DrawFn]] = []
        for label in party.signatures:
            text = f"{label}："
            parts.append((gap + lh, _signature_drawer(ctx, text, size, width, gap)))
            date_line = f"日期：{blank * 3}年{blank}月{blank}日"
            parts.append((lh * 1.3, _line_drawer(ctx, date_line, size, "left", width)))
        if party.seal_org:
            seal_lines = [
                *ctx.wrap(party.seal_org, size, width),
                "（盖章）",
                *([party.seal_date] if party.seal_date else []),
            ]
            text_h = len(seal_lines) * lh
            if text_h <= spec.seal_size:
                box_h = spec.seal_size

                def draw_seal(c: Canvas, x: float, y: float) -> None:
                    top = y - (box_h - text_h) / 2
                    for i, line in enumerate(seal_lines):
                        ctx.draw_text(c, x, top - i * lh, line, size, align="center", width=width)

                parts.append((box_h, draw_seal))
            else:  # a long office name: the seal finds room on its lines
                parts += [
                    (lh, _line_drawer(ctx, line, size, "center", width)) for line in seal_lines
                ]
        return parts

    def layout(self, ctx: Ctx, width: float) -> list[Item]:
        lh = ctx.line_height(ctx.spec.body)
        if not ctx.spec.narrow and len(self.parties) > 1:
            gutter = 8 * mm
            col_w = (width - gutter * (len(self.parties) - 1)) / len(self.parties)
            laid = [self._party_parts(ctx, p, col_w) for p in self.parties]
            h = max(sum(ph for ph, _ in parts) for parts in laid)
            body = ctx.body_height
            if body is None or h <= body / 2:

                def draw(c: Canvas, x: float, y: float) -> None:
                    for k, parts in enumerate(laid):
                        y_part = y
                        for ph, fn in parts:
                            fn(c, x + k * (col_w + gutter), y_part)
                            y_part -= ph

                return [Item(h, draw, take_along=SIGN_OFF_TAKES_ALONG)]
        # The parties one under the other (the roll, one party, or parties too
        # tall to sit side by side): each part an item, all kept together.
        items: list[Item] = []
        for party in self.parties:
            parts = [
                Item(ph, fn, keep_with_next=True) for ph, fn in self._party_parts(ctx, party, width)
            ]
            if parts:
                parts[-1].height += lh * 0.3
            items += parts
        if not items:
            return []
        items[-1].keep_with_next = False
        items[0].take_along = SIGN_OFF_TAKES_ALONG
        return items


def _line_drawer(ctx: Ctx, text: str, size: float, align: Align, width: float) -> DrawFn:
    def draw(c: Canvas, x: float, y: float) -> None:
        ctx.draw_text(c, x, y, text, size, align=align, width=width)

    return draw


def _signature_drawer(ctx: Ctx, label: str, size: float, width: float, gap: float) -> DrawFn:
    """``label:`` followed by a rule to sign on, with writing room above."""

    def draw(c: Canvas, x: float, y: float) -> None:
        y_line = y - gap
        ctx.draw_text(c, x, y_line, label, size)
        lw = ctx.width(label, size)
        baseline = y_line - (ctx.line_height(size) - size) / 2 - size * 0.86
        c.saveState()
        c.setLineWidth(0.6)
        c.line(x + lw + 2, baseline - 2, x + min(width, lw + 60 * mm), baseline - 2)
        c.restoreState()

    return draw


@dataclass(frozen=True)
class DocumentMeta:
    """What goes into the PDF's info dictionary and page decorations."""

    title: str
    subject: str
    author: str
    created_on: date
    reprint: int = 0
    footer: str = ""  # printed at the foot of every A4 page with the page number
    id_seed: str = ""  # a stable digest of the input, for the PDF /ID

    @property
    def reprint_mark(self) -> str:
        return f"补打（第{self.reprint}次）" if self.reprint > 0 else ""


@dataclass
class _Page:
    items: list[Item] = field(default_factory=list)
    used: float = 0.0


def _paginate(items: Sequence[Item], avail: float) -> list[_Page]:
    """Fill pages of content height ``avail``, breaking only where items allow it.

    Items kept together (``keep_with_next``, ``take_along``) move to a new
    page as a group when they do not fit on this one but fit on a page; a
    group taller than a page is broken where the page is full. Every item is
    smaller than a page, so nothing ever goes below the content area.
    """
    n = len(items)
    kept = [it.keep_with_next for it in items]  # kept[j]: no break between j and j + 1
    for s, it in enumerate(items):
        taken, k = 0, s - 1
        while taken < it.take_along and k >= 0:
            kept[k] = True
            taken += 0 if items[k].space else 1
            k -= 1
    pages = [_Page()]

    def new_page(header: Item | None) -> _Page:
        page = _Page()
        if header is not None:
            page.items.append(header)
            page.used += header.height
        pages.append(page)
        return page

    def place(item: Item) -> None:
        page = pages[-1]
        if page.items and page.used + item.height > avail + 0.01:
            page = new_page(item.repeat_header)
        if item.space and not page.items:
            return  # no blank space at the head of a page
        page.items.append(item)
        page.used += item.height

    i = 0
    while i < n:
        j = i
        while j + 1 < n and kept[j]:
            j += 1
        group = items[i : j + 1]
        group_h = sum(it.height for it in group)
        header = group[0].repeat_header
        fresh_h = group_h + (header.height if header is not None else 0.0)
        page = pages[-1]
        if page.items and page.used + group_h > avail + 0.01 and fresh_h <= avail + 0.01:
            new_page(header)
        for it in group:
            place(it)
        i = j + 1
    return [page for page in pages if page.items] or pages[:1]  # no page of blank space only


def _pdf_date(d: date) -> str:
    # China Standard Time; the time of day is not part of the input.
    return f"D:{d.year:04d}{d.month:02d}{d.day:02d}000000+08'00'"


_ELLIPSIS = "…"


def check_blocks_printable(fonts: FontSet, blocks: Sequence[Block], meta: DocumentMeta) -> None:
    """Refuse (RuleViolation) if any text of the blocks has a character no font can print."""
    texts = [t for b in blocks for t in b.texts()]
    texts += [meta.reprint_mark, meta.footer, "第页共", _ELLIPSIS]
    fonts.check_printable({"document text": "".join(texts)})


def _footer_line(ctx: Ctx, footer: str, n: int, total: int, width: float) -> str:
    """The page footer; a footer too long for one line is cut (the page numbers never)."""
    numbers = f"第{n}页 共{total}页"
    line = f"{footer}  {numbers}".strip()
    size = ctx.spec.small
    if ctx.width(line, size) <= width:
        return line
    room = width - ctx.width(f"{_ELLIPSIS}  {numbers}", size)
    kept = ""
    for ch in footer.translate(_AS_ONE_LINE):
        room -= ctx.fonts.char_width(ch, size)
        if room < 0:
            break
        kept += ch
    return f"{kept}{_ELLIPSIS}  {numbers}"


def render_pdf(
    fonts: FontSet, spec: PageSpec, blocks: Sequence[Block], meta: DocumentMeta
) -> bytes:
    """Lay out and draw ``blocks``; returns reproducible PDF bytes."""
    ctx = Ctx(fonts, spec)
    width = spec.content_width
    mark_items: list[Item] = []
    if meta.reprint and spec.narrow:
        mark_items = _reprint_box_items(ctx, meta.reprint_mark, width)
    items = mark_items + [it for b in blocks for it in b.layout(ctx, width)]

    body = ctx.body_height
    if spec.height is None or body is None:
        page_h = spec.margin_top + sum(it.height for it in items) + spec.margin_bottom
        pages = [_Page(items, 0.0)]
    else:
        page_h = spec.height
        pages = _paginate(items, body)

    buf = io.BytesIO()
    # Start with a CJK font, so no unembedded standard font (Helvetica) is referenced.
    initial_font = fonts.reportlab_font(fonts.runs(meta.title)[0][0])
    c = Canvas(
        buf,
        pagesize=(spec.width, page_h),
        invariant=1,
        pageCompression=1,
        initialFontName=initial_font,  # type: ignore[arg-type]  # the stubs say float
        initialFontSize=spec.body,
    )
    _make_reproducible(c, meta)
    for n, page in enumerate(pages, start=1):
        _draw_items(c, spec.margin_x, page_h - spec.margin_top, page.items)
        if spec.height is not None:
            if meta.reprint:
                _draw_reprint_box(ctx, c, meta.reprint_mark, page_h)
            if len(pages) > 1:
                ctx.draw_text(
                    c,
                    spec.margin_x,
                    spec.margin_bottom - FOOTER_GAP,
                    _footer_line(ctx, meta.footer, n, len(pages), width),
                    spec.small,
                    align="center",
                    width=width,
                )
        c.showPage()
    c.save()
    return buf.getvalue()


def _make_reproducible(c: Canvas, meta: DocumentMeta) -> None:
    c.setTitle(meta.title)
    c.setSubject(meta.subject)
    c.setAuthor(meta.author)
    c.setCreator("ClerkDesk")
    stamp = _pdf_date(meta.created_on)
    c.setDateFormatter(lambda *_args: stamp)
    # reportlab seeds the document /ID with its timestamp, which the
    # SOURCE_DATE_EPOCH variable changes even in invariant mode: seed it from
    # the input instead, so the bytes depend on the input alone.
    doc = c._doc  # type: ignore[attr-defined]  # reportlab's PDFDocument, not in the stubs
    doc.signature = hashlib.md5(
        f"clerk_desk {meta.id_seed} {stamp}".encode(), usedforsecurity=False
    )


def _reprint_box_items(ctx: Ctx, mark: str, width: float) -> list[Item]:
    size = ctx.spec.mark
    lh = ctx.line_height(size)

    def draw(c: Canvas, x: float, y: float) -> None:
        c.saveState()
        c.setLineWidth(1.2)
        c.rect(x, y - lh, width, lh, stroke=1, fill=0)
        c.restoreState()
        ctx.draw_text(c, x, y, mark, size, bold=True, align="center", width=width)

    return [Item(lh * 1.3, draw, keep_with_next=True)]


def _draw_reprint_box(ctx: Ctx, c: Canvas, mark: str, page_h: float) -> None:
    spec = ctx.spec
    size = spec.mark
    lh = ctx.line_height(size)
    w = ctx.width(mark, size) + size * 1.2
    x = spec.width - spec.margin_x - w
    y = page_h - 7 * mm
    c.saveState()
    c.setLineWidth(1.2)
    c.rect(x, y - lh, w, lh, stroke=1, fill=0)
    c.restoreState()
    ctx.draw_text(c, x, y, mark, size, bold=True, align="center", width=w)
