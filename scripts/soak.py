"""The fault-injection soak (``make soak``): the tests/central/test_faults_*.py tests at scale.

Runs each stage as its own pytest run with larger counts (environment variables
the tests read), collects the ``FAULT <class> tries=N failures=M`` lines they
print, and ends with a table of tries and failures per fault class. Exit 0 only
when every stage passed, no fault class failed and the kill points reach
``--kill-points`` (1,000).

    python scripts/soak.py [--seed N] [--kill-points 1000] [--quick] [--stages a,b]

``--quick`` runs every stage with small counts (a check of the script itself).
Mind the CPU: run it once, e.g. ``nice make soak``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# pytest -q prints a test's progress dot before the next test's output: search, not match.
LINE = re.compile(r"FAULT (\S+) tries=(\d+) failures=(\d+)\s*(.*)$")
KILL_CLASSES = ("terminal-killed-mid-sync", "server-killed-mid-batch")


def stages(quick: bool) -> list[tuple[str, dict[str, str], list[str]]]:
    t = "tests/central/"
    terminal = t + "test_faults_terminal.py::"
    if quick:
        return [
            (
                "kills",
                {"CLERK_FAULT_TERMINAL_KILLS": "5", "CLERK_FAULT_SERVER_KILLS": "2"},
                [t + "test_faults_kills.py"],
            ),
        ]
    return [
        (
            "kills",
            {
                "CLERK_FAULT_TERMINAL_KILLS": "980",
                "CLERK_FAULT_SERVER_KILLS": "30",
                "CLERK_FAULT_CHECK_EVERY": "10",
                "CLERK_FAULT_ACCEPT_EVERY": "4",
                "CLERK_FAULT_KILL_BATCH": "1",
                "CLERK_FAULT_KILL_WINDOW_MS": "400",
            },
            [t + "test_faults_kills.py"],
        ),
        (
            "network",
            {
                "CLERK_FAULT_CUTS": "100",
                "CLERK_FAULT_DB_TERMINATIONS": "100",
                "CLERK_FAULT_TWICE_ROUNDS": "20",
            },
            [t + "test_faults_network.py"],
        ),
        (
            "terminal",
            {},
            [
                terminal + "test_a_terminal_clock_skewed_by_three_days",
                terminal + "test_restore_from_an_old_backup_loses_nothing_on_the_server",
            ],
        ),
        ("village", {"CLERK_FAULT_VILLAGE_ROUNDS": "10"}, [t + "test_faults_village_link.py"]),
        (
            "offline",  # last: the longest (50,000 changes taken one transaction each)
            {"CLERK_FAULT_OFFLINE_CHANGES": "50000", "CLERK_FAULT_OFFLINE_ACCEPT_EVERY": "10"},
            [terminal + "test_fourteen_days_offline_then_one_sync[postgresql]"],
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=int(time.time()) % 1_000_000)
    parser.add_argument("--kill-points", type=int, default=1000)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--stages",
        default="",
        help="comma-separated stages to run (kills, network, terminal, village, offline); "
        "default all. Two soaks of different stages can run side by side.",
    )
    args = parser.parse_args()
    print(f"soak: seed {args.seed}", flush=True)
    rows: list[tuple[str, int, int, str]] = []
    broken: list[str] = []
    started = time.monotonic()
    chosen = {x for x in args.stages.split(",") if x}
    for name, env, targets in stages(args.quick):
        if chosen and name not in chosen:
            continue
        print(f"soak: stage {name}: {' '.join(targets)}", flush=True)
        began = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", *targets],
            cwd=REPO,
            env={**os.environ, "CLERK_FAULT_SEED": str(args.seed), **env},
            capture_output=True,
            text=True,
        )
        for line in proc.stdout.splitlines():
            found = LINE.search(line)
            if found:
                rows.append((found[1], int(found[2]), int(found[3]), found[4]))
                print(f"  {found[0]}", flush=True)
        tail = [x for x in proc.stdout.splitlines() if x.strip()][-1:] or ["(no output)"]
        print(f"soak: stage {name}: {tail[0]} ({time.monotonic() - began:.0f} s)", flush=True)
        if proc.returncode != 0:
            broken.append(name)
            print(proc.stdout[-6000:], proc.stderr[-3000:], sep="\n", flush=True)
    totals: dict[str, list[int]] = {}
    for fault, tries, failures, _ in rows:
        t = totals.setdefault(fault, [0, 0, 0])
        t[0] += 1
        t[1] += tries
        t[2] += failures
    print(f"\nsoak: seed {args.seed}, {time.monotonic() - started:.0f} s")
    print(f"{'fault class':<32} {'runs':>5} {'tries':>7} {'failures':>9}")
    for fault, (runs, tries, failures) in sorted(totals.items()):
        print(f"{fault:<32} {runs:>5} {tries:>7} {failures:>9}")
    kills = sum(totals.get(k, [0, 0, 0])[1] for k in KILL_CLASSES)
    failures = sum(t[2] for t in totals.values())
    print(f"{'kill points (both kill classes)':<38} {kills:>7}")
    want_kills = not args.quick and (not chosen or "kills" in chosen)
    ok = not broken and failures == 0 and (not want_kills or kills >= args.kill_points)
    if broken:
        print(f"soak: stages that failed: {', '.join(broken)}")
    if want_kills and kills < args.kill_points:
        print(f"soak: only {kills} kill points (wanted {args.kill_points})")
    print("soak: PASS" if ok else "soak: FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
