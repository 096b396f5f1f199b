"""The terminal's sync client (clerk_desk.sync) against a real HTTP server.

The county server (clerk_central) is written in parallel, so these tests talk
to :class:`ProtocolResponder`: a tiny HTTP server in a thread that answers with
canned, contract-shaped bodies. It exists ONLY to test how the client handles
answers, timeouts, cut connections and error statuses; it applies nothing and
checks nothing. End-to-end tests against the real server come with the merge.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from support.desks import REPO, resident_id

from clerk_desk import tracking_numbers
from clerk_desk.applicants import ApplicantRecord
from clerk_desk.desk import Desk
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.journal import SYSTEM_ACTOR, record_change, verify_audit
from clerk_desk.models import AuditEntry, OutboxEntry, Setting, SyncQuarantine, SyncState
from clerk_desk.settings import is_placeholder_url
from clerk_desk.staff import StaffRecord
from clerk_desk.sync import SECRET_KEY, SyncClient, SyncFailed, iter_held, select_batch

SECRET = "s3cr3t-" + "x" * 36  # 43 characters, like the server's
TERMINAL_ID = "a" * 32
STATUS_URL = "https://zwfw.jining.gov.cn/t"

# -- the protocol responder ------------------------------------------------------------


@dataclass
class Seen:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    raw: bytes

    @property
    def body(self) -> Any:
        return json.loads(self.raw) if self.raw else None


# An answer: (status, JSON body), or one of the faults below.
Answer = tuple[int, Any] | str
CUT_BEFORE = "cut-before"  # close the socket without a byte of answer
CUT_MID = "cut-mid"  # send the head and part of the body, then close
SLOW = "slow"  # answer after the client's timeout
NOT_JSON = "not-json"  # 200 with a body that is not JSON
APPLY_THEN_CUT = "apply-then-cut"  # take the push as applied, then cut: the answer is lost


@dataclass
class ProtocolResponder:
    """A protocol responder for client tests (NOT the county server).

    ``answer(seen)`` decides each answer; the default answers every push
    change ``applied`` with a running server id (``refuse``: ids answered
    ``refused``; ``duplicate``: ids answered ``duplicate``), every pull with
    the pages in ``pages`` (by ``after``), and enroll with ``enrollment``.
    """

    refuse: dict[str, str] = field(default_factory=dict)
    duplicate: set[str] = field(default_factory=set)
    pages: dict[int, dict[str, Any]] = field(default_factory=dict)
    enrollment: dict[str, Any] = field(default_factory=dict)
    faults: list[Answer] = field(default_factory=list)  # served first, one a request
    seen: list[Seen] = field(default_factory=list)
    next_server_id: int = 1000
    # Change id -> the server id it was answered with first (a resend is "duplicate").
    applied: dict[str, int] = field(default_factory=dict)
    # Every ``every``-th request gets the next of ``cycle`` (0: never).
    every: int = 0
    cycle: list[Answer] = field(default_factory=list)

    def answer(self, seen: Seen) -> Answer:
        if self.faults:
            return self.faults.pop(0)
        if self.every and len(self.seen) % self.every == 0:
            fault = self.cycle[(len(self.seen) // self.every) % len(self.cycle)]
            if fault != APPLY_THEN_CUT or not seen.path.endswith("/push"):
                return fault
            self.answer_push(seen)
            return CUT_MID
        if seen.path.endswith("/enroll"):
            return 200, self.enrollment
        if seen.path.endswith("/push"):
            return self.answer_push(seen)
        if seen.path.endswith("/pull"):
            after = int(seen.query.split("after=")[1].split("&")[0])
            return 200, self.pages.get(after, {"items": [], "cursor": after, "more": False})
        return 404, {"error": "bad_request", "message": "no such path"}

    def answer_push(self, seen: Seen) -> Answer:
        results = []
        for change in seen.body["changes"]:
            if change["id"] in self.refuse:
                results.append(
                    {
                        "id": change["id"],
                        "status": "refused",
                        "reason": self.refuse[change["id"]],
                        "message": "refused by the responder",
                    }
                )
                continue
            status = "duplicate" if change["id"] in self.duplicate else "applied"
            if change["id"] in self.applied:
                status = "duplicate"
            else:
                self.next_server_id += 1
                self.applied[change["id"]] = self.next_server_id
            results.append(
                {"id": change["id"], "status": status, "server_id": self.applied[change["id"]]}
            )
        return 200, {"results": results, "chain": {"ok": True}}

    def pushes(self) -> list[list[dict[str, Any]]]:
        return [s.body["changes"] for s in self.seen if s.path.endswith("/push")]


def _handler(responder: ProtocolResponder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            path, _, query = self.path.partition("?")
            seen = Seen(self.command, path, query, dict(self.headers.items()), raw)
            responder.seen.append(seen)
            answer = responder.answer(seen)
            if answer == CUT_BEFORE:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if answer == CUT_MID:
                self.wfile.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 4000\r\n\r\n"
                    b'{"results": [{"id": "'
                )
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if answer == SLOW:
                time.sleep(1.5)
                answer = (200, {"results": [], "chain": {"ok": True}})
            if answer == NOT_JSON:
                data = b"<html>gateway</html>"
                status = 200
            else:
                assert isinstance(answer, tuple)
                status, body = answer
                data = json.dumps(body, ensure_ascii=False).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up (a timeout test)
                self.close_connection = True

        do_GET = _serve
        do_POST = _serve

    return Handler


@pytest.fixture
def responder() -> Iterator[tuple[ProtocolResponder, str]]:
    r = ProtocolResponder(
        enrollment={
            "terminal_id": TERMINAL_ID,
            "secret": SECRET,
            "terminal_number": "00042",
            "centre": {
                "code": "370830104",
                "name": "汶上县郭仓镇便民服务中心",
                "region_code": "370830104",
                "phone": "0537-7211111",
            },
            "settings": {"public_status_url": STATUS_URL, "unknown_later_key": 1},
            "cursor": 7,
        }
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(r))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield r, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# -- helpers ---------------------------------------------------------------------------


def client(desk: Desk, timeout: float = 5.0) -> SyncClient:
    return SyncClient(desk.store, desk.clock, timeout=timeout)


def enrolled(desk: Desk, responder: tuple[ProtocolResponder, str]) -> SyncClient:
    c = client(desk)
    c.enroll(responder[1], "ABCD-EFGH-JKLM")
    return c


def changes(desk: Desk, entities: list[str], *, size: int = 10) -> list[str]:
    """One change per entity named (in order), each with a payload of about ``size`` bytes."""
    ids = []
    with desk.store.write() as session:
        for entity_id in entities:
            record_change(
                session,
                at=desk.clock.now(),
                actor_id=SYSTEM_ACTOR,
                action="case.noted",
                entity="case",
                entity_id=entity_id,
                payload={"note": "x" * size},
            )
            session.flush()
            newest = session.scalars(
                select(OutboxEntry.id).order_by(OutboxEntry.seq.desc())
            ).first()
            assert newest is not None
            ids.append(newest)
    return ids


def unsent(desk: Desk) -> list[str]:
    with desk.store.read() as session:
        return list(
            session.scalars(
                select(OutboxEntry.id)
                .where(OutboxEntry.sent_at.is_(None))
                .order_by(OutboxEntry.seq)
            )
        )


def outbox_state(desk: Desk) -> list[tuple[Any, ...]]:
    """What a failed sync must not change: the outbox marks and the quarantine."""
    with desk.store.read() as session:
        rows = [
            tuple(r)
            for r in session.execute(text("SELECT id, sent_at, server_id FROM outbox ORDER BY seq"))
        ]
        rows += [
            tuple(r) for r in session.execute(text("SELECT * FROM sync_quarantine ORDER BY id"))
        ]
    return rows


def set_batch(desk: Desk, *, count: int = 200, size: int = 512 * 1024) -> None:
    desk.change_settings(
        {"sync_batch_count": count, "sync_batch_bytes": size}, actor_id=SYSTEM_ACTOR
    )


def drain(desk: Desk, c: SyncClient) -> None:
    """Push what is queued now (enrollment's own anchors) and forget those requests."""
    c.push()


# -- enrollment ------------------------------------------------------------------------


def test_enroll_stores_credentials_number_centre_and_status_url_in_one_audited_go(
    desk: Desk, clerk: StaffRecord, applicant: ApplicantRecord, responder: Any
) -> None:
    r, url = responder
    before = desk.settings()
    assert tracking_numbers.is_provisional_terminal(before.terminal_code)
    assert before.placeholder_status_url
    case = desk.intake.start(
        clerk_id=clerk.id, item_code="370830104-MZ-001", applicant_id=applicant.id
    )
    assert tracking_numbers.decompose(case.tracking_number)[0] == before.terminal_code

    done = client(desk).enroll(url + "/sync/v1/", "abcd-efgh-jklm")

    sent = r.seen[0]
    assert sent.path == "/sync/v1/enroll"
    assert sent.headers["X-Clerk-Protocol"] == "1"
    assert sent.headers["X-Clerk-Version"]
    assert "Authorization" not in sent.headers
    with desk.store.read() as session:
        store_id = session.get(Setting, "store_id").value  # type: ignore[union-attr]
    assert sent.body == {
        "code": "ABCD-EFGH-JKLM",
        "store_id": store_id,
        "provisional_number": before.terminal_code,
        "hostname": socket.gethostname(),
    }
    assert done.terminal_number == "00042" and done.previous_number == before.terminal_code
    after = desk.settings()
    assert after.terminal_code == "00042"
    assert after.centre_name == "汶上县郭仓镇便民服务中心"
    assert after.contact_phone == "0537-7211111"
    assert after.public_status_url == STATUS_URL
    assert not after.placeholder_status_url and not is_placeholder_url(after.public_status_url)
    # The case numbered before keeps its number; a new one takes the assigned number.
    assert desk.cases.get(case.id).tracking_number == case.tracking_number
    other = desk.applicants.register_person(
        actor_id=clerk.id,
        name="李四",
        id_number=resident_id("37083019900202123"),
        phone="13812345679",
    )
    new = desk.intake.start(clerk_id=clerk.id, item_code="370830104-MZ-001", applicant_id=other.id)
    assert tracking_numbers.decompose(new.tracking_number)[0] == "00042"
    with desk.store.read() as session:
        assert session.get(Setting, SECRET_KEY).value == SECRET  # type: ignore[union-attr]
        state = session.get(SyncState, 1)
        assert state is not None
        assert (state.server_url, state.terminal_id, state.cursor) == (url, TERMINAL_ID, 7)
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "sync.enrolled")
        ).one()
        assert SECRET not in audit.payload
        assert json.loads(audit.payload)["settings"]["terminal_code"] == "00042"
    assert verify_audit_ok(desk)
    # The store holding the secret is the user's alone.
    assert stat.S_IMODE(desk.store.path.stat().st_mode) == 0o600
    assert SECRET not in repr(client(desk))
    marker = json.loads((desk.data_dir / "terminal.json").read_text())
    assert marker["terminal_number"] == "00042"


def verify_audit_ok(desk: Desk) -> bool:
    with desk.store.read() as session:
        return verify_audit(session).ok


def test_a_refused_or_failed_enrollment_stores_nothing(desk: Desk, responder: Any) -> None:
    r, url = responder
    with desk.store.read() as session:
        before = [tuple(row) for row in session.execute(text("SELECT * FROM settings"))]
    faults = [
        ((400, {"error": "enroll_code_invalid", "message": "used"}), "enroll_code_invalid"),
        ((200, {"terminal_id": TERMINAL_ID}), "bad_answer"),
        ((200, {**r.enrollment, "terminal_number": "90001"}), "bad_answer"),
        ((200, {**r.enrollment, "settings": {"public_status_url": "ftp://x"}}), "bad_answer"),
        (CUT_MID, "unreachable"),
        ((426, {"error": "too_old", "message": "update"}), "too_old"),
    ]
    failures = 0
    for fault, reason in faults:
        r.faults.append(fault)
        with pytest.raises(SyncFailed) as caught:
            client(desk).enroll(url, "ABCD-EFGH-JKLM")
        failures += caught.value.reason != reason
    with desk.store.read() as session:
        assert session.get(SyncState, 1) is None
        assert [tuple(row) for row in session.execute(text("SELECT * FROM settings"))] == before
    print(f"enroll faults: tries={len(faults)} failures={failures}")
    assert failures == 0


def test_enroll_checks_the_address_and_the_actor(
    desk: Desk, clerk: StaffRecord, responder: Any
) -> None:
    _, url = responder
    for bad in ("ftp://host", "http://county.example.cn", "https://host/?a=1", "nohost"):
        with pytest.raises(InvalidInput) as caught:
            client(desk).enroll(bad, "ABCD")
        assert caught.value.where == "server_url"
    with pytest.raises(InvalidInput):
        client(desk).enroll(url, "  ")
    with pytest.raises(RuleViolation, match="only an admin"):
        client(desk).enroll(url, "ABCD-EFGH-JKLM", actor_id=clerk.id)


# -- push ------------------------------------------------------------------------------


def test_push_goes_oldest_first_in_batches_bounded_by_count(desk: Desk, responder: Any) -> None:
    r, _ = responder
    c = enrolled(desk, responder)
    set_batch(desk, count=10)
    drain(desk, c)
    r.seen.clear()
    ids = changes(desk, [f"case{i}" for i in range(25)])

    report = c.push()

    batches = r.pushes()
    assert [len(b) for b in batches] == [10, 10, 5]
    sent = [ch["id"] for b in batches for ch in b]
    assert sent == ids
    seqs = [ch["outbox_seq"] for b in batches for ch in b]
    assert seqs == sorted(seqs)
    assert report.pushed == 25 and report.waiting == 0 and report.batches == 3
    for seen in r.seen:
        assert seen.headers["Authorization"] == f"Bearer {TERMINAL_ID}.{SECRET}"
        assert seen.headers["X-Clerk-Protocol"] == "1"
    # Each change carries its audit entry, every field as stored.
    with desk.store.read() as session:
        first = batches[0][0]
        entry = session.get(OutboxEntry, first["outbox_seq"])
        audit = session.get(AuditEntry, entry.audit_seq)  # type: ignore[union-attr]
        assert audit is not None and entry is not None
        assert first["audit"] == {
            "seq": audit.seq,
            "id": audit.id,
            "at": audit.at.isoformat(),
            "actor_id": audit.actor_id,
            "action": audit.action,
            "entity": audit.entity,
            "entity_id": audit.entity_id,
            "payload": audit.payload,
            "prev_hash": audit.prev_hash,
            "hash": audit.hash,
        }
        assert (first["entity"], first["entity_id"], first["operation"]) == (
            "case",
            "case0",
            "case.noted",
        )
        server_ids = session.scalars(
            select(OutboxEntry.server_id).where(OutboxEntry.id.in_(ids))
        ).all()
        assert None not in server_ids and len(set(server_ids)) == 25
    assert unsent(desk) == []


def test_push_batches_are_bounded_by_bytes_and_a_big_change_goes_alone(
    desk: Desk, responder: Any
) -> None:
    r, _ = responder
    c = enrolled(desk, responder)
    limit = 8192
    set_batch(desk, count=200, size=limit)
    drain(desk, c)
    r.seen.clear()
    small = changes(desk, [f"s{i}" for i in range(12)], size=1500)
    big = changes(desk, ["big"], size=3 * limit)
    tail = changes(desk, ["t1", "t2"], size=100)

    c.push()

    pushes = [s for s in r.seen if s.path.endswith("/push")]
    sent = [ch["id"] for s in pushes for ch in s.body["changes"]]
    assert sent == small + big + tail
    for s in pushes:
        ids = [ch["id"] for ch in s.body["changes"]]
        assert len(s.raw) <= limit or ids == big, (len(s.raw), ids)
    assert any([ch["id"] for ch in s.body["changes"]] == big for s in pushes)
    assert len(pushes) >= 4


def test_select_batch_reads_a_long_queue_in_order(desk: Desk) -> None:
    ids = changes(desk, [f"c{i % 7}" for i in range(450)])
    with desk.store.read() as session:
        batch = select_batch(session, max_count=400, max_bytes=64 * 1024 * 1024)
        rest = [ch["id"] for ch in batch]
    queued = unsent(desk)
    assert rest == queued[:400]
    assert set(ids) <= set(queued)


def test_a_refused_change_is_quarantined_and_holds_back_its_entity_only(
    desk: Desk, responder: Any
) -> None:
    r, _ = responder
    c = enrolled(desk, responder)
    set_batch(desk, count=1)
    drain(desk, c)
    r.seen.clear()
    a1, a2, b1, a3, b2 = changes(desk, ["A", "A", "B", "A", "B"])
    r.refuse[a1] = "foreign_centre"
    r.duplicate.add(b2)

    report = c.push()

    assert [[ch["id"] for ch in b] for b in r.pushes()] == [[a1], [b1], [b2]]
    assert (report.pushed, report.duplicates, report.refused) == (1, 1, 1)
    assert unsent(desk) == [a1, a2, a3]
    status = c.status()
    assert (status.waiting, status.quarantined) == (3, 1)
    [q] = c.quarantined()
    assert (q.outbox_id, q.reason, q.entity_id) == (a1, "foreign_centre", "A")

    # A second push sends nothing of A: it waits behind the quarantined change.
    r.seen.clear()
    c.push()
    assert r.pushes() == []

    # After a fix, a retry lets A go again, in order.
    del r.refuse[a1]
    assert c.retry_quarantined(a1) == 1
    with pytest.raises(RuleViolation):
        c.retry_quarantined(a1)
    r.seen.clear()
    c.push()
    sent = [ch["id"] for b in r.pushes() for ch in b]
    assert sent[:3] == [a1, a2, a3]
    assert unsent(desk) == []
    with desk.store.read() as session:
        kept = session.scalars(select(SyncQuarantine)).one()
        assert kept.retried_at is not None  # the history stays
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == "sync.retried")).one()
    assert c.status().quarantined == 0


def test_a_change_refused_again_after_a_retry_is_quarantined_again(
    desk: Desk, responder: Any
) -> None:
    r, _ = responder
    c = enrolled(desk, responder)
    drain(desk, c)
    [a1] = changes(desk, ["A"])
    r.refuse[a1] = "id_reused"
    c.push()
    c.retry_quarantined(a1)
    c.push()
    assert c.status().quarantined == 1
    assert unsent(desk) == [a1]


# -- errors change nothing -------------------------------------------------------------

FAULTS: list[tuple[Answer, str, str]] = [
    (SLOW, "unreachable", "in time"),
    (CUT_BEFORE, "unreachable", "cut"),
    (CUT_MID, "unreachable", "cut"),
    (NOT_JSON, "bad_answer", "cannot read"),
    ((401, {"error": "unauthorized", "message": "no"}), "unauthorized", "enroll it again"),
    ((403, {"error": "revoked", "message": "吊销"}), "revoked", "吊销"),
    ((426, {"error": "too_old", "message": "update"}), "too_old", "update it"),
    ((429, {"error": "rate_limited", "message": "slow down"}), "rate_limited", "busy"),
    ((500, {"error": "internal", "message": "boom"}), "server_error", "HTTP 500"),
    ((502, "<html>"), "server_error", "HTTP 502"),
    ((400, {"error": "bad_request", "message": "what"}), "refused_request", "what"),
    ((200, {"results": [], "chain": {"ok": True}}), "bad_answer", "one result per change"),
    ((200, {"chain": {"ok": True}}), "bad_answer", "one result per change"),
]


def test_errors_timeouts_and_cuts_change_nothing_and_say_why(desk: Desk, responder: Any) -> None:
    r, _ = responder
    c = SyncClient(desk.store, desk.clock, timeout=0.5)
    c.enroll(responder[1], "ABCD-EFGH-JKLM")
    drain(desk, c)
    ids = changes(desk, ["A", "B", "C"])
    tries = failures = 0
    for fault, reason, words in FAULTS:
        before = outbox_state(desk)
        r.faults.append(fault)
        tries += 1
        try:
            c.push()
        except SyncFailed as exc:
            ok = exc.reason == reason and words in str(exc) and outbox_state(desk) == before
            if not ok:
                print("FAULT", fault, exc.reason, exc)
            failures += not ok
        else:
            failures += 1
        assert unsent(desk) == ids
    # Out-of-order and malformed results too.
    for bad in (
        lambda b: list(reversed(b)),
        lambda b: [{**x, "status": "maybe"} for x in b],
        lambda b: [{k: v for k, v in x.items() if k != "server_id"} for x in b],
    ):
        before = outbox_state(desk)
        results = [{"id": i, "status": "applied", "server_id": n} for n, i in enumerate(ids)]
        r.faults.append((200, {"results": bad(results), "chain": {"ok": True}}))
        tries += 1
        try:
            c.push()
            failures += 1
        except SyncFailed as exc:
            failures += exc.reason != "bad_answer" or outbox_state(desk) != before
    status = c.status()
    assert status.last_error and status.last_success_at is None
    print(f"push faults: tries={tries} failures={failures}")
    assert failures == 0
    # And then the link is back: everything goes, once.
    report = c.run()
    assert report.pushed == 3 and unsent(desk) == [] and c.status().last_error == ""


def test_the_server_dying_mid_answer_leaves_every_change_waiting(desk: Desk) -> None:
    """A real closed port: nothing listens, the connection is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with desk.store.write() as session:
        session.add(
            SyncState(
                id=1,
                server_url=f"http://127.0.0.1:{port}",
                terminal_id=TERMINAL_ID,
                centre_code="x",
                cursor=0,
                last_error="",
            )
        )
        session.add(Setting(key=SECRET_KEY, value=SECRET))
    changes(desk, ["A"])
    before = outbox_state(desk)
    with pytest.raises(SyncFailed) as caught:
        client(desk, timeout=2).run()
    assert caught.value.reason == "unreachable" and "no connection" in str(caught.value)
    assert outbox_state(desk) == before


def test_not_enrolled_says_so(desk: Desk) -> None:
    with pytest.raises(SyncFailed) as caught:
        client(desk).run()
    assert caught.value.reason == "not_enrolled"
    assert not client(desk).status().enrolled


# -- pull ------------------------------------------------------------------------------


def _settings_page(after: int, cursor: int, url: str, *, more: bool) -> dict[str, Any]:
    return {
        "items": [
            {"version": cursor - 1, "kind": "catalog", "body": {"label": "2027-01"}},
            {"version": cursor, "kind": "settings", "body": {"public_status_url": url}},
        ],
        "cursor": cursor,
        "more": more,
    }


def test_pull_applies_settings_pages_and_keeps_what_it_cannot_apply(
    desk: Desk, responder: Any
) -> None:
    r, _ = responder
    c = enrolled(desk, responder)
    r.pages[7] = _settings_page(7, 12, "https://zwfw.jining.gov.cn/a", more=True)
    r.pages[12] = {
        "items": [
            {"version": 14, "kind": "settings", "body": {"public_status_url": "gopher://x"}},
            {"version": 20, "kind": "settings", "body": {"court": "汶上县人民法院（新）"}},
        ],
        "cursor": 20,
        "more": False,
    }

    report = c.pull()

    assert (report.pulled, report.held) == (2, 2)
    s = desk.settings()
    assert s.public_status_url == "https://zwfw.jining.gov.cn/a"
    assert s.court == "汶上县人民法院（新）"
    assert c.status().cursor == 20
    held = list(iter_held(desk.store))
    assert [(h.version, h.kind) for h in held] == [(11, "catalog"), (14, "settings")]
    assert "settings rules" in held[1].problem
    pulls = [x for x in r.seen if x.path.endswith("/pull")]
    assert [x.query for x in pulls] == ["after=7&limit=500", "after=12&limit=500"]
    with desk.store.read() as session:
        vias = [
            json.loads(p)["via"]
            for p in session.scalars(
                select(AuditEntry.payload).where(AuditEntry.action == "settings.changed")
            )
            if "via" in json.loads(p)
        ]
    assert vias == ["sync", "sync"]


def test_a_page_and_its_cursor_commit_together(desk: Desk, responder: Any) -> None:
    """A real database failure at the cursor's write takes the page's settings back with it."""
    r, _ = responder
    c = enrolled(desk, responder)
    r.pages[7] = _settings_page(7, 9, "https://zwfw.jining.gov.cn/b", more=False)
    with desk.store.write() as session:
        session.execute(
            text(
                "CREATE TRIGGER fail_cursor BEFORE UPDATE OF cursor ON sync_state "
                "BEGIN SELECT RAISE(ABORT, 'injected cursor failure'); END"
            )
        )
    before_audit = desk.verify_audit().entries
    with pytest.raises(Exception, match="injected cursor failure"):
        c.pull()
    assert desk.settings().public_status_url == STATUS_URL
    assert c.status().cursor == 7
    assert desk.verify_audit().entries == before_audit
    assert list(iter_held(desk.store)) == []
    with desk.store.write() as session:
        session.execute(text("DROP TRIGGER fail_cursor"))
    c.pull()
    assert desk.settings().public_status_url == "https://zwfw.jining.gov.cn/b"
    assert c.status().cursor == 9


def test_pull_refuses_pages_that_break_the_cursor_rules(desk: Desk, responder: Any) -> None:
    r, _ = responder
    c = enrolled(desk, responder)
    bad_pages = [
        {"items": [], "cursor": 3, "more": False},  # the cursor goes back
        {"items": [{"version": 7, "kind": "settings", "body": {}}], "cursor": 9, "more": False},
        {"items": [{"version": 10, "kind": "settings", "body": {}}], "cursor": 9, "more": False},
        {"items": "x", "cursor": 9, "more": False},
        {"items": [], "cursor": "9", "more": False},
    ]
    failures = 0
    for page in bad_pages:
        r.faults.append((200, page))
        with pytest.raises(SyncFailed) as caught:
            c.pull()
        failures += caught.value.reason != "bad_answer" or c.status().cursor != 7
    print(f"pull faults: tries={len(bad_pages)} failures={failures}")
    assert failures == 0


def test_batch_settings_are_checked(desk: Desk) -> None:
    for field_name, value in (
        ("sync_batch_count", 0),
        ("sync_batch_count", 2_001),
        ("sync_batch_count", True),
        ("sync_batch_bytes", 100),
        ("sync_batch_bytes", "512k"),
    ):
        with pytest.raises(InvalidInput) as caught:
            desk.change_settings({field_name: value}, actor_id=SYSTEM_ACTOR)
        assert caught.value.where == field_name
    s = desk.settings()
    assert (s.sync_batch_count, s.sync_batch_bytes) == (200, 512 * 1024)


# -- the command line ------------------------------------------------------------------


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "clerk_desk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_cli_enroll_run_status(tmp_path: Path, responder: Any) -> None:
    r, url = responder
    data = tmp_path / "cli"
    out = _cli(data, "sync", "status")
    assert out.returncode == 0, out.stderr
    assert "not enrolled" in out.stdout
    out = _cli(data, "sync", "run")
    assert out.returncode == 1 and "not enrolled" in out.stderr
    out = _cli(data, "sync", "enroll", url, "ABCD-EFGH-JKLM")
    assert out.returncode == 0, out.stderr
    assert "00042" in out.stdout and "cases already numbered keep theirs" in out.stdout
    out = _cli(data, "sync", "run")
    assert out.returncode == 0, out.stderr
    assert "pushed" in out.stdout and "0 waiting" in out.stdout
    out = _cli(data, "sync", "status")
    assert out.returncode == 0 and "waiting changes: 0" in out.stdout
    assert "last success: never" not in out.stdout
    r.faults.append((403, {"error": "revoked", "message": "吊销"}))
    out = _cli(data, "sync", "run")
    assert out.returncode == 1 and "吊销" in out.stderr
    r.faults.append((426, {"error": "too_old", "message": "update"}))
    out = _cli(data, "sync", "run")
    assert out.returncode == 1 and "update it" in out.stderr
    out = _cli(data, "sync", "status")
    assert "last error: " in out.stdout and "too old" in out.stdout
    logs = "".join(p.read_text(errors="replace") for p in (data / "logs").glob("*"))
    assert SECRET not in logs
    help_text = _cli(data, "sync", "enroll", "--help").stdout
    assert "one-time enrollment code" in help_text and "--allow-http" in help_text


def test_failed_runs_are_counted(desk: Desk, responder: Any) -> None:
    """Runs cut by faults mid-way (answers lost after the server took a batch among them):
    every change ends acknowledged once, with the server's first id, none lost or reordered."""
    r, _ = responder
    c = SyncClient(desk.store, desk.clock, timeout=0.5)
    c.enroll(responder[1], "ABCD-EFGH-JKLM")
    set_batch(desk, count=3)
    queued = changes(desk, [f"e{i % 4}" for i in range(60)])
    r.every = 3
    r.cycle = [APPLY_THEN_CUT, CUT_MID, CUT_BEFORE, (500, {}), NOT_JSON, SLOW, APPLY_THEN_CUT]
    tries = failures = faulted = 0
    for _ in range(200):
        tries += 1
        try:
            c.run()
        except SyncFailed as exc:
            faulted += 1
            failures += exc.reason not in ("unreachable", "server_error", "bad_answer")
        waiting = [i for i in unsent(desk) if i in set(queued)]
        # Oldest first: what is still waiting is always the tail of the queue.
        failures += waiting != queued[len(queued) - len(waiting) :]
        if not unsent(desk):
            break
    assert unsent(desk) == []
    sent = [ch["id"] for batch in r.pushes() for ch in batch]
    assert list(dict.fromkeys(i for i in sent if i in set(queued))) == queued
    with desk.store.read() as session:
        marks = dict(
            (row[0], row[1])
            for row in session.execute(select(OutboxEntry.id, OutboxEntry.server_id))
        )
    assert all(marks[i] == r.applied[i] for i in r.applied)
    resent = len(sent) - len(set(sent))
    print(f"mixed fault runs: tries={tries} faulted={faulted} resent={resent} failures={failures}")
    assert faulted >= 5 and resent >= 1
    assert failures == 0


def test_a_chain_problem_is_reported_and_changes_nothing_of_the_results(
    desk: Desk, responder: Any
) -> None:
    r, _ = responder
    c = enrolled(desk, responder)
    drain(desk, c)
    [a1] = changes(desk, ["A"])
    r.faults.append(
        (
            200,
            {
                "results": [{"id": a1, "status": "applied", "server_id": 77}],
                "chain": {"ok": False, "problem": "gap", "expected_seq": 5},
            },
        )
    )
    report = c.push()
    assert report.pushed == 1 and report.chain_problems == ["gap (expected seq 5)"]
    assert unsent(desk) == []
