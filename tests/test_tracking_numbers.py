"""Tests for clerk_desk.tracking_numbers."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from clerk_desk import tracking_numbers as tn
from clerk_desk.errors import InvalidInput, RuleViolation

symbols = st.sampled_from(tn.ALPHABET)
bodies = st.text(alphabet=tn.ALPHABET, min_size=tn.LENGTH - 1, max_size=tn.LENGTH - 1)
terminal_codes = st.text(
    alphabet=tn.ALPHABET, min_size=tn.TERMINAL_CODE_LENGTH, max_size=tn.TERMINAL_CODE_LENGTH
)
days = st.dates(tn.EPOCH, tn.LAST_DAY)
sequences = st.integers(0, tn.MAX_SEQUENCE)


def parse_error(text: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as info:
        tn.parse(text)
    return info.value


class TestAlphabet:
    def test_alphabet(self) -> None:
        assert len(tn.ALPHABET) == 29
        assert len(set(tn.ALPHABET)) == 29
        assert all(29 % d for d in range(2, 29))  # prime
        assert not set("01ILOSZ") & set(tn.ALPHABET)
        assert "".join(sorted(tn.ALPHABET)) == tn.ALPHABET

    def test_layout_constants(self) -> None:
        assert tn.LENGTH == 13 <= 20
        assert tn.TERMINAL_CODE_LENGTH == 6
        assert tn.MAX_SEQUENCE == 24388
        assert date(2020, 1, 1) == tn.EPOCH
        assert date(2086, 10, 9) == tn.LAST_DAY


class TestCheckChar:
    def test_hand_computed_vectors(self) -> None:
        # Values: '2' = 0, '3' = 1, 'M' = 18, 'Y' = 28. Weight k for the k-th symbol from the right.
        assert tn.check_char("2222222222") == "2"
        # '3' at position 11: 11 * 1 = 11; 11 + 18 = 29 = 0 mod 29 -> 'M'.
        assert tn.check_char("3222222222") == "M"
        # '3' at position 2: 2 * 1 = 2; 2 + 27 = 29 -> value 27 = 'X'.
        assert tn.check_char("2222222223") == "X"
        # 'Y' at position 2: 2 * 28 = 56 = 27 mod 29; 27 + 2 = 29 -> value 2 = '4'.
        assert tn.check_char("Y") == "4"

    @pytest.mark.parametrize("bad", ["", "2" * 28, "ABC0", "abc", "ＡＢＣ"])
    def test_rejects_bad_body(self, bad: str) -> None:
        with pytest.raises(ValueError):
            tn.check_char(bad)

    def test_longest_body(self) -> None:
        body = "3" * 27
        assert tn.check_char(body) in tn.ALPHABET


class TestIsValid:
    def test_hand_computed(self) -> None:
        assert tn.is_valid("ABCD222222225")
        assert not tn.is_valid("ABCD222222226")
        assert tn.is_valid("ABCD223VJ233R")

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "ABCD22222222",  # a body without its check character
            "ABCD2222222252",
            "abcd222222225",
            "ABC-D22-222-222-5",
            "OBCD222222225",
            "3222222222M",  # valid check, but the length of the earlier 4-symbol codes
        ],
    )
    def test_only_canonical_numbers(self, text: str) -> None:
        assert not tn.is_valid(text)

    @settings(max_examples=300)
    @given(bodies)
    def test_every_single_substitution_is_detected(self, body: str) -> None:
        number = body + tn.check_char(body)
        assert tn.is_valid(number)
        for pos in range(len(number)):
            for other in tn.ALPHABET:
                if other != number[pos]:
                    assert not tn.is_valid(number[:pos] + other + number[pos + 1 :])

    @settings(max_examples=300)
    @given(bodies)
    def test_every_adjacent_transposition_is_detected(self, body: str) -> None:
        number = body + tn.check_char(body)
        for pos in range(len(number) - 1):
            a, b = number[pos], number[pos + 1]
            if a != b:
                swapped = number[:pos] + b + a + number[pos + 2 :]
                assert not tn.is_valid(swapped)

    @given(bodies, st.integers(0, tn.LENGTH - 3), symbols, symbols)
    def test_transposition_of_chosen_pair(self, body: str, pos: int, a: str, b: str) -> None:
        # Random bodies rarely hold a given pair; plant two different symbols and swap them.
        assume(a != b)
        body = body[:pos] + a + b + body[pos + 2 :]
        number = body + tn.check_char(body)
        assert tn.is_valid(number)
        assert not tn.is_valid(number[:pos] + b + a + number[pos + 2 :])

    @given(st.text(alphabet=tn.ALPHABET, min_size=1, max_size=27), st.data())
    def test_scheme_holds_for_every_body_length(self, body: str, data: st.DataObject) -> None:
        # Up to 28 symbols including the check char, the property holds at any length.
        number = body + tn.check_char(body)
        pos = data.draw(st.integers(0, len(number) - 1))
        other = data.draw(st.sampled_from([c for c in tn.ALPHABET if c != number[pos]]))
        typo = number[:pos] + other + number[pos + 1 :]
        assert tn.check_char(typo[:-1]) != typo[-1]
        if pos < len(number) - 1 and number[pos] != number[pos + 1]:
            swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2 :]
            assert tn.check_char(swapped[:-1]) != swapped[-1]


class TestComposeDecompose:
    def test_hand_computed_numbers(self) -> None:
        # A=8 B=9 C=10 D=11 at weights 13..10: 104 + 108 + 110 + 110 = 432 = 26 mod 29;
        # the rest is zero, so the check value is 29 - 26 = 3 = '5'.
        assert tn.compose("ABCD22", date(2020, 1, 1), 0) == "ABCD222222225"
        # 2024-05-01 is day 1582 = 1*841 + 25*29 + 16 -> '3' 'V' 'J'; 30 = 1*29 + 1 -> '233'.
        # Sum 432 + (7*1 + 6*25 + 5*16) + (4*0 + 3*1 + 2*1) = 674 = 7 mod 29 -> 22 = 'R'.
        assert tn.compose("ABCD22", date(2024, 5, 1), 30) == "ABCD223VJ233R"
        assert tn.decompose("ABCD223VJ233R") == ("ABCD22", date(2024, 5, 1), 30)

    def test_range_ends(self) -> None:
        last = tn.compose("YYYYYY", tn.LAST_DAY, tn.MAX_SEQUENCE)
        assert last[:12] == "YYYYYYYYYYYY"
        assert tn.decompose(last) == ("YYYYYY", date(2086, 10, 9), 24388)

    def test_day_out_of_range(self) -> None:
        with pytest.raises(ValueError):
            tn.compose("ABCD22", date(2019, 12, 31), 0)
        with pytest.raises(ValueError):
            tn.compose("ABCD22", tn.LAST_DAY + timedelta(days=1), 0)

    def test_sequence_exhausted(self) -> None:
        with pytest.raises(RuleViolation) as info:
            tn.compose("ABCD22", date(2024, 5, 1), tn.MAX_SEQUENCE + 1)
        assert str(info.value) == "daily tracking-number sequence exhausted for this terminal"

    def test_negative_sequence(self) -> None:
        with pytest.raises(ValueError):
            tn.compose("ABCD22", date(2024, 5, 1), -1)

    @pytest.mark.parametrize("code", ["ABCDE", "ABCD", "ABCDEFG", "abcd22", "AB0D22", ""])
    def test_bad_terminal_code(self, code: str) -> None:
        with pytest.raises(ValueError):
            tn.compose(code, date(2024, 5, 1), 0)

    @given(terminal_codes, days, sequences)
    def test_round_trip(self, terminal: str, day: date, sequence: int) -> None:
        number = tn.compose(terminal, day, sequence)
        assert len(number) == tn.LENGTH
        assert tn.is_valid(number)
        assert tn.parse(number) == number
        assert tn.decompose(number) == (terminal, day, sequence)
        assert tn.decompose(tn.display(number).lower()) == (terminal, day, sequence)

    @given(terminal_codes, days, sequences, sequences)
    def test_distinct_inputs_give_distinct_numbers(
        self, terminal: str, day: date, s1: int, s2: int
    ) -> None:
        if s1 != s2:
            assert tn.compose(terminal, day, s1) != tn.compose(terminal, day, s2)

    def test_numbers_sort_by_day_within_a_terminal(self) -> None:
        a = tn.compose("ABCD22", date(2024, 5, 1), tn.MAX_SEQUENCE)
        b = tn.compose("ABCD22", date(2024, 5, 2), 0)
        assert a < b  # ALPHABET is in ASCII order, so base-29 fields sort as text

    def test_decompose_rejects_invalid(self) -> None:
        with pytest.raises(InvalidInput):
            tn.decompose("ABCD223VJ233E")


class TestDisplayNormalize:
    def test_display(self) -> None:
        assert tn.display("ABCD223VJ233R") == "ABC-D22-3VJ-233-R"
        assert tn.display("abcd22 3vj 233 r") == "ABC-D22-3VJ-233-R"

    @pytest.mark.parametrize("bad", ["ABCD223VJ233E", "ABCD223VJ233", "ABCD3VJ233D", ""])
    def test_display_rejects_invalid(self, bad: str) -> None:
        with pytest.raises(ValueError):
            tn.display(bad)

    @pytest.mark.parametrize(
        "typed",
        [
            "ABC-D22-3VJ-233-R",
            "abc-d22-3vj-233-r",
            " ABCD22 3VJ 233 R ",
            "ＡＢＣ－Ｄ２２－３ＶＪ－２３３－Ｒ",
            "ａｂｃｄ22\u30003vj233r",
            "ABCD22\u20143VJ\u2013233R",
        ],
    )
    def test_normalize(self, typed: str) -> None:
        assert tn.normalize(typed) == "ABCD223VJ233R"
        assert tn.parse(typed) == "ABCD223VJ233R"

    def test_normalize_does_not_validate(self) -> None:
        assert tn.normalize("o-0 i") == "O0I"

    @given(terminal_codes, days, sequences)
    def test_display_round_trip(self, terminal: str, day: date, sequence: int) -> None:
        number = tn.compose(terminal, day, sequence)
        shown = tn.display(number)
        assert len(shown) == 17
        assert [len(g) for g in shown.split("-")] == [3, 3, 3, 3, 1]
        assert tn.normalize(shown) == number
        assert tn.parse(shown) == number


class TestParseErrors:
    def test_empty(self) -> None:
        err = parse_error(" - ")
        assert err.where == "tracking_number"
        assert err.message == "tracking number is empty"

    @pytest.mark.parametrize(
        ("typed", "fragment"),
        [
            (
                "ABC-O22-3VJ-233-R",
                "character 4 (not counting spaces and hyphens) is 'O': no letter O is used",
            ),
            (
                "ABC-D22-3VJ-230-R",
                "character 12 (not counting spaces and hyphens) is '0': no digit 0 is used",
            ),
            ("abci223vj233r", "is 'i': no letter I is used"),
            ("ABCL223VJ233R", "is 'L': no letter L is used"),
            ("ABC1223VJ233R", "is '1': no digit 1 is used"),
            ("ABCS223VJ233R", "is 'S': no letter S is used; it is probably the digit 5"),
            ("ABCZ223VJ233R", "is 'Z': no letter Z is used; it is probably the digit 2"),
            ("ＡＢＣＯ223VJ233R", "is 'Ｏ': no letter O is used"),
        ],
    )
    def test_look_alikes_get_a_hint(self, typed: str, fragment: str) -> None:
        err = parse_error(typed)
        assert fragment in err.message
        assert err.message.endswith("in tracking numbers")

    def test_other_characters(self) -> None:
        err = parse_error("ABCD#223VJ233R")
        assert err.message.startswith(
            "character 5 (not counting spaces and hyphens) is '#', which never appears"
        )
        assert tn.ALPHABET in err.message

    @pytest.mark.parametrize(
        "typed", ["ABC-D22-3VJ-233", "ABC-D22-3VJ-233-RR", "ABCD-3VJ-233-D", "A"]
    )
    def test_wrong_length(self, typed: str) -> None:
        got = len(tn.normalize(typed))
        assert parse_error(typed).message == (
            "tracking number should have 13 characters (not counting spaces and hyphens), "
            f"got {got}"
        )

    def test_failed_check_does_not_reveal_the_expected_char(self) -> None:
        first = parse_error("ABC-D22-3VJ-233-E")
        second = parse_error("ABC-D22-3VJ-234-R")
        assert first.message == second.message  # nothing about the number itself
        assert first.message == (
            "tracking number fails its check character test; it is probably mistyped "
            "(compare it with the receipt)"
        )
        assert "'R'" not in first.message

    def test_where(self) -> None:
        with pytest.raises(InvalidInput) as info:
            tn.parse("X", where="query.number")
        assert info.value.where == "query.number"


class TestTerminalCode:
    def test_seeded_rng_is_deterministic(self) -> None:
        a = tn.new_terminal_code(random.Random(42))
        assert a == tn.new_terminal_code(random.Random(42))
        assert len(a) == 6
        assert set(a) <= set(tn.ALPHABET)

    def test_default_uses_secrets(self) -> None:
        codes = {tn.new_terminal_code() for _ in range(50)}
        assert len(codes) > 40
        for code in codes:
            assert tn.validate_terminal_code(code) == code

    @pytest.mark.parametrize("typed", ["abcd23", " ABC-D23 ", "ＡＢＣＤ２３"])
    def test_validate_normalizes(self, typed: str) -> None:
        assert tn.validate_terminal_code(typed) == "ABCD23"

    def test_validate_errors(self) -> None:
        with pytest.raises(InvalidInput) as info:
            tn.validate_terminal_code("ABCD")
        assert info.value.where == "terminal_code"
        assert info.value.message == "terminal code should have 6 characters, got 4"
        with pytest.raises(InvalidInput) as info:
            tn.validate_terminal_code("ABCO23", where="settings.terminal")
        assert info.value.where == "settings.terminal"
        assert "no letter O is used" in info.value.message
        with pytest.raises(InvalidInput) as info:
            tn.validate_terminal_code("")
        assert info.value.message == "terminal code is empty"


class TestQueryCode:
    def test_entropy(self) -> None:
        bits = tn.QUERY_CODE_LENGTH * math.log2(len(tn.ALPHABET))
        assert bits >= 40
        assert round(bits, 1) == 48.6

    def test_shape_and_uniqueness(self) -> None:
        codes = [tn.new_query_code() for _ in range(200)]
        assert all(len(c) == tn.QUERY_CODE_LENGTH == 10 for c in codes)
        assert all(set(c) <= set(tn.ALPHABET) for c in codes)
        assert len(set(codes)) == len(codes)
