"""One error format at the edge: RFC 9457 problem details, for domain errors and FastAPI's own."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from inkwell.domain.errors import Conflict, DomainError, Invalid, NotFound

_STATUS = {NotFound: (404, "Not found"), Conflict: (409, "Conflict"), Invalid: (422, "Invalid request")}


def problem(status: int, title: str, detail: str, instance: str = "") -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "instance": instance}
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def from_error(error: DomainError, request: Request) -> JSONResponse:
    status, title = _STATUS[type(error)]
    detail = error.reason if isinstance(error, Invalid) else error.what
    return problem(status, title, detail, request.url.path)


def install(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        return problem(error.status_code, str(error.detail), str(error.detail), request.url.path)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        fields = ", ".join(".".join(str(p) for p in e["loc"][1:]) for e in error.errors())
        return problem(422, "Invalid request", f"Check these fields: {fields}.", request.url.path)
