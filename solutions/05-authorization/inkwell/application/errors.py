"""Errors the use cases raise; the HTTP layer turns each into one problem response."""

from __future__ import annotations


class NotFound(Exception):
    """No such resource, as far as this caller may know (it may exist and be hidden)."""


class PermissionDenied(Exception):
    """The caller may see this resource but may not do this to it."""
