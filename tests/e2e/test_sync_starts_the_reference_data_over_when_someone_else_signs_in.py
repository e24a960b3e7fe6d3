"""Tablets are shared between shifts. When someone else signs in, the reference data is
pulled again for them: they get everything they may see, and nothing the previous
person's role showed stays on the tablet (the owner archive for a patrol officer).
What the previous person recorded goes up under their own token
(tests/mobile/services/test_a_shift_change_keeps_each_person_s_records_theirs.py)."""

import pytest
from exactly_once import assert_delivered_exactly_once
from real_server import PASSWORD

from tests.server.reference_factories import owner

pytestmark = pytest.mark.tablet_side

OWNER = owner("hxy-o-1203", ("hxy-3-2-1203",))


@pytest.fixture(scope="module")
def colleagues(shared_server):
    """Two more staff of the estate, and an owner in the archive (once for the file)."""
    for username, role in (("li", "service"), ("zhou", "patrol")):
        shared_server.admin(
            "create-account", username, "--role", role, "--estate", "hxy", "--password-stdin",
            stdin=PASSWORD + "\n",
        )  # fmt: skip
    shared_server.put_item("owner", OWNER["id"], "hxy", OWNER)


def test_a_colleague_signing_in_gets_their_full_view_again(tablet, real_server, colleagues):
    for n in range(3):
        tablet.record(n)
    tablet.engine.run_once()  # wang's records, and wang's view, owner archive included
    scope = tablet.store.reference.scope()

    tablet.transport.login("li", PASSWORD, "平板-01")
    report = tablet.engine.run_once()

    assert tablet.store.reference.scope() != scope
    assert report.pulled >= 2  # the estate and the owner, again from 0
    assert tablet.store.reference.get("owner", OWNER["id"])["phones"] == OWNER["phones"]
    assert_delivered_exactly_once(tablet.store, real_server)


def test_a_patrol_officer_signing_in_leaves_no_owner_archive_on_the_tablet(
    tablet, real_server, colleagues
):
    tablet.engine.run_once()
    assert tablet.store.reference.get("owner", OWNER["id"]) is not None

    tablet.transport.login("zhou", PASSWORD, "平板-01")
    tablet.engine.run_once()

    assert tablet.store.reference.get("owner", OWNER["id"]) is None
    assert tablet.store.reference.all("owner") == []
    assert tablet.store.reference.get("estate", "hxy") is not None
