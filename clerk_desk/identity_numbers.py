"""Identity numbers, phone numbers and names as typed at the counter.

* Resident identity numbers (GB 11643-1999, 18 characters).
* Unified social credit codes of organisations (GB 32100-2015, 18 characters).
* Mainland phone numbers (mobile and landline).
* Personal and organisation names.
* Masking of identity numbers and names for printed and public documents.

Every ``parse_*``/``validate_*``/``normalize_*`` function raises
:class:`~clerk_desk.errors.InvalidInput` with a message a clerk can act on.
Full-width characters (``０``-``９``, ``Ａ``-``Ｚ``, ``ｘ``, ...), which card
readers and Chinese input methods produce, are accepted and converted to ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from clerk_desk.errors import InvalidInput

__all__ = [
    "CREDIT_CODE_ALPHABET",
    "ResidentId",
    "credit_code_check_char",
    "mask_id_number",
    "mask_name",
    "normalize_phone",
    "parse_credit_code",
    "parse_resident_id",
    "resident_id_check_char",
    "validate_name",
]

_DIGITS = "0123456789"


def _fullwidth_to_ascii(text: str) -> str:
    """Map full-width ASCII forms (U+FF01..U+FF5E) to ASCII; length is preserved."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)


def _ascii_upper(text: str) -> str:
    """Uppercase ASCII letters only (``str.upper`` may change the length)."""
    return "".join(chr(ord(c) - 32) if "a" <= c <= "z" else c for c in text)


# --------------------------------------------------------------------------
# Resident identity number (GB 11643-1999)
# --------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
# 81/82: Hong Kong / Macao residence permits, 83: Taiwan residence permits.
_PROVINCE_CODES = frozenset(
    (
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
        71,
        81,
        82,
        83,
    )
)
_EARLIEST_BIRTH = date(1880, 1, 1)


def resident_id_check_char(first17: str) -> str:
    """Check character (``0``-``9`` or ``X``) for the first 17 digits of a resident ID.

    Raises ``ValueError`` unless ``first17`` is exactly 17 ASCII digits.
    """
    if len(first17) != 17 or any(c not in _DIGITS for c in first17):
        raise ValueError(f"expected 17 ASCII digits, got {first17!r}")
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


@dataclass(frozen=True, slots=True)
class ResidentId:
    """A resident identity number that passed :func:`parse_resident_id`."""

    number: str
    birth_date: date
    sex: Literal["M", "F"]
    region_code: str

    def age_on(self, day: date) -> int:
        """Age in full years (周岁) on ``day``.

        A year is complete on the birthday itself; people born on 29 February
        complete it on 1 March in common years. Raises ``ValueError`` if
        ``day`` is before the birth date.
        """
        born = self.birth_date
        if day < born:
            raise ValueError(f"{day.isoformat()} is before the birth date {born.isoformat()}")
        years = day.year - born.year
        if (day.month, day.day) < (born.month, born.day):
            years -= 1
        return years

    def is_minor_on(self, day: date) -> bool:
        """Whether the holder is under 18 on ``day``."""
        return self.age_on(day) < 18


def parse_resident_id(text: str, *, today: date, where: str = "id_number") -> ResidentId:
    """Parse and verify an 18-character resident identity number.

    Surrounding whitespace is stripped, full-width digits and ``x`` are
    converted, and a lowercase ``x`` check character becomes ``X``. The birth
    date must be a real date between 1880-01-01 and ``today``.
    """
    raw = text.strip()
    if not raw:
        raise InvalidInput(where, "ID number is empty")
    number = _ascii_upper(_fullwidth_to_ascii(raw))
    if len(number) == 15 and all(c in _DIGITS for c in number):
        raise InvalidInput(
            where, "15-digit numbers are no longer valid; ask for the 18-digit number"
        )
    if len(number) != 18:
        raise InvalidInput(
            where, "ID number should have 18 characters, got {length}", length=len(number)
        )
    for pos, c in enumerate(number[:17], start=1):
        if c not in _DIGITS:
            raise InvalidInput(
                where,
                "character {pos} should be a digit, got {got}",
                pos=pos,
                got=repr(raw[pos - 1]),
            )
    got = number[17]
    if got not in _ID_CHECK_CHARS:
        raise InvalidInput(
            where,
            "character 18 (the check character) should be a digit or X, got {got}",
            got=repr(raw[17]),
        )

    if int(number[:2]) not in _PROVINCE_CODES:
        raise InvalidInput(
            where, "unknown province code {code} (first two digits)", code=repr(number[:2])
        )

    digits = number[6:14]
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise InvalidInput(
            where, "birth date {digits} (characters 7-14) is not a real date", digits=digits
        ) from None
    if birth < _EARLIEST_BIRTH:
        raise InvalidInput(
            where,
            "birth date {birth} is before {earliest}",
            birth=birth.isoformat(),
            earliest=_EARLIEST_BIRTH.isoformat(),
        )
    if birth > today:
        raise InvalidInput(
            where,
            "birth date {birth} is after today ({today})",
            birth=birth.isoformat(),
            today=today.isoformat(),
        )

    expected = resident_id_check_char(number[:17])
    if got != expected:
        # Not "should be X": a clerk would "correct" the last character of a
        # mistyped number into a valid but wrong one (see tracking_numbers.parse).
        raise InvalidInput(
            where,
            "the last character (the check character) does not match the 17 digits before it: "
            "the number is probably mistyped; compare every digit with the ID card",
        )
    sex: Literal["M", "F"] = "M" if int(number[16]) % 2 == 1 else "F"
    return ResidentId(number=number, birth_date=birth, sex=sex, region_code=number[:6])


# --------------------------------------------------------------------------
# Unified social credit code (GB 32100-2015)
# --------------------------------------------------------------------------

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_UNUSED_HINTS = (("I", "1"), ("O", "0"), ("S", "5"), ("V", ""), ("Z", "2"))


def credit_code_check_char(first17: str) -> str:
    """Check character for the first 17 characters of a unified social credit code.

    Raises ``ValueError`` unless ``first17`` is 17 characters of
    :data:`CREDIT_CODE_ALPHABET`.
    """
    if len(first17) != 17 or any(c not in CREDIT_CODE_ALPHABET for c in first17):
        raise ValueError(f"expected 17 characters of {CREDIT_CODE_ALPHABET}, got {first17!r}")
    total = sum(
        CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def parse_credit_code(text: str, *, where: str = "credit_code") -> str:
    """Verify a unified social credit code and return it in canonical form.

    Surrounding whitespace is stripped, letters are uppercased and full-width
    characters converted to ASCII.
    """
    raw = text.strip()
    if not raw:
        raise InvalidInput(where, "credit code is empty")
    code = _ascii_upper(_fullwidth_to_ascii(raw))
    if len(code) != 18:
        raise InvalidInput(
            where, "credit code should have 18 characters, got {length}", length=len(code)
        )
    hint = dict(_CREDIT_UNUSED_HINTS)
    for pos, c in enumerate(code, start=1):
        if c in CREDIT_CODE_ALPHABET:
            continue
        typed = repr(raw[pos - 1])
        if hint.get(c):
            raise InvalidInput(
                where,
                "character {pos} is {typed}: the letters I, O, S, V and Z are never "
                "used in unified social credit codes (did you mean {hint}?)",
                pos=pos,
                typed=typed,
                hint=repr(hint[c]),
            )
        if c in hint:
            raise InvalidInput(
                where,
                "character {pos} is {typed}: the letters I, O, S, V and Z are never "
                "used in unified social credit codes",
                pos=pos,
                typed=typed,
            )
        raise InvalidInput(
            where,
            "character {pos} is {typed}, which is not allowed; only digits and "
            "capital letters other than I, O, S, V and Z are used",
            pos=pos,
            typed=typed,
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise InvalidInput(
            where,
            "the last character (the check character) does not match the 17 characters "
            "before it: the code is probably mistyped; compare every character with the "
            "business licence",
        )
    return code


# --------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
_LANDLINE_RE = re.compile(r"(010|02[0-9]|0[3-9][0-9]{2})([0-9]*)")


def normalize_phone(text: str, *, where: str = "phone") -> str:
    """Normalize a mainland mobile or landline number.

    Mobiles (``1[3-9]`` + 9 digits, optionally prefixed ``+86``, ``0086`` or
    ``86``) come back as 11 bare digits. Landlines (area code + 7 or 8 digits)
    come back as ``"0571-88889999"``; the area code is 3 digits for 010 and
    02x and 4 digits otherwise, whatever hyphens the input had. Spaces and
    hyphens anywhere are ignored.
    """
    raw = text.strip()
    if not raw:
        raise InvalidInput(where, "phone number is empty")
    converted = _fullwidth_to_ascii(raw)
    kept: list[str] = []
    for pos, c in enumerate(converted):
        if c.isspace() or c in _DASHES:
            continue
        if c in _DIGITS or (c == "+" and not kept):
            kept.append(c)
            continue
        raise InvalidInput(
            where,
            "{typed} does not belong in a phone number; use digits only",
            typed=repr(raw[pos]),
        )
    compact = "".join(kept)

    prefixed = True
    if compact.startswith("+86"):
        national = compact[3:]
    elif compact.startswith("+"):
        raise InvalidInput(where, "only mainland China numbers (+86) are accepted")
    elif compact.startswith("0086"):
        national = compact[4:]
    elif compact.startswith("86") and len(compact) == 13:
        national = compact[2:]
    else:
        national, prefixed = compact, False

    if prefixed and not national.startswith("1"):
        raise InvalidInput(
            where,
            "after +86 only a mobile number is accepted; write landlines with their "
            "area code, e.g. 0571-88889999",
        )
    if national.startswith("1"):
        if _MOBILE_RE.fullmatch(national):
            return national
        if len(national) != 11:
            raise InvalidInput(
                where,
                "mobile numbers have 11 digits, got {length} ({number})",
                length=len(national),
                number=national,
            )
        raise InvalidInput(
            where,
            "mobile numbers start with 13 to 19, got {start} ({number})",
            start=repr(national[:2]),
            number=national,
        )
    if national.startswith("0"):
        m = _LANDLINE_RE.fullmatch(national)
        if m is None:
            raise InvalidInput(
                where,
                "{code} is not a mainland area code (010, 02x or 0xxx)",
                code=repr(national[:4]),
            )
        area, local = m.groups()
        if len(local) not in (7, 8):
            raise InvalidInput(
                where,
                "the local number after area code {area} should have 7 or 8 digits, got {length}",
                area=area,
                length=len(local),
            )
        return f"{area}-{local}"
    raise InvalidInput(
        where,
        "expected a mainland mobile number (11 digits starting with 13-19) or a landline "
        "number with its area code (e.g. 0571-88889999); got {typed}",
        typed=repr(raw),
    )


# --------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------

# Blocks and planes reserved for CJK ideographs. Python 3.11 ships Unicode 14,
# which does not know CJK Extension H (U+31350..U+323AF, Unicode 15) or
# Extension I (U+2EBF0.., Unicode 15.1), yet rare characters in real names
# are encoded there; code points these ranges reserve are accepted even when
# the bundled database calls them unassigned. The plane ends (U+xFFFE/U+xFFFF)
# are noncharacters and stay excluded.
_CJK_RESERVED = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD))

_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def in_cjk_blocks(c: str) -> bool:
    """Whether ``c`` lies in the CJK ideograph planes and blocks (assigned or to be).

    Python's Unicode data lags the standard: an ideograph of a newer extension
    (Extension I, U+2EBF0...) is "unassigned" to it, yet a real character.
    """
    return any(lo <= ord(c) <= hi for lo, hi in _CJK_RESERVED)


def _name_char_problem(c: str) -> str | None:
    """The Unicode category that makes ``c`` unacceptable in a name, or None."""
    category = unicodedata.category(c)
    if category == "Cn" and in_cjk_blocks(c):
        return None
    return category if category in _BAD_CATEGORIES else None


def _bad_name_char(where: str, pos: int, shown: str, category: str) -> InvalidInput:
    """The refusal of a character of ``category`` (one template each, for translation)."""
    if category == "Cc":
        return InvalidInput(
            where,
            "character {pos} is {shown}, a control character; remove it",
            pos=pos,
            shown=shown,
        )
    if category == "Cf":
        return InvalidInput(
            where,
            "character {pos} is {shown}, an invisible formatting character; remove it",
            pos=pos,
            shown=shown,
        )
    if category == "Cs":
        return InvalidInput(
            where,
            "character {pos} is {shown}, a lone surrogate (the text was decoded wrongly); "
            "remove it",
            pos=pos,
            shown=shown,
        )
    if category == "Co":
        return InvalidInput(
            where,
            "character {pos} is {shown}, a private-use character other computers cannot "
            "display; remove it",
            pos=pos,
            shown=shown,
        )
    if category == "Cn":
        return InvalidInput(
            where,
            "character {pos} is {shown}, not an assigned Unicode character; remove it",
            pos=pos,
            shown=shown,
        )
    if category == "Zl":
        return InvalidInput(
            where, "character {pos} is {shown}, a line break; remove it", pos=pos, shown=shown
        )
    return InvalidInput(
        where, "character {pos} is {shown}, a paragraph break; remove it", pos=pos, shown=shown
    )


def validate_name(
    text: str, *, where: str = "name", max_len: int = 100, field: str = "name"
) -> str:
    """Check a personal or organisation name; return it stripped, otherwise unchanged.

    No Unicode normalization is applied: NFC would silently replace CJK
    compatibility ideographs, and rare characters (e.g. ``䶮`` U+4DAE,
    ``𠈌`` U+2020C) must reach the database exactly as typed. The middle dot
    of minority names (``买买提·艾力``) is accepted. Rejected: empty names,
    control, invisible formatting, surrogate, private-use and unassigned code
    points, line breaks, and names longer than ``max_len`` code points.
    ``field`` is what the messages call the text ("name is empty").
    """
    name = text.strip()
    if not name:
        raise InvalidInput(where, "{field} is empty", field=field)
    for pos, c in enumerate(name, start=1):
        category = _name_char_problem(c)
        if category is not None:
            label = unicodedata.name(c, "")
            shown = f"U+{ord(c):04X}" + (f" ({label})" if label else "")
            raise _bad_name_char(where, pos, shown, category)
    if len(name) > max_len:
        raise InvalidInput(
            where,
            "{field} has {length} characters; at most {max_len} are allowed",
            field=field,
            length=len(name),
            max_len=max_len,
        )
    return name


# --------------------------------------------------------------------------
# Masking
# --------------------------------------------------------------------------


def mask_id_number(number: str) -> str:
    """Keep the first 4 and last 4 characters, replace the rest with ``*``.

    ``"370802199001011234"`` -> ``"3708**********1234"``. Values of 8
    characters or fewer are masked entirely, since keeping 4 + 4 would show
    everything.
    """
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_name(name: str) -> str:
    """Mask a name per character: ``王`` -> ``王``, ``王明`` -> ``王*``, ``王小明`` -> ``王*明``.

    Characters are code points (astral ideographs such as ``𠈌`` count as one);
    combining marks and variation selectors stay with the character before
    them so an ideographic variation sequence is kept or masked whole.
    """
    clusters: list[str] = []
    for c in name:
        if clusters and unicodedata.category(c).startswith("M"):
            clusters[-1] += c
        else:
            clusters.append(c)
    n = len(clusters)
    if n <= 1:
        return name
    if n == 2:
        return clusters[0] + "*"
    return clusters[0] + "*" * (n - 2) + clusters[-1]
