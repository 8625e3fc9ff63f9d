"""HTTP adapters of the outside service: link previews (GET) and paid mail (POST).

The outside service is never trusted: every attempt has one deadline for the whole exchange,
every answer is read within a size limit and validated before any of it is used.
"""

from __future__ import annotations

import ssl
import time

import httpx2
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from inkwell.domain.errors import Unavailable
from inkwell.domain.model import Preview
from inkwell.infrastructure.guard import Failed, Guard
from inkwell.result import Err, Ok, Result

RETRYABLE = {429, 502, 503, 504}
MAX_BODY = 64_000
# One TLS context per process: building one reads the whole CA bundle.
_TLS = ssl.create_default_context()


class PreviewPayload(BaseModel):
    # Tolerant of fields we do not read, strict about the ones we do: their types and lengths.
    model_config = ConfigDict(extra="ignore")

    title: str = Field(min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=1000)


class Upstream:
    def __init__(self, base_url: str, timeout: float):
        self._timeout = timeout
        # The client's timeout bounds each network wait; the deadline below bounds their sum.
        self._client = httpx2.Client(base_url=base_url, timeout=httpx2.Timeout(timeout), verify=_TLS)

    def exchange(self, method: str, path: str, **request: object) -> Result[bytes, Failed]:
        deadline = time.monotonic() + self._timeout
        try:
            with self._client.stream(method, path, **request) as response:  # type: ignore[arg-type]
                body = b""
                for chunk in response.iter_bytes():
                    body += chunk
                    if time.monotonic() > deadline:
                        return Err(Failed("it answered too slowly", retryable=True))
                    if len(body) > MAX_BODY:
                        return Err(Failed("its answer was too large", retryable=False))
        except httpx2.TransportError as error:
            return Err(Failed(f"the connection failed ({type(error).__name__})", retryable=True))
        if response.status_code in RETRYABLE:
            return Err(Failed(f"it answered {response.status_code}", True, _seconds(response.headers)))
        if not response.is_success:
            return Err(Failed(f"it answered {response.status_code}", retryable=False))
        return Ok(body)


class HttpPreviews:
    def __init__(self, upstream: Upstream, guard: Guard):
        self._upstream, self._guard = upstream, guard

    def fetch(self, url: str) -> Result[Preview, Unavailable]:
        # A GET is idempotent: safe to retry.
        return self._guard.call(lambda: self._once(url), retry=True)

    def _once(self, url: str) -> Result[Preview, Failed]:
        answer = self._upstream.exchange("GET", "/previews", params={"url": url})
        if isinstance(answer, Err):
            return answer
        try:
            payload = PreviewPayload.model_validate_json(answer.value)
        except ValidationError:
            # Their bug will not fix itself on a second try: refuse it, do not retry it.
            return Err(Failed("its preview was malformed", retryable=False))
        return Ok(Preview(payload.title, payload.description))


class HttpMailer:
    def __init__(self, upstream: Upstream, guard: Guard):
        self._upstream, self._guard = upstream, guard

    def send(self, *, to: str, subject: str, text: str, key: str) -> Result[None, Unavailable]:
        message = {"to": to, "subject": subject, "text": text}
        # A POST is safe to retry only because every attempt carries the same Idempotency-Key.
        sent = self._guard.call(
            lambda: self._upstream.exchange("POST", "/messages", json=message, headers={"Idempotency-Key": key}),
            retry=True,
        )
        return sent if isinstance(sent, Err) else Ok(None)


def _seconds(headers: httpx2.Headers) -> float | None:
    # Retry-After in seconds; this client treats the rarer HTTP-date form as absent.
    value = headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None
