"""Every error leaves as an RFC 9457 problem response (application/problem+json)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from inkwell.application.errors import EmailTaken, NotFound, PermissionDenied
from inkwell.domain.model import InvalidTransition


class Unauthenticated(Exception):
    """No valid bearer token came with a request that needs one."""


class Unprocessable(Exception):
    """The body is well-formed JSON but a value in it is not acceptable (an email without '@')."""


_STATUS = {
    Unauthenticated: (401, "Unauthorized"),
    PermissionDenied: (403, "Forbidden"),
    NotFound: (404, "Not Found"),
    InvalidTransition: (409, "Conflict"),
    EmailTaken: (409, "Conflict"),
    Unprocessable: (422, "Unprocessable Content"),
}


def problem(status: int, title: str, detail: str, **extra: object) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(jsonable_encoder(body), status, headers, media_type="application/problem+json")


def install(app: FastAPI) -> None:
    for kind, (status, title) in _STATUS.items():
        app.add_exception_handler(kind, _handler(status, title))
    app.add_exception_handler(RequestValidationError, _invalid)


def _handler(status: int, title: str):  # type: ignore[no-untyped-def]
    async def handle(request: Request, error: Exception) -> JSONResponse:
        return problem(status, title, str(error))

    return handle


async def _invalid(request: Request, error: Exception) -> JSONResponse:
    errors = error.errors() if isinstance(error, RequestValidationError) else []
    fields = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in errors]
    return problem(422, "Unprocessable Content", "The request does not match the schema.", errors=fields)
