"""Push: each change applied exactly once, answered per change; the audit chain checked."""

from __future__ import annotations

import copy
import threading

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from support.central import add_centre, count, enrolled, push

from clerk_central import admin
from clerk_central.models import AppliedChange, ServerCase, Terminal


def test_applied_then_duplicate_with_the_stored_answer(client, sessions) -> None:
    add_centre(sessions)
    t = enrolled(client, sessions)
    changes = [
        t.chain.case_step("case-1", "00001-2026-000001", "accepted", 1),
        t.chain.case_step("case-1", "00001-2026-000001", "in_progress", 2, action="in_progress"),
    ]
    first = push(client, t, changes).json()
    assert [r["status"] for r in first["results"]] == ["applied", "applied"]
    assert first["chain"] == {"ok": True}
    ids = [r["server_id"] for r in first["results"]]
    assert ids[0] < ids[1]
    # The answer was lost on the way back: the terminal sends the batch again.
    again = push(client, t, changes).json()
    assert again["results"] == [
        {"id": c["id"], "status": "duplicate", "server_id": i}
        for c, i in zip(changes, ids, strict=True)
    ]
    assert again["chain"] == {"ok": True}
    assert count(sessions, "SELECT count(*) FROM applied_changes") == 2
    with sessions() as s:
        case = s.get_one(ServerCase, "case-1")
        assert case.state == "in_progress"
        assert case.last_change_id == ids[1]
        shown = admin.show_case(s, "00001-2026-000001")
        assert shown["terminal"] == t.number and shown["centre"] == "C01"


def test_same_id_with_another_payload_is_refused(client, sessions) -> None:
    add_centre(sessions)
    t = enrolled(client, sessions)
    change = t.chain.case_step("case-1", "00001-2026-000001", "accepted", 1)
    assert push(client, t, [change]).json()["results"][0]["status"] == "applied"
    forged = copy.deepcopy(change)
    forged["payload"]["case"]["state"] = "completed"
    result = push(client, t, [forged]).json()["results"][0]
    assert result["status"] == "refused" and result["reason"] == "id_reused"
    with sessions() as s:
        assert s.get_one(ServerCase, "case-1").state == "accepted"


def test_a_terminal_writes_only_its_own_centres_cases(client, sessions) -> None:
    add_centre(sessions, "C01")
    add_centre(sessions, "C02", "南站镇便民服务中心")
    ours = enrolled(client, sessions, "C01")
    theirs = enrolled(client, sessions, "C02")
    assert (
        push(
            client, ours, [ours.chain.case_step("case-1", "00001-2026-000001", "accepted", 1)]
        ).json()["results"][0]["status"]
        == "applied"
    )
    step = theirs.chain.case_step("case-1", "00001-2026-000001", "completed", 2, action="completed")
    other = theirs.chain.case_step("case-2", "00002-2026-000001", "accepted", 1)
    answer = push(client, theirs, [step, other]).json()
    assert [r["status"] for r in answer["results"]] == ["refused", "applied"]
    assert answer["results"][0]["reason"] == "foreign_centre"
    # The refused change's audit entry is kept: the chain goes on without a break.
    assert answer["chain"] == {"ok": True}
    with sessions() as s:
        assert s.get_one(ServerCase, "case-1").state == "accepted"
        # Nothing of the refused change is stored: a retry after a fix is judged afresh.
        assert (
            s.scalars(select(AppliedChange).where(AppliedChange.change_id == step["id"])).first()
            is None
        )
    again = push(client, theirs, [step]).json()
    assert again["results"][0]["reason"] == "foreign_centre"
    assert again["chain"] == {"ok": True}


def test_the_constraint_itself_refuses_a_second_row(client, sessions) -> None:
    add_centre(sessions)
    t = enrolled(client, sessions)
    push(client, t, [t.chain.case_step("case-1", "00001-2026-000001", "accepted", 1)])
    with sessions() as s:
        row = s.scalars(select(AppliedChange)).one()
        s.add(
            AppliedChange(
                terminal_id=row.terminal_id,
                change_id=row.change_id,
                payload_sha256=row.payload_sha256,
                operation=row.operation,
                entity=row.entity,
                entity_id=row.entity_id,
                payload={},
                answer={},
            )
        )
        with pytest.raises(IntegrityError):
            s.commit()


@pytest.mark.timeout(120)
def test_one_batch_delivered_twice_at_once_is_applied_once(client, sessions) -> None:
    add_centre(sessions)
    t = enrolled(client, sessions)
    tries = failures = 0
    for round_ in range(6):
        batch = [
            t.chain.case_step(
                f"case-{round_}-{i}", f"00001-2026-{round_:02d}{i:04d}", "accepted", 1
            )
            for i in range(25)
        ]
        answers: list[dict] = [{}, {}]
        barrier = threading.Barrier(2)

        def deliver(slot: int, batch=batch, answers=answers, barrier=barrier) -> None:
            barrier.wait()
            answers[slot] = push(client, t, batch).json()

        threads = [threading.Thread(target=deliver, args=(i,)) for i in range(2)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(60)
        tries += len(batch)
        for i, change in enumerate(batch):
            a, b = answers[0]["results"][i], answers[1]["results"][i]
            statuses = sorted([a["status"], b["status"]])
            if statuses != ["applied", "duplicate"] or a["server_id"] != b["server_id"]:
                failures += 1
            assert a["id"] == b["id"] == change["id"]
        assert answers[0]["chain"] == answers[1]["chain"] == {"ok": True}
    stored = count(sessions, "SELECT count(*) FROM applied_changes")
    print(f"batch delivered twice concurrently: tries={tries} failures={failures}")
    assert failures == 0
    assert stored == 6 * 25
    assert count(sessions, "SELECT count(*) FROM cases") == 6 * 25
    assert count(sessions, "SELECT count(*) FROM audit_entries") == 6 * 25


def test_anchors_and_other_entities_are_kept_not_applied(client, sessions) -> None:
    add_centre(sessions)
    t = enrolled(client, sessions)
    anchor = t.chain.change(
        entity="audit",
        entity_id="1",
        operation="audit.anchor",
        payload={"action": "settings.update", "entity": "settings", "entity_id": "terminal"},
    )
    person = t.chain.change(
        entity="applicant", entity_id="p-1", operation="applicant.registered", payload={"id": "p-1"}
    )
    answer = push(client, t, [anchor, person]).json()
    assert [r["status"] for r in answer["results"]] == ["applied", "applied"]
    assert count(sessions, "SELECT count(*) FROM cases") == 0
    assert count(sessions, "SELECT count(*) FROM audit_entries") == 2


def _terminal_row(sessions, terminal_id):
    with sessions() as s:
        return s.get_one(Terminal, terminal_id)


def test_chain_gap_is_flagged_data_kept_and_closed_when_filled(client, sessions) -> None:
    add_centre(sessions)
    t = enrolled(client, sessions)
    first = t.chain.case_step("case-1", "00001-2026-000001", "accepted", 1)
    held_back = t.chain.case_step("case-2", "00001-2026-000002", "accepted", 1)
    third = t.chain.case_step("case-3", "00001-2026-000003", "accepted", 1)
    answer = push(client, t, [first, third]).json()
    assert [r["status"] for r in answer["results"]] == ["applied", "applied"]
    assert answer["chain"] == {"ok": False, "problem": "gap", "expected_seq": 2}
    assert _terminal_row(sessions, t.id).chain_broken
    with sessions() as s:
        assert admin.list_terminals(s)[0].chain == "BROKEN (gap)"
    # The held-back entry arrives later and chains on both sides: the gap closes.
    answer = push(client, t, [held_back]).json()
    assert answer["results"][0]["status"] == "applied"
    assert answer["chain"] == {"ok": True}
    assert not _terminal_row(sessions, t.id).chain_broken
    assert count(sessions, "SELECT count(*) FROM chain_breaks WHERE resolved_at IS NULL") == 0


def test_chain_fork_edit_and_restore_are_flagged(client, sessions) -> None:
    add_centre(sessions)
    t = enrolled(client, sessions)
    good = [t.chain.case_step(f"case-{i}", f"00001-2026-00000{i}", "accepted", 1) for i in range(3)]
    assert push(client, t, good).json()["chain"] == {"ok": True}
    faults = 0
    seen = []
    # Fork: an entry that does not chain to the last hash the server holds.
    fork = t.chain.case_step("case-f", "00001-2026-000010", "accepted", 1)
    fork["audit"]["prev_hash"] = "f" * 64
    seen.append(push(client, t, [fork]).json()["chain"])
    # Edited: the entry's payload changed after it was hashed.
    edited = t.chain.case_step("case-e", "00001-2026-000011", "accepted", 1)
    edited["audit"]["payload"] = edited["audit"]["payload"].replace("accepted", "rejected")
    seen.append(push(client, t, [edited]).json()["chain"])
    # Restored: the chain goes back with other entries (a restored store).
    restored = copy.deepcopy(good[1])
    restored["id"] = "new-change-id"
    restored["audit"]["hash"] = "e" * 64
    seen.append(push(client, t, [restored]).json()["chain"])
    faults = 3
    problems = [c.get("problem") for c in seen]
    failures = sum(
        1 for got, want in zip(problems, ["fork", "hash", "restored"], strict=True) if got != want
    )
    print(f"chain breaks: tries={faults} failures={failures}")
    assert failures == 0
    # Data kept all the same.
    assert count(sessions, "SELECT count(*) FROM applied_changes") == 6
    assert count(sessions, "SELECT count(*) FROM chain_breaks") == 3
    # The restored entry is kept too, in the epoch its break opened (clerk_central.recovery).
    assert count(sessions, "SELECT count(*) FROM audit_entries WHERE epoch = 1") == 1
    with sessions() as s:
        assert admin.list_terminals(s)[0].chain == "BROKEN (fork, hash, restored) epoch 1"


@pytest.mark.timeout(120)
def test_two_terminals_seeing_a_case_first_at_once(client, sessions) -> None:
    """The case's primary key decides who created it; the other change applies after it."""
    add_centre(sessions)
    terminals = [enrolled(client, sessions), enrolled(client, sessions)]
    batches = [
        [t.chain.case_step(f"case-{i}", f"00001-2026-{i:06d}", "accepted", 1) for i in range(30)]
        for t in terminals
    ]
    answers: list[dict] = [{}, {}]
    barrier = threading.Barrier(2)

    def deliver(slot: int) -> None:
        barrier.wait()
        answers[slot] = push(client, terminals[slot], batches[slot]).json()

    threads = [threading.Thread(target=deliver, args=(i,)) for i in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    statuses = [r["status"] for a in answers for r in a["results"]]
    failures = sum(s != "applied" for s in statuses)
    print(
        f"two terminals creating the same cases at once: tries={len(statuses)} failures={failures}"
    )
    assert failures == 0
    assert count(sessions, "SELECT count(*) FROM cases") == 30
    assert count(sessions, "SELECT count(*) FROM applied_changes") == 60
