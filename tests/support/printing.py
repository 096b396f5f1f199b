"""Sample inputs and PDF inspection helpers for the printing tests.

PDF pages are rasterised with poppler's ``pdftoppm`` (Debian package
poppler-utils) through ``subprocess``; QR codes are decoded with the
``zxing-cpp`` wheel; text is extracted with ``pypdf`` and ``pdfminer.six``.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from clerk_desk import tracking_numbers
from clerk_desk.printing.document_data import (
    AcceptanceNotice,
    AgentReceipt,
    Applicant,
    Counter,
    HandoverList,
    HandoverRow,
    Layout,
    MissingMaterial,
    OneTimeNotice,
    ReceivedMaterial,
    RejectionNotice,
    TolerantPromise,
)


def sample_number(sequence: int) -> str:
    """A valid tracking number of the sample terminal, issued on 7 March 2025."""
    return tracking_numbers.compose("03721", date(2025, 3, 7), sequence)


def legacy_sample_number(sequence: int) -> str:
    """An old 13-symbol number, as an earlier version gave the sample terminal (code K7QM3P)."""
    return tracking_numbers.legacy_compose("K7QM3P", date(2025, 3, 7), sequence)


ACCEPTANCE_NUMBER = sample_number(225)
NOTICE_NUMBER = sample_number(226)
PROMISE_NUMBER = sample_number(227)
# A case an earlier version opened, rejected after the upgrade: its old number and old
# 10-symbol query code still print.
REJECTION_NUMBER = legacy_sample_number(228)

EXT_A_NAME = "王䶮"  # U+4DAE, CJK Extension A
EXT_B_NAME = "𠈌"  # U+2020C, CJK Extension B
EXT_B_FULL_NAME = "陈𠈌华"
BASE_URL = "https://zwfw.example.gov.cn/bj"
LAYOUTS: tuple[Layout, ...] = ("a4", "roll80")
A4_ONLY = ("tolerant-promise", "rejection")  # sealed documents: never on the roll

COUNTER = Counter(
    centre_name="青石镇便民服务中心",
    window="3",
    clerk_name="李晓燕",
    phone="0531-88881234",
    address="青石镇人民路18号",
    hours="周一至周五 上午8:30-12:00 下午14:00-17:30（法定节假日除外）",
)

PERSON = Applicant(name=EXT_A_NAME, id_number="370802199001011234", phone="13812345678")
PERSON_B = Applicant(name=EXT_B_FULL_NAME, id_number="37080219851231002X")
ORGANISATION = Applicant(
    name="青石镇𠈌记农业专业合作社",
    id_number="93370802MA3C4XYZ1K",
    kind="organisation",
    contact_person=EXT_B_NAME + "小明",
)


def acceptance(**changes: object) -> AcceptanceNotice:
    base = AcceptanceNotice(
        counter=COUNTER,
        issued_on=date(2025, 3, 7),
        tracking_number=ACCEPTANCE_NUMBER,
        query_code="40718263",
        status_base_url=BASE_URL,
        item_name="城乡居民基本养老保险参保登记",
        applicant=PERSON,
        materials=(
            ReceivedMaterial("居民身份证", "原件", 1, returned=True),
            ReceivedMaterial("居民户口簿", "复印件", 2),
            ReceivedMaterial("城乡居民基本养老保险参保登记表", "电子件", 1),
        ),
        due_date=date(2025, 3, 14),
        due_date_provisional=False,
        fee_fen=0,
        fee_basis="《社会保险法》第五十九条，不收取任何费用",
        serial="青石便民受字〔2025〕第0042号",
        authority="某某县人力资源和社会保障局",
        legal_basis="《国务院关于建立统一的城乡居民基本养老保险制度的意见》",
        statutory_days=10,
        promised_days=5,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def one_time(**changes: object) -> OneTimeNotice:
    base = OneTimeNotice(
        counter=COUNTER,
        issued_on=date(2025, 3, 7),
        received_on=date(2025, 3, 7),
        tracking_number=NOTICE_NUMBER,
        query_code="95302817",
        status_base_url=BASE_URL,
        item_name="农村村民宅基地和建房（规划许可）审批",
        applicant=PERSON_B,
        missing=(
            MissingMaterial(
                "农村宅基地和建房（规划许可）申请表",
                "原件",
                1,
                note="须经村民小组会议讨论通过并签字",
                template_name="宅基地申请表（空白）",
            ),
            MissingMaterial("宅基地使用承诺书", "原件", 1, template_name="承诺书样表"),
            MissingMaterial(
                "建房设计图或通用图",
                "复印件",
                2,
                note="选用通用图的注明图号",
            ),
        ),
        legal_basis="《中华人民共和国土地管理法》第六十二条；《农村宅基地管理办法》",
        serial="青石便民告字〔2025〕第0007号",
        authority="某某县青石镇人民政府",
        notice_basis=("《中华人民共和国行政许可法》第三十二条",),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def promise(**changes: object) -> TolerantPromise:
    base = TolerantPromise(
        counter=COUNTER,
        issued_on=date(2025, 3, 7),
        tracking_number=PROMISE_NUMBER,
        query_code="61847290",
        status_base_url=BASE_URL,
        item_name="食品经营许可（仅销售预包装食品备案）",
        applicant=ORGANISATION,
        missing=(
            MissingMaterial("经营场所平面布局图", "复印件", 1, note="标明功能区位置"),
            MissingMaterial("食品安全管理制度文本", "电子件", 1),
        ),
        promise_date=date(2025, 3, 21),
        serial="青石便民容字〔2025〕第0003号",
        authority="某某县市场监督管理局",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def rejection(**changes: object) -> RejectionNotice:
    base = RejectionNotice(
        counter=COUNTER,
        issued_on=date(2025, 3, 7),
        applied_on=date(2025, 3, 6),
        tracking_number=REJECTION_NUMBER,
        query_code="TV9M5YC222",
        status_base_url=BASE_URL,
        item_name="林木采伐许可证核发",
        applicant=PERSON,
        reason="申请采伐的林木位于生态公益林范围内，不属于本镇受理范围",
        legal_basis="《中华人民共和国森林法》第五十六条；《中华人民共和国行政许可法》第三十二条",
        competent_body="某某县林业局",
        reconsideration_body="某某县人民政府",
        court="某某县人民法院",
        serial="青石便民不受字〔2025〕第0001号",
        authority="某某县青石镇人民政府",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# What each sample case carries: 3项3份, 1项2份, 4项4份 (8项9份 in all).
HANDOVER_MATERIALS: tuple[tuple[ReceivedMaterial, ...], ...] = (
    (
        ReceivedMaterial("城乡居民基本养老保险参保登记表", "原件"),
        ReceivedMaterial("授权委托书", "原件"),
        ReceivedMaterial("居民户口簿", "复印件"),
    ),
    (ReceivedMaterial("近期一寸免冠照片", "原件", 2),),
    (
        ReceivedMaterial("残疾人两项补贴申请审批表", "原件"),
        ReceivedMaterial("最低生活保障证", "复印件"),
        ReceivedMaterial("授权委托书", "原件"),
        ReceivedMaterial("居民户口簿", "复印件"),
    ),
)


def handover(**changes: object) -> HandoverList:
    base = HandoverList(
        batch_number="HB20250307-03",
        village_point="东沟村便民服务代办点",
        agent_name="赵䶮",
        agent_phone="13900001111",
        centre_name="青石镇便民服务中心",
        handed_over_on=date(2025, 3, 7),
        rows=(
            HandoverRow(
                sample_number(301),
                "城乡居民基本养老保险参保登记",
                EXT_A_NAME,
                3,
                HANDOVER_MATERIALS[0],
            ),
            HandoverRow(
                sample_number(302), "高龄老人补贴申请", EXT_B_FULL_NAME, 2, HANDOVER_MATERIALS[1]
            ),
            HandoverRow(
                sample_number(303), "残疾人两项补贴申请", "欧阳建平", 4, HANDOVER_MATERIALS[2]
            ),
        ),
        receiving_window="3",
        receiving_clerk="李𠈌",
        serial="青石便民移字〔2025〕第0011号",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def agent_receipt(**changes: object) -> AgentReceipt:
    base = AgentReceipt(
        centre_name=COUNTER.centre_name,
        centre_phone=COUNTER.phone,
        village_point="东关村便民服务代办点",
        agent_name="赵代办",
        collected_on=date(2025, 3, 7),
        tracking_number=ACCEPTANCE_NUMBER,
        query_code="40718263",
        status_base_url=BASE_URL,
        item_name="城乡居民基本养老保险参保登记",
        applicant=PERSON,
        collected=(
            ReceivedMaterial("居民户口簿", "复印件", 2),
            ReceivedMaterial("城乡居民基本养老保险参保登记表", "电子件", 1),
        ),
        verified=(ReceivedMaterial("居民身份证", "原件", 1, returned=True),),
        serial="青石便民代收字〔2025〕第0007号",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def handover_40() -> HandoverList:
    """A big village batch: 40 cases."""
    rows = tuple(
        HandoverRow(
            sample_number(400 + i),
            f"事项{i}号:城乡居民医疗保险参保登记",
            "王小明",
            1 + i % 4,
            (
                ReceivedMaterial("城乡居民医疗保险参保登记表", "原件"),
                *((ReceivedMaterial("居民户口簿", "复印件", i % 4),) if i % 4 else ()),
            ),
        )
        for i in range(40)
    )
    return handover(rows=rows)


def another(document: object, i: int) -> object:
    """The same document for another case (or batch) ``i``: new numbers, so a new QR code."""
    if isinstance(document, HandoverList):
        rows = tuple(
            replace(r, tracking_number=sample_number(1000 + i * 50 + k))
            for k, r in enumerate(document.rows)
        )
        return replace(document, batch_number=f"HB20250307-{i:04d}", rows=rows)
    return replace(document, tracking_number=sample_number(5000 + i))  # type: ignore[type-var]


# --- inspection -------------------------------------------------------------


def squash(text: str) -> str:
    """Remove all whitespace (line breaks of wrapped text, grouping spaces)."""
    return "".join(text.split())


def text_pypdf(pdf: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def text_pdfminer(pdf: bytes) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(io.BytesIO(pdf)))


def pdftoppm_available() -> bool:
    return shutil.which("pdftoppm") is not None


def render_png(pdf: bytes, out_prefix: Path, dpi: int = 100) -> list[Path]:
    """Rasterise every page with ``pdftoppm -png -r DPI``; returns the PNG paths."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), str(src), str(out_prefix)],
            check=True,
            capture_output=True,
        )
    return sorted(out_prefix.parent.glob(out_prefix.name + "*.png"))


def decode_qr(png: Path) -> list[str]:
    """Texts of all QR codes zxing-cpp finds in the image."""
    import zxingcpp
    from PIL import Image

    with Image.open(png) as img:
        results = zxingcpp.read_barcodes(img.convert("L"))
    return [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode]


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def page_size_mm(pdf: bytes, index: int = 0) -> tuple[float, float]:
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(pdf)).pages[index].mediabox
    return float(box.width) / 72 * 25.4, float(box.height) / 72 * 25.4


def write_sample_images(out_dir: Path, dpi: int = 100, only: tuple[str, ...] = ()) -> list[Path]:
    """Render every document on A4 and the roll to PNG (``pdftoppm -r DPI``) under ``out_dir``.

    Run ``python tests/support/printing.py docs/img`` to refresh the pictures in the docs,
    ``python tests/support/printing.py docs/img handover-list`` for those named only.
    """
    from clerk_desk.printing import DocumentRenderer

    r = DocumentRenderer()
    docs: list[tuple[str, Callable[[Layout], bytes]]] = [
        ("acceptance", lambda lay: r.acceptance_notice(acceptance(), lay)),
        ("one-time-notice", lambda lay: r.one_time_notice(one_time(), lay)),
        ("tolerant-promise", lambda lay: r.tolerant_promise(promise(), lay)),
        # The docs show a number of today's form (the sample's is an old one).
        (
            "rejection",
            lambda lay: r.rejection_notice(
                rejection(tracking_number=sample_number(228), query_code="52718094"), lay
            ),
        ),
        ("handover-list", lambda lay: r.handover_list(handover(), lay)),
        ("agent-receipt", lambda lay: r.agent_receipt(agent_receipt(), lay)),
        (
            "acceptance-reprint",
            lambda lay: r.acceptance_notice(
                acceptance(reprint=2, reprinted_on=date(2025, 3, 12)), lay
            ),
        ),
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, render in docs:
        if only and name not in only:
            continue
        for layout in ("a4",) if name in A4_ONLY else LAYOUTS:
            pdf = render(layout)
            prefix = out_dir / f"{name}-{layout}"
            for old in out_dir.glob(f"{prefix.name}*.png"):
                old.unlink()
            pages = render_png(pdf, prefix, dpi)
            if len(pages) == 1:
                single = prefix.with_suffix(".png")
                pages[0].rename(single)
                pages = [single]
            written += pages
    return written


@pytest.fixture
def fake_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "lp-job"
    _tool(bindir, "lp", FAKE_LP.format(log=log))
    _tool(bindir, "lpstat", FAKE_LPSTAT.format(log=log))
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    return log


def audit_of(desk, document_id: str) -> list[tuple[str, dict]]:
    import json

    from sqlalchemy import select

    from clerk_desk.models import AuditEntry

    with desk.store.read() as session:
        return [
            (e.action, json.loads(e.payload))
            for e in session.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity_id == document_id)
                .order_by(AuditEntry.seq)
            )
        ]


FAKE_LP = """#!/bin/sh
# A stand-in for CUPS' lp that records what it was given, or fails like a printer.
echo "$@" > "{log}.args"
cat > "{log}.pdf"
if [ -e "{log}.paper-out" ]; then
    echo "lp: Error - The printer or class is not available (paper out)." >&2
    exit 1
fi
echo "request id is $2-42 (1 file(s))"
"""


# lpstat -a QUEUE -p QUEUE, as CUPS answers in the C locale.
FAKE_LPSTAT = """#!/bin/sh
echo "$@ LC_ALL=$LC_ALL" >> "{log}.lpstat"
q="$2"
if [ -e "{log}.unknown" ]; then
    echo "lpstat: Invalid destination name in list \\"$q\\"." >&2
    exit 1
fi
if [ -e "{log}.rejecting" ]; then
    echo "$q not accepting requests since Mon 23 Nov 2026 09:00:00 AM CST -"
    echo "\tRejecting Jobs"
else
    echo "$q accepting requests since Mon 23 Nov 2026 09:00:00 AM CST"
fi
if [ -e "{log}.disabled" ]; then
    echo "printer $q disabled since Mon 23 Nov 2026 09:30:00 AM CST -"
    echo "\tMedia empty"
else
    echo "printer $q is idle.  enabled since Mon 23 Nov 2026 09:00:00 AM CST"
fi
"""


def _tool(bindir: Path, name: str, script: str) -> None:
    path = bindir / name
    path.write_text(script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img")
    for path in write_sample_images(out, only=tuple(sys.argv[2:])):
        print(path)
