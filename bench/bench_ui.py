"""Desktop benchmarks (issue: the counter desktop). Prints figures; asserts nothing.

    .venv/bin/python bench/bench_ui.py [--cases 500000] [--data DIR]

1. start to a usable login window (fresh process, offscreen), target < 1.5 s;
2. keystroke-to-result in the item search over a generated 5,000-item catalog,
   target < 16 ms per keystroke;
3. opening the real main window (every page: intake, case detail, service
   guide, handover) with its case list over 500,000 cases (row keys + the
   first page of rows on screen), target < 300 ms; scrolling through the
   first 5,000 rows;
4. peak resident memory of the process that did 2 and 3, target < 250 MB.

Rows reach the list model from the database thread: a figure stops when the
rows on screen hold their text, not when the model was asked for them.

The store is filled by bench/bench_case_lists.py's ``fill`` (bulk insert) in
a process of its own, so that filling it does not count in the peak memory;
``--data DIR`` keeps it for the next run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def line(name: str, value: float, target: float | None, extra: str = "", unit: str = "ms") -> None:
    tgt = ""
    if target:
        verdict = "OK" if value < target else "MISSED"
        tgt = f"target < {target:g} {unit}: {verdict} ({value / target:.3f}x of target)"
    print(f"{name:<62} {value:10.2f} {unit}  {tgt} {extra}")


def prepare(data: Path, n_cases: int) -> None:
    from clerk_desk.desk import Desk
    from clerk_desk.first_run import ensure_ready

    marker = data / "bench-ready.json"
    if marker.exists() and json.loads(marker.read_text())["cases"] == n_cases:
        return
    lists_bench = _load("bench_case_lists")
    generate = _load("generate_catalog").generate_catalog
    clock = lists_bench.FixedClock(lists_bench.NOW)
    desk = Desk.open(data, clock=clock)
    ensure_ready(desk)
    t0 = time.perf_counter()
    lists_bench.fill(desk, n_cases)
    doc = generate(5000, seed=2, version="bench-5000")
    doc["published_at"] = "2026-11-21T09:00:00+08:00"
    desk.catalog.import_document(json.dumps(doc, ensure_ascii=False).encode())
    desk.close()
    marker.write_text(json.dumps({"cases": n_cases}))
    print(
        f"prepared {n_cases:,} cases and a 5,000-item catalog in {time.perf_counter() - t0:.1f} s"
    )


STARTUP = r"""
import sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from clerk_desk.desk import Desk
from clerk_desk.first_run import ensure_ready
from clerk_desk.ui.app import Application, install_translators
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.tasks import TaskRunner
from pathlib import Path
desk = Desk.open(Path(sys.argv[1]))
ensure_ready(desk)
install_translators(app, desk.settings().language)
ctx = UiContext(desk, TaskRunner())
shell = Application(app, ctx)
shell.start()
def ready():
    print(f"READY {time.perf_counter() - t0:.4f}", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
ctx.runner.shutdown()
"""


def bench_startup(data: Path) -> None:
    walls, insides = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", STARTUP, str(data)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        ready = [ln for ln in proc.stdout.splitlines() if ln.startswith("READY")]
        walls.append((time.perf_counter() - t0) * 1000)
        insides.append(float(ready[0].split()[1]) * 1000)
    line(
        "start to usable login window (whole process, median of 5)", statistics.median(walls), 1500
    )
    line("  of which after the interpreter is up", statistics.median(insides), None)


def bench_in_process(data: Path) -> None:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from clerk_desk.desk import Desk
    from clerk_desk.first_run import DEMO_LOGIN
    from clerk_desk.ui.app import default_pages
    from clerk_desk.ui.context import UiContext
    from clerk_desk.ui.main_window import MainWindow
    from clerk_desk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv)  # noqa: F841 - kept alive
    desk = Desk.open(data)
    ctx = UiContext(desk, TaskRunner())
    staff = desk.staff.by_login(DEMO_LOGIN)
    assert staff is not None
    ctx.login.set(staff)

    def wait(cond, timeout=60.0):  # type: ignore[no-untyped-def]
        end = time.perf_counter() + timeout
        while not cond():
            QCoreApplication.processEvents()
            if time.perf_counter() > end:
                raise TimeoutError
            time.sleep(0.0005)

    def on_screen() -> bool:
        """The rows the view shows hold their text (they come from the database thread)."""
        model = window.model
        return all(
            model.data(model.index(row, 0), Qt.ItemDataRole.UserRole) is not None
            for row in range(min(40, model.rowCount()))
        )

    # -- the case list ------------------------------------------------------
    t0 = time.perf_counter()
    window = MainWindow(ctx, pages=default_pages())
    window.show()
    wait(lambda: window.model.total() > 0)
    QCoreApplication.processEvents()  # the view paints and asks for its rows
    wait(on_screen)
    opened = (time.perf_counter() - t0) * 1000
    line(f"open the real main window + 'mine' list ({window.model.total():,} cases)", opened, 300)
    opens = []
    loads = [0]
    window.list_loaded.connect(lambda _n: loads.__setitem__(0, loads[0] + 1))
    for view in (1, 4, 1, 0, 1):  # all, overdue, all, mine, all
        before = loads[0]
        t0 = time.perf_counter()
        window.tabs.setCurrentIndex(view)
        wait(lambda before=before: loads[0] > before)
        QCoreApplication.processEvents()
        wait(on_screen)
        opens.append((time.perf_counter() - t0) * 1000)
    all_total = window.model.total()
    line(
        f"switch to a list and show its first page (median; 'all' = {all_total:,})",
        statistics.median(opens),
        300,
        f"max {max(opens):.1f} ms",
    )
    t0 = time.perf_counter()
    bar = window.table.verticalScrollBar()
    pages = 0
    while window.model.rowCount() < 5000 and window.model.canFetchMore(window.model.index(-1, -1)):
        bar.setValue(bar.maximum())
        QCoreApplication.processEvents()
        pages += 1
    wait(
        lambda: (
            window.model.data(
                window.model.index(window.model.rowCount() - 1, 0), Qt.ItemDataRole.UserRole
            )
            is not None
        )
    )
    scrolled = (time.perf_counter() - t0) * 1000
    line(
        f"scroll to row {window.model.rowCount():,} ({pages} fetches)",
        scrolled,
        None,
        f"{scrolled / max(pages, 1):.2f} ms per page of 100",
    )

    # -- item search, keystroke by keystroke ----------------------------------
    panel = window.intake
    wait(lambda: panel.item_index() is not None)
    index = panel.item_index()
    assert index is not None and len(index) == 5000  # the shared index: no second copy
    samples = []
    for query in ("zuidi", "ylbx", "370830104-mz-01", "yanglao"):
        panel.item_edit.clear()
        for ch in query:
            t0 = time.perf_counter()
            QTest.keyClick(panel.item_edit, ch)
            samples.append((time.perf_counter() - t0) * 1000)
    for query in ("养老保险", "低保申请", "残疾"):
        panel.item_edit.clear()
        for ch in query:
            t0 = time.perf_counter()
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(panel.item_edit, event)
            samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    line(
        "item search, per keystroke (median)",
        statistics.median(samples),
        16,
        f"p95 {samples[int(len(samples) * 0.95) - 1]:.2f} ms, max {samples[-1]:.2f} ms, "
        f"n={len(samples)}",
    )

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line("peak resident memory (this process)", rss_mb, 250, unit="MB")
    window.close()
    ctx.runner.shutdown()
    desk.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500_000)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare_only:
        prepare(args.data, args.cases)
        return 0
    print(
        f"python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M')}; "
        f"{os.cpu_count()} cores"
    )
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp) / "data"
        fill = ["--prepare-only", "--data", str(data), "--cases", str(args.cases)]
        subprocess.run([sys.executable, __file__, *fill], check=True)
        bench_startup(data)
        bench_in_process(data)
    print(
        "keystrokes for a full accept-and-print, known applicant: counted by driving the "
        "widgets in tests/test_ui_intake.py (test_known_applicant_accept_and_print_by_keyboard, "
        "test_known_applicant_by_card_accept_and_print_in_*_keystrokes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
