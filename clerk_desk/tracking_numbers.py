"""Tracking numbers for cases, printed on receipts and read aloud over the phone.

Layout (``LENGTH`` = 13 symbols, printed as ``XXX-XXX-XXX-XXX-X``)::

    TTTTTT DDD SSS C
    |      |   |   +-- check character
    |      |   +------ sequence of the case on that terminal and day, base 29 (0..24388)
    |      +---------- day number since 2020-01-01, base 29 (through 2086-10-09)
    +----------------- terminal code, 6 symbols, chosen once per terminal

A terminal numbers its cases on its own, so numbers are unique across
terminals without coordination, even offline, as long as terminal codes are
distinct. The county may assign each terminal its code (``clerk-desk terminal
code CODE``); a terminal set up without one draws a random code: 29**6 (about
595 million) codes make a clash unlikely even across a province's terminals
(see :func:`new_terminal_code`), and a random code is checked against the
registered ones when the terminal first meets the county's server.

Alphabet: ``ALPHABET`` has 29 symbols, the digits 2-9 and the capital letters
without I, L, O (look like 1 and 0), S (looks like 5) and Z (looks like 2); the
digits 0 and 1 are left out for the same reason. 29 is a prime.

Check character: number the symbols from the right, the check character being
position k = 1, and give position k the weight k. With ``v_k`` the index of the
symbol at position k in ``ALPHABET``, a number is valid when::

    sum(k * v_k) == 0  (mod 29)

and the check character is the symbol that makes it so. This detects:

* every single substitution: replacing ``v_k`` by ``v'_k`` changes the sum by
  ``k * (v'_k - v_k)``. Both factors are nonzero and smaller than 29 in
  absolute value (k <= 28 because numbers have at most 28 symbols), and a
  prime divides a product only if it divides a factor, so the sum cannot
  stay 0 mod 29;
* every transposition of two different adjacent symbols: swapping ``a`` at
  position k and ``b`` at position k + 1 changes the sum by
  ``k*b + (k+1)*a - k*a - (k+1)*b = a - b``, nonzero mod 29 since ``a != b``
  and both are below 29. (Adjacent weights are distinct mod 29, which is all
  this needs; swaps across one symbol change the sum by ``2 * (a - b)`` and
  are caught too.)

A modulus that is not prime, or a weight that is a multiple of the modulus,
would let some substitutions through (e.g. a mod 10 scheme with weight 2
cannot tell 0 from 5).
"""

from __future__ import annotations

import random
import secrets
from datetime import date, timedelta

from clerk_desk.errors import InvalidInput, RuleViolation

__all__ = [
    "ALPHABET",
    "EPOCH",
    "LAST_DAY",
    "LENGTH",
    "MAX_SEQUENCE",
    "QUERY_CODE_LENGTH",
    "TERMINAL_CODE_LENGTH",
    "check_char",
    "compose",
    "decompose",
    "display",
    "is_valid",
    "new_query_code",
    "new_terminal_code",
    "normalize",
    "parse",
    "validate_terminal_code",
]

ALPHABET = "23456789ABCDEFGHJKMNPQRTUVWXY"
_BASE = len(ALPHABET)  # 29, a prime

LENGTH = 13
TERMINAL_CODE_LENGTH = 6
_DAY_DIGITS = 3
_SEQUENCE_DIGITS = 3
EPOCH = date(2020, 1, 1)
LAST_DAY = EPOCH + timedelta(days=_BASE**_DAY_DIGITS - 1)  # 2086-10-09
MAX_SEQUENCE = _BASE**_SEQUENCE_DIGITS - 1  # 24388
# Longest body check_char accepts: with the check character the number has at
# most 28 symbols, so every weight 1..28 is nonzero mod 29.
_MAX_BODY = _BASE - 2

QUERY_CODE_LENGTH = 10

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_NOT_USED = frozenset("0O1ILSZ")  # symbols a person may type that the alphabet leaves out


def _value(symbol: str) -> int:
    return ALPHABET.index(symbol)


def _weighted_sum(symbols: str, first_weight: int) -> int:
    """Sum of weight * value, weights counting up from the right starting at first_weight."""
    return sum((first_weight + i) * _value(c) for i, c in enumerate(reversed(symbols)))


def check_char(body: str) -> str:
    """Check character to append to ``body`` (1 to 27 symbols of ``ALPHABET``).

    Raises ``ValueError`` for an empty or too long body or a foreign symbol.
    """
    if not 1 <= len(body) <= _MAX_BODY:
        raise ValueError(f"body must have 1 to {_MAX_BODY} symbols, got {len(body)}")
    for c in body:
        if c not in ALPHABET:
            raise ValueError(f"{c!r} is not a tracking-number symbol")
    # The body's last symbol is position 2; the check symbol (weight 1) cancels the rest.
    return ALPHABET[-_weighted_sum(body, 2) % _BASE]


def is_valid(number: str) -> bool:
    """Whether ``number`` is a canonical tracking number (``LENGTH`` symbols, check passes).

    No normalization: use :func:`parse` for what a person typed.
    """
    if len(number) != LENGTH or any(c not in ALPHABET for c in number):
        return False
    return _weighted_sum(number, 1) % _BASE == 0


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

    Accepts the :func:`display` form back. Does not validate.
    """
    return "".join(c for c, _ in _normalized_pairs(text))


def _not_used(where: str, what: str, pos: int, typed: str, c: str) -> InvalidInput:
    """The refusal of a symbol the alphabet leaves out, with a hint at what was meant."""
    params = {"what": what, "pos": pos, "typed": repr(typed)}
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


def _check_symbols(text: str, where: str, what: str) -> str:
    """``what`` is "tracking number" or "terminal code" (a field label in the UI)."""
    pairs = _normalized_pairs(text)
    if not pairs:
        raise InvalidInput(where, "{what} is empty", what=what)
    for pos, (c, typed) in enumerate(pairs, start=1):
        if c in ALPHABET:
            continue
        if c in _NOT_USED:
            raise _not_used(where, what, pos, typed, c)
        raise InvalidInput(
            where,
            "character {pos} (not counting spaces and hyphens) is {typed}, which never appears "
            "in {what}s (they use only the symbols {alphabet})",
            pos=pos,
            typed=repr(typed),
            what=what,
            alphabet=ALPHABET,
        )
    return "".join(c for c, _ in pairs)


def parse(text: str, *, where: str = "tracking_number") -> str:
    """Normalize and verify a tracking number as typed; return its canonical form.

    The message for a failed check does not reveal the expected check
    character, so a guessed or misread number cannot be "repaired" from it.
    """
    number = _check_symbols(text, where, "tracking number")
    if len(number) != LENGTH:
        raise InvalidInput(
            where,
            "tracking number should have {length} characters (not counting spaces and "
            "hyphens), got {got}",
            length=LENGTH,
            got=len(number),
        )
    if not is_valid(number):
        raise InvalidInput(
            where,
            "tracking number fails its check character test; it is probably mistyped "
            "(compare it with the receipt)",
        )
    return number


def _encode(n: int, width: int) -> str:
    symbols = []
    for _ in range(width):
        n, digit = divmod(n, _BASE)
        symbols.append(ALPHABET[digit])
    return "".join(reversed(symbols))


def _decode(symbols: str) -> int:
    n = 0
    for c in symbols:
        n = n * _BASE + _value(c)
    return n


def compose(terminal_code: str, day: date, sequence: int) -> str:
    """Tracking number of case ``sequence`` (0-based) of ``terminal_code`` on ``day``.

    Raises ``ValueError`` for a malformed terminal code, a day outside
    ``EPOCH``..``LAST_DAY`` or a negative sequence, and
    :class:`~clerk_desk.errors.RuleViolation` when ``sequence`` exceeds
    ``MAX_SEQUENCE``.
    """
    if len(terminal_code) != TERMINAL_CODE_LENGTH or any(c not in ALPHABET for c in terminal_code):
        raise ValueError(f"malformed terminal code {terminal_code!r}")
    offset = (day - EPOCH).days
    if not 0 <= offset <= _BASE**_DAY_DIGITS - 1:
        raise ValueError(
            f"{day.isoformat()} is outside the tracking-number range "
            f"{EPOCH.isoformat()}..{LAST_DAY.isoformat()}"
        )
    if sequence < 0:
        raise ValueError(f"sequence must not be negative, got {sequence}")
    if sequence > MAX_SEQUENCE:
        raise RuleViolation("daily tracking-number sequence exhausted for this terminal")
    body = terminal_code + _encode(offset, _DAY_DIGITS) + _encode(sequence, _SEQUENCE_DIGITS)
    return body + check_char(body)


def decompose(number: str) -> tuple[str, date, int]:
    """Inverse of :func:`compose`: (terminal code, day, sequence).

    Accepts anything :func:`parse` accepts and raises its ``InvalidInput``.
    """
    canonical = parse(number)
    terminal = canonical[:TERMINAL_CODE_LENGTH]
    day_end = TERMINAL_CODE_LENGTH + _DAY_DIGITS
    offset = _decode(canonical[TERMINAL_CODE_LENGTH:day_end])
    sequence = _decode(canonical[day_end : day_end + _SEQUENCE_DIGITS])
    return terminal, EPOCH + timedelta(days=offset), sequence


def new_terminal_code(rng: random.Random | None = None) -> str:
    """Random terminal code of ``TERMINAL_CODE_LENGTH`` symbols (``secrets`` by default).

    There are 29**6 = 594,823,321 codes. Chosen at random, n terminals share
    a code with probability about n**2 / 1.19e9: 0.008% for a county's 300
    terminals, 0.8% for a province's 3,500. A county that wants certainty
    assigns the codes itself; the server refuses a code already registered.
    """
    if rng is None:
        return "".join(secrets.choice(ALPHABET) for _ in range(TERMINAL_CODE_LENGTH))
    return "".join(rng.choice(ALPHABET) for _ in range(TERMINAL_CODE_LENGTH))


def validate_terminal_code(text: str, *, where: str = "terminal_code") -> str:
    """Normalize and check a terminal code as typed; return its canonical form."""
    code = _check_symbols(text, where, "terminal code")
    if len(code) != TERMINAL_CODE_LENGTH:
        raise InvalidInput(
            where,
            "terminal code should have {length} characters, got {got}",
            length=TERMINAL_CODE_LENGTH,
            got=len(code),
        )
    return code


def display(number: str) -> str:
    """Group a tracking number for printing and reading aloud: ``XXX-XXX-XXX-XXX-X``.

    Groups of three, the check character alone at the end. Raises
    ``ValueError`` if ``number`` (after :func:`normalize`) is not valid.
    """
    canonical = normalize(number)
    if not is_valid(canonical):
        raise ValueError(f"not a valid tracking number: {number!r}")
    groups = [canonical[i : i + 3] for i in range(0, LENGTH - 1, 3)]
    return "-".join([*groups, canonical[-1]])


def new_query_code() -> str:
    """Secret code a citizen types on the public status page with the tracking number.

    ``QUERY_CODE_LENGTH`` = 10 symbols drawn with ``secrets`` from the 29-symbol
    ``ALPHABET``: 10 * log2(29) ≈ 48.6 bits of entropy (at least 40 are required).
    """
    return "".join(secrets.choice(ALPHABET) for _ in range(QUERY_CODE_LENGTH))
