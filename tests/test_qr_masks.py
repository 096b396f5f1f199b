"""The fast mask search chooses exactly the mask qrcode chooses.

clerk_desk.printing.qr_masks replaces qrcode's slow mask search for speed. A
different mask would still be a valid code, but not the same one: a document
printed again would differ from the first print. So the penalty is compared
with ``qrcode.util.lost_point``, the trial symbols with qrcode's
``makeImpl(True, mask)``, mask by mask, and the mask chosen and the symbol
printed with plain qrcode's, for payloads of every kind: text (CJK
included), digits and the alphanumeric set of the app's payloads, short and
long, at both error correction levels the layout uses.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, cast

import pytest
import qrcode.util
from hypothesis import given, settings
from hypothesis import strategies as st
from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError
from qrcode.main import QRCode
from qrcode.util import lost_point as qrcode_lost_point
from support import printing as h

from clerk_desk.printing import qr_masks
from clerk_desk.printing.documents import handover_qr_payload
from clerk_desk.printing.layout import _qr_matrix
from clerk_desk.printing.qr_masks import FastMaskQRCode, lost_point

LEVELS = {"M": ERROR_CORRECT_M, "L": ERROR_CORRECT_L}
ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def of_length(alphabet: st.SearchStrategy[str], longest: int) -> st.SearchStrategy[str]:
    """Text of any length up to ``longest`` (left alone, hypothesis mostly makes short ones)."""
    return st.integers(min_value=1, max_value=longest).flatmap(
        lambda n: st.text(alphabet, min_size=n, max_size=n)
    )


payloads = st.one_of(
    of_length(st.characters(exclude_categories=["Cs"]), 150),
    of_length(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), 200),
    of_length(st.sampled_from("0123456789"), 1500),
    of_length(st.sampled_from(ALPHANUMERIC), 900),
)
levels = st.sampled_from(sorted(LEVELS))

# Long ones, beyond what the generated payloads reach: the 40-row handover
# list's (version 13 at M) and the largest symbols (version 40).
LONG = [
    pytest.param(handover_qr_payload(h.handover_40()), "M", id="handover-40"),
    pytest.param("".join(random.Random(7).choices("0123456789", k=5596)), "M", id="v40-M"),
    pytest.param("".join(random.Random(8).choices(ALPHANUMERIC, k=4296)), "L", id="v40-L"),
]


def fitted(cls: type[QRCode], payload: str, level: str) -> QRCode | None:
    """A code of ``payload`` at its version, its mask not chosen (None if qrcode fails).

    qrcode fails on a payload too long for version 40 and, in its error
    correction (``ValueError: glog(0)``), on some others such as 199 zeros;
    then ``_qr_matrix`` has no code either.
    """
    qr = cls(error_correction=LEVELS[level], border=0)
    qr.add_data(payload)
    try:
        qr.best_fit()
        qr.makeImpl(True, 0)  # encodes the data, as the mask search does first
    except (DataOverflowError, ValueError):
        return None
    return qr


def rows(modules: Sequence[Sequence[bool | None]]) -> list[bytes]:
    return [b"".join(b"1" if module else b"0" for module in row) for row in modules]


def check_each_mask(payload: str, level: str) -> None:
    plain, fast = fitted(QRCode, payload, level), fitted(FastMaskQRCode, payload, level)
    if plain is None or fast is None:
        assert plain is None and fast is None
        return
    trials = cast(FastMaskQRCode, fast).trial_symbols()
    assert len(trials) == 8
    for mask, trial in enumerate(trials):
        plain.makeImpl(True, mask)
        assert trial == rows(plain.modules), f"trial symbol of mask {mask}"
        matrix = cast(list[list[bool]], plain.modules)  # filled: no None left
        assert lost_point(matrix) == qrcode_lost_point(plain.modules), f"mask {mask}"


def check_made(payload: str, level: str) -> None:
    plain, fast = fitted(QRCode, payload, level), fitted(FastMaskQRCode, payload, level)
    if plain is None or fast is None:
        assert plain is None and fast is None
        assert _qr_matrix(payload, level) is None
        return
    assert fast.best_mask_pattern() == plain.best_mask_pattern()
    plain.make(fit=True)
    assert _qr_matrix(payload, level) == tuple(tuple(row) for row in plain.get_matrix())


@settings(max_examples=45, deadline=None)
@given(payload=payloads, level=levels)
def test_the_penalty_and_trial_symbols_are_qrcodes_for_every_mask(payload: str, level: str) -> None:
    check_each_mask(payload, level)


@settings(max_examples=25, deadline=None)
@given(payload=payloads, level=levels)
def test_the_mask_chosen_and_the_symbol_are_plain_qrcodes(payload: str, level: str) -> None:
    check_made(payload, level)


@pytest.mark.parametrize(("payload", "level"), LONG)
def test_long_payloads(payload: str, level: str) -> None:
    check_each_mask(payload, level)
    check_made(payload, level)


@pytest.mark.parametrize(
    "scores",
    [[7] * 8, [9, 4, 6, 4, 4, 8, 9, 4], [5, 5, 5, 5, 5, 5, 5, 1], [0, 0, 1, 1, 1, 1, 1, 1]],
)
def test_equal_scores_go_to_the_lowest_mask_as_in_qrcode(
    monkeypatch: pytest.MonkeyPatch, scores: list[int]
) -> None:
    """Ties are rare in real symbols, so the scores are given here, mask by mask."""
    plain, fast = fitted(QRCode, "CLERKDESK", "M"), fitted(FastMaskQRCode, "CLERKDESK", "M")
    assert plain is not None and fast is not None
    plain_scores, fast_scores = iter(scores), iter(scores)
    monkeypatch.setattr(qrcode.util, "lost_point", lambda modules: next(plain_scores))
    monkeypatch.setattr(qr_masks, "_penalty", lambda rows: next(fast_scores))
    chosen = fast.best_mask_pattern()
    assert chosen == plain.best_mask_pattern() == scores.index(min(scores))


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(min_value=11, max_value=45),
    dark=st.sampled_from([0.05, 0.3, 0.5, 0.7, 0.95]),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_the_penalty_of_any_matrix_is_qrcodes(n: int, dark: float, seed: int) -> None:
    """Not only QR symbols: runs, blocks and patterns at every edge, light or dark."""
    rng = random.Random(seed)
    matrix = [[rng.random() < dark for _ in range(n)] for _ in range(n)]
    assert lost_point(matrix) == qrcode_lost_point(cast(Any, matrix))


@pytest.mark.parametrize("n", [11, 21, 25])
@pytest.mark.parametrize(
    "cell",
    [
        lambda r, c: False,
        lambda r, c: True,
        lambda r, c: (r + c) % 2 == 0,
        lambda r, c: r % 2 == 0,
        lambda r, c: c < 5,
        lambda r, c: "10111010000"[c % 11] == "1",
        lambda r, c: "00001011101"[(r + c) % 11] == "1",
        lambda r, c: (r // 2 + c // 3) % 2 == 0,
    ],
    ids=[
        "light",
        "dark",
        "checkered",
        "stripes",
        "dark-edge",
        "finder-rows",
        "finder-diagonal",
        "blocks",
    ],
)
def test_the_penalty_of_regular_matrices_is_qrcodes(n: int, cell) -> None:  # type: ignore[no-untyped-def]
    matrix = [[cell(r, c) for c in range(n)] for r in range(n)]
    assert lost_point(matrix) == qrcode_lost_point(cast(Any, matrix))
