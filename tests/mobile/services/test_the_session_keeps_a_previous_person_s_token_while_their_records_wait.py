"""At a shift change the session keeps the previous person's token, beside the
current sign-in, for exactly as long as something they recorded waits."""

from domain.rejection import REFUSED, Rejection, text_for
from mobile.services.session import EARLIER_FILE, Session
from tests.domain.conftest import patrol_round


class Server:
    """A login that hands each account a token of its own."""

    def __init__(self, settings):
        self.settings = settings

    def login(self, username, password, device_name):
        return {
            "token": f"token-of-{username}",
            "device_id": 1,
            "expires_at": "2027-01-01T00:00:00+00:00",
            "account": {"username": username, "display_name": username, "role": "patrol",
                        "estates": [{"id": "hxy", "name": "华夏苑"}]},
        }  # fmt: skip


def _record_of(store, username):
    return store.submit(None, "patrol_round", {**patrol_round(), "staff_id": username})


def _kept(session):
    return [(e.username, e.token) for e in session.earlier]


def test_a_previous_person_with_records_waiting_is_kept_on_disk(tmp_path, store):
    session = Session(tmp_path, store, connect=Server)
    session.sign_in("http://server", "xunluo1", "x")
    _record_of(store, "xunluo1")
    session.sign_in("http://server", "xunluo2", "x")

    assert _kept(session) == [("xunluo1", "token-of-xunluo1")]
    assert (tmp_path / EARLIER_FILE).exists()
    restarted = Session(tmp_path, store, connect=Server)
    assert _kept(restarted) == [("xunluo1", "token-of-xunluo1")]
    assert [e.username for e in restarted.earlier_to_sync()] == ["xunluo1"]
    assert restarted.current.username == "xunluo2"


def test_a_previous_person_with_nothing_waiting_is_not_kept(tmp_path, store):
    session = Session(tmp_path, store, connect=Server)
    session.sign_in("http://server", "xunluo1", "x")
    _record_of(store, "xunluo2")  # someone else's
    session.sign_in("http://server", "xunluo2", "x")

    assert _kept(session) == []


def test_a_refused_record_keeps_its_author_s_token_until_it_is_discarded(tmp_path, store):
    session = Session(tmp_path, store, connect=Server)
    session.sign_in("http://server", "xunluo1", "x")
    record = _record_of(store, "xunluo1")
    store.records.mark_sending([record.id])
    store.records.mark_rejected(record.id, 1, Rejection(REFUSED, text_for(REFUSED)))
    session.sign_in("http://server", "xunluo2", "x")

    session.forget_settled()
    assert _kept(session) == [("xunluo1", "token-of-xunluo1")]
    store.records.discard(record.id)
    session.forget_settled()
    assert _kept(session) == []
    assert Session(tmp_path, store).earlier == ()


def test_the_token_is_forgotten_once_their_records_are_synced(tmp_path, store):
    session = Session(tmp_path, store, connect=Server)
    session.sign_in("http://server", "xunluo1", "x")
    record = _record_of(store, "xunluo1")
    session.sign_in("http://server", "xunluo2", "x")
    store.records.mark_sending([record.id])
    store.records.mark_synced(record.id, 1)

    session.forget_settled()

    assert _kept(session) == []


def test_a_refused_kept_token_waits_for_that_person_and_their_sign_in_replaces_it(tmp_path, store):
    session = Session(tmp_path, store, connect=Server)
    session.sign_in("http://server", "xunluo1", "x")
    _record_of(store, "xunluo1")
    session.sign_in("http://server", "xunluo2", "x")

    session.token_refused("xunluo1")

    assert session.earlier_to_sync() == ()
    assert [e.username for e in Session(tmp_path, store).waiting_for_sign_in()] == ["xunluo1"]
    assert not session.needs_sign_in  # the current person works on
    _record_of(store, "xunluo2")
    session.sign_in("http://server", "xunluo1", "x")  # back: current, fresh token
    assert session.current.username == "xunluo1" and not session.current.token_refused
    assert _kept(session) == [("xunluo2", "token-of-xunluo2")]
    assert session.waiting_for_sign_in() == ()
