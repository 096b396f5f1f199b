"""The freeze policy: how long a terminal may go on taking cases without reaching the county.

A terminal that never syncs keeps cases the county never sees (issue #10, MOSIP's
lesson), so, once the terminal is enrolled with a county server:

* after ``sync_warn_days`` (7) days without a successful sync, or with
  ``sync_warn_waiting`` (5,000) changes waiting, the clerk is **warned** (the
  status bar, at login and when a new intake opens; nothing is blocked);
* after ``sync_freeze_days`` (30) days, a **new intake** (a new case, see
  :meth:`clerk_desk.intake.IntakeService.start_case`) needs a supervisor's
  password: :class:`FreezeOverride`, audited with the case it opened. Everything
  on existing cases goes on (consultation, notices, documents, the return visit
  after a one-time notice), and so do lookups.

A terminal never enrolled is not under the policy: on the embedded default,
without a county server, there is nothing to sync with, and its outbox only
grows. The days count from the last successful sync, or from the enrolment
while there has been none.

The clock
---------
The days are counted by the desk's clock, which a person can move. The store
keeps (setting row ``sync_freeze_clock``, beside ``sync_secret``) the last
success it counts from and the latest time the clock has shown since
(``high_water``), raised (once the clock has passed it by a minute) whenever the
policy is assessed in a write: every new intake, every sync of the app,
``clerk-desk sync run|status``. The days without
a sync are ``max(now, high_water) - last success``:

* a clock moved backwards never shortens them (a frozen terminal stays frozen
  until a sync succeeds), and never lengthens them (the time behind the high
  water is not counted twice when the clock is put right);
* while the clock is behind the high water the days do not grow; a clock more
  than a day behind is reported (reason ``clock``), and one behind by more
  than the whole freeze limit freezes new intakes too: dates it stamps on
  documents are wrong beyond doubt, and nothing else would ever freeze it;
* a clock moved forward by mistake counts as time passed (no clock can tell
  the two apart); the next successful sync counts from its own time again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clerk_desk.errors import RuleViolation
from clerk_desk.models import OutboxEntry, Setting, SyncState
from clerk_desk.roles import Role
from clerk_desk.settings import TerminalSettings

# The settings row that keeps the clock's high water since the last success.
CLOCK_KEY = "sync_freeze_clock"
# The row that holds the terminal's secret: enrolled means it is there (clerk_desk.sync).
_SECRET_KEY = "sync_secret"
DAY = timedelta(days=1)
# A clock behind what the terminal has seen by more than this is reported.
CLOCK_BEHIND_REPORTED = DAY
# The high water is written when the clock has passed it by this much: the policy counts
# days, and an intake need not pay for one more write (and sync to disk) each time.
HIGH_WATER_STEP = timedelta(minutes=1)
# Roles whose password lets a new intake open on a frozen terminal.
OVERRIDE_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})


class FreezeLevel(StrEnum):
    OFF = "off"  # not enrolled: the policy does not apply
    OK = "ok"
    WARN = "warn"
    FROZEN = "frozen"


class FreezeReason(StrEnum):
    DAYS = "days"  # days without a successful sync
    WAITING = "waiting"  # changes waiting to go up
    CLOCK = "clock"  # the clock is behind what the terminal has seen


@dataclass(frozen=True, slots=True)
class FreezeState:
    """The policy as assessed at ``at``: the level, why, and the figures behind it."""

    level: FreezeLevel
    reasons: tuple[FreezeReason, ...]
    # The last successful sync (or the enrolment while there has been none).
    since: datetime | None
    # Time without a successful sync, as counted (never negative).
    offline: timedelta
    waiting: int
    # How far the clock is behind the latest time it showed since ``since``.
    clock_behind: timedelta
    warn_days: int
    warn_waiting: int
    freeze_days: int
    at: datetime

    @property
    def enrolled(self) -> bool:
        return self.level is not FreezeLevel.OFF

    @property
    def frozen(self) -> bool:
        return self.level is FreezeLevel.FROZEN

    @property
    def warned(self) -> bool:
        """The clerk should be told (warned or frozen)."""
        return self.level in (FreezeLevel.WARN, FreezeLevel.FROZEN)

    @property
    def days(self) -> int:
        """Whole days without a successful sync."""
        return int(self.offline // DAY)

    @property
    def days_behind(self) -> int:
        """Whole days the clock is behind (rounded up: a clock 1.5 days behind is 2)."""
        return math.ceil(self.clock_behind / DAY) if self.clock_behind > timedelta(0) else 0


@dataclass(frozen=True, slots=True)
class FreezeOverride:
    """A supervisor's login and password, typed at the counter to open a new intake
    on a frozen terminal (never stored; the supervisor's id is audited)."""

    supervisor_login: str
    password: str


class SyncFrozen(RuleViolation):
    """A new intake on a frozen terminal without a supervisor's override.

    ``state`` is the policy as assessed (set by :func:`frozen_error`), for the UI
    to show the figures.
    """

    state: FreezeState | None = None


def _enrolled(session: Session) -> SyncState | None:
    state = session.get(SyncState, 1)
    if state is None or session.get(Setting, _SECRET_KEY) is None:
        return None
    return state


def _parse(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _mark(session: Session, since: datetime) -> datetime:
    """The clock's high water since ``since`` (``since`` itself when none is kept for it).

    A row kept for another success (a sync succeeded since) or one that does not
    read counts as none: the high water starts again at the new success.
    """
    row = session.get(Setting, CLOCK_KEY)
    value = row.value if row is not None else None
    if isinstance(value, dict) and _parse(value.get("since")) == since:
        high = _parse(value.get("high_water"))
        if high is not None:
            return max(high, since)
    return since


def _waiting(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.sent_at.is_(None))
        )
        or 0
    )


def assess(session: Session, settings: TerminalSettings, now: datetime) -> FreezeState:
    """The policy at ``now`` as the store stands (reads only; see :func:`observe`)."""
    limits = {
        "warn_days": settings.sync_warn_days,
        "warn_waiting": settings.sync_warn_waiting,
        "freeze_days": settings.sync_freeze_days,
    }
    state = _enrolled(session)
    if state is None:
        return FreezeState(
            FreezeLevel.OFF, (), None, timedelta(0), 0, timedelta(0), **limits, at=now
        )
    since = state.last_success_at or state.enrolled_at or now
    high = _mark(session, since)
    offline = max(now, high) - since
    behind = max(high - now, timedelta(0))
    waiting = _waiting(session)
    reasons: list[FreezeReason] = []
    frozen = False
    if offline >= settings.sync_warn_days * DAY:
        reasons.append(FreezeReason.DAYS)
        frozen = offline >= settings.sync_freeze_days * DAY
    if waiting >= settings.sync_warn_waiting:
        reasons.append(FreezeReason.WAITING)
    if behind > CLOCK_BEHIND_REPORTED:
        reasons.append(FreezeReason.CLOCK)
        frozen = frozen or behind > settings.sync_freeze_days * DAY
    if frozen:
        level = FreezeLevel.FROZEN
    elif reasons:
        level = FreezeLevel.WARN
    else:
        level = FreezeLevel.OK
    return FreezeState(level, tuple(reasons), since, offline, waiting, behind, **limits, at=now)


def observe(session: Session, settings: TerminalSettings, now: datetime) -> FreezeState:
    """Note the clock's reading (raising the high water), then :func:`assess`; in a write."""
    state = _enrolled(session)
    if state is not None:
        since = state.last_success_at or state.enrolled_at or now
        kept = _mark(session, since)
        row = session.get(Setting, CLOCK_KEY)
        held = row.value if row is not None else None
        stale = not (isinstance(held, dict) and _parse(held.get("since")) == since)
        if stale or now - kept >= HIGH_WATER_STEP:
            high = max(kept, now)
            value = {"since": since.isoformat(), "high_water": high.isoformat()}
            if row is None:
                session.add(Setting(key=CLOCK_KEY, value=value))
            else:
                row.value = value
            session.flush()
    return assess(session, settings, now)


def frozen_error(state: FreezeState) -> SyncFrozen:
    """The refusal of a new intake without a supervisor's override."""
    if FreezeReason.DAYS in state.reasons and state.offline >= state.freeze_days * DAY:
        error = SyncFrozen(
            "no successful sync with the county server for {days} days (the limit is {limit}): "
            "a new intake needs a supervisor's password; cases already taken go on",
            days=state.days,
            limit=state.freeze_days,
        )
    else:
        error = SyncFrozen(
            "the clock is {days} days behind the latest time this terminal has recorded: set "
            "the date right; meanwhile a new intake needs a supervisor's password",
            days=state.days_behind,
        )
    error.state = state
    return error
