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
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clerk_central import recovery
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
    UTCDateTime,
    new_id,
)
from clerk_central.ownership import terminal_step_ruling
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


def _insert(session: Session) -> Any:
    """The dialect's INSERT (both have ON CONFLICT ... DO NOTHING and RETURNING)."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def _bulk_insert(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    conflict: Sequence[str] = (),
    returning: Sequence[str] = (),
) -> list[Any]:
    """Insert ``rows`` (all with the same keys) in one statement, in their order; with
    ``conflict``, ON CONFLICT (those columns) DO NOTHING; the ``returning`` columns of the
    rows inserted.

    On PostgreSQL one ``INSERT ... SELECT ... FROM json_to_recordset(:rows) WITH
    ORDINALITY ... ORDER BY`` with the rows as one JSON parameter: a short statement
    whatever the batch (a VALUES list of 2,000 rows x 10 columns costs more to build and
    for the driver to parse than to run; arrays per column cost as much to quote). Ids
    from a sequence are taken in the rows' order. Elsewhere (SQLite) SQLAlchemy's
    multi-row INSERT.
    """
    if not rows:
        return []
    dialect = session.get_bind().dialect
    if dialect.name != "postgresql":
        stmt = _insert(session)(table)
        if conflict:
            stmt = stmt.on_conflict_do_nothing(index_elements=list(conflict))
        if not returning:
            session.execute(stmt, list(rows))
            return []
        return list(
            session.execute(stmt.returning(*(table.c[name] for name in returning)), list(rows))
        )
    names = list(rows[0])
    dated = [name for name in names if isinstance(table.c[name].type, UTCDateTime)]
    if dated:
        stamp = UTCDateTime().process_bind_param  # aware only, as UTC

        def iso(value: datetime | None) -> str | None:
            aware = stamp(value, dialect)
            return None if aware is None else aware.isoformat()

        rows = [{**row, **{name: iso(row[name]) for name in dated}} for row in rows]
    columns = ", ".join(f'"{name}"' for name in names)
    record = ", ".join(f'"{name}" {table.c[name].type.compile(dialect=dialect)}' for name in names)
    sql = (
        f"INSERT INTO {table.name} ({columns}) SELECT {columns} "
        f"FROM ROWS FROM (json_to_recordset(CAST(:rows AS json)) AS ({record})) "
        f"WITH ORDINALITY AS batch({columns}, batch_order) ORDER BY batch_order"
    )
    params = {"rows": json.dumps(rows, ensure_ascii=False)}
    if conflict:
        sql += f" ON CONFLICT ({', '.join(conflict)}) DO NOTHING"
    if returning:
        sql += f" RETURNING {', '.join(returning)}"
        return list(session.execute(text(sql), params))
    session.execute(text(sql), params)
    return []


@dataclass(frozen=True)
class CaseCopy:
    """The server's copy of a case as of one change of a batch (a row, or one to be made)."""

    id: str
    centre_id: int
    terminal_id: str
    tracking_number: str
    state: str
    data: dict[str, Any]
    last_change_id: int
    updated_at: datetime
    stored: bool  # the row exists in the database (else this batch creates it)
    changed: bool = False  # this batch changed it: written at the end of the batch


_CHANGES = cast(Table, AppliedChange.__table__)
_CASES = cast(Table, ServerCase.__table__)
_AUDIT = cast(Table, AuditEntry.__table__)
_BREAKS = cast(Table, ChainBreak.__table__)

_CASE_COLUMNS = (
    ServerCase.id,
    ServerCase.centre_id,
    ServerCase.terminal_id,
    ServerCase.tracking_number,
    ServerCase.state,
    ServerCase.data,
    ServerCase.last_change_id,
    ServerCase.updated_at,
)


def _lock_cases(session: Session, ids: Sequence[str]) -> dict[str, CaseCopy]:
    """The stored copies of these cases, locked (FOR UPDATE) in id order: two batches that
    touch the same cases take their locks in the same order."""
    found: dict[str, CaseCopy] = {}
    for chunk in _chunks(sorted(ids), 1000):
        rows = session.execute(
            select(*_CASE_COLUMNS)
            .where(ServerCase.id.in_(chunk))
            .order_by(ServerCase.id)
            .with_for_update()
        )
        for row in rows:
            found[row.id] = CaseCopy(
                id=row.id,
                centre_id=row.centre_id,
                terminal_id=row.terminal_id,
                tracking_number=row.tracking_number,
                state=row.state,
                data=row.data,
                last_change_id=row.last_change_id,
                updated_at=row.updated_at,
                stored=True,
            )
    return found


def _chunks(values: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def _apply_case(
    terminal: Terminal,
    change: Mapping[str, Any],
    current: CaseCopy | None,
    server_id: int,
    now: datetime,
) -> CaseCopy:
    """One case change against the server's copy as of this change in the batch (None: the
    server has no copy yet); the new copy, or a Refusal. Pure: the batch writes the copies.

    A step at or below the copy's event seq leaves it as it is. Once the back office has
    moved the case (``data["office"]``), the terminal's step is judged by
    :func:`clerk_central.ownership.terminal_step_ruling`: refused (``case_moved``), or taken
    with or without its state; the copy's data keeps the back office's timeline.
    """
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
    data = {"case": dict(snapshot), "event_seq": event_seq}
    if current is None:
        return CaseCopy(
            id=change["entity_id"],
            centre_id=terminal.centre_id,  # fixed here, at the case's first change
            terminal_id=terminal.id,
            tracking_number=tracking,
            state=state,
            data=data,
            last_change_id=server_id,
            updated_at=now,
            stored=False,
            changed=True,
        )
    if current.centre_id != terminal.centre_id:
        raise Refusal("foreign_centre", "The case belongs to another centre.")
    stored_seq = current.data.get("event_seq")
    if isinstance(stored_seq, int) and isinstance(event_seq, int) and event_seq <= stored_seq:
        # An older step arriving late never overwrites a newer copy; nor does another
        # step at the same seq (a restored terminal's step on its older copy: a new
        # change id, so not a duplicate).
        return current
    # Who owns the step (clerk_central/ownership.py): once the back office moved the case,
    # the terminal moves its state only to hand the result over.
    ruling = terminal_step_ruling(
        server_state=current.state,
        snapshot_state=state,
        moves_state=isinstance(event, Mapping) and event.get("from_state") != event.get("to_state"),
        office_moved=bool(current.data.get("office")),
        tracking_number=tracking,
    )
    if ruling.refusal is not None:
        raise Refusal(*ruling.refusal)
    return replace(
        current,
        tracking_number=tracking,
        state=state if ruling.take_state else current.state,
        data={**current.data, **data},  # the back office's timeline ("office") stays
        last_change_id=server_id,
        updated_at=now,
        changed=True,
    )


def _judge_cases(
    terminal: Terminal,
    changes: Sequence[tuple[Mapping[str, Any], int]],
    base: Mapping[str, CaseCopy],
    now: datetime,
) -> tuple[dict[int, Refusal], dict[str, CaseCopy]]:
    """The batch's case changes (change, server id) in order, each against the copy as the
    changes before it left it: the refusals by server id, and each case's final copy."""
    copies: dict[str, CaseCopy] = dict(base)
    refused: dict[int, Refusal] = {}
    for change, server_id in changes:
        case_id = change["entity_id"]
        try:
            copies[case_id] = _apply_case(terminal, change, copies.get(case_id), server_id, now)
        except Refusal as refusal:
            refused[server_id] = refusal
    return refused, copies


def _case_values(copy: CaseCopy) -> dict[str, Any]:
    return {
        "tracking_number": copy.tracking_number,
        "state": copy.state,
        "data": copy.data,
        "last_change_id": copy.last_change_id,
        "updated_at": copy.updated_at,
    }


def _apply_cases(
    session: Session,
    terminal: Terminal,
    changes: Sequence[tuple[Mapping[str, Any], int]],
    now: datetime,
) -> dict[int, Refusal]:
    """Judge the batch's case changes and write each touched case once; the refusals."""
    if not changes:
        return {}
    base = _lock_cases(session, list({change["entity_id"] for change, _ in changes}))
    refused, copies = _judge_cases(terminal, changes, base, now)
    new = sorted((c for c in copies.values() if not c.stored), key=lambda c: c.id)
    if new:
        # Two terminals may see a case first at the same moment: the primary key decides
        # (inserts in id order, so two batches wait on each other in one order). The
        # loser's insert waits for the winner's commit and does nothing; its changes of
        # those cases are then judged again against the winner's copy.
        created = {
            case_id
            for (case_id,) in _bulk_insert(
                session,
                _CASES,
                [
                    {
                        "id": c.id,
                        "centre_id": c.centre_id,
                        "terminal_id": c.terminal_id,
                        **_case_values(c),
                    }
                    for c in new
                ],
                conflict=("id",),
                returning=("id",),
            )
        }
        lost = [c.id for c in new if c.id not in created]
        if lost:
            base = {**base, **_lock_cases(session, lost)}
            refused, copies = _judge_cases(terminal, changes, base, now)
    updates = [
        {"b_id": c.id, **_case_values(c)}
        for c in sorted(copies.values(), key=lambda c: c.id)
        if c.stored and c.changed
    ]
    if updates:
        table = _CASES
        session.execute(update(table).where(table.c.id == bindparam("b_id")), updates)
    return refused


@dataclass
class _Chain:
    """A terminal's audit chain as the server holds it, checked entry by entry in memory.

    The chain is that of the terminal's current epoch (:mod:`clerk_central.recovery`):
    entries are unique per (terminal, epoch, seq), and the current chain holds its own
    epoch's entries and its older epochs' up to each fork point. ``held`` has the entries
    of the current chain that the checks of this batch look at (seq -> (hash, prev_hash)):
    those read from the database, each from the epoch that holds its seq, and those this
    batch stores.

    An entry after the head (the normal push) is checked and kept in memory, and stored
    with the batch's others in one INSERT, in the current epoch. An entry at or below the
    head is looked up in ``held``: the same entry sent again is no break; one that was held
    back fills a gap (stored in the epoch that holds that part of the chain); one with
    another hash forks the chain (a restored or replaced store) and opens the next epoch
    (:func:`recovery.open_epoch`), after the pending rows are written. ``held`` then no
    longer describes the chain, so the batch's later entries at or below the head are
    looked up in the database (:func:`recovery.held_entry`), one by one.
    """

    session: Session
    terminal: Terminal
    now: datetime
    held: dict[int, tuple[str, str]] = field(default_factory=dict)
    forks: dict[int, int] | None = None  # each epoch's fork seq, read when first needed
    exact: bool = False  # an epoch opened in this batch: look entries up in the database
    rows: list[dict[str, Any]] = field(default_factory=list)  # pending, not yet written
    breaks: list[dict[str, Any]] = field(default_factory=list)  # pending, not yet written
    stored: bool = False  # this batch stored entries (written or pending)
    broke: bool = False  # this batch found breaks (written or pending)

    @classmethod
    def load(
        cls,
        session: Session,
        terminal: Terminal,
        audits: Sequence[Mapping[str, Any]],
        now: datetime,
    ) -> _Chain:
        """Read the held entries that entries of this batch at or below the head need."""
        chain = cls(session, terminal, now)
        wanted: set[int] = set()
        last = terminal.chain_last_seq
        running = last
        for audit in audits:
            seq = int(audit["seq"])
            if seq <= running:
                wanted.update(s for s in (seq - 1, seq, seq + 1) if 1 <= s <= last)
            running = max(running, seq)
        by_epoch: dict[int, list[int]] = {}
        for seq in sorted(wanted):
            by_epoch.setdefault(chain._epoch_of(seq), []).append(seq)
        for epoch, seqs in by_epoch.items():
            for chunk in _chunks(seqs, 1000):
                rows = session.execute(
                    select(AuditEntry.seq, AuditEntry.hash, AuditEntry.prev_hash).where(
                        AuditEntry.terminal_id == terminal.id,
                        AuditEntry.epoch == epoch,
                        AuditEntry.seq.in_(chunk),
                    )
                )
                chain.held.update((int(seq), (h, prev)) for seq, h, prev in rows)
        return chain

    def _epoch_of(self, seq: int) -> int:
        """The epoch whose entry at ``seq`` is part of the current chain (as
        :func:`recovery.entry_epoch`, with the fork points read once)."""
        terminal = self.terminal
        if seq > terminal.chain_last_seq or terminal.chain_epoch == 0:
            return terminal.chain_epoch
        if self.forks is None:
            self.forks = recovery.fork_points(self.session, terminal)
        return recovery.owner_epoch(self.forks, terminal.chain_epoch, seq)

    def _held(self, seq: int) -> tuple[str, str] | None:
        """The current chain's entry at ``seq`` (hash, prev_hash), if the server holds it."""
        if not self.exact:
            return self.held.get(seq)
        self._flush()
        entry = recovery.held_entry(self.session, self.terminal, seq)
        return None if entry is None else (entry.hash, entry.prev_hash)

    def check(self, audit: Mapping[str, Any]) -> dict[str, Any] | None:
        """Check one entry against the chain and keep it (to be stored); its problem or None."""
        terminal = self.terminal
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
        if seq > last_seq:
            if seq > expected:
                problem = "gap"
            elif audit["prev_hash"] != last_hash:
                problem = "fork"
            elif not hash_ok:
                problem = "hash"
            terminal.chain_last_seq = seq
            terminal.chain_last_hash = audit["hash"]
            epoch = terminal.chain_epoch
        else:
            held = self._held(seq)
            if held is not None:
                if held[0] == audit["hash"]:
                    return None  # the entry the server holds, sent again
                return self._fork(audit, hash_ok)
            # An entry that was held back (its case waited in quarantine) fills a gap:
            # it must chain to the entries on both sides that the server holds.
            below = self._held(seq - 1) if seq > 1 else None
            above = self._held(seq + 1)
            before = GENESIS_HASH if seq == 1 else below[0] if below else None
            after = above[1] if above else None
            if not hash_ok:
                problem = "hash"
            elif (before is not None and before != audit["prev_hash"]) or (
                after is not None and after != audit["hash"]
            ):
                problem = "fork"
            expected = seq
            # A late entry below a fork belongs to the epoch that holds that part of the chain.
            epoch = self._epoch_of(seq)
        if not self.exact:
            self.held[seq] = (audit["hash"], audit["prev_hash"])
        self.stored = True
        self.rows.append(
            {
                "terminal_id": terminal.id,
                "epoch": epoch,
                "seq": seq,
                "entry_id": audit["id"],
                "at": audit["at"],
                "actor_id": audit["actor_id"],
                "action": audit["action"],
                "entity": audit["entity"],
                "entity_id": audit["entity_id"],
                "payload": audit["payload"],
                "prev_hash": audit["prev_hash"],
                "hash": audit["hash"],
                "received_at": self.now,
            }
        )
        if problem is None:
            return None
        self.broke = True
        self.breaks.append(
            {
                "terminal_id": terminal.id,
                "problem": problem,
                "epoch": epoch,
                "expected_seq": expected if problem != "gap" else last_seq + 1,
                "got_seq": seq,
                "got_hash": audit["hash"],
                "detail": f"held seq {last_seq} hash {last_hash[:12]}",
                "found_at": self.now,
                "resolved_at": None,
            }
        )
        return {"ok": False, "problem": problem, "expected_seq": last_seq + 1}

    def _fork(self, audit: Mapping[str, Any], hash_ok: bool) -> dict[str, Any]:
        """The entry has a seq the current chain holds under another hash (a restored or
        replaced store): the next epoch opens at the fork, where the entry is stored and
        checked (:func:`recovery.open_epoch`); its chain report."""
        self._flush()
        report = recovery.open_epoch(self.session, self.terminal, audit, hash_ok, self.now)
        _store_audit(self.session, self.terminal, audit, self.now)
        self.exact = True
        self.held.clear()
        self.forks = None
        return report

    def _flush(self) -> None:
        """Write the pending entries and breaks (in the order they were found)."""
        if self.rows:
            _bulk_insert(self.session, _AUDIT, self.rows)
            self.rows = []
        if self.breaks:
            _bulk_insert(self.session, _BREAKS, self.breaks)
            self.breaks = []

    def write(self) -> None:
        """Store the batch's entries and breaks; close the gaps they filled; flag the terminal."""
        self._flush()
        terminal = self.terminal
        if self.stored and (terminal.chain_broken or self.broke):
            _close_filled_gaps(self.session, terminal, self.now)
        elif self.broke:
            terminal.chain_broken = True


def _store_audit(
    session: Session,
    terminal: Terminal,
    audit: Mapping[str, Any],
    now: datetime,
    epoch: int | None = None,
) -> None:
    """Keep the entry in ``epoch`` (by default the terminal's current one)."""
    session.add(
        AuditEntry(
            terminal_id=terminal.id,
            epoch=terminal.chain_epoch if epoch is None else epoch,
            seq=int(audit["seq"]),
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


def _close_filled_gaps(session: Session, terminal: Terminal, now: datetime) -> None:
    gaps = session.scalars(
        select(ChainBreak).where(
            ChainBreak.terminal_id == terminal.id,
            ChainBreak.problem == "gap",
            ChainBreak.resolved_at.is_(None),
        )
    ).all()
    for gap in gaps:
        held = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.terminal_id == terminal.id,
                AuditEntry.epoch == gap.epoch,
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


def _refused(change_id: str, reason: str, message: str) -> dict[str, Any]:
    return {"id": change_id, "status": "refused", "reason": reason, "message": message}


def _id_reused(change_id: str) -> dict[str, Any]:
    return _refused(
        change_id, "id_reused", "This change id was already applied with another payload."
    )


def push(
    session: Session, terminal: Terminal, changes: Sequence[Mapping[str, Any]], now: datetime
) -> dict[str, Any]:
    """Apply a batch: one result per change, in order; the caller commits once.

    A handful of set-based statements per batch, whatever its size:

    1. one multi-row INSERT ... ON CONFLICT (terminal_id, change_id) DO NOTHING
       RETURNING change_id, id claims every change id (the constraint decides what is new);
    2. one SELECT reads the stored rows of the ids that were already there (duplicates);
    3. the case changes: one SELECT ... FOR UPDATE of the stored copies, each change
       judged in order in memory (``_apply_case``), one INSERT of the new cases and one
       UPDATE per touched case (executemany);
    4. one DELETE of the refused changes' rows (nothing of a refused change stays);
    5. the audit chain checked in memory in batch order, one INSERT of its entries (and
       of any breaks), gaps looked at only when one is open. Entries at or below the
       chain's head (sent again, held back, or a restored store's fork, which opens a
       chain epoch) are checked against the entries read for them; after a fork in the
       batch, one by one against the database (``_Chain``).

    The terminal's row (its last contact, its chain head) is written once, at the commit.
    """
    with session.no_autoflush:
        return _push(session, terminal, changes, now)


def _push(
    session: Session, terminal: Terminal, changes: Sequence[Mapping[str, Any]], now: datetime
) -> dict[str, Any]:
    digests = [payload_sha256(change) for change in changes]
    first_of: dict[str, int] = {}
    for index, change in enumerate(changes):
        first_of.setdefault(change["id"], index)
    server_ids: dict[str, int] = {}
    if first_of:
        claimed = _bulk_insert(
            session,
            _CHANGES,
            [
                {
                    "terminal_id": terminal.id,
                    "change_id": changes[index]["id"],
                    "outbox_seq": changes[index].get("outbox_seq"),
                    "payload_sha256": digests[index],
                    "operation": changes[index]["operation"],
                    "entity": changes[index]["entity"],
                    "entity_id": changes[index]["entity_id"],
                    "payload": changes[index]["payload"],
                    "answer": {"status": "applied"},
                    "received_at": now,
                }
                for index in first_of.values()
            ],
            conflict=("terminal_id", "change_id"),
            returning=("change_id", "id"),
        )
        server_ids = {change_id: int(row_id) for change_id, row_id in claimed}
    stored: dict[str, tuple[int, str, dict[str, Any]]] = {}
    already = [change_id for change_id in first_of if change_id not in server_ids]
    for chunk in _chunks(already, 1000):
        rows = session.execute(
            select(
                AppliedChange.change_id,
                AppliedChange.id,
                AppliedChange.payload_sha256,
                AppliedChange.answer,
            ).where(AppliedChange.terminal_id == terminal.id, AppliedChange.change_id.in_(chunk))
        )
        stored.update((cid, (int(rid), digest, answer)) for cid, rid, digest, answer in rows)

    case_changes = [
        (change, server_ids[change["id"]])
        for index, change in enumerate(changes)
        if first_of[change["id"]] == index
        and change["id"] in server_ids
        and change["entity"] == "case"
        and change["operation"] != ANCHOR_OPERATION
    ]
    refused = _apply_cases(session, terminal, case_changes, now)
    if refused:
        # Nothing of a refused change stays: a retry after a fix is judged afresh.
        session.execute(delete(AppliedChange).where(AppliedChange.id.in_(sorted(refused))))

    results: list[dict[str, Any]] = []
    new_audits: list[Mapping[str, Any]] = []
    for index, change in enumerate(changes):
        change_id = change["id"]
        first = first_of[change_id]
        server_id = server_ids.get(change_id)
        if server_id is None:
            # Applied by an earlier batch: the stored answer, if the payload is the same.
            row_id, digest, answer = stored[change_id]
            if digest != digests[index]:
                results.append(_id_reused(change_id))
            else:
                results.append(
                    {"id": change_id, **answer, "server_id": row_id, "status": "duplicate"}
                )
            continue
        if first != index:
            # The same id again in this batch: answered as its first occurrence was.
            if digests[first] != digests[index]:
                results.append(_id_reused(change_id))
            elif server_id in refused:
                results.append({**results[first], "id": change_id})
            else:
                results.append({"id": change_id, "status": "duplicate", "server_id": server_id})
            continue
        refusal = refused.get(server_id)
        if refusal is not None:
            results.append(_refused(change_id, refusal.reason, refusal.message))
        else:
            results.append({"id": change_id, "status": "applied", "server_id": server_id})
        # Every new change's entry is part of the chain, a refused one's too.
        if change.get("audit") is not None:
            new_audits.append(change["audit"])

    chain_report: dict[str, Any] = {"ok": True}
    if new_audits:
        chain = _Chain.load(session, terminal, new_audits, now)
        for audit in new_audits:
            problem = chain.check(audit)
            if problem is not None and chain_report["ok"]:
                chain_report = problem
        chain.write()
    return {"results": results, "chain": chain_report}


def aware_now() -> datetime:
    return datetime.now(UTC)
