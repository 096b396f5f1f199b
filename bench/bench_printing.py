"""Printing benchmarks. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_printing.py [--warm 30] [--cold 3]

For each document (the samples of tests/support/printing.py, whose names
need CJK Extension A and B fonts) on A4 and on the 80 mm roll:

* cold: a fresh Python process imports the printing package, discovers the
  fonts, reads their cmaps, loads the fonts it needs into reportlab and
  renders once. Measured inside the child from its first line (imports
  included) to the PDF bytes, target < 500 ms; the wall time of the whole
  process (interpreter start-up included) is shown for reference. Median of
  ``--cold`` processes.
* warm: the same renderer (font cache loaded) renders a new document of the
  same kind (another tracking number or batch, so no QR code or layout is
  reused from the render before, as at the counter); median of ``--warm``
  renders, target < 50 ms.

The handover list is measured with the 3-row sample and with 40 rows (a big
village batch).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent / "tests"

COLD_TARGET_MS = 500.0
WARM_TARGET_MS = 50.0

# (label, renderer method, sample factory in tests/support/printing.py)
DOCUMENTS = (
    ("受理通知书 acceptance", "acceptance_notice", "acceptance"),
    ("一次性告知书 one-time notice", "one_time_notice", "one_time"),
    ("容缺受理承诺书 promise", "tolerant_promise", "promise"),
    ("不予受理通知书 rejection", "rejection_notice", "rejection"),
    ("代办件移交清单 handover", "handover_list", "handover"),
    ("代办件移交清单 handover, 40 rows", "handover_list", "handover_40"),
)
LAYOUTS = ("a4", "roll80")
A4_ONLY = ("tolerant_promise", "rejection_notice")  # sealed documents: never on the roll

CHILD = """
import time
t0 = time.perf_counter()
import json, sys
sys.path.insert(0, {tests!r})
from support import printing as printing_helpers
from clerk_desk.printing import DocumentRenderer
data = getattr(printing_helpers, {factory!r})()
t1 = time.perf_counter()
pdf = getattr(DocumentRenderer(), {method!r})(data, {layout!r})
t2 = time.perf_counter()
print(json.dumps({{"total": t2 - t0, "render": t2 - t1, "bytes": len(pdf)}}))
"""


def cold(method: str, factory: str, layout: str) -> tuple[float, float, float]:
    """(in-process ms from first line, first render ms incl. font loading, wall ms)."""
    code = CHILD.format(tests=str(TESTS), factory=factory, method=method, layout=layout)
    w0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - w0
    figures = json.loads(out.stdout)
    return figures["total"] * 1000, figures["render"] * 1000, wall * 1000


def warm(method: str, factory: str, layout: str, n: int) -> float:
    sys.path.insert(0, str(TESTS))
    from support import printing as printing_helpers

    from clerk_desk.printing import DocumentRenderer

    renderer = DocumentRenderer()
    make = getattr(printing_helpers, factory)
    render = getattr(renderer, method)
    render(make(), layout)  # fonts loaded once: that is what "warm" means
    samples = []
    for i in range(n):
        data = printing_helpers.another(make(), i)  # a new case: a new QR code
        t0 = time.perf_counter()
        render(data, layout)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", type=int, default=30, help="warm renders per document")
    parser.add_argument("--cold", type=int, default=3, help="fresh processes per document")
    args = parser.parse_args()

    print(
        f"{'document':32} {'layout':7} {'cold ms':>8} {'(render)':>9} {'(wall)':>8} "
        f"{'warm ms':>8}  verdict"
    )
    for label, method, factory in DOCUMENTS:
        for layout in ("a4",) if method in A4_ONLY else LAYOUTS:
            runs = [cold(method, factory, layout) for _ in range(args.cold)]
            total = statistics.median(r[0] for r in runs)
            first = statistics.median(r[1] for r in runs)
            wall = statistics.median(r[2] for r in runs)
            w = warm(method, factory, layout, args.warm)
            ok = total < COLD_TARGET_MS and w < WARM_TARGET_MS
            print(
                f"{label:32} {layout:7} {total:8.0f} {first:9.0f} {wall:8.0f} {w:8.1f}  "
                f"{'ok' if ok else 'OVER TARGET'}"
            )
    print(
        f"targets: cold < {COLD_TARGET_MS:.0f} ms (imports + font loading + render, "
        f"measured in the child), warm < {WARM_TARGET_MS:.0f} ms (median)"
    )


if __name__ == "__main__":
    main()
