"""Input values of the printed documents: frozen dataclasses of plain values.

The domain layer fills these in; printing knows nothing of the database.
Identity numbers are printed masked (:func:`mask_id_number`), and the domain
passes them masked already: the inputs are kept with the document and copied
into the audit log and the outbox, so they hold only what is printed. (A full
number given here is still masked on paper: masking is idempotent, which also
re-creates documents kept before the inputs were masked.) Names are printed in
full, on the village handover list too: it is an internal paper between the
village point and the township counter. (Lists kept before this hold the names
masked, and re-create as they were kept.)

Every document has ``reprint`` (0: the original, n: the n-th 补打) and
``reprinted_on``, the day a reprint was made (None on originals, and on
reprints kept before the date was printed).

Documents of a case carry their 文书编号 (``serial``) and the 决定机关 in whose
name they are issued (``authority``). Both default to "" for the inputs of
documents kept before they existed: those re-create (and are reprinted)
without a serial, in neutral wording.

Each class checks its own values in ``__post_init__`` and raises
:class:`~clerk_desk.errors.InvalidInput` naming the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from typing import Literal, get_args

from clerk_desk.errors import InvalidInput
from clerk_desk.identity_numbers import mask_id_number, mask_name

__all__ = [
    "AcceptanceNotice",
    "AgentReceipt",
    "Applicant",
    "Counter",
    "HandoverList",
    "HandoverRow",
    "Layout",
    "MaterialCount",
    "MaterialForm",
    "MissingMaterial",
    "OneTimeNotice",
    "ReceivedMaterial",
    "RejectionNotice",
    "TolerantPromise",
    "canonical_code",
    "count_materials",
    "display_query_code",
    "display_tracking_number",
    "format_date",
    "format_fee",
    "format_limit",
    "format_material",
    "format_material_count",
    "group_code",
    "mask_id_number",
    "mask_name",
    "status_url",
    "text_fields",
]

Layout = Literal["a4", "roll80"]
LAYOUTS: tuple[str, ...] = get_args(Layout)

MaterialForm = Literal["原件", "复印件", "电子件"]
MATERIAL_FORMS: tuple[str, ...] = get_args(MaterialForm)

ApplicantKind = Literal["person", "organisation"]


def group_code(code: str, size: int = 4) -> str:
    """Group a tracking number for reading aloud, in groups of at most ``size``.

    Groups are as even as possible, longer ones first, so no character is
    left alone: ``K7QM2P9X4`` -> ``K7Q M2P 9X4``, ``AB12CD34EF`` -> ``AB12 CD3 4EF``.
    """
    code = "".join(code.split())
    if not code:
        return ""
    groups = -(-len(code) // size)
    base, extra = divmod(len(code), groups)
    out: list[str] = []
    pos = 0
    for g in range(groups):
        n = base + (1 if g < extra else 0)
        out.append(code[pos : pos + n])
        pos += n
    return " ".join(out)


def canonical_code(code: str) -> str:
    """A number as carried in QR codes: without grouping spaces or dashes."""
    return "".join(code.split()).replace("-", "")


def display_tracking_number(number: str) -> str:
    """A tracking number as printed: the domain's grouping of a valid number
    (:func:`clerk_desk.tracking_numbers.display`: ``2611 2390 4210 0012``, or an old
    number's ``XXX-XXX-XXX-XXX-X``), else :func:`group_code`."""
    from clerk_desk import tracking_numbers

    try:
        return tracking_numbers.display(number)
    except ValueError:
        return group_code(number)


def display_query_code(code: str) -> str:
    """A query code as printed, in two groups: ``12345678`` -> ``1234 5678`` (an old
    10-symbol code: ``6MXVU4A5HU`` -> ``6MXVU 4A5HU``)."""
    from clerk_desk import tracking_numbers

    return tracking_numbers.display_query_code(code)


def format_date(d: date) -> str:
    """``2025年3月7日``."""
    return f"{d.year}年{d.month}月{d.day}日"


def format_fee(fee_fen: int) -> str:
    """``2000`` -> ``20.00元``; ``0`` -> ``不收费`` (the centre's words)."""
    if fee_fen == 0:
        return "不收费"
    return f"{fee_fen // 100}.{fee_fen % 100:02d}元"


TimeUnit = Literal["working_day", "calendar_day"]


def format_limit(days: int, unit: str) -> str:
    """A time limit as a span of what it counts: ``20个工作日``, ``30日`` (calendar days)."""
    return f"{days}个工作日" if unit == "working_day" else f"{days}日"


def status_url(base_url: str, tracking_number: str, query_code: str) -> str:
    """The public status URL carried by the QR code: ``{base_url}?n={tracking}&q={query_code}``.

    Both codes are carried canonical, without the spaces or dashes they are printed with.
    """
    from urllib.parse import quote

    sep = "&" if "?" in base_url else "?"
    n = quote(canonical_code(tracking_number), safe="")
    q = quote(canonical_code(query_code), safe="")
    return f"{base_url}{sep}n={n}&q={q}"


def _require(where: str, value: str) -> None:
    if not value.strip():
        raise InvalidInput(where, "must not be empty")


# REPRINT_DATE: ``reprinted_on`` is kept out of repr, because the PDF's /ID is
# seeded from the input's repr (documents._id_seed) and documents kept before
# the field existed must re-create to the same bytes.


def _check_reprint(reprint: int, reprinted_on: date | None, issued_on: date) -> None:
    if reprint < 0:
        raise InvalidInput("reprint", f"must be 0 (original) or a positive count, got {reprint}")
    if reprinted_on is not None:
        if reprint == 0:
            raise InvalidInput("reprinted_on", "an original has no reprint date")
        if reprinted_on < issued_on:
            raise InvalidInput("reprinted_on", "is before the date of the original")


def _check_url(where: str, url: str) -> None:
    if not url.startswith(("https://", "http://")):
        raise InvalidInput(where, f"must be an http(s) URL, got {url!r}")


@dataclass(frozen=True)
class Counter:
    """The issuing service centre and the clerk at the window."""

    centre_name: str  # 某某镇便民服务中心
    window: str  # window number as printed, e.g. "3"
    clerk_name: str
    phone: str  # contact phone of the centre
    address: str = ""
    hours: str = ""  # office hours, e.g. "周一至周五 8:30-12:00 14:00-17:30(法定节假日除外)"

    def __post_init__(self) -> None:
        _require("counter.centre_name", self.centre_name)
        _require("counter.window", self.window)
        _require("counter.clerk_name", self.clerk_name)
        _require("counter.phone", self.phone)

    @property
    def window_label(self) -> str:
        w = self.window.strip()
        return f"{w}号窗口" if w.isdigit() else w


@dataclass(frozen=True)
class Applicant:
    """A person (resident ID) or an organisation (unified social credit code)."""

    name: str
    id_number: str  # as printed: masked by the domain (a full one is masked on print)
    kind: ApplicantKind = "person"
    phone: str = ""
    contact_person: str = ""  # organisations: who deals with the case

    def __post_init__(self) -> None:
        _require("applicant.name", self.name)
        _require("applicant.id_number", self.id_number)
        if self.kind not in ("person", "organisation"):
            raise InvalidInput(
                "applicant.kind", f"must be person or organisation, not {self.kind!r}"
            )

    @property
    def id_label(self) -> str:
        return "公民身份号码" if self.kind == "person" else "统一社会信用代码"

    @property
    def masked_id(self) -> str:
        """The number as printed (idempotent: an already masked number stays as it is)."""
        return mask_id_number(self.id_number)


def _check_form(where: str, form: str) -> None:
    if form not in MATERIAL_FORMS:
        raise InvalidInput(where, f"must be one of {'/'.join(MATERIAL_FORMS)}, not {form!r}")


@dataclass(frozen=True)
class ReceivedMaterial:
    name: str
    form: MaterialForm
    copies: int = 1
    # An original only inspected and handed back: printed 已核验（原件退还）, never 已收取.
    returned: bool = False

    def __post_init__(self) -> None:
        _require("material.name", self.name)
        _check_form("material.form", self.form)
        if self.copies < 1:
            raise InvalidInput("material.copies", f"must be at least 1, got {self.copies}")


@dataclass(frozen=True)
class MissingMaterial:
    """A material still to be supplied (one-time notice, tolerant-acceptance promise)."""

    name: str
    form: MaterialForm
    copies: int = 1
    note: str = ""  # what is wrong or what exactly is needed
    template_name: str = ""  # blank form / sample handed out, if any

    def __post_init__(self) -> None:
        _require("material.name", self.name)
        _check_form("material.form", self.form)
        if self.copies < 1:
            raise InvalidInput("material.copies", f"must be at least 1, got {self.copies}")


@dataclass(frozen=True)
class AcceptanceNotice:
    """受理通知书: a receipt of an accepted case."""

    counter: Counter
    issued_on: date  # acceptance date; also the PDF's creation date
    tracking_number: str
    query_code: str
    status_base_url: str
    item_name: str
    applicant: Applicant
    materials: tuple[ReceivedMaterial, ...]
    due_date: date | None  # None: an immediate item (即办件), completed at the counter
    due_date_provisional: bool = False  # holiday schedule of that year not yet published
    fee_fen: int = 0  # in fen (0.01 yuan); 0 = free
    fee_basis: str = ""  # legal basis of the fee or of its waiver
    tolerant: bool = False  # accepted under 容缺受理 (a promise was signed)
    serial: str = ""  # 文书编号
    authority: str = ""  # 决定机关, in whose name the case is accepted
    legal_basis: str = ""  # 设定依据 of the item
    statutory_days: int | None = None  # 法定办结时限 (None: not recorded, or an immediate item)
    promised_days: int | None = None  # 承诺办结时限
    time_unit: TimeUnit = "working_day"  # what the limits count
    reprint: int = 0
    reprinted_on: date | None = field(default=None, repr=False)  # see REPRINT_DATE

    def __post_init__(self) -> None:
        _require("tracking_number", self.tracking_number)
        _require("query_code", self.query_code)
        _require("item_name", self.item_name)
        _check_url("status_base_url", self.status_base_url)
        _check_reprint(self.reprint, self.reprinted_on, self.issued_on)
        if self.fee_fen < 0:
            raise InvalidInput("fee_fen", f"must not be negative, got {self.fee_fen}")
        if self.due_date is not None and self.due_date < self.issued_on:
            raise InvalidInput("due_date", "is before the acceptance date")
        if self.due_date is None and self.due_date_provisional:
            raise InvalidInput("due_date_provisional", "an immediate item has no due date")
        for name in ("statutory_days", "promised_days"):
            days = getattr(self, name)
            if days is not None and days < 0:
                raise InvalidInput(name, f"must not be negative, got {days}")
        if self.time_unit not in ("working_day", "calendar_day"):
            raise InvalidInput(
                "time_unit", f"must be working_day or calendar_day, not {self.time_unit!r}"
            )


@dataclass(frozen=True)
class OneTimeNotice:
    """一次性告知书: everything that must still be supplied, in one notice."""

    counter: Counter
    issued_on: date
    received_on: date  # the day the materials were received (art. 32: 5-day limit)
    tracking_number: str
    query_code: str
    status_base_url: str
    item_name: str
    applicant: Applicant
    missing: tuple[MissingMaterial, ...]
    legal_basis: str  # the item's legal basis (设定依据)
    serial: str = ""  # 文书编号
    authority: str = ""  # 决定机关 (printed where known)
    # The provisions that oblige this notice (the item's notice_basis, or art. 32 of
    # the Administrative Licensing Law for 行政许可 items; none for other kinds).
    notice_basis: tuple[str, ...] = ()
    reprint: int = 0
    reprinted_on: date | None = field(default=None, repr=False)  # see REPRINT_DATE

    def __post_init__(self) -> None:
        _require("tracking_number", self.tracking_number)
        _require("query_code", self.query_code)
        _require("item_name", self.item_name)
        _require("legal_basis", self.legal_basis)
        _check_url("status_base_url", self.status_base_url)
        _check_reprint(self.reprint, self.reprinted_on, self.issued_on)
        if not self.missing:
            raise InvalidInput("missing", "a one-time notice lists at least one material")
        if self.issued_on < self.received_on:
            raise InvalidInput("issued_on", "is before the day the materials were received")


@dataclass(frozen=True)
class TolerantPromise:
    """容缺受理承诺书: the applicant promises to supply non-key materials by a date."""

    counter: Counter
    issued_on: date
    tracking_number: str
    query_code: str
    status_base_url: str
    item_name: str
    applicant: Applicant
    missing: tuple[MissingMaterial, ...]  # non-key materials only (key ones are never waived)
    promise_date: date  # supply by this date
    serial: str = ""  # 文书编号
    authority: str = ""  # 决定机关, to whom the promise is made
    reprint: int = 0
    reprinted_on: date | None = field(default=None, repr=False)  # see REPRINT_DATE

    def __post_init__(self) -> None:
        _require("tracking_number", self.tracking_number)
        _require("query_code", self.query_code)
        _require("item_name", self.item_name)
        _check_url("status_base_url", self.status_base_url)
        _check_reprint(self.reprint, self.reprinted_on, self.issued_on)
        if not self.missing:
            raise InvalidInput(
                "missing", "a tolerant-acceptance promise lists at least one material"
            )
        if self.promise_date < self.issued_on:
            raise InvalidInput("promise_date", "is before the date of the promise")


@dataclass(frozen=True)
class RejectionNotice:
    """不予受理通知书."""

    counter: Counter
    issued_on: date
    applied_on: date
    tracking_number: str
    query_code: str
    status_base_url: str
    item_name: str
    applicant: Applicant
    reason: str
    legal_basis: str
    competent_body: str = ""  # the body to turn to, if not this office's matter
    reconsideration_body: str = ""  # 行政复议机关, e.g. "某某县人民政府"
    court: str = ""  # 人民法院 with jurisdiction, e.g. "某某县人民法院"
    serial: str = ""  # 文书编号
    authority: str = ""  # 决定机关, in whose name the application is rejected
    reprint: int = 0
    reprinted_on: date | None = field(default=None, repr=False)  # see REPRINT_DATE

    def __post_init__(self) -> None:
        _require("tracking_number", self.tracking_number)
        _require("query_code", self.query_code)
        _require("item_name", self.item_name)
        _require("reason", self.reason)
        _require("legal_basis", self.legal_basis)
        _check_url("status_base_url", self.status_base_url)
        _check_reprint(self.reprint, self.reprinted_on, self.issued_on)
        if self.issued_on < self.applied_on:
            raise InvalidInput("issued_on", "is before the application date")


@dataclass(frozen=True)
class MaterialCount:
    """How the handover list and its page count what a case carries.

    One rule for screen and paper: the materials carried, counted by kind
    (``items``, 项), each with its copies (``copies``, 份): ``4项5份``. Originals
    the agent verified and handed back are not carried and not counted.
    ``items`` is None for a list kept before its materials were named: it
    counted copies only.
    """

    items: int | None
    copies: int

    def __add__(self, other: MaterialCount) -> MaterialCount:
        items = None if self.items is None or other.items is None else self.items + other.items
        return MaterialCount(items, self.copies + other.copies)


def count_materials(materials: Sequence[ReceivedMaterial]) -> MaterialCount:
    """The materials carried, each with its copies (see :class:`MaterialCount`)."""
    return MaterialCount(len(materials), sum(m.copies for m in materials))


def format_material_count(count: MaterialCount) -> str:
    """``4项5份`` (``5份`` for a list kept before its materials were named)."""
    if count.items is None:
        return f"{count.copies}份"
    return f"{count.items}项{count.copies}份"


def format_material(material: ReceivedMaterial) -> str:
    """A carried material as the handover list names it: ``居民户口簿（复印件2份）``."""
    return f"{material.name}（{material.form}{material.copies}份）"


@dataclass(frozen=True)
class HandoverRow:
    """One case on the handover list and the materials it carries.

    ``materials`` are the materials carried (never an original handed back);
    ``materials_count`` is their copies, as lists kept before the materials were
    named recorded them (those have no ``materials``).
    """

    tracking_number: str
    item_name: str
    applicant_name: str  # printed in full (lists kept before: masked already)
    materials_count: int
    materials: tuple[ReceivedMaterial, ...] = ()

    def __post_init__(self) -> None:
        _require("rows.tracking_number", self.tracking_number)
        _require("rows.item_name", self.item_name)
        _require("rows.applicant_name", self.applicant_name)
        if self.materials_count < 0:
            raise InvalidInput("rows.materials_count", "must not be negative")
        if any(m.returned for m in self.materials):
            raise InvalidInput(
                "rows.materials", "an original handed back to the applicant is not carried"
            )
        if self.materials and count_materials(self.materials).copies != self.materials_count:
            raise InvalidInput(
                "rows.materials_count",
                f"is {self.materials_count}, but the materials listed carry "
                f"{count_materials(self.materials).copies} copies",
            )

    @property
    def count(self) -> MaterialCount:
        if self.materials:
            return count_materials(self.materials)
        return MaterialCount(None, self.materials_count)


@dataclass(frozen=True)
class HandoverList:
    """代办件移交清单: cases a village agent carries to the township counter."""

    batch_number: str
    village_point: str  # 某某村便民服务代办点
    agent_name: str
    agent_phone: str
    centre_name: str  # receiving township centre
    handed_over_on: date
    rows: tuple[HandoverRow, ...]
    receiving_window: str = ""  # known when printed at the township counter
    receiving_clerk: str = ""
    serial: str = ""  # 文书编号
    reprint: int = 0
    reprinted_on: date | None = field(default=None, repr=False)  # see REPRINT_DATE

    def __post_init__(self) -> None:
        _require("batch_number", self.batch_number)
        _require("village_point", self.village_point)
        _require("agent_name", self.agent_name)
        _require("centre_name", self.centre_name)
        _check_reprint(self.reprint, self.reprinted_on, self.handed_over_on)
        if not self.rows:
            raise InvalidInput("rows", "a handover list has at least one case")
        seen: set[str] = set()
        for row in self.rows:
            key = canonical_code(row.tracking_number)
            if key in seen:
                raise InvalidInput("rows.tracking_number", f"{row.tracking_number} is listed twice")
            seen.add(key)

    @property
    def count(self) -> MaterialCount:
        """Every case's materials together (see :class:`MaterialCount`)."""
        total = MaterialCount(0, 0)
        for row in self.rows:
            total += row.count
        return total


@dataclass(frozen=True)
class AgentReceipt:
    """代办收件回执: what a village agent collected for the township; not an acceptance.

    ``collected`` go to the township with the agent; ``verified`` are originals
    the agent inspected and handed back (已核验（原件退还）), never carried.
    ``notice_working_days`` is the one-time notice's limit after the township
    receives the hand-over.
    """

    centre_name: str  # the 便民服务中心 the materials go to, which accepts or notifies
    centre_phone: str
    village_point: str
    agent_name: str
    collected_on: date
    tracking_number: str
    query_code: str
    status_base_url: str
    item_name: str
    applicant: Applicant
    collected: tuple[ReceivedMaterial, ...]
    verified: tuple[ReceivedMaterial, ...] = ()
    notice_working_days: int = 5
    serial: str = ""  # 文书编号
    reprint: int = 0
    reprinted_on: date | None = field(default=None, repr=False)  # see REPRINT_DATE

    def __post_init__(self) -> None:
        _require("centre_name", self.centre_name)
        _require("village_point", self.village_point)
        _require("agent_name", self.agent_name)
        _require("tracking_number", self.tracking_number)
        _require("query_code", self.query_code)
        _require("item_name", self.item_name)
        _check_url("status_base_url", self.status_base_url)
        _check_reprint(self.reprint, self.reprinted_on, self.collected_on)
        if not self.collected and not self.verified:
            raise InvalidInput("collected", "a receipt lists at least one material")
        if self.notice_working_days < 1:
            raise InvalidInput("notice_working_days", "must be at least 1")


def text_fields(obj: object, prefix: str = "") -> dict[str, str]:
    """Every string field of a document's input, by dotted path (``missing[1].note``).

    Used to check that every character can be printed before anything is drawn.
    """
    out: dict[str, str] = {}
    if not is_dataclass(obj) or isinstance(obj, type):
        return out
    for f in fields(obj):
        value = getattr(obj, f.name)
        path = f"{prefix}{f.name}"
        if isinstance(value, str):
            out[path] = value
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    out[f"{path}[{i}]"] = item
                else:
                    out.update(text_fields(item, f"{path}[{i}]."))
        elif is_dataclass(value):
            out.update(text_fields(value, f"{path}."))
    return out
