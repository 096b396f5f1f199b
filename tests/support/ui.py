"""Shared fixtures and helpers of the widget tests (pytest-qt, offscreen, real database).

A test module brings the ``ui_ctx`` fixture in by importing ``ui_ctx_fixture``.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QTranslator
from PySide6.QtGui import (
    QFontMetrics,
    QTextCursor,
    QTextTable,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
)

from clerk_desk import tracking_numbers
from clerk_desk.applicants import ApplicantRecord
from clerk_desk.cases import CaseView
from clerk_desk.desk import Desk
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.lifecycle import CaseState
from clerk_desk.staff import StaffRecord
from clerk_desk.ui import app as ui_app
from clerk_desk.ui.case_list_model import CaseListModel, state_name
from clerk_desk.ui.catalog_browser import CatalogBrowser
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.main_window import MainWindow
from clerk_desk.ui.settings_dialog import SettingsDialog
from clerk_desk.ui.tasks import TaskRunner
from support.intake import KEY, LOW_INCOME, NO

# Rendering the first PDF loads the fonts: allow it some time on a slow machine.
SLOW = 30_000


@pytest.fixture(name="ui_ctx")
def ui_ctx_fixture(desk: Desk, clerk: StaffRecord, qtbot) -> Iterator[UiContext]:  # type: ignore[no-untyped-def]
    """A UiContext with the demo clerk logged in; waits for every task at teardown."""
    ctx = UiContext(desk, TaskRunner())
    ctx.login.set(clerk)
    yield ctx
    # Every callback delivered (pending counts down on the GUI thread) before
    # the widgets go away, then the worker threads stop.
    qtbot.waitUntil(lambda: ctx.runner.pending == 0, timeout=SLOW)
    ctx.runner.shutdown()


def login_as(ctx: UiContext, staff: StaffRecord) -> UiContext:
    ctx.login.set(staff)
    return ctx


def make_admin(desk: Desk, clerk: StaffRecord) -> StaffRecord:
    """The centre's first admin (made by the system, as the command line does).

    It disables the demo account, as the first real admin does.
    """
    return desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="boss", name="主任", role="admin", password="secret12"
    )


def accepted_case(desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord) -> CaseView:
    """A 低保 case with every material received, accepted today."""
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    return desk.intake.accept(case_id=case.id, clerk_id=clerk.id)


def tolerant_case(desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord) -> CaseView:
    """A 低保 case accepted with the (non-key) disability certificate promised."""
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(
        case_id=case.id, clerk_id=clerk.id, answers={**NO, "has_disabled_member": True}
    )
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY, missing=["disability"])
    return desk.intake.tolerant_accept(
        case_id=case.id, clerk_id=clerk.id, promise_date=date(2026, 11, 30)
    )


# -- at 200% ----------------------------------------------------------------------
# Qt reads the scale factor when QApplication starts, so a scaled check runs in
# a process of its own. Its script starts after this prelude, with ``app`` and
# a fresh embedded-default ``desk`` and ``ctx`` (the demo clerk logged in, zh_CN).
SCALED_PRELUDE = """
import sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtWidgets import QApplication
app = QApplication([])
assert app.devicePixelRatio() == 2, app.devicePixelRatio()
from support.ui import scaled_desk
desk, ctx = scaled_desk(app)
"""


def scaled_desk(app) -> tuple[Desk, UiContext]:  # type: ignore[no-untyped-def]
    from clerk_desk.first_run import ensure_ready
    from clerk_desk.ui.app import install_translators

    desk = Desk.open(Path(tempfile.mkdtemp()))
    ensure_ready(desk)
    install_translators(app, "zh_CN")
    ctx = UiContext(desk, TaskRunner())
    ctx.login.set(desk.staff.by_login("demo"))
    return desk, ctx


def run_at_200_percent(script: str) -> str:
    """Run ``script`` (after SCALED_PRELUDE) offscreen at 200%; its printed answer."""
    proc = subprocess.run(
        [sys.executable, "-c", SCALED_PRELUDE + script, str(Path(__file__).parent.parent)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def wait_for(condition: Callable[[], bool], seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    while not condition():
        QCoreApplication.processEvents()
        if time.monotonic() > end:
            raise AssertionError("timed out waiting")
        time.sleep(0.01)


@contextmanager
def chinese_translator() -> Iterator[None]:
    """The app's Chinese translation installed for the block."""
    app = QApplication.instance()
    translator = QTranslator()
    assert translator.load(str(ZH_QM))
    app.installTranslator(translator)
    try:
        yield
    finally:
        app.removeTranslator(translator)


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


def check_guide_table(browser: CatalogBrowser) -> None:
    """The materials table reads well across the counter: nothing one character a line."""
    guide = browser.guide
    table = materials_table(browser)
    stored = browser.current_item()
    assert stored is not None
    materials = stored.item.materials
    assert table.rows() == 1 + len(materials)
    fm = QFontMetrics(guide.document().defaultFont())
    name_column = 1
    # Number, form, copies and key, and every heading, each on one line.
    for row in range(table.rows()):
        for column in range(table.columns()):
            if column == name_column and row > 0:
                continue
            lines, _width = cell_lines(table, row, column)
            assert lines == 1, (row, column, cell_text(table, row, column))
    # The name column takes the width: each name in as few lines as its length needs.
    for row, material in enumerate(materials, 1):
        lines, width = cell_lines(table, row, name_column, len(material.name))
        assert width >= fm.horizontalAdvance("最低生活保障申请"), width
        needed = math.ceil(fm.horizontalAdvance(material.name) / width)
        assert lines <= needed + 1, (material.name, lines, width)
    # All of it on screen: no sideways scrolling.
    assert guide.horizontalScrollBar().maximum() == 0
    assert guide.document().size().width() <= guide.viewport().width() + 1


def open_guide(window: MainWindow) -> CatalogBrowser:
    action = next(a for a in window.actions() if a.objectName() == "action_catalog")
    action.trigger()
    browser = window.pages["catalog"]
    assert isinstance(browser, CatalogBrowser)
    wait_for(browser.is_ready)
    browser.search("低保")
    wait_for(lambda: browser.current_item() is not None)
    QCoreApplication.processEvents()
    return browser


def assert_columns_fit(window: MainWindow) -> None:
    table = window.table
    fm = table.fontMetrics()
    # What a cell's text gets: its width less the style's text margins, and a
    # little air so that a glyph a pixel wider than measured does not elide.
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1

    def room(name: str) -> int:
        return table.columnWidth(column(name)) - 2 * margin - 4

    # Wide enough for the longest state name and any tracking number.
    longest = max((state_name(s) for s in CaseState), key=fm.horizontalAdvance)
    assert fm.horizontalAdvance(longest) <= room("state"), longest
    # Either form: the numeric one, and an old 13-symbol one an old store holds.
    today = window._ctx.desk.clock.today()
    for number, symbols in (
        (tracking_numbers.compose("00000", today, 1), "0123456789"),
        (tracking_numbers.legacy_compose("222222", today, 0), tracking_numbers.LEGACY_ALPHABET),
    ):
        widest = max(symbols, key=fm.horizontalAdvance)
        shown = tracking_numbers.display(number)
        worst = "".join(c if c not in symbols else widest for c in shown)
        assert fm.horizontalAdvance(worst) <= room("tracking"), worst
    # A clerk's name of five characters, the demo's 演示窗口员 (in the window's language font).
    assert fm.horizontalAdvance("演示窗口员") <= room("clerk")
    # Every column on screen: none behind a horizontal scroll bar.
    used = sum(table.columnWidth(c) for c in range(len(CaseListModel.COLUMNS)))
    assert used <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    last = len(CaseListModel.COLUMNS) - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= (
        table.viewport().width()
    )
    # The item's name gets what is left, and that is still a name's worth.
    assert table.columnWidth(column("item")) >= fm.horizontalAdvance("最低生活保障")


ZH_QM = Path(ui_app.__file__).parent / "i18n" / "clerk_desk_zh_CN.qm"


def materials_table(browser: CatalogBrowser) -> QTextTable:
    """The guide's materials table (the one headed by the number column)."""
    doc = browser.guide.document()
    doc.documentLayout().documentSize()  # laid out now
    number_head = QCoreApplication.translate("CatalogBrowser", "No.")
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable) and cell_text(frame, 0, 0) == number_head:
            return frame
    raise AssertionError("no materials table in the guide")


def cell_text(table: QTextTable, row: int, column: int) -> str:
    cell = table.cellAt(row, column)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def cell_lines(table: QTextTable, row: int, column: int, chars: int = 0) -> tuple[int, float]:
    """How many lines the cell's first ``chars`` characters take (0: all of its first
    paragraph), and the width the cell gives them."""
    block = table.cellAt(row, column).firstCursorPosition().block()
    layout = block.layout()
    lines = [layout.lineAt(i) for i in range(layout.lineCount())]
    if chars:
        lines = [line for line in lines if line.textStart() < chars]
    return len(lines), layout.lineAt(0).width()


def column(name: str) -> int:
    return CaseListModel.COLUMNS.index(name)


class Heard:
    """Every signal named of a QObject (a controller), in the order it came."""

    def __init__(self, source: QObject, names: Sequence[str]) -> None:
        self.signals: list[tuple[str, tuple[object, ...]]] = []
        for name in names:
            getattr(source, name).connect(
                lambda *args, name=name: self.signals.append((name, args))
            )

    def names(self) -> list[str]:
        return [name for name, _ in self.signals]

    def last(self, name: str) -> tuple[object, ...]:
        return [args for n, args in self.signals if n == name][-1]

    def clear(self) -> None:
        self.signals.clear()
