"""The ToUnicode work-around: characters beyond the BMP extract exactly.

reportlab writes U+2020C as ``<2020C>`` in the ToUnicode CMap, which readers
take for U+2020 (†). These tests show that the unpatched function really
breaks extraction (so the fix is needed), and that with the fix every
character, Extension A and B included, comes back as it went in.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen.canvas import Canvas
from support.printing import text_pdfminer, text_pypdf

from clerk_desk.printing import reportlab_tounicode
from clerk_desk.printing.fonts import FontSet
from clerk_desk.printing.reportlab_tounicode import fixed_make_to_unicode_cmap

SAMPLE = "王䶮 𠈌 陈𠈌华 ABC123"


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet.discover()


def _original() -> Callable[[str, list[int]], str]:
    reportlab_tounicode.apply()
    fn: Callable[[str, list[int]], str] = ttfonts.makeToUnicodeCMap
    return getattr(fn, "__wrapped__", fn)


def _pdf(fonts: FontSet, text: str) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    t = c.beginText(72, 720)
    for src, run in fonts.runs(text):
        t.setFont(fonts.reportlab_font(src), 14)
        t.textOut(run)
    c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_upstream_writes_five_hex_digits_beyond_the_bmp() -> None:
    original = _original()
    cmap = original("X", [0, 0x2020C])
    assert "<01> <2020C>" in cmap
    assert reportlab_tounicode.upstream_is_broken(original)


def test_fixed_cmap_writes_a_surrogate_pair() -> None:
    cmap = fixed_make_to_unicode_cmap("X", [0, 0x738B, 0x4DAE, 0x2020C])
    assert "<01> <738B>" in cmap
    assert "<02> <4DAE>" in cmap
    assert "<03> <D840DE0C>" in cmap
    assert not reportlab_tounicode.upstream_is_broken(fixed_make_to_unicode_cmap)


def test_unpatched_reportlab_loses_ext_b_characters(
    fonts: FontSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ttfonts, "makeToUnicodeCMap", _original())
    pdf = _pdf(fonts, "陈𠈌华")
    # pdfminer reads <2020C> as U+2020: a dagger where the name had 𠈌.
    assert "陈\u2020华" in text_pdfminer(pdf)
    # pypdf rejects the odd-length hex string and loses the character.
    assert "𠈌" not in text_pypdf(pdf)


def test_patched_reportlab_extracts_every_character(fonts: FontSet) -> None:
    assert reportlab_tounicode.apply()
    pdf = _pdf(fonts, SAMPLE)
    for extract in (text_pypdf, text_pdfminer):
        assert SAMPLE in extract(pdf), extract.__name__


def test_apply_is_idempotent() -> None:
    reportlab_tounicode.apply()
    first = ttfonts.makeToUnicodeCMap
    assert reportlab_tounicode.apply()
    assert ttfonts.makeToUnicodeCMap is first
    assert reportlab_tounicode.is_applied()


def test_apply_is_a_no_op_once_upstream_is_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    def upstream_fixed(fontname: str, subset: list[int]) -> str:
        return fixed_make_to_unicode_cmap(fontname, subset)

    monkeypatch.setattr(ttfonts, "makeToUnicodeCMap", upstream_fixed)
    assert not reportlab_tounicode.apply()
    assert ttfonts.makeToUnicodeCMap is upstream_fixed
