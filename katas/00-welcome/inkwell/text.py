"""Text rules of Inkwell: how emails are stored and how titles become URL slugs."""

from __future__ import annotations

from collections.abc import Container

MAX_SLUG_LENGTH = 60


def normalise_email(raw: str) -> str:
    # TODO(kata): Task 1, rules 1.1-1.5. Strip the whitespace around the address and lower-case
    # it; raise ValueError unless it holds exactly one '@', with text on both sides and no
    # whitespace of any kind inside.
    return raw


def slugify(title: str) -> str:
    # TODO(kata): Task 2, rules 2.1-2.6. Keep only lower-case ASCII letters, digits and single
    # hyphens: fold accents, turn runs of other characters into one hyphen, trim the ends, keep
    # the whole words that fit in MAX_SLUG_LENGTH, and fall back to "post".
    return title.lower().replace(" ", "-")


def unique_slug(title: str, taken: Container[str]) -> str:
    # TODO(kata): Task 3, rules 3.1-3.4. When the slug is taken, use the first free of -2, -3 ...,
    # shortening the slug (never the suffix) so that the whole stays within the cap.
    return slugify(title)
