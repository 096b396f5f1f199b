"""Shared fixtures and helpers of the widget tests (pytest-qt, offscreen, real database).

A test module brings the ``ui_ctx`` fixture in by importing ``ui_ctx_fixture``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from test_intake import KEY, LOW_INCOME, NO

from clerk_desk.applicants import ApplicantRecord
from clerk_desk.cases import CaseView
from clerk_desk.desk import Desk
from clerk_desk.journal import SYSTEM_ACTOR
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
from ui_helpers import scaled_desk
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
        [sys.executable, "-c", SCALED_PRELUDE + script, str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()
