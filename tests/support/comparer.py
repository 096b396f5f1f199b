"""The comparer: the county server and its terminals, case by case, after a fault.

``compare(sessions, terminals)`` reads the server's database and each terminal's
store (read-only) and returns every difference in words; ``assert_consistent``
fails a test with them. It checks the contract of docs/sync-protocol.md, not
the internals of either side:

* every outbox entry of each terminal is acknowledged (its ``server_id`` names an
  ``applied_changes`` row of that terminal with the same change id and payload
  hash), or quarantined with a reason (and then absent from ``applied_changes``:
  a refusal leaves nothing), or waiting behind a quarantined change of its entity,
  or still waiting (only where the test allows it);
* no ``applied_changes`` row of a terminal without its outbox entry on that
  terminal (an applied change the terminal did not record is allowed only as
  waiting: an acknowledgement that was lost, and will come back as ``duplicate``);
* each server case equals the newest snapshot (by the step's ``event.seq``) among
  the terminals' changes of that case the server applied (acknowledged; or, while
  waiting is allowed, applied with the acknowledgement lost), and every
  acknowledged case is on the server;
* the server holds each terminal's audit entries (seq, hash) exactly once, the
  same as on the terminal, and in chain (each entry's prev_hash is the hash held
  for seq - 1); no chain break left open unless the test expects one;
* no case doubled: tracking numbers are unique on the server and across the
  terminals, and a case id has one tracking number everywhere.

A terminal is known on the server by every ``terminals`` row with its store id
(a re-enrolment makes a new row for the same store).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from clerk_central.models import AppliedChange, ChainBreak, ChainEpoch, ServerCase, Terminal
from clerk_central.models import AuditEntry as ServerAudit
from clerk_central.recovery import owner_epoch
from clerk_desk.backups import STORE_ID_KEY
from clerk_desk.journal import canonical_json
from clerk_desk.models import AuditEntry, Case, OutboxEntry, Setting
from clerk_desk.models.sync import SyncQuarantine
from clerk_desk.storage import DB_FILENAME, Store


def payload_sha256(entity: str, entity_id: str, operation: str, payload: Any) -> str:
    """The protocol's payload hash: SHA-256 of the canonical JSON of the four fields."""
    text = canonical_json(
        {"entity": entity, "entity_id": entity_id, "operation": operation, "payload": payload}
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class TerminalSnapshot:
    """What the comparer reads from one terminal's store."""

    name: str
    store_id: str
    outbox: list[OutboxEntry]
    audit: dict[int, tuple[str, str]]  # seq -> (hash, prev_hash)
    open_quarantine: dict[str, str]  # outbox id -> reason
    cases: dict[str, str]  # case id -> tracking number
    case_states: dict[str, str]


@dataclass
class Comparison:
    problems: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, text: str) -> None:
        self.problems.append(text)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))


def read_terminal(name: str, where: Store | Path) -> TerminalSnapshot:
    """Read a terminal's store: a ``Store`` (open) or a data directory (opened read-only)."""
    store = Store.open_read_only(where / DB_FILENAME) if isinstance(where, Path) else where
    try:
        with store.read() as s:
            row = s.get(Setting, STORE_ID_KEY)
            outbox = list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
            for entry in outbox:
                s.expunge(entry)
            audit = {a.seq: (a.hash, a.prev_hash) for a in s.scalars(select(AuditEntry))}
            quarantine = {
                q.outbox_id: q.reason
                for q in s.scalars(
                    select(SyncQuarantine).where(SyncQuarantine.retried_at.is_(None))
                )
            }
            cases = {c.id: (c.tracking_number, c.state) for c in s.scalars(select(Case))}
    finally:
        if isinstance(where, Path):
            store.close()
    return TerminalSnapshot(
        name=name,
        store_id=str(row.value) if row is not None else "",
        outbox=outbox,
        audit=audit,
        open_quarantine=quarantine,
        cases={k: v[0] for k, v in cases.items()},
        case_states={k: v[1] for k, v in cases.items()},
    )


def _event_seq(payload: Any) -> int:
    event = payload.get("event") if isinstance(payload, dict) else None
    seq = event.get("seq") if isinstance(event, dict) else None
    return seq if isinstance(seq, int) else -1


def compare(
    sessions: sessionmaker[Session],
    terminals: Sequence[tuple[str, Store | Path]],
    *,
    waiting_allowed: Iterable[str] = (),
    breaks_allowed: Iterable[str] = (),
    office_cases: Iterable[str] = (),
) -> Comparison:
    """Every difference between the server and the named terminals (see the module's text).

    ``waiting_allowed``: names of terminals whose unsent changes are expected (an
    offline terminal, a revoked one); ``breaks_allowed``: chain problems the test
    expects to stay open (e.g. ``gap`` while changes wait behind a quarantine);
    ``office_cases``: ids of cases the back office moved (their server copy follows
    the office's steps: only their tracking number is compared).
    """
    result = Comparison()
    may_wait = set(waiting_allowed)
    may_break = set(breaks_allowed)
    by_office = set(office_cases)
    snaps = [read_terminal(name, where) for name, where in terminals]
    with sessions() as s:
        # One snapshot of the server: a killed terminal's last request may still commit
        # while the comparer reads (PostgreSQL: REPEATABLE READ, one snapshot for every
        # statement of the transaction).
        if s.get_bind().dialect.name == "postgresql":
            s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        server_terminals = list(s.scalars(select(Terminal)))
        applied = {a.id: a for a in s.scalars(select(AppliedChange))}
        server_audit = list(s.scalars(select(ServerAudit)))
        server_cases = {c.id: c for c in s.scalars(select(ServerCase))}
        open_breaks = list(s.scalars(select(ChainBreak).where(ChainBreak.resolved_at.is_(None))))
        forks: dict[str, dict[int, int]] = defaultdict(lambda: {0: 0})
        for epoch in s.scalars(select(ChainEpoch)):
            forks[epoch.terminal_id][int(epoch.epoch)] = int(epoch.fork_seq)
        s.expunge_all()  # plain objects from here: the session ends

    ids_of: dict[str, set[str]] = defaultdict(set)
    for t in server_terminals:
        ids_of[t.store_id].add(t.id)
    # A restored store's chain went back: the server keeps the lost entries in older
    # epochs; the terminal's current chain is, per seq, the entry of the epoch that
    # holds that part of it (clerk_central.recovery).
    current_epoch = {t.id: t.chain_epoch for t in server_terminals}

    def in_current_chain(a: ServerAudit) -> bool:
        return a.epoch == owner_epoch(forks[a.terminal_id], current_epoch[a.terminal_id], a.seq)

    # Newest acknowledged snapshot of each case: (event seq, outbox seq, terminal, snapshot).
    newest: dict[str, tuple[int, int, str, Any]] = {}

    for snap in snaps:
        ids = ids_of.get(snap.store_id, set())
        if not ids:
            result.add(f"terminal {snap.name}: no terminal on the server has its store id")
        by_change = {a.change_id: a for a in applied.values() if a.terminal_id in ids}
        held_entities: dict[tuple[str, str], int] = {}
        quarantined_audit: set[int] = set()
        acked_audit: set[int] = set()
        for e in snap.outbox:
            what = (
                f"case {snap.cases.get(e.entity_id, e.entity_id)}"
                if e.entity == "case"
                else (f"{e.entity} {e.entity_id}")
            )
            where = f"terminal {snap.name}, change {e.id} ({e.operation}, {what})"
            if e.sent_at is not None:
                result.counts["acknowledged"] += 1
                row = applied.get(e.server_id) if e.server_id is not None else None
                if row is None:
                    result.add(f"{where}: acknowledged as server id {e.server_id}, no such row")
                    continue
                if row.terminal_id not in ids:
                    result.add(f"{where}: server id {e.server_id} is another terminal's change")
                if row.change_id != e.id:
                    result.add(f"{where}: server id {e.server_id} is change {row.change_id}")
                digest = payload_sha256(e.entity, e.entity_id, e.operation, e.payload)
                if row.payload_sha256 != digest:
                    result.add(f"{where}: payload hash differs from the server's row")
                if e.audit_seq is not None:
                    acked_audit.add(e.audit_seq)
                continue
            first_held = held_entities.get((e.entity, e.entity_id))
            if e.id in by_change and e.audit_seq is not None:
                acked_audit.add(e.audit_seq)  # applied, its acknowledgement lost (waiting)
            if e.id in snap.open_quarantine:
                result.counts["quarantined"] += 1
                if not snap.open_quarantine[e.id]:
                    result.add(f"{where}: quarantined without a reason")
                if e.id in by_change:
                    result.add(f"{where}: quarantined, yet the server applied it")
                if first_held is None:
                    held_entities[(e.entity, e.entity_id)] = e.seq
                if e.audit_seq is not None:
                    quarantined_audit.add(e.audit_seq)
            elif first_held is not None:
                result.counts["held behind quarantine"] += 1
            elif snap.name in may_wait:
                result.counts["waiting"] += 1
            elif e.id in by_change:
                result.add(f"{where}: applied on the server, its acknowledgement never recorded")
            else:
                result.add(f"{where}: still waiting (never reached the server)")
        # The server's copy of a case follows the newest step it applied (acknowledged,
        # or applied with its acknowledgement lost: then the entry waits, see above).
        for e in snap.outbox:
            if e.entity == "case" and e.id in by_change:
                key = (_event_seq(e.payload), e.seq)
                old = newest.get(e.entity_id)
                if old is None or key > old[:2]:
                    newest[e.entity_id] = (*key, snap.name, e.payload.get("case"))
        outbox_ids = {e.id for e in snap.outbox}
        # Changes a restore took from the terminal: their audit entries are superseded
        # (outside the current chain); the server keeps them, and their cases must be back
        # on the terminal (recovered).
        superseded = Counter(
            (a.entity, a.entity_id, a.action)
            for a in server_audit
            if a.terminal_id in ids and not in_current_chain(a)
        )
        result.counts["audit entries superseded by a restore"] += sum(superseded.values())
        for change_id, row in sorted(by_change.items(), key=lambda kv: kv[1].id):
            if change_id in outbox_ids:
                continue
            lost = (row.entity, row.entity_id, row.operation)
            if superseded[lost] > 0:
                superseded[lost] -= 1
                result.counts["changes lost by a restore, kept on the server"] += 1
                if row.entity == "case":
                    if row.entity_id not in snap.cases:
                        result.add(
                            f"terminal {snap.name}: case {row.entity_id} lost by a restore "
                            "was not recovered"
                        )
                    key = (_event_seq(row.payload), row.outbox_seq or 0)
                    old = newest.get(row.entity_id)
                    if old is None or key > old[:2]:
                        newest[row.entity_id] = (*key, snap.name, row.payload.get("case"))
                continue
            if change_id not in outbox_ids:
                result.add(
                    f"terminal {snap.name}: server change {row.id} ({row.operation} "
                    f"{row.entity} {row.entity_id}) has no outbox entry on the terminal"
                )
        # Audit: exactly the entries of acknowledged and quarantined changes, same hashes.
        chain = [a for a in server_audit if a.terminal_id in ids and in_current_chain(a)]
        held = Counter((a.seq, a.hash) for a in chain)
        for (seq, digest), n in sorted(held.items()):
            if n > 1:
                result.add(f"terminal {snap.name}: audit entry {seq} held {n} times")
            mine = snap.audit.get(seq)
            if mine is None:
                result.add(f"terminal {snap.name}: server holds audit entry {seq}, terminal not")
            elif mine[0] != digest:
                result.add(f"terminal {snap.name}: audit entry {seq} differs (hash)")
        seqs = Counter(seq for seq, _ in held)
        for seq in sorted(acked_audit | quarantined_audit):
            if seqs[seq] == 0:
                result.add(f"terminal {snap.name}: audit entry {seq} went up, server lacks it")
            elif seqs[seq] > 1:
                result.add(f"terminal {snap.name}: audit seq {seq} held in {seqs[seq]} versions")
        by_seq = {seq: digest for seq, digest in held}
        prevs = {a.seq: a.prev_hash for a in chain}
        for seq in sorted(by_seq):
            if seq - 1 in by_seq and prevs[seq] != by_seq[seq - 1]:
                result.add(f"terminal {snap.name}: audit entry {seq} does not chain to {seq - 1}")
        result.counts["audit entries held"] += len(held)
        for b in open_breaks:
            if b.terminal_id in ids and b.problem not in may_break:
                result.add(
                    f"terminal {snap.name}: chain break {b.problem} open on the server "
                    f"(expected seq {b.expected_seq}, got {b.got_seq}: {b.detail})"
                )

    # Cases: the server's copy is the newest acknowledged snapshot.
    for case_id, (_, _, who, snapshot) in sorted(newest.items()):
        copy = server_cases.get(case_id)
        number = snapshot.get("tracking_number") if isinstance(snapshot, dict) else "?"
        if copy is None:
            result.add(f"case {number} ({case_id}): acknowledged by {who}, not on the server")
            continue
        if case_id in by_office:
            if copy.tracking_number != number:
                result.add(f"case {number}: the server has it as {copy.tracking_number}")
            continue
        theirs = copy.data.get("case") if isinstance(copy.data, dict) else None
        if theirs != snapshot:
            diff = _dict_diff(snapshot, theirs)
            result.add(f"case {number}: server copy differs from {who}'s newest step: {diff}")
        if copy.state != snapshot.get("state") or copy.tracking_number != number:
            result.add(
                f"case {number}: server columns {copy.tracking_number}/{copy.state}, "
                f"newest step {number}/{snapshot.get('state')}"
            )
    for case_id, copy in sorted(server_cases.items()):
        if case_id not in newest:
            result.add(
                f"case {copy.tracking_number} ({case_id}) is on the server, "
                "no terminal has an acknowledged change of it"
            )
    result.counts["server cases"] = len(server_cases)

    # Nothing doubled.
    numbers = Counter(c.tracking_number for c in server_cases.values())
    for number, n in sorted(numbers.items()):
        if n > 1:
            result.add(f"tracking number {number} held by {n} server cases")
    everywhere: dict[str, set[str]] = defaultdict(set)
    owner: dict[str, set[str]] = defaultdict(set)
    for snap in snaps:
        for case_id, number in snap.cases.items():
            everywhere[case_id].add(number)
            owner[number].add(case_id)
    for case_id, copy in server_cases.items():
        everywhere[case_id].add(copy.tracking_number)
        owner[copy.tracking_number].add(case_id)
    for case_id, found in sorted(everywhere.items()):
        if len(found) > 1:
            result.add(f"case {case_id} has tracking numbers {sorted(found)}")
    for number, cases in sorted(owner.items()):
        if len(cases) > 1:
            result.add(f"tracking number {number} names {len(cases)} cases: {sorted(cases)}")
    result.counts["terminal cases"] = sum(len(s.cases) for s in snaps)
    return result


def _dict_diff(a: Any, b: Any) -> str:
    if not isinstance(a, dict) or not isinstance(b, dict):
        return f"{json.dumps(a, ensure_ascii=False)[:120]} vs {json.dumps(b, ensure_ascii=False)[:120]}"
    keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    return "; ".join(f"{k}: {a.get(k)!r} vs {b.get(k)!r}" for k in keys[:6])


def assert_consistent(
    sessions: sessionmaker[Session],
    terminals: Sequence[tuple[str, Store | Path]],
    **kwargs: Any,
) -> Comparison:
    """Fail with every difference (the first 40, one a line) unless server and terminals agree."""
    found = compare(sessions, terminals, **kwargs)
    if found.problems:
        shown = "\n  ".join(found.problems[:40])
        more = len(found.problems) - 40
        tail = f"\n  ... and {more} more" if more > 0 else ""
        raise AssertionError(
            f"server and terminals differ ({len(found.problems)} problems; {found.summary()}):"
            f"\n  {shown}{tail}"
        )
    return found
