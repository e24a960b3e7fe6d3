"""Exception handlers: every error leaves the server in the one error shape.

FastAPI's own 422 body and Starlette's ``{"detail": ...}`` are replaced, so a
client only ever parses ``{"error": {"code", "message", "fields"}}``.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from domain.text import Text
from server.errors import FIELD_MESSAGES_ZH, ApiError, FieldProblem, error_body

log = logging.getLogger(__name__)

_LOCATIONS = {"body", "query", "path", "header"}
_STATUS_CODES = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}


def _field_name(loc: tuple) -> str:
    parts = [str(part) for part in loc]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _field_problem(error: dict) -> FieldProblem:
    kind = error.get("type", "value_error")
    zh = FIELD_MESSAGES_ZH.get(kind, "取值无效")
    return FieldProblem(_field_name(tuple(error.get("loc", ()))), kind, Text(zh, error["msg"]))


async def handle_api_error(request: Request, exc: ApiError) -> JSONResponse:
    return JSONResponse(exc.to_body(), status_code=exc.status, headers=exc.headers)


async def handle_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    if any(error.get("type") == "json_invalid" for error in errors):
        return JSONResponse(error_body("malformed_json"), status_code=400)
    fields = [_field_problem(error).to_dict() for error in errors]
    return JSONResponse(error_body("invalid_request", fields), status_code=422)


async def handle_http_exception(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = _STATUS_CODES.get(exc.status_code, "invalid_request")
    return JSONResponse(error_body(code), status_code=exc.status_code, headers=exc.headers)


async def handle_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse(error_body("internal_error"), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    # Starlette types a handler as taking any Exception; each of these gets only its own.
    app.add_exception_handler(ApiError, handle_api_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, handle_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, handle_http_exception)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, handle_unexpected)
