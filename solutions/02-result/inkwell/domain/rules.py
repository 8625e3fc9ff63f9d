"""Inkwell's text rules: the stored form of an email and the URL slug of a title."""

from __future__ import annotations

import re
import unicodedata

from inkwell.domain.errors import ValidationFailed
from inkwell.result import Err, Ok, Result

MAX_SLUG_LENGTH = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def normalise_email(raw: str) -> Result[str, ValidationFailed]:
    # A malformed address is an everyday input, not a crash: answer it, naming the field.
    cleaned = raw.strip().lower()
    local, at, domain = cleaned.partition("@")
    if not (at and local and domain) or "@" in domain or any(c.isspace() for c in cleaned):
        problem = "expected one '@' with text on both sides and no spaces"
        return Err(ValidationFailed(f"{raw!r} is not an email address.", {"email": problem}))
    return Ok(cleaned)


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_title.lower()).strip("-")
    return _cap(slug, MAX_SLUG_LENGTH) or "post"


def numbered_slug(base: str, n: int) -> str:
    """`base` with the suffix `-n`: the base is shortened, not the suffix, to stay within the cap."""
    suffix = f"-{n}"
    return _cap(base, MAX_SLUG_LENGTH - len(suffix)) + suffix


def _cap(slug: str, limit: int) -> str:
    if len(slug) <= limit:
        return slug
    # Keep the words that fit whole. Look one character past the cap: a hyphen there means
    # the last word ends exactly at the cap and is kept.
    head, hyphen, _ = slug[: limit + 1].rpartition("-")
    return head if hyphen else slug[:limit]
