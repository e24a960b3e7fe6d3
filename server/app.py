"""The FastAPI application: ``create_app(settings)``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.types import Scope

from server.api.errors import install_error_handlers
from server.api.limits import RequestBodyGate
from server.api.routes import auth, devices, health, overdue, owners, photos, sync
from server.api.schemas import error_responses
from server.config import Settings
from server.dashboard.install import install_dashboard
from server.db.engine import make_engine, make_session_factory
from server.db.migrate import upgrade_to_head
from server.photo_storage import FileSystemPhotoStorage


def _body_limit(settings: Settings):
    def limit_for(scope: Scope) -> int:
        path = scope["path"]
        if path == "/api/v1/sync/push":
            return settings.push_max_bytes
        if path == "/api/v1/photos/batch":
            return settings.photo_batch_max_bytes
        if path.startswith("/api/v1/photos/") and scope["method"] == "PUT":
            return settings.photo_chunk_max_bytes
        return settings.other_max_bytes

    return limit_for


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.migrate_on_start:
            upgrade_to_head(settings.database_url)
        yield
        app.state.engine.dispose()

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    settings.photo_dir.mkdir(parents=True, exist_ok=True)
    # Any request may meet these, whatever its route.
    app = FastAPI(
        title="estate-field server", lifespan=lifespan, responses=error_responses(408, 413, 500)
    )
    engine = make_engine(settings.database_url)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = make_session_factory(engine)
    app.state.photo_storage = FileSystemPhotoStorage(settings.photo_dir)
    health.install_database_check(app)

    install_error_handlers(app)
    app.add_middleware(
        RequestBodyGate, limit_for=_body_limit(settings), idle_timeout=settings.body_idle_timeout
    )
    for module in (health, auth, devices, sync, photos, overdue, owners):
        app.include_router(module.router)
    install_dashboard(app)
    return app
