"""Two terminals and the back office touch the same centre's cases at once.

What it expects: two office staff racing on one step with the same expected state:
one wins, the other is refused 409 with the current state; the office's steps reach
the case's terminal through the feed; a terminal of the same centre that does not
hold the case keeps the step (held, explained) and loses nothing; the terminal hands
the result over (已送达) and the server's copy ends delivered; the comparer finds
nothing lost, nothing doubled.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from support.central import LiveServer, add_centre, enroll_code, office_login
from support.comparer import assert_consistent
from support.faults import Terminal, record

from clerk_central.models import ServerCase

OFFICE = "/office/v1"


def step(base: str, auth: dict[str, str], number: str, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(f"{base}{OFFICE}/cases/{number}/steps", json=body, headers=auth)


def test_two_terminals_and_the_back_office_on_one_centres_cases(
    server: LiveServer, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    add_centre(sessions)
    t1 = Terminal("T1", tmp_path / "t1")
    t2 = Terminal("T2", tmp_path / "t2")
    for term in (t1, t2):
        term.enroll(server.base, enroll_code(sessions))
    (number,) = t1.take_cases(1)
    t2.take_cases(1)
    t1.sync()
    t2.sync()
    auth = office_login(server.base, sessions)

    # Two office staff start the same case at once, both expecting 受理 (accepted).
    answers: list[httpx.Response] = []
    racers = [
        threading.Thread(
            target=lambda: answers.append(
                step(
                    server.base,
                    auth,
                    number,
                    {"step": "processing_started", "expected_state": "accepted"},
                )
            )
        )
        for _ in range(2)
    ]
    for r in racers:
        r.start()
    for r in racers:
        r.join(30)
    assert sorted(a.status_code for a in answers) == [200, 409]
    refused = next(a for a in answers if a.status_code == 409).json()
    assert "in_progress" in refused["message"]
    for body in (
        {"step": "decided", "expected_state": "in_progress", "decision": "准予"},
        {"step": "completed", "expected_state": "decided"},
    ):
        assert step(server.base, auth, number, body).status_code == 200

    t1.sync()  # the steps come down to the case's terminal
    t2.sync()  # T2 does not hold the case: the steps are kept, nothing lost
    with t1.desk() as desk:
        case = desk.cases.by_tracking_number(number)
        assert str(case.state) == "completed"
        from clerk_desk.first_run import DEMO_LOGIN

        clerk = desk.staff.by_login(DEMO_LOGIN)
        desk.cases.deliver(case.id, staff_id=clerk.id, how="窗口领取")
    t1.sync()
    with sessions() as s:
        copy = s.scalars(select(ServerCase).where(ServerCase.tracking_number == number)).one()
    assert copy.state == "delivered"
    final = assert_consistent(
        sessions, [("T1", t1.data_dir), ("T2", t2.data_dir)], office_cases={copy.id}
    )
    record("two-terminals-and-back-office", 1, 0, f"({final.summary()})")
