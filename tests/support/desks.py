"""Shared test helpers: desks."""

from __future__ import annotations

from pathlib import Path

from clerk_desk.desk import Desk
from clerk_desk.holiday_calendar import calendar_from_json
from clerk_desk.identity_numbers import resident_id_check_char

REPO = Path(__file__).resolve().parent.parent.parent


SAMPLE_CATALOG = REPO / "resources" / "sample-catalog.json"


# The tests own their holiday data: every store they make, here or in a
# subprocess (which inherits the environment), is seeded from this fixture and
# not from the installed chinesecalendar, whose next release adds a year and
# would move their due dates. tests/test_holiday_calendar_package.py is the one
# place that checks the code against the real package.
HOLIDAYS_FILE = REPO / "tests" / "data" / "holidays-2004-2026.json"


# The same calendar, for tests that compute due dates without a store.
HOLIDAYS = calendar_from_json(HOLIDAYS_FILE.read_bytes())


def resident_id(body17: str = "37083019800101123") -> str:
    """A resident ID number with a correct check character."""
    return body17 + resident_id_check_char(body17)


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
