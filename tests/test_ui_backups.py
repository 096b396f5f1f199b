"""The Backups dialog: a supervisor backs up and restores, with real widgets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select
from support.backups import case_numbers, take_cases

from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.errors import RuleViolation
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.models import AuditEntry
from clerk_desk.staff import StaffRecord
from clerk_desk.ui.app import Application
from clerk_desk.ui.backup_dialog import BackupDialog
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def supervisor(desk: Desk) -> StaffRecord:
    return desk.staff.create(
        actor_id=SYSTEM_ACTOR,
        login="li",
        name="李主任",
        role="supervisor",
        password="sup-pass-2026",
    )


@pytest.fixture
def ctx(desk: Desk) -> Iterator[UiContext]:
    c = UiContext(desk, TaskRunner())
    yield c
    c.runner.shutdown()


def test_a_supervisor_backs_up_and_restores_then_the_app_closes(
    qtbot,
    qtmodeltester,
    ctx: UiContext,
    desk: Desk,
    clerk: StaffRecord,
    supervisor: StaffRecord,
    data_dir: Path,
    clock: FixedClock,
) -> None:
    kept = take_cases(desk, clerk, 2)
    quits: list[int] = []
    shell = Application(
        cast(QApplication, QApplication.instance()), ctx, quit_app=lambda: quits.append(1)
    )
    qtbot.addWidget(shell.login_window)
    shell._open_main_window(supervisor)
    window = shell.main_window
    assert window is not None  # closed and deleted by the restore
    action = window.findChild(QAction, "action_backups")
    assert action is not None
    action.trigger()
    dialog = window.findChild(BackupDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: ctx.runner.pending == 0)
    assert dialog.model.rowCount() == 0
    dialog.back_up_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    qtmodeltester.check(dialog.model)
    assert dialog.model.data(dialog.model.index(0, 1)) == "by hand"
    assert "checked" in dialog.status.text()
    lost = take_cases(desk, clerk, 1, start=20)  # after the backup

    dialog.view.selectRow(0)
    dialog.restore_button.click()
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: shell.restore_box is not None)
    done = shell.restore_box
    assert done is not None
    assert "Restored" in done.text() and "start it again" in done.text()
    assert shell.main_window is None and not shell.login_window.isVisible()
    done.button(QMessageBox.StandardButton.Ok).click()
    assert quits == [1]

    again = Desk.open(data_dir, clock=clock)
    try:
        assert case_numbers(again) == set(kept)
        assert not set(lost) & case_numbers(again)
        assert again.verify_audit().ok
        with again.store.read() as s:
            last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last is not None and last.action == "store.restored"
        assert last.actor_id == supervisor.id
        assert json.loads(last.payload)["via"] == "app"
    finally:
        again.close()


def test_a_clerk_has_no_backups(qtbot, ctx: UiContext, clerk: StaffRecord) -> None:
    ctx.login.set(clerk)
    with pytest.raises(RuleViolation, match="only a supervisor"):
        BackupDialog(ctx)
    from clerk_desk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.findChild(QAction, "action_backups") is None


def test_a_damaged_store_is_said_at_start_and_refuses_writes(
    qtbot, ctx: UiContext, desk: Desk, clerk: StaffRecord, supervisor: StaffRecord
) -> None:
    from support.backups import btree_pages, damage

    from clerk_desk.backups import StoreDamaged
    from clerk_desk.ui.backup_dialog import check_store_at_start

    take_cases(desk, clerk, 30)
    desk.backups.take("manual")
    desk.close()  # every connection closed (the WAL checkpointed), as between two starts
    damage(desk.store.path, btree_pages(desk.store.path)[5])
    shell = Application(cast(QApplication, QApplication.instance()), ctx)
    qtbot.addWidget(shell.login_window)
    shell.start()
    check_store_at_start(ctx, shell.login_window)
    qtbot.waitUntil(
        lambda: shell.login_window.findChild(QMessageBox, "store_damaged_box") is not None
    )
    box = shell.login_window.findChild(QMessageBox, "store_damaged_box")
    assert "damaged" in box.text() and "clerk-desk restore" in box.text()
    with pytest.raises(StoreDamaged):
        take_cases(desk, clerk, 1, start=50)
    box.close()
