"""The ``clerk-desk`` command.

    clerk-desk [--data-dir DIR]                  start the desktop app (first run sets up)
    clerk-desk --version                         ClerkDesk's version, with Python's and SQLite's
    clerk-desk info                              set up (first run) and describe the terminal
    clerk-desk catalog import FILE [--other-region]
                                                 import a clerk-catalog/1 document (another
                                                 region's only with --other-region)
    clerk-desk catalog show                      list stored catalog versions
    clerk-desk catalog retire VERSION            retire a version (never current again;
                                                 audited as the system's, "via": "cli")
    clerk-desk audit verify                      check the audit log's hash chain
    clerk-desk terminal number [N]               show, or set, the county-assigned terminal number
                                                 (``terminal code`` is an alias)
    clerk-desk staff add LOGIN --name NAME --role ROLE [--village NAME] [--window W]
                                                 create an account (the first admin ends the demo)
    clerk-desk staff list                        list the accounts
    clerk-desk staff passwd LOGIN                set a temporary password (changed at next login)
    clerk-desk staff disable|enable LOGIN        disable or enable an account
    clerk-desk backup [--to DIR]                 back the store up now (into backups/ and the
                                                 second folder, or only into DIR)
    clerk-desk backup list [--verify]            the backups, newest first
    clerk-desk restore FILE [--force]            put a backup in place of the store (the app
                                                 closed; the replaced store kept in replaced/)
    clerk-desk sync enroll URL CODE [--allow-http]
                                                 enroll with the county server (one-time code)
    clerk-desk sync run                          one full sync: push the outbox, pull the feed
                                                 (one at a time per data directory)
    clerk-desk sync status                       server, terminal number, last success, waiting
                                                 and quarantined changes, the freeze policy
    clerk-desk --new-store ...                   set up a new store where one was lost

Passwords are asked for twice at the terminal, or read as one line from
standard input with ``--password-stdin``. Staff changes are audited as the
system's, with ``"via": "cli"``.

Writing commands (info, catalog import, terminal, staff, backup) first check
the store with ``PRAGMA quick_check`` and refuse a damaged one, naming the
newest good backup to restore.

Exit status: 0 success, 1 refused (bad input, a rule, a failed check, no
display for the desktop app), 2 usage, 3 internal error (a bug or a fault
the command did not expect: one line on stderr names the exception's type and
the log file, ``logs/clerk-desk.log`` in the data directory, which holds the
traceback; see docs/diagnostics.md), 130 interrupted (Ctrl+C).

Files are made private to the user (umask 077). While the desktop app is open
on the same data directory the commands work beside it (SQLite takes turns;
settings that shape data, such as the terminal number, are read inside the
transaction that uses them), except ``restore`` and a command that would
migrate the store, which refuse.
A read-only data directory still answers the reading commands.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import platform
import sqlite3
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from clerk_desk import backups, diagnostics, tracking_numbers
from clerk_desk.catalog import region_covers
from clerk_desk.catalog_format import MAX_DOCUMENT_BYTES, CatalogFormatError, more_problems_line
from clerk_desk.clock import CHINA_TZ, SystemClock
from clerk_desk.data_dir import is_writable, low_disk
from clerk_desk.desk import Desk, default_data_dir
from clerk_desk.errors import ClerkDeskError
from clerk_desk.first_run import DEMO_LOGIN, demo_bodies_left, ensure_ready
from clerk_desk.instance_lock import sync_lock
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.roles import STAFF_ROLES
from clerk_desk.staff import StaffRecord
from clerk_desk.storage import DB_FILENAME
from clerk_desk.sync_freeze import FreezeReason, FreezeState

# Staff changes made at the command line are audited with this in their payload.
VIA_CLI = "cli"

EXIT_REFUSED = 1
EXIT_INTERNAL_ERROR = 3

log = logging.getLogger(__name__)


def version_text() -> str:
    return (
        f"clerk-desk {diagnostics.clerk_desk_version()} "
        f"(Python {platform.python_version()}, SQLite {sqlite3.sqlite_version})"
    )


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="clerk-desk", description="ClerkDesk counter application")
    p.add_argument("--version", action="version", version=version_text())
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="data directory (default: $CLERK_DESK_DATA_DIR or the per-user data directory)",
    )
    p.add_argument(
        "--new-store",
        action="store_true",
        help="set up a new, empty store even though this data directory held one that is now "
        "missing or empty (to start over on purpose; else restore a backup)",
    )
    sub = p.add_subparsers(dest="command")
    sub.add_parser("info", help="set up on first run and describe what the data directory holds")
    cat = sub.add_parser("catalog", help="service catalog versions")
    cat_sub = cat.add_subparsers(dest="catalog_command", required=True)
    imp = cat_sub.add_parser("import", help="import a clerk-catalog/1 JSON file")
    imp.add_argument("file", type=Path, help="the catalog document (clerk-catalog/1 JSON)")
    imp.add_argument(
        "--other-region",
        action="store_true",
        help="import a catalog whose region is neither this centre's nor above it "
        "(an admin's decision, audited)",
    )
    cat_sub.add_parser(
        "show", help="list stored versions, the current one marked *, retired ones marked R"
    )
    retire = cat_sub.add_parser(
        "retire",
        help="retire a version: never current again, the newest other version becomes "
        "current; cases taken under it keep it (an admin's decision, audited)",
    )
    retire.add_argument("version", help="the version label, as catalog show lists it")
    audit = sub.add_parser("audit", help="the audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    audit_sub.add_parser("verify", help="check the hash chain for edited or removed entries")
    term = sub.add_parser("terminal", help="this terminal's identity")
    term_sub = term.add_subparsers(dest="terminal_command", required=True)
    number = term_sub.add_parser(
        "number",
        aliases=["code"],  # the command of early versions, when terminals had symbol codes
        help="show the terminal number, or set the one the county assigned",
    )
    number.add_argument(
        "number", nargs="?", help="the county-assigned terminal number (5 digits, 00001-89999)"
    )
    _staff_parser(sub)
    _backup_parsers(sub)
    _sync_parsers(sub)
    return p


def _sync_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = sub.add_parser("sync", help="sync with the county server")
    sync_sub = sync.add_subparsers(dest="sync_command", required=True)
    enroll = sync_sub.add_parser(
        "enroll",
        help="exchange a one-time code for this terminal's credentials; takes the terminal "
        "number, centre and status page address the county gives (audited)",
    )
    enroll.add_argument("url", help="the county server's address, e.g. https://sync.example.gov.cn")
    enroll.add_argument("code", help="the one-time enrollment code, XXXX-XXXX-XXXX")
    enroll.add_argument(
        "--allow-http",
        action="store_true",
        help="accept a plain http address on another computer (a test network only; "
        "http on 127.0.0.1 needs no flag)",
    )
    sync_sub.add_parser(
        "run",
        help="one full cycle: push the waiting changes, then pull the county's feed "
        "(exit 1 with the reason when it fails; nothing waiting is lost)",
    )
    sync_sub.add_parser(
        "status",
        help="the server, terminal number, last success, waiting and quarantined changes",
    )


def _backup_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = sub.add_parser(
        "backup",
        help="back the store up now (checked, into backups/ and the second folder if set)",
    )
    backup.add_argument(
        "--to",
        type=Path,
        metavar="DIR",
        help="write the backup only into DIR (a USB stick, a network folder)",
    )
    backup_sub = backup.add_subparsers(dest="backup_command")
    listing = backup_sub.add_parser(
        "list", help="list the backups, newest first: when, kind, size, check, path"
    )
    listing.add_argument(
        "--verify",
        action="store_true",
        help="check every backup again now with quick_check (slow on big stores)",
    )
    restore = sub.add_parser(
        "restore",
        help="put a backup in place of the store; the replaced store is kept in replaced/ "
        "(close the app first)",
    )
    restore.add_argument("file", type=Path, help="the backup file to restore")
    restore.add_argument(
        "--force",
        action="store_true",
        help="restore another terminal's backup (it becomes this terminal)",
    )


def _staff_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staff = sub.add_parser("staff", help="staff accounts (audited as the system's changes)")
    staff_sub = staff.add_subparsers(dest="staff_command", required=True)
    add = staff_sub.add_parser("add", help="create an account; the first admin ends the demo")
    add.add_argument("login", help="the account's login name")
    add.add_argument("--name", required=True, help="the person's name, as printed on documents")
    add.add_argument("--role", required=True, choices=STAFF_ROLES, help="what the account may do")
    add.add_argument("--village", default="", help="the village point an agent serves")
    add.add_argument("--window", default="", help="the window number printed on documents")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password as one line of stdin"
    )
    staff_sub.add_parser("list", help="list the accounts")
    passwd = staff_sub.add_parser(
        "passwd", help="set a temporary password: the account changes it at its next login"
    )
    passwd.add_argument("login", help="the account's login")
    passwd.add_argument(
        "--password-stdin", action="store_true", help="read the password as one line of stdin"
    )
    for name, text in (("disable", "disable an account"), ("enable", "enable it again")):
        staff_sub.add_parser(name, help=text).add_argument("login", help="the account's login")


def private_files() -> None:
    """Files and folders made from now on are the user's alone (0600/0700 on POSIX)."""
    if os.name == "posix":
        os.umask(0o077)


def _warn_at_start(desk: Desk) -> None:
    """A read-only data directory, and a disk that runs low, said on stderr."""
    if desk.read_only:
        print(
            f"clerk-desk: the data directory {desk.data_dir} is read-only: "
            "it can be read, nothing can be changed",
            file=sys.stderr,
        )
    threshold = desk.settings().low_disk_warning_mb
    free = low_disk(desk.data_dir, threshold)
    if free is not None:
        print(
            f"clerk-desk: warning: only {free} MB free on the disk of {desk.data_dir} "
            f"(under {threshold} MB, setting low_disk_warning_mb): free some space, "
            "a full disk cannot save cases",
            file=sys.stderr,
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; ``argv`` None is this process's own command line.

    Any exception that is not a :class:`ClerkDeskError` (a refusal, exit 1)
    is an internal error: exit 3, one line on stderr, the traceback in the
    log. Only for the process's own command line are the last-resort hooks
    (``sys.excepthook``, faulthandler) installed: a caller such as a test
    runner keeps its own.
    """
    args = _parser().parse_args(argv)
    private_files()
    data_dir: Path = args.data_dir or default_data_dir()
    if args.command is None and (problem := diagnostics.display_problem()):
        # Before Qt, which would abort the process with a message nobody can act on.
        print(f"clerk-desk: {problem}", file=sys.stderr)
        return EXIT_REFUSED
    diagnostics.setup_logging(data_dir, command=_command_name(args))
    if argv is None:
        diagnostics.install_excepthooks()
    try:
        return _main(args, data_dir)
    except ClerkDeskError as exc:
        log.info("refused: %s", diagnostics.describe_error(exc))
        print(f"clerk-desk: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        log.info("interrupted")
        print("clerk-desk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        damaged = backups.damage_behind(data_dir / DB_FILENAME)
        if damaged is not None:  # a read met a damaged page: say so, not "internal error"
            log.warning("refused: %s", diagnostics.describe_error(damaged), exc_info=exc)
            print(f"clerk-desk: {damaged}", file=sys.stderr)
            return EXIT_REFUSED
        return _internal_error(exc, data_dir)


def _command_name(args: argparse.Namespace) -> str:
    """The command and its subcommand (never an argument: those can be names)."""
    if args.command is None:
        return "desktop app"
    words = [args.command]
    for key, value in vars(args).items():
        if key.endswith("_command") and isinstance(value, str):
            words.append(value)
    return " ".join(words)


def _internal_error(exc: Exception, data_dir: Path) -> int:
    """One line for the person, the traceback for whoever reads the log."""
    path = diagnostics.current_log_path() or diagnostics.setup_logging(
        data_dir, command="after an internal error"
    )
    kind = type(exc).__name__
    if path is not None:
        failed_before = diagnostics.log_write_failures()
        log.critical("internal error", exc_info=exc)
        if diagnostics.log_write_failures() == failed_before:
            print(f"clerk-desk: internal error: {kind}; details in {path}", file=sys.stderr)
            return EXIT_INTERNAL_ERROR
    # No log could be written (a read-only data directory, a full disk): the
    # traceback is only useful here, so it goes to stderr after the line.
    where = diagnostics.log_path(data_dir).parent
    line = f"clerk-desk: internal error: {kind}; no log could be written in {where}"
    print(line, file=sys.stderr)
    print(diagnostics.format_exception(exc), file=sys.stderr)
    return EXIT_INTERNAL_ERROR


def _main(args: argparse.Namespace, data_dir: Path) -> int:
    if args.command is None:
        from clerk_desk.ui.app import run  # Qt only for the desktop app

        return run(data_dir)
    if args.command == "restore":
        return _restore(data_dir, args.file, force=args.force)
    if args.command == "backup" and args.backup_command == "list":
        return _backup_list(data_dir, verify=args.verify)
    if args.command in _WRITING_COMMANDS and not _store_sound(data_dir / DB_FILENAME):
        return 1
    try:
        desk = Desk.open(data_dir, new_store=args.new_store)
    except ClerkDeskError as exc:
        log.info("refused: %s", diagnostics.describe_error(exc))
        print(f"clerk-desk: {exc}", file=sys.stderr)
        return 1
    if diagnostics.current_log_path() != diagnostics.log_path(data_dir).absolute():
        # A first run: the directory is there now.
        diagnostics.setup_logging(data_dir, command=_command_name(args))
    _warn_at_start(desk)
    try:
        if args.command == "info":
            return _first_run(desk)
        if args.command == "catalog" and args.catalog_command == "import":
            return _catalog_import(desk, args.file, other_region=args.other_region)
        if args.command == "catalog" and args.catalog_command == "retire":
            return _catalog_retire(desk, args.version)
        if args.command == "catalog":
            return _catalog_show(desk)
        if args.command == "terminal":
            return _terminal_number(desk, args.number)
        if args.command == "staff":
            return _staff(desk, args)
        if args.command == "backup":
            return _backup(desk, args.to)
        if args.command == "sync":
            return _sync(desk, args)
        return _audit_verify(desk)
    except ClerkDeskError as exc:
        log.info("refused: %s", diagnostics.describe_error(exc))
        print(f"clerk-desk: {exc}", file=sys.stderr)
        return 1
    finally:
        desk.close()


# Commands that write (or may set up) the store: refused on a damaged one.
_WRITING_COMMANDS = frozenset({"info", "catalog", "terminal", "staff", "backup", "sync"})


def _store_sound(db: Path) -> bool:
    """Check the store (read-only); say it is damaged and what to restore when it is.

    A new or lost store passes (Store.open says which), and so does one in a
    read-only directory (nothing can be written to it there).
    """
    if db.exists() and not is_writable(db.parent, db):
        return True
    damaged = backups.damage_behind(db)
    if damaged is not None:
        print(f"clerk-desk: {damaged}", file=sys.stderr)
        return False
    return True


def _backup(desk: Desk, to: Path | None) -> int:
    result = desk.backups.take("manual", to=to)
    for written in result.written:
        print(f"backed up to {written.path} ({_size(written.size)}, checked)")
    for warning in result.warnings:
        print(f"clerk-desk: warning: {warning}", file=sys.stderr)
    return 0


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"


def _backup_list(data_dir: Path, *, verify: bool) -> int:
    db = data_dir / DB_FILENAME
    folders = [data_dir / backups.BACKUP_DIR]
    second = backups.second_folder_of(db) if db.exists() else ""
    if second:
        folders.append(Path(second))
    found = backups.list_all(folders, stem=db.stem)
    if not found:
        print(f"no backups in {', '.join(str(f) for f in folders)}")
        return 0
    bad = 0
    for b in found:
        if verify:
            problems = backups.quick_check(b.path)
            check = "ok" if not problems else f"DAMAGED: {problems[0]}"
            bad += bool(problems)
        else:
            check = "ok" if b.size else "EMPTY"  # checked before it got its name
        print(
            f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.kind:<9} {_size(b.size):>9}  {check:<6} {b.path}"
        )
    return 1 if bad else 0


def _restore(data_dir: Path, file: Path, *, force: bool) -> int:
    try:
        result = backups.restore(
            data_dir / DB_FILENAME,
            file,
            clock=SystemClock(),
            actor_id=SYSTEM_ACTOR,
            force=force,
            via=VIA_CLI,
        )
    except ClerkDeskError as exc:
        print(f"clerk-desk: {exc}", file=sys.stderr)
        return 1
    print(f"restored {file} into {result.restored}")
    if result.replaced is not None:
        print(f"  the store it replaced is kept as {result.replaced}")
    if result.migrated_from:
        print(f"  migrated from schema revision {result.migrated_from}")
    if result.recovery_marked:
        print(
            "  the next sync takes back from the county server the cases this backup lacks "
            "(clerk-desk sync run)"
        )
    if not result.counters_kept and result.recovery_marked:
        print(
            "clerk-desk: warning: the replaced store could not be read, so the tracking and "
            "document numbers it gave after this backup are unknown here until the county "
            "server gives them back: run clerk-desk sync run before taking cases",
            file=sys.stderr,
        )
    elif not result.counters_kept:
        print(
            "clerk-desk: warning: the replaced store could not be read, so the tracking and "
            "document numbers it gave after this backup are unknown here and could be given "
            "again: ask the county for a new terminal number (clerk-desk terminal number N)",
            file=sys.stderr,
        )
    return 0


def _first_run(desk: Desk) -> int:
    report = ensure_ready(desk)
    for line in report.done:
        print(f"set-up: {line}")
    for line in desk.recover().done:  # what a killed run left of its printing
        print(f"recovered: {line}")
    s = desk.settings()
    current = desk.catalog.current_version()
    cal = desk.calendar.calendar()
    print(f"ClerkDesk data directory: {desk.data_dir}")
    print(
        f"  centre: {s.centre_name} ({s.region_code}), {s.counter_level} counter, window {s.window}"
    )
    print(f"  terminal number: {_describe_terminal(s.terminal_code)}")
    demo = demo_bodies_left(s)
    for label, field in (
        ("deciding body", "decision_authority"),
        ("administrative review body", "reconsideration_body"),
        ("court", "court"),
    ):
        value = getattr(s, field) or "(not set)"
        mark = " (demo value: set the centre's own in Settings)" if field in demo else ""
        print(f"  {label}: {value}{mark}")
    if current:
        print(f"  catalog: version {current.label}, {current.item_count} items")
    years = sorted(cal.years)
    if years:
        print(f"  holiday calendar: published schedules {years[0]}-{years[-1]} ({cal.source})")
    staff = desk.staff.all()
    print(f"  staff accounts: {len(staff)} ({sum(st.active for st in staff)} active)")
    state = desk.staff.accounts_state()
    if state.demo_active:
        print(f"  demo account active: login {DEMO_LOGIN}")
    if not state.admin_exists:
        print("  no admin yet: create one with clerk-desk staff add LOGIN --name NAME --role admin")
    print(f"  changes waiting to sync: {desk.pending_changes()}")
    return 0


def _read_document(file: Path) -> bytes | None:
    """The file's bytes; None (after saying why) when unreadable or over the size limit.

    A file over the limit is not read at all: its size is enough to refuse it.
    """
    try:
        with file.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_DOCUMENT_BYTES:
                print(
                    f"clerk-desk: {file}: not imported: the document is {size:,} bytes; at most "
                    f"{MAX_DOCUMENT_BYTES:,} bytes are accepted",
                    file=sys.stderr,
                )
                return None
            data = f.read(MAX_DOCUMENT_BYTES + 1)  # a file that grew: parse_catalog refuses it
    except OSError as exc:
        print(f"clerk-desk: {file}: cannot read: {exc.strerror}", file=sys.stderr)
        return None
    return data


def _catalog_import(desk: Desk, file: Path, *, other_region: bool = False) -> int:
    data = _read_document(file)
    if data is None:
        return 1
    try:
        result = desk.catalog.import_document(
            data, actor_id=SYSTEM_ACTOR, other_region=other_region
        )
    except CatalogFormatError as exc:
        del data
        print(f"clerk-desk: {file}: not imported, {exc.total:,} problem(s):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.path}: {problem.message}", file=sys.stderr)
        if exc.more:
            print(f"  {more_problems_line(exc.more)}", file=sys.stderr)
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
        retired = " (it is retired)" if v.retired_at is not None else ""
        print(f"catalog version {v.label} was already imported{retired}; nothing changed")
    return 0


def _catalog_retire(desk: Desk, label: str) -> int:
    """Retire a version, audited as the system's with "via": "cli"."""
    result = desk.catalog.retire(label, actor_id=SYSTEM_ACTOR, via=VIA_CLI)
    print(f"catalog version {result.retired.label} retired")
    if result.was_current:
        print(f"  version {result.current.label} is now current")
    return 0


def _catalog_show(desk: Desk) -> int:
    versions = desk.catalog.versions()
    if not versions:
        print("no catalog imported")
        return 0
    for v in versions:
        mark = "*" if v.current else ("R" if v.retired_at is not None else " ")
        published = v.published_at.astimezone(CHINA_TZ).isoformat()
        imported = v.imported_at.astimezone(CHINA_TZ).isoformat(timespec="seconds")
        retired = (
            f"  retired {v.retired_at.astimezone(CHINA_TZ).isoformat(timespec='seconds')}"
            if v.retired_at is not None
            else ""
        )
        print(
            f"{mark} {v.label:<20} {v.item_count:>6} items  published {published}"
            f"  imported {imported}  {v.region_name}{retired}"
        )
    return 0


def _describe_terminal(number: str) -> str:
    if tracking_numbers.is_provisional_terminal(number):
        return f"{number} (provisional, until the county assigns one)"
    return number


def _terminal_number(desk: Desk, number: str | None) -> int:
    """Show the number, or set the county-assigned one (audited as a settings change)."""
    ensure_ready(desk)
    settings = desk.settings()
    if number is None:
        print(_describe_terminal(settings.terminal_code))
        return 0
    canonical = tracking_numbers.parse_terminal_number(number)
    if canonical == settings.terminal_code:
        print(f"terminal number is already {canonical}; nothing changed")
        return 0
    # Only the number changes, onto the settings as stored (the app may be saving others).
    desk.change_settings({"terminal_code": canonical}, actor_id=SYSTEM_ACTOR)
    print(f"terminal number set to {canonical} (was {settings.terminal_code})")
    return 0


def _sync(desk: Desk, args: argparse.Namespace) -> int:
    """``sync enroll|run|status``: the report on stdout, a failure's reason on stderr (exit 1)."""

    client = desk.sync_client()
    command = args.sync_command
    if command == "enroll":
        ensure_ready(desk)  # the provisional number the server is told about
        with sync_lock(desk.data_dir):  # not while a sync uses the credentials it replaces
            done = client.enroll(args.url, args.code, allow_http=args.allow_http)
        print(f"enrolled with {done.server_url}: centre {done.centre_name} ({done.centre_code})")
        if done.previous_number != done.terminal_number:
            print(
                f"  terminal number {done.terminal_number} (was {done.previous_number}; "
                "cases already numbered keep theirs)"
            )
        else:
            print(f"  terminal number {done.terminal_number} (confirmed)")
        print(f"  status page: {desk.settings().public_status_url}")
        return 0
    if command == "run":
        # One cycle at a time per data directory: the app's, or another command's, is
        # answered with SyncBusy ("a sync is already running"), exit 1.
        with sync_lock(desk.data_dir):
            try:
                report = client.run()
            finally:
                freeze = desk.sync_freeze(observe=True)
        print(
            f"sync done: {report.pushed} pushed, {report.duplicates} already on the server, "
            f"{report.refused} refused (quarantined), {report.pulled} pulled, "
            f"{report.waiting} waiting"
        )
        if report.held:
            print(
                f"  {report.held} feed item(s) kept unapplied (for a later version of "
                "ClerkDesk, or case steps that do not fit this terminal's cases)"
            )
        if report.recovery is not None:
            r = report.recovery
            print(
                f"  recovered from the server after a restore: {r.recovered} case(s) added, "
                f"{r.updated} brought up to date, {r.kept} kept (as new here or newer)"
            )
            for problem in r.skipped:
                print(f"clerk-desk: warning: not recovered: {problem}", file=sys.stderr)
        for problem in report.chain_problems:
            if problem.startswith("restored"):
                continue  # this store went back: the recovery above took the cases back
            # A gap is expected while changes wait behind a quarantined one; it closes
            # when they go up. The server keeps the data either way.
            why = " (changes held back by the quarantine leave one)" if "gap" in problem else ""
            print(
                f"clerk-desk: warning: the server reports a break in this terminal's audit "
                f"chain: {problem}{why}",
                file=sys.stderr,
            )
        _print_freeze(freeze, to=sys.stderr)
        return 0
    status = client.status()
    tz = ZoneInfo(desk.settings().timezone)

    def when(at: datetime | None) -> str:
        return at.astimezone(tz).isoformat(timespec="seconds") if at else "never"

    if not status.enrolled:
        print("not enrolled: clerk-desk sync enroll URL CODE")
    else:
        print(f"server: {status.server_url} (centre {status.centre_code})")
    print(f"terminal number: {_describe_terminal(status.terminal_number)}")
    print(f"last success: {when(status.last_success_at)}")
    print(f"last attempt: {when(status.last_attempt_at)}")
    if status.last_error:
        print(f"last error: {status.last_error}")
    print(f"waiting changes: {status.waiting}")
    print(f"quarantined changes: {status.quarantined}")
    for q in client.quarantined():
        print(f"  {q.outbox_id} {q.operation} {q.entity} {q.entity_id}: {q.reason} {q.message}")
    freeze = desk.sync_freeze(observe=True)
    if freeze.enrolled:
        print(
            f"freeze policy: {freeze.level.value} ({freeze.days} days without a successful sync; "
            f"warned after {freeze.warn_days} days or {freeze.warn_waiting} waiting changes, "
            f"new intakes need a supervisor after {freeze.freeze_days} days)"
        )
    _print_freeze(freeze, to=sys.stdout)
    if status.recovery_needed:
        print("recovery: the store was restored; the next sync takes back the centre's cases")
    for number, revoked_at in status.revoked:
        print(f"terminal {number} of this centre was revoked ({revoked_at})")
    return 0


def _print_freeze(freeze: FreezeState, *, to: TextIO) -> None:
    """The freeze policy's warning, when it warns (clerk_desk.sync_freeze)."""
    if not freeze.warned:
        return
    why = []
    if FreezeReason.DAYS in freeze.reasons:
        why.append(f"no successful sync for {freeze.days} days")
    if FreezeReason.WAITING in freeze.reasons:
        why.append(f"{freeze.waiting} changes waiting")
    if FreezeReason.CLOCK in freeze.reasons:
        why.append(f"the clock is {freeze.days_behind} days behind what this terminal recorded")
    then = (
        "a new intake needs a supervisor's password"
        if freeze.frozen
        else f"after {freeze.freeze_days} days a new intake needs a supervisor's password"
    )
    print(f"clerk-desk: warning: {'; '.join(why)}: {then}", file=to)


def _read_password(login: str, from_stdin: bool) -> str | None:
    """The password typed twice (None: the two differ), or one line of stdin."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Password for {login}: ")
    second = getpass.getpass("Repeat the password: ")
    return first if first == second else None


def _account(desk: Desk, login: str) -> StaffRecord | None:
    found = desk.staff.by_login(login)
    if found is None:
        print(f"clerk-desk: login: no staff account with login {login.strip()!r}", file=sys.stderr)
    return found


def _staff(desk: Desk, args: argparse.Namespace) -> int:
    """The staff subcommands; every change is the system's, audited with "via": "cli"."""
    ensure_ready(desk)  # a fresh data directory is set up first, as at any start
    command = args.staff_command
    if command == "list":
        return _staff_list(desk)
    if command == "add":
        password = _read_password(args.login, args.password_stdin)
        if password is None:
            print("clerk-desk: password: the two entries differ; nothing changed", file=sys.stderr)
            return 1
        demo_was_active = desk.staff.accounts_state().demo_active
        created = desk.staff.create(
            actor_id=SYSTEM_ACTOR,
            login=args.login,
            name=args.name,
            role=args.role,
            window=args.window,
            village=args.village,
            password=password,
            via=VIA_CLI,
        )
        print(f"created {created.role} account {created.login} ({created.name})")
        if created.must_change_password:
            print("  the password is temporary: it is changed at the first login")
        if demo_was_active and not desk.staff.accounts_state().demo_active:
            print(f"  the demo account {DEMO_LOGIN} is disabled: a real admin exists")
        return 0
    account = _account(desk, args.login)
    if account is None:
        return 1
    if command == "passwd":
        password = _read_password(account.login, args.password_stdin)
        if password is None:
            print("clerk-desk: password: the two entries differ; nothing changed", file=sys.stderr)
            return 1
        desk.staff.reset_password(
            actor_id=SYSTEM_ACTOR, staff_id=account.id, password=password, via=VIA_CLI
        )
        print(f"password of {account.login} set; it is changed at the next login")
        return 0
    if command == "disable":
        desk.staff.disable(actor_id=SYSTEM_ACTOR, staff_id=account.id, via=VIA_CLI)
        print(f"account {account.login} disabled")
        return 0
    desk.staff.enable(actor_id=SYSTEM_ACTOR, staff_id=account.id, via=VIA_CLI)
    print(f"account {account.login} enabled")
    return 0


def _staff_list(desk: Desk) -> int:
    now = desk.clock.now()
    tz = ZoneInfo(desk.settings().timezone)
    for st in desk.staff.all():
        if not st.active:
            status = "disabled"
        elif st.locked(now) and st.locked_until is not None:
            status = f"locked until {st.locked_until.astimezone(tz):%H:%M}"
        else:
            status = "active"
        if st.must_change_password:
            status += ", password to change"
        where = f"  village {st.village}" if st.village else ""
        window = f"  window {st.window}" if st.window else ""
        print(f"{st.login:<16} {st.role:<10} {status:<30} {st.name}{window}{where}")
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
