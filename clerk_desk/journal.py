"""The audit log (a hash chain) and the sync outbox.

Every state change calls :func:`record_change` inside its own write
transaction, so the change, its audit entry and its outbox entry commit or
roll back together.

Hash chain: each entry's hash is SHA-256 over its own fields and the hash of
the entry before it (the first entry chains to 64 zeros). ``audit_head`` holds
the newest sequence number and hash, and every outbox entry the sequence
number and hash of the audit entry written with it (its anchor), so removing
entries from the end is found too: editing the head to match is not enough
while the outbox names later entries, and the anchors that went up to the
county's server are out of reach. :func:`verify_audit` recomputes everything
and reports every edited, removed, inserted or reordered entry it finds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from clerk_desk.models import AuditEntry, AuditHead, OutboxEntry, new_id

GENESIS_HASH = "0" * 64
SYSTEM_ACTOR = "system"
# The outbox operation that carries only an audit entry's anchor (no change to apply).
ANCHOR_OPERATION = "audit.anchor"


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
    audit: AuditEntry | None = None,
) -> OutboxEntry:
    """Queue a change for the server; ``audit`` is the audit entry written with it."""
    entry = OutboxEntry(
        id=new_id(),
        created_at=at,
        entity=entity,
        entity_id=entity_id,
        operation=operation,
        payload=dict(payload),
        audit_seq=audit.seq if audit else None,
        audit_hash=audit.hash if audit else None,
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
    """Write the audit entry and the outbox entry of a change.

    The outbox entry carries the audit entry's sequence number and hash: the
    anchor that lets a removal from the end of the log be found. With ``sync``
    false (a change the server does not take from terminals) the outbox entry
    is only that anchor (operation ``audit.anchor``).
    """
    audit = append_audit(
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
            session,
            at=at,
            entity=entity,
            entity_id=entity_id,
            operation=action,
            payload=payload,
            audit=audit,
        )
    else:
        # Nothing for the server to apply (settings, a catalog or calendar that
        # came down), but the entry's anchor goes up all the same: every audit
        # entry leaves the terminal.
        enqueue_outbox(
            session,
            at=at,
            entity="audit",
            entity_id=str(audit.seq),
            operation=ANCHOR_OPERATION,
            payload={"action": action, "entity": entity, "entity_id": entity_id},
            audit=audit,
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


_RAW_ENTRIES = text(
    "SELECT seq, id, at, actor_id, action, entity, entity_id, payload, prev_hash, hash "
    "FROM audit_entries ORDER BY seq"
)


def _stored_time(value: object) -> datetime | None:
    """An entry's time as stored (naive UTC text), or None if it is not one."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


# Each anchor beside the hash its audit entry holds now (NULL: the entry is gone).
_RAW_ANCHORS = text(
    "SELECT o.seq, o.audit_seq, o.audit_hash, a.hash FROM outbox o "
    "LEFT JOIN audit_entries a ON a.seq = o.audit_seq "
    "WHERE o.audit_seq IS NOT NULL ORDER BY o.seq"
)


def _anchor_problems(session: Session) -> list[AuditProblem]:
    """Outbox entries naming audit entries that are gone or differ (one problem a run)."""
    problems: list[AuditProblem] = []
    gone: list[int] = []
    for outbox_seq, audit_seq, audit_hash, stored in session.execute(_RAW_ANCHORS):
        if stored is None:
            gone.append(audit_seq)
        elif stored != audit_hash:
            problems.append(
                AuditProblem(
                    audit_seq,
                    f"differs from the hash outbox entry {outbox_seq} recorded for it "
                    "(edited, or the log was rebuilt)",
                )
            )
    if gone:
        shown = ", ".join(str(s) for s in gone[:5]) + (
            f" and {len(gone) - 5} more" if len(gone) > 5 else ""
        )
        problems.append(
            AuditProblem(
                None,
                f"the outbox names audit entries that are not in the log ({shown}): "
                "entries were removed",
            )
        )
    return problems


def verify_audit(session: Session) -> AuditReport:
    """Recompute the chain; report every entry that was edited, removed or moved.

    Reads the rows as stored, not through the models, so an entry edited into
    something the models cannot load (a time that is no time, a number where
    text belongs) is reported like any other edit instead of stopping the check.
    """
    problems: list[AuditProblem] = []
    prev_hash = GENESIS_HASH
    expected_seq = 1
    count = 0
    for row in session.execute(_RAW_ENTRIES):
        seq, entry_id, at_raw, actor_id, action, entity, entity_id, payload, prev, stored = row
        count += 1
        if seq != expected_seq:
            problems.append(
                AuditProblem(seq, f"expected entry {expected_seq} here: entries are missing")
            )
        if prev != prev_hash:
            problems.append(
                AuditProblem(seq, "does not chain to the entry before it (removed or reordered)")
            )
        at = _stored_time(at_raw)
        if at is None:
            problems.append(AuditProblem(seq, f"its time {at_raw!r} is not a timestamp (edited)"))
        else:
            recomputed = entry_hash(
                seq=seq,
                entry_id=str(entry_id),
                at=at,
                actor_id=str(actor_id),
                action=str(action),
                entity=str(entity),
                entity_id=str(entity_id),
                payload=str(payload),
                prev_hash=str(prev),
            )
            if recomputed != stored:
                problems.append(AuditProblem(seq, "content does not match its hash (edited)"))
        prev_hash = stored
        expected_seq = seq + 1
    problems.extend(_anchor_problems(session))
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
