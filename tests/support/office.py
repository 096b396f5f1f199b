"""The county back office's steps as a terminal receives them (clerk_desk.office_steps)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from clerk_desk.cases import CaseView
from clerk_desk.desk import Desk
from clerk_desk.office_steps import apply_office_step

TZ = "Asia/Shanghai"


def step_body(
    case: CaseView, step: str, seq: int, at: datetime, before: str, after: str, **detail: str
) -> dict[str, Any]:
    """A case_step feed item's body as the server writes it (clerk_central.office.take_step)."""
    return {
        "case_id": case.id,
        "tracking_number": case.tracking_number,
        "step": step,
        "step_seq": seq,
        "at": at.isoformat(),
        "staff_name": "李审批",
        "from_state": before,
        "to_state": after,
        "detail": detail,
    }


def apply(desk: Desk, body: object) -> str:
    """Apply one step as the sync does; its problem, or "" when it was applied."""
    with desk.store.write() as s:
        return apply_office_step(s, body, tz=TZ)
