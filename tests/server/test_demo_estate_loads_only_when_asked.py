"""``python -m server --demo`` (or ``ESTATE_DEMO=1``) loads the demo estate into an empty
database and prints its accounts and password; a server started without asking loads
nothing and says in one line how to create the first admin."""

import pytest
from sqlalchemy import func, select

from server import cli
from server.db.models import Account, Estate
from server.services.demo import DEMO_PASSWORD
from tests.server.real_http import RealServer, sign_in
from tests.server.reference_factories import cli_runner


@pytest.fixture
def serve(monkeypatch, database_url, tmp_path, capsys):
    """Run ``python -m server [args]`` without actually serving; returns (stdout, stderr)."""
    served = []
    monkeypatch.setattr(cli, "_serve", lambda settings, host, port, workers: served.append(port))
    run = cli_runner(monkeypatch, database_url, tmp_path / "data", capsys)

    def start(*args: str) -> tuple[str, str]:
        code, out, err = run(*args)
        assert code == 0 and served
        return out, err

    return start


def _counts(db):
    db.expire_all()
    return (
        db.scalar(select(func.count()).select_from(Estate)),
        db.scalar(select(func.count()).select_from(Account)),
    )


def test_asking_for_the_demo_loads_it_and_prints_its_accounts(serve, db):
    out, err = serve("--demo")

    assert "demo estate loaded: 华夏苑 (hxy)" in out
    for username in ("admin", "zhuguan", "kefu1", "weixiu1", "xunluo1"):
        assert f"  {username} " in out
    assert f"password is: {DEMO_PASSWORD}" in out
    assert cli.FIRST_ADMIN_HINT not in err
    assert _counts(db) == (1, 8)


def test_the_environment_can_ask_for_the_demo(serve, db, monkeypatch):
    monkeypatch.setenv("ESTATE_DEMO", "1")

    assert "demo estate loaded" in serve()[0]
    assert _counts(db) == (1, 8)


def test_a_plain_start_on_an_empty_database_loads_nothing_and_says_how_to_make_an_admin(serve, db):
    out, err = serve()

    assert "demo" not in out
    assert err.count(cli.FIRST_ADMIN_HINT) == 1
    assert "create-account NAME --role admin --company-wide" in err
    assert _counts(db) == (0, 0)


def test_a_server_with_an_admin_says_nothing_of_it(serve, make_account):
    make_account("root", "admin")

    assert cli.FIRST_ADMIN_HINT not in serve()[1]


def test_a_database_with_anything_in_it_gets_no_demo(serve, db, estates):
    out, _ = serve("--demo")

    assert "demo" not in out
    assert _counts(db) == (2, 0)


def test_load_demo_refuses_a_database_that_is_not_empty(
    monkeypatch, database_url, tmp_path, capsys, estates
):
    run = cli_runner(monkeypatch, database_url, tmp_path / "data", capsys)

    code, _, err = run("load-demo")

    assert code == 2 and "empty database only" in err


def test_the_real_server_started_plainly_has_no_demo_account(tmp_path):
    server = RealServer(tmp_path)
    server.start()
    try:
        demo_admin = sign_in(server, "admin", DEMO_PASSWORD)
    finally:
        server.close()

    assert demo_admin.status_code == 401
    assert cli.FIRST_ADMIN_HINT in server._log.read_text()
