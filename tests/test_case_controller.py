"""The case page's controller without a window: real cases, real steps, its signals.

No widget is made here: the controller is a QObject, driven as the page drives it.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication
from support.handover import agent_case, make_agent
from support.intake import notice_case
from support.office import apply, step_body
from support.ui import (
    SLOW,
    Heard,
    accepted_case,
    login_as,
    tolerant_case,
    ui_ctx_fixture,  # noqa: F401 - the ui_ctx fixture
)

from clerk_desk.clock import CHINA_TZ
from clerk_desk.errors import InvalidTransition, RuleViolation
from clerk_desk.lifecycle import CaseState
from clerk_desk.outcomes import BlockerKind
from clerk_desk.ui.case_controller import CaseController, CaseData
from clerk_desk.ui.messages import describe

pytestmark = pytest.mark.gui


SIGNALS = (
    "case_loaded",
    "step_saved",
    "documents_changed",
    "reprinted",
    "documents_made",
    "busy_changed",
    "failed",
    "intake_requested",
)


@pytest.fixture
def controller(ui_ctx, qtbot):
    before = set(QApplication.allWidgets())  # other tests' widgets may still await deletion
    made = CaseController(ui_ctx)
    yield made
    # Nothing of the page was made to drive it.
    assert [w for w in QApplication.allWidgets() if w not in before] == []


def settle(controller: CaseController, qtbot) -> None:
    qtbot.waitUntil(lambda: not controller.busy, timeout=SLOW)


def load(controller: CaseController, qtbot, case_id: str) -> Heard:
    heard = Heard(controller, SIGNALS)
    with qtbot.waitSignal(controller.case_loaded, timeout=SLOW):
        controller.show_case(case_id)
    settle(controller, qtbot)
    return heard


def step(controller: CaseController, qtbot, take, *args) -> CaseData:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(controller.step_saved, timeout=SLOW) as saved:
        assert take(*args)
    settle(controller, qtbot)
    data = saved.args[0]
    assert isinstance(data, CaseData)
    return data


def test_a_case_loads_with_its_timeline_documents_and_offered_steps(
    desk, clerk, applicant, controller, qtbot
) -> None:
    case = accepted_case(desk, clerk, applicant)
    heard = load(controller, qtbot, case.id)

    assert heard.names() == ["busy_changed", "busy_changed", "case_loaded"]
    assert [args[0] for name, args in heard.signals if name == "busy_changed"] == [True, False]
    data = heard.last("case_loaded")[0]
    assert isinstance(data, CaseData)
    assert data.view.id == case.id and controller.case == data.view
    assert [e.action for e in data.timeline][-1] == "accepted"
    assert data.documents == desk.documents.for_case(case.id)
    # The domain's next states of an accepted (not immediate) case: 办理中 or 撤回.
    assert controller.offered_steps() == {"start", "withdraw"}
    assert not controller.can_take_up()


def test_steps_are_saved_and_published(desk, clerk, applicant, controller, qtbot) -> None:
    case = accepted_case(desk, clerk, applicant)
    load(controller, qtbot, case.id)

    data = step(controller, qtbot, controller.start_or_resume)
    assert data.view.state is CaseState.IN_PROGRESS
    assert controller.offered_steps() == {"suspend", "decide", "withdraw"}

    data = step(controller, qtbot, controller.suspend, "现场核查")
    assert data.view.state is CaseState.SUSPENDED
    assert data.timeline[-1].action == "suspended"
    assert controller.offered_steps() == {"start", "withdraw"}

    # "start" resumes a suspended case.
    data = step(controller, qtbot, controller.start_or_resume)
    assert data.view.state is CaseState.IN_PROGRESS
    assert data.timeline[-1].action == "resumed"

    step(controller, qtbot, controller.decide, "准予")
    step(controller, qtbot, controller.complete)
    data = step(controller, qtbot, controller.deliver, "窗口领取")
    assert data.view.state is CaseState.DELIVERED
    assert controller.offered_steps() == frozenset()
    assert desk.cases.get(case.id).state is CaseState.DELIVERED


def test_a_refused_step_gives_the_domains_reason(desk, clerk, applicant, controller, qtbot) -> None:
    case = accepted_case(desk, clerk, applicant)
    load(controller, qtbot, case.id)
    heard = Heard(controller, SIGNALS)

    with qtbot.waitSignal(controller.failed, timeout=SLOW) as failed:
        assert controller.decide("准予")  # not offered: an accepted case is processed first
    settle(controller, qtbot)

    error = failed.args[0]
    assert isinstance(error, InvalidTransition)
    reason = describe(error)
    assert "cannot become decided" in reason and "allowed next" in reason
    assert "step_saved" not in heard.names()
    assert heard.names()[-1] == "failed" and not controller.busy
    assert controller.case.state is CaseState.ACCEPTED
    assert desk.cases.get(case.id).state is CaseState.ACCEPTED


def test_nothing_is_taken_while_a_call_runs_or_without_a_case(
    desk, clerk, applicant, controller, qtbot
) -> None:
    assert not controller.start_or_resume() and not controller.make_documents()
    assert not controller.refresh() and not controller.request_intake()
    case = accepted_case(desk, clerk, applicant)
    load(controller, qtbot, case.id)

    with qtbot.waitSignal(controller.step_saved, timeout=SLOW):
        assert controller.start_or_resume()
        assert controller.busy and not controller.withdraw("申请人撤回")
    settle(controller, qtbot)
    assert desk.cases.get(case.id).state is CaseState.IN_PROGRESS


def test_promised_materials_arrive(desk, clerk, applicant, controller, qtbot) -> None:
    case = tolerant_case(desk, clerk, applicant)
    load(controller, qtbot, case.id)
    assert "supplement" in controller.offered_steps()

    data = step(controller, qtbot, controller.supplement, ["disability"])
    assert data.view.state is CaseState.TOLERANT_ACCEPTED
    assert not data.view.missing
    assert "supplement" not in controller.offered_steps()


def test_a_notice_case_is_taken_up_by_the_intake(desk, clerk, applicant, controller, qtbot) -> None:
    case = notice_case(desk, clerk, applicant)
    load(controller, qtbot, case.id)
    heard = Heard(controller, SIGNALS)

    assert controller.can_take_up()
    assert controller.request_intake()
    assert heard.signals == [("intake_requested", (case.id,))]


def test_a_collected_case_waits_for_its_handover_list(
    desk, clerk, ui_ctx, controller, qtbot
) -> None:
    agent = make_agent(desk, clerk)
    case = agent_case(desk, agent, clerk, "孙代收", "37083019800101123")
    load(controller, qtbot, case.id)

    # The township's clerk: not before the list is received (the domain's reason).
    refusal = controller.take_up_refusal()
    assert refusal is not None and refusal.kind is BlockerKind.STAGE
    assert "handover list has not been received" in describe(refusal.reason)
    assert not controller.request_intake()

    # The agent never checks it: the township does.
    login_as(ui_ctx, agent)
    refusal = controller.take_up_refusal()
    assert refusal is not None and refusal.kind is BlockerKind.ROLE
    assert isinstance(refusal.reason, RuleViolation)
    assert "checked and decided at the township" in describe(refusal.reason)


def test_a_reprint_is_made_and_published(desk, clerk, applicant, controller, qtbot) -> None:
    case = accepted_case(desk, clerk, applicant)
    load(controller, qtbot, case.id)
    original = controller.data.documents[0]
    heard = Heard(controller, SIGNALS)

    with qtbot.waitSignal(controller.reprinted, timeout=SLOW) as reprinted:
        assert controller.reprint(original)
    settle(controller, qtbot)

    copy = reprinted.args[0]
    assert copy.reprint == 1 and copy.kind is original.kind
    docs, select_id = heard.last("documents_changed")
    assert isinstance(docs, list)
    assert select_id == copy.id and copy.id in [d.id for d in docs]
    assert controller.data.documents == docs


def test_once_the_back_office_moved_the_case_only_the_hand_over_is_offered(
    desk, clerk, applicant, controller, qtbot
) -> None:
    case = accepted_case(desk, clerk, applicant)
    at = datetime(2026, 11, 24, 9, 0, tzinfo=CHINA_TZ)
    assert (
        apply(desk, step_body(case, "processing_started", 1, at, "accepted", "in_progress")) == ""
    )
    load(controller, qtbot, case.id)
    # In progress, yet the county's back office holds it: nothing to do here yet.
    assert controller.case.state is CaseState.IN_PROGRESS and controller.case.office_moved
    assert controller.offered_steps() == frozenset()

    decided = step_body(case, "decided", 2, at, "in_progress", "decided", decision="准予")
    assert apply(desk, decided) == ""
    assert apply(desk, step_body(case, "completed", 3, at, "decided", "completed")) == ""
    with qtbot.waitSignal(controller.case_loaded, timeout=SLOW):
        assert controller.refresh()
    settle(controller, qtbot)
    assert controller.offered_steps() == {"deliver"}
    data = step(controller, qtbot, controller.deliver, "窗口领取")
    assert data.view.state is CaseState.DELIVERED
