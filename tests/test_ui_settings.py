"""The settings dialog: saving through the desk, validation, who may change the centre."""

from __future__ import annotations

import pytest
from conftest import unchanged
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select
from ui_helpers import login_as, make_admin, ui_ctx_fixture  # noqa: F401

from clerk_desk.models import AuditEntry
from clerk_desk.settings import load_settings
from clerk_desk.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


def open_dialog(ctx, qtbot) -> SettingsDialog:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.activateWindow()  # for its shortcuts; offscreen does not always activate it
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(dialog.is_loaded)
    # The printer list comes from lpstat on the I/O pool; let it arrive first.
    qtbot.waitUntil(lambda: ctx.runner.pending == 0)
    return dialog


def audit_entries(desk, action: str) -> list[AuditEntry]:
    with desk.store.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_change_window_and_printer(desk, clerk, ui_ctx, qtbot, tmp_path) -> None:
    before = len(audit_entries(desk, "settings.changed"))
    dialog = open_dialog(ui_ctx, qtbot)
    assert dialog.window_edit.text() == desk.settings().window
    assert dialog.region_code_label.text() == "370830104"  # shown, not editable
    dialog.window_edit.setText("7")
    dialog.set_printer(f"folder:{tmp_path}")
    with qtbot.waitSignal(dialog.settings_saved) as saved:
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args[0].window == "7"
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()

    assert desk.settings().window == "7"
    assert desk.settings().printer == f"folder:{tmp_path}"
    with desk.store.read() as session:  # stored, not only cached
        stored = load_settings(session)
    assert (stored.window, stored.printer) == ("7", f"folder:{tmp_path}")
    entries = audit_entries(desk, "settings.changed")
    assert len(entries) == before + 1
    assert entries[-1].actor_id == clerk.id
    assert '"window":"7"' in entries[-1].payload
    assert desk.verify_audit().ok


def test_invalid_status_url_is_shown_and_changes_nothing(desk, clerk, ui_ctx, qtbot) -> None:
    login_as(ui_ctx, make_admin(desk, clerk))
    old = desk.settings()
    dialog = open_dialog(ui_ctx, qtbot)
    dialog.status_url_edit.setText("ftp://zwfw.example.gov.cn/status")
    dialog.window_edit.setText("9")
    with unchanged(desk):
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.error_label.text() != "")
        qtbot.waitUntil(lambda: ui_ctx.runner.pending == 0)
    assert "Public status URL" in dialog.error_label.text()  # the field as the clerk calls it
    assert dialog.isVisible()  # stays open for a correction
    assert dialog.save_button.isEnabled()
    assert desk.settings() == old


def test_unknown_printer_syntax_is_refused(desk, ui_ctx, qtbot) -> None:
    old = desk.settings()
    dialog = open_dialog(ui_ctx, qtbot)
    dialog.set_printer("LPT1")
    with unchanged(desk):
        dialog.save_button.click()
    assert "printer" in dialog.error_label.text()
    assert dialog.isVisible()
    assert desk.settings() == old


def test_clerk_cannot_edit_the_centre_but_an_admin_can(desk, clerk, ui_ctx, qtbot) -> None:
    centre = desk.settings().centre_name
    dialog = open_dialog(ui_ctx, qtbot)
    assert not dialog.may_edit_centre
    for widget in (dialog.centre_name_edit, dialog.counter_level_combo, dialog.status_url_edit):
        assert not widget.isEnabled()
    assert dialog.window_edit.isEnabled()
    # Even a value put into the disabled field is not saved by a clerk.
    dialog.centre_name_edit.setText("别的中心")
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.save_button.click()
    assert desk.settings().centre_name == centre

    login_as(ui_ctx, make_admin(desk, clerk))
    dialog = open_dialog(ui_ctx, qtbot)
    assert dialog.may_edit_centre
    assert dialog.centre_name_edit.isEnabled() and dialog.counter_level_combo.isEnabled()
    dialog.centre_name_edit.setText("郭仓镇便民服务中心")
    dialog.counter_level_combo.setCurrentIndex(dialog.counter_level_combo.findData("county"))
    with qtbot.waitSignal(dialog.settings_saved) as saved:
        dialog.save_button.click()
    assert saved.args[0].centre_name == "郭仓镇便民服务中心"
    assert desk.settings().centre_name == "郭仓镇便民服务中心"
    assert desk.settings().counter_level == "county"
    assert audit_entries(desk, "settings.changed")[-1].actor_id != clerk.id
