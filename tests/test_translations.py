"""The zh_CN translation is complete, keeps placeholders, and is what the UI shows."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from clerk_desk.ui import app as ui_app

pytestmark = pytest.mark.gui

UI = Path(ui_app.__file__).parent
TS = UI / "i18n" / "clerk_desk_zh_CN.ts"
BIN = Path(sys.executable).parent


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            out[(name, m.findtext("source") or "")] = m
    return out


def translation_text(m: ET.Element) -> str:
    tr = m.find("translation")
    assert tr is not None
    forms = tr.findall("numerusform")
    return "".join(f.text or "" for f in forms) if forms else (tr.text or "")


def test_every_ui_string_has_a_finished_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *map(str, sorted(UI.glob("*.py"))), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    in_code = messages(fresh)
    assert len(in_code) > 200
    committed = messages(TS)
    untranslated = []
    for key in in_code:
        m = committed.get(key)
        state = None if m is None else m.find("translation").get("type")
        if m is None or state is not None or not translation_text(m).strip():
            untranslated.append(key)
    assert untranslated == [], "run `make update-translations` and translate these"


def test_translations_keep_every_placeholder() -> None:
    for (context, source), m in messages(TS).items():
        text = translation_text(m)
        for placeholder in re.findall(r"\{\w+\}|%n", source):
            assert placeholder in text, (context, source, text)
        if "&" in source.replace("&&", ""):
            assert "&" in text, ("mnemonic lost", context, source, text)


def test_compiled_translation_is_loaded_and_used(qtbot) -> None:
    app = QApplication.instance()
    qm = TS.with_suffix(".qm")
    assert qm.exists(), "built by `make setup` (pyside6-lrelease)"
    translator = QTranslator()
    assert translator.load(str(qm))
    app.installTranslator(translator)
    try:
        assert QCoreApplication.translate("LoginWindow", "Log &in") == "登录（&I）"
        assert QCoreApplication.translate("CaseState", "notice issued") == "待补正"
        from clerk_desk.ui.dialogs import RejectionDialog

        dialog = RejectionDialog()
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "不予受理"
    finally:
        app.removeTranslator(translator)
    # Without it, English (the source strings) works too.
    assert QCoreApplication.translate("LoginWindow", "Log &in") == "Log &in"


def test_app_loads_chinese_by_default(desk) -> None:
    assert desk.settings().language == "zh_CN"
    app = QApplication.instance()
    loaded = ui_app.install_translators(cast(QApplication, app), "zh_CN")
    try:
        assert loaded, "no translation loaded for zh_CN"
        assert QCoreApplication.translate("MainWindow", "Overdue") == "已超期"
    finally:
        for t in loaded:
            app.removeTranslator(t)
    # English: only the plural forms of the source strings.
    loaded = ui_app.install_translators(cast(QApplication, app), "en")
    try:
        assert len(loaded) == 1
        translate = QCoreApplication.translate
        assert translate("MainWindow", "%n case(s)", "", 1) == "1 case"
        assert translate("MainWindow", "%n case(s)", "", 3) == "3 cases"
        assert translate("MainWindow", "Overdue") == "Overdue"
    finally:
        for t in loaded:
            app.removeTranslator(t)


def test_every_plural_has_its_english_forms() -> None:
    english = messages(TS.with_name("clerk_desk_en.ts"))
    plurals = {key for key, m in messages(TS).items() if m.get("numerus") == "yes"}
    assert plurals and set(english) == plurals
    for key, m in english.items():
        forms = [f.text or "" for f in m.find("translation").findall("numerusform")]
        assert len(forms) == 2 and all("%n" in f for f in forms), key
        assert m.find("translation").get("type") is None, key
