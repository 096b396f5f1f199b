"""Case-list benchmarks for the main window. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_case_lists.py [--cases 500000] [--keep DIR]

Fills a store with ``--cases`` cases (bulk insert, bypassing the services),
spread over five years like a township centre's history: most cases closed,
about a thousand running, some overdue, a handful waiting for the applicant's
return, five clerks (one of them taking 40% of the cases).

Then times the lists against the UI target: the list must open in under
300 ms, i.e. ``ids(view)`` plus the first page of ``rows``; and the main
window's own way, one database task of ``keys(view)`` plus the first page of
100 rows by key (``MainWindow.reload_list``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert

from clerk_desk import tracking_numbers
from clerk_desk.case_lists import VIEWS, CaseListFilter, CaseLists
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.identity_numbers import resident_id_check_char
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.models import Applicant, Case, CaseMaterial, new_id
from clerk_desk.working_days import due_date

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 16, 0, tzinfo=CHINA_TZ)
FIRST_DAY = date(2021, 11, 22)
OPEN_TARGET_MS = 300.0
LEGACY_TERMINAL = "7FVV5X"  # an old-form terminal code (fill(legacy_before=...))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂䶮𠈌"


def timed(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def report(name: str, samples: list[float], target_ms: float | None = None) -> float:
    med = statistics.median(samples) * 1000
    p95 = sorted(samples)[max(0, int(len(samples) * 0.95) - 1)] * 1000
    tgt = ""
    if target_ms:
        verdict = "OK" if med < target_ms else "MISSED"
        tgt = f"target < {target_ms:g} ms: {verdict} ({med / target_ms:.2f}x)"
    print(f"{name:<52} median {med:8.2f} ms  p95 {p95:8.2f} ms  n={len(samples):<4} {tgt}")
    return med


def fill(
    desk: Desk, n_cases: int, seed: int = 5, *, legacy_before: date | None = None
) -> dict[str, object]:
    """Bulk-insert ``n_cases`` cases for ``n_cases / 2`` applicants; returns probes.

    ``legacy_before``: cases opened before that day carry old 13-symbol numbers
    of terminal code ``LEGACY_TERMINAL`` (a store upgraded from an earlier version).
    """
    rng = random.Random(seed)
    demo = desk.staff.by_login(DEMO_LOGIN)
    assert demo is not None
    clerks = [demo.id]
    for k in range(4):
        clerks.append(
            desk.staff.create(
                actor_id=SYSTEM_ACTOR,
                login=f"bench{k}",
                name=f"窗口{k}",
                role="clerk",
                window=str(k),
            ).id
        )
    clerk_weights = [40, 15, 15, 15, 15]
    stored = desk.catalog.items()
    timed_items = [s for s in stored if not s.item.time_limit.immediate]
    cal = desk.calendar.calendar()
    tz = ZoneInfo("Asia/Shanghai")
    now = NOW.astimezone(UTC)
    t0 = time.perf_counter()
    people: list[dict[str, object]] = []
    seen: set[str] = set()
    i = 0
    while len(people) < max(1, n_cases // 2):
        born = date(1950, 1, 1) + timedelta(days=i % 20000)
        body = f"370830{born:%Y%m%d}{i // 20000:03d}"
        i += 1
        number = body + resident_id_check_char(body)
        if number in seen:
            continue
        seen.add(number)
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        people.append(
            {
                "id": new_id(),
                "kind": "person",
                "name": name,
                "id_number": number,
                "phone": f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
                "contact_person": "",
                "created_at": now,
                "updated_at": now,
            }
        )
    with desk.store.write() as s:
        for chunk in range(0, len(people), 20000):
            s.execute(insert(Applicant), people[chunk : chunk + 20000])

    span = (TODAY - FIRST_DAY).days + 1
    per_day: dict[date, int] = {}
    cases: list[dict[str, object]] = []
    missing: list[dict[str, object]] = []
    numbers: list[str] = []
    terminal = "00042"  # a county-assigned terminal number
    due_cache: dict[tuple[date, int, str], date] = {}
    with desk.store.write() as s:
        for k in range(n_cases):
            day = FIRST_DAY + timedelta(days=k * span // n_cases)
            seq = per_day.get(day, 0)
            per_day[day] = seq + 1
            legacy = legacy_before is not None and day < legacy_before
            if legacy:
                number = tracking_numbers.legacy_compose(LEGACY_TERMINAL, day, seq)
            else:
                number = tracking_numbers.compose(terminal, day, seq + 1)
            numbers.append(number)
            local = datetime(day.year, day.month, day.day, 8, 30, tzinfo=tz) + timedelta(
                seconds=rng.randrange(9 * 3600)
            )
            if day == TODAY:
                local = min(local, NOW - timedelta(minutes=1))
            st = rng.choice(timed_items)
            limit = st.item.time_limit
            age = (TODAY - day).days
            r = rng.random()
            if age > 60:
                state = (
                    "delivered"
                    if r < 0.9
                    else "completed"
                    if r < 0.95
                    else "rejected"
                    if r < 0.98
                    else "withdrawn"
                )
            elif age > 30:
                state = (
                    "delivered"
                    if r < 0.6
                    else "completed"
                    if r < 0.8
                    else "in_progress"
                    if r < 0.9
                    else "suspended"
                    if r < 0.95
                    else "decided"
                )
            else:
                state = (
                    "consulted"
                    if r < 0.05
                    else "notice_issued"
                    if r < 0.15
                    else "accepted"
                    if r < 0.35
                    else "tolerant_accepted"
                    if r < 0.4
                    else "in_progress"
                    if r < 0.8
                    else "suspended"
                    if r < 0.85
                    else "decided"
                    if r < 0.9
                    else "completed"
                )
            accepted_on = due_on = None
            if state not in ("consulted", "notice_issued", "rejected"):
                accepted_on = day
                key = (day, limit.promised_days, limit.unit)
                if key not in due_cache:
                    due_cache[key] = due_date(day, *key[1:], cal).due_on  # type: ignore[arg-type]
                due_on = due_cache[key]
            case_id = new_id()
            promise_date = None
            if state == "tolerant_accepted":
                # A material promised within two weeks, not yet handed in.
                promise_date = day + timedelta(days=rng.randrange(3, 15))
                missing.append(
                    {
                        "case_id": case_id,
                        "material_id": "promised",
                        "status": "missing",
                        "marked_at": local,
                        "marked_by": demo.id,
                    }
                )
            cases.append(
                {
                    "id": case_id,
                    "tracking_number": number,
                    "query_code": "23456789",
                    "terminal_code": LEGACY_TERMINAL if legacy else terminal,
                    "item_id": st.row_id,
                    "catalog_version_id": st.version_id,
                    "applicant_id": people[rng.randrange(len(people))]["id"],
                    "first_clerk_id": rng.choices(clerks, clerk_weights)[0],
                    "state": state,
                    "answers": {},
                    "created_at": local,
                    "updated_at": local,
                    "due_unpublished_years": [],
                    "accepted_on": accepted_on,
                    "due_on": due_on,
                    "promise_date": promise_date,
                }
            )
            if len(cases) == 20000:
                s.execute(insert(Case), cases)
                cases = []
        if cases:
            s.execute(insert(Case), cases)
        if missing:
            s.execute(insert(CaseMaterial), missing)
    took = time.perf_counter() - t0
    print(f"filled store: {n_cases:,} cases, {len(people):,} applicants in {took:.1f} s")
    return {"numbers": numbers, "people": people, "clerk": demo.id}


def bench(desk: Desk, lists: CaseLists, probes: dict[str, object]) -> None:
    clerk = str(probes["clerk"])
    numbers: list[str] = probes["numbers"]  # type: ignore[assignment]
    people: list[dict[str, object]] = probes["people"]  # type: ignore[assignment]
    rng = random.Random(11)

    sizes = {v: lists.count(CaseListFilter(v, clerk)) for v in VIEWS}
    print("list sizes: " + ", ".join(f"{v} {n:,}" for v, n in sizes.items()))

    for view in VIEWS:
        f = CaseListFilter(view, clerk)
        timed(lambda f=f: lists.ids(f), 2)  # type: ignore[misc]
        report(f"ids({view})", timed(lambda f=f: lists.ids(f), 15))  # type: ignore[misc]

    all_ids = lists.ids(CaseListFilter("all", clerk))
    pages = [all_ids[k : k + 50] for k in range(0, 50 * 40, 50)]
    it = iter(pages * 3)
    report("rows(50 ids), one page", timed(lambda: lists.rows(next(it)), 60))
    big = [all_ids[k : k + 200] for k in range(0, 200 * 20, 200)]
    it2 = iter(big * 3)
    report("rows(200 ids)", timed(lambda: lists.rows(next(it2)), 30))
    scattered = [rng.sample(all_ids, 50) for _ in range(30)]
    it3 = iter(scattered)
    report("rows(50 random ids)", timed(lambda: lists.rows(next(it3)), 30))

    print()
    for view in VIEWS:
        f = CaseListFilter(view, clerk)

        def open_list(f: CaseListFilter = f) -> None:
            ids = lists.ids(f)
            lists.rows(ids[:50])

        report(f"open list {view!r}: ids + first 50 rows", timed(open_list, 15), OPEN_TARGET_MS)

    print()
    for view in VIEWS:
        f = CaseListFilter(view, clerk)

        def open_keys(f: CaseListFilter = f) -> None:
            keys = lists.keys(f)
            lists.rows_by_key(keys[:100])

        report(
            f"main window's task {view!r}: keys + 100 rows by key",
            timed(open_keys, 15),
            OPEN_TARGET_MS,
        )

    print()
    report("count(all)", timed(lambda: lists.count(CaseListFilter("all", clerk)), 15))
    report("count(mine)", timed(lambda: lists.count(CaseListFilter("mine", clerk)), 15))
    report("counts(clerk), the tab badges", timed(lambda: lists.counts(clerk), 15))

    print()
    person = people[len(people) // 3]
    some_name = str(person["name"])
    given = next(str(p["name"])[1:] for p in people[len(people) // 3 :] if len(str(p["name"])) == 3)
    searches = {
        "tracking number, full (display form)": tracking_numbers.display(numbers[-1234]),
        "tracking number, prefix of 11 (a day on the terminal)": numbers[-1234][:11],
        "tracking number, prefix of 6 (a day)": numbers[-1234][:6],
        "tracking number, prefix of 4 (a month)": numbers[-1234][:4],
        "resident ID, full": str(person["id_number"]),
        "resident ID, prefix of 12": str(person["id_number"])[:12],
        "resident ID, prefix of 6 (whole county)": str(person["id_number"])[:6],
        "name, 1 character prefix (a surname)": some_name[:1],
        "name, full": some_name,
        "name, 2 characters anywhere (a given name)": given,
        "phone, full": str(person["phone"]),
        "phone, prefix of 7": str(person["phone"])[:7],
    }

    # As the main window searches: the first 200 matches and a count up to 5,000
    # (CaseLists.search; bench_case_search.py has every kind, and the code before).
    def matched(f: CaseListFilter) -> str:
        found = lists.search(f)
        return f"{'>' if found.more else ''}{found.matched:,}"

    for label, text in searches.items():
        f = CaseListFilter("all", clerk, text)
        found = matched(f)

        def search(f: CaseListFilter = f) -> None:
            lists.rows_by_key(lists.search(f).keys[:50])

        report(f"search {label} ({found})", timed(search, 15), OPEN_TARGET_MS)

    for view, text in (("mine", some_name[:1]), ("mine", some_name), ("overdue", some_name[:1])):
        f = CaseListFilter(view, clerk, text)
        found = matched(f)

        def narrowed(f: CaseListFilter = f) -> None:
            lists.rows_by_key(lists.search(f).keys[:50])

        report(f"search in {view!r}, name {text!r} ({found})", timed(narrowed, 15), OPEN_TARGET_MS)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500_000)
    parser.add_argument("--keep", type=Path, help="use (and keep) this data directory")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory() as tmp_name:
        data_dir = args.keep or Path(tmp_name) / "lists"
        fresh = not (data_dir / "clerk_desk.sqlite3").exists()
        desk = Desk.open(data_dir, clock=FixedClock(NOW))
        ensure_ready(desk)
        probes = fill(desk, args.cases) if fresh else reload_probes(desk)
        lists = CaseLists(desk.store, desk.clock, desk.calendar, desk.settings)
        bench(desk, lists, probes)
        desk.close()
    return 0


def reload_probes(desk: Desk) -> dict[str, object]:
    """The probes of a kept store (``--keep`` on a second run)."""
    from sqlalchemy import select

    with desk.store.read() as s:
        numbers = list(s.scalars(select(Case.tracking_number).order_by(Case.created_at)))
        people = [
            {"name": a.name, "id_number": a.id_number, "phone": a.phone}
            for a in s.scalars(select(Applicant).order_by(Applicant.created_at).limit(50000))
        ]
    demo = desk.staff.by_login(DEMO_LOGIN)
    assert demo is not None
    print(f"kept store: {len(numbers):,} cases")
    return {"numbers": numbers, "people": people, "clerk": demo.id}


if __name__ == "__main__":
    sys.exit(main())
