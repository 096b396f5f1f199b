"""Shared fixtures and helpers of the widget tests (pytest-qt, offscreen, real database).

A test module brings the ``ui_ctx`` fixture in by importing ``ui_ctx_fixture``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from test_intake import KEY, LOW_INCOME, NO

from clerk_desk.applicants import ApplicantRecord
from clerk_desk.cases import CaseView
from clerk_desk.desk import Desk
from clerk_desk.staff import StaffRecord
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.tasks import TaskRunner

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
    return desk.staff.create(
        actor_id=clerk.id, login="boss", name="主任", role="admin", password="secret12"
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
