"""The handover page through real widgets: the agent makes a list, the township receives it."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import cast

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QStyle,
    QTableView,
    QWidget,
)
from support.handover import (
    CARRIED,
    CARRIED_NAMES,
    IDS,
    NAMES,
    VILLAGE,
    agent_case,
    agent_disability_case,
    handover_service,
    make_agent,
)
from support.printing import squash, text_pypdf
from support.ui import chinese_translator

from clerk_desk.case_documents import DocumentKind
from clerk_desk.desk import Desk
from clerk_desk.handover import HandoverService
from clerk_desk.lifecycle import CaseState
from clerk_desk.staff import StaffRecord
from clerk_desk.ui.app import default_pages
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.handover_models import ELASTIC
from clerk_desk.ui.handover_page import HandoverPage
from clerk_desk.ui.main_window import MainWindow
from clerk_desk.ui.ops import OpChanges
from clerk_desk.ui.preview import PreviewDialog
from clerk_desk.ui.table_model import RowTableModel
from clerk_desk.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui

Key = Qt.Key
Mod = Qt.KeyboardModifier
USER = Qt.ItemDataRole.UserRole


def commit(widget: QWidget, text: str) -> None:
    """Chinese text as an input method commits it (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def agent(desk: Desk, clerk: StaffRecord) -> StaffRecord:
    return make_agent(desk, clerk)


@pytest.fixture
def carried(desk: Desk, clerk: StaffRecord, agent: StaffRecord):
    return [agent_case(desk, agent, clerk, n, b) for n, b in zip(NAMES, IDS, strict=True)]


@pytest.fixture
def service(desk: Desk) -> HandoverService:
    return handover_service(desk)


@pytest.fixture
def open_page(qtbot, desk: Desk, service: HandoverService) -> Iterator[Callable[..., HandoverPage]]:
    """Opens a handover page for a staff member, each with its own context and runner."""
    contexts: list[UiContext] = []

    def open_for(staff: StaffRecord) -> HandoverPage:
        ctx = UiContext(desk, TaskRunner())
        ctx.login.set(staff)
        contexts.append(ctx)
        page = HandoverPage(ctx, service)
        qtbot.addWidget(page)
        page.show()
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        qtbot.waitUntil(lambda: ctx.runner.pending == 0)  # the lists are loaded
        return page

    yield open_for
    for ctx in contexts:
        qtbot.waitUntil(lambda c=ctx: c.runner.pending == 0)
        ctx.runner.shutdown()


def test_agent_makes_a_list_and_the_township_receives_it(
    qtbot, qtmodeltester, open_page, service, desk, clerk, agent, carried
) -> None:
    page = open_page(agent)
    assert page.agent_mode
    assert page.pending.rowCount() == 3
    qtmodeltester.check(page.pending)
    assert page.pending.data(page.pending.index(0, 1)) == NAMES[0]  # on screen: in full
    # Materials carried, each with its copies: the originals verified and handed back
    # stay with the applicant. The tooltip names them as the printed list does.
    materials = page.pending.index(0, 3)
    assert page.pending.data(materials) == f"{len(CARRIED)} items, {len(CARRIED)} copies"
    assert page.pending.data(materials, Qt.ItemDataRole.ToolTipRole).splitlines() == [
        f"{name}（原件1份）" for name in CARRIED_NAMES
    ]

    # Tick the first two by keyboard, name the village point, Ctrl+H.
    view = page.pending_view
    view.setFocus()
    qtbot.keyClick(view, Key.Key_Space)
    qtbot.keyClick(view, Key.Key_Down)
    qtbot.keyClick(view, Key.Key_Space)
    assert page.pending.ticked() == [c.id for c in carried[:2]]
    page.village_edit.setFocus()
    commit(page.village_edit, VILLAGE)
    with qtbot.waitSignal(page.batch_created) as created:
        qtbot.keyClick(page.village_edit, Key.Key_H, Mod.ControlModifier)
    batch = created.args[0]
    assert batch.tracking_numbers == tuple(c.tracking_number for c in carried[:2])
    assert [b.batch_number for b in service.batches(agent.id)] == [batch.batch_number]
    assert page.error_label.text() == ""
    assert batch.batch_number in page.status_label.text()

    # The list opens in the preview (non-blocking) with the kept PDF.
    preview = page.preview
    assert preview is not None and preview.isVisible()
    qtbot.waitUntil(lambda: page._ctx.runner.pending == 0)
    assert preview.pdf.pageCount() >= 1
    assert preview.current().id == batch.document_id
    preview.reject()
    qtbot.waitUntil(lambda: page.preview is None)

    # The two went on the list; the third is still to carry.
    assert page.pending.rowCount() == 1
    assert page.batches.rowCount() == 1
    qtmodeltester.check(page.batches)
    assert page.batches.data(page.batches.index(0, 4)) == "Not received"

    # At the township counter: type the number, Enter, check, Ctrl+Enter.
    town = open_page(clerk)
    assert not town.agent_mode
    assert town.batches.rowCount() == 1
    town.batch_edit.setFocus()
    qtbot.keyClicks(town.batch_edit, batch.batch_number)
    qtbot.keyClick(town.batch_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: town.current_batch is not None)
    assert town.batch_cases.rowCount() == 2
    qtmodeltester.check(town.batch_cases)
    assert town.receive_button.isEnabled()
    assert "Ctrl+Enter" in town.receive_button.toolTip()
    with qtbot.waitSignal(town.batch_received) as received:
        qtbot.keyClick(town.batch_edit, Key.Key_Return, Mod.ControlModifier)
    got = received.args[0]
    assert got.received and got.received_by_id == clerk.id
    assert service.batch(batch.batch_number).received
    assert not town.receive_button.isEnabled()
    assert "演示窗口员" in town.batches.data(town.batches.index(0, 4))
    for case in carried[:2]:
        assert desk.cases.timeline(case.id)[-1].action == "handed_over"
    # The received cases now wait for the township clerk's check and decision.
    qtbot.waitUntil(lambda: town.awaiting.rowCount() == 2)
    qtmodeltester.check(town.awaiting)
    agent_cell = town.awaiting.index(0, 3)
    assert town.awaiting.data(agent_cell) == "赵代办"
    assert town.awaiting.data(agent_cell, Qt.ItemDataRole.ToolTipRole) == f"赵代办 ({VILLAGE})"
    assert town.awaiting.data(town.awaiting.index(0, 5)) == "2026-11-30"  # 5 working days


def test_a_scanned_list_shows_and_a_received_one_cannot_be_received_again(
    qtbot, open_page, service, clerk, agent, carried
) -> None:
    batch, _ = service.create_batch(
        agent_id=agent.id, case_ids=[c.id for c in carried], village_point=VILLAGE
    )
    service.receive(batch_number=batch.batch_number, clerk_id=clerk.id)
    town = open_page(clerk)
    # A keyboard-wedge scanner types the QR text and presses Enter.
    numbers = ",".join(batch.tracking_numbers)
    qtbot.keyClicks(town.batch_edit, f"CLERKDESK-HANDOVER/1;batch={batch.batch_number};n={numbers}")
    qtbot.keyClick(town.batch_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: town.current_batch is not None)
    assert town.batch_edit.text() == batch.batch_number
    assert town.batch_cases.rowCount() == 3
    assert not town.receive_button.isEnabled()
    assert "演示窗口员" in town.batch_label.text()
    # Ctrl+Enter on a received list does nothing but say so.
    qtbot.keyClick(town.batch_edit, Key.Key_Return, Mod.ControlModifier)
    qtbot.waitUntil(lambda: town._ctx.runner.pending == 0)
    assert "already been received" in town.status_label.text()


def test_mistakes_show_in_red_and_change_nothing(
    qtbot, open_page, service, desk, clerk, agent, carried
) -> None:
    page = open_page(agent)
    qtbot.keyClick(page.pending_view, Key.Key_H, Mod.ControlModifier)
    assert "Tick the cases" in page.error_label.text()
    assert "#b00020" in page.error_label.styleSheet()
    page.pending.toggle(0)
    page.village_edit.clear()
    qtbot.keyClick(page.pending_view, Key.Key_H, Mod.ControlModifier)
    assert "village point" in page.error_label.text()
    assert service.batches() == []

    town = open_page(clerk)
    qtbot.keyClicks(town.batch_edit, "HO-ZZZZ-20261123-09")
    qtbot.keyClick(town.batch_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: town.error_label.text() != "")
    assert "no handover list" in town.error_label.text()
    assert town.current_batch is None and not town.receive_button.isEnabled()
    town.batch_edit.clear()
    qtbot.keyClicks(town.batch_edit, "not a number")
    qtbot.keyClick(town.batch_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: "not a handover batch number" in town.error_label.text())


@pytest.fixture
def open_window(qtbot, desk: Desk) -> Iterator[Callable[[StaffRecord], MainWindow]]:
    """The real main window with every page, for a staff member."""
    contexts: list[UiContext] = []

    def open_for(staff: StaffRecord) -> MainWindow:
        ctx = UiContext(desk, TaskRunner())
        ctx.login.set(staff)
        contexts.append(ctx)
        window = MainWindow(ctx, pages=default_pages())
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(lambda: window.intake.item_index() is not None)
        return window

    yield open_for
    for ctx in contexts:
        qtbot.waitUntil(lambda c=ctx: c.runner.pending == 0)
        ctx.runner.shutdown()


def press(qtbot, window: MainWindow, key: Qt.Key) -> None:
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused if focused is not None else window, key)


def test_a_case_the_agent_collects_at_the_intake_is_on_the_handover_page(
    qtbot, open_window, desk, clerk, agent, applicant
) -> None:
    window = open_window(agent)
    page = window.pages["handover"]
    assert isinstance(page, HandoverPage)
    press(qtbot, window, Key.Key_F7)
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: window._ctx.runner.pending == 0)
    assert page.pending.rowCount() == 0

    # F2, and the agent takes a 低保 case through the intake's widgets.
    press(qtbot, window, Key.Key_F2)
    intake = window.intake
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.id_edit)
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.letter_edit)
    commit(intake.letter_edit, "授权委托书 2026-11-20 申请人签字")
    qtbot.keyClick(intake.letter_edit, Key.Key_Return)
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.questions_view)
    # Y for "by proxy" (the agent acts for the applicant), N for the others.
    questions = intake.questions
    for _ in range(questions.rowCount()):
        row = questions.first_unanswered()
        if row is None:
            break
        asked = questions.data(questions.index(row), Qt.ItemDataRole.UserRole)
        intake.questions_view.setCurrentIndex(questions.index(row))
        qtbot.keyClick(intake.questions_view, Key.Key_Y if asked == "by_proxy" else Key.Key_N)
    qtbot.waitUntil(lambda: intake.checklist.rowCount() > 0)
    qtbot.keyClick(intake.checklist_view, Key.Key_A, Mod.ControlModifier)
    qtbot.keyClick(intake.checklist_view, Key.Key_Return, Mod.ControlModifier)
    # The receipt names the village point of the agent's account: nothing more is asked.
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(PreviewDialog)))
    accepted = intake.case
    assert accepted is not None
    next(d for d in window.findChildren(PreviewDialog) if d.isVisible()).reject()
    assert [c.id for c in desk.handover.pending(agent.id)] == [accepted.id]

    # F7: the page shows what the service says, without anything else done.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, Key.Key_F7)
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.pending.rowCount() == 1)
    assert page.pending.data(page.pending.index(0, 0), Qt.ItemDataRole.UserRole) == accepted.id

    # A case changing while the page is on screen shows at once too.
    other = agent_case(desk, agent, clerk, NAMES[1], IDS[1])
    window._ctx.changes.publish(OpChanges.of_case(other))
    qtbot.waitUntil(lambda: page.pending.rowCount() == 2)


def test_the_township_clerk_sees_a_new_batch_when_the_page_is_shown_again(
    qtbot, open_window, service, clerk, agent, carried
) -> None:
    window = open_window(clerk)
    page = window.pages["handover"]
    assert isinstance(page, HandoverPage)
    press(qtbot, window, Key.Key_F7)
    qtbot.waitUntil(lambda: window._ctx.runner.pending == 0)
    assert page.batches.rowCount() == 0
    batch, _ = service.create_batch(
        agent_id=agent.id, case_ids=[c.id for c in carried], village_point=VILLAGE
    )
    press(qtbot, window, Key.Key_F2)
    press(qtbot, window, Key.Key_F7)
    qtbot.waitUntil(lambda: page.batches.rowCount() == 1)
    assert page.batches.batch_at(0).batch_number == batch.batch_number


# -- by keyboard alone: keys go to whatever has the focus, as a clerk types them --


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def key(qtbot, k: Qt.Key, modifier=Mod.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), k, modifier)


def test_the_township_clerk_scans_and_receives_by_keyboard(
    qtbot, open_window, service, clerk, agent, carried
) -> None:
    first, _ = service.create_batch(
        agent_id=agent.id, case_ids=[c.id for c in carried[:2]], village_point=VILLAGE
    )
    second, _ = service.create_batch(
        agent_id=agent.id, case_ids=[carried[2].id], village_point=VILLAGE
    )
    window = open_window(clerk)
    page = window.pages["handover"]
    key(qtbot, Key.Key_F7)
    assert window.stack.currentWidget() is page
    # F7 puts the keyboard where a QR scanner types: it types the code's text, then Enter.
    assert focused() is page.batch_edit
    numbers = ",".join(first.tracking_numbers)
    qtbot.keyClicks(focused(), f"CLERKDESK-HANDOVER/1;batch={first.batch_number};n={numbers}")
    key(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: page.current_batch is not None)
    assert page.current_batch.batch_number == first.batch_number
    with qtbot.waitSignal(page.batch_received):
        key(qtbot, Key.Key_Return, Mod.ControlModifier)
    assert service.batch(first.batch_number).received
    # Received: its button is off, and so is its key; nothing red, nothing asked.
    assert not page.receive_button.isEnabled() and not page.receive_action.isEnabled()
    with qtbot.assertNotEmitted(page.batch_received):
        key(qtbot, Key.Key_Return, Mod.ControlModifier)
        qtbot.waitUntil(lambda: page._ctx.runner.pending == 0)
    assert page.error_label.text() == ""

    # Elsewhere and back: F7 again, and the next number typed replaces the last.
    key(qtbot, Key.Key_F2)
    key(qtbot, Key.Key_F7)
    assert focused() is page.batch_edit
    qtbot.keyClicks(focused(), second.batch_number)
    key(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: page.current_batch.batch_number == second.batch_number)
    assert page.receive_action.isEnabled()

    # Tab goes on from part to part (never cell by cell); Enter on a recent list shows it.
    key(qtbot, Key.Key_Tab)
    assert focused() is page.batch_cases_view
    key(qtbot, Key.Key_Tab)
    assert focused() is page.receive_button
    key(qtbot, Key.Key_Tab)
    assert focused() is page.awaiting_view
    assert page.awaiting.rowCount() == 2  # the first list's cases, received
    key(qtbot, Key.Key_Tab)
    assert focused() is page.batches_view
    rows = [page.batches.batch_at(r).batch_number for r in range(page.batches.rowCount())]
    assert (
        cast(QAbstractItemView, page.batches_view).currentIndex().row() == 0
    )  # Tab put the keyboard on the first
    for _ in range(rows.index(first.batch_number)):
        key(qtbot, Key.Key_Down)
    key(qtbot, Key.Key_Return)
    assert page.current_batch.batch_number == first.batch_number
    assert not page.receive_action.isEnabled()  # received already
    key(qtbot, Key.Key_Home, Mod.ControlModifier)  # the first row
    for _ in range(rows.index(second.batch_number)):
        key(qtbot, Key.Key_Down)
    key(qtbot, Key.Key_Return)
    assert page.current_batch.batch_number == second.batch_number
    with qtbot.waitSignal(page.batch_received):
        key(qtbot, Key.Key_Return, Mod.ControlModifier)
    assert service.batch(second.batch_number).received
    assert page.error_label.text() == ""


def test_the_agent_ticks_names_and_makes_a_list_by_keyboard(
    qtbot, open_window, service, agent, carried
) -> None:
    window = open_window(agent)
    page = window.pages["handover"]
    key(qtbot, Key.Key_F7)
    qtbot.waitUntil(lambda: page.pending.rowCount() == 3)
    assert focused() is page.pending_view
    pending_view = cast(QAbstractItemView, page.pending_view)  # `is` above narrowed it for mypy
    qtbot.waitUntil(lambda: pending_view.currentIndex().isValid())
    key(qtbot, Key.Key_Space)
    key(qtbot, Key.Key_Down)
    key(qtbot, Key.Key_Space)
    assert page.pending.ticked() == [c.id for c in carried[:2]]
    # Tab leaves the table for the village point; Alt+V goes there too.
    key(qtbot, Key.Key_Tab)
    assert focused() is page.village_edit
    key(qtbot, Key.Key_Tab, Mod.ShiftModifier)
    assert focused() is page.pending_view
    key(qtbot, Key.Key_V, Mod.AltModifier)
    assert focused() is page.village_edit
    assert "Alt+V" in page.village_edit.toolTip()
    cast(QLineEdit, focused()).clear()
    commit(focused(), VILLAGE)
    with qtbot.waitSignal(page.batch_created) as created:
        key(qtbot, Key.Key_H, Mod.ControlModifier)
    assert created.args[0].tracking_numbers == tuple(c.tracking_number for c in carried[:2])
    qtbot.waitUntil(lambda: page.preview is not None)
    page.preview.reject()


def test_the_township_checks_a_received_case_in_the_intake_and_decides(
    qtbot, open_window, service, desk, clerk, agent, carried
) -> None:
    batch, _ = service.create_batch(
        agent_id=agent.id, case_ids=[c.id for c in carried[:1]], village_point=VILLAGE
    )
    window = open_window(clerk)
    page = window.pages["handover"]
    key(qtbot, Key.Key_F7)
    qtbot.keyClicks(focused(), batch.batch_number)
    key(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: page.current_batch is not None)
    with qtbot.waitSignal(page.batch_received):
        key(qtbot, Key.Key_Return, Mod.ControlModifier)
    qtbot.waitUntil(lambda: page.awaiting.rowCount() == 1)
    assert "Enter opens it" in page.status_label.text()
    # Enter on the received case opens it in the intake, at its checklist.
    page.awaiting_view.setFocus()
    page.awaiting_view.setCurrentIndex(page.awaiting.index(0, 0))
    key(qtbot, Key.Key_Return)
    intake = window.intake
    qtbot.waitUntil(lambda: intake.case is not None and intake.case.id == carried[0].id)
    assert window.stack.currentWidget() is intake
    qtbot.waitUntil(lambda: focused() is intake.checklist_view)
    assert "赵代办" in intake.status_label.text()
    assert intake.accept_button.isVisible() and intake.accept_button.isEnabled()
    assert intake.notice_button.isEnabled() and not intake.collect_button.isVisible()
    # Everything arrived: Ctrl+Enter accepts it here, today.
    key(qtbot, Key.Key_Return, Mod.ControlModifier)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(PreviewDialog)))
    case = desk.cases.get(carried[0].id)
    assert case.state is CaseState.ACCEPTED and case.accepted_on == desk.clock.today()
    assert case.first_clerk.id == agent.id
    assert "through the village agent 赵代办" in intake.status_label.text()
    preview = next(d for d in window.findChildren(PreviewDialog) if d.isVisible())
    assert preview.current() is not None
    assert preview.current().kind is DocumentKind.ACCEPTANCE
    preview.reject()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    key(qtbot, Key.Key_F7)
    qtbot.waitUntil(lambda: page.awaiting.rowCount() == 0)


# -- in Chinese, at 1366x768 ---------------------------------------------------------


def assert_columns_fit(view: QTableView) -> None:
    """Every column shows its longest text whole: no horizontal scrolling, every column
    but the elastic one on one line, the elastic one wrapped into rows tall enough."""
    model = view.model()
    assert isinstance(model, RowTableModel)
    elastic = model.column_of(ELASTIC)
    fm = view.fontMetrics()
    # What a cell's text gets: its width less the style's text margins, and a little air
    # so that a glyph a pixel wider than measured does not elide (as for the case list).
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    assert model.rowCount() > 0, view.objectName()
    for column in range(model.columnCount()):
        room = view.columnWidth(column) - 2 * margin - 4
        texts = [str(model.data(model.index(row, column))) for row in range(model.rowCount())]
        if column == elastic:
            assert room >= fm.horizontalAdvance("最低生活保障申请"), view.objectName()
            for row, text in enumerate(texts):
                lines = math.ceil(fm.horizontalAdvance(text) / room)
                assert view.rowHeight(row) >= lines * fm.lineSpacing(), (text, room)
            continue
        header = str(model.headerData(column, Qt.Orientation.Horizontal))
        for text in [header, *texts]:
            assert fm.horizontalAdvance(text) <= room, (view.objectName(), text, room)
    used = sum(view.columnWidth(c) for c in range(model.columnCount()))
    assert used <= view.viewport().width(), view.objectName()
    assert not view.horizontalScrollBar().isVisible(), view.objectName()


def show_in_window(qtbot, window: MainWindow) -> HandoverPage:  # type: ignore[no-untyped-def]
    window.resize(1366, 768)
    key(qtbot, Key.Key_F7)
    page = window.pages["handover"]
    assert isinstance(page, HandoverPage) and window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page._ctx.runner.pending == 0)
    QApplication.processEvents()
    return page


def test_in_chinese_at_1366x768_every_column_fits_and_counts_match_the_paper(
    qtbot, open_window, service, desk, clerk, agent, carried
) -> None:
    # The longest item name an agent may take, a four-character name, and the
    # sample's cases: one list received, one not.
    longest = agent_disability_case(desk, agent, clerk, "欧阳建平", "37083019580606606")
    first, first_doc = service.create_batch(
        agent_id=agent.id, case_ids=[longest.id, carried[0].id], village_point=VILLAGE
    )
    service.receive(batch_number=first.batch_number, clerk_id=clerk.id)
    second, _ = service.create_batch(
        agent_id=agent.id, case_ids=[c.id for c in carried[1:]], village_point=VILLAGE
    )
    with chinese_translator():
        # The agent: one case still to carry, and the lists made.
        third = agent_case(desk, agent, clerk, "上官婉儿", "37083019900303103")
        agent_page = show_in_window(qtbot, open_window(agent))
        assert agent_page.pending.rowCount() == 1
        for view in (agent_page.pending_view, agent_page.batches_view):
            assert_columns_fit(view)
        assert agent_page.pending.data(agent_page.pending.index(0, 3)) == "4项4份"
        assert third.id == agent_page.pending.data(agent_page.pending.index(0, 0), USER)

        town = show_in_window(qtbot, open_window(clerk))
        qtbot.keyClicks(town.batch_edit, first.batch_number)
        key(qtbot, Key.Key_Return)
        qtbot.waitUntil(lambda: town.current_batch is not None)
        QApplication.processEvents()
        for view in (town.batch_cases_view, town.awaiting_view, town.batches_view):
            assert_columns_fit(view)
        # A list not received says so, in the centre's words.
        states = {
            town.batches.data(town.batches.index(r, 0)): town.batches.data(town.batches.index(r, 4))
            for r in range(town.batches.rowCount())
        }
        assert states[second.batch_number] == "未接收"
        assert states[first.batch_number].startswith("演示窗口员，")

        # Screen and paper count the same way, from the same function: each case's
        # count and the total are the printed list's own words.
        paper = squash(text_pypdf(desk.documents.pdf(first_doc.id)))
        counts = [
            town.batch_cases.data(town.batch_cases.index(r, 3))
            for r in range(town.batch_cases.rowCount())
        ]
        assert counts == ["3项3份", "4项4份"]  # returned originals are not carried
        for count in counts:
            assert count in paper
        assert "移交材料7项7份。" in town.batch_label.text()
        assert "合计：2件，移交材料7项7份。" in paper
        assert f"清单编号{first.batch_number}" in town.batch_label.text()
        tooltip = town.batch_cases.data(town.batch_cases.index(0, 3), Qt.ItemDataRole.ToolTipRole)
        for line in tooltip.splitlines():
            assert squash(line) in paper  # each material by name, as printed
