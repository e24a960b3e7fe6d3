from domain.owner import CONFIDENTIAL_FIELDS, FamilyMember, Owner


def owner() -> Owner:
    return Owner(
        "owner-1203",
        "王建国",
        ("room-3-2-1203",),
        phones=("13800138000",),
        occupation="教师",
        family_members=(FamilyMember("李梅", "配偶", "13912345678"),),
    )


def test_phones_and_family_members_are_marked_confidential():
    assert set(CONFIDENTIAL_FIELDS) == {"phones", "family_members"}


def test_a_redacted_archive_keeps_who_lives_where_but_not_how_to_reach_them():
    redacted = owner().redacted()

    assert redacted.phones == ()
    assert redacted.family_members == ()
    assert (redacted.name, redacted.room_ids, redacted.occupation) == (
        "王建国",
        ("room-3-2-1203",),
        "教师",
    )
    assert "13800138000" not in str(redacted.to_dict())
