"""Terminal settings: checked values, and the centre's own fields kept to supervisors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from support.desks import unchanged

from clerk_desk import tracking_numbers
from clerk_desk.cli import main
from clerk_desk.desk import Desk
from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.models import AuditEntry, Setting
from clerk_desk.settings import (
    CENTRE_FIELDS,
    PLACEHOLDER_STATUS_URL,
    TerminalSettings,
    is_placeholder_url,
    load_settings,
)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"public_status_url": "https://"}, "public_status_url"),
        ({"public_status_url": "javascript:alert(1)"}, "public_status_url"),
        ({"window": "  "}, "window"),
        ({"language": "fr"}, "language"),
        ({"printer": "lpt1"}, "printer"),
        ({"printer": "cups:"}, "printer"),
        ({"roll_printer": "lpt1"}, "roll_printer"),
        ({"roll_printer": "folder:"}, "roll_printer"),
        ({"paper": "a5"}, "paper"),
        ({"idle_lock_minutes": 0}, "idle_lock_minutes"),
        ({"terminal_code": "9042"}, "terminal_code"),
        ({"terminal_code": "904211"}, "terminal_code"),
        ({"terminal_code": "ABCD"}, "terminal_code"),
    ],
)
def test_bad_values_are_refused(desk, clerk, change, where) -> None:
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.update_settings(desk.settings().replace(**change), actor_id=clerk.id)
    assert err.value.where == where


def test_a_clerk_changes_the_window_but_not_the_centre(desk, clerk) -> None:
    desk.update_settings(desk.settings().replace(window="3", printer="qt:"), actor_id=clerk.id)
    assert desk.settings().window == "3"
    with unchanged(desk), pytest.raises(RuleViolation, match="centre_name"):
        desk.update_settings(desk.settings().replace(centre_name="别的中心"), actor_id=clerk.id)
    boss = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="boss", name="主任", role="supervisor", password="secret12"
    )
    desk.update_settings(
        desk.settings().replace(centre_name="郭仓镇便民服务中心"), actor_id=boss.id
    )
    assert desk.settings().centre_name == "郭仓镇便民服务中心"
    desk.update_settings(desk.settings().replace(counter_level="village"), actor_id=SYSTEM_ACTOR)
    with pytest.raises(InvalidInput, match="actor_id"):
        desk.update_settings(desk.settings().replace(window="4"), actor_id="nobody")


def test_each_paper_has_its_printer(desk, clerk) -> None:
    desk.update_settings(
        desk.settings().replace(printer="cups:office-a4", roll_printer="folder:/var/roll"),
        actor_id=clerk.id,
    )
    settings = desk.settings()
    assert settings.printer_for("a4") == "cups:office-a4"
    assert settings.printer_for("roll80") == "folder:/var/roll"
    with desk.store.read() as session:  # stored, not only cached
        assert load_settings(session).roll_printer == "folder:/var/roll"
    assert TerminalSettings().printer_for("roll80") == ""  # none chosen


def test_settings_stored_before_the_roll_printer_still_load(desk, clerk) -> None:
    """A terminal of an earlier version has one ``printer`` row and no ``roll_printer``."""
    desk.update_settings(desk.settings().replace(printer="cups:counter-1"), actor_id=clerk.id)
    with desk.store.write() as session:
        row = session.get(Setting, "roll_printer")
        assert row is not None
        session.delete(row)
    with desk.store.read() as session:
        loaded = load_settings(session)
    assert (loaded.printer, loaded.roll_printer) == ("cups:counter-1", "")


CENTRE_CHANGES = {
    "centre_address": "青石镇人民路1号",
    "office_hours": "周一至周五 8:30-17:00",
    "contact_phone": "0537-1234567",
    "reconsideration_body": "某某县人民政府",
    "court": "某某县人民法院",
}


def test_what_documents_print_about_the_centre_is_a_supervisors_to_change(desk, clerk) -> None:
    assert set(CENTRE_CHANGES) <= set(CENTRE_FIELDS)
    for field, value in CENTRE_CHANGES.items():
        with unchanged(desk), pytest.raises(RuleViolation, match=field):
            desk.update_settings(desk.settings().replace(**{field: value}), actor_id=clerk.id)
    assert all(getattr(desk.settings(), f) != v for f, v in CENTRE_CHANGES.items())
    boss = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="boss", name="主任", role="supervisor", password="secret12"
    )
    desk.update_settings(desk.settings().replace(**CENTRE_CHANGES), actor_id=boss.id)
    with desk.store.read() as session:
        stored = load_settings(session)
    assert {f: getattr(stored, f) for f in CENTRE_CHANGES} == CENTRE_CHANGES
    # A clerk still changes the terminal's own fields while the centre's stay.
    desk.update_settings(desk.settings().replace(window="5"), actor_id=clerk.id)
    assert desk.settings().window == "5"
    assert desk.settings().court == "某某县人民法院"


@pytest.mark.parametrize(
    ("url", "placeholder"),
    [
        (PLACEHOLDER_STATUS_URL, True),
        ("https://example.gov.cn/status", True),
        ("http://ZWFW.Example.Gov.Cn./q", True),
        ("https://status.example.com/", True),
        ("https://zwfw.county.test/status", True),
        ("https://zwfw.sd.gov.cn/status", False),
        ("https://notexample.gov.cn/status", False),
        ("https://example.gov.cn.evil.cn/status", False),
        ("", False),
    ],
)
def test_the_placeholder_status_url_is_recognised(url: str, placeholder: bool) -> None:
    assert is_placeholder_url(url) is placeholder


def test_a_new_terminal_starts_with_the_placeholder_and_may_print_with_it(desk) -> None:
    assert desk.settings().public_status_url == PLACEHOLDER_STATUS_URL
    assert desk.settings().placeholder_status_url
    desk.settings().validate()  # refused nowhere: the demo prints with it
    real = desk.settings().replace(public_status_url="https://zwfw.sd.gov.cn/status")
    assert not real.placeholder_status_url


def test_the_terminal_number_is_an_admins_to_change(desk, clerk) -> None:
    number = desk.settings().terminal_code
    assert tracking_numbers.is_provisional_terminal(number)
    with unchanged(desk), pytest.raises(RuleViolation, match="only an admin"):
        desk.update_settings(desk.settings().replace(terminal_code="00042"), actor_id=clerk.id)
    admin = desk.staff.create(
        actor_id=SYSTEM_ACTOR, login="it", name="信息员", role="admin", password="secret12"
    )
    desk.update_settings(desk.settings().replace(terminal_code="00042"), actor_id=admin.id)
    assert desk.settings().terminal_code == "00042"


def test_an_old_symbol_code_still_validates_so_an_old_store_opens() -> None:
    TerminalSettings(terminal_code="K7QM3P").validate()
    TerminalSettings(terminal_code="90421").validate()
    TerminalSettings(terminal_code="").validate()


def _audited_terminal_numbers(data_dir: Path) -> list[str]:
    desk = Desk.open(data_dir)
    try:
        with desk.store.read() as s:
            payloads = s.scalars(
                select(AuditEntry.payload).where(AuditEntry.action == "settings.changed")
            )
            changes = [json.loads(p) for p in payloads]
        return [c["terminal_code"] for c in changes if "terminal_code" in c]
    finally:
        desk.close()


def test_the_terminal_number_command(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "terminal", "number"]) == 0
    shown = capsys.readouterr().out.strip()
    provisional = shown.split()[0]
    assert tracking_numbers.is_provisional_terminal(provisional)
    assert shown == f"{provisional} (provisional, until the county assigns one)"
    assert main(["--data-dir", data, "terminal", "number", "00042"]) == 0
    assert capsys.readouterr().out == f"terminal number set to 00042 (was {provisional})\n"
    assert main(["--data-dir", data, "terminal", "number"]) == 0
    assert capsys.readouterr().out == "00042\n"
    # The command of early versions is an alias.
    assert main(["--data-dir", data, "terminal", "code", "０００４３"]) == 0
    assert capsys.readouterr().out == "terminal number set to 00043 (was 00042)\n"
    assert main(["--data-dir", data, "terminal", "code", "00043"]) == 0
    assert "already 00043; nothing changed" in capsys.readouterr().out
    # Each change is an audited settings change.
    assert _audited_terminal_numbers(tmp_path / "data") == [provisional, "00042", "00043"]
    # A provisional number is drawn, never assigned by hand; nor a number of another form.
    for refused, fragment in (
        ("95000", "drawn by terminals not yet enrolled"),
        ("42", "a terminal number has 5 digits, like 00042; got '42'"),
        ("K7QM3P", "a terminal number has 5 digits"),
    ):
        assert main(["--data-dir", data, "terminal", "number", refused]) == 1
        assert fragment in capsys.readouterr().err
    assert _audited_terminal_numbers(tmp_path / "data")[-1] == "00043"
    assert main(["--data-dir", data, "info"]) == 0
    assert "  terminal number: 00043\n" in capsys.readouterr().out
