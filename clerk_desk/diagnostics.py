"""Field diagnostics: the log file, what it must never hold, and the last-resort hooks.

A county technician asked "what happened at the Guocang window on Tuesday?"
reads ``logs/clerk-desk.log`` in the data directory:

- a start line with the versions (ClerkDesk, Python, SQLite, SQLAlchemy, the
  platform; the desktop app adds Qt and PySide6), the command that ran,
  warnings, errors, refusals (as their templates), and every unexpected
  exception with its traceback;
- ``faulthandler``'s dump when the process dies in native code (Qt, SQLite);
- no ID numbers, phone numbers or names. Our own log calls pass templates
  and ids, never a person's values; a :class:`ClerkDeskError` is logged as its
  template and the *names* of its parameters (:func:`describe_error`); and
  :class:`RedactingFilter` removes what slips through anyway (an ID number
  in a library's message, SQL parameters, any Chinese or other non-ASCII text:
  names are written in it, and a log has no other reason to carry it).

The file is rotated by size (1 MB x 5), created 0600 in a 0700 directory.
Several processes (the app and a CLI command) may write to it; each rotates
on its own, which can cost a few lines around a rotation, never the store.

Nothing here imports Qt: the CLI and the app share it, and the app adds its
dialog with :func:`install_excepthooks`'s ``on_exception``.
"""

from __future__ import annotations

import contextlib
import faulthandler
import importlib.metadata
import io
import logging
import os
import platform
import re
import socket
import sqlite3
import sys
import threading
import traceback
from collections.abc import Callable, Mapping
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from clerk_desk.errors import ClerkDeskError

LOG_DIRNAME = "logs"
LOG_FILENAME = "clerk-desk.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5
DIR_MODE = 0o700
FILE_MODE = 0o600

FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"

log = logging.getLogger(__name__)


def log_path(data_dir: Path) -> Path:
    """Where the log of ``data_dir`` is written."""
    return data_dir / LOG_DIRNAME / LOG_FILENAME


def clerk_desk_version() -> str:
    """The installed distribution's version (the package's own when run from a checkout)."""
    try:
        return importlib.metadata.version("clerk-desk")
    except importlib.metadata.PackageNotFoundError:
        from clerk_desk import __version__

        return __version__


def versions() -> dict[str, str]:
    """What the start line names: ClerkDesk, Python, SQLite, SQLAlchemy and the platform."""
    import sqlalchemy

    return {
        "ClerkDesk": clerk_desk_version(),
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "SQLAlchemy": sqlalchemy.__version__,
        "platform": platform.platform(),
    }


# --- what the log must never hold -------------------------------------------------------------

# Resident ID numbers: 18 characters (17 digits and a digit or X) or the old 15 digits, also
# written in groups (6-8-4). Tracking numbers have 13 or 16 digits: they stay.
_ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])(?:\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx]|\d{15})(?![0-9A-Za-z])"
)
# Mainland mobiles (optionally +86, grouped 3-4-4) and landlines with their area code.
_PHONE = re.compile(
    r"(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ -]?)?(?:1[3-9]\d[ -]?\d{4}[ -]?\d{4}|0\d{2,3}-\d{7,8})"
    r"(?![0-9A-Za-z])"
)
# SQLAlchemy puts a failed statement's values in its message; they are a person's values.
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\n|$)", re.DOTALL)
# Names are written in Chinese (or another script); the log has no other use for non-ASCII text.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")

REDACTED_ID = "[id-number]"
REDACTED_PHONE = "[phone]"
REDACTED_TEXT = "[text]"
REDACTED_PARAMETERS = "[parameters: redacted]"


def redact(text: str) -> str:
    """``text`` without ID numbers, phone numbers, SQL parameters or non-ASCII text."""
    text = _SQL_PARAMETERS.sub(REDACTED_PARAMETERS, text)
    text = _NON_ASCII.sub(REDACTED_TEXT, text)
    text = _ID_NUMBER.sub(REDACTED_ID, text)
    return _PHONE.sub(REDACTED_PHONE, text)


def _type_name(exc: BaseException, *, qualified: bool) -> str:
    kind = type(exc)
    if not qualified or kind.__module__ == "builtins":
        return kind.__name__
    return f"{kind.__module__}.{kind.__qualname__}"


def describe_error(exc: BaseException, *, qualified: bool = False) -> str:
    """An error as the log may hold it: a ClerkDeskError as its template and parameter names.

    ``RuleViolation: case {number} cannot be accepted: missing {materials} (number, materials)``
    says which message the clerk saw without the values they saw in it.
    Other exceptions keep their text (it is redacted like every line).
    ``qualified`` names the type with its module (``sqlalchemy.exc.OperationalError``).
    """
    name = _type_name(exc, qualified=qualified)
    if isinstance(exc, ClerkDeskError):
        where = getattr(exc, "where", None)
        text = f"{where}: {exc.template}" if isinstance(where, str) else exc.template
        params = f" ({', '.join(sorted(exc.params))})" if exc.params else ""
        return f"{name}: {text}{params}"
    text = str(exc)
    return f"{name}: {text}" if text else name


def format_exception(exc: BaseException) -> str:
    """The traceback of ``exc`` and its causes, each ClerkDeskError as :func:`describe_error`."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, "direct cause"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, "context"
        else:
            current = None
    parts: list[str] = []
    for item, link in reversed(chain):
        if item.__traceback__ is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(item.__traceback__))
        parts.append(describe_error(item, qualified=True) + "\n")
        if link == "direct cause":
            parts.append(
                "\nThe above exception was the direct cause of the following exception:\n\n"
            )
        elif link == "context":
            parts.append(
                "\nDuring handling of the above exception, another exception occurred:\n\n"
            )
    return "".join(parts).rstrip("\n")


class RedactingFilter(logging.Filter):
    """Makes a record fit for the log file: values out, tracebacks with templates.

    The message is formatted and redacted (:func:`redact`), the traceback is
    formatted with :func:`format_exception` and redacted too. A traceback
    already written (the same exception logged by the task runner and by the
    widget that asked) is written once; the second record refers to it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string in some library: keep the template
            message = f"{record.msg!s} (unformattable arguments)"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            if getattr(exc, "_clerk_desk_logged", False):
                record.exc_text = f"(traceback of this {type(exc).__name__} logged above)"
            else:
                record.exc_text = redact(format_exception(exc))
                with contextlib.suppress(AttributeError, TypeError):
                    exc._clerk_desk_logged = True  # type: ignore[attr-defined]
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _RedactingFormatter(logging.Formatter):
    """The last word: whatever reaches the file is redacted once more.

    Times are local ISO 8601 with their offset (a Windows strftime("%z") may
    give the zone's name in the system's language instead).
    """

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return (
            datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds")
        )

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


# --- the file ---------------------------------------------------------------------------------


def _open_private(path: Path) -> io.TextIOWrapper:
    """``path`` opened for appending, created 0600 whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    if hasattr(os, "fchmod"):
        with contextlib.suppress(OSError):
            os.fchmod(fd, FILE_MODE)  # made earlier with a wider mode
    return os.fdopen(fd, "a", encoding="utf-8", errors="backslashreplace")


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files are 0600 and whose failures never reach the clerk.

    ``rotated`` is called after each rotation (faulthandler follows the file).
    """

    def __init__(self, path: Path) -> None:
        self.rotated: Callable[[], None] | None = None
        self.failures = 0
        super().__init__(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
        )

    def _open(self) -> io.TextIOWrapper:
        return _open_private(Path(self.baseFilename))

    def doRollover(self) -> None:
        super().doRollover()
        if self.rotated is not None:
            self.rotated()

    def handleError(self, record: logging.LogRecord) -> None:
        # A full disk or a file another process holds (Windows) must not print
        # "--- Logging error ---" tracebacks on the clerk's console.
        self.failures += 1


class _State:
    """The process's diagnostics: one log file, one faulthandler file, the hooks' listeners."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.fault_lock = threading.Lock()
        self.handler: PrivateRotatingFileHandler | None = None
        self.path: Path | None = None
        self.fault_file: IO[str] | None = None
        self.old_fault_files: list[IO[str]] = []
        self.hooks_installed = False
        self.faults_wanted = False
        self.previous_hooks: tuple[Any, Any, Any] | None = None
        self.listeners: list[Callable[[BaseException], None]] = []


_state = _State()


def current_log_path() -> Path | None:
    """The file this process logs to, or None while it logs nowhere."""
    return _state.path


def log_write_failures() -> int:
    """How many records the log file failed to take (a full disk...) since it was opened."""
    return _state.handler.failures if _state.handler is not None else 0


def setup_logging(data_dir: Path, *, command: str = "") -> Path | None:
    """Log to ``data_dir``'s ``logs/clerk-desk.log``; returns its path (None: it cannot be).

    The first line names the versions and the ``command`` (never its
    arguments: those may be a person's name); a process already logging
    there logs the command alone.

    Idempotent: a second call for the same directory does nothing; a call
    for another one (tests, a second CLI call in one process) moves the log
    there. ``data_dir`` itself is not created here: the store's opening does
    that, and decides what a new directory means. A directory where no log
    can be written (read-only, not there yet) leaves logging as it was.
    """
    path = log_path(data_dir).absolute()
    with _state.lock:
        if _state.handler is not None and _state.path == path:
            if command:
                log.info("command: %s", command)
            return path
        try:
            if not data_dir.is_dir():
                return None
            logs = path.parent
            logs.mkdir(mode=DIR_MODE, exist_ok=True)
            if os.name == "posix":
                os.chmod(logs, DIR_MODE)  # made by an earlier version, or under a wide umask
            handler = PrivateRotatingFileHandler(path)
            handler.stream = handler._open()  # fail here, not at the first record
        except OSError:
            return None
        handler.setLevel(logging.INFO)
        handler.addFilter(RedactingFilter())
        handler.setFormatter(_RedactingFormatter(FORMAT))
        handler.rotated = _follow_rotation
        root = logging.getLogger()
        if _state.handler is not None:
            root.removeHandler(_state.handler)
            _state.handler.close()
        root.addHandler(handler)
        # Our own INFO lines; others' from WARNING on. SQLAlchemy's INFO would be every
        # statement with its values: it is held at WARNING whatever the root level is.
        logging.getLogger("clerk_desk").setLevel(logging.INFO)
        # Alembic's "Running upgrade ..." is useful; its plugin set-up chatter is not.
        logging.getLogger("alembic").setLevel(logging.WARNING)
        logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)
        logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
        if root.level > logging.WARNING or root.level == logging.NOTSET:
            root.setLevel(logging.WARNING)
        _state.handler, _state.path = handler, path
        if _state.faults_wanted:
            _enable_faulthandler()
    log.info(
        "ClerkDesk %s start%s: %s",
        clerk_desk_version(),
        f" ({command})" if command else "",
        ", ".join(f"{k} {v}" for k, v in versions().items() if k != "ClerkDesk"),
    )
    return path


def _follow_rotation() -> None:
    if _state.faults_wanted:
        _enable_faulthandler()


def _enable_faulthandler() -> None:
    """Point faulthandler at the current log file (opened again: after a rotation, the new one).

    faulthandler writes to the file descriptor when the process dies, so the
    file object stays open for the life of the process; an earlier one is
    kept too (it is cheap, and closing it could hand its descriptor number
    to another file that a late fault would then overwrite).
    """
    # Its own lock: a rotation calls this holding the handler's lock, and setup_logging
    # closes a handler holding _state.lock.
    with _state.fault_lock:
        if _state.path is None:
            return
        try:
            new = _open_private(_state.path)
        except OSError:
            return
        faulthandler.enable(file=new, all_threads=True)
        if _state.fault_file is not None:
            _state.old_fault_files.append(_state.fault_file)
        _state.fault_file = new


# --- the last-resort hooks --------------------------------------------------------------------


def install_excepthooks(
    on_exception: Callable[[BaseException], None] | None = None, *, faults: bool = True
) -> None:
    """Send unexpected exceptions and native crashes of this process to the log.

    - ``sys.excepthook`` (also what PySide6 calls for an exception in a slot
      or a virtual method) and ``threading.excepthook`` write the traceback
      to the log, then call ``on_exception`` (the app's dialog); the process
      goes on where it can. Without a log file they print as Python would.
    - ``sys.unraisablehook`` (an error in ``__del__``) is logged as a warning.
    - with ``faults``, ``faulthandler`` writes to the log file (see
      :func:`_enable_faulthandler`), now or as soon as there is one.

    Call it once per process, for a process of our own (not inside a test
    runner, whose hooks it would replace). Further calls only add listeners.
    """
    with _state.lock:
        if on_exception is not None:
            _state.listeners.append(on_exception)
        if _state.hooks_installed:
            return
        _state.hooks_installed = True
        _state.faults_wanted = faults
        previous_hook = sys.excepthook
        previous_thread_hook = threading.excepthook
        previous_unraisable_hook = sys.unraisablehook
        _state.previous_hooks = (previous_hook, previous_thread_hook, previous_unraisable_hook)

        def excepthook(
            kind: type[BaseException], value: BaseException, tb: TracebackType | None
        ) -> None:
            if issubclass(kind, KeyboardInterrupt) or not _report(value, "unexpected exception"):
                previous_hook(kind, value, tb)

        def thread_hook(args: threading.ExceptHookArgs) -> None:
            value = args.exc_value
            if value is None or isinstance(value, SystemExit):
                return
            name = args.thread.name if args.thread is not None else "?"
            if not _report(value, f"unexpected exception in thread {name}"):
                previous_thread_hook(args)

        def unraisable_hook(args: Any) -> None:
            if _state.handler is None or args.exc_value is None:
                previous_unraisable_hook(args)
                return
            log.warning(
                "exception ignored in %s",
                type(args.object).__name__,
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )

        sys.excepthook = excepthook
        threading.excepthook = thread_hook
        sys.unraisablehook = unraisable_hook
        if faults:
            _enable_faulthandler()


def uninstall_excepthooks() -> None:
    """Put back the hooks :func:`install_excepthooks` replaced (tests), and forget the listeners.

    faulthandler is left as it is: the file it writes to stays open.
    """
    with _state.lock:
        if _state.previous_hooks is not None:
            sys.excepthook, threading.excepthook, sys.unraisablehook = _state.previous_hooks
        _state.previous_hooks = None
        _state.hooks_installed = False
        _state.faults_wanted = False
        _state.listeners.clear()


def stop_logging() -> None:
    """Stop writing to the log file (tests; a process that moves to another data directory)."""
    with _state.lock:
        if _state.handler is not None:
            logging.getLogger().removeHandler(_state.handler)
            _state.handler.close()
        _state.handler, _state.path = None, None


def _report(value: BaseException, what: str) -> bool:
    """Log ``value`` and tell the listeners; False when there is no log to write to."""
    logged = _state.handler is not None
    if logged:
        log.critical("%s", what, exc_info=(type(value), value, value.__traceback__))
    for listener in list(_state.listeners):
        try:
            listener(value)
        except Exception as exc:  # the dialog itself failed: the log has the first error
            log.error("exception listener failed", exc_info=exc)
    return logged


def remove_exception_listener(listener: Callable[[BaseException], None]) -> None:
    with _state.lock, contextlib.suppress(ValueError):
        _state.listeners.remove(listener)


# --- no display -------------------------------------------------------------------------------

# Qt platform plugins that draw without an X server or a Wayland compositor.
HEADLESS_PLATFORMS = frozenset(
    {"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay", "directfb"}
)

NO_DISPLAY_HELP = (
    "run the desktop app in a graphical session, or under a virtual display: "
    "xvfb-run -a clerk-desk (Debian/Ubuntu: apt-get install xvfb). "
    "The commands (clerk-desk info, clerk-desk --help) need no display."
)


def display_problem(
    environ: Mapping[str, str] | None = None, system: str | None = None
) -> str | None:
    """Why the desktop app cannot open a window here, or None when it can (as far as we see).

    Qt aborts the process ("could not connect to display") with a message a
    clerk cannot act on, so the CLI asks first. Only X11 and Wayland systems
    are checked; Windows and macOS always have their display.
    """
    env = os.environ if environ is None else environ
    system = sys.platform if system is None else system
    if system.startswith(("win", "darwin", "cygwin")):
        return None
    wanted = [p.split(":")[0].strip() for p in env.get("QT_QPA_PLATFORM", "").split(";")]
    wanted = [p for p in wanted if p]
    if any(p in HEADLESS_PLATFORMS for p in wanted):
        return None
    x11 = env.get("DISPLAY", "")
    wayland = env.get("WAYLAND_DISPLAY", "")
    wants_x = not wanted or "xcb" in wanted
    wants_wayland = not wanted or any(p.startswith("wayland") for p in wanted)
    usable = (wants_x and bool(x11)) or (wants_wayland and bool(wayland))
    if not usable:
        if wanted and not (wants_x or wants_wayland):
            return None  # a platform plugin we do not know: let Qt decide
        names = " and ".join(
            n
            for n, wanted_too in (("DISPLAY", wants_x), ("WAYLAND_DISPLAY", wants_wayland))
            if wanted_too
        )
        return f"no display: {names} not set; {NO_DISPLAY_HELP}"
    if wants_wayland and wayland and _wayland_reachable(wayland, env):
        return None
    if wants_x and x11:
        if _x11_reachable(x11):
            return None
        return f"cannot connect to the display {x11!r}; {NO_DISPLAY_HELP}"
    return f"cannot connect to the Wayland display {wayland!r}; {NO_DISPLAY_HELP}"


def _wayland_reachable(name: str, env: Mapping[str, str]) -> bool:
    path = Path(name) if name.startswith("/") else Path(env.get("XDG_RUNTIME_DIR", "")) / name
    return path.exists()


def _x11_reachable(display: str, timeout: float = 2.0) -> bool:
    """Whether something listens at ``display`` (``[host]:N[.screen]``). Unsure means yes."""
    match = re.fullmatch(r"(?:[a-z]+/)?(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?", display)
    if match is None:
        return True  # a form we do not parse (launchd paths...): let Qt try
    host, number = match["host"], int(match["number"])
    if host.startswith("/"):
        return Path(host).exists()
    try:
        if host in ("", "unix"):
            addresses = [f"/tmp/.X11-unix/X{number}"]
            if sys.platform.startswith("linux"):
                addresses.insert(0, f"\0/tmp/.X11-unix/X{number}")  # the abstract socket
            for address in addresses:
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                    s.settimeout(timeout)
                    try:
                        s.connect(address)
                    except OSError:
                        continue
                    return True
            return False
        with socket.create_connection((host, 6000 + number), timeout=timeout):
            return True
    except OSError:
        return False
    except Exception:
        return True
