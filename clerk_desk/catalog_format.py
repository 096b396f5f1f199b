"""Parser and validator of the service catalog exchange format ``clerk-catalog/1``.

The county platform publishes its service catalog as one UTF-8 JSON document (see
``resources/sample-catalog.json``). :func:`parse_catalog` turns the document's bytes
into immutable :class:`Catalog` / :class:`Item` / :class:`Material` values, or
refuses it as a whole with a :class:`CatalogFormatError` that lists *every* problem
found, each under the JSON path of the offending value
(``items[3].materials[2].when_yes[0]``; ``$`` is the document itself).

Text fields are plain text: they are returned exactly as given (no normalisation,
no stripping) and are never evaluated, formatted or interpreted. Control and
invisible characters are refused (:mod:`clerk_desk.text_rules`; line feed and tab
only in the multi-line fields ``conditions`` and ``note``), as are absurdly long
strings and numbers. Item codes, material ids and question ids are ASCII letters,
digits, ``-`` and ``_``. Every value is checked against what the store and the
screens can hold: ``published_at`` lies in 2000-2100, numbers stay far inside
SQLite's 64-bit integers.

A hostile document costs bounded time and memory: at most
:data:`MAX_DOCUMENT_BYTES` bytes and :data:`MAX_JSON_VALUES` JSON values (counted
on the bytes before parsing), numbers of absurd size are not converted, nesting
is bounded by the JSON parser's recursion guard, and only the first
:data:`MAX_PROBLEMS` problems are kept (the others are counted).

Valid items go through a straight-line fast check; an item it does not accept
is checked again field by field to report its problems with their paths. A
5,000-item catalog (~8 materials, ~3 questions per item) parses in about a
quarter of a second on one core of a server CPU.

This module is pure: no database, no I/O, no module-level mutable state.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Final, Literal, TypeGuard, cast

from clerk_desk.errors import ClerkDeskError
from clerk_desk.text_rules import IDENTIFIER, ForbiddenCharacter, forbidden_character, text_ok

__all__ = [
    "FORMAT",
    "MAX_DOCUMENT_BYTES",
    "MAX_JSON_VALUES",
    "MAX_PROBLEMS",
    "Catalog",
    "CatalogFormatError",
    "CatalogProblem",
    "Fee",
    "Item",
    "Level",
    "Material",
    "MaterialForm",
    "Question",
    "TimeLimit",
    "TimeUnit",
    "parse_catalog",
]

FORMAT: Final = "clerk-catalog/1"
"""The only value of ``format`` this module reads."""

MAX_DOCUMENT_BYTES: Final = 32 * 1024 * 1024
"""Documents larger than this are refused before parsing.

A generated 5,000-item catalog (``bench/generate_catalog.py``) is 14 MB; a county's
real catalog a few MB. Parsing holds the bytes, their text and the parsed strings
at once (three times the size), so this bounds the importer's memory."""

MAX_JSON_VALUES: Final = 1_200_000
"""Documents with more JSON values and keys than this are refused before parsing.

Counted as one more than the ``{``, ``[``, ``,`` and ``:`` bytes of the document (an
upper bound, since those inside strings count too): a generated 5,000-item catalog
has ~830,000. A parsed value or key costs up to ~120 bytes, so this bounds the
parser's memory (and the time to check what it built)."""

MAX_PROBLEMS: Final = 200
"""Problems kept in a :class:`CatalogFormatError`; the others are only counted."""

MAX_NUMBER_DIGITS: Final = 30
"""Number literals longer than this are not converted (no field needs a tenth of it)."""

# The years a catalog may be published in: anything else is a typo or a hostile
# document, and a date near year 1 or 9999 cannot be moved to UTC or shown.
MIN_PUBLISHED_YEAR: Final = 2000
MAX_PUBLISHED_YEAR: Final = 2100

MaterialForm = Literal["original", "copy", "electronic"]
TimeUnit = Literal["working_day", "calendar_day"]
Level = Literal["village", "township", "county"]

# Length limits, in code points.
MAX_ID_LENGTH: Final = 200  # item codes, question/material ids, version label
MAX_TEXT_LENGTH: Final = 2_000  # names, notes, legal basis entries, ...
MAX_CONDITIONS_LENGTH: Final = 20_000
# Number limits: sane bounds so that date arithmetic and storage cannot overflow.
MAX_DAYS: Final = 3_650
MAX_COPIES: Final = 999
MAX_FEE_CENTS: Final = 10**12
# The kind whose one-time notice the Administrative Licensing Law obliges (art. 32).
LICENSING_KIND: Final = "行政许可"
LICENSING_NOTICE_BASIS: Final = "《中华人民共和国行政许可法》第三十二条"


# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Question:
    """A yes/no situation question (情形) asked at intake."""

    id: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text}


@dataclass(frozen=True, slots=True)
class Material:
    """One entry of an item's checklist."""

    id: str
    name: str
    form: MaterialForm
    copies: int
    key: bool
    note: str | None
    template: str | None
    when_yes: tuple[str, ...]
    when_no: tuple[str, ...]
    # The original is only inspected and handed back (核验原件后退还): printed as
    # 已核验（原件退还）, never as received or kept, and never carried by an agent.
    returned: bool = False

    def applies(self, answers: Mapping[str, bool]) -> bool:
        """Is this material needed given the applicant's answers?

        Needed when every ``when_yes`` question was answered yes and every
        ``when_no`` question was answered no; a listed question left unanswered
        means the condition does not hold. No condition: always needed.
        """
        for qid in self.when_yes:
            if answers.get(qid) is not True:
                return False
        return all(answers.get(qid) is False for qid in self.when_no)

    def to_json(self) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "form": self.form,
            "copies": self.copies,
            "key": self.key,
        }
        if self.note is not None:
            obj["note"] = self.note
        if self.template is not None:
            obj["template"] = self.template
        if self.when_yes:
            obj["when_yes"] = list(self.when_yes)
        if self.when_no:
            obj["when_no"] = list(self.when_no)
        if self.returned:
            obj["returned"] = True
        return obj

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Material:
        """Rebuild from :meth:`to_json` output (trusted: not validated)."""
        return cls(
            obj["id"],
            obj["name"],
            obj["form"],
            obj["copies"],
            obj["key"],
            obj.get("note"),
            obj.get("template"),
            tuple(obj.get("when_yes", ())),
            tuple(obj.get("when_no", ())),
            bool(obj.get("returned", False)),
        )


@dataclass(frozen=True, slots=True)
class TimeLimit:
    statutory_days: int
    promised_days: int
    unit: TimeUnit
    immediate: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "statutory_days": self.statutory_days,
            "promised_days": self.promised_days,
            "unit": self.unit,
            "immediate": self.immediate,
        }


@dataclass(frozen=True, slots=True)
class Fee:
    amount_cents: int
    basis: str | None

    def to_json(self) -> dict[str, Any]:
        return {"amount_cents": self.amount_cents, "basis": self.basis}


@dataclass(frozen=True, slots=True)
class Item:
    """A service item (办事事项) and its checklist."""

    code: str
    name: str
    department: str
    kind: str
    level: Level
    legal_basis: tuple[str, ...]
    conditions: str
    time_limit: TimeLimit
    fee: Fee
    agency_allowed: bool
    tolerant_acceptance: bool
    questions: tuple[Question, ...]
    materials: tuple[Material, ...]
    # The body that decides the item, in whose name acceptance and rejection are
    # issued (None: the centre's setting ``decision_authority`` applies).
    authority: str | None = None
    # The provisions that oblige the one-time notice (None: absent from the
    # document, see :meth:`notice_provisions`).
    notice_basis: tuple[str, ...] | None = None

    def question_ids(self) -> frozenset[str]:
        return frozenset(q.id for q in self.questions)

    def material(self, material_id: str) -> Material | None:
        for m in self.materials:
            if m.id == material_id:
                return m
        return None

    def checklist(self, answers: Mapping[str, bool]) -> tuple[Material, ...]:
        """The materials needed for these answers, in document order."""
        return tuple(m for m in self.materials if m.applies(answers))

    def notice_provisions(self) -> tuple[str, ...]:
        """What a one-time notice for this item cites as the duty to notify.

        The item's ``notice_basis`` where the document gives one; else the
        Administrative Licensing Law's article 32 for 行政许可 items only, and
        nothing for other kinds (their notice cites only the ``legal_basis``).
        """
        if self.notice_basis is not None:
            return self.notice_basis
        if self.kind.strip() == LICENSING_KIND:
            return (LICENSING_NOTICE_BASIS,)
        return ()

    def to_json(self) -> dict[str, Any]:
        """The item exactly as the format describes it (re-parsable)."""
        obj: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "department": self.department,
            "kind": self.kind,
            "level": self.level,
            "legal_basis": list(self.legal_basis),
            "conditions": self.conditions,
            "time_limit": self.time_limit.to_json(),
            "fee": self.fee.to_json(),
            "agency_allowed": self.agency_allowed,
            "tolerant_acceptance": self.tolerant_acceptance,
            "questions": [q.to_json() for q in self.questions],
            "materials": [m.to_json() for m in self.materials],
        }
        if self.authority is not None:
            obj["authority"] = self.authority
        if self.notice_basis is not None:
            obj["notice_basis"] = list(self.notice_basis)
        return obj

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Item:
        """Rebuild from :meth:`to_json` output (trusted: not validated)."""
        tl = obj["time_limit"]
        fee = obj["fee"]
        material = Material.from_json
        return cls(
            obj["code"],
            obj["name"],
            obj["department"],
            obj["kind"],
            obj["level"],
            tuple(obj["legal_basis"]),
            obj["conditions"],
            TimeLimit(tl["statutory_days"], tl["promised_days"], tl["unit"], tl["immediate"]),
            Fee(fee["amount_cents"], fee["basis"]),
            obj["agency_allowed"],
            obj["tolerant_acceptance"],
            tuple(Question(q["id"], q["text"]) for q in obj["questions"]),
            tuple(material(m) for m in obj["materials"]),
            obj.get("authority"),
            tuple(obj["notice_basis"]) if obj.get("notice_basis") is not None else None,
        )


@dataclass(frozen=True, slots=True)
class Catalog:
    """One published version of the catalog."""

    format: str
    catalog_version: str
    published_at: datetime  # timezone-aware
    region_code: str
    region_name: str
    items: tuple[Item, ...]

    def item(self, code: str) -> Item | None:
        for it in self.items:
            if it.code == code:
                return it
        return None

    def to_json(self) -> dict[str, Any]:
        """The whole document (re-parsable by :func:`parse_catalog`)."""
        return {
            "format": self.format,
            "catalog_version": self.catalog_version,
            "published_at": self.published_at.isoformat(),
            "region": {"code": self.region_code, "name": self.region_name},
            "items": [it.to_json() for it in self.items],
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Catalog:
        """Rebuild from :meth:`to_json` output (trusted: not validated)."""
        region = obj["region"]
        item = Item.from_json
        return cls(
            obj["format"],
            obj["catalog_version"],
            datetime.fromisoformat(obj["published_at"]),
            region["code"],
            region["name"],
            tuple(item(it) for it in obj["items"]),
        )


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True, slots=True)
class CatalogProblem:
    """One thing wrong with a document, at a JSON path (``$`` = the document)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class CatalogFormatError(ClerkDeskError):
    """The document is not an acceptable ``clerk-catalog/1`` catalog.

    ``problems`` holds the problems found, at most :data:`MAX_PROBLEMS` of them;
    ``more`` counts the others (``total`` is both). ``str()`` lists them one per
    line, ending with ``... and N more problems``.
    """

    def __init__(self, problems: Iterable[CatalogProblem], more: int = 0) -> None:
        if isinstance(problems, _Problems):
            more += problems.total - len(problems.kept)
            problems = problems.kept
        self.problems: tuple[CatalogProblem, ...] = tuple(problems)
        self.more = more
        lines = [str(p) for p in self.problems]
        if more:
            lines.append(more_problems_line(more))
        super().__init__("\n".join(lines))

    @property
    def total(self) -> int:
        return len(self.problems) + self.more

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems, self.more))


def more_problems_line(more: int) -> str:
    """``... and 12,345 more problems`` (the line after the problems kept)."""
    return f"... and {more:,} more problem{'s' if more != 1 else ''}"


class _Problems:
    """The problems of one document: the first MAX_PROBLEMS kept, the rest counted.

    ``len()`` is the total so far, so ``len(problems) != start`` still tells a
    checker whether a part of the document had problems. Checkers that build an
    expensive message ask ``full`` first and only ``count()`` once it is.
    """

    __slots__ = ("kept", "total")

    def __init__(self) -> None:
        self.kept: list[CatalogProblem] = []
        self.total = 0

    def append(self, problem: CatalogProblem) -> None:
        self.total += 1
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(problem)

    def extend(self, problems: Iterable[CatalogProblem]) -> None:
        for problem in problems:
            self.append(problem)

    def count(self, n: int = 1) -> None:
        self.total += n

    @property
    def full(self) -> bool:
        return self.total >= MAX_PROBLEMS

    def __len__(self) -> int:
        return self.total

    def __bool__(self) -> bool:
        return self.total > 0

    def __iter__(self) -> Iterator[CatalogProblem]:
        return iter(self.kept)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, list):
            return self.total == len(self.kept) and self.kept == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


# --------------------------------------------------------------------------- parsing

_UTF8_BOM: Final = b"\xef\xbb\xbf"

_RFC3339: Final = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?"
    r"(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))?",
)
_SIMPLE_KEY: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_JSON_SPACE: Final = re.compile(r"[ \t\n\r]*")
# Characters json.dumps leaves as they are but that could break a message's line.
_UNSAFE_IN_MESSAGE: Final = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")

_ROOT_KEYS: Final = frozenset({"format", "catalog_version", "published_at", "region", "items"})
_REGION_KEYS: Final = frozenset({"code", "name"})
_ITEM_KEYS: Final = frozenset(
    {
        "code",
        "name",
        "department",
        "kind",
        "level",
        "legal_basis",
        "conditions",
        "time_limit",
        "fee",
        "agency_allowed",
        "tolerant_acceptance",
        "questions",
        "materials",
    }
)
# Optional item fields (added to the format later; absent in older documents).
_ITEM_OPTIONAL_KEYS: Final = frozenset({"authority", "notice_basis"})
_ITEM_ALL_KEYS: Final = _ITEM_KEYS | _ITEM_OPTIONAL_KEYS
_TIME_LIMIT_KEYS: Final = frozenset({"statutory_days", "promised_days", "unit", "immediate"})
_FEE_KEYS: Final = frozenset({"amount_cents", "basis"})
_QUESTION_KEYS: Final = frozenset({"id", "text"})
_MATERIAL_KEYS: Final = frozenset(
    {"id", "name", "form", "copies", "key", "note", "template", "when_yes", "when_no", "returned"}
)
_LEVELS: Final = frozenset({"village", "township", "county"})
_UNITS: Final = frozenset({"working_day", "calendar_day"})
_FORMS: Final = frozenset({"original", "copy", "electronic"})
_REGION_CODE_LENGTHS: Final = frozenset({6, 9, 12})


class _Missing:
    """Marks a field absent from its object (distinct from JSON null)."""

    __slots__ = ()


_MISSING: Final = _Missing()


class _NonFinite:
    """Stands in for a NaN/Infinity literal so that its path can be reported."""

    __slots__ = ("literal",)

    def __init__(self, literal: str) -> None:
        self.literal = literal


class _HugeNumber:
    """Stands in for a number literal too long to convert, or beyond a double's range.

    Two shared instances (no per-value memory): a document of a million huge
    numbers costs a million pointers.
    """

    __slots__ = ("what",)

    def __init__(self, what: str) -> None:
        self.what = what


_LONG_NUMBER: Final = _HugeNumber(
    f"a number written with more than {MAX_NUMBER_DIGITS} characters, far beyond any field's range"
)
_INFINITE_NUMBER: Final = _HugeNumber("a number beyond what a computer stores")


def _parse_int(literal: str) -> int | _HugeNumber:
    return int(literal) if len(literal) <= MAX_NUMBER_DIGITS else _LONG_NUMBER


def _parse_float(literal: str) -> float | _HugeNumber:
    if len(literal) > MAX_NUMBER_DIGITS:
        return _LONG_NUMBER
    value = float(literal)
    return value if math.isfinite(value) else _INFINITE_NUMBER


Problems = _Problems


def parse_catalog(data: bytes) -> Catalog:
    """Parse and validate a ``clerk-catalog/1`` document.

    All or nothing: returns the catalog, or raises :class:`CatalogFormatError`
    listing every problem found in the document.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"parse_catalog() takes bytes, not {type(data).__name__}")
    problems = _Problems()
    root = _load(data if type(data) is bytes else bytes(data), problems)
    catalog = None if root is _MISSING else _document(problems, root)
    if problems or catalog is None:
        raise CatalogFormatError(problems)
    return catalog


def _load(data: bytes, problems: Problems) -> Any:
    """Bytes -> JSON value; returns _MISSING after reporting an unreadable document.

    Duplicate keys are reported (with their paths) but do not stop validation.
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        problems.append(
            CatalogProblem(
                "$",
                f"the document is {len(data):,} bytes; at most {MAX_DOCUMENT_BYTES:,} "
                "bytes are accepted",
            )
        )
        return _MISSING
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(CatalogProblem("$", "the document is UTF-16 encoded; it must be UTF-8"))
        return _MISSING
    # Every value but the first follows a "," or ":" or opens a container, every key
    # precedes a ":": an upper bound of what the parser would build, counted at C
    # speed before it builds anything.
    values = 1 + data.count(b",") + data.count(b"[") + data.count(b"{") + data.count(b":")
    if values > MAX_JSON_VALUES:
        problems.append(
            CatalogProblem(
                "$",
                f"the document has up to {values:,} JSON values and keys (counting its "
                f"commas, colons, brackets and braces); at most {MAX_JSON_VALUES:,} are "
                "accepted",
            )
        )
        return _MISSING
    try:
        text = data.decode("utf-8")  # one copy: slicing off a BOM would make another
    except UnicodeDecodeError as exc:
        problems.append(
            CatalogProblem(
                "$",
                f"not valid UTF-8: byte 0x{data[exc.start]:02X} at byte offset "
                f"{exc.start} ({exc.reason})",
            )
        )
        return _MISSING

    duplicates: dict[int, list[str]] = {}

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            dups: list[str] = []
            for key, _ in pairs:
                if key in seen:
                    dups.append(key)
                seen.add(key)
            duplicates[id(obj)] = dups
        return obj

    decoder = json.JSONDecoder(
        object_pairs_hook=pairs_hook,
        parse_constant=_NonFinite,
        parse_int=_parse_int,
        parse_float=_parse_float,
    )
    try:
        root, end = decoder.raw_decode(text, _skip_space(text, int(text.startswith("\ufeff"))))
        end = _skip_space(text, end)
        if end != len(text):
            raise json.JSONDecodeError("Extra data", text, end)
    except json.JSONDecodeError as exc:
        problems.append(
            CatalogProblem("$", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        )
        return _MISSING
    except RecursionError:
        problems.append(
            CatalogProblem(
                "$",
                "invalid JSON: arrays or objects nested too deeply (a catalog nests six levels)",
            )
        )
        return _MISSING
    finally:
        del text
    if duplicates:
        _report_duplicates(problems, root, duplicates)
    return root


def _skip_space(text: str, pos: int) -> int:
    found = _JSON_SPACE.match(text, pos)
    return found.end() if found else pos


def _report_duplicates(problems: Problems, root: Any, duplicates: dict[int, list[str]]) -> None:
    """Walk the tree to find the paths of the objects that had duplicate keys."""
    stack: list[tuple[str, Any]] = [("", root)]
    found: list[CatalogProblem] = []
    while stack:
        path, value = stack.pop()
        if type(value) is dict:
            for key in duplicates.get(id(value), ()):
                if problems.total + len(found) >= MAX_PROBLEMS:
                    problems.count()
                    continue
                found.append(
                    CatalogProblem(
                        _key_path(path, key),
                        f"duplicate key {_quote(key)} (a key may appear only once in an object)",
                    )
                )
            stack.extend((_key_path(path, k), v) for k, v in reversed(value.items()))
        elif type(value) is list:
            stack.extend((f"{path or '$'}[{i}]", v) for i, v in reversed(list(enumerate(value))))
    problems.extend(found)


# ------------------------------------------------------------------ path & messages


def _key_path(parent: str, key: str | int) -> str:
    if type(key) is int:
        return f"{parent or '$'}[{key}]"
    key = cast(str, key)
    if _SIMPLE_KEY.fullmatch(key) is None:
        return f"{parent or '$'}[{_quote(key, 200)}]"
    return f"{parent}.{key}" if parent else key


def _short_int(value: int) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{text[:20]}... ({len(text)} digits)"


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, _NonFinite):
        return f"{value.literal}, which is not allowed in JSON"
    if isinstance(value, _HugeNumber):
        return value.what
    if type(value) is int:
        return f"the integer {_short_int(value)}"
    if type(value) is float:
        return f"the number {value!r}"
    if type(value) is str:
        return "a string"
    if type(value) is list:
        return "an array"
    if type(value) is dict:
        return "an object"
    return type(value).__name__  # pragma: no cover - json produces nothing else


def _wrong_type(
    problems: Problems, parent: str, key: str | int, value: object, wanted: str
) -> None:
    if problems.full:
        problems.count()
    elif value is _MISSING:
        problems.append(CatalogProblem(_key_path(parent, key), "missing required field"))
    else:
        problems.append(
            CatalogProblem(_key_path(parent, key), f"must be {wanted}, got {_describe(value)}")
        )


def _unknown_fields(
    problems: Problems, obj: dict[str, Any], parent: str, known: frozenset[str]
) -> None:
    for key in obj:
        if key in known:
            continue
        if problems.full:
            problems.count()
            continue
        message = f"unknown field {_quote(key)}"
        normal = key.strip().lower().replace("-", "_").replace(" ", "_")
        guess = (
            [normal]
            if normal in known
            else difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
        )
        if guess:
            message += f' (did you mean "{guess[0]}"?)'
        problems.append(CatalogProblem(_key_path(parent, key), message))


def _bad_char(problems: Problems, path: str, bad: ForbiddenCharacter, multiline: bool) -> None:
    if 0xD800 <= bad.code_point <= 0xDFFF:
        problems.append(
            CatalogProblem(
                path,
                f"contains U+{bad.code_point:04X} at character {bad.position + 1}, an unpaired "
                "surrogate that is not a character",
            )
        )
        return
    hint = (
        "only plain visible text is allowed (line breaks and tab are the only control "
        "characters accepted here)"
        if multiline
        else "this field must be a single line of plain visible text"
    )
    kind = "control character" if bad.code_point < 0xA0 else "invisible or format character"
    problems.append(CatalogProblem(path, f"contains {kind} {bad.describe()}; {hint}"))


def _text(
    problems: Problems,
    value: Any,
    parent: str,
    key: str | int,
    limit: int,
    blank_ok: bool,
    multiline: bool = False,
) -> str | None:
    """Check a string field; returns it unchanged, or None after reporting."""
    if type(value) is not str:
        _wrong_type(problems, parent, key, value, "a string")
        return None
    if problems.full:  # the message would not be kept: only whether there is one counts
        if len(value) > limit or (not blank_ok and (not value or value.isspace())):
            problems.count()
            return None
        if not text_ok(value, multiline=multiline):
            problems.count()
            return None
        return value
    ok = True
    if len(value) > limit:
        problems.append(
            CatalogProblem(
                _key_path(parent, key),
                f"too long: {len(value):,} characters, at most {limit:,} are allowed",
            )
        )
        ok = False
    elif not blank_ok and (not value or value.isspace()):
        problems.append(CatalogProblem(_key_path(parent, key), "must not be empty or blank"))
        ok = False
    bad = forbidden_character(value, multiline=multiline)
    if bad is not None:
        _bad_char(problems, _key_path(parent, key), bad, multiline)
        ok = False
    return value if ok else None


def _identifier(problems: Problems, value: Any, parent: str, key: str) -> str | None:
    """An item code, material id or question id: ASCII letters, digits, "-" and "_"."""
    text = _text(problems, value, parent, key, MAX_ID_LENGTH, False)
    if text is None or IDENTIFIER.fullmatch(text):
        return text
    pos = next(i for i, c in enumerate(text) if IDENTIFIER.fullmatch(c) is None)
    cp = ord(text[pos])
    shown = f'"{text[pos]}" ' if text[pos].isprintable() and not text[pos].isspace() else ""
    problems.append(
        CatalogProblem(
            _key_path(parent, key),
            f'may contain only ASCII letters, digits, "-" and "_"; {shown}(U+{cp:04X}) at '
            f"character {pos + 1} is not one of them",
        )
    )
    return None


def _int(problems: Problems, value: Any, parent: str, key: str, low: int, high: int) -> int | None:
    if type(value) is not int:
        _wrong_type(problems, parent, key, value, "an integer")
        return None
    if value < low or value > high:
        problems.append(
            CatalogProblem(
                _key_path(parent, key),
                f"must be between {low:,} and {high:,}, got {_short_int(value)}",
            )
        )
        return None
    return value


def _bool(problems: Problems, value: Any, parent: str, key: str) -> bool | None:
    if type(value) is not bool:
        _wrong_type(problems, parent, key, value, "true or false")
        return None
    return value


def _choice(
    problems: Problems, value: Any, parent: str, key: str, choices: frozenset[str]
) -> str | None:
    if type(value) is not str:
        _wrong_type(problems, parent, key, value, "a string")
        return None
    if value not in choices:
        allowed = ", ".join(f'"{c}"' for c in sorted(choices))
        problems.append(
            CatalogProblem(
                _key_path(parent, key),
                f"must be one of {allowed}, got {_quote(value, 40)}",
            )
        )
        return None
    return value


def _quote(value: str, limit: int = 60) -> str:
    """A value shown in a message: a JSON string literal, safe to print on one line."""
    shown = value if len(value) <= limit else value[:limit] + "..."
    text = json.dumps(shown, ensure_ascii=False)  # escapes C0 controls, quotes, backslashes
    return _UNSAFE_IN_MESSAGE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# ------------------------------------------------------------------------- document


def _document(problems: Problems, root: Any) -> Catalog | None:
    if type(root) is not dict:
        problems.append(
            CatalogProblem("$", f"the document must be a JSON object, got {_describe(root)}")
        )
        return None
    start = len(problems)
    if not _ROOT_KEYS.issuperset(root):
        _unknown_fields(problems, root, "", _ROOT_KEYS)

    fmt = root.get("format", _MISSING)
    if type(fmt) is not str:
        _wrong_type(problems, "", "format", fmt, f'the string "{FORMAT}"')
    elif fmt != FORMAT:
        problems.append(
            CatalogProblem(
                "format",
                f'unsupported format {_quote(fmt)}; this program reads only "{FORMAT}"',
            )
        )
        if fmt.startswith("clerk-catalog/"):
            # Another version of the format: its rules are not ours, so checking
            # the rest against them would only produce noise.
            return None

    version = _text(
        problems,
        root.get("catalog_version", _MISSING),
        "",
        "catalog_version",
        MAX_ID_LENGTH,
        False,
    )
    published_at = _timestamp(problems, root.get("published_at", _MISSING))

    region_code = region_name = None
    region = root.get("region", _MISSING)
    if type(region) is not dict:
        _wrong_type(problems, "", "region", region, "an object")
    else:
        if not _REGION_KEYS.issuperset(region):
            _unknown_fields(problems, region, "region", _REGION_KEYS)
        code = region.get("code", _MISSING)
        if type(code) is not str:
            _wrong_type(problems, "region", "code", code, "a string")
        elif not (len(code) in _REGION_CODE_LENGTHS and code.isascii() and code.isdigit()):
            problems.append(
                CatalogProblem(
                    "region.code",
                    f"must be an administrative division code of 6, 9 or 12 digits, "
                    f"got {_quote(code)}",
                )
            )
        else:
            region_code = code
        region_name = _text(
            problems, region.get("name", _MISSING), "region", "name", MAX_TEXT_LENGTH, False
        )

    items = _items(problems, root.get("items", _MISSING))

    if len(problems) != start or items is None:
        return None
    return Catalog(
        FORMAT,
        cast(str, version),
        cast(datetime, published_at),
        cast(str, region_code),
        cast(str, region_name),
        items,
    )


def _timestamp(problems: Problems, value: Any) -> datetime | None:
    if type(value) is not str:
        _wrong_type(problems, "", "published_at", value, "an RFC 3339 timestamp string")
        return None
    m = _RFC3339.fullmatch(value)
    if m is None:
        problems.append(
            CatalogProblem(
                "published_at",
                f'must be an RFC 3339 timestamp such as "2026-11-20T09:00:00+08:00", '
                f"got {_quote(value)}",
            )
        )
        return None
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = m.groups()
    if zulu is None and sign is None:
        problems.append(
            CatalogProblem(
                "published_at",
                f'{_quote(value)} has no UTC offset; add one, e.g. "+08:00" or "Z"',
            )
        )
        return None
    try:
        if zulu is not None:
            tz = UTC
        else:
            if int(off_h) > 23 or int(off_m) > 59:
                raise ValueError("invalid UTC offset")
            delta = timedelta(hours=int(off_h), minutes=int(off_m))
            tz = timezone(-delta if sign == "-" else delta)
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        stamp = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tz
        )
    except ValueError as exc:
        problems.append(
            CatalogProblem("published_at", f"{_quote(value)} is not a valid time: {exc}")
        )
        return None
    # Checked on the local date and on UTC: the store keeps UTC, screens show local time.
    try:
        utc_year = stamp.astimezone(UTC).year
    except OverflowError:  # year 1 east of UTC, year 9999 west of it
        utc_year = 0
    if not (
        MIN_PUBLISHED_YEAR <= stamp.year <= MAX_PUBLISHED_YEAR
        and MIN_PUBLISHED_YEAR <= utc_year <= MAX_PUBLISHED_YEAR
    ):
        problems.append(
            CatalogProblem(
                "published_at",
                f"{_quote(value)} is not a plausible publication time: it must lie in the "
                f"years {MIN_PUBLISHED_YEAR}-{MAX_PUBLISHED_YEAR}",
            )
        )
        return None
    return stamp


def _items(problems: Problems, value: Any) -> tuple[Item, ...] | None:
    if type(value) is not list:
        _wrong_type(problems, "", "items", value, "an array of items")
        return None
    if not value:
        problems.append(CatalogProblem("items", "must contain at least one item"))
        return None
    start = len(problems)
    items: list[Item] = []
    first_by_code: dict[str, int] = {}
    for i, obj in enumerate(value):
        if type(obj) is not dict and problems.full:
            problems.count()
            continue
        path = f"items[{i}]"
        # The fast check accepts only what the detailed one accepts; anything it
        # does not like goes through the detailed check, which reports problems.
        item = _item_fast(obj)
        if item is None:
            item = _item(problems, obj, path)
        if item is not None:
            items.append(item)
        if type(obj) is dict:
            code = obj.get("code")
            if type(code) is str and code:
                first = first_by_code.setdefault(code, i)
                if first != i:
                    problems.append(
                        CatalogProblem(
                            f"{path}.code",
                            f"duplicate item code {_quote(code)} (first used at "
                            f"items[{first}].code)",
                        )
                    )
    if len(problems) != start:
        return None
    return tuple(items)


def _item(problems: Problems, obj: Any, path: str) -> Item | None:
    if type(obj) is not dict:
        problems.append(CatalogProblem(path, f"must be an object, got {_describe(obj)}"))
        return None
    start = len(problems)
    if not _ITEM_ALL_KEYS.issuperset(obj):
        _unknown_fields(problems, obj, path, _ITEM_ALL_KEYS)
    get = obj.get
    code = _identifier(problems, get("code", _MISSING), path, "code")
    name = _text(problems, get("name", _MISSING), path, "name", MAX_TEXT_LENGTH, False)
    department = _text(
        problems, get("department", _MISSING), path, "department", MAX_TEXT_LENGTH, False
    )
    kind = _text(problems, get("kind", _MISSING), path, "kind", MAX_TEXT_LENGTH, False)
    level = _choice(problems, get("level", _MISSING), path, "level", _LEVELS)
    legal_basis = _legal_basis(problems, get("legal_basis", _MISSING), path)
    conditions = _text(
        problems,
        get("conditions", _MISSING),
        path,
        "conditions",
        MAX_CONDITIONS_LENGTH,
        True,
        True,
    )
    time_limit = _time_limit(problems, get("time_limit", _MISSING), path)
    fee = _fee(problems, get("fee", _MISSING), path)
    agency_allowed = _bool(problems, get("agency_allowed", _MISSING), path, "agency_allowed")
    tolerant = _bool(problems, get("tolerant_acceptance", _MISSING), path, "tolerant_acceptance")
    questions, question_ids = _questions(problems, get("questions", _MISSING), path)
    materials = _materials(problems, get("materials", _MISSING), path, question_ids)
    authority = get("authority")
    if authority is not None:
        _text(problems, authority, path, "authority", MAX_TEXT_LENGTH, False)
    elif "authority" in obj:
        _wrong_type(
            problems, path, "authority", None, "a string (leave the field out if there is none)"
        )
    notice_basis: tuple[str, ...] | None = None
    if "notice_basis" in obj:
        notice_basis = _string_list(problems, obj["notice_basis"], path, "notice_basis")
    if len(problems) != start:
        return None
    return Item(
        cast(str, code),
        cast(str, name),
        cast(str, department),
        cast(str, kind),
        cast(Level, level),
        cast("tuple[str, ...]", legal_basis),
        cast(str, conditions),
        cast(TimeLimit, time_limit),
        cast(Fee, fee),
        cast(bool, agency_allowed),
        cast(bool, tolerant),
        cast("tuple[Question, ...]", questions),
        cast("tuple[Material, ...]", materials),
        authority,
        notice_basis,
    )


def _legal_basis(problems: Problems, value: Any, parent: str) -> tuple[str, ...] | None:
    return _string_list(problems, value, parent, "legal_basis")


def _string_list(problems: Problems, value: Any, parent: str, key: str) -> tuple[str, ...] | None:
    if type(value) is not list:
        _wrong_type(problems, parent, key, value, "an array of strings")
        return None
    start = len(problems)
    path = f"{parent}.{key}"
    for j, entry in enumerate(value):
        _text(problems, entry, path, j, MAX_TEXT_LENGTH, False)
    return tuple(value) if len(problems) == start else None


def _time_limit(problems: Problems, value: Any, parent: str) -> TimeLimit | None:
    if type(value) is not dict:
        _wrong_type(problems, parent, "time_limit", value, "an object")
        return None
    path = f"{parent}.time_limit"
    if not _TIME_LIMIT_KEYS.issuperset(value):
        _unknown_fields(problems, value, path, _TIME_LIMIT_KEYS)
    get = value.get
    statutory = _int(problems, get("statutory_days", _MISSING), path, "statutory_days", 0, MAX_DAYS)
    promised = _int(problems, get("promised_days", _MISSING), path, "promised_days", 0, MAX_DAYS)
    if statutory is not None and promised is not None and promised > statutory:
        problems.append(
            CatalogProblem(
                f"{path}.promised_days",
                f"the promised time limit ({promised}) must not exceed the statutory one "
                f"({statutory})",
            )
        )
        promised = None
    unit = _choice(problems, get("unit", _MISSING), path, "unit", _UNITS)
    immediate = _bool(problems, get("immediate", _MISSING), path, "immediate")
    if statutory is None or promised is None or unit is None or immediate is None:
        return None
    return TimeLimit(statutory, promised, cast(TimeUnit, unit), immediate)


def _fee(problems: Problems, value: Any, parent: str) -> Fee | None:
    if type(value) is not dict:
        _wrong_type(problems, parent, "fee", value, "an object")
        return None
    path = f"{parent}.fee"
    if not _FEE_KEYS.issuperset(value):
        _unknown_fields(problems, value, path, _FEE_KEYS)
    amount = _int(
        problems, value.get("amount_cents", _MISSING), path, "amount_cents", 0, MAX_FEE_CENTS
    )
    basis = value.get("basis", _MISSING)
    basis_ok = True
    if basis is not None:
        if type(basis) is not str:
            _wrong_type(problems, path, "basis", basis, "a string or null")
            basis_ok = False
        else:
            basis_ok = _text(problems, basis, path, "basis", MAX_TEXT_LENGTH, True) is not None
    if amount is None or not basis_ok:
        return None
    return Fee(amount, basis)


def _questions(
    problems: Problems, value: Any, parent: str
) -> tuple[tuple[Question, ...] | None, frozenset[str]]:
    """Returns the questions (None after a problem) and every id the item declares."""
    if type(value) is not list:
        _wrong_type(problems, parent, "questions", value, "an array of questions")
        return None, frozenset()
    start = len(problems)
    questions: list[Question] = []
    first_by_id: dict[str, int] = {}
    for j, obj in enumerate(value):
        path = f"{parent}.questions[{j}]"
        if type(obj) is not dict:
            problems.append(CatalogProblem(path, f"must be an object, got {_describe(obj)}"))
            continue
        if not _QUESTION_KEYS.issuperset(obj):
            _unknown_fields(problems, obj, path, _QUESTION_KEYS)
        raw_id = obj.get("id", _MISSING)
        qid = _identifier(problems, raw_id, path, "id")
        text = _text(problems, obj.get("text", _MISSING), path, "text", MAX_TEXT_LENGTH, False)
        if type(raw_id) is str:
            first = first_by_id.setdefault(raw_id, j)
            if first != j:
                problems.append(
                    CatalogProblem(
                        f"{path}.id",
                        f"duplicate question id {_quote(raw_id)} (first used at "
                        f"{parent}.questions[{first}].id)",
                    )
                )
        if qid is not None and text is not None:
            questions.append(Question(qid, text))
    ids = frozenset(first_by_id)
    return (tuple(questions) if len(problems) == start else None), ids


def _materials(
    problems: Problems, value: Any, parent: str, question_ids: frozenset[str]
) -> tuple[Material, ...] | None:
    if type(value) is not list:
        _wrong_type(problems, parent, "materials", value, "an array of materials")
        return None
    start = len(problems)
    materials: list[Material] = []
    first_by_id: dict[str, int] = {}
    for j, obj in enumerate(value):
        path = f"{parent}.materials[{j}]"
        if type(obj) is not dict:
            problems.append(CatalogProblem(path, f"must be an object, got {_describe(obj)}"))
            continue
        material = _material(problems, obj, path, question_ids)
        if material is not None:
            materials.append(material)
        raw_id = obj.get("id")
        if type(raw_id) is str:
            first = first_by_id.setdefault(raw_id, j)
            if first != j:
                problems.append(
                    CatalogProblem(
                        f"{path}.id",
                        f"duplicate material id {_quote(raw_id)} (first used at "
                        f"{parent}.materials[{first}].id)",
                    )
                )
    return tuple(materials) if len(problems) == start else None


def _material(
    problems: Problems, obj: dict[str, Any], path: str, question_ids: frozenset[str]
) -> Material | None:
    start = len(problems)
    if not _MATERIAL_KEYS.issuperset(obj):
        _unknown_fields(problems, obj, path, _MATERIAL_KEYS)
    get = obj.get
    mid = _identifier(problems, get("id", _MISSING), path, "id")
    name = _text(problems, get("name", _MISSING), path, "name", MAX_TEXT_LENGTH, False)
    form = _choice(problems, get("form", _MISSING), path, "form", _FORMS)
    copies = _int(problems, get("copies", _MISSING), path, "copies", 1, MAX_COPIES)
    key = _bool(problems, get("key", _MISSING), path, "key")
    note = get("note")
    if note is not None:
        _text(problems, note, path, "note", MAX_TEXT_LENGTH, True, True)
    elif "note" in obj:
        _wrong_type(problems, path, "note", None, "a string (leave the field out if there is none)")
    template = get("template")
    if template is not None:
        _text(problems, template, path, "template", MAX_TEXT_LENGTH, False)
    elif "template" in obj:
        _wrong_type(
            problems, path, "template", None, "a string (leave the field out if there is none)"
        )
    when_yes = _question_refs(problems, get("when_yes", _MISSING), path, "when_yes", question_ids)
    when_no = _question_refs(problems, get("when_no", _MISSING), path, "when_no", question_ids)
    returned = False
    if "returned" in obj:
        returned = bool(_bool(problems, obj["returned"], path, "returned"))
    if when_yes and when_no:
        for k, qid in enumerate(when_no):
            if qid in when_yes:
                problems.append(
                    CatalogProblem(
                        f"{path}.when_no[{k}]",
                        f"question {_quote(qid)} is also listed in when_yes: the material "
                        "could never be needed",
                    )
                )
    if len(problems) != start:
        return None
    return Material(
        cast(str, mid),
        cast(str, name),
        cast(MaterialForm, form),
        cast(int, copies),
        cast(bool, key),
        note,
        template,
        when_yes,
        when_no,
        returned,
    )


def _question_refs(
    problems: Problems, value: Any, parent: str, key: str, question_ids: frozenset[str]
) -> tuple[str, ...]:
    if value is _MISSING:
        return ()
    if type(value) is not list:
        _wrong_type(problems, parent, key, value, "an array of question ids")
        return ()
    seen: set[str] = set()
    asked: str | None = None  # the item's questions, listed in a message (built once)
    for k, qid in enumerate(value):
        if problems.full and (type(qid) is not str or qid not in question_ids or qid in seen):
            problems.count()
        elif type(qid) is not str:
            problems.append(
                CatalogProblem(
                    f"{parent}.{key}[{k}]",
                    f"must be a question id (a string), got {_describe(qid)}",
                )
            )
        elif qid not in question_ids:
            if asked is None:
                asked = ", ".join(_quote(q) for q in sorted(question_ids)[:20]) or "none"
                if len(question_ids) > 20:
                    asked += ", ..."
            problems.append(
                CatalogProblem(
                    f"{parent}.{key}[{k}]",
                    f"{_quote(qid)} is not a question of this item (its questions: {asked})",
                )
            )
        elif qid in seen:
            problems.append(
                CatalogProblem(f"{parent}.{key}[{k}]", f"question {_quote(qid)} is listed twice")
            )
        else:
            seen.add(qid)
    return tuple(value)


# ------------------------------------------------------------------------ fast path
#
# A valid document takes these functions only: they check everything the detailed
# functions above check, without computing paths or messages, and give up (return
# None) at the first thing they do not like. The detailed functions then run on
# that item and report every problem in it. They never raise on bad input.


def _line_ok(value: object, limit: int) -> TypeGuard[str]:
    """A non-blank single-line string within the limit (see ``_text``)."""
    return type(value) is str and 0 < len(value) <= limit and not value.isspace() and text_ok(value)


def _id_ok(value: object) -> TypeGuard[str]:
    """An identifier within the limit (see ``_identifier``)."""
    return type(value) is str and len(value) <= MAX_ID_LENGTH and _ID_FULL(value) is not None


_ID_FULL: Final = IDENTIFIER.fullmatch


def _item_fast(obj: Any) -> Item | None:
    if type(obj) is not dict or not _ITEM_ALL_KEYS.issuperset(obj) or not _ITEM_KEYS.issubset(obj):
        return None
    authority = obj.get("authority")
    if authority is not None and not _line_ok(authority, MAX_TEXT_LENGTH):
        return None
    if "authority" in obj and authority is None:
        return None
    notice_basis = obj.get("notice_basis", _MISSING)
    if notice_basis is _MISSING:
        notice_basis = None
    elif type(notice_basis) is not list or not all(
        _line_ok(entry, MAX_TEXT_LENGTH) for entry in notice_basis
    ):
        return None
    code = obj["code"]
    name = obj["name"]
    department = obj["department"]
    kind = obj["kind"]
    level = obj["level"]
    conditions = obj["conditions"]
    agency_allowed = obj["agency_allowed"]
    tolerant = obj["tolerant_acceptance"]
    if not (
        _id_ok(code)
        and _line_ok(name, MAX_TEXT_LENGTH)
        and _line_ok(department, MAX_TEXT_LENGTH)
        and _line_ok(kind, MAX_TEXT_LENGTH)
        and type(level) is str
        and level in _LEVELS
        and type(conditions) is str
        and len(conditions) <= MAX_CONDITIONS_LENGTH
        and text_ok(conditions, multiline=True)
        and type(agency_allowed) is bool
        and type(tolerant) is bool
    ):
        return None

    legal_basis = obj["legal_basis"]
    if type(legal_basis) is not list:
        return None
    for entry in legal_basis:
        if not _line_ok(entry, MAX_TEXT_LENGTH):
            return None

    tl = obj["time_limit"]
    if type(tl) is not dict or len(tl) != 4 or not _TIME_LIMIT_KEYS.issuperset(tl):
        return None
    statutory = tl["statutory_days"]
    promised = tl["promised_days"]
    unit = tl["unit"]
    immediate = tl["immediate"]
    if not (
        type(statutory) is int
        and type(promised) is int
        and 0 <= promised <= statutory <= MAX_DAYS
        and type(unit) is str
        and unit in _UNITS
        and type(immediate) is bool
    ):
        return None

    fee = obj["fee"]
    if type(fee) is not dict or len(fee) != 2 or not _FEE_KEYS.issuperset(fee):
        return None
    amount = fee["amount_cents"]
    basis = fee["basis"]
    if not (
        type(amount) is int
        and 0 <= amount <= MAX_FEE_CENTS
        and (
            basis is None
            or (type(basis) is str and len(basis) <= MAX_TEXT_LENGTH and text_ok(basis))
        )
    ):
        return None

    questions = _questions_fast(obj["questions"])
    if questions is None:
        return None
    materials = _materials_fast(obj["materials"], frozenset(q.id for q in questions))
    if materials is None:
        return None
    return Item(
        code,
        name,
        department,
        kind,
        cast(Level, level),
        tuple(legal_basis),
        conditions,
        TimeLimit(statutory, promised, cast(TimeUnit, unit), immediate),
        Fee(amount, basis),
        agency_allowed,
        tolerant,
        questions,
        materials,
        authority,
        tuple(notice_basis) if notice_basis is not None else None,
    )


def _questions_fast(value: Any) -> tuple[Question, ...] | None:
    if type(value) is not list:
        return None
    questions: list[Question] = []
    for obj in value:
        if type(obj) is not dict or len(obj) != 2:
            return None
        qid = obj.get("id")
        text = obj.get("text")
        if not (_id_ok(qid) and _line_ok(text, MAX_TEXT_LENGTH)):
            return None
        questions.append(Question(qid, text))
    if len(questions) > 1 and len({q.id for q in questions}) != len(questions):
        return None
    return tuple(questions)


def _question_refs_fast(value: Any, question_ids: frozenset[str]) -> tuple[str, ...] | None:
    if type(value) is not list:
        return None
    if value:
        for qid in value:
            if type(qid) is not str or qid not in question_ids:
                return None
        if len(value) > 1 and len(set(value)) != len(value):
            return None
    return tuple(value)


def _materials_fast(value: Any, question_ids: frozenset[str]) -> tuple[Material, ...] | None:
    if type(value) is not list:
        return None
    materials: list[Material] = []
    ids: set[str] = set()
    for obj in value:
        if type(obj) is not dict:
            return None
        get = obj.get
        mid = get("id")
        name = get("name")
        form = get("form")
        copies = get("copies")
        key = get("key")
        if not (
            _id_ok(mid)
            and _line_ok(name, MAX_TEXT_LENGTH)
            and type(form) is str
            and form in _FORMS
            and type(copies) is int
            and 1 <= copies <= MAX_COPIES
            and type(key) is bool
            and mid not in ids
        ):
            return None
        ids.add(mid)
        present = 5
        note = get("note", _MISSING)
        if note is _MISSING:
            note = None
        elif type(note) is str and len(note) <= MAX_TEXT_LENGTH and text_ok(note, multiline=True):
            present += 1
        else:
            return None
        template = get("template", _MISSING)
        if template is _MISSING:
            template = None
        elif _line_ok(template, MAX_TEXT_LENGTH):
            present += 1
        else:
            return None
        when_yes: tuple[str, ...] | None = ()
        when_no: tuple[str, ...] | None = ()
        raw = get("when_yes", _MISSING)
        if raw is not _MISSING:
            when_yes = _question_refs_fast(raw, question_ids)
            if when_yes is None:
                return None
            present += 1
        raw = get("when_no", _MISSING)
        if raw is not _MISSING:
            when_no = _question_refs_fast(raw, question_ids)
            if when_no is None:
                return None
            present += 1
        returned = get("returned", _MISSING)
        if returned is _MISSING:
            returned = False
        elif type(returned) is bool:
            present += 1
        else:
            return None
        if len(obj) != present:  # an unknown field
            return None
        if when_yes and when_no and not set(when_yes).isdisjoint(when_no):
            return None
        materials.append(
            Material(
                mid,
                name,
                cast(MaterialForm, form),
                copies,
                key,
                note,
                template,
                cast("tuple[str, ...]", when_yes),
                cast("tuple[str, ...]", when_no),
                returned,
            )
        )
    return tuple(materials)
