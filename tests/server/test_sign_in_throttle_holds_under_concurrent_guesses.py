"""Twenty wrong passwords for one account sent at the same moment, to two server
processes: the throttle's count, the password check and the failure it records are
one step, so no more than five of them are checked (401) and the rest are refused
(429). Over real HTTP, on SQLite and PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.server.real_http import RealServer, add_account, sign_in

GUESSES = 20


@pytest.fixture
def server(tmp_path):
    server = RealServer(tmp_path, workers=2)
    server.admin("create-estate", "hxy", "华夏苑")
    add_account(server, "wang", "patrol", "--estate", "hxy")
    server.start()
    yield server
    server.close()


def test_concurrent_wrong_passwords_are_checked_at_most_five_times(server):
    start = threading.Barrier(GUESSES)

    def guess(n: int) -> int:
        start.wait(timeout=60)
        return sign_in(server, "wang", f"guess {n}").status_code

    with ThreadPoolExecutor(GUESSES) as pool:
        codes = list(pool.map(guess, range(GUESSES)))

    assert sorted(set(codes)) == [401, 429], codes
    assert codes.count(401) == 5, codes
    failures = server._query("SELECT COUNT(*) AS n FROM login_failures")[0]["n"]
    assert failures == 5
