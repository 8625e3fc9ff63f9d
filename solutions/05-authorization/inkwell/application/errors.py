"""Errors the use cases raise; the interface turns each into one problem response.

Authorization fails closed: a refusal is raised, so a use case that forgets to handle it
stops rather than carries on (the README's paragraph on Results says why this kata raises).
"""

from __future__ import annotations


class NotFound(Exception):
    """No such resource, as far as this caller may know (it may exist and be hidden)."""


class PermissionDenied(Exception):
    """The caller may see this resource but may not do this to it."""


class EmailTaken(Exception):
    """Another account already uses this email (the database's unique constraint said so)."""
