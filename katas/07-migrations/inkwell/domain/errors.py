"""Expected failures, as types: the edge maps each one to a status (see interface/problems.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NotFound:
    what: str


@dataclass(frozen=True)
class Conflict:
    what: str


@dataclass(frozen=True)
class Invalid:
    field: str
    reason: str


DomainError = NotFound | Conflict | Invalid
