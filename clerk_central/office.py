"""The back office: server accounts, their sessions, and the steps staff take on a case.

Accounts (``admins``) are made with ``clerk-central admin add``; the password is kept
as an argon2id hash (argon2-cffi) and never leaves the server's memory otherwise.
Staff log in with ``POST /office/v1/login`` and get a bearer token valid for
:data:`TOKEN_HOURS`; only its SHA-256 is stored. Five failed logins in a row lock
the account for :data:`LOCK_MINUTES`.

A step (:func:`take_step`) is one transaction: the case's row is locked, the
caller's expected state compared with the current one (a stale expectation is
refused with the current state), the transition checked by the terminal's own
state machine (:mod:`clerk_desk.lifecycle`, through :mod:`clerk_central.ownership`),
the server's copy moved and its office timeline extended, the step audited in
``server_audit`` and announced to the case's centre on the feed (kind ``case_step``).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clerk_central.admin import AdminError, centre_by_code
from clerk_central.models import Admin, Centre, OfficeToken, ServerAudit, ServerCase
from clerk_central.ownership import OFFICE_STEPS, office_steps_from, state_words
from clerk_central.protocol import SyncError, bad_request, unauthorized
from clerk_central.sync import add_feed_item

ROLES = ("office", "admin")
TOKEN_HOURS = 8
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
MAX_TEXT = 2000
_LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id, the library's recommended parameters


@cache
def _dummy_hash() -> str:
    """Verified against for an unknown login, so that timing does not tell it is unknown."""
    return _hasher().hash(secrets.token_urlsafe(16))


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _audit(
    session: Session, *, at: datetime, actor: str, action: str, detail: dict[str, Any]
) -> None:
    session.add(ServerAudit(at=at, actor=actor[:64], action=action, detail=detail))


# --- accounts ---------------------------------------------------------------------------


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AdminError(f"the password must have at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AdminError(f"the password must have at most {MAX_PASSWORD} characters")
    if any(not ch.isprintable() for ch in password):
        raise AdminError("the password must not contain control characters")
    return password


def add_account(
    session: Session,
    *,
    login: str,
    name: str,
    role: str,
    centre_code: str | None,
    password: str,
    now: datetime,
) -> Admin:
    """A new account; ``centre_code`` None makes a county-level one (every centre's cases)."""
    if not _LOGIN.fullmatch(login):
        raise AdminError(
            f"login {login!r} must be 1-64 letters, digits, '.', '_' or '-', starting with a "
            "letter or digit"
        )
    name = name.strip()
    if not name or len(name) > 200 or any(not ch.isprintable() for ch in name):
        raise AdminError("the name must be 1-200 printable characters")
    if role not in ROLES:
        raise AdminError(f"role {role!r} is not one of {', '.join(ROLES)}")
    check_password(password)
    centre_id = centre_by_code(session, centre_code).id if centre_code else None
    account = Admin(
        login=login,
        name=name,
        role=role,
        centre_id=centre_id,
        password_hash=_hasher().hash(password),
        failed_logins=0,
        created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(account)
    except IntegrityError:
        raise AdminError(f"an account with login {login!r} already exists") from None
    _audit(
        session,
        at=now,
        actor="cli",
        action="account.add",
        detail={"login": login, "name": name, "role": role, "centre": centre_code},
    )
    return account


# --- sessions ---------------------------------------------------------------------------


def login(
    session: Session, *, login: str, password: str, now: datetime
) -> dict[str, Any] | SyncError:
    """A new session's token, or the error to answer (returned, not raised: the failure
    count it wrote must commit)."""
    account = session.scalars(
        select(Admin).where(Admin.login == login).with_for_update()
    ).one_or_none()
    if account is not None and account.locked_until is not None and account.locked_until > now:
        return SyncError(
            "locked",
            f"Too many failed logins: the account is locked until "
            f"{account.locked_until:%Y-%m-%d %H:%M}Z.",
            429,
        )
    stored = account.password_hash if account is not None and account.password_hash else None
    try:
        ok = _hasher().verify(stored or _dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if account is None or not ok:
        if account is not None:
            account.failed_logins += 1
            detail: dict[str, Any] = {"login": login, "failed_logins": account.failed_logins}
            if account.failed_logins >= MAX_FAILED_LOGINS:
                account.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                account.failed_logins = 0
                detail["locked_until"] = account.locked_until.isoformat()
            _audit(
                session,
                at=now,
                actor=f"office:{login}",
                action="office.login_failed",
                detail=detail,
            )
        return unauthorized("Unknown login or wrong password.")
    account.failed_logins = 0
    account.locked_until = None
    if _hasher().check_needs_rehash(account.password_hash):
        account.password_hash = _hasher().hash(password)
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(hours=TOKEN_HOURS)
    session.execute(delete(OfficeToken).where(OfficeToken.expires_at <= now))
    session.add(
        OfficeToken(
            token_sha256=token_sha256(token),
            admin_id=account.id,
            created_at=now,
            expires_at=expires,
        )
    )
    _audit(session, at=now, actor=f"office:{login}", action="office.login", detail={"login": login})
    return {
        "token": token,
        "expires_at": expires.isoformat(),
        "login": account.login,
        "name": account.name,
        "role": account.role,
        "centre": _centre_code(session, account.centre_id),
    }


def _bearer(authorization: str | None) -> str:
    if not authorization or not authorization.startswith("Bearer "):
        raise unauthorized("Missing bearer token: log in with POST /office/v1/login.")
    token = authorization[len("Bearer ") :].strip()
    if not token or len(token) > 200:
        raise unauthorized("Malformed bearer token.")
    return token


def authenticate(session: Session, authorization: str | None, *, now: datetime) -> Admin:
    """The account of a live session named by ``Authorization: Bearer <token>``."""
    row = session.get(OfficeToken, token_sha256(_bearer(authorization)))
    if row is None or row.expires_at <= now:
        raise unauthorized("Unknown or expired session: log in again.")
    return session.get_one(Admin, row.admin_id)


def logout(session: Session, authorization: str | None, *, now: datetime) -> None:
    account = authenticate(session, authorization, now=now)
    session.execute(
        delete(OfficeToken).where(OfficeToken.token_sha256 == token_sha256(_bearer(authorization)))
    )
    _audit(session, at=now, actor=f"office:{account.login}", action="office.logout", detail={})


# --- cases ------------------------------------------------------------------------------


def _centre_code(session: Session, centre_id: int | None) -> str | None:
    if centre_id is None:
        return None
    return session.get_one(Centre, centre_id).code


def normalize_number(text: str) -> str:
    """A tracking number as typed (with spaces or hyphens) in the form the server keeps."""
    from clerk_desk.errors import InvalidInput
    from clerk_desk.tracking_numbers import parse

    try:
        return parse(text)
    except InvalidInput as exc:
        raise bad_request(f"tracking number {text!r}: {exc}") from None


def find_case(session: Session, account: Admin, number: str, *, lock: bool = False) -> ServerCase:
    """The case numbered ``number``, if the account may see it (its centre, or any).

    Numbers are unique county-wide except provisional ones (9xxxx) two terminals printed
    before enrolment: among several, the account's centre decides; if that leaves more
    than one, the number alone cannot say which (``ambiguous_number``).
    """
    query = select(ServerCase).where(ServerCase.tracking_number == normalize_number(number))
    if lock:
        query = query.with_for_update()
    cases = session.scalars(query.order_by(ServerCase.id).limit(10)).all()
    if not cases:
        raise SyncError("not_found", f"No case {number} on the server.", 404)
    mine = [c for c in cases if account.centre_id is None or c.centre_id == account.centre_id]
    if not mine:
        raise SyncError(
            "foreign_centre",
            f"Case {number} belongs to another centre than this account's.",
            403,
        )
    if len(mine) > 1:
        raise SyncError(
            "ambiguous_number",
            f"{len(mine)} cases carry the number {number} (a provisional terminal number "
            "printed twice): ask the county's administrator (clerk-central case show).",
            409,
        )
    return mine[0]


def case_json(session: Session, case: ServerCase) -> dict[str, Any]:
    snapshot = case.data.get("case") or {}
    office = case.data.get("office") or {}
    return {
        "case_id": case.id,
        "tracking_number": case.tracking_number,
        "state": case.state,
        "centre": _centre_code(session, case.centre_id),
        "accepted_on": snapshot.get("accepted_on"),
        "due_on": snapshot.get("due_on"),
        "updated_at": case.updated_at.isoformat(),
        "steps": list(office.get("steps", [])),
        "allowed_steps": office_steps_from(case.state),
    }


def _text(value: str | None, where: str) -> str:
    from clerk_desk.cases import plain_text
    from clerk_desk.errors import InvalidInput

    try:
        return plain_text(value or "", where=where, max_len=MAX_TEXT)
    except InvalidInput as exc:
        raise bad_request(str(exc)) from None


@dataclass(frozen=True, slots=True)
class StepTaken:
    case: dict[str, Any]
    step_seq: int
    feed_version: int


def take_step(
    session: Session,
    account: Admin,
    number: str,
    *,
    step: str,
    expected_state: str,
    reason: str | None,
    decision: str | None,
    now: datetime,
) -> StepTaken:
    """Move the case one back-office step, in the caller's transaction (see the module)."""
    target = OFFICE_STEPS.get(step)
    if target is None:
        raise bad_request(f"step {step!r} is not one of {', '.join(OFFICE_STEPS)}.")
    detail: dict[str, str] = {}
    if step == "suspended":
        detail["reason"] = _text(reason, "reason")
    elif step == "decided":
        detail["decision"] = _text(decision, "decision")
    case = find_case(session, account, number, lock=True)
    current = case.state
    if expected_state != current:
        raise SyncError(
            "stale_state",
            f"Case {number} is {state_words(current)} now, not {expected_state}: reload it and "
            "decide again.",
            409,
            {"current_state": current, "allowed_steps": office_steps_from(current)},
        )
    allowed = office_steps_from(current)
    if step not in allowed:
        raise SyncError(
            "step_not_allowed",
            f"Case {number} is {state_words(current)}: the step {step} does not follow "
            f"(allowed: {', '.join(allowed) or 'none of the back office'}).",
            409,
            {"current_state": current, "allowed_steps": allowed},
        )
    office = dict(case.data.get("office") or {})
    seq = int(office.get("seq", 0)) + 1
    body = {
        "case_id": case.id,
        "tracking_number": case.tracking_number,
        "step": step,
        "step_seq": seq,
        "at": now.isoformat(),
        "staff_name": account.name,
        "from_state": current,
        "to_state": target.value,
        "detail": detail,
    }
    item = add_feed_item(session, kind="case_step", body=body, centre_id=case.centre_id)
    entry = {**body, "staff_login": account.login, "feed_version": item.version}
    entry.pop("case_id")
    entry.pop("tracking_number")
    office["seq"] = seq
    office["steps"] = [*office.get("steps", []), entry]
    case.data = {**case.data, "office": office}
    case.state = target.value
    case.updated_at = now
    _audit(
        session,
        at=now,
        actor=f"office:{account.login}",
        action=f"case.{step}",
        detail={
            "tracking_number": case.tracking_number,
            "case_id": case.id,
            "from_state": current,
            "to_state": target.value,
            "step_seq": seq,
            "version": item.version,
            **detail,
        },
    )
    session.flush()
    return StepTaken(case_json(session, case), seq, item.version)
