"""The settings dialog's controller without a window: read, refused, saved.

No widget is made here: the controller is a QObject, driven as the dialog drives it.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from support.desks import unchanged
from support.ui import SLOW, login_as, make_admin, ui_ctx_fixture  # noqa: F401 - ui_ctx

from clerk_desk.errors import InvalidInput
from clerk_desk.ui.settings_controller import SettingsController

pytestmark = pytest.mark.gui


@pytest.fixture
def no_widgets(qtbot):  # type: ignore[no-untyped-def]
    before = set(QApplication.allWidgets())  # other tests' widgets may still await deletion
    yield
    assert [w for w in QApplication.allWidgets() if w not in before] == []


def loaded(ui_ctx, qtbot) -> SettingsController:  # type: ignore[no-untyped-def]
    controller = SettingsController(ui_ctx)
    assert not controller.is_loaded() and not controller.may_save()
    with qtbot.waitSignal(controller.loaded, timeout=SLOW) as read:
        controller.load()
    assert read.args[0] == controller.settings
    assert controller.may_save()
    return controller


def test_a_clerk_saves_the_terminals_fields_not_the_centres(
    desk, ui_ctx, qtbot, no_widgets
) -> None:
    controller = loaded(ui_ctx, qtbot)
    assert not controller.may_edit_centre and not controller.is_admin
    settings = controller.settings
    assert settings is not None and settings == desk.settings()

    new = settings.replace(window="6")
    with qtbot.waitSignal(controller.saved, timeout=SLOW) as saved:
        assert controller.save(new)
        assert controller.saving and not controller.may_save()
        assert not controller.save(new)  # one save at a time
    assert saved.args[0].window == "6" == desk.settings().window
    assert controller.settings == saved.args[0] and controller.may_save()


def test_a_bad_printer_is_refused_before_anything_is_sent(desk, ui_ctx, qtbot, no_widgets) -> None:
    controller = loaded(ui_ctx, qtbot)
    settings = controller.settings
    assert settings is not None
    with unchanged(desk), qtbot.waitSignal(controller.failed, timeout=SLOW) as failed:
        assert not controller.save(settings.replace(roll_printer="LPT1"))
    error = failed.args[0]
    assert isinstance(error, InvalidInput) and error.where == "roll_printer"
    assert not controller.saving and controller.may_save()


def test_the_domain_refuses_a_clerk_the_centres_fields(
    desk, clerk, ui_ctx, qtbot, no_widgets
) -> None:
    controller = loaded(ui_ctx, qtbot)
    settings = controller.settings
    assert settings is not None
    with unchanged(desk), qtbot.waitSignal(controller.failed, timeout=SLOW) as failed:
        assert controller.save(settings.replace(centre_name="别的中心"))
    assert "supervisor or an admin" in str(failed.args[0])
    assert not controller.saving and controller.may_save()

    login_as(ui_ctx, make_admin(desk, clerk))
    admin = loaded(ui_ctx, qtbot)
    assert admin.may_edit_centre and admin.is_admin
    admin_settings = admin.settings
    assert admin_settings is not None
    with qtbot.waitSignal(admin.saved, timeout=SLOW):
        admin.save(admin_settings.replace(centre_name="郭仓镇便民服务中心"))
    assert desk.settings().centre_name == "郭仓镇便民服务中心"
