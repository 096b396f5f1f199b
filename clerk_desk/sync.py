"""The terminal's side of sync with the county server (protocol v1, first slice).

See ``docs/sync-terminal.md`` and the wire contract (``docs/sync-protocol.md``
once the server side lands). No Qt: the CLI calls it, and the app from its I/O
pool, with every write transaction handed to its one database writer (the
``writer`` argument; network requests never run inside a write).

* :meth:`SyncClient.enroll` exchanges a one-time code for the terminal's
  credentials and stores, in ONE audited transaction, the terminal number the
  county assigned (cases already numbered keep theirs), the centre, the status
  page address and the credentials (the secret as the setting ``sync_secret``,
  never logged or printed).
* :meth:`SyncClient.push` sends the outbox oldest first in batches bounded by
  count and bytes (settings ``sync_batch_count``, ``sync_batch_bytes``). An
  entry leaves the outbox (``sent_at``, ``server_id``) only on ``applied`` or
  ``duplicate`` in a 200 answer; ``refused`` quarantines it (the entry stays)
  and holds back the later entries of the same entity; an error, a timeout or
  a cut connection changes nothing.
* :meth:`SyncClient.pull` reads the feed after the stored cursor; settings and the
  back office's case steps (:mod:`clerk_desk.office_steps`) are applied in the
  transaction that stores the cursor; catalogs (fetched by
  SHA-256) and calendars go through their services' own transactions, and the
  cursor passes such an item only after its apply committed (applying it again
  is harmless).

Every failure is a :class:`SyncFailed` whose ``reason`` says why in one word
(``unreachable``, ``revoked``, ``too_old``, ``unauthorized``...) and whose text
says it in words.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import socket
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

import httpx
from sqlalchemy import Table, and_, bindparam, func, select, update
from sqlalchemy.orm import Session

from clerk_desk import tracking_numbers
from clerk_desk.backups import ensure_identity
from clerk_desk.case_recovery import RecoveryReport, import_page
from clerk_desk.clock import Clock
from clerk_desk.diagnostics import clerk_desk_version
from clerk_desk.errors import ClerkDeskError, InvalidInput, RuleViolation
from clerk_desk.journal import SYSTEM_ACTOR, record_change
from clerk_desk.models import (
    AuditEntry,
    Case,
    OutboxEntry,
    Setting,
    Staff,
    SyncFeedHeld,
    SyncQuarantine,
    SyncRevoked,
    SyncState,
)
from clerk_desk.office_steps import FEED_KIND as OFFICE_STEP_KIND
from clerk_desk.office_steps import apply_office_step
from clerk_desk.roles import Role
from clerk_desk.settings import TerminalSettings, load_settings, save_settings
from clerk_desk.storage import Store, Writer, write_here

if TYPE_CHECKING:
    from clerk_desk.catalog import CatalogService
    from clerk_desk.holiday_calendar import HolidayCalendarService

log = logging.getLogger(__name__)

PROTOCOL = 1
BASE_PATH = "/sync/v1"
SECRET_KEY = "sync_secret"
# Feed kinds applied through their services, each in the service's own transaction.
SERVICE_KINDS = frozenset({"catalog", "calendar"})
# How the problem of an item kept for a later version begins (a later version applies it).
HELD_FOR_LATER = "kind"
# Feed items asked for per pull request.
PULL_LIMIT = 500
# Cases asked for per recover request.
RECOVER_LIMIT = 100
# Seconds: connecting, and waiting for each read or write of a request.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
# A request the server answered busy (503, clerk_central.admission) goes again after its
# Retry-After (at most MAX_BUSY_PAUSE_S, with jitter), for BUSY_BUDGET_S in all; then
# the sync fails "busy" and the runner's backoff takes over.
BUSY_BUDGET_S = 180.0
MAX_BUSY_PAUSE_S = 30.0
# The centre's fields in an enrollment answer -> the settings that hold them.
_CENTRE_TO_SETTINGS = {
    "name": "centre_name",
    "region_code": "region_code",
    "phone": "contact_phone",
}
# County settings a feed or an enrollment may set: the centre's own text fields.
SERVER_SETTINGS = frozenset(
    {
        "public_status_url",
        "centre_name",
        "region_code",
        "centre_address",
        "office_hours",
        "contact_phone",
        "reconsideration_body",
        "court",
        "decision_authority",
        "document_prefix",
    }
)
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


class SyncFailed(ClerkDeskError):
    """A sync step did not happen; ``reason`` is one word for programs.

    Nothing in the outbox changed: every waiting change is still waiting.
    """

    def __init__(self, reason: str, template: str, /, **params: Any) -> None:
        super().__init__(template, **params)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Enrollment:
    terminal_id: str
    terminal_number: str
    previous_number: str
    centre_code: str
    centre_name: str
    server_url: str


@dataclass(slots=True)
class SyncReport:
    """What one push, pull or run did."""

    pushed: int = 0
    duplicates: int = 0
    refused: int = 0
    pulled: int = 0
    held: int = 0  # feed items kept unapplied (a later version's kinds, steps that do not fit)
    waiting: int = 0  # changes still in the outbox afterwards
    batches: int = 0
    chain_problems: list[str] = field(default_factory=list)
    restored: bool = False  # the server found the chain went back (a restored store)
    recovery: RecoveryReport | None = None  # what a recovery of the centre's cases did


@dataclass(frozen=True, slots=True)
class QuarantinedChange:
    outbox_id: str
    outbox_seq: int
    entity: str
    entity_id: str
    operation: str
    reason: str
    message: str
    at: datetime


@dataclass(frozen=True, slots=True)
class SyncStatus:
    enrolled: bool
    server_url: str
    terminal_number: str
    centre_code: str
    cursor: int
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str
    waiting: int
    quarantined: int
    recovery_needed: bool = False
    # Terminals of this centre the county revoked: (number, revoked at, as sent).
    revoked: tuple[tuple[str, str], ...] = ()


# -- what goes up ---------------------------------------------------------------------


def _audit_json(entry: AuditEntry | None) -> dict[str, Any] | None:
    if entry is None:  # an outbox entry of a version before audit anchors (0006)
        return None
    return {
        "seq": entry.seq,
        "id": entry.id,
        "at": entry.at.isoformat(),
        "actor_id": entry.actor_id,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "payload": entry.payload,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


def change_json(entry: OutboxEntry, audit: AuditEntry | None) -> dict[str, Any]:
    """One change as the push request carries it."""
    return {
        "id": entry.id,
        "outbox_seq": entry.seq,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "operation": entry.operation,
        "payload": entry.payload,
        "audit": _audit_json(audit),
    }


def _quarantined_entities(session: Session) -> dict[tuple[str, str], int]:
    """Entity -> the outbox seq of its earliest change in quarantine (not retried)."""
    # Looked at before every batch: with nothing in quarantine (the usual case) one probe
    # of the small table, not a join over the whole unsent queue.
    if (
        session.scalar(
            select(SyncQuarantine.id).where(SyncQuarantine.retried_at.is_(None)).limit(1)
        )
        is None
    ):
        return {}
    rows = session.execute(
        select(OutboxEntry.entity, OutboxEntry.entity_id, func.min(OutboxEntry.seq))
        .join(SyncQuarantine, SyncQuarantine.outbox_id == OutboxEntry.id)
        .where(SyncQuarantine.retried_at.is_(None), OutboxEntry.sent_at.is_(None))
        .group_by(OutboxEntry.entity, OutboxEntry.entity_id)
    )
    return {(entity, entity_id): seq for entity, entity_id, seq in rows}


_BATCH_COLUMNS = (
    OutboxEntry.seq,
    OutboxEntry.id,
    OutboxEntry.entity,
    OutboxEntry.entity_id,
    OutboxEntry.operation,
    OutboxEntry.payload,
    AuditEntry.seq.label("a_seq"),
    AuditEntry.id.label("a_id"),
    AuditEntry.at.label("a_at"),
    AuditEntry.actor_id.label("a_actor_id"),
    AuditEntry.action.label("a_action"),
    AuditEntry.entity.label("a_entity"),
    AuditEntry.entity_id.label("a_entity_id"),
    AuditEntry.payload.label("a_payload"),
    AuditEntry.prev_hash.label("a_prev_hash"),
    AuditEntry.hash.label("a_hash"),
)


def _row_change(row: Any) -> dict[str, Any]:
    """``change_json`` of a row of ``_BATCH_COLUMNS`` (columns, not ORM objects: cheaper)."""
    audit = None
    if row.a_seq is not None:
        audit = {
            "seq": row.a_seq,
            "id": row.a_id,
            "at": row.a_at.isoformat(),
            "actor_id": row.a_actor_id,
            "action": row.a_action,
            "entity": row.a_entity,
            "entity_id": row.a_entity_id,
            "payload": row.a_payload,
            "prev_hash": row.a_prev_hash,
            "hash": row.a_hash,
        }
    return {
        "id": row.id,
        "outbox_seq": row.seq,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "operation": row.operation,
        "payload": row.payload,
        "audit": audit,
    }


def encoded_batch(
    session: Session, *, max_count: int, max_bytes: int
) -> tuple[list[dict[str, Any]], bytes]:
    """The next batch (see ``select_batch``) and the push request's body: each change is
    encoded once, for its size and for the body."""
    held = _quarantined_entities(session)
    batch: list[dict[str, Any]] = []
    parts: list[bytes] = []
    size = 2 + len('{"changes":[]}')
    after = 0
    # Read in pages: a queue of 50,000 is not loaded at once.
    while len(batch) < max_count:
        page = session.execute(
            select(*_BATCH_COLUMNS)
            .outerjoin(AuditEntry, AuditEntry.seq == OutboxEntry.audit_seq)
            .where(OutboxEntry.sent_at.is_(None), OutboxEntry.seq > after)
            .order_by(OutboxEntry.seq)
            .limit(max(max_count - len(batch), 50))
        ).all()
        if not page:
            break
        for row in page:
            after = row.seq
            first_held = held.get((row.entity, row.entity_id))
            if first_held is not None and row.seq >= first_held:
                continue
            change = _row_change(row)
            encoded = json.dumps(change, ensure_ascii=False, separators=(",", ":")).encode()
            if batch and size + len(encoded) + 1 > max_bytes:
                return batch, _body(parts)
            batch.append(change)
            parts.append(encoded)
            size += len(encoded) + 1
            if len(batch) >= max_count:
                return batch, _body(parts)
    return batch, _body(parts)


def _body(parts: list[bytes]) -> bytes:
    return b'{"changes":[' + b",".join(parts) + b"]}"


def select_batch(session: Session, *, max_count: int, max_bytes: int) -> list[dict[str, Any]]:
    """The next batch: unsent changes oldest first, within both bounds.

    A change in quarantine, and every later change of its entity, waits; other
    entities go on. The first change always goes, even one larger than
    ``max_bytes`` (alone), so no change can block the queue by its size.
    """
    return encoded_batch(session, max_count=max_count, max_bytes=max_bytes)[0]


def waiting_count(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.sent_at.is_(None))
        )
        or 0
    )


def quarantined_count(session: Session) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(SyncQuarantine)
            .join(OutboxEntry, OutboxEntry.id == SyncQuarantine.outbox_id)
            .where(SyncQuarantine.retried_at.is_(None), OutboxEntry.sent_at.is_(None))
        )
        or 0
    )


# -- the server's answers -------------------------------------------------------------


def normalise_server_url(url: str, *, allow_http: bool = False) -> str:
    """The server's base address (scheme, host, port, path before ``/sync/v1``)."""
    text = url.strip().rstrip("/")
    if text.endswith(BASE_PATH):
        text = text[: -len(BASE_PATH)]
    parts = urlsplit(text)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InvalidInput(
            "server_url", "must be an https address with a host, e.g. https://zwfw.example.gov.cn"
        )
    if parts.scheme == "http" and parts.hostname not in _LOOPBACK and not allow_http:
        raise InvalidInput(
            "server_url",
            "must be https: plain http is only for a server on this computer (127.0.0.1)",
        )
    if parts.query or parts.fragment:
        raise InvalidInput("server_url", "must not carry a query or a fragment")
    return text


def _error_of(response: httpx.Response) -> tuple[str, str]:
    """The error code and message of an error answer (empty when the body is not one)."""
    try:
        body = response.json()
    except ValueError:
        return "", ""
    if not isinstance(body, dict):
        return "", ""
    code, message = body.get("error", ""), body.get("message", "")
    return (code if isinstance(code, str) else ""), (message if isinstance(message, str) else "")


def _busy_pause(response: httpx.Response) -> float | None:
    """Seconds to wait before the same request goes again, if the server answered busy."""
    if response.status_code != 503 or _error_of(response)[0] != "busy":
        return None
    try:
        seconds = float(response.headers.get("Retry-After", ""))
    except ValueError:
        seconds = 1.0
    return min(max(seconds, 0.5), MAX_BUSY_PAUSE_S)


def _bad_answer(url: str, problem: str) -> SyncFailed:
    return SyncFailed(
        "bad_answer",
        "the server {url} gave an answer this terminal cannot read ({problem}); nothing was "
        "changed",
        url=url,
        problem=problem,
    )


def _failure_of(response: httpx.Response, url: str, *, enrolling: bool = False) -> SyncFailed:
    """The words for an error answer. The queue is kept in every case."""
    code, message = _error_of(response)
    status = response.status_code
    if status == 401 or code == "unauthorized":
        return SyncFailed(
            "unauthorized",
            "the server {url} does not accept this terminal's credentials (unauthorized): "
            "enroll it again with a new code; the changes wait",
            url=url,
        )
    if status == 403 or code == "revoked":
        return SyncFailed(
            "revoked",
            "the county has revoked this terminal (吊销): it no longer syncs with {url}; the "
            "changes are kept here, ask the county",
            url=url,
        )
    if status == 426 or code == "too_old":
        return SyncFailed(
            "too_old",
            "this ClerkDesk ({version}) is too old for the server {url}: update it; the "
            "changes wait",
            version=clerk_desk_version(),
            url=url,
        )
    if enrolling and code == "enroll_code_invalid":
        return SyncFailed(
            "enroll_code_invalid",
            "the enrollment code is unknown, already used or expired: ask the county for a new one",
        )
    if status == 429 or code == "rate_limited":
        return SyncFailed(
            "rate_limited",
            "the server {url} is busy (too many requests): try again later",
            url=url,
        )
    if status == 503 and code == "busy":
        return SyncFailed(
            "busy",
            "the server {url} stayed busy (every county terminal syncing at once): the "
            "changes wait for the next sync",
            url=url,
        )
    if status >= 500:
        return SyncFailed(
            "server_error",
            "the server {url} failed (HTTP {status}): try again later; the changes wait",
            url=url,
            status=status,
        )
    return SyncFailed(
        "refused_request",
        "the server {url} refused the request (HTTP {status} {code}: {message})",
        url=url,
        status=status,
        code=code or "-",
        message=message or "-",
    )


def _unreachable(url: str, exc: httpx.HTTPError) -> SyncFailed:
    if isinstance(exc, httpx.TimeoutException):
        return SyncFailed(
            "unreachable",
            "the server {url} did not answer in time; nothing was changed, the changes wait",
            url=url,
        )
    if isinstance(exc, httpx.ConnectError):
        return SyncFailed(
            "unreachable",
            "the server {url} cannot be reached (no connection); nothing was changed, the "
            "changes wait",
            url=url,
        )
    return SyncFailed(
        "unreachable",
        "the connection to the server {url} was cut ({error}); nothing was changed, the "
        "changes wait",
        url=url,
        error=type(exc).__name__,
    )


def _json_object(response: httpx.Response, url: str) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        raise _bad_answer(url, "not JSON") from None
    if not isinstance(body, dict):
        raise _bad_answer(url, "not a JSON object")
    return body


def _string(body: Mapping[str, Any], key: str, url: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise _bad_answer(url, f"{key} is not text")
    return value


def _int(body: Mapping[str, Any], key: str, url: str) -> int:
    value = body.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad_answer(url, f"{key} is not a whole number")
    return value


def _settings_changes(body: Mapping[str, Any]) -> dict[str, str]:
    """The county settings this version knows in a settings body (text values only)."""
    changes: dict[str, str] = {}
    for key, value in body.items():
        if key in SERVER_SETTINGS and isinstance(value, str):
            changes[key] = value
    centre = body.get("centre")
    if isinstance(centre, Mapping):
        for key, setting in _CENTRE_TO_SETTINGS.items():
            value = centre.get(key)
            if isinstance(value, str) and value:
                changes[setting] = value
    return changes


def _apply_settings(
    session: Session, changes: Mapping[str, Any], *, at: datetime, via: str
) -> TerminalSettings:
    """Change only the named fields onto the stored settings, audited (Desk.change_settings)."""
    current = load_settings(session)
    new = current.replace(**changes)
    new.validate()
    changed = save_settings(session, new)
    if changed:
        record_change(
            session,
            at=at,
            actor_id=SYSTEM_ACTOR,
            action="settings.changed",
            entity="settings",
            entity_id=new.terminal_code or "terminal",
            payload={**changed, "via": via},
            sync=False,
        )
    return new


# -- the client -----------------------------------------------------------------------


class SyncClient:
    """Sync of one terminal's store with its county server, over httpx.

    ``transport`` is for tests that need one (an in-process server); the
    default is the network. Never shares a session across threads: each call
    opens its own transactions on ``store``, and every write transaction runs
    through ``writer`` (between network requests, never around one).
    """

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        hostname: Callable[[], str] = socket.gethostname,
        catalog: CatalogService | None = None,
        calendar: HolidayCalendarService | None = None,
        sleep: Callable[[float], None] = time.sleep,
        busy_budget_s: float = BUSY_BUDGET_S,
        writer: Writer = write_here,
    ) -> None:
        """``catalog`` and ``calendar``: the desk's services, so that its caches see what
        a pull applies (by default the client makes its own, reviewing due dates as
        the desk does). ``sleep`` and ``busy_budget_s``: how a request answered busy
        waits before it goes again, and for how long in all (see :meth:`_request`).
        ``writer`` runs each write transaction, whole (the app's: on its one database
        thread, while the sync waits on its I/O thread); never a network request."""
        self.store = store
        self._writer = writer
        self._sleep = sleep
        self._busy_budget_s = busy_budget_s
        self._catalog = catalog
        self._calendar = calendar
        self.clock = clock
        self._timeout = timeout
        self._transport = transport
        self._hostname = hostname

    def __repr__(self) -> str:  # never the secret
        return f"SyncClient({self.store.path})"

    # -- HTTP --------------------------------------------------------------------

    def _client(self, base_url: str) -> httpx.Client:
        return httpx.Client(
            base_url=base_url + BASE_PATH,
            timeout=self._timeout,
            transport=self._transport,
            headers={
                "X-Clerk-Protocol": str(PROTOCOL),
                "X-Clerk-Version": clerk_desk_version(),
                "Accept": "application/json",
            },
            follow_redirects=False,
        )

    def _request(
        self,
        client: httpx.Client,
        method: str,
        path: str,
        url: str,
        *,
        enrolling: bool = False,
        **kwargs: Any,
    ) -> dict[str, Any]:
        waited = 0.0
        while True:
            try:
                response = client.request(method, path, **kwargs)
            except httpx.HTTPError as exc:
                raise _unreachable(url, exc) from None
            pause = _busy_pause(response)
            if pause is None:
                break
            # Busy (503 "busy"): the server did nothing of this request and asks for it
            # again after Retry-After; with jitter, so a crowd does not come back at once.
            pause *= random.uniform(0.5, 1.5)
            if waited + pause > self._busy_budget_s:
                break  # the budget is spent: the sync fails "busy", the queue kept
            log.info("the server is busy: %s %s again in %.1f s", method, path, pause)
            self._sleep(pause)
            waited += pause
        if response.status_code != 200:
            raise _failure_of(response, url, enrolling=enrolling)
        return _json_object(response, url)

    def reachable(self, *, timeout_s: float = 5.0) -> bool:
        """Whether the enrolled server answers at all (``GET /hello``, no credentials).

        A cheap probe for the app's reconnect check: any HTTP answer counts, since a
        server that answers is worth a full sync, which then says what is wrong.
        False when not enrolled or on any network error.
        """
        with self.store.read() as session:
            state = session.get(SyncState, 1)
            url = state.server_url if state is not None else None
        if url is None:
            return False
        try:
            with self._client(url) as client:
                client.get("/hello", timeout=timeout_s)
        except httpx.HTTPError:
            return False
        return True

    def _credentials(self) -> tuple[SyncState, str]:
        with self.store.read() as session:
            state = session.get(SyncState, 1)
            secret_row = session.get(Setting, SECRET_KEY)
            secret = secret_row.value if secret_row is not None else None
        if state is None or not isinstance(secret, str) or not secret:
            raise SyncFailed(
                "not_enrolled",
                "this terminal is not enrolled with a county server: enroll it first (clerk-desk "
                "sync enroll URL CODE)",
            )
        return state, secret

    @staticmethod
    def _auth(state: SyncState, secret: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {state.terminal_id}.{secret}"}

    def _note_attempt(self, error: SyncFailed | None, *, success: bool) -> None:
        """Status bookkeeping only (never the outbox): last attempt, success, error."""
        now = self.clock.now()

        def note() -> None:
            with self.store.write() as session:
                state = session.get(SyncState, 1)
                if state is None:
                    return
                state.last_attempt_at = now
                if success:
                    state.last_success_at = now
                    state.last_error = ""
                elif error is not None:
                    state.last_error = str(error)

        self._writer(note)

    # -- enrollment --------------------------------------------------------------

    def enroll(
        self, url: str, code: str, *, actor_id: str = SYSTEM_ACTOR, allow_http: bool = False
    ) -> Enrollment:
        """Exchange a one-time code for this terminal's credentials; store all in one go.

        Stored in ONE audited transaction: the credentials (the secret as the
        setting ``sync_secret``), the server's address and cursor, the terminal
        number the county assigned or confirmed (cases already numbered keep
        theirs: only new ones take it), the centre's name, region and phone and
        the county settings this version knows (``public_status_url``...).
        """
        base = normalise_server_url(url, allow_http=allow_http)
        typed = code.strip().upper()
        if not typed:
            raise InvalidInput("enroll_code", "must not be empty")
        identity = self._writer(lambda: ensure_identity(self.store))
        with self.store.read() as session:
            current = load_settings(session)
            self._check_actor(session, actor_id)
        provisional = (
            current.terminal_code
            if tracking_numbers.is_terminal_number(current.terminal_code)
            else ""
        )
        with self._client(base) as client:
            body = self._request(
                client,
                "POST",
                "/enroll",
                base,
                enrolling=True,
                json={
                    "code": typed,
                    "store_id": identity.store_id,
                    "provisional_number": provisional,
                    "hostname": self._hostname(),
                },
            )
        terminal_id = _string(body, "terminal_id", base)
        secret = _string(body, "secret", base)
        number = _string(body, "terminal_number", base)
        if not terminal_id or not secret or "." in terminal_id:
            raise _bad_answer(base, "empty terminal_id or secret")
        if not tracking_numbers.is_terminal_number(number) or (
            tracking_numbers.is_provisional_terminal(number)
        ):
            raise _bad_answer(base, f"terminal_number {number!r} is not an assigned number")
        centre = body.get("centre")
        if not isinstance(centre, dict):
            raise _bad_answer(base, "centre is not an object")
        centre_code = _string(centre, "code", base)
        settings_body = body.get("settings", {})
        if not isinstance(settings_body, dict):
            raise _bad_answer(base, "settings is not an object")
        cursor = _int(body, "cursor", base) if "cursor" in body else 0
        changes: dict[str, Any] = {**_settings_changes(settings_body)}
        changes.update(_settings_changes({"centre": centre}))
        changes["terminal_code"] = number
        now = self.clock.now()

        def save() -> tuple[TerminalSettings, TerminalSettings]:
            with self.store.write() as session:
                self._check_actor(session, actor_id)
                before = load_settings(session)
                new = before.replace(**changes)
                try:
                    new.validate()
                except InvalidInput as exc:
                    raise _bad_answer(base, str(exc)) from None
                changed = save_settings(session, new)
                row = session.get(Setting, SECRET_KEY)
                if row is None:
                    session.add(Setting(key=SECRET_KEY, value=secret))
                else:
                    row.value = secret
                state = session.get(SyncState, 1)
                if state is None:
                    state = SyncState(id=1, last_error="")
                    session.add(state)
                state.server_url = base
                state.terminal_id = terminal_id
                state.centre_code = centre_code
                state.cursor = cursor
                state.enrolled_at = now
                state.last_error = ""
                # The secret is never in the audit entry: only who, where and what changed.
                record_change(
                    session,
                    at=now,
                    actor_id=actor_id,
                    action="sync.enrolled",
                    entity="terminal",
                    entity_id=number,
                    payload={
                        "server_url": base,
                        "terminal_id": terminal_id,
                        "centre_code": centre_code,
                        "previous_number": before.terminal_code,
                        "settings": changed,
                    },
                    sync=False,
                )
            return before, new

        before, new = self._writer(save)
        self._writer(lambda: ensure_identity(self.store))  # terminal.json follows the new number
        log.info("enrolled with %s as terminal %s", base, number)
        return Enrollment(
            terminal_id=terminal_id,
            terminal_number=number,
            previous_number=before.terminal_code,
            centre_code=centre_code,
            centre_name=new.centre_name,
            server_url=base,
        )

    @staticmethod
    def _check_actor(session: Session, actor_id: str) -> None:
        if actor_id == SYSTEM_ACTOR:
            return
        actor = session.get(Staff, actor_id)
        if actor is None or not actor.active:
            raise InvalidInput(
                "actor_id", "no active staff account with id {id}", id=repr(actor_id)
            )
        if actor.role != Role.ADMIN:
            raise RuleViolation(
                "only an admin may enroll the terminal: it sets the terminal number"
            )

    # -- push --------------------------------------------------------------------

    def push(self) -> SyncReport:
        """Send the outbox, batch after batch, until nothing sendable is left."""
        state, secret = self._credentials()
        report = SyncReport()
        try:
            with self._client(state.server_url) as client:
                self._push(client, state, secret, report)
        except SyncFailed as exc:
            self._note_attempt(exc, success=False)
            raise
        with self.store.read() as session:
            report.waiting = waiting_count(session)
        return report

    def _push(
        self, client: httpx.Client, state: SyncState, secret: str, report: SyncReport
    ) -> None:
        url = state.server_url
        while True:
            with self.store.read() as session:
                settings = load_settings(session)
                batch, encoded = encoded_batch(
                    session,
                    max_count=settings.sync_batch_count,
                    max_bytes=settings.sync_batch_bytes,
                )
            if not batch:
                return
            body = self._request(
                client,
                "POST",
                "/push",
                url,
                content=encoded,
                headers={**self._auth(state, secret), "Content-Type": "application/json"},
            )
            results = self._check_results(body, batch, url)
            self._record_results(results, report)
            report.batches += 1
            chain = body.get("chain")
            if isinstance(chain, dict) and chain.get("ok") is False:
                problem = f"{chain.get('problem')} (expected seq {chain.get('expected_seq')})"
                report.chain_problems.append(problem)
                log.warning("the server reports the audit chain broken: %s", problem)
                if chain.get("problem") == "restored" and not report.restored:
                    # This store went back (an older backup, or a new PC with its copy):
                    # the centre's cases it lost come back with the next recovery.
                    report.restored = True
                    self.mark_recovery_needed()

    @staticmethod
    def _check_results(
        body: Mapping[str, Any], batch: list[dict[str, Any]], url: str
    ) -> list[dict[str, Any]]:
        """One result per change, in order, each well formed; else nothing is recorded."""
        results = body.get("results")
        if not isinstance(results, list) or len(results) != len(batch):
            raise _bad_answer(url, "not one result per change")
        for change, result in zip(batch, results, strict=True):
            if not isinstance(result, dict) or result.get("id") != change["id"]:
                raise _bad_answer(url, "results out of order")
            status = result.get("status")
            if status in ("applied", "duplicate"):
                _int(result, "server_id", url)
            elif status != "refused":
                raise _bad_answer(url, f"unknown status {status!r}")
        return results

    def _record_results(self, results: list[dict[str, Any]], report: SyncReport) -> None:
        """The answers to one batch, in one transaction.

        The acknowledged entries are marked sent with one UPDATE run for all of them
        (executemany), the refused ones quarantined with one INSERT.
        """
        now = self.clock.now()
        acknowledged: list[dict[str, Any]] = []
        quarantined: list[SyncQuarantine] = []
        for result in results:
            status = result["status"]
            if status == "refused":
                reason = result.get("reason")
                message = result.get("message")
                quarantined.append(
                    SyncQuarantine(
                        outbox_id=result["id"],
                        reason=reason if isinstance(reason, str) and reason else "refused",
                        message=message if isinstance(message, str) else "",
                        at=now,
                    )
                )
                report.refused += 1
                continue
            acknowledged.append(
                {"b_id": result["id"], "b_server_id": result["server_id"], "b_sent_at": now}
            )
            if status == "applied":
                report.pushed += 1
            else:
                report.duplicates += 1

        def record() -> None:
            with self.store.write() as session:
                session.add_all(quarantined)
                if acknowledged:
                    outbox = cast(Table, OutboxEntry.__table__)
                    session.execute(
                        update(outbox)
                        .where(outbox.c.id == bindparam("b_id"), outbox.c.sent_at.is_(None))
                        .values(sent_at=bindparam("b_sent_at"), server_id=bindparam("b_server_id")),
                        acknowledged,
                    )

        self._writer(record)

    # -- recovery of the centre's cases after a restore ------------------------------

    def mark_recovery_needed(self) -> None:
        """The next sync recovers the centre's cases first (the store went back)."""

        def mark() -> None:
            with self.store.write() as session:
                state = session.get(SyncState, 1)
                if state is not None and not state.recovery_needed:
                    state.recovery_needed = True
                    state.recovery_after = ""

        self._writer(mark)

    def recovery_needed(self) -> bool:
        with self.store.read() as session:
            state = session.get(SyncState, 1)
            return bool(state is not None and state.recovery_needed)

    def recover(self) -> RecoveryReport:
        """Take back the centre's cases this store lacks or holds older than the server.

        Pages through ``GET /recover`` from where the last recovery stopped; each page
        is imported (:func:`clerk_desk.case_recovery.import_page`) in one transaction
        with the paging position, and the last page clears ``recovery_needed``.
        """
        state, secret = self._credentials()
        total = RecoveryReport()
        try:
            with self._client(state.server_url) as client:
                more = True
                while more:
                    with self.store.read() as session:
                        stored = session.get(SyncState, 1)
                        after = stored.recovery_after if stored is not None else ""
                    body = self._request(
                        client,
                        "GET",
                        "/recover",
                        state.server_url,
                        params={"after": after, "limit": RECOVER_LIMIT},
                        headers=self._auth(state, secret),
                    )
                    cases, going_on = body.get("cases"), body.get("more")
                    nxt = body.get("after")
                    if not isinstance(cases, list) or not isinstance(going_on, bool):
                        raise _bad_answer(state.server_url, "cases or more missing")
                    if not isinstance(nxt, str) or (cases and nxt == after):
                        raise _bad_answer(state.server_url, "the recovery did not move on")
                    more = going_on and bool(cases)
                    page = self._writer(
                        partial(self._store_recovered, state, body, nxt, last=not more, total=total)
                    )
                    total.add(page)
        except SyncFailed as exc:
            self._note_attempt(exc, success=False)
            raise
        for problem in total.skipped:
            log.warning("a case could not be recovered: %s", problem)
        return total

    def _store_recovered(
        self,
        state: SyncState,
        body: Mapping[str, Any],
        after: str,
        *,
        last: bool,
        total: RecoveryReport,
    ) -> RecoveryReport:
        """Import one recovery page with the paging position ``after``, in one transaction;
        the ``last`` page clears ``recovery_needed`` and records the whole recovery."""
        now = self.clock.now()
        with self.store.write() as session:
            page = import_page(session, body, at=now)
            stored = session.get(SyncState, 1)
            assert stored is not None
            stored.recovery_after = after
            if last:
                stored.recovery_needed = False
                stored.recovery_after = ""
                record_change(
                    session,
                    at=now,
                    actor_id=SYSTEM_ACTOR,
                    action="sync.recovered",
                    entity="store",
                    entity_id=state.terminal_id,
                    payload={
                        "recovered": total.recovered + page.recovered,
                        "updated": total.updated + page.updated,
                        "kept": total.kept + page.kept,
                        "skipped": len(total.skipped) + len(page.skipped),
                        # What could not be rebuilt here, kept with the record.
                        "skipped_cases": (total.skipped + page.skipped)[:100],
                    },
                    sync=False,
                )
        return page

    # -- pull --------------------------------------------------------------------

    def pull(self) -> SyncReport:
        """Read the feed after the stored cursor, page by page (each page one transaction)."""
        state, secret = self._credentials()
        report = SyncReport()
        try:
            with self._client(state.server_url) as client:
                self._apply_held(client, state, secret, report)
                more = True
                while more:
                    more = self._pull_page(client, state, secret, report)
        except SyncFailed as exc:
            self._note_attempt(exc, success=False)
            raise
        return report

    def _pull_page(
        self, client: httpx.Client, state: SyncState, secret: str, report: SyncReport
    ) -> bool:
        """One page: check it, apply it in order, move the cursor; whether to go on.

        ``settings`` items (and items kept unapplied) are applied in the transaction
        that stores the cursor. ``catalog`` and ``calendar`` items go through their
        services (:meth:`CatalogService.import_document`,
        :meth:`HolidayCalendarService.replace_years`), which open their own
        transactions: what comes before such an item is committed with the cursor
        just below it, the item is applied, then the cursor passes it. The cursor
        never passes an item before its apply committed; a failure in between
        applies the item again next time, which changes nothing more (the same
        catalog version is a no-op, the same years replaced again are the same
        days).
        """
        url = state.server_url
        with self.store.read() as session:
            stored = session.get(SyncState, 1)
            after = stored.cursor if stored is not None else 0
        body = self._request(
            client,
            "GET",
            "/pull",
            url,
            params={"after": after, "limit": PULL_LIMIT},
            headers=self._auth(state, secret),
        )
        items = body.get("items")
        cursor = _int(body, "cursor", url)
        more = body.get("more")
        if not isinstance(items, list) or not isinstance(more, bool):
            raise _bad_answer(url, "items or more missing")
        if cursor < after:
            raise _bad_answer(url, f"the cursor went back from {after} to {cursor}")
        checked: list[tuple[int, str, Any]] = []
        last = after
        for item in items:
            if not isinstance(item, dict):
                raise _bad_answer(url, "an item is not an object")
            version = _int(item, "version", url)
            kind = _string(item, "kind", url)
            if not after < version <= cursor or version <= last:
                raise _bad_answer(url, f"item version {version} outside {after}..{cursor}")
            last = version
            checked.append((version, kind, item.get("body")))
        position = after  # the cursor as stored
        part: list[tuple[int, str, Any, str | None]] = []
        for version, kind, item_body in checked:
            if kind not in SERVICE_KINDS:
                part.append((version, kind, item_body, None))
                continue
            if part:
                if not self._store_part(part, position, version - 1, report):
                    return True  # another sync moved the cursor meanwhile: this page is theirs
                position, part = version - 1, []
            problem = self._apply_service_item(client, state, secret, kind, item_body)
            done: list[tuple[int, str, Any, str | None]] = [(version, kind, item_body, problem)]
            if not self._store_part(done, position, version, report):
                return True
            position = version
        if not self._store_part(part, position, cursor, report):
            return True
        return more and bool(items)

    def _store_part(
        self,
        part: list[tuple[int, str, Any, str | None]],
        expected: int,
        cursor: int,
        report: SyncReport,
    ) -> bool:
        """Apply ``part`` and store ``cursor`` in one transaction; False if the cursor moved.

        An item with a problem already known (``str``) is kept in ``sync_feed_held``;
        ``None`` means "apply it here" (settings), "" means "applied already".
        """
        now = self.clock.now()
        counts = [0, 0]  # applied, held: counted once the transaction committed

        def store() -> bool:
            with self.store.write() as session:
                stored = session.get(SyncState, 1)
                if stored is None or stored.cursor != expected:
                    return False
                for version, kind, item_body, known in part:
                    problem = (
                        known
                        if known is not None
                        else self._apply_item(session, kind, item_body, now)
                    )
                    if problem:
                        session.merge(
                            SyncFeedHeld(
                                version=version,
                                kind=kind,
                                body=item_body,
                                problem=problem,
                                received_at=now,
                            )
                        )
                        counts[1] += 1
                    else:
                        counts[0] += 1
                stored.cursor = cursor
            return True

        if not self._writer(store):
            return False
        report.pulled += counts[0]
        report.held += counts[1]
        return True

    @staticmethod
    def _apply_item(session: Session, kind: str, body: Any, now: datetime) -> str:
        """Apply one feed item in the page's transaction; the problem, or "" when applied."""
        if kind == OFFICE_STEP_KIND:
            return apply_office_step(session, body, tz=load_settings(session).timezone)
        if kind == "revoked":
            return _record_revoked(session, body, now)
        if kind != "settings":
            return f"{HELD_FOR_LATER} {kind!r} is applied by a later version"
        if not isinstance(body, dict):
            return "the body is not an object"
        changes = _settings_changes(body)
        if not changes:
            return ""
        try:
            with session.begin_nested():
                _apply_settings(session, changes, at=now, via="sync")
        except InvalidInput as exc:
            return f"refused by the settings rules: {exc}"
        return ""

    # -- catalogs and calendars --------------------------------------------------

    def _services(self) -> tuple[CatalogService, HolidayCalendarService]:
        """The services that apply catalogs and calendars (the desk's, when it gave them)."""
        if self._catalog is None or self._calendar is None:
            from clerk_desk.cases import review_due_dates
            from clerk_desk.catalog import CatalogService
            from clerk_desk.holiday_calendar import HolidayCalendarService

            def settings() -> TerminalSettings:
                with self.store.read() as session:
                    return load_settings(session)

            catalog = self._catalog or CatalogService(self.store, self.clock, settings)
            if self._calendar is None:
                calendar = HolidayCalendarService(self.store, self.clock)

                def review(
                    session: Session, now_standing: Any, years: frozenset[int], at: datetime
                ) -> int:
                    return review_due_dates(
                        session,
                        catalog,
                        now_standing,
                        years,
                        at=at,
                        tz=load_settings(session).timezone,
                    )

                calendar.on_replaced.append(review)
                self._calendar = calendar
            self._catalog = catalog
        return self._catalog, self._calendar

    def _apply_service_item(
        self, client: httpx.Client, state: SyncState, secret: str, kind: str, body: Any
    ) -> str:
        """Apply a catalog or calendar item through its service (its own transaction).

        Returns "" when applied (or already there), else the problem that keeps it
        in ``sync_feed_held``. A network failure fetching a catalog raises
        :class:`SyncFailed`, and a failure of the store raises as it is: the cursor
        stays before the item, which is applied next time.
        """
        catalog, calendar = self._services()
        if not isinstance(body, dict):
            return "the body is not an object"
        if kind == "calendar":
            from clerk_desk.holiday_calendar import calendar_from_json

            try:
                newer = calendar_from_json(json.dumps(body, ensure_ascii=False))
            except InvalidInput as exc:
                return f"not a clerk-holidays/1 calendar: {exc}"
            if not newer.years:
                return "the calendar covers no year"
            self._writer(lambda: calendar.replace_years(newer, actor_id=SYSTEM_ACTOR))
            return ""
        from clerk_desk.catalog_format import CatalogFormatError

        digest = body.get("sha256")
        if not isinstance(digest, str) or len(digest) != 64:
            return "the catalog item names no document (sha256)"
        data = self._download(client, state, secret, digest)
        if data is None:
            return f"the server has no document {digest}"
        try:
            # Checked here (the slow part), stored by the writer.
            catalog.import_document(data, actor_id=SYSTEM_ACTOR, writer=self._writer)
        except CatalogFormatError as exc:
            return f"refused by the catalog's checks: {str(exc)[:2000]}"
        except RuleViolation as exc:
            return f"refused: {exc}"
        return ""

    def _download(
        self, client: httpx.Client, state: SyncState, secret: str, digest: str
    ) -> bytes | None:
        """A document by its SHA-256 (checked), or None if the server has none."""
        url = state.server_url
        try:
            response = client.get(f"/blob/{digest}", headers=self._auth(state, secret))
        except httpx.HTTPError as exc:
            raise _unreachable(url, exc) from None
        if response.status_code == 404 and _error_of(response)[0] == "not_found":
            return None
        if response.status_code != 200:
            raise _failure_of(response, url)
        data = response.content
        if hashlib.sha256(data).hexdigest() != digest.lower():
            raise _bad_answer(url, f"the document {digest[:12]}... does not match its SHA-256")
        return data

    def _apply_held_steps(self, report: SyncReport) -> None:
        """The back office's steps kept earlier for a case that this terminal now has
        (restored, say): tried again in feed order, in one transaction; applied, they
        leave ``sync_feed_held``. Steps of other terminals' cases (a centre's feed
        carries them all) are not read."""

        def apply() -> None:
            with self.store.write() as session:
                versions = session.scalars(
                    select(SyncFeedHeld.version)
                    .join(Case, Case.id == SyncFeedHeld.body["case_id"].as_string())
                    .where(SyncFeedHeld.kind == OFFICE_STEP_KIND)
                    .order_by(SyncFeedHeld.version)
                ).all()
                if not versions:
                    return
                tz = load_settings(session).timezone
                for version in versions:
                    row = session.get_one(SyncFeedHeld, version)
                    problem = apply_office_step(session, row.body, tz=tz)
                    if problem:
                        row.problem = problem
                    else:
                        session.delete(row)
                        report.pulled += 1

        self._writer(apply)

    def _apply_held(
        self, client: httpx.Client, state: SyncState, secret: str, report: SyncReport
    ) -> None:
        """Catalog and calendar items an earlier version kept: applied now, in feed order.
        Then the back office's steps that may fit now (:meth:`_apply_held_steps`)."""
        self._apply_held_steps(report)
        with self.store.read() as session:
            held = session.execute(
                select(SyncFeedHeld.version, SyncFeedHeld.kind, SyncFeedHeld.body)
                .where(
                    SyncFeedHeld.kind.in_(SERVICE_KINDS),
                    SyncFeedHeld.problem.startswith(HELD_FOR_LATER),
                )
                .order_by(SyncFeedHeld.version)
            ).all()
        for version, kind, item_body in held:
            problem = self._apply_service_item(client, state, secret, kind, item_body)
            if not self._writer(partial(self._settle_held, version, problem)):
                continue
            if problem:
                report.held += 1
            else:
                report.pulled += 1

    def _settle_held(self, version: int, problem: str) -> bool:
        """A kept item tried again: its new problem kept, or (applied) it leaves
        ``sync_feed_held``; one transaction. False if another sync settled it meanwhile."""
        with self.store.write() as session:
            row = session.get(SyncFeedHeld, version)
            if row is None:
                return False
            if problem:
                row.problem = problem
            else:
                session.delete(row)
        return True

    # -- both --------------------------------------------------------------------

    def run(self) -> SyncReport:
        """One full cycle: push, then pull. Raises :class:`SyncFailed` on the first failure.

        A store marked for recovery (restored from a backup, or found restored by the
        server) first takes back the centre's cases (:meth:`recover`), before its new
        work goes up; a push whose answer says ``restored`` recovers right after it.
        """
        recovery = self.recover() if self.recovery_needed() else None
        pushed = self.push()
        if self.recovery_needed():
            later = self.recover()
            if recovery is None:
                recovery = later
            else:
                recovery.add(later)
            again = self.push()  # the recovery's audit anchors
            pushed.pushed += again.pushed
            pushed.duplicates += again.duplicates
            pushed.refused += again.refused
            pushed.batches += again.batches
        pushed.recovery = recovery
        pulled = self.pull()
        pushed.pulled, pushed.held = pulled.pulled, pulled.held
        with self.store.read() as session:
            pushed.waiting = waiting_count(session)
        self._note_attempt(None, success=True)
        return pushed

    def status(self) -> SyncStatus:
        with self.store.read() as session:
            state = session.get(SyncState, 1)
            settings = load_settings(session)
            secret = session.get(Setting, SECRET_KEY)
            return SyncStatus(
                enrolled=state is not None and secret is not None,
                server_url=state.server_url if state else "",
                terminal_number=settings.terminal_code,
                centre_code=state.centre_code if state else "",
                cursor=state.cursor if state else 0,
                last_success_at=state.last_success_at if state else None,
                last_attempt_at=state.last_attempt_at if state else None,
                last_error=state.last_error if state else "",
                waiting=waiting_count(session),
                quarantined=quarantined_count(session),
                recovery_needed=bool(state is not None and state.recovery_needed),
                revoked=tuple(
                    (r.terminal_number, r.revoked_at)
                    for r in session.scalars(
                        select(SyncRevoked).order_by(SyncRevoked.terminal_number)
                    )
                ),
            )

    def quarantined(self) -> list[QuarantinedChange]:
        """The changes in quarantine now, oldest first."""
        with self.store.read() as session:
            rows = session.execute(
                select(SyncQuarantine, OutboxEntry)
                .join(OutboxEntry, OutboxEntry.id == SyncQuarantine.outbox_id)
                .where(SyncQuarantine.retried_at.is_(None), OutboxEntry.sent_at.is_(None))
                .order_by(OutboxEntry.seq, SyncQuarantine.id)
            ).all()
            return [
                QuarantinedChange(
                    outbox_id=entry.id,
                    outbox_seq=entry.seq,
                    entity=entry.entity,
                    entity_id=entry.entity_id,
                    operation=entry.operation,
                    reason=q.reason,
                    message=q.message,
                    at=q.at,
                )
                for q, entry in rows
            ]

    def retry_quarantined(self, entry_id: str, *, actor_id: str = SYSTEM_ACTOR) -> int:
        """Let a quarantined change go again (after a fix); audited. Returns rows cleared."""
        now = self.clock.now()

        def retry() -> int:
            with self.store.write() as session:
                if actor_id != SYSTEM_ACTOR:
                    actor = session.get(Staff, actor_id)
                    if actor is None or not actor.active:
                        raise InvalidInput(
                            "actor_id", "no active staff account with id {id}", id=repr(actor_id)
                        )
                cleared = session.execute(  # type: ignore[attr-defined]
                    update(SyncQuarantine)
                    .where(
                        and_(
                            SyncQuarantine.outbox_id == entry_id,
                            SyncQuarantine.retried_at.is_(None),
                        )
                    )
                    .values(retried_at=now)
                ).rowcount
                if not cleared:
                    raise RuleViolation("change {entry} is not in quarantine", entry=entry_id)
                entry = session.scalar(select(OutboxEntry).where(OutboxEntry.id == entry_id))
                assert entry is not None  # the foreign key
                record_change(
                    session,
                    at=now,
                    actor_id=actor_id,
                    action="sync.retried",
                    entity=entry.entity,
                    entity_id=entry.entity_id,
                    payload={"outbox_id": entry_id, "operation": entry.operation},
                    sync=False,
                )
            return int(cleared)

        return self._writer(retry)


def _record_revoked(session: Session, body: Any, now: datetime) -> str:
    """A ``revoked`` item: a terminal of this centre the county revoked; "" when kept."""
    if not isinstance(body, dict):
        return "the body is not an object"
    number, at = body.get("terminal_number"), body.get("revoked_at")
    if not isinstance(number, str) or not tracking_numbers.is_terminal_number(number):
        return "the revoked item names no terminal number"
    if not isinstance(at, str) or not at:
        return "the revoked item has no time"
    session.merge(SyncRevoked(terminal_number=number, revoked_at=at[:64], received_at=now))
    return ""


def iter_held(store: Store) -> Iterator[SyncFeedHeld]:
    """The feed items kept for a later version, in feed order."""
    with store.read() as session:
        yield from session.scalars(select(SyncFeedHeld).order_by(SyncFeedHeld.version)).all()
