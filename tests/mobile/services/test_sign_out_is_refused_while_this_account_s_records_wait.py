"""Signing out never leaves someone's records behind without their knowing."""

import pytest

from domain.rejection import REFUSED, Rejection, text_for
from mobile.services.session import SignOutRefused
from tests.domain.conftest import patrol_round


def _sign_in(session, demo_server, demo_password, username="xunluo1"):
    return session.sign_in(demo_server.url, username, demo_password)


def test_sign_out_is_refused_with_the_reason_while_a_record_waits(
    demo_server, session, store, demo_password
):
    _sign_in(session, demo_server, demo_password)
    store.submit(None, "patrol_round", {**patrol_round(), "staff_id": "xunluo1"})

    with pytest.raises(SignOutRefused) as refused:
        session.sign_out()

    assert refused.value.waiting == 1
    assert "1 条记录未上传" in refused.value.text.zh and "1 record(s)" in refused.value.text.en
    assert session.current is not None


def test_a_record_the_server_refused_also_keeps_its_author_signed_in(
    demo_server, session, store, demo_password
):
    _sign_in(session, demo_server, demo_password)
    record = store.submit(None, "patrol_round", {**patrol_round(), "staff_id": "xunluo1"})
    store.records.mark_sending([record.id])
    store.records.mark_rejected(record.id, 1, Rejection(REFUSED, text_for(REFUSED)))

    with pytest.raises(SignOutRefused) as refused:
        session.sign_out()

    assert (refused.value.waiting, refused.value.refused) == (0, 1)


def test_sign_out_forgets_the_token_once_everything_is_synced(
    demo_server, session, store, demo_password, tmp_path
):
    _sign_in(session, demo_server, demo_password)
    record = store.submit(None, "patrol_round", {**patrol_round(), "staff_id": "xunluo1"})
    store.records.mark_sending([record.id])
    store.records.mark_synced(record.id, 1)

    session.sign_out()

    assert session.current is None and session.needs_sign_in
    assert "token" not in (tmp_path / "tablet" / "session.json").read_text()


def test_another_person_s_waiting_records_do_not_stop_my_sign_out(
    demo_server, session, store, demo_password
):
    _sign_in(session, demo_server, demo_password)
    store.submit(None, "patrol_round", {**patrol_round(), "staff_id": "xunluo2"})

    session.sign_out()

    assert session.current is None
