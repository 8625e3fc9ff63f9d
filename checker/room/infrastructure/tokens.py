"""Tokens, join codes and digests, from the operating system's randomness."""

from __future__ import annotations

import hashlib
import secrets

# No 0/O, 1/I/L: a code read off a projector is typed without guessing.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class TokenSecrets:
    def new_token(self) -> str:
        return secrets.token_urlsafe(24)

    def new_code(self) -> str:
        return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))

    def digest(self, token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
