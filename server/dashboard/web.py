"""What every dashboard page shares: templates, the clock, the signed-in account, the
CSRF check, and the error pages.

A request without a live session is sent to the sign-in page (302, or ``HX-Redirect``
for an htmx request); errors are pages with a stable ``data-code`` and a 4xx status.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from server.dashboard import sessions
from server.dashboard.fields import field_name, field_value
from server.dashboard.summaries import local_time
from server.dashboard.texts import LANGUAGES, request_language, translator
from server.db.models import DashboardSession
from server.db.types import utcnow

PREFIX = "/dashboard"
SESSION_COOKIE = "dashboard_session"
LOGIN_CSRF_COOKIE = "dashboard_login_csrf"

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters["local_time"] = local_time


def current_time() -> datetime:
    """The one place the dashboard reads the clock; tests override this dependency."""
    return utcnow()


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


NowDep = Annotated[datetime, Depends(current_time)]
SessionDep = Annotated[Session, Depends(get_session)]


class SignInRequired(Exception):
    """No live session: the handler sends the browser to the sign-in page."""


class PageError(Exception):
    """A refusal shown as an error page: ``status`` and a ``code`` from texts (error_*)."""

    def __init__(self, status: int, code: str):
        super().__init__(code)
        self.status = status
        self.code = code


def signed_in(request: Request, session: SessionDep, now: NowDep) -> DashboardSession:
    row = sessions.current_session(session, token=request.cookies.get(SESSION_COOKIE), now=now)
    if row is None:
        raise SignInRequired
    return row


SignedInDep = Annotated[DashboardSession, Depends(signed_in)]


async def check_csrf(request: Request, signed: SignedInDep) -> None:
    form = await request.form()
    if not sessions.csrf_matches(signed.csrf_token, str(form.get("csrf_token") or "")):
        raise PageError(403, "csrf_failed")


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    signed: DashboardSession | None = None,
) -> HTMLResponse:
    language = request_language(request)
    base = {
        "lang": language,
        "other_lang": next(code for code in LANGUAGES if code != language),
        "t": translator(language),
        "prefix": PREFIX,
        "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        "account": signed.account if signed else None,
        "csrf_token": signed.csrf_token if signed else "",
        "field_name": lambda key: field_name(key, language),
        "field_value": lambda key, value: field_value(key, value, language),
    }
    return templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )


def safe_next(target: str | None) -> str:
    """Only a dashboard path may be a redirect target (never another host)."""
    if target and target.startswith(PREFIX + "/") and not target.startswith("//"):
        return target
    return PREFIX + "/logs"


async def handle_sign_in_required(request: Request, exc: SignInRequired) -> Response:
    target = f"{PREFIX}/login?next={quote(request.url.path)}"
    if SESSION_COOKIE in request.cookies:  # it had a session, which has ended
        target += "&ended=1"
    if request.headers.get("HX-Request"):
        return Response(status_code=200, headers={"HX-Redirect": target})
    response = RedirectResponse(target, status_code=302)
    response.delete_cookie(SESSION_COOKIE, path=PREFIX)
    return response


async def handle_page_error(request: Request, exc: PageError) -> HTMLResponse:
    return render(
        request,
        "error.html",
        {"code": exc.code, "message_key": f"error_{exc.code}"},
        status_code=exc.status,
    )
