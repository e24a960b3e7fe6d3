"""Each way a sign-in fails has its own words, in Chinese and English."""

import pytest

from mobile.services.session import (
    AppTooOld,
    LockedOut,
    ServerUnreachable,
    Session,
    WrongPassword,
)
from sync.errors import ProtocolOutdated
from tests.e2e.real_server import free_port


def test_a_wrong_password_says_so(demo_server, session):
    with pytest.raises(WrongPassword) as failed:
        session.sign_in(demo_server.url, "kefu1", "not the password")

    assert "密码错误" in failed.value.text.zh and "password" in failed.value.text.en
    assert session.current is None


def test_too_many_failures_lock_the_account_for_minutes_the_message_names(
    demo_server, session, demo_password
):
    for _ in range(5):
        with pytest.raises(WrongPassword):
            session.sign_in(demo_server.url, "kefu2", "wrong")

    with pytest.raises(LockedOut) as locked:
        session.sign_in(demo_server.url, "kefu2", demo_password)

    assert 1 <= locked.value.minutes <= 15
    assert f"{locked.value.minutes} 分钟" in locked.value.text.zh
    assert f"{locked.value.minutes} minute" in locked.value.text.en


def test_a_server_nobody_answers_at_is_unreachable(session):
    with pytest.raises(ServerUnreachable) as failed:
        session.sign_in(f"http://127.0.0.1:{free_port()}", "xunluo1", "x")

    assert "服务器地址" in failed.value.text.zh


def test_a_server_that_needs_a_newer_app_says_update_it(tmp_path, store):
    class OutdatedServer:
        def __init__(self, settings):
            pass

        def login(self, *args):
            raise ProtocolOutdated("protocol_outdated")

    session = Session(tmp_path, store, connect=OutdatedServer)

    with pytest.raises(AppTooOld) as failed:
        session.sign_in("http://server", "xunluo1", "x")

    assert "更新" in failed.value.text.zh and "update" in failed.value.text.en
