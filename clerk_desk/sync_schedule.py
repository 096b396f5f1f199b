"""When the app syncs next: the interval, and backoff with jitter after failures.

Pure functions (no Qt, no clock): the app's sync runner asks them for a delay.

* After a success the next sync comes one interval later (the setting
  ``sync_interval_minutes``).
* After ``failures`` failures in a row it comes sooner at first and then
  later and later: ``FIRST_RETRY_S`` doubled per further failure, never more
  than the cap (``MAX_BACKOFF_S``, or the interval when that is longer).
* Every delay is spread by +-20% (``JITTER``) so that the terminals of a
  county do not all call the server in the same second after it comes back.
"""

from __future__ import annotations

import random
from collections.abc import Callable

FIRST_RETRY_S = 30.0
MAX_BACKOFF_S = 30 * 60.0
JITTER = 0.2


def backoff_s(
    failures: int, *, first_s: float = FIRST_RETRY_S, cap_s: float = MAX_BACKOFF_S
) -> float:
    """The delay before the next try after ``failures`` failures in a row (no jitter).

    1 -> ``first_s``, 2 -> twice that, 3 -> four times..., never above ``cap_s``.
    """
    if failures < 1:
        raise ValueError("backoff is for one failure or more")
    if first_s <= 0 or cap_s < first_s:
        raise ValueError("need 0 < first_s <= cap_s")
    # 2**n grows fast: stop doubling once past the cap (no float overflow at 10,000 failures).
    delay = first_s
    for _ in range(failures - 1):
        delay *= 2
        if delay >= cap_s:
            return cap_s
    return delay


def jittered(
    delay_s: float, rand: Callable[[], float] = random.random, spread: float = JITTER
) -> float:
    """``delay_s`` moved by up to +-``spread`` of itself; ``rand`` returns [0, 1)."""
    return delay_s * (1.0 + spread * (2.0 * rand() - 1.0))


def next_delay_s(
    failures: int,
    *,
    interval_minutes: int,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds until the next background sync, jitter included.

    ``failures`` is the number of failed syncs in a row (0 after a success).
    """
    interval_s = interval_minutes * 60.0
    if failures == 0:
        return jittered(interval_s, rand)
    cap = max(MAX_BACKOFF_S, interval_s)
    return jittered(backoff_s(failures, first_s=min(FIRST_RETRY_S, interval_s), cap_s=cap), rand)
