"""First start of a centre: its first real admin and the bodies its documents name.

One call, one transaction: the admin account (which disables the demo
account), the deciding body (决定机关), the review body (行政复议机关) and the
court a rejection names as the applicant's remedies. Until they are set a
rejection cannot be issued, so the first-start dialog asks for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from clerk_desk.clock import Clock
from clerk_desk.errors import RuleViolation
from clerk_desk.identity_numbers import validate_name
from clerk_desk.journal import SYSTEM_ACTOR, record_change
from clerk_desk.roles import Role
from clerk_desk.settings import TerminalSettings, load_settings, save_settings
from clerk_desk.staff import StaffRecord, StaffService, check_password
from clerk_desk.storage import Store

# The settings first start asks for, all required.
CENTRE_BODIES = ("decision_authority", "reconsideration_body", "court")


@dataclass(frozen=True, slots=True)
class CentreSetup:
    login: str
    name: str
    password: str
    decision_authority: str
    reconsideration_body: str
    court: str
    window: str = ""


def set_up_centre(
    store: Store, clock: Clock, staff: StaffService, setup: CentreSetup, *, via: str
) -> tuple[StaffRecord, TerminalSettings]:
    """Create the first admin and set the centre's bodies; refused once an admin exists."""
    bodies = {
        field: validate_name(getattr(setup, field), where=field, max_len=100, field=field)
        for field in CENTRE_BODIES
    }
    values = staff.checked_new(login=setup.login, name=setup.name, role=Role.ADMIN, village="")
    check_password(setup.password, login=values["login"])
    hashed = staff.hash_password(setup.password)
    with store.write() as session:
        if staff.admin_count(session) > 0:
            raise RuleViolation("the centre is set up already: an admin account exists")
        admin = staff.create_within(
            session,
            actor_id=SYSTEM_ACTOR,
            window=setup.window,
            password_hash=hashed,
            via=via,
            **values,
        )
        settings = load_settings(session).replace(**bodies)
        changed = save_settings(session, settings)
        if changed:
            record_change(
                session,
                at=clock.now(),
                actor_id=SYSTEM_ACTOR,
                action="settings.changed",
                entity="settings",
                entity_id=settings.terminal_code or "terminal",
                payload={**changed, "via": via},
                sync=False,
            )
    return admin, settings
