"""What the sync endpoints do, in the caller's transaction (one request = one transaction).

Exactly once comes from constraints, never from a check followed by an insert:
``applied_changes`` has UNIQUE (terminal_id, change_id) and a change is applied
with INSERT ... ON CONFLICT DO NOTHING RETURNING; a conflict reads the stored
row and answers from it. Terminal numbers are UNIQUE too: an enrollment that
loses a race for a number takes the next free one. A push locks its terminal's
row first (SELECT ... FOR UPDATE; on SQLite the transaction is IMMEDIATE), so
the audit chain of one terminal is checked by one transaction at a time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clerk_central.models import (
    AppliedChange,
    AuditEntry,
    Blob,
    Centre,
    ChainBreak,
    EnrollCode,
    FeedItem,
    FeedVersion,
    ServerCase,
    Terminal,
    new_id,
)
from clerk_central.protocol import (
    FIRST_NUMBER,
    LAST_ASSIGNED_NUMBER,
    SyncError,
    enroll_code_invalid,
    revoked,
    unauthorized,
)
from clerk_desk.journal import ANCHOR_OPERATION, GENESIS_HASH, canonical_json, entry_hash


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


# --- the feed -------------------------------------------------------------------------------


def next_feed_version(session: Session) -> int:
    """The next version, taken from the one-row counter in this transaction.

    The UPDATE locks the row until this transaction ends, so a second writer
    waits and takes the following version after this one committed: versions
    are handed out in commit order and a reader never sees a later version
    before an earlier one.
    """
    value = session.execute(
        update(FeedVersion)
        .where(FeedVersion.id == 1)
        .values(value=FeedVersion.value + 1)
        .returning(FeedVersion.value)
    ).scalar_one()
    return int(value)


def add_feed_item(
    session: Session,
    *,
    kind: str,
    body: Mapping[str, Any],
    centre_id: int | None = None,
    terminal_id: str | None = None,
) -> FeedItem:
    scope = "terminal" if terminal_id else "centre" if centre_id is not None else "all"
    item = FeedItem(
        version=next_feed_version(session),
        kind=kind,
        scope=scope,
        centre_id=centre_id,
        terminal_id=terminal_id,
        body=dict(body),
    )
    session.add(item)
    session.flush()
    return item


def _visible_to(centre_id: int, terminal_id: str | None) -> Any:
    conditions = [FeedItem.scope == "all", FeedItem.centre_id == centre_id]
    if terminal_id is not None:
        conditions.append(FeedItem.terminal_id == terminal_id)
    return or_(*conditions)


def current_settings(session: Session, centre_id: int, terminal_id: str | None) -> dict[str, Any]:
    """County settings as a terminal sees them: every settings item it can see, in order."""
    merged: dict[str, Any] = {}
    rows = session.scalars(
        select(FeedItem)
        .where(FeedItem.kind == "settings", _visible_to(centre_id, terminal_id))
        .order_by(FeedItem.version)
    )
    for item in rows:
        merged.update(item.body)
    return merged


def pull(session: Session, terminal: Terminal, after: int, limit: int) -> dict[str, Any]:
    rows = list(
        session.scalars(
            select(FeedItem)
            .where(FeedItem.version > after, _visible_to(terminal.centre_id, terminal.id))
            .order_by(FeedItem.version)
            .limit(limit + 1)
        )
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "items": [{"version": r.version, "kind": r.kind, "body": r.body} for r in rows],
        "cursor": rows[-1].version if rows else after,
        "more": more,
    }


def blob(session: Session, sha256: str) -> bytes:
    """A document the feed refers to (a catalog), by its SHA-256.

    Any enrolled terminal may fetch any blob: what the feed announces is public
    (a catalog is published to every counter anyway), and the digest is its name.
    """
    data = session.scalars(select(Blob.data).where(Blob.sha256 == sha256.lower())).one_or_none()
    if data is None:
        raise SyncError("not_found", f"No document with SHA-256 {sha256}.", 404)
    return bytes(data)


# --- enrollment and authentication ----------------------------------------------------------


def centre_json(centre: Centre) -> dict[str, str]:
    return {
        "code": centre.code,
        "name": centre.name,
        "region_code": centre.region_code,
        "phone": centre.phone,
    }


def _lowest_free_number(session: Session) -> str:
    taken = session.scalars(select(Terminal.number).order_by(Terminal.number))
    expected = FIRST_NUMBER
    for number in taken:
        value = int(number)
        if value > expected:
            break
        if value == expected:
            expected += 1
    if expected > LAST_ASSIGNED_NUMBER:
        raise SyncError("internal", "No terminal number is left in 00001-89999.", 500)
    return f"{expected:05d}"


def _assigned(number: str) -> bool:
    return len(number) == 5 and number.isdigit() and FIRST_NUMBER <= int(number) <= 89999


def enroll(
    session: Session,
    *,
    code: str,
    store_id: str,
    provisional_number: str,
    hostname: str,
    client_version: str,
    now: datetime,
) -> dict[str, Any]:
    terminal_id = new_id()
    # One statement takes the code: a second use (or a racing one) finds no row.
    centre_id = session.execute(
        update(EnrollCode)
        .where(
            EnrollCode.sha256 == sha256_hex(normalize_code(code)),
            EnrollCode.used_at.is_(None),
            EnrollCode.expires_at > now,
        )
        .values(used_at=now, used_by=terminal_id)
        .returning(EnrollCode.centre_id)
    ).scalar_one_or_none()
    if centre_id is None:
        raise enroll_code_invalid()
    centre = session.get_one(Centre, centre_id)
    # The same store enrolling again (after a revocation) continues its audit chain.
    chain = session.execute(
        select(Terminal.chain_last_seq, Terminal.chain_last_hash)
        .where(Terminal.store_id == store_id)
        .order_by(Terminal.chain_last_seq.desc())
        .limit(1)
    ).first()
    secret = secrets.token_urlsafe(32)
    candidate = provisional_number if _assigned(provisional_number) else None
    for _attempt in range(50):
        number = candidate or _lowest_free_number(session)
        candidate = None
        try:
            with session.begin_nested():
                session.add(
                    Terminal(
                        id=terminal_id,
                        centre_id=centre_id,
                        number=number,
                        secret_sha256=sha256_hex(secret),
                        store_id=store_id,
                        hostname=hostname,
                        client_version=client_version,
                        enrolled_at=now,
                        last_seen_at=now,
                        chain_last_seq=chain[0] if chain else 0,
                        chain_last_hash=chain[1] if chain else GENESIS_HASH,
                    )
                )
        except IntegrityError:
            continue  # the number went to another terminal meanwhile: take the next free one
        break
    else:
        raise SyncError("internal", "Could not find a free terminal number; try again.", 500)
    return {
        "terminal_id": terminal_id,
        "secret": secret,
        "terminal_number": number,
        "centre": centre_json(centre),
        "settings": current_settings(session, centre_id, terminal_id),
        "cursor": 0,
    }


def authenticate(
    session: Session,
    authorization: str | None,
    *,
    now: datetime,
    client_version: str,
    lock: bool = False,
) -> Terminal:
    """The terminal named by ``Authorization: Bearer <terminal_id>.<secret>``."""
    if not authorization or not authorization.startswith("Bearer "):
        raise unauthorized("Missing bearer credentials.")
    terminal_id, dot, secret = authorization[len("Bearer ") :].strip().partition(".")
    if not dot or not terminal_id or not secret or len(terminal_id) > 32:
        raise unauthorized("Malformed bearer credentials.")
    query = select(Terminal).where(Terminal.id == terminal_id)
    if lock:
        query = query.with_for_update()
    terminal = session.scalars(query).one_or_none()
    # Compare against a digest even for an unknown id, so timing tells nothing.
    stored = terminal.secret_sha256 if terminal else "0" * 64
    if not hmac.compare_digest(stored, sha256_hex(secret)) or terminal is None:
        raise unauthorized()
    if terminal.revoked_at is not None:
        raise revoked()
    terminal.last_seen_at = now
    if client_version:
        terminal.client_version = client_version[:64]
    return terminal


# --- push -----------------------------------------------------------------------------------


class Refusal(Exception):
    """A change the server will not apply, with the reason code the terminal quarantines."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def payload_sha256(change: Mapping[str, Any]) -> str:
    return sha256_hex(
        canonical_json(
            {
                "entity": change["entity"],
                "entity_id": change["entity_id"],
                "operation": change["operation"],
                "payload": change["payload"],
            }
        )
    )


def _insert_ignoring_conflict(session: Session, values: dict[str, Any]) -> int | None:
    """INSERT ... ON CONFLICT (terminal_id, change_id) DO NOTHING RETURNING id."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(AppliedChange)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["terminal_id", "change_id"])
        .returning(AppliedChange.id)
    )
    row = session.execute(stmt).scalar_one_or_none()
    return None if row is None else int(row)


def _apply_case(
    session: Session, terminal: Terminal, change: Mapping[str, Any], server_id: int, now: datetime
) -> None:
    payload = change["payload"]
    snapshot = payload.get("case") if isinstance(payload, Mapping) else None
    if not isinstance(snapshot, Mapping) or snapshot.get("id") != change["entity_id"]:
        raise Refusal("bad_payload", "A case change must carry the case's snapshot under 'case'.")
    state = snapshot.get("state")
    tracking = snapshot.get("tracking_number")
    if not isinstance(state, str) or not isinstance(tracking, str):
        raise Refusal("bad_payload", "The case snapshot lacks its state or tracking number.")
    event = payload.get("event")
    event_seq = event.get("seq") if isinstance(event, Mapping) else None
    case = session.scalars(
        select(ServerCase).where(ServerCase.id == change["entity_id"]).with_for_update()
    ).one_or_none()
    data = {"case": dict(snapshot), "event_seq": event_seq}
    if case is None:
        # Two terminals may see a case first at the same moment: the primary key decides,
        # and the loser goes on as a later change of the case (after the winner commits).
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        created = session.execute(
            insert(ServerCase)
            .values(
                id=change["entity_id"],
                centre_id=terminal.centre_id,  # fixed here, at the case's first change
                terminal_id=terminal.id,
                tracking_number=tracking,
                state=state,
                data=data,
                last_change_id=server_id,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(ServerCase.id)
        ).scalar_one_or_none()
        if created is not None:
            return
        case = session.scalars(
            select(ServerCase).where(ServerCase.id == change["entity_id"]).with_for_update()
        ).one()
    if case.centre_id != terminal.centre_id:
        raise Refusal("foreign_centre", "The case belongs to another centre.")
    stored_seq = case.data.get("event_seq")
    if isinstance(stored_seq, int) and isinstance(event_seq, int) and event_seq < stored_seq:
        return  # an older step arriving late never overwrites a newer copy
    case.tracking_number = tracking
    case.state = state
    case.data = data
    case.last_change_id = server_id
    case.updated_at = now


def _check_audit(
    session: Session, terminal: Terminal, audit: Mapping[str, Any], now: datetime
) -> dict[str, Any] | None:
    """Store the audit entry and check that it continues the terminal's chain.

    Returns the problem (also stored in chain_breaks, and flagged on the
    terminal) or None. The entry is kept whatever the problem.
    """
    seq = int(audit["seq"])
    try:
        at = datetime.fromisoformat(audit["at"])
        if at.tzinfo is None:
            raise ValueError("naive")
        recomputed = entry_hash(
            seq=seq,
            entry_id=audit["id"],
            at=at,
            actor_id=audit["actor_id"],
            action=audit["action"],
            entity=audit["entity"],
            entity_id=audit["entity_id"],
            payload=audit["payload"],
            prev_hash=audit["prev_hash"],
        )
        hash_ok = recomputed == audit["hash"]
    except ValueError:
        hash_ok = False
    last_seq, last_hash = terminal.chain_last_seq, terminal.chain_last_hash
    problem: str | None = None
    expected = last_seq + 1
    store = True
    if seq > last_seq:
        if seq > expected:
            problem = "gap"
        elif audit["prev_hash"] != last_hash:
            problem = "fork"
        elif not hash_ok:
            problem = "hash"
        terminal.chain_last_seq = seq
        terminal.chain_last_hash = audit["hash"]
    else:
        held = session.scalars(
            select(AuditEntry).where(AuditEntry.terminal_id == terminal.id, AuditEntry.seq == seq)
        ).one_or_none()
        if held is not None:
            store = False
            if held.hash != audit["hash"]:
                problem = "restored"  # the chain went back with other entries
        else:
            # An entry that was held back (its case waited in quarantine) fills a gap:
            # it must chain to the entries on both sides that the server holds.
            before = session.scalars(
                select(AuditEntry.hash).where(
                    AuditEntry.terminal_id == terminal.id, AuditEntry.seq == seq - 1
                )
            ).one_or_none()
            after = session.scalars(
                select(AuditEntry.prev_hash).where(
                    AuditEntry.terminal_id == terminal.id, AuditEntry.seq == seq + 1
                )
            ).one_or_none()
            if seq == 1:
                before = GENESIS_HASH
            if not hash_ok:
                problem = "hash"
            elif (before is not None and before != audit["prev_hash"]) or (
                after is not None and after != audit["hash"]
            ):
                problem = "fork"
        expected = seq
    if store:
        session.add(
            AuditEntry(
                terminal_id=terminal.id,
                seq=seq,
                entry_id=audit["id"],
                at=audit["at"],
                actor_id=audit["actor_id"],
                action=audit["action"],
                entity=audit["entity"],
                entity_id=audit["entity_id"],
                payload=audit["payload"],
                prev_hash=audit["prev_hash"],
                hash=audit["hash"],
                received_at=now,
            )
        )
        session.flush()
        _close_filled_gaps(session, terminal, now)
    if problem is not None:
        session.add(
            ChainBreak(
                terminal_id=terminal.id,
                problem=problem,
                expected_seq=expected if problem != "gap" else last_seq + 1,
                got_seq=seq,
                got_hash=audit["hash"],
                detail=f"held seq {last_seq} hash {last_hash[:12]}",
                found_at=now,
            )
        )
        session.flush()
        terminal.chain_broken = True
        return {"ok": False, "problem": problem, "expected_seq": last_seq + 1}
    return None


def _close_filled_gaps(session: Session, terminal: Terminal, now: datetime) -> None:
    gaps = session.scalars(
        select(ChainBreak).where(
            ChainBreak.terminal_id == terminal.id,
            ChainBreak.problem == "gap",
            ChainBreak.resolved_at.is_(None),
        )
    ).all()
    if not gaps:
        return
    for gap in gaps:
        held = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.terminal_id == terminal.id,
                AuditEntry.seq >= gap.expected_seq,
                AuditEntry.seq < gap.got_seq,
            )
        )
        if held == gap.got_seq - gap.expected_seq:
            gap.resolved_at = now
    session.flush()
    open_breaks = session.scalar(
        select(func.count())
        .select_from(ChainBreak)
        .where(ChainBreak.terminal_id == terminal.id, ChainBreak.resolved_at.is_(None))
    )
    terminal.chain_broken = bool(open_breaks)


def push(
    session: Session, terminal: Terminal, changes: Sequence[Mapping[str, Any]], now: datetime
) -> dict[str, Any]:
    """Apply a batch: one result per change, in order; the caller commits once."""
    results: list[dict[str, Any]] = []
    chain: dict[str, Any] = {"ok": True}
    for change in changes:
        digest = payload_sha256(change)
        savepoint = session.begin_nested()
        server_id = _insert_ignoring_conflict(
            session,
            {
                "terminal_id": terminal.id,
                "change_id": change["id"],
                "outbox_seq": change.get("outbox_seq"),
                "payload_sha256": digest,
                "operation": change["operation"],
                "entity": change["entity"],
                "entity_id": change["entity_id"],
                "payload": change["payload"],
                "answer": {},
                "received_at": now,
            },
        )
        if server_id is None:
            savepoint.commit()
            stored = session.scalars(
                select(AppliedChange).where(
                    AppliedChange.terminal_id == terminal.id,
                    AppliedChange.change_id == change["id"],
                )
            ).one()
            if stored.payload_sha256 == digest:
                results.append({"id": change["id"], **stored.answer, "status": "duplicate"})
            else:
                results.append(
                    {
                        "id": change["id"],
                        "status": "refused",
                        "reason": "id_reused",
                        "message": "This change id was already applied with another payload.",
                    }
                )
            continue
        try:
            if change["entity"] == "case" and change["operation"] != ANCHOR_OPERATION:
                _apply_case(session, terminal, change, server_id, now)
        except Refusal as refusal:
            # Nothing of a refused change stays: a retry after a fix is judged afresh.
            savepoint.rollback()
            results.append(
                {
                    "id": change["id"],
                    "status": "refused",
                    "reason": refusal.reason,
                    "message": refusal.message,
                }
            )
        else:
            answer = {"status": "applied", "server_id": server_id}
            session.execute(
                update(AppliedChange).where(AppliedChange.id == server_id).values(answer=answer)
            )
            savepoint.commit()
            results.append({"id": change["id"], **answer})
        audit = change.get("audit")
        if audit is not None:
            problem = _check_audit(session, terminal, audit, now)
            if problem is not None and chain["ok"]:
                chain = problem
    return {"results": results, "chain": chain}


def aware_now() -> datetime:
    return datetime.now(UTC)
