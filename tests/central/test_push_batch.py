"""Push applies a whole batch with set-based statements: what happens inside one batch.

Several changes of one case, the same id twice, duplicates mixed with new changes, and
an audit entry that fills a gap later in the same batch: each answered as if the
changes had come one by one.
"""

from __future__ import annotations

import copy

from sqlalchemy import select
from support.central import add_centre, count, enrolled, push

from clerk_central.models import AppliedChange, ChainBreak, ServerCase, Terminal


def test_one_case_several_times_in_one_batch_keeps_the_newest_step(client, sessions) -> None:
    add_centre(sessions)
    t = enrolled(client, sessions)
    number = "00001-2026-000001"
    accepted = t.chain.case_step("case-1", number, "accepted", 1)
    decided = t.chain.case_step("case-1", number, "decided", 3, action="decided")
    late = t.chain.case_step("case-1", number, "in_progress", 2, action="in_progress")
    other = t.chain.case_step("case-2", "00001-2026-000002", "accepted", 1)
    answer = push(client, t, [accepted, decided, late, other]).json()
    assert [r["status"] for r in answer["results"]] == ["applied"] * 4
    assert answer["chain"] == {"ok": True}
    ids = [r["server_id"] for r in answer["results"]]
    assert ids == sorted(ids)  # ids follow the batch's order
    with sessions() as s:
        case = s.get_one(ServerCase, "case-1")
        # Created and moved on in one batch; the late, older step did not overwrite it.
        assert case.state == "decided"
        assert case.last_change_id == ids[1]
        assert case.data["event_seq"] == 3
        assert s.get_one(ServerCase, "case-2").state == "accepted"
    # A later batch goes on from the copy the batch left.
    completed = t.chain.case_step("case-1", number, "completed", 4, action="completed")
    assert push(client, t, [completed]).json()["results"][0]["status"] == "applied"
    with sessions() as s:
        assert s.get_one(ServerCase, "case-1").state == "completed"
    assert count(sessions, "SELECT count(*) FROM applied_changes") == 5
    assert count(sessions, "SELECT count(*) FROM audit_entries") == 5


def test_duplicates_mixed_with_new_changes_are_answered_in_order(client, sessions) -> None:
    add_centre(sessions)
    t = enrolled(client, sessions)
    first = [
        t.chain.case_step(f"case-{i}", f"00001-2026-00000{i}", "accepted", 1) for i in range(3)
    ]
    applied = push(client, t, first).json()["results"]
    more = [t.chain.case_step(f"case-{i}", f"00001-2026-00001{i}", "accepted", 1) for i in range(2)]
    forged = copy.deepcopy(first[2])
    forged["payload"]["case"]["state"] = "completed"
    batch = [more[0], first[0], forged, more[1], first[1]]
    results = push(client, t, batch).json()["results"]
    assert [r["id"] for r in results] == [c["id"] for c in batch]
    assert [r["status"] for r in results] == [
        "applied",
        "duplicate",
        "refused",
        "applied",
        "duplicate",
    ]
    assert results[1]["server_id"] == applied[0]["server_id"]
    assert results[4]["server_id"] == applied[1]["server_id"]
    assert results[2]["reason"] == "id_reused"
    assert results[0]["server_id"] < results[3]["server_id"]
    with sessions() as s:
        assert s.get_one(ServerCase, "case-2").state == "accepted"
    assert count(sessions, "SELECT count(*) FROM applied_changes") == 5


def test_the_same_id_twice_in_one_batch(client, sessions) -> None:
    add_centre(sessions, "C01")
    add_centre(sessions, "C02", "南站镇便民服务中心")
    ours = enrolled(client, sessions, "C01")
    theirs = enrolled(client, sessions, "C02")
    step = ours.chain.case_step("case-1", "00001-2026-000001", "accepted", 1)
    other = copy.deepcopy(step)
    other["payload"]["case"]["state"] = "rejected"
    results = push(client, ours, [step, step, other]).json()["results"]
    assert [r["status"] for r in results] == ["applied", "duplicate", "refused"]
    assert results[1]["server_id"] == results[0]["server_id"]
    assert results[2]["reason"] == "id_reused"
    # A refused change sent twice in one batch: the second gets the same refusal, and
    # nothing of either stays.
    foreign = theirs.chain.case_step("case-1", "00001-2026-000001", "completed", 2)
    results = push(client, theirs, [foreign, foreign]).json()["results"]
    assert [(r["status"], r.get("reason")) for r in results] == [
        ("refused", "foreign_centre"),
        ("refused", "foreign_centre"),
    ]
    with sessions() as s:
        stored = s.scalars(select(AppliedChange).where(AppliedChange.change_id == foreign["id"]))
        assert stored.first() is None
        assert s.get_one(ServerCase, "case-1").state == "accepted"
    assert count(sessions, "SELECT count(*) FROM applied_changes") == 1


def test_an_entry_filling_a_gap_later_in_the_same_batch(client, sessions) -> None:
    add_centre(sessions)
    t = enrolled(client, sessions)
    changes = [
        t.chain.case_step(f"case-{i}", f"00001-2026-00000{i}", "accepted", 1) for i in range(4)
    ]
    # Entries 3 and 4 come before entry 2 (held back behind a quarantined change, then let go).
    answer = push(client, t, [changes[0], changes[2], changes[3], changes[1]]).json()
    assert [r["status"] for r in answer["results"]] == ["applied"] * 4
    assert answer["chain"] == {"ok": False, "problem": "gap", "expected_seq": 2}
    with sessions() as s:
        gap = s.scalars(select(ChainBreak)).one()
        assert (gap.problem, gap.expected_seq, gap.got_seq) == ("gap", 2, 3)
        assert gap.resolved_at is not None  # closed by the entry that came later
        terminal = s.get_one(Terminal, t.id)
        assert not terminal.chain_broken
        assert (terminal.chain_last_seq, terminal.chain_last_hash) == (
            4,
            changes[3]["audit"]["hash"],
        )
    # A late entry that was edited fills the gap but is flagged, even inside one batch.
    fifth = t.chain.case_step("case-5", "00001-2026-000005", "accepted", 1)
    sixth = t.chain.case_step("case-6", "00001-2026-000006", "accepted", 1)
    bad = copy.deepcopy(fifth)
    bad["id"] = "another-id"
    bad["audit"]["prev_hash"] = "a" * 64
    answer = push(client, t, [sixth, bad]).json()
    assert answer["chain"] == {"ok": False, "problem": "gap", "expected_seq": 5}
    breaks = _breaks(sessions)
    assert [b.problem for b in breaks] == ["gap", "gap", "hash"]
    assert breaks[1].resolved_at is not None and breaks[2].resolved_at is None
    with sessions() as s:
        assert s.get_one(Terminal, t.id).chain_broken


def _breaks(sessions) -> list[ChainBreak]:
    with sessions() as s:
        return list(s.scalars(select(ChainBreak).order_by(ChainBreak.id)))
