"""A case taken headless: intake, one-time notice, the applicant's return, acceptance.

Run it on a throw-away data directory:

    .venv/bin/python examples/notice_then_acceptance.py /tmp/clerk-desk-example

It prints each step as a clerk would see it and exits 0. The services used
here are exactly the ones the desktop UI and sync call.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path

from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.identity_numbers import mask_id_number, resident_id_check_char
from clerk_desk.tracking_numbers import display

ITEM = "370830104-MZ-001"  # 最低生活保障申请 (minimum living allowance)


def run(data_dir: Path) -> str:
    # A fixed clock makes the walkthrough repeatable: Monday 23 Nov 2026, 09:10.
    clock = FixedClock(datetime(2026, 11, 23, 9, 10, tzinfo=CHINA_TZ))
    desk = Desk.open(data_dir, clock=clock)
    try:
        ensure_ready(desk)
        clerk = desk.staff.by_login(DEMO_LOGIN)
        assert clerk is not None

        # 1. The applicant at the counter; first contact makes the clerk the owner.
        id_number = "37083019650712345"
        id_number += resident_id_check_char(id_number)
        applicant = desk.applicants.register_person(
            actor_id=clerk.id, name="张𠈌", id_number=id_number, phone="13905371234"
        )
        case = desk.intake.start(clerk_id=clerk.id, item_code=ITEM, applicant_id=applicant.id)
        print(
            f"opened {display(case.tracking_number)} for {case.applicant.name} "
            f"({mask_id_number(applicant.id_number)}): {case.stored_item.item.name}"
        )

        # 2. Situation questions decide the checklist.
        case = desk.intake.answer(
            case_id=case.id,
            clerk_id=clerk.id,
            answers={
                "by_proxy": False,
                "has_disabled_member": True,
                "has_serious_illness": False,
                "divorced": False,
            },
        )
        print("checklist:", ", ".join(e.material.name for e in case.checklist))

        # 3. Two key materials are not there: one notice lists every missing one.
        have = [e.material.id for e in case.checklist if e.material.id not in ("income", "consent")]
        desk.intake.mark(
            case_id=case.id, clerk_id=clerk.id, received=have, missing=["income", "consent"]
        )
        case = desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
        print("one-time notice lists:", ", ".join(m.name for m in case.missing))

        # 4. Thursday: the applicant comes back; only the notice's materials are re-checked.
        clock.set(datetime(2026, 11, 26, 14, 0, tzinfo=CHINA_TZ))
        returning = desk.intake.open_cases_with_notice(applicant.id)[0]
        print("re-check:", ", ".join(e.material.name for e in returning.recheck))
        desk.intake.mark(
            case_id=case.id, clerk_id=clerk.id, received=[e.material.id for e in returning.recheck]
        )
        case = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
        print(
            f"accepted on {case.accepted_on}, due {case.due_on} "
            f"({case.stored_item.item.time_limit.promised_days} working days)"
        )

        for step in desk.cases.timeline(case.id):
            print(
                f"  {step.at.astimezone(CHINA_TZ):%m-%d %H:%M} {step.staff_name} {step.action} "
                f"-> {step.to_state}"
            )
        report = desk.verify_audit()
        print(
            f"audit log intact: {report.ok} ({report.entries} entries); "
            f"{desk.pending_changes()} changes waiting to sync"
        )
        return case.state.value
    finally:
        desk.close()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    state = run(target)
    sys.exit(0 if state == "accepted" else 1)
