"""Item search benchmark. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_item_search.py [--items 5000] [--repeat 20]

1. import of ``clerk_desk.item_search`` (loads pypinyin's dictionaries);
2. ``ItemSearchIndex`` build over a generated catalog, target < 1 s;
3. per-keystroke search: realistic queries typed one character at a time
   (every prefix is searched, as the search box does), default limit 30,
   with ``re``'s pattern cache emptied before each keystroke (worst case);
   median / p95 / max per keystroke against the 16 ms frame budget (the
   target is for a slow two-core machine: aim well below it here).
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
FRAME_MS = 16.0

QUERIES = (
    "zuidi",
    "zuidishenghuobaozhang",
    "zui di sheng huo",
    "dibao",
    "zdshbz",
    "ylbx",
    "yanglaobaoxian",
    "养老保险",
    "最低生活保障",
    "低保",
    "{code}",  # a code of the generated catalog, whole
    "{tail}",  # its department and number: MZ-01234
    "{tail_compact}",  # the same, lowercase without the hyphen: mz01234
    "{tail_fullwidth}",  # the same, typed in full width: ＭＺ－０１２３４
    "shehuibaozhangka",
    "gengdidili",
    "xqzzxqzz",  # typo-like: nothing matches, every tier runs
)


def _generator() -> Callable[..., dict[str, object]]:
    spec = importlib.util.spec_from_file_location("generate_catalog", HERE / "generate_catalog.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_catalog  # type: ignore[no-any-return]


def _p95(ordered: list[float]) -> float:
    return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20, help="times each query is typed")
    args = parser.parse_args(argv)

    from clerk_desk.catalog import StoredItem
    from clerk_desk.catalog_format import Item

    t0 = time.perf_counter()
    from clerk_desk.item_search import ItemSearchIndex

    print(f"import clerk_desk.item_search (loads pypinyin): {_ms(time.perf_counter() - t0)}")

    doc = _generator()(args.items, seed=1)
    objs = doc["items"]
    assert isinstance(objs, list)
    stored = [StoredItem(str(i), "v", "bench-1", Item.from_json(o)) for i, o in enumerate(objs)]

    builds = []
    for _ in range(3):
        t0 = time.perf_counter()
        index = ItemSearchIndex(stored)
        builds.append(time.perf_counter() - t0)
    verdict = "OK" if builds[0] < 1.0 else "MISSED"
    print(
        f"index build, {len(stored):,} items: first {_ms(builds[0])}, "
        f"best {_ms(min(builds))}  (target < 1 s: {verdict})"
    )

    code = stored[len(stored) // 4].item.code
    tail = code.split("-", 1)[1]
    fields = {
        "code": code,
        "tail": tail,
        "tail_compact": tail.replace("-", "").lower(),
        "tail_fullwidth": "".join(chr(ord(c) + 0xFEE0) for c in tail),
    }
    queries = [q.format(**fields) for q in QUERIES]

    print(f"\nper keystroke (each prefix of the query, limit 30), {args.repeat} runs each:")
    every: list[float] = []
    for query in queries:
        samples: list[float] = []
        hits = 0
        for _ in range(args.repeat):
            for end in range(1, len(query) + 1):
                re.purge()  # as when typing something new: every pattern is compiled afresh
                t0 = time.perf_counter()
                result = index.search(query[:end])
                samples.append(time.perf_counter() - t0)
                hits = len(result)
        every += samples
        samples.sort()
        print(
            f"  {query!r:<26} median {_ms(statistics.median(samples))}  "
            f"p95 {_ms(_p95(samples))}  max {_ms(samples[-1])}  "
            f"(final query: {hits} hits)"
        )
    every.sort()
    median = statistics.median(every)
    p95 = _p95(every)
    print(
        f"\nall keystrokes (n={len(every)}): median {_ms(median)}  p95 {_ms(p95)}  "
        f"max {_ms(every[-1])}"
    )
    print(
        f"frame budget {FRAME_MS:g} ms: p95 is {p95 * 1000 / FRAME_MS:.1%} of it, "
        f"max {every[-1] * 1000 / FRAME_MS:.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
