"""The rejection codes the app acts on are the protocol's conflict reasons, letter for letter
(domain/ may not import sync/, so it spells them itself)."""

from domain import rejection
from sync import protocol


def test_conflict_codes_are_the_protocol_s_reasons():
    assert rejection.CONTENT_DIFFERS == protocol.CONFLICT_CONTENT_DIFFERS
    assert rejection.STALE_REVISION == protocol.CONFLICT_STALE_REVISION
    assert rejection.WORK_ORDER_CHANGED == protocol.CONFLICT_WORK_ORDER_CHANGED
    assert rejection.REFUSED == protocol.REJECTED


def test_every_reason_has_words_in_both_languages():
    for text in rejection.TEXTS.values():
        assert text.zh and text.en
