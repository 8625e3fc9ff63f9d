"""The account use cases, one function each: registering users, tokens, profiles."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import replace
from datetime import UTC, datetime

from inkwell.application.errors import NotFound
from inkwell.application.ports import UnitOfWorkFactory
from inkwell.domain.model import User
from inkwell.domain.text import normalise_email


def register_user(new_uow: UnitOfWorkFactory, email: str, display_name: str, role: str = "member") -> int:
    # The role is stored as given: this is also the import path of the legacy directory.
    # No "is it taken?" query first: the unique constraint decides (users.add raises EmailTaken).
    with new_uow() as uow:
        user = uow.users.add(email=normalise_email(email), display_name=display_name, role=role, now=datetime.now(UTC))
        uow.commit()
        return user.id


def issue_token(new_uow: UnitOfWorkFactory, user_id: int) -> str:
    token = secrets.token_urlsafe(24)
    with new_uow() as uow:
        uow.users.add_token(user_id, _digest(token))
        uow.commit()
    return token


def authenticate(new_uow: UnitOfWorkFactory, token: str) -> User | None:
    with new_uow() as uow:
        return uow.users.by_token(_digest(token))


def read_user(new_uow: UnitOfWorkFactory, user_id: int) -> User:
    with new_uow() as uow:
        user = uow.users.get(user_id)
    if user is None:
        raise NotFound("No user has this id.")
    return user


# TODO(kata): A member renamed the site's admin yesterday; another one says they are an admin now.
def update_profile(
    new_uow: UnitOfWorkFactory, actor: User | None, user_id: int, *, display_name: str, role: str | None = None
) -> User:
    user = read_user(new_uow, user_id)
    with new_uow() as uow:
        changed = replace(user, display_name=display_name, role=role or user.role)
        uow.users.save(changed)
        uow.commit()
        return changed


USE_CASES = (register_user, issue_token, authenticate, read_user, update_profile)


def _digest(token: str) -> str:
    # Only a digest is stored, so a copy of the database holds no usable tokens.
    return hashlib.sha256(token.encode()).hexdigest()
