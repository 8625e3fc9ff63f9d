"""Use cases about accounts."""

from __future__ import annotations

from inkwell.application.ports import Notifier, UserRepository
from inkwell.domain.model import User
from inkwell.domain.rules import normalise_email


def register_user(email: str, display_name: str, *, users: UserRepository, notifier: Notifier) -> User | str:
    # TODO(kata): Task 1. Return Result[User, ValidationFailed | Conflict]: Ok(user) on success,
    # Err(ValidationFailed) for a malformed email or a blank display name, Err(Conflict) for a
    # taken email. No ValueError escaping, no error strings.
    address = normalise_email(email)
    if not display_name.strip():
        raise ValueError("display name is required")
    if users.get_by_email(address) is not None:
        return "error: email taken"
    user = users.add(User(email=address, display_name=display_name.strip()))
    # TODO(kata): Task 2. A failed welcome email must not vanish: look at what the notifier
    # answers and log a warning when it is an Err. Task 5: no bare except, no except-pass.
    try:
        notifier.send_welcome(user)
    except:  # noqa: E722
        pass
    return user
