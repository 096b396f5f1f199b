"""First-run set-up of a terminal on the embedded default.

Idempotent: every step checks whether it is needed. On an empty data
directory it gives the terminal a provisional terminal number, imports the bundled sample catalog,
seeds the holiday calendar from ``chinesecalendar`` and creates a demo clerk,
so the app opens ready to take a case. The demo clerk lives until the first
real admin is created (``clerk-desk staff add ... --role admin`` or the app's
first-start dialog).

Two first runs at once (two ``clerk-desk info``, the app and the CLI) take
turns under the data directory's set-up lock, and each reads the settings
again once it holds it: the second finds everything done.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass, field
from pathlib import Path

from clerk_desk import tracking_numbers
from clerk_desk.data_dir import ReadOnlyDataDir
from clerk_desk.desk import Desk
from clerk_desk.instance_lock import setup_lock
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.settings import TerminalSettings

# The demo account lives with the other staff rules; its names are re-exported here.
from clerk_desk.staff import DEMO_LOGIN as DEMO_LOGIN
from clerk_desk.staff import DEMO_NAME as DEMO_NAME
from clerk_desk.staff import DEMO_PASSWORD as DEMO_PASSWORD


def _resources() -> Path:
    """The bundled resources: ``clerk_desk/_resources`` in an installed wheel (the
    build copies the repository's ``resources/`` there, see setup.py), else
    ``resources/`` beside the package (a working tree, an editable install)."""
    packaged = importlib.resources.files("clerk_desk").joinpath("_resources")
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


RESOURCES = _resources()
SAMPLE_CATALOG = RESOURCES / "sample-catalog.json"
DEMO_PHONE = "0537-7200000"
DEMO_ADDRESS = "便民服务中心一楼大厅"
# The bodies the documents of the bundled sample's centre (汶上县郭仓镇) name, so
# the embedded default can take every outcome. Demo values: a real centre sets
# its own in the first-start dialog or in Settings (the dialog does not offer
# these), and `clerk-desk info` marks them while they stand.
DEMO_BODIES = {
    "decision_authority": "汶上县郭仓镇人民政府",
    "reconsideration_body": "汶上县人民政府",
    "court": "汶上县人民法院",
}


@dataclass
class FirstRunReport:
    done: list[str] = field(default_factory=list)


def demo_bodies_left(settings: TerminalSettings) -> list[str]:
    """The centre bodies that still hold the embedded default's demo value."""
    return [k for k, v in DEMO_BODIES.items() if getattr(settings, k) == v]


def set_up_needed(desk: Desk) -> bool:
    """True if :func:`ensure_ready` has something to do (reads only)."""
    settings = desk.settings()
    return (
        not tracking_numbers.is_terminal_number(settings.terminal_code)
        or desk.catalog.current_version() is None
        or not settings.centre_name
        or desk.calendar.is_empty()
        or not desk.staff.all()
    )


def ensure_ready(desk: Desk, *, sample_catalog: Path = SAMPLE_CATALOG) -> FirstRunReport:
    """Set the terminal up where it is not yet (under the set-up lock); what was done.

    A read-only data directory is not set up: with nothing to do it reports
    nothing, else it raises :class:`~clerk_desk.data_dir.ReadOnlyDataDir`.
    """
    if desk.read_only:
        if set_up_needed(desk):
            raise ReadOnlyDataDir(
                "the data directory {path} is read-only and its store is not set up yet: "
                "ClerkDesk cannot set it up there",
                path=desk.data_dir,
            )
        return FirstRunReport()
    with setup_lock(desk.data_dir):
        return _ensure_ready(desk, sample_catalog)


def _ensure_ready(desk: Desk, sample_catalog: Path) -> FirstRunReport:
    report = FirstRunReport()
    # Another process may have set up (part of) the store: settings() reads it again.
    settings = desk.settings()
    # No terminal number yet, or a symbol code of early versions (4 or 6 symbols): draw a
    # provisional number until the county assigns one. Cases numbered under an old code
    # keep it (cases.terminal_code) and their old numbers stay readable.
    old = settings.terminal_code
    if not tracking_numbers.is_terminal_number(old):
        settings = settings.replace(
            terminal_code=tracking_numbers.new_provisional_terminal_number()
        )
        desk.update_settings(settings, actor_id=SYSTEM_ACTOR)
        replaced = f" (its numbers so far carry the code {old})" if old else ""
        report.done.append(
            f"gave this terminal the provisional number {settings.terminal_code}{replaced}"
        )
    current = desk.catalog.current_version()
    if current is None:
        current = desk.catalog.import_document(sample_catalog.read_bytes()).version
        report.done.append(
            f"imported the sample catalog {current.label} ({current.item_count} items)"
        )
    # Its own step, so a run stopped between the import and here still gets it.
    if not settings.centre_name:
        bodies = (
            {k: getattr(settings, k) or v for k, v in DEMO_BODIES.items()}
            if sample_catalog == SAMPLE_CATALOG
            else {}
        )
        settings = settings.replace(
            centre_name=current.region_name,
            region_code=current.region_code,
            # Demo values for the embedded default; the centre sets its own in Settings.
            contact_phone=settings.contact_phone or DEMO_PHONE,
            centre_address=settings.centre_address or DEMO_ADDRESS,
            **bodies,
        )
        desk.update_settings(settings, actor_id=SYSTEM_ACTOR)
        report.done.append(f"named the centre {settings.centre_name} (from the catalog)")
    if desk.calendar.seed_if_empty():
        report.done.append(f"loaded the holiday calendar ({desk.calendar.calendar().source})")
    if not desk.staff.all():
        # The embedded default: no printer is known yet, so its documents go into
        # PDF folders of the data directory (Settings chooses real printers).
        settings = desk.settings()
        if not settings.printer and not settings.roll_printer:
            out = desk.data_dir / "printouts"
            settings = settings.replace(
                printer=f"folder:{out / 'a4'}", roll_printer=f"folder:{out / 'roll80'}"
            )
            desk.update_settings(settings, actor_id=SYSTEM_ACTOR)
            report.done.append(f"printers: PDF folders in {out} (choose real ones in Settings)")
        # Until the first real admin is created (which disables it): see clerk_desk.staff.
        desk.staff.create_demo(window=settings.window)
        report.done.append(f"created the demo clerk {DEMO_LOGIN!r} (until a real admin exists)")
    return report
