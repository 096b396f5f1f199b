"""One terminal's services over one data directory, wired together.

The UI, the CLI, the examples and the tests all start here::

    desk = Desk.open(data_dir)
    clerk = desk.staff.by_login("demo")
    case = desk.intake.start(clerk_id=clerk.id, item_code=..., applicant_id=...)
"""

from __future__ import annotations

import os
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from clerk_desk.applicants import ApplicantService
from clerk_desk.backups import Backups, ensure_identity
from clerk_desk.case_documents import CaseDocuments
from clerk_desk.case_lists import CaseLists
from clerk_desk.cases import CaseService, review_due_dates
from clerk_desk.catalog import CatalogService
from clerk_desk.clock import Clock, SystemClock
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.handover import HandoverService
from clerk_desk.holiday_calendar import HolidayCalendarService
from clerk_desk.intake import IntakeService
from clerk_desk.journal import (
    SYSTEM_ACTOR,
    AuditReport,
    pending_outbox_count,
    record_change,
    verify_audit,
)
from clerk_desk.models import Staff
from clerk_desk.settings import CENTRE_FIELDS, TerminalSettings, load_settings, save_settings
from clerk_desk.staff import StaffRecord, StaffService
from clerk_desk.storage import DB_FILENAME, Store
from clerk_desk.working_days import HolidayCalendar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from clerk_desk.centre_setup import CentreSetup
    from clerk_desk.item_search import ItemSearchIndex
    from clerk_desk.printing.documents import DocumentRenderer

DATA_DIR_ENV = "CLERK_DESK_DATA_DIR"


def default_data_dir() -> Path:
    """``CLERK_DESK_DATA_DIR`` if set, else the per-user data directory."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("ClerkDesk", appauthor=False))


class Desk:
    """The services of a terminal. Each gets the store, the clock and settings passed in."""

    def __init__(self, store: Store, clock: Clock, data_dir: Path) -> None:
        self.store = store
        self.clock = clock
        self.data_dir = data_dir
        self._settings = self._read_settings()
        self.staff = StaffService(store, clock)
        self.applicants = ApplicantService(store, clock)
        self.catalog = CatalogService(store, clock, self.settings)
        self.calendar = HolidayCalendarService(store, clock)
        self.cases = CaseService(store, clock, self.catalog, self.calendar, self.settings)
        self.calendar.on_replaced.append(self._review_due_dates)
        self.intake = IntakeService(store, clock, self.catalog, self.calendar, self.settings)
        self._renderer: DocumentRenderer | None = None
        self._index: tuple[str, ItemSearchIndex] | None = None
        self._index_lock = threading.Lock()
        self.documents = CaseDocuments(store, clock, self.cases, self.settings, self.renderer)
        self.intake.during_outcome.append(self.documents.issue_within)
        self.case_lists = CaseLists(store, clock, self.calendar, self.settings)
        self.handover = HandoverService(
            store, clock, self.cases, self.documents, self.settings, self.calendar
        )
        self.backups = Backups(store, clock, lambda: self.settings().backup_folder)

    def renderer(self) -> DocumentRenderer:
        """The document renderer, made on first use (font discovery takes a moment)."""
        if self._renderer is None:
            from clerk_desk.printing.documents import DocumentRenderer  # reportlab: on first use

            self._renderer = DocumentRenderer()
        return self._renderer

    @classmethod
    def open(
        cls, data_dir: Path | None = None, *, clock: Clock | None = None, new_store: bool = False
    ) -> Desk:
        """Open the terminal's store; ``new_store`` sets one up where one was lost."""
        data_dir = data_dir or default_data_dir()
        clock = clock or SystemClock()
        store = Store.open(data_dir / DB_FILENAME, now=clock.now(), new_store=new_store)
        ensure_identity(store)
        return cls(store, clock, data_dir)

    def item_index(self) -> ItemSearchIndex:
        """The item search index of the current catalog version, built once per version.

        Building reads every item name's pinyin (about half a second for 5,000
        items): call it off the GUI thread. Thread-safe.
        """
        from clerk_desk.item_search import ItemSearchIndex  # pypinyin: on first use

        current = self.catalog.current_version()
        version = current.id if current else ""
        with self._index_lock:
            if self._index is None or self._index[0] != version:
                items = self.catalog.items() if current else []
                self._index = (version, ItemSearchIndex(items))
            return self._index[1]

    def _read_settings(self) -> TerminalSettings:
        with self.store.read() as session:
            return load_settings(session)

    def settings(self) -> TerminalSettings:
        return self._settings

    def update_settings(self, new: TerminalSettings, *, actor_id: str) -> TerminalSettings:
        """Store new settings; the centre's own fields only by a supervisor or admin."""
        new.validate()
        now = self.clock.now()
        with self.store.write() as session:
            if actor_id != SYSTEM_ACTOR:
                actor = session.get(Staff, actor_id)
                if actor is None or not actor.active:
                    raise InvalidInput(
                        "actor_id", "no active staff account with id {id}", id=repr(actor_id)
                    )
                current = load_settings(session)
                touched = [f for f in CENTRE_FIELDS if getattr(new, f) != getattr(current, f)]
                if touched and actor.role not in ("supervisor", "admin"):
                    raise RuleViolation(
                        "only a supervisor or an admin may change {settings}",
                        settings=", ".join(touched),
                    )
                if new.terminal_code != current.terminal_code and actor.role != "admin":
                    raise RuleViolation(
                        "only an admin may change the terminal number: every tracking number "
                        "carries it"
                    )
            changed = save_settings(session, new)
            if changed:
                record_change(
                    session,
                    at=now,
                    actor_id=actor_id,
                    action="settings.changed",
                    entity="settings",
                    entity_id=new.terminal_code or "terminal",
                    payload=changed,
                    sync=False,
                )
        self._settings = new
        return new

    def set_up_centre(self, setup: CentreSetup, *, via: str = "") -> StaffRecord:
        """First start: the first real admin and the centre's bodies, in one transaction."""
        from clerk_desk.centre_setup import set_up_centre

        admin, self._settings = set_up_centre(self.store, self.clock, self.staff, setup, via=via)
        return admin

    def _review_due_dates(
        self, session: Session, calendar: HolidayCalendar, years: frozenset[int], at: datetime
    ) -> int:
        return review_due_dates(
            session, self.catalog, calendar, years, at=at, tz=self.settings().timezone
        )

    def verify_audit(self) -> AuditReport:
        with self.store.read() as session:
            return verify_audit(session)

    def pending_changes(self) -> int:
        with self.store.read() as session:
            return pending_outbox_count(session)

    def close(self) -> None:
        self.store.close()
