"""One terminal's services over one data directory, wired together.

The UI, the CLI, the examples and the tests all start here::

    desk = Desk.open(data_dir)
    clerk = desk.staff.by_login("demo")
    case = desk.intake.start(clerk_id=clerk.id, item_code=..., applicant_id=...)
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy.exc import OperationalError

from clerk_desk.applicants import ApplicantService
from clerk_desk.backups import Backups, ensure_identity
from clerk_desk.case_documents import CaseDocuments
from clerk_desk.case_lists import CaseLists
from clerk_desk.cases import CaseService, review_due_dates
from clerk_desk.catalog import CatalogService
from clerk_desk.clock import Clock, SystemClock
from clerk_desk.data_dir import ReadOnlyDataDir, is_writable, make_private, prepare
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.handover import HandoverService
from clerk_desk.holiday_calendar import HolidayCalendarService
from clerk_desk.instance_lock import app_running, held_by_this_process, setup_lock
from clerk_desk.intake import IntakeService
from clerk_desk.journal import (
    SYSTEM_ACTOR,
    AuditReport,
    pending_outbox_count,
    record_change,
    verify_audit,
)
from clerk_desk.models import Staff
from clerk_desk.recovery import LiveMark, RecoveryReport, recover
from clerk_desk.roles import Role
from clerk_desk.settings import (
    CENTRE_FIELDS,
    SUPERVISED_FIELDS,
    TerminalSettings,
    load_settings,
    save_settings,
)
from clerk_desk.staff import StaffRecord, StaffService
from clerk_desk.storage import (
    DB_FILENAME,
    SCHEMA_HEAD,
    Store,
    StoreError,
    Writer,
    current_revision,
    disk_error,
    write_here,
)
from clerk_desk.sync_freeze import FreezeState
from clerk_desk.sync_freeze import assess as assess_freeze
from clerk_desk.sync_freeze import observe as observe_freeze
from clerk_desk.working_days import HolidayCalendar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from clerk_desk.centre_setup import CentreSetup
    from clerk_desk.item_search import ItemSearchIndex
    from clerk_desk.printing.documents import DocumentRenderer
    from clerk_desk.sync import SyncClient

DATA_DIR_ENV = "CLERK_DESK_DATA_DIR"


def default_data_dir() -> Path:
    """``CLERK_DESK_DATA_DIR`` if set, else the per-user data directory."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("ClerkDesk", appauthor=False))


def _refuse_migration_beside_the_app(data_dir: Path, db: Path) -> None:
    """A store the running app uses is not migrated under it (by a newer CLI, say)."""
    if not db.exists() or held_by_this_process(data_dir) or not app_running(data_dir):
        return
    from clerk_desk.storage import make_engine

    engine = make_engine(db)
    try:
        rev = current_revision(engine)
    except Exception:
        return  # Store.open says what is wrong with it
    finally:
        engine.dispose()
    if rev is not None and rev != SCHEMA_HEAD:
        raise ReadOnlyDataDir(
            "the store in {path} needs an update, and the ClerkDesk app has it open: close "
            "the app first",
            path=data_dir,
        )


class Desk:
    """The services of a terminal. Each gets the store, the clock and settings passed in."""

    def __init__(self, store: Store, clock: Clock, data_dir: Path) -> None:
        self.store = store
        self.clock = clock
        self.data_dir = data_dir
        self._settings_lock = threading.Lock()
        self._version_db: sqlite3.Connection | None = None
        self._settings_seen: int | None = None
        self._settings = self._read_settings()
        self._live = LiveMark(data_dir)
        self.staff = StaffService(store, clock)
        self.applicants = ApplicantService(store, clock)
        self.catalog = CatalogService(store, clock, self.settings)
        self.calendar = HolidayCalendarService(store, clock)
        self.cases = CaseService(store, clock, self.catalog, self.calendar, self.settings)
        self.calendar.on_replaced.append(self._review_due_dates)
        self.intake = IntakeService(
            store, clock, self.catalog, self.calendar, self.settings, staff=self.staff
        )
        self._renderer: DocumentRenderer | None = None
        self._index: tuple[str, ItemSearchIndex] | None = None
        self._agent_index: ItemSearchIndex | None = None  # the items an agent may take
        self._index_lock = threading.Lock()
        self.documents = CaseDocuments(
            store, clock, self.cases, self.settings, self.renderer, lambda: self._live.tag
        )
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
        """Open the terminal's store in ``data_dir``, making and setting it up as needed.

        The directory is made 0700 and the database 0600 (POSIX), and an older,
        world-readable store is tightened. Creating or migrating the database
        happens under the set-up lock (:func:`~clerk_desk.instance_lock.setup_lock`),
        so two first starts at once make one store. A directory this user
        cannot write is opened read-only (:attr:`read_only`): reading works,
        writing says the directory is read-only. ``new_store`` sets a store up
        where one was lost (see :class:`~clerk_desk.backups.StoreLost`).
        """
        data_dir = data_dir or default_data_dir()
        clock = clock or SystemClock()
        prepare(data_dir)
        db = data_dir / DB_FILENAME
        if not is_writable(data_dir, db):
            return cls(Store.open_read_only(db), clock, data_dir)
        make_private(data_dir, db)
        try:
            with setup_lock(data_dir):
                _refuse_migration_beside_the_app(data_dir, db)
                store = Store.open(db, now=clock.now(), new_store=new_store)
                ensure_identity(store)
        except (OperationalError, StoreError) as exc:  # the disk, at creation or a migration
            cause = exc.__cause__ if isinstance(exc, StoreError) else exc
            mapped = disk_error(cause, db) if cause is not None else None
            if mapped is None:
                raise
            raise mapped from exc
        make_private(data_dir, db)  # the files SQLite just made
        return cls(store, clock, data_dir)

    @property
    def read_only(self) -> bool:
        """The data directory cannot be written: reading works, every write is refused."""
        return self.store.read_only

    def item_index(self, *, role: str | None = None) -> ItemSearchIndex:
        """The item search index of the current catalog version, built once per version.

        For a village agent (``role`` = ``Role.AGENT``) only the items a village
        agent may take (``agency_allowed``): the intake offers nothing the domain would
        refuse them. Building reads every item name's pinyin (about half a second for
        5,000 items): call it off the GUI thread. Thread-safe.
        """
        from clerk_desk.item_search import ItemSearchIndex  # pypinyin: on first use

        current = self.catalog.current_version()
        version = current.id if current else ""
        with self._index_lock:
            if self._index is None or self._index[0] != version:
                items = self.catalog.items() if current else []
                self._index = (version, ItemSearchIndex(items))
                self._agent_index = None
            if role != Role.AGENT:
                return self._index[1]
            if self._agent_index is None:
                self._agent_index = ItemSearchIndex(
                    [i for i in self._index[1].items if i.item.agency_allowed]
                )
            return self._agent_index

    def _data_version(self) -> int | None:
        """SQLite's ``PRAGMA data_version`` on a connection of our own (None: unavailable).

        It changes whenever another connection, in this process or another,
        commits: a cheap question whether the settings may have changed.
        """
        try:
            if self._version_db is None:
                self._version_db = sqlite3.connect(
                    f"{self.store.path.resolve().as_uri()}?mode=ro",
                    uri=True,
                    check_same_thread=False,
                    isolation_level=None,
                )
            row = self._version_db.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error:
            return None
        return int(row[0])

    def _read_settings(self) -> TerminalSettings:
        with self.store.read() as session:
            return load_settings(session)

    def settings(self) -> TerminalSettings:
        """The settings as stored now (re-read once anything has been committed since).

        What shapes data (the terminal number of a new case, the centre on a
        document) is read by the services inside their own write transaction;
        this copy is for showing and for choices made before one.
        """
        with self._settings_lock:
            seen = self._data_version()
            if seen is None or seen != self._settings_seen:
                # Read the version first: a commit while we read shows as a change next time.
                self._settings_seen = seen
                self._settings = self._read_settings()
            return self._settings

    def change_settings(self, changes: Mapping[str, Any], *, actor_id: str) -> TerminalSettings:
        """Apply ``changes`` (field: new value) onto the settings as stored, in one transaction.

        Only the fields named change: a value another process stored meanwhile
        (``clerk-desk terminal number`` while the app runs) stays as it is. The
        centre's own fields and the second backup folder only by a supervisor or
        admin, the terminal number only by an admin.
        """
        now = self.clock.now()
        with self.store.write() as session:
            current = load_settings(session)
            new = current.replace(**changes)
            new.validate()
            if actor_id != SYSTEM_ACTOR:
                actor = session.get(Staff, actor_id)
                if actor is None or not actor.active:
                    raise InvalidInput(
                        "actor_id", "no active staff account with id {id}", id=repr(actor_id)
                    )
                guarded = (*CENTRE_FIELDS, *SUPERVISED_FIELDS)
                touched = [f for f in guarded if getattr(new, f) != getattr(current, f)]
                if touched and actor.role not in (Role.SUPERVISOR, Role.ADMIN):
                    raise RuleViolation(
                        "only a supervisor or an admin may change {settings}",
                        settings=", ".join(touched),
                    )
                if new.terminal_code != current.terminal_code and actor.role != Role.ADMIN:
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
        with self._settings_lock:
            self._settings, self._settings_seen = new, None  # re-read at the next call
        return new

    def update_settings(
        self,
        new: TerminalSettings,
        *,
        actor_id: str,
        base: TerminalSettings | None = None,
    ) -> TerminalSettings:
        """Store the fields the caller changed in ``new``; the others stay as stored.

        The changed fields are those where ``new`` differs from ``base``, the
        settings it was made from (default: the copy :meth:`settings` served
        last). So a caller holding an older copy never writes its stale values
        back over a change made meanwhile. Returns the settings as stored.
        """
        new.validate()
        if base is None:
            with self._settings_lock:
                base = self._settings
        changes = {
            f.name: getattr(new, f.name)
            for f in fields(TerminalSettings)
            if getattr(new, f.name) != getattr(base, f.name)
        }
        return self.change_settings(changes, actor_id=actor_id)

    def sync_client(self, *, writer: Writer = write_here) -> SyncClient:
        """The county server's client over this desk's store and services.

        With the desk's own catalog and calendar, so what a pull applies is what
        the desk shows next (httpx is imported here, on first use). ``writer`` runs
        its write transactions (the app's: its one database thread).
        """
        from clerk_desk.sync import SyncClient

        return SyncClient(
            self.store, self.clock, catalog=self.catalog, calendar=self.calendar, writer=writer
        )

    def recover(self) -> RecoveryReport:
        """At start: complete the print attempts dead processes left, remove their temp files."""
        return recover(
            self.store, self.clock, self.data_dir, self.settings(), own_tag=self._live.tag
        )

    def set_up_centre(self, setup: CentreSetup, *, via: str = "") -> StaffRecord:
        """First start: the first real admin and the centre's bodies, in one transaction."""
        from clerk_desk.centre_setup import set_up_centre

        admin, settings = set_up_centre(self.store, self.clock, self.staff, setup, via=via)
        with self._settings_lock:
            self._settings, self._settings_seen = settings, None
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

    def sync_freeze(self, *, observe: bool = False) -> FreezeState:
        """The freeze policy now (:mod:`clerk_desk.sync_freeze`): warned, frozen, and why.

        ``observe`` also keeps the clock's reading (a write; not on a read-only
        store), so that a clock set back later still finds the days counted.
        """
        settings, now = self.settings(), self.clock.now()
        if observe and not self.read_only:
            with self.store.write() as session:
                return observe_freeze(session, settings, now)
        with self.store.read() as session:
            return assess_freeze(session, settings, now)

    def pending_changes(self) -> int:
        with self.store.read() as session:
            return pending_outbox_count(session)

    def close(self) -> None:
        with self._settings_lock:
            if self._version_db is not None:
                self._version_db.close()
                self._version_db = None
        self._live.close()
        self.store.close()
