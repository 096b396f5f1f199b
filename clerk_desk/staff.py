"""Staff accounts: clerks, village agents, supervisors, admins.

Who may do what (``may_manage`` and ``may_reset`` answer it for the UI too):

* an admin (or the system: the command line, first-run set-up) creates,
  disables and enables accounts and resets anyone's password;
* a supervisor resets the passwords of clerks and village agents, the
  counter staff they answer for, not those of other supervisors or admins;
* nobody disables themself or the last active admin.

Passwords follow one policy (:func:`check_password`): at least 8 characters,
not the login, not the demo account's password. A password someone else chose
(a new account, a reset) is temporary: the account must change it at its next
login (:meth:`StaffService.change_own_password`).

Five failed logins in a row lock the account for five minutes. Unlike the
other calls, a failed login writes: the attempt and the lock are audited.

The demo account (login ``demo``) is made by first-run set-up so the embedded
default can take a case at once. It lives only until the first real admin is
created: that creation disables it in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clerk_desk.clock import Clock
from clerk_desk.errors import InvalidInput, NotFound, RuleViolation
from clerk_desk.identity_numbers import validate_name
from clerk_desk.journal import SYSTEM_ACTOR, record_change
from clerk_desk.models import Staff
from clerk_desk.roles import STAFF_ROLES, Role
from clerk_desk.storage import Store

DEMO_LOGIN = "demo"
DEMO_PASSWORD = "demo1234"
DEMO_NAME = "演示窗口员"
MIN_PASSWORD_LENGTH = 8
MAX_FAILED_LOGINS = 5
LOCK_DURATION = timedelta(minutes=5)
# The roles whose passwords a supervisor may reset.
SUPERVISED_ROLES = frozenset({Role.CLERK, Role.AGENT})


@dataclass(frozen=True, slots=True)
class StaffRecord:
    id: str
    login: str
    name: str
    role: Role
    window: str
    active: bool
    village: str = ""
    must_change_password: bool = False
    locked_until: datetime | None = None

    @property
    def demo(self) -> bool:
        return self.login == DEMO_LOGIN

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


@dataclass(frozen=True, slots=True)
class AccountsState:
    """What the login screen, the status bar and first start need to know.

    ``demo_active``: the demo account can still log in; ``demo_only``: it is
    the only active account; ``admin_exists``: a real admin exists (the
    first-start dialog is not needed).
    """

    demo_active: bool
    demo_only: bool
    admin_exists: bool


def check_password(password: str, *, login: str, where: str = "password") -> None:
    """The password policy, for the service, the command line and the app alike."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            where, "must have at least {min_length} characters", min_length=MIN_PASSWORD_LENGTH
        )
    if password.strip().casefold() == login.strip().casefold():
        raise InvalidInput(where, "must not be the login")
    if password == DEMO_PASSWORD:
        raise InvalidInput(where, "must not be the demo account's password")


def check_login(login: str) -> str:
    """A login as stored: stripped, 1-64 printable characters without spaces."""
    login = login.strip()
    if not login or len(login) > 64 or not login.isprintable() or " " in login:
        raise InvalidInput("login", "must be 1-64 printable characters without spaces")
    return login


def may_manage(actor_role: Role) -> bool:
    """Whether this role creates, disables and enables accounts."""
    return actor_role == Role.ADMIN


def may_reset(actor_role: Role, target_role: Role) -> bool:
    """Whether this role resets the password of an account of ``target_role``."""
    if actor_role == Role.ADMIN:
        return True
    return actor_role == Role.SUPERVISOR and target_role in SUPERVISED_ROLES


def require_actor(session: Session, actor_id: str, *, where: str = "actor_id") -> None:
    """Refuse a change in the name of anyone but an active account or the system."""
    if actor_id == SYSTEM_ACTOR:
        return
    staff = session.get(Staff, actor_id)
    if staff is None or not staff.active:
        raise InvalidInput(where, "no active staff account with id {id}", id=repr(actor_id))


def record_of(s: Staff) -> StaffRecord:
    return StaffRecord(
        s.id,
        s.login,
        s.name,
        Role(s.role),
        s.window,
        s.active,
        s.village,
        s.must_change_password,
        s.locked_until,
    )


def _active_admins(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Staff).where(Staff.role == Role.ADMIN, Staff.active)
        )
        or 0
    )


def _actor_role(session: Session, actor_id: str) -> Role:
    """The acting account's role (the system acts as an admin)."""
    if actor_id == SYSTEM_ACTOR:
        return Role.ADMIN
    staff = session.get(Staff, actor_id)
    if staff is None or not staff.active:
        raise InvalidInput("actor_id", "no active staff account with id {id}", id=repr(actor_id))
    return Role(staff.role)


def _require_manager(session: Session, actor_id: str) -> None:
    if not may_manage(_actor_role(session, actor_id)):
        raise RuleViolation("only an admin may create, disable or enable staff accounts")


def _village(role: str, village: str) -> str:
    if role == Role.AGENT:
        return validate_name(village, where="village", max_len=64, field="village")
    if village.strip():
        raise InvalidInput("village", "only a village agent serves a village point")
    return ""


def _via(payload: dict[str, Any], via: str) -> dict[str, Any]:
    """The payload, saying where the change came from ("cli", "first_start") when not the app."""
    return {**payload, "via": via} if via else payload


class StaffService:
    """Accounts, passwords (argon2id), logins with lockout."""

    def __init__(self, store: Store, clock: Clock, hasher: PasswordHasher | None = None) -> None:
        self._store = store
        self._clock = clock
        self._hasher = hasher or PasswordHasher()

    # -- accounts -------------------------------------------------------------

    def create(
        self,
        *,
        actor_id: str,
        login: str,
        name: str,
        role: str,
        window: str = "",
        village: str = "",
        password: str | None = None,
        via: str = "",
    ) -> StaffRecord:
        """A new account (an admin's, or the system's).

        Its password is temporary (changed at the first login), except the
        first real admin's, who chose it. Creating the first admin disables
        the demo account in the same transaction.
        """
        values = self.checked_new(login=login, name=name, role=role, village=village)
        if password is not None:
            check_password(password, login=values["login"])
        hashed = self.hash_password(password) if password is not None else None
        with self._store.write() as session:
            return self.create_within(
                session, actor_id=actor_id, window=window, password_hash=hashed, via=via, **values
            )

    def hash_password(self, password: str) -> str:
        """The argon2id hash to store (takes a moment: hash before the write transaction)."""
        return self._hasher.hash(password)

    @staticmethod
    def admin_count(session: Session) -> int:
        """How many active admin accounts there are."""
        return _active_admins(session)

    def checked_new(self, *, login: str, name: str, role: str, village: str) -> dict[str, str]:
        """A new account's values, checked and normalised (for :meth:`create_within`)."""
        login = check_login(login)
        if login == DEMO_LOGIN:
            raise RuleViolation("the login {login} is kept for the demo account", login=repr(login))
        name = validate_name(name, where="name")
        if role not in STAFF_ROLES:
            raise InvalidInput(
                "role",
                "must be one of {choices}, got {got}",
                choices=", ".join(STAFF_ROLES),
                got=repr(role),
            )
        return {"login": login, "name": name, "role": role, "village": _village(role, village)}

    def create_within(
        self,
        session: Session,
        *,
        actor_id: str,
        login: str,
        name: str,
        role: str,
        village: str,
        window: str,
        password_hash: str | None,
        via: str = "",
    ) -> StaffRecord:
        """Create the account in ``session`` (values checked by the caller: see :meth:`create`)."""
        now = self._clock.now()
        _require_manager(session, actor_id)
        if session.scalar(select(Staff.id).where(Staff.login == login)):
            # The clerk typed it: said under the login field, the cursor there.
            raise InvalidInput("login", "{login} is already taken", login=repr(login))
        first_admin = role == Role.ADMIN and _active_admins(session) == 0
        staff = Staff(
            login=login,
            name=name,
            role=role,
            window=window,
            village=village,
            password_hash=password_hash,
            must_change_password=password_hash is not None and not first_admin,
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
            payload=_via(
                {"login": login, "name": name, "role": role, "window": window, "village": village},
                via,
            ),
        )
        if role == Role.ADMIN:
            demo = session.scalar(select(Staff).where(Staff.login == DEMO_LOGIN))
            if demo is not None and demo.active:
                demo.active = False
                record_change(
                    session,
                    at=now,
                    actor_id=actor_id,
                    action="staff.disabled",
                    entity="staff",
                    entity_id=demo.id,
                    payload=_via({"login": demo.login, "reason": "first real admin created"}, via),
                )
        return record_of(staff)

    def create_demo(self, *, window: str) -> StaffRecord:
        """The demo clerk of the embedded default (first-run set-up; its password is public)."""
        now = self._clock.now()
        with self._store.write() as session:
            if session.scalar(select(Staff.id).where(Staff.login == DEMO_LOGIN)):
                raise RuleViolation("login {login} is already taken", login=repr(DEMO_LOGIN))
            staff = Staff(
                login=DEMO_LOGIN,
                name=DEMO_NAME,
                role=Role.CLERK,
                window=window,
                password_hash=self._hasher.hash(DEMO_PASSWORD),
                active=True,
                created_at=now,
            )
            session.add(staff)
            session.flush()
            record_change(
                session,
                at=now,
                actor_id=SYSTEM_ACTOR,
                action="staff.created",
                entity="staff",
                entity_id=staff.id,
                payload={
                    "login": DEMO_LOGIN,
                    "name": DEMO_NAME,
                    "role": Role.CLERK.value,
                    "window": window,
                    "village": "",
                    "demo": True,
                },
            )
            return record_of(staff)

    def disable(self, *, actor_id: str, staff_id: str, via: str = "") -> StaffRecord:
        """Disable an account (an admin's call): it can no longer log in. Its history stays."""
        now = self._clock.now()
        with self._store.write() as session:
            _require_manager(session, actor_id)
            staff = self._load(session, staff_id)
            if staff.id == actor_id:
                raise RuleViolation("nobody may disable their own account")
            if not staff.active:
                raise RuleViolation("the account {login} is already disabled", login=staff.login)
            if staff.role == Role.ADMIN and _active_admins(session) <= 1:
                raise RuleViolation(
                    "the account {login} is the last active admin: create another admin first",
                    login=staff.login,
                )
            staff.active = False
            record_change(
                session,
                at=now,
                actor_id=actor_id,
                action="staff.disabled",
                entity="staff",
                entity_id=staff.id,
                payload=_via({"login": staff.login}, via),
            )
            return record_of(staff)

    def enable(self, *, actor_id: str, staff_id: str, via: str = "") -> StaffRecord:
        """Enable a disabled account again (not the demo account once an admin exists)."""
        now = self._clock.now()
        with self._store.write() as session:
            _require_manager(session, actor_id)
            staff = self._load(session, staff_id)
            if staff.active:
                raise RuleViolation("the account {login} is already active", login=staff.login)
            if staff.login == DEMO_LOGIN and _active_admins(session) > 0:
                raise RuleViolation(
                    "the demo account stays disabled once a real admin exists: "
                    "its password is public"
                )
            if staff.role == Role.AGENT and not staff.village:
                raise InvalidInput(
                    "village", "the village agent {login} has no village point", login=staff.login
                )
            staff.active = True
            staff.failed_logins = 0
            staff.locked_until = None
            record_change(
                session,
                at=now,
                actor_id=actor_id,
                action="staff.enabled",
                entity="staff",
                entity_id=staff.id,
                payload=_via({"login": staff.login}, via),
            )
            return record_of(staff)

    # -- passwords -------------------------------------------------------------

    def reset_password(
        self, *, actor_id: str, staff_id: str, password: str, via: str = ""
    ) -> StaffRecord:
        """Set a temporary password: the account changes it at its next login.

        An admin resets anyone's; a supervisor those of clerks and village
        agents. The reset also lifts a lock.
        """
        with self._store.read() as session:
            login = self._load(session, staff_id).login
        check_password(password, login=login)
        hashed = self._hasher.hash(password)
        now = self._clock.now()
        with self._store.write() as session:
            actor_role = _actor_role(session, actor_id)
            staff = self._load(session, staff_id)
            if staff.login == DEMO_LOGIN:
                raise RuleViolation("the demo account's password cannot be changed")
            if not may_reset(actor_role, Role(staff.role)):
                raise RuleViolation(
                    "a {actor_role} may not reset the password of a {role}",
                    actor_role=actor_role,
                    role=staff.role,
                )
            staff.password_hash = hashed
            staff.must_change_password = True
            staff.failed_logins = 0
            staff.locked_until = None
            record_change(
                session,
                at=now,
                actor_id=actor_id,
                action="staff.password_reset",
                entity="staff",
                entity_id=staff.id,
                payload=_via({"login": staff.login}, via),
            )
            return record_of(staff)

    def change_own_password(self, *, staff_id: str, password: str) -> StaffRecord:
        """The account's own new password (after login); clears the forced change."""
        with self._store.read() as session:
            staff = self._load(session, staff_id)
            login, old_hash = staff.login, staff.password_hash
        if login == DEMO_LOGIN:
            raise RuleViolation("the demo account's password cannot be changed")
        check_password(password, login=login)
        if old_hash is not None and self._matches(old_hash, password):
            raise InvalidInput("password", "must differ from the current password")
        hashed = self._hasher.hash(password)
        now = self._clock.now()
        with self._store.write() as session:
            require_actor(session, staff_id, where="staff_id")
            staff = self._load(session, staff_id)
            staff.password_hash = hashed
            staff.must_change_password = False
            record_change(
                session,
                at=now,
                actor_id=staff.id,
                action="staff.password_changed",
                entity="staff",
                entity_id=staff.id,
                payload={"login": staff.login},
            )
            return record_of(staff)

    def _matches(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    # -- reading -----------------------------------------------------------------

    @staticmethod
    def _load(session: Session, staff_id: str) -> Staff:
        staff = session.get(Staff, staff_id)
        if staff is None:
            raise NotFound("no staff account with id {id}", id=repr(staff_id))
        return staff

    def get(self, staff_id: str) -> StaffRecord:
        with self._store.read() as session:
            return record_of(self._load(session, staff_id))

    def by_login(self, login: str) -> StaffRecord | None:
        with self._store.read() as session:
            staff = session.scalar(select(Staff).where(Staff.login == login.strip()))
            return record_of(staff) if staff else None

    def all(self) -> list[StaffRecord]:
        with self._store.read() as session:
            return [record_of(s) for s in session.scalars(select(Staff).order_by(Staff.login))]

    def accounts_state(self) -> AccountsState:
        with self._store.read() as session:
            active = list(session.scalars(select(Staff.login).where(Staff.active)))
            admins = _active_admins(session)
        demo_active = DEMO_LOGIN in active
        return AccountsState(
            demo_active=demo_active,
            demo_only=demo_active and len(active) == 1,
            admin_exists=admins > 0,
        )

    # -- login --------------------------------------------------------------------

    def authenticate(self, login: str, password: str) -> StaffRecord | None:
        """The account if ``password`` is right and the account active, else None.

        A wrong password on an existing account is audited and counted; the
        fifth in a row locks the account for five minutes (RuleViolation, as
        does any attempt while it is locked, right password or not). A login
        that names no account is not audited: people type their password
        into the login field, and the log must not keep it.
        """
        login = login.strip()
        now = self._clock.now()
        with self._store.read() as session:
            staff = session.scalar(select(Staff).where(Staff.login == login))
            snapshot = record_of(staff) if staff is not None else None
            password_hash = staff.password_hash if staff is not None else None
        if snapshot is None:
            # Spend the same time as a real check so logins cannot be probed.
            self._hasher.hash(password)
            return None
        if not snapshot.active or password_hash is None:
            self._hasher.hash(password)
            self._refused(snapshot.id, now, "disabled" if not snapshot.active else "no password")
            return None
        if snapshot.locked(now):
            self._hasher.hash(password)
            self._refused(snapshot.id, now, "locked")
            raise self._locked_error(snapshot.login, snapshot.locked_until)
        if self._matches(password_hash, password):
            self._succeeded(snapshot.id, now)
            return self.get(snapshot.id)
        locked_until = self._failed(snapshot.id, now)
        if locked_until is not None:
            raise self._locked_error(snapshot.login, locked_until)
        return None

    def _locked_error(self, login: str, until: datetime | None) -> RuleViolation:
        shown = until.astimezone(self._clock.now().tzinfo).strftime("%H:%M") if until else "?"
        return RuleViolation(
            "the account {login} is locked after {count} failed logins; try again after {until}",
            login=login,
            count=MAX_FAILED_LOGINS,
            until=shown,
        )

    def _refused(self, staff_id: str, now: datetime, reason: str) -> None:
        with self._store.write() as session:
            staff = self._load(session, staff_id)
            record_change(
                session,
                at=now,
                actor_id=SYSTEM_ACTOR,
                action="staff.login_failed",
                entity="staff",
                entity_id=staff.id,
                payload={"login": staff.login, "reason": reason},
                sync=False,
            )

    def _failed(self, staff_id: str, now: datetime) -> datetime | None:
        """Count a wrong password; the time the account is locked until, if this locks it."""
        with self._store.write() as session:
            staff = self._load(session, staff_id)
            staff.failed_logins += 1
            record_change(
                session,
                at=now,
                actor_id=SYSTEM_ACTOR,
                action="staff.login_failed",
                entity="staff",
                entity_id=staff.id,
                payload={
                    "login": staff.login,
                    "reason": "wrong password",
                    "attempt": staff.failed_logins,
                },
                sync=False,
            )
            if staff.failed_logins < MAX_FAILED_LOGINS:
                return None
            until = now + LOCK_DURATION
            staff.locked_until = until
            staff.failed_logins = 0
            record_change(
                session,
                at=now,
                actor_id=SYSTEM_ACTOR,
                action="staff.locked",
                entity="staff",
                entity_id=staff.id,
                payload={
                    "login": staff.login,
                    "failed_logins": MAX_FAILED_LOGINS,
                    "until": until.isoformat(),
                },
                sync=False,
            )
            return until

    def _succeeded(self, staff_id: str, now: datetime) -> None:
        """A right password after failures or a lock that ran out: the count starts again."""
        with self._store.read() as session:
            staff = self._load(session, staff_id)
            if staff.failed_logins == 0 and staff.locked_until is None:
                return
        with self._store.write() as session:
            staff = self._load(session, staff_id)
            failed = staff.failed_logins
            staff.failed_logins = 0
            staff.locked_until = None
            record_change(
                session,
                at=now,
                actor_id=staff.id,
                action="staff.logged_in",
                entity="staff",
                entity_id=staff.id,
                payload={"login": staff.login, "after_failed_logins": failed},
                sync=False,
            )
