"""Closed sets of codes (English, in data) that each carry the words staff see (Chinese first).

    class Channel(Choice):
        PHONE = "phone", "电话", "Phone"

``Channel.PHONE == "phone"``, it serialises to JSON as ``"phone"``, ``Channel("phone")``
looks it up, and ``Channel.PHONE.label`` is the bilingual ``Text`` for the screen.
"""

from __future__ import annotations

from enum import StrEnum

from domain.text import Text


class Choice(StrEnum):
    label: Text

    def __new__(cls, code: str, zh: str, en: str) -> Choice:
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = Text(zh, en)
        return member
