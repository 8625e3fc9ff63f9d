"""Text rules, carried over from the welcome kata: how emails are stored and slugs are made."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

from inkwell.domain.errors import InvalidEmail

MAX_SLUG_LENGTH = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def normalise_email(raw: str) -> str:
    cleaned = raw.strip().lower()
    local, at, domain = cleaned.partition("@")
    if not (at and local and domain) or "@" in domain or any(c.isspace() for c in cleaned):
        raise InvalidEmail(f"{raw!r} is not an email address: expected one '@' with text on both sides.")
    return cleaned


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_title.lower()).strip("-")
    return _cap(slug, MAX_SLUG_LENGTH) or "post"


def unique_slug(title: str, taken: Container[str]) -> str:
    base = slugify(title)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = _cap(base, MAX_SLUG_LENGTH - len(suffix)) + suffix
    return candidate


def _cap(slug: str, limit: int) -> str:
    if len(slug) <= limit:
        return slug
    # Keep the words that fit whole. Look one character past the cap: a hyphen there means
    # the last word ends exactly at the cap and is kept.
    head, hyphen, _ = slug[: limit + 1].rpartition("-")
    return head if hyphen else slug[:limit]
