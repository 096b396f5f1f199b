"""Staff accounts: clerks, village agents, supervisors, admins."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_desk.clock import Clock
from clerk_desk.errors import InvalidInput, NotFound, RuleViolation
from clerk_desk.identity_numbers import validate_name
from clerk_desk.journal import SYSTEM_ACTOR, record_change
from clerk_desk.models import Staff
from clerk_desk.models.people import STAFF_ROLES
from clerk_desk.storage import Store


@dataclass(frozen=True, slots=True)
class StaffRecord:
    id: str
    login: str
    name: str
    role: str
    window: str
    active: bool


def require_actor(session: Session, actor_id: str, *, where: str = "actor_id") -> None:
    """Refuse a change in the name of anyone but an active account or the system."""
    if actor_id == SYSTEM_ACTOR:
        return
    staff = session.get(Staff, actor_id)
    if staff is None or not staff.active:
        raise InvalidInput(where, "no active staff account with id {id}", id=repr(actor_id))


def _record(s: Staff) -> StaffRecord:
    return StaffRecord(s.id, s.login, s.name, s.role, s.window, s.active)


class StaffService:
    """Creates accounts and checks passwords (argon2id)."""

    def __init__(self, store: Store, clock: Clock, hasher: PasswordHasher | None = None) -> None:
        self._store = store
        self._clock = clock
        self._hasher = hasher or PasswordHasher()

    def create(
        self,
        *,
        actor_id: str,
        login: str,
        name: str,
        role: str,
        window: str = "",
        password: str | None = None,
    ) -> StaffRecord:
        login = login.strip()
        if not login or len(login) > 64 or not login.isprintable() or " " in login:
            raise InvalidInput("login", "must be 1-64 printable characters without spaces")
        name = validate_name(name, where="name")
        if role not in STAFF_ROLES:
            raise InvalidInput(
                "role",
                "must be one of {choices}, got {got}",
                choices=", ".join(STAFF_ROLES),
                got=repr(role),
            )
        if password is not None and len(password) < 6:
            raise InvalidInput("password", "must have at least 6 characters")
        now = self._clock.now()
        with self._store.write() as session:
            require_actor(session, actor_id)
            if session.scalar(select(Staff.id).where(Staff.login == login)):
                raise RuleViolation("login {login} is already taken", login=repr(login))
            staff = Staff(
                login=login,
                name=name,
                role=role,
                window=window,
                password_hash=self._hasher.hash(password) if password is not None else None,
                active=True,
                created_at=now,
            )
            session.add(staff)
            session.flush()
            record_change(
                session,
                at=now,
                actor_id=actor_id,
                action="staff.created",
                entity="staff",
                entity_id=staff.id,
                payload={"login": login, "name": name, "role": role, "window": window},
            )
            return _record(staff)

    def get(self, staff_id: str) -> StaffRecord:
        with self._store.read() as session:
            staff = session.get(Staff, staff_id)
            if staff is None:
                raise NotFound("no staff account with id {id}", id=repr(staff_id))
            return _record(staff)

    def by_login(self, login: str) -> StaffRecord | None:
        with self._store.read() as session:
            staff = session.scalar(select(Staff).where(Staff.login == login.strip()))
            return _record(staff) if staff else None

    def all(self) -> list[StaffRecord]:
        with self._store.read() as session:
            return [_record(s) for s in session.scalars(select(Staff).order_by(Staff.login))]

    def authenticate(self, login: str, password: str) -> StaffRecord | None:
        """The account if ``password`` is right and the account active, else None."""
        with self._store.read() as session:
            staff = session.scalar(select(Staff).where(Staff.login == login.strip()))
            if staff is None or not staff.active or staff.password_hash is None:
                # Spend the same time as a real check so logins cannot be probed.
                self._hasher.hash(password)
                return None
            try:
                self._hasher.verify(staff.password_hash, password)
            except (VerificationError, InvalidHashError):
                return None
            return _record(staff)
