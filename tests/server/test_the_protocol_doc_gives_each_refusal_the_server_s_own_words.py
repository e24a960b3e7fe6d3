"""docs/sync-protocol.md's table of refusals quotes each code's zh/en text; it must be
the text the server sends (server.errors.MESSAGES), word for word."""

from pathlib import Path

from server.errors import MESSAGES

DOC = Path(__file__).resolve().parents[2] / "docs" / "sync-protocol.md"


def _refusal_rows() -> list[list[str]]:
    section = DOC.read_text().split("### What each refusal is", 1)[1].split("\n\n|", 2)[1]
    rows = [line.strip("|").split(" | ") for line in ("|" + section).splitlines()]
    return [row for row in rows[2:] if len(row) == 5]


def test_every_refusal_in_the_table_has_the_server_s_zh_and_en_text():
    rows = _refusal_rows()

    assert len(rows) == 10
    for _case, _field, code, zh, en in rows:
        message = MESSAGES[code.strip("`")]
        assert (zh.strip(), en.strip()) == (message.zh, message.en)
