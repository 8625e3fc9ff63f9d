"""One id per request: on the response, and on every log record made while handling it.

A client or a gateway may send its own `X-Request-ID`, so that one id follows a request across
services; it is taken when well-formed, and replaced by a fresh one otherwise, so that no
caller can write arbitrary text into the logs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any
from uuid import uuid4

from fastapi import FastAPI, Request, Response

REQUEST_ID_HEADER = "X-Request-ID"
_WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{1,64}")
current_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
_tagging = False


def accepted_request_id(sent: str | None) -> str:
    # fullmatch, not match: a trailing newline or a 65th character makes the id malformed.
    return sent if sent is not None and _WELL_FORMED.fullmatch(sent) else uuid4().hex


def install_request_ids(app: FastAPI) -> None:
    _tag_log_records()

    @app.middleware("http")
    async def request_id(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        rid = accepted_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.state.request_id = rid
        # Not reset on the way out: the handler of a 500 runs outside this middleware, in the
        # same task, and its log record must carry the id too. Each request runs in a task of its own.
        current_request_id.set(rid)
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
