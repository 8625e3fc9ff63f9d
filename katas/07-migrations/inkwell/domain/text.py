"""Text rules of Inkwell (from the welcome kata): the one stored form of an email."""

from __future__ import annotations


def normalise_email(raw: str) -> str:
    cleaned = raw.strip().lower()
    local, at, domain = cleaned.partition("@")
    if not (at and local and domain) or "@" in domain or any(c.isspace() for c in cleaned):
        raise ValueError(f"{raw!r} is not an email address: expected one '@' with text on both sides.")
    return cleaned
