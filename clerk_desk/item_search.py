"""Find a service item as the clerk types: Chinese, pinyin, initials or item code.

One search box takes any of::

    养老保险  低保  五保        Chinese text; everyday names and abbreviations
    zuidi  zui di  xi'an       full pinyin without tones (spaces and apostrophes ignored)
    zdsh  ylbx                 pinyin initials, from the start or from a later syllable
    zuidsh  zdshenghuo         full syllables and initials mixed
    dibao  dbsq  低保           syllables, initials or characters in order, with gaps
    370830104-MZ-001  MZ-001  mz001  370830104-MZ  MZ-0
                               an item code, its tail or its prefix (case and hyphens ignored)

Queries are stripped, lowercased and converted from full width to half width
(``ＭＺ－００１`` is ``mz-001``).

:class:`ItemSearchIndex` precomputes everything in its constructor; a search
is a handful of regular-expression scans over a few precomputed strings (one
line per item) or a look-up in precomputed postings (single characters,
syllable prefixes), run best tier first and stopped as soon as ``limit``
items were found in better tiers. Patterns never backtrack over skipped
syllables, so a scan stays linear in the catalog size. Ranking, best first (ties: catalog order):

1. exact item code;
2. code prefix or code tail (``370830104-MZ``, ``MZ-001``), or, for a query
   with a digit, the start of a later code segment (``MZ-0``, ``mz00``);
3. name starts with the text;
4. name contains the text (earlier is better); then name contains the long
   form of an everyday name or abbreviation in :data:`ALIASES` (低保, dibao,
   五保, 新农合, 准生证...);
5. full pinyin from the start of the name, or from a later syllable
   (earlier is better; the last syllable may be incomplete: ``zuid``);
6. initials from the start of the name (``zdsh``), then from a later
   syllable (``ylbx``);
7. syllable prefixes mixing full pinyin and initials (``zuidsh``,
   ``zdshenghuo``); then full pinyin found inside a syllable;
8. abbreviations with gaps: characters of the name in order (``低保`` without
   its alias), initials in order (``dbsq``), whole syllables in order
   (``dibao``), each taking the earliest fit (more compact is better);
9. department (its name, full pinyin or initials);
10. code contains the text.

Pinyin comes from ``pypinyin`` (``lazy_pinyin``, ``Style.NORMAL``) without
its phrase dictionary: that dictionary costs ~45 MB of memory and ~130 ms
of start-up in a counter PC's app, and its work (reading 银行 as *yin hang*
from context) is done here by indexing the other readings. Common heteronyms (多音字: 重,
行, 长, 给, ...) also get their next most frequent reading from pypinyin's
heteronym mode, and ``ü`` syllables (``lv``, ``nv``) also get the ``u``
spelling, each as an extra line for the item: at most
:data:`MAX_ALTERNATE_LINES` per item, ranked as the primary reading.

Searching does not change the index: an index can be shared between threads.
Pure: no Qt, no I/O, no module-level mutable state.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from heapq import merge
from typing import Final, Literal

# Must be set before pypinyin is first imported (it reads them at import).
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")

from pypinyin import Style, lazy_pinyin, pinyin

from clerk_desk.catalog import StoredItem

__all__ = [
    "ALIASES",
    "MAX_ALTERNATE_LINES",
    "ItemSearchIndex",
    "MatchKind",
    "SearchHit",
    "normalize_query",
]

MatchKind = Literal["code", "name", "pinyin", "initials", "department", ""]
"""What the query matched; ``""`` for the empty query (every item, nothing matched)."""

MAX_ALTERNATE_LINES: Final = 3
"""At most this many alternative pinyin readings are indexed per item."""

# Longest query (after normalisation) the pinyin tiers look at, and the longest
# one the tiers that may backtrack (partial pinyin, abbreviations) look at.
_MAX_PINYIN_QUERY: Final = 64
_MAX_SKIP_QUERY: Final = 24
_MAX_SEGMENTATIONS: Final = 3  # readings of a pinyin query as separate syllables
_LONGEST_SYLLABLE: Final = 8  # chuang, zhuang are 6; digit runs may be longer

# Heteronyms (多音字) common in service item names whose second reading a clerk
# may type. The alternative reading itself comes from pypinyin's heteronym mode.
_COMMON_HETERONYMS: Final = frozenset(
    "重行长还便调传降种单省都乐给曾藏率弹校角差称处干间将量落宁强区少数属宿提为兴应与"
    "载择正中转朴解系缝"
)

# Everyday names (俗称) and abbreviations of items: a query containing the
# short form (or equal to its pinyin: dibao) also finds names with the long one.
ALIASES: Final = (
    ("低保", "最低生活保障"),
    ("五保", "特困人员救助供养"),
    ("特困供养", "特困人员救助供养"),
    ("社保卡", "社会保障卡"),
    ("社保", "社会保险"),
    ("社保", "社会保障"),
    ("医保", "医疗保险"),
    ("医保", "医疗保障"),
    ("新农合", "城乡居民医保"),
    ("新农合", "城乡居民基本医疗保险"),
    ("新农保", "城乡居民基本养老保险"),
    ("准生证", "生育登记"),
    ("准生证", "生育服务"),
    ("两项补贴", "残疾人生活补贴和重度残疾人护理补贴"),
    ("残疾证", "残疾人证"),
    ("高龄补贴", "高龄津贴"),
    ("个体户", "个体工商户"),
)

# Scores: tiers are 500 or 1,000 apart and penalties inside a tier stay below 500.
_CODE_EXACT: Final = 10_000
_CODE_PREFIX_OR_TAIL: Final = 9_000
_NAME_PREFIX: Final = 8_000
_NAME_CONTAINS: Final = 7_000
_ALIAS: Final = 6_500  # name contains the long form of an alias
_PINYIN_FULL: Final = 6_000
_INITIALS_PREFIX: Final = 5_000
_INITIALS_LATER: Final = 4_500  # initials from a later syllable
_PINYIN_PARTIAL: Final = 4_000  # full syllables and initials mixed
_PINYIN_INSIDE: Final = 3_500  # full pinyin starting inside a syllable
_ABBREVIATION: Final = 3_000
_DEPARTMENT: Final = 2_000
_CODE_CONTAINS: Final = 1_000
_MAX_PENALTY: Final = 499  # keeps the half tiers (4,500 / 3,500) apart too

_WORD: Final = "[a-z0-9]"  # a character of a syllable
_ASCII_ALNUM = re.compile(r"[a-z0-9]+")
_IGNORED_IN_PINYIN = re.compile("['\u2018\u2019]")  # apostrophes: xi'an
_IGNORED_IN_CODE = re.compile("[-_./\u2010-\u2015\u2212]")  # separators: MZ-001


_Found = dict[int, tuple[int, "MatchKind"]]
"""Hits so far: item index -> (best score, what matched)."""

_Postings = dict[str, tuple[tuple[int, int], ...]]
"""Key -> (penalty, item index) of every item having the key, best first."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: the item, its score (higher is better) and what matched."""

    item: StoredItem
    score: int
    matched: MatchKind


def _halfwidth(text: str) -> str:
    """Full-width ASCII forms (U+FF01..U+FF5E) to ASCII, ideographic space to space."""
    return "".join(
        chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else (" " if c == "\u3000" else c)
        for c in text
    )


def normalize_query(text: str) -> str:
    """Strip, convert full width to half width, lowercase, drop whitespace, ``ü`` -> ``v``."""
    return "".join(_halfwidth(text).lower().replace("ü", "v").split())


def _text_key(text: str) -> str:
    """Names and departments as compared with queries."""
    return "".join(_halfwidth(text).lower().split())


def _code_line(code: str) -> str:
    """Item code as searched: lowercase letters and digits, segments joined by ``-``."""
    return "-".join(_ASCII_ALNUM.findall(_halfwidth(code).lower()))


def _syllables(text: str) -> list[str]:
    """Pinyin syllables of ``text``; digit and Latin runs become syllables of their own.

    Characters pypinyin cannot read (rare ideographs, punctuation) are dropped.
    """
    return [s for s, _ in _readings(text)]


def _readings(text: str) -> list[tuple[str, str]]:
    """(syllable, the character it reads, or "" for a digit or Latin run) of ``text``."""
    out: list[tuple[str, str]] = []
    pos = 0
    for token in lazy_pinyin(text, style=Style.NORMAL):
        if text.startswith(token, pos):  # left as is: not a character pypinyin reads
            pos += len(token)
            out.extend((run, "") for run in _ASCII_ALNUM.findall(_halfwidth(token).lower()))
        else:  # the reading of one character
            char = text[pos : pos + 1]
            out.extend((run, char) for run in _ASCII_ALNUM.findall(token.lower()))
            pos += 1
    return out


def _alternates(readings: list[tuple[str, str]]) -> list[list[str]]:
    """Up to MAX_ALTERNATE_LINES other readings, each differing in one syllable."""
    primary = [s for s, _ in readings]
    out: list[list[str]] = []
    for i, (reading, char) in enumerate(readings):
        if len(out) >= MAX_ALTERNATE_LINES:
            break
        alternative = None
        if char in _COMMON_HETERONYMS:
            heteronyms = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
            alternative = next((r for r in heteronyms if r != reading), None)
        elif char and "v" in reading:
            alternative = reading.replace("v", "u")
        if alternative and _ASCII_ALNUM.fullmatch(alternative):
            out.append([*primary[:i], alternative, *primary[i + 1 :]])
    return out


# A name's pinyin as the index holds it: (syllables line, initials line) for its reading and
# each alternate, and each syllable's first offset in them (capped at _MAX_PENALTY).
_PinyinLines = tuple[tuple[tuple[str, str], ...], tuple[tuple[str, int], ...]]


def _pinyin_lines(name: str) -> _PinyinLines:
    readings = _readings(name)
    primary = [s for s, _ in readings]
    first_at: dict[str, int] = {}
    lines = []
    for syllables in [primary, *_alternates(readings)]:
        at = 0
        for syllable in syllables:
            if first_at.get(syllable, at) >= at:
                first_at[syllable] = at
            at += len(syllable) + 1
        lines.append(("".join(" " + s for s in syllables), "".join(s[0] for s in syllables)))
    return tuple(lines), tuple((s, min(at, _MAX_PENALTY)) for s, at in first_at.items())


class _Lines:
    """Strings joined into one text, one per line, and a way back from an offset.

    The text starts with a line break too, so that ``"\\n" + literal`` finds
    line starts quickly (``re`` searches a literal prefix much faster than it
    tries ``^`` at every position).
    """

    __slots__ = ("starts", "text")

    def __init__(self, lines: Sequence[str]) -> None:
        starts: list[int] = []
        offset = 1
        for line in lines:
            starts.append(offset)
            offset += len(line) + 1
        starts.append(offset)  # sentinel: one past the end
        self.starts: tuple[int, ...] = tuple(starts)
        self.text = "\n" + "\n".join(lines) + "\n"

    def scan(self, pattern: str, *, at_start: bool = False) -> Iterator[tuple[int, int, int]]:
        """(line, offset in the line, length) of the first match in each line, in order.

        ``pattern`` must not match a line break. With ``at_start``, only
        matches at the start of a line count.
        """
        starts = self.starts
        anchor = "\n" if at_start else ""
        # The rest of the line is consumed so that the scan goes on with the next line.
        for m in re.finditer(f"{anchor}({pattern})[^\n]*", self.text):
            at, end = m.span(1)
            line = bisect_right(starts, at) - 1
            yield line, at - starts[line], end - at


def _postings(entries: dict[str, list[tuple[int, int]]]) -> _Postings:
    return {key: tuple(sorted(value)) for key, value in entries.items()}


@dataclass(frozen=True, slots=True)
class _Department:
    key: str
    full_pinyin: str
    initials: str
    items: tuple[int, ...]


class ItemSearchIndex:
    """Search index over catalog items, built once per catalog version.

    Building reads every name with pypinyin: about 0.5 s for 5,000 items on
    a 2-vCPU server VM, plus about 0.15 s when pypinyin is first imported.
    Build it off the GUI thread when a catalog version is imported or the
    application starts. A search over 5,000 items then takes about 1 ms
    (see ``bench/bench_item_search.py``).
    """

    def __init__(self, items: Sequence[StoredItem]) -> None:
        self._items: tuple[StoredItem, ...] = tuple(items)
        codes: list[str] = []
        names: list[str] = []
        syllable_lines: list[str] = []
        initials_lines: list[str] = []
        pinyin_item: list[int] = []
        by_code: dict[str, list[int]] = {}
        by_department: dict[str, list[int]] = {}
        by_char: dict[str, list[tuple[int, int]]] = {}
        by_syllable: dict[str, list[tuple[int, int]]] = {}
        pinyin_of: dict[str, _PinyinLines] = {}

        for index, stored in enumerate(self._items):
            item = stored.item
            code = _code_line(item.code)
            codes.append(code)
            by_code.setdefault(code.replace("-", ""), []).append(index)
            name = _text_key(item.name)
            names.append(name)
            first_at: dict[str, int] = {}
            for at, char in enumerate(name):
                first_at.setdefault(char, at)
            for char, at in first_at.items():
                by_char.setdefault(char, []).append((min(at, _MAX_PENALTY), index))
            by_department.setdefault(item.department, []).append(index)

            # Many items share a name (one item per department or township): its pinyin
            # is read once per index (pypinyin is most of the time of a build).
            read = pinyin_of.get(item.name)
            if read is None:
                read = pinyin_of[item.name] = _pinyin_lines(item.name)
            lines, syllable_at = read
            for syllable_line, initials_line in lines:
                syllable_lines.append(syllable_line)
                initials_lines.append(initials_line)
                pinyin_item.append(index)
            for syllable, at in syllable_at:
                by_syllable.setdefault(syllable, []).append((at, index))

        self._by_code: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in by_code.items()}
        self._codes = _Lines(["-" + c for c in codes])  # "-" before every segment
        self._reversed_codes = _Lines([c[::-1] for c in codes])  # tails become prefixes
        self._names = _Lines(names)
        self._syllables = _Lines(syllable_lines)
        self._initials = _Lines(initials_lines)
        self._pinyin_item: tuple[int, ...] = tuple(pinyin_item)
        self._by_char = _postings(by_char)
        self._by_syllable = _postings(by_syllable)
        by_prefix: dict[str, list[str]] = {}
        for syllable in self._by_syllable:
            for end in range(1, len(syllable) + 1):
                by_prefix.setdefault(syllable[:end], []).append(syllable)
        self._syllables_by_prefix: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in by_prefix.items()
        }
        departments: list[_Department] = []
        for department, members in by_department.items():
            syllables = _syllables(department)
            departments.append(
                _Department(
                    _text_key(department),
                    "".join(syllables),
                    "".join(s[0] for s in syllables),
                    tuple(members),
                )
            )
        self._departments: tuple[_Department, ...] = tuple(departments)
        self._alias_pinyin: tuple[tuple[str, str], ...] = tuple(
            ("".join(_syllables(short)), _text_key(full)) for short, full in ALIASES
        )

    def __len__(self) -> int:
        return len(self._items)

    @property
    def items(self) -> tuple[StoredItem, ...]:
        """The indexed items, in catalog order."""
        return self._items

    # ------------------------------------------------------------------ search

    def search(self, query: str, limit: int = 30) -> list[SearchHit]:
        """Items matching ``query``, best first, at most ``limit`` of them.

        The empty (or blank) query gives every item in catalog order. Scores:
        10,000 exact code, 9,000 code prefix or tail, 8,000 name prefix,
        7,000 name contains, 6,500 alias (:data:`ALIASES`), 6,000 full pinyin,
        5,000 initials prefix, 4,500 initials from a later syllable, 4,000
        mixed pinyin, 3,500 pinyin inside a syllable, 3,000 abbreviation,
        2,000 department, 1,000 code contains;
        less a penalty under 500 for where the match starts (and, for
        abbreviations, how spread out it is).
        """
        if limit <= 0:
            return []
        q = normalize_query(query)
        if not q:
            return [SearchHit(item, 0, "") for item in self._items[:limit]]

        code = _IGNORED_IN_CODE.sub("", q)
        if _ASCII_ALNUM.fullmatch(code) is None:
            code = ""  # not a code
        letters = _IGNORED_IN_PINYIN.sub("", q)
        if len(letters) > _MAX_PINYIN_QUERY or _ASCII_ALNUM.fullmatch(letters) is None:
            letters = ""  # not pinyin

        tiers: list[Callable[[_Found, int], None]] = []
        if code:
            tiers.append(partial(self._code, code))
        tiers.append(partial(self._name, q))
        tiers.append(partial(self._alias, q, letters))
        if letters:
            tiers.append(partial(self._full_pinyin, letters))
            tiers.append(partial(self._initials_tier, letters))
            tiers.append(partial(self._partial_pinyin, letters))
            tiers.append(partial(self._inside_pinyin, letters))
        tiers.append(partial(self._abbreviation, q, letters))
        tiers.append(partial(self._department, q, letters))
        if code:
            tiers.append(partial(self._code_contains, code))

        found: _Found = {}
        for tier in tiers:
            tier(found, limit)
            if len(found) >= limit:
                break  # every later tier scores below everything found so far
        ranked = sorted(found.items(), key=lambda e: (-e[1][0], e[0]))[:limit]
        return [SearchHit(self._items[i], score, kind) for i, (score, kind) in ranked]

    # ------------------------------------------------------------------- tiers
    #
    # Each tier adds its hits to ``found``, keeping an item's best score. Every
    # score a tier gives is below every score of the tiers before it (search
    # stops after a tier once ``limit`` items are found). A tier whose hits come
    # best first (catalog order breaking ties) stops as soon as ``found`` holds
    # ``limit`` items; the others record every hit.

    def _code(self, code: str, found: _Found, limit: int) -> None:
        for index in self._by_code.get(code, ()):
            found[index] = (_CODE_EXACT, "code")
        # Separators are optional: mz001 is a tail of 370830104-mz-001.
        prefixes = self._codes.scan(
            "-" + "-?".join(code),
            # With a digit, also a prefix of a later segment (mz-00, 00); letters
            # alone are more likely pinyin (MZ is found as 民政's initials).
            at_start=not any(c.isdigit() for c in code),
        )
        tails = self._reversed_codes.scan("-?".join(reversed(code)), at_start=True)
        hits = merge(prefixes, tails)  # both in catalog order
        _in_order(found, limit, hits, _CODE_PREFIX_OR_TAIL, "code")

    def _code_contains(self, code: str, found: _Found, limit: int) -> None:
        hits = self._codes.scan("-?".join(code))
        _in_order(found, limit, hits, _CODE_CONTAINS, "code")

    def _name(self, q: str, found: _Found, limit: int) -> None:
        if len(q) == 1:  # a single character: often in thousands of names
            _best_first(
                found, limit, self._by_char.get(q, ()), _NAME_CONTAINS, "name", _NAME_PREFIX
            )
            return
        for line, at, _ in self._names.scan(re.escape(q)):
            if at == 0:
                _keep_best(found, line, _NAME_PREFIX, "name")
            else:
                _keep_best(found, line, _NAME_CONTAINS - min(at, _MAX_PENALTY), "name")

    def _alias(self, q: str, letters: str, found: _Found, limit: int) -> None:
        expanded = {q.replace(short, _text_key(full)) for short, full in ALIASES if short in q}
        expanded.update(full for short, full in self._alias_pinyin if short == letters)
        for text in sorted(expanded):
            for line, at, _ in self._names.scan(re.escape(text)):
                _keep_best(found, line, _ALIAS - min(at, _MAX_PENALTY), "name")

    def _full_pinyin(self, letters: str, found: _Found, limit: int) -> None:
        # The letters from a syllable start, across syllable breaks: zuidi, zui, z.
        syllables = self._syllables_by_prefix.get(letters)
        if syllables is None:
            pattern = " " + " ?".join(letters)
        else:
            # Within one syllable: from the postings of the syllables it begins.
            postings = merge(*(self._by_syllable[s] for s in syllables))
            _best_first(found, limit, postings, _PINYIN_FULL, "pinyin")
            # Across a break, after a whole first syllable (xi an for xian).
            splits = [
                f" {letters[:end]} " + " ?".join(letters[end:])
                for end in range(1, len(letters))
                if letters[:end] in self._by_syllable
            ]
            if not splits:
                return
            pattern = "|".join(splits)
        item = self._pinyin_item
        for line, at, _ in self._syllables.scan(pattern):
            _keep_best(found, item[line], _PINYIN_FULL - min(at, _MAX_PENALTY), "pinyin")

    def _initials_tier(self, letters: str, found: _Found, limit: int) -> None:
        item = self._pinyin_item
        prefix = ((item[line], 0) for line, _, _ in self._initials.scan(letters, at_start=True))
        _in_order(found, limit, prefix, _INITIALS_PREFIX, "initials")
        if len(found) >= limit:
            return
        # From a later syllable: ylbx in cxjmjbylbx.
        for line, at, _ in self._initials.scan(letters):
            if at > 0:
                score = _INITIALS_LATER - min(4 * at, _MAX_PENALTY)
                _keep_best(found, item[line], score, "initials")

    def _partial_pinyin(self, letters: str, found: _Found, limit: int) -> None:
        # Two ways on at each letter (same syllable or next one): bound the backtracking.
        if not 1 < len(letters) <= _MAX_SKIP_QUERY:
            return
        item = self._pinyin_item
        # Syllables in a row, each giving a non-empty prefix of itself: zuidsh, zdshenghuo.
        pattern = " " + letters[0] + "".join(f"(?:{_WORD}*+ )?{c}" for c in letters[1:])
        for line, at, _ in self._syllables.scan(pattern):
            _keep_best(found, item[line], _PINYIN_PARTIAL - min(at, _MAX_PENALTY), "pinyin")

    def _inside_pinyin(self, letters: str, found: _Found, limit: int) -> None:
        if len(letters) < 3:
            return
        item = self._pinyin_item
        # Full pinyin starting inside a syllable: uidi in zui di.
        for line, at, _ in self._syllables.scan(" ?".join(letters)):
            _keep_best(found, item[line], _PINYIN_INSIDE - min(at, _MAX_PENALTY), "pinyin")

    def _abbreviation(self, q: str, letters: str, found: _Found, limit: int) -> None:
        if 1 < len(q) <= _MAX_SKIP_QUERY and not q.isascii():
            # Characters of the name in order, with gaps: 低保 in 最低生活保障.
            pattern = re.escape(q[0]) + "".join(
                f"[^\\n{re.escape(c)}]*+{re.escape(c)}" for c in q[1:]
            )
            for line, at, length in self._names.scan(pattern):
                score = _ABBREVIATION - min(10 * length + at, _MAX_PENALTY)
                _keep_best(found, line, score, "name")
        if not 1 < len(letters) <= _MAX_SKIP_QUERY:
            return
        # Every pattern below takes the earliest syllable that fits and never
        # backtracks over skipped ones (possessive), so a scan stays linear.
        item = self._pinyin_item
        # Initials in order, with gaps: dbsq in zdshbzsq (最低生活保障申请).
        pattern = letters[0] + "".join(f"[^\\n{c}]*+{c}" for c in letters[1:])
        for line, at, length in self._initials.scan(pattern):
            penalty = 10 * (length - len(letters)) + at
            _keep_best(found, item[line], _ABBREVIATION - min(penalty, _MAX_PENALTY), "initials")
        # Whole syllables in order, with gaps, the last one possibly incomplete:
        # dibao in zui di sheng huo bao zhang.
        for words in self._segmentations(letters):
            # One scan per reading: each starts with a literal, which re finds fast.
            pattern = f" {words[0]}\\b"
            for word in words[1:-1]:
                pattern += f"(?: (?!{word}\\b){_WORD}++)*+ {word}\\b"
            pattern += f"(?: (?!{words[-1]}){_WORD}++)*+ {words[-1]}"
            for line, at, length in self._syllables.scan(pattern):
                penalty = length - len(letters) + at
                score = _ABBREVIATION - min(penalty, _MAX_PENALTY)
                _keep_best(found, item[line], score, "pinyin")

    def _segmentations(self, letters: str) -> list[list[str]]:
        """Up to 3 ways of reading ``letters`` as 2 or more syllables of the catalog.

        Every syllable but the last is whole; the last may be the start of one.
        Longer syllables are tried first: xian is xian before xi + an.
        """
        whole = self._by_syllable
        out: list[list[str]] = []
        dead: set[int] = set()  # positions from which nothing fits

        def extend(start: int, words: list[str]) -> bool:
            if len(out) >= _MAX_SEGMENTATIONS:
                return True
            if start in dead:
                return False
            fitted = False
            if len(words) >= 1 and letters[start:] in self._syllables_by_prefix:
                out.append([*words, letters[start:]])
                fitted = True
            for end in range(min(len(letters) - 1, start + _LONGEST_SYLLABLE), start, -1):
                if letters[start:end] in whole and extend(end, [*words, letters[start:end]]):
                    fitted = True
            if not fitted:
                dead.add(start)
            return fitted

        extend(0, [])
        return out

    def _department(self, q: str, letters: str, found: _Found, limit: int) -> None:
        postings: list[Iterable[tuple[int, int]]] = []
        for department in self._departments:
            at = department.key.find(q)
            if (
                at < 0
                and letters
                and (
                    department.full_pinyin.startswith(letters)
                    or department.initials.startswith(letters)
                )
            ):
                at = 0
            if at >= 0:
                penalty = min(at, _MAX_PENALTY)
                postings.append([(penalty, index) for index in department.items])
        _best_first(found, limit, merge(*postings), _DEPARTMENT, "department")


def _keep_best(found: _Found, index: int, score: int, kind: MatchKind) -> None:
    best = found.get(index)
    if best is None or best[0] < score:
        found[index] = (score, kind)


def _in_order(
    found: _Found, limit: int, hits: Iterable[tuple[int, ...]], score: int, kind: MatchKind
) -> None:
    """Hits of equal score, in catalog order (item index first in each tuple)."""
    if len(found) >= limit:
        return
    for hit in hits:
        if hit[0] not in found:
            found[hit[0]] = (score, kind)
            if len(found) >= limit:
                return


def _best_first(
    found: _Found,
    limit: int,
    postings: Iterable[tuple[int, int]],
    score: int,
    kind: MatchKind,
    score_at_start: int | None = None,
) -> None:
    """(penalty, item) pairs, best first: score - penalty (or score_at_start for 0)."""
    if len(found) >= limit:
        return
    for penalty, index in postings:
        if index not in found:
            if penalty == 0 and score_at_start is not None:
                found[index] = (score_at_start, kind)
            else:
                found[index] = (score - penalty, kind)
            if len(found) >= limit:
                return
