"""Shared fixtures: every test gets its own data directory, database and clock."""

from __future__ import annotations

import os

# GUI tests drive real widgets without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from clerk_desk.applicants import ApplicantRecord
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.holiday_calendar import SEED_ENV, calendar_from_json
from clerk_desk.identity_numbers import resident_id_check_char
from clerk_desk.staff import StaffRecord

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CATALOG = REPO / "resources" / "sample-catalog.json"

# The tests own their holiday data: every store they make, here or in a
# subprocess (which inherits the environment), is seeded from this fixture and
# not from the installed chinesecalendar, whose next release adds a year and
# would move their due dates. tests/test_holiday_calendar_package.py is the one
# place that checks the code against the real package.
HOLIDAYS_FILE = REPO / "tests" / "data" / "holidays-2004-2026.json"
os.environ[SEED_ENV] = str(HOLIDAYS_FILE)
# The same calendar, for tests that compute due dates without a store.
HOLIDAYS = calendar_from_json(HOLIDAYS_FILE.read_bytes())


def resident_id(body17: str = "37083019800101123") -> str:
    """A resident ID number with a correct check character."""
    return body17 + resident_id_check_char(body17)


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


# The centre's remedy bodies, printed on every rejection (which is refused without them).
REVIEW_BODY = "汶上县人民政府"
COURT = "汶上县人民法院"


def set_remedy_bodies(desk: Desk) -> None:
    """The centre's reconsideration body and court, set as a supervisor would."""
    from clerk_desk.journal import SYSTEM_ACTOR

    desk.update_settings(
        desk.settings().replace(reconsideration_body=REVIEW_BODY, court=COURT),
        actor_id=SYSTEM_ACTOR,
    )


@pytest.fixture
def remedies(desk: Desk) -> Desk:
    """A desk whose centre has set the remedy bodies: for tests that reject."""
    set_remedy_bodies(desk)
    return desk


def db_dump(desk: Desk) -> list[str]:
    """Every row of the database as SQL text: compare before/after to prove nothing changed."""
    import sqlite3

    with sqlite3.connect(desk.store.path) as conn:
        return list(conn.iterdump())


def unchanged(desk: Desk):  # type: ignore[no-untyped-def]
    """Context manager asserting the block leaves the database byte-for-byte the same."""
    import contextlib

    @contextlib.contextmanager
    def _check():  # type: ignore[no-untyped-def]
        before = db_dump(desk)
        yield
        assert db_dump(desk) == before, "the database changed"

    return _check()


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
