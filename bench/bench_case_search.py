"""Case-list searches over 500,000 cases, as the main window runs them. Prints figures.

    .venv/bin/python bench/bench_case_search.py [--cases 500000] [--data DIR] [--before]

The store is filled by ``bench_case_lists.fill`` (bulk insert) with the cases
opened before 2024 numbered in the old 13-symbol form of terminal code
``7FVV5X`` (a store upgraded from an earlier version), the later ones in the
new form; ``--data DIR`` keeps it for the next run.

Each search kind is timed as the main window's database task: the search
(:meth:`CaseLists.search`: the first 200 matches and the count up to 5,000)
plus the first page of 100 rows by key. Median and max of 15 runs, target
300 ms. ``--before`` also times the way of the code before it (every matching
key, :meth:`CaseLists.keys`, then the first page), 3 runs each.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType

from sqlalchemy import func, select

from clerk_desk import tracking_numbers
from clerk_desk.case_lists import CaseListFilter, CaseLists, View
from clerk_desk.desk import Desk
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.models import Applicant, Case

HERE = Path(__file__).resolve().parent
TARGET_MS = 300.0
PAGE = 100  # the main window's first page of rows
LEGACY_BEFORE = date(2024, 1, 1)


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


lists_bench = _load("bench_case_lists")


def timed(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def report(name: str, samples: list[float], found: str) -> None:
    med = statistics.median(samples) * 1000
    worst = max(samples) * 1000
    verdict = "OK" if worst < TARGET_MS else "MISSED"
    print(
        f"{name:<46} {found:>22}  median {med:7.1f} ms  max {worst:7.1f} ms  "
        f"n={len(samples):<3} target < {TARGET_MS:g} ms: {verdict}"
    )


def probes(desk: Desk) -> dict[str, str]:
    """Search texts for each kind, read from the store (so a kept store works too)."""
    with desk.store.read() as s:
        newest = select(Case.tracking_number).order_by(Case.created_at.desc()).limit(1500)
        recent = list(s.scalars(newest))[-1]
        old_month = s.scalar(
            select(Case.tracking_number)
            .where(Case.tracking_number >= "2402", Case.tracking_number < "2403")
            .limit(1)
        )
        person = s.scalars(
            select(Applicant)
            .where(func.length(Applicant.name) == 3)
            .order_by(Applicant.id_number)
            .offset(100_000)
            .limit(1)
        ).one()
    assert old_month is not None
    return {
        "name, full (3 characters)": person.name,
        "name, surname (1 character)": person.name[:1],
        "name, 2 characters inside": person.name[1:],
        "tracking number, full (printed form)": tracking_numbers.display(recent),
        "tracking number, partial (first 2 groups)": tracking_numbers.display(recent)[:9],
        "tracking number, a month 2 years ago": old_month[:4],
        "terminal prefix (old form, 4 symbols)": lists_bench.LEGACY_TERMINAL[:4],
        "phone, full": person.phone,
        "phone, prefix of 7": person.phone[:7],
        "phone, prefix of 4": person.phone[:4],
        "ID number, full": person.id_number,
        "ID number, 6 digits (the county)": person.id_number[:6],
        "ID number, 10 digits (county, birth year)": person.id_number[:10],
        "no match (a name)": "欧阳",
        "no match (digits)": "59595959",
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500_000)
    parser.add_argument("--data", type=Path, help="use (and keep) this data directory")
    parser.add_argument("--before", action="store_true", help="also time keys() + first page")
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}; load {load}")
    with tempfile.TemporaryDirectory() as tmp_name:
        data = args.data or Path(tmp_name) / "search"
        fresh = not (data / "clerk_desk.sqlite3").exists()
        desk = Desk.open(data, clock=lists_bench.FixedClock(lists_bench.NOW))
        ensure_ready(desk)
        if fresh:
            lists_bench.fill(desk, args.cases, legacy_before=LEGACY_BEFORE)
        demo = desk.staff.by_login(DEMO_LOGIN)
        assert demo is not None
        other = desk.staff.by_login("bench0")  # 15% of the cases (the demo clerk: 40%)
        assert other is not None
        lists = CaseLists(desk.store, desk.clock, desk.calendar, desk.settings)
        texts = probes(desk)
        runs: list[tuple[View, str, str, str]] = [("all", k, t, demo.id) for k, t in texts.items()]
        for kind in (
            "name, surname (1 character)",
            "ID number, 6 digits (the county)",
            "terminal prefix (old form, 4 symbols)",
            "phone, prefix of 4",
        ):
            runs.append(("mine", f"{kind}, in 'mine' (40%)", texts[kind], demo.id))
            runs.append(("mine", f"{kind}, in 'mine' (15%)", texts[kind], other.id))
        county = texts["ID number, 6 digits (the county)"]
        for view in ("today", "overdue", "waiting"):
            runs.append((view, f"ID number, 6 digits, in {view!r}", county, demo.id))
        for view, label, text, clerk_id in runs:
            f = CaseListFilter(view, clerk_id, text)

            def task(f: CaseListFilter = f) -> None:
                found = lists.search(f)
                lists.rows_by_key(found.keys[:PAGE])

            found = lists.search(f)
            shown = f"{'>' if found.more else ''}{found.matched:,} ({len(found.keys)} shown)"
            timed(task, 1)
            report(label, timed(task, 15), shown)
            if args.before:

                def before(f: CaseListFilter = f) -> None:
                    keys = lists.keys(f)
                    lists.rows_by_key(keys[:PAGE])

                report("  before: keys() + first page", timed(before, 3), "")
        desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
