"""Domain errors reach the clerk in Chinese.

The domain raises English templates with their values
(:mod:`clerk_desk.errors`); the UI translates them with
:func:`clerk_desk.ui.messages.describe`. The first tests read the source (no
Qt): every template raised is listed in ``message_catalog.templates()`` so that
lupdate extracts it, and no message is formatted before it is raised, where
no translation could reach it. The last ones translate real errors.
"""

from __future__ import annotations

import ast
import re
import string
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from support.desks import resident_id

import clerk_desk
from clerk_desk import tracking_numbers
from clerk_desk.errors import ClerkDeskError, InvalidInput, RuleViolation
from clerk_desk.id_card import demo_cards, validate_card
from clerk_desk.identity_numbers import parse_resident_id
from clerk_desk.lifecycle import CaseState, check_transition
from clerk_desk.printing.fonts import FontSet
from clerk_desk.working_days import HolidayCalendar

SRC = Path(clerk_desk.__file__).parent
MESSAGES = SRC / "ui" / "message_catalog.py"
QM = SRC / "ui" / "i18n" / "clerk_desk_zh_CN.qm"

# Modules whose errors a clerk reads (catalog_format.py speaks to the IT officer).
MODULES = (
    "identity_numbers.py",
    "tracking_numbers.py",
    "intake.py",
    "outcomes.py",
    "cases.py",
    "lifecycle.py",
    "applicants.py",
    "staff.py",
    "centre_setup.py",
    "case_documents.py",
    "handover.py",
    "id_card.py",
    "settings.py",
    "desk.py",
    "printing/printers.py",
    "printing/fonts.py",
    "case_lists.py",
    "supervision.py",
    "working_days.py",
    "storage.py",
    "backups.py",
    "printing/layout.py",
    "printing/documents.py",
    "ui/qt_printing.py",
    "data_dir.py",
    "instance_lock.py",
    "first_run.py",
    "ui/app.py",
    "sync.py",
    "sync_freeze.py",
)
# The errors the UI shows (and the modules' own subclasses); the message is the
# argument at this position.
ERROR_CLASSES = {
    "ClerkDeskError": 0,
    "NotFound": 0,
    "RuleViolation": 0,
    "InvalidTransition": 0,
    "StoreError": 0,
    "BackupFailed": 0,
    "RestoreRefused": 0,
    "StoreDamaged": 0,
    "StoreLost": 0,
    "PrintFailed": 0,
    "DataDirError": 0,
    "ReadOnlyDataDir": 0,
    "DiskFull": 0,
    "SetupBusy": 0,
    "AppAlreadyRunning": 0,
    "SyncBusy": 0,
    "SyncFrozen": 0,
    "InvalidInput": 1,
    "ReaderError": 1,
    "SyncFailed": 1,  # after its reason code
}
# Sites whose message is not a literal, each with the reason it is still translated.
NOT_LITERAL = {
    ("id_card.py", "_text"): "re-raises validate_name's own listed template as a phrase",
    ("printing/fonts.py", "check_printable"): "chains phrases of listed templates, one a glyph",
}


@dataclass(frozen=True)
class Site:
    module: str
    function: str
    line: int
    message: ast.expr
    keywords: frozenset[str]
    has_star_kwargs: bool

    def __str__(self) -> str:
        return f"clerk_desk/{self.module}:{self.line} ({self.function})"


def _class_name(call: ast.Call, enclosing_class: str | None) -> str | None:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else None
    if isinstance(func, ast.Attribute):
        name = func.attr
    if name == "cls" and enclosing_class in ERROR_CLASSES:  # ReaderError.timeout() etc.
        return enclosing_class
    return name if name in ERROR_CLASSES else None


def _sites(module: str) -> list[Site]:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    found: list[Site] = []

    def visit(node: ast.AST, cls: str | None, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name, function)
                continue
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, cls, child.name)
                continue
            if isinstance(child, ast.Call):
                name = _class_name(child, cls)
                position = ERROR_CLASSES.get(name or "")
                if position is not None and len(child.args) > position:
                    found.append(
                        Site(
                            module,
                            function,
                            child.lineno,
                            child.args[position],
                            frozenset(k.arg for k in child.keywords if k.arg is not None),
                            any(k.arg is None for k in child.keywords),
                        )
                    )
            visit(child, cls, function)

    visit(tree, None, "<module>")
    return found


def all_sites() -> list[Site]:
    return [site for module in MODULES for site in _sites(module)]


def listed_templates() -> list[str]:
    """The literals of ``t("DomainMessages", "...")`` in ``message_catalog.templates()``."""
    tree = ast.parse(MESSAGES.read_text(encoding="utf-8"))
    function = next(
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "templates"
    )
    out = []
    for call in ast.walk(function):
        if (
            isinstance(call, ast.Call)
            and len(call.args) == 2
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args)
        ):
            context, source = (a.value for a in call.args)  # type: ignore[attr-defined]
            assert context == "DomainMessages", source
            out.append(source)
    return out


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_scan_finds_the_raise_sites() -> None:
    sites = all_sites()
    assert len(sites) > 150
    modules = {s.module for s in sites}
    assert modules == set(MODULES), set(MODULES) - modules


def test_every_raised_template_is_listed_for_translation() -> None:
    listed = set(listed_templates())
    missing = [
        f"{site}: {site.message.value!r}"
        for site in all_sites()
        if isinstance(site.message, ast.Constant) and site.message.value not in listed
    ]
    assert missing == [], "add these to templates() in clerk_desk/ui/message_catalog.py"


def test_the_list_has_no_stale_or_duplicate_templates() -> None:
    listed = listed_templates()
    assert len(listed) == len(set(listed))
    raised = {s.message.value for s in all_sites() if isinstance(s.message, ast.Constant)}
    own = {"Unexpected error: {error}", "{field}: {message}"}  # describe()'s own
    assert set(listed) - raised - own == set(), "templates nothing raises any more"


def test_no_message_is_formatted_before_it_is_raised() -> None:
    """An f-string, ``.format()`` or ``+`` cannot be translated: pass the values as keywords."""
    offenders = []
    for site in all_sites():
        message = site.message
        if isinstance(message, ast.Constant) and isinstance(message.value, str):
            continue
        if (site.module, site.function) in NOT_LITERAL:
            continue
        offenders.append(f"{site}: {ast.unparse(message)}")
    assert offenders == []


def test_keywords_match_the_placeholders() -> None:
    """A placeholder without its keyword would raise KeyError instead of the error."""
    wrong = []
    for site in all_sites():
        message = site.message
        if not isinstance(message, ast.Constant) or site.has_star_kwargs:
            continue
        assert isinstance(message.value, str)
        names = placeholders(message.value)
        if site.keywords and names != site.keywords:
            wrong.append(f"{site}: {sorted(names)} vs {sorted(site.keywords)}")
        if not site.keywords and re.search(r"(?<!\{)\{\w*\}(?!\})", message.value):
            wrong.append(f"{site}: placeholders but no values: {message.value!r}")
    assert wrong == []


def test_allowlist_is_still_needed() -> None:
    used = {(s.module, s.function) for s in all_sites() if not isinstance(s.message, ast.Constant)}
    assert set(NOT_LITERAL) <= used, set(NOT_LITERAL) - used


# -- translated ----------------------------------------------------------------


@pytest.fixture
def chinese(qapp):
    from PySide6.QtCore import QTranslator

    assert QM.exists(), "built by pyside6-lrelease (make setup)"
    translator = QTranslator()
    assert translator.load(str(QM))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def _wrong_check_character() -> InvalidInput:
    good = resident_id()
    wrong = good[:17] + ("1" if good[17] != "1" else "2")
    with pytest.raises(InvalidInput) as info:
        parse_resident_id(wrong, today=date(2026, 11, 23))
    return info.value


def _missing_material(desk, clerk, applicant) -> RuleViolation:
    case = desk.intake.start(
        clerk_id=clerk.id, item_code="370830104-MZ-001", applicant_id=applicant.id
    )
    answers = {
        "by_proxy": False,
        "has_disabled_member": False,
        "has_serious_illness": False,
        "divorced": False,
    }
    case = desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=answers)
    ids = [e.material.id for e in case.checklist]
    assert "consent" in ids
    desk.intake.mark(
        case_id=case.id,
        clerk_id=clerk.id,
        received=[i for i in ids if i != "consent"],
        missing=["consent"],
    )
    with pytest.raises(RuleViolation) as info:
        desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
    return info.value


def describe(error: BaseException) -> str:
    from clerk_desk.ui.messages import describe  # Qt only here: the scans above need none

    return describe(error)


def _refused(fn, *args, **kwargs) -> ClerkDeskError:
    with pytest.raises(ClerkDeskError) as info:
        fn(*args, **kwargs)
    return info.value


@pytest.mark.gui
def test_a_wrong_check_character_reads_in_chinese(chinese) -> None:
    error = _wrong_check_character()
    assert describe(error) == (
        "身份证号码：最后一位（校验位）与前17位数字不符：号码可能输入有误，请与身份证逐位核对"
    )


@pytest.mark.gui
def test_a_refused_acceptance_reads_in_chinese(chinese, desk, clerk, applicant) -> None:
    error = _missing_material(desk, clerk, applicant)
    shown = tracking_numbers.display(error.params["number"])  # grouped, as printed
    assert describe(error) == f"办件{shown}不能受理：缺少家庭经济状况核对授权书（家庭成员均需签字）"
    two = RuleViolation(
        "case {number} cannot be accepted: missing {materials}",
        number=error.params["number"],
        materials="居民户口簿, 残疾人证",
    )
    assert describe(two).endswith("缺少居民户口簿、残疾人证")  # the clerk's list separator


@pytest.mark.gui
def test_without_the_translation_the_english_text_is_shown(qapp, desk, clerk, applicant) -> None:
    error = _wrong_check_character()
    assert str(error).startswith("id_number: the last character (the check character)")
    assert describe(error) == "ID number: " + error.message  # the field by its label
    refused = _missing_material(desk, clerk, applicant)
    number = refused.params["number"]
    assert describe(refused) == str(refused).replace(number, tracking_numbers.display(number))
    assert describe(refused).endswith(
        "cannot be accepted: missing 家庭经济状况核对授权书（家庭成员均需签字）"
    )


@pytest.mark.gui
def test_states_inside_messages_are_named_in_chinese(chinese) -> None:
    error = _refused(
        check_transition, CaseState.ACCEPTED, CaseState.DECIDED, case_label="ABCD3VJ233D"
    )
    assert describe(error) == (
        "办件ABCD3VJ233D当前为“已受理”，不能转为“已决定”（下一步只能是：办理中、已撤回）"
    )
    error = _refused(
        check_transition,
        CaseState.ACCEPTED,
        CaseState.DECIDED,
        case_label="ABCD3VJ233D",
        immediate=True,
    )
    assert describe(error).endswith("（下一步只能是：已办结、办理中、已撤回）")


@pytest.mark.gui
def test_phrases_inside_messages_are_translated_too(chinese) -> None:
    card = replace(demo_cards()[0], address="东关村\x07")
    error = _refused(validate_card, card, today=date(2026, 11, 23))
    assert str(error) == "id_card: address: character 4 is U+0007, a control character; remove it"
    assert describe(error) == "身份证：住址：第4个字符U+0007是控制字符，请删除"

    error = _refused(FontSet([]).check_printable, {"applicant.name": "王"})
    assert describe(error) == (
        "没有安装可用的中文字体（TrueType 轮廓）；"
        "已安装的字体都无法显示字段申请人姓名中的“王”（U+738B）"
    )
    error = _refused(FontSet([]).check_printable, {"missing[2].note": "王", "odd.path": "王"})
    assert describe(error).endswith("字段材料说明、odd.path中的“王”（U+738B）")

    days = [date(2026, 1, d) for d in range(1, 9)]
    error = _refused(HolidayCalendar.from_data, days, days, [2026], "test")
    assert str(error).endswith("2026-01-05 and 3 more")
    assert describe(error).endswith("2026-01-05等（另有3个）")
    assert describe(error).startswith("节假日：以下日期同时被列为节假日和调休上班日：")


def test_every_template_formats_with_its_own_placeholders() -> None:
    """A listed template must survive ``str.format`` (no stray braces)."""
    for template in listed_templates():
        values = {name: "x" for name in placeholders(template)}
        template.format(**values)
