"""Text rules of Inkwell: how emails are stored and how titles become URL slugs."""

from __future__ import annotations

from collections.abc import Container

MAX_SLUG_LENGTH = 60


def normalise_email(raw: str) -> str:
    # TODO(kata): Task 1. Strip surrounding whitespace and lower-case the address; raise
    # ValueError for anything that is not exactly one '@' with text on both sides and no spaces.
    return raw


def slugify(title: str) -> str:
    # TODO(kata): Task 2. Keep only lower-case ASCII letters, digits and single hyphens: fold
    # accents, collapse runs of other characters to one hyphen, trim, cap at MAX_SLUG_LENGTH.
    return title.lower().replace(" ", "-")


def unique_slug(title: str, taken: Container[str]) -> str:
    # TODO(kata): Task 3. When the slug is taken, append -2, -3 ... and keep within the cap.
    return slugify(title)
