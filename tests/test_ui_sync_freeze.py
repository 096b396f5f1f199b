"""The freeze policy in the app: the status bar, the warning at login and at a new intake,
the supervisor's password for a new intake on a frozen terminal, the policy's settings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from support.freeze import SUPERVISOR_PASSWORD, enrolled, supervisor
from support.intake import (  # noqa: F401 - the ctx and window fixtures
    ctx_fixture,
    error_under,
    open_window,
    settled,
    visible_dialog,
)
from support.staff import audit
from support.ui import login_as, open_dialog, ui_ctx_fixture  # noqa: F401 - the ui_ctx fixture

from clerk_desk.applicants import ApplicantRecord
from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.lifecycle import CaseState
from clerk_desk.staff import StaffRecord
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.dialogs import SupervisorOverrideDialog
from clerk_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def banner(window: MainWindow) -> str | None:
    """The freeze warning's banner text while it shows."""
    return window.freeze_banner.text.text() if window.freeze_banner.isVisible() else None


def start_intake(qtbot, window: MainWindow, applicant: ApplicantRecord) -> None:  # type: ignore[no-untyped-def]
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.item_edit)
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Qt.Key.Key_Return)


def test_no_warning_on_a_terminal_never_enrolled(qtbot, ctx: UiContext, clock: FixedClock) -> None:
    clock.advance(timedelta(days=100))
    window = open_window(qtbot, ctx)
    settled(qtbot, ctx)
    assert window.status.freeze is not None and not window.status.freeze.warned
    assert not window.status_bar.freeze_label.isVisible() and banner(window) is None


def test_warned_on_the_status_bar_and_once_at_login(
    qtbot, ctx: UiContext, desk: Desk, clock: FixedClock
) -> None:
    enrolled(desk, clock.now() - timedelta(days=8))
    window = open_window(qtbot, ctx)
    qtbot.waitUntil(window.status_bar.freeze_label.isVisible)
    assert window.status_bar.freeze_label.text() == "Sync overdue"
    assert window.status_bar.freeze_label.toolTip().startswith(
        "No successful sync with the county server for 8 day"
    )
    text = banner(window)
    assert text is not None and "After 30 days" in text
    assert window.isActiveWindow() and not window.freeze_banner.close_button.hasFocus()
    qtbot.mouseClick(window.freeze_banner.close_button, Qt.MouseButton.LeftButton)
    assert banner(window) is None
    window.status.count_pending()  # a later read warns on the bar only
    settled(qtbot, ctx)
    assert window.status_bar.freeze_label.isVisible() and banner(window) is None


def test_a_frozen_terminal_asks_a_supervisor_for_a_new_intake(
    qtbot,
    ctx: UiContext,
    desk: Desk,
    clerk: StaffRecord,
    applicant: ApplicantRecord,
    clock: FixedClock,
) -> None:
    boss = supervisor(desk)
    enrolled(desk, clock.now() - timedelta(days=31))
    window = open_window(qtbot, ctx)
    qtbot.waitUntil(lambda: window.status_bar.freeze_label.text().startswith("Sync overdue:"))
    assert "A new intake now needs" in (banner(window) or "")

    start_intake(qtbot, window, applicant)
    qtbot.waitUntil(lambda: visible_dialog(window, SupervisorOverrideDialog) is not None)
    dialog = window.intake.supervisor_dialog
    assert dialog is not None
    assert "for 31 days" in dialog.findChild(QLabel, "override_reason").text()  # type: ignore[union-attr]
    # A wrong password: asked again, the error at the password, no case.
    qtbot.keyClicks(dialog.login_edit, "li")
    qtbot.keyClicks(dialog.password_edit, "not-the-password")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            (d := window.intake.supervisor_dialog) is not None
            and d is not dialog
            and d.isVisible()
            and error_under(d.password_edit) != ""
        )
    )
    again = window.intake.supervisor_dialog
    assert again is not None and again.login_edit.text() == "li"
    assert QApplication.focusWidget() is again.password_edit
    assert window.intake.case is None and not audit(desk, "case.opened")
    qtbot.keyClicks(again.password_edit, SUPERVISOR_PASSWORD)
    qtbot.keyClick(again.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.intake.case is not None)
    case = window.intake.case
    assert case is not None and case.state is CaseState.CONSULTED
    # The case opened with the warning beside it; the override is audited.
    assert "A new intake now needs a supervisor's password" in window.intake.status_label.text()
    [(actor, entity_id, payload)] = audit(desk, "sync.freeze_overridden")
    assert (actor, entity_id, payload["supervisor_id"]) == (clerk.id, case.id, boss.id)


def test_cancelling_the_supervisor_opens_nothing(
    qtbot, ctx: UiContext, desk: Desk, applicant: ApplicantRecord, clock: FixedClock
) -> None:
    enrolled(desk, clock.now() - timedelta(days=31))
    window = open_window(qtbot, ctx)
    start_intake(qtbot, window, applicant)
    qtbot.waitUntil(lambda: visible_dialog(window, SupervisorOverrideDialog) is not None)
    dialog = window.intake.supervisor_dialog
    assert dialog is not None
    dialog.reject()
    settled(qtbot, ctx)
    assert window.intake.case is None and not audit(desk, "case.opened")


def test_the_policy_is_a_supervisors_setting(
    qtbot, desk: Desk, clerk: StaffRecord, ui_ctx: UiContext
) -> None:
    dialog = open_dialog(ui_ctx, qtbot)
    spins = dialog.supervised_widgets()[1:]
    assert [s.value() for s in spins] == [7, 5000, 30]  # type: ignore[attr-defined]
    assert not any(s.isEnabled() for s in spins)  # a clerk's form keeps them
    dialog.close()
    login_as(ui_ctx, supervisor(desk))
    dialog = open_dialog(ui_ctx, qtbot)
    assert all(s.isEnabled() for s in dialog.supervised_widgets())
    # The warning not before the freeze: refused at its field, nothing stored.
    dialog.sync_warn_days_spin.setValue(30)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.text() != "")
    assert dialog.focusWidget() is dialog.sync_warn_days_spin
    assert desk.settings().sync_warn_days == 7
    dialog.sync_warn_days_spin.setValue(10)
    dialog.sync_freeze_days_spin.setValue(45)
    dialog.sync_warn_waiting_spin.setValue(2000)
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.save_button.click()
    stored = desk.settings()
    assert (stored.sync_warn_days, stored.sync_freeze_days, stored.sync_warn_waiting) == (
        10,
        45,
        2000,
    )
