"""Use cases about accounts: registering, and the bearer tokens that identify a caller."""

from __future__ import annotations

import logging

from inkwell.application.ports import Notifier, UnitOfWork
from inkwell.domain.errors import Conflict, NotAuthenticated, ValidationFailed
from inkwell.domain.model import User
from inkwell.domain.rules import normalise_email
from inkwell.result import Err, Ok, Result

log = logging.getLogger(__name__)


def register_user(
    email: str, display_name: str, *, uow: UnitOfWork, notifier: Notifier
) -> Result[User, ValidationFailed | Conflict]:
    # Each expected failure is returned as a typed error; the caller decides what it means.
    checked = normalise_email(email)
    if isinstance(checked, Err):
        return checked
    address = checked.value
    if not display_name.strip():
        return Err(ValidationFailed("A display name is required.", {"display_name": "blank"}))
    with uow:
        if uow.users.get_by_email(address) is not None:
            return Err(Conflict(f"An account already uses {address}."))
        user = uow.users.add(User(email=address, display_name=display_name.strip()))
        uow.commit()
    # The account exists either way; a lost welcome email is worth a warning, not a rollback,
    # and never silence: the log says whom to write to again.
    if isinstance(sent := notifier.send_welcome(user), Err):
        log.warning("Welcome email to user %s not sent: %s", user.id, sent.error.detail)
    return Ok(user)


def issue_token(email: str, *, uow: UnitOfWork) -> Result[str, ValidationFailed | NotAuthenticated]:
    # The same rule as registration: the address is normalised, so ' ADA@example.com' is Ada.
    checked = normalise_email(email)
    if isinstance(checked, Err):
        return checked
    with uow:
        user = uow.users.get_by_email(checked.value)
        if user is None or user.id is None:
            return Err(NotAuthenticated("No account uses this email."))
        token = uow.tokens.issue(user.id)
        uow.commit()
    return Ok(token)


def authenticate(token: str, *, uow: UnitOfWork) -> Result[int, NotAuthenticated]:
    with uow:
        user_id = uow.tokens.user_id_for(token) if token else None
    if user_id is None:
        return Err(NotAuthenticated("A valid bearer token is required."))
    return Ok(user_id)
