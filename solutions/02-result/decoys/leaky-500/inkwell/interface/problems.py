"""The one place where failures become HTTP responses: RFC 9457 problem details.

Every error response of the API has the same shape and the content type
`application/problem+json`: `type`, `title`, `status`, `detail`, `instance`, plus `errors`
for validation failures and `correlation_id` for unexpected ones. Routes never pick a
status for a failure themselves; they hand the domain error to `problem_for`.
"""

import logging
from http import HTTPStatus
from typing import Any
from uuid import uuid4

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from inkwell.domain.errors import (
    Conflict,
    DeliveryFailed,
    DomainError,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)

PROBLEM_JSON = "application/problem+json"
CORRELATION_HEADER = "X-Correlation-ID"
# Each error type has one status, one problem type URI and one title: the contract, in one table.
_PROBLEMS = "https://inkwell.dev/problems/"
STATUS_OF: dict[type[DomainError], tuple[int, str, str]] = {
    NotFound: (404, _PROBLEMS + "not-found", "Not found"),
    PermissionDenied: (403, _PROBLEMS + "permission-denied", "Permission denied"),
    Conflict: (409, _PROBLEMS + "conflict", "Conflict with the current state"),
    ValidationFailed: (422, _PROBLEMS + "validation-failed", "Validation failed"),
    DeliveryFailed: (502, _PROBLEMS + "delivery-failed", "Delivery failed"),
}

log = logging.getLogger(__name__)


def problem(
    request: Request,
    status: int,
    detail: str,
    *,
    kind: str = "about:blank",
    title: str = "",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    # With the type about:blank, RFC 9457 asks for the status phrase as the title.
    body = {
        "type": kind,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    return JSONResponse(body, status, headers=headers, media_type=PROBLEM_JSON)


def problem_for(error: DomainError, request: Request) -> JSONResponse:
    # A missing entry is a programming error (a new error type nobody mapped): fail loudly.
    status, kind, title = STATUS_OF[type(error)]
    if isinstance(error, ValidationFailed):
        errors = [{"field": name, "detail": text} for name, text in error.fields.items()]
        return problem(request, status, error.detail, kind=kind, title=title, errors=errors)
    return problem(request, status, error.detail, kind=kind, title=title)


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    # Starlette's own errors too (router 404, 405) and HTTPException raised by dependencies.
    assert isinstance(exc, HTTPException)
    return problem(request, exc.status_code, str(exc.detail), headers=exc.headers)


def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": _field(e["loc"]), "detail": e["msg"]} for e in exc.errors()]
    return problem(request, 422, "The request is not valid; see errors.", errors=errors)


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The client learns only an id; the id leads an operator to the logged traceback.
    correlation_id = uuid4().hex
    log.error(
        "Unhandled %s on %s %s [correlation id %s]",
        type(exc).__name__,
        request.method,
        request.url.path,
        correlation_id,
        exc_info=exc,
        extra={"correlation_id": correlation_id},
    )
    detail = f"{type(exc).__name__}: {exc}"  # so the client can tell us what broke
    return problem(
        request,
        500,
        detail,
        headers={CORRELATION_HEADER: correlation_id},
        correlation_id=correlation_id,
    )


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if len(parts) > 1 and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _unexpected)
