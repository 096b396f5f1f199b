"""The settings dialog: saving through the desk, validation, who may change the centre."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QFormLayout, QGroupBox, QLabel
from sqlalchemy import select
from support.desks import unchanged
from support.ui import (
    login_as,
    make_admin,
    open_dialog,
    ui_ctx_fixture,  # noqa: F401 - the ui_ctx fixture
)

from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.models import AuditEntry
from clerk_desk.settings import CENTRE_FIELDS, PLACEHOLDER_STATUS_URL, load_settings
from clerk_desk.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


def audit_entries(desk, action: str) -> list[AuditEntry]:
    with desk.store.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_change_window_and_printer(desk, clerk, ui_ctx, qtbot, tmp_path) -> None:
    before = len(audit_entries(desk, "settings.changed"))
    dialog = open_dialog(ui_ctx, qtbot)
    assert dialog.window_edit.text() == desk.settings().window
    assert dialog.region_code_label.text() == "370830104"  # shown, not editable
    number = desk.settings().terminal_code
    assert dialog.terminal_code_label.text() == (
        f"{number} (provisional, until the county assigns one)"
    )
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
    for widget in dialog.centre_widgets():
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


def label_of(dialog: SettingsDialog, field) -> str:  # type: ignore[no-untyped-def]
    """The text of the form label in front of ``field`` (a widget or a row's layout)."""
    for box in dialog.findChildren(QGroupBox):
        form = box.layout()
        assert isinstance(form, QFormLayout)
        label = form.labelForField(field)
        if isinstance(label, QLabel):
            return label.text()
    raise AssertionError(f"no label for {field}")


def test_both_printers_round_trip_through_the_form(desk, clerk, ui_ctx, qtbot, tmp_path) -> None:
    dialog = open_dialog(ui_ctx, qtbot)
    assert label_of(dialog, dialog.paper_combo) == "&Documents are printed on:"
    assert label_of(dialog, dialog.authority_edit) == "D&eciding body:"
    assert label_of(dialog, dialog.prefix_edit) == "Document serial pre&fix:"
    buddies = {label.buddy(): label.text() for label in dialog.findChildren(QLabel)}
    assert buddies[dialog.printer_combo] == "A4 p&rinter:"
    assert buddies[dialog.roll_printer_combo] == "80 mm roll prin&ter:"
    a4, roll = tmp_path / "a4", tmp_path / "roll"
    dialog.set_printer(f"folder:{a4}")
    dialog.set_roll_printer(f"folder:{roll}")
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("roll80"))
    with qtbot.waitSignal(dialog.settings_saved) as saved:
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    new = saved.args[0]
    assert (new.printer, new.roll_printer, new.paper) == (
        f"folder:{a4}",
        f"folder:{roll}",
        "roll80",
    )
    with desk.store.read() as session:
        stored = load_settings(session)
    assert (stored.printer, stored.roll_printer, stored.paper) == (
        f"folder:{a4}",
        f"folder:{roll}",
        "roll80",
    )
    entry = audit_entries(desk, "settings.changed")[-1]
    assert f'"roll_printer":"folder:{roll}"' in entry.payload

    again = open_dialog(ui_ctx, qtbot)  # shows what was stored
    assert again.printer_text() == f"folder:{a4}"
    assert again.roll_printer_text() == f"folder:{roll}"
    assert again.paper_combo.currentData() == "roll80"


def test_the_roll_printers_folder_is_chosen_by_keyboard(desk, ui_ctx, qtbot, tmp_path) -> None:
    roll = tmp_path / "roll"
    roll.mkdir()
    dialog = open_dialog(ui_ctx, qtbot)
    assert "Ctrl+Shift+B" in dialog.roll_browse_button.toolTip()
    assert "Ctrl+B" in dialog.browse_button.toolTip()
    qtbot.keyClick(
        dialog,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    chooser = dialog.findChild(QFileDialog, "roll_printer_folder_dialog")
    assert chooser is not None
    qtbot.waitUntil(chooser.isVisible)
    chooser.fileSelected.emit(str(roll))  # what choosing a folder and Open emit
    chooser.reject()
    assert dialog.roll_printer_text() == f"folder:{roll}"
    assert dialog.printer_text() == desk.settings().printer  # the A4 printer as it was
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.save_button.click()
    assert desk.settings().roll_printer == f"folder:{roll}"


def test_a_bad_roll_printer_is_refused_at_its_field(desk, ui_ctx, qtbot) -> None:
    old = desk.settings()
    dialog = open_dialog(ui_ctx, qtbot)
    dialog.set_roll_printer("LPT1")
    with unchanged(desk):
        dialog.save_button.click()
    assert dialog.error_label.text() != ""
    assert dialog.isVisible()
    assert QApplication.focusWidget() in (
        dialog.roll_printer_combo,
        dialog.roll_printer_combo.lineEdit(),
    )
    assert desk.settings() == old


CENTRE_VALUES = {
    "centre_address_edit": ("centre_address", "青石镇人民路1号"),
    "office_hours_edit": ("office_hours", "周一至周五 8:30-17:00"),
    "contact_phone_edit": ("contact_phone", "0537-1234567"),
    "reconsideration_edit": ("reconsideration_body", "某某县人民政府"),
    "court_edit": ("court", "某某县人民法院"),
    "authority_edit": ("decision_authority", "某某镇人民政府"),
    "prefix_edit": ("document_prefix", "某某便民"),
}


def test_what_documents_print_about_the_centre_is_locked_for_a_clerk(
    desk, clerk, ui_ctx, qtbot
) -> None:
    before = desk.settings()
    dialog = open_dialog(ui_ctx, qtbot)
    assert not dialog.may_edit_centre
    assert dialog.centre_hint.isVisible()
    for widget_name, (field, value) in CENTRE_VALUES.items():
        assert field in CENTRE_FIELDS
        widget = getattr(dialog, widget_name)
        assert not widget.isEnabled(), widget_name
        assert widget.toolTip() == dialog.centre_hint.text()
        widget.setText(value)  # even put into the disabled field, a clerk does not save it
    for word in (
        "address",
        "office hours",
        "phone",
        "reconsideration body",
        "court",
        "deciding body",
        "document serial prefix",
    ):
        assert word in dialog.centre_hint.text()
    dialog.window_edit.setText("6")
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.save_button.click()
    after = desk.settings()
    assert after.window == "6"
    for field, _value in CENTRE_VALUES.values():
        assert getattr(after, field) == getattr(before, field)


def test_a_supervisor_changes_what_documents_print_about_the_centre(
    desk, clerk, ui_ctx, qtbot
) -> None:
    boss = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="head", name="主任", role="supervisor", password="secret12"
    )
    login_as(ui_ctx, boss)
    dialog = open_dialog(ui_ctx, qtbot)
    assert dialog.may_edit_centre and not dialog.centre_hint.isVisible()
    for widget_name, (_field, value) in CENTRE_VALUES.items():
        widget = getattr(dialog, widget_name)
        assert widget.isEnabled(), widget_name
        widget.setText(value)
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.save_button.click()
    with desk.store.read() as session:
        stored = load_settings(session)
    for field, value in CENTRE_VALUES.values():
        assert getattr(stored, field) == value
    assert audit_entries(desk, "settings.changed")[-1].actor_id == boss.id


def test_the_placeholder_status_url_is_warned_about(desk, clerk, ui_ctx, qtbot) -> None:
    assert desk.settings().public_status_url == PLACEHOLDER_STATUS_URL
    dialog = open_dialog(ui_ctx, qtbot)  # a clerk sees the warning too
    assert dialog.status_url_warning.isVisible()
    assert "example address" in dialog.status_url_warning.text()

    login_as(ui_ctx, make_admin(desk, clerk))
    dialog = open_dialog(ui_ctx, qtbot)
    assert dialog.status_url_warning.isVisible()
    dialog.status_url_edit.selectAll()
    qtbot.keyClicks(dialog.status_url_edit, "https://zwfw.sd.gov.cn/status")
    assert not dialog.status_url_warning.isVisible()
    dialog.status_url_edit.setText("https://example.gov.cn/q")
    assert dialog.status_url_warning.isVisible()
    # A warning, not a refusal: the example address still saves (the demo prints with it).
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.save_button.click()
    assert desk.settings().public_status_url == "https://example.gov.cn/q"

    dialog = open_dialog(ui_ctx, qtbot)
    dialog.status_url_edit.setText("https://zwfw.sd.gov.cn/status")
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.save_button.click()
    again = open_dialog(ui_ctx, qtbot)
    assert not again.status_url_warning.isVisible()


def test_an_assigned_terminal_number_is_shown_as_it_is(desk, ui_ctx, qtbot) -> None:
    from clerk_desk.journal import SYSTEM_ACTOR

    desk.update_settings(desk.settings().replace(terminal_code="00042"), actor_id=SYSTEM_ACTOR)
    dialog = open_dialog(ui_ctx, qtbot)
    assert dialog.terminal_code_label.text() == "00042"
    form = dialog.terminal_code_label.parentWidget().layout()
    assert isinstance(form, QFormLayout)
    label = form.labelForField(dialog.terminal_code_label)
    assert isinstance(label, QLabel) and label.text() == "Terminal number:"


def test_the_second_backup_folder_is_a_supervisors_to_set(
    desk, clerk, ui_ctx, qtbot, tmp_path
) -> None:
    """A clerk sees it locked (it would carry every record away); a supervisor sets it,
    a relative path is refused at its field, and the next backup lands there too."""
    login_as(ui_ctx, clerk)
    dialog = open_dialog(ui_ctx, qtbot)
    assert not dialog.backup_folder_edit.isEnabled()
    dialog.close()
    with pytest.raises(Exception, match="only a supervisor or an admin may change backup_folder"):
        desk.change_settings({"backup_folder": str(tmp_path / "usb")}, actor_id=clerk.id)

    boss = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="head", name="主任", role="supervisor", password="secret12"
    )
    login_as(ui_ctx, boss)
    dialog = open_dialog(ui_ctx, qtbot)
    assert dialog.backup_folder_edit.isEnabled()
    dialog.backup_folder_edit.setText("usb/backups")
    with unchanged(desk):
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.error_label.text() != "")
    assert dialog.focusWidget() is dialog.backup_folder_edit
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog.backup_folder_edit.setText(str(usb))
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.save_button.click()
    assert desk.settings().backup_folder == str(usb)
    written = desk.backups.take("manual").written
    assert {w.path.parent for w in written} == {desk.data_dir / "backups", usb}
