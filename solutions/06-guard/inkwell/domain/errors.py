"""Expected failures, returned inside `Err` (kata 02): nothing raises them, so nothing forgets them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unavailable:
    """The outside service gave no usable answer; trying again makes sense after `retry_after` seconds."""

    detail: str
    retry_after: float = 1.0


@dataclass(frozen=True)
class NotAuthenticated:
    detail: str
