"""The audit log (a hash chain) and the sync outbox.

Every state change calls :func:`record_change` inside its own write
transaction, so the change, its audit entry and its outbox entry commit or
roll back together.

Hash chain: each entry's hash is SHA-256 over its own fields and the hash of
the entry before it (the first entry chains to 64 zeros). ``audit_head`` holds
the newest sequence number and hash, so removing entries from the end is
found too. :func:`verify_audit` recomputes everything and reports every
edited, removed, inserted or reordered entry it finds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clerk_desk.models import AuditEntry, AuditHead, OutboxEntry, new_id

GENESIS_HASH = "0" * 64
SYSTEM_ACTOR = "system"


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces: the form that is hashed."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(
    *,
    seq: int,
    entry_id: str,
    at: datetime,
    actor_id: str,
    action: str,
    entity: str,
    entity_id: str,
    payload: str,
    prev_hash: str,
) -> str:
    fields = [
        str(seq),
        entry_id,
        at.astimezone(UTC).isoformat(),
        actor_id,
        action,
        entity,
        entity_id,
        payload,
        prev_hash,
    ]
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


def append_audit(
    session: Session,
    *,
    at: datetime,
    actor_id: str,
    action: str,
    entity: str,
    entity_id: str,
    payload: Mapping[str, Any],
) -> AuditEntry:
    head = session.get(AuditHead, 1)
    seq = (head.seq if head else 0) + 1
    prev = head.hash if head else GENESIS_HASH
    # Round-trip through storage precision (microseconds, UTC) before hashing.
    at = at.astimezone(UTC)
    entry = AuditEntry(
        seq=seq,
        id=new_id(),
        at=at,
        actor_id=actor_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        payload=canonical_json(dict(payload)),
        prev_hash=prev,
    )
    entry.hash = entry_hash(
        seq=seq,
        entry_id=entry.id,
        at=at,
        actor_id=actor_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        payload=entry.payload,
        prev_hash=prev,
    )
    session.add(entry)
    if head is None:
        session.add(AuditHead(id=1, seq=seq, hash=entry.hash))
    else:
        head.seq = seq
        head.hash = entry.hash
    return entry


def enqueue_outbox(
    session: Session,
    *,
    at: datetime,
    entity: str,
    entity_id: str,
    operation: str,
    payload: Mapping[str, Any],
) -> OutboxEntry:
    entry = OutboxEntry(
        id=new_id(),
        created_at=at,
        entity=entity,
        entity_id=entity_id,
        operation=operation,
        payload=dict(payload),
    )
    session.add(entry)
    return entry


def record_change(
    session: Session,
    *,
    at: datetime,
    actor_id: str,
    action: str,
    entity: str,
    entity_id: str,
    payload: Mapping[str, Any],
    sync: bool = True,
) -> None:
    """Write the audit entry and (unless ``sync`` is false) the outbox entry of a change."""
    append_audit(
        session,
        at=at,
        actor_id=actor_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        payload=payload,
    )
    if sync:
        enqueue_outbox(
            session, at=at, entity=entity, entity_id=entity_id, operation=action, payload=payload
        )


def pending_outbox_count(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.sent_at.is_(None))
        )
        or 0
    )


@dataclass(frozen=True, slots=True)
class AuditProblem:
    seq: int | None
    message: str

    def __str__(self) -> str:
        where = f"entry {self.seq}" if self.seq is not None else "log"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class AuditReport:
    entries: int
    problems: tuple[AuditProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_audit(session: Session) -> AuditReport:
    """Recompute the chain; report every entry that was edited, removed or moved."""
    problems: list[AuditProblem] = []
    prev_hash = GENESIS_HASH
    expected_seq = 1
    count = 0
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()
    for e in rows:
        count += 1
        if e.seq != expected_seq:
            problems.append(
                AuditProblem(e.seq, f"expected entry {expected_seq} here: entries are missing")
            )
        if e.prev_hash != prev_hash:
            problems.append(
                AuditProblem(e.seq, "does not chain to the entry before it (removed or reordered)")
            )
        recomputed = entry_hash(
            seq=e.seq,
            entry_id=e.id,
            at=e.at,
            actor_id=e.actor_id,
            action=e.action,
            entity=e.entity,
            entity_id=e.entity_id,
            payload=e.payload,
            prev_hash=e.prev_hash,
        )
        if recomputed != e.hash:
            problems.append(AuditProblem(e.seq, "content does not match its hash (edited)"))
        prev_hash = e.hash
        expected_seq = e.seq + 1
    head = session.get(AuditHead, 1)
    if head is None:
        if count:
            problems.append(AuditProblem(None, "the head record is missing"))
    elif head.seq != expected_seq - 1 or head.hash != prev_hash:
        problems.append(
            AuditProblem(
                None,
                f"the log ends at entry {expected_seq - 1} but the head records entry "
                f"{head.seq}: entries at the end were removed or the head was edited",
            )
        )
    session.expunge_all()
    return AuditReport(entries=count, problems=tuple(problems))
