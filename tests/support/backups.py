"""Shared test helpers: backups."""

from __future__ import annotations

from pathlib import Path

from clerk_desk.desk import Desk
from clerk_desk.staff import StaffRecord
from support.desks import resident_id
from support.intake import LOW_INCOME


def take_cases(desk: Desk, clerk: StaffRecord, n: int, start: int = 0) -> list[str]:
    numbers = []
    for i in range(start, start + n):
        person = desk.applicants.register_person(
            actor_id=clerk.id, name=f"王{i}", id_number=resident_id(f"37083019800101{i:03d}")
        )
        case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=person.id)
        numbers.append(case.tracking_number)
    return numbers


def case_numbers(desk: Desk) -> set[str]:
    from sqlalchemy import select

    from clerk_desk.models import Case

    with desk.store.read() as s:
        return set(s.scalars(select(Case.tracking_number)))


def btree_pages(db: Path) -> list[int]:
    """The 0-based numbers of the pages that hold b-tree nodes (what quick_check walks)."""
    body = db.read_bytes()
    return [n for n in range(1, len(body) // PAGE) if body[n * PAGE] in BTREE_PAGE_TYPES]


def damage(db: Path, page: int) -> None:
    offset = 100 if page == 0 else page * PAGE  # page 1 starts with the file header
    with db.open("r+b") as f:
        f.seek(offset)
        f.write(b"\xff" * 16)


PAGE = 4096


BTREE_PAGE_TYPES = {2, 5, 10, 13}
