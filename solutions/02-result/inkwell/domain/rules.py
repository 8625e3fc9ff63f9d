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
    return slug[:MAX_SLUG_LENGTH].strip("-") or "post"
