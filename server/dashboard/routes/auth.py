"""Sign-in, sign-out and the choice of language.

The sign-in form has no session yet, so its CSRF token is a double-submit one: a random
value in a cookie that the form must post back. Session cookies are HttpOnly,
SameSite=Lax, path /dashboard, and Secure when the request came over HTTPS.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from server.auth import new_token
from server.dashboard import sessions
from server.dashboard.texts import LANGUAGE_COOKIE, LANGUAGES
from server.dashboard.web import (
    LOGIN_CSRF_COOKIE,
    PREFIX,
    SESSION_COOKIE,
    NowDep,
    SessionDep,
    SignedInDep,
    check_csrf,
    render,
    safe_next,
)
from server.services.throttle import ADDRESS_LENGTH

router = APIRouter(prefix=PREFIX)
ROLE_KEYS = {"patrol", "service", "technician", "supervisor", "admin"}


def _login_page(
    request: Request, *, status_code: int = 200, error: str = "", username: str = "", **values
) -> HTMLResponse:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or new_token()
    response = render(
        request,
        "login.html",
        {
            "login_csrf": token,
            "error": error,
            "error_values": values,
            "username": username,
            "next": safe_next(request.query_params.get("next")),
            "ended": request.query_params.get("ended") == "1",
        },
        status_code=status_code,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax", path=PREFIX,
        secure=request.url.scheme == "https",
    )  # fmt: skip
    return response


@router.get("", include_in_schema=False)
@router.get("/", include_in_schema=False)
def read_home() -> RedirectResponse:
    return RedirectResponse(PREFIX + "/logs", status_code=302)


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def read_login(request: Request) -> HTMLResponse:
    return _login_page(request)


@router.post("/login", include_in_schema=False)
def create_session(
    request: Request,
    session: SessionDep,
    now: NowDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    if not sessions.csrf_matches(request.cookies.get(LOGIN_CSRF_COOKIE), csrf_token):
        return _login_page(request, status_code=403, error="error_csrf_failed", username=username)
    if not username.strip() or not password:
        return _login_page(request, status_code=400, error="fields_required", username=username)
    try:
        token, _ = sessions.sign_in(
            session,
            username=username,
            password=password,
            address=(request.client.host if request.client else "")[:ADDRESS_LENGTH],
            settings=request.app.state.settings,
            now=now,
        )
    except sessions.SignInRefused as refused:
        status = {"login_throttled": 429, "role_refused": 403}.get(refused.code, 401)
        role = refused.role if refused.role in ROLE_KEYS else "patrol"
        return _login_page(
            request,
            status_code=status,
            error=refused.code,
            username=username,
            minutes=max(1, -(-refused.wait_seconds // 60)),
            role_key=f"role_{role}",
        )
    response = RedirectResponse(safe_next(next), status_code=302)
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="lax", path=PREFIX,
        secure=request.url.scheme == "https",
    )  # fmt: skip
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=PREFIX)
    return response


@router.post("/logout", dependencies=[Depends(check_csrf)], include_in_schema=False)
def delete_session(session: SessionDep, signed: SignedInDep, now: NowDep) -> RedirectResponse:
    sessions.sign_out(session, row=signed, now=now)
    response = RedirectResponse(PREFIX + "/login", status_code=302)
    response.delete_cookie(SESSION_COOKIE, path=PREFIX)
    return response


@router.get("/language", include_in_schema=False)
def update_language(to: str = "zh", next: str = "") -> RedirectResponse:
    """Remembers the language in a cookie; changes nothing else, so a link may do it."""
    response = RedirectResponse(safe_next(next), status_code=302)
    response.set_cookie(
        LANGUAGE_COOKIE, to if to in LANGUAGES else "zh", max_age=365 * 86400,
        samesite="lax", path=PREFIX,
    )  # fmt: skip
    return response
