"""Terminal settings, stored in the database (table ``settings``)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from pathlib import PurePath
from typing import Any, Literal
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_desk import tracking_numbers
from clerk_desk.errors import InvalidInput
from clerk_desk.models import Setting

CounterLevel = Literal["village", "township", "county"]
LANGUAGES = ("zh_CN", "en")
PRINTER_KINDS = ("cups", "qt", "folder")
Layout = Literal["a4", "roll80"]
LAYOUTS: tuple[Layout, ...] = ("a4", "roll80")
# Fields that describe the centre, not the terminal: a supervisor's or admin's to
# change. The address, hours and phone are printed on every document, the
# reconsideration body and the court on rejection notices as the bodies the
# applicant turns to.
CENTRE_FIELDS = (
    "centre_name",
    "region_code",
    "counter_level",
    "public_status_url",
    "centre_address",
    "office_hours",
    "contact_phone",
    "reconsideration_body",
    "court",
    "decision_authority",
    "document_prefix",
)
# Terminal fields that are still a supervisor's or admin's to change: the second
# backup folder receives a copy of every record (a USB stick a clerk could take), and
# the freeze policy's limits are what a clerk would stretch to go on without syncing.
SUPERVISED_FIELDS = ("backup_folder", "sync_warn_days", "sync_warn_waiting", "sync_freeze_days")
LEVELS: tuple[CounterLevel, ...] = ("village", "township", "county")
# The largest low-disk warning threshold (MB): 10 TB.
MAX_LOW_DISK_MB = 10_000_000
# Bounds of a push batch to the county server (see clerk_desk.sync): at most this
# many changes, and of this many bytes of JSON (a single larger change goes alone).
SYNC_BATCH_COUNT_RANGE = (1, 2_000)  # the server takes at most 2,000 changes a request
SYNC_BATCH_BYTES_RANGE = (4 * 1024, 64 * 1024 * 1024)
# Minutes between background syncs of the app: a minute to a day.
SYNC_INTERVAL_RANGE = (1, 1440)
# The freeze policy (clerk_desk.sync_freeze): days without a successful sync before the
# clerk is warned and before a new intake needs a supervisor's password (a day to a year),
# and the changes waiting that warn too.
SYNC_DAYS_RANGE = (1, 365)
SYNC_WARN_WAITING_RANGE = (1, 1_000_000)
# The status URL a new terminal starts with: a placeholder to be replaced by the
# centre's real page (documents and their QR codes carry it).
PLACEHOLDER_STATUS_URL = "https://zwfw.example.gov.cn/status"
# Hosts that are never a real status page (RFC 2606 / RFC 6761 names and the placeholder's).
_PLACEHOLDER_HOSTS = ("example.gov.cn", "example.com", "example.net", "example.org")
_PLACEHOLDER_TLDS = ("example", "invalid", "test")


def is_placeholder_url(url: str) -> bool:
    """True if ``url`` points at an example host (``zwfw.example.gov.cn``), not a real page."""
    host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    if not host:
        return False
    if host.rsplit(".", 1)[-1] in _PLACEHOLDER_TLDS:
        return True
    return any(host == h or host.endswith("." + h) for h in _PLACEHOLDER_HOSTS)


def _check_printer(where: str, value: str) -> None:
    kind, _, rest = value.partition(":")
    if value and (kind not in PRINTER_KINDS or (kind != "qt" and not rest)):
        raise InvalidInput(where, "must be cups:QUEUE, qt:NAME, folder:PATH or empty")


@dataclass(frozen=True, slots=True)
class TerminalSettings:
    """What this terminal is and how it prints.

    ``terminal_code`` holds the terminal number (5 digits), part of every
    tracking number: the county assigns it at enrollment (``clerk-desk terminal
    number N``, an admin's change) so numbers never collide; until then the
    terminal draws a provisional one (see ``clerk_desk.first_run``). The field
    keeps the name of the symbol codes of early versions, as do the stored
    settings, the case rows and the sync payloads; a store of those versions
    may still hold such a code here until the first run replaces it.
    """

    terminal_code: str = ""
    centre_name: str = ""
    region_code: str = ""
    counter_level: CounterLevel = "township"
    window: str = "1"
    centre_address: str = ""
    office_hours: str = "工作日 上午9:00-12:00 下午13:30-17:30"
    contact_phone: str = ""
    # Printed on rejection notices as the remedies' addressees; a rejection
    # cannot be issued while either is empty.
    reconsideration_body: str = ""
    court: str = ""
    # 决定机关名称: the body in whose name acceptance and rejection are issued when
    # the item names no ``authority`` of its own (the centre is a window, not a
    # deciding body).
    decision_authority: str = ""
    # The prefix of the documents' serial numbers (文书编号), e.g. 郭仓便民 in
    # 郭仓便民受字〔2026〕第0042号.
    document_prefix: str = ""
    public_status_url: str = PLACEHOLDER_STATUS_URL
    timezone: str = "Asia/Shanghai"
    idle_lock_minutes: int = 5
    language: str = "zh_CN"
    # The layout documents are made in at an outcome (a reprint may take the other).
    paper: Layout = "a4"
    # Each paper has its printer: ``printer`` the A4 one (the name of early
    # versions' only printer), ``roll_printer`` the 80 mm thermal roll one.
    printer: str = ""
    roll_printer: str = ""
    # "keyboard": the reader types into the focused field; "simulated": demo cards.
    id_card_reader: str = "keyboard"
    # Warn at start and on the status bar when the disk of the data directory has
    # less free space than this (MB); 0 turns the warning off.
    low_disk_warning_mb: int = 200
    # A second folder for the automatic backups (a USB stick); "" for none. A folder
    # that is not there at backup time is a warning (see clerk_desk.backups).
    backup_folder: str = ""
    # A push to the county server sends at most this many changes per request ...
    sync_batch_count: int = 200
    # ... and about this many bytes of JSON (a single larger change goes alone).
    sync_batch_bytes: int = 512 * 1024
    # The app syncs in the background every this many minutes (1 to 1440, a day).
    sync_interval_minutes: int = 5
    # The freeze policy (see clerk_desk.sync_freeze), once the terminal is enrolled: after
    # this many days without a successful sync, or this many changes waiting, the clerk
    # is warned; after ``sync_freeze_days`` a new intake needs a supervisor's password.
    sync_warn_days: int = 7
    sync_warn_waiting: int = 5000
    sync_freeze_days: int = 30

    def replace(self, **changes: Any) -> TerminalSettings:
        return dataclasses.replace(self, **changes)

    def printer_for(self, layout: str) -> str:
        """The printer setting for documents of ``layout`` ("" when none is chosen)."""
        return self.roll_printer if layout == "roll80" else self.printer

    @property
    def placeholder_status_url(self) -> bool:
        """The status URL is still an example address: documents point nowhere real."""
        return is_placeholder_url(self.public_status_url)

    def validate(self) -> None:
        code = self.terminal_code
        # An old store's symbol code still validates, so its settings load and save until
        # the first run gives the terminal a number; no new number is composed with it.
        if code and not (
            tracking_numbers.is_terminal_number(code)
            or tracking_numbers.is_legacy_terminal_code(code)
        ):
            raise InvalidInput(
                "terminal_code",
                "a terminal number has {length} digits, like 00042; got {typed}",
                length=tracking_numbers.TERMINAL_NUMBER_LENGTH,
                typed=repr(code),
            )
        if self.counter_level not in LEVELS:
            raise InvalidInput(
                "counter_level", "must be one of {choices}", choices=", ".join(LEVELS)
            )
        url = urlsplit(self.public_status_url)
        if url.scheme not in ("https", "http") or not url.hostname:
            raise InvalidInput(
                "public_status_url",
                "must be an http(s) address with a host, e.g. https://zwfw.example.gov.cn/status",
            )
        if not self.window.strip():
            raise InvalidInput("window", "must not be empty")
        if self.language not in LANGUAGES:
            raise InvalidInput("language", "must be one of {choices}", choices=", ".join(LANGUAGES))
        _check_printer("printer", self.printer)
        _check_printer("roll_printer", self.roll_printer)
        if not (1 <= self.idle_lock_minutes <= 240):
            raise InvalidInput("idle_lock_minutes", "must be between 1 and 240")
        if self.id_card_reader not in ("keyboard", "simulated"):
            raise InvalidInput("id_card_reader", "must be keyboard or simulated")
        if self.paper not in LAYOUTS:
            raise InvalidInput("paper", "must be a4 or roll80")
        folder = self.backup_folder
        if not isinstance(folder, str) or (folder and not PurePath(folder).is_absolute()):
            raise InvalidInput(
                "backup_folder",
                "must be a full path to a folder, e.g. /media/usb/clerk-desk, or empty for none",
            )
        mb = self.low_disk_warning_mb
        if isinstance(mb, bool) or not isinstance(mb, int) or not (0 <= mb <= MAX_LOW_DISK_MB):
            raise InvalidInput(
                "low_disk_warning_mb",
                "must be a whole number of MB from 0 (no warning) to {limit}",
                limit=MAX_LOW_DISK_MB,
            )
        for name, (low, high) in (
            ("sync_interval_minutes", SYNC_INTERVAL_RANGE),
            ("sync_batch_count", SYNC_BATCH_COUNT_RANGE),
            ("sync_batch_bytes", SYNC_BATCH_BYTES_RANGE),
            ("sync_warn_days", SYNC_DAYS_RANGE),
            ("sync_warn_waiting", SYNC_WARN_WAITING_RANGE),
            ("sync_freeze_days", SYNC_DAYS_RANGE),
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise InvalidInput(
                    name, "must be a whole number from {low} to {high}", low=low, high=high
                )
        if self.sync_warn_days >= self.sync_freeze_days:
            raise InvalidInput(
                "sync_warn_days",
                "the warning must come before the freeze: fewer days than {freeze}",
                freeze=self.sync_freeze_days,
            )


def load_settings(session: Session) -> TerminalSettings:
    stored = {row.key: row.value for row in session.scalars(select(Setting))}
    known = {f.name for f in fields(TerminalSettings)}
    return TerminalSettings(**{k: v for k, v in stored.items() if k in known})


def save_settings(session: Session, settings: TerminalSettings) -> dict[str, Any]:
    """Store ``settings``; returns the changed keys with their new values."""
    settings.validate()
    current = load_settings(session)
    changed: dict[str, Any] = {}
    for f in fields(TerminalSettings):
        new = getattr(settings, f.name)
        if new != getattr(current, f.name) or session.get(Setting, f.name) is None:
            row = session.get(Setting, f.name)
            if row is None:
                session.add(Setting(key=f.name, value=new))
            else:
                row.value = new
            changed[f.name] = new
    return changed
