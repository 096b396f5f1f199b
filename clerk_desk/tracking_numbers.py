"""Tracking numbers (办件编号), terminal numbers and query codes (查询码).

An elderly applicant reads the tracking number to a clerk over the phone, so
it is digits only, printed in four groups of four, like a bank card::

    YYMMDD TTTTT SSSS C                      2611 2390 4210 0017
    |      |     |    +-- Damm check digit
    |      |     +------- sequence of the case on that terminal and day, 0001..9999
    |      +------------- terminal number (5 digits)
    +-------------------- local date the case was opened (2000..2099)

``LENGTH`` = 16 digits, never 15 or 18: the intake's ID field takes resident
ID numbers (18 characters, and the old 15 digits) as well as tracking
numbers, and tells them apart by their form alone. Numbers sort by the day
they were opened, across terminals.

Terminal number: numbers are unique county-wide because each terminal's
number is. The county server assigns it at enrollment, from
``00001``..``89999`` (``clerk-desk terminal number N``). Until then a terminal
draws a provisional number from ``90000``..``99999``, the range reserved for
unregistered terminals (:func:`new_provisional_terminal_number`). Two
unregistered terminals may draw the same one (among 10 of them, about a 0.5%
chance; among 50, 12%): the range says the number is provisional, so the
server knows to look for a clash, and every case also carries its own id.

Check digit (Damm, 2004): ``DAMM_TABLE`` is a quasigroup of order 10 whose
rows and columns are permutations of the digits (a Latin square), with zeros
on the diagonal, and weakly totally anti-symmetric: ``T[T[c][x]][y] ==
T[T[c][y]][x]`` only if ``x == y``. Running a number through the table
(``c = T[c][d]`` for each digit ``d``, from ``c = 0``) ends on 0 exactly when
the check digit is right. This detects, at every length:

* every single-digit substitution: at the wrong digit the interim differs
  (a row is a permutation), and every later step keeps two different interims
  different (a column is a permutation);
* every transposition of two different adjacent digits, the check digit
  included: the pair leaves different interims (anti-symmetry), kept
  different to the end as above.

``tests/test_tracking_numbers.py`` checks the three table properties
exhaustively (so the two detections hold for every number of the range),
and tries every substitution and transposition of random numbers.

Query code: 8 random digits from ``secrets``, printed ``1234 5678``, which the
public status page asks for beside the tracking number. Guessing is stopped
by the server's rate limit on each tracking number, not by the code's length.

Old numbers: stores of earlier versions hold 13-symbol numbers such as
``7FV-V5X-4YU-223-E`` and 10-symbol query codes. They stay readable,
searchable and printable: :func:`parse`, :func:`is_valid` and :func:`display`
take both forms, and the ``legacy_`` functions below keep the old scheme.
New numbers are issued only in the new form.
"""

from __future__ import annotations

import random
import secrets
from datetime import date, timedelta

from clerk_desk.errors import InvalidInput, RuleViolation

__all__ = [
    "DAMM_TABLE",
    "FIRST_DAY",
    "LAST_DAY",
    "LEGACY_ALPHABET",
    "LEGACY_LENGTH",
    "LEGACY_QUERY_CODE_LENGTH",
    "LEGACY_TERMINAL_CODE_LENGTH",
    "LENGTH",
    "MAX_SEQUENCE",
    "PROVISIONAL_TERMINALS",
    "QUERY_CODE_LENGTH",
    "TERMINAL_NUMBER_LENGTH",
    "check_digit",
    "compose",
    "decompose",
    "display",
    "display_query_code",
    "is_legacy",
    "is_legacy_terminal_code",
    "is_provisional_terminal",
    "is_terminal_number",
    "is_valid",
    "legacy_check_char",
    "legacy_compose",
    "legacy_decompose",
    "legacy_is_valid",
    "new_provisional_terminal_number",
    "new_query_code",
    "normalize",
    "parse",
    "parse_terminal_number",
    "query_code_matches",
]

LENGTH = 16
_DATE_LENGTH = 6
TERMINAL_NUMBER_LENGTH = 5
_SEQUENCE_LENGTH = 4
MAX_SEQUENCE = 10**_SEQUENCE_LENGTH - 1  # 9999
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
# Terminal numbers the county never assigns: drawn by terminals not yet enrolled.
PROVISIONAL_TERMINALS = range(90000, 100000)
_GROUP = 4
QUERY_CODE_LENGTH = 8
_DIGITS = frozenset("0123456789")

# H. M. Damm's table (Total anti-symmetrische Quasigruppen, 2004), row = interim, column = digit.
DAMM_TABLE: tuple[tuple[int, ...], ...] = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

# Letters a person may type for a digit they see on the receipt (the old form's alphabet
# leaves these out, so they never mean an old number).
_LOOK_ALIKE_DIGITS = {"O": "0", "I": "1", "L": "1", "Z": "2", "S": "5"}

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


def _interim(digits: str) -> int:
    c = 0
    for d in digits:
        c = DAMM_TABLE[c][ord(d) - 48]
    return c


def _all_digits(text: str) -> bool:
    return bool(text) and all(c in _DIGITS for c in text)


def check_digit(body: str) -> str:
    """The Damm check digit to append to ``body`` (ASCII digits, at least one).

    Raises ``ValueError`` for an empty body or a character that is no digit.
    """
    if not _all_digits(body):
        raise ValueError(f"body must be ASCII digits, got {body!r}")
    # The diagonal is zero: appending the interim itself ends the run on 0.
    return str(_interim(body))


def _day_of(number: str) -> date | None:
    try:
        day = date(2000 + int(number[0:2]), int(number[2:4]), int(number[4:6]))
    except ValueError:
        return None
    return day


def _is_new_valid(number: str) -> bool:
    return len(number) == LENGTH and _all_digits(number) and _interim(number) == 0


def is_valid(number: str) -> bool:
    """Whether ``number`` is a canonical tracking number, of the new or the old form.

    No normalization: use :func:`parse` for what a person typed. A new-form
    number must also begin with a real date.
    """
    if _is_new_valid(number):
        return _day_of(number) is not None
    return legacy_is_valid(number)


def is_legacy(number: str) -> bool:
    """Whether ``number`` is a canonical tracking number of the old 13-symbol form."""
    return legacy_is_valid(number)


def _normalized_pairs(text: str) -> list[tuple[str, str]]:
    """(normalized symbol, character as typed) for every kept character."""
    pairs: list[tuple[str, str]] = []
    for typed in text:
        c = typed
        if "\uff01" <= c <= "\uff5e":  # full-width ASCII forms
            c = chr(ord(c) - 0xFEE0)
        if c.isspace() or c in _DASHES:
            continue
        if "a" <= c <= "z":
            c = chr(ord(c) - 32)
        pairs.append((c, typed))
    return pairs


def normalize(text: str) -> str:
    """Uppercase, convert full-width characters to ASCII, drop spaces and hyphens.

    Accepts the :func:`display` form of either kind back. Does not validate.
    """
    return "".join(c for c, _ in _normalized_pairs(text))


def _is_old_form_typed(pairs: list[tuple[str, str]]) -> bool:
    """Whether what was typed is meant as an old 13-symbol number.

    New numbers are digits only, so a letter of the old alphabet says "old"
    (the look-alikes O, I, L, S, Z are in neither form: they go to the new
    form's "probably the digit" hint). Digits alone are old only as a valid
    13-symbol number (an old number may, rarely, have no letter).
    """
    symbols = "".join(c for c, _ in pairs)
    if any(c in _LEGACY_LETTERS for c in symbols):
        return True
    return len(symbols) == LEGACY_LENGTH and legacy_is_valid(symbols)


def parse(text: str, *, where: str = "tracking_number") -> str:
    """Normalize and verify a tracking number as typed (either form); return it canonical.

    The message for a failed check does not reveal the expected check digit,
    so a guessed or misread number cannot be "repaired" from it.
    """
    pairs = _normalized_pairs(text)
    if not pairs:
        raise InvalidInput(where, "{what} is empty", what="tracking number")
    if _is_old_form_typed(pairs):
        return _legacy_parse(pairs, where)
    for pos, (c, typed) in enumerate(pairs, start=1):
        if c in _DIGITS:
            continue
        if c in _LOOK_ALIKE_DIGITS:
            raise InvalidInput(
                where,
                "character {pos} (not counting spaces and hyphens) is {typed}, but tracking "
                "numbers are digits only; it is probably the digit {digit}",
                pos=pos,
                typed=repr(typed),
                digit=_LOOK_ALIKE_DIGITS[c],
            )
        raise InvalidInput(
            where,
            "character {pos} (not counting spaces and hyphens) is {typed}, but tracking "
            "numbers are digits only",
            pos=pos,
            typed=repr(typed),
        )
    number = "".join(c for c, _ in pairs)
    if len(number) != LENGTH:
        raise InvalidInput(
            where,
            "tracking number should have {length} digits (not counting spaces and hyphens), "
            "got {got}",
            length=LENGTH,
            got=len(number),
        )
    if _interim(number) != 0:
        raise InvalidInput(
            where,
            "tracking number fails its check character test; it is probably mistyped "
            "(compare it with the receipt)",
        )
    if _day_of(number) is None:
        raise InvalidInput(
            where,
            "tracking number begins with {digits}, which is no date; it is probably mistyped "
            "(compare it with the receipt)",
            digits=number[:_DATE_LENGTH],
        )
    return number


def compose(terminal: str, day: date, sequence: int) -> str:
    """Tracking number of case ``sequence`` (from 1) of terminal number ``terminal`` on ``day``.

    Raises ``ValueError`` for a malformed terminal number, a day outside
    ``FIRST_DAY``..``LAST_DAY`` or a sequence below 1, and
    :class:`~clerk_desk.errors.RuleViolation` when ``sequence`` exceeds
    ``MAX_SEQUENCE``.
    """
    if not is_terminal_number(terminal):
        raise ValueError(f"malformed terminal number {terminal!r}")
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            f"{day.isoformat()} is outside the tracking-number range "
            f"{FIRST_DAY.isoformat()}..{LAST_DAY.isoformat()}"
        )
    if sequence < 1:
        raise ValueError(f"sequence counts from 1, got {sequence}")
    if sequence > MAX_SEQUENCE:
        raise RuleViolation("daily tracking-number sequence exhausted for this terminal")
    body = f"{day:%y%m%d}{terminal}{sequence:0{_SEQUENCE_LENGTH}d}"
    return body + check_digit(body)


def decompose(number: str) -> tuple[str, date, int]:
    """Inverse of :func:`compose`: (terminal number, day, sequence) of a new-form number.

    Accepts what :func:`parse` accepts of the new form and raises its
    ``InvalidInput``; an old-form number raises ``ValueError`` (see
    :func:`legacy_decompose`).
    """
    canonical = parse(number)
    day = _day_of(canonical)
    if len(canonical) != LENGTH or day is None:
        raise ValueError(f"{number!r} is an old-form number: use legacy_decompose")
    terminal_end = _DATE_LENGTH + TERMINAL_NUMBER_LENGTH
    return (
        canonical[_DATE_LENGTH:terminal_end],
        day,
        int(canonical[terminal_end : terminal_end + _SEQUENCE_LENGTH]),
    )


def display(number: str) -> str:
    """A tracking number as printed and read aloud.

    New form: four groups of four digits, ``2611 2390 4210 0017``. Old form:
    ``XXX-XXX-XXX-XXX-X`` as it was printed. Raises ``ValueError`` if
    ``number`` (after :func:`normalize`) is neither.
    """
    canonical = normalize(number)
    if _is_new_valid(canonical) and _day_of(canonical) is not None:
        return " ".join(canonical[i : i + _GROUP] for i in range(0, LENGTH, _GROUP))
    if legacy_is_valid(canonical):
        return _legacy_display(canonical)
    raise ValueError(f"not a valid tracking number: {number!r}")


# -- terminal numbers ------------------------------------------------------------------------


def is_terminal_number(text: str) -> bool:
    """Whether ``text`` is a terminal number as stored: exactly 5 ASCII digits."""
    return len(text) == TERMINAL_NUMBER_LENGTH and _all_digits(text)


def is_provisional_terminal(text: str) -> bool:
    """Whether ``text`` is a terminal number a terminal drew for itself (``90000``..``99999``)."""
    return is_terminal_number(text) and int(text) in PROVISIONAL_TERMINALS


def new_provisional_terminal_number(rng: random.Random | None = None) -> str:
    """A provisional terminal number from ``PROVISIONAL_TERMINALS`` (``secrets`` by default)."""
    size = len(PROVISIONAL_TERMINALS)
    offset = secrets.randbelow(size) if rng is None else rng.randrange(size)
    return str(PROVISIONAL_TERMINALS[offset])


def parse_terminal_number(text: str, *, where: str = "terminal_number") -> str:
    """A county-assigned terminal number as typed: 5 digits, ``00001``..``89999``."""
    typed = "".join(c for c, _ in _normalized_pairs(text))
    if not is_terminal_number(typed):
        raise InvalidInput(
            where,
            "a terminal number has {length} digits, like 00042; got {typed}",
            length=TERMINAL_NUMBER_LENGTH,
            typed=repr(text.strip()),
        )
    if int(typed) in PROVISIONAL_TERMINALS or int(typed) == 0:
        raise InvalidInput(
            where,
            "terminal numbers {first}-{last} are drawn by terminals not yet enrolled, and 00000 "
            "is none: the county assigns 00001-{highest}",
            first=PROVISIONAL_TERMINALS[0],
            last=PROVISIONAL_TERMINALS[-1],
            highest=PROVISIONAL_TERMINALS[0] - 1,
        )
    return typed


# -- query codes ---------------------------------------------------------------------------


def new_query_code() -> str:
    """Secret code a citizen types on the public status page with the tracking number.

    ``QUERY_CODE_LENGTH`` = 8 digits drawn with ``secrets``. Short enough to
    read aloud; the server's rate limit on each tracking number stops guessing.
    """
    return "".join(secrets.choice("0123456789") for _ in range(QUERY_CODE_LENGTH))


def _canonical_query_code(text: str) -> str:
    return normalize(text)


def display_query_code(code: str) -> str:
    """A query code as printed: ``1234 5678``; an old 10-symbol one ``6MXVU 4A5HU``."""
    canonical = _canonical_query_code(code)
    half = -(-len(canonical) // 2) if len(canonical) > 5 else len(canonical)
    return " ".join(part for part in (canonical[:half], canonical[half:]) if part)


def query_code_matches(stored: str, typed: str) -> bool:
    """Whether ``typed`` is the case's query code (spaces, hyphens and case aside).

    Works for the new 8-digit codes and the old 10-symbol ones alike; compares
    in constant time.
    """
    a = _canonical_query_code(stored).encode()
    b = _canonical_query_code(typed).encode()
    return bool(a) and secrets.compare_digest(a, b)


# -- the old form (stores of earlier versions) -------------------------------------------------
#
# Layout (13 symbols, printed ``XXX-XXX-XXX-XXX-X``): terminal code (6 symbols) | day since
# 2020-01-01, base 29 (3) | daily sequence from 0, base 29 (3) | check character (1).
# ``LEGACY_ALPHABET`` has 29 symbols (a prime), no 0/O, 1/I/L, 2/Z, 5/S look-alikes. The check
# character makes sum(k * v_k) == 0 (mod 29), positions k counted from 1 at the right.

LEGACY_ALPHABET = "23456789ABCDEFGHJKMNPQRTUVWXY"
_LEGACY_BASE = len(LEGACY_ALPHABET)  # 29
_LEGACY_LETTERS = frozenset(c for c in LEGACY_ALPHABET if c.isalpha())
LEGACY_LENGTH = 13
LEGACY_TERMINAL_CODE_LENGTH = 6
LEGACY_QUERY_CODE_LENGTH = 10
_LEGACY_DAY_DIGITS = 3
_LEGACY_SEQUENCE_DIGITS = 3
_LEGACY_EPOCH = date(2020, 1, 1)
_LEGACY_MAX_BODY = _LEGACY_BASE - 2
_NOT_USED = frozenset("0O1ILSZ")  # symbols a person may type that the old alphabet leaves out


def _legacy_weighted_sum(symbols: str, first_weight: int) -> int:
    return sum(
        (first_weight + i) * LEGACY_ALPHABET.index(c) for i, c in enumerate(reversed(symbols))
    )


def legacy_check_char(body: str) -> str:
    """Old-form check character to append to ``body`` (1 to 27 symbols of the old alphabet)."""
    if not 1 <= len(body) <= _LEGACY_MAX_BODY:
        raise ValueError(f"body must have 1 to {_LEGACY_MAX_BODY} symbols, got {len(body)}")
    for c in body:
        if c not in LEGACY_ALPHABET:
            raise ValueError(f"{c!r} is not a tracking-number symbol")
    return LEGACY_ALPHABET[-_legacy_weighted_sum(body, 2) % _LEGACY_BASE]


def legacy_is_valid(number: str) -> bool:
    """Whether ``number`` is a canonical old-form number (13 symbols, check passes)."""
    if len(number) != LEGACY_LENGTH or any(c not in LEGACY_ALPHABET for c in number):
        return False
    return _legacy_weighted_sum(number, 1) % _LEGACY_BASE == 0


def is_legacy_terminal_code(text: str) -> bool:
    """Whether ``text`` is a terminal code of the old form (6 symbols of the old alphabet)."""
    return len(text) == LEGACY_TERMINAL_CODE_LENGTH and all(c in LEGACY_ALPHABET for c in text)


def _legacy_encode(n: int, width: int) -> str:
    symbols = []
    for _ in range(width):
        n, digit = divmod(n, _LEGACY_BASE)
        symbols.append(LEGACY_ALPHABET[digit])
    return "".join(reversed(symbols))


def _legacy_decode(symbols: str) -> int:
    n = 0
    for c in symbols:
        n = n * _LEGACY_BASE + LEGACY_ALPHABET.index(c)
    return n


def legacy_compose(terminal_code: str, day: date, sequence: int) -> str:
    """The old-form number earlier versions gave case ``sequence`` (from 0) on ``day``.

    Kept to read (and to test with) numbers in stores of earlier versions; no
    new case gets one.
    """
    if not is_legacy_terminal_code(terminal_code):
        raise ValueError(f"malformed terminal code {terminal_code!r}")
    offset = (day - _LEGACY_EPOCH).days
    if not 0 <= offset < _LEGACY_BASE**_LEGACY_DAY_DIGITS:
        raise ValueError(f"{day.isoformat()} is outside the old tracking-number range")
    if not 0 <= sequence < _LEGACY_BASE**_LEGACY_SEQUENCE_DIGITS:
        raise ValueError(f"sequence {sequence} is outside the old range")
    body = (
        terminal_code
        + _legacy_encode(offset, _LEGACY_DAY_DIGITS)
        + _legacy_encode(sequence, _LEGACY_SEQUENCE_DIGITS)
    )
    return body + legacy_check_char(body)


def legacy_decompose(number: str) -> tuple[str, date, int]:
    """(terminal code, day, sequence) of an old-form number; ``ValueError`` if it is none."""
    canonical = normalize(number)
    if not legacy_is_valid(canonical):
        raise ValueError(f"not an old-form tracking number: {number!r}")
    day_end = LEGACY_TERMINAL_CODE_LENGTH + _LEGACY_DAY_DIGITS
    offset = _legacy_decode(canonical[LEGACY_TERMINAL_CODE_LENGTH:day_end])
    sequence = _legacy_decode(canonical[day_end : day_end + _LEGACY_SEQUENCE_DIGITS])
    return (
        canonical[:LEGACY_TERMINAL_CODE_LENGTH],
        _LEGACY_EPOCH + timedelta(days=offset),
        sequence,
    )


def _legacy_display(canonical: str) -> str:
    groups = [canonical[i : i + 3] for i in range(0, LEGACY_LENGTH - 1, 3)]
    return "-".join([*groups, canonical[-1]])


def _not_used(where: str, pos: int, typed: str, c: str) -> InvalidInput:
    """The refusal of a symbol the old alphabet leaves out, with a hint at what was meant."""
    params = {"what": "tracking number", "pos": pos, "typed": repr(typed)}
    if c == "0":
        return InvalidInput(
            where,
            "character {pos} (not counting spaces and hyphens) is {typed}: no digit 0 is used "
            "(nor the letter O) in {what}s",
            **params,
        )
    if c == "O":
        return InvalidInput(
            where,
            "character {pos} (not counting spaces and hyphens) is {typed}: no letter O is used "
            "(nor the digit 0) in {what}s",
            **params,
        )
    if c == "1":
        return InvalidInput(
            where,
            "character {pos} (not counting spaces and hyphens) is {typed}: no digit 1 is used "
            "(nor the letters I and L) in {what}s",
            **params,
        )
    if c == "I":
        return InvalidInput(
            where,
            "character {pos} (not counting spaces and hyphens) is {typed}: no letter I is used "
            "(nor the digit 1 or the letter L) in {what}s",
            **params,
        )
    if c == "L":
        return InvalidInput(
            where,
            "character {pos} (not counting spaces and hyphens) is {typed}: no letter L is used "
            "(nor the digit 1 or the letter I) in {what}s",
            **params,
        )
    if c == "S":
        return InvalidInput(
            where,
            "character {pos} (not counting spaces and hyphens) is {typed}: no letter S is used; "
            "it is probably the digit 5 in {what}s",
            **params,
        )
    return InvalidInput(
        where,
        "character {pos} (not counting spaces and hyphens) is {typed}: no letter Z is used; "
        "it is probably the digit 2 in {what}s",
        **params,
    )


def _legacy_parse(pairs: list[tuple[str, str]], where: str) -> str:
    """An old-form number as typed (see :func:`parse`), with hints at look-alikes."""
    for pos, (c, typed) in enumerate(pairs, start=1):
        if c in LEGACY_ALPHABET:
            continue
        if c in _NOT_USED:
            raise _not_used(where, pos, typed, c)
        raise InvalidInput(
            where,
            "character {pos} (not counting spaces and hyphens) is {typed}, which never appears "
            "in {what}s (they use only the symbols {alphabet})",
            pos=pos,
            typed=repr(typed),
            what="tracking number",
            alphabet=LEGACY_ALPHABET,
        )
    number = "".join(c for c, _ in pairs)
    if len(number) != LEGACY_LENGTH:
        raise InvalidInput(
            where,
            "tracking number should have {length} characters (not counting spaces and "
            "hyphens), got {got}",
            length=LEGACY_LENGTH,
            got=len(number),
        )
    if not legacy_is_valid(number):
        raise InvalidInput(
            where,
            "tracking number fails its check character test; it is probably mistyped "
            "(compare it with the receipt)",
        )
    return number
