"""The background sync's schedule: the interval, doubling backoff up to a cap, +-20% jitter."""

from __future__ import annotations

import itertools
import random

import pytest

from clerk_desk.desk import Desk
from clerk_desk.errors import InvalidInput
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.sync_schedule import (
    FIRST_RETRY_S,
    MAX_BACKOFF_S,
    backoff_s,
    jittered,
    next_delay_s,
)


def test_backoff_doubles_up_to_the_cap() -> None:
    delays = [backoff_s(n) for n in range(1, 12)]
    assert delays[:4] == [FIRST_RETRY_S, 2 * FIRST_RETRY_S, 4 * FIRST_RETRY_S, 8 * FIRST_RETRY_S]
    assert all(b == min(2 * a, MAX_BACKOFF_S) for a, b in itertools.pairwise(delays))
    assert delays[-1] == MAX_BACKOFF_S
    assert backoff_s(10_000) == MAX_BACKOFF_S  # no overflow, however long the server is away
    assert backoff_s(3, first_s=10, cap_s=25) == 25


def test_backoff_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        backoff_s(0)
    with pytest.raises(ValueError):
        backoff_s(1, first_s=60, cap_s=30)


def test_jitter_stays_within_twenty_percent_and_spreads() -> None:
    rng = random.Random(7)
    values = [jittered(100.0, rng.random) for _ in range(2000)]
    assert all(80.0 <= v <= 120.0 for v in values)
    assert min(values) < 84 and max(values) > 116  # it does spread, both ways
    assert jittered(100.0, lambda: 0.0) == pytest.approx(80.0)
    assert jittered(100.0, lambda: 0.5) == pytest.approx(100.0)


def test_next_delay_interval_after_success_backoff_after_failures() -> None:
    mid = lambda: 0.5  # noqa: E731 - no jitter
    assert next_delay_s(0, interval_minutes=5, rand=mid) == 300.0
    assert next_delay_s(1, interval_minutes=5, rand=mid) == FIRST_RETRY_S
    assert next_delay_s(2, interval_minutes=5, rand=mid) == 2 * FIRST_RETRY_S
    assert next_delay_s(50, interval_minutes=5, rand=mid) == MAX_BACKOFF_S
    # A long interval (once a day) is never made shorter by the cap of the backoff.
    assert next_delay_s(50, interval_minutes=1440, rand=mid) == 1440 * 60.0
    assert next_delay_s(0, interval_minutes=1, rand=lambda: 0.0) == pytest.approx(48.0)


def test_the_interval_setting_is_checked(desk: Desk) -> None:
    assert desk.settings().sync_interval_minutes == 5
    for value in (0, 1441, True, "5"):
        with pytest.raises(InvalidInput) as caught:
            desk.change_settings({"sync_interval_minutes": value}, actor_id=SYSTEM_ACTOR)
        assert caught.value.where == "sync_interval_minutes"
    for value in (1, 1440):
        desk.change_settings({"sync_interval_minutes": value}, actor_id=SYSTEM_ACTOR)
        assert desk.settings().sync_interval_minutes == value
