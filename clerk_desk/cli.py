"""The ``clerk-desk`` command.

    clerk-desk [--data-dir DIR]                  start the desktop app (first run sets up)
    clerk-desk info                              set up (first run) and describe the terminal
    clerk-desk catalog import FILE [--other-region]
                                                 import a clerk-catalog/1 document (another
                                                 region's only with --other-region)
    clerk-desk catalog show                      list stored catalog versions
    clerk-desk audit verify                      check the audit log's hash chain
    clerk-desk terminal code [CODE]              show, or set, the county-assigned terminal code

Exit status: 0 success, 1 refused (bad input, a rule, a failed check), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from clerk_desk import tracking_numbers
from clerk_desk.catalog import region_covers
from clerk_desk.catalog_format import CatalogFormatError
from clerk_desk.clock import CHINA_TZ
from clerk_desk.desk import Desk, default_data_dir
from clerk_desk.errors import ClerkDeskError
from clerk_desk.first_run import DEMO_LOGIN, DEMO_PASSWORD, ensure_ready
from clerk_desk.journal import SYSTEM_ACTOR


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="clerk-desk", description="ClerkDesk counter application")
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="data directory (default: $CLERK_DESK_DATA_DIR or the per-user data directory)",
    )
    sub = p.add_subparsers(dest="command")
    sub.add_parser("info", help="set up on first run and describe what the data directory holds")
    cat = sub.add_parser("catalog", help="service catalog versions")
    cat_sub = cat.add_subparsers(dest="catalog_command", required=True)
    imp = cat_sub.add_parser("import", help="import a clerk-catalog/1 JSON file")
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--other-region",
        action="store_true",
        help="import a catalog whose region is neither this centre's nor above it "
        "(an admin's decision, audited)",
    )
    cat_sub.add_parser("show", help="list stored versions, the current one marked")
    audit = sub.add_parser("audit", help="the audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    audit_sub.add_parser("verify", help="check the hash chain for edited or removed entries")
    term = sub.add_parser("terminal", help="this terminal's identity")
    term_sub = term.add_subparsers(dest="terminal_command", required=True)
    code = term_sub.add_parser(
        "code", help="show the terminal code, or set the one the county assigned"
    )
    code.add_argument("code", nargs="?", help="the new code (6 symbols of the tracking alphabet)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data_dir: Path = args.data_dir or default_data_dir()
    try:
        desk = Desk.open(data_dir)
    except ClerkDeskError as exc:
        print(f"clerk-desk: {exc}", file=sys.stderr)
        return 1
    try:
        if args.command is None:
            desk.close()
            from clerk_desk.ui.app import run  # Qt only for the desktop app

            return run(data_dir)
        if args.command == "info":
            return _first_run(desk)
        if args.command == "catalog" and args.catalog_command == "import":
            return _catalog_import(desk, args.file, other_region=args.other_region)
        if args.command == "catalog":
            return _catalog_show(desk)
        if args.command == "terminal":
            return _terminal_code(desk, args.code)
        return _audit_verify(desk)
    except ClerkDeskError as exc:
        print(f"clerk-desk: {exc}", file=sys.stderr)
        return 1
    finally:
        desk.close()


def _first_run(desk: Desk) -> int:
    report = ensure_ready(desk)
    for line in report.done:
        print(f"set-up: {line}")
    s = desk.settings()
    current = desk.catalog.current_version()
    cal = desk.calendar.calendar()
    print(f"ClerkDesk data directory: {desk.data_dir}")
    print(
        f"  centre: {s.centre_name} ({s.region_code}), {s.counter_level} counter, window {s.window}"
    )
    print(f"  terminal code: {s.terminal_code}")
    if current:
        print(f"  catalog: version {current.label}, {current.item_count} items")
    years = sorted(cal.years)
    if years:
        print(f"  holiday calendar: published schedules {years[0]}-{years[-1]} ({cal.source})")
    staff = desk.staff.all()
    print(f"  staff accounts: {len(staff)}")
    if any(st.login == DEMO_LOGIN for st in staff):
        print(f"  demo clerk: login {DEMO_LOGIN!r}, password {DEMO_PASSWORD!r}")
    print(f"  changes waiting to sync: {desk.pending_changes()}")
    return 0


def _catalog_import(desk: Desk, file: Path, *, other_region: bool = False) -> int:
    try:
        data = file.read_bytes()
    except OSError as exc:
        print(f"clerk-desk: {file}: cannot read: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        result = desk.catalog.import_document(
            data, actor_id=SYSTEM_ACTOR, other_region=other_region
        )
    except CatalogFormatError as exc:
        print(f"clerk-desk: {file}: not imported, {len(exc.problems)} problem(s):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.path}: {problem.message}", file=sys.stderr)
        return 1
    v = result.version
    if result.created:
        print(
            f"imported catalog version {v.label}: {v.item_count} items"
            + (" (current)" if v.current else " (an older version; not current)")
        )
        centre = desk.settings().region_code
        if centre and not region_covers(v.region_code, centre):
            print(f"  for another region: {v.region_name} ({v.region_code}), as asked")
    else:
        print(f"catalog version {v.label} was already imported; nothing changed")
    return 0


def _catalog_show(desk: Desk) -> int:
    versions = desk.catalog.versions()
    if not versions:
        print("no catalog imported")
        return 0
    for v in versions:
        mark = "*" if v.current else " "
        published = v.published_at.astimezone(CHINA_TZ).isoformat()
        imported = v.imported_at.astimezone(CHINA_TZ).isoformat(timespec="seconds")
        print(
            f"{mark} {v.label:<20} {v.item_count:>6} items  published {published}"
            f"  imported {imported}  {v.region_name}"
        )
    return 0


def _terminal_code(desk: Desk, code: str | None) -> int:
    """Show the code, or set the county-assigned one (audited as a settings change)."""
    ensure_ready(desk)
    settings = desk.settings()
    if code is None:
        print(settings.terminal_code)
        return 0
    canonical = tracking_numbers.validate_terminal_code(code)
    if canonical == settings.terminal_code:
        print(f"terminal code is already {canonical}; nothing changed")
        return 0
    desk.update_settings(settings.replace(terminal_code=canonical), actor_id=SYSTEM_ACTOR)
    print(f"terminal code set to {canonical} (was {settings.terminal_code})")
    return 0


def _audit_verify(desk: Desk) -> int:
    report = desk.verify_audit()
    if report.ok:
        print(f"audit log intact: {report.entries} entries")
        return 0
    print(f"audit log DAMAGED: {len(report.problems)} problem(s) in {report.entries} entries")
    for problem in report.problems:
        print(f"  {problem}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
