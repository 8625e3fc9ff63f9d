"""The account use cases: registering, signing in with a password, and tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime

from inkwell.application.ports import UnitOfWorkFactory
from inkwell.domain.errors import NotAuthenticated
from inkwell.domain.model import User
from inkwell.result import Err, Ok, Result

# Kept cheap so the kata's suites stay fast; a real service hashes with argon2id at its defaults.
_ROUNDS = 1_000


def normalise_email(raw: str) -> str:
    return raw.strip().lower()


def register_user(new_uow: UnitOfWorkFactory, email: str, display_name: str, password: str) -> int:
    with new_uow() as uow:
        user = uow.users.add(
            email=normalise_email(email),
            display_name=display_name,
            password_hash=_hash(password),
            now=datetime.now(UTC),
        )
        uow.commit()
        return user.id


def issue_token(new_uow: UnitOfWorkFactory, user_id: int) -> str:
    token = secrets.token_urlsafe(24)
    with new_uow() as uow:
        uow.users.add_token(user_id, _digest(token))
        uow.commit()
    return token


def sign_in(new_uow: UnitOfWorkFactory, email: str, password: str) -> Result[str, NotAuthenticated]:
    with new_uow() as uow:
        found = uow.users.password_hash(normalise_email(email))
    if found is None or not _matches(password, found[1]):
        return Err(NotAuthenticated("The email or the password is wrong."))
    return Ok(issue_token(new_uow, found[0]))


def authenticate(new_uow: UnitOfWorkFactory, token: str) -> User | None:
    with new_uow() as uow:
        return uow.users.by_token(_digest(token))


USE_CASES = (register_user, issue_token, sign_in, authenticate)


def _hash(password: str) -> str:
    salt = secrets.token_hex(16)
    return f"{salt}${hashlib.pbkdf2_hmac('sha256', password.encode(), salt.encode(), _ROUNDS).hex()}"


def _matches(password: str, stored: str) -> bool:
    salt, _, digest = stored.partition("$")
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), _ROUNDS).hex()
    return hmac.compare_digest(candidate, digest)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
