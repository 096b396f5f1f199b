"""Terminal settings, stored in the database (table ``settings``)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
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
# Fields that describe the centre, not the terminal: a supervisor's or admin's to change.
CENTRE_FIELDS = ("centre_name", "region_code", "counter_level", "public_status_url")
LEVELS: tuple[CounterLevel, ...] = ("village", "township", "county")


@dataclass(frozen=True, slots=True)
class TerminalSettings:
    """What this terminal is and how it prints.

    ``terminal_code`` is part of every tracking number; the county may assign
    one per terminal (``clerk-desk terminal code CODE``, an admin's change) so
    numbers never collide. A terminal set up without one gets a random code
    (see ``clerk_desk.first_run``).
    """

    terminal_code: str = ""
    centre_name: str = ""
    region_code: str = ""
    counter_level: CounterLevel = "township"
    window: str = "1"
    centre_address: str = ""
    office_hours: str = "工作日 上午9:00-12:00 下午13:30-17:30"
    contact_phone: str = ""
    # Printed on rejection notices as the remedies' addressees (may stay empty).
    reconsideration_body: str = ""
    court: str = ""
    public_status_url: str = "https://zwfw.example.gov.cn/status"
    timezone: str = "Asia/Shanghai"
    idle_lock_minutes: int = 5
    language: str = "zh_CN"
    paper: Literal["a4", "roll80"] = "a4"
    printer: str = ""
    # "keyboard": the reader types into the focused field; "simulated": demo cards.
    id_card_reader: str = "keyboard"

    def replace(self, **changes: Any) -> TerminalSettings:
        return dataclasses.replace(self, **changes)

    def validate(self) -> None:
        if self.terminal_code:
            tracking_numbers.validate_terminal_code(self.terminal_code)
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
        kind, _, rest = self.printer.partition(":")
        if self.printer and (kind not in PRINTER_KINDS or (kind != "qt" and not rest)):
            raise InvalidInput("printer", "must be cups:QUEUE, qt:NAME, folder:PATH or empty")
        if not (1 <= self.idle_lock_minutes <= 240):
            raise InvalidInput("idle_lock_minutes", "must be between 1 and 240")
        if self.id_card_reader not in ("keyboard", "simulated"):
            raise InvalidInput("id_card_reader", "must be keyboard or simulated")
        if self.paper not in ("a4", "roll80"):
            raise InvalidInput("paper", "must be a4 or roll80")


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
