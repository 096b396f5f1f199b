"""QR codes keep their minimum module size, however long the payload.

A large handover batch makes a large code: it grows (on A4 it leaves the
fields' side and goes under them; on the roll it may take the full width)
rather than shrink its modules below what a reader or a thermal print head
copes with. The module size is checked as laid out and as printed: the page is
rasterised (pdftoppm), the code decoded with zxing-cpp, and its side in pixels
divided by its number of modules (from the version zxing reads).
"""

from __future__ import annotations

import math
import random
import subprocess
from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest
from reportlab.lib.units import mm as MM
from support import printing as h

from clerk_desk import tracking_numbers
from clerk_desk.errors import RuleViolation
from clerk_desk.printing import DocumentRenderer
from clerk_desk.printing.document_data import HandoverList, HandoverRow, Layout
from clerk_desk.printing.documents import handover_qr_payload
from clerk_desk.printing.layout import A4, ROLL80, Ctx, QrCode

LAYOUTS: tuple[Layout, ...] = ("a4", "roll80")
SPECS = {"a4": A4, "roll80": ROLL80}
TERMINAL = tracking_numbers.new_provisional_terminal_number(random.Random(120))
OLD_TERMINAL = "K7QM3P"
DPI = 200


@pytest.fixture(scope="module")
def renderer() -> DocumentRenderer:
    return DocumentRenderer()


def batch(count: int, *, old: bool = False) -> HandoverList:
    """``count`` cases; ``old``: all numbered by an earlier version (13-symbol numbers)."""

    def number(i: int) -> str:
        if old:
            return tracking_numbers.legacy_compose(OLD_TERMINAL, date(2025, 3, 7), i)
        return tracking_numbers.compose(TERMINAL, date(2025, 3, 7), i + 1)

    rows = tuple(HandoverRow(number(i), "高龄补贴", "王小明", 2) for i in range(count))
    return h.handover(rows=rows)


@pytest.fixture(scope="module")
def big_batch_pages(
    renderer: DocumentRenderer, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Page 1 of the largest handover code, on each layout, rasterised.

    The largest: 120 cases (``handover.MAX_CASES``), all numbered by an earlier
    version. Their 13-symbol numbers take more room in the code than 16 digits,
    which a QR code holds in its numeric mode.
    """
    tmp = tmp_path_factory.mktemp("qr")
    d = batch(120, old=True)
    return {lay: first_page_png(renderer.handover_list(d, lay), tmp / lay) for lay in LAYOUTS}


def first_page_png(pdf: bytes, out_prefix: Path) -> Path:
    """Page 1 alone, rasterised with ``pdftoppm -png -r DPI -f 1 -l 1 -singlefile``."""
    src = out_prefix.with_suffix(".pdf")
    src.write_bytes(pdf)
    cmd = ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*cmd, str(src), str(out_prefix)], check=True, capture_output=True)
    return out_prefix.with_suffix(".png")


def printed_qr(png: Path) -> tuple[str, str, float]:
    """(text, error correction level, module side in mm) of the one QR code on the page."""
    import zxingcpp
    from PIL import Image

    with Image.open(png) as img:
        found = [
            b
            for b in zxingcpp.read_barcodes(img.convert("L"))
            if b.format == zxingcpp.BarcodeFormat.QRCode
        ]
    assert len(found) == 1
    code = found[0]
    modules = 17 + 4 * int(cast(dict[str, Any], code.extra)["Version"])
    p = code.position
    side_px = (
        math.dist((p.top_left.x, p.top_left.y), (p.top_right.x, p.top_right.y))
        + math.dist((p.top_left.x, p.top_left.y), (p.bottom_left.x, p.bottom_left.y))
    ) / 2
    return code.text, code.ec_level, side_px / DPI * 25.4 / modules


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_120_case_handover_code_keeps_its_minimum_module_size(
    renderer: DocumentRenderer, layout: Layout, big_batch_pages: dict[str, Path]
) -> None:
    d = batch(120, old=True)
    spec = SPECS[layout]
    payload = handover_qr_payload(d)
    matrix, side, _ = QrCode(payload).geometry(Ctx(renderer.fonts, spec), spec.content_width)
    assert side / len(matrix) >= spec.qr_module - 1e-9
    assert side <= spec.content_width

    text, _level, module_mm = printed_qr(big_batch_pages[layout])
    assert text == payload
    # Measured from the pixels: within a pixel's rounding of the laid-out size.
    assert module_mm >= spec.qr_module / MM - 25.4 / DPI / len(matrix)
    assert module_mm == pytest.approx(side / len(matrix) / MM, abs=0.02)


def test_a4_keeps_the_stronger_error_correction_and_the_roll_takes_the_lower_one(
    big_batch_pages: dict[str, Path],
) -> None:
    """On the roll, 120 old cases at level M would need 0.5 mm modules over more than 72 mm."""
    assert printed_qr(big_batch_pages["a4"])[1] == "M"
    assert printed_qr(big_batch_pages["roll80"])[1] == "L"


def test_120_cases_of_new_numbers_keep_the_stronger_level_on_the_roll(
    renderer: DocumentRenderer, tmp_path: Path
) -> None:
    d = batch(120)
    png = first_page_png(renderer.handover_list(d, "roll80"), tmp_path / "roll")
    text, level, module_mm = printed_qr(png)
    assert (text, level) == (handover_qr_payload(d), "M")
    assert module_mm >= ROLL80.qr_module / MM - 0.01


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_small_code_keeps_its_usual_size_and_level(
    renderer: DocumentRenderer, layout: Layout, tmp_path: Path
) -> None:
    spec = SPECS[layout]
    d = batch(3)
    matrix, side, _ = QrCode(handover_qr_payload(d)).geometry(
        Ctx(renderer.fonts, spec), spec.content_width
    )
    assert side == pytest.approx(spec.qr_size)
    png = first_page_png(renderer.handover_list(d, layout), tmp_path / "p")
    text, level, module_mm = printed_qr(png)
    assert (text, level) == (handover_qr_payload(d), "M")
    assert module_mm == pytest.approx(side / len(matrix) / MM, abs=0.02)


def test_a_code_too_large_for_the_roll_is_refused_before_drawing(
    renderer: DocumentRenderer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    d = batch(200, old=True)  # more than a batch may hold (handover.MAX_CASES), built by hand
    import clerk_desk.printing.layout as layout_module

    def must_not_draw(*_args: object, **_kw: object) -> bytes:
        raise AssertionError("drawing started")

    with monkeypatch.context() as m:
        m.setattr(layout_module, "Canvas", must_not_draw)
        with pytest.raises(RuleViolation) as info:
            renderer.handover_list(d, "roll80")
    assert info.value.template.startswith("the QR code ({length} characters) is too large")
    assert info.value.params == {"length": len(handover_qr_payload(d)), "paper": "80 mm"}
    # A4 takes it, still with modules of at least 0.6 mm.
    png = first_page_png(renderer.handover_list(d, "a4"), tmp_path / "a4")
    text, _level, module_mm = printed_qr(png)
    assert text == handover_qr_payload(d)
    assert module_mm >= A4.qr_module / MM - 0.01
