"""The refusals this kata teaches: a 503 that says when to come back, and a 429 that says how
long to wait. Seconds are whole and rounded up: a client that obeys never comes back too early."""

from __future__ import annotations

import math

from inkwell.interface.problems import Problem


def unavailable(detail: str, retry_after: float) -> Problem:
    # Honest about the outage, and about when to come back: never a 500 for someone else's failure.
    return Problem(503, "Service Unavailable", detail, {"Retry-After": str(whole_seconds(retry_after))})


def too_many(detail: str, wait: float, limit: int) -> Problem:
    seconds = str(whole_seconds(wait))
    headers = {"Retry-After": seconds, "RateLimit-Limit": str(limit), "RateLimit-Remaining": "0"}
    return Problem(429, "Too Many Requests", detail, headers | {"RateLimit-Reset": seconds})


def whole_seconds(seconds: float) -> int:
    return max(1, math.ceil(seconds))
