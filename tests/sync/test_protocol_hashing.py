import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st

from sync import protocol

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


def test_canonical_json_is_sorted_compact_utf8():
    payload = {"b": 1, "a": {"z": [1, 2], "y": "水泵房"}}

    assert protocol.canonical_json(payload) == '{"a":{"y":"水泵房","z":[1,2]},"b":1}'.encode()


def test_content_hash_is_the_sha256_of_the_canonical_json():
    payload = {"note": "正常", "floor": 3}

    expected = hashlib.sha256('{"floor":3,"note":"正常"}'.encode()).hexdigest()
    assert protocol.content_hash(payload) == expected
    assert protocol.is_sha256_hex(protocol.content_hash(payload))


@given(st.dictionaries(st.text(), json_values))
def test_the_hash_does_not_depend_on_key_order(payload):
    reordered = dict(reversed(list(payload.items())))

    assert protocol.content_hash(reordered) == protocol.content_hash(payload)


@given(st.dictionaries(st.text(), json_values))
def test_canonical_json_reads_back_as_the_same_payload(payload):
    assert json.loads(protocol.canonical_json(payload).decode("utf-8")) == payload


def test_any_change_in_content_changes_the_hash():
    assert protocol.content_hash({"a": 1}) != protocol.content_hash({"a": 2})
    assert protocol.content_hash({"a": "1"}) != protocol.content_hash({"a": 1})
