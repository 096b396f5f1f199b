"""Helpers of the staff-account tests: audit entries, accounts made by the system."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from clerk_desk.desk import Desk
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.models import AuditEntry, OutboxEntry
from clerk_desk.staff import StaffRecord

ADMIN_PASSWORD = "Guocang#2026"


def audit(desk: Desk, action: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(actor, entity id, payload) of each audit entry of ``action``, oldest first."""
    with desk.store.read() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
        )
        return [(e.actor_id, e.entity_id, json.loads(e.payload)) for e in rows]


def outbox_operations(desk: Desk) -> list[str]:
    with desk.store.read() as session:
        return list(session.scalars(select(OutboxEntry.operation).order_by(OutboxEntry.seq)))


def first_admin(desk: Desk, login: str = "zhang") -> StaffRecord:
    """The centre's first real admin, made by the system (as the command line does)."""
    return desk.staff.create(
        actor_id=SYSTEM_ACTOR, login=login, name="张主任", role="admin", password=ADMIN_PASSWORD
    )
