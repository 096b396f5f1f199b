"""A terminal restored from an older backup, against the real server (issue #10).

The server opens a new chain epoch at the fork and keeps every audit entry, old and
new; the terminal takes back the cases the restore lost (and the newer copies of
those it kept), never doubles a case, never regresses the server's copies and never
gives a recovered tracking number again.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from support.central import (
    LiveServer,
    add_centre,
    count,
    enroll_code,
    enrolled,
    now,
    push,
    server_enroll,
    take_case,
)

from clerk_central import admin
from clerk_central.db import transaction
from clerk_central.models import AuditEntry as ServerAudit
from clerk_central.models import ChainBreak, ChainEpoch, ServerCase, Terminal
from clerk_desk import backups
from clerk_desk.cli import main
from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.models import AuditEntry, Case, CaseEvent, OutboxEntry
from clerk_desk.staff import StaffRecord
from clerk_desk.storage import DB_FILENAME
from clerk_desk.sync import SyncClient

pytestmark = pytest.mark.server


def server_cases(sessions: sessionmaker[Session]) -> dict[str, ServerCase]:
    with sessions() as s:
        return {c.id: c for c in s.scalars(select(ServerCase))}


def local_cases(desk: Desk) -> dict[str, Case]:
    with desk.store.read() as s:
        return {c.id: c for c in s.scalars(select(Case))}


def before_the_backup(
    server: LiveServer, sessions: sessionmaker[Session], desk: Desk, clerk: StaffRecord
) -> tuple[Path, list[str], list[str], str]:
    """Enrol, take 3 cases, push, take 1, back up; then 2 more and a step on the first, pushed.

    Returns the backup, the ids kept by it, the ids lost with it, the terminal's number.
    """
    add_centre(sessions)
    client = SyncClient(desk.store, desk.clock)
    number = client.enroll(server.base, enroll_code(sessions)).terminal_number
    kept = [take_case(desk, clerk, i).id for i in (1, 2, 3)]
    assert not client.run().chain_problems
    # One more, not yet pushed when the backup is taken: the restored store sends it again.
    kept.append(take_case(desk, clerk, 9).id)
    (backup,) = desk.backups.take("manual").written
    # A clerk hired after the backup takes one of the cases the restore will lose.
    newcomer = desk.staff.create(actor_id=SYSTEM_ACTOR, login="lisi", name="李四", role="clerk")
    lost = [take_case(desk, clerk, 4).id, take_case(desk, newcomer, 5).id]
    desk.cases.start_processing(kept[0], staff_id=clerk.id)  # newer than the backup's copy
    report = client.run()
    assert report.waiting == 0 and not report.chain_problems
    return backup.path, kept, lost, number


def test_a_restored_terminal_gets_its_cases_back_and_the_server_keeps_everything(
    server: LiveServer,
    sessions: sessionmaker[Session],
    desk: Desk,
    clerk: StaffRecord,
    data_dir: Path,
    clock: FixedClock,
) -> None:
    backup, kept, lost, number = before_the_backup(server, sessions, desk, clerk)
    before = server_cases(sessions)
    with sessions() as s:
        lost_entries = s.scalar(select(Terminal.chain_last_seq).where(Terminal.number == number))
    numbers_before = {c.tracking_number for c in local_cases(desk).values()}
    desk.close()

    backups.restore(data_dir / DB_FILENAME, backup, clock=clock, actor_id=SYSTEM_ACTOR)
    again = Desk.open(data_dir, clock=clock)
    try:
        client = SyncClient(again.store, again.clock)
        assert client.recovery_needed() and client.status().recovery_needed
        assert set(local_cases(again)) == set(kept)  # the restore lost two
        # Work before the first sync: a new case (counters carried by the restore), and a
        # step on the second case (its copy here is as new as the server's).
        fresh = take_case(again, clerk, 6)
        assert fresh.tracking_number not in numbers_before
        again.cases.start_processing(kept[1], staff_id=clerk.id)
        # A step on the first case, whose copy here is older than the server's: the
        # server keeps its copy (same event seq), and the terminal takes it back.
        again.cases.withdraw(kept[0], staff_id=clerk.id, reason="申请人撤回")

        report = client.run()
        assert report.recovery is not None
        assert report.recovery.recovered == 2 and not report.recovery.skipped
        assert report.recovery.updated == 1  # the first case, moved on on the server
        assert report.restored and report.refused == 0 and report.waiting == 0
        assert report.duplicates >= 2  # the unpushed case's applicant and steps, sent again
        assert not client.recovery_needed()

        # The terminal: every case once, the lost ones back, the server's newer copy taken.
        here = local_cases(again)
        assert set(here) == {*kept, *lost, fresh.id}
        numbers = [c.tracking_number for c in here.values()]
        assert len(numbers) == len(set(numbers))
        assert here[kept[0]].state == "in_progress"  # the server's copy won
        # The newcomer's account came back with the case, disabled, without a password.
        back = again.staff.by_login("lisi")
        assert back is not None and not back.active and back.id == here[lost[1]].first_clerk_id
        assert again.cases.get(lost[1]).first_clerk.name == "李四"
        with again.store.read() as s:
            recovered = s.scalars(select(CaseEvent).where(CaseEvent.action == "recovered")).all()
            assert {e.case_id for e in recovered} >= {*lost, kept[0]}
            # The recovered copies went up as audit anchors only, never as new changes.
            assert not s.scalars(
                select(OutboxEntry).where(OutboxEntry.operation == "case.recovered")
            ).all()
            local_audit = {(a.seq, a.hash) for a in s.scalars(select(AuditEntry))}
            done = [
                json.loads(a.payload)
                for a in s.scalars(select(AuditEntry).where(AuditEntry.action == "sync.recovered"))
            ]
        # Two recoveries: before the push (the restore's mark), after it (its answer).
        assert [(d["recovered"], d["updated"], d["skipped_cases"]) for d in done] == [
            (2, 1, []),
            (0, 0, []),
        ]
        assert again.verify_audit().ok

        # The server: a new epoch at the fork; every entry kept, the lost ones too.
        with sessions() as s:
            terminal = s.scalars(select(Terminal).where(Terminal.number == number)).one()
            assert terminal.chain_epoch == 1 and not terminal.chain_broken
            (epoch,) = s.scalars(select(ChainEpoch)).all()
            (restored,) = s.scalars(
                select(ChainBreak).where(ChainBreak.problem == "restored")
            ).all()
            assert restored.resolved_at is not None and epoch.break_id == restored.id
            assert epoch.lost_to_seq == lost_entries and epoch.fork_seq < lost_entries
            held = s.execute(
                select(ServerAudit.epoch, ServerAudit.seq, ServerAudit.hash).where(
                    ServerAudit.terminal_id == terminal.id
                )
            ).all()
            assert not s.scalars(select(ChainBreak).where(ChainBreak.resolved_at.is_(None))).all()
            chain = admin.list_terminals(s)[0].chain
        current = {(seq, h) for e, seq, h in held if e == 1 or seq <= epoch.fork_seq}
        assert local_audit == current  # the terminal's whole chain, as it is now
        assert len([1 for e, seq, _ in held if e == 0]) == lost_entries  # the lost branch
        assert "epoch 1" in chain and chain.startswith("ok")

        # Never regressed: the server's copies are at least as new as before.
        after = server_cases(sessions)
        assert set(after) == set(here)
        for case_id, old in before.items():
            assert after[case_id].data["event_seq"] >= old.data["event_seq"], case_id
        assert after[kept[0]].state == "in_progress"  # the withdrawal on the old copy
        assert after[kept[0]].data["event_seq"] == before[kept[0]].data["event_seq"]
        assert after[kept[1]].state == "in_progress"  # taken after the restore: a new step

        # New numbers never repeat recovered ones.
        newer = take_case(again, clerk, 7)
        assert newer.tracking_number not in numbers
        assert client.run().waiting == 0
    finally:
        again.close()


def test_a_dead_disk_restore_takes_the_counters_from_the_server(
    server: LiveServer,
    sessions: sessionmaker[Session],
    desk: Desk,
    clerk: StaffRecord,
    data_dir: Path,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backup, kept, lost, _number = before_the_backup(server, sessions, desk, clerk)
    lost_numbers = {local_cases(desk)[i].tracking_number for i in lost}
    # Documents of a lost case carry 文书编号 that are on paper now.
    issued = desk.documents.issue_for_case(lost[1], staff_id=clerk.id)
    serials = {d.serial for d in issued if d.serial}
    assert serials
    assert SyncClient(desk.store, desk.clock).run().waiting == 0
    desk.close()
    db = data_dir / DB_FILENAME
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    # The commands a person types: restore (nothing on this PC knows the lost numbers),
    # then sync, which takes the cases and their numbers back before anything goes up.
    assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 0
    said = capsys.readouterr()
    assert "the next sync takes back from the county server" in said.out
    assert "until the county server gives them back: run clerk-desk sync run" in said.err
    assert main(["--data-dir", str(data_dir), "sync", "run"]) == 0
    out = capsys.readouterr()
    assert "recovered from the server after a restore: 2 case(s) added" in out.out
    assert "not recovered" not in out.err and "audit chain" not in out.err
    again = Desk.open(data_dir, clock=clock)
    try:
        client = SyncClient(again.store, again.clock)
        assert not client.recovery_needed()
        numbers = {c.tracking_number for c in local_cases(again).values()}
        assert lost_numbers <= numbers
        fresh = take_case(again, clerk, 8)
        assert fresh.tracking_number not in numbers
        new_serials = {
            d.serial for d in again.documents.issue_for_case(fresh.id, staff_id=clerk.id)
        }
        assert new_serials and not new_serials & serials
        # The server holds one copy of each case, the recovered ones unchanged.
        assert set(server_cases(sessions)) == {*kept, *lost}
        assert client.run().waiting == 0
        assert set(server_cases(sessions)) == {*kept, *lost, fresh.id}
    finally:
        again.close()


def test_a_revoked_terminal_is_announced_to_its_centre(
    server: LiveServer,
    sessions: sessionmaker[Session],
    desk: Desk,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_centre(sessions)
    client = SyncClient(desk.store, desk.clock)
    client.enroll(server.base, enroll_code(sessions))
    # A second terminal of the same centre, revoked by the county.
    other = server_enroll(server, enroll_code(sessions))
    with transaction(sessions) as s:
        admin.revoke_terminal(s, number=other, now=desk.clock.now())
    assert client.status().revoked == ()
    report = client.run()
    assert report.pulled >= 1 and report.held == 0
    ((number, revoked_at),) = client.status().revoked
    assert number == other and revoked_at.startswith(desk.clock.now().date().isoformat())
    # Shown by `clerk-desk sync status`.
    assert main(["--data-dir", str(data_dir), "sync", "status"]) == 0
    assert f"terminal {other} of this centre was revoked" in capsys.readouterr().out


def test_epochs_keep_both_branches_and_chain_on(client, sessions) -> None:
    """Each restore opens an epoch at its fork; entries of every branch are kept."""
    add_centre(sessions)
    t = enrolled(client, sessions)
    first = [t.chain.case_step("case-1", "00001-2026-000001", "accepted", 1)]
    first.append(t.chain.case_step("case-2", "00001-2026-000002", "accepted", 1))
    backup = copy.deepcopy(t.chain)  # the store as a backup holds it (seq 2)
    first.append(t.chain.case_step("case-1", "00001-2026-000001", "in_progress", 2, "started"))
    first.append(t.chain.case_step("case-3", "00001-2026-000003", "accepted", 1))
    assert push(client, t, first).json()["chain"] == {"ok": True}

    # Restored to seq 2: new entries under seqs 3 and 4, one a step on an older copy.
    t.chain = backup
    again = [t.chain.case_step("case-1", "00001-2026-000001", "suspended", 2, "suspended")]
    again.append(t.chain.case_step("case-4", "00001-2026-000004", "accepted", 1))
    answer = push(client, t, again).json()
    assert [r["status"] for r in answer["results"]] == ["applied", "applied"]
    assert answer["chain"] == {
        "ok": False,
        "problem": "restored",
        "expected_seq": 5,
        "epoch": 1,
        "fork_seq": 2,
    }
    with sessions() as s:
        case_1 = s.get(ServerCase, "case-1")
        assert case_1 is not None and case_1.state == "in_progress"  # not overwritten
        terminal = s.get(Terminal, t.id)
        assert terminal is not None
        assert (terminal.chain_epoch, terminal.chain_last_seq, terminal.chain_broken) == (
            1,
            4,
            False,
        )
    assert count(sessions, "SELECT count(*) FROM audit_entries") == 6
    assert count(sessions, "SELECT count(*) FROM chain_breaks WHERE resolved_at IS NULL") == 0
    # The same entry sent again (a new change id) is no break; a gap in the new epoch
    # closes when its entry arrives and chains on both sides.
    resent = copy.deepcopy(again[1])
    resent["id"] = "resent"
    assert push(client, t, [resent]).json()["chain"] == {"ok": True}
    held_back = t.chain.case_step("case-5", "00001-2026-000005", "accepted", 1)
    later = t.chain.case_step("case-6", "00001-2026-000006", "accepted", 1)
    assert push(client, t, [later]).json()["chain"]["problem"] == "gap"
    assert push(client, t, [held_back]).json()["chain"] == {"ok": True}
    assert count(sessions, "SELECT count(*) FROM chain_breaks WHERE resolved_at IS NULL") == 0

    # A second restore, to seq 3 of epoch 1: its fork chains to epoch 1's entry.
    t.chain.seq, t.chain.prev = 3, again[0]["audit"]["hash"]
    third = t.chain.case_step("case-7", "00001-2026-000007", "accepted", 1)
    assert push(client, t, [third]).json()["chain"]["epoch"] == 2
    assert count(sessions, "SELECT count(*) FROM chain_breaks WHERE resolved_at IS NULL") == 0
    # A "restore" whose entry chains to nothing the server holds stays an open break.
    t.chain.seq, t.chain.prev = 1, "d" * 64
    stray = t.chain.case_step("case-8", "00001-2026-000008", "accepted", 1)
    assert push(client, t, [stray]).json()["chain"]["epoch"] == 3
    with sessions() as s:
        terminal = s.get(Terminal, t.id)
        assert terminal is not None and terminal.chain_broken
        epochs = s.execute(
            select(ChainEpoch.epoch, ChainEpoch.fork_seq, ChainEpoch.lost_to_seq)
            .where(ChainEpoch.terminal_id == t.id)
            .order_by(ChainEpoch.epoch)
        ).all()
    assert [tuple(e) for e in epochs] == [(1, 2, 4), (2, 3, 6), (3, 1, 4)]
    assert count(sessions, "SELECT count(*) FROM audit_entries") == 10


def recover(client, t, **params) -> Any:
    return client.get("/sync/v1/recover", params=params, headers=t.auth)


def test_recover_pages_over_the_centres_cases_only(client, sessions) -> None:
    add_centre(sessions)
    add_centre(sessions, code="C02", name="南站镇便民服务中心")
    mine, neighbour = enrolled(client, sessions), enrolled(client, sessions)
    foreign = enrolled(client, sessions, centre="C02")
    applicant = {"id": "app-1", "kind": "person", "name": "王一", "id_number": "x"}
    changes = [
        mine.chain.change(
            entity="applicant", entity_id="app-1", operation="applicant.created", payload=applicant
        )
    ]
    changes += [
        mine.chain.case_step(f"case-{i:02d}", f"00001-2026-0000{i:02d}", "accepted", 1)
        for i in range(5)
    ]
    for change in changes[1:]:
        change["payload"]["case"]["applicant_id"] = "app-1"
        change["payload"]["case"]["first_clerk_id"] = "clerk-9"
    account = {"login": "lisi", "name": "李四", "role": "clerk", "window": "", "village": ""}
    changes.append(
        mine.chain.change(
            entity="staff", entity_id="clerk-9", operation="staff.created", payload=account
        )
    )
    changes.append(  # a later change of the account that does not describe it
        mine.chain.change(
            entity="staff", entity_id="clerk-9", operation="staff.disabled", payload={}
        )
    )
    changes.append(
        mine.chain.change(
            entity="document",
            entity_id="doc-1",
            operation="document.issued",
            payload={"case_id": "case-00", "inputs": {"serial": "城关便民受字〔2026〕第0007号"}},
        )
    )
    changes.append(
        mine.chain.change(
            entity="document",
            entity_id="doc-2",
            operation="document.issued",
            payload={"case_id": "case-01", "inputs": {"serial": "城关便民受字〔2026〕第0012号"}},
        )
    )
    assert push(client, mine, changes).status_code == 200
    other = [neighbour.chain.case_step("case-n", "00002-2026-000001", "accepted", 1)]
    assert push(client, neighbour, other).status_code == 200
    elsewhere = [foreign.chain.case_step("case-f", "00003-2026-000001", "accepted", 1)]
    assert push(client, foreign, elsewhere).status_code == 200

    seen: list[str] = []
    after = ""
    pages = 0
    while True:
        answer = recover(client, mine, after=after, limit=2)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        pages += 1
        if pages == 1:
            # The highest serial of each series the terminal's documents carry.
            assert body["document_serials"] == ["城关便民受字〔2026〕第0012号"]
        else:
            assert "document_serials" not in body
        for entry in body["cases"]:
            seen.append(entry["id"])
            assert entry["case"]["id"] == entry["id"] and entry["event_seq"] == 1
            if entry["id"] != "case-n":
                assert body["applicants"]["app-1"]["name"] == "王一"
                assert body["staff"] == {"clerk-9": account}  # never a password
        after = body["after"]
        if not body["more"]:
            break
    # The centre's cases, its other terminal's too; never another centre's.
    assert seen == sorted([f"case-{i:02d}" for i in range(5)] + ["case-n"])
    assert pages == 3
    assert recover(client, foreign).json()["cases"][0]["id"] == "case-f"
    # The contract: a limit within 1..500, a known terminal, not a revoked one.
    assert recover(client, mine, limit=0).json()["error"] == "bad_request"
    assert recover(client, mine, limit=501).status_code == 400
    assert client.get("/sync/v1/recover").status_code == 401
    with transaction(sessions) as s:
        admin.revoke_terminal(s, number=mine.number, now=now())
    assert recover(client, mine).json()["error"] == "revoked"


def test_a_late_entry_below_the_fork_closes_its_gap_in_its_own_epoch(client, sessions) -> None:
    add_centre(sessions)
    t = enrolled(client, sessions)
    steps = [
        t.chain.case_step(f"case-{i}", f"00001-2026-00000{i}", "accepted", 1) for i in range(1, 5)
    ]
    backup = copy.deepcopy(t.chain)  # at seq 4
    steps.append(t.chain.case_step("case-5", "00001-2026-000005", "accepted", 1))
    held_back = steps.pop(2)  # seq 3 waits behind a quarantined change
    assert push(client, t, steps).json()["chain"]["problem"] == "gap"
    t.chain = backup
    forked = t.chain.case_step("case-6", "00001-2026-000006", "accepted", 1)  # seq 5 again
    assert push(client, t, [forked]).json()["chain"]["fork_seq"] == 4
    assert push(client, t, [held_back]).json()["chain"] == {"ok": True}
    assert count(sessions, "SELECT epoch FROM audit_entries WHERE seq = 3") == 0
    assert count(sessions, "SELECT count(*) FROM chain_breaks WHERE resolved_at IS NULL") == 0
    with sessions() as s:
        terminal = s.get(Terminal, t.id)
        assert terminal is not None and not terminal.chain_broken


def _epochs_and_seqs(sessions: sessionmaker[Session], terminal_id: str) -> list[tuple[int, int]]:
    with sessions() as s:
        rows = s.execute(
            select(ServerAudit.epoch, ServerAudit.seq)
            .where(ServerAudit.terminal_id == terminal_id)
            .order_by(ServerAudit.epoch, ServerAudit.seq)
        )
        return [(int(epoch), int(seq)) for epoch, seq in rows]


def test_a_fork_inside_one_batch_with_entries_on_both_sides(client, sessions) -> None:
    """The batched push opens an epoch in the middle of a batch: the entries before the
    fork are stored in the old epoch (the fork's check reads them), and those after it
    are checked in the new chain: a late entry below the fork, the fork entry sent again."""
    add_centre(sessions)
    # A fresh terminal whose first batch already forks: its fork point is in the batch.
    t = enrolled(client, sessions)
    steps = [t.chain.case_step("case-a1", "00001-2026-000101", "accepted", 1)]
    steps.append(t.chain.case_step("case-a2", "00001-2026-000102", "accepted", 1))
    backup = copy.deepcopy(t.chain)  # at seq 2
    steps.append(t.chain.case_step("case-a3", "00001-2026-000103", "accepted", 1))
    t.chain = backup
    steps.append(t.chain.case_step("case-a4", "00001-2026-000104", "accepted", 1))  # seq 3 again
    answer = push(client, t, steps).json()
    assert [r["status"] for r in answer["results"]] == ["applied"] * 4
    assert answer["chain"] == {
        "ok": False,
        "problem": "restored",
        "expected_seq": 4,
        "epoch": 1,
        "fork_seq": 2,
    }
    assert _epochs_and_seqs(sessions, t.id) == [(0, 1), (0, 2), (0, 3), (1, 3)]
    with sessions() as s:
        terminal = s.get_one(Terminal, t.id)
        assert (terminal.chain_epoch, terminal.chain_last_seq, terminal.chain_broken) == (
            1,
            3,
            False,
        )
        (restored,) = s.scalars(select(ChainBreak).where(ChainBreak.terminal_id == t.id))
        assert (restored.problem, restored.epoch) == ("restored", 0)
        assert restored.resolved_at is not None  # seq 3 again chains to the held seq 2

    # Another terminal: entry 2 held back (a gap), then restored to seq 3; one batch holds
    # the fork, an entry after it, the held-back entry below it and the fork entry again.
    u = enrolled(client, sessions)
    old = [u.chain.case_step(f"case-b{i}", f"00001-2026-00020{i}", "accepted", 1) for i in (1, 2)]
    old.append(u.chain.case_step("case-b3", "00001-2026-000203", "accepted", 1))
    backup = copy.deepcopy(u.chain)  # at seq 3
    old += [u.chain.case_step(f"case-b{i}", f"00001-2026-00020{i}", "accepted", 1) for i in (4, 5)]
    held_back = old.pop(1)  # seq 2
    assert push(client, u, old).json()["chain"] == {
        "ok": False,
        "problem": "gap",
        "expected_seq": 2,
    }
    u.chain = backup
    new = [u.chain.case_step(f"case-c{i}", f"00001-2026-00030{i}", "accepted", 1) for i in (4, 5)]
    again = copy.deepcopy(new[0])
    again["id"] = "the-fork-entry-again"
    answer = push(client, u, [new[0], new[1], held_back, again]).json()
    assert [r["status"] for r in answer["results"]] == ["applied"] * 4
    assert answer["chain"] == {
        "ok": False,
        "problem": "restored",
        "expected_seq": 6,
        "epoch": 1,
        "fork_seq": 3,
    }
    # The held-back entry is stored once, in the epoch that holds seq 2; the fork entry
    # sent again is stored no second time; the lost branch (4, 5) stays in epoch 0.
    assert _epochs_and_seqs(sessions, u.id) == [
        (0, 1),
        (0, 2),
        (0, 3),
        (0, 4),
        (0, 5),
        (1, 4),
        (1, 5),
    ]
    with sessions() as s:
        terminal = s.get_one(Terminal, u.id)
        assert (terminal.chain_epoch, terminal.chain_last_seq, terminal.chain_last_hash) == (
            1,
            5,
            new[1]["audit"]["hash"],
        )
        assert not terminal.chain_broken
        breaks = s.scalars(
            select(ChainBreak).where(ChainBreak.terminal_id == u.id).order_by(ChainBreak.id)
        ).all()
        assert [(b.problem, b.epoch, b.resolved_at is not None) for b in breaks] == [
            ("gap", 0, True),  # closed by the held-back entry, in its own epoch
            ("restored", 0, True),
        ]
    # Sent again in a later batch, each of them is the entry the server holds.
    resent = [copy.deepcopy(change) for change in (held_back, new[1])]
    for change in resent:
        change["id"] += "-again"
    assert push(client, u, resent).json()["chain"] == {"ok": True}
    assert count(sessions, "SELECT count(*) FROM audit_entries WHERE terminal_id = :t", t=u.id) == 7
