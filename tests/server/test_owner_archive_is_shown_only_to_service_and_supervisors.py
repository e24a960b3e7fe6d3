"""``GET /api/v1/owners/{id}``: the full archive for service staff and supervisors of
the owner's estate, 403 for every other role, 404 outside the account's estates; every
view is in the audit log."""

import pytest
from sqlalchemy import select

from server.db.models import AuditEntry
from server.services.reference import delete_reference_item
from tests.server.reference_factories import owner, put, put_estate_tree


@pytest.fixture
def owners(db, estates):
    put_estate_tree(db, "hxy", rooms=("101",))
    put(db, "owner", owner("hxy-o-1", ("hxy-1-1-101",)))
    put_estate_tree(db, "lyy", rooms=("101",))
    put(db, "owner", owner("lyy-o-1", ("lyy-1-1-101",)), "lyy")


def _views(db):
    db.expire_all()
    return db.scalars(select(AuditEntry).where(AuditEntry.action == "owner_viewed")).all()


def test_a_supervisor_reads_the_full_archive_and_the_view_is_audited(
    client, db, owners, make_account, login
):
    headers = login(make_account("chen", "supervisor"))

    response = client.get("/api/v1/owners/hxy-o-1", headers=headers)

    assert response.status_code == 200
    body = response.json()
    assert body["owner"] == owner("hxy-o-1", ("hxy-1-1-101",))
    assert body["estate_id"] == "hxy"
    assert body["rooms"] == [{"id": "hxy-1-1-101", "label": "1栋1单元101"}]
    [view] = _views(db)
    assert (view.username, view.detail["owner_id"], view.detail["estate_id"]) == (
        "chen",
        "hxy-o-1",
        "hxy",
    )
    assert view.device_id is not None


def test_every_view_is_a_new_audit_entry(client, db, owners, make_account, login):
    headers = login(make_account("chen", "supervisor"))

    for _ in range(3):
        assert client.get("/api/v1/owners/hxy-o-1", headers=headers).status_code == 200

    assert len(_views(db)) == 3


def test_service_staff_read_the_full_archive_too(client, db, owners, make_account, login):
    headers = login(make_account("li", "service"))

    response = client.get("/api/v1/owners/hxy-o-1", headers=headers)

    assert response.status_code == 200
    assert response.json()["owner"]["phones"] == ["13800001234"]
    assert [view.username for view in _views(db)] == ["li"]


@pytest.mark.parametrize("role", ["patrol", "technician", "admin"])
def test_other_roles_are_forbidden_and_nothing_is_logged_as_a_view(
    client, db, owners, make_account, login, role
):
    headers = login(make_account("someone", role))

    response = client.get("/api/v1/owners/hxy-o-1", headers=headers)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert "13800001234" not in response.text
    assert _views(db) == []


@pytest.mark.parametrize("owner_id", ["lyy-o-1", "hxy-o-404"])
def test_an_owner_of_another_estate_or_none_at_all_is_not_found(
    client, db, owners, make_account, login, owner_id
):
    headers = login(make_account("chen", "supervisor"))

    response = client.get(f"/api/v1/owners/{owner_id}", headers=headers)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert _views(db) == []


def test_a_deleted_owner_is_not_found(client, db, owners, make_account, login):
    headers = login(make_account("chen", "supervisor"))
    delete_reference_item(db, kind="owner", key="hxy-o-1")

    assert client.get("/api/v1/owners/hxy-o-1", headers=headers).status_code == 404


def test_the_archive_needs_a_signed_in_device(client, owners):
    response = client.get("/api/v1/owners/hxy-o-1")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "auth_required"


@pytest.mark.parametrize("owner_id", ["%00", "x" * 5000, "hxy-o-1%00"])
def test_an_impossible_owner_id_is_not_found(client, owners, make_account, login, owner_id):
    headers = login(make_account("chen", "supervisor"))

    assert client.get(f"/api/v1/owners/{owner_id}", headers=headers).status_code == 404
