"""Inkwell's text rules: the stored form of an email and the URL slug of a title."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG_LENGTH = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def normalise_email(raw: str) -> str:
    # TODO(kata): signing up with a mistyped email answers a plain-text Internal Server Error.
    cleaned = raw.strip().lower()
    local, at, domain = cleaned.partition("@")
    if not (at and local and domain) or "@" in domain or any(c.isspace() for c in cleaned):
        raise ValueError(f"{raw!r} is not an email address")
    return cleaned


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_title.lower()).strip("-")
    return slug[:MAX_SLUG_LENGTH].strip("-") or "post"
