"""Mainland Chinese phone numbers, as staff type them from an owner's dictation.

Accepted: mobiles ``1[3-9]`` + 9 digits (optionally prefixed ``+86``/``86``), and landlines
with their area code: ``010``/``02x`` + 8 digits (021-12345678), or another 4-digit area
code + 7 or 8 digits (0755-1234567). Spaces and dashes anywhere are ignored, and full-width
digits from a Chinese input method count as digits. Anything else (short service numbers,
400 numbers, numbers without an area code) is rejected: the office must be able to call
the owner back.
"""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-]")
_MOBILE = re.compile(r"(?:\+?86)?1[3-9][0-9]{9}")
_LANDLINE = re.compile(r"(?:010|02[0-9])[0-9]{8}|0[3-9][0-9]{2}[0-9]{7,8}")


def normalise_phone(value: str) -> str | None:
    """The bare digits (a mobile without its +86), or None if ``value`` is not a number."""
    digits = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    if _MOBILE.fullmatch(digits):
        return digits[-11:]
    if _LANDLINE.fullmatch(digits):
        return digits
    return None
