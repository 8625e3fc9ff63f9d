"""Use cases about accounts."""

from __future__ import annotations

import logging

from inkwell.application.ports import Notifier, UserRepository
from inkwell.domain.errors import Conflict, ValidationFailed
from inkwell.domain.model import User
from inkwell.domain.rules import normalise_email
from inkwell.result import Err, Ok, Result

log = logging.getLogger(__name__)


def register_user(
    email: str, display_name: str, *, users: UserRepository, notifier: Notifier
) -> Result[User, ValidationFailed | Conflict]:
    # Each expected failure is returned as a typed error; the caller decides what it means.
    checked = normalise_email(email)
    if isinstance(checked, Err):
        return checked
    address = checked.value
    if not display_name.strip():
        return Err(ValidationFailed("A display name is required.", {"display_name": "blank"}))
    if users.get_by_email(address) is not None:
        return Err(Conflict(f"An account already uses {address}."))
    user = users.add(User(email=address, display_name=display_name.strip()))
    # The account exists either way; a lost welcome email is worth a warning, not a rollback,
    # and never silence: the log says whom to write to again.
    if isinstance(sent := notifier.send_welcome(user), Err):
        log.warning("Welcome email to user %s not sent: %s", user.id, sent.error.detail)
    return Ok(user)
