"""Admission of sync work: a worker takes what it can answer soon and asks the rest to wait.

When every terminal of a county syncs at the same moment (the server is back after an
outage, a morning's timers), each worker would otherwise take every request at once:
200 pushes share two cores, each answers after all the others (seconds), connections
time out, and the status page and the back office wait behind them. Instead each worker
process keeps at most ``max_pending`` sync requests (push, pull, recover) in hand; one
more is answered at once, before anything of it is read or done, with

    503  {"error": "busy", "message": "..."}   Retry-After: N

and the terminal sends the same request again after about N seconds (``clerk_desk.sync``:
with jitter, within a time budget, then the usual backoff). Nothing was applied, so the
same batch goes again, and the change ids make it exactly once either way.

``N`` grows with the number of requests turned away in the last second (1 s, up to
``MAX_RETRY_AFTER_S``), so a crowd spreads out instead of coming back together.

A pure ASGI middleware: it counts on the worker's event loop (one thread), so the
count needs no lock, and it costs a comparison for requests it does not guard.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from clerk_central.protocol import BASE_PATH

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PENDING_ENV = "CLERK_CENTRAL_SYNC_PENDING"
DEFAULT_PENDING = 4
MAX_RETRY_AFTER_S = 30
GUARDED = frozenset(f"{BASE_PATH}/{name}" for name in ("push", "pull", "recover"))


def pending_from_env() -> int:
    """``CLERK_CENTRAL_SYNC_PENDING`` (sync requests a worker keeps in hand), default 4."""
    raw = os.environ.get(PENDING_ENV, "").strip()
    if not raw:
        return DEFAULT_PENDING
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"clerk-central: {PENDING_ENV}={raw!r} is not a whole number") from None
    if value < 1:
        raise SystemExit(f"clerk-central: {PENDING_ENV} must be at least 1, not {value}")
    return value


class SyncAdmission:
    """Answers ``busy`` (503, Retry-After) to a sync request past ``max_pending`` in hand.

    Attributes (read by tests and ``/readyz``-style checks): ``pending`` (sync requests
    in hand now), ``turned_away`` (answered busy since the start).
    """

    def __init__(
        self,
        app: ASGIApp,
        max_pending: int | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.max_pending = max_pending if max_pending is not None else pending_from_env()
        self.pending = 0
        self.turned_away = 0
        self._clock = clock
        self._recent: list[float] = []  # when requests were turned away, the last second

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in GUARDED:
            await self.app(scope, receive, send)
            return
        if self.pending >= self.max_pending:
            await self._busy(send)
            return
        self.pending += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.pending -= 1

    def retry_after_s(self) -> int:
        """1 s, plus 1 s for every ``max_pending`` requests turned away in the second before."""
        now = self._clock()
        self._recent = [t for t in self._recent if now - t < 1.0]
        seconds = 1 + len(self._recent) // max(1, self.max_pending)
        self._recent.append(now)
        return min(MAX_RETRY_AFTER_S, seconds)

    async def _busy(self, send: Send) -> None:
        self.turned_away += 1
        seconds = self.retry_after_s()
        body = json.dumps(
            {
                "error": "busy",
                "message": f"The server is busy: send the same request again in {seconds} s.",
                "retry_after": seconds,
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(seconds).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


__all__ = ["DEFAULT_PENDING", "GUARDED", "PENDING_ENV", "SyncAdmission", "pending_from_env"]
