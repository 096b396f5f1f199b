"""Tests for clerk_desk.identity_numbers."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_desk.errors import InvalidInput
from clerk_desk.identity_numbers import (
    CREDIT_CODE_ALPHABET,
    ResidentId,
    credit_code_check_char,
    mask_id_number,
    mask_name,
    normalize_phone,
    parse_credit_code,
    parse_resident_id,
    resident_id_check_char,
    validate_name,
)

TODAY = date(2024, 5, 1)

# Example from GB 11643-1999. Hand check: digits 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2
# times weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 give
# 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 -> "10X98765432"[2] = X.
GB_EXAMPLE = "11010519491231002X"
# Second example of GB 11643-1999 (born on 1880-01-01, the earliest date accepted).
# Hand check: 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8 -> '4'.
GB_EXAMPLE_1880 = "440524188001010014"
# Example from GB 32100-2015. Hand check: values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4
# times weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 give
# 9+3+27+135+26+420+8+900+112 = 1640; 1640 mod 31 = 28; 31 - 28 = 3 -> '3'.
USCC_EXAMPLE = "91350100M000100Y43"


def make_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


def error_of(func: object, *args: object, **kwargs: object) -> InvalidInput:
    assert callable(func)
    with pytest.raises(InvalidInput) as info:
        func(*args, **kwargs)
    return info.value


# --------------------------------------------------------------------------
# Resident ID
# --------------------------------------------------------------------------


class TestResidentIdCheckChar:
    def test_standard_examples(self) -> None:
        assert resident_id_check_char(GB_EXAMPLE[:17]) == "X"
        assert resident_id_check_char(GB_EXAMPLE_1880[:17]) == "4"

    def test_all_zero_body(self) -> None:
        # Sum 0 -> index 0 -> '1'.
        assert resident_id_check_char("0" * 17) == "1"

    @pytest.mark.parametrize("bad", ["", "1" * 16, "1" * 18, "1101051949123100X", "１" * 17])
    def test_rejects_malformed_input(self, bad: str) -> None:
        with pytest.raises(ValueError):
            resident_id_check_char(bad)


class TestParseResidentId:
    def test_gb_example(self) -> None:
        rid = parse_resident_id(GB_EXAMPLE, today=TODAY)
        assert rid == ResidentId(
            number=GB_EXAMPLE, birth_date=date(1949, 12, 31), sex="F", region_code="110105"
        )

    def test_gb_example_born_1880(self) -> None:
        rid = parse_resident_id(GB_EXAMPLE_1880, today=TODAY)
        assert rid.birth_date == date(1880, 1, 1)
        assert rid.sex == "M"
        assert rid.region_code == "440524"

    @pytest.mark.parametrize(
        "typed",
        [
            "11010519491231002x",
            "  11010519491231002X\t",
            "\u3000１１０１０５１９４９１２３１００２Ｘ\u3000",
            "１１０１０５１９４９１２３１００２ｘ",
        ],
    )
    def test_normalizes_case_whitespace_and_full_width(self, typed: str) -> None:
        assert parse_resident_id(typed, today=TODAY).number == GB_EXAMPLE

    def test_sex_from_17th_digit(self) -> None:
        for digit in "13579":
            assert parse_resident_id(make_id("1101051990010100" + digit), today=TODAY).sex == "M"
        for digit in "02468":
            assert parse_resident_id(make_id("1101051990010100" + digit), today=TODAY).sex == "F"

    @pytest.mark.parametrize(
        "province",
        [
            "11",
            "15",
            "21",
            "23",
            "31",
            "37",
            "41",
            "46",
            "50",
            "54",
            "61",
            "65",
            "71",
            "81",
            "82",
            "83",
        ],
    )
    def test_accepts_every_province_range_end(self, province: str) -> None:
        number = make_id(province + "000019900101001")
        assert parse_resident_id(number, today=TODAY).region_code == province + "0000"

    @pytest.mark.parametrize(
        "province",
        [
            "00",
            "10",
            "16",
            "20",
            "24",
            "30",
            "38",
            "40",
            "47",
            "49",
            "55",
            "60",
            "66",
            "70",
            "72",
            "80",
            "84",
            "91",
            "99",
        ],
    )
    def test_rejects_unknown_province(self, province: str) -> None:
        err = error_of(parse_resident_id, make_id(province + "000019900101001"), today=TODAY)
        assert err.message == f"unknown province code '{province}' (first two digits)"
        assert err.where == "id_number"

    def test_birth_date_today_is_accepted(self) -> None:
        rid = parse_resident_id(make_id("11010520240501001"), today=TODAY)
        assert rid.birth_date == TODAY
        assert rid.age_on(TODAY) == 0

    def test_empty(self) -> None:
        assert error_of(parse_resident_id, "  ", today=TODAY).message == "ID number is empty"

    def test_old_15_digit_number(self) -> None:
        err = error_of(parse_resident_id, "110105491231002", today=TODAY)
        assert err.message == "15-digit numbers are no longer valid; ask for the 18-digit number"

    @pytest.mark.parametrize("length", [1, 14, 16, 17, 19, 20])
    def test_wrong_length_says_the_length(self, length: int) -> None:
        err = error_of(parse_resident_id, ("11010519491231002X" * 2)[:length], today=TODAY)
        assert err.message == f"ID number should have 18 characters, got {length}"

    def test_fifteen_chars_with_letter_is_a_length_error(self) -> None:
        err = error_of(parse_resident_id, "11010549123100X", today=TODAY)
        assert err.message == "ID number should have 18 characters, got 15"

    def test_non_digit_position_and_char(self) -> None:
        err = error_of(parse_resident_id, "110105194912310O2X", today=TODAY)
        assert err.message == "character 16 should be a digit, got 'O'"
        err = error_of(parse_resident_id, "X10105194912310020", today=TODAY)
        assert err.message == "character 1 should be a digit, got 'X'"
        err = error_of(parse_resident_id, "1101051949 231002X", today=TODAY)
        assert err.message == "character 11 should be a digit, got ' '"

    def test_non_digit_reported_as_typed(self) -> None:
        err = error_of(parse_resident_id, "1101051949123100２Ａ", today=TODAY)
        assert err.message == "character 18 (the check character) should be a digit or X, got 'Ａ'"

    def test_bad_check_position_char(self) -> None:
        err = error_of(parse_resident_id, "11010519491231002Y", today=TODAY)
        assert err.message == "character 18 (the check character) should be a digit or X, got 'Y'"

    @pytest.mark.parametrize(
        "birth", ["19490231", "19491301", "19490001", "19490100", "20230229", "00000101"]
    )
    def test_impossible_birth_date(self, birth: str) -> None:
        err = error_of(parse_resident_id, make_id("110105" + birth + "002"), today=TODAY)
        assert err.message == f"birth date {birth} (characters 7-14) is not a real date"

    def test_leap_day_birth_date_is_real(self) -> None:
        rid = parse_resident_id(make_id("11010520000229002"), today=TODAY)
        assert rid.birth_date == date(2000, 2, 29)

    def test_future_birth_date(self) -> None:
        err = error_of(parse_resident_id, make_id("11010520240502002"), today=TODAY)
        assert err.message == "birth date 2024-05-02 is after today (2024-05-01)"

    def test_birth_date_before_1880(self) -> None:
        err = error_of(parse_resident_id, make_id("11010518791231002"), today=TODAY)
        assert err.message == "birth date 1879-12-31 is before 1880-01-01"

    def test_wrong_check_char_does_not_reveal_the_expected_one(self) -> None:
        err = error_of(parse_resident_id, "110105194912310023", today=TODAY, where="applicant.id")
        assert err.where == "applicant.id"
        assert err.message == (
            "the last character (the check character) does not match the 17 digits before "
            "it: the number is probably mistyped; compare every digit with the ID card"
        )
        other = error_of(parse_resident_id, "44052418800101001X", today=TODAY)
        assert other.message == err.message  # nothing about the number itself
        assert "'X'" not in err.message and "'4'" not in other.message

    @given(
        body=st.builds(
            lambda province, birth, seq: f"{province}0101{birth:%Y%m%d}{seq:03d}",
            st.sampled_from(["11", "32", "44", "65", "83"]),
            st.dates(date(1880, 1, 1), TODAY),
            st.integers(0, 999),
        ),
        data=st.data(),
    )
    def test_every_single_digit_error_is_rejected(self, body: str, data: st.DataObject) -> None:
        number = make_id(body)
        assert parse_resident_id(number, today=TODAY).number == number
        pos = data.draw(st.integers(0, 17))
        alternatives = [c for c in "0123456789X" if c != number[pos]]
        typo = number[:pos] + data.draw(st.sampled_from(alternatives)) + number[pos + 1 :]
        with pytest.raises(InvalidInput):
            parse_resident_id(typo, today=TODAY)


class TestAge:
    def rid(self, born: str) -> ResidentId:
        return parse_resident_id(make_id("110105" + born + "001"), today=TODAY)

    def test_age_in_full_years(self) -> None:
        rid = self.rid("20060501")
        assert rid.age_on(date(2024, 4, 30)) == 17
        assert rid.age_on(date(2024, 5, 1)) == 18
        assert rid.age_on(date(2006, 5, 1)) == 0

    def test_is_minor_on_18th_birthday_boundary(self) -> None:
        rid = self.rid("20060501")
        assert rid.is_minor_on(date(2024, 4, 30))
        assert not rid.is_minor_on(date(2024, 5, 1))

    def test_leap_day_birthday(self) -> None:
        rid = self.rid("20000229")
        assert rid.age_on(date(2018, 2, 28)) == 17
        assert rid.age_on(date(2018, 3, 1)) == 18
        assert rid.age_on(date(2020, 2, 29)) == 20

    def test_day_before_birth(self) -> None:
        with pytest.raises(ValueError):
            self.rid("20060501").age_on(date(2006, 4, 30))


# --------------------------------------------------------------------------
# Unified social credit code
# --------------------------------------------------------------------------


class TestCreditCode:
    def test_alphabet(self) -> None:
        assert len(CREDIT_CODE_ALPHABET) == 31
        assert not set("IOSVZ") & set(CREDIT_CODE_ALPHABET)

    def test_check_char_of_standard_example(self) -> None:
        assert credit_code_check_char(USCC_EXAMPLE[:17]) == "3"

    def test_check_value_31_maps_to_0(self) -> None:
        # Sum 0 -> 31 - 0 = 31 -> 0.
        assert credit_code_check_char("0" * 17) == "0"
        # Only the last position: Y (30) * 28 = 840 = 27*31 + 3 -> 31 - 3 = 28 -> 'W'.
        assert credit_code_check_char("0" * 16 + "Y") == "W"

    @pytest.mark.parametrize("bad", ["", "0" * 16, "0" * 18, "0" * 16 + "I", "0" * 16 + "a"])
    def test_check_char_rejects_malformed(self, bad: str) -> None:
        with pytest.raises(ValueError):
            credit_code_check_char(bad)

    @pytest.mark.parametrize(
        "typed",
        [
            USCC_EXAMPLE,
            " 91350100m000100y43 ",
            "９１３５０１００Ｍ０００１００Ｙ４３",
            "91350100ｍ000100Y43",
        ],
    )
    def test_parse_accepts_and_normalizes(self, typed: str) -> None:
        assert parse_credit_code(typed) == USCC_EXAMPLE

    def test_empty(self) -> None:
        assert error_of(parse_credit_code, "").message == "credit code is empty"

    def test_wrong_length(self) -> None:
        err = error_of(parse_credit_code, USCC_EXAMPLE[:-1])
        assert err.message == "credit code should have 18 characters, got 17"
        assert err.where == "credit_code"

    @pytest.mark.parametrize("letter", list("IOSVZ"))
    def test_unused_letters_are_named(self, letter: str) -> None:
        typed = USCC_EXAMPLE[:8] + letter + USCC_EXAMPLE[9:]
        err = error_of(parse_credit_code, typed)
        assert err.message.startswith(f"character 9 is '{letter}': the letters I, O, S, V and Z")
        assert "never used" in err.message

    def test_unused_letter_hint(self) -> None:
        err = error_of(parse_credit_code, "91350100MOOO100Y43")
        assert err.message.endswith("(did you mean '0'?)")
        assert "character 10 is 'O'" in err.message

    def test_other_illegal_char(self) -> None:
        err = error_of(parse_credit_code, "9135-100M000100Y43", where="org.code")
        assert err.where == "org.code"
        assert err.message.startswith("character 5 is '-', which is not allowed")

    def test_wrong_check_char(self) -> None:
        err = error_of(parse_credit_code, USCC_EXAMPLE[:17] + "4")
        assert err.message.startswith("the last character (the check character) does not match")
        assert "'3'" not in err.message and "business licence" in err.message

    @given(body=st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=17, max_size=17), data=st.data())
    def test_single_substitutions_rejected(self, body: str, data: st.DataObject) -> None:
        code = body + credit_code_check_char(body)
        assert parse_credit_code(code) == code
        pos = data.draw(st.integers(0, 17))
        other = data.draw(st.sampled_from([c for c in CREDIT_CODE_ALPHABET if c != code[pos]]))
        with pytest.raises(InvalidInput):
            parse_credit_code(code[:pos] + other + code[pos + 1 :])


# --------------------------------------------------------------------------
# Phone
# --------------------------------------------------------------------------


class TestPhone:
    @pytest.mark.parametrize(
        "typed",
        [
            "13812345678",
            " 138 1234 5678 ",
            "138-1234-5678",
            "+86 138 1234 5678",
            "+86-13812345678",
            "8613812345678",
            "0086 138 1234 5678",
            "１３８１２３４５６７８",
            "＋８６１３８１２３４５６７８",
        ],
    )
    def test_mobile(self, typed: str) -> None:
        assert normalize_phone(typed) == "13812345678"

    @pytest.mark.parametrize("second", "3456789")
    def test_mobile_prefixes(self, second: str) -> None:
        assert normalize_phone(f"1{second}012345678") == f"1{second}012345678"

    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("010-12345678", "010-12345678"),
            ("01012345678", "010-12345678"),
            ("021 6888 9999", "021-68889999"),
            ("0571-88889999", "0571-88889999"),
            ("057188889999", "0571-88889999"),
            ("0571-8888999", "0571-8888999"),
            ("05718888999", "0571-8888999"),
            ("057-188889999", "0571-88889999"),
            ("０７５５－８８８８９９９９", "0755-88889999"),
        ],
    )
    def test_landline(self, typed: str, expected: str) -> None:
        assert normalize_phone(typed) == expected

    def test_empty(self) -> None:
        assert error_of(normalize_phone, " ").message == "phone number is empty"

    def test_mobile_wrong_length(self) -> None:
        err = error_of(normalize_phone, "138 1234 567")
        assert err.message == "mobile numbers have 11 digits, got 10 (1381234567)"

    def test_mobile_bad_prefix(self) -> None:
        err = error_of(normalize_phone, "12812345678")
        assert err.message == "mobile numbers start with 13 to 19, got '12' (12812345678)"

    def test_foreign_number(self) -> None:
        err = error_of(normalize_phone, "+1 415 555 0100")
        assert err.message == "only mainland China numbers (+86) are accepted"

    def test_landline_after_country_code(self) -> None:
        err = error_of(normalize_phone, "+86 0571 8888 9999")
        assert err.message.startswith("after +86 only a mobile number is accepted")

    def test_letters(self) -> None:
        err = error_of(normalize_phone, "138a1234567", where="contact.phone")
        assert err.where == "contact.phone"
        assert err.message == "'a' does not belong in a phone number; use digits only"

    def test_plus_in_the_middle(self) -> None:
        err = error_of(normalize_phone, "138+12345678")
        assert err.message == "'+' does not belong in a phone number; use digits only"

    def test_missing_area_code(self) -> None:
        err = error_of(normalize_phone, "8888 9999")
        assert "with its area code (e.g. 0571-88889999)" in err.message
        assert "'8888 9999'" in err.message

    def test_bad_area_code(self) -> None:
        err = error_of(normalize_phone, "0123-4567890")
        assert err.message == "'0123' is not a mainland area code (010, 02x or 0xxx)"

    @pytest.mark.parametrize(
        ("typed", "area", "got"), [("0571-888899", "0571", 6), ("010-123456789", "010", 9)]
    )
    def test_landline_local_part_length(self, typed: str, area: str, got: int) -> None:
        err = error_of(normalize_phone, typed)
        assert err.message == (
            f"the local number after area code {area} should have 7 or 8 digits, got {got}"
        )


# --------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------


class TestValidateName:
    @pytest.mark.parametrize(
        "name",
        [
            "王小明",
            "买买提·艾力",
            "\u4dae",  # 䶮, CJK Extension A
            "李\U0002020c",  # 𠈌, CJK Extension B
            "\U00031350",  # CJK Extension H: unassigned in Python 3.11's Unicode 14
            "\uf900",  # CJK compatibility ideograph; NFC would turn it into U+8C48
            "葛\U000e0100优",  # ideographic variation sequence
            "Zhang Wei",
            "ＡＢＣ公司",
        ],
    )
    def test_passes_through_unchanged(self, name: str) -> None:
        assert validate_name(name) == name
        assert validate_name(f" \u3000{name}\n") == name

    def test_no_normalization(self) -> None:
        decomposed = "Jose\u0301"  # e + combining acute accent
        assert validate_name(decomposed) == decomposed
        assert unicodedata.normalize("NFC", "\uf900") != "\uf900"
        assert validate_name("\uf900") == "\uf900"

    def test_empty(self) -> None:
        assert error_of(validate_name, " \t ").message == "name is empty"

    @pytest.mark.parametrize(
        ("name", "fragment"),
        [
            ("王\x00明", "character 2 is U+0000, a control character"),
            ("王小\t明", "character 3 is U+0009, a control character"),
            ("王\u200b明", "character 2 is U+200B (ZERO WIDTH SPACE), an invisible formatting"),
            ("\ufeff王", "character 1 is U+FEFF (ZERO WIDTH NO-BREAK SPACE), an invisible"),
            ("王\u202e明", "character 2 is U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible"),
            ("王\ue000", "character 2 is U+E000, a private-use character"),
            ("王\ud800", "character 2 is U+D800, a lone surrogate"),
            ("王\u0378", "character 2 is U+0378, not an assigned Unicode character"),
            ("王\U0002fffe", "character 2 is U+2FFFE, not an assigned Unicode character"),
            ("王\u2028明", "character 2 is U+2028 (LINE SEPARATOR), a line break"),
        ],
    )
    def test_rejects_bad_code_points(self, name: str, fragment: str) -> None:
        err = error_of(validate_name, name, where="applicant.name")
        assert err.where == "applicant.name"
        assert err.message.startswith(fragment)

    def test_length_in_code_points(self) -> None:
        assert validate_name("\U0002020c" * 3, max_len=3) == "\U0002020c" * 3
        err = error_of(validate_name, "王小明明", max_len=3)
        assert err.message == "name has 4 characters; at most 3 are allowed"
        assert validate_name("王" * 100) == "王" * 100
        with pytest.raises(InvalidInput):
            validate_name("王" * 101)

    @given(
        st.text(
            alphabet=st.one_of(
                st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),
                st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
                st.just("·"),
            ),
            min_size=1,
            max_size=30,
        )
    )
    def test_cjk_names_are_returned_exactly(self, name: str) -> None:
        assert validate_name(name) == name


# --------------------------------------------------------------------------
# Masking
# --------------------------------------------------------------------------


class TestMasking:
    def test_mask_id_number(self) -> None:
        assert mask_id_number("370802199001011234") == "3708**********1234"
        assert mask_id_number(GB_EXAMPLE) == "1101**********002X"
        assert mask_id_number(USCC_EXAMPLE) == "9135**********0Y43"

    def test_mask_short_values_entirely(self) -> None:
        assert mask_id_number("12345678") == "********"
        assert mask_id_number("") == ""
        assert mask_id_number("123456789") == "1234*6789"

    @pytest.mark.parametrize(
        ("name", "masked"),
        [
            ("", ""),
            ("王", "王"),
            ("王明", "王*"),
            ("王小明", "王*明"),
            ("欧阳小明", "欧**明"),
            ("买买提·艾力", "买****力"),
            ("\U0002020c", "\U0002020c"),
            ("王\U0002020c", "王*"),
            ("\U0002020c小\U0002020c", "\U0002020c*\U0002020c"),
            ("王小葛\U000e0100", "王*葛\U000e0100"),
            ("王葛\U000e0100", "王*"),
            ("葛\U000e0100优", "葛\U000e0100*"),
        ],
    )
    def test_mask_name(self, name: str, masked: str) -> None:
        assert mask_name(name) == masked

    @given(st.text(alphabet=st.characters(categories=["Lo"]), min_size=3, max_size=20))
    def test_mask_name_keeps_ends_and_length(self, name: str) -> None:
        masked = mask_name(name)
        assert len(masked) == len(name)
        assert masked[0] == name[0]
        assert masked[-1] == name[-1]
        assert set(masked[1:-1]) == {"*"}
