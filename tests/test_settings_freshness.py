"""Settings that shape data are read in the transaction that uses them; no stale copy wins.

Two Desks on one data directory stand for the app and the command line (and
one test runs the real ``clerk-desk terminal number`` in a subprocess while a
Desk is open): the terminal number of a new case, the centre on its documents
and a later settings save all see the other's change.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.desks import resident_id

from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.staff import StaffRecord

LOW_INCOME = "370830104-MZ-001"


@pytest.fixture
def other(desk: Desk, data_dir: Path, clock: FixedClock) -> Iterator[Desk]:
    """A second Desk on the same data directory (another process, as far as SQLite knows)."""
    d = Desk.open(data_dir, clock=clock)
    yield d
    d.close()


def _new_case_terminal(desk: Desk, clerk: StaffRecord, n: int) -> str:
    applicant = desk.applicants.register_person(
        actor_id=clerk.id,
        name="王䶮",
        id_number=resident_id(f"370830198001{n % 28 + 1:02d}{n % 1000:03d}"),
        phone="",
    )
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    return case.tracking_number[6:11]


def test_a_number_set_elsewhere_numbers_the_next_case_and_survives_a_stale_save(
    desk: Desk, other: Desk, clerk: StaffRecord, tmp_path: Path
) -> None:
    stale = desk.settings()  # the settings dialog, opened before the change
    other.change_settings({"terminal_code": "00042"}, actor_id=SYSTEM_ACTOR)  # the CLI
    assert _new_case_terminal(desk, clerk, 1) == "00042"
    assert desk.settings().terminal_code == "00042"  # no stale copy served
    saved = desk.update_settings(
        stale.replace(printer=f"folder:{tmp_path / 'a4'}"), actor_id=clerk.id, base=stale
    )
    assert (saved.terminal_code, saved.printer) == ("00042", f"folder:{tmp_path / 'a4'}")
    assert other.settings().terminal_code == "00042"


def test_a_stale_copy_without_a_base_does_not_overwrite_either(
    desk: Desk, other: Desk, clerk: StaffRecord, tmp_path: Path
) -> None:
    """``update_settings(desk.settings().replace(...))``: only the replaced field is written."""
    copy = desk.settings()
    other.change_settings({"terminal_code": "00043", "window": "7"}, actor_id=SYSTEM_ACTOR)
    desk.update_settings(copy.replace(printer=f"folder:{tmp_path}"), actor_id=clerk.id)
    now = other.settings()
    assert (now.terminal_code, now.window, now.printer) == ("00043", "7", f"folder:{tmp_path}")


def test_documents_name_the_centre_as_stored_when_they_are_made(
    desk: Desk, other: Desk, clerk: StaffRecord
) -> None:
    desk.settings()  # a copy cached before the change
    other.change_settings(
        {"centre_name": "汶上县南站镇便民服务中心", "document_prefix": "南站便民"},
        actor_id=SYSTEM_ACTOR,
    )
    applicant = desk.applicants.register_person(
        actor_id=clerk.id, name="王䶮", id_number=resident_id(), phone=""
    )
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(
        case_id=case.id,
        clerk_id=clerk.id,
        answers={"has_disabled_member": False, "has_serious_illness": False, "divorced": False},
    )
    desk.intake.mark(
        case_id=case.id,
        clerk_id=clerk.id,
        received=["id_card", "hukou", "app_form", "income", "consent"],
    )
    desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    assert doc.serial is not None and doc.serial.startswith("南站便民受字")
    from clerk_desk.models import Document

    with desk.store.read() as s:
        kept = s.get(Document, doc.id)
        assert kept is not None
        assert kept.inputs["counter"]["centre_name"] == "汶上县南站镇便民服务中心"


def test_the_command_line_changes_the_number_while_a_desk_is_open(
    desk: Desk, clerk: StaffRecord, data_dir: Path, tmp_path: Path
) -> None:
    """The real ``clerk-desk terminal number 00042`` in another process."""
    stale = desk.settings()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "clerk_desk.cli",
            "--data-dir",
            str(data_dir),
            "terminal",
            "number",
            "00042",
        ],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert _new_case_terminal(desk, clerk, 2) == "00042"
    desk.update_settings(
        stale.replace(roll_printer=f"folder:{tmp_path}"), actor_id=clerk.id, base=stale
    )
    assert desk.settings().terminal_code == "00042"


def test_randomly_interleaved_changes_never_lose_one(
    desk: Desk, other: Desk, clerk: StaffRecord, tmp_path: Path
) -> None:
    """The CLI's number, the app's printer saves from copies of any age, new cases: shuffled."""
    rng = random.Random(7)
    copies = [desk.settings()]
    number, printer = desk.settings().terminal_code, desk.settings().printer
    tries = failures = 0
    for n in range(200):
        op = rng.choice(["number", "save", "case", "read"])
        tries += 1
        if op == "number":
            number = f"{rng.randrange(1, 89999):05d}"
            other.change_settings({"terminal_code": number}, actor_id=SYSTEM_ACTOR)
        elif op == "save":
            base = rng.choice(copies)
            printer = f"folder:{tmp_path / str(n)}"
            desk.update_settings(base.replace(printer=printer), actor_id=clerk.id, base=base)
        elif op == "case":
            failures += _new_case_terminal(desk, clerk, n) != number
        else:
            copies.append(desk.settings())
        now = other.settings()
        failures += (now.terminal_code, now.printer) != (number, printer)
        failures += desk.settings() != now
    print(f"settings interleavings: tries={tries} failures={failures}")
    assert failures == 0
