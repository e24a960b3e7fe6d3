"""The names people know routes and checkpoints by, for records that carry only ids.

Routes and checkpoints are few per estate (tens), so a page reads them all at once.
An id with no live reference item (a deleted route, a simulator's made-up id) is shown
as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from server.services.reference import CHECKPOINT, ROUTE
from server.services.work_items import live_items


@dataclass(frozen=True)
class Places:
    routes: dict[str, str]
    checkpoints: dict[str, str]

    def route(self, route_id: object) -> str:
        return self.routes.get(str(route_id), str(route_id or ""))

    def checkpoint(self, checkpoint_id: object) -> str:
        return self.checkpoints.get(str(checkpoint_id), str(checkpoint_id or ""))


def places(session: Session, estate_ids: set[str]) -> Places:
    return Places(
        routes={
            item.key: str(item.data.get("name") or item.key)
            for item in live_items(session, ROUTE, sorted(estate_ids))
        },
        checkpoints={
            item.key: str(item.data.get("place") or item.key)
            for item in live_items(session, CHECKPOINT, sorted(estate_ids))
        },
    )


NO_PLACES = Places({}, {})
