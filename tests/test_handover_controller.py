"""The handover page's controller without a window: real cases, real lists, its signals.

No widget is made here: the controller is a QObject, driven as the page drives it.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from support.handover import IDS, NAMES, VILLAGE, agent_case, handover_service, make_agent
from support.ui import SLOW, Heard, login_as, ui_ctx_fixture  # noqa: F401 - the ui_ctx fixture

from clerk_desk.errors import NotFound, RuleViolation
from clerk_desk.handover import BatchInfo
from clerk_desk.ui.handover_controller import HandoverController

pytestmark = pytest.mark.gui

SIGNALS = (
    "call_started",
    "agent_loaded",
    "township_loaded",
    "list_made",
    "list_failed",
    "batch_shown",
    "look_up_failed",
    "batch_received",
    "receive_failed",
    "failed",
)


@pytest.fixture
def agent(desk, clerk):  # type: ignore[no-untyped-def]
    return make_agent(desk, clerk)


@pytest.fixture
def carried(desk, clerk, agent):  # type: ignore[no-untyped-def]
    return [agent_case(desk, agent, clerk, n, b) for n, b in zip(NAMES, IDS, strict=True)]


@pytest.fixture
def no_widgets(qtbot):  # type: ignore[no-untyped-def]
    before = set(QApplication.allWidgets())  # other tests' widgets may still await deletion
    yield
    # Nothing of the page was made to drive the controller.
    assert [w for w in QApplication.allWidgets() if w not in before] == []


def settle(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: ui_ctx.runner.pending == 0, timeout=SLOW)


def test_the_agent_reads_the_cases_to_carry_and_makes_a_list(
    desk, ui_ctx, agent, carried, qtbot, no_widgets
) -> None:
    controller = HandoverController(login_as(ui_ctx, agent), desk.handover)
    assert controller.agent_mode
    heard = Heard(controller, SIGNALS)
    with qtbot.waitSignal(controller.agent_loaded, timeout=SLOW) as loaded:
        controller.refresh()
    pending, batches = loaded.args
    assert [c.id for c in pending] == [c.id for c in carried]
    assert batches == []
    assert heard.names() == ["call_started", "agent_loaded"]

    heard.clear()
    with qtbot.waitSignal(controller.list_made, timeout=SLOW) as made:
        controller.make_list([c.id for c in carried[:2]], VILLAGE)
    batch, document = made.args
    assert isinstance(batch, BatchInfo) and batch.village_point == VILLAGE
    assert batch.tracking_numbers == tuple(c.tracking_number for c in carried[:2])
    assert document.id == batch.document_id
    assert heard.names() == ["call_started", "list_made"]

    with qtbot.waitSignal(controller.agent_loaded, timeout=SLOW) as loaded:
        controller.refresh()
    pending, batches = loaded.args
    assert [c.id for c in pending] == [carried[2].id]
    assert [b.batch_number for b in batches] == [batch.batch_number]

    # The domain refuses a list without cases, and says why.
    with qtbot.waitSignal(controller.list_failed, timeout=SLOW) as failed:
        controller.make_list([], VILLAGE)
    assert "at least one case" in str(failed.args[0])
    settle(ui_ctx, qtbot)


def test_the_township_looks_a_batch_up_and_receives_it_once(
    desk, ui_ctx, clerk, agent, carried, qtbot, no_widgets
) -> None:
    service = handover_service(desk)
    batch, _ = service.create_batch(
        agent_id=agent.id, case_ids=[c.id for c in carried], village_point=VILLAGE
    )
    controller = HandoverController(ui_ctx, service)
    assert not controller.agent_mode
    heard = Heard(controller, SIGNALS)
    with qtbot.waitSignal(controller.township_loaded, timeout=SLOW) as loaded:
        controller.refresh()
    batches, awaiting = loaded.args
    assert [b.batch_number for b in batches] == [batch.batch_number]
    assert awaiting == []

    # Nothing shown: nothing to receive, no desk call.
    heard.clear()
    assert controller.current_batch is None
    assert not controller.receive()
    assert not controller.look_up("   ")
    assert heard.names() == []

    with qtbot.waitSignal(controller.look_up_failed, timeout=SLOW) as failed:
        assert controller.look_up("HO-ZZZZ-20261123-09")
    assert isinstance(failed.args[0], NotFound)
    assert controller.current_batch is None

    # A scanned QR text shows its batch.
    numbers = ",".join(batch.tracking_numbers)
    with qtbot.waitSignal(controller.batch_shown, timeout=SLOW) as shown:
        controller.look_up(f"CLERKDESK-HANDOVER/1;batch={batch.batch_number};n={numbers}")
    assert shown.args[0].batch_number == batch.batch_number
    assert controller.current_batch == shown.args[0] and not shown.args[0].received

    heard.clear()
    with qtbot.waitSignal(controller.batch_received, timeout=SLOW) as received:
        assert controller.receive()
    got = received.args[0]
    assert got.received and got.received_by_id == clerk.id
    # Shown first (now received), then published.
    assert heard.names() == ["call_started", "batch_shown", "batch_received"]
    assert controller.current_batch == got

    with qtbot.waitSignal(controller.township_loaded, timeout=SLOW) as loaded:
        controller.refresh()
    _batches, awaiting = loaded.args
    assert {c.case_id for c in awaiting} == {c.id for c in carried}

    # Received once: again, the domain says who received it.
    with qtbot.waitSignal(controller.receive_failed, timeout=SLOW) as refused:
        assert controller.receive()
    assert isinstance(refused.args[0], RuleViolation)
    assert "already received" in str(refused.args[0])
    assert controller.current_batch == got  # still shown

    # One of the recent lists, chosen without a desk call.
    heard.clear()
    controller.show_batch(batches[0])
    assert heard.names() == ["batch_shown"]
    settle(ui_ctx, qtbot)
