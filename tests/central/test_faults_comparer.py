"""The comparer finds what it is there to find (a checker that cannot fail is no check).

A real terminal syncs with the real server; then one thing at a time is broken
by hand, on the server or on the terminal, and the comparer must name it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker
from support.central import LiveServer, add_centre, enroll_code
from support.comparer import assert_consistent, compare
from support.faults import Terminal

from clerk_central.db import transaction
from clerk_desk.storage import DB_FILENAME


@pytest.fixture
def synced(server: LiveServer, sessions: sessionmaker[Session], tmp_path: Path) -> Terminal:
    add_centre(sessions)
    term = Terminal("T1", tmp_path / "t1")
    term.enroll(server.base, enroll_code(sessions))
    term.take_cases(2)
    term.sync()
    assert_consistent(sessions, [("T1", term.data_dir)])  # clean before the damage
    return term


def terminal_sql(term: Terminal, sql: str) -> None:
    with sqlite3.connect(term.data_dir / DB_FILENAME) as raw:
        raw.execute(sql)


def problems(sessions: sessionmaker[Session], term: Terminal, **kwargs: object) -> str:
    found = compare(sessions, [("T1", term.data_dir)], **kwargs)  # type: ignore[arg-type]
    assert not found.ok
    return "\n".join(found.problems)


def test_a_lost_acknowledgement_is_named(synced: Terminal, sessions) -> None:
    terminal_sql(
        synced,
        "UPDATE outbox SET sent_at = NULL, server_id = NULL WHERE seq = (SELECT max(seq) FROM outbox)",
    )
    assert "applied on the server, its acknowledgement never recorded" in problems(sessions, synced)
    # Allowed where the test says the terminal may still have changes waiting.
    assert compare(sessions, [("T1", synced.data_dir)], waiting_allowed={"T1"}).ok


def test_a_change_the_server_lost_is_named(synced: Terminal, sessions) -> None:
    with transaction(sessions) as s:
        last = s.execute(text("SELECT max(id) FROM applied_changes")).scalar_one()
        s.execute(text("DELETE FROM applied_changes WHERE id = :id"), {"id": last})
    assert f"acknowledged as server id {last}, no such row" in problems(sessions, synced)


def test_a_server_copy_older_than_the_terminals_step_is_named(synced: Terminal, sessions) -> None:
    with transaction(sessions) as s:
        s.execute(text("UPDATE cases SET state = 'consulted'"))
    found = problems(sessions, synced)
    assert "server columns" in found and "newest step" in found


def test_a_doubled_tracking_number_is_named(synced: Terminal, sessions) -> None:
    with transaction(sessions) as s:
        numbers = s.execute(text("SELECT tracking_number FROM cases")).scalars().all()
        s.execute(text("UPDATE cases SET tracking_number = :n"), {"n": numbers[0]})
    assert f"tracking number {numbers[0]} held by 2 server cases" in problems(sessions, synced)


def test_a_server_audit_entry_that_differs_is_named(synced: Terminal, sessions) -> None:
    with transaction(sessions) as s:
        s.execute(text("UPDATE audit_entries SET hash = :h WHERE seq = 3"), {"h": "f" * 64})
    found = problems(sessions, synced)
    assert "audit entry 3 differs (hash)" in found and "audit entry 4 does not chain to 3" in found


def test_an_unexplained_quarantine_is_named(synced: Terminal, sessions) -> None:
    terminal_sql(
        synced,
        "INSERT INTO sync_quarantine (outbox_id, reason, message, at) "
        "SELECT id, '', '', '2026-12-05 00:00:00' FROM outbox ORDER BY seq DESC LIMIT 1",
    )
    terminal_sql(
        synced, "UPDATE outbox SET sent_at = NULL WHERE seq = (SELECT max(seq) FROM outbox)"
    )
    found = problems(sessions, synced)
    assert (
        "quarantined without a reason" in found
        and "quarantined, yet the server applied it" in found
    )
