"""One id per request: on the response, and on every log record made while handling it.

Every log record gets the attribute `request_id`, read from `current_request_id`: whatever the
ContextVar holds while the record is made.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any
from uuid import uuid4

from fastapi import FastAPI, Request, Response

REQUEST_ID_HEADER = "X-Request-ID"
current_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
_tagging = False


def install_request_ids(app: FastAPI) -> None:
    _tag_log_records()

    @app.middleware("http")
    async def request_id(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # TODO(kata): support cannot follow a request: the gateway's X-Request-ID comes back as a
        # different id, and the log lines of a request carry no id at all.
        rid = uuid4().hex
        response = await call_next(request)
        response.headers[REQUEST_ID_HEADER] = rid
        return response


def _tag_log_records() -> None:
    # A record factory, not a filter: it tags the records of every logger, whoever handles them.
    # Installed once per copy of this module, however many apps are built.
    global _tagging
    if _tagging:
        return
    _tagging = True
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.request_id = current_request_id.get()
        return record

    logging.setLogRecordFactory(factory)
