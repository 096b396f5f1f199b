"""The numbering of the earlier version, to make the cases an old store holds.

Today's intake with :func:`numbering` in force writes a case exactly as the
earlier version did: a 13-symbol tracking number composed from the terminal's
6-symbol code (``tracking_numbers.legacy_compose``, a 0-based daily sequence)
and a 10-symbol query code, into the case row, its audit entry, its outbox
payload and its documents.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy.orm import Session

from clerk_desk import tracking_numbers
from clerk_desk.desk import Desk
from clerk_desk.intake import IntakeService
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.models import TrackingSequence

OLD_CODE = "K7QM3P"


def next_tracking_number(session: Session, terminal: str, today: date) -> str:
    """``IntakeService._next_tracking_number`` as the earlier version had it."""
    seq = session.get(TrackingSequence, (terminal, today))
    if seq is None:
        seq = TrackingSequence(terminal_code=terminal, day=today, last=0)
        session.add(seq)
    number = tracking_numbers.legacy_compose(terminal, today, seq.last)
    seq.last += 1
    return number


def new_query_code() -> str:
    """``tracking_numbers.new_query_code`` as the earlier version had it."""
    return "".join(
        secrets.choice(tracking_numbers.LEGACY_ALPHABET)
        for _ in range(tracking_numbers.LEGACY_QUERY_CODE_LENGTH)
    )


@contextmanager
def numbering(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Cases opened in the block get the earlier version's numbers, under ``OLD_CODE``.

    The terminal's own number is put back afterwards.
    """
    number = desk.settings().terminal_code
    desk.update_settings(desk.settings().replace(terminal_code=OLD_CODE), actor_id=SYSTEM_ACTOR)
    with monkeypatch.context() as m:
        m.setattr(IntakeService, "_next_tracking_number", staticmethod(next_tracking_number))
        m.setattr(tracking_numbers, "new_query_code", new_query_code)
        yield
    desk.update_settings(desk.settings().replace(terminal_code=number), actor_id=SYSTEM_ACTOR)
