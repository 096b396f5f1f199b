"""The main window's own parts: the case list's columns and count, the status bar, prints.

Through the real window with every page, offscreen at 1366x768.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer, QTranslator
from PySide6.QtGui import QInputMethodEvent, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from support.desks import resident_id
from support.handover import NAMES, agent_case, make_agent
from support.ui import (
    SLOW,
    accepted_case,
    assert_columns_fit,
    column,
    run_at_200_percent,
    tolerant_case,
    ui_ctx_fixture,  # noqa: F401 - the ui_ctx fixture
)

from clerk_desk.clock import CHINA_TZ
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.lifecycle import CaseState
from clerk_desk.supervision import DueLevel
from clerk_desk.ui import app as ui_app
from clerk_desk.ui.app import default_pages
from clerk_desk.ui.case_list_model import (
    LEVEL_COLOURS,
    LEVEL_ROLE,
    OVERDUE_TEXT,
    SELECTED_LEVEL_COLOURS,
    days_left_words,
    state_name,
)
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.main_window import MainWindow
from clerk_desk.ui.ops import OpChanges
from clerk_desk.ui.preview import PreviewDialog

pytestmark = pytest.mark.gui

ZH_QM = Path(ui_app.__file__).parent / "i18n" / "clerk_desk_zh_CN.qm"
BIN = Path(sys.executable).parent
SAMPLE_CATALOG = Path(__file__).parents[1] / "resources" / "sample-catalog.json"


def open_window(qtbot, ctx: UiContext) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, pages=default_pages())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.model.total() > 0 or ctx.runner.pending == 0)
    return window


@pytest.fixture
def chinese() -> Iterator[None]:
    app = QApplication.instance()
    translator = QTranslator()
    assert translator.load(str(ZH_QM))
    app.installTranslator(translator)
    yield
    app.removeTranslator(translator)


def test_the_columns_fit_at_1366x768_in_chinese(
    qtbot, chinese, ui_ctx, desk, clerk, applicant
) -> None:
    accepted_case(desk, clerk, applicant)
    window = open_window(qtbot, ui_ctx)
    qtbot.waitUntil(lambda: window.model.case_id(0) is not None)
    assert state_name(CaseState.NOTICE_ISSUED) == "待补正"
    assert_columns_fit(window)
    assert window.table.verticalHeader().defaultSectionSize() > window.table.fontMetrics().height()


AT_200_PERCENT = """
from support.ui import assert_columns_fit
from clerk_desk.ui.app import default_pages
from clerk_desk.ui.main_window import MainWindow
window = MainWindow(ctx, pages=default_pages())
window.resize(1366, 768)
window.show()
app.processEvents()
assert_columns_fit(window)
window.close()
ctx.runner.shutdown()
print("fits")
"""


def test_the_columns_fit_at_200_percent_scaling() -> None:
    assert run_at_200_percent(AT_200_PERCENT) == "fits"


def english_plurals(tmp_path: Path) -> QTranslator:
    """An English translation with only the plural forms, as Qt handles English plurals."""
    ts = tmp_path / "plurals_en.ts"
    ts.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context><name>MainWindow</name>
<message numerus="yes"><source>%n case(s)</source>
<translation><numerusform>%n case</numerusform><numerusform>%n cases</numerusform></translation>
</message>
<message numerus="yes"><source>%n change(s) waiting to sync</source>
<translation><numerusform>%n change waiting to sync</numerusform>
<numerusform>%n changes waiting to sync</numerusform></translation>
</message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    qm = ts.with_suffix(".qm")
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )
    translator = QTranslator()
    assert translator.load(str(qm))
    return translator


def test_the_case_count_uses_the_plural_form(
    qtbot, tmp_path, ui_ctx, desk, clerk, applicant
) -> None:
    app = QApplication.instance()
    translator = english_plurals(tmp_path)
    app.installTranslator(translator)
    try:
        accepted_case(desk, clerk, applicant)
        window = open_window(qtbot, ui_ctx)
        qtbot.waitUntil(lambda: window.list_status.text() != "")
        assert window.list_status.text() == "1 case"
        accepted_case(desk, clerk, applicant)
        window.reload_list()
        qtbot.waitUntil(lambda: window.list_status.text() == "2 cases")
        qtbot.waitUntil(
            lambda: window.status_bar.pending_label.text().endswith("changes waiting to sync")
        )
    finally:
        app.removeTranslator(translator)


def fake_lpstat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``lpstat -p QUEUE``: counter-1 idle, counter-2 disabled, any other unknown."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    tool = bindir / "lpstat"
    tool.write_text(
        "#!/bin/sh\n"
        'case "$2" in\n'
        '  counter-1) echo "printer counter-1 is idle.  enabled since Mon";;\n'
        '  counter-2) echo "printer counter-2 disabled since Mon -"; echo "\tpaused";;\n'
        '  *) echo "lpstat: Invalid destination name in list \\"$2\\"." >&2; exit 1;;\n'
        "esac\n"
    )
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")


def use_printer(window: MainWindow, desk, clerk, setting: str) -> None:  # type: ignore[no-untyped-def]
    new = desk.update_settings(desk.settings().replace(printer=setting), actor_id=clerk.id)
    window._ctx.changes.publish(OpChanges.of_settings(new))  # what the Save operation tells


def printer_text(qtbot, window: MainWindow) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.status.printer.ready is not None)
    qtbot.waitUntil(lambda: window._ctx.runner.pending == 0)
    return window.status_bar.printer_label.text()


def test_the_status_bar_tells_the_truth(
    qtbot, tmp_path, monkeypatch, ui_ctx, desk, clerk, applicant
) -> None:
    fake_lpstat(tmp_path, monkeypatch)
    # The A4 printer alone (first run also gives the roll a PDF folder).
    desk.update_settings(desk.settings().replace(roll_printer=""), actor_id=clerk.id)
    window = open_window(qtbot, ui_ctx)
    # No sync server yet: said so, not a made-up "offline" or "last sync".
    assert window.status_bar.sync_label.text() == "Sync: not set up"
    shown = " ".join(label.text() for label in window.statusBar().findChildren(QLabel))
    assert "Offline" not in shown and "never" not in shown

    # Changes waiting: the outbox's count, again after each change.
    qtbot.waitUntil(lambda: window.status.pending == desk.pending_changes())
    before = desk.pending_changes()
    case = accepted_case(desk, clerk, applicant)
    assert desk.pending_changes() > before
    ui_ctx.changes.publish(OpChanges.of_case(case))  # how an operation reports a saved step
    qtbot.waitUntil(lambda: window.status.pending == desk.pending_changes())
    assert (
        window.status_bar.pending_label.text()
        == f"{desk.pending_changes()} change(s) waiting to sync"
    )
    assert window.status.findChildren(QTimer) == []  # read on change, never polled

    # The printer by its name, and whether it can print.
    use_printer(window, desk, clerk, "")
    assert printer_text(qtbot, window) == "No printer chosen"
    assert "#b00020" in window.status_bar.printer_label.styleSheet()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    use_printer(window, desk, clerk, f"folder:{blocked / 'counter-pdfs'}")
    assert printer_text(qtbot, window) == "Printer: PDF folder counter-pdfs, not ready"
    assert "cannot be made" in window.status_bar.printer_label.toolTip()
    assert "#b00020" in window.status_bar.printer_label.styleSheet()
    folder = tmp_path / "counter-pdfs"  # not there yet: the first print makes it
    use_printer(window, desk, clerk, f"folder:{folder}")
    assert printer_text(qtbot, window) == "Printer: PDF folder counter-pdfs, ready"
    folder.mkdir()
    use_printer(window, desk, clerk, f"folder:{folder}/")
    assert printer_text(qtbot, window) == "Printer: PDF folder counter-pdfs, ready"
    assert window.status_bar.printer_label.styleSheet() == ""
    if os.geteuid() != 0:  # root writes anywhere
        folder.chmod(0o500)
        use_printer(window, desk, clerk, f"folder:{folder}")
        assert printer_text(qtbot, window).endswith("not ready")
        assert "not writable" in window.status_bar.printer_label.toolTip()
        folder.chmod(0o700)
    use_printer(window, desk, clerk, "cups:counter-1")
    assert printer_text(qtbot, window) == "Printer: counter-1, ready"
    use_printer(window, desk, clerk, "cups:counter-2")
    assert printer_text(qtbot, window) == "Printer: counter-2, not ready"
    assert "disabled" in window.status_bar.printer_label.toolTip()
    use_printer(window, desk, clerk, "cups:gone")
    assert printer_text(qtbot, window) == "Printer: gone, not ready"
    assert "no queue gone" in window.status_bar.printer_label.toolTip()
    use_printer(window, desk, clerk, "qt:No Such Printer")
    assert printer_text(qtbot, window) == "Printer: No Such Printer, not ready"


def use_settings(window: MainWindow, desk, actor_id: str, **changes) -> None:  # type: ignore[no-untyped-def]
    new = desk.update_settings(desk.settings().replace(**changes), actor_id=actor_id)
    window._ctx.changes.publish(OpChanges.of_settings(new))  # what the Save operation tells


def checked(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Every printer shown checked, and the answers delivered."""
    qtbot.waitUntil(lambda: all(p.ready is not None for p in window.status.printers.values()))
    qtbot.waitUntil(lambda: window._ctx.runner.pending == 0)


def test_the_status_bar_shows_the_printer_of_each_paper(
    qtbot, tmp_path, ui_ctx, desk, clerk
) -> None:
    a4, roll = tmp_path / "a4", tmp_path / "roll"
    a4.mkdir()
    window = open_window(qtbot, ui_ctx)
    # Only the A4 printer: shown as before, the paper not named.
    use_settings(window, desk, clerk.id, paper="a4", printer=f"folder:{a4}", roll_printer="")
    checked(qtbot, window)
    assert window.status_bar.printer_label.text() == "Printer: PDF folder a4, ready"
    assert window.status_bar.other_printer_label.isHidden()

    # Both: each with its paper and its readiness (the roll folder cannot be made).
    roll.write_text("a file where the folder should be")
    use_settings(window, desk, clerk.id, roll_printer=f"folder:{roll}")
    checked(qtbot, window)
    assert window.status_bar.printer_label.text() == "A4 printer: PDF folder a4, ready"
    assert window.status_bar.printer_label.styleSheet() == ""
    assert not window.status_bar.other_printer_label.isHidden()
    assert (
        window.status_bar.other_printer_label.text()
        == "80 mm roll printer: PDF folder roll, not ready"
    )
    assert "cannot be made" in window.status_bar.other_printer_label.toolTip()
    assert "#b00020" in window.status_bar.other_printer_label.styleSheet()
    roll.unlink()
    roll.mkdir()
    window.refresh_status()
    checked(qtbot, window)
    assert (
        window.status_bar.other_printer_label.text() == "80 mm roll printer: PDF folder roll, ready"
    )

    # Documents made on the roll: its printer first; a missing one says so, in red.
    use_settings(window, desk, clerk.id, paper="roll80", roll_printer="")
    checked(qtbot, window)
    assert window.status_bar.printer_label.text() == "No 80 mm roll printer chosen"
    assert "#b00020" in window.status_bar.printer_label.styleSheet()
    assert window.status_bar.other_printer_label.text() == "A4 printer: PDF folder a4, ready"
    use_settings(window, desk, clerk.id, printer="", roll_printer=f"folder:{roll}")
    checked(qtbot, window)
    assert window.status_bar.printer_label.text() == "80 mm roll printer: PDF folder roll, ready"
    assert window.status_bar.other_printer_label.isHidden()  # no A4 printer chosen: nothing to show


def test_the_status_bar_warns_of_the_placeholder_status_url(qtbot, ui_ctx, desk, clerk) -> None:
    window = open_window(qtbot, ui_ctx)
    assert desk.settings().placeholder_status_url
    label = window.status_bar.status_url_label
    assert not label.isHidden()
    assert label.text() == "Documents carry a placeholder status address"
    assert desk.settings().public_status_url in label.toolTip()
    assert "#b00020" in label.styleSheet()
    boss = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="boss", name="主任", role="supervisor", password="secret12"
    )
    use_settings(window, desk, boss.id, public_status_url="https://zwfw.sd.gov.cn/status")
    qtbot.waitUntil(label.isHidden)
    use_settings(window, desk, boss.id, public_status_url="https://status.example.gov.cn/")
    qtbot.waitUntil(lambda: not label.isHidden())


def test_printing_from_the_main_windows_preview_updates_the_case_detail(
    qtbot, tmp_path, ui_ctx, desk, clerk, applicant
) -> None:
    desk.update_settings(
        desk.settings().replace(printer=f"folder:{tmp_path / 'printed'}"), actor_id=clerk.id
    )
    case = accepted_case(desk, clerk, applicant)
    desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    window = open_window(qtbot, ui_ctx)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.model.case_id(0) == case.id)
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    detail: Any = window.pages["detail"]
    assert window.stack.currentWidget() is detail
    qtbot.waitUntil(lambda: detail.case is not None and detail.documents.rowCount() == 1)
    printed_col = detail.documents.COLUMNS.index("printed")
    assert detail.documents.data(detail.documents.index(0, printed_col)) == "0"
    detail.preview_selected()  # the detail asks the main window for the preview
    from clerk_desk.ui.preview import PreviewDialog

    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(PreviewDialog)))
    dialog = next(d for d in window.findChildren(PreviewDialog) if d.isVisible())
    assert dialog.parent() is window
    qtbot.waitUntil(lambda: dialog.pdf.pageCount() == 1, timeout=SLOW)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.status.text() == "Printed.", timeout=SLOW)
    qtbot.waitUntil(lambda: detail.documents.data(detail.documents.index(0, printed_col)) == "1")
    dialog.reject()


# -- by keyboard alone: keys go to whatever has the focus, as a clerk types them --


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key, modifier)


def commit(widget: QWidget, text: str) -> None:
    """Chinese text as an input method commits it (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def active(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    """What the window manager does for a window that opens or comes back (offscreen does not)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_a_case_is_found_opened_and_reprinted_by_keyboard(
    qtbot, ui_ctx, desk, clerk, applicant
) -> None:
    case = accepted_case(desk, clerk, applicant)
    (receipt,) = desk.documents.for_case(case.id)  # made with the acceptance
    other = desk.applicants.register_person(
        actor_id=clerk.id, name="李四", id_number=resident_id("37083019900303123"), phone=""
    )
    accepted_case(desk, clerk, other)
    window = open_window(qtbot, ui_ctx)
    active(qtbot, window)
    qtbot.waitUntil(lambda: window.model.total() == 2)

    # Ctrl+F, the name, Enter: the list holds the one case; Tab goes to it.
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is window.search
    commit(focused(), applicant.name)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.total() == 1 and window.model.case_id(0) == case.id)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.table

    # Enter opens the case; the page takes the keyboard, on its documents.
    press(qtbot, Qt.Key.Key_Return)
    detail: Any = window.pages["detail"]
    assert window.stack.currentWidget() is detail
    qtbot.waitUntil(lambda: detail.case is not None and detail.case.id == case.id)
    qtbot.waitUntil(lambda: not detail.is_busy())
    assert focused() is detail.documents_view
    assert detail.selected_document().id == receipt.id

    # Its keys work: Ctrl+Shift+P reprints, and the copy opens in the preview.
    with qtbot.waitSignal(detail.preview_requested, timeout=SLOW) as asked:
        press(qtbot, Qt.Key.Key_P, CTRL_SHIFT)
    (copy,) = asked.args[0]
    assert (copy.original_id, copy.reprint) == (receipt.id, 1)
    assert [d.reprint for d in desk.documents.for_case(case.id)] == [0, 1]
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(PreviewDialog)))
    preview = next(d for d in window.findChildren(PreviewDialog) if d.isVisible())
    active(qtbot, preview)
    assert focused().window() is preview
    press(qtbot, Qt.Key.Key_Escape)  # closes the preview
    qtbot.waitUntil(lambda: not preview.isVisible())
    active(qtbot, window)
    assert focused() is detail.documents_view  # where the clerk was

    # Esc: back on the list, the case's row still selected; Tab leaves the table.
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is window.table
    rows = window.table.selectionModel().selectedRows()
    assert [window.model.case_id(r.row()) for r in rows] == [case.id]
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not window.table
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is window.table
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is window.search

    # Ctrl+O opens the selected case the same way.
    press(qtbot, Qt.Key.Key_O, CTRL)
    qtbot.waitUntil(lambda: not detail.is_busy())
    assert focused() is detail.documents_view


def test_a_step_is_taken_by_keyboard_on_a_case_without_documents(
    qtbot, ui_ctx, desk, clerk, applicant
) -> None:
    desk.intake.during_outcome.clear()  # a case from before documents came with the outcome
    case = accepted_case(desk, clerk, applicant)
    window = open_window(qtbot, ui_ctx)
    active(qtbot, window)
    qtbot.waitUntil(lambda: window.model.case_id(0) == case.id)
    press(qtbot, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(focused(), applicant.phone)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.total() == 1 and window.model.case_id(0) == case.id)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)
    detail: Any = window.pages["detail"]
    qtbot.waitUntil(lambda: detail.case is not None and not detail.is_busy())
    # No documents: the keyboard is on the first step offered.
    assert focused() is detail.step_buttons["start"]
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: desk.cases.get(case.id).state is CaseState.IN_PROGRESS)
    # The page's own keys: Ctrl+Shift+M makes the documents it is missing.
    qtbot.waitUntil(lambda: not detail.is_busy())
    assert focused().window() is window and detail.isAncestorOf(focused())
    with qtbot.waitSignal(detail.preview_requested, timeout=SLOW):
        press(qtbot, Qt.Key.Key_M, CTRL_SHIFT)
    assert len(desk.documents.for_case(case.id)) == 1
    for preview in window.findChildren(PreviewDialog):
        preview.reject()


def test_ctrl_o_without_a_selected_case_says_so(qtbot, ui_ctx, desk, clerk, applicant) -> None:
    window = open_window(qtbot, ui_ctx)
    active(qtbot, window)
    qtbot.waitUntil(lambda: ui_ctx.runner.pending == 0)
    assert window.model.total() == 0
    press(qtbot, Qt.Key.Key_O, CTRL)
    assert window.stack.currentWidget() is window.intake
    assert "No case is selected" in window.statusBar().currentMessage()


# -- the lists say what the colours mean ---------------------------------------


def test_the_list_says_the_time_left_and_the_acceptance_date_as_text(
    qtbot, chinese, ui_ctx, desk, clerk, applicant
) -> None:
    case = accepted_case(desk, clerk, applicant)
    window = open_window(qtbot, ui_ctx)
    qtbot.waitUntil(lambda: window.model.case_id(0) is not None)
    model = window.model
    text = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert case.accepted_on is not None and case.due_on is not None
    assert text[column("accepted")] == case.accepted_on.isoformat()
    assert text[column("due")] == "剩余20个工作日"
    tip = model.data(model.index(0, column("due")), Qt.ItemDataRole.ToolTipRole)
    assert tip == f"承诺办结日期：{case.due_on.isoformat()}"
    assert (
        model.data(model.index(0, column("item")), Qt.ItemDataRole.ToolTipRole)
        == text[column("item")]
    )


def test_days_left_words_follow_the_glossary(qtbot, chinese) -> None:
    assert days_left_words(3) == "剩余3个工作日"
    assert days_left_words(-2) == "超期2个工作日"
    assert days_left_words(0) == "今日到期"


def test_a_selected_row_keeps_its_supervision_colour(
    qtbot, ui_ctx, desk, clerk, applicant, clock
) -> None:
    accepted_case(desk, clerk, applicant)
    clock.set(clock.now() + timedelta(days=60))  # long past its due date: red
    window = open_window(qtbot, ui_ctx)
    qtbot.waitUntil(lambda: window.model.case_id(0) is not None)
    model, table = window.model, window.table
    index = model.index(0, column("applicant"))
    assert model.data(index, LEVEL_ROLE) is DueLevel.RED
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == LEVEL_COLOURS[DueLevel.RED]
    assert model.data(model.index(0, column("due"))) == "23 working day(s) overdue"
    due = model.index(0, column("due"))
    assert model.data(due, Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_TEXT
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is None

    def pixel() -> int:
        rect = table.visualRect(index)
        image = table.viewport().grab().toImage()
        return image.pixelColor(rect.right() - 3, rect.center().y()).rgb()

    assert pixel() == LEVEL_COLOURS[DueLevel.RED].rgb()
    table.selectRow(0)
    qtbot.waitUntil(lambda: pixel() == SELECTED_LEVEL_COLOURS[DueLevel.RED].rgb())
    # Not the selection's own colour: the row still reads as red.
    assert pixel() != table.palette().color(QPalette.ColorRole.Highlight).rgb()


def test_the_promise_and_earlier_draft_tabs(
    qtbot, chinese, ui_ctx, desk, clerk, applicant, clock
) -> None:
    promised = tolerant_case(desk, clerk, applicant)  # promised by 30 November
    draft = desk.intake.start(
        clerk_id=clerk.id, item_code="370830104-MZ-001", applicant_id=applicant.id
    )
    clock.set(datetime(2026, 11, 30, 9, 0, tzinfo=CHINA_TZ))  # the promise is due today
    supervisor = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="boss", name="赵主任", role="supervisor", window=""
    )
    window = open_window(qtbot, ui_ctx)
    # A clerk has no tab of earlier drafts; a supervisor has.
    assert "往日暂存" not in [window.tabs.tabText(i) for i in range(window.tabs.count())]
    qtbot.waitUntil(lambda: window.tabs.tabText(6) == "容缺（1）")
    window.tabs.setCurrentIndex(6)
    qtbot.waitUntil(lambda: window.model.case_id(0) == promised.id and window.model.total() == 1)
    tip = window.model.data(window.model.index(0, column("state")), Qt.ItemDataRole.ToolTipRole)
    assert tip == "承诺2026-11-30前补齐所缺材料"

    window.close()
    ui_ctx.login.set(supervisor)
    boss = open_window(qtbot, ui_ctx)
    qtbot.waitUntil(lambda: boss.tabs.tabText(7) == "往日暂存（1）")
    boss.tabs.setCurrentIndex(7)
    qtbot.waitUntil(lambda: boss.model.total() == 1 and boss.model.case_id(0) == draft.id)
    # Opened from the list, the 暂存 can be taken up in the intake or closed (撤回).
    boss.table.activated.emit(boss.model.index(0, 0))
    detail = boss.pages["detail"]
    qtbot.waitUntil(lambda: boss.stack.currentWidget() is detail)
    qtbot.waitUntil(lambda: detail.step_buttons["withdraw"].isVisible())  # type: ignore[attr-defined]
    assert detail.intake_button.isVisible()  # type: ignore[attr-defined]


def test_a_long_item_name_is_shown_in_full_under_the_list(
    qtbot, chinese, ui_ctx, desk, clerk, applicant
) -> None:
    catalog = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    longest = max(catalog["items"], key=lambda i: len(i["name"]))
    assert longest["name"] == "困难残疾人生活补贴和重度残疾人护理补贴申请"
    desk.intake.start(clerk_id=clerk.id, item_code=longest["code"], applicant_id=applicant.id)
    window = open_window(qtbot, ui_ctx)
    qtbot.waitUntil(lambda: window.model.case_id(0) is not None)
    table, fm = window.table, window.table.fontMetrics()
    # Cut in its column at 1366x768 (the intake keeps its room) ...
    assert fm.horizontalAdvance(longest["name"]) > table.columnWidth(column("item"))
    assert window.current_item.text() == ""
    # ... and in full under the list for the current row, not only on the tooltip.
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.current_item.text() == longest["name"])
    assert window.current_item.isVisible()
    assert window.current_item.width() >= fm.horizontalAdvance(longest["name"])


def test_a_village_agent_has_one_list_their_own(qtbot, ui_ctx, desk, clerk, applicant) -> None:  # type: ignore[no-untyped-def]
    agent = make_agent(desk, clerk)
    collected = agent_case(desk, agent, clerk, NAMES[1], "37083019750505202")
    accepted_case(desk, clerk, applicant)  # the township's own case: not the agent's
    ui_ctx.login.set(agent)
    window = open_window(qtbot, ui_ctx)
    assert window.tabs.count() == 1
    qtbot.waitUntil(lambda: window.model.total() == 1)
    assert window.model.case_id(0) == collected.id


def test_a_supervisor_sees_every_list_tab_at_1366x768_in_chinese(
    qtbot, chinese, ui_ctx, desk, clerk
) -> None:  # type: ignore[no-untyped-def]
    boss = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="boss", name="赵主任", role="supervisor", window=""
    )
    ui_ctx.login.set(boss)
    window = open_window(qtbot, ui_ctx)
    tabs = window.tabs
    assert tabs.count() == 8
    qtbot.waitUntil(lambda: tabs.tabText(7).startswith("往日暂存（"))
    QApplication.processEvents()
    # Every tab whole on the bar: no scroll buttons, none cut.
    last = tabs.tabRect(tabs.count() - 1)
    assert last.right() <= tabs.width(), (last, tabs.width())
    for i in range(tabs.count()):
        assert tabs.tabRect(i).width() >= tabs.fontMetrics().horizontalAdvance(tabs.tabText(i))
