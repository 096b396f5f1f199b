"""The ``clerk-central`` command: run the county server and administer it.

    clerk-central serve [--host H] [--port P] [--database-url URL] [--workers N]
    clerk-central centre add CODE NAME [--region-code R] [--phone P]
    clerk-central admin add LOGIN NAME [--role office|admin] [--centre CODE] [--password-stdin]
    clerk-central enroll-code CENTRE           a one-time enrollment code (24 h)
    clerk-central terminals list               number, centre, store, last seen, chain, revoked
    clerk-central terminals revoke NUMBER
    clerk-central settings set KEY VALUE [--centre CODE]
    clerk-central case show NUMBER
    clerk-central catalog publish FILE [--centre CODE]
    clerk-central calendar publish [--file FILE] [--years 2026,2027] [--centre CODE]

Every command takes ``--database-url`` (else CLERK_CENTRAL_DATABASE_URL, else a
SQLite file in the user's data directory) and brings the schema up to date
first. Each change is audited in ``server_audit``.

Exit status: 0 success, 1 refused (bad input, unknown centre or terminal),
2 usage, 3 internal error (one line on stderr; the traceback on stderr too
with CLERK_CENTRAL_DEBUG=1).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.engine import make_url

from clerk_central import __version__, admin, office
from clerk_central.db import (
    DATABASE_URL_ENV,
    default_database_url,
    make_engine,
    session_factory,
    transaction,
    upgrade,
)

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_INTERNAL_ERROR = 3
DEFAULT_PORT = 8470


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clerk-central",
        description="ClerkCentral: the county server ClerkDesk terminals sync with.",
    )
    parser.add_argument("--version", action="version", version=f"clerk-central {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database-url",
        metavar="URL",
        help=f"postgresql://... or sqlite:///FILE (default: ${DATABASE_URL_ENV}, else a "
        "SQLite file in the user's data directory)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    serve = sub.add_parser("serve", parents=[common], help="run the sync server")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to listen on ({DEFAULT_PORT})"
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (1); several share the database and hold no state",
    )

    centre = sub.add_parser("centre", help="service centres")
    centre_sub = centre.add_subparsers(dest="centre_command", metavar="ACTION", required=True)
    centre_add = centre_sub.add_parser("add", parents=[common], help="add a centre")
    centre_add.add_argument("code", metavar="CODE", help="the centre's code (unique)")
    centre_add.add_argument("name", metavar="NAME", help="the centre's name")
    centre_add.add_argument(
        "--region-code", default="", help="administrative division code (6, 9 or 12 digits)"
    )
    centre_add.add_argument("--phone", default="", help="the centre's public phone number")

    code = sub.add_parser(
        "enroll-code", parents=[common], help="a one-time code to enroll a terminal (24 h)"
    )
    code.add_argument("centre", metavar="CENTRE", help="code of the centre the terminal joins")

    terminals = sub.add_parser("terminals", help="enrolled terminals")
    terminals_sub = terminals.add_subparsers(
        dest="terminals_command", metavar="ACTION", required=True
    )
    terminals_sub.add_parser(
        "list",
        parents=[common],
        help="number, centre, store id, last seen, audit chain state, revoked",
    )
    revoke = terminals_sub.add_parser(
        "revoke", parents=[common], help="revoke a terminal (it keeps its queue)"
    )
    revoke.add_argument("number", metavar="NUMBER", help="the terminal's 5-digit number")

    settings = sub.add_parser("settings", help="county settings sent to terminals")
    settings_sub = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    settings_set = settings_sub.add_parser(
        "set", parents=[common], help="publish a setting on the feed"
    )
    settings_set.add_argument(
        "key", metavar="KEY", help=f"the setting ({', '.join(sorted(admin.SETTINGS))})"
    )
    settings_set.add_argument("value", metavar="VALUE", help="its value")
    settings_set.add_argument(
        "--centre", metavar="CODE", help="only for this centre's terminals (default: everyone)"
    )

    catalog = sub.add_parser("catalog", help="the service catalog sent to terminals")
    catalog_sub = catalog.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)
    catalog_publish = catalog_sub.add_parser(
        "publish",
        parents=[common],
        help="check a clerk-catalog/1 document and publish it on the feed",
    )
    catalog_publish.add_argument("file", metavar="FILE", help="the catalog document (JSON)")
    catalog_publish.add_argument(
        "--centre", metavar="CODE", help="only for this centre's terminals (default: everyone)"
    )

    calendar = sub.add_parser("calendar", help="holiday schedules sent to terminals")
    calendar_sub = calendar.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    calendar_publish = calendar_sub.add_parser(
        "publish",
        parents=[common],
        help="publish holiday schedules (from the chinesecalendar package, or a file)",
    )
    calendar_publish.add_argument(
        "--file", metavar="FILE", help="a clerk-holidays/1 file (default: chinesecalendar's data)"
    )
    calendar_publish.add_argument(
        "--years", metavar="YEARS", help="only these years, comma-separated (e.g. 2026,2027)"
    )
    calendar_publish.add_argument(
        "--centre", metavar="CODE", help="only for this centre's terminals (default: everyone)"
    )

    account = sub.add_parser("admin", help="server accounts (administrators, back-office staff)")
    account_sub = account.add_subparsers(dest="admin_command", metavar="ACTION", required=True)
    account_add = account_sub.add_parser(
        "add",
        parents=[common],
        help="add an account; the password is asked for (or read from standard input)",
    )
    account_add.add_argument("login", metavar="LOGIN", help="the login name (unique)")
    account_add.add_argument("name", metavar="NAME", help="the person's name, shown to terminals")
    account_add.add_argument(
        "--role",
        choices=office.ROLES,
        default="office",
        help="office: a department's staff (default); admin: the county's administrator",
    )
    account_add.add_argument(
        "--centre",
        metavar="CODE",
        help="only this centre's cases (default: every centre's, a county-level account)",
    )
    account_add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input instead of a prompt",
    )

    case = sub.add_parser("case", help="cases as the server holds them")
    case_sub = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    case_show = case_sub.add_parser("show", parents=[common], help="show a case")
    case_show.add_argument("number", metavar="NUMBER", help="the case's tracking number")
    return parser


def _now() -> datetime:
    return datetime.now(UTC)


def _when(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ") if value else "-"


def _serve(args: argparse.Namespace, url: str) -> int:
    import uvicorn

    from clerk_central.logs import uvicorn_log_config

    if args.workers < 1:
        print("clerk-central: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    upgrade(make_engine(url))
    # Worker processes build the app from the environment (uvicorn's factory import string).
    os.environ[DATABASE_URL_ENV] = url
    shown = make_url(url).render_as_string(hide_password=True)
    print(
        f"clerk-central: serving on http://{args.host}:{args.port} with {args.workers} "
        f"worker(s), database {shown}",
        flush=True,
    )
    uvicorn.run(
        "clerk_central.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
        # JSON lines, query strings cut (the status page's query codes travel there).
        log_config=uvicorn_log_config("info"),
    )
    return 0


def _years(text: str | None) -> list[int] | None:
    if not text:
        return None
    try:
        years = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise admin.AdminError(f"--years {text!r} is not a comma-separated list of years") from None
    if not years or not all(2000 <= y <= 2100 for y in years):
        raise admin.AdminError(f"--years {text!r}: years lie in 2000-2100")
    return years


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise admin.AdminError(f"cannot read {path}: {exc.strerror or exc}") from None


def _password(args: argparse.Namespace) -> str:
    """The new account's password: never from argv (it would show in ps and shell history)."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        import getpass

        password = getpass.getpass(f"password for {args.login}: ")
        if getpass.getpass("again: ") != password:
            raise admin.AdminError("the two passwords differ; nothing was added")
    return office.check_password(password)


def _run(args: argparse.Namespace) -> int:
    url = args.database_url or default_database_url()
    if args.command == "serve":
        return _serve(args, url)
    password = _password(args) if args.command == "admin" else ""
    data: bytes | None = None
    years: list[int] | None = None
    # Files are read and checked before the database is touched.
    if args.command == "catalog":
        data = _read(args.file)
    elif args.command == "calendar":
        data = _read(args.file) if args.file else None
        years = _years(args.years)
    engine = make_engine(url)
    upgrade(engine)
    factory = session_factory(engine)
    now = _now()
    with transaction(factory) as session:
        if args.command == "centre":
            centre = admin.add_centre(
                session,
                code=args.code,
                name=args.name,
                region_code=args.region_code,
                phone=args.phone,
                now=now,
            )
            print(f"centre {centre.code} added: {centre.name}")
        elif args.command == "enroll-code":
            new = admin.new_enroll_code(session, centre_code=args.centre, now=now)
            print(new.code)
            print(f"valid until {_when(new.expires_at)} (one use)")
        elif args.command == "terminals" and args.terminals_command == "list":
            rows = admin.list_terminals(session)
            print(
                "number  centre  store id                          last seen             "
                "chain               revoked"
            )
            for r in rows:
                print(
                    f"{r.number}   {r.centre:<7} {r.store_id:<33} {_when(r.last_seen_at):<21} "
                    f"{r.chain:<19} {_when(r.revoked_at) if r.revoked_at else 'no'}"
                )
            if not rows:
                print("(no terminals enrolled)")
        elif args.command == "terminals":
            admin.revoke_terminal(session, number=args.number, now=now)
            print(f"terminal {args.number} revoked; it keeps its waiting changes")
        elif args.command == "settings":
            version = admin.set_setting(
                session, key=args.key, value=args.value, centre_code=args.centre, now=now
            )
            print(f"{args.key} published (feed version {version})")
        elif args.command == "catalog":
            assert data is not None
            published = admin.publish_catalog(session, data=data, centre_code=args.centre, now=now)
            body = published.body
            print(
                f"catalog {body['label']} published (feed version {published.version}): "
                f"{body['items']} items, {body['size']:,} bytes, sha256 {body['sha256']}"
            )
        elif args.command == "calendar":
            published = admin.publish_calendar(
                session, data=data, years=years, centre_code=args.centre, now=now
            )
            body = published.body
            print(
                f"calendar {', '.join(str(y) for y in body['years'])} published (feed version "
                f"{published.version}): {len(body['holidays'])} holidays, "
                f"{len(body['workdays'])} make-up workdays, from {body['source']}"
            )
        elif args.command == "admin":
            account = office.add_account(
                session,
                login=args.login,
                name=args.name,
                role=args.role,
                centre_code=args.centre,
                password=password,
                now=now,
            )
            print(
                f"account {account.login} added: {account.name}, role {account.role}, "
                f"{'centre ' + args.centre if args.centre else 'every centre'}"
            )
        elif args.command == "case":
            shown = admin.show_case(session, args.number)
            print(json.dumps(shown, ensure_ascii=False, indent=2, sort_keys=True))
    engine.dispose()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help is 0, a usage error 2
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    # The database file holds the terminals' secret digests and the cases: private to the user.
    os.umask(0o077)
    try:
        return _run(args)
    except admin.AdminError as exc:
        print(f"clerk-central: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("clerk-central: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        print(f"clerk-central: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("CLERK_CENTRAL_DEBUG"):
            import traceback

            traceback.print_exc()
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
