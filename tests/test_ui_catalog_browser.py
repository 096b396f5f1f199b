"""The service guide browser: search, the guide as shown over the counter, escaping."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from support.desks import SAMPLE_CATALOG
from support.ui import (  # noqa: F401
    cell_lines,
    cell_text,
    check_guide_table,
    materials_table,
    open_guide,
    run_at_200_percent,
    ui_ctx_fixture,
    wait_for,
)

from clerk_desk.ui.app import default_pages
from clerk_desk.ui.catalog_browser import CatalogBrowser
from clerk_desk.ui.catalog_guide import BASE_POINT_SIZE
from clerk_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

HOSTILE_NAME = '<b>粗体</b><img src="file:///etc/passwd">最低生活保障测试'


@pytest.fixture
def browser(ui_ctx, qtbot):
    widget = CatalogBrowser(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitUntil(widget.is_ready)
    return widget


def test_search_shows_the_item_and_its_guide(browser) -> None:
    browser.search("低保")
    names = [s.item.name for s in browser.results()]
    assert names[0] == "最低生活保障申请"
    assert browser.current_item().item.name == "最低生活保障申请"

    guide = browser.guide_text()
    for expected in (
        "最低生活保障申请",
        "370830104-MZ-001",
        "民政",
        "行政给付",
        "持有本县户籍",  # conditions
        "申请人居民身份证",  # materials
        "居民户口簿",
        "家庭收入及财产状况申报表",
        "窗口核验原件后退还",  # a material's note
        "低保申请书（范本）",  # its blank form
        "原件",
        "复印件",
        "only if 家庭成员中是否有持证残疾人？ = yes",  # when the material is needed
        "申请人是否离异？",  # a situation question
        "30 working days",
        "20 working days",
        "Free",
        "《社会救助暂行办法》第十一条",  # legal basis
        "《山东省最低生活保障办法》",
    ):
        assert expected in guide, expected
    assert "yes" in guide  # agency allowed, tolerant acceptance allowed


def test_item_with_html_in_its_name_shows_it_literally(desk, ui_ctx, qtbot) -> None:
    document = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    document["catalog_version"] = "2026.12.2"
    document["published_at"] = "2026-12-02T09:00:00+08:00"
    item = document["items"][0]
    item["name"] = HOSTILE_NAME
    item["department"] = "<i>民政</i>"
    item["legal_basis"] = ['<a href="https://evil.example">法</a>']
    item["materials"][0]["name"] = "<script>alert(1)</script>身份证"
    result = desk.catalog.import_document(json.dumps(document, ensure_ascii=False).encode())
    assert result.version.current

    browser = CatalogBrowser(ui_ctx)
    qtbot.addWidget(browser)
    browser.show()
    qtbot.waitUntil(browser.is_ready)
    browser.search("370830104-MZ-001")
    assert browser.current_item().item.name == HOSTILE_NAME

    guide = browser.guide_text()
    for literal in (HOSTILE_NAME, "<i>民政</i>", "<script>alert(1)</script>身份证", "<a href="):
        assert literal in guide, literal
    rendered = browser.guide.toHtml()
    assert "<img" not in rendered and "<script" not in rendered
    assert 'href="https://evil.example"' not in rendered
    assert "&lt;b&gt;粗体&lt;/b&gt;" in rendered
    # The result list shows the name as plain text too.
    shown = browser.hits.data(browser.hits.index(0), Qt.ItemDataRole.DisplayRole)
    assert shown.startswith(HOSTILE_NAME)


def test_enter_takes_the_item(browser, qtbot) -> None:
    browser.search("dibao")
    with qtbot.waitSignal(browser.item_chosen) as chosen:
        qtbot.keyClick(browser.search_edit, Qt.Key.Key_Return)
    assert chosen.args[0].item.code == "370830104-MZ-001"

    qtbot.keyClick(browser.search_edit, Qt.Key.Key_Down)
    assert browser.results_view.hasFocus()
    with qtbot.waitSignal(browser.item_chosen) as chosen:
        qtbot.keyClick(browser.results_view, Qt.Key.Key_Return)
    assert chosen.args[0].item.code == "370830104-MZ-001"


def test_no_match_clears_the_guide(browser) -> None:
    browser.search("zzzzqqqq")
    assert browser.results() == []
    assert browser.current_item() is None
    assert browser.guide_text() == ""
    assert not browser.choose_button.isEnabled()


def test_zoom_in_and_out(browser, qtbot) -> None:
    browser.search("低保")
    assert browser.point_size() == BASE_POINT_SIZE >= 14  # readable across the counter
    assert browser.guide.font().pointSize() == BASE_POINT_SIZE
    browser.activateWindow()
    browser.guide.setFocus()
    qtbot.waitUntil(browser.guide.hasFocus)
    qtbot.keyClick(browser.guide, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert browser.point_size() == BASE_POINT_SIZE + 2
    qtbot.keyClick(browser.guide, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert browser.point_size() == BASE_POINT_SIZE + 4
    assert browser.guide.font().pointSize() == BASE_POINT_SIZE + 4
    qtbot.keyClick(browser.guide, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert browser.point_size() == BASE_POINT_SIZE + 2
    qtbot.keyClick(browser.guide, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert browser.point_size() == BASE_POINT_SIZE
    for _ in range(20):
        browser.zoom_out()
    assert browser.point_size() >= 9
    assert "Ctrl++" in browser.zoom_in_button.toolTip()
    assert "Ctrl+-" in browser.zoom_out_button.toolTip()


def test_the_guide_searches_the_desks_one_index_fetched_when_shown(
    desk, ui_ctx, qtbot, monkeypatch
) -> None:
    from clerk_desk import item_search

    builds = []
    original = item_search.ItemSearchIndex.__init__

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        builds.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(item_search.ItemSearchIndex, "__init__", counting)
    shared = desk.item_index()  # what the intake uses
    assert len(builds) == 1
    widget = CatalogBrowser(ui_ctx)
    qtbot.addWidget(widget)
    # Made with the main window at login, it asks nothing until shown: the
    # first case list is not kept waiting behind a catalog read.
    assert ui_ctx.runner.pending == 0 and not widget.is_ready()
    widget.show()
    qtbot.waitUntil(widget.is_ready)
    assert widget._index is shared
    assert len(builds) == 1  # no second index of the same catalog
    widget.search("低保")
    assert widget.results()[0].item.name == "最低生活保障申请"

    # A newer catalog version: the next showing gets the desk's new index.
    document = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    document["catalog_version"] = "2026.12.3"
    document["published_at"] = "2026-12-02T10:00:00+08:00"
    document["items"][0]["name"] = "最低生活保障申请(新版)"
    desk.catalog.import_document(json.dumps(document, ensure_ascii=False).encode())
    widget.hide()
    widget.show()
    qtbot.waitUntil(lambda: widget._index is not shared)
    assert widget._index is desk.item_index()
    assert widget.results()[0].item.name == "最低生活保障申请(新版)"


def test_the_materials_table_reads_well_at_1366x768_in_chinese(qtbot, ui_ctx) -> None:
    from support.ui import chinese_translator

    with chinese_translator():
        window = MainWindow(ui_ctx, pages=default_pages())
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        browser = open_guide(window)
        guide = browser.guide_text()
        assert "窗口核验原件后退还" in guide  # the notes are still there, under the names
        check_guide_table(browser)


GUIDE_AT_200_PERCENT = """
from support.ui import check_guide_table, open_guide
from clerk_desk.ui.app import default_pages
from clerk_desk.ui.main_window import MainWindow
window = MainWindow(ctx, pages=default_pages())
window.resize(1366, 768)
window.show()
check_guide_table(open_guide(window))
window.close()
ctx.runner.shutdown()
print("reads well")
"""


def test_the_materials_table_reads_well_at_200_percent_scaling() -> None:
    assert run_at_200_percent(GUIDE_AT_200_PERCENT) == "reads well"
