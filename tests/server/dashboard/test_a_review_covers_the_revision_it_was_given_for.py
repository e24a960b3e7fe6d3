"""Approving a record marks its current revision; a corrected revision synced later is
to review again, and the earlier verdict stays in the trail."""

from __future__ import annotations

from tests.server.dashboard.world import csrf_of


def test_a_new_revision_after_approval_is_pending_again(world):
    web = world.sign_in("boss")
    name = "hxy_round_1"
    record = world.records[name]
    detail = web.get(world.url + f"/records/{record}", timeout=30)

    approved = web.post(
        world.url + f"/records/{record}/approve",
        data={"csrf_token": csrf_of(detail.text)},
        allow_redirects=False,
        timeout=30,
    )
    after_approval = web.get(world.url + f"/records/{record}", timeout=30).text
    world.push_revision(name, route="白班路线 2（更正）")
    after_revision = web.get(world.url + f"/records/{record}", timeout=30).text

    assert approved.status_code == 302
    assert 'class="tag review-approved"' in after_approval
    assert 'class="tag review-pending"' in after_revision
    assert 'data-verdict="approved"' in after_revision
