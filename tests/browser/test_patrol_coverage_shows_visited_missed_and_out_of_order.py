"""The patrol coverage page: each round against its route (visited, missed with the
reason, out of order, with times) and each staff member's month, for the supervisor's
estate only; in Chinese and in English."""

from __future__ import annotations

from datetime import datetime

from tests.browser.conftest import screenshot, sign_in
from tests.server.dashboard.world import at, patrol_round, visit


def _push_rounds(world) -> tuple[str, str]:
    wang = world._tablet("wang")
    swapped = patrol_round(
        "hxy", "wang", [visit("car-park-b1", 5), visit("pump-room", 20)], route="route-night-a"
    )
    skipped = {
        "checkpoint_id": "car-park-b1",
        "skipped": True,
        "skip_reason": "车库积水封闭",
    }
    partial = patrol_round("hxy", "wang", [visit("pump-room", 8), skipped], route="route-night-a")
    world._push(wang, "coverage_swapped", "patrol_round", swapped)
    world._push(wang, "coverage_partial", "patrol_round", partial)
    return world.records["coverage_swapped"], world.records["coverage_partial"]


def test_coverage_shows_each_round_against_its_route_and_each_staff_month(page, world):
    swapped, partial = _push_rounds(world)
    month = datetime.fromisoformat(at(1, 21)).strftime("%Y-%m")
    sign_in(page, world, "boss")

    page.goto(world.url + f"/coverage?month={month}")
    page.wait_for_selector("table.rounds")
    screenshot(page, "coverage-zh")
    swapped_row = page.locator(f"tr[data-record='{swapped}']")
    partial_row = page.locator(f"tr[data-record='{partial}']")
    clean_row = page.locator(f"tr[data-record='{world.records['hxy_abnormal_round']}']")
    estates = set(page.locator("table.rounds tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.estate)"
    ))  # fmt: skip
    staff_row = page.locator("table.staff-months tr[data-staff='王秩序']").inner_text()
    page.click("a.lang")
    page.wait_for_selector("table.rounds")
    screenshot(page, "coverage-en")

    assert swapped_row.get_attribute("data-out-of-order") == "1"
    assert swapped_row.locator("[data-out-of-order]").get_attribute("data-checkpoint") == (
        "pump-room"
    )
    assert swapped_row.get_attribute("data-missed") == "0"
    assert partial_row.get_attribute("data-missed") == "1"
    assert "车库积水封闭" in partial_row.locator("[data-missed=car-park-b1]").inner_text()
    assert "21:08" in partial_row.inner_text()
    assert clean_row.get_attribute("data-missed") == "0"
    assert clean_row.get_attribute("data-out-of-order") == "0"
    assert estates == {"hxy"}
    # wang's month: the world's 4 rounds (5 checkpoints reached) and these two (3 more).
    assert staff_row.split("\t")[-4:] == ["8", "1", "1", "89%"]
    assert "Patrol coverage" in page.content()


def test_another_estate_cannot_be_asked_for(page, world):
    sign_in(page, world, "boss")

    response = page.goto(world.url + "/coverage?estate=lyy")

    assert response.status == 400
