"""What the administrator does from ``clerk-central`` (each change audited in server_audit)."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clerk_central.models import (
    Blob,
    Centre,
    ChainBreak,
    EnrollCode,
    FeedItem,
    ServerAudit,
    ServerCase,
    Terminal,
)
from clerk_central.protocol import CODE_ALPHABET, CODE_LENGTH, CODE_VALID_HOURS
from clerk_central.sync import add_feed_item, normalize_code, sha256_hex

CLI_ACTOR = "cli"


class AdminError(Exception):
    """A refused admin command (exit 1), said in one English sentence."""


def audit(session: Session, *, at: datetime, action: str, detail: dict[str, Any]) -> None:
    session.add(ServerAudit(at=at, actor=CLI_ACTOR, action=action, detail=detail))


def centre_by_code(session: Session, code: str) -> Centre:
    centre = session.scalars(select(Centre).where(Centre.code == code)).one_or_none()
    if centre is None:
        raise AdminError(f"no centre with code {code!r}")
    return centre


def add_centre(
    session: Session, *, code: str, name: str, region_code: str, phone: str, now: datetime
) -> Centre:
    if not code.strip() or not name.strip():
        raise AdminError("a centre needs a code and a name")
    if region_code and not (region_code.isdigit() and len(region_code) in (6, 9, 12)):
        raise AdminError(f"region code {region_code!r} is not 6, 9 or 12 digits")
    centre = Centre(code=code.strip(), name=name.strip(), region_code=region_code, phone=phone)
    try:
        with session.begin_nested():
            session.add(centre)
    except IntegrityError:
        raise AdminError(f"a centre with code {code!r} already exists") from None
    audit(
        session,
        at=now,
        action="centre.add",
        detail={"code": centre.code, "name": centre.name, "region_code": region_code},
    )
    return centre


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@dataclass(frozen=True, slots=True)
class NewCode:
    code: str
    expires_at: datetime


def new_enroll_code(session: Session, *, centre_code: str, now: datetime) -> NewCode:
    """A one-time code for ``centre_code``; only its SHA-256 is stored."""
    centre = centre_by_code(session, centre_code)
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    expires = now + timedelta(hours=CODE_VALID_HOURS)
    session.add(
        EnrollCode(
            sha256=sha256_hex(normalize_code(raw)),
            centre_id=centre.id,
            created_at=now,
            expires_at=expires,
        )
    )
    audit(
        session,
        at=now,
        action="enroll_code.create",
        detail={"centre": centre.code, "expires_at": expires.isoformat()},
    )
    return NewCode(format_code(raw), expires)


@dataclass(frozen=True, slots=True)
class TerminalRow:
    number: str
    centre: str
    store_id: str
    hostname: str
    last_seen_at: datetime | None
    chain: str
    revoked_at: datetime | None


def list_terminals(session: Session) -> list[TerminalRow]:
    rows = []
    query = select(Terminal, Centre.code).join(Centre).order_by(Terminal.number)
    for terminal, centre_code in session.execute(query):
        if terminal.chain_broken:
            breaks = session.scalars(
                select(ChainBreak.problem)
                .where(ChainBreak.terminal_id == terminal.id, ChainBreak.resolved_at.is_(None))
                .order_by(ChainBreak.id)
            ).all()
            chain = "BROKEN (" + ", ".join(sorted(set(breaks))) + ")"
        else:
            chain = f"ok (seq {terminal.chain_last_seq})"
        if terminal.chain_epoch:
            chain += f" epoch {terminal.chain_epoch}"  # restored that many times
        rows.append(
            TerminalRow(
                number=terminal.number,
                centre=centre_code,
                store_id=terminal.store_id,
                hostname=terminal.hostname,
                last_seen_at=terminal.last_seen_at,
                chain=chain,
                revoked_at=terminal.revoked_at,
            )
        )
    return rows


def revoke_terminal(session: Session, *, number: str, now: datetime) -> Terminal:
    terminal = session.scalars(
        select(Terminal).where(Terminal.number == number).with_for_update()
    ).one_or_none()
    if terminal is None:
        raise AdminError(f"no terminal numbered {number!r}")
    if terminal.revoked_at is not None:
        raise AdminError(f"terminal {number} was already revoked at {terminal.revoked_at:%F %T}Z")
    terminal.revoked_at = now
    # The terminal's centre learns it on its feed: hand-overs and cases from that
    # number can be looked at twice (the terminal shows "terminal N was revoked").
    item = add_feed_item(
        session,
        kind="revoked",
        centre_id=terminal.centre_id,
        body={"terminal_number": number, "revoked_at": now.isoformat()},
    )
    audit(
        session,
        at=now,
        action="terminal.revoke",
        detail={"number": number, "feed_version": item.version},
    )
    return terminal


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise AdminError(f"{value!r} is not an http(s) address")
    return value


# The settings a terminal takes from the county, with their checks.
SETTINGS = {"public_status_url": _check_url}


def set_setting(
    session: Session, *, key: str, value: str, centre_code: str | None, now: datetime
) -> int:
    """Publish a settings item on the feed (for everyone, or one centre); its version."""
    check = SETTINGS.get(key)
    if check is None:
        raise AdminError(f"unknown setting {key!r} (known: {', '.join(sorted(SETTINGS))})")
    value = check(value)
    centre_id = centre_by_code(session, centre_code).id if centre_code else None
    item = add_feed_item(session, kind="settings", body={key: value}, centre_id=centre_id)
    audit(
        session,
        at=now,
        action="settings.set",
        detail={"key": key, "value": value, "centre": centre_code, "version": item.version},
    )
    return item.version


@dataclass(frozen=True, slots=True)
class Published:
    version: int  # the feed item's version
    body: dict[str, Any]


def publish_catalog(
    session: Session, *, data: bytes, centre_code: str | None, now: datetime
) -> Published:
    """Validate a ``clerk-catalog/1`` document as the terminals will, store it, announce it.

    The document is checked by clerk_desk's own parser; a bad one is refused with
    its problems (the first 200, then how many more) and nothing is written. The
    bytes go to ``blobs`` (keyed by SHA-256); the feed item carries only the
    reference ``{"sha256", "label", "size", ...}`` and terminals fetch the bytes
    with ``GET /sync/v1/blob/{sha256}``. A label already published with other
    content is refused: terminals would refuse it too.
    """
    from clerk_desk.catalog_format import CatalogFormatError, parse_catalog

    try:
        catalog = parse_catalog(data)
    except CatalogFormatError as exc:
        raise AdminError(
            f"the catalog is not valid ({exc.total} problem{'s' if exc.total != 1 else ''}); "
            f"nothing was published:\n{exc}"
        ) from None
    digest = hashlib.sha256(data).hexdigest()
    label = catalog.catalog_version
    for body in session.scalars(select(FeedItem.body).where(FeedItem.kind == "catalog")):
        if body.get("label") == label and body.get("sha256") != digest:
            raise AdminError(
                f"catalog version {label!r} was already published with other content; a "
                "changed catalog needs a new catalog_version label"
            )
    centre_id = centre_by_code(session, centre_code).id if centre_code else None
    if session.get(Blob, digest) is None:
        try:
            with session.begin_nested():
                session.add(
                    Blob(
                        sha256=digest,
                        kind="catalog",
                        label=label[:200],
                        size=len(data),
                        data=data,
                        created_at=now,
                    )
                )
        except IntegrityError:
            pass  # the same bytes stored meanwhile: one row is enough
    body = {
        "sha256": digest,
        "label": label,
        "size": len(data),
        "published_at": catalog.published_at.isoformat(),
        "region_code": catalog.region_code,
        "items": len(catalog.items),
    }
    item = add_feed_item(session, kind="catalog", body=body, centre_id=centre_id)
    audit(
        session,
        at=now,
        action="catalog.publish",
        detail={**body, "centre": centre_code, "version": item.version},
    )
    return Published(item.version, body)


def publish_calendar(
    session: Session,
    *,
    data: bytes | None,
    years: Sequence[int] | None,
    centre_code: str | None,
    now: datetime,
) -> Published:
    """Announce holiday schedules: a ``clerk-holidays/1`` file, or the ``chinesecalendar``
    package's (what a terminal seeds from), optionally only some years.

    The body is the ``clerk-holidays/1`` document itself (a year is a few dozen
    dates); terminals replace the years it covers
    (``HolidayCalendarService.replace_years``), which reviews their due dates.
    """
    from clerk_desk.errors import InvalidInput
    from clerk_desk.holiday_calendar import calendar_from_json, calendar_to_json
    from clerk_desk.working_days import HolidayCalendar, seed_from_chinesecalendar

    try:
        calendar = calendar_from_json(data) if data is not None else seed_from_chinesecalendar()
        if years:
            missing = sorted(set(years) - calendar.years)
            if missing:
                raise AdminError(
                    f"the calendar ({calendar.source}) does not cover "
                    f"{', '.join(str(y) for y in missing)}; nothing was published"
                )
            wanted = frozenset(years)
            calendar = HolidayCalendar.from_data(
                frozenset(d for d in calendar.holidays if d.year in wanted),
                frozenset(d for d in calendar.workdays if d.year in wanted),
                wanted,
                calendar.source,
            )
    except InvalidInput as exc:
        raise AdminError(f"the calendar is not valid: {exc}; nothing was published") from None
    if not calendar.years:
        raise AdminError("the calendar covers no year; nothing was published")
    body = json.loads(calendar_to_json(calendar))
    centre_id = centre_by_code(session, centre_code).id if centre_code else None
    item = add_feed_item(session, kind="calendar", body=body, centre_id=centre_id)
    audit(
        session,
        at=now,
        action="calendar.publish",
        detail={
            "years": body["years"],
            "source": body["source"],
            "holidays": len(body["holidays"]),
            "workdays": len(body["workdays"]),
            "centre": centre_code,
            "version": item.version,
        },
    )
    return Published(item.version, body)


def show_case(session: Session, tracking_number: str) -> dict[str, Any]:
    case = session.scalars(
        select(ServerCase).where(ServerCase.tracking_number == tracking_number)
    ).one_or_none()
    if case is None:
        raise AdminError(f"no case numbered {tracking_number!r} on the server")
    centre = session.get_one(Centre, case.centre_id)
    terminal = session.get_one(Terminal, case.terminal_id)
    return {
        "tracking_number": case.tracking_number,
        "state": case.state,
        "centre": centre.code,
        "terminal": terminal.number,
        "updated_at": case.updated_at.isoformat(),
        "server_change_id": case.last_change_id,
        "case": case.data.get("case", {}),
        # The back office's steps (clerk_central.office): the state above is theirs once taken.
        "office_steps": case.data.get("office", {}).get("steps", []),
    }


def count(session: Session, model: type[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)
