"""The expected failures of the room's use cases. The HTTP edge maps each type to one status."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DomainError:
    detail: str


@dataclass(frozen=True)
class Unauthenticated(DomainError):
    """No credential, or one that belongs to nobody."""


@dataclass(frozen=True)
class Forbidden(DomainError):
    """The caller is known and may see the thing, but may not do this to it."""


@dataclass(frozen=True)
class NotFound(DomainError):
    """The thing does not exist, or the caller may not know that it exists."""


@dataclass(frozen=True)
class Conflict(DomainError):
    """The request clashes with the current state: a closed room, a taken name."""


@dataclass(frozen=True)
class ValidationFailed(DomainError):
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RateLimited(DomainError):
    retry_after: float = 1.0


def retry_seconds(wait: float) -> int:
    """Whole seconds to wait, rounded up: a client that waits this long is let in."""
    return max(1, math.ceil(wait))
