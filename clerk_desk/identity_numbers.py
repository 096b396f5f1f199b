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
        raise InvalidInput(where, f"ID number should have 18 characters, got {len(number)}")
    for pos, c in enumerate(number[:17], start=1):
        if c not in _DIGITS:
            raise InvalidInput(where, f"character {pos} should be a digit, got {raw[pos - 1]!r}")
    got = number[17]
    if got not in _ID_CHECK_CHARS:
        raise InvalidInput(
            where, f"character 18 (the check character) should be a digit or X, got {raw[17]!r}"
        )

    if int(number[:2]) not in _PROVINCE_CODES:
        raise InvalidInput(where, f"unknown province code {number[:2]!r} (first two digits)")

    digits = number[6:14]
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise InvalidInput(
            where, f"birth date {digits} (characters 7-14) is not a real date"
        ) from None
    if birth < _EARLIEST_BIRTH:
        raise InvalidInput(
            where, f"birth date {birth.isoformat()} is before {_EARLIEST_BIRTH.isoformat()}"
        )
    if birth > today:
        raise InvalidInput(
            where, f"birth date {birth.isoformat()} is after today ({today.isoformat()})"
        )

    expected = resident_id_check_char(number[:17])
    if got != expected:
        raise InvalidInput(
            where,
            f"check character should be {expected!r}, got {got!r} "
            "(the number is probably mistyped)",
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
        raise InvalidInput(where, f"credit code should have 18 characters, got {len(code)}")
    hint = dict(_CREDIT_UNUSED_HINTS)
    for pos, c in enumerate(code, start=1):
        if c in CREDIT_CODE_ALPHABET:
            continue
        if c in hint:
            suggestion = f" (did you mean {hint[c]!r}?)" if hint[c] else ""
            raise InvalidInput(
                where,
                f"character {pos} is {raw[pos - 1]!r}: the letters I, O, S, V and Z are never "
                f"used in unified social credit codes{suggestion}",
            )
        raise InvalidInput(
            where,
            f"character {pos} is {raw[pos - 1]!r}, which is not allowed; only digits and "
            "capital letters other than I, O, S, V and Z are used",
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise InvalidInput(
            where,
            f"check character should be {expected!r}, got {code[17]!r} "
            "(the code is probably mistyped)",
        )
    return code


# --------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
_LANDLINE_RE = re.compile(r"(010|02[0-9]|0[3-9][0-9]{2})([0-9]*)")
_PHONE_HELP = (
    "expected a mainland mobile number (11 digits starting with 13-19) or a landline "
    "number with its area code (e.g. 0571-88889999)"
)


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
            where, f"{raw[pos]!r} does not belong in a phone number; use digits only"
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
                where, f"mobile numbers have 11 digits, got {len(national)} ({national})"
            )
        raise InvalidInput(
            where, f"mobile numbers start with 13 to 19, got {national[:2]!r} ({national})"
        )
    if national.startswith("0"):
        m = _LANDLINE_RE.fullmatch(national)
        if m is None:
            raise InvalidInput(
                where, f"{national[:4]!r} is not a mainland area code (010, 02x or 0xxx)"
            )
        area, local = m.groups()
        if len(local) not in (7, 8):
            raise InvalidInput(
                where,
                f"the local number after area code {area} should have 7 or 8 digits, "
                f"got {len(local)}",
            )
        return f"{area}-{local}"
    raise InvalidInput(where, f"{_PHONE_HELP}; got {raw!r}")


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

_BAD_CATEGORIES = (
    ("Cc", "a control character"),
    ("Cf", "an invisible formatting character"),
    ("Cs", "a lone surrogate (the text was decoded wrongly)"),
    ("Co", "a private-use character other computers cannot display"),
    ("Cn", "not an assigned Unicode character"),
    ("Zl", "a line break"),
    ("Zp", "a paragraph break"),
)


def _name_char_problem(c: str) -> str | None:
    category = unicodedata.category(c)
    if category == "Cn" and any(lo <= ord(c) <= hi for lo, hi in _CJK_RESERVED):
        return None
    return dict(_BAD_CATEGORIES).get(category)


def validate_name(text: str, *, where: str = "name", max_len: int = 100) -> str:
    """Check a personal or organisation name; return it stripped, otherwise unchanged.

    No Unicode normalization is applied: NFC would silently replace CJK
    compatibility ideographs, and rare characters (e.g. ``䶮`` U+4DAE,
    ``𠈌`` U+2020C) must reach the database exactly as typed. The middle dot
    of minority names (``买买提·艾力``) is accepted. Rejected: empty names,
    control, invisible formatting, surrogate, private-use and unassigned code
    points, line breaks, and names longer than ``max_len`` code points.
    """
    name = text.strip()
    if not name:
        raise InvalidInput(where, "name is empty")
    for pos, c in enumerate(name, start=1):
        problem = _name_char_problem(c)
        if problem is not None:
            label = unicodedata.name(c, "")
            shown = f"U+{ord(c):04X}" + (f" ({label})" if label else "")
            raise InvalidInput(where, f"character {pos} is {shown}, {problem}; remove it")
    if len(name) > max_len:
        raise InvalidInput(where, f"name has {len(name)} characters; at most {max_len} are allowed")
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
