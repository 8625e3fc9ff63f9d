"""`kata join`: register this copy with a room and keep the learner's token."""

from __future__ import annotations

from pathlib import Path

import httpx2

from checker.errors import KataError
from checker.room.client.membership import Membership, save
from checker.room.client.outbox import Outbox


class JoinError(KataError):
    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # the server's Retry-After, when it asked to try again later


def join(root: Path, url: str, code: str, name: str, *, client: httpx2.Client | None = None) -> Membership:
    url = url.rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise JoinError(f"{url!r} is not a web address; the facilitator's screen shows one like http://10.0.0.5:8000")
    code = code.strip().upper()
    own = client is None
    http = client or httpx2.Client(timeout=httpx2.Timeout(5.0, connect=3.0))
    try:
        response = http.post(f"{url}/api/rooms/{code}/learners", json={"name": name.strip()})
    except httpx2.HTTPError as error:
        raise JoinError(
            f"Could not reach the room at {url}: {error}. Is the address right, and the server running?"
        ) from error
    finally:
        if own:
            http.close()
    if response.status_code == 429:
        retry = response.headers.get("retry-after", "")
        raise JoinError(_detail(response), retry_after=float(retry) if retry.isdigit() else 1.0)
    if response.status_code != 201:
        raise JoinError(_detail(response))
    body = response.json()
    membership = Membership(url, body["room"], body["room_name"], name.strip(), body["learner_id"], body["token"])
    save(root, membership)
    Outbox(root).clear()  # summaries queued for an earlier room are not this room's to see
    return membership


def _detail(response: httpx2.Response) -> str:
    try:
        problem = response.json()
    except ValueError:
        return f"The room answered {response.status_code}."
    detail = problem.get("detail", response.status_code)
    # An error that only repeats the sentence (the room's name rule says it once) is not said twice.
    errors = "; ".join(f"{e['field']}: {e['detail']}" for e in problem.get("errors", []) if e["detail"] != detail)
    return f"{detail}{' (' + errors + ')' if errors else ''}"
