"""The intake flow driven through IntakeController alone: signals, a real desk, no widget.

What the panel's keys do, done by calling the controller: the applicant, the
item, the answers, the ticks and each outcome; what the controller says back
is only what its signals carried.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication
from support.intake import KEY, LOW_INCOME, NO, settled
from support.ui import SLOW, ui_ctx_fixture  # noqa: F401

from clerk_desk.applicants import ApplicantRecord
from clerk_desk.errors import InvalidInput
from clerk_desk.lifecycle import CaseState
from clerk_desk.outcomes import Outcome as Ending
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.intake_controller import IntakeController
from clerk_desk.ui.intake_steps import ApplicantForm


@pytest.fixture
def controller(ui_ctx: UiContext, qtbot):  # type: ignore[no-untyped-def]
    before = set(QApplication.allWidgets())  # other tests' widgets may still await deletion
    c = IntakeController(ui_ctx)
    yield c
    settled(qtbot, ui_ctx)
    made = [w for w in QApplication.allWidgets() if w not in before]
    assert made == []  # the flow made no widget


def start(qtbot, c: IntakeController, ctx: UiContext, applicant: ApplicantRecord) -> list:  # type: ignore[no-untyped-def]
    """The known applicant by ID number, then a case on 低保; the case_started args."""
    with qtbot.waitSignal(c.applicant_found, timeout=SLOW) as found:
        c.find_applicant(applicant.id_number)
    assert found.args[0].id == applicant.id and found.args[1] == []
    form = ApplicantForm(applicant.id_number, applicant.name, applicant.phone)
    with qtbot.waitSignal(c.case_started, timeout=SLOW) as started:
        c.start_case(ctx.desk.catalog.item(LOW_INCOME), form)
    return started.args


def answer(qtbot, c: IntakeController, answers: dict[str, bool]) -> tuple[list, set[str]]:  # type: ignore[no-untyped-def]
    """Every question answered; the checklist the saved answers gave (materials, received)."""
    *first, last = answers.items()
    for qid, value in first:
        assert c.answer(qid, value)
    assert not c.checklist_open
    with qtbot.waitSignal(c.checklist_changed, timeout=SLOW) as opened:
        assert c.answer(*last)
    assert c.checklist_open
    materials, received = opened.args
    return materials, received


def issue(qtbot, c: IntakeController, take) -> tuple:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(c.outcome_issued, timeout=SLOW) as issued:
        take()
    view, docs, error = issued.args
    assert error is None
    return view, docs


def test_an_intake_accepted_through_the_controller(qtbot, controller, ui_ctx, applicant) -> None:
    c, desk = controller, ui_ctx.desk
    started, replacing = start(qtbot, c, ui_ctx, applicant)
    assert not started.existing and not replacing
    assert c.case is not None and c.case.state is CaseState.CONSULTED
    assert c.allowed_outcomes() == set()  # no checklist before the answers
    materials, received = answer(qtbot, c, NO)
    assert [m.id for m in materials] == KEY and received == set()
    assert Ending.ACCEPT in c.allowed_outcomes()
    c.mark(dict.fromkeys(KEY, True))
    assert c.received() == KEY and c.missing() == []
    view, docs = issue(qtbot, c, c.accept)
    assert view.state is CaseState.ACCEPTED
    assert [d.kind.value for d in docs] == ["acceptance_notice"]
    stored = desk.cases.get(view.id)
    assert stored.state is CaseState.ACCEPTED
    assert {e.material.id: e.status for e in stored.checklist} == dict.fromkeys(KEY, "received")
    assert c.allowed_outcomes() == set()  # taken: nothing more at this intake


def test_ticks_are_saved_as_they_are_made(qtbot, controller, ui_ctx, applicant) -> None:
    c = controller
    start(qtbot, c, ui_ctx, applicant)
    answer(qtbot, c, NO)
    c.mark({"id_card": True, "hukou": True})
    with qtbot.waitSignal(ui_ctx.changes.case_changed, timeout=SLOW) as saved:
        pass  # coalesced for a moment, then written on the database thread and published
    marks = {e.material.id: e.status for e in saved.args[0].checklist}
    assert marks["id_card"] == marks["hukou"] == "received"
    assert ui_ctx.desk.cases.get(saved.args[0].id).checklist == saved.args[0].checklist


def test_a_notice_then_the_recheck_and_acceptance(qtbot, controller, ui_ctx, applicant) -> None:
    c, desk = controller, ui_ctx.desk
    start(qtbot, c, ui_ctx, applicant)
    answer(qtbot, c, NO)
    c.mark({**dict.fromkeys(KEY[:3], True), **dict.fromkeys(KEY[3:], False)})
    view, docs = issue(qtbot, c, c.notice)
    assert view.state is CaseState.NOTICE_ISSUED
    assert [d.kind.value for d in docs] == ["one_time_notice"]
    # The applicant comes back: the notice is found, and its case taken up.
    assert c.reset() is not None and c.case is None
    with qtbot.waitSignal(c.applicant_found, timeout=SLOW) as found:
        c.find_applicant(applicant.id_number)
    (waiting,) = found.args[1]
    assert waiting.id == view.id
    with qtbot.waitSignals([c.case_taken_up, c.checklist_changed], timeout=SLOW):
        c.open_case(waiting.id)
    assert [m.id for m in c.materials()] == KEY[3:]  # only what the notice asked for
    c.mark(dict.fromkeys(KEY[3:], True))
    view, _docs = issue(qtbot, c, c.accept)
    assert view.state is CaseState.ACCEPTED
    assert desk.cases.get(view.id).state is CaseState.ACCEPTED


def test_tolerant_acceptance_and_what_blocks_it(qtbot, controller, ui_ctx, applicant) -> None:
    c, desk = controller, ui_ctx.desk
    start(qtbot, c, ui_ctx, applicant)
    materials, _ = answer(qtbot, c, {**NO, "has_serious_illness": True})
    assert materials[-1].id == "medical" and not materials[-1].key
    c.mark({m.id: m.id not in ("id_card", "medical") for m in materials})
    blocker = c.tolerant_blocker()  # a key material missing: never waived
    assert blocker is not None and blocker.params["materials"] == "申请人居民身份证"
    c.mark({"id_card": True})
    assert c.tolerant_blocker() is None
    view, docs = issue(qtbot, c, lambda: c.tolerant(date(2026, 12, 4)))
    assert view.state is CaseState.TOLERANT_ACCEPTED and view.promise_date == date(2026, 12, 4)
    assert [d.kind.value for d in docs] == ["acceptance_notice", "tolerant_promise"]
    assert desk.cases.get(view.id).state is CaseState.TOLERANT_ACCEPTED


def test_a_refused_rejection_then_the_rejection(
    remedies, qtbot, controller, ui_ctx, applicant
) -> None:
    c, desk = controller, ui_ctx.desk
    start(qtbot, c, ui_ctx, applicant)
    answer(qtbot, c, NO)
    failures: list[BaseException] = []
    c.failed.connect(failures.append)
    with qtbot.waitSignal(c.outcome_refused, timeout=SLOW) as refused:
        c.reject("", "", "")
    ending, error = refused.args
    assert ending is Ending.REJECT and isinstance(error, InvalidInput)
    assert failures == []  # said once: by the dialog opened again, or by the panel
    assert desk.cases.get(c.case.id).state is CaseState.CONSULTED  # nothing changed
    assert Ending.REJECT in c.allowed_outcomes()  # the clerk corrects and tries again
    view, docs = issue(
        qtbot,
        c,
        lambda: c.reject(
            "申请人户籍不在本镇", "《山东省最低生活保障办法》第八条", "户籍所在地乡镇人民政府"
        ),
    )
    assert view.state is CaseState.REJECTED
    assert view.rejection["competent_body"] == "户籍所在地乡镇人民政府"
    assert [d.kind.value for d in docs] == ["rejection_notice"]


def test_the_open_case_on_the_item_and_a_new_case_anyway(
    qtbot, controller, ui_ctx, applicant
) -> None:
    c, desk = controller, ui_ctx.desk
    first, _ = start(qtbot, c, ui_ctx, applicant)
    c.reset()
    # The same applicant and item again: their open case is taken up, a new one offered.
    form = ApplicantForm(applicant.id_number, applicant.name, applicant.phone)
    with qtbot.waitSignal(c.open_case_found, timeout=SLOW) as found:
        c.start_case(desk.catalog.item(LOW_INCOME), form)
    assert found.args[0].id == first.case.id and c.case.id == first.case.id
    assert c.new_case_offered
    with qtbot.waitSignal(c.new_case_refused, timeout=SLOW) as refused:
        c.start_new_case("")  # a reason is needed
    assert refused.args[0] == "" and refused.args[1].where == "new_case_reason"
    with qtbot.waitSignal(c.case_started, timeout=SLOW) as started:
        c.start_new_case("另行申请")
    new, replacing = started.args
    assert replacing and not new.existing and new.case.id != first.case.id
    assert c.case.id == new.case.id and not c.new_case_offered
    assert desk.cases.get(first.case.id).state is CaseState.CONSULTED  # kept as it was
