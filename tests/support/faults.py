"""Tools of the fault-injection tests (tests/central/test_faults_*.py).

ServerProcess   ``clerk-central serve`` in its own process group on a fixed port:
                SIGKILL it at any moment and start it again on the same address.
CutProxy        a TCP forwarder between a terminal and the server that passes each
                request on and, at a seeded rate, cuts the terminal's connection
                when the server's answer starts (the server has committed: the
                answer is built after the commit), or adds delay.
SyncZygote      a process that imports ClerkDesk once and forks one
                ``clerk-desk sync run`` (``clerk_desk.cli.main``) per round, so a
                test can SIGKILL a real sync process hundreds of times a minute
                (the pattern of tests/support/kill_harness.py).
Terminal        a real terminal store in a data directory, enrolled with the server.
record()        one line per fault class: ``FAULT <class> tries=N failures=M``
                (scripts/soak.py reads them into its table).

Run as a script (``python tests/support/faults.py zygote DATA_DIR``) it is the zygote.
"""

from __future__ import annotations

import contextlib
import os
import random
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from support.kill_harness import ZygoteProcess

REPO = Path(__file__).resolve().parents[2]
LOW_INCOME = "370830104-MZ-001"
KEY = ["id_card", "hukou", "app_form", "income", "consent"]
NO = {"has_disabled_member": False, "has_serious_illness": False, "divorced": False}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def record(fault: str, tries: int, failures: int, extra: str = "") -> None:
    """The line a fault class prints; scripts/soak.py collects them into its table."""
    print(f"FAULT {fault} tries={tries} failures={failures} {extra}".rstrip(), flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- the server as a process ------------------------------------------------------------------


class ServerProcess:
    """``clerk-central serve`` on ``host:port``; ``kill()`` is a SIGKILL of its process group."""

    def __init__(
        self,
        database_url: str,
        log: Path,
        *,
        workers: int = 1,
        host: str = "127.0.0.1",
        port: int | None = None,
        prefix: tuple[str, ...] = (),
    ) -> None:
        self.database_url = database_url
        self.log = log
        self.workers = workers
        self.host = host
        self.port = port or free_port()
        self.prefix = prefix
        self.base = f"http://{host}:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self, timeout: float = 60) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), *sys.path])}
        with self.log.open("a") as out:
            self.proc = subprocess.Popen(
                [
                    *self.prefix,
                    sys.executable,
                    "-m",
                    "clerk_central.cli",
                    "serve",
                    "--host",
                    self.host,
                    "--port",
                    str(self.port),
                    "--workers",
                    str(self.workers),
                    "--database-url",
                    self.database_url,
                ],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own group: kill() takes its workers too
            )
        self.starts += 1
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{self.base}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {self.log.read_text()[-2000:]}")
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL, as a power cut or the OOM killer would: no shutdown of any kind."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)
        self.proc = None

    def stop(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.kill()
        self.proc = None


# -- a forwarder that cuts answers ------------------------------------------------------------


class CutProxy:
    """127.0.0.1:port → upstream, cutting answers after the server committed.

    For each answer the server starts to send (the first bytes from upstream after
    the terminal sent a request), with probability ``cut_rate`` (seeded) the
    connection is closed on both sides before a byte reaches the terminal.
    ``delay`` seconds (plus up to ``jitter``) are added before each request is
    passed on. ``on_answer(n)`` is called after the n-th answer was passed on
    in full; ``before_request(n)`` before the n-th request (counted over all
    connections, from 1) is passed on (a test hook: revoke a terminal mid-sync).
    ``cut_all`` cuts every answer.
    """

    def __init__(
        self,
        upstream: tuple[str, int],
        *,
        seed: int = 0,
        cut_rate: float = 0.0,
        delay: float = 0.0,
        jitter: float = 0.0,
        listen: tuple[str, int] = ("127.0.0.1", 0),
    ) -> None:
        self.upstream = upstream
        self.rng = random.Random(seed)
        self.cut_rate = cut_rate
        self.delay = delay
        self.jitter = jitter
        self.cut_all = False
        self.on_answer: Callable[[int], None] | None = None
        self.before_request: Callable[[int], None] | None = None
        self.requests = 0
        self.answers = 0
        self.cuts = 0
        self.lock = threading.Lock()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(listen)
        self.sock.listen(64)
        self.port = int(self.sock.getsockname()[1])
        self.base = f"http://{listen[0]}:{self.port}"
        self.closed = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _decide(self) -> tuple[bool, float]:
        with self.lock:
            cut = self.cut_all or self.rng.random() < self.cut_rate
            wait = self.delay + (self.rng.uniform(0, self.jitter) if self.jitter else 0.0)
        return cut, wait

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            client.close()
            return
        cut = False
        phase = "idle"  # "request": the terminal is sending; "answer": the server is
        try:
            while True:
                ready, _, _ = select.select([client, upstream], [], [], 60)
                if not ready:
                    return
                if client in ready:
                    data = client.recv(65536)
                    if not data:
                        return
                    if phase != "request":  # a new request: decide its fate once
                        if phase == "answer":
                            self._answered()
                        phase = "request"
                        with self.lock:
                            self.requests += 1
                            n = self.requests
                        if self.before_request is not None:
                            self.before_request(n)
                        cut, wait = self._decide()
                        if wait:
                            time.sleep(wait)
                    upstream.sendall(data)
                if upstream in ready:
                    data = upstream.recv(65536)
                    if not data:
                        return
                    if cut:
                        with self.lock:
                            self.cuts += 1
                        return  # the server committed; the terminal never hears of it
                    phase = "answer"
                    client.sendall(data)
        except OSError:
            return
        finally:
            if phase == "answer":
                self._answered()
            for s in (client, upstream):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def _answered(self) -> None:
        with self.lock:
            self.answers += 1
            n = self.answers
        if self.on_answer is not None:
            self.on_answer(n)

    def close(self) -> None:
        self.closed = True
        self.sock.close()


# -- a terminal -------------------------------------------------------------------------------


def resident_id(i: int) -> str:
    from clerk_desk.identity_numbers import resident_id_check_char

    born = date(1950, 1, 1) + timedelta(days=i // 900)
    body = f"370830{born:%Y%m%d}{i % 900 + 100:03d}"
    return body + resident_id_check_char(body)


class Terminal:
    """A real terminal store in ``data_dir``: open it, take cases, enroll, sync."""

    def __init__(self, name: str, data_dir: Path, clock: Any | None = None) -> None:
        from clerk_desk.clock import CHINA_TZ, FixedClock

        self.name = name
        self.data_dir = data_dir
        self.clock = clock or FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ))
        self.taken = 0
        self.offset = random.Random(name).randrange(1000) * 1000

    @contextlib.contextmanager
    def desk(self) -> Iterator[Any]:
        from clerk_desk.desk import Desk
        from clerk_desk.first_run import ensure_ready

        desk = Desk.open(self.data_dir, clock=self.clock)
        try:
            ensure_ready(desk)
            yield desk
        finally:
            desk.close()

    def enroll(self, url: str, code: str) -> None:
        with self.desk() as desk:
            desk.sync_client().enroll(url, code)

    def take_cases(self, n: int, desk: Any | None = None, *, accept_every: int = 1) -> list[str]:
        """``n`` cases at the counter; their tracking numbers.

        Every ``accept_every``-th case is accepted (5 changes, its acceptance notice
        issued); the others stay open with their materials marked (4 changes, no
        document rendered: a fifth of the time).
        """
        if desk is None:
            with self.desk() as opened:
                return self.take_cases(n, opened, accept_every=accept_every)
        from clerk_desk.first_run import DEMO_LOGIN

        clerk = desk.staff.by_login(DEMO_LOGIN)
        numbers = []
        for _ in range(n):
            i = self.offset + self.taken
            self.taken += 1
            person = desk.applicants.register_person(
                actor_id=clerk.id, name=f"王{i}", id_number=resident_id(i)
            )
            case = desk.intake.start(
                clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=person.id
            )
            desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
            desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
            if i % accept_every == 0:
                desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
            numbers.append(case.tracking_number)
        return numbers

    def sync(self, tries: int = 30) -> Any:
        """``sync run`` in this process until it succeeds (the server may be down a while)."""
        from clerk_desk.sync import SyncFailed

        last: Exception | None = None
        for _ in range(tries):
            with self.desk() as desk:
                try:
                    return desk.sync_client().run()
                except SyncFailed as exc:
                    last = exc
            time.sleep(0.2)
        raise AssertionError(f"terminal {self.name} could not sync: {last}")

    def waiting(self) -> int:
        from clerk_desk.storage import DB_FILENAME, Store
        from clerk_desk.sync import waiting_count

        store = Store.open_read_only(self.data_dir / DB_FILENAME)
        try:
            with store.read() as s:
                return waiting_count(s)
        finally:
            store.close()

    def set_batch(self, count: int) -> None:
        from clerk_desk.journal import SYSTEM_ACTOR

        with self.desk() as desk:
            desk.change_settings({"sync_batch_count": count}, actor_id=SYSTEM_ACTOR)


# -- the sync zygote --------------------------------------------------------------------------


def _zygote(data_dir: Path) -> None:
    from clerk_desk import cli

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
                    with open(os.devnull, "w") as quiet:
                        sys.stdout = sys.stderr = quiet
                        code = cli.main(["--data-dir", str(data_dir), "sync", "run"])
                    os._exit(code)
                except BaseException:
                    os._exit(70)
            out.write(f"pid {pid}\n")
        elif cmd == "reap":
            _, status = os.waitpid(int(arg), 0)
            code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            out.write(f"status {code}\n")
        elif cmd == "quit":
            break
        out.flush()


class SyncZygote(ZygoteProcess):
    """Forks ``clerk-desk sync run`` on ``data_dir`` per round (imports paid once)."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__([__file__, "zygote", str(data_dir)], [str(REPO), *sys.path])

    def kill_after(self, delay: float) -> int:
        """One ``sync run``, SIGKILLed after ``delay`` s; its status (-9: killed; 0/1: ended)."""
        pid = self.start(0)
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        code = self.reap(pid)
        if code not in (-signal.SIGKILL, 0, 1):
            raise AssertionError(f"sync process {pid} ended with status {code}")
        return code

    def run(self) -> int:
        """One ``sync run`` to its end; its exit status (0 done, 1 failed with a reason)."""
        return self.reap(self.start(0))


if __name__ == "__main__" and sys.argv[1:2] == ["zygote"]:
    _zygote(Path(sys.argv[2]))
