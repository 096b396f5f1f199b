"""What the administrator does from ``clerk-central`` (each change audited in server_audit)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clerk_central.models import Centre, ChainBreak, EnrollCode, ServerAudit, ServerCase, Terminal
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
    audit(session, at=now, action="terminal.revoke", detail={"number": number})
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
    }


def count(session: Session, model: type[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)
