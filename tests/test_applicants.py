"""Applicants: one record per ID number, exact names, clear errors."""

from __future__ import annotations

import pytest
from support.desks import resident_id, unchanged

from clerk_desk.errors import InvalidInput

EXT_B_NAME = "𠈌王"  # U+2020C, CJK Extension B
EXT_A_NAME = "王䶮"  # U+4DAE, CJK Extension A


def test_rare_characters_are_stored_and_returned_exactly(desk, clerk) -> None:
    for i, name in enumerate((EXT_B_NAME, EXT_A_NAME, "买买提·艾力", "e\u0301lan")):
        rec = desk.applicants.register_person(
            actor_id=clerk.id, name=name, id_number=resident_id(f"3708301990010112{i}")
        )
        assert desk.applicants.get(rec.id).name == name
        found = desk.applicants.find(rec.id_number)
        assert found is not None and found.name == name and len(found.name) == len(name)


def test_one_record_per_id_number(desk, clerk) -> None:
    number = resident_id("11010519491231002")
    first = desk.applicants.register_person(actor_id=clerk.id, name="张三", id_number=number)
    again = desk.applicants.register_person(
        actor_id=clerk.id, name="张三", id_number=number.lower(), phone="138-1234-5678"
    )
    assert again.id == first.id and again.phone == "13812345678"
    entries = desk.verify_audit().entries
    # Registering the same data again is no change at all.
    desk.applicants.register_person(actor_id=clerk.id, name="张三", id_number=number)
    assert desk.verify_audit().entries == entries


def test_organisations_by_credit_code(desk, clerk) -> None:
    org = desk.applicants.register_organisation(
        actor_id=clerk.id,
        name="汶上县郭仓镇某某农业专业合作社",
        credit_code="91350100M000100Y43",
        contact_person="刘强",
        phone="0537-7212345",
    )
    assert org.kind == "organisation"
    assert desk.applicants.find("91350100m000100y43") == org


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("110105194912310021", "check character"),
        ("11010519491331002X", "birth date"),
        ("110105491231002", "15-digit"),
        ("1101051949123100", "18 characters, got 16"),
        ("99010519491231002X", "province"),
    ],
)
def test_invalid_id_numbers_are_refused_with_nothing_written(desk, clerk, number, fragment) -> None:
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.applicants.register_person(actor_id=clerk.id, name="张三", id_number=number)
    assert err.value.where == "id_number"
    assert fragment in err.value.message


def test_future_birth_date_is_refused(desk, clerk) -> None:
    with unchanged(desk), pytest.raises(InvalidInput, match="after today"):
        desk.applicants.register_person(
            actor_id=clerk.id, name="张三", id_number=resident_id("37083020270101123")
        )


def test_bad_names_and_phones_are_refused(desk, clerk) -> None:
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.applicants.register_person(actor_id=clerk.id, name="张\x07三", id_number=resident_id())
    assert err.value.where == "name" and "U+0007" in err.value.message
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.applicants.register_person(
            actor_id=clerk.id, name="张三", id_number=resident_id(), phone="12345"
        )
    assert err.value.where == "phone"
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.applicants.register_organisation(
            actor_id=clerk.id,
            name="某公司",
            credit_code="91350100M000100Y4O",
            contact_person="刘强",
        )
    assert err.value.where == "credit_code"


def test_changes_in_the_name_of_an_unknown_account_are_refused(desk, clerk) -> None:
    with unchanged(desk), pytest.raises(InvalidInput) as err:
        desk.applicants.register_person(actor_id="ghost", name="张三", id_number=resident_id())
    assert (err.value.where, err.value.message) == (
        "actor_id",
        "no active staff account with id 'ghost'",
    )
    with unchanged(desk), pytest.raises(InvalidInput):
        desk.staff.create(actor_id="ghost", login="x1", name="某人", role="clerk")
