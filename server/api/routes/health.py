"""``GET /health``: the server answers, and so does its database.

A load balancer and the tablets' probe both ask this, so it must not say
"ok" while every write is failing: it opens a database transaction (on SQLite
that takes the write lock) and answers 503 ``database_unavailable`` when the
database does not answer within ``settings.health_database_timeout``. One
check runs at a time per process; a check stuck on a wedged database is
abandoned to finish on its own, and the checks after it answer 503 until it
has.
"""

from __future__ import annotations

import logging

import anyio
from fastapi import APIRouter, FastAPI, Request
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from server.api.schemas import HealthPublic, error_responses
from server.db.engine import check_database
from server.errors import ApiError
from sync import protocol

log = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


def install_database_check(app: FastAPI) -> None:
    """Give ``app`` the one-at-a-time slot its health checks take."""
    app.state.database_check_slot = anyio.CapacityLimiter(1)


async def _database_answers(engine: Engine, slot: anyio.CapacityLimiter, timeout: float) -> bool:
    with anyio.move_on_after(timeout):
        try:
            await anyio.to_thread.run_sync(
                check_database, engine, limiter=slot, abandon_on_cancel=True
            )
        except SQLAlchemyError as exc:
            log.warning("health: the database refused the check: %s", str(exc).splitlines()[0])
            return False
        return True
    log.warning("health: the database did not answer within %g s", timeout)
    return False


@router.get("/health", responses=error_responses(503))
async def get_health(request: Request) -> HealthPublic:
    # No dependency that runs in the shared thread pool: health must answer even
    # when every worker thread is stuck on the database.
    state = request.app.state
    if not await _database_answers(
        state.engine, state.database_check_slot, state.settings.health_database_timeout
    ):
        raise ApiError(503, "database_unavailable")
    return HealthPublic(status="ok", protocol=protocol.PROTOCOL_VERSION, server="estate-field")
