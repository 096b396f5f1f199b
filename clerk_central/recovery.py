"""A terminal whose store went back: chain epochs, and its centre's cases sent back to it.

**Chain epochs.** A terminal restored from an older backup (or a new PC given the old
one's store) writes new audit entries under seqs the server already holds from the
entries the restore lost. The server keeps both: when an entry arrives with a seq it
holds under another hash (problem ``restored``), a new epoch opens at the fork point
(:func:`open_epoch`). Entries are unique per (terminal, epoch, seq); the new epoch
shares the entries up to ``fork_seq`` with the epoch before and holds its own after
it, and the chain check goes on in it. The ``restored`` break stays recorded in
``chain_breaks``; it is closed at once when the restored chain continues the server's
(its first entry chains to the entry the server holds at the fork point), else it
stays open and flags the terminal.

**Recovery.** ``GET /sync/v1/recover`` (:func:`recover_page`) pages over the server's
copies of the cases of the terminal's centre, by case id, with the applicants and the
clerks' accounts they name (as the terminals last pushed them; never a password); the
first page also carries the highest 文书编号 of each series the terminal's documents were
given, so that its counters never issue them again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_central.models import (
    AppliedChange,
    AuditEntry,
    ChainBreak,
    ChainEpoch,
    ServerCase,
    Terminal,
)
from clerk_desk.journal import GENESIS_HASH

RECOVER_DEFAULT_LIMIT = 100
RECOVER_MAX_LIMIT = 500


def fork_points(session: Session, terminal: Terminal) -> dict[int, int]:
    """Each epoch's fork seq (epoch 0: 0)."""
    forks = {0: 0}
    for epoch, fork_seq in session.execute(
        select(ChainEpoch.epoch, ChainEpoch.fork_seq).where(ChainEpoch.terminal_id == terminal.id)
    ):
        forks[int(epoch)] = int(fork_seq)
    return forks


def owner_epoch(forks: Mapping[int, int], current: int, seq: int) -> int:
    """The epoch whose entry at ``seq`` belongs to the chain of epoch ``current``."""
    epoch = current
    while epoch > 0 and seq <= forks.get(epoch, 0):
        epoch -= 1
    return epoch


def entry_epoch(session: Session, terminal: Terminal, seq: int) -> int:
    """The epoch an entry at ``seq`` of the terminal's current chain belongs to."""
    if seq > terminal.chain_last_seq or terminal.chain_epoch == 0:
        return terminal.chain_epoch
    return owner_epoch(fork_points(session, terminal), terminal.chain_epoch, seq)


def held_entry(session: Session, terminal: Terminal, seq: int) -> AuditEntry | None:
    """The entry at ``seq`` of the terminal's current chain, if the server holds it."""
    if seq < 1:
        return None
    epoch = entry_epoch(session, terminal, seq)
    return session.scalars(
        select(AuditEntry).where(
            AuditEntry.terminal_id == terminal.id,
            AuditEntry.epoch == epoch,
            AuditEntry.seq == seq,
        )
    ).one_or_none()


def held_hash(session: Session, terminal: Terminal, seq: int) -> str | None:
    if seq == 0:
        return GENESIS_HASH
    held = held_entry(session, terminal, seq)
    return None if held is None else held.hash


def open_epoch(
    session: Session, terminal: Terminal, audit: Mapping[str, Any], hash_ok: bool, now: datetime
) -> dict[str, Any]:
    """The entry ``audit`` forks the chain at its seq: open the next epoch there.

    Records the ``restored`` break (closed at once when the new entry chains to the
    entry the server holds just before it and its hash recomputes), moves the
    terminal to the new epoch with the new entry as its last, and answers the chain
    report the push gives back. The caller stores the entry (in the new epoch).
    """
    seq = int(audit["seq"])
    fork_seq = seq - 1
    lost_to = terminal.chain_last_seq
    clean = hash_ok and held_hash(session, terminal, fork_seq) == audit["prev_hash"]
    new_epoch = terminal.chain_epoch + 1
    found = ChainBreak(
        terminal_id=terminal.id,
        problem="restored",
        epoch=terminal.chain_epoch,
        expected_seq=lost_to + 1,
        got_seq=seq,
        got_hash=audit["hash"],
        detail=(
            f"held seq {lost_to} hash {terminal.chain_last_hash[:12]}; epoch {new_epoch} "
            f"opened at seq {fork_seq}"
            + ("" if clean else "; the new entry does not continue the held chain")
        ),
        found_at=now,
        resolved_at=now if clean else None,
    )
    session.add(found)
    session.flush()
    session.add(
        ChainEpoch(
            terminal_id=terminal.id,
            epoch=new_epoch,
            fork_seq=fork_seq,
            fork_hash=audit["prev_hash"],
            lost_to_seq=lost_to,
            break_id=found.id,
            opened_at=now,
        )
    )
    terminal.chain_epoch = new_epoch
    terminal.chain_last_seq = seq
    terminal.chain_last_hash = audit["hash"]
    if not clean:
        terminal.chain_broken = True
    session.flush()
    return {
        "ok": False,
        "problem": "restored",
        "expected_seq": lost_to + 1,
        "epoch": new_epoch,
        "fork_seq": fork_seq,
    }


# --- recovery of the centre's cases -----------------------------------------------------


def _latest_payloads(
    session: Session, centre_id: int, entity: str, ids: set[str], *, having: str = "id"
) -> dict[str, dict[str, Any]]:
    """The newest payload with key ``having`` pushed for each of ``ids`` by the centre."""
    if not ids:
        return {}
    found: dict[str, dict[str, Any]] = {}
    rows = session.execute(
        select(AppliedChange.entity_id, AppliedChange.payload)
        .join(Terminal, Terminal.id == AppliedChange.terminal_id)
        .where(
            AppliedChange.entity == entity,
            AppliedChange.entity_id.in_(sorted(ids)),
            Terminal.centre_id == centre_id,
        )
        .order_by(AppliedChange.id)
    )
    for entity_id, payload in rows:
        if isinstance(payload, dict) and having in payload:
            found[entity_id] = payload  # later rows win
    return found


def _document_serials(session: Session, terminal: Terminal) -> list[str]:
    """The highest 文书编号 of each series the terminal's pushed documents carry.

    A series is everything before 第 (prefix, kind word and year: 郭仓便民受字〔2026〕),
    its number the digits after it; the terminal raises its counters to these.
    """
    highest: dict[str, tuple[int, str]] = {}
    rows = session.scalars(
        select(AppliedChange.payload).where(
            AppliedChange.terminal_id == terminal.id, AppliedChange.entity == "document"
        )
    )
    for payload in rows:
        inputs = payload.get("inputs") if isinstance(payload, dict) else None
        serial = inputs.get("serial") if isinstance(inputs, dict) else None
        if not isinstance(serial, str) or "第" not in serial:
            continue
        series, _, rest = serial.rpartition("第")
        digits = rest.removesuffix("号")
        if not digits.isdigit():
            continue
        if series not in highest or int(digits) > highest[series][0]:
            highest[series] = (int(digits), serial)
    return sorted(serial for _n, serial in highest.values())


def recover_page(session: Session, terminal: Terminal, after: str, limit: int) -> dict[str, Any]:
    """The server's copies of the centre's cases with ids after ``after``, by id."""
    rows = list(
        session.scalars(
            select(ServerCase)
            .where(ServerCase.centre_id == terminal.centre_id, ServerCase.id > after)
            .order_by(ServerCase.id)
            .limit(limit + 1)
        )
    )
    more = len(rows) > limit
    rows = rows[:limit]
    applicant_ids: set[str] = set()
    staff_ids: set[str] = set()
    for case in rows:
        snapshot = case.data.get("case") or {}
        for key, into in (
            ("applicant_id", applicant_ids),
            ("proxy_id", applicant_ids),
            ("first_clerk_id", staff_ids),
        ):
            value = snapshot.get(key)
            if isinstance(value, str) and value:
                into.add(value)
    applicants = _latest_payloads(session, terminal.centre_id, "applicant", applicant_ids)
    # Accounts as their staff.created (or a later change naming the login) described them.
    staff = _latest_payloads(session, terminal.centre_id, "staff", staff_ids, having="login")
    answer: dict[str, Any] = {
        "cases": [
            {
                "id": case.id,
                "case": case.data.get("case"),
                "event_seq": case.data.get("event_seq"),
                "server_id": case.last_change_id,
                "updated_at": case.updated_at.isoformat(),
            }
            for case in rows
        ],
        "applicants": applicants,
        "staff": staff,
        "after": rows[-1].id if rows else after,
        "more": more,
    }
    if not after:
        answer["document_serials"] = _document_serials(session, terminal)
    return answer
