"""Tests for clerk_desk.tracking_numbers: the numeric form, terminal numbers, query codes,
and the old 13-symbol form that stores of earlier versions hold."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from clerk_desk import tracking_numbers as tn
from clerk_desk.errors import InvalidInput, RuleViolation

DIGITS = "0123456789"
T = tn.DAMM_TABLE

digit_bodies = st.text(alphabet=DIGITS, min_size=tn.LENGTH - 1, max_size=tn.LENGTH - 1)
terminals = st.integers(0, 99999).map(lambda n: f"{n:05d}")
days = st.dates(tn.FIRST_DAY, tn.LAST_DAY)
sequences = st.integers(1, tn.MAX_SEQUENCE)


def parse_error(text: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as info:
        tn.parse(text)
    return info.value


def passes_check(number: str) -> bool:
    """The check digit test alone (a number of any length, no date test)."""
    return tn.check_digit(number[:-1]) == number[-1]


class TestDammTable:
    """The three properties that make the check digit catch every single-digit error and every
    adjacent transposition, of every number of the range (of any length, in fact)."""

    def test_rows_and_columns_are_permutations(self) -> None:
        # A row: at the mistyped digit the interim differs. A column: once two interims
        # differ, every later digit keeps them different, to the end of the number.
        for i in range(10):
            assert sorted(T[i]) == list(range(10))
            assert sorted(T[r][i] for r in range(10)) == list(range(10))

    def test_zero_diagonal(self) -> None:
        # Appending the interim as check digit brings the run to 0.
        assert all(T[i][i] == 0 for i in range(10))

    def test_weak_total_anti_symmetry(self) -> None:
        # Every interim c and every pair of different digits: swapping them changes the interim.
        for c, x, y in itertools.product(range(10), repeat=3):
            if x != y:
                assert T[T[c][x]][y] != T[T[c][y]][x], (c, x, y)

    def test_known_vectors(self) -> None:
        assert tn.check_digit("572") == "4"  # Damm's worked example
        assert tn.check_digit("0") == "0"
        # By hand: 0 -> T[0][2] = 1 -> T[1][6] = 4 -> T[4][1] = 1 -> T[1][1] = 0.
        assert tn.check_digit("261") == "1" and passes_check("2611")

    @pytest.mark.parametrize("bad", ["", "12a", "１２３", "1 2"])
    def test_check_digit_rejects_bad_body(self, bad: str) -> None:
        with pytest.raises(ValueError):
            tn.check_digit(bad)

    def test_every_error_of_every_three_digit_body(self) -> None:
        # Exhaustive over a whole small range, as the table properties promise for all.
        for body in map("".join, itertools.product(DIGITS, repeat=3)):
            number = body + tn.check_digit(body)
            for pos, other in itertools.product(range(4), DIGITS):
                if other != number[pos]:
                    assert not passes_check(number[:pos] + other + number[pos + 1 :])
            for pos in range(3):
                if number[pos] != number[pos + 1]:
                    swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2 :]
                    assert not passes_check(swapped)


class TestCheckDigitOnFullNumbers:
    @settings(max_examples=300)
    @given(digit_bodies)
    def test_every_single_substitution_is_detected(self, body: str) -> None:
        number = body + tn.check_digit(body)
        assert passes_check(number)
        for pos in range(tn.LENGTH):
            for other in DIGITS:
                if other != number[pos]:
                    assert not passes_check(number[:pos] + other + number[pos + 1 :])

    @settings(max_examples=300)
    @given(digit_bodies)
    def test_every_adjacent_transposition_is_detected(self, body: str) -> None:
        number = body + tn.check_digit(body)
        for pos in range(tn.LENGTH - 1):
            a, b = number[pos], number[pos + 1]
            if a != b:
                assert not passes_check(number[:pos] + b + a + number[pos + 2 :])

    @given(digit_bodies, st.integers(0, tn.LENGTH - 3), st.sampled_from(DIGITS), st.data())
    def test_transposition_of_a_planted_pair(
        self, body: str, pos: int, a: str, data: st.DataObject
    ) -> None:
        b = data.draw(st.sampled_from([d for d in DIGITS if d != a]))
        body = body[:pos] + a + b + body[pos + 2 :]
        number = body + tn.check_digit(body)
        assert not passes_check(number[:pos] + b + a + number[pos + 2 :])

    @given(terminals, days, sequences, st.data())
    def test_an_issued_number_with_one_error_never_parses(
        self, terminal: str, day: date, sequence: int, data: st.DataObject
    ) -> None:
        number = tn.compose(terminal, day, sequence)
        pos = data.draw(st.integers(0, tn.LENGTH - 1))
        other = data.draw(st.sampled_from([d for d in DIGITS if d != number[pos]]))
        assert not tn.is_valid(number[:pos] + other + number[pos + 1 :])
        with pytest.raises(InvalidInput):
            tn.parse(number[:pos] + other + number[pos + 1 :])


class TestComposeDecompose:
    def test_layout_constants(self) -> None:
        assert tn.LENGTH == 16 <= 20
        # Never the length of a resident ID number (18, old ones 15) or an old tracking number.
        assert tn.LENGTH not in (15, 18, tn.LEGACY_LENGTH)
        assert tn.TERMINAL_NUMBER_LENGTH == 5
        assert tn.MAX_SEQUENCE == 9999
        assert range(90000, 100000) == tn.PROVISIONAL_TERMINALS

    def test_hand_made_number(self) -> None:
        number = tn.compose("90421", date(2026, 11, 23), 1)
        assert number[:15] == "261123" + "90421" + "0001"
        assert number == "2611239042100012"
        assert tn.display(number) == "2611 2390 4210 0012"
        assert tn.decompose(number) == ("90421", date(2026, 11, 23), 1)
        assert tn.decompose("2611 2390 4210 0012") == ("90421", date(2026, 11, 23), 1)

    def test_range_ends(self) -> None:
        first = tn.compose("00000", date(2000, 1, 1), 1)
        last = tn.compose("99999", date(2099, 12, 31), tn.MAX_SEQUENCE)
        assert first.startswith("000101000000001")
        assert last.startswith("991231999999999")
        assert tn.decompose(first) == ("00000", date(2000, 1, 1), 1)
        assert tn.decompose(last) == ("99999", date(2099, 12, 31), 9999)

    def test_day_out_of_range(self) -> None:
        with pytest.raises(ValueError):
            tn.compose("90421", date(1999, 12, 31), 1)
        with pytest.raises(ValueError):
            tn.compose("90421", date(2100, 1, 1), 1)

    def test_sequence_exhausted(self) -> None:
        with pytest.raises(RuleViolation) as info:
            tn.compose("90421", date(2026, 11, 23), tn.MAX_SEQUENCE + 1)
        assert str(info.value) == "daily tracking-number sequence exhausted for this terminal"

    @pytest.mark.parametrize("sequence", [0, -1])
    def test_sequence_counts_from_one(self, sequence: int) -> None:
        with pytest.raises(ValueError):
            tn.compose("90421", date(2026, 11, 23), sequence)

    @pytest.mark.parametrize("terminal", ["9042", "904210", "ABCD23", "９０４２１", "", "90 21"])
    def test_bad_terminal_number(self, terminal: str) -> None:
        with pytest.raises(ValueError):
            tn.compose(terminal, date(2026, 11, 23), 1)

    @given(terminals, days, sequences)
    def test_round_trip(self, terminal: str, day: date, sequence: int) -> None:
        number = tn.compose(terminal, day, sequence)
        assert len(number) == tn.LENGTH and number.isdigit()
        assert tn.is_valid(number) and not tn.is_legacy(number)
        assert tn.parse(number) == number
        assert tn.decompose(number) == (terminal, day, sequence)
        shown = tn.display(number)
        assert [len(g) for g in shown.split(" ")] == [4, 4, 4, 4]
        assert tn.parse(shown) == number
        assert tn.decompose(shown.replace(" ", "-")) == (terminal, day, sequence)

    @given(terminals, terminals, days, sequences, sequences)
    def test_distinct_inputs_give_distinct_numbers(
        self, t1: str, t2: str, day: date, s1: int, s2: int
    ) -> None:
        assume((t1, s1) != (t2, s2))
        assert tn.compose(t1, day, s1) != tn.compose(t2, day, s2)

    def test_numbers_sort_by_day_across_terminals(self) -> None:
        a = tn.compose("99999", date(2026, 11, 23), tn.MAX_SEQUENCE)
        b = tn.compose("00001", date(2026, 11, 24), 1)
        assert a < b

    def test_decompose_rejects_invalid_and_old(self) -> None:
        with pytest.raises(InvalidInput):
            tn.decompose("2611239042100013")
        with pytest.raises(ValueError):
            tn.decompose("ABCD223VJ233R")


class TestParse:
    @pytest.mark.parametrize(
        "typed",
        [
            "2611 2390 4210 0012",
            "2611239042100012",
            " 2611-2390-4210-0012 ",
            "２６１１　２３９０　４２１０　００１２",  # full-width digits, ideographic spaces
            "2611\u20142390\u201342100012",
        ],
    )
    def test_forms_a_person_types(self, typed: str) -> None:
        assert tn.normalize(typed) == "2611239042100012"
        assert tn.parse(typed) == "2611239042100012"

    def test_empty(self) -> None:
        err = parse_error(" - ")
        assert err.where == "tracking_number"
        assert err.message == "tracking number is empty"

    @pytest.mark.parametrize(
        ("typed", "pos", "digit"),
        [
            ("2611 239O 4210 0012", 8, "0"),
            ("2611 2390 42l0 0012", 11, "1"),
            ("2611 2390 4210 00I2", 15, "1"),
            ("S611 2390 4210 0012", 1, "5"),
            ("Z611 2390 4210 0012", 1, "2"),
            ("2611 2390 4210 ００１Ｚ", 16, "2"),
        ],
    )
    def test_look_alike_letters_get_a_hint(self, typed: str, pos: int, digit: str) -> None:
        err = parse_error(typed)
        assert err.template == (
            "character {pos} (not counting spaces and hyphens) is {typed}, but tracking "
            "numbers are digits only; it is probably the digit {digit}"
        )
        assert err.params["pos"] == pos and err.params["digit"] == digit

    def test_other_characters(self) -> None:
        err = parse_error("2611#239042100012")
        assert err.message == (
            "character 5 (not counting spaces and hyphens) is '#', but tracking numbers are "
            "digits only"
        )

    @pytest.mark.parametrize(
        "typed", ["2611 2390 4210 001", "2611 2390 4210 00120", "2611", "123456789012345678"]
    )
    def test_wrong_length(self, typed: str) -> None:
        got = len(tn.normalize(typed))
        assert parse_error(typed).message == (
            f"tracking number should have 16 digits (not counting spaces and hyphens), got {got}"
        )

    def test_failed_check_does_not_reveal_the_expected_digit(self) -> None:
        first = parse_error("2611 2390 4210 0013")
        second = parse_error("2611 2390 4210 0022")
        assert first.message == second.message  # nothing about the number itself
        assert first.message == (
            "tracking number fails its check character test; it is probably mistyped "
            "(compare it with the receipt)"
        )

    def test_a_number_that_is_no_date(self) -> None:
        body = "261323" + "90421" + "0001"  # month 13
        number = body + tn.check_digit(body)
        assert passes_check(number) and not tn.is_valid(number)
        err = parse_error(number)
        assert err.params == {"digits": "261323"}
        assert err.message.startswith("tracking number begins with 261323, which is no date")
        with pytest.raises(ValueError):
            tn.display(number)

    def test_where(self) -> None:
        with pytest.raises(InvalidInput) as info:
            tn.parse("X", where="query.number")
        assert info.value.where == "query.number"

    @pytest.mark.parametrize("bad", ["2611239042100013", "261123904210001", "", "ABCD223VJ233E"])
    def test_display_rejects_invalid(self, bad: str) -> None:
        with pytest.raises(ValueError):
            tn.display(bad)


class TestTerminalNumbers:
    def test_provisional_numbers_are_drawn_from_the_reserved_range(self) -> None:
        drawn = {tn.new_provisional_terminal_number() for _ in range(300)}
        assert len(drawn) > 250  # secrets, not a constant
        for number in drawn:
            assert tn.is_terminal_number(number) and tn.is_provisional_terminal(number)

    def test_seeded_rng_is_deterministic(self) -> None:
        a = tn.new_provisional_terminal_number(random.Random(42))
        assert a == tn.new_provisional_terminal_number(random.Random(42))
        assert 90000 <= int(a) <= 99999

    def test_kinds(self) -> None:
        assert tn.is_terminal_number("00042") and not tn.is_provisional_terminal("00042")
        assert tn.is_provisional_terminal("90000") and tn.is_provisional_terminal("99999")
        assert not tn.is_provisional_terminal("89999")
        for not_one in ("0042", "000042", "ABCD23", "９００００", ""):
            assert not tn.is_terminal_number(not_one)
        assert tn.is_legacy_terminal_code("ABCD23") and not tn.is_legacy_terminal_code("90421")

    @pytest.mark.parametrize("typed", ["00042", " 00042 ", "０００４２", "000-42"])
    def test_county_assigned_number_as_typed(self, typed: str) -> None:
        assert tn.parse_terminal_number(typed) == "00042"

    @pytest.mark.parametrize("typed", ["42", "000042", "ABCD23", "", "0004X"])
    def test_not_a_terminal_number(self, typed: str) -> None:
        with pytest.raises(InvalidInput) as info:
            tn.parse_terminal_number(typed)
        assert info.value.where == "terminal_number"
        assert (
            info.value.template == "a terminal number has {length} digits, like 00042; got {typed}"
        )

    @pytest.mark.parametrize("typed", ["90000", "99999", "00000"])
    def test_reserved_numbers_are_not_assigned(self, typed: str) -> None:
        with pytest.raises(InvalidInput) as info:
            tn.parse_terminal_number(typed, where="number")
        assert info.value.where == "number"
        assert info.value.message == (
            "terminal numbers 90000-99999 are drawn by terminals not yet enrolled, and 00000 is "
            "none: the county assigns 00001-89999"
        )


class TestQueryCode:
    def test_shape_and_uniqueness(self) -> None:
        codes = [tn.new_query_code() for _ in range(200)]
        assert all(len(c) == tn.QUERY_CODE_LENGTH == 8 and c.isdigit() for c in codes)
        assert len(set(codes)) >= 199  # 10**8 codes: even one repeat in 200 is a 1-in-5000 event
        assert set("".join(codes)) == set(DIGITS)

    def test_display(self) -> None:
        assert tn.display_query_code("12345678") == "1234 5678"
        assert tn.display_query_code("1234 5678") == "1234 5678"
        assert tn.display_query_code("6MXVU4A5HU") == "6MXVU 4A5HU"  # an old code, as printed

    def test_old_and_new_codes_verify(self) -> None:
        assert tn.query_code_matches("12345678", "1234 5678")
        assert tn.query_code_matches("12345678", "１２３４５６７８")
        assert tn.query_code_matches("6MXVU4A5HU", "6mxvu-4a5hu")
        assert not tn.query_code_matches("12345678", "12345679")
        assert not tn.query_code_matches("6MXVU4A5HU", "6MXVU4A5H")
        assert not tn.query_code_matches("", "")


class TestLegacyForm:
    """The 13-symbol numbers in stores of earlier versions: still read, checked and shown."""

    legacy_bodies = st.text(alphabet=tn.LEGACY_ALPHABET, min_size=12, max_size=12)

    def test_alphabet(self) -> None:
        assert len(tn.LEGACY_ALPHABET) == len(set(tn.LEGACY_ALPHABET)) == 29
        assert not set("01ILOSZ") & set(tn.LEGACY_ALPHABET)

    def test_hand_computed_vectors(self) -> None:
        assert tn.legacy_check_char("2222222222") == "2"
        assert tn.legacy_check_char("3222222222") == "M"
        assert tn.legacy_check_char("Y") == "4"
        assert tn.legacy_compose("ABCD22", date(2024, 5, 1), 30) == "ABCD223VJ233R"
        assert tn.legacy_decompose("ABC-D22-3VJ-233-R") == ("ABCD22", date(2024, 5, 1), 30)

    @settings(max_examples=100)
    @given(legacy_bodies)
    def test_every_single_substitution_and_transposition_is_detected(self, body: str) -> None:
        number = body + tn.legacy_check_char(body)
        assert tn.is_valid(number) and tn.is_legacy(number)
        for pos in range(len(number)):
            for other in tn.LEGACY_ALPHABET:
                if other != number[pos]:
                    assert not tn.is_valid(number[:pos] + other + number[pos + 1 :])
            if pos < len(number) - 1 and number[pos] != number[pos + 1]:
                swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2 :]
                assert not tn.is_valid(swapped)

    @pytest.mark.parametrize(
        "typed",
        [
            "ABC-D22-3VJ-233-R",
            "abc-d22-3vj-233-r",
            " ABCD22 3VJ 233 R ",
            "ＡＢＣ－Ｄ２２－３ＶＪ－２３３－Ｒ",
            "ABCD22\u20143VJ\u2013233R",
        ],
    )
    def test_old_numbers_still_parse_and_display(self, typed: str) -> None:
        assert tn.parse(typed) == "ABCD223VJ233R"
        assert tn.display(typed) == "ABC-D22-3VJ-233-R"

    def test_an_old_number_without_letters(self) -> None:
        # Rare, but an old number may be digits only (2-9): still read as the old form.
        number = next(
            n
            for s in range(29**3)
            if (n := tn.legacy_compose("234567", date(2020, 1, 1), s)).isdigit()
        )
        assert tn.parse(number) == number and tn.is_legacy(number)
        assert tn.display(number).count("-") == 4

    @pytest.mark.parametrize(
        ("typed", "fragment"),
        [
            ("ABC-O22-3VJ-233-R", "is 'O': no letter O is used"),
            ("ABC-D22-3VJ-230-R", "is '0': no digit 0 is used"),
            ("ABC1223VJ233R", "is '1': no digit 1 is used"),
            ("ABCS223VJ233R", "is 'S': no letter S is used; it is probably the digit 5"),
        ],
    )
    def test_old_look_alikes_get_their_hint(self, typed: str, fragment: str) -> None:
        err = parse_error(typed)
        assert fragment in err.message
        assert err.message.endswith("in tracking numbers")

    def test_old_length_and_check(self) -> None:
        assert parse_error("ABC-D22-3VJ-233").message == (
            "tracking number should have 13 characters (not counting spaces and hyphens), got 12"
        )
        assert parse_error("ABC-D22-3VJ-233-E").message.startswith(
            "tracking number fails its check character test"
        )

    def test_old_range(self) -> None:
        with pytest.raises(ValueError):
            tn.legacy_compose("ABCD22", date(2019, 12, 31), 0)
        with pytest.raises(ValueError):
            tn.legacy_compose("90421", date(2024, 5, 1), 0)
        last_day = date(2020, 1, 1) + timedelta(days=29**3 - 1)
        assert tn.legacy_decompose(tn.legacy_compose("YYYYYY", last_day, 29**3 - 1)) == (
            "YYYYYY",
            last_day,
            24388,
        )
