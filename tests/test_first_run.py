"""First-run set-up: idempotent, and whole even after a run stopped half-way."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.desks import SAMPLE_CATALOG

from clerk_desk import tracking_numbers
from clerk_desk.desk import Desk
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.journal import SYSTEM_ACTOR


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
    # Not enrolled with the county yet: a provisional number from the reserved range.
    assert tracking_numbers.is_provisional_terminal(settings.terminal_code)
    assert f"provisional number {settings.terminal_code}" in first.done[0]
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


@pytest.mark.parametrize("old", ["ABCD", "K7QM3P"])
def test_an_early_symbol_code_is_replaced_by_a_provisional_number(tmp_path: Path, old: str) -> None:
    from clerk_desk.models import Setting

    desk = Desk.open(tmp_path / "data")
    ensure_ready(desk)
    with desk.store.write() as s:
        s.merge(Setting(key="terminal_code", value=old))  # as an early version left it
    desk.close()
    desk = Desk.open(tmp_path / "data")
    assert desk.settings().terminal_code == old  # the old store opens
    report = ensure_ready(desk)
    number = desk.settings().terminal_code
    assert tracking_numbers.is_provisional_terminal(number)
    assert report.done == [
        f"gave this terminal the provisional number {number} (its numbers so far carry the "
        f"code {old})"
    ]
    assert ensure_ready(desk).done == []
    desk.close()


def test_an_assigned_number_is_kept(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path / "data")
    ensure_ready(desk)
    desk.update_settings(desk.settings().replace(terminal_code="00042"), actor_id=SYSTEM_ACTOR)
    assert ensure_ready(desk).done == []
    assert desk.settings().terminal_code == "00042"
    desk.close()


def test_the_embedded_default_names_demo_bodies_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from clerk_desk.cli import main
    from clerk_desk.first_run import DEMO_BODIES, demo_bodies_left

    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "info"]) == 0
    out = capsys.readouterr().out
    for value in DEMO_BODIES.values():
        assert f"{value} (demo value: set the centre's own in Settings)" in out
    desk = Desk.open(data)
    try:
        settings = desk.settings()
        assert demo_bodies_left(settings) == list(DEMO_BODIES)
        # A centre that sets its own court keeps it; the mark leaves it.
        desk.update_settings(settings.replace(court="山东省汶上县人民法院"), actor_id=SYSTEM_ACTOR)
        ensure_ready(desk)
        assert desk.settings().court == "山东省汶上县人民法院"
        assert demo_bodies_left(desk.settings()) == ["decision_authority", "reconsideration_body"]
    finally:
        desk.close()
    assert main(["--data-dir", str(data), "info"]) == 0
    out = capsys.readouterr().out
    assert "court: 山东省汶上县人民法院\n" in out
    assert "court: 汶上县人民法院" not in out


def test_another_first_catalog_gets_no_demo_bodies(tmp_path: Path) -> None:
    import json

    doc = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    other = tmp_path / "other.json"
    other.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    desk = Desk.open(tmp_path / "data")
    try:
        ensure_ready(desk, sample_catalog=other)
        s = desk.settings()
        assert (s.decision_authority, s.reconsideration_body, s.court) == ("", "", "")
    finally:
        desk.close()
