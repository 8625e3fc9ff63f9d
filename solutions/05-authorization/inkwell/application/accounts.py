"""The account use cases: registering users, issuing and checking tokens, editing profiles."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import replace
from datetime import UTC, datetime

from inkwell.application import policy
from inkwell.application.errors import NotFound, PermissionDenied
from inkwell.application.ports import UnitOfWorkFactory
from inkwell.domain.model import User
from inkwell.domain.text import normalise_email


class EmailTaken(Exception):
    """Another account already uses this email."""


class AccountService:
    def __init__(self, unit_of_work: UnitOfWorkFactory):
        self._uow = unit_of_work

    def register_user(self, email: str, display_name: str, role: str = "member") -> int:
        # The role is stored as given: this is also the import path of the legacy directory.
        # Only trusted code calls it with a role; the public sign-up route never passes one.
        email = normalise_email(email)
        with self._uow() as uow:
            if uow.users.by_email(email) is not None:
                raise EmailTaken("This email is already registered.")
            user = uow.users.add(email=email, display_name=display_name, role=role, now=datetime.now(UTC))
            uow.commit()
            return user.id

    def issue_token(self, user_id: int) -> str:
        token = secrets.token_urlsafe(24)
        with self._uow() as uow:
            uow.users.add_token(user_id, _digest(token))
            uow.commit()
        return token

    def authenticate(self, token: str) -> User | None:
        with self._uow() as uow:
            return uow.users.by_token(_digest(token))

    def read_user(self, user_id: int) -> User:
        with self._uow() as uow:
            user = uow.users.get(user_id)
        if user is None:
            raise NotFound("No user has this id.")
        return user

    def update_profile(self, actor: User | None, user_id: int, *, display_name: str) -> User:
        # Profiles are public, so "not yours" is an honest 403 here rather than a 404.
        user = self.read_user(user_id)
        if not policy.may_manage_user(actor, user_id):
            raise PermissionDenied("You may only change your own profile.")
        with self._uow() as uow:
            changed = replace(user, display_name=display_name)
            uow.users.save(changed)
            uow.commit()
            return changed


def _digest(token: str) -> str:
    # Only a digest is stored, so a copy of the database holds no usable tokens.
    return hashlib.sha256(token.encode()).hexdigest()
