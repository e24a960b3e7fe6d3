"""The complaints board opens on the account's first estate; ``estate=all`` shows every
estate of the account, and still none of another's."""

from __future__ import annotations

import re


def _shown(page: str) -> set[str]:
    return set(re.findall(r'data-estate="([^"]+)"', page))


def test_the_board_opens_on_one_estate_and_all_means_only_the_account_s(world):
    web = world.sign_in("boss")

    first = web.get(world.url + "/complaints", timeout=30)
    every = web.get(world.url + "/complaints", params={"estate": "all"}, timeout=30)

    assert first.status_code == every.status_code == 200
    assert _shown(first.text) == _shown(every.text) == {"hxy"}
    assert 'value="all"' not in first.text  # one estate: nothing to choose
