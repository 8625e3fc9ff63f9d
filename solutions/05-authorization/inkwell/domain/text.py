"""How emails are stored and how titles become URL slugs (the welcome kata's rules)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

MAX_SLUG_LENGTH = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def normalise_email(raw: str) -> str:
    cleaned = raw.strip().lower()
    local, at, domain = cleaned.partition("@")
    if not (at and local and domain) or "@" in domain or any(c.isspace() for c in cleaned):
        raise ValueError(f"{raw!r} is not an email address.")
    return cleaned


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_title.lower()).strip("-")[:MAX_SLUG_LENGTH].strip("-") or "post"


def unique_slug(title: str, taken: Container[str]) -> str:
    base = slugify(title)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base[: MAX_SLUG_LENGTH - len(str(n)) - 1].rstrip('-')}-{n}"
    return candidate
