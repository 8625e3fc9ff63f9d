"""Every error leaves as an RFC 9457 problem response (application/problem+json)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


class Problem(Exception):
    """Raised by a route or a dependency; answered as a problem response with these headers."""

    def __init__(self, status: int, title: str, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status, self.title, self.detail, self.headers = status, title, detail, headers or {}


def unauthenticated(detail: str) -> Problem:
    return Problem(401, "Unauthorized", detail, {"WWW-Authenticate": "Bearer"})


def problem(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: object
) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(jsonable_encoder(body), status, headers, media_type="application/problem+json")


def install(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _answer)
    app.add_exception_handler(RequestValidationError, _invalid)


async def _answer(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, Problem)
    return problem(error.status, error.title, error.detail, error.headers)


async def _invalid(request: Request, error: Exception) -> JSONResponse:
    errors = error.errors() if isinstance(error, RequestValidationError) else []
    fields = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in errors]
    return problem(422, "Unprocessable Content", "The request does not match the schema.", errors=fields)
