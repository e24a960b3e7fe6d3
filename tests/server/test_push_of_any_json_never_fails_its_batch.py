"""Whatever a batch holds beside good records (any JSON value, any Unicode code point
including lone surrogates, sent escaped or as raw bytes, any depth of nesting, strings
up to the size of a whole push), the push answers 200 with one result per record, and
every good record is stored exactly once. Over real HTTP, against the real server."""

import json
import re
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync import protocol
from tests.server.real_push_support import PushServer, good_round, record


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    server = PushServer.start(tmp_path_factory.mktemp("any_json"))
    yield server
    server.close()


# Every code point, the lone surrogates (category Cs) included.
any_text = st.text(st.characters(exclude_categories=()), max_size=20)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=30,
)
# Written into the body as text: no JSON library on this side nests that deep.
DEEP = "@@deep-{}@@"


@st.composite
def bad_entries(draw, good_ids: list[str]) -> object:
    shape = draw(st.sampled_from(["value", "payload", "deep", "big", "envelope"]))
    if shape == "value":
        return draw(json_values)
    entry = record(
        draw(st.sampled_from(["patrol_round", "complaint", "repair_check", "x"])),
        {"estate_id": "hxy"},
        record_id=draw(st.sampled_from([str(uuid.uuid4()), *good_ids])),
        revision=draw(st.integers(1, 3)),
    )
    if shape == "payload":
        entry["payload"] = draw(st.dictionaries(any_text, json_values, max_size=6))
        entry["content_hash"] = record("x", entry["payload"])["content_hash"]
    elif shape == "deep":
        entry["payload"]["deep"] = DEEP.format(draw(st.integers(1, 5_000)))
    elif shape == "big":
        entry["payload"]["note"] = "巡" * draw(st.integers(0, protocol.PUSH_MAX_BYTES // 4))
    else:
        entry[draw(st.sampled_from(sorted(entry)))] = draw(json_values)
    return entry


@st.composite
def batches(draw) -> tuple[list[dict], list[object], bool]:
    good = [good_round("wang") for _ in range(draw(st.integers(1, 4)))]
    bad = draw(st.lists(bad_entries([item["id"] for item in good]), max_size=6))
    batch = draw(st.permutations([*good, *bad]))
    return good, batch, draw(st.booleans())


def _nested(match: re.Match) -> str:
    depth = int(match.group(1))
    return "[" * (depth - 1) + "1" + "]" * (depth - 1)


def _body(batch: list[object], raw_surrogates: bool) -> bytes:
    """The push body, lone surrogates escaped or as raw bytes (ED A0 80 and the like)."""
    text = json.dumps({"records": batch}, ensure_ascii=not raw_surrogates)
    text = re.sub(r'"@@deep-(\d+)@@"', _nested, text)
    return text.encode("utf-8", "surrogatepass")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(batches())
def test_a_batch_with_anything_beside_good_records_stores_each_good_record_once(real, drawn):
    good, batch, raw_surrogates = drawn
    body = _body(batch, raw_surrogates)
    if len(body) > protocol.PUSH_MAX_BYTES:
        return  # a whole-batch 413, answered before any record is read

    answer = real.push_raw("wang", body)

    assert answer.status_code == 200, answer.text
    protocol.check_push_response(answer.json(), sent=len(batch))
    results = answer.json()["results"]
    for item in good:
        assert results[batch.index(item)]["outcome"] in ("accepted", "duplicate")
    stored = real.stored(*good)
    assert {record_id: row["revision"] for record_id, row in stored.items()} == {
        item["id"]: 1 for item in good
    }
    assert real.server.repeated_revisions() == []
