"""The one place where failures become HTTP responses: RFC 9457 problem details."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any
from uuid import uuid4

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from checker.room.domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    RateLimited,
    Unauthenticated,
    ValidationFailed,
    retry_seconds,
)

PROBLEM_JSON = "application/problem+json"
_TYPES = "https://inkwell.dev/problems/room/"
STATUS_OF: dict[type[DomainError], tuple[int, str]] = {
    Unauthenticated: (401, "unauthenticated"),
    Forbidden: (403, "forbidden"),
    NotFound: (404, "not-found"),
    Conflict: (409, "conflict"),
    ValidationFailed: (422, "validation-failed"),
    RateLimited: (429, "rate-limited"),
}
log = logging.getLogger(__name__)


def problem(
    request: Request, status: int, detail: str, *, kind: str = "", headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {
        "type": _TYPES + kind if kind else "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    return JSONResponse(body, status, headers=headers, media_type=PROBLEM_JSON)


def problem_for(error: DomainError, request: Request) -> JSONResponse:
    status, kind = STATUS_OF[type(error)]
    headers: dict[str, str] = {}
    extra: dict[str, Any] = {}
    if isinstance(error, Unauthenticated):
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(error, RateLimited):
        headers["Retry-After"] = str(retry_seconds(error.retry_after))
    if isinstance(error, ValidationFailed):
        extra["errors"] = [{"field": name, "detail": text} for name, text in error.fields.items()]
    return problem(request, status, error.detail, kind=kind, headers=headers, **extra)


def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return problem(request, exc.status_code, str(exc.detail), headers=dict(exc.headers) if exc.headers else None)


def _invalid(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": ".".join(str(p) for p in e["loc"][1:]) or "body", "detail": e["msg"]} for e in exc.errors()]
    return problem(request, 422, "The request is not valid; see errors.", kind="validation-failed", errors=errors)


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    correlation_id = uuid4().hex
    log.error("Unhandled error on %s %s [%s]", request.method, request.url.path, correlation_id, exc_info=exc)
    detail = "Something went wrong on the room server. Quote the correlation id when you report it."
    return problem(request, 500, detail, correlation_id=correlation_id)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _unexpected)
