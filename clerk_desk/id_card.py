"""Second-generation resident ID card readers (二代身份证阅读器).

Most counters have a reader on the desk. Two kinds exist:

* **SDK readers** (华视, 神思, 新中新 ...) are driven through the vendor's
  library: an implementation of :class:`IdCardReader` wraps it and turns each
  card into an :class:`IdCardData`, photo included. :class:`SimulatedReader`
  stands in for one in tests and demos.
* **Keyboard-wedge readers** type into the focused field like a keyboard:
  most type just the 18-character ID number, some a delimited record of the
  whole card. :func:`parse_wedge_text` reads either.

Whatever a reader gives goes through :func:`validate_card` before it is used:
the ID number must pass GB 11643 and agree with the birth date and sex
printed on the card, or the read is refused with
:class:`~clerk_desk.errors.InvalidInput` (``where="id_card"``).

Pure: no Qt, no module-level mutable state.
"""

from __future__ import annotations

import re
import struct
import threading
import time
import zlib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Final, Literal, Protocol

from clerk_desk.errors import ClerkDeskError, InvalidInput
from clerk_desk.identity_numbers import parse_resident_id, validate_name

__all__ = [
    "ETHNICITIES",
    "IdCardData",
    "IdCardReader",
    "ReaderError",
    "ReaderFault",
    "SimulatedReader",
    "demo_cards",
    "parse_wedge_text",
    "validate_card",
]

WHERE: Final = "id_card"

ETHNICITIES: Final = (
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜",
    "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳",
    "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
    "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)  # fmt: skip
"""The 56 ethnic groups in the order of their GB 3304 codes (01 汉 ... 56 基诺),
as printed on the card (without 族)."""


# --------------------------------------------------------------------------- card data


@dataclass(frozen=True, slots=True)
class IdCardData:
    """What a second-generation ID card holds, as the reader gives it."""

    name: str
    sex: str  # "男" or "女"
    ethnicity: str  # as printed: "汉", "回", ...
    birth_date: date
    address: str
    id_number: str
    issuing_authority: str
    valid_from: date
    valid_until: date | None  # None: 长期 (no end date)
    photo: bytes | None = None  # JPEG/PNG/BMP bytes as the vendor SDK gives them

    def is_expired(self, today: date) -> bool:
        """Whether the card is past its validity on ``today``.

        A card is valid through its end date (有效期限 2016.05.01-2026.05.01 is
        still valid on 2026-05-01); a 长期 card never expires.
        """
        return self.valid_until is not None and today > self.valid_until


def validate_card(card: IdCardData, *, today: date) -> IdCardData:
    """Check a card read from a reader; return it with the ID number normalized.

    The ID number must pass GB 11643 (check character, real birth date,
    province), its birth date and sex must agree with the card's, and the
    dates must be in order. The name, address and authority must be text a
    person could have typed (any Unicode, including CJK Extension B). Raises
    :class:`~clerk_desk.errors.InvalidInput` with ``where="id_card"``.
    """
    resident = parse_resident_id(card.id_number, today=today, where=WHERE)
    if card.sex not in ("男", "女"):
        raise InvalidInput(WHERE, "sex should be 男 or 女, got {got}", got=repr(card.sex))
    if resident.birth_date != card.birth_date:
        raise InvalidInput(
            WHERE,
            "birth date {card_birth} on the card does not match the ID number {number}, "
            "which gives {id_birth}; read the card again",
            card_birth=card.birth_date.isoformat(),
            number=resident.number,
            id_birth=resident.birth_date.isoformat(),
        )
    id_sex = "男" if resident.sex == "M" else "女"
    if card.sex != id_sex:
        raise InvalidInput(
            WHERE,
            "sex {card_sex} on the card does not match the ID number {number} "
            "(its 17th digit says {id_sex}); read the card again",
            card_sex=card.sex,
            number=resident.number,
            id_sex=id_sex,
        )
    if card.valid_from < card.birth_date:
        raise InvalidInput(
            WHERE,
            "validity starts on {valid_from}, before the birth date {birth}",
            valid_from=card.valid_from.isoformat(),
            birth=card.birth_date.isoformat(),
        )
    if card.valid_until is not None and card.valid_until < card.valid_from:
        raise InvalidInput(
            WHERE,
            "validity ends on {valid_until}, before it starts ({valid_from})",
            valid_until=card.valid_until.isoformat(),
            valid_from=card.valid_from.isoformat(),
        )
    name = validate_name(card.name, where=WHERE)
    ethnicity = _text(card.ethnicity, "ethnicity", 20)
    address = _text(card.address, "address", 200)
    authority = _text(card.issuing_authority, "issuing authority", 100)
    return replace(
        card,
        name=name,
        ethnicity=ethnicity,
        address=address,
        id_number=resident.number,
        issuing_authority=authority,
    )


def _text(value: str, label: str, max_len: int) -> str:
    """A text field of the card: the same rules as names, errors naming the field."""
    try:
        return validate_name(value, where=WHERE, max_len=max_len, field=label)
    except InvalidInput as exc:
        if "field" in exc.params:  # "address is empty", "address has 300 characters..."
            raise
        # "address: character 3 is U+0007 (BELL), ...": the problem, translated with it.
        raise InvalidInput(
            WHERE,
            "{field}: {problem}",
            field=label,
            problem=ClerkDeskError(exc.template, **exc.params),
        ) from None


# ----------------------------------------------------------------------------- readers

ReaderFault = Literal["not_connected", "timeout", "bad_read"]


class ReaderError(ClerkDeskError):
    """The reader failed (hardware, driver, or a card it could not read).

    ``reason`` says which, so the UI can offer the right remedy; the message
    can be shown as is.
    """

    def __init__(self, reason: ReaderFault, message: str, /, **params: Any) -> None:
        super().__init__(message, **params)
        self.reason: ReaderFault = reason
        self.message = str(self)

    @classmethod
    def not_connected(cls, reader: str) -> ReaderError:
        return cls(
            "not_connected",
            "ID card reader {reader} is not connected: check its USB cable and driver, "
            "then try again",
            reader=repr(reader),
        )

    @classmethod
    def timeout(cls, reader: str) -> ReaderError:
        return cls(
            "timeout",
            "ID card reader {reader} did not answer in time: unplug it, plug it in again and retry",
            reader=repr(reader),
        )

    @classmethod
    def bad_read(cls, reader: str) -> ReaderError:
        return cls(
            "bad_read",
            "ID card reader {reader} could not read the card: take it off, put it "
            "back flat on the reader and retry (a damaged chip cannot be read)",
            reader=repr(reader),
        )


class IdCardReader(Protocol):
    """A second-generation ID card reader.

    :meth:`read_card` blocks while it talks to the device (typically up to a
    second or two): the UI must call it from a worker thread, never from the
    GUI thread, and one reader must not be read from two threads at once.
    Pass the card through :func:`validate_card` before using it.
    """

    @property
    def name(self) -> str:
        """Human-readable name of the device, for messages and settings."""
        ...

    def read_card(self) -> IdCardData | None:
        """Read the card on the reader; None when there is no card on it.

        Raises :class:`ReaderError` on a hardware fault: not connected,
        timeout, or a card it could not read.
        """
        ...


class SimulatedReader:
    """A reader for tests and demos: it hands out the cards (and faults) it was given.

    Each :meth:`read_card` takes the next entry: a card is returned, a
    :class:`ReaderError` is raised; with nothing left it returns None (no card
    on the reader). :meth:`present` and :meth:`fail` add entries, from any
    thread. ``read_seconds`` makes each read block that long, like a device.
    """

    def __init__(
        self,
        cards: Iterable[IdCardData | ReaderError] = (),
        *,
        name: str = "模拟读卡器",
        read_seconds: float = 0.0,
    ) -> None:
        self._name = name
        self._read_seconds = read_seconds
        self._queue: deque[IdCardData | ReaderError] = deque(cards)
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._name

    def present(self, card: IdCardData) -> None:
        """Put a card on the reader: the next read returns it (after any queued ones)."""
        with self._lock:
            self._queue.append(card)

    def fail(self, error: ReaderError) -> None:
        """Make a later read (after any queued ones) raise ``error``."""
        with self._lock:
            self._queue.append(error)

    def pending(self) -> int:
        """Cards and faults still queued."""
        with self._lock:
            return len(self._queue)

    def read_card(self) -> IdCardData | None:
        if self._read_seconds > 0:
            time.sleep(self._read_seconds)
        with self._lock:
            entry = self._queue.popleft() if self._queue else None
        if isinstance(entry, ReaderError):
            raise entry
        return entry


# ------------------------------------------------------------------------ demo persons


def demo_cards() -> list[IdCardData]:
    """Three made-up residents of 郭仓镇, 汶上县 (region code 370830), with valid ID numbers.

    张𠈌 has a CJK Extension B character (U+2020C) in his name; 李秀英's card
    is valid for life (长期); 马俊杰's number ends in the check character X.
    Every card carries a placeholder photo (a PNG).
    """
    photo = _placeholder_photo()
    return [
        IdCardData(
            name="张\U0002020c",
            sex="男",
            ethnicity="汉",
            birth_date=date(1985, 3, 12),
            address="山东省济宁市汶上县郭仓镇郭仓村128号",
            id_number="370830198503121237",
            issuing_authority="汶上县公安局",
            valid_from=date(2015, 6, 1),
            valid_until=date(2035, 6, 1),
            photo=photo,
        ),
        IdCardData(
            name="李秀英",
            sex="女",
            ethnicity="汉",
            birth_date=date(1950, 8, 20),
            address="山东省济宁市汶上县郭仓镇前郭仓村45号",
            id_number="370830195008201025",
            issuing_authority="汶上县公安局",
            valid_from=date(2012, 4, 10),
            valid_until=None,
            photo=photo,
        ),
        IdCardData(
            name="马俊杰",
            sex="男",
            ethnicity="回",
            birth_date=date(2004, 11, 5),
            address="山东省济宁市汶上县郭仓镇郭仓村西街7号",
            id_number="37083020041105003X",
            issuing_authority="汶上县公安局",
            valid_from=date(2021, 1, 15),
            valid_until=date(2031, 1, 15),
            photo=photo,
        ),
    ]


def _placeholder_photo(width: int = 102, height: int = 126) -> bytes:
    """A plain light-grey PNG of the card photo's size (102 x 126 pixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = b"".join(b"\x00" + b"\xd8" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# ----------------------------------------------------------------- keyboard-wedge text

# Tried in this order: the first one present in the text separates the fields.
_SEPARATORS: Final = ("\t", "|", "\uff5c", ",", "\uff0c")
_FIELDS: Final = (
    "name",
    "sex",
    "ethnicity",
    "birth date",
    "address",
    "ID number",
    "issuing authority",
    "validity",
)
_DATE = r"(\d{4})[-./]?(\d{2})[-./]?(\d{2})"
_DATE_RE = re.compile(_DATE)
_VALIDITY_RE = re.compile(rf"{_DATE}\s*[-~\u2013\u2014\uff5e\u81f3]\s*(?:{_DATE}|(长期))")


def parse_wedge_text(text: str, *, today: date) -> IdCardData | str:
    """Read what a keyboard-wedge reader typed.

    Either the ID number alone (most readers), returned as a normalized,
    GB 11643-valid string (full-width digits and a lowercase ``x`` are
    accepted), or a record of the card, its 8 fields separated by tabs, ``|``
    or commas (``\\t`` is tried first, then ``|``, then ``,``)::

        name, sex, ethnicity, birth YYYYMMDD, address, ID number, authority,
        validity YYYYMMDD-YYYYMMDD or YYYYMMDD-长期

    returned as a validated :class:`IdCardData` (no photo). Sex may be 男/女
    or its code 1/2; ethnicity its name (汉, 汉族) or GB 3304 code (01); dates
    may use ``-`` or ``.`` between their parts. Raises
    :class:`~clerk_desk.errors.InvalidInput` (``where="id_card"``) saying
    what is wrong.
    """
    raw = text.strip()
    if not raw:
        raise InvalidInput(WHERE, "nothing was read; put the card on the reader again")
    separator = next((s for s in _SEPARATORS if s in raw), None)
    if separator is None:
        return parse_resident_id(raw, today=today, where=WHERE).number

    fields = [f.strip() for f in raw.split(separator)]
    if len(fields) == len(_FIELDS) + 1 and not fields[-1]:
        fields.pop()  # a trailing separator
    if len(fields) != len(_FIELDS):
        raise _wrong_field_count(separator, len(fields))
    for label, value in zip(_FIELDS, fields, strict=True):
        if not value:
            raise InvalidInput(WHERE, "the {field} field is empty", field=label)
    name, sex, ethnicity, birth, address, number, authority, validity = fields
    valid_from, valid_until = _validity(validity)
    card = IdCardData(
        name=name,
        sex=_sex(sex),
        ethnicity=_ethnicity(ethnicity),
        birth_date=_date(birth, "birth date"),
        address=address,
        id_number=number,
        issuing_authority=authority,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    return validate_card(card, today=today)


def _wrong_field_count(separator: str, got: int) -> InvalidInput:
    params = {"count": len(_FIELDS), "fields": ", ".join(_FIELDS), "got": got}
    if separator == "\t":
        return InvalidInput(
            WHERE,
            "a card record has {count} fields separated by tabs ({fields}); got {got}",
            **params,
        )
    if separator in (",", "\uff0c"):
        return InvalidInput(
            WHERE,
            "a card record has {count} fields separated by commas ({fields}); got {got}",
            **params,
        )
    return InvalidInput(
        WHERE,
        "a card record has {count} fields separated by {separator} ({fields}); got {got}",
        separator=repr(separator),
        **params,
    )


def _sex(value: str) -> str:
    sex = {"男": "男", "女": "女", "1": "男", "2": "女"}.get(value.upper().removesuffix("性"))
    if sex is None:
        raise InvalidInput(
            WHERE, "sex should be 男 or 女 (or the code 1 or 2), got {got}", got=repr(value)
        )
    return sex


def _ethnicity(value: str) -> str:
    if value.isdigit() and len(value) == 2:
        code = int(value)
        if not 1 <= code <= len(ETHNICITIES):
            raise InvalidInput(
                WHERE, "ethnicity code {code} is not a GB 3304 code (01-56)", code=value
            )
        return ETHNICITIES[code - 1]
    name = value.removesuffix("族")
    return name or value


def _date(value: str, label: str) -> date:
    m = _DATE_RE.fullmatch(value)
    if m is None:
        raise InvalidInput(
            WHERE, "{field} should be written YYYYMMDD, got {got}", field=label, got=repr(value)
        )
    return _real_date(m.group(1), m.group(2), m.group(3), label, value)


def _real_date(year: str, month: str, day: str, label: str, shown: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise InvalidInput(
            WHERE, "{field} {shown} is not a real date", field=label, shown=repr(shown)
        ) from None


def _validity(value: str) -> tuple[date, date | None]:
    m = _VALIDITY_RE.fullmatch(value)
    if m is None:
        raise InvalidInput(
            WHERE,
            "validity should be written YYYYMMDD-YYYYMMDD or YYYYMMDD-长期, got {got}",
            got=repr(value),
        )
    start = _real_date(m.group(1), m.group(2), m.group(3), "validity start", value)
    if m.group(7):  # 长期
        return start, None
    return start, _real_date(m.group(4), m.group(5), m.group(6), "validity end", value)
