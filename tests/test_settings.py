"""Terminal settings: checked values, and the centre's own fields kept to supervisors."""

from __future__ import annotations

import pytest
from conftest import unchanged

from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.models import Setting
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
