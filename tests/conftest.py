"""Shared fixtures: every test gets its own data directory, database and clock."""

from __future__ import annotations

import gc
import os

# GUI tests drive real widgets without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from support.desks import HOLIDAYS_FILE, resident_id, set_remedy_bodies

from clerk_desk.applicants import ApplicantRecord
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.holiday_calendar import SEED_ENV
from clerk_desk.staff import StaffRecord
from clerk_desk.ui.gui_gc import collect_due

os.environ[SEED_ENV] = str(HOLIDAYS_FILE)


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """After each test, on the main thread: collect what is due.

    The first task runner turns automatic collection off (clerk_desk.ui.gui_gc):
    in the app a GUI-thread timer collects; here tests that never run the
    event loop collect after each test, as automatic collection would have.
    """
    if not gc.isenabled():
        collect_due()


@pytest.fixture
def clock() -> FixedClock:
    # Monday 23 November 2026, 10:00 at the counter.
    return FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def desk(data_dir: Path, clock: FixedClock) -> Iterator[Desk]:
    d = Desk.open(data_dir, clock=clock)
    ensure_ready(d)
    yield d
    d.close()


@pytest.fixture
def clerk(desk: Desk) -> StaffRecord:
    found = desk.staff.by_login(DEMO_LOGIN)
    assert found is not None
    return found


@pytest.fixture
def applicant(desk: Desk, clerk: StaffRecord) -> ApplicantRecord:
    return desk.applicants.register_person(
        actor_id=clerk.id, name="王䶮", id_number=resident_id(), phone="13812345678"
    )


@pytest.fixture
def remedies(desk: Desk) -> Desk:
    """A desk whose centre has set the remedy bodies: for tests that reject."""
    set_remedy_bodies(desk)
    return desk


@pytest.fixture
def qtbot(qtbot):  # type: ignore[no-untyped-def]
    """pytest-qt's qtbot, with waits that tolerate a loaded 2-core CI machine.

    A wait returns as soon as its condition holds; the longer limit only
    matters when something is really stuck.
    """
    original = qtbot.waitUntil

    def wait_until(callback, *, timeout: int = 20_000):  # type: ignore[no-untyped-def]
        return original(callback, timeout=timeout)

    qtbot.waitUntil = wait_until
    return qtbot
