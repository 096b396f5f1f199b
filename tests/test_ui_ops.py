"""The operation runner: one writer thread, and every screen told what an operation changed."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from support.intake import (  # noqa: F401 - the ctx and window fixtures
    ctx_fixture,
    preview_of,
    to_checklist,
    window_fixture,
)
from support.ui import (
    accepted_case,
    ui_ctx_fixture,  # noqa: F401 - the ui_ctx fixture
)
from support.writes import DB_THREAD, writes_by_thread

from clerk_desk.case_documents import DocumentInfo
from clerk_desk.cases import CaseView
from clerk_desk.errors import NotFound
from clerk_desk.lifecycle import CaseState
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.ops import Op, OpChanges

pytestmark = pytest.mark.gui


def test_an_operation_runs_on_the_database_thread_and_publishes_what_it_changed(
    qtbot, ui_ctx: UiContext, desk, clerk, applicant
) -> None:
    case = accepted_case(desk, clerk, applicant)
    order: list[str] = []
    threads: list[str] = []
    published: list[tuple[OpChanges, object]] = []
    cases_heard: list[object] = []
    ui_ctx.changes.op_executed.connect(lambda c, who: published.append((c, who)))
    ui_ctx.changes.op_executed.connect(lambda _c, _w: order.append("published"))
    ui_ctx.changes.case_changed.connect(cases_heard.append)

    def start() -> CaseView:
        threads.append(threading.current_thread().name)
        return desk.cases.start_processing(case.id, staff_id=clerk.id)

    initiator = object()
    Op(ui_ctx, start, changes=OpChanges.of_case).success(
        lambda view: order.append(f"success {view.state.value}")
    ).run(initiator)
    assert order == []  # never inside the call: through the event loop
    qtbot.waitUntil(lambda: len(order) == 2)

    assert threads == ["clerk-desk-db_0"]
    assert order == ["success in_progress", "published"]  # the caller first, then everyone
    ((changes, who),) = published
    assert who is initiator
    assert [c.state for c in changes.cases] == [CaseState.IN_PROGRESS]
    assert cases_heard == list(changes.cases)


def test_a_refused_operation_publishes_nothing(qtbot, ui_ctx: UiContext, desk, clerk) -> None:
    published: list[object] = []
    errors: list[BaseException] = []
    ui_ctx.changes.op_executed.connect(lambda c, _w: published.append(c))

    Op(
        ui_ctx,
        lambda: desk.cases.start_processing("no-such-case", staff_id=clerk.id),
        changes=OpChanges.of_case,
    ).success(lambda _v: pytest.fail("a refusal is no success")).failure(errors.append).run()
    qtbot.waitUntil(lambda: errors != [])
    qtbot.waitUntil(lambda: ui_ctx.runner.pending == 0)
    assert isinstance(errors[0], NotFound)
    assert published == []


def test_what_was_saved_is_published_even_when_the_screen_that_asked_is_gone(
    qtbot, ui_ctx: UiContext, desk, clerk, applicant
) -> None:
    case = accepted_case(desk, clerk, applicant)
    heard: list[CaseView] = []
    ui_ctx.changes.case_changed.connect(heard.append)

    def gone(_view: object) -> None:
        # What PySide raises when the dialog that asked was deleted meanwhile.
        raise RuntimeError("Internal C++ object (QLabel) already deleted.")

    Op(
        ui_ctx,
        lambda: desk.cases.start_processing(case.id, staff_id=clerk.id),
        changes=OpChanges.of_case,
    ).success(gone).run()
    qtbot.waitUntil(lambda: heard != [])
    assert heard[0].state is CaseState.IN_PROGRESS


def test_an_operation_runs_once(ui_ctx: UiContext) -> None:
    op = Op(ui_ctx, lambda: None)
    op.run()
    with pytest.raises(RuntimeError, match="once"):
        op.run()


def test_an_io_operation_hands_its_writes_to_the_database_thread(
    qtbot, ui_ctx: UiContext, desk, clerk, applicant
) -> None:
    case = accepted_case(desk, clerk, applicant)
    threads: dict[str, str] = {}

    def write() -> CaseView:
        threads["write"] = threading.current_thread().name
        return desk.cases.start_processing(case.id, staff_id=clerk.id)

    def talk_then_write() -> CaseView:
        threads["op"] = threading.current_thread().name
        return ui_ctx.runner.on_db_thread(write)

    done: list[CaseView] = []
    Op(ui_ctx, talk_then_write, changes=OpChanges.of_case, on="io").success(done.append).run()
    qtbot.waitUntil(lambda: done != [])
    assert threads["op"].startswith("clerk-desk-io")
    assert threads["write"] == "clerk-desk-db_0"


def test_a_whole_intake_and_its_print_write_on_the_database_thread_only(
    qtbot, window, ctx, applicant, tmp_path
) -> None:
    """One writer: the clerk's keyboard intake, its save, outcome, documents and print."""
    intake = window.intake
    with writes_by_thread(ctx.desk.store) as writes:
        to_checklist(qtbot, window, applicant, "nnn")  # the fourth answers itself
        qtbot.keyClick(intake.checklist_view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(
            intake.checklist_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        qtbot.waitUntil(lambda: preview_of(window) is not None)
        dialog = preview_of(window)
        qtbot.waitUntil(lambda: dialog.pdf.pageCount() == 1)
        printed: list[DocumentInfo] = []
        ctx.changes.document_printed.connect(printed.append)
        qtbot.keyClick(dialog.print_button, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: printed != [])
        qtbot.waitUntil(lambda: ctx.runner.pending == 0)

    (doc,) = ctx.desk.documents.for_case(intake.case.id)
    assert doc.print_count == 1 and printed[0].id == doc.id
    tables = {table for _thread, table in writes}
    assert {"cases", "documents", "print_attempts", "outbox"} <= tables, tables
    assert {thread for thread, _table in writes} == {DB_THREAD}
