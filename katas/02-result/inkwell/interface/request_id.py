"""One id per request, on the response."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import uuid4

from fastapi import FastAPI, Request, Response

REQUEST_ID_HEADER = "X-Request-ID"


def install_request_ids(app: FastAPI) -> None:
    @app.middleware("http")
    async def request_id(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # TODO(kata): support cannot follow a request: the gateway's X-Request-ID comes back as a
        # different id, and no log line says which request it belongs to.
        rid = uuid4().hex
        response = await call_next(request)
        response.headers[REQUEST_ID_HEADER] = rid
        return response
