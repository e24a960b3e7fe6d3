"""Adds the dashboard to the server's app: its routes, its static files (the libraries
from npm and the stylesheet), the shipped Chinese font, and its error pages."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from server.dashboard.routes import auth, board, coverage, devices, logs, records, reports, visits
from server.dashboard.web import (
    PREFIX,
    PageError,
    SignInRequired,
    handle_page_error,
    handle_sign_in_required,
)

STATIC = Path(__file__).parent / "static"
FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"


def install_dashboard(app: FastAPI) -> None:
    for module in (auth, logs, records, board, coverage, visits, devices, reports):
        app.include_router(module.router)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=STATIC), name="dashboard-static")
    app.mount(f"{PREFIX}/fonts", StaticFiles(directory=FONTS), name="dashboard-fonts")
    # Starlette types a handler as taking any Exception; each of these gets only its own.
    app.add_exception_handler(SignInRequired, handle_sign_in_required)  # type: ignore[arg-type]
    app.add_exception_handler(PageError, handle_page_error)  # type: ignore[arg-type]
