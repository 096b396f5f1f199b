"""The public status page (GET /t?n=&q= and /t/{number}?q=): what it shows, what it hides,
its headers, its rate limits counted in the database, its logs, and a real browser."""

from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, event
from support.central import HEADERS, Enrolled, LiveServer, add_centre, enrolled, push

from clerk_central import status_page
from clerk_central.db import make_engine, session_factory, transaction, upgrade
from clerk_central.logs import JsonFormatter
from clerk_central.models import StatusRateLimit
from clerk_desk import tracking_numbers
from clerk_desk.printing.document_data import status_url

REPO = Path(__file__).resolve().parents[2]
CODE = "48213307"
NAME = "张三丰"
ID_NUMBER = "37083019800101123X"
CENTRE_NAME = "城关镇便民服务中心"
PHONE = "0537-7212345"
SERVE = [sys.executable, "-m", "clerk_central.cli", "serve"]


@pytest.fixture(autouse=True)
def _fresh_counters(request: pytest.FixtureRequest) -> None:
    """PostgreSQL keeps one database per session: start each test with no counters."""
    if "db_url" not in request.fixturenames:
        return
    engine = make_engine(request.getfixturevalue("db_url"))
    with transaction(session_factory(engine)) as s:
        s.execute(delete(StatusRateLimit))
    engine.dispose()


ITEM_CODE = "370830-JS-0012"
ITEM_NAME = "城乡居民基本养老保险参保登记"


def seed_case(
    client: httpx.Client, sessions: Any, number_seq: int = 12, item_name: str = ITEM_NAME
) -> tuple[Enrolled, str]:
    """A terminal enrols and pushes an applicant and a case accepted with a due date."""
    add_centre(sessions)
    t = enrolled(client, sessions)
    number = tracking_numbers.compose(t.number, date(2026, 12, 5), number_seq)
    applicant = {
        "id": "app-1",
        "kind": "person",
        "name": NAME,
        "id_number": ID_NUMBER,
        "phone": "13800000000",
        "contact_person": "",
    }
    case = {
        "id": f"case-{number_seq}",
        "tracking_number": number,
        "query_code": CODE,
        "terminal_code": t.number,
        "item_id": "item-1",
        "item_code": ITEM_CODE,
        "item_name": item_name,
        "catalog_label": "2026-12",
        "applicant_id": "app-1",
        "state": "accepted",
        "created_at": "2026-12-05T01:30:00+00:00",
        "accepted_on": "2026-12-05",
        "due_on": "2026-12-25",
        "due_unpublished_years": [],
    }
    changes = [
        t.chain.change(
            entity="applicant", entity_id="app-1", operation="applicant.created", payload=applicant
        ),
        t.chain.change(
            entity="case",
            entity_id=case["id"],
            operation="case.accepted",
            payload={
                "case": case,
                "event": {"seq": 1, "action": "accepted", "to_state": "accepted"},
            },
        ),
    ]
    answer = push(client, t, changes)
    assert answer.status_code == 200, answer.text
    assert {r["status"] for r in answer.json()["results"]} == {"applied"}
    return t, number


def test_the_page_shows_the_case_and_hides_the_name(client, sessions) -> None:
    _t, number = seed_case(client, sessions)
    # Exactly the URL a receipt's QR code carries, with /t as the county's status URL.
    qr = status_url(
        str(client.base_url).rstrip("/") + "/t", tracking_numbers.display(number), "4821 3307"
    )
    for url in (qr, f"/t/{number}?q={CODE}", f"/t/{tracking_numbers.display(number)}?q=4821-3307"):
        page = client.get(url)
        assert page.status_code == 200, url
        body = page.text
        assert "已受理" in body
        assert "张*" in body and NAME not in body and "三丰" not in body
        assert ID_NUMBER not in body and CODE not in body and "13800000000" not in body
        assert CENTRE_NAME in body and PHONE in body
        assert "办理事项" in body and ITEM_NAME in body
        assert "承诺办结日期" in body and "2026年12月25日" in body
        assert "受理日期" in body and "2026年12月5日" in body
        assert tracking_numbers.display(number) in body
        assert "<script" not in body and "http" not in body.split("</style>", 1)[1]
        assert page.headers["content-type"].startswith("text/html")


def test_the_item_is_named_by_its_code_when_the_snapshot_has_no_name(client, sessions) -> None:
    _t, number = seed_case(client, sessions, item_name="")
    body = client.get(f"/t/{number}?q={CODE}").text
    assert "办理事项" in body and ITEM_CODE in body and ITEM_NAME not in body


def test_unknown_wrong_or_missing_code_get_one_neutral_page(client, sessions) -> None:
    _t, number = seed_case(client, sessions)
    other = tracking_numbers.compose("00002", date(2026, 12, 5), 1)
    answers = [
        client.get(f"/t/{other}?q={CODE}"),  # unknown number, a real code
        client.get(f"/t/{number}?q=00000000"),  # wrong code
        client.get(f"/t/{number}?q={CODE}0"),  # a code with one digit more
        client.get(f"/t/{number}"),  # missing code
        client.get(f"/t?n={number}&q="),  # empty code
        client.get("/t?n=1&q=1"),
        client.get(f"/t/{number}?q=" + "9" * 5000),  # far too long
    ]
    assert {a.status_code for a in answers} == {status_page.NEUTRAL_STATUS}
    assert {a.text for a in answers} == {status_page.NEUTRAL_PAGE}
    assert all(NAME[0] + "*" not in a.text and CENTRE_NAME not in a.text for a in answers)


def test_the_same_database_work_whatever_is_wrong(db_url, client, sessions) -> None:
    """Known or unknown number, right or wrong code: the same statements run."""
    _t, number = seed_case(client, sessions)
    engine = make_engine(db_url)
    factory = session_factory(engine)
    statements: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _seen(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    shapes = {}
    for label, n, q in (
        ("right", number, CODE),
        ("wrong code", number, "11111111"),
        ("no code", number, ""),
        ("unknown", "2612000000000000", CODE),
    ):
        statements.clear()
        with transaction(factory) as s:
            found = status_page.lookup(s, status_page.canonical(n), q)
        assert (found is not None) == (label == "right")
        shapes[label] = [st for st in statements if not st.startswith(("BEGIN", "SAVEPOINT"))]
    engine.dispose()
    first = shapes["right"]
    assert len(first) == 1  # the case, its centre and the applicant's name in one SELECT
    assert all(shape == first for shape in shapes.values()), shapes


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_connection_the_database_dropped_is_retried_on_a_new_one(
    db_url, client, sessions
) -> None:  # type: ignore[no-untyped-def]
    """The page's pool has no ping before each request: a dropped connection is tried again.

    Every connection of the server to the database is terminated (as a restart or a
    failover of PostgreSQL would); the next lookups are still answered, each once.
    """
    import psycopg

    _t, number = seed_case(client, sessions)
    assert client.get(f"/t/{number}?q={CODE}").status_code == 200  # the page's pool is open
    with psycopg.connect(db_url, autocommit=True) as conn:
        killed = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    assert killed
    for _ in range(3):
        page = client.get(f"/t/{number}?q={CODE}")
        assert page.status_code == 200 and "张*" in page.text
    with transaction(sessions) as s:
        counted = s.get(StatusRateLimit, status_page._digest(f"number:{number}"))
        assert counted is not None and counted.count == 4  # each request counted once


def test_headers(client, sessions) -> None:
    _t, number = seed_case(client, sessions)
    for url in (f"/t/{number}?q={CODE}", f"/t/{number}?q=1", "/t"):
        h = client.get(url).headers
        assert h["cache-control"] == "no-store"
        assert h["referrer-policy"] == "no-referrer"
        assert h["x-content-type-options"] == "nosniff"
        csp = h["content-security-policy"]
        assert "default-src 'none'" in csp and "img-src 'none'" in csp
        assert "style-src 'sha256-" in csp and "unsafe" not in csp


def test_guessing_one_number_is_limited(client, sessions) -> None:
    _t, number = seed_case(client, sessions)
    limit = status_page.DEFAULT_PER_NUMBER
    codes = [f"{i:08d}" for i in range(limit)]
    statuses = [client.get(f"/t/{number}?q={c}").status_code for c in codes]
    assert statuses == [404] * limit
    # Past the limit even the right code waits: the guesser learns nothing more.
    stopped = client.get(f"/t/{number}?q={CODE}")
    assert stopped.status_code == 429
    assert stopped.headers["retry-after"] == str(status_page.DEFAULT_WINDOW_SECONDS)
    assert stopped.headers["cache-control"] == "no-store"
    assert "查询过于频繁" in stopped.text
    # Another number is still answered.
    other = tracking_numbers.compose("00001", date(2026, 12, 6), 1)
    assert client.get(f"/t/{other}?q=1").status_code == 404


def test_guessing_from_one_address_is_limited(client, sessions) -> None:
    add_centre(sessions)
    limit = status_page.DEFAULT_PER_ADDRESS
    numbers = [
        tracking_numbers.compose("00001", date(2026, 12, 5), i + 1) for i in range(limit + 1)
    ]
    statuses = [client.get(f"/t/{n}?q=12345678").status_code for n in numbers]
    assert statuses == [404] * limit + [429]


def test_the_counter_is_one_upsert(sessions) -> None:
    """bump() counts, and a window that ran out starts again at 1."""
    from datetime import UTC, datetime, timedelta

    window = timedelta(seconds=60)
    t0 = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
    counts = []
    for seconds in (0, 10, 59, 60, 61, 200):
        with transaction(sessions) as s:
            counts.append(status_page.bump(s, "number:x", t0 + timedelta(seconds=seconds), window))
    # 0,10,59 in the first window; 60 ends it (>= window); 61 in the new one; 200 anew.
    assert counts == [1, 2, 3, 1, 2, 1]


# --- two server processes on one database, and their logs -----------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def two_servers(db_url: str, tmp_path: Path) -> Iterator[tuple[list[str], list[Path]]]:
    """Two ``clerk-central serve`` processes (separate engines, no shared memory), one DB."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        status_page.LIMIT_NUMBER_ENV: "6",
        status_page.LIMIT_ADDRESS_ENV: "1000",
    }
    processes, bases, logs, handles = [], [], [], []
    for i in range(2):
        port = _free_port()
        log = tmp_path / f"serve-{i}.log"
        logs.append(log)
        handles.append(log.open("w"))
        processes.append(
            subprocess.Popen(
                [*SERVE, "--port", str(port), "--database-url", db_url],
                env=env,
                stdout=handles[-1],
                stderr=subprocess.STDOUT,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 90
    for process, base, log in zip(processes, bases, logs, strict=True):
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the servers did not come up"
            time.sleep(0.2)
    yield bases, logs
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(30)
    for handle in handles:
        handle.close()


@pytest.mark.timeout(240)
def test_the_limit_holds_across_server_processes_and_logs_carry_no_code(
    two_servers, sessions
) -> None:
    bases, logs = two_servers
    with httpx.Client(base_url=bases[0], headers=HEADERS, timeout=30) as first:
        _t, number = seed_case(first, sessions)
    statuses = []
    for i in range(8):
        # Alternate the two processes: each alone has seen at most 4 of the 8.
        statuses.append(httpx.get(f"{bases[i % 2]}/t/{number}?q={CODE}", timeout=30).status_code)
    print(f"two server processes, one number, limit 6: statuses={statuses}")
    assert statuses == [200] * 6 + [429, 429]
    # Wrong guesses through ?n=&q= are logged too, without their query string.
    other = tracking_numbers.compose("00001", date(2026, 12, 6), 1)
    assert httpx.get(f"{bases[1]}/t?n={other}&q=99998888", timeout=30).status_code == 404
    time.sleep(0.5)
    lines = [line for log in logs for line in log.read_text().splitlines()]
    records = [json.loads(line) for line in lines if line.startswith("{")]
    access = [r for r in records if r["logger"] == "uvicorn.access"]
    assert len(access) >= 9, lines
    status_lines = [r for r in access if r["path"].startswith("/t")]
    assert {r["status"] for r in status_lines} >= {200, 429, 404}
    text = "\n".join(lines)
    assert CODE not in text and "99998888" not in text and "q=" not in text
    assert NAME not in text and ID_NUMBER not in text
    # Apart from the startup line the CLI prints itself, every line is JSON.
    assert all(line.startswith("{") or line.startswith("clerk-central: serving") for line in lines)


def test_the_formatter_cuts_query_strings_and_id_numbers() -> None:
    import logging

    fmt = JsonFormatter()
    access = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("10.0.0.7:5000", "GET", f"/t/2612?q={CODE}", "1.1", 404),
        None,
    )
    other = logging.LogRecord(
        "clerk_central",
        logging.WARNING,
        __file__,
        1,
        "lookup %s for %s",
        (f"https://x.example/t?n=1&q={CODE}", ID_NUMBER),
        None,
    )
    a, o = json.loads(fmt.format(access)), json.loads(fmt.format(other))
    assert a["path"] == "/t/2612" and a["status"] == 404 and a["client"] == "10.0.0.7:5000"
    assert CODE not in json.dumps([a, o]) and ID_NUMBER not in o["message"]


# --- a real browser at phone size ------------------------------------------------------------


def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            ["apt-get", "install", "-y", "chromium"],
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            capture_output=True,
            timeout=600,
        )
    return shutil.which("chromium")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_phone_browser_renders_the_page(tmp_path: Path) -> None:
    chromium = _chromium()
    if chromium is None:
        pytest.skip("chromium is not installed and `apt-get install -y chromium` did not work")
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    sessions = session_factory(engine)
    live = LiveServer(url)
    live.start()
    try:
        with httpx.Client(base_url=live.base, headers=HEADERS, timeout=30) as client:
            _t, number = seed_case(client, sessions)
        shots = {}
        for name, path in (("status", f"/t/{number}?q={CODE}"), ("neutral", f"/t/{number}?q=1")):
            out = tmp_path / f"{name}.png"
            subprocess.run(
                [
                    chromium,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--hide-scrollbars",
                    f"--user-data-dir={tmp_path / 'profile'}",
                    f"--screenshot={out}",
                    "--window-size=390,844",
                    live.base + path,
                ],
                capture_output=True,
                timeout=180,
                check=False,
            )
            assert out.exists(), f"chromium wrote no screenshot for {name}"
            shots[name] = out.read_bytes()
        for name, data in shots.items():
            assert _png_size(data) == (390, 844), name
            # A blank page compresses to a few hundred bytes; text and cards do not.
            assert len(data) > 8000, (name, len(data))
        assert shots["status"] != shots["neutral"]
        keep = os.environ.get("CLERK_STATUS_SCREENSHOT")
        if keep:
            Path(keep).write_bytes(shots["status"])
    finally:
        live.stop()
        engine.dispose()


def test_unknown_number_and_wrong_code_take_about_as_long(db_url, client, sessions) -> None:
    """Median server-side lookup times (no HTTP, no limits): printed, and within 2x."""
    _t, number = seed_case(client, sessions)
    engine = make_engine(db_url)
    factory = session_factory(engine)
    unknown = tracking_numbers.compose("00001", date(2026, 12, 6), 1)
    cases = {"wrong code": (number, "11111111"), "unknown number": (unknown, CODE)}
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _round in range(150):
        for label, (n, q) in cases.items():
            start = time.perf_counter()
            with transaction(factory) as s:
                assert status_page.lookup(s, n, q) is None
            times[label].append(time.perf_counter() - start)
    engine.dispose()
    medians = {k: sorted(v)[len(v) // 2] * 1000 for k, v in times.items()}
    print("status lookup median ms:", {k: round(v, 3) for k, v in medians.items()})
    low, high = sorted(medians.values())
    assert high < 2 * low, medians
