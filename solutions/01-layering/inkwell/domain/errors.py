"""The ways a business rule can refuse a request. The interface layer maps each to a status."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused the request; the message says which rule and why."""


class InvalidEmail(DomainError, ValueError):
    """The text is not an email address."""


class EmailAlreadyRegistered(DomainError):
    """Another account already uses this (normalised) address."""


class UserNotFound(DomainError):
    """No user has this id."""


class PostNotFound(DomainError):
    """No post has this id."""


class NotPostAuthor(DomainError):
    """Only a post's author may do this to it."""


class PostNotPublishable(DomainError):
    """The post breaks a publishing rule (no title, a body too short, archived)."""


class NotAuthenticated(DomainError):
    """The caller presented no valid token."""
