"""The public status page: ``GET /t?n={number}&q={query code}`` and ``GET /t/{number}?q=``.

A receipt's QR code carries ``{public_status_url}?n={tracking number}&q={query code}``
(clerk_desk.printing.document_data.status_url); with the county setting
``public_status_url`` = ``https://<server>/t`` it opens this page. ``/t/{number}?q=`` is
the same page for a number typed by hand.

The page is one server-rendered HTML document in Chinese: inline CSS (allowed by its
hash in the Content-Security-Policy), no script, nothing loaded from elsewhere. It
shows what the server's copy of the case holds (``cases.data``, the terminal's
snapshot): the stage, its dates, the due date, the applicant's name masked (张*)
from the applicant the terminal pushed, and the centre with its phone.

An unknown number, a wrong or a missing query code all get the same neutral page
with the same status (404), after the same database work, the code compared with
``hmac.compare_digest``. Lookups are counted per number and per client address in
``status_rate_limits`` (one statement upserts both counters, after the lookup, so every
worker process shares the counters and no request holds a counter's row while it looks
the case up); past the limit the answer is 429, whatever the lookup found.

A request is two statements: the lookup (case, centre and the applicant's name in one
SELECT) and the count, on a pool of the page's own (:func:`status_engine`: on
PostgreSQL in autocommit, commits not waiting for the flush).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import os
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import (
    Connection,
    Engine,
    Select,
    TextClause,
    bindparam,
    create_engine,
    delete,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from clerk_central.models import (
    AppliedChange,
    Centre,
    ServerCase,
    StatusRateLimit,
    Terminal,
    UTCDateTime,
)
from clerk_desk import tracking_numbers

STATUS_PATH = "/t"
LIMIT_NUMBER_ENV = "CLERK_CENTRAL_STATUS_LIMIT_PER_NUMBER"
LIMIT_ADDRESS_ENV = "CLERK_CENTRAL_STATUS_LIMIT_PER_ADDRESS"
WINDOW_ENV = "CLERK_CENTRAL_STATUS_WINDOW_SECONDS"
DEFAULT_PER_NUMBER = 10
DEFAULT_PER_ADDRESS = 30
DEFAULT_WINDOW_SECONDS = 600
NEUTRAL_STATUS = 404
TIMEZONE = ZoneInfo("Asia/Shanghai")
# Expired counters are swept by about one lookup in this many.
SWEEP_ONE_IN = 20
# Compared against when the case is unknown, so the comparison always happens.
_NO_CODE = "0" * tracking_numbers.QUERY_CODE_LENGTH

STAGES = {
    "consulted": "暂存",
    "collected": "已代办收件",
    "notice_issued": "待补正",
    "accepted": "已受理",
    "tolerant_accepted": "已容缺受理",
    "rejected": "不予受理",
    "in_progress": "办理中",
    "suspended": "暂停计时",
    "decided": "已决定",
    "completed": "已办结",
    "delivered": "已送达",
    "withdrawn": "已撤回",
}

CSS = (
    "*{box-sizing:border-box}"
    "body{margin:0;background:#f2f4f7;color:#1f2328;font:16px/1.6 system-ui,"
    '"PingFang SC","Noto Sans CJK SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}'
    "main{max-width:32rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.25rem;margin:.5rem 0 1rem;color:#0b4f9c}"
    "h2{font-size:1rem;margin:0 0 .5rem;color:#57606a}"
    ".card{background:#fff;border-radius:.75rem;padding:1rem 1.25rem;margin:0 0 1rem;"
    "box-shadow:0 1px 3px rgba(0,0,0,.08)}"
    ".stage{font-size:1.5rem;font-weight:700;color:#0b7a3e;margin:0 0 .75rem}"
    "dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}"
    "dt{color:#57606a}dd{margin:0;font-weight:600;word-break:break-all}"
    "p{margin:.25rem 0}a{color:#0b4f9c}"
    ".note{font-size:.85rem;color:#57606a}"
    "label{display:block;margin:.5rem 0 .25rem;color:#57606a}"
    "input{width:100%;font-size:1.1rem;padding:.5rem;border:1px solid #c9d1d9;border-radius:.5rem}"
    "button{margin-top:1rem;width:100%;font-size:1.1rem;padding:.6rem;border:0;"
    "border-radius:.5rem;background:#0b4f9c;color:#fff}"
)
_CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
CSP = (
    f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; img-src 'none'; "
    "script-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True)
class Limits:
    per_number: int = DEFAULT_PER_NUMBER
    per_address: int = DEFAULT_PER_ADDRESS
    window_seconds: int = DEFAULT_WINDOW_SECONDS

    @classmethod
    def from_env(cls) -> Limits:
        def read(name: str, default: int) -> int:
            raw = os.environ.get(name, "").strip()
            return max(1, int(raw)) if raw.isdigit() else default

        return cls(
            read(LIMIT_NUMBER_ENV, DEFAULT_PER_NUMBER),
            read(LIMIT_ADDRESS_ENV, DEFAULT_PER_ADDRESS),
            read(WINDOW_ENV, DEFAULT_WINDOW_SECONDS),
        )


@dataclass(frozen=True)
class StatusView:
    number: str
    stage: str
    dates: list[tuple[str, str]]
    item: str
    applicant: str
    centre_name: str
    centre_phone: str
    updated: str


# --- counting -------------------------------------------------------------------------------


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _count_statement(keys: int) -> TextClause:
    """INSERT ... VALUES (k1), ... ON CONFLICT (key) DO UPDATE ... RETURNING key, count.

    Written out once per number of keys (PostgreSQL and SQLite spell it alike), so that
    SQLAlchemy compiles it once: built per request, its compilation cost about as much
    CPU as running it. In the SET clause both CASEs read the row as it was.
    """
    rows = ", ".join(f"(:key{i}, :now, 1)" for i in range(keys))
    stale = "status_rate_limits.window_start <= :cutoff"
    return text(
        f'INSERT INTO status_rate_limits ("key", window_start, "count") VALUES {rows} '
        'ON CONFLICT ("key") DO UPDATE SET '
        f"window_start = CASE WHEN {stale} THEN excluded.window_start "
        "ELSE status_rate_limits.window_start END, "
        f'"count" = CASE WHEN {stale} THEN 1 ELSE status_rate_limits."count" + 1 END '
        'RETURNING "key", "count"'
    ).bindparams(bindparam("now", type_=UTCDateTime()), bindparam("cutoff", type_=UTCDateTime()))


_COUNT_STATEMENTS = {n: _count_statement(n) for n in (1, 2)}


def count_lookups(
    session: Connection | Session, keys: Sequence[str], now: datetime, window: timedelta
) -> dict[str, int]:
    """Count one lookup for each of ``keys`` (one or two); each key's count in its current
    window, this one included.

    One statement for all keys: INSERT ... VALUES (k1), (k2) ON CONFLICT (key) DO UPDATE
    ... RETURNING key, count. A window that has run out starts again at ``now`` with 1.
    The rows are taken in the order of their digests, so two requests lock shared rows in
    one order (no deadlock).
    """
    digests = {_digest(key): key for key in keys}
    params: dict[str, Any] = {"now": now, "cutoff": now - window}
    params.update((f"key{i}", d) for i, d in enumerate(sorted(digests)))
    rows = session.execute(_COUNT_STATEMENTS[len(digests)], params)
    return {digests[d]: int(count) for d, count in rows}


def bump(session: Connection | Session, key: str, now: datetime, window: timedelta) -> int:
    """Count one lookup for ``key`` (``count_lookups`` of one key)."""
    return count_lookups(session, [key], now, window)[key]


def _sweep(session: Connection | Session, now: datetime, window: timedelta) -> None:
    session.execute(delete(StatusRateLimit).where(StatusRateLimit.window_start <= now - window))


# --- looking up -----------------------------------------------------------------------------


def canonical(text: str) -> str:
    return tracking_numbers.normalize(text)[:64]


def mask_name(name: str) -> str:
    """张三 -> 张*: the first character and one star, whatever the name's length."""
    name = name.strip()
    return f"{name[0]}*" if name else ""


def _local_date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(TIMEZONE).date()


def format_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# The back office's steps whose dates the page shows (the latest of each).
OFFICE_DATES = (
    ("processing_started", "开始办理日期"),
    ("suspended", "暂停计时日期"),
    ("resumed", "恢复计时日期"),
    ("decided", "决定日期"),
    ("completed", "办结日期"),
)


def _dates(snapshot: Mapping[str, Any], office: Any = None) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for label, key in (
        ("申请日期", "created_at"),
        ("代办收件日期", "collected_at"),
        ("补正告知日期", "notice_issued_at"),
        ("受理日期", "accepted_on"),
    ):
        day = _local_date(snapshot.get(key))
        if day is not None:
            rows.append((label, format_date(day)))
    steps = office.get("steps") if isinstance(office, Mapping) else None
    if isinstance(steps, list):
        latest = {s.get("step"): s.get("at") for s in steps if isinstance(s, Mapping)}
        for step, label in OFFICE_DATES:
            day = _local_date(latest.get(step))
            if day is not None:
                rows.append((label, format_date(day)))
    due = _local_date(snapshot.get("due_on"))
    if due is not None:
        tentative = "（暂定）" if snapshot.get("due_unpublished_years") else ""
        rows.append(("承诺办结日期", format_date(due) + tentative))
    handed = _local_date(snapshot.get("handed_over_at"))
    if handed is not None:
        rows.append(("送达日期", format_date(handed)))
    return rows


def _lookup_statement() -> Select[Any]:
    """The case, its centre and its applicant's newest name, in one statement.

    The applicant's name is the newest a terminal of the case's centre pushed for the
    case's applicant (a correlated subquery over ``applied_changes``, by its index on
    (entity, entity_id)). Built once: its compiled form is cached by SQLAlchemy.
    """
    applicant_name = (
        select(AppliedChange.payload["name"].as_string())
        .join(Terminal, Terminal.id == AppliedChange.terminal_id)
        .where(
            AppliedChange.entity == "applicant",
            AppliedChange.entity_id == ServerCase.data[("case", "applicant_id")].as_string(),
            Terminal.centre_id == ServerCase.centre_id,
        )
        .order_by(AppliedChange.id.desc())
        .limit(1)
        .correlate(ServerCase)
        .scalar_subquery()
    )
    return (
        select(
            ServerCase.tracking_number,
            ServerCase.state,
            ServerCase.updated_at,
            ServerCase.data["case"],
            ServerCase.data["office"],
            Centre.name,
            Centre.phone,
            applicant_name,
        )
        .join(Centre, Centre.id == ServerCase.centre_id)
        .where(ServerCase.tracking_number == bindparam("number"))
        .limit(1)
    )


_LOOKUP = _lookup_statement()


def lookup(conn: Connection | Session, number: str, code: str) -> StatusView | None:
    """The case's view if ``code`` is its query code, else None.

    One statement whether the number is known or not, and the code is always compared
    in constant time, so neither the answer nor its timing tells which.
    """
    row = conn.execute(_LOOKUP, {"number": number}).first()
    snapshot: Mapping[str, Any] = {}
    if row is not None and isinstance(row[3], Mapping):
        snapshot = row[3]
    stored = snapshot.get("query_code")
    stored_code = canonical(stored) if isinstance(stored, str) else ""
    matches = hmac.compare_digest(
        (stored_code or _NO_CODE).encode(), canonical(code).encode()
    ) and bool(stored_code)
    if not matches or row is None:
        return None
    tracking_number, state, updated_at, _case, office, centre_name, centre_phone, name = row
    # The snapshot names the item (clerk_desk.cases.case_payload): its name, else its
    # code; a snapshot from before names it by the terminal's row id only: nothing shown.
    item = snapshot.get("item_name") or snapshot.get("item_code")
    updated = updated_at.astimezone(TIMEZONE)
    return StatusView(
        number=_display_number(tracking_number),
        stage=STAGES.get(state, state),
        dates=_dates(snapshot, office),
        item=item if isinstance(item, str) else "",
        applicant=mask_name(name if isinstance(name, str) else ""),
        centre_name=centre_name or "",
        centre_phone=centre_phone or "",
        updated=f"{format_date(updated.date())}{updated:%H:%M}",
    )


def _display_number(number: str) -> str:
    try:
        return tracking_numbers.display(number)
    except ValueError:
        return number


# --- rendering ------------------------------------------------------------------------------


def _document(body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="robots" content="noindex,nofollow">'
        f"<title>办件进度查询</title><style>{CSS}</style></head>"
        f"<body><main><h1>办件进度查询</h1>{body}</main></body></html>"
    )


def render_status(view: StatusView) -> str:
    e = html.escape
    rows = [("办件编号", view.number)]
    if view.item:
        rows.append(("办理事项", view.item))
    if view.applicant:
        rows.append(("申请人", view.applicant))
    rows.extend(view.dates)
    items = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows)
    centre = ""
    if view.centre_name or view.centre_phone:
        phone = ""
        if view.centre_phone:
            tel = "".join(c for c in view.centre_phone if c.isdigit() or c in "+-")
            phone = f'<p>咨询电话：<a href="tel:{e(tel)}">{e(view.centre_phone)}</a></p>'
        centre = (
            f'<section class="card"><h2>办理地点</h2><p>{e(view.centre_name)}</p>{phone}</section>'
        )
    return _document(
        f'<section class="card"><h2>当前状态</h2><p class="stage">{e(view.stage)}</p>'
        f"<dl>{items}</dl></section>{centre}"
        f'<p class="note">信息更新于{e(view.updated)}，以办理窗口告知为准。</p>'
    )


NEUTRAL_PAGE = _document(
    '<section class="card"><p>未查到办件信息。</p>'
    '<p class="note">请核对受理回执上的办件编号和查询码后重新输入；办件信息可能要稍后才能查到。</p>'
    f'<form method="get" action="{STATUS_PATH}">'
    '<label for="n">办件编号</label>'
    '<input id="n" name="n" autocapitalize="characters" autocomplete="off" maxlength="40" required>'
    '<label for="q">查询码</label>'
    '<input id="q" name="q" autocapitalize="characters" autocomplete="off" maxlength="20" required>'
    '<button type="submit">查询</button></form></section>'
)

TOO_MANY_PAGE = _document(
    '<section class="card"><p>查询过于频繁，请稍后再试。</p>'
    '<p class="note">如有疑问，请联系办理窗口。</p></section>'
)


def _response(body: str, status: int, extra: Mapping[str, str] | None = None) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers={**HEADERS, **(extra or {})})


# --- the routes -----------------------------------------------------------------------------


def status_engine(engine: Engine) -> Engine:
    """The status page's own connections to ``engine``'s database.

    On PostgreSQL a pool of its own, in AUTOCOMMIT (the lookup reads, and the one
    counting statement commits by itself: no BEGIN and no COMMIT round trip), with
    ``synchronous_commit`` off (a crash of the database may forget the last fraction of a
    second of counts, no more), and without a ping before each request: a connection
    found dropped is thrown away and the request tried once more on a new one. The pushes
    and the back office keep their own pool, durable commits and pings. On SQLite the
    same engine, one short transaction per request.
    """
    if engine.dialect.name != "postgresql":
        return engine
    return create_engine(
        engine.url,
        pool_size=5,
        max_overflow=10,
        isolation_level="AUTOCOMMIT",
        connect_args={"options": "-c synchronous_commit=off"},
    )


def register(app: FastAPI, engine: Engine, limits: Limits | None = None) -> None:
    """Add ``GET /t`` and ``GET /t/{number}`` to ``app``, on ``engine`` (see status_engine)."""
    limits = limits or Limits.from_env()
    window = timedelta(seconds=limits.window_seconds)

    def look_and_count(
        number: str, code: str, keys: list[str], now: datetime
    ) -> tuple[StatusView | None, dict[str, int]]:
        # Every lookup of a number (and from an address) updates the same counter row.
        # Counted first, its lock was held across the lookup and the commit, and every
        # request queued behind the one before (measured: 200 requests/s reached about
        # 100/s, the sessions waiting on that lock). So the lookup runs first (the same
        # statement whatever the answer, a limited request too), then one statement
        # counts both keys: on PostgreSQL it commits by itself, so the lock lasts that
        # statement.
        with engine.begin() as conn:
            view = lookup(conn, number, code)
            if secrets.randbelow(SWEEP_ONE_IN) == 0:
                _sweep(conn, now, window)
            return view, count_lookups(conn, keys, now, window)

    def answer(request: Request, number: str, code: str) -> HTMLResponse:
        number = canonical(number)
        address = request.client.host if request.client else "unknown"
        now = datetime.now(UTC)
        number_key, address_key = f"number:{number}", f"address:{address}"
        keys = [number_key, address_key]
        try:
            view, counts = look_and_count(number, code, keys, now)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            # The pool had a connection the database had dropped (a restart, a failover):
            # SQLAlchemy threw the pool's connections away; once more on a new one.
            view, counts = look_and_count(number, code, keys, now)
        limited = counts[number_key] > limits.per_number or counts[address_key] > limits.per_address
        if limited:
            return _response(TOO_MANY_PAGE, 429, {"Retry-After": str(limits.window_seconds)})
        if view is None:
            return _response(NEUTRAL_PAGE, NEUTRAL_STATUS)
        return _response(render_status(view), 200)

    @app.get(STATUS_PATH, response_class=HTMLResponse, include_in_schema=False)
    def status_by_query(
        request: Request,
        n: str = "",
        q: str = "",
    ) -> HTMLResponse:
        if not n:
            # Nothing asked yet (a bare /t): the form, without counting a guess.
            return _response(NEUTRAL_PAGE, NEUTRAL_STATUS)
        return answer(request, n[:100], q[:100])

    @app.get(STATUS_PATH + "/{number}", response_class=HTMLResponse, include_in_schema=False)
    def status_by_path(
        request: Request,
        number: str,
        q: str = "",
    ) -> HTMLResponse:
        return answer(request, number[:100], q[:100])


__all__ = [
    "CSP",
    "HEADERS",
    "NEUTRAL_PAGE",
    "STATUS_PATH",
    "Limits",
    "lookup",
    "register",
    "status_engine",
]
