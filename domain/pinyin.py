"""Names as they are typed on a Latin keyboard: each character's pinyin readings.

``readings("曾小单")`` gives ``(("ceng", "zeng"), ("xiao",), ("chan", "dan", "shan"))``:
every reading of a character with several (多音字), since a surname is often read
the rare way (曾 zēng, 单 shàn). ``matches_pinyin`` lets each character be typed in
full or by any beginning of its reading, so ``zs``, ``zhangsan``, ``zhangs`` and ``zsan``
all find 张三. The table is pypinyin's (pure Python, built with python-for-android).
"""

from __future__ import annotations

import os
from functools import lru_cache

# Names need single characters, not pypinyin's phrase table (which is most of its
# import time and memory); set before pypinyin is first imported.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")

from pypinyin import Style, pinyin  # noqa: E402

Readings = tuple[tuple[str, ...], ...]
# The longest reading of one character (zhuang, chuang, shuang).
LONGEST_READING = 6


@lru_cache(maxsize=8192)
def _character(character: str) -> tuple[str, ...]:
    if not "\u3400" <= character <= "\u9fff":
        return (character.lower(),)
    found = pinyin(character, style=Style.NORMAL, heteronym=True, errors="ignore")
    spellings = tuple(sorted({reading for group in found for reading in group if reading}))
    return spellings or (character,)


def readings(name: str) -> Readings:
    """The pinyin readings of each character of ``name`` (spaces left out); a letter or a
    digit reads as itself."""
    return tuple(_character(character) for character in name if not character.isspace())


def matches_pinyin(typed: str, name: Readings) -> bool:
    """Whether ``typed`` (lower-case letters) spells the beginning of ``name``, each
    character typed as a non-empty beginning of one of its readings."""
    return _match(typed, 0, name, 0)


def _match(typed: str, at: int, name: Readings, character: int) -> bool:
    if at == len(typed):
        return True
    if character == len(name):
        return False
    for reading in name[character]:
        common = 0
        while (
            common < len(reading)
            and at + common < len(typed)
            and reading[common] == typed[at + common]
        ):
            common += 1
        for taken in range(common, 0, -1):
            if _match(typed, at + taken, name, character + 1):
                return True
    return False
