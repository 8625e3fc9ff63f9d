"""The expected failures of Inkwell's read side, as values a use case returns inside `Err`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DomainError:
    detail: str


@dataclass(frozen=True)
class NotFound(DomainError):
    """The thing asked for does not exist."""


@dataclass(frozen=True)
class ValidationFailed(DomainError):
    """The input breaks a rule; `fields` maps each offending input's name to what is wrong."""

    fields: Mapping[str, str] = field(default_factory=dict)
