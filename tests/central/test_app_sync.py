"""The desktop app's sync against the REAL county server (uvicorn, PostgreSQL and SQLite).

Sync now pushes a case taken in the app and the status bar says nothing waits;
a change the server refuses shows in the sync page's quarantine list and Retry
sends it again after the fix; the timer syncs by itself; logout syncs; a
revoked terminal's status bar says 吊销 in words, never a traceback; a whole
sync round writes on the app's one database thread only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from support.central import (
    LiveServer,
    add_centre,
    enroll_code,
    now,
    office_staff,
    office_step,
    take_case,
    waiting,
)
from support.desks import SAMPLE_CATALOG
from support.ui import SLOW, ui_ctx_fixture  # noqa: F401 - the ui_ctx fixture
from support.writes import DB_THREAD, writes_by_thread

from clerk_central import admin
from clerk_central.db import transaction
from clerk_desk import tracking_numbers
from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.lifecycle import CaseState
from clerk_desk.models import OutboxEntry
from clerk_desk.staff import StaffRecord
from clerk_desk.sync import SyncClient
from clerk_desk.ui.app import Application, default_pages
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.main_window import MainWindow
from clerk_desk.ui.sync_page import SyncPage, refusal_words
from clerk_desk.ui.sync_runner import SyncRunner
from clerk_desk.ui.tasks import TaskRunner

pytestmark = [pytest.mark.server, pytest.mark.gui]

HOLIDAYS = Path(__file__).resolve().parents[1] / "data" / "holidays-2004-2026.json"


def enrolled_desk(server: LiveServer, sessions: sessionmaker[Session], desk: Desk) -> None:
    add_centre(sessions)
    SyncClient(desk.store, desk.clock).enroll(server.base, enroll_code(sessions))


@pytest.fixture
def window(qtbot, ui_ctx: UiContext) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    ui_ctx.sync = SyncRunner(ui_ctx)
    ui_ctx.sync.start()
    w = MainWindow(ui_ctx, pages=default_pages())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    ui_ctx.sync.stop()


def sync_done(qtbot, ctx: UiContext, attempts: int) -> None:  # type: ignore[no-untyped-def]
    sync = ctx.sync
    assert sync is not None
    qtbot.waitUntil(lambda: sync.attempts >= attempts and not sync.running, timeout=SLOW)


def sync_page(window: MainWindow) -> SyncPage:
    window.findChild(type(window._actions[0]), "action_sync").trigger()  # F10
    page = cast(SyncPage, window.pages["sync"])
    assert window.stack.currentWidget() is page
    return page


def test_sync_now_pushes_a_case_and_the_status_bar_says_none_wait(
    qtbot, server, sessions, desk: Desk, clerk: StaffRecord, ui_ctx: UiContext, window
) -> None:  # type: ignore[no-untyped-def]
    sync = ui_ctx.sync
    assert sync is not None
    qtbot.waitUntil(lambda: sync.status is not None)
    assert window.status_bar.sync_label.text() == "Sync: not set up"  # quietly, no warning colour
    assert "#b00020" not in window.status_bar.sync_label.styleSheet()

    enrolled_desk(server, sessions, desk)
    take_case(desk, clerk, 1)  # as the intake saves it
    window.status.count_pending()
    qtbot.waitUntil(lambda: (window.status.pending or 0) > 0)
    page = sync_page(window)
    qtbot.waitUntil(page.sync_button.isEnabled)  # the page read the status: enrolled
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)  # 立即同步
    sync_done(qtbot, ui_ctx, 1)
    assert sync.error_reason == "" and sync.last_report is not None
    assert sync.last_report.pushed > 0 and waiting(desk) == 0
    qtbot.waitUntil(lambda: window.status.pending == 0)
    assert window.status_bar.pending_label.text().startswith("0")
    assert window.status_bar.sync_label.text().startswith("Synced ")
    assert page.waiting_label.text() == "0" and page.quarantined_label.text() == "0"

    # The Ctrl+Shift+Y action syncs too; with nothing new it pushes nothing.
    window.findChild(type(window._actions[0]), "action_sync_now").trigger()
    sync_done(qtbot, ui_ctx, 2)
    assert sync.last_report is not None and sync.last_report.pushed == 0

    # Revoked: the status bar says why in words (吊销), not a traceback; nothing is lost.
    take_case(desk, clerk, 2)
    with transaction(sessions) as s:
        admin.revoke_terminal(s, number=desk.settings().terminal_code, now=desk.clock.now())
    sync.sync_now("test")
    sync_done(qtbot, ui_ctx, 3)
    assert sync.error_reason == "revoked" and sync.failures == 1
    assert window.status_bar.sync_label.text() == "Sync failed: terminal revoked"
    assert (
        "吊销" in window.status_bar.sync_label.toolTip()
        and "Traceback" not in window.status_bar.sync_label.toolTip()
    )
    assert "#b00020" in window.status_bar.sync_label.styleSheet()
    assert waiting(desk) > 0
    assert sync.timer_active  # it tries again later (backoff)


def test_a_step_of_the_back_office_reaches_the_list_and_the_case_page(
    qtbot, server, sessions, desk: Desk, clerk: StaffRecord, ui_ctx: UiContext, window
) -> None:  # type: ignore[no-untyped-def]
    """A pull changes cases nobody named on this terminal: every screen reads them again."""
    sync = ui_ctx.sync
    assert sync is not None
    enrolled_desk(server, sessions, desk)
    case = take_case(desk, clerk, 1)
    sync.sync_now("test")
    sync_done(qtbot, ui_ctx, 1)
    window.reload_list()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and not window.model.is_pending(0))
    assert window.model.row_at(0).state is CaseState.ACCEPTED
    detail = window.detail_page
    assert detail is not None
    window.case_list.open_row(window.model.index(0, 0))
    qtbot.waitUntil(lambda: detail.case is not None and detail.case.id == case.id)
    assert detail.state_label.text() == "accepted"

    with office_staff(server, sessions) as staff:
        office_step(staff, case, "processing_started", "accepted")
    sync.sync_now("test")
    sync_done(qtbot, ui_ctx, 2)
    assert sync.last_report is not None and sync.last_report.pulled >= 1
    # Neither screen was touched: the sync's operation told them.
    qtbot.waitUntil(lambda: detail.state_label.text() == "in progress")
    qtbot.waitUntil(
        lambda: (
            not window.model.is_pending(0) and window.model.row_at(0).state is CaseState.IN_PROGRESS
        )
    )


def test_a_whole_sync_round_writes_on_the_database_thread_only(
    qtbot, server, sessions, desk: Desk, clerk: StaffRecord, ui_ctx: UiContext, window
) -> None:  # type: ignore[no-untyped-def]
    """Recovery, push, and a pull of settings, a catalog and a calendar: the network on
    the I/O pool, every write transaction on the one writer (its database thread)."""
    sync = ui_ctx.sync
    assert sync is not None
    enrolled_desk(server, sessions, desk)
    for i in range(1, 4):
        take_case(desk, clerk, i)
    SyncClient(desk.store, desk.clock).mark_recovery_needed()  # as a restore marks it
    catalog: dict[str, Any] = json.loads(SAMPLE_CATALOG.read_text("utf-8"))
    catalog["catalog_version"] = "2026.12.9"
    catalog["region"] = {"code": "370830", "name": "山东省济宁市汶上县"}
    with transaction(sessions) as s:
        admin.set_setting(
            s,
            key="public_status_url",
            value="https://c01.example.cn/t",
            centre_code="C01",
            now=now(),
        )
        admin.publish_catalog(
            s, data=json.dumps(catalog, ensure_ascii=False).encode(), centre_code=None, now=now()
        )
        admin.publish_calendar(
            s, data=HOLIDAYS.read_bytes(), years=[2026], centre_code=None, now=now()
        )
    labels_before = {v.label for v in desk.catalog.versions()}
    clock = desk.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(hours=1))  # a later success: the freeze keeps its new reading
    with writes_by_thread(desk.store) as writes:
        sync.sync_now("test")
        sync_done(qtbot, ui_ctx, 1)
        qtbot.waitUntil(lambda: ui_ctx.runner.pending == 0, timeout=SLOW)

    assert sync.error_reason == "" and sync.last_report is not None
    report = sync.last_report
    assert report.pushed >= 3 and report.pulled == 3 and report.recovery is not None
    assert not SyncClient(desk.store, desk.clock).recovery_needed()
    assert desk.settings().public_status_url == "https://c01.example.cn/t"
    assert {v.label for v in desk.catalog.versions()} - labels_before == {"2026.12.9"}
    tables = {table for _thread, table in writes}
    assert {"outbox", "sync_state", "settings", "catalog_versions", "calendar_days"} <= tables, (
        tables
    )
    assert {thread for thread, _table in writes} == {DB_THREAD}, writes


def test_the_page_names_a_revoked_terminal_of_the_centre_and_a_pending_recovery(
    qtbot, server, sessions, desk: Desk, ui_ctx: UiContext, window
) -> None:  # type: ignore[no-untyped-def]
    from support.central import server_enroll

    enrolled_desk(server, sessions, desk)
    other = server_enroll(server, enroll_code(sessions))  # a second counter of the centre
    with transaction(sessions) as s:
        admin.revoke_terminal(s, number=other, now=desk.clock.now())
    page = sync_page(window)
    qtbot.waitUntil(page.sync_button.isEnabled)
    assert page.notices_label.text() == ""
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    sync_done(qtbot, ui_ctx, 1)
    qtbot.waitUntil(lambda: other in page.notices_label.text(), timeout=SLOW)
    assert page.notices_label.text().startswith(f"Terminal {other} of this centre was revoked")
    # A store marked for recovery (as a restore marks it) says so until the sync ran.
    SyncClient(desk.store, desk.clock).mark_recovery_needed()
    assert ui_ctx.sync is not None
    ui_ctx.sync.refresh()
    qtbot.waitUntil(lambda: "restored from a backup" in page.notices_label.text(), timeout=SLOW)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    sync_done(qtbot, ui_ctx, 2)
    qtbot.waitUntil(lambda: "restored" not in page.notices_label.text(), timeout=SLOW)
    assert other in page.notices_label.text()


def test_a_refused_change_is_quarantined_and_retry_sends_it_after_the_fix(
    qtbot,
    qtmodeltester,
    server,
    sessions,
    desk: Desk,
    clerk: StaffRecord,
    ui_ctx: UiContext,
    window,
) -> None:  # type: ignore[no-untyped-def]
    enrolled_desk(server, sessions, desk)
    case = take_case(desk, clerk, 1)
    sync = ui_ctx.sync
    assert sync is not None
    sync.sync_now("test")
    sync_done(qtbot, ui_ctx, 1)
    assert waiting(desk) == 0
    # The last change of the case goes again with another payload: the server refuses
    # it (id_reused), a real refusal, and it waits in quarantine.
    with desk.store.write() as s:
        entry = s.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.entity == "case", OutboxEntry.entity_id == case.id)
            .order_by(OutboxEntry.seq.desc())
        ).first()
        assert entry is not None
        original: dict[str, Any] = entry.payload
        entry_id = entry.id
        entry.payload = {**original, "tampered": True}
        entry.sent_at = None
        entry.server_id = None
    page = sync_page(window)
    qtbot.waitUntil(page.sync_button.isEnabled)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    sync_done(qtbot, ui_ctx, 2)
    assert sync.last_report is not None and sync.last_report.refused == 1
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtmodeltester.check(page.model)
    row = page.model.rows[0]
    assert row.change.outbox_id == entry_id and row.change.reason == "id_reused"
    assert row.case_number == case.tracking_number
    shown = [page.model.index(0, c).data() for c in range(4)]
    # The change in the clerk's words (the case's step); the wire's name for the IT officer.
    assert row.change.operation == "case.accepted"
    assert shown[0] == f"Case (accepted) #{row.change.outbox_seq}"
    assert page.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "case.accepted"
    assert shown[1] == tracking_numbers.display(case.tracking_number)
    # The reason in the clerk's words; the server's code and message in the tooltip.
    assert shown[2] == refusal_words("id_reused")
    tip = page.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(refusal_words("id_reused")) and "(id_reused)" in tip
    assert page.quarantined_label.text() == "1"
    qtbot.waitUntil(lambda: ", 1 refused" in window.status_bar.sync_label.text())

    # Retry before the fix: refused again, still listed.
    qtbot.waitUntil(page.retry_button.isEnabled)
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    sync_done(qtbot, ui_ctx, 3)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.retry_button.isEnabled())

    # The fix: the change as it was applied. Retry sends it again: a duplicate, done.
    with desk.store.write() as s:
        fixed = s.scalars(select(OutboxEntry).where(OutboxEntry.id == entry_id)).one()
        fixed.payload = original
    page.table.selectRow(0)
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    sync_done(qtbot, ui_ctx, 4)
    assert sync.last_report is not None and sync.last_report.duplicates == 1
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert waiting(desk) == 0
    assert page.message.text() == "Sent again."
    # Both retries are audited, by the clerk who pressed the button.
    from clerk_desk.models import AuditEntry

    with desk.store.read() as s:
        retried = s.scalars(select(AuditEntry).where(AuditEntry.action == "sync.retried")).all()
        assert [a.actor_id for a in retried] == [clerk.id, clerk.id]


def test_the_timer_syncs_by_itself(
    qtbot, server, sessions, desk: Desk, clerk: StaffRecord, ui_ctx: UiContext
) -> None:  # type: ignore[no-untyped-def]
    enrolled_desk(server, sessions, desk)
    desk.change_settings({"sync_interval_minutes": 1}, actor_id=SYSTEM_ACTOR)
    take_case(desk, clerk, 1)
    runner = SyncRunner(ui_ctx)
    ui_ctx.sync = runner
    runner.minute_s = 1.0  # the test's minute: one second (0.8 to 1.2 s with the jitter)
    runner.start()
    assert runner.timer_active
    sync_done(qtbot, ui_ctx, 1)
    assert runner.error_reason == "" and waiting(desk) == 0
    sync_done(qtbot, ui_ctx, 2)  # and again, one interval later
    runner.stop()
    assert not runner.timer_active


def test_a_sync_follows_as_soon_as_the_server_answers_again(
    qtbot, db_url, server, sessions, desk: Desk, clerk: StaffRecord, ui_ctx: UiContext
) -> None:  # type: ignore[no-untyped-def]
    enrolled_desk(server, sessions, desk)
    desk.change_settings({"sync_interval_minutes": 60}, actor_id=SYSTEM_ACTOR)
    take_case(desk, clerk, 1)
    port = server.port
    server.stop()  # the link goes down
    runner = SyncRunner(ui_ctx)
    ui_ctx.sync = runner
    runner.probe_s = 0.3  # the backoff after one failure stays 30 s (+-20%): far longer
    runner.start()
    runner.sync_now("asked")
    sync_done(qtbot, ui_ctx, 1)
    assert runner.error_reason == "unreachable" and waiting(desk) > 0
    assert runner.probing
    qtbot.waitUntil(lambda: runner.probes >= 2, timeout=SLOW)  # probes fail while it is down
    assert runner.attempts == 1  # a failed probe is not a sync
    again = LiveServer(db_url, port=port)  # the link comes back
    again.start()
    try:
        sync_done(qtbot, ui_ctx, 2)
        assert runner.last_why == "reconnected"  # not the backoff's timer
        assert runner.error_reason == "" and waiting(desk) == 0
        assert not runner.probing and runner.probes == 0
    finally:
        runner.stop()
        again.stop()


def test_logout_syncs(qtbot, server, sessions, desk: Desk, clerk: StaffRecord) -> None:  # type: ignore[no-untyped-def]
    enrolled_desk(server, sessions, desk)
    ctx = UiContext(desk, TaskRunner())
    shell = Application(cast(QApplication, QApplication.instance()), ctx)
    qtbot.addWidget(shell.login_window)
    try:
        shell._logged_in(clerk)
        assert shell.main_window is not None and ctx.sync is not None
        take_case(desk, clerk, 1)
        assert waiting(desk) > 0
        before = ctx.sync.attempts
        shell._logout()
        assert shell.main_window is None
        qtbot.waitUntil(lambda: ctx.sync is not None and ctx.sync.attempts > before, timeout=SLOW)
        qtbot.waitUntil(lambda: ctx.sync is not None and not ctx.sync.running, timeout=SLOW)
        assert ctx.sync.error_reason == "" and waiting(desk) == 0
    finally:
        if ctx.sync is not None:
            ctx.sync.stop()
        shell.idle.stop()
        qtbot.waitUntil(lambda: ctx.runner.pending == 0, timeout=SLOW)
        ctx.runner.shutdown()


def test_never_two_syncs_at_once(
    qtbot, server, sessions, desk: Desk, clerk: StaffRecord, ui_ctx: UiContext
) -> None:  # type: ignore[no-untyped-def]
    enrolled_desk(server, sessions, desk)
    take_case(desk, clerk, 1)
    runner = SyncRunner(ui_ctx)
    ui_ctx.sync = runner
    assert runner.sync_now("first") is True
    assert runner.sync_now("second") is False and runner.sync_now("third") is False
    sync_done(qtbot, ui_ctx, 1)
    # The requests made while it ran are one more sync after it, not two.
    sync_done(qtbot, ui_ctx, 2)
    qtbot.wait(300)
    assert runner.attempts == 2 and not runner.running and waiting(desk) == 0


def test_an_admin_enrolls_from_settings(
    qtbot, server, sessions, desk: Desk, clerk: StaffRecord, ui_ctx: UiContext
) -> None:  # type: ignore[no-untyped-def]
    from support.ui import login_as, make_admin

    from clerk_desk.ui.settings_dialog import SettingsDialog

    add_centre(sessions)
    ui_ctx.sync = SyncRunner(ui_ctx)
    clerk_dialog = SettingsDialog(ui_ctx)
    qtbot.addWidget(clerk_dialog)
    clerk_dialog.show()
    assert not clerk_dialog.enroll_button.isVisible()  # a clerk cannot enroll
    login_as(ui_ctx, make_admin(desk, clerk))
    dialog = SettingsDialog(ui_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.enroll_button.isVisible()
    dialog.open_enroll()
    enroll = dialog.enroll_dialog
    assert enroll is not None
    enroll.url_edit.setText(server.base)
    enroll.code_edit.setText("NOPE-NOPE")
    qtbot.mouseClick(enroll.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: enroll.result_label.text().startswith("Not enrolled:"), timeout=SLOW)
    assert "Traceback" not in enroll.result_label.text()
    assert not ui_ctx.sync.status or not ui_ctx.sync.status.enrolled
    enroll.code_edit.setText(enroll_code(sessions))
    with writes_by_thread(desk.store) as writes:
        qtbot.mouseClick(enroll.enroll_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: enroll.result_label.text().startswith("Enrolled:"), timeout=SLOW)
    # The request on the I/O pool, the credentials stored by the one writer.
    assert {"settings", "sync_state"} <= {table for _thread, table in writes}
    assert {thread for thread, _table in writes} == {DB_THREAD}
    number = desk.settings().terminal_code
    assert f"terminal number {number}" in enroll.result_label.text()
    assert "城关镇便民服务中心" in enroll.result_label.text()
    qtbot.waitUntil(
        lambda: (
            ui_ctx.sync is not None
            and ui_ctx.sync.status is not None
            and ui_ctx.sync.status.enrolled
        )
    )
    qtbot.waitUntil(lambda: dialog.terminal_code_label.text() == number)
    ui_ctx.sync.stop()


def test_the_app_skips_a_round_quietly_while_another_process_syncs(
    qtbot, server, sessions, desk: Desk, clerk: StaffRecord, ui_ctx: UiContext, window
) -> None:  # type: ignore[no-untyped-def]
    from support.processes import held_elsewhere

    sync = ui_ctx.sync
    assert sync is not None
    enrolled_desk(server, sessions, desk)
    take_case(desk, clerk, 1)
    before = waiting(desk)
    with held_elsewhere(desk.data_dir):  # `clerk-desk sync run` in another process, say
        sync.sync_now("test")
        qtbot.waitUntil(lambda: sync.skipped == 1 and not sync.running, timeout=SLOW)
        # Quietly: no failure, no backoff, no attempt, nothing sent, nothing said.
        assert sync.failures == 0 and sync.error_reason == "" and sync.attempts == 0
        assert waiting(desk) == before
        assert "failed" not in window.status_bar.sync_label.text()
    sync.sync_now("test")  # the other one is done: this one syncs
    sync_done(qtbot, ui_ctx, 1)
    assert sync.error_reason == "" and waiting(desk) == 0


def test_a_real_sync_lifts_the_freeze(
    qtbot, server, sessions, desk: Desk, clerk: StaffRecord, ui_ctx: UiContext, window
) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from support.desks import resident_id
    from support.freeze import SUPERVISOR_PASSWORD, supervisor
    from support.intake import LOW_INCOME

    from clerk_desk.clock import FixedClock
    from clerk_desk.sync_freeze import FreezeOverride, SyncFrozen

    sync = ui_ctx.sync
    assert sync is not None
    enrolled_desk(server, sessions, desk)
    clock = desk.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(days=30))  # enrolled a month ago, never synced since
    window.status.count_pending()
    qtbot.waitUntil(lambda: window.status_bar.freeze_label.text().startswith("Sync overdue:"))
    with pytest.raises(SyncFrozen):
        take_case(desk, clerk, 1)
    # A supervisor lets one in: the override travels with the case, and the server takes it.
    supervisor(desk)
    person = desk.applicants.register_person(
        actor_id=clerk.id, name="王二", id_number=resident_id("37083019800202123")
    )
    overridden = desk.intake.start(
        clerk_id=clerk.id,
        item_code=LOW_INCOME,
        applicant_id=person.id,
        override=FreezeOverride("li", SUPERVISOR_PASSWORD),
    )
    sync.sync_now("test")  # the terminal is back on the network
    sync_done(qtbot, ui_ctx, 1)
    assert sync.error_reason == "" and sync.freeze is not None and not sync.freeze.warned
    assert sync.last_report is not None and sync.last_report.refused == 0
    assert waiting(desk) == 0
    with transaction(sessions) as s:
        shown = admin.show_case(s, overridden.tracking_number)
    assert shown["state"] == "consulted" and shown["terminal"] == desk.settings().terminal_code
    window.status.count_pending()
    qtbot.waitUntil(lambda: not window.status_bar.freeze_label.isVisible())
    assert not window.freeze_banner.isVisible()
    take_case(desk, clerk, 1)  # a new intake without a supervisor
