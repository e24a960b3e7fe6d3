"""A round is compared with its route as the route was when the round was accepted: a
checkpoint added to the route afterwards is missed only by the rounds after it."""

from __future__ import annotations

import re
from datetime import datetime

from server.db.engine import make_engine, make_session_factory
from server.services.reference import ROUTE, put_reference_item
from tests.server.dashboard.world import at, patrol_round, visit


def _add_checkpoint_to_the_route(world) -> None:
    engine = make_engine(world.server.database_url)
    try:
        with make_session_factory(engine)() as session:
            put_reference_item(
                session,
                kind=ROUTE,
                key="route-night-a",
                estate_id="hxy",
                data={
                    "id": "route-night-a",
                    "estate_id": "hxy",
                    "name": "夜间巡查路线 A",
                    "shift": "night",
                    "checkpoint_ids": ["pump-room", "car-park-b1", "roof"],
                    "expected_minutes": 60,
                },
            )
    finally:
        engine.dispose()


def _missed(html: str, record_id: str) -> int:
    return int(re.search(rf'data-record="{record_id}"[^>]*data-missed="(\d+)"', html).group(1))


def test_a_route_changed_after_a_round_leaves_that_round_s_figures_alone(world):
    wang = world._tablet("wang")
    both = [visit("pump-room", 5), visit("car-park-b1", 20)]
    world._push(
        wang, "before_change", "patrol_round", patrol_round("hxy", "wang", both, "route-night-a")
    )
    _add_checkpoint_to_the_route(world)
    world._push(
        wang, "after_change", "patrol_round", patrol_round("hxy", "wang", both, "route-night-a")
    )
    month = datetime.fromisoformat(at(1, 21)).strftime("%Y-%m")

    html = world.sign_in("boss").get(world.url + f"/coverage?month={month}", timeout=30).text

    assert _missed(html, world.records["before_change"]) == 0
    assert _missed(html, world.records["after_change"]) == 1
    staff_row = re.search(r'<tr data-staff="王秩序">(.*?)</tr>', html, re.S).group(1)
    # the world's 4 rounds (5 checkpoints reached, none missed) and these two (4 more, 1 missed)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", staff_row)[3:5] == ["9", "1"]
