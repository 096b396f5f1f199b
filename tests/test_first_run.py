"""First-run set-up: idempotent, and whole even after a run stopped half-way."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE_CATALOG

from clerk_desk import tracking_numbers
from clerk_desk.desk import Desk
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready


def test_a_second_run_has_nothing_to_do(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path / "data")
    first = ensure_ready(desk)
    assert len(first.done) == 6
    assert ensure_ready(desk).done == []
    settings = desk.settings()
    # The embedded default prints into PDF folders of its data directory.
    printouts = tmp_path / "data" / "printouts"
    assert (settings.printer, settings.roll_printer) == (
        f"folder:{printouts / 'a4'}",
        f"folder:{printouts / 'roll80'}",
    )
    assert len(settings.terminal_code) == tracking_numbers.TERMINAL_CODE_LENGTH
    assert settings.centre_name and settings.contact_phone
    assert desk.staff.by_login(DEMO_LOGIN) is not None
    desk.close()


def test_a_run_stopped_after_the_catalog_import_is_completed(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path / "data")
    desk.catalog.import_document(SAMPLE_CATALOG.read_bytes())  # then the power went
    assert desk.settings().centre_name == ""
    report = ensure_ready(desk)
    assert not any("imported the sample catalog" in line for line in report.done)
    assert desk.settings().centre_name == "山东省济宁市汶上县郭仓镇便民服务中心"
    assert desk.settings().region_code == "370830104"
    desk.close()


def test_an_early_four_symbol_terminal_code_is_replaced(tmp_path: Path) -> None:
    from clerk_desk.models import Setting

    desk = Desk.open(tmp_path / "data")
    with desk.store.write() as s:
        s.merge(Setting(key="terminal_code", value="ABCD"))
    desk.close()
    desk = Desk.open(tmp_path / "data")
    ensure_ready(desk)
    code = desk.settings().terminal_code
    assert code != "ABCD" and tracking_numbers.validate_terminal_code(code) == code
    desk.close()
