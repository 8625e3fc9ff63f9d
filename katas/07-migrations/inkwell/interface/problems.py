"""One error format at the edge: RFC 9457 problem details, for domain errors and FastAPI's own."""

from __future__ import annotations

import logging
from uuid import uuid4

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from inkwell.domain.errors import Conflict, DomainError, Invalid, NotFound

PROBLEM_JSON = "application/problem+json"
_STATUS = {NotFound: (404, "Not found"), Conflict: (409, "Conflict"), Invalid: (422, "Invalid request")}

log = logging.getLogger(__name__)


def problem(status: int, title: str, detail: str, instance: str = "", **extra: str) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "instance": instance, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def from_error(error: DomainError, request: Request) -> JSONResponse:
    status, title = _STATUS[type(error)]
    detail = f"{error.field}: {error.reason}" if isinstance(error, Invalid) else error.what
    return problem(status, title, detail, request.url.path)


def install(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        return problem(error.status_code, str(error.detail), str(error.detail), request.url.path)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        fields = ", ".join(".".join(str(p) for p in e["loc"][1:]) for e in error.errors())
        return problem(422, "Invalid request", f"Check these fields: {fields}.", request.url.path)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        # A bug: the client gets an id to quote, the log gets the traceback under that id.
        error_id = uuid4().hex
        log.error("Unhandled %s on %s [error id %s]", type(error).__name__, request.url.path, error_id, exc_info=error)
        detail = "Something went wrong on our side. Quote the error id when you report it."
        return problem(500, "Internal Server Error", detail, request.url.path, error_id=error_id)
