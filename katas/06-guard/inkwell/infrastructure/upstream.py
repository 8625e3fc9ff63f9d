"""HTTP adapters of the outside service: link previews (GET) and paid mail (POST)."""

from __future__ import annotations

import ssl
from typing import Any

import httpx2

from inkwell.domain.errors import Unavailable
from inkwell.domain.model import Preview
from inkwell.result import Ok, Result

# One TLS context per process: building one reads the whole CA bundle.
_TLS = ssl.create_default_context()


class UpstreamError(Exception):
    """The outside service did not answer after all our attempts."""


class Upstream:
    def __init__(self, base_url: str):
        # TODO(kata): when the preview service hung for a minute, every request to Inkwell hung
        # with it, reading a post included, until the pods ran out of threads.
        self._client = httpx2.Client(base_url=base_url, timeout=None, verify=_TLS)

    def request(self, method: str, path: str, **request: Any) -> httpx2.Response:
        # TODO(kata): while the service was down our retries were most of its traffic, and the
        # mail provider billed some invites three times.
        for _ in range(5):
            try:
                response = self._client.request(method, path, **request)
                response.raise_for_status()
                return response
            except Exception:
                continue
        raise UpstreamError(f"{method} {path} failed 5 times in a row")


class HttpPreviews:
    def __init__(self, upstream: Upstream):
        self._upstream = upstream

    def fetch(self, url: str) -> Result[Preview, Unavailable]:
        # TODO(kata): during the outage new posts failed with 500, and a preview titled with fifty
        # thousand characters broke the feed.
        data = self._upstream.request("GET", "/previews", params={"url": url}).json()
        return Ok(Preview(data["title"], data.get("description")))


class HttpMailer:
    def __init__(self, upstream: Upstream):
        self._upstream = upstream

    def send(self, *, to: str, subject: str, text: str, key: str) -> Result[None, Unavailable]:
        # TODO(kata): when the mail provider is down, inviting a friend answers 500, and the
        # calls keep coming to it at full rate all through its outage.
        self._upstream.request("POST", "/messages", json={"to": to, "subject": subject, "text": text})
        return Ok(None)
