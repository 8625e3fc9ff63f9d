"""A cap on request bodies, enforced before any route reads them.

A body must declare its length (the server, h11, then never delivers more than that), and the
declared length must be within the cap: a chunked upload of unknown size is refused outright.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

_WITH_BODY = {"POST", "PUT", "PATCH"}


class BodyLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in _WITH_BODY:
            headers = dict(scope["headers"])
            declared = headers.get(b"content-length")
            if declared is None and b"transfer-encoding" in headers:
                await _refuse(scope, send, 411, "Length Required", "Send a Content-Length; chunked bodies are refused.")
                return
            if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
                detail = f"A request body may hold at most {self.max_bytes} bytes."
                await _refuse(scope, send, 413, "Content Too Large", detail)
                return
        await self.app(scope, receive, send)


async def _refuse(scope: Scope, send: Send, status: int, title: str, detail: str) -> None:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "instance": scope["path"]}
    payload = json.dumps(body).encode()
    headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
