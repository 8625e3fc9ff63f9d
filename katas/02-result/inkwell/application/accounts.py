"""Use cases about accounts: registering, and the bearer tokens that identify a caller."""

from __future__ import annotations

from inkwell.application.ports import Notifier, UnitOfWork
from inkwell.domain.model import User
from inkwell.domain.rules import normalise_email


def register_user(email: str, display_name: str, *, uow: UnitOfWork, notifier: Notifier) -> User | str:
    # TODO(kata): registering a taken email answers 200, and the app shows "Welcome!".
    address = normalise_email(email)
    if not display_name.strip():
        raise ValueError("display name is required")
    with uow:
        if uow.users.get_by_email(address) is not None:
            return "error: email taken"
        user = uow.users.add(User(email=address, display_name=display_name.strip()))
        uow.commit()
    # TODO(kata): nobody knows how many welcome emails were never sent.
    try:
        notifier.send_welcome(user)
    except:  # noqa: E722
        pass
    return user


def issue_token(email: str, *, uow: UnitOfWork) -> str | None:
    # TODO(kata): asking for a token with a mistyped email answers 401 "no account", and the
    # mobile app tells the user to sign up again.
    with uow:
        user = uow.users.get_by_email(email.strip().lower())
        if user is None or user.id is None:
            return None
        token = uow.tokens.issue(user.id)
        uow.commit()
    return token


def authenticate(token: str, *, uow: UnitOfWork) -> int | None:
    with uow:
        return uow.tokens.user_id_for(token) if token else None
