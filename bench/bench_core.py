"""Core benchmarks (issue: foundation). Prints figures; asserts nothing.

    .venv/bin/python bench/bench_core.py [--cases 500000]

1. import of a generated 5,000-item catalog into a fresh store (parse,
   validate, insert), cold process state, target < 3 s;
2. intake computation: checklist selection + due date for one intake,
   target < 1 ms (and, for reference, the four service calls of a whole intake,
   each a durable write transaction);
3. lookups in a store of 500,000 cases: a case by tracking number, an applicant
   by ID number, target < 2 ms each.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from clerk_desk import tracking_numbers
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.identity_numbers import resident_id_check_char
from clerk_desk.models import Applicant, Case, new_id
from clerk_desk.working_days import due_date

HERE = Path(__file__).resolve().parent


def _generator() -> Callable[..., dict[str, object]]:
    spec = importlib.util.spec_from_file_location("generate_catalog", HERE / "generate_catalog.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_catalog  # type: ignore[no-any-return]


def timed(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def report(name: str, samples: list[float], target: float | None, unit: str = "ms") -> None:
    scale = 1000.0 if unit == "ms" else 1.0
    med = statistics.median(samples) * scale
    p95 = sorted(samples)[int(len(samples) * 0.95) - 1 if len(samples) > 1 else 0] * scale
    tgt = ""
    if target:
        verdict = "OK" if med < target else "MISSED"
        tgt = f"target < {target:g} {unit}: {verdict} ({med / target:.3f}x of target)"
    print(f"{name:<58} median {med:9.3f} {unit}  p95 {p95:9.3f} {unit}  n={len(samples):<5} {tgt}")


def bench_import(tmp: Path) -> None:
    doc = _generator()(5000, seed=1)
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    print(f"generated catalog: 5,000 items, {len(data) / 1e6:.1f} MB")
    samples = []
    for run in range(3):
        desk = Desk.open(tmp / f"import{run}", clock=FixedClock(datetime(2026, 11, 23, tzinfo=UTC)))
        t0 = time.perf_counter()
        desk.catalog.import_document(data)
        samples.append(time.perf_counter() - t0)
        desk.close()
    report("catalog import, 5,000 items, fresh store", samples, 3.0, "s")


def bench_intake(desk: Desk) -> None:
    items = [s.item for s in desk.catalog.items()]
    cal = desk.calendar.calendar()
    rng = random.Random(3)
    cases = [
        (
            it,
            {q.id: rng.random() < 0.5 for q in it.questions},
            date(2026, 1, 5) + timedelta(days=rng.randrange(300)),
        )
        for it in items
        for _ in range(50)
    ]

    def compute_one(i: list[int] = [0]) -> None:  # noqa: B006 - a cursor, on purpose
        item, answers, accepted = cases[i[0] % len(cases)]
        i[0] += 1
        item.checklist(answers)
        if not item.time_limit.immediate:
            due_date(accepted, item.time_limit.promised_days, item.time_limit.unit, cal)

    timed(compute_one, 200)  # warm
    report("intake computation (checklist + due date)", timed(compute_one, 5000), 1.0)

    clerk = desk.staff.by_login(DEMO_LOGIN)
    assert clerk is not None
    body = "37083019800101999"
    person = desk.applicants.register_person(
        actor_id=clerk.id, name="测试", id_number=body + resident_id_check_char(body)
    )
    item = desk.catalog.item("370830104-MZ-001").item
    no = {q.id: False for q in item.questions}
    key = [m.id for m in item.checklist(no)]

    def whole_intake() -> None:
        case = desk.intake.start(clerk_id=clerk.id, item_code=item.code, applicant_id=person.id)
        desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=no)
        desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=key)
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)

    timed(whole_intake, 5)
    report("whole intake, 4 durable service calls (reference)", timed(whole_intake, 50), None)


def fill(desk: Desk, n_cases: int) -> tuple[list[str], list[str]]:
    """Bulk-insert n_cases cases for n_cases/2 applicants (bypassing the services for speed)."""
    clerk = desk.staff.by_login(DEMO_LOGIN)
    assert clerk is not None
    stored = desk.catalog.items()
    now = datetime(2026, 11, 23, tzinfo=UTC)
    n_people = n_cases // 2
    ids = []
    t0 = time.perf_counter()
    with desk.store.write() as s:
        people = []
        for i in range(n_people):
            born = date(1950, 1, 1) + timedelta(days=i % 20000)
            body = f"370830{born:%Y%m%d}{i // 20000:03d}"
            number = body + resident_id_check_char(body)
            people.append(
                {
                    "id": new_id(),
                    "kind": "person",
                    "name": f"申请人{i}",
                    "id_number": number,
                    "phone": "",
                    "contact_person": "",
                    "created_at": now,
                    "updated_at": now,
                }
            )
        # Duplicate numbers from the pattern are dropped (one record per ID).
        unique = {p["id_number"]: p for p in people}
        people = list(unique.values())
        for chunk in range(0, len(people), 20000):
            s.execute(insert(Applicant), people[chunk : chunk + 20000])
        ids = [p["id_number"] for p in people]
        cases = []
        numbers = []
        terminal = "00042"  # a county-assigned terminal number
        for i in range(n_cases):
            st = stored[i % len(stored)]
            day = date(2024, 1, 1) + timedelta(days=i // 500)
            number = tracking_numbers.compose(terminal, day, i % 500 + 1)
            numbers.append(number)
            cases.append(
                {
                    "id": new_id(),
                    "tracking_number": number,
                    "query_code": "23456789",
                    "terminal_code": terminal,
                    "item_id": st.row_id,
                    "catalog_version_id": st.version_id,
                    "applicant_id": people[i % len(people)]["id"],
                    "first_clerk_id": clerk.id,
                    "state": "accepted",
                    "answers": {},
                    "created_at": now,
                    "updated_at": now,
                    "due_unpublished_years": [],
                    "accepted_on": day,
                    "due_on": day + timedelta(days=20),
                }
            )
            if len(cases) == 20000:
                s.execute(insert(Case), cases)
                cases = []
        if cases:
            s.execute(insert(Case), cases)
    took = time.perf_counter() - t0
    print(f"filled store: {n_cases:,} cases, {len(people):,} applicants in {took:.1f} s")
    return numbers, ids


def bench_lookups(desk: Desk, n_cases: int) -> None:
    numbers, id_numbers = fill(desk, n_cases)
    rng = random.Random(7)
    picks = [rng.choice(numbers) for _ in range(2000)]
    people = [rng.choice(id_numbers) for _ in range(2000)]
    it = iter(picks * 3)
    timed(lambda: desk.cases.summary_by_tracking_number(next(it)), 200)
    report(
        f"case by tracking number (list row), {n_cases:,} cases",
        timed(lambda: desk.cases.summary_by_tracking_number(next(it)), 1500),
        2.0,
    )
    it2 = iter(picks * 3)
    report(
        f"case by tracking number (full case view), {n_cases:,} cases",
        timed(lambda: desk.cases.by_tracking_number(next(it2)), 1500),
        2.0,
    )
    pit = iter(people * 2)
    timed(lambda: desk.applicants.find(next(pit)), 200)
    report(
        f"applicant by ID number, {n_cases:,} cases",
        timed(lambda: desk.applicants.find(next(pit)), 1500),
        2.0,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500_000)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        bench_import(tmp)
        desk = Desk.open(
            tmp / "main", clock=FixedClock(datetime(2026, 11, 23, 10, tzinfo=CHINA_TZ))
        )
        ensure_ready(desk)
        bench_intake(desk)
        bench_lookups(desk, args.cases)
        desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
