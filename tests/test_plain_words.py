"""Nothing technical reaches the clerk: printers by their names, backups by their file names."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from support.ui import make_admin, ui_ctx_fixture  # noqa: F401

from clerk_desk.backups import BackupFile, BackupResult
from clerk_desk.ui import app as ui_app
from clerk_desk.ui.backup_dialog import BackupDialog
from clerk_desk.ui.main_window import MainWindow
from clerk_desk.ui.messages import without_paths
from clerk_desk.ui.settings_dialog import SettingsDialog
from clerk_desk.ui.terminal_status import printer_state

pytestmark = pytest.mark.gui

QUEUE = "HP_LaserJet_M1136"


def test_settings_list_printers_by_name_and_keep_the_setting(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(ui_ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_loaded)
    dialog._queues_ready([QUEUE])
    combo = dialog.printer_combo
    shown = [combo.itemText(i) for i in range(combo.count())]
    assert "HP LaserJet M1136" in shown
    edit = combo.lineEdit()
    assert edit is not None
    for text in [*shown, combo.toolTip(), edit.placeholderText()]:
        assert "cups:" not in text and "folder:" not in text, text
    combo.setCurrentIndex(shown.index("HP LaserJet M1136"))
    assert dialog.printer_text() == f"cups:{QUEUE}"
    # A stored setting shows as the printer's name, and saves unchanged.
    dialog.terminal.printer.fill([QUEUE], f"cups:{QUEUE}")
    assert combo.currentText() == "HP LaserJet M1136"
    assert dialog.printer_text() == f"cups:{QUEUE}"


def test_status_bar_names_the_printer_not_its_queue_setting(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    for ready in (None, True):
        state = replace(printer_state(f"cups:{QUEUE}"), ready=ready)
        text, tip, _warn = window.status_bar.printer_status(state, None)
        assert QUEUE in text
        assert "cups:" not in text and "cups:" not in tip, (text, tip)


def test_a_backup_is_named_by_its_file_the_path_in_the_tooltip(
    ui_ctx, desk, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    ui_ctx.login.set(make_admin(desk, ui_ctx.login.staff))  # only they see the backups
    dialog = BackupDialog(ui_ctx)
    qtbot.addWidget(dialog)
    written = tmp_path / "backups" / "clerk-desk-20261123-1000-manual.sqlite3"
    dialog._backed_up(
        BackupResult(written=[BackupFile(written, "manual", datetime(2026, 11, 23, 10, 0), 1)])
    )
    assert written.name in dialog.status.text()
    assert str(written.parent) not in dialog.status.text()
    assert dialog.status.toolTip() == str(written)
    assert Path(dialog.status.toolTip()) == written


def test_status_bar_messages_name_files_not_paths(ui_ctx, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    store = tmp_path / "data" / "clerk_desk.sqlite3"
    message = f"磁盘已满：无法写入{store}。本次操作未保存任何内容；请清理空间后重试。"
    ui_ctx.runner.task_failed.emit(message)
    shown = window.statusBar().currentMessage()
    assert (
        shown == "磁盘已满：无法写入clerk_desk.sqlite3。本次操作未保存任何内容；请清理空间后重试。"
    )
    assert str(tmp_path) not in shown
    assert window.statusBar().toolTip() == message
    assert without_paths("https://zwfw.example.gov.cn/status, 2026/11/23") == (
        "https://zwfw.example.gov.cn/status, 2026/11/23"
    )


def test_no_chinese_message_spells_a_printer_setting() -> None:
    ts = Path(ui_app.__file__).parent / "i18n" / "clerk_desk_zh_CN.ts"
    spelled = [
        text
        for tr in ET.parse(ts).getroot().iter("translation")
        for text in [tr.text or "", *(f.text or "" for f in tr.findall("numerusform"))]
        if re.search(r"\b(?:cups|qt|folder):", text)
    ]
    assert spelled == []
