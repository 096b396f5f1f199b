"""Someone acting for the applicant: a village agent, or a relative with a letter.

Both through the real main window with the keyboard.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from support.desks import resident_id
from support.handover import VILLAGE, make_agent
from support.intake import (  # noqa: F401 - the ctx and window fixtures
    commit,
    ctx_fixture,
    error_under,
    open_window,
    preview_of,
    printing_ctx,
    visible_dialog,
    window_fixture,
)

from clerk_desk.case_documents import DocumentKind
from clerk_desk.lifecycle import CaseState
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.dialogs import VillagePointDialog
from clerk_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

Key = Qt.Key
Mod = Qt.KeyboardModifier
LETTER = "授权委托书 2026-11-20 申请人签字"


@pytest.fixture
def agent_ctx(desk, clerk, tmp_path: Path) -> Iterator[UiContext]:  # type: ignore[no-untyped-def]
    c = printing_ctx(desk, make_agent(desk, clerk), tmp_path / "printed")
    yield c
    c.runner.shutdown()


@pytest.fixture
def agent_window(qtbot, agent_ctx: UiContext) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_window(qtbot, agent_ctx)


@pytest.fixture
def legacy_agent_ctx(desk, clerk, tmp_path: Path) -> Iterator[UiContext]:  # type: ignore[no-untyped-def]
    """An agent account made before accounts named the village point (migration 0008)."""
    agent = make_agent(desk, clerk)
    with sqlite3.connect(desk.store.path) as conn:
        conn.execute("UPDATE staff SET village = '' WHERE id = ?", (agent.id,))
    c = printing_ctx(desk, desk.staff.get(agent.id), tmp_path / "printed")
    yield c
    c.runner.shutdown()


def test_an_agent_account_without_a_village_point_is_asked_once(
    qtbot, legacy_agent_ctx, applicant
) -> None:
    window = open_window(qtbot, legacy_agent_ctx)
    intake = window.intake
    agent = legacy_agent_ctx.login.require()
    assert agent.village == ""
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.letter_edit)
    commit(cast(QWidget, intake.letter_edit), LETTER)
    qtbot.keyClick(intake.letter_edit, Key.Key_Return)
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.questions_view)
    for _ in range(3):
        qtbot.keyClick(intake.questions_view, Key.Key_N)
    qtbot.waitUntil(lambda: intake.checklist.rowCount() == 7)
    qtbot.keyClick(intake.checklist_view, Key.Key_A, Mod.ControlModifier)
    qtbot.keyClick(intake.checklist_view, Key.Key_Return, Mod.ControlModifier)
    # The receipt names the village point: with none on the account, it is asked for.
    qtbot.waitUntil(lambda: visible_dialog(window, VillagePointDialog) is not None)
    dialog = visible_dialog(window, VillagePointDialog)
    assert isinstance(dialog, VillagePointDialog)
    assert QApplication.focusWidget() is dialog.point_edit
    commit(dialog.point_edit, VILLAGE)
    qtbot.keyClick(dialog.point_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: preview_of(window) is not None)
    case = legacy_agent_ctx.desk.cases.get(intake.case.id)
    assert case.state is CaseState.COLLECTED
    assert (
        legacy_agent_ctx.desk.cases.timeline(case.id)[-1].detail.to_json()["village_point"]
        == VILLAGE
    )
    preview_of(window).reject()
    # Asked once: the next receipt takes the last collection's village point.
    assert legacy_agent_ctx.desk.intake.village_point_of(agent.id) == VILLAGE


def test_a_village_agent_takes_a_case_through_the_widgets(
    qtbot, agent_window, agent_ctx, applicant
) -> None:
    intake = agent_window.intake
    agent = agent_ctx.login.require()
    # The agent is the proxy: the letter is asked for from the start, no box to tick.
    assert intake.letter_edit.isVisible()
    assert not intake.proxy_check.isVisible()
    assert not intake.proxy_id_edit.isVisible()
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.letter_edit)
    commit(cast(QWidget, intake.letter_edit), LETTER)
    qtbot.keyClick(intake.letter_edit, Key.Key_Return)
    assert QApplication.focusWidget() is intake.item_edit
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.questions_view)
    assert intake.error_label.text() == ""
    for _ in range(3):  # by_proxy answers itself: yes, the agent acts
        qtbot.keyClick(intake.questions_view, Key.Key_N)
    # The letter of authorisation and the agent's ID join the five key materials.
    qtbot.waitUntil(lambda: intake.checklist.rowCount() == 7)
    qtbot.keyClick(intake.checklist_view, Key.Key_A, Mod.ControlModifier)
    # The agent's four counter outcomes are the township's: one button, Ctrl+Enter, collects.
    assert intake.collect_button.isVisible() and intake.collect_button.isEnabled()
    assert not any(
        b.isVisible() or b.isEnabled()
        for b in (intake.accept_button, intake.tolerant_button, intake.notice_button)
    )
    assert "Ctrl+Enter" in intake.collect_button.toolTip()
    qtbot.keyClick(intake.checklist_view, Key.Key_Return, Mod.ControlModifier)
    # The receipt names the village point of the agent's account: nothing to ask.
    qtbot.waitUntil(lambda: preview_of(agent_window) is not None)
    assert visible_dialog(agent_window, VillagePointDialog) is None
    case = agent_ctx.desk.cases.get(intake.case.id)
    assert case.state is CaseState.COLLECTED
    assert case.accepted_on is None and case.due_on is None
    assert case.first_clerk.id == agent.id
    assert case.authorization_letter == LETTER
    assert case.proxy is None  # the acting agent is the logged-in staff member
    preview = preview_of(agent_window)
    assert preview.choice.count() == 1
    assert preview.choice.itemText(0) == "代办收件回执"
    current = preview.current()
    assert current is not None and current.kind is DocumentKind.AGENT_RECEIPT
    assert "handover list" in intake.status_label.text()
    preview.reject()
    assert agent_ctx.desk.intake.village_point_of(agent.id) == VILLAGE


def test_a_village_agent_without_the_letter_is_told_before_anything_is_saved(
    qtbot, agent_window, agent_ctx, applicant
) -> None:
    intake = agent_window.intake
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.letter_edit)
    intake.item_edit.setFocus()
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: error_under(intake.letter_edit) != "")
    assert "letter of authorisation" in error_under(intake.letter_edit)
    assert QApplication.focusWidget() is intake.letter_edit
    assert intake.case is None
    assert agent_ctx.desk.cases.for_applicant(applicant.id) == []


def test_proxy_entry_is_keyboard_first_and_finds_a_known_person(
    qtbot, window, ctx, clerk, applicant
) -> None:
    proxy_number = resident_id("37083019900909456")
    known = ctx.desk.applicants.register_person(
        actor_id=clerk.id, name="王小明", id_number=proxy_number, phone="13700000000"
    )
    intake = window.intake
    assert "Alt+P" in intake.proxy_check.toolTip()
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.item_edit)
    qtbot.keyClick(intake.item_edit, Key.Key_P, Mod.AltModifier)
    assert intake.proxy_check.isChecked()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.proxy_id_edit)
    qtbot.keyClicks(intake.proxy_id_edit, proxy_number)
    qtbot.keyClick(intake.proxy_id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: intake.proxy_name_edit.text() == "王小明")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.letter_edit)
    commit(cast(QWidget, intake.letter_edit), LETTER)
    qtbot.keyClick(intake.letter_edit, Key.Key_Return)
    assert QApplication.focusWidget() is intake.item_edit
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: intake.case is not None)
    case = ctx.desk.cases.get(intake.case.id)
    assert case.proxy is not None and case.proxy.id == known.id
    assert case.authorization_letter == LETTER


def test_a_new_proxy_is_asked_for_the_name(qtbot, window, ctx, applicant) -> None:
    proxy_number = resident_id("37083019900909456")
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.item_edit)
    qtbot.keyClick(intake.item_edit, Key.Key_P, Mod.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.proxy_id_edit)
    qtbot.keyClicks(intake.proxy_id_edit, proxy_number)
    qtbot.keyClick(intake.proxy_id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.proxy_name_edit)
    commit(intake.proxy_name_edit, "李四")
    qtbot.keyClick(intake.proxy_name_edit, Key.Key_Return)
    assert QApplication.focusWidget() is intake.letter_edit
    commit(cast(QWidget, intake.letter_edit), LETTER)
    qtbot.keyClick(intake.letter_edit, Key.Key_Return)
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: intake.case is not None)
    case = ctx.desk.cases.get(intake.case.id)
    assert case.proxy is not None and case.proxy.name == "李四"
    assert case.proxy.id_number == proxy_number


def test_a_proxy_without_the_letter_is_told_on_screen(qtbot, window, ctx, applicant) -> None:
    intake = window.intake
    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.item_edit)
    qtbot.keyClick(intake.item_edit, Key.Key_P, Mod.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.proxy_id_edit)
    intake.item_edit.setFocus()
    qtbot.keyClicks(intake.item_edit, "zdsh")
    qtbot.keyClick(intake.item_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: error_under(intake.letter_edit) != "")
    assert "letter of authorisation" in error_under(intake.letter_edit)
    assert QApplication.focusWidget() is intake.letter_edit
    assert intake.case is None


def test_a_village_agent_is_offered_only_the_items_an_agent_may_take(
    qtbot, agent_window, agent_ctx
) -> None:  # type: ignore[no-untyped-def]
    intake = agent_window.intake
    name_change = "370830104-GA-001"  # 16周岁以下公民姓名变更: at the township counter only
    qtbot.waitUntil(lambda: intake.item_index() is not None)
    intake.item_edit.setFocus()
    qtbot.keyClicks(intake.item_edit, name_change)
    codes = [intake.hits.item_at(r).item.code for r in range(intake.hits.rowCount())]
    assert name_change not in codes
    index = intake.item_index()
    assert index is not None and all(s.item.agency_allowed for s in index.items)
    assert len(index) == len(agent_ctx.desk.item_index()) - 1
