"""Reading a JSON request body whatever it holds: a clear 400 or a value, never a 500.

Used for push bodies, where one record must not take its batch down with it.

- **Encoding.** The body is UTF-8 (RFC 8259). A lone surrogate, written as the escape
  ``"\\ud800"`` or as the bytes ``ED A0 80`` (which Python's json also reads, with
  ``surrogatepass``), comes out as a ``str`` with no UTF-8 form; the record holding it
  is then rejected on its own by ``sync.protocol.record_problems`` (``invalid_unicode``).
  Any other byte sequence that is not UTF-8 leaves nothing to read by position: the
  whole body gets 400 ``invalid_encoding``.
- **Depth.** ``json.loads`` recurses once per level and gives up near 1,000 levels. A
  body nested deeper is read again with every value deeper than ``cut_depth`` replaced
  by an empty list. What is cut lies in a record too deep to accept anyway (a payload
  nests at most ``protocol.PAYLOAD_MAX_DEPTH`` levels, well above the cut), so that
  record is rejected (``too_deep``) and the rest of the batch is read as sent.
- Anything else that is not JSON (including an integer of more than 4,300 digits,
  which Python refuses to convert) is 400 ``malformed_json``.
"""

from __future__ import annotations

import json
import re

from server.errors import ApiError

# A JSON string (escapes included), or a bracket outside strings.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def parse_json_body(raw: bytes, *, cut_depth: int) -> object:
    try:
        text = raw.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "invalid_encoding") from exc
    try:
        try:
            return json.loads(text)
        except RecursionError:
            return json.loads(_cut_below(text, cut_depth))
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, "malformed_json") from exc


def _cut_below(text: str, depth_limit: int) -> str:
    """``text`` with every bracketed value that opens below ``depth_limit`` levels
    replaced by ``[]``. Works on text that is not JSON too; json.loads judges the rest."""
    pieces: list[str] = []
    depth, kept_up_to, cut_from = 0, 0, -1
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth == depth_limit + 1:
                cut_from = match.start()
        elif token in ("]", "}"):
            if depth == depth_limit + 1 and cut_from >= 0:
                pieces += [text[kept_up_to:cut_from], "[]"]
                kept_up_to, cut_from = match.end(), -1
            depth -= 1
    pieces.append(text[kept_up_to:])
    return "".join(pieces)
