"""Tests for clerk_desk.id_card: card data, simulated reader, keyboard-wedge text."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from clerk_desk.errors import ClerkDeskError, InvalidInput
from clerk_desk.id_card import (
    ETHNICITIES,
    IdCardData,
    IdCardReader,
    ReaderError,
    SimulatedReader,
    demo_cards,
    parse_wedge_text,
    validate_card,
)
from clerk_desk.identity_numbers import parse_resident_id, resident_id_check_char

TODAY = date(2026, 11, 23)

ZHANG, LI, MA = demo_cards()

LI_FIELDS = [
    "李秀英",
    "女",
    "汉",
    "19500820",
    "山东省济宁市汶上县郭仓镇前郭仓村45号",
    "370830195008201025",
    "汶上县公安局",
    "20120410-长期",
]
MA_FIELDS = [
    "马俊杰",
    "男",
    "回",
    "20041105",
    "山东省济宁市汶上县郭仓镇郭仓村西街7号",
    "37083020041105003X",
    "汶上县公安局",
    "20210115-20310115",
]


def record(fields: list[str], separator: str = "|") -> str:
    return separator.join(fields)


def with_field(fields: list[str], index: int, value: str) -> list[str]:
    return [value if i == index else f for i, f in enumerate(fields)]


def refused(text: str) -> str:
    with pytest.raises(InvalidInput) as info:
        parse_wedge_text(text, today=TODAY)
    assert info.value.where == "id_card"
    return info.value.message


# ------------------------------------------------------------------------- demo cards


def test_demo_cards_are_valid_and_varied() -> None:
    cards = demo_cards()
    assert len(cards) == 3
    for card in cards:
        assert validate_card(card, today=TODAY) == card
        resident = parse_resident_id(card.id_number, today=TODAY)
        assert resident.number == card.id_number
        assert resident.birth_date == card.birth_date
        assert resident.region_code == "370830"  # 汶上县
        assert card.address.startswith("山东省济宁市汶上县郭仓镇")
        assert card.issuing_authority == "汶上县公安局"
        assert not card.is_expired(TODAY)
        assert card.photo is not None and card.photo.startswith(b"\x89PNG\r\n\x1a\n")
    assert len({c.id_number for c in cards}) == 3
    # An Extension B character (U+2020C), stored as one code point.
    assert ZHANG.name == "张𠈌"
    assert ord(ZHANG.name[1]) == 0x2020C
    assert len(ZHANG.name) == 2
    # A card valid for life.
    assert LI.valid_until is None
    assert not LI.is_expired(date(2099, 1, 1))
    # The check character X.
    assert MA.id_number.endswith("X")


def test_demo_cards_are_fresh_copies() -> None:
    cards = demo_cards()
    cards.clear()
    assert demo_cards() == [ZHANG, LI, MA]


# ------------------------------------------------------------------------- expiry


def test_expired_card_detection() -> None:
    card = replace(MA, valid_from=date(2016, 5, 1), valid_until=date(2026, 5, 1))
    assert not card.is_expired(date(2026, 4, 30))
    assert not card.is_expired(date(2026, 5, 1))  # valid through its end date
    assert card.is_expired(date(2026, 5, 2))
    assert card.is_expired(TODAY)


def test_long_term_cards_never_expire() -> None:
    assert LI.valid_until is None
    assert not LI.is_expired(LI.valid_from)
    assert not LI.is_expired(date(9999, 12, 31))


# ------------------------------------------------------------------------- validation


def test_validation_normalizes_the_id_number() -> None:
    typed = replace(MA, id_number=" ３７０８３０２００４１１０５００３ｘ ")
    assert validate_card(typed, today=TODAY).id_number == "37083020041105003X"


def test_a_birth_date_that_does_not_match_the_id_number_is_refused() -> None:
    card = replace(ZHANG, birth_date=date(1985, 3, 21))
    with pytest.raises(InvalidInput) as info:
        validate_card(card, today=TODAY)
    assert info.value.where == "id_card"
    assert "1985-03-21" in info.value.message
    assert "1985-03-12" in info.value.message


def test_an_invalid_id_number_is_refused() -> None:
    body = ZHANG.id_number[:17]
    wrong = "0" if resident_id_check_char(body) != "0" else "1"
    with pytest.raises(InvalidInput, match="check character") as info:
        validate_card(replace(ZHANG, id_number=body + wrong), today=TODAY)
    assert info.value.where == "id_card"


def test_a_sex_that_does_not_match_the_id_number_is_refused() -> None:
    with pytest.raises(InvalidInput, match="17th digit"):
        validate_card(replace(ZHANG, sex="女"), today=TODAY)
    with pytest.raises(InvalidInput, match="男 or 女"):
        validate_card(replace(ZHANG, sex="M"), today=TODAY)


def test_dates_out_of_order_are_refused() -> None:
    with pytest.raises(InvalidInput, match="before it starts"):
        validate_card(replace(MA, valid_until=date(2020, 1, 1)), today=TODAY)
    with pytest.raises(InvalidInput, match="before the birth date"):
        validate_card(replace(MA, valid_from=date(2000, 1, 1)), today=TODAY)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", " ", "name is empty"),
        ("address", "", "address is empty"),
        ("address", "郭仓村\x07", "address: character 4 is U+0007"),
        ("issuing_authority", "x" * 101, "issuing authority has 101 characters"),
    ],
)
def test_text_fields_are_checked(field: str, value: str, message: str) -> None:
    with pytest.raises(InvalidInput) as info:
        changes: dict[str, Any] = {field: value}
        validate_card(replace(LI, **changes), today=TODAY)
    assert info.value.where == "id_card"
    assert message in info.value.message


# ------------------------------------------------------------------- simulated reader


def test_simulated_reader_hands_out_cards_in_order_then_none() -> None:
    reader = SimulatedReader([ZHANG, LI])
    assert reader.pending() == 2
    assert reader.read_card() == ZHANG
    assert reader.read_card() == LI
    assert reader.read_card() is None
    assert reader.read_card() is None
    assert reader.pending() == 0


def test_present_puts_a_card_on_the_reader() -> None:
    reader = SimulatedReader()
    assert reader.read_card() is None
    reader.present(MA)
    assert reader.read_card() == MA
    assert reader.read_card() is None


@pytest.mark.parametrize(
    ("fault", "reason", "words"),
    [
        (ReaderError.not_connected, "not_connected", "not connected"),
        (ReaderError.timeout, "timeout", "did not answer in time"),
        (ReaderError.bad_read, "bad_read", "could not read the card"),
    ],
)
def test_simulated_faults(fault: Callable[[str], ReaderError], reason: str, words: str) -> None:
    error = fault("柜台1号读卡器")
    assert isinstance(error, ClerkDeskError)
    reader = SimulatedReader([error, ZHANG], name="柜台1号读卡器")
    with pytest.raises(ReaderError) as info:
        reader.read_card()
    assert info.value.reason == reason
    assert words in str(info.value)
    assert "柜台1号读卡器" in str(info.value)
    # The fault was one read; the reader goes on with the next card.
    assert reader.read_card() == ZHANG
    assert reader.read_card() is None


def test_a_sequence_of_cards_and_faults() -> None:
    reader = SimulatedReader()
    reader.fail(ReaderError.bad_read(reader.name))
    reader.present(LI)
    reader.fail(ReaderError.timeout(reader.name))
    reader.fail(ReaderError.not_connected(reader.name))
    with pytest.raises(ReaderError, match="could not read"):
        reader.read_card()
    assert reader.read_card() == LI
    reasons = []
    for _ in range(2):
        with pytest.raises(ReaderError) as info:
            reader.read_card()
        reasons.append(info.value.reason)
    assert reasons == ["timeout", "not_connected"]
    assert reader.read_card() is None


def test_simulated_reader_is_an_id_card_reader() -> None:
    reader: IdCardReader = SimulatedReader(name="演示读卡器")
    assert reader.name == "演示读卡器"
    assert reader.read_card() is None


def test_reading_from_a_worker_thread() -> None:
    reader = SimulatedReader(read_seconds=0.01)
    got: list[IdCardData | None] = []
    worker = threading.Thread(target=lambda: got.append(reader.read_card()))
    reader.present(ZHANG)
    worker.start()
    worker.join()
    assert got == [ZHANG]


# ---------------------------------------------------------------- wedge: number alone


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("370830198503121237", "370830198503121237"),
        ("370830198503121237\r\n", "370830198503121237"),  # the reader's Enter
        ("  370830198503121237\t", "370830198503121237"),
        ("３７０８３０１９８５０３１２１２３７", "370830198503121237"),  # full width
        ("37083020041105003x", "37083020041105003X"),  # lowercase x
        ("３７０８３０２００４１１０５００３ｘ", "37083020041105003X"),
    ],
)
def test_wedge_types_the_id_number(typed: str, number: str) -> None:
    assert parse_wedge_text(typed, today=TODAY) == number


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "nothing was read"),
        ("   \r\n", "nothing was read"),
        ("370830198503121230", "check character"),
        ("37083019850312123", "18 characters"),
        ("370830850312123", "15-digit"),
        ("370830203012121234", "after today"),
    ],
)
def test_wedge_number_refused(typed: str, words: str) -> None:
    assert words in refused(typed)


# ---------------------------------------------------------------- wedge: whole record


@pytest.mark.parametrize("separator", ["\t", "|", ",", "｜", "，"])
def test_wedge_record_with_each_separator(separator: str) -> None:
    card = parse_wedge_text(record(MA_FIELDS, separator), today=TODAY)
    assert card == replace(MA, photo=None)


def test_wedge_record_with_long_validity() -> None:
    card = parse_wedge_text(record(LI_FIELDS, "\t") + "\r\n", today=TODAY)
    assert isinstance(card, IdCardData)
    assert card == replace(LI, photo=None)
    assert card.valid_until is None
    assert not card.is_expired(TODAY)


def test_wedge_record_with_an_extension_b_name() -> None:
    fields = [
        "张𠈌",
        "男",
        "汉",
        "19850312",
        "山东省济宁市汶上县郭仓镇郭仓村128号",
        "370830198503121237",
        "汶上县公安局",
        "20150601-20350601",
    ]
    card = parse_wedge_text(record(fields, "\t"), today=TODAY)
    assert card == replace(ZHANG, photo=None)


def test_wedge_record_of_an_expired_card_is_read_and_flagged() -> None:
    fields = with_field(MA_FIELDS, 7, "20160520-20210520")
    card = parse_wedge_text(record(fields), today=TODAY)
    assert isinstance(card, IdCardData)
    assert card.valid_until == date(2021, 5, 20)
    assert card.is_expired(TODAY)


def test_wedge_record_variants() -> None:
    # Codes for sex and ethnicity, 族 suffix, dotted dates, full-width digits and
    # a lowercase x in the number, a trailing separator, spaces around fields.
    fields = [
        " 马俊杰 ",
        "1",
        "03",
        "2004.11.05",
        "山东省济宁市汶上县郭仓镇郭仓村西街7号",
        "３７０８３０２００４１１０５００３ｘ",
        "汶上县公安局",
        "2021.01.15-2031.01.15",
    ]
    card = parse_wedge_text(record(fields) + "|", today=TODAY)
    assert card == replace(MA, photo=None)
    assert parse_wedge_text(record(with_field(MA_FIELDS, 2, "回族")), today=TODAY) == card
    assert parse_wedge_text(record(with_field(LI_FIELDS, 1, "2")), today=TODAY) == replace(
        LI, photo=None
    )
    assert ETHNICITIES[0] == "汉" and ETHNICITIES[2] == "回" and len(ETHNICITIES) == 56


def test_an_address_with_commas_in_a_tab_separated_record() -> None:
    fields = with_field(MA_FIELDS, 4, "山东省济宁市汶上县郭仓镇郭仓村,西街7号")
    card = parse_wedge_text(record(fields, "\t"), today=TODAY)
    assert isinstance(card, IdCardData)
    assert card.address == "山东省济宁市汶上县郭仓镇郭仓村,西街7号"


def test_wedge_record_with_a_mismatched_birth_date_is_refused() -> None:
    message = refused(record(with_field(MA_FIELDS, 3, "20041106")))
    assert "2004-11-06" in message and "does not match" in message


@pytest.mark.parametrize(
    ("index", "value", "words"),
    [
        (0, "", "name field is empty"),
        (1, "未知", "sex should be 男 or 女"),
        (1, "女", "17th digit"),
        (2, "99", "not a GB 3304 code"),
        (3, "2004115", "birth date should be written YYYYMMDD"),
        (3, "20041131", "not a real date"),
        (5, "370830200411050031", "check character"),
        (7, "20210115", "validity should be written"),
        (7, "20210115-永久", "validity should be written"),
        (7, "20210115-20310230", "not a real date"),
        (7, "20310115-20210115", "before it starts"),
    ],
)
def test_wedge_record_refused(index: int, value: str, words: str) -> None:
    assert words in refused(record(with_field(MA_FIELDS, index, value)))


@pytest.mark.parametrize("count", [2, 7, 10])
def test_wedge_record_with_the_wrong_number_of_fields(count: int) -> None:
    fields = (MA_FIELDS * 2)[:count]
    message = refused(record(fields, "\t"))
    assert "8 fields" in message and f"got {count}" in message
