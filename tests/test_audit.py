"""The audit log is append-only and tamper-evident."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy.exc
from sqlalchemy import text
from test_intake import KEY, LOW_INCOME, NO

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
    tamper(
        busy_desk,
        "UPDATE audit_entries SET payload = replace(payload, '王䶮', '王某') WHERE seq = 6",
    )
    report = busy_desk.verify_audit()
    assert not report.ok
    assert [(p.seq, "edited" in p.message) for p in report.problems] == [(6, True)]


def test_removed_entry_is_found(busy_desk) -> None:
    tamper(busy_desk, "DELETE FROM audit_entries WHERE seq = 4")
    problems = busy_desk.verify_audit().problems
    assert {p.seq for p in problems} == {5}
    assert any("missing" in p.message for p in problems)


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
    assert len(problems) == 1 and problems[0].seq is None
    assert "removed" in problems[0].message


def test_cli_verify_exit_status(busy_desk, capsys) -> None:
    path = busy_desk.data_dir
    busy_desk.close()
    assert main(["--data-dir", str(path), "audit", "verify"]) == 0
    assert "audit log intact" in capsys.readouterr().out
    tamper(busy_desk, "UPDATE audit_entries SET actor_id = 'someone' WHERE seq = 7")
    assert main(["--data-dir", str(path), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "DAMAGED" in out and "entry 7: content does not match its hash (edited)" in out
