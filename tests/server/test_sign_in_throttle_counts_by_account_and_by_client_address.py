"""The sign-in throttle counts failures by username from one address and by address:
someone guessing from outside cannot lock staff out of their tablets, and one
password tried against many accounts is slowed. Behind a trusted proxy
(``TRUSTED_PROXIES``) the client is the one ``X-Forwarded-For`` names; without one,
the header is ignored. Over real HTTP against the real server process."""

import pytest

from tests.server.real_http import RealServer, add_account, sign_in

OUTSIDER = {"X-Forwarded-For": "203.0.113.7"}
STAFF_TABLET = {"X-Forwarded-For": "198.51.100.20"}


def _serve(tmp_path, **env) -> RealServer:
    server = RealServer(tmp_path)
    server.env.update(env)
    server.admin("create-estate", "hxy", "华夏苑")
    for username in ("wang", "li", "zhao"):
        add_account(server, username, "patrol", "--estate", "hxy")
    server.start()
    return server


@pytest.fixture
def behind_proxy(tmp_path):
    server = _serve(tmp_path, TRUSTED_PROXIES="127.0.0.1")
    yield server
    server.close()


@pytest.fixture
def direct(tmp_path):
    server = _serve(tmp_path)
    yield server
    server.close()


def _codes(answers) -> list[int]:
    return [answer.status_code for answer in answers]


def test_an_outsiders_wrong_passwords_do_not_lock_staff_out_of_their_tablets(behind_proxy):
    guesses = [sign_in(behind_proxy, "wang", f"guess {n}", headers=OUTSIDER) for n in range(5)]

    outsider_again = sign_in(behind_proxy, "wang", headers=OUTSIDER)
    staff = sign_in(behind_proxy, "wang", headers=STAFF_TABLET)

    assert _codes(guesses) == [401] * 5
    assert outsider_again.status_code == 429
    assert outsider_again.json()["error"]["code"] == "login_throttled"
    assert 0 < int(outsider_again.headers["Retry-After"]) <= 15 * 60
    assert staff.status_code == 200


def test_one_password_tried_against_many_accounts_locks_the_address(behind_proxy):
    names = ["wang", "li", "zhao"] + [f"guess{n}" for n in range(17)]
    sprayed = [sign_in(behind_proxy, name, "123456", headers=OUTSIDER) for name in names]

    next_account = sign_in(behind_proxy, "li", headers=OUTSIDER)
    from_elsewhere = sign_in(behind_proxy, "li", headers=STAFF_TABLET)

    assert _codes(sprayed) == [401] * 20
    assert next_account.status_code == 429
    assert from_elsewhere.status_code == 200


def test_without_a_trusted_proxy_a_forwarded_header_cannot_dodge_the_limit(direct):
    forged = [
        sign_in(direct, "wang", "guess", headers={"X-Forwarded-For": f"192.0.2.{n}"})
        for n in range(5)
    ]

    again = sign_in(direct, "wang", headers={"X-Forwarded-For": "192.0.2.99"})

    assert _codes(forged) == [401] * 5
    assert again.status_code == 429
