"""Tests for clerk_desk.item_search against the real sample catalog."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.desks import SAMPLE_CATALOG

from clerk_desk.catalog import StoredItem
from clerk_desk.catalog_format import Item
from clerk_desk.desk import Desk
from clerk_desk.item_search import ALIASES, ItemSearchIndex, SearchHit, normalize_query

DIBAO = "370830104-MZ-001"  # 最低生活保障申请
TEKUN = "370830104-MZ-002"  # 特困人员救助供养申请
TWO_SUBSIDIES = "370830104-CL-001"  # 困难残疾人生活补贴和重度残疾人护理补贴申请
PENSION_ENROL = "370830104-RS-001"  # 城乡居民基本养老保险参保登记
PENSION_CLAIM = "370830104-RS-002"  # 城乡居民基本养老保险待遇申领
SOCIAL_CARD = "370830104-RS-004"  # 社会保障卡补换
MEDICAL_ENROL = "370830104-YB-001"  # 城乡居民医保参保登记
BIRTH = "370830104-WJ-001"  # 生育登记
HOUSE_PERMIT = "370830104-ZJ-001"  # 乡村建设规划许可证核发(农村村民住宅)
MZ_CODES = [DIBAO, TEKUN, "370830104-MZ-003", "370830104-MZ-004"]


def _sample_items() -> list[StoredItem]:
    doc = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    return [
        StoredItem(row_id=str(i), version_id="v", version_label="v", item=Item.from_json(obj))
        for i, obj in enumerate(doc["items"])
    ]


@pytest.fixture(scope="module")
def items() -> list[StoredItem]:
    return _sample_items()


@pytest.fixture(scope="module")
def index(items: list[StoredItem]) -> ItemSearchIndex:
    return ItemSearchIndex(items)


def codes(hits: list[SearchHit]) -> list[str]:
    return [h.item.item.code for h in hits]


def first(index: ItemSearchIndex, query: str) -> SearchHit:
    hits = index.search(query)
    assert hits, f"nothing found for {query!r}"
    return hits[0]


def with_name(item: Item, code: str, name: str) -> StoredItem:
    return StoredItem(code, "v", "v", replace(item, code=code, name=name))


# ----------------------------------------------------------------- what a clerk types


@pytest.mark.parametrize(
    ("query", "matched"),
    [
        ("最低生活保障", "name"),
        ("最低", "name"),
        ("生活保障", "name"),
        ("低保", "name"),  # everyday abbreviation of 最低生活保障
        ("低保申请", "name"),
        ("dibao", "name"),  # its pinyin
        ("zuidi", "pinyin"),
        ("zui di", "pinyin"),
        ("zui'di", "pinyin"),
        ("zuidishenghuo", "pinyin"),
        ("zuidishenghuobaozhangshenqing", "pinyin"),
        ("zuid", "pinyin"),  # last syllable still being typed
        ("ZuiDi", "pinyin"),
        ("ｚｕｉｄｉ", "pinyin"),  # full-width letters from a Chinese input method
        ("zdsh", "initials"),
        ("zdshbzsq", "initials"),
        ("ZDSH", "initials"),
        ("zuidsh", "pinyin"),  # full syllables, then initials
        ("zdshenghuo", "pinyin"),  # initials, then full syllables
        ("dbsq", "initials"),  # 低保申请 as initials, skipping 生活 and 障
        ("shenghuobaozhang", "pinyin"),  # from a later syllable
    ],
)
def test_the_subsistence_allowance_comes_first(
    index: ItemSearchIndex, query: str, matched: str
) -> None:
    hit = first(index, query)
    assert hit.item.item.code == DIBAO
    assert hit.item.item.name == "最低生活保障申请"
    assert hit.matched == matched


def test_kinds_of_match_are_ranked(index: ItemSearchIndex) -> None:
    # name > alias > full pinyin > initials > initials with gaps
    assert first(index, "最低").score > first(index, "低保").score
    assert first(index, "低保").score > first(index, "zuidi").score
    assert first(index, "zuidi").score > first(index, "zdsh").score
    assert first(index, "zdsh").score > first(index, "dbsq").score


def test_chinese_text_in_the_name(index: ItemSearchIndex) -> None:
    assert codes(index.search("养老")) == [PENSION_ENROL, PENSION_CLAIM]
    assert codes(index.search("养老保险")) == [PENSION_ENROL, PENSION_CLAIM]
    assert codes(index.search("养老 保险")) == [PENSION_ENROL, PENSION_CLAIM]
    # 临时救助 has it at position 2, 特困人员救助 at 4: earlier first.
    assert codes(index.search("救助"))[:2] == ["370830104-MZ-003", TEKUN]
    assert codes(index.search("参保登记")) == [MEDICAL_ENROL, PENSION_ENROL]  # earlier first


def test_name_start_beats_name_contains_and_earlier_beats_later(
    index: ItemSearchIndex,
) -> None:
    hits = index.search("临时")
    assert codes(hits)[0] == "370830104-MZ-003"  # 临时救助申请: starts with it
    hits = index.search("补贴")
    # The earlier position wins, whatever the catalog order.
    positions = [h.item.item.name.index("补贴") for h in hits]
    assert positions == sorted(positions)
    assert [h.matched for h in hits] == ["name"] * len(hits)


def test_pinyin_and_initials(index: ItemSearchIndex) -> None:
    assert codes(index.search("yanglao")) == [PENSION_ENROL, PENSION_CLAIM]
    assert codes(index.search("yanglaobaoxian")) == [PENSION_ENROL, PENSION_CLAIM]
    # Initials from a later syllable: 城乡居民基本(养老保险)...
    ylbx = index.search("ylbx")
    assert codes(ylbx)[:2] == [PENSION_ENROL, PENSION_CLAIM]
    assert ylbx[0].matched == "initials"
    assert first(index, "shbzk").item.item.code == SOCIAL_CARD
    assert first(index, "shehuibaozhangka").item.item.code == SOCIAL_CARD
    assert first(index, "sheng yu deng ji").item.item.code == BIRTH
    assert first(index, "tkry").item.item.code == TEKUN


def test_context_and_alternative_readings(index: ItemSearchIndex) -> None:
    # pypinyin reads 重度 as zhong du; the other reading of 重 is indexed too.
    assert first(index, "zhongdu").item.item.code == TWO_SUBSIDIES
    assert first(index, "chongdu").item.item.code == TWO_SUBSIDIES
    # 法律: lv in pinyin; clerks also type lu.
    assert first(index, "falv").item.item.code == "370830104-SF-001"
    assert first(index, "falu").item.item.code == "370830104-SF-001"
    assert first(index, "falü").item.item.code == "370830104-SF-001"


def test_everyday_names(index: ItemSearchIndex) -> None:
    assert first(index, "五保").item.item.code == TEKUN
    assert first(index, "wubao").item.item.code == TEKUN
    assert first(index, "社保卡").item.item.code == SOCIAL_CARD
    assert first(index, "准生证").item.item.code == BIRTH
    assert first(index, "新农合").item.item.code == MEDICAL_ENROL
    assert first(index, "两项补贴").item.item.code == TWO_SUBSIDIES
    assert all(short not in full for short, full in ALIASES)  # else plain search finds it


# ------------------------------------------------------------------------- item codes


def test_exact_code(index: ItemSearchIndex) -> None:
    hits = index.search(DIBAO)
    assert codes(hits) == [DIBAO]
    assert hits[0].matched == "code"
    assert hits[0].score > max(h.score for h in index.search("001"))


@pytest.mark.parametrize(
    "query",
    [
        "370830104-MZ-001",
        "370830104mz001",
        "370830104-mz-001",
        " 370830104-Mz-001 ",
        "３７０８３０１０４－ＭＺ－００１",  # full width
        "370830104 MZ 001",
    ],
)
def test_exact_code_in_any_spelling(index: ItemSearchIndex, query: str) -> None:
    hits = index.search(query)
    assert codes(hits) == [DIBAO]
    assert hits[0].matched == "code"


@pytest.mark.parametrize("query", ["MZ-001", "mz001", "mz-001", "Mz-001", "ＭＺ－００１", "MZ001"])
def test_code_tail(index: ItemSearchIndex, query: str) -> None:
    hits = index.search(query)
    assert codes(hits) == [DIBAO]
    assert hits[0].matched == "code"


def test_code_prefix_lists_a_department_in_catalog_order(index: ItemSearchIndex) -> None:
    hits = index.search("370830104-MZ")
    assert codes(hits) == MZ_CODES
    assert {h.matched for h in hits} == {"code"}
    assert len({h.score for h in hits}) == 1  # a tie, broken by catalog order
    # While typing the number: MZ-0 is the start of a segment of every MZ code.
    assert codes(index.search("MZ-0")) == MZ_CODES
    assert codes(index.search("mz00")) == MZ_CODES


def test_exact_code_beats_code_tail_beats_name(index: ItemSearchIndex) -> None:
    hits = index.search("001")
    tails = [c for c in codes(hits) if c.endswith("-001")]
    assert tails == codes(hits)[: len(tails)]
    assert len(tails) == 11  # every department's first item, in catalog order
    assert tails[0] == DIBAO


def test_letters_of_a_code_segment_find_the_department(index: ItemSearchIndex) -> None:
    # MZ alone is 民政's initials; its items come in catalog order.
    hits = index.search("mz")
    department = [h for h in hits if h.matched == "department"]
    assert [h.item.item.code for h in department] == MZ_CODES
    assert codes(index.search("民政")) == MZ_CODES
    assert codes(index.search("minzheng")) == MZ_CODES


# ------------------------------------------------------------------------- edge cases


def test_empty_query_lists_every_item_in_catalog_order(
    index: ItemSearchIndex, items: list[StoredItem]
) -> None:
    assert codes(index.search("")) == [s.item.code for s in items]
    assert codes(index.search(" \u3000 ")) == [s.item.code for s in items]
    assert codes(index.search("", limit=5)) == [s.item.code for s in items[:5]]
    assert {h.matched for h in index.search("")} == {""}


def test_limit(index: ItemSearchIndex) -> None:
    assert len(index.search("申请")) > 3
    assert len(index.search("申请", limit=3)) == 3
    assert index.search("申请", limit=3) == index.search("申请")[:3]
    assert index.search("申请", limit=0) == []


@pytest.mark.parametrize("query", ["xyzq", "不存在的事项", "999999", "qqqqqqqq", "#", "𠈌"])
def test_no_match_gives_an_empty_list(index: ItemSearchIndex, query: str) -> None:
    assert index.search(query) == []


@pytest.mark.parametrize(
    "query", ["(", ".*", "[", "\\", "a|b", "^$", "(?P<x>", "x{2}", "+", "农村)", "a" * 500]
)
def test_regex_characters_and_long_queries_are_plain_text(
    index: ItemSearchIndex, query: str
) -> None:
    for hit in index.search(query):
        assert hit.score > 0


def test_full_width_punctuation_in_a_query_matches_the_name(index: ItemSearchIndex) -> None:
    assert first(index, "(农村").item.item.code == HOUSE_PERMIT
    assert first(index, "（农村").item.item.code == HOUSE_PERMIT


def test_extension_b_characters(items: list[StoredItem]) -> None:
    base = items[0].item
    rare = with_name(base, "T-1", "𠈌村集体经济组织成员确认")
    index = ItemSearchIndex([*items, rare])
    hit = first(index, "𠈌")
    assert hit.item is rare
    assert hit.matched == "name"
    assert first(index, "𠈌村").item is rare
    # The character pypinyin cannot read is skipped; the rest reads as usual.
    assert first(index, "cunjiti").item is rare
    assert first(index, "cjtjj").item is rare


def test_names_with_digits_and_latin_letters(items: list[StoredItem]) -> None:
    base = items[0].item
    extra = with_name(base, "T-2", "ETC卡办理")
    index = ItemSearchIndex([*items, extra])
    assert first(index, "etc").item is extra
    assert first(index, "etcka").item is extra
    assert first(index, "80").item.item.code == "370830104-MZ-004"  # 80周岁以上...
    assert first(index, "80zhousui").item.item.code == "370830104-MZ-004"


def test_u_umlaut_spellings(items: list[StoredItem]) -> None:
    extra = with_name(items[0].item, "T-3", "绿色通道预约")
    index = ItemSearchIndex([*items, extra])
    for query in ("lvse", "luse", "lüse", "lstd"):
        assert first(index, query).item is extra


def test_hits_are_ranked_by_score_then_catalog_order(index: ItemSearchIndex) -> None:
    position = {s.item.code: i for i, s in enumerate(_sample_items())}
    for query in ("s", "sh", "申", "bao", "ji", "z", "001", "登记", "cxjm", "mz"):
        hits = index.search(query, limit=100)
        keys = [(-h.score, position[h.item.item.code]) for h in hits]
        assert keys == sorted(keys), query
        assert len(set(codes(hits))) == len(hits), query


def test_a_limited_search_is_the_start_of_a_longer_one(index: ItemSearchIndex) -> None:
    for query in ("s", "sh", "申", "bao", "ji", "z", "001", "3", "cxjm", "y", "保"):
        everything = index.search(query, limit=1000)
        for limit in (1, 2, 5, 10):
            assert index.search(query, limit=limit) == everything[:limit], (query, limit)


def test_limited_searches_over_a_generated_catalog() -> None:
    # Many items share syllables here, so tiers stop early and postings are used.
    generated = _generated_items(400)
    index = ItemSearchIndex(generated)
    position = {s.item.code: i for i, s in enumerate(generated)}
    for query in (
        "s",
        "sh",
        "shen",
        "z",
        "ji",
        "ylbx",
        "jbylbx",
        "dibao",
        "低保",
        "申",
        "养老",
        "mz",
        "MZ-0",
        "3",
        "00",
        "cxjm",
        "kn",
        "dbsq",
        "xian",
        "zhzh",
    ):
        everything = index.search(query, limit=10_000)
        keys = [(-h.score, position[h.item.item.code]) for h in everything]
        assert keys == sorted(keys), query
        for limit in (1, 7, 30):
            assert index.search(query, limit=limit) == everything[:limit], (query, limit)


@pytest.fixture(scope="module")
def generated_index() -> ItemSearchIndex:
    return ItemSearchIndex(_generated_items(400))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.text(
        alphabet="abcdeghijklmnopqrstuwxyz0123456789- '最低生活保障养老险申请民政补贴残疾人",
        min_size=1,
        max_size=8,
    ),
    limit=st.integers(min_value=1, max_value=40),
)
def test_any_limited_search_is_the_start_of_the_full_ranking(
    generated_index: ItemSearchIndex, query: str, limit: int
) -> None:
    everything = generated_index.search(query, limit=10_000)
    assert generated_index.search(query, limit=limit) == everything[:limit]
    scores = [h.score for h in everything]
    assert scores == sorted(scores, reverse=True)
    if normalize_query(query):  # blank: every item, score 0
        assert all(0 < score <= 10_000 for score in scores)


def _generated_items(n: int) -> list[StoredItem]:
    path = SAMPLE_CATALOG.parent.parent / "bench" / "generate_catalog.py"
    spec = importlib.util.spec_from_file_location("generate_catalog", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    doc = module.generate_catalog(n, seed=3)
    return [StoredItem(str(i), "v", "g", Item.from_json(o)) for i, o in enumerate(doc["items"])]


def test_single_letters_and_characters_find_something(index: ItemSearchIndex) -> None:
    # The first keystroke: answered from precomputed postings.
    z = index.search("z", limit=100)
    assert codes(z)[0] == DIBAO  # zui... at the start of the name
    assert {h.matched for h in z} == {"pinyin"}
    bao = index.search("保", limit=100)
    assert {h.matched for h in bao} == {"name", "department"}
    for hit in bao:
        assert "保" in (hit.item.item.name if hit.matched == "name" else hit.item.item.department)


def test_normalize_query() -> None:
    assert normalize_query("  ＺＵＩ　Ｄｉ ") == "zuidi"
    assert normalize_query("Lü") == "lv"
    assert normalize_query("最低 生活") == "最低生活"


def test_index_over_the_items_of_the_catalog_service(desk: Desk) -> None:
    index = ItemSearchIndex(desk.catalog.items())
    assert len(index) == len(desk.catalog.items())
    assert first(index, "低保").item.item.code == DIBAO
    assert first(index, "zdsh").item.item.code == DIBAO


def test_an_empty_catalog() -> None:
    index = ItemSearchIndex([])
    assert index.search("") == []
    assert index.search("dibao") == []


def test_a_village_agent_searches_only_the_items_an_agent_may_take(desk) -> None:  # type: ignore[no-untyped-def]
    counter = desk.item_index()
    agent = desk.item_index(role="agent")
    assert desk.item_index(role="agent") is agent  # built once per catalog version
    allowed = [s.item.code for s in counter.items if s.item.agency_allowed]
    assert 0 < len(allowed) < len(counter)
    assert [s.item.code for s in agent.items] == allowed
    refused = next(s.item for s in counter.items if not s.item.agency_allowed)
    assert [h.item.item.code for h in counter.search(refused.code)][:1] == [refused.code]
    assert refused.code not in [h.item.item.code for h in agent.search(refused.code)]
    assert desk.item_index(role="clerk") is counter
