"""Catalogs and calendars come down: published with ``clerk-central``, applied by a real
terminal (clerk_desk's SyncClient over its own store) pulling from the real server.

A new catalog version becomes current for new cases while an open case keeps its
items; a calendar that changes a year moves a due date; a bad catalog is refused
with its problems and nothing reaches the feed; an apply whose cursor could not be
stored is applied again without effect; items an older version kept are applied.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker
from support.central import HEADERS, LiveServer, add_centre, count, enroll_code, run, take_case

from clerk_central.models import ServerAudit
from clerk_desk.desk import Desk
from clerk_desk.holiday_calendar import calendar_to_json
from clerk_desk.models import AuditEntry, SyncFeedHeld
from clerk_desk.staff import StaffRecord
from clerk_desk.sync import SyncClient, SyncFailed
from clerk_desk.working_days import HolidayCalendar

pytestmark = pytest.mark.server

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-catalog.json"
HOLIDAYS = REPO / "tests" / "data" / "holidays-2004-2026.json"
LOW_INCOME = "370830104-MZ-001"


def county_catalog(label: str, *, rename: str | None = None) -> dict[str, Any]:
    """The sample catalog as the county publishes it (for its region, 370830)."""
    document: dict[str, Any] = json.loads(SAMPLE.read_text("utf-8"))
    document["catalog_version"] = label
    document["published_at"] = "2026-12-04T09:00:00+08:00"
    document["region"] = {"code": "370830", "name": "山东省济宁市汶上县"}
    if rename is not None:
        for item in document["items"]:
            if item["code"] == LOW_INCOME:
                item["name"] = rename
    return document


def write(tmp_path: Path, name: str, document: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


def enrolled_client(desk: Desk, server: LiveServer, sessions: sessionmaker[Session]) -> SyncClient:
    add_centre(sessions)
    client = SyncClient(desk.store, desk.clock, catalog=desk.catalog, calendar=desk.calendar)
    client.enroll(server.base, enroll_code(sessions))
    client.run()
    return client


def audit_actions(desk: Desk, action: str) -> int:
    with desk.store.read() as s:
        return len(s.scalars(select(AuditEntry.id).where(AuditEntry.action == action)).all())


def test_a_published_catalog_becomes_current_and_an_open_case_keeps_its_items(
    server: LiveServer,
    sessions: sessionmaker[Session],
    db_url: str,
    desk: Desk,
    clerk: StaffRecord,
    tmp_path: Path,
) -> None:
    client = enrolled_client(desk, server, sessions)
    old = desk.catalog.current_version()
    assert old is not None
    open_case = take_case(desk, clerk, 1)
    old_name = open_case.stored_item.item.name
    imports = audit_actions(desk, "catalog.imported")  # the sample catalog of the first run

    path = write(tmp_path, "catalog.json", county_catalog("2026.12.9", rename="最低生活保障（新）"))
    done = run(db_url, "catalog", "publish", str(path))
    assert done.returncode == 0, done.stderr
    assert "catalog 2026.12.9 published" in done.stdout
    assert count(sessions, "SELECT count(*) FROM feed WHERE kind = 'catalog'") == 1
    assert count(sessions, "SELECT count(*) FROM blobs") == 1
    with sessions() as s:
        audited = s.scalars(
            select(ServerAudit).where(ServerAudit.action == "catalog.publish")
        ).one()
    assert audited.detail["label"] == "2026.12.9" and audited.detail["size"] == path.stat().st_size

    report = client.run()

    assert report.pulled == 1 and report.held == 0
    current = desk.catalog.current_version()
    assert current is not None and current.label == "2026.12.9" and current.id != old.id
    # The open case keeps the item it was taken under; a new case takes the new one.
    kept = desk.cases.get(open_case.id)
    assert kept.stored_item.version_id == old.id and kept.stored_item.item.name == old_name
    new_case = take_case(desk, clerk, 2)
    assert new_case.stored_item.version_id == current.id
    assert new_case.stored_item.item.name == "最低生活保障（新）"
    assert audit_actions(desk, "catalog.imported") == imports + 1

    # Published again (the same bytes): one blob, a second feed item, a no-op on the terminal.
    again = run(db_url, "catalog", "publish", str(path))
    assert again.returncode == 0, again.stderr
    assert count(sessions, "SELECT count(*) FROM blobs") == 1
    client.run()
    assert audit_actions(desk, "catalog.imported") == imports + 1
    # The same label with other content is refused by the server, as a terminal would.
    other = write(tmp_path, "other.json", county_catalog("2026.12.9", rename="改过的名称"))
    refused = run(db_url, "catalog", "publish", str(other))
    assert refused.returncode == 1 and "already published with other content" in refused.stderr


def test_a_published_calendar_moves_a_due_date(
    server: LiveServer,
    sessions: sessionmaker[Session],
    db_url: str,
    desk: Desk,
    clerk: StaffRecord,
    tmp_path: Path,
) -> None:
    client = enrolled_client(desk, server, sessions)
    case = take_case(desk, clerk, 1)  # accepted Monday 23 November 2026
    before = desk.cases.get(case.id).due_on
    assert before is not None

    # The county corrects 2026: three more holidays in December, before the due date.
    seeded = json.loads(HOLIDAYS.read_text("utf-8"))
    extra = [date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3)]
    corrected = HolidayCalendar.from_data(
        [date.fromisoformat(d) for d in seeded["holidays"] if d.startswith("2026")] + extra,
        [date.fromisoformat(d) for d in seeded["workdays"] if d.startswith("2026")],
        [2026],
        "county correction 2026-12",
    )
    path = tmp_path / "holidays.json"
    path.write_text(calendar_to_json(corrected), "utf-8")
    done = run(db_url, "calendar", "publish", "--file", str(path), "--years", "2026")
    assert done.returncode == 0, done.stderr
    assert "calendar 2026 published" in done.stdout
    assert count(sessions, "SELECT count(*) FROM feed WHERE kind = 'calendar'") == 1

    report = client.run()

    assert report.pulled == 1 and report.held == 0
    after = desk.cases.get(case.id).due_on
    assert after is not None and after > before
    assert not desk.calendar.calendar().is_working_day(date(2026, 12, 2))
    assert audit_actions(desk, "calendar.replaced") >= 1

    # A year the file does not cover is refused, and nothing is published.
    missing = run(db_url, "calendar", "publish", "--file", str(path), "--years", "2027")
    assert missing.returncode == 1 and "does not cover 2027" in missing.stderr
    assert count(sessions, "SELECT count(*) FROM feed WHERE kind = 'calendar'") == 1


def test_a_bad_catalog_is_refused_with_its_problems_and_nothing_reaches_the_feed(
    sessions: sessionmaker[Session], db_url: str, tmp_path: Path
) -> None:
    add_centre(sessions)
    document = county_catalog("2026.12.9")
    document["items"][0]["code"] = "bad code!"
    document["items"][1]["time_limit"] = {"days": -3, "unit": "fortnight"}
    document["published_at"] = "yesterday"
    path = write(tmp_path, "bad.json", document)

    refused = run(db_url, "catalog", "publish", str(path))

    print("bad catalog refused:", refused.returncode, refused.stderr.count("\n"), "lines")
    assert refused.returncode == 1
    assert "the catalog is not valid" in refused.stderr
    assert "items[0].code" in refused.stderr and "items[1].time_limit" in refused.stderr
    assert "published_at" in refused.stderr
    for table in ("feed", "blobs", "server_audit"):
        assert count(sessions, f"SELECT count(*) FROM {table}") == (
            1 if table == "server_audit" else 0  # the centre's own audit entry
        )
    # Not JSON at all, and a file that is not there: refused the same way.
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\x00not json")
    assert run(db_url, "catalog", "publish", str(garbage)).returncode == 1
    assert run(db_url, "catalog", "publish", str(tmp_path / "absent.json")).returncode == 1
    assert count(sessions, "SELECT count(*) FROM feed") == 0


def test_an_apply_whose_cursor_was_not_stored_is_applied_again_without_effect(
    server: LiveServer,
    sessions: sessionmaker[Session],
    db_url: str,
    desk: Desk,
    clerk: StaffRecord,
    tmp_path: Path,
) -> None:
    """A real database failure at the cursor's write after the import committed."""
    client = enrolled_client(desk, server, sessions)
    imports = audit_actions(desk, "catalog.imported")
    path = write(tmp_path, "catalog.json", county_catalog("2026.12.9"))
    assert run(db_url, "catalog", "publish", str(path)).returncode == 0
    with desk.store.read() as s:
        cursor = int(s.execute(text("SELECT cursor FROM sync_state")).scalar_one())
    with desk.store.write() as s:
        s.execute(
            text(
                "CREATE TRIGGER fail_cursor BEFORE UPDATE OF cursor ON sync_state "
                "BEGIN SELECT RAISE(ABORT, 'injected cursor failure'); END"
            )
        )
    tries = failures = 0
    tries += 1
    with pytest.raises(Exception, match="injected cursor failure"):
        client.run()
    # The import committed, the cursor did not move past it.
    assert desk.catalog.current_version().label == "2026.12.9"  # type: ignore[union-attr]
    assert client.status().cursor == cursor
    with desk.store.write() as s:
        s.execute(text("DROP TRIGGER fail_cursor"))
    report = client.run()
    assert client.status().cursor > cursor and report.held == 0
    # Applied twice, imported once: the second import was a no-op.
    if audit_actions(desk, "catalog.imported") != imports + 1:
        failures += 1
    print(f"cursor write failed after the apply: tries {tries}, failures {failures}")
    assert failures == 0


def test_items_an_older_version_kept_are_applied(
    server: LiveServer,
    sessions: sessionmaker[Session],
    db_url: str,
    desk: Desk,
    tmp_path: Path,
) -> None:
    client = enrolled_client(desk, server, sessions)
    path = write(tmp_path, "catalog.json", county_catalog("2026.12.9"))
    assert run(db_url, "catalog", "publish", str(path)).returncode == 0
    with sessions() as s:
        body = s.execute(text("SELECT body FROM feed WHERE kind = 'catalog'")).scalar_one()
    body = body if isinstance(body, dict) else json.loads(body)
    with desk.store.write() as s:  # as the first slice kept it, and moved the cursor past it
        s.add(
            SyncFeedHeld(
                version=1_000_000,
                kind="catalog",
                body=body,
                problem="kind 'catalog' is applied by a later version",
                received_at=desk.clock.now(),
            )
        )
        s.execute(text("UPDATE sync_state SET cursor = 1000000"))

    report = client.run()

    assert report.pulled == 1
    assert desk.catalog.current_version().label == "2026.12.9"  # type: ignore[union-attr]
    with desk.store.read() as s:
        assert s.scalars(select(SyncFeedHeld)).all() == []


def test_a_document_that_does_not_match_its_digest_is_not_applied(
    server: LiveServer,
    sessions: sessionmaker[Session],
    db_url: str,
    desk: Desk,
    tmp_path: Path,
) -> None:
    """The server's copy damaged: the terminal refuses it and keeps its cursor before it."""
    client = enrolled_client(desk, server, sessions)
    before = desk.catalog.current_version()
    path = write(tmp_path, "catalog.json", county_catalog("2026.12.9"))
    assert run(db_url, "catalog", "publish", str(path)).returncode == 0
    with sessions() as s:
        digest = s.execute(text("SELECT sha256 FROM blobs")).scalar_one()
    # Without credentials the document is not given out.
    anonymous = httpx.get(f"{server.base}/sync/v1/blob/{digest}", headers=HEADERS)
    assert anonymous.status_code == 401
    with sessions() as s, s.begin():
        s.execute(
            text("UPDATE blobs SET data = :d WHERE sha256 = :h"),
            {"d": path.read_bytes().replace(b"2026.12.9", b"2026.12.8"), "h": digest},
        )
    cursor = client.status().cursor
    tries = failures = 0
    for _ in range(2):
        tries += 1
        with pytest.raises(SyncFailed) as caught:
            client.run()
        if caught.value.reason != "bad_answer" or client.status().cursor != cursor:
            failures += 1
        if desk.catalog.current_version() != before:
            failures += 1
    with sessions() as s, s.begin():
        s.execute(
            text("UPDATE blobs SET data = :d WHERE sha256 = :h"),
            {"d": path.read_bytes(), "h": digest},
        )
    client.run()
    assert desk.catalog.current_version().label == "2026.12.9"  # type: ignore[union-attr]
    print(f"damaged document on the server: tries {tries}, failures {failures}")
    assert failures == 0
