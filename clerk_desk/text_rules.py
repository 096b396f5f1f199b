"""What a name, a text or an identifier may contain: one rule for every field.

Printed names and texts reach paper, screens and search indexes. Characters
that print as nothing, or that change how the characters around them are
shown, make two names that look the same differ (or the same name look
different): bidi controls reorder a line (``U+202E``), zero-width characters
hide inside a word, line and paragraph separators break a single-line field,
soft hyphens appear or vanish with the line width, tag characters and
noncharacters are not text at all. They are refused, each named by its code
point. Variation selectors (``U+FE00``-``U+FE0F``, ``U+E0100``-``U+E01EF``)
stay allowed: rare characters in names (生僻字) use them.

Identifiers (item codes, material ids, question ids) are narrower still:
ASCII letters, digits, ``-`` and ``_``.

:func:`forbidden_character` is the shared check; the catalog importer calls
it for every text field. Pure: no I/O, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = [
    "IDENTIFIER",
    "ForbiddenCharacter",
    "describe_code_point",
    "forbidden_character",
    "is_identifier",
    "text_ok",
]

IDENTIFIER: Final = re.compile(r"[A-Za-z0-9_-]+")
"""Item codes, material ids and question ids: ASCII letters, digits, ``-`` and ``_``."""

# Characters refused in every text, by class (the name is used in messages).
_INVISIBLE: Final = (
    # C0 controls are listed separately (tab and line feed depend on the field).
    ("\x7f", "delete"),
    ("\x80-\x9f", "a C1 control character"),
    ("\u00ad", "soft hyphen"),
    ("\u034f", "combining grapheme joiner"),
    ("\u061c", "arabic letter mark, a bidi control"),
    ("\u115f\u1160\u3164\uffa0", "hangul filler, an invisible character"),
    ("\u200b", "zero width space"),
    ("\u200c", "zero width non-joiner"),
    ("\u200d", "zero width joiner"),
    ("\u200e\u200f", "a bidi mark"),
    ("\u2028", "line separator"),
    ("\u2029", "paragraph separator"),
    ("\u202a-\u202e", "a bidi embedding or override"),
    ("\u2060", "word joiner"),
    ("\u2061-\u2064", "an invisible operator"),
    ("\u2066-\u2069", "a bidi isolate"),
    ("\u206a-\u206f", "a deprecated format character"),
    ("\ufeff", "zero width no-break space (byte order mark)"),
    ("\ufff9-\ufffb", "an interlinear annotation character"),
    ("\ud800-\udfff", "an unpaired surrogate, not a character"),
    ("\ufdd0-\ufdef", "a noncharacter"),
    ("\U000e0000-\U000e007f", "a tag character"),
)
# U+xFFFE and U+xFFFF of every plane are noncharacters too.
_PLANE_ENDS: Final = "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)
)

_CLASS_BODY: Final = "".join(chars for chars, _ in _INVISIBLE) + _PLANE_ENDS
_FORBIDDEN_LINE: Final = re.compile(f"[\x00-\x1f{_CLASS_BODY}]")
_FORBIDDEN_TEXT: Final = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_CLASS_BODY}]")
_NAMES: Final = [(re.compile(f"[{chars}]"), name) for chars, name in _INVISIBLE]

_CONTROL_NAMES: Final = {
    0x00: "NUL",
    0x09: "tab",
    0x0A: "line feed",
    0x0D: "carriage return",
    0x1B: "escape",
}


@dataclass(frozen=True, slots=True)
class ForbiddenCharacter:
    """The first character a text may not contain: where, which, and what it is."""

    position: int  # 0-based, in code points
    code_point: int
    name: str

    def describe(self) -> str:
        """``U+200B (zero width space) at character 5``."""
        return f"{describe_code_point(self.code_point, self.name)} at character {self.position + 1}"


def describe_code_point(cp: int, name: str = "") -> str:
    return f"U+{cp:04X} ({name})" if name else f"U+{cp:04X}"


def _name_of(char: str) -> str:
    cp = ord(char)
    if cp < 0x20:
        return _CONTROL_NAMES.get(cp, "a control character")
    if (cp & 0xFFFE) == 0xFFFE:
        return "a noncharacter"
    for pattern, name in _NAMES:
        if pattern.match(char):
            return name
    return "an invisible character"  # pragma: no cover - every class is named above


def forbidden_character(text: str, *, multiline: bool = False) -> ForbiddenCharacter | None:
    """The first character ``text`` may not contain, or None.

    Refused everywhere: C0 and C1 controls, DEL, bidi controls, zero-width
    characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM/ZWNBSP), line and paragraph
    separators, soft hyphens, noncharacters, tag characters, unpaired
    surrogates and a few other invisible format characters. ``multiline``
    fields also take tab and line breaks (line feed, and carriage return for
    CRLF); nothing else.
    """
    if text.isascii() and text.isprintable():
        return None  # the common case, quickly
    found = (_FORBIDDEN_TEXT if multiline else _FORBIDDEN_LINE).search(text)
    if found is None:
        return None
    char = found.group()
    return ForbiddenCharacter(found.start(), ord(char), _name_of(char))


def text_ok(text: str, *, multiline: bool = False) -> bool:
    """No forbidden character in ``text`` (the fast form of :func:`forbidden_character`)."""
    if text.isascii() and text.isprintable():
        return True
    return (_FORBIDDEN_TEXT if multiline else _FORBIDDEN_LINE).search(text) is None


def is_identifier(text: str) -> bool:
    return IDENTIFIER.fullmatch(text) is not None
