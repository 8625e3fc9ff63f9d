"""The expected failures of Inkwell's use cases, as values a use case returns inside `Err`.

They are not exceptions on purpose: nothing raises them, so nothing can forget to catch them.
Each says what went wrong in `detail`, a sentence a client may show. The HTTP edge maps each
type to one status (see the README); the use cases know nothing of HTTP.
"""

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
class Conflict(DomainError):
    """The request clashes with the current state: a taken email, a post already published."""


@dataclass(frozen=True)
class PermissionDenied(DomainError):
    """The caller is known but may not do this."""


@dataclass(frozen=True)
class ValidationFailed(DomainError):
    """The input breaks a rule; `fields` maps each offending input's name to what is wrong."""

    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DeliveryFailed(DomainError):
    """An outside system (the mailer) could not take a message; the caller decides what follows."""


@dataclass(frozen=True)
class NotAuthenticated(DomainError):
    """The caller could not be identified: no account for the email, no valid bearer token."""
