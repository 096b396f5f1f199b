"""Kill harness: real work in a process that the tests SIGKILL at random moments.

Run as a script, it is a *zygote*: it imports the app and loads the fonts
once, then forks a worker for each ``go SEED`` line on stdin and answers
``pid N``; ``reap N`` waits for that worker and answers ``status S`` (the
wait status: -9 means it was killed). A worker opens the store as a start
does (``Desk.open``, ``Desk.recover``) and does counter work until killed:
intakes to every outcome with their documents issued and printed to the
folder printers of the settings, reprints, and village agents' handover
lists received at the township. Forking keeps each round at a few
milliseconds of start-up instead of a second of imports, so a test can kill
a hundred workers in well under a minute.

``check(data_dir)`` opens the store as the next start does and returns every
inconsistency it finds (an empty list: consistent).

Used by tests/test_kills.py and tests/test_print_recovery.py.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.errors import ClerkDeskError
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.identity_numbers import resident_id_check_char
from clerk_desk.intake import Proxy
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.lifecycle import CaseState
from clerk_desk.models import (
    AuditEntry,
    Case,
    CaseEvent,
    Document,
    DocumentSerial,
    HandoverBatch,
    OutboxEntry,
    PrintAttempt,
)
from clerk_desk.printing.printers import TEMP_PREFIX, FolderPrinter

LOW_INCOME = "370830104-MZ-001"  # tolerant acceptance allowed
KEY = ["id_card", "hukou", "app_form", "income", "consent"]
NO = {"has_disabled_member": False, "has_serious_illness": False, "divorced": False}
AGENT_LOGIN = "killagent"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ)


def clock() -> FixedClock:
    return FixedClock(NOW)


def prepare(data_dir: Path) -> tuple[Path, Path]:
    """A set-up terminal with remedy bodies, a village agent and two folder printers."""
    a4, roll = data_dir / "printouts" / "a4", data_dir / "printouts" / "roll80"
    desk = Desk.open(data_dir, clock=clock())
    try:
        ensure_ready(desk)
        desk.change_settings(
            {
                "reconsideration_body": "汶上县人民政府",
                "court": "汶上县人民法院",
                "printer": f"folder:{a4}",
                "roll_printer": f"folder:{roll}",
            },
            actor_id=SYSTEM_ACTOR,
        )
        desk.staff.create(
            actor_id=SYSTEM_ACTOR,
            login=AGENT_LOGIN,
            name="赵代办",
            role="agent",
            village="东关村代办点",
        )
    finally:
        desk.close()
    return a4, roll


# -- the worker -----------------------------------------------------------------


def _resident_id(rng: random.Random) -> str:
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(15000))
    body = f"370830{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + resident_id_check_char(body)


def _print_all(desk: Desk, staff_id: str, doc_ids: list[str], layouts: dict[str, str]) -> None:
    settings = desk.settings()
    for doc_id in doc_ids:
        setting = settings.printer_for(layouts[doc_id])
        printer = FolderPrinter(Path(setting.partition(":")[2]))
        desk.documents.print_document(doc_id, staff_id=staff_id, printer=printer)


def _one_case(desk: Desk, rng: random.Random, clerk_id: str, agent_id: str) -> None:
    applicant = desk.applicants.register_person(
        actor_id=clerk_id, name="王䶮", id_number=_resident_id(rng), phone="13812345678"
    )
    outcome = rng.choice(["accept", "tolerant", "notice", "reject", "agent"])
    if outcome == "agent":
        case = desk.intake.start(
            clerk_id=agent_id,
            item_code=LOW_INCOME,
            applicant_id=applicant.id,
            proxy=Proxy(None, "代办委托书"),
        )
        desk.intake.answer(case_id=case.id, clerk_id=agent_id, answers=NO)
        desk.intake.mark(
            case_id=case.id, clerk_id=agent_id, received=[*KEY, "proxy_letter", "proxy_id"]
        )
        desk.intake.collect(case_id=case.id, clerk_id=agent_id, village_point="东关村代办点")
        docs = desk.documents.issue_for_case(case.id, staff_id=agent_id)
        _print_all(desk, agent_id, [d.id for d in docs], {d.id: d.layout for d in docs})
        batch, listing = desk.handover.create_batch(
            agent_id=agent_id, case_ids=[case.id], village_point="东关村代办点"
        )
        _print_all(desk, agent_id, [listing.id], {listing.id: listing.layout})
        desk.handover.receive(batch_number=batch.batch_number, clerk_id=clerk_id)
        desk.intake.accept(case_id=case.id, clerk_id=clerk_id)
    else:
        case = desk.intake.start(clerk_id=clerk_id, item_code=LOW_INCOME, applicant_id=applicant.id)
        answers = {**NO, "has_serious_illness": outcome == "tolerant"}
        desk.intake.answer(case_id=case.id, clerk_id=clerk_id, answers=answers)
        if outcome == "accept":
            desk.intake.mark(case_id=case.id, clerk_id=clerk_id, received=KEY)
            desk.intake.accept(case_id=case.id, clerk_id=clerk_id)
        elif outcome == "tolerant":
            desk.intake.mark(case_id=case.id, clerk_id=clerk_id, received=KEY, missing=["medical"])
            desk.intake.tolerant_accept(
                case_id=case.id, clerk_id=clerk_id, promise_date=date(2026, 12, 4)
            )
        elif outcome == "notice":
            desk.intake.mark(
                case_id=case.id, clerk_id=clerk_id, received=KEY[:-1], missing=["consent"]
            )
            desk.intake.issue_notice(case_id=case.id, clerk_id=clerk_id)
        else:
            desk.intake.mark(case_id=case.id, clerk_id=clerk_id, received=KEY)
            desk.intake.reject(
                case_id=case.id,
                clerk_id=clerk_id,
                reason="申请人不符合申请条件",
                legal_basis="《最低生活保障审核确认办法》第二条",
            )
    docs = desk.documents.issue_for_case(case.id, staff_id=clerk_id)
    ids = [d.id for d in docs]
    layouts = {d.id: d.layout for d in docs}
    if docs and rng.random() < 0.3:
        copy = desk.documents.reprint(docs[0].id, staff_id=clerk_id)
        ids.append(copy.id)
        layouts[copy.id] = copy.layout
    _print_all(desk, clerk_id, ids, layouts)


def work(data_dir: Path, seed: int, rounds: int = 1_000_000) -> None:
    """A start, then counter work until killed (or ``rounds`` cases)."""
    from clerk_desk.printing.documents import DocumentRenderer

    rng = random.Random(seed)
    desk = Desk.open(data_dir, clock=clock())
    desk._renderer = _RENDERER or DocumentRenderer()  # the zygote's fonts, loaded once
    desk.recover()
    clerk = desk.staff.by_login(DEMO_LOGIN)
    agent = desk.staff.by_login(AGENT_LOGIN)
    assert clerk is not None and agent is not None
    for _ in range(rounds):
        # A refusal (a clashing ID number) writes nothing: go on.
        with contextlib.suppress(ClerkDeskError):
            _one_case(desk, rng, clerk.id, agent.id)
    desk.close()


_RENDERER = None


def zygote(data_dir: Path) -> None:
    global _RENDERER
    from clerk_desk.printing.documents import DocumentRenderer

    _RENDERER = DocumentRenderer()
    # Warm up on a scratch store: every kind of document rendered once, so the
    # workers' time goes to the work (fonts load on first use). Everything is
    # closed before the first fork.
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        prepare(Path(scratch))
        work(Path(scratch), 0, rounds=12)
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        if cmd == "go":
            pid = os.fork()
            if pid == 0:
                try:
                    sys.stdin.close()
                    work(data_dir, int(arg))
                    os._exit(0)
                except BaseException:
                    import traceback

                    traceback.print_exc()
                    os._exit(70)
            out.write(f"pid {pid}\n")
        elif cmd == "reap":
            _, status = os.waitpid(int(arg), 0)
            code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            out.write(f"status {code}\n")
        elif cmd == "quit":
            break
        out.flush()


class ZygoteProcess:
    """The parent's side of a zygote: ``go SEED`` forks a worker (``pid N``), ``reap PID``
    waits for it (``status N``: negative for a signal), ``quit`` ends the zygote.

    Shared by the store's kill tests (:class:`Zygote`) and the sync's
    (``support.faults.SyncZygote``).
    """

    def __init__(self, argv: list[str], pythonpath: list[str]) -> None:
        import subprocess

        env = {**os.environ, "PYTHONPATH": os.pathsep.join(pythonpath)}
        self.proc = subprocess.Popen(
            [sys.executable, *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self._read() == "ready"

    def _read(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def _send(self, line: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self._read()

    def start(self, seed: int) -> int:
        answer = self._send(f"go {seed}")
        assert answer.startswith("pid "), answer
        return int(answer[4:])

    def reap(self, pid: int) -> int:
        answer = self._send(f"reap {pid}")
        assert answer.startswith("status "), answer
        return int(answer[7:])

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=30)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()


class Zygote(ZygoteProcess):
    """The test's handle on a zygote process."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__([__file__, str(data_dir)], sys.path)

    def kill_after(self, seed: int, delay: float) -> bool:
        """Start a worker, SIGKILL it after ``delay`` s; True if it was killed while working."""
        import time

        pid = self.start(seed)
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        status = self.reap(pid)
        if status not in (-signal.SIGKILL, 0):
            raise AssertionError(f"worker {pid} ended with status {status}")
        return status == -signal.SIGKILL


# -- the checks -------------------------------------------------------------------


def _diff(a: Counter, b: Counter) -> list:  # type: ignore[type-arg]
    """What one count has and the other lacks (a few)."""
    return list(((a - b) + (b - a)).items())[:5]


def check(data_dir: Path, folders: list[Path]) -> list[str]:
    """Open the store as the next start does; every inconsistency found, in words."""
    problems: list[str] = []
    db = data_dir / "clerk_desk.sqlite3"
    desk = Desk.open(data_dir, clock=clock())
    try:
        desk.recover()
        with sqlite3.connect(db) as raw:
            result = raw.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            problems.append(f"integrity_check: {result[:5]}")
        report = desk.verify_audit()
        if not report.ok:
            problems.append(f"audit chain: {report.problems[:5]}")
        with desk.store.read() as s:
            problems += _case_steps(s)
            problems += _outcome_documents(s)
            problems += _serials(s)
            problems += _prints(s, folders)
            batches = s.scalar(
                select(func.count())
                .select_from(HandoverBatch)
                .outerjoin(Document, Document.id == HandoverBatch.document_id)
                .where(Document.id.is_(None))
            )
            if batches:
                problems.append(f"{batches} handover batch(es) without their list")
    finally:
        desk.close()
    return problems


def _case_steps(s) -> list[str]:  # type: ignore[no-untyped-def]
    """Every case step has its audit entry and its outbox entry, and nothing else does."""
    import json

    steps = Counter((e.case_id, e.seq, f"case.{e.action}") for e in s.scalars(select(CaseEvent)))
    audited: Counter[tuple[str, int, str]] = Counter()
    for a in s.scalars(select(AuditEntry).where(AuditEntry.entity == "case")):
        audited[(a.entity_id, json.loads(a.payload)["event"]["seq"], a.action)] += 1
    queued: Counter[tuple[str, int, str]] = Counter()
    for o in s.scalars(select(OutboxEntry).where(OutboxEntry.entity == "case")):
        queued[(o.entity_id, o.payload["event"]["seq"], o.operation)] += 1
    problems = []
    if steps != audited:
        problems.append(f"case steps vs audit: {_diff(steps, audited)}")
    if steps != queued:
        problems.append(f"case steps vs outbox: {_diff(steps, queued)}")
    last = {}
    for e in s.scalars(select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.seq)):
        last[e.case_id] = e.to_state
    for case in s.scalars(select(Case)):
        if last.get(case.id) != case.state:
            problems.append(
                f"case {case.tracking_number}: state {case.state}, last step {last.get(case.id)}"
            )
    numbers = s.scalars(select(Case.tracking_number)).all()
    if len(numbers) != len(set(numbers)):
        problems.append("a tracking number used twice")
    return problems


# The original each state's case must have (made with the outcome, in its transaction).
_STATE_DOCUMENT = {
    CaseState.ACCEPTED.value: "acceptance_notice",
    CaseState.TOLERANT_ACCEPTED.value: "tolerant_promise",
    CaseState.NOTICE_ISSUED.value: "one_time_notice",
    CaseState.REJECTED.value: "rejection_notice",
    CaseState.COLLECTED.value: "agent_receipt",
}


def _outcome_documents(s) -> list[str]:  # type: ignore[no-untyped-def]
    have = {
        (d.case_id, d.kind)
        for d in s.execute(select(Document.case_id, Document.kind).where(Document.reprint == 0))
    }
    problems = []
    for case in s.scalars(select(Case)):
        kind = _STATE_DOCUMENT.get(case.state)
        if kind and (case.id, kind) not in have:
            problems.append(f"case {case.tracking_number} is {case.state} without its {kind}")
    return problems


def _serials(s) -> list[str]:  # type: ignore[no-untyped-def]
    """The originals' 文书编号 are exactly 1..last of each counter: unique and gapless."""
    from clerk_desk.case_documents import format_serial

    expected: Counter[str] = Counter()
    for c in s.scalars(select(DocumentSerial)):
        for n in range(1, c.last + 1):
            expected[format_serial(c.prefix, c.kind, c.year, n)] += 1
    kept = Counter(
        s.scalars(
            select(Document.serial).where(Document.reprint == 0, Document.serial.is_not(None))
        )
    )
    if kept != expected:
        return [f"document serials: {_diff(kept, expected)}"]
    return []


def _prints(s, folders: list[Path]) -> list[str]:  # type: ignore[no-untyped-def]
    """Every PDF in a printer folder has its completed print record; no temporary file."""
    problems = []
    attempts = s.scalars(select(PrintAttempt)).all()
    sending = [a.id for a in attempts if a.status == "sending"]
    if sending:
        problems.append(f"{len(sending)} print attempt(s) still sending after a start")
    claimed = Counter(
        (a.printer, a.job) for a in attempts if a.status == "done" and a.job is not None
    )
    for key, n in claimed.items():
        if n > 1:
            problems.append(f"one file claimed by {n} attempts: {key}")
    for folder in folders:
        if not folder.is_dir():
            continue
        for f in folder.iterdir():
            if f.name.startswith(TEMP_PREFIX):
                problems.append(f"temporary print file left: {f}")
            elif (f"folder:{folder}", f.name) not in claimed:
                problems.append(f"PDF without a print record: {f}")
    for (printer, job), _ in claimed.items():
        folder = Path(printer.partition(":")[2])
        if not (folder / job).is_file():
            problems.append(f"print record of a file not in its folder: {folder / job}")
    counts = Counter(a.document_id for a in attempts if a.status in ("done", "queued"))
    for doc_id, printed in s.execute(select(Document.id, Document.print_count)):
        if printed != counts.get(doc_id, 0):
            problems.append(f"document {doc_id}: print_count {printed}, completed {counts[doc_id]}")
    audited = Counter(
        a.entity_id
        for a in s.scalars(
            select(AuditEntry).where(
                AuditEntry.action.in_(["document.printed", "document.sent_to_queue"])
            )
        )
    )
    if audited != +counts:  # + drops the zeros
        problems.append(f"prints vs audit: {_diff(audited, counts)}")
    return problems


if __name__ == "__main__":
    zygote(Path(sys.argv[1]))
