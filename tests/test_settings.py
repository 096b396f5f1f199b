"""Terminal settings: checked values, and the centre's own fields kept to supervisors."""

from __future__ import annotations

import pytest
from conftest import unchanged

from clerk_desk.errors import InvalidInput, RuleViolation
from clerk_desk.journal import SYSTEM_ACTOR


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"public_status_url": "https://"}, "public_status_url"),
        ({"public_status_url": "javascript:alert(1)"}, "public_status_url"),
        ({"window": "  "}, "window"),
        ({"language": "fr"}, "language"),
        ({"printer": "lpt1"}, "printer"),
        ({"printer": "cups:"}, "printer"),
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
        actor_id=clerk.id, login="boss", name="主任", role="supervisor", password="secret12"
    )
    desk.update_settings(
        desk.settings().replace(centre_name="郭仓镇便民服务中心"), actor_id=boss.id
    )
    assert desk.settings().centre_name == "郭仓镇便民服务中心"
    desk.update_settings(desk.settings().replace(counter_level="village"), actor_id=SYSTEM_ACTOR)
    with pytest.raises(InvalidInput, match="actor_id"):
        desk.update_settings(desk.settings().replace(window="4"), actor_id="nobody")
