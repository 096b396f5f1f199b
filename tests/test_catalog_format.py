"""Tests of the ``clerk-catalog/1`` parser and validator (clerk_desk.catalog_format)."""

from __future__ import annotations

import copy
import importlib.util
import json
import pickle
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from clerk_desk import catalog_format as cf
from clerk_desk.catalog_format import (
    MAX_DOCUMENT_BYTES,
    Catalog,
    CatalogFormatError,
    CatalogProblem,
    Fee,
    Item,
    Material,
    Question,
    TimeLimit,
    parse_catalog,
)
from clerk_desk.errors import ClerkDeskError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PATH = ROOT / "resources" / "sample-catalog.json"
GENERATOR_PATH = ROOT / "bench" / "generate_catalog.py"

Doc = dict[str, Any]


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def sample_bytes() -> bytes:
    return SAMPLE_PATH.read_bytes()


@pytest.fixture
def doc(sample_bytes: bytes) -> Doc:
    """A fresh, mutable copy of the sample document."""
    result: Doc = json.loads(sample_bytes)
    return result


def encode(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def problems_of(data: bytes | Doc) -> list[CatalogProblem]:
    """The problems parse_catalog reports; fails the test if it accepts the document."""
    raw = data if isinstance(data, bytes) else encode(data)
    with pytest.raises(CatalogFormatError) as info:
        parse_catalog(raw)
    assert info.value.problems, "a refusal must name at least one problem"
    return list(info.value.problems)


def paths_of(data: bytes | Doc) -> list[str]:
    return [p.path for p in problems_of(data)]


def only_problem(data: bytes | Doc) -> CatalogProblem:
    problems = problems_of(data)
    assert len(problems) == 1, problems
    return problems[0]


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_catalog", GENERATOR_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_item(materials: tuple[Material, ...], questions: tuple[str, ...] = ("a", "b")) -> Item:
    return Item(
        code="X-1",
        name="测试事项",
        department="民政",
        kind="行政给付",
        level="township",
        legal_basis=("《测试办法》",),
        conditions="",
        time_limit=TimeLimit(10, 5, "working_day", False),
        fee=Fee(0, None),
        agency_allowed=False,
        tolerant_acceptance=False,
        questions=tuple(Question(q, f"{q}?") for q in questions),
        materials=materials,
    )


def material(mid: str, when_yes: tuple[str, ...] = (), when_no: tuple[str, ...] = ()) -> Material:
    return Material(mid, mid, "copy", 1, False, None, None, when_yes, when_no)


# ------------------------------------------------------------------------ the sample


def test_sample_catalog_parses(sample_bytes: bytes) -> None:
    catalog = parse_catalog(sample_bytes)
    assert catalog.format == "clerk-catalog/1"
    assert catalog.catalog_version == "2026.12.1"
    assert len(catalog.items) == 19
    assert catalog.published_at == datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    assert catalog.published_at.utcoffset() == timedelta(hours=8)
    assert catalog.region_code == "370830104"
    assert catalog.region_name == "山东省济宁市汶上县郭仓镇便民服务中心"

    dibao = catalog.items[0]
    assert dibao.code == "370830104-MZ-001"
    assert dibao.name == "最低生活保障申请"
    assert dibao.level == "township"
    assert dibao.time_limit == TimeLimit(30, 20, "working_day", False)
    assert dibao.fee == Fee(0, None)
    assert dibao.agency_allowed and dibao.tolerant_acceptance
    assert dibao.question_ids() == frozenset(
        {"by_proxy", "has_disabled_member", "has_serious_illness", "divorced"}
    )
    assert dibao.material("app_form") is not None
    assert dibao.material("app_form").template == "低保申请书（范本）"  # type: ignore[union-attr]
    assert dibao.authority == "汶上县民政局"
    assert dibao.notice_basis is None
    assert dibao.material("id_card").returned  # type: ignore[union-attr]
    assert not dibao.material("app_form").returned  # type: ignore[union-attr]
    assert dibao.material("nope") is None
    assert catalog.item("370830104-MZ-001") is dibao
    assert catalog.item("nope") is None
    assert catalog.items[8].fee.basis == "补换卡工本费已免收"


def test_utf8_bom_is_accepted(sample_bytes: bytes) -> None:
    assert parse_catalog(b"\xef\xbb\xbf" + sample_bytes) == parse_catalog(sample_bytes)


def test_parse_refuses_str(sample_bytes: bytes) -> None:
    with pytest.raises(TypeError):
        parse_catalog(sample_bytes.decode())  # type: ignore[arg-type]


def test_values_are_immutable(sample_bytes: bytes) -> None:
    item = parse_catalog(sample_bytes).items[0]
    with pytest.raises(AttributeError):
        item.name = "x"  # type: ignore[misc]
    assert isinstance(item.materials, tuple) and isinstance(item.legal_basis, tuple)
    assert isinstance(item.materials[5].when_yes, tuple)


# ------------------------------------------------------------------------- checklist


def test_checklist_on_sample_item(sample_bytes: bytes) -> None:
    dibao = parse_catalog(sample_bytes).items[0]
    always = ["id_card", "hukou", "app_form", "income", "consent"]
    assert [m.id for m in dibao.checklist({})] == always
    answers = {"divorced": True, "by_proxy": False, "has_disabled_member": False}
    assert [m.id for m in dibao.checklist(answers)] == [*always, "divorce"]
    answers = {"by_proxy": True, "has_serious_illness": True}
    assert [m.id for m in dibao.checklist(answers)] == [
        *always,
        "medical",
        "proxy_letter",
        "proxy_id",
    ]


def test_checklist_when_no_on_sample_item(sample_bytes: bytes) -> None:
    card = parse_catalog(sample_bytes).items[8]
    old_card = card.material("old_card")
    assert old_card is not None and old_card.when_no == ("card_lost",)
    assert old_card in card.checklist({"card_lost": False})
    assert old_card not in card.checklist({"card_lost": True})
    assert old_card not in card.checklist({})  # unanswered: the condition does not hold


def test_material_applies_rules() -> None:
    always = material("always")
    yes_a = material("yes_a", when_yes=("a",))
    no_a = material("no_a", when_no=("a",))
    yes_a_no_b = material("yes_a_no_b", when_yes=("a",), when_no=("b",))
    yes_ab = material("yes_ab", when_yes=("a", "b"))
    no_ab = material("no_ab", when_no=("a", "b"))

    assert always.applies({}) and always.applies({"a": True})
    assert yes_a.applies({"a": True})
    assert not yes_a.applies({"a": False})
    assert not yes_a.applies({})
    assert no_a.applies({"a": False})
    assert not no_a.applies({"a": True})
    assert not no_a.applies({})
    assert yes_a_no_b.applies({"a": True, "b": False})
    assert not yes_a_no_b.applies({"a": True, "b": True})
    assert not yes_a_no_b.applies({"a": False, "b": False})
    assert not yes_a_no_b.applies({"a": True})
    assert yes_ab.applies({"a": True, "b": True})
    assert not yes_ab.applies({"a": True, "b": False})
    assert no_ab.applies({"a": False, "b": False})
    assert not no_ab.applies({"a": False})


def test_checklist_keeps_document_order() -> None:
    materials = (
        material("m1"),
        material("m2", when_yes=("a",)),
        material("m3", when_no=("a",)),
        material("m4", when_yes=("a",), when_no=("b",)),
        material("m5"),
    )
    item = make_item(materials)
    assert [m.id for m in item.checklist({"a": True, "b": False})] == ["m1", "m2", "m4", "m5"]
    assert [m.id for m in item.checklist({"a": False, "b": False})] == ["m1", "m3", "m5"]
    assert [m.id for m in item.checklist({})] == ["m1", "m5"]
    assert item.question_ids() == frozenset({"a", "b"})


# ------------------------------------------------------------------------ round trip


def test_item_to_json_is_the_format_item_object(sample_bytes: bytes, doc: Doc) -> None:
    catalog = parse_catalog(sample_bytes)
    for item, original in zip(catalog.items, doc["items"], strict=True):
        assert item.to_json() == original


def test_item_round_trip(sample_bytes: bytes) -> None:
    for item in parse_catalog(sample_bytes).items:
        stored = json.loads(json.dumps(item.to_json()))  # as a JSON column would
        assert Item.from_json(stored) == item


def test_catalog_round_trip(sample_bytes: bytes) -> None:
    catalog = parse_catalog(sample_bytes)
    assert Catalog.from_json(json.loads(json.dumps(catalog.to_json()))) == catalog
    assert parse_catalog(encode(catalog.to_json())) == catalog


def test_round_trip_of_optional_fields() -> None:
    m = Material("m", "名称", "electronic", 2, True, "第一行\n第二行", "表格", ("a",), ("b",))
    item = make_item((m, material("plain")))
    assert Item.from_json(json.loads(json.dumps(item.to_json()))) == item
    assert "note" not in item.to_json()["materials"][1]
    assert "when_yes" not in item.to_json()["materials"][1]


def test_authority_notice_basis_and_returned_are_read_and_round_trip(doc: Doc) -> None:
    item = doc["items"][1]
    item["authority"] = "郭仓镇人民政府"
    item["notice_basis"] = ["《某某条例》第十条", "《某某办法》第五条"]
    item["materials"][0]["returned"] = True
    item["materials"][1]["returned"] = False
    catalog = parse_catalog(encode(doc))
    parsed = catalog.items[1]
    assert parsed.authority == "郭仓镇人民政府"
    assert parsed.notice_basis == ("《某某条例》第十条", "《某某办法》第五条")
    assert parsed.notice_provisions() == parsed.notice_basis
    assert parsed.materials[0].returned and not parsed.materials[1].returned
    assert Item.from_json(json.loads(json.dumps(parsed.to_json()))) == parsed
    # "returned": false is the default: the canonical form leaves it out, so a
    # re-serialised document is the same version.
    assert "returned" not in parsed.to_json()["materials"][1]
    assert parse_catalog(encode(catalog.to_json())) == catalog


def test_an_empty_notice_basis_cites_no_statute(doc: Doc) -> None:
    licensing = next(i for i in doc["items"] if i["kind"] == "行政许可")
    licensing["notice_basis"] = []
    parsed = next(i for i in parse_catalog(encode(doc)).items if i.code == licensing["code"])
    assert parsed.notice_basis == () and parsed.notice_provisions() == ()


def test_notice_provisions_default_by_kind(sample_bytes: bytes) -> None:
    catalog = parse_catalog(sample_bytes)
    kinds = {i.kind for i in catalog.items}
    assert "行政许可" in kinds and len(kinds) > 1
    for item in catalog.items:
        assert item.notice_basis is None
        if item.kind == "行政许可":
            assert item.notice_provisions() == ("《中华人民共和国行政许可法》第三十二条",)
        else:
            assert item.notice_provisions() == ()


@pytest.mark.parametrize(
    ("field", "value", "path", "words"),
    [
        ("authority", "", "items[0].authority", "empty"),
        ("authority", 5, "items[0].authority", "string"),
        ("authority", None, "items[0].authority", "leave the field out"),
        ("authority", "汶上县\u202e民政局", "items[0].authority", ""),
        ("notice_basis", "第三十二条", "items[0].notice_basis", "array"),
        ("notice_basis", ["ok", 3], "items[0].notice_basis[1]", "string"),
        ("notice_basis", [""], "items[0].notice_basis[0]", "empty"),
    ],
)
def test_bad_optional_item_fields_are_named(
    doc: Doc, field: str, value: Any, path: str, words: str
) -> None:
    if isinstance(value, str):
        value = value.encode().decode("unicode_escape")
    doc["items"][0][field] = value
    problems = problems_of(doc)
    assert [p.path for p in problems] == [path]
    assert words in problems[0].message


@pytest.mark.parametrize("value", [1, "true", None])
def test_returned_must_be_a_boolean(doc: Doc, value: Any) -> None:
    doc["items"][0]["materials"][0]["returned"] = value
    problems = problems_of(doc)
    assert [p.path for p in problems] == ["items[0].materials[0].returned"]
    assert "true or false" in problems[0].message


# ----------------------------------------------------------------- document level


def test_document_over_size_limit_is_refused_up_front() -> None:
    problem = only_problem(b" " * (MAX_DOCUMENT_BYTES + 1))
    assert problem.path == "$"
    assert f"{MAX_DOCUMENT_BYTES:,}" in problem.message


def test_not_utf8_names_the_byte_offset() -> None:
    problem = only_problem(b'{"format": "\xff"}')
    assert problem.path == "$"
    assert "UTF-8" in problem.message and "offset 12" in problem.message
    # With a BOM the offset still counts from the start of the file.
    problem = only_problem(b'\xef\xbb\xbf{"format": "\xc3"}')
    assert "offset 15" in problem.message


def test_utf16_is_refused() -> None:
    problem = only_problem('{"format": "clerk-catalog/1"}'.encode("utf-16"))
    assert problem.path == "$" and "UTF-8" in problem.message


def test_invalid_json_names_line_and_column() -> None:
    problem = only_problem(b'{\n  "format": "clerk-catalog/1",\n}')
    assert problem.path == "$"
    assert "line 3, column 1" in problem.message
    assert only_problem(b"").path == "$"
    assert "line 1, column 3" in only_problem(b"{}x").message


def test_too_deep_or_too_long_json_is_refused() -> None:
    assert only_problem(b"[" * 100_000 + b"]" * 100_000).path == "$"
    # A number too long to convert is not converted: it is reported at its path.
    problem = problems_of(b'{"format": ' + b"1" * 5000 + b"}")[0]
    assert problem.path == "format" and "more than 30 characters" in problem.message


def test_duplicate_keys_are_reported_at_their_paths(sample_bytes: bytes) -> None:
    text = sample_bytes.decode()
    text = text.replace(
        '"catalog_version": "2026.12.1"',
        '"catalog_version": "2026.12.1", "catalog_version": "2026.11.2"',
        1,
    )
    # items[0].materials[1] is the first material named 居民户口簿.
    text = text.replace('"name": "居民户口簿"', '"name": "居民户口簿", "name": "户口簿"', 1)
    problems = problems_of(text.encode())
    assert [p.path for p in problems] == ["catalog_version", "items[0].materials[1].name"]
    assert all("duplicate key" in p.message for p in problems)


def test_nan_and_infinity_are_refused(doc: Doc) -> None:
    doc["items"][0]["materials"][0]["copies"] = float("nan")
    doc["items"][1]["fee"]["amount_cents"] = float("-inf")
    problems = problems_of(encode(doc))
    assert [p.path for p in problems] == [
        "items[0].materials[0].copies",
        "items[1].fee.amount_cents",
    ]
    assert "NaN" in problems[0].message and "-Infinity" in problems[1].message


@pytest.mark.parametrize("data", [b"[]", b'"clerk-catalog/1"', b"null", b"42"])
def test_root_must_be_an_object(data: bytes) -> None:
    problem = only_problem(data)
    assert problem.path == "$" and "object" in problem.message


def test_other_format_version_is_refused_alone(doc: Doc) -> None:
    doc["format"] = "clerk-catalog/2"
    doc["items"][0]["frobnicate"] = True  # not reported: v2 rules are not ours
    problem = only_problem(doc)
    assert problem.path == "format" and "clerk-catalog/2" in problem.message


@pytest.mark.parametrize("value", ["clerk_catalog/1", "CLERK-CATALOG/1", "", 1, None])
def test_format_must_be_exact(doc: Doc, value: Any) -> None:
    doc["format"] = value
    assert paths_of(doc) == ["format"]


def test_missing_required_fields(doc: Doc) -> None:
    del doc["format"]
    del doc["region"]["name"]
    del doc["items"][0]["name"]
    del doc["items"][1]["time_limit"]["unit"]
    del doc["items"][2]["fee"]["basis"]
    del doc["items"][3]["materials"][0]["copies"]
    del doc["items"][4]["questions"][0]["text"]
    problems = problems_of(doc)
    assert [p.path for p in problems] == [
        "format",
        "region.name",
        "items[0].name",
        "items[1].time_limit.unit",
        "items[2].fee.basis",
        "items[3].materials[0].copies",
        "items[4].questions[0].text",
    ]
    assert all(p.message == "missing required field" for p in problems)


def test_optional_material_fields_may_be_left_out(doc: Doc) -> None:
    m = doc["items"][0]["materials"][5]
    assert m["id"] == "disability"
    m["when_yes"] = []
    doc["items"][0]["materials"][0].pop("note")
    catalog = parse_catalog(encode(doc))
    assert catalog.items[0].materials[0].note is None
    assert catalog.items[0].materials[5].when_yes == ()


def test_unknown_fields_are_refused_and_named(doc: Doc) -> None:
    m = doc["items"][3]["materials"][2]
    m["when-yes"] = ["by_proxy"]
    doc["items"][0]["Name"] = "x"
    doc["items"][1]["time_limit"]["days"] = 3
    doc["region"]["province"] = "山东"
    doc["comment"] = "x"
    doc["items"][2]["questions"][0]["help"] = "x"
    problems = problems_of(doc)
    assert [p.path for p in problems] == [
        "comment",
        "region.province",
        "items[0].Name",
        "items[1].time_limit.days",
        "items[2].questions[0].help",
        "items[3].materials[2].when-yes",
    ]
    assert problems[-1].message == 'unknown field "when-yes" (did you mean "when_yes"?)'
    assert problems[2].message == 'unknown field "Name" (did you mean "name"?)'


def test_odd_keys_get_quoted_paths(doc: Doc) -> None:
    doc["items"][0]["materials"][0]["when yes"] = []
    doc["a.b"] = 1
    assert paths_of(doc) == ['$["a.b"]', 'items[0].materials[0]["when yes"]']


def test_wrong_types(doc: Doc) -> None:
    doc["catalog_version"] = 2026
    doc["region"] = ["370830104"]
    item = doc["items"][0]
    item["legal_basis"] = "《社会救助暂行办法》"
    item["time_limit"]["statutory_days"] = "30"
    item["fee"]["amount_cents"] = 1.0
    item["agency_allowed"] = "yes"
    item["tolerant_acceptance"] = None
    item["questions"] = {}
    doc["items"][1]["materials"] = None
    doc["items"][2] = "item"
    found = [(p.path, p.message) for p in problems_of(doc)]
    assert found[:8] == [
        ("catalog_version", "must be a string, got the integer 2026"),
        ("region", "must be an object, got an array"),
        ("items[0].legal_basis", "must be an array of strings, got a string"),
        ("items[0].time_limit.statutory_days", "must be an integer, got a string"),
        ("items[0].fee.amount_cents", "must be an integer, got the number 1.0"),
        ("items[0].agency_allowed", "must be true or false, got a string"),
        ("items[0].tolerant_acceptance", "must be true or false, got null"),
        ("items[0].questions", "must be an array of questions, got an object"),
    ]
    # items[0]'s conditional materials now name questions the item does not ask
    assert [path for path, _ in found[8:13]] == [
        f"items[0].materials[{j}].when_yes[0]" for j in range(5, 10)
    ]
    assert found[13:] == [
        ("items[1].materials", "must be an array of materials, got null"),
        ("items[2]", "must be an object, got a string"),
    ]


def test_bool_is_not_an_int_and_int_is_not_a_bool(doc: Doc) -> None:
    doc["items"][0]["materials"][0]["copies"] = True
    doc["items"][0]["time_limit"]["promised_days"] = False
    doc["items"][0]["materials"][1]["key"] = 1
    doc["items"][0]["time_limit"]["immediate"] = 0
    problems = problems_of(doc)
    assert [(p.path, p.message) for p in problems] == [
        ("items[0].time_limit.promised_days", "must be an integer, got false"),
        ("items[0].time_limit.immediate", "must be true or false, got the integer 0"),
        ("items[0].materials[0].copies", "must be an integer, got true"),
        ("items[0].materials[1].key", "must be true or false, got the integer 1"),
    ]


@pytest.mark.parametrize("value", ["", "   "])
def test_catalog_version_must_not_be_empty(doc: Doc, value: str) -> None:
    doc["catalog_version"] = value
    assert paths_of(doc) == ["catalog_version"]


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-20T09:00:00",  # naive
        "2026-11-20 09:00:00+08:00",  # not RFC 3339's T
        "2026-11-20",
        "20261120T090000Z",
        "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-11-20T09:00:00+24:00",
        "2026-11-20T09:00:00+0800",
        "２０２６-11-20T09:00:00Z",
        "",
    ],
)
def test_published_at_must_be_rfc3339_with_offset(doc: Doc, value: str) -> None:
    doc["published_at"] = value
    problem = only_problem(doc)
    assert problem.path == "published_at"


def test_published_at_naive_says_offset_is_missing(doc: Doc) -> None:
    doc["published_at"] = "2026-11-20T09:00:00"
    assert "no UTC offset" in only_problem(doc).message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-20T01:00:00Z", datetime(2026, 11, 20, 1, tzinfo=UTC)),
        ("2026-11-20t01:00:00z", datetime(2026, 11, 20, 1, tzinfo=UTC)),
        (
            "2026-11-20T09:00:00.5+08:00",
            datetime(2026, 11, 20, 9, 0, 0, 500000, tzinfo=timezone(timedelta(hours=8))),
        ),
        (
            "2026-11-19T20:30:00-04:30",
            datetime(2026, 11, 19, 20, 30, tzinfo=timezone(-timedelta(hours=4, minutes=30))),
        ),
    ],
)
def test_published_at_accepted_forms(doc: Doc, value: str, expected: datetime) -> None:
    doc["published_at"] = value
    published = parse_catalog(encode(doc)).published_at
    assert published == expected and published.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("code", ["370830", "370830104", "370830104001"])
def test_region_code_lengths_accepted(doc: Doc, code: str) -> None:
    doc["region"]["code"] = code
    assert parse_catalog(encode(doc)).region_code == code


@pytest.mark.parametrize(
    "code", ["37083", "3708301", "3708301041", "37083010400a", "３７０８３０", "", " 370830"]
)
def test_region_code_must_be_6_9_or_12_digits(doc: Doc, code: str) -> None:
    doc["region"]["code"] = code
    assert paths_of(doc) == ["region.code"]


def test_region_name_must_not_be_empty(doc: Doc) -> None:
    doc["region"]["name"] = ""
    assert paths_of(doc) == ["region.name"]


@pytest.mark.parametrize("items", [[], {}, None])
def test_items_must_be_a_non_empty_array(doc: Doc, items: Any) -> None:
    doc["items"] = items
    assert paths_of(doc) == ["items"]


def test_item_code_must_be_unique_and_non_empty(doc: Doc) -> None:
    doc["items"][5]["code"] = doc["items"][2]["code"]
    doc["items"][7]["code"] = doc["items"][2]["code"]
    doc["items"][9]["code"] = ""
    problems = problems_of(doc)
    assert [p.path for p in problems] == ["items[5].code", "items[7].code", "items[9].code"]
    assert "items[2].code" in problems[0].message and "items[2].code" in problems[1].message
    assert "370830104-MZ-003" in problems[0].message


def test_item_name_must_not_be_empty(doc: Doc) -> None:
    doc["items"][0]["name"] = ""
    doc["items"][1]["name"] = " \u3000"
    assert paths_of(doc) == ["items[0].name", "items[1].name"]


@pytest.mark.parametrize("level", ["town", "Township", "", "province"])
def test_level_enum(doc: Doc, level: str) -> None:
    doc["items"][0]["level"] = level
    problem = only_problem(doc)
    assert problem.path == "items[0].level"
    assert '"village", "township"' in problem.message or '"county"' in problem.message


def test_legal_basis_entries_must_be_non_empty_strings(doc: Doc) -> None:
    doc["items"][0]["legal_basis"] = ["", "《社会救助暂行办法》", 3, None]
    doc["items"][1]["legal_basis"] = []
    assert paths_of(doc) == [
        "items[0].legal_basis[0]",
        "items[0].legal_basis[2]",
        "items[0].legal_basis[3]",
    ]


def test_integers_must_not_be_negative(doc: Doc) -> None:
    doc["items"][0]["time_limit"]["statutory_days"] = -1
    doc["items"][1]["time_limit"]["promised_days"] = -1
    doc["items"][2]["fee"]["amount_cents"] = -500
    assert paths_of(doc) == [
        "items[0].time_limit.statutory_days",
        "items[1].time_limit.promised_days",
        "items[2].fee.amount_cents",
    ]


def test_absurd_integers_are_refused(doc: Doc) -> None:
    doc["items"][0]["time_limit"]["statutory_days"] = 10**30
    doc["items"][1]["fee"]["amount_cents"] = 2**63
    doc["items"][2]["materials"][0]["copies"] = 1000
    assert paths_of(doc) == [
        "items[0].time_limit.statutory_days",
        "items[1].fee.amount_cents",
        "items[2].materials[0].copies",
    ]


def test_promised_days_must_not_exceed_statutory(doc: Doc) -> None:
    doc["items"][0]["time_limit"]["promised_days"] = 31
    problem = only_problem(doc)
    assert problem.path == "items[0].time_limit.promised_days"
    assert "31" in problem.message and "30" in problem.message
    doc["items"][0]["time_limit"]["promised_days"] = 30  # equal is fine
    parse_catalog(encode(doc))


@pytest.mark.parametrize("unit", ["workday", "working_days", "", "day"])
def test_unit_enum(doc: Doc, unit: str) -> None:
    doc["items"][3]["time_limit"]["unit"] = unit
    assert paths_of(doc) == ["items[3].time_limit.unit"]


def test_calendar_day_unit_is_accepted(doc: Doc) -> None:
    doc["items"][3]["time_limit"]["unit"] = "calendar_day"
    assert parse_catalog(encode(doc)).items[3].time_limit.unit == "calendar_day"


def test_fee_basis_string_or_null(doc: Doc) -> None:
    doc["items"][0]["fee"] = {"amount_cents": 1500, "basis": "《收费标准》"}
    catalog = parse_catalog(encode(doc))
    assert catalog.items[0].fee == Fee(1500, "《收费标准》")
    doc["items"][0]["fee"]["basis"] = 15
    doc["items"][1]["fee"]["basis"] = ["x"]
    assert paths_of(doc) == ["items[0].fee.basis", "items[1].fee.basis"]


def test_question_ids_non_empty_and_unique(doc: Doc) -> None:
    questions = doc["items"][0]["questions"]
    questions[2]["id"] = questions[0]["id"]  # has_serious_illness -> by_proxy
    doc["items"][1]["questions"][1]["id"] = ""
    doc["items"][2]["questions"][0]["text"] = ""
    problems = problems_of(doc)
    paths = [p.path for p in problems]
    assert "items[0].questions[2].id" in paths
    duplicate = problems[paths.index("items[0].questions[2].id")]
    assert "items[0].questions[0].id" in duplicate.message
    assert "items[1].questions[1].id" in paths
    assert "items[2].questions[0].text" in paths
    # materials that referred to the renamed question are reported too
    assert "items[0].materials[6].when_yes[0]" in paths  # medical -> has_serious_illness
    assert "items[1].materials[4].when_yes[0]" in paths  # disability -> is_disabled


def test_material_ids_unique_within_item(doc: Doc) -> None:
    doc["items"][0]["materials"][3]["id"] = "hukou"
    problem = only_problem(doc)
    assert problem.path == "items[0].materials[3].id"
    assert "items[0].materials[1].id" in problem.message
    # the same id in two different items is fine (the sample already does it)


@pytest.mark.parametrize("form", ["photocopy", "Original", "", "scan"])
def test_material_form_enum(doc: Doc, form: str) -> None:
    doc["items"][2]["materials"][1]["form"] = form
    assert paths_of(doc) == ["items[2].materials[1].form"]


@pytest.mark.parametrize("copies", [0, -1])
def test_copies_at_least_one(doc: Doc, copies: int) -> None:
    doc["items"][2]["materials"][1]["copies"] = copies
    assert paths_of(doc) == ["items[2].materials[1].copies"]


def test_note_and_template_must_be_strings(doc: Doc) -> None:
    doc["items"][0]["materials"][0]["note"] = 5
    doc["items"][0]["materials"][1]["note"] = None
    doc["items"][0]["materials"][2]["template"] = ""
    doc["items"][0]["materials"][3]["template"] = None
    assert paths_of(doc) == [
        "items[0].materials[0].note",
        "items[0].materials[1].note",
        "items[0].materials[2].template",
        "items[0].materials[3].template",
    ]


def test_condition_naming_an_unknown_question(doc: Doc) -> None:
    doc["items"][3]["materials"][2]["when_yes"] = ["is_married", "by_proxy"]
    doc["items"][3]["materials"][3]["when_no"] = ["by_proxy", "by_proxy"]
    doc["items"][3]["materials"][4]["when_yes"] = [7]
    doc["items"][3]["materials"][5]["when_no"] = "by_proxy"
    problems = problems_of(doc)
    assert [p.path for p in problems] == [
        "items[3].materials[2].when_yes[0]",
        "items[3].materials[3].when_no[1]",
        "items[3].materials[4].when_yes[0]",
        "items[3].materials[5].when_no",
    ]
    assert '"is_married"' in problems[0].message and '"by_proxy"' in problems[0].message


def test_condition_on_a_question_of_another_item_is_refused(doc: Doc) -> None:
    # items[0] asks "divorced"; items[2] does not.
    doc["items"][2]["materials"][0]["when_yes"] = ["divorced"]
    assert paths_of(doc) == ["items[2].materials[0].when_yes[0]"]


def test_question_in_both_when_yes_and_when_no(doc: Doc) -> None:
    m = doc["items"][0]["materials"][5]
    m["when_yes"] = ["has_disabled_member", "divorced"]
    m["when_no"] = ["by_proxy", "divorced"]
    problem = only_problem(doc)
    assert problem.path == "items[0].materials[5].when_no[1]"
    assert "never" in problem.message


def test_both_conditions_on_different_questions_are_fine(doc: Doc) -> None:
    m = doc["items"][0]["materials"][5]
    m["when_yes"] = ["has_disabled_member"]
    m["when_no"] = ["divorced"]
    item = parse_catalog(encode(doc)).items[0]
    disability = item.material("disability")
    assert disability is not None
    assert disability in item.checklist({"has_disabled_member": True, "divorced": False})
    assert disability not in item.checklist({"has_disabled_member": True, "divorced": True})


# ---------------------------------------------------------------------------- text


def test_control_characters_are_refused_and_named(doc: Doc) -> None:
    doc["items"][0]["name"] = "最低\x07生活保障申请"
    doc["items"][0]["department"] = "民\x85政"
    doc["items"][0]["kind"] = "行政\ud800给付"
    doc["items"][0]["conditions"] = "第一行\r\n第二行\x0c"
    doc["items"][0]["materials"][0]["name"] = "身份证\n复印件"
    doc["items"][0]["materials"][1]["note"] = "核验\x1b[31m原件"
    doc["items"][0]["questions"][0]["id"] = "by_proxy\t"
    # ASCII-escaped, as a lone surrogate can only reach a JSON document as \\ud800
    problems = problems_of(json.dumps(doc).encode("ascii"))
    by_path = {p.path: p.message for p in problems}
    assert by_path["items[0].name"].startswith("contains control character U+0007")
    assert "character 3" in by_path["items[0].name"]
    assert "U+0085" in by_path["items[0].department"]
    assert "U+D800" in by_path["items[0].kind"]
    assert "U+000C" in by_path["items[0].conditions"]  # CR LF line breaks are fine
    assert "U+000A" in by_path["items[0].materials[0].name"]
    assert "U+001B" in by_path["items[0].materials[1].note"]
    assert "U+0009" in by_path["items[0].questions[0].id"]


def test_line_feed_and_tab_allowed_in_multiline_fields(doc: Doc) -> None:
    doc["items"][0]["conditions"] = "一、持有本县户籍;\n二、\t收入低于标准。"
    doc["items"][0]["materials"][0]["note"] = "核验原件后退还\n复印件留存"
    item = parse_catalog(encode(doc)).items[0]
    assert item.conditions == "一、持有本县户籍;\n二、\t收入低于标准。"
    assert item.materials[0].note == "核验原件后退还\n复印件留存"


def test_text_is_returned_exactly_as_given(doc: Doc) -> None:
    odd = [
        "  前后有空格  ",
        "Cafe\u0301 {name} <b>%s</b> ${x}",  # decomposed accent, template-like text
        "全角\u3000空格",
        "王\u4dae\U000e0100字",  # a variation selector (rare characters use them) stays
    ]
    doc["items"][0]["name"] = odd[0]
    doc["items"][0]["materials"][0]["name"] = odd[1]
    doc["items"][0]["department"] = odd[2]
    doc["items"][0]["kind"] = odd[3]
    item = parse_catalog(encode(doc)).items[0]
    assert [item.name, item.materials[0].name, item.department, item.kind] == odd


def test_escaped_text_is_decoded() -> None:
    data = SAMPLE_PATH.read_bytes()
    escaped = json.dumps(json.loads(data)).encode("ascii")  # all non-ASCII as \\uXXXX
    assert parse_catalog(escaped) == parse_catalog(data)


def test_string_length_limits(doc: Doc) -> None:
    doc["items"][0]["name"] = "名" * 2000  # at the limit
    doc["items"][0]["conditions"] = "条" * 20_000
    parse_catalog(encode(doc))
    doc["items"][0]["name"] = "名" * 2001
    doc["items"][0]["conditions"] = "条" * 20_001
    doc["items"][1]["code"] = "C" * 201
    doc["items"][1]["materials"][0]["note"] = "注" * 2001
    problems = problems_of(doc)
    assert [p.path for p in problems] == [
        "items[0].name",
        "items[0].conditions",
        "items[1].code",
        "items[1].materials[0].note",
    ]
    assert "2,001" in problems[0].message and "2,000" in problems[0].message


# ---------------------------------------------------------------- many at once


def test_every_problem_is_reported(doc: Doc) -> None:
    doc["catalog_version"] = ""
    doc["published_at"] = "2026-11-20T09:00:00"
    doc["region"]["code"] = "12345"
    doc["items"][0]["level"] = "town"
    doc["items"][0]["materials"][2]["copies"] = 0
    doc["items"][3]["materials"][2]["when_yes"] = ["unknown_question"]
    doc["items"][3]["materials"][2]["when-yes"] = ["by_proxy"]
    doc["items"][6]["time_limit"]["promised_days"] = 999
    doc["items"][10]["code"] = doc["items"][4]["code"]
    doc["items"][12]["questions"].append({"id": "", "text": "?"})
    doc["items"][18]["fee"]["amount_cents"] = True
    problems = problems_of(doc)
    assert [p.path for p in problems] == [
        "catalog_version",
        "published_at",
        "region.code",
        "items[0].level",
        "items[0].materials[2].copies",
        "items[3].materials[2].when-yes",
        "items[3].materials[2].when_yes[0]",
        "items[6].time_limit.promised_days",
        "items[10].code",
        "items[12].questions[1].id",
        "items[18].fee.amount_cents",
    ]


def test_error_lists_every_problem_one_per_line(doc: Doc) -> None:
    doc["items"][0]["level"] = "town"
    doc["items"][1]["name"] = "a\nb"  # the message must still fit on one line
    doc["items"][2]["materials"][0]["id\nx"] = 1
    with pytest.raises(CatalogFormatError) as info:
        parse_catalog(encode(doc))
    error = info.value
    assert isinstance(error, ClerkDeskError)
    lines = str(error).split("\n")
    assert lines == [f"{p.path}: {p.message}" for p in error.problems]
    assert len(lines) == 3
    assert lines[0] == (
        'items[0].level: must be one of "county", "township", "village", got "town"'
    )
    assert str(error.problems[0]) == lines[0]


def test_error_survives_pickling(doc: Doc) -> None:
    doc["items"][0]["level"] = "town"
    with pytest.raises(CatalogFormatError) as info:
        parse_catalog(encode(doc))
    copy_ = pickle.loads(pickle.dumps(info.value))
    assert copy_.problems == info.value.problems and str(copy_) == str(info.value)


def test_parse_leaves_the_garbage_collector_as_it_was(sample_bytes: bytes) -> None:
    import gc

    # The app keeps automatic collection off (clerk_desk.ui.gui_gc); the CLI and
    # the server keep it on. A parse leaves either as it found it.
    was = gc.isenabled()
    try:
        for on in (True, False):
            gc.enable() if on else gc.disable()
            parse_catalog(sample_bytes)
            assert gc.isenabled() is on
            with pytest.raises(CatalogFormatError):
                parse_catalog(b"[]")
            assert gc.isenabled() is on
    finally:
        gc.enable() if was else gc.disable()


# -------------------------------------------------- fast path agrees with the slow


def test_fast_and_detailed_checks_agree_on_valid_items(doc: Doc) -> None:
    generated = load_generator().generate_catalog(300, seed=7)
    for i, obj in enumerate(doc["items"] + generated["items"]):
        fast = cf._item_fast(copy.deepcopy(obj))
        problems = cf._Problems()
        detailed = cf._item(problems, obj, f"items[{i}]")
        assert problems == []
        assert fast is not None and fast == detailed


MUTATIONS: list[Callable[[Doc], None]] = [
    lambda it: it.update(code=" "),
    lambda it: it.update(conditions="\x00"),
    lambda it: it["legal_basis"].append(""),
    lambda it: it["time_limit"].update(unit="x"),
    lambda it: it["time_limit"].pop("immediate"),
    lambda it: it["fee"].update(basis="\x7f"),
    lambda it: it["fee"].update(extra=1),
    lambda it: it["questions"].append({"id": "by_proxy", "text": "again?"}),
    lambda it: it["questions"][0].update(text=" "),
    lambda it: it["materials"][0].update(note=None),
    lambda it: it["materials"][0].update(template="a\nb"),
    lambda it: it["materials"][0].update(when_yes=["by_proxy"], when_no=["by_proxy"]),
    lambda it: it["materials"][0].update(when_yes=["by_proxy", "by_proxy"]),
    lambda it: it["materials"][0].update(when_no=[["by_proxy"]]),
    lambda it: it["materials"][1].update(id=it["materials"][0]["id"]),
    lambda it: it["materials"][0].update(key=None),
    lambda it: it["materials"].append(["not", "an", "object"]),
]


@pytest.mark.parametrize("mutate", MUTATIONS)
def test_fast_path_refuses_what_the_detailed_check_refuses(doc: Doc, mutate: Any) -> None:
    item = doc["items"][0]
    mutate(item)
    assert cf._item_fast(item) is None
    problems = cf._Problems()
    assert cf._item(problems, item, "items[0]") is None
    assert problems
    assert paths_of(doc) == [p.path for p in problems]


# ------------------------------------------------------------------ generated


def test_generator_is_deterministic_and_valid() -> None:
    gen = load_generator()
    a = gen.generate_catalog(50, seed=3)
    assert a == gen.generate_catalog(50, seed=3)
    assert a != gen.generate_catalog(50, seed=4)
    assert gen.generate_catalog(5, version="v9")["catalog_version"] == "v9"
    catalog = parse_catalog(encode(a))
    assert len(catalog.items) == 50
    for item in catalog.items:
        assert 2 <= len(item.questions) <= 5
        assert 4 <= len(item.materials) <= 12


def test_generator_main_writes_a_file(tmp_path: Path) -> None:
    gen = load_generator()
    out = tmp_path / "catalog.json"
    assert gen.main(["12", str(out), "--seed", "2"]) == 0
    assert len(parse_catalog(out.read_bytes()).items) == 12


def test_generated_5000_item_catalog_parses() -> None:
    document = load_generator().generate_catalog(5000, seed=0)
    data = encode(document)
    started = time.perf_counter()
    catalog = parse_catalog(data)
    elapsed = time.perf_counter() - started
    assert len(catalog.items) == 5000
    assert len({it.code for it in catalog.items}) == 5000
    assert sum(len(it.materials) for it in catalog.items) > 5000 * 6
    assert any(m.when_yes and m.when_no for it in catalog.items for m in it.materials)
    assert catalog.to_json() == document
    # Generous bound: catches an accidental quadratic step, not a slow machine.
    assert elapsed < 10, f"parsing 5,000 items took {elapsed:.2f} s"
