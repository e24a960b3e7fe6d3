"""``python -m server`` admin commands for estates, accounts and devices."""

import pytest
from sqlalchemy import select

from server.db.models import Account, AuditEntry, Device, Estate
from tests.server.reference_factories import cli_runner


@pytest.fixture
def run_cli(monkeypatch, database_url, tmp_path, capsys):
    return cli_runner(monkeypatch, database_url, tmp_path / "data", capsys)


def test_create_estate_adds_it_once(run_cli, db):
    assert run_cli("create-estate", "hxy", "华夏苑", "--address", "华夏路 88 号")[0] == 0

    code, _, err = run_cli("create-estate", "hxy", "别的名字")

    assert code == 2 and "exists" in err
    db.expire_all()
    assert [(e.id, e.name, e.address) for e in db.scalars(select(Estate))] == [
        ("hxy", "华夏苑", "华夏路 88 号")
    ]


def test_create_account_reads_the_password_from_stdin(run_cli, db, estates):
    code, out, _ = run_cli(
        "create-account", "Wang", "--role", "patrol", "--estate", "hxy", "--password-stdin",
        stdin="夜班 password\n",
    )  # fmt: skip

    assert (code, out.strip()) == (0, "account Wang created")
    account = db.scalar(select(Account))
    assert (account.username, account.role, account.estate_ids) == ("wang", "patrol", {"hxy"})


def test_create_account_refuses_an_unknown_estate(run_cli, estates):
    code, _, err = run_cli(
        "create-account", "wang", "--role", "patrol", "--estate", "nowhere", "--password-stdin",
        stdin="pw\n",
    )  # fmt: skip

    assert code == 2 and "nowhere" in err


def test_create_account_makes_a_company_wide_admin_without_an_estate(run_cli, db):
    code, _, _ = run_cli(
        "create-account", "root", "--role", "admin", "--company-wide", "--password-stdin",
        stdin="pw\n",
    )  # fmt: skip

    assert code == 0
    account = db.scalar(select(Account))
    assert (account.role, account.company_wide, account.estate_ids) == ("admin", True, set())


@pytest.mark.parametrize(
    "options",
    [("--role", "patrol"), ("--role", "supervisor", "--company-wide", "--estate", "hxy")],
)
def test_create_account_refuses_staff_without_an_estate_or_company_wide(
    run_cli, db, estates, options
):
    code, _, err = run_cli("create-account", "wang", *options, "--password-stdin", stdin="pw\n")

    assert code == 2 and ("--estate" in err or "--company-wide" in err)
    assert db.scalar(select(Account)) is None


def test_list_devices_shows_each_signed_in_tablet(run_cli, make_account, login):
    login(make_account("wang", "patrol"), device_name="巡逻平板 3")

    code, out, _ = run_cli("list-devices")

    assert code == 0
    assert "wang" in out and "巡逻平板 3" in out and "active until" in out
    assert out.strip().endswith("1 device(s); times in UTC")


def test_revoke_device_stops_the_token_and_is_audited(run_cli, client, db, make_account, login):
    headers = login(make_account("wang", "patrol"))
    device_id = db.scalar(select(Device.id))

    code, out, _ = run_cli("revoke-device", str(device_id))

    assert code == 0 and "revoked" in out
    response = client.get("/api/v1/sync/pull", headers=headers)
    assert response.json()["error"]["code"] == "token_revoked"
    db.expire_all()
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "device_revoked"))
    assert entry.device_id == device_id and entry.detail["via"] == "cli"
    assert "revoked" in run_cli("list-devices")[1]
    assert "already revoked" in run_cli("revoke-device", str(device_id))[1]


def test_revoking_an_unknown_device_fails(run_cli):
    code, _, err = run_cli("revoke-device", "999")

    assert code == 2 and "999" in err
