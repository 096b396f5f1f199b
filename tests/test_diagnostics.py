"""Field diagnostics: the log file, what it never holds, exit 3, --version, help, no display.

Fault tests count the faults they cause and the failures they see (printed for the
closing table): internal errors in real CLI processes, native crashes, exceptions
in threads, personal values offered to the log.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from support.desks import REPO, resident_id

from clerk_desk import diagnostics
from clerk_desk.cli import _parser, main
from clerk_desk.clock import FixedClock
from clerk_desk.desk import Desk
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.storage import DB_FILENAME

NAME = "王䶮"  # a rare character (CJK Ext A), as on a real ID card
NAME_EXT_B = "𠮷野"  # beyond the BMP
ID_NUMBER = resident_id("37083019800101123")
OLD_ID_NUMBER = "370830800101123"  # the 15-digit form of the 1980s cards
PHONE = "13812345678"
LOW_INCOME = "370830104-MZ-001"
KEY = ["id_card", "hukou", "app_form", "income", "consent"]
NO = {"has_disabled_member": False, "has_serious_illness": False, "divorced": False}
INTERNAL_LINE = re.compile(
    r"^clerk-desk: internal error: (?P<kind>\w+); details in (?P<path>.+clerk-desk\.log)$"
)


def personal_values() -> list[str]:
    return [NAME, NAME_EXT_B, ID_NUMBER, ID_NUMBER[:17], OLD_ID_NUMBER, PHONE, "王", "䶮"]


def leaks(text: str) -> list[str]:
    return [v for v in personal_values() if v in text]


def env_for_subprocess(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.pop("PYTHONFAULTHANDLER", None)
    env.update(extra)
    return env


def clerk_desk(
    data_dir: Path, *args: str, env: dict[str, str] | None = None, **kw: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clerk_desk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env or env_for_subprocess(),
        timeout=180,
        check=False,
        **kw,
    )


def clerk_desk_with(
    data_dir: Path, script: str, *argv: str, **kw: Any
) -> subprocess.CompletedProcess[str]:
    """The real ``clerk-desk`` entry point (its own command line), after ``script`` ran.

    ``script`` plants the fault (a bug in a command, a native crash) in the process.
    """
    code = (
        "import sys\n"
        "import clerk_desk.cli as cli\n"
        + textwrap.dedent(script)
        + f"\nsys.argv = ['clerk-desk', '--data-dir', {str(data_dir)!r}, *{list(argv)!r}]\n"
        "sys.exit(cli.main())\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env_for_subprocess(),
        timeout=180,
        check=False,
        **kw,
    )


def log_text(data_dir: Path) -> str:
    return diagnostics.log_path(data_dir).read_text(encoding="utf-8")


class RawValues(logging.Handler):
    """Counts the records that reach the log carrying a personal value, before redaction."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records = 0

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += "".join(traceback.format_exception(record.exc_info[1]))
        if leaks(text) or "Wang Yan" in text:
            self.records += 1


@pytest.fixture
def logging_to(data_dir: Path) -> Iterator[Path]:
    """This test process logs to ``data_dir``'s log file, as the app would."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = diagnostics.setup_logging(data_dir, command="test")
    assert path is not None
    yield path
    diagnostics.stop_logging()


# --- redaction ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"applicant {ID_NUMBER}",
        f"id={ID_NUMBER.lower()}",
        f"old card {OLD_ID_NUMBER}.",
        f"grouped {ID_NUMBER[:6]} {ID_NUMBER[6:14]} {ID_NUMBER[14:]}",
        f"phone {PHONE}",
        f"phone +86 {PHONE[:3]}-{PHONE[3:7]}-{PHONE[7:]}",
        "landline 0537-7212345",
        f"name {NAME}",
        f"name {NAME_EXT_B}",
        f"name 阿卜杜·热合曼 {NAME}",
        "name ཚེ་རིང་",  # Tibetan
        "(sqlite3.IntegrityError) UNIQUE\n[SQL: INSERT INTO x VALUES (?, ?)]\n"
        "[parameters: ('Wang Yan', 'Zhang San')]\n(Background on this error at: x)",
    ],
)
def test_redaction_removes_identity_numbers_phones_names_and_sql_values(text: str) -> None:
    out = diagnostics.redact(text)
    assert not leaks(out), out
    for value in ("Wang Yan", "Zhang San", "热合曼", "ཚེ", "7212345", PHONE[3:7] + PHONE[7:]):
        assert value not in out
    assert diagnostics.redact(out) == out  # idempotent: a second filter changes nothing


@pytest.mark.parametrize(
    "kept",
    [
        "2611239042100017",  # a tracking number (16 digits)
        "2611 2390 4210 0017",  # ... as printed
        "0000000000001",  # an old 13-digit one
        "case 6f1c2a4e-9b1d-4c3e-8f00-123456789abc",  # an id
        "2026-11-23T10:00:00.123+08:00 INFO [1234 MainThread] clerk_desk.cli: command",
        'File "/opt/clerk_desk/cli.py", line 123, in _main',
        "12345678",  # a query code
    ],
)
def test_redaction_keeps_what_support_needs(kept: str) -> None:
    assert diagnostics.redact(kept) == kept


def test_a_clerk_desk_error_is_logged_as_its_template_and_parameter_names() -> None:
    err = RuleViolation(
        "applicant {name} ({id_number}) has an open case", name=NAME, id_number=ID_NUMBER
    )
    assert diagnostics.describe_error(err) == (
        "RuleViolation: applicant {name} ({id_number}) has an open case (id_number, name)"
    )
    field = InvalidInput("id_number", "{value} has a wrong check character", value=ID_NUMBER)
    assert diagnostics.describe_error(field) == (
        "InvalidInput: id_number: {value} has a wrong check character (value)"
    )
    try:
        try:
            raise field
        except InvalidInput as exc:
            raise err from exc
    except RuleViolation as exc:
        text = diagnostics.format_exception(exc)
    assert "The above exception was the direct cause" in text
    assert "clerk_desk.errors.RuleViolation: applicant {name}" in text
    assert not leaks(text)


# --- the log file -------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_log_is_private_and_starts_with_the_versions_whatever_the_umask(
    tmp_path: Path,
) -> None:
    faults = failures = 0
    for umask in (0o000, 0o022, 0o077):
        data_dir = tmp_path / f"umask{umask:03o}"
        proc = clerk_desk(data_dir, "info", preexec_fn=lambda umask=umask: os.umask(umask))
        faults += 1
        assert proc.returncode == 0, proc.stderr
        path = diagnostics.log_path(data_dir)
        if stat.S_IMODE(path.stat().st_mode) != 0o600:
            failures += 1
        if stat.S_IMODE(path.parent.stat().st_mode) != 0o700:
            failures += 1
        first = log_text(data_dir).splitlines()[0]
        version = diagnostics.clerk_desk_version()
        assert f"ClerkDesk {version} start (info): Python 3." in first
        assert f"SQLite {sqlite3.sqlite_version}" in first and "SQLAlchemy 2." in first
        assert "platform " in first
    # A log made by hand (or an earlier version) with a wide mode is made private again.
    path = diagnostics.log_path(tmp_path / "umask022")
    path.chmod(0o644)
    path.parent.chmod(0o755)
    assert clerk_desk(tmp_path / "umask022", "catalog", "show").returncode == 0
    faults += 1
    failures += stat.S_IMODE(path.stat().st_mode) != 0o600
    failures += stat.S_IMODE(path.parent.stat().st_mode) != 0o700
    print(f"log file modes: {faults} tries, {failures} failures")
    assert failures == 0


def test_no_log_dir_is_made_before_the_store_makes_the_data_directory(tmp_path: Path) -> None:
    """The store decides what a new data directory means; logging does not create one."""
    missing = tmp_path / "not-yet"
    assert diagnostics.setup_logging(missing) is None
    assert not missing.exists()


def test_a_full_intake_leaves_no_name_id_number_or_phone_in_the_log(
    data_dir: Path, clock: FixedClock, logging_to: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Real operations, with SQLAlchemy's statement log on (values included) and errors
    carrying the person's values: the file still holds none of them."""
    counter = RawValues()
    root = logging.getLogger()
    root.handlers.insert(0, counter)  # sees each record before the log file's filter does
    engine_log = logging.getLogger("sqlalchemy.engine")
    engine_log.setLevel(logging.INFO)  # a technician's "log every statement", values and all
    try:
        desk = Desk.open(data_dir, clock=clock)
        ensure_ready(desk)
        clerk = desk.staff.by_login(DEMO_LOGIN)
        assert clerk is not None
        applicant = desk.applicants.register_person(
            actor_id=clerk.id, name=NAME, id_number=ID_NUMBER, phone=PHONE
        )
        second = desk.applicants.register_person(
            actor_id=clerk.id, name=NAME_EXT_B, id_number=resident_id("11010519491231002"), phone=""
        )
        case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
        case = desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
        case = desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
        case = desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
        assert case.state.value == "accepted"
        assert desk.applicants.find(ID_NUMBER) is not None
        engine_log.setLevel(logging.WARNING)

        # Errors that carry the values, logged the ways the app logs them.
        log = logging.getLogger("clerk_desk.test")
        try:
            desk.applicants.register_person(
                actor_id=clerk.id, name=NAME, id_number=ID_NUMBER[:-1] + "9", phone=PHONE
            )
        except InvalidInput as exc:
            log.info("refused: %s", diagnostics.describe_error(exc))
            log.warning("refused", exc_info=exc)  # a careless log call: str(exc) has the value
        try:
            raise ValueError(f"bug with {NAME} {ID_NUMBER} {PHONE} {second.name}")
        except ValueError as exc:
            log.error("unexpected", exc_info=exc)
        logging.getLogger("some.library").warning("looked up %s, %s", NAME, ID_NUMBER)
        from sqlalchemy import text

        try:
            with desk.store.read() as session:
                session.execute(
                    text("SELECT :name, :id FROM no_such_table"),
                    {"name": "Wang Yan", "id": ID_NUMBER},
                )
        except Exception as exc:  # a real OperationalError with its [parameters: ...]
            log.error("query failed", exc_info=exc)
        desk.close()
        # The CLI in this process, on the same data directory.
        for argv in (["info"], ["staff", "list"], ["audit", "verify"], ["catalog", "show"]):
            assert main(["--data-dir", str(data_dir), *argv]) == 0
        assert main(["--data-dir", str(data_dir), "terminal", "number", "99999x"]) == 1
    finally:
        engine_log.setLevel(logging.NOTSET)
        root.removeHandler(counter)
    capsys.readouterr()
    for handler in logging.getLogger().handlers:
        handler.flush()
    text_ = logging_to.read_text(encoding="utf-8")
    found = leaks(text_) + [v for v in ("Wang Yan",) if v in text_]
    print(f"log records carrying personal values: {counter.records} tries, {len(found)} failures")
    assert counter.records >= 8  # the test did offer values (11 today)
    assert found == []
    # ... and the log says what happened.
    assert "INSERT INTO applicants" in text_  # the statements, without their values
    assert "[id-number]" in text_ and "[text]" in text_ and "[parameters: redacted]" in text_
    assert "refused: InvalidInput: id_number:" in text_
    assert "Traceback (most recent call last)" in text_ and "ValueError: bug with" in text_
    assert "command: staff list" in text_ and "command: terminal number" in text_
    assert "refused: " in text_


def test_the_log_rotates_at_1_mb_keeping_5_private_files(data_dir: Path, logging_to: Path) -> None:
    log = logging.getLogger("clerk_desk.test")
    line = "x" * 1000
    for i in range(7_000):  # 7 MB of lines
        log.warning("line %05d %s", i, line)
    files = sorted(p.name for p in logging_to.parent.iterdir())
    assert files == ["clerk-desk.log"] + [f"clerk-desk.log.{n}" for n in range(1, 6)]
    for p in logging_to.parent.iterdir():
        assert p.stat().st_size <= diagnostics.LOG_MAX_BYTES
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    assert "line 06999" in logging_to.read_text(encoding="utf-8")
    assert "line 00000" not in "".join(
        p.read_text(encoding="utf-8") for p in logging_to.parent.iterdir()
    )


@pytest.mark.gui
def test_a_failed_task_is_logged_once_with_its_traceback(
    qtbot: QtBot, data_dir: Path, logging_to: Path
) -> None:
    from clerk_desk.ui.tasks import TaskRunner

    runner = TaskRunner()
    seen: list[BaseException] = []
    widget_log = logging.getLogger("clerk_desk.ui.test_widget")

    def widget_failed(error: BaseException) -> None:  # as the intake panel does
        widget_log.error("intake task failed", exc_info=error)
        seen.append(error)

    def refused() -> None:
        raise InvalidInput("id_number", "{value} has a wrong check character", value=ID_NUMBER)

    def bug() -> None:
        raise KeyError(f"{NAME} {ID_NUMBER}")

    try:
        runner.db(bug, None, widget_failed)
        runner.db(refused, None, seen.append)
        with qtbot.waitSignal(runner.task_failed):
            runner.io(lambda: 1 / 0)
        qtbot.waitUntil(lambda: len(seen) == 2 and runner.pending == 0)
    finally:
        runner.shutdown()
    text_ = logging_to.read_text(encoding="utf-8")
    assert not leaks(text_)
    assert (
        "background task test_a_failed_task_is_logged_once_with_its_traceback.<locals>.bug failed"
        in text_
    )
    assert text_.count("KeyError: ") == 1  # the traceback once, then a reference to it
    assert "(traceback of this KeyError logged above)" in text_
    assert "refused: InvalidInput: id_number: {value} has a wrong check character (value)" in text_
    assert "ZeroDivisionError" in text_ and "<lambda> failed" in text_


# --- exit status 3 ------------------------------------------------------------------------------


def _drop_table(data_dir: Path, table: str) -> None:
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(f"DROP TABLE {table}")


INTERNAL_FAULTS = [
    # (what breaks, the command that meets it)
    ("staff", ["staff", "list"]),
    ("catalog_versions", ["catalog", "show"]),
    ("audit_entries", ["audit", "verify"]),
]


@pytest.mark.slow
def test_an_internal_error_exits_3_with_one_line_and_the_traceback_in_the_log(
    tmp_path: Path,
) -> None:
    faults = failures = 0
    for table, argv in INTERNAL_FAULTS:
        data_dir = tmp_path / table
        assert clerk_desk(data_dir, "info").returncode == 0
        _drop_table(data_dir, table)
        proc = clerk_desk(data_dir, *argv)
        faults += 1
        lines = proc.stderr.splitlines()
        ok = proc.returncode == 3 and len(lines) == 1 and INTERNAL_LINE.match(lines[0]) is not None
        if ok:
            match = INTERNAL_LINE.match(lines[0])
            assert match is not None
            log = Path(match["path"]).read_text(encoding="utf-8")
            ok = (
                Path(match["path"]) == diagnostics.log_path(data_dir).absolute()
                and match["kind"] == "OperationalError"
                and "CRITICAL" in log
                and "Traceback (most recent call last)" in log
                and f"no such table: {table}" in log
                and "Traceback" not in proc.stderr + proc.stdout
            )
        if not ok:
            failures += 1
            print(f"{table}: exit {proc.returncode}, stderr {proc.stderr!r}")
    # A bug in a command whose exception carries the person's values.
    data_dir = tmp_path / "bug"
    proc = clerk_desk_with(
        data_dir,
        f"""
        def _bug(desk):
            raise ValueError({f"{NAME} {ID_NUMBER}"!r})
        cli._first_run = _bug
        """,
        "info",
    )
    faults += 1
    lines = proc.stderr.splitlines()
    log = log_text(data_dir) if diagnostics.log_path(data_dir).exists() else ""
    if not (
        proc.returncode == 3
        and len(lines) == 1
        and lines[0].startswith("clerk-desk: internal error: ValueError; details in ")
        and "in _bug" in log
        and not leaks(proc.stderr + log)
    ):
        failures += 1
        print(f"bug: exit {proc.returncode}, stderr {proc.stderr!r}")
    print(f"CLI internal errors: {faults} tries, {failures} failures")
    assert failures == 0


def test_refusals_stay_1_and_usage_errors_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "terminal", "number", "1x"]) == 1
    with pytest.raises(SystemExit) as usage:
        main(["--data-dir", str(data_dir), "no-such-command"])
    assert usage.value.code == 2
    err = capsys.readouterr().err
    assert "internal error" not in err


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_a_log_file_that_cannot_grow_never_stops_a_command(tmp_path: Path) -> None:
    """The disk is full for the log (RLIMIT_FSIZE: writes past the limit fail with EFBIG)."""
    import resource

    data_dir = tmp_path / "data"
    assert clerk_desk(data_dir, "info").returncode == 0
    path = diagnostics.log_path(data_dir)
    limit = max((data_dir / DB_FILENAME).stat().st_size, path.stat().st_size) + 65536
    with path.open("ab") as f:
        f.write(b"x" * (limit - path.stat().st_size - 1) + b"\n")

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    faults = failures = 0
    proc = clerk_desk(data_dir, "catalog", "show", preexec_fn=full_disk)
    faults += 1
    if not (proc.returncode == 0 and proc.stdout.startswith("* ") and proc.stderr == ""):
        failures += 1
        print(f"catalog show: {proc.returncode} {proc.stderr!r}")
    proc = clerk_desk_with(
        data_dir, "cli._first_run = lambda desk: 1 / 0", "info", preexec_fn=full_disk
    )
    faults += 1
    if not (
        proc.returncode == 3
        and proc.stderr.startswith(
            "clerk-desk: internal error: ZeroDivisionError; no log could be written in "
        )
        and "Traceback (most recent call last)" in proc.stderr
        and "Logging error" not in proc.stderr
    ):
        failures += 1
        print(f"internal error: {proc.returncode} {proc.stderr!r}")
    assert path.stat().st_size == limit  # nothing written past the limit
    print(f"log file that cannot grow: {faults} tries, {failures} failures")
    assert failures == 0


def test_without_a_log_the_traceback_goes_to_stderr(tmp_path: Path) -> None:
    """A data directory where no log can be written (here: logs/ is a file) still explains."""
    data_dir = tmp_path / "data"
    assert clerk_desk(data_dir, "info").returncode == 0
    for p in diagnostics.log_path(data_dir).parent.iterdir():
        p.unlink()
    diagnostics.log_path(data_dir).parent.rmdir()
    diagnostics.log_path(data_dir).parent.write_text("not a directory")
    proc = clerk_desk_with(data_dir, "cli._first_run = lambda desk: 1 / 0", "info")
    assert proc.returncode == 3
    assert proc.stderr.startswith(
        "clerk-desk: internal error: ZeroDivisionError; no log could be written in "
    )
    assert "Traceback (most recent call last)" in proc.stderr and "ZeroDivisionError" in proc.stderr


# --- the hooks: native crashes and exceptions outside the command -----------------------------

SEGFAULTS = {
    "faulthandler._sigsegv": "import faulthandler\n    faulthandler._sigsegv()",
    "ctypes.string_at(0)": "import ctypes\n    ctypes.string_at(0)",
}


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_native_crash_lands_in_the_log(tmp_path: Path) -> None:
    faults = failures = 0
    for rotate_first in (False, True):
        for name, crash in SEGFAULTS.items():
            data_dir = tmp_path / f"{'rotated-' if rotate_first else ''}{name}"
            assert clerk_desk(data_dir, "info").returncode == 0
            fill = (
                "import logging\n    for i in range(1500): logging.getLogger('clerk_desk.t').warning('%d %s', i, 'y' * 1000)\n    "
                if rotate_first
                else ""
            )
            proc = clerk_desk_with(
                data_dir,
                f"def crash_in_command(desk):\n    {fill}{crash}\ncli._first_run = crash_in_command\n",
                "info",
            )
            faults += 1
            log = log_text(data_dir)  # the current file, also after a rotation
            if not (
                proc.returncode == -signal.SIGSEGV
                and "Fatal Python error: Segmentation fault" in log
                and "in crash_in_command" in log
                and "Fatal Python error" not in proc.stderr
            ):
                failures += 1
                print(f"{name}: exit {proc.returncode}, stderr {proc.stderr[-500:]!r}")
            if rotate_first:
                assert diagnostics.log_path(data_dir).with_name("clerk-desk.log.1").exists()
    print(f"native crashes: {faults} tries, {failures} failures")
    assert failures == 0


@pytest.mark.slow
def test_exceptions_in_threads_and_outside_the_command_go_to_the_log(tmp_path: Path) -> None:
    faults = failures = 0
    data_dir = tmp_path / "thread"
    proc = clerk_desk_with(
        data_dir,
        f"""
        import threading
        def in_a_thread():
            raise RuntimeError({f"{NAME} {PHONE}"!r})
        def command(desk):
            t = threading.Thread(target=in_a_thread, name="printer-thread")
            t.start()
            t.join()
            return 0
        cli._first_run = command
        """,
        "info",
    )
    faults += 1
    log = log_text(data_dir)
    if not (
        proc.returncode == 0
        and "unexpected exception in thread printer-thread" in log
        and "RuntimeError" in log
        and "in in_a_thread" in log
        and not leaks(log)
        and "Traceback" not in proc.stderr
    ):
        failures += 1
        print(f"thread: {proc.returncode} {proc.stderr!r}")
    # After the command, still in our process: sys.excepthook.
    data_dir = tmp_path / "after"
    code = (
        "import sys\nimport clerk_desk.cli as cli\n"
        f"sys.argv = ['clerk-desk', '--data-dir', {str(data_dir)!r}, 'info']\n"
        "cli.main()\n"
        f"raise LookupError({ID_NUMBER!r})\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env_for_subprocess(),
        check=False,
    )
    faults += 1
    log = log_text(data_dir)
    if not (
        proc.returncode == 1
        and "CRITICAL" in log
        and "unexpected exception" in log
        and "LookupError: [id-number]" in log
        and "Traceback" not in proc.stderr
    ):
        failures += 1
        print(f"excepthook: {proc.returncode} {proc.stderr!r}")
    print(f"unexpected exceptions outside a command: {faults} tries, {failures} failures")
    assert failures == 0


# --- --version, help, no display ----------------------------------------------------------------


def test_version_names_clerk_desk_python_and_sqlite(tmp_path: Path) -> None:
    data_dir = tmp_path / "never-made"
    proc = clerk_desk(data_dir, "--version")
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(
        r"clerk-desk \S+ \(Python 3\.\d+\.\d+\S*, SQLite 3\.\d+\.\d+\)\n", proc.stdout
    ), proc.stdout
    assert f"clerk-desk {importlib.metadata.version('clerk-desk')} " in proc.stdout
    assert f"SQLite {sqlite3.sqlite_version})" in proc.stdout
    assert not data_dir.exists()


def _without_help(parser: argparse.ArgumentParser, path: str) -> tuple[list[str], int]:
    """Every action of ``parser`` and its subcommands, at any depth, that has no help text."""
    missing: list[str] = []
    walked = 1
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helped = {choice.dest for choice in action._choices_actions if choice.help}
            seen: set[int] = set()
            for name, sub in action.choices.items():
                if id(sub) in seen:
                    continue  # an alias of a command already walked
                seen.add(id(sub))
                if name not in helped:
                    missing.append(f"{path} {name}")
                more, count = _without_help(sub, f"{path} {name}")
                missing += more
                walked += count
        elif not action.help or action.help == argparse.SUPPRESS:
            missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    return missing, walked


def test_every_command_and_argument_has_a_help_text() -> None:
    missing, walked = _without_help(_parser(), "clerk-desk")
    assert walked >= 14  # the walk reached the subcommands (14 parsers today)
    assert missing == []


def test_catalog_import_explains_its_file(tmp_path: Path) -> None:
    proc = clerk_desk(tmp_path / "d", "catalog", "import", "--help")
    assert proc.returncode == 0
    assert re.search(r"file\s+the catalog document", proc.stdout)


def _no_display_env() -> dict[str, str]:
    env = env_for_subprocess()
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland systems")
def test_without_a_display_the_app_says_so_before_qt_can_abort(tmp_path: Path) -> None:
    faults = failures = 0
    unused = next(n for n in range(4242, 4342) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    cases = {
        "no DISPLAY": {},
        "QT_QPA_PLATFORM=xcb": {"QT_QPA_PLATFORM": "xcb"},
        "nobody at DISPLAY": {"DISPLAY": f":{unused}"},
        "a Wayland socket that is not there": {
            "WAYLAND_DISPLAY": "wayland-none",
            "XDG_RUNTIME_DIR": str(tmp_path),
        },
    }
    for name, extra in cases.items():
        data_dir = tmp_path / name.replace(" ", "-")
        proc = clerk_desk(data_dir, env={**_no_display_env(), **extra})
        faults += 1
        if not (
            proc.returncode == 1
            and "display" in proc.stderr
            and "xvfb-run -a clerk-desk" in proc.stderr
            and "qt.qpa" not in proc.stderr
            and "Aborted" not in proc.stderr
            and not data_dir.exists()  # nothing was set up
        ):
            failures += 1
            print(f"{name}: exit {proc.returncode}, stderr {proc.stderr!r}")
    print(f"no display at start: {faults} tries, {failures} failures")
    assert failures == 0
    # The commands need no display.
    assert clerk_desk(tmp_path / "cmd", "info", env=_no_display_env()).returncode == 0


def test_display_problem_knows_the_headless_platforms_and_the_other_systems(tmp_path: Path) -> None:
    problem = diagnostics.display_problem
    assert problem({}, "linux") is not None
    assert "xvfb-run -a clerk-desk" in (problem({}, "linux") or "")
    assert problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert problem({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux") is None
    assert problem({"QT_QPA_PLATFORM": "wayland;offscreen"}, "linux") is None
    assert problem({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}, "linux") is not None
    assert problem({}, "win32") is None and problem({}, "darwin") is None
    socket_path = tmp_path / "wayland-1"
    socket_path.touch()
    assert problem({"WAYLAND_DISPLAY": str(socket_path)}, "linux") is None
    assert (
        problem({"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": str(tmp_path)}, "linux") is None
    )
    assert problem({"DISPLAY": "weird display name"}, "linux") is None  # unsure: let Qt try
