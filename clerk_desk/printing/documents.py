"""The counter's printed documents, as PDF bytes, for A4 or an 80 mm thermal roll.

Six documents: acceptance notice (受理通知书), one-time notice (一次性告知书),
tolerant-acceptance promise (容缺受理承诺书), rejection notice (不予受理通知书),
the village agent's receipt (代办收件回执) and the village handover list
(代办件移交清单). Each takes a frozen input
dataclass of :mod:`clerk_desk.printing.document_data` and a layout, and
returns reproducible bytes: the same input (and the same fonts and reportlab
version) gives the same bytes, so their hash can be kept with the case.

Every character of the input and of the document's own wording is checked
against the installed fonts before anything is drawn; a missing glyph is a
:class:`~clerk_desk.errors.RuleViolation` naming the character and the field.

The wording follows the centre's glossary: decisions are issued in the name of
the 决定机关 (never "本中心": the centre is the window), every document carries
its 文书编号, and no statute is quoted by the layouts: what a document cites
comes with its input (the item's 设定依据, the notice's provisions).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from clerk_desk.errors import InvalidInput
from clerk_desk.printing import reportlab_tounicode
from clerk_desk.printing.document_data import (
    LAYOUTS,
    AcceptanceNotice,
    AgentReceipt,
    Applicant,
    Counter,
    HandoverList,
    Layout,
    MissingMaterial,
    OneTimeNotice,
    ReceivedMaterial,
    RejectionNotice,
    TolerantPromise,
    canonical_code,
    display_query_code,
    display_tracking_number,
    format_date,
    format_fee,
    format_limit,
    format_material,
    format_material_count,
    status_url,
    text_fields,
)
from clerk_desk.printing.fonts import FontSet
from clerk_desk.printing.layout import (
    A4,
    ROLL80,
    Beside,
    Block,
    Column,
    DocumentMeta,
    Fields,
    Only,
    PageSpec,
    Para,
    Party,
    QrCode,
    Rule,
    SignOff,
    Spacer,
    Table,
    Title,
    check_blocks_printable,
    render_pdf,
)

__all__ = [
    "A4_ONLY_TITLES",
    "DocumentRenderer",
    "handover_qr_payload",
    "render_acceptance_notice",
    "render_agent_receipt",
    "render_handover_list",
    "render_one_time_notice",
    "render_rejection_notice",
    "render_tolerant_promise",
]

IMMEDIATE_ITEM = "即办件，当场办结"
PROVISIONAL_DUE = "（暂定，依据节假日安排公布情况可能调整）"
KEEP_IT = "请妥善保管本{document}，凭办件编号和查询码查询办理进度、领取办理结果。"
KEPT = "已收取"
RETURNED = "已核验（原件退还）"
# The documents that are sealed and kept by the applicant for months: A4 only.
A4_ONLY_TITLES = ("不予受理通知书", "容缺受理承诺书")


def copies_note(document: str, holder: str = "申请人", keeper: str = "决定机关") -> str:
    """``本通知书一式两份，申请人与决定机关各执一份。``: who keeps the second copy."""
    return f"本{document}一式两份，{holder}与{keeper}各执一份。"


def _a4_only(title: str, layout: str) -> None:
    if layout != "a4":
        raise InvalidInput(
            "layout",
            "the {document} is printed on A4 only: it is sealed and the applicant keeps it",
            document=title,
        )


_SPECS: Mapping[str, PageSpec] = MappingProxyType({"a4": A4, "roll80": ROLL80})


def _spec(layout: str) -> PageSpec:
    if layout not in LAYOUTS:
        raise InvalidInput(
            "layout",
            "must be one of {choices}, got {got}",
            choices=", ".join(LAYOUTS),
            got=repr(layout),
        )
    return _SPECS[layout]


def handover_qr_payload(data: HandoverList) -> str:
    """The handover list's QR payload (ASCII, for a keyboard-wedge scanner at the counter).

    ``CLERKDESK-HANDOVER/2;batch=HO-...;n=<numbers>[;o=<old numbers>]``: ``n`` runs the
    16-digit tracking numbers together (no separator: a QR code holds a run of digits in
    its numeric mode, 3.3 bits a digit, so 120 cases fit the roll), ``o`` lists the old
    13-symbol numbers of cases an earlier version numbered, comma-separated. Version 1
    (lists printed by earlier versions) had every number, comma-separated, in ``n``.
    """
    numbers = [canonical_code(r.tracking_number) for r in data.rows]
    new = [n for n in numbers if len(n) == 16 and n.isdigit()]
    old = [n for n in numbers if not (len(n) == 16 and n.isdigit())]
    payload = f"CLERKDESK-HANDOVER/2;batch={data.batch_number.strip()};n={''.join(new)}"
    return payload + (f";o={','.join(old)}" if old else "")


# --- shared pieces ----------------------------------------------------------


def _header(issuer: str, title: str, serial: str, narrow_title: str = "") -> list[Block]:
    """The issuing body, the title (``narrow_title`` on the roll) and the 文书编号."""
    blocks: list[Block] = [Title(issuer, size="heading", bold=False, space_after=0.1)]
    if narrow_title and narrow_title != title:
        blocks += [
            Only(Title(title, space_after=0.2), narrow=False),
            Only(Title(narrow_title, space_after=0.2), narrow=True),
        ]
    else:
        blocks.append(Title(title, space_after=0.2))
    if serial:
        blocks += [
            Only(Para(serial, align="right"), narrow=False),
            Only(Para(serial, align="center"), narrow=True),
        ]
    return blocks


def _issuer(authority: str, centre: str) -> str:
    """In whose name the document is issued: the 决定机关 (the centre for older inputs)."""
    return authority or centre


def _case_fields(
    tracking: str,
    query_code: str,
    item: str,
    applicant: Applicant,
    *extra: tuple[str, str],
    authority: str = "",
) -> Fields:
    rows: list[tuple[str, str]] = [
        ("办件编号", display_tracking_number(tracking)),
        ("查询码", display_query_code(query_code)),
        ("办理事项", item),
    ]
    if authority:
        rows.append(("决定机关", authority))
    if applicant.kind == "person":
        rows.append(("申请人", applicant.name))
    else:
        rows.append(("申请单位", applicant.name))
    rows.append((applicant.id_label, applicant.masked_id))
    if applicant.kind == "organisation" and applicant.contact_person:
        rows.append(("联系人", applicant.contact_person))
    rows.extend(extra)
    return Fields(tuple(rows))


def _clerk_fields(counter: Counter, date_label: str, date_text: str) -> list[Block]:
    """Where and by whom it was handled (staff identity is public), when, and whom to call."""
    return [
        Fields((("受理窗口", f"{counter.centre_name}{counter.window_label}"),)),
        Fields(
            (
                ("受理人", counter.clerk_name),
                ("咨询电话", counter.phone),
                (date_label, date_text),
            ),
            columns=2,
        ),
    ]


def _with_status_qr(fields: Fields, base_url: str, tracking: str, query_code: str) -> Block:
    """The case fields with the status QR code beside them (A4)."""
    return Beside(fields, QrCode(status_url(base_url, tracking, query_code), ("扫码查询办理进度",)))


def _status_qr_footer(
    base_url: str, tracking: str, query_code: str, closing: str = "", narrow_closing: str = ""
) -> list[Block]:
    """How to follow the case: the QR code with captions on the roll, a line on A4.

    ``closing`` (``narrow_closing`` on the roll, if it differs) is a small-print
    paragraph that ends the document before its sign-off (the copies kept).
    """
    online = f"也可登录 {base_url} 输入办件编号和查询码查询办理进度。"
    narrow_closing = narrow_closing or closing
    return [
        Only(
            QrCode(
                status_url(base_url, tracking, query_code),
                (
                    "扫码查询办理进度",
                    f"办件编号：{display_tracking_number(tracking)}",
                    f"查询码：{display_query_code(query_code)}",
                    online,
                ),
            ),
            narrow=True,
        ),
        Only(Para(closing + online, size="small"), narrow=False),
        *([Only(Para(narrow_closing, size="small"), narrow=True)] if narrow_closing else []),
    ]


def _footer(title: str, serial: str, tracking: str) -> str:
    """The foot of each page of a long document: its title and 文书编号 (older: 办件编号)."""
    return f"{title}  {serial or '办件编号：' + display_tracking_number(tracking)}"


def _section(text: str) -> Para:
    return Para(text, bold=True, keep_with_next=True)


def _reprint_note(reprint: int, original_date: str, reprinted_on: date | None) -> list[Block]:
    """The 补打 note: which reprint, the original's date and the day of the reprint.

    A reprint kept before its date was recorded has none (so it re-creates as kept).
    """
    if reprint <= 0:
        return []
    text = f"本件为补打件（第{reprint}次补打），原件出具日期：{original_date}"
    if reprinted_on is not None:
        text += f"，补打日期：{format_date(reprinted_on)}"
    return [Para(text + "。", size="small")]


def _applicant_signoff(label: str, issuer: str, date_text: str) -> SignOff:
    return SignOff((Party(signatures=(label,)), Party(seal_org=issuer, seal_date=date_text)))


def _basis(provisions: Sequence[str]) -> str:
    return "、".join(p.strip() for p in provisions if p.strip())


def _missing_table(missing: Sequence[MissingMaterial], with_template: bool) -> Table:
    columns = [
        Column("材料名称", 2.4),
        Column("形式", 1.0, "center"),
        Column("份数", 0.7, "center", unit="份"),
        Column("说明", 2.5, own_line=True),
    ]
    if with_template:
        columns.append(Column("空白表格", 1.8, own_line=True))
    rows = []
    for m in missing:
        row = [m.name, m.form, str(m.copies), m.note]
        if with_template:
            row.append(m.template_name)
        rows.append(tuple(row))
    return Table(tuple(columns), tuple(rows))


def _id_seed(data: object, layout: str) -> str:
    return hashlib.sha256(f"{layout}|{data!r}".encode()).hexdigest()


# --- the five documents -----------------------------------------------------


def _fee_text(fee_fen: int, basis: str) -> str:
    if fee_fen == 0:
        return format_fee(0) + (f"（依据：{basis}）" if basis else "")
    return format_fee(fee_fen) + (f"（收费依据：{basis}）" if basis else "")


def _limit_fields(d: AcceptanceNotice) -> tuple[tuple[str, str], ...]:
    """法定办结时限, 承诺办结时限 and 承诺办结日期 (a date is never labelled as a span)."""
    if d.due_date is None:
        return (("办结时限", IMMEDIATE_ITEM),)
    rows: list[tuple[str, str]] = []
    if d.statutory_days is not None:
        rows.append(("法定办结时限", format_limit(d.statutory_days, d.time_unit)))
    if d.promised_days is not None:
        rows.append(("承诺办结时限", format_limit(d.promised_days, d.time_unit)))
    due = format_date(d.due_date)
    if d.due_date_provisional:
        due += PROVISIONAL_DUE
    rows.append(("承诺办结日期", due))
    return tuple(rows)


def _materials_table(materials: Sequence[ReceivedMaterial]) -> Table:
    """What the applicant handed in: each kept (已收取) or shown and handed back."""
    return Table(
        (
            Column("材料名称", 3.0),
            Column("形式", 0.8, "center"),
            Column("份数", 0.6, "center", unit="份"),
            Column("核收情况", 2.2, "center", own_line=True),
        ),
        tuple((m.name, m.form, str(m.copies), RETURNED if m.returned else KEPT) for m in materials),
    )


def _acceptance_blocks(d: AcceptanceNotice) -> tuple[list[Block], DocumentMeta]:
    issued = format_date(d.issued_on)
    issuer = _issuer(d.authority, d.counter.centre_name)
    decided = f"经审查，{d.authority}决定" if d.authority else "经审查，决定"
    if d.tolerant:
        body = (
            f"你（单位）申请办理的“{d.item_name}”事项，除暂缺的非关键性材料外，申请材料符合受理条件。"
            f"{decided}自{issued}起予以容缺受理。请按《容缺受理承诺书》约定的期限补齐材料。"
        )
    else:
        body = (
            f"你（单位）申请办理的“{d.item_name}”事项，申请材料齐全、符合法定形式。"
            f"{decided}自{issued}起予以受理。"
        )
    facts: list[tuple[str, str]] = []
    if d.legal_basis:
        facts.append(("设定依据", d.legal_basis))
    limits = _limit_fields(d)
    facts += [*limits[-1:], ("收费", _fee_text(d.fee_fen, d.fee_basis))]
    blocks: list[Block] = [
        *_header(issuer, "受理通知书", d.serial, narrow_title="受理回执"),
        _with_status_qr(
            _case_fields(
                d.tracking_number, d.query_code, d.item_name, d.applicant, authority=d.authority
            ),
            d.status_base_url,
            d.tracking_number,
            d.query_code,
        ),
        Rule(),
        Para(f"{d.applicant.name}："),
        Para(body, indent=True),
        Spacer(0.3),
        _section("申请材料"),
        _materials_table(d.materials) if d.materials else Para("（无）"),
        Spacer(0.3),
        *([Fields(limits[:-1], columns=2)] if len(limits) > 1 else []),
        Fields(tuple(facts)),
        *_clerk_fields(d.counter, "受理日期", issued),
        *_status_qr_footer(
            d.status_base_url,
            d.tracking_number,
            d.query_code,
            copies_note("通知书") + KEEP_IT.format(document="通知书"),
            copies_note("回执") + KEEP_IT.format(document="回执"),
        ),
        *_reprint_note(d.reprint, issued, d.reprinted_on),
        _applicant_signoff("申请人签收", issuer, issued),
    ]
    meta = DocumentMeta(
        title="受理通知书",
        subject=f"{d.item_name} {d.tracking_number}",
        author=issuer,
        created_on=d.issued_on,
        reprint=d.reprint,
        footer=_footer("受理通知书", d.serial, d.tracking_number),
    )
    return blocks, meta


def _one_time_blocks(d: OneTimeNotice) -> tuple[list[Block], DocumentMeta]:
    issued = format_date(d.issued_on)
    c = d.counter
    issuer = _issuer(d.authority, c.centre_name)
    where = c.centre_name + (f"（{c.address}）" if c.address else "") + c.window_label
    come_back = f"请补齐上述全部材料后，携带本告知书到{where}办理"
    come_back += f"（办公时间：{c.hours}）。" if c.hours else "。"
    come_back += (
        "补齐全部材料之日为受理之日，办理时限自受理之日起计算。本告知书所列即为需要补正的"
        "全部内容，不再要求补正其他材料。"
    )
    basis = _basis(d.notice_basis)
    cited = f"依据{basis}的规定，" if basis else ""
    blocks: list[Block] = [
        *_header(issuer, "一次性告知书", d.serial),
        _with_status_qr(
            _case_fields(
                d.tracking_number, d.query_code, d.item_name, d.applicant, authority=d.authority
            ),
            d.status_base_url,
            d.tracking_number,
            d.query_code,
        ),
        Rule(),
        Para(f"{d.applicant.name}："),
        Para(
            f"你（单位）于{format_date(d.received_on)}提交的“{d.item_name}”申请材料不齐全或者"
            f"不符合法定形式。{cited}现将需要补正的全部内容一次性告知如下：",
            indent=True,
        ),
        Spacer(0.3),
        _section("需要补正的材料"),
        _missing_table(d.missing, with_template=True),
        Spacer(0.3),
        Fields((("设定依据", d.legal_basis),)),
        Para(come_back, indent=True),
        *_clerk_fields(c, "告知日期", issued),
        *_status_qr_footer(
            d.status_base_url, d.tracking_number, d.query_code, copies_note("告知书")
        ),
        *_reprint_note(d.reprint, issued, d.reprinted_on),
        _applicant_signoff("申请人签收", issuer, issued),
    ]
    meta = DocumentMeta(
        title="一次性告知书",
        subject=f"{d.item_name} {d.tracking_number}",
        author=issuer,
        created_on=d.issued_on,
        reprint=d.reprint,
        footer=_footer("一次性告知书", d.serial, d.tracking_number),
    )
    return blocks, meta


def _promise_blocks(d: TolerantPromise) -> tuple[list[Block], DocumentMeta]:
    issued = format_date(d.issued_on)
    promise = format_date(d.promise_date)
    issuer = _issuer(d.authority, d.counter.centre_name)
    extra = (("联系电话", d.applicant.phone),) if d.applicant.phone else ()
    who = "本人" if d.applicant.kind == "person" else "本单位"
    to = f"向{d.authority}" if d.authority else ""
    blocks: list[Block] = [
        *_header(issuer, "容缺受理承诺书", d.serial),
        _with_status_qr(
            _case_fields(
                d.tracking_number,
                d.query_code,
                d.item_name,
                d.applicant,
                *extra,
                authority=d.authority,
            ),
            d.status_base_url,
            d.tracking_number,
            d.query_code,
        ),
        Rule(),
        Para(
            f"{who}{to}申请办理“{d.item_name}”事项，因下列非关键性申请材料暂缺，申请容缺受理，"
            "并郑重承诺：",
            indent=True,
        ),
        Spacer(0.3),
        _section("暂缺材料"),
        _missing_table(d.missing, with_template=False),
        Spacer(0.3),
        Para(f"于{promise}前补齐上述全部材料，补交材料与已提交材料内容一致；", hanging="一、"),
        Para("对所提交申请材料的真实性、合法性负责；", hanging="二、"),
        Para(
            f"如未能在承诺期限内补齐材料，同意终止办理，由此产生的一切后果由{who}承担。",
            hanging="三、",
        ),
        Fields((("补齐期限", f"{promise}前"),)),
        *_clerk_fields(d.counter, "受理日期", issued),
        *_status_qr_footer(
            d.status_base_url, d.tracking_number, d.query_code, copies_note("承诺书")
        ),
        *_reprint_note(d.reprint, issued, d.reprinted_on),
        _applicant_signoff("承诺人（签名）", issuer, issued),
    ]
    meta = DocumentMeta(
        title="容缺受理承诺书",
        subject=f"{d.item_name} {d.tracking_number}",
        author=issuer,
        created_on=d.issued_on,
        reprint=d.reprint,
        footer=_footer("容缺受理承诺书", d.serial, d.tracking_number),
    )
    return blocks, meta


def _rejection_blocks(d: RejectionNotice) -> tuple[list[Block], DocumentMeta]:
    issued = format_date(d.issued_on)
    issuer = _issuer(d.authority, d.counter.centre_name)
    # Documents kept before both bodies were required may lack them.
    review = f"向{d.reconsideration_body}" if d.reconsideration_body else "依法"
    court = f"向{d.court}" if d.court else "向人民法院"
    decided = f"经审查，{d.authority}决定不予受理。" if d.authority else "经审查，决定不予受理。"
    blocks: list[Block] = [
        *_header(issuer, "不予受理通知书", d.serial),
        _with_status_qr(
            _case_fields(
                d.tracking_number,
                d.query_code,
                d.item_name,
                d.applicant,
                ("申请日期", format_date(d.applied_on)),
                authority=d.authority,
            ),
            d.status_base_url,
            d.tracking_number,
            d.query_code,
        ),
        Rule(),
        Para(f"{d.applicant.name}："),
        Para(
            f"你（单位）于{format_date(d.applied_on)}提出的“{d.item_name}”申请，{decided}",
            indent=True,
        ),
        Fields((("不予受理理由", d.reason), ("不予受理依据", d.legal_basis))),
    ]
    if d.competent_body:
        blocks.append(
            Para(
                f"该申请事项依法不属于本机关职权范围，请向{d.competent_body}提出申请。",
                indent=True,
            )
        )
    blocks += [
        Para(
            f"如不服本决定，可以自收到本通知书之日起六十日内{review}申请行政复议，"
            f"或者在六个月内依法{court}提起行政诉讼。",
            indent=True,
        ),
        *_clerk_fields(d.counter, "决定日期", issued),
        *_status_qr_footer(
            d.status_base_url, d.tracking_number, d.query_code, copies_note("通知书")
        ),
        *_reprint_note(d.reprint, issued, d.reprinted_on),
        _applicant_signoff("申请人签收", issuer, issued),
    ]
    meta = DocumentMeta(
        title="不予受理通知书",
        subject=f"{d.item_name} {d.tracking_number}",
        author=issuer,
        created_on=d.issued_on,
        reprint=d.reprint,
        footer=_footer("不予受理通知书", d.serial, d.tracking_number),
    )
    return blocks, meta


def _handover_blocks(d: HandoverList) -> tuple[list[Block], DocumentMeta]:
    """代办件移交清单: an internal paper between the village point and the township.

    Each case's row names the materials it carries, each with its form and
    copies, and counts them as the handover page does (:func:`count_materials`);
    names are printed in full.
    """
    handed = format_date(d.handed_over_on)
    rows: list[tuple[str, str]] = [
        ("清单编号", d.batch_number),
        ("代办点", d.village_point),
        ("代办员", d.agent_name + (f"（{d.agent_phone}）" if d.agent_phone else "")),
        ("移交日期", handed),
        ("接收单位", d.centre_name),
    ]
    if d.receiving_window:
        window = d.receiving_window.strip()
        rows.append(("接收窗口", f"{window}号窗口" if window.isdigit() else window))
    if d.receiving_clerk:
        rows.append(("接收人", d.receiving_clerk))
    blocks: list[Block] = [
        *_header(d.village_point, "代办件移交清单", d.serial),
        Beside(Fields(tuple(rows)), QrCode(handover_qr_payload(d), ("扫码导入本清单移交件",))),
        Rule(),
        # On A4 the item and what its case carries share a cell, the item first;
        # on the roll each is a line of the case's record.
        Only(
            Table(
                # In 五号 (small), so that a tracking number, a four-character name and
                # 10项12份 each fit their column on one line and the item and its
                # materials get half the width.
                (
                    Column("办件编号", 2.7),
                    Column("申请人", 1.25, "center"),
                    Column("办理事项及移交材料", 4.9),
                    Column("材料数量", 1.25, "center"),
                ),
                tuple(
                    (
                        display_tracking_number(r.tracking_number),
                        r.applicant_name,
                        "\n".join((r.item_name, *(f"· {format_material(m)}" for m in r.materials))),
                        format_material_count(r.count),
                    )
                    for r in d.rows
                ),
                size="small",
            ),
            narrow=False,
        ),
        Only(
            Table(
                (
                    Column("办件编号"),
                    Column("办理事项", own_line=True),
                    Column("申请人"),
                    Column("材料数量"),
                    Column("移交材料", own_line=True),
                ),
                tuple(
                    (
                        display_tracking_number(r.tracking_number),
                        r.item_name,
                        r.applicant_name,
                        format_material_count(r.count),
                        "".join(f"\n· {format_material(m)}" for m in r.materials),
                    )
                    for r in d.rows
                ),
            ),
            narrow=True,
        ),
        Para(
            f"合计：{len(d.rows)}件，移交材料{format_material_count(d.count)}。",
            bold=True,
        ),
        Para(
            "移交材料按项计数，每项注明形式和份数；不含代办员已核验并退还申请人的原件。"
            "以上材料经双方当面清点无误。接收窗口签收后审查材料，依法受理或者一次性告知"
            "需要补正的全部内容，有关文书经代办员转交申请人。",
            size="small",
        ),
        Para(copies_note("清单", "代办点", "接收窗口"), size="small"),
        Only(
            QrCode(
                handover_qr_payload(d),
                ("扫码导入本清单移交件", f"清单编号：{d.batch_number}", f"共{len(d.rows)}件"),
            ),
            narrow=True,
        ),
        *_reprint_note(d.reprint, handed, d.reprinted_on),
        SignOff(
            (
                Party(signatures=("代办员（签名）",), seal_org=d.village_point),
                Party(signatures=("接收人（签名）",), seal_org=d.centre_name),
            )
        ),
    ]
    meta = DocumentMeta(
        title="代办件移交清单",
        subject=f"{d.village_point} {d.batch_number}",
        author=d.village_point,
        created_on=d.handed_over_on,
        reprint=d.reprint,
        footer=f"代办件移交清单  清单编号：{d.batch_number}",
    )
    return blocks, meta


def _agent_receipt_blocks(d: AgentReceipt) -> tuple[list[Block], DocumentMeta]:
    """代办收件回执: no due date and no acceptance: the township decides after the hand-over."""
    collected_on = format_date(d.collected_on)
    n = d.notice_working_days
    days = "一二三四五六七八九十"[n - 1] if n <= 10 else str(n)
    fields = _case_fields(
        d.tracking_number,
        d.query_code,
        d.item_name,
        d.applicant,
        ("代办点", d.village_point),
        ("代办员", d.agent_name),
        ("收件日期", collected_on),
    )
    blocks: list[Block] = [
        *_header(d.village_point, "代办收件回执", d.serial),
        _with_status_qr(fields, d.status_base_url, d.tracking_number, d.query_code),
        Rule(),
        Para(f"{d.applicant.name}："),
        Para(
            f"你（单位）申请办理的“{d.item_name}”事项，代办员{d.agent_name}已于{collected_on}"
            f"收取下列申请材料，将移交{d.centre_name}。",
            indent=True,
        ),
        Spacer(0.3),
        _section("已收取材料"),
        Table(
            (
                Column("材料名称", 3.2),
                Column("形式", 1, "center"),
                Column("份数", 0.8, "center", unit="份"),
            ),
            tuple((m.name, m.form, str(m.copies)) for m in d.collected),
        )
        if d.collected
        else Para("（无）"),
    ]
    if d.verified:
        blocks += [
            Spacer(0.3),
            _section("已核验（原件退还）"),
            Table(
                (Column("材料名称", 3.2), Column("形式", 1, "center")),
                tuple((m.name, m.form) for m in d.verified),
            ),
        ]
    blocks += [
        Spacer(0.3),
        Para(
            f"{d.centre_name}收到移交材料后进行审查：申请材料齐全、符合法定形式的，依法予以受理并"
            f"出具受理通知书；申请材料不齐全或者不符合法定形式的，自收到移交材料之日起"
            f"{days}个工作日内一次性告知需要补正的全部内容。有关文书经代办员转交申请人。"
            "本回执为代办收件凭证，办理时限自受理之日起计算。",
            indent=True,
        ),
        *([Fields((("咨询电话", d.centre_phone),))] if d.centre_phone.strip() else []),
        *_status_qr_footer(d.status_base_url, d.tracking_number, d.query_code),
        Para("请妥善保管本回执，凭办件编号和查询码查询办理进度。", size="small"),
        Para(copies_note("回执", "申请人", "代办点"), size="small"),
        *_reprint_note(d.reprint, collected_on, d.reprinted_on),
        SignOff(
            (
                Party(signatures=("申请人签收",)),
                Party(signatures=("代办员（签名）",), seal_date=collected_on),
            )
        ),
    ]
    meta = DocumentMeta(
        title="代办收件回执",
        subject=f"{d.item_name} {d.tracking_number}",
        author=d.village_point,
        created_on=d.collected_on,
        reprint=d.reprint,
        footer=_footer("代办收件回执", d.serial, d.tracking_number),
    )
    return blocks, meta


# --- rendering --------------------------------------------------------------

_Data = TypeVar("_Data")


def _render(
    fonts: FontSet,
    data: _Data,
    layout: Layout,
    build: Callable[[_Data], tuple[list[Block], DocumentMeta]],
) -> bytes:
    spec = _spec(layout)
    reportlab_tounicode.apply()
    # Printability first: the input field by field (so the message names the
    # field), then the document's own wording.
    fonts.check_printable(text_fields(data))
    blocks, meta = build(data)
    meta = replace(meta, id_seed=_id_seed(data, layout))
    check_blocks_printable(fonts, blocks, meta)
    return render_pdf(fonts, spec, blocks, meta)


def render_acceptance_notice(data: AcceptanceNotice, layout: Layout, fonts: FontSet) -> bytes:
    """受理通知书 as PDF bytes."""
    return _render(fonts, data, layout, _acceptance_blocks)


def render_one_time_notice(data: OneTimeNotice, layout: Layout, fonts: FontSet) -> bytes:
    """一次性告知书 as PDF bytes."""
    return _render(fonts, data, layout, _one_time_blocks)


def render_tolerant_promise(data: TolerantPromise, layout: Layout, fonts: FontSet) -> bytes:
    """容缺受理承诺书 as PDF bytes (A4 only)."""
    _a4_only("容缺受理承诺书", layout)
    return _render(fonts, data, layout, _promise_blocks)


def render_rejection_notice(data: RejectionNotice, layout: Layout, fonts: FontSet) -> bytes:
    """不予受理通知书 as PDF bytes (A4 only)."""
    _a4_only("不予受理通知书", layout)
    return _render(fonts, data, layout, _rejection_blocks)


def render_agent_receipt(data: AgentReceipt, layout: Layout, fonts: FontSet) -> bytes:
    """代办收件回执 as PDF bytes."""
    return _render(fonts, data, layout, _agent_receipt_blocks)


def render_handover_list(data: HandoverList, layout: Layout, fonts: FontSet) -> bytes:
    """代办件移交清单 as PDF bytes."""
    return _render(fonts, data, layout, _handover_blocks)


class DocumentRenderer:
    """Renders the counter's documents with one :class:`FontSet` (the process's font cache).

    Creating it applies the reportlab ToUnicode fix (idempotent, see
    :mod:`clerk_desk.printing.reportlab_tounicode`).
    """

    def __init__(self, fonts: FontSet | None = None, *, extra_font_dir: Path | None = None) -> None:
        reportlab_tounicode.apply()
        self.fonts = fonts if fonts is not None else FontSet.discover(extra_font_dir)

    def acceptance_notice(self, data: AcceptanceNotice, layout: Layout = "a4") -> bytes:
        return render_acceptance_notice(data, layout, self.fonts)

    def one_time_notice(self, data: OneTimeNotice, layout: Layout = "a4") -> bytes:
        return render_one_time_notice(data, layout, self.fonts)

    def tolerant_promise(self, data: TolerantPromise, layout: Layout = "a4") -> bytes:
        return render_tolerant_promise(data, layout, self.fonts)

    def rejection_notice(self, data: RejectionNotice, layout: Layout = "a4") -> bytes:
        return render_rejection_notice(data, layout, self.fonts)

    def handover_list(self, data: HandoverList, layout: Layout = "a4") -> bytes:
        return render_handover_list(data, layout, self.fonts)

    def agent_receipt(self, data: AgentReceipt, layout: Layout = "a4") -> bytes:
        return render_agent_receipt(data, layout, self.fonts)
