"""For any building, unit and room number, each usual way of typing them reads first as
exactly that room."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from domain.rooms import RoomQuery, parse_room_query

numbers = st.integers(min_value=1, max_value=99).map(str)
room_numbers = st.integers(min_value=101, max_value=9999).map(str)
SPELLINGS = (
    "{b}栋{u}单元{n}",
    "{b}幢{u}单元{n}室",
    "{b}号楼{u}单元{n}",
    "{b}-{u}-{n}",
    "{b}#{u}-{n}",
    "{b} {u} {n}",
    " {b} 栋 {u} 单元 {n} 号 ",
)


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(numbers, numbers, room_numbers, st.sampled_from(SPELLINGS), st.booleans())
def test_the_first_reading_is_the_room_typed(building, unit, number, spelling, wide):
    typed = spelling.format(b=building, u=unit, n=number)
    if wide:
        typed = _full_width(typed)
        assert unicodedata.normalize("NFKC", typed) != typed

    assert parse_room_query(typed)[0] == RoomQuery(building, unit, number)
