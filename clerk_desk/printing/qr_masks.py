"""A fast choice of the QR mask pattern, the very one ``qrcode`` chooses.

Why this exists: performance. To pick one of the eight mask patterns,
``qrcode.QRCode.best_mask_pattern`` builds the whole symbol once per mask
(``makeImpl(True, mask)``) and scores each build with
``qrcode.util.lost_point``, the penalty of ISO/IEC 18004 (section 7.8.3),
walking every module in pure Python. For the version 13 code of a 40-row
handover list that search is about 30 ms of a 36 ms ``make()``, nearly half the
render of the whole list. :class:`FastMaskQRCode` makes the same choice in a
few milliseconds:

* it builds the symbol once. In qrcode's trial builds the format and version
  information is left light whatever the mask, so the eight trial symbols
  differ only in the data modules, each one the data bit flipped where its
  mask says so: every other trial symbol is the first one flipped, row by row
  as integers, where the two masks differ;
* :func:`lost_point` scores a symbol with its rows and columns as byte strings
  (``b"0"``/``b"1"``), the scans done by ``re`` and ``bytes.count``, and its
  rows as integers for the 2x2 blocks.

The score must equal ``qrcode.util.lost_point`` for every matrix, and the
trial symbols qrcode's own: otherwise another mask might be chosen and a
document printed again would no longer carry the very same code.
tests/test_qr_masks.py checks both against the library, mask by mask. The
rules as qrcode counts them (its loops skip ahead only past positions that
cannot score, so those shortcuts change no count):

1. every run of five or more modules of one colour in a row or a column:
   its length minus 2 (N1 = 3, plus 1 for each module beyond five);
2. every 2x2 block of one colour, overlapping blocks each: 3;
3. every ``10111010000`` or ``00001011101`` (dark = 1) in a row or a column,
   overlapping ones each: 40;
4. 10 for each full 5 % by which the share of dark modules departs from 50 %.

Ties go to the lowest mask number, as in qrcode. The symbol finally drawn is
still built by qrcode itself (``makeImpl(False, best)`` in ``make()``).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any, cast

from qrcode.main import QRCode
from qrcode.util import mask_func

__all__ = ["FastMaskQRCode", "lost_point"]

_MASKS = range(8)  # the eight mask patterns, 000 to 111

_DIGITS = bytes.maketrans(b"\x00\x01", b"01")  # bytes([False, True]) -> b"01"
# Rule 1, one pattern per colour: re finds a literal prefix fast, while an
# alternation of the two would be tried at every position (twice as slow).
_RUNS = (re.compile(rb"00000+"), re.compile(rb"11111+"))
# Rule 3: neither pattern overlaps itself (one begins with 1 and ends with 0, the
# other the reverse), so bytes.count, which counts without overlaps, finds them all.
_FINDER_LIKE = (b"10111010000", b"00001011101")


def lost_point(modules: Sequence[Sequence[bool]]) -> int:
    """The penalty of a square module matrix (True dark), as ``qrcode.util.lost_point``."""
    return _penalty([bytes(row).translate(_DIGITS) for row in modules])


def _penalty(rows: list[bytes]) -> int:
    """The penalty of a square matrix given as its rows of b"0"/b"1" (b"1" dark)."""
    count = len(rows)
    columns = [bytes(column) for column in zip(*rows, strict=True)]
    # One line after another: the separator ends every run and pattern with its line.
    lines = b"\n".join(rows + columns)

    runs = sum(len(run) - 2 for pattern in _RUNS for run in pattern.findall(lines))
    blocks = 3 * _uniform_blocks([int(row, 2) for row in rows], count)
    finder_like = 40 * sum(lines.count(pattern) for pattern in _FINDER_LIKE)

    dark = lines.count(b"1") // 2  # each dark module is in one row and one column
    percent = float(dark) / (count**2)  # the very float arithmetic of qrcode
    balance = int(abs(percent * 100 - 50) / 5) * 10

    return runs + blocks + finder_like + balance


def _uniform_blocks(rows: Sequence[int], count: int) -> int:
    """The number of 2x2 blocks of one colour (overlapping) among rows of ``count`` bits."""
    pairs = (1 << (count - 1)) - 1  # a bit for each two neighbouring columns
    blocks = 0
    for top, bottom in itertools.pairwise(rows):
        same_below = ~(top ^ bottom)  # bit set: the module below has the same colour
        same_beside = ~(top ^ (top >> 1))  # bit set: so has the one beside it
        blocks += (same_below & (same_below >> 1) & same_beside & pairs).bit_count()
    return blocks


def _bits(cells: Iterable[bool]) -> int:
    """A row of cells as an integer, its first cell the highest bit."""
    return int(bytes(cells).translate(_DIGITS), 2)


@functools.lru_cache(maxsize=64)
def _mask_rows(mask: int, count: int) -> tuple[int, ...]:
    """Where ``mask`` flips a module, row by row as :func:`_bits` of a ``count`` symbol."""
    flips = mask_func(mask)
    return tuple(_bits(flips(row, col) for col in range(count)) for row in range(count))


class FastMaskQRCode(QRCode[Any]):
    """``qrcode.QRCode`` with the same mask search, done fast (see the module)."""

    _data_region: list[int]  # the modules map_data fills, row by row as _bits

    def map_data(self, data: Sequence[int], mask_pattern: int) -> None:
        # The modules still unset are the data region, where the masks apply.
        self._data_region = [_bits(module is None for module in row) for row in self.modules]
        super().map_data(data, mask_pattern)

    def best_mask_pattern(self) -> int:
        scores = [_penalty(rows) for rows in self.trial_symbols()]
        return scores.index(min(scores))  # the first of equal scores, as qrcode

    def trial_symbols(self) -> list[list[bytes]]:
        """qrcode's eight trial builds (``makeImpl(True, mask)``), as rows of b"0"/b"1"."""
        self.makeImpl(True, 0)
        count = self.modules_count
        # makeImpl has set every module: no None is left in the matrix.
        symbol = [_bits(row) for row in cast("list[list[bool]]", self.modules)]
        mask0 = _mask_rows(0, count)
        symbols = []
        for mask in _MASKS:
            flips = zip(symbol, mask0, _mask_rows(mask, count), self._data_region, strict=True)
            symbols.append(
                [
                    format(row ^ ((first ^ this) & region), f"0{count}b").encode("ascii")
                    for row, first, this, region in flips
                ]
            )
        return symbols
