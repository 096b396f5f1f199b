"""The audit log is append-only and tamper-evident."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy.exc
from sqlalchemy import select, text
from support.intake import KEY, LOW_INCOME, NO

from clerk_desk.cli import main


@pytest.fixture
def busy_desk(desk, clerk, applicant):
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    report = desk.verify_audit()
    assert report.ok and report.entries >= 9
    return desk


def tamper(desk, *statements: str) -> None:
    """What someone with the file and a SQLite shell could do."""
    conn = sqlite3.connect(desk.store.path)
    conn.execute("DROP TRIGGER audit_entries_no_update")
    conn.execute("DROP TRIGGER audit_entries_no_delete")
    for s in statements:
        conn.execute(s)
    conn.commit()
    conn.close()


def test_database_refuses_edits_and_deletes(busy_desk) -> None:
    for sql in ("UPDATE audit_entries SET action = 'x' WHERE seq = 2", "DELETE FROM audit_entries"):
        with (
            pytest.raises(sqlalchemy.exc.IntegrityError, match="append-only"),
            busy_desk.store.write() as s,
        ):
            s.execute(text(sql))
    assert busy_desk.verify_audit().ok


def test_edited_entry_is_found(busy_desk) -> None:
    with busy_desk.store.read() as s:
        seq = s.scalar(
            text(
                "SELECT min(seq) FROM audit_entries WHERE action = 'applicant.created' "
                "AND payload LIKE '%王䶮%'"
            )
        )
    assert seq is not None
    tamper(
        busy_desk,
        f"UPDATE audit_entries SET payload = replace(payload, '王䶮', '王某') WHERE seq = {seq}",
    )
    report = busy_desk.verify_audit()
    assert not report.ok
    assert [(p.seq, "edited" in p.message) for p in report.problems] == [(seq, True)]


def test_removed_entry_is_found(busy_desk) -> None:
    tamper(busy_desk, "DELETE FROM audit_entries WHERE seq = 4")
    problems = busy_desk.verify_audit().problems
    assert {p.seq for p in problems} == {5, None}
    assert any(p.seq == 5 and "missing" in p.message for p in problems)
    assert any(
        "the outbox names audit entries that are not in the log (4)" in p.message for p in problems
    )


def test_reordered_entries_are_found(busy_desk) -> None:
    # Swap the contents of entries 3 and 4, keeping their sequence numbers.
    cols = "id, at, actor_id, action, entity, entity_id, payload, prev_hash, hash"
    tamper(
        busy_desk,
        f"CREATE TEMP TABLE t AS SELECT seq, {cols} FROM audit_entries WHERE seq IN (3, 4)",
        "UPDATE audit_entries SET id = 'x' || id WHERE seq IN (3, 4)",
        *(
            f"UPDATE audit_entries SET ({cols}) = (SELECT {cols} FROM t WHERE t.seq = {other}) "
            f"WHERE seq = {seq}"
            for seq, other in ((3, 4), (4, 3))
        ),
    )
    report = busy_desk.verify_audit()
    assert not report.ok
    assert {p.seq for p in report.problems} >= {3, 4}


def test_truncated_log_is_found(busy_desk) -> None:
    last = busy_desk.verify_audit().entries
    tamper(busy_desk, f"DELETE FROM audit_entries WHERE seq = {last}")
    problems = busy_desk.verify_audit().problems
    assert all(p.seq is None and "removed" in p.message for p in problems)
    assert any(
        f"the log ends at entry {last - 1} but the head records entry {last}" in p.message
        for p in problems
    )


def test_truncation_with_the_head_rewritten_is_found_by_the_outbox_anchors(busy_desk) -> None:
    """Remove the last two entries and make the head match what is left."""
    last = busy_desk.verify_audit().entries
    tamper(
        busy_desk,
        f"DELETE FROM audit_entries WHERE seq > {last - 2}",
        "UPDATE audit_head SET seq = (SELECT max(seq) FROM audit_entries), "
        "hash = (SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1)",
    )
    report = busy_desk.verify_audit()
    assert not report.ok
    assert [str(p) for p in report.problems] == [
        f"log: the outbox names audit entries that are not in the log ({last - 1}, {last}): "
        "entries were removed"
    ]


def test_every_synced_change_names_its_audit_entry(busy_desk) -> None:
    with busy_desk.store.read() as s:
        rows = s.execute(
            text(
                "SELECT o.operation, a.action, o.audit_hash = a.hash FROM outbox o "
                "LEFT JOIN audit_entries a ON a.seq = o.audit_seq ORDER BY o.seq"
            )
        ).all()
    assert rows and all(same == 1 for _op, _action, same in rows)
    assert all(op in (action, "audit.anchor") for op, action, _same in rows)


def test_a_rebuilt_chain_is_found_by_the_anchors(busy_desk) -> None:
    """An edit with every hash after it recomputed: the chain is whole, the anchors differ."""
    from clerk_desk.journal import GENESIS_HASH, entry_hash
    from clerk_desk.models import AuditEntry

    with busy_desk.store.read() as s:
        rows = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        s.expunge_all()
    tamper(busy_desk)  # drops the triggers
    conn = sqlite3.connect(busy_desk.store.path)
    prev = GENESIS_HASH
    for e in rows:
        payload = e.payload.replace("王䶮", "王某")
        fields = dict(
            seq=e.seq,
            entry_id=e.id,
            at=e.at,
            actor_id=e.actor_id,
            action=e.action,
            entity=e.entity,
            entity_id=e.entity_id,
            payload=payload,
        )
        h = entry_hash(**fields, prev_hash=prev)
        conn.execute(
            "UPDATE audit_entries SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (payload, prev, h, e.seq),
        )
        prev = h
    conn.execute("UPDATE audit_head SET hash = ?", (prev,))
    conn.commit()
    conn.close()
    problems = busy_desk.verify_audit().problems
    assert problems  # the chain itself checks out; only the anchors tell
    assert all("differs from the hash outbox entry" in p.message for p in problems)
    assert any("王䶮" in e.payload for e in rows)  # the edit touched a synced entry


def test_cli_verify_exit_status(busy_desk, capsys) -> None:
    path = busy_desk.data_dir
    busy_desk.close()
    assert main(["--data-dir", str(path), "audit", "verify"]) == 0
    assert "audit log intact" in capsys.readouterr().out
    tamper(busy_desk, "UPDATE audit_entries SET actor_id = 'someone' WHERE seq = 7")
    assert main(["--data-dir", str(path), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "DAMAGED" in out and "entry 7: content does not match its hash (edited)" in out


@pytest.mark.parametrize(
    ("column", "value", "fragment"),
    [
        ("at", "'garbage'", "its time 'garbage' is not a timestamp (edited)"),
        ("at", "x'00ff'", "its time b'\\x00\\xff' is not a timestamp (edited)"),
        ("payload", "42", "content does not match its hash (edited)"),
        ("actor_id", "3.5", "content does not match its hash (edited)"),
    ],
)
def test_entries_edited_into_nonsense_are_reported_not_crashed_on(
    busy_desk, capsys, column: str, value: str, fragment: str
) -> None:
    path = busy_desk.data_dir
    busy_desk.close()
    tamper(busy_desk, f"UPDATE audit_entries SET {column} = {value} WHERE seq = 3")
    assert main(["--data-dir", str(path), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert f"entry 3: {fragment}" in out
    assert "DAMAGED" in out


def test_entries_that_do_not_sync_are_anchored_too(busy_desk, clerk) -> None:
    """A settings change goes nowhere but the log; its anchor still goes up."""
    settings = busy_desk.settings()
    busy_desk.update_settings(settings.replace(window="9"), actor_id=clerk.id)
    last = busy_desk.verify_audit().entries
    with busy_desk.store.read() as s:
        op, audit_seq = s.execute(
            text("SELECT operation, audit_seq FROM outbox ORDER BY seq DESC LIMIT 1")
        ).one()
    assert (op, audit_seq) == ("audit.anchor", last)
    tamper(
        busy_desk,
        f"DELETE FROM audit_entries WHERE seq = {last}",
        "UPDATE audit_head SET seq = (SELECT max(seq) FROM audit_entries), "
        "hash = (SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1)",
    )
    assert not busy_desk.verify_audit().ok
