"""The one place where failures become HTTP responses: RFC 9457 problem details.

Every error response of the API has the same shape and the content type
`application/problem+json`: `type`, `title`, `status`, `detail`, `instance`, plus `errors`
for validation failures and `error_id` for unexpected ones. Routes never pick a status for a
failure themselves; they hand the domain error to `problem_for`. An exception is either an
outage of a dependency (503, try again later) or a bug (500, with an id to quote).
"""

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any
from uuid import uuid4

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from inkwell.domain.errors import (
    Conflict,
    DomainError,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)

PROBLEM_JSON = "application/problem+json"
REQUEST_ID_HEADER = "X-Request-ID"
RETRY_AFTER_SECONDS = "5"
# Each error type has one status, one problem type URI and one title: the contract, in one table.
_PROBLEMS = "https://inkwell.dev/problems/"
STATUS_OF: dict[type[DomainError], tuple[int, str, str]] = {
    NotAuthenticated: (401, _PROBLEMS + "not-authenticated", "Not authenticated"),
    NotFound: (404, _PROBLEMS + "not-found", "Not found"),
    PermissionDenied: (403, _PROBLEMS + "permission-denied", "Permission denied"),
    Conflict: (409, _PROBLEMS + "conflict", "Conflict with the current state"),
    ValidationFailed: (422, _PROBLEMS + "validation-failed", "Validation failed"),
}

log = logging.getLogger(__name__)


def problem(
    request: Request,
    status: int,
    detail: str,
    *,
    kind: str = "about:blank",
    title: str = "",
    headers: Mapping[str, str] | None = None,
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
    # FastAPI's own validation is the same kind of problem as the use cases' ValidationFailed:
    # one type, so that a client handles "fix these fields" in one place.
    assert isinstance(exc, RequestValidationError)
    fields = {_field(e): str(e["msg"]) for e in exc.errors()}
    return problem_for(ValidationFailed("The request is not valid; see errors.", fields), request)


def _outage(request: Request, exc: Exception) -> JSONResponse:
    # The database is unreachable or locked: not the client's fault, and likely to pass.
    log.warning("Database unavailable on %s %s: %s", request.method, request.url.path, exc)
    detail = "A service Inkwell depends on is unavailable. Try again shortly."
    return problem(request, 503, detail, headers={"Retry-After": RETRY_AFTER_SECONDS})


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # A bug. The client learns only an id; the id leads an operator to the logged traceback.
    # It is not the request id: a request id names a request, this names one failure.
    error_id = uuid4().hex
    log.error(
        "Unhandled %s on %s %s [error id %s]",
        type(exc).__name__,
        request.method,
        request.url.path,
        error_id,
        exc_info=exc,
        extra={"error_id": error_id},
    )
    detail = "Something went wrong on our side. Quote the error id when you report it."
    # This handler answers from outside the request-id middleware, so it adds the header itself.
    rid = getattr(request.state, "request_id", "")
    return problem(request, 500, detail, headers={REQUEST_ID_HEADER: rid} if rid else None, error_id=error_id)


def _field(error: Mapping[str, Any]) -> str:
    # FastAPI's loc starts with where the value came from ("body", "path"): the client named the
    # rest. A body that is not an object at all is the field "body"; so is malformed JSON, whose
    # loc ends with the character offset where decoding failed, which names no field.
    loc = error["loc"]
    if error["type"] == "json_invalid":
        return str(loc[0])
    return ".".join(str(part) for part in loc[1:]) or str(loc[0])


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(OperationalError, _outage)
    app.add_exception_handler(Exception, _unexpected)
