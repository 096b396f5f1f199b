"""The case lists of the main window, built for stores of 500,000 cases.

The UI model holds only the ordered ids of a list (:meth:`CaseLists.ids`, one
indexed query returning one column) and fetches the rows it shows a page at a
time (:meth:`CaseLists.rows`, one joined query per page).

Views (:data:`VIEWS`):

``mine``
    cases whose first-contact clerk (首问) is the logged-in clerk, newest first;
``all``
    every case, newest first;
``today``
    cases opened today (the local day in ``settings.timezone``), newest first;
``due_soon``
    running cases (accepted, tolerant-accepted, in progress, suspended, decided)
    due within the next ``due_soon_working_days`` working days counting today
    (due today is included, overdue is not), earliest due date first;
``overdue``
    running cases whose due date has passed, earliest due date first;
``waiting``
    cases with a one-time notice issued, waiting for the applicant's return,
    newest first;
``promises``
    tolerant acceptances (容缺受理) whose promised materials have not all
    arrived and whose promise date falls inside the ``due_soon`` window or has
    passed, earliest promise date first;
``earlier_drafts``
    intakes left 暂存 (no outcome yet) that were begun before today, for a
    supervisor to follow up, oldest first.

"Newest first" is by ``created_at``, ties broken by id so the order is stable.

Search (:class:`CaseListFilter` ``search``) narrows the view. What was typed
is read every way it can be (:func:`parse_search`) and a case matches any of:

* tracking number, of the numeric form or the old 13-symbol one: exact (after
  :func:`clerk_desk.tracking_numbers.normalize`, so the printed
  ``2611 2390 4210 0012`` and ``XXX-XXX-XXX-XXX-X`` forms and lower case
  work), or a prefix of at least ``MIN_TRACKING_PREFIX`` characters (``261123``:
  the cases opened that day, ``26112390421``: by that terminal);
* the applicant's resident ID or credit code: exact (normalized), or a prefix
  of at least ``MIN_IDENTITY_PREFIX`` characters for a partial number;
* the applicant's phone: exact (normalized), or a prefix of at least
  ``MIN_PHONE_PREFIX`` digits;
* the applicant's name, exactly as stored (rare characters included): a
  prefix (one character finds a surname), and for two characters or more with
  a non-ASCII one (a Chinese name), anywhere in the name ("小明" finds 王小明).
  The substring match scans the name index of every applicant (about 20 ms
  for 250,000 applicants); the other readings are index lookups.

:meth:`CaseLists.ids`, :meth:`~CaseLists.keys` and :meth:`~CaseLists.count`
give every match (for tests and tools; a prefix matching nearly every case,
``370830``, takes a second at 500,000 cases). The main window asks
:meth:`CaseLists.search` instead: the first ``SEARCH_LIMIT`` matches in list
order and how many match, counted up to ``SEARCH_COUNT_CAP`` ("more than
5,000"). No plan reads every match or sorts a whole list, so every search
answers in well under 300 ms at 500,000 cases (``bench/bench_case_search.py``):

* each reading of the text is looked up in its own index, at most
  ``SEARCH_COUNT_CAP + 1`` matches each (a tracking-number range on ``cases``;
  an ID, phone or name range on ``applicants``, then their cases by
  ``applicant_id``). When no reading reaches the cap, these are all the matches:
  counted exactly and sorted (at most a few thousand rows);
* a reading that reaches the cap is broad (an old-form terminal prefix, the
  county code ``370830``, a surname): more than 1 case in 100 matches it, so
  the list's own index is walked in list order (``ix_cases_created_at_id``, the
  clerk's ``ix_cases_first_clerk_created_id``) testing each row until the page
  is full, and the narrow readings' matches are merged in. Spread over the
  years, the page is full after a few thousand rows; matches that are all old
  (an old-form terminal prefix behind the newer numbers) are reached after the
  newer rows, cheaply tested on the case row (about 100 ms for 290,000). The
  count says "more than the cap"; in ``mine`` the clerk's matches are counted
  up to the cap;
* the other lists (today, due soon, overdue, waiting, promises, earlier drafts)
  are short by nature: their rows are read through the list's index and each
  is tested.
"""

from __future__ import annotations

import json
import unicodedata
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    false,
    func,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from clerk_desk import tracking_numbers
from clerk_desk.applicants import normalize_identity
from clerk_desk.cases import local_date
from clerk_desk.clock import Clock
from clerk_desk.errors import InvalidInput
from clerk_desk.holiday_calendar import HolidayCalendarService
from clerk_desk.identity_numbers import CREDIT_CODE_ALPHABET, normalize_phone
from clerk_desk.lifecycle import CLOCK_RUNNING_STATES, CaseState
from clerk_desk.models import Applicant, Case, CaseMaterial, CatalogItem, Staff
from clerk_desk.roles import Role
from clerk_desk.settings import TerminalSettings
from clerk_desk.storage import Store
from clerk_desk.supervision import DueLevel, WarningPolicy, due_level, working_days_left
from clerk_desk.working_days import due_date

__all__ = [
    "MAX_SEARCH_LENGTH",
    "MIN_IDENTITY_PREFIX",
    "MIN_PHONE_PREFIX",
    "MIN_TRACKING_PREFIX",
    "SEARCH_COUNT_CAP",
    "SEARCH_LIMIT",
    "VIEWS",
    "CaseListFilter",
    "CaseLists",
    "CaseRow",
    "SearchResult",
    "SearchTerms",
    "View",
    "parse_search",
    "views_for",
]

View = Literal[
    "mine", "all", "today", "due_soon", "overdue", "waiting", "promises", "earlier_drafts"
]
VIEWS: tuple[View, ...] = get_args(View)
# Intakes left 暂存 are a supervisor's to follow up (close or hand back).
_SUPERVISING_VIEWS: frozenset[View] = frozenset({"earlier_drafts"})


def views_for(role: str) -> tuple[View, ...]:
    """The lists a member of staff of ``role`` sees, in tab order.

    A village agent sees only the cases they collected ("mine"): the township's
    lists name other villagers (:class:`CaseListFilter` refuses them to an agent).
    """
    if role in (Role.SUPERVISOR, Role.ADMIN):
        return VIEWS
    if role == Role.AGENT:
        return ("mine",)
    return tuple(v for v in VIEWS if v not in _SUPERVISING_VIEWS)


MIN_TRACKING_PREFIX = 4
MIN_IDENTITY_PREFIX = 6
MIN_PHONE_PREFIX = 4
MAX_SEARCH_LENGTH = 100
# A search shows its first SEARCH_LIMIT matches and counts up to SEARCH_COUNT_CAP.
SEARCH_LIMIT = 200
SEARCH_COUNT_CAP = 5000
# Up to this many cases of a clerk, a broad search in "mine" is counted by
# testing each of them (their index, each applicant looked up); beyond it, by
# looking up the search's matches and keeping the clerk's (a share of them).
_CLERK_WALK = 40_000
# Ids per query in rows(): well below SQLite's limit on bound parameters.
_ROWS_CHUNK = 500
# Greater than any character that can follow a prefix (compared as UTF-8 bytes,
# SQLite's BINARY collation): ``p <= x < p + _TOP`` is "x starts with p".
_TOP = "\U0010ffff"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_RUNNING = tuple(sorted(s.value for s in CLOCK_RUNNING_STATES))
# A promise date is set on tolerant acceptance only; it stays while the clock runs.
_AWAITING_PROMISE = tuple(sorted(s.value for s in CLOCK_RUNNING_STATES))
# One row of a list, without its WHERE (a statement is immutable: safe to share).
# SQLite's integer row key of a case: what the UI's list model holds for each
# of up to 500,000 rows (8 bytes each in an array, not a 32-character string).
_ROWKEY = literal_column("cases.rowid", Integer)

_ROWS = (
    select(
        _ROWKEY.label("rowkey"),
        Case.id,
        Case.tracking_number,
        Case.state,
        CatalogItem.name.label("item_name"),
        Applicant.name.label("applicant_name"),
        Applicant.id_number.label("applicant_id_number"),
        Applicant.phone,
        Staff.name.label("first_clerk_name"),
        Case.created_at,
        Case.accepted_on,
        Case.due_on,
        Case.due_unpublished_years,
        Case.promise_date,
    )
    .join(CatalogItem, CatalogItem.id == Case.item_id)
    .join(Applicant, Applicant.id == Case.applicant_id)
    .join(Staff, Staff.id == Case.first_clerk_id)
)


@dataclass(frozen=True, slots=True)
class CaseListFilter:
    """Which list, for whom, narrowed by what was typed in the search box."""

    view: View
    clerk_id: str | None
    search: str = ""
    # Whose screen asks: a village agent (Role.AGENT) may only ask for their own cases.
    role: str | None = None

    def __post_init__(self) -> None:
        if self.view not in VIEWS:
            raise InvalidInput(
                "view",
                "must be one of {choices}, got {got}",
                choices=", ".join(VIEWS),
                got=repr(self.view),
            )
        if self.role is not None and self.view not in views_for(self.role):
            raise InvalidInput(
                "view",
                "the list {view} is not shown to a {role}: a village agent sees only the "
                "cases they collected",
                view=repr(self.view),
                role=str(self.role),
            )
        if self.view == "mine" and not self.clerk_id:
            raise InvalidInput("clerk_id", "the list of my cases needs the logged-in clerk")
        if len(self.search.strip()) > MAX_SEARCH_LENGTH:
            raise InvalidInput("search", "at most {max_len} characters", max_len=MAX_SEARCH_LENGTH)


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One row of a case list, as shown (full ID number: the screen of a logged-in clerk)."""

    id: str
    tracking_number: str
    state: CaseState
    item_name: str
    applicant_name: str
    applicant_id_number: str
    phone: str
    first_clerk_name: str
    created_at: datetime
    accepted_on: date | None
    due_on: date | None
    due_provisional: bool
    due_level: DueLevel
    # Working days left to ``due_on`` (negative: overdue), while the clock runs.
    days_left: int | None = None
    # The date a tolerant acceptance promised its missing materials by.
    promise_date: date | None = None


@dataclass(frozen=True, slots=True)
class SearchTerms:
    """The readings of a search text; ``None`` where the text cannot be one."""

    tracking_exact: str | None = None
    tracking_prefix: str | None = None
    identity_exact: str | None = None
    identity_prefix: str | None = None
    phone_exact: str | None = None
    phone_prefix: str | None = None
    name_prefix: str | None = None
    name_contains: str | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The first matches of a search, in list order, and how many match.

    ``matched`` is exact unless ``more``: then more than ``matched`` (the cap)
    match and the count stopped there.
    """

    keys: array[int]
    matched: int
    more: bool = False

    @property
    def cut(self) -> bool:
        """Whether more match than ``keys`` holds."""
        return self.more or self.matched > len(self.keys)


def _compact_ascii(text: str) -> str:
    """Full-width forms to ASCII (NFKC), spaces and dashes dropped, ASCII upper case."""
    folded = unicodedata.normalize("NFKC", text)
    kept = "".join(c for c in folded if not c.isspace() and c not in _DASHES)
    return "".join(chr(ord(c) - 32) if "a" <= c <= "z" else c for c in kept)


_TRACKING_SYMBOLS = frozenset("0123456789" + tracking_numbers.LEGACY_ALPHABET)


def _tracking_terms(text: str) -> tuple[str | None, str | None]:
    number = tracking_numbers.normalize(text)
    if not number or any(c not in _TRACKING_SYMBOLS for c in number):
        return None, None
    if tracking_numbers.is_valid(number):  # either form
        return number, None
    if MIN_TRACKING_PREFIX <= len(number) <= tracking_numbers.LENGTH:
        return None, number
    return None, None


def _identity_terms(compact: str, today: date) -> tuple[str | None, str | None]:
    if not compact or any(c not in CREDIT_CODE_ALPHABET for c in compact):
        return None, None
    if len(compact) == 18:
        try:
            return normalize_identity(compact, today=today)[1], None
        except InvalidInput:
            # A mistyped number: look for it as typed (finds nothing unless stored so).
            return compact, None
    if MIN_IDENTITY_PREFIX <= len(compact) < 18:
        return None, compact
    return None, None


def _phone_terms(text: str, compact: str) -> tuple[str | None, str | None]:
    if not any(c.isdigit() for c in compact):
        return None, None
    try:
        return normalize_phone(text), None
    except InvalidInput:
        pass
    digits = compact
    for international in ("+86", "0086"):
        if digits.startswith(international):
            digits = digits[len(international) :]
    if len(digits) < MIN_PHONE_PREFIX or not digits.isascii() or not digits.isdigit():
        return None, None
    if digits.startswith("0"):
        # Landlines are stored as "0571-88889999": put the hyphen after the area code.
        area = digits[:3] if digits.startswith(("010", "02")) else digits[:4]
        if len(digits) > len(area):
            return None, f"{area}-{digits[len(area) :]}"
    return None, digits


def parse_search(text: str, *, today: date) -> SearchTerms | None:
    """Every reading of a search text, or ``None`` for an empty one (no search).

    Never raises for what a person may type: a reading that does not fit is
    left out. ``today`` checks the birth date of a full resident ID number.
    """
    stripped = text.strip()
    if not stripped:
        return None
    compact = _compact_ascii(stripped)
    tracking_exact, tracking_prefix = _tracking_terms(stripped)
    identity_exact, identity_prefix = _identity_terms(compact, today)
    phone_exact, phone_prefix = _phone_terms(stripped, compact)
    return SearchTerms(
        tracking_exact=tracking_exact,
        tracking_prefix=tracking_prefix,
        identity_exact=identity_exact,
        identity_prefix=identity_prefix,
        phone_exact=phone_exact,
        phone_prefix=phone_prefix,
        name_prefix=stripped,
        name_contains=stripped if len(stripped) >= 2 and not stripped.isascii() else None,
    )


def _starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    # A range, not LIKE: LIKE is case-insensitive in SQLite and cannot use the index.
    return and_(column >= prefix, column < prefix + _TOP)


def _search_condition(terms: SearchTerms) -> ColumnElement[bool]:
    on_case: list[ColumnElement[bool]] = []
    if terms.tracking_exact:
        on_case.append(Case.tracking_number == terms.tracking_exact)
    if terms.tracking_prefix:
        on_case.append(_starts_with(Case.tracking_number, terms.tracking_prefix))
    on_applicant: list[ColumnElement[bool]] = []
    if terms.identity_exact:
        on_applicant.append(Applicant.id_number == terms.identity_exact)
    if terms.identity_prefix:
        on_applicant.append(_starts_with(Applicant.id_number, terms.identity_prefix))
    if terms.phone_exact:
        on_applicant.append(Applicant.phone == terms.phone_exact)
    if terms.phone_prefix:
        on_applicant.append(_starts_with(Applicant.phone, terms.phone_prefix))
    if terms.name_prefix:
        on_applicant.append(_starts_with(Applicant.name, terms.name_prefix))
    if on_applicant:
        on_case.append(Case.applicant_id.in_(select(Applicant.id).where(or_(*on_applicant))))
    if terms.name_contains:
        # Its own subquery: a scan of the (name, id) index. Inside the OR above
        # it would turn the indexed lookups into a scan of the whole table.
        contains = func.instr(Applicant.name, terms.name_contains) > 0
        on_case.append(Case.applicant_id.in_(select(Applicant.id).where(contains)))
    return or_(*on_case) if on_case else false()


def _no_index(column: Any) -> ColumnElement[Any]:
    """``+column``: the same value, but SQLite will not use an index for it."""
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


def _as_is(column: Any) -> Any:
    return column


@dataclass(frozen=True, slots=True)
class _Reading:
    """One reading of a search: a test on the case row or on its applicant's.

    ``lookup`` finds its matches through the column's index; ``test`` is the
    same test on a row reached another way (the column wrapped so that SQLite
    does not turn the walk of a list's index into a lookup). ``scan``: no
    index serves the lookup (a name's inside), its applicants are read first.
    """

    on_applicant: bool
    lookup: ColumnElement[bool]
    test: ColumnElement[bool]
    scan: bool = False


def _readings(terms: SearchTerms) -> list[_Reading]:
    def tests(col: Callable[[Any], Any]) -> list[tuple[bool, ColumnElement[bool]]]:
        out: list[tuple[bool, ColumnElement[bool]]] = []
        number = col(Case.tracking_number)
        if terms.tracking_exact:
            out.append((False, number == terms.tracking_exact))
        if terms.tracking_prefix:
            out.append((False, _starts_with(number, terms.tracking_prefix)))
        identity, phone, name = (
            col(Applicant.id_number),
            col(Applicant.phone),
            col(Applicant.name),
        )
        if terms.identity_exact:
            out.append((True, identity == terms.identity_exact))
        if terms.identity_prefix:
            out.append((True, _starts_with(identity, terms.identity_prefix)))
        if terms.phone_exact:
            out.append((True, phone == terms.phone_exact))
        if terms.phone_prefix:
            out.append((True, _starts_with(phone, terms.phone_prefix)))
        if terms.name_prefix:
            out.append((True, _starts_with(name, terms.name_prefix)))
        if terms.name_contains:
            # No index serves it: a scan of the (name, id) index, stopped at the cap.
            out.append((True, func.instr(Applicant.name, terms.name_contains) > 0))
        return out

    readings = [
        _Reading(on_applicant, lookup, test)
        for (on_applicant, lookup), (_, test) in zip(tests(_as_is), tests(_no_index), strict=True)
    ]
    if terms.name_contains:
        readings[-1] = replace(readings[-1], scan=True)
    return readings


# A match found by a lookup: (row key, created_at as stored, id, first clerk).
# Sorting these tuples' (created_at, id) as stored is SQLite's order of the list.
_Found = tuple[int, str, str, str]


def _newest_first(found: Any) -> list[Any]:
    return sorted(found, key=lambda r: (r[1], r[2]), reverse=True)


class CaseLists:
    """The main window's case lists: ordered ids, pages of rows, and counts.

    ``due_soon_working_days`` is the window of the ``due_soon`` view (today and
    the next working days, N in all); ``policy`` colours the rows.
    """

    def __init__(
        self,
        store: Store,
        clock: Clock,
        calendar: HolidayCalendarService,
        settings: Callable[[], TerminalSettings],
        *,
        policy: WarningPolicy | None = None,
        due_soon_working_days: int = 3,
    ) -> None:
        if isinstance(due_soon_working_days, bool) or not isinstance(due_soon_working_days, int):
            raise InvalidInput("due_soon_working_days", "must be a whole number")
        if due_soon_working_days < 1:
            raise InvalidInput("due_soon_working_days", "must be at least 1")
        self._store = store
        self._clock = clock
        self._calendar = calendar
        self._settings = settings
        self._policy = policy or WarningPolicy()
        self._due_soon_days = due_soon_working_days

    @property
    def policy(self) -> WarningPolicy:
        return self._policy

    def today(self) -> date:
        """The local date at the centre (``settings.timezone``)."""
        return local_date(self._clock.now(), self._settings().timezone)

    # -- lists -------------------------------------------------------------

    def ids(self, filter: CaseListFilter) -> list[str]:
        """The ordered ids of every case in the list (one query, one column)."""
        stmt = self._ordered(select(Case.id).where(self._where(filter)), filter)
        with self._store.read() as session:
            result = session.connection().execute(stmt)
            try:
                # Straight from the DBAPI cursor: the ids need no conversion, and
                # SQLAlchemy's row objects would double the time for 500,000 of them.
                return [row[0] for row in result.cursor.fetchall()]
            finally:
                result.close()

    def keys(self, filter: CaseListFilter) -> array[int]:
        """Like :meth:`ids`, as compact integer row keys (for :meth:`rows_by_key`).

        The list model of the main window holds these: 500,000 of them take
        4 MB, where the ids would take ~45 MB as Python strings.
        """
        stmt = self._ordered(select(_ROWKEY).select_from(Case).where(self._where(filter)), filter)
        out: array[int] = array("q")
        with self._store.read() as session:
            result = session.connection().execute(stmt)
            try:
                cursor = result.cursor
                while batch := cursor.fetchmany(20_000):
                    out.extend(row[0] for row in batch)
            finally:
                result.close()
        return out

    def count(self, filter: CaseListFilter) -> int:
        stmt = select(func.count()).select_from(Case).where(self._where(filter))
        with self._store.read() as session:
            return int(session.scalar(stmt) or 0)

    def search(
        self,
        filter: CaseListFilter,
        *,
        limit: int = SEARCH_LIMIT,
        cap: int = SEARCH_COUNT_CAP,
    ) -> SearchResult:
        """The first ``limit`` matches of a search (row keys, in list order) and their count.

        The count is exact up to ``cap``; beyond it the result says "more than
        ``cap``". See the module's docstring for the plans: each touches the
        rows it returns and at most about ``cap`` more per reading of the text.
        """
        if limit < 1 or cap < limit:
            raise ValueError(f"limit must be 1..cap, got limit={limit}, cap={cap}")
        today = self.today()
        terms = parse_search(filter.search, today=today)
        if terms is None:
            raise ValueError("search() needs a search text; keys() gives a whole list")
        readings = _readings(terms)
        view = self._view_condition(filter, today, searching=False)
        with self._store.read() as session:
            if filter.view not in ("all", "mine"):
                # A short list: read it through its own index and test each row.
                tested = self._tested(session, filter, view, readings, None)
                return SearchResult(array("q", tested[:limit]), len(tested))
            clerk = filter.clerk_id if filter.view == "mine" else None
            known: dict[int, _Found] = {}
            broad: list[_Reading] = []
            for reading in readings:
                found = self._lookup(session, reading, cap + 1)
                if len(found) > cap:
                    broad.append(reading)
                else:
                    known.update((f[0], f) for f in found if clerk is None or f[3] == clerk)
            if not broad:
                page = _newest_first(known.values())
                return SearchResult(array("q", (f[0] for f in page[:limit])), len(page))
            # Broad: the list's index in order, each row tested, until the page is full.
            walked = self._walk(session, view, broad, limit)
            merged = {f[0]: f for f in known.values()}
            merged.update((f[0], f) for f in walked)
            page = _newest_first(merged.values())[:limit]
            keys = array("q", (f[0] for f in page))
            if clerk is None:
                return SearchResult(keys, cap, more=True)
            # My cases: count the broad readings' matches among them, up to the cap.
            # A clerk with few cases: test each of them; with many (a share of
            # every reading's matches): look each broad reading up, mine only.
            counted = set(known)
            mine = select(func.count()).select_from(
                select(Case.id).where(view).limit(_CLERK_WALK + 1).subquery()
            )
            if int(session.scalar(mine) or 0) <= _CLERK_WALK:
                counted.update(self._tested(session, filter, view, broad, cap + 1))
            else:
                for reading in broad:
                    counted.update(f[0] for f in self._lookup(session, reading, cap + 1, clerk))
                    if len(counted) > cap:
                        break
            if len(counted) > cap:
                return SearchResult(keys, cap, more=True)
            return SearchResult(keys, len(counted))

    @staticmethod
    def _lookup(
        session: Any, reading: _Reading, limit: int, clerk_id: str | None = None
    ) -> list[_Found]:
        """Up to ``limit`` matches of one reading, through its index (only a clerk's cases)."""
        stmt = select(_ROWKEY, Case.created_at, Case.id, Case.first_clerk_id)
        if reading.scan:
            # Its applicants first (a scan of the name index); else SQLite
            # would scan the cases and look up each one's applicant.
            matching = select(Applicant.id).where(reading.lookup)
            stmt = stmt.select_from(Case).where(Case.applicant_id.in_(matching))
        elif reading.on_applicant:
            stmt = stmt.select_from(Applicant).join(Case, Case.applicant_id == Applicant.id)
            stmt = stmt.where(reading.lookup)
        else:
            stmt = stmt.select_from(Case).where(reading.lookup)
        if clerk_id is not None:
            stmt = stmt.where(_no_index(Case.first_clerk_id) == clerk_id)
        return _raw_rows(session, stmt.limit(limit))

    @staticmethod
    def _walk(
        session: Any, view: ColumnElement[bool], readings: list[_Reading], limit: int
    ) -> list[_Found]:
        stmt = select(_ROWKEY, Case.created_at, Case.id, Case.first_clerk_id).select_from(Case)
        if any(r.on_applicant for r in readings):
            stmt = stmt.join(Applicant, Applicant.id == Case.applicant_id)
        stmt = (
            stmt.where(view, or_(*(r.test for r in readings)))
            .order_by(Case.created_at.desc(), Case.id.desc())
            .limit(limit)
        )
        return _raw_rows(session, stmt)

    def _tested(
        self,
        session: Any,
        filter: CaseListFilter,
        view: ColumnElement[bool],
        readings: list[_Reading],
        limit: int | None,
    ) -> list[int]:
        """Row keys of the list's rows (in list order) that pass a reading's test."""
        stmt = select(_ROWKEY).select_from(Case)
        if any(r.on_applicant for r in readings):
            stmt = stmt.join(Applicant, Applicant.id == Case.applicant_id)
        stmt = self._ordered(stmt.where(view, or_(*(r.test for r in readings))), filter, False)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [row[0] for row in _raw_rows(session, stmt)]

    def counts(self, clerk_id: str | None) -> dict[View, int]:
        """The size of every view (no search), for the tab badges; ``mine`` is 0 without a clerk."""
        out: dict[View, int] = {}
        with self._store.read() as session:
            for view in VIEWS:
                if view == "mine" and not clerk_id:
                    out[view] = 0
                    continue
                where = self._where(CaseListFilter(view, clerk_id))
                stmt = select(func.count()).select_from(Case).where(where)
                out[view] = int(session.scalar(stmt) or 0)
        return out

    def rows(self, ids: Sequence[str]) -> list[CaseRow]:
        """The rows of ``ids`` in the order given (one query per 500 ids).

        Ids of cases that do not exist are left out.
        """
        if isinstance(ids, str):
            raise TypeError("rows() takes a sequence of ids, not a single string")
        found = self._load(list(dict.fromkeys(ids)), Case.id, lambda row: row.id)
        return [found[i] for i in ids if i in found]

    def rows_by_key(self, keys: Sequence[int]) -> list[CaseRow]:
        """The rows of the row keys from :meth:`keys`, in the order given."""
        found = self._load(list(dict.fromkeys(keys)), _ROWKEY, lambda row: row.rowkey)
        return [found[k] for k in keys if k in found]

    def _load(
        self, wanted: list[Any], column: Any, key: Callable[[Any], Any]
    ) -> dict[Any, CaseRow]:
        if not wanted:
            return {}
        today = self.today()
        calendar = self._calendar.calendar()
        found: dict[Any, CaseRow] = {}
        with self._store.read() as session:
            for start in range(0, len(wanted), _ROWS_CHUNK):
                chunk = wanted[start : start + _ROWS_CHUNK]
                for r in session.execute(_ROWS.where(column.in_(chunk))):
                    state = CaseState(r.state)
                    running = r.due_on is not None and state in CLOCK_RUNNING_STATES
                    unpublished = r.due_unpublished_years
                    if isinstance(unpublished, str):
                        unpublished = json.loads(unpublished)
                    found[key(r)] = CaseRow(
                        id=r.id,
                        tracking_number=r.tracking_number,
                        state=state,
                        item_name=r.item_name,
                        applicant_name=r.applicant_name,
                        applicant_id_number=r.applicant_id_number,
                        phone=r.phone,
                        first_clerk_name=r.first_clerk_name,
                        created_at=r.created_at,
                        accepted_on=r.accepted_on,
                        due_on=r.due_on,
                        due_provisional=bool(unpublished),
                        due_level=due_level(
                            state=state,
                            accepted_on=r.accepted_on,
                            due_on=r.due_on,
                            today=today,
                            calendar=calendar,
                            policy=self._policy,
                        ),
                        days_left=(
                            working_days_left(today, r.due_on, calendar) if running else None
                        ),
                        promise_date=r.promise_date,
                    )
        return found

    # -- query parts -------------------------------------------------------

    def _where(self, filter: CaseListFilter) -> ColumnElement[bool]:
        today = self.today()
        terms = parse_search(filter.search, today=today)
        view = self._view_condition(filter, today, searching=terms is not None)
        if terms is None:
            return view
        return and_(view, _search_condition(terms))

    def _view_condition(
        self, filter: CaseListFilter, today: date, *, searching: bool
    ) -> ColumnElement[bool]:
        match filter.view:
            case "all":
                return true()
            case "mine":
                # Searching, the matches drive the query, not the clerk's index
                # (which SQLite, without statistics, takes for a few rows).
                clerk = _no_index(Case.first_clerk_id) if searching else Case.first_clerk_id
                return clerk == filter.clerk_id
            case "today":
                tz = ZoneInfo(self._settings().timezone)
                start = datetime.combine(today, time(0), tzinfo=tz)
                end = datetime.combine(today + timedelta(days=1), time(0), tzinfo=tz)
                return and_(Case.created_at >= start, Case.created_at < end)
            case "due_soon":
                # Working days left (after today, up to the due date) below N:
                # due before the N-th working day after today.
                return and_(
                    Case.state.in_(_RUNNING),
                    Case.due_on >= today,
                    Case.due_on < self._soon_limit(today),
                )
            case "overdue":
                return and_(Case.state.in_(_RUNNING), Case.due_on < today)
            case "waiting":
                return Case.state == CaseState.NOTICE_ISSUED.value
            case "promises":
                # A promise is kept once every material it named has arrived
                # (CaseService.supplement marks them received).
                outstanding = (
                    select(CaseMaterial.case_id)
                    .where(CaseMaterial.case_id == Case.id, CaseMaterial.status == "missing")
                    .exists()
                )
                return and_(
                    Case.state.in_(_AWAITING_PROMISE),
                    Case.promise_date < self._soon_limit(today),
                    outstanding,
                )
            case "earlier_drafts":
                tz = ZoneInfo(self._settings().timezone)
                start = datetime.combine(today, time(0), tzinfo=tz)
                return and_(Case.state == CaseState.CONSULTED.value, Case.created_at < start)
        raise AssertionError(filter.view)  # pragma: no cover - VIEWS is exhaustive

    def _soon_limit(self, today: date) -> date:
        """The N-th working day after today: what falls before it is "soon" (``due_soon``)."""
        return due_date(today, self._due_soon_days, "working_day", self._calendar.calendar()).due_on

    @staticmethod
    def _ordered(
        stmt: Select[Any], filter: CaseListFilter, match_driven: bool = True
    ) -> Select[Any]:
        if filter.view in ("due_soon", "overdue"):
            return stmt.order_by(Case.due_on, Case.created_at, Case.id)
        if filter.view == "promises":
            return stmt.order_by(Case.promise_date, Case.created_at, Case.id)
        if filter.view == "earlier_drafts":
            return stmt.order_by(Case.created_at, Case.id)
        created: Any = Case.created_at
        if match_driven and filter.view in ("all", "mine") and filter.search.strip():
            # Sort the matches rather than walk all cases in order to find them.
            created = _no_index(Case.created_at)
        return stmt.order_by(created.desc(), Case.id.desc())


def _raw_rows(session: Any, stmt: Any) -> list[Any]:
    """The rows as SQLite gives them (no type conversion: ``created_at`` as stored)."""
    result = session.connection().execute(stmt)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()
