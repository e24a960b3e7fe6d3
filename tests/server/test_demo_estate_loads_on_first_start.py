"""``python -m server`` loads the demo estate into an empty database, prints the demo
accounts and their password, and leaves a database that has anything in it alone."""

import pytest
from sqlalchemy import func, select

from server import cli
from server.db.models import Account, Estate
from server.services.demo import DEMO_PASSWORD
from tests.server.reference_factories import cli_runner


@pytest.fixture
def serve(monkeypatch, database_url, tmp_path, capsys):
    """Run ``python -m server [args]`` without actually serving; returns its output."""
    served = []
    monkeypatch.setattr(cli, "_serve", lambda settings, host, port: served.append(port))
    run = cli_runner(monkeypatch, database_url, tmp_path / "data", capsys)

    def start(*args: str) -> str:
        code, out, _ = run(*args)
        assert code == 0 and served
        return out

    return start


def _counts(db):
    db.expire_all()
    return (
        db.scalar(select(func.count()).select_from(Estate)),
        db.scalar(select(func.count()).select_from(Account)),
    )


def test_the_first_start_loads_the_demo_and_prints_its_accounts(serve, db):
    out = serve()

    assert "demo estate loaded: 华夏苑 (hxy)" in out
    for username in ("admin", "zhuguan", "kefu1", "weixiu1", "xunluo1"):
        assert f"  {username} " in out
    assert f"password is: {DEMO_PASSWORD}" in out
    assert _counts(db) == (1, 8)


def test_a_database_with_anything_in_it_gets_no_demo(serve, db, estates):
    out = serve()

    assert "demo" not in out
    assert _counts(db) == (2, 0)


def test_the_demo_is_skipped_on_request(serve, db, monkeypatch):
    assert "demo" not in serve("--no-demo")
    monkeypatch.setenv("ESTATE_NO_DEMO", "1")
    assert "demo" not in serve()

    assert _counts(db) == (0, 0)


def test_load_demo_refuses_a_database_that_is_not_empty(
    monkeypatch, database_url, tmp_path, capsys, estates
):
    run = cli_runner(monkeypatch, database_url, tmp_path / "data", capsys)

    code, _, err = run("load-demo")

    assert code == 2 and "empty database only" in err
